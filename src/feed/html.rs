//! HTML from feed descriptions and content, turned into the bundle's blocks.
//!
//! RSS `<description>` and `<content:encoded>`, Atom `<content type="html">` (or `xhtml`) and
//! JSON Feed `content_html` all carry HTML written for a browser. [`blocks_from_html`] turns it
//! into the paragraphs, headings, quotes, images and lists the reader shows, and
//! [`text_from_html`] flattens it into one line for titles and summaries.
//!
//! The HTML is parsed by html5ever (through `scraper`), which repairs whatever a feed sends the
//! way a browser would, and the tree is then walked **iteratively** so that no nesting depth can
//! overflow the stack. Everything produced is plain text; control characters and Unicode
//! normalization are dealt with later, where every feed field is cleaned.
//!
//! A link keeps its text, followed by its address in angle brackets (`the plan
//! <https://example.org/vote>`), the plain-text way of marking a link: the reader shows such an
//! address as the link's number `[n]` and lists it at the end of the story.

use url::Url;

use crate::bundle::Block;

mod blocks;
mod collect;
mod handlers;
mod images;
mod links;
mod plain;
mod table;
mod tags;
#[cfg(test)]
mod tests;
mod walk;
mod whitespace;

use blocks::Blocks;
use plain::Plain;
pub use walk::nests_deeper_than;
use walk::parse_and_walk;
use whitespace::trimmed;

/// The blocks of an HTML fragment, in reading order. `base` is the address relative links and
/// image sources are resolved against (usually the item's link or the feed's address).
///
/// Never panics, whatever the input; no block it returns is empty or starts or ends with
/// whitespace.
pub fn blocks_from_html(html: &str, base: Option<&str>) -> Vec<Block> {
    let base = base.and_then(|base| Url::parse(base.trim()).ok());
    let mut blocks = Blocks::new(base);
    parse_and_walk(html, &mut blocks);
    blocks.finish()
}

/// All the text of an HTML fragment on one line: entities decoded, whitespace collapsed, no
/// link addresses and no image text. For titles and summaries such as
/// `Tom &amp; Jerry <b>live</b>`.
pub fn text_from_html(html: &str) -> String {
    let mut plain = Plain::default();
    parse_and_walk(html, &mut plain);
    trimmed(plain.out)
}
