//! A feed document (RSS 0.9x/1.0/2.0, Atom 1.0, JSON Feed 1.x, in any encoding its XML
//! declaration names) read by `feed-rs` and turned into a bundle [`Doc`]: one story per item,
//! its HTML made into blocks by [`super::html`].
//!
//! The `Doc` is then loaded by the bundle loader itself, so stories from feeds are checked,
//! sanitized and normalized exactly like stories from bundles.

use feed_rs::model::{Entry, Feed, Link, MediaObject, Text};
use url::Url;

use crate::bundle::{self, Bundle, Doc, DocArticle, DocAudio, DocBlock, LoadError};

use std::io::Read;

use super::decode::{DecodeError, Pieces, pad_contacts, readable_root, utf8_xml, xml_pieces};
use super::html::{blocks_from_html, text_from_html};
use super::sniff::{ContentFormat, content_format};
use crate::text::printable;

/// Why a feed document could not be read. Each message is one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeedError {
    /// XML whose bytes cannot be made UTF-8 text.
    #[error("not a readable feed: {0}")]
    Decode(#[from] DecodeError),
    /// Nothing at the top that a feed starts with.
    #[error(
        "neither a bundle nor a feed: no JSON object, and no <rss>, <rdf:RDF> or <feed> at the top"
    )]
    NotAFeed,
    /// The feed parser's refusal, in the reader's words where they are clearer.
    #[error("not a readable feed: {}", printable(.reason))]
    Unreadable { reason: String },
    /// The feed parser panicked on the document.
    #[error("not a readable feed: the feed parser failed on it")]
    ParserFailed,
}

/// Reads the feed in `bytes` into a bundle. `file` names it in messages; `base` is the address
/// it was fetched from, against which relative links resolve.
pub fn read_feed(file: &str, bytes: &[u8], base: Option<&str>) -> bundle::Result<Bundle> {
    let feed = parsed(bytes, base).map_err(|e| refused(file, &e))?;
    load_doc(file, doc(feed, base))
}

/// [`read_feed`] of bytes it may drop as soon as they are parsed: each form the text takes
/// (the bytes, feed-rs's model, the bundle document, its JSON, the bundle) is let go of once
/// the next is made, so that a long story is never held many times over.
pub fn read_feed_owned(file: &str, bytes: Vec<u8>, base: Option<&str>) -> bundle::Result<Bundle> {
    let parser = feed_rs::parser::Builder::new().base_uri(base).build();
    let feed = if content_format(&bytes) == ContentFormat::Xml {
        xml_pieces(bytes)
            .map_err(FeedError::from)
            .and_then(|pieces| guarded(&parser, pieces))
    } else {
        guarded(&parser, Pieces::new(bytes, 0))
    };
    let feed = feed.map_err(|e| refused(file, &e))?;
    load_doc(file, doc(feed, base))
}

fn refused(file: &str, e: &FeedError) -> LoadError {
    LoadError::Feed {
        file: printable(file).into_owned(),
        what: e.to_string(),
    }
}

/// `doc` loaded by the bundle loader, as a bundle file would be.
fn load_doc(file: &str, doc: Doc) -> bundle::Result<Bundle> {
    bundle::load_full(file, &doc.into_vec())
}

/// The feed in `bytes` as a bundle document, or why it cannot be read.
pub fn feed_doc(bytes: &[u8], base: Option<&str>) -> Result<Doc, FeedError> {
    Ok(doc(parsed(bytes, base)?, base))
}

/// The feed in `bytes` as feed-rs reads it.
fn parsed(bytes: &[u8], base: Option<&str>) -> Result<Feed, FeedError> {
    let parser = feed_rs::parser::Builder::new().base_uri(base).build();
    if content_format(bytes) == ContentFormat::Xml {
        let text = utf8_xml(bytes)?;
        let text = pad_contacts(&text);
        match readable_root(&text) {
            Some(text) => guarded(&parser, text.as_bytes()),
            None => guarded(&parser, text.as_bytes()),
        }
    } else {
        guarded(&parser, bytes)
    }
}

/// feed-rs's parse, with a panic in it (feed-rs 3.0 slices strings at byte offsets in places,
/// found by fuzzing; see `decode::pad_contacts`) turned into the feed's refusal rather than
/// the reader's end. The panic hook is silenced meanwhile: the one line is the message.
fn guarded(parser: &feed_rs::parser::Parser, bytes: impl Read) -> Result<Feed, FeedError> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parser.parse(bytes)));
    std::panic::set_hook(hook);
    match result {
        Ok(parsed) => parsed.map_err(|e| refusal(&e.to_string())),
        Err(_) => Err(FeedError::ParserFailed),
    }
}

/// A message from a parser as a refusal on one line, in the reader's words where they are
/// clearer.
fn refusal(message: &str) -> FeedError {
    let line = message.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.as_str() {
        "unable to parse feed: no root element" => FeedError::NotAFeed,
        _ => FeedError::Unreadable {
            reason: line
                .replace("unable to parse XML: Parser error: ", "XML error: ")
                .replace("unable to parse XML: ", "XML error: ")
                .replace("unable to parse JSON: ", "JSON error: "),
        },
    }
}

/// The bundle document of `feed`, its entries let go of one by one as they are read.
fn doc(feed: Feed, base: Option<&str>) -> Doc {
    let title = feed
        .title
        .as_ref()
        .map(plain)
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| "Untitled feed".to_owned());
    let home = page_link(&feed.links, base);
    let base = home.as_deref().or(base);
    let mut ids = crate::bundle::UniqueIds::new();
    let language = feed.language.filter(|l| !l.trim().is_empty());
    let articles = feed
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            let mut article = article(&entry, base);
            // Ids must be unique in a bundle; feeds repeat them (or leave them out, when
            // feed-rs makes one from the link and title, which may repeat too).
            let id = if entry.id.trim().is_empty() {
                format!("item-{}", i + 1)
            } else {
                entry.id
            };
            article.id = ids.claim(id, 2);
            article
        })
        .collect();
    Doc {
        title,
        url: home,
        language,
        generated: None,
        articles,
    }
}

fn article(entry: &Entry, feed_base: Option<&str>) -> DocArticle {
    let base = entry
        .base
        .as_deref()
        .and_then(|b| resolve(b, feed_base))
        .or_else(|| feed_base.map(str::to_owned));
    let url = page_link(&entry.links, base.as_deref());
    // Relative links inside the text resolve against the story's own page first.
    let base = url.as_deref().or(base.as_deref());
    let StoryText { lead, mut body } = story_text(entry, base);
    let title = entry
        .title
        .as_ref()
        .map(plain)
        .filter(|t| !t.trim().is_empty())
        .or_else(|| headline_from(lead.as_deref(), &body))
        .or_else(|| url.clone())
        .unwrap_or_else(|| "(no title)".to_owned());
    let mut authors: Vec<String> = Vec::new();
    for name in entry.authors.iter().filter_map(|p| p.name.as_deref()) {
        let name = name.trim();
        if !name.is_empty() && !authors.iter().any(|a| a == name) {
            authors.push(name.to_owned());
        }
    }
    let audio = audio(entry, base);
    // An image captioned with nothing but the headline says nothing the reader has not read.
    let same = |caption: &str| caption.split_whitespace().eq(title.split_whitespace());
    body.retain(|b| !matches!(b, DocBlock::Image { caption, .. } if same(caption)));
    DocArticle {
        id: String::new(),
        title,
        url,
        source: None,
        section: entry
            .categories
            .iter()
            .map(|c| c.label.as_deref().unwrap_or(&c.term).trim())
            .find(|c| !c.is_empty())
            .map(str::to_owned),
        // feed-rs gives times in UTC; `Z` says so, and the reader shows it.
        published: entry
            .published
            .or(entry.updated)
            .map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
        authors,
        lead,
        body,
        related: None,
        audio,
        dir: None,
    }
}

/// A text construct as plain text on one line: HTML titles lose their tags and entities.
fn plain(text: &Text) -> String {
    let kind = text.content_type.essence().to_string();
    let text = if is_html(&kind) || tagged(&text.content) {
        text_from_html(&text.content)
    } else {
        decoded(&text.content)
    };
    text.trim().to_owned()
}

/// Plain text on one line with its character references decoded: feeds escape titles twice
/// (`Blog &amp;#8211; InfluxData`) and a `<` in plain text must stay a `<`.
fn decoded(text: &str) -> String {
    if text.contains('&') {
        text_from_html(&text.replace('<', "&lt;"))
    } else {
        one_spaced(text)
    }
}

/// Whether text that says it is plain has HTML in it all the same: RSS titles and
/// descriptions are plain by their specifications and HTML in practice. A closing or empty
/// tag tells; a lone `<` or `<word>` in prose does not.
fn tagged(text: &str) -> bool {
    text.contains("</") || text.contains("/>")
}

fn is_html(kind: &str) -> bool {
    kind.contains("html") || kind.ends_with("xml")
}

/// A text construct's blocks: HTML through the HTML reader, plain text in paragraphs.
fn blocks(content: &str, kind: &str, base: Option<&str>) -> Vec<DocBlock> {
    if is_html(kind) || tagged(content) {
        blocks_from_html(content, base)
            .into_iter()
            .map(DocBlock::from)
            .collect()
    } else {
        paragraphs(content)
    }
}

/// Plain text: paragraphs where a blank line separates them.
fn paragraphs(text: &str) -> Vec<DocBlock> {
    let text: std::borrow::Cow<'_, str> = if text.contains('\r') {
        text.replace("\r\n", "\n").into()
    } else {
        text.into()
    };
    text.split("\n\n")
        .map(one_spaced)
        .filter(|p| !p.is_empty())
        .map(|text| DocBlock::Paragraph { text })
        .collect()
}

/// `text`'s words with one space between them: `split_whitespace` joined by spaces, without
/// a list of the words (eight million of them in a 50 MB paragraph).
fn one_spaced(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.shrink_to_fit();
    out
}

/// A story's words from a feed item: its lead (a summary that is not the body's excerpt) and
/// its body.
struct StoryText {
    lead: Option<String>,
    body: Vec<DocBlock>,
}

/// The item's content as the body with its summary as the lead; without content, its summary
/// (or else its media descriptions) split by [`split_lead`].
fn story_text(entry: &Entry, base: Option<&str>) -> StoryText {
    let summary = entry
        .summary
        .as_ref()
        .filter(|t| !t.content.trim().is_empty());
    let content = entry
        .content
        .as_ref()
        .and_then(|c| {
            c.body
                .as_deref()
                .map(|body| (body, c.content_type.essence().to_string()))
        })
        .filter(|(body, _)| !body.trim().is_empty());
    match (content, summary) {
        (Some((content, kind)), summary) => {
            let body = blocks(content, &kind, base);
            let lead = summary
                .map(plain)
                .filter(|lead| !lead.is_empty() && !repeats(lead, &body));
            StoryText { lead, body }
        }
        (None, Some(summary)) => split_lead(blocks(
            &summary.content,
            &summary.content_type.essence().to_string(),
            base,
        )),
        (None, None) => split_lead(media_text(&entry.media)),
    }
}

/// A summary that is one paragraph is the story's lead; a longer one is its body.
fn split_lead(mut blocks: Vec<DocBlock>) -> StoryText {
    match blocks.as_mut_slice() {
        [DocBlock::Paragraph { text }] => {
            let mut lead = std::mem::take(text);
            if lead.contains('\n') {
                lead = lead.replace('\n', " ");
            }
            StoryText {
                lead: Some(lead),
                body: Vec::new(),
            }
        }
        _ => StoryText {
            lead: None,
            body: blocks,
        },
    }
}

/// Whether `lead` only repeats the start of the body (a description that is the content's
/// excerpt, often cut with an ellipsis).
fn repeats(lead: &str, body: &[DocBlock]) -> bool {
    // The body's words in reading order, without the addresses its links were given: a
    // summary is often the whole content flattened, not only its first paragraph.
    let first: String = body
        .iter()
        .flat_map(|b| match b {
            DocBlock::Paragraph { text }
            | DocBlock::Heading { text }
            | DocBlock::Quote { text } => vec![text.as_str()],
            DocBlock::List { items, .. } => items.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        })
        .map(|text| without_addresses(text) + " ")
        .collect();
    // A link whose text was its address without the scheme is shown with it in the body.
    let words = |s: &str| -> String {
        let s = s.replace("https://", " ").replace("http://", " ");
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (lead, first) = (words(lead), words(&first));
    let lead = lead
        .strip_suffix(" Continue reading")
        .or_else(|| lead.strip_suffix(" Read more"))
        .unwrap_or(&lead);
    // A cut excerpt may end inside a word.
    let stem = lead.rsplit_once(' ').map_or(lead, |(stem, _)| stem);
    !stem.is_empty() && first.starts_with(stem)
}

/// `text` without the `<https://…>` addresses the HTML reader writes after a link's words.
fn without_addresses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("<http") {
        let Some(end) = rest[at..].find('>') else {
            break;
        };
        out.push_str(&rest[..at]);
        rest = &rest[at + end + 1..];
    }
    out.push_str(rest);
    out
}

/// A headline for an item without a title (RSS allows that): the start of its text.
fn headline_from(lead: Option<&str>, body: &[DocBlock]) -> Option<String> {
    let text = lead.or_else(|| {
        body.iter().find_map(|b| match b {
            DocBlock::Paragraph { text } | DocBlock::Heading { text } => Some(text.as_str()),
            _ => None,
        })
    })?;
    // Only the start of the text can be the headline: it is looked for in longer and longer
    // starts cut at a space outside an address, rather than in a copy of a whole book.
    let mut most = 4096;
    while let Some(cut) = start_for_headline(text, most) {
        let start = one_spaced(&without_addresses(&text[..cut]));
        if start.chars().count() > HEADLINE_MOST {
            return headline_of(start);
        }
        most = most.saturating_mul(4);
    }
    headline_of(one_spaced(&without_addresses(text)))
}

/// The most characters of a headline made from a story's text.
const HEADLINE_MOST: usize = 80;

/// Where to cut `text` at or after byte `most`: at a space, after the end of every address
/// begun before it. `None` when it is shorter, or nothing fits.
fn start_for_headline(text: &str, most: usize) -> Option<usize> {
    let at = most + text.get(most..)?.find(char::is_whitespace)?;
    let head = &text[..at];
    let open = head
        .rfind("<http")
        .is_some_and(|i| !head[i..].contains('>'));
    (!open).then_some(at)
}

/// A headline from the start of a story's text, one-spaced and without addresses: cut after
/// a word, with `…`, when it is longer than [`HEADLINE_MOST`].
fn headline_of(text: String) -> Option<String> {
    if text.chars().count() <= HEADLINE_MOST {
        return Some(text).filter(|t| !t.is_empty());
    }
    let cut: String = text.chars().take(HEADLINE_MOST).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    Some(format!("{cut}…"))
}

/// Media RSS descriptions (YouTube's feeds carry their text only there).
fn media_text(media: &[MediaObject]) -> Vec<DocBlock> {
    media
        .iter()
        .filter_map(|m| m.description.as_ref())
        .flat_map(|d| {
            if is_html(&d.content_type.essence().to_string()) {
                blocks(&d.content, "text/html", None)
            } else {
                paragraphs(&d.content)
            }
        })
        .collect()
}

/// The story's audio: an enclosure or media content of an audio type.
fn audio(entry: &Entry, base: Option<&str>) -> Option<DocAudio> {
    let from_media = entry.media.iter().find_map(|m| {
        m.content.iter().find_map(|c| {
            let audio = c
                .content_type
                .as_ref()
                .is_some_and(|t| t.to_string().starts_with("audio/"));
            let url = c.url.as_ref()?;
            audio.then(|| DocAudio {
                url: Some(url.to_string()),
                duration_s: c.duration.or(m.duration).map(|d| d.as_secs()),
            })
        })
    });
    from_media.or_else(|| {
        entry
            .links
            .iter()
            .filter(|l| matches!(l.rel.as_deref(), None | Some("enclosure")))
            .find(|l| is_media(l, "audio/"))
            .and_then(|l| resolve(&l.href, base))
            .map(|url| DocAudio {
                url: Some(url),
                duration_s: None,
            })
    })
}

/// The page a feed or an entry links to: its `alternate` link (or one without a `rel`), else
/// its first link, resolved against `base`; only web addresses.
fn page_link(links: &[Link], base: Option<&str>) -> Option<String> {
    // JSON Feed's attachments come as links without a `rel`: they are not the page.
    let page = links
        .iter()
        .filter(|l| {
            !["audio/", "video/", "image/"]
                .iter()
                .any(|t| is_media(l, t))
        })
        .find(|l| matches!(l.rel.as_deref(), None | Some("alternate")))
        .or_else(|| {
            links
                .iter()
                .find(|l| !matches!(l.rel.as_deref(), Some("self" | "enclosure" | "hub")))
        })?;
    resolve(&page.href, base).filter(|u| u.starts_with("http://") || u.starts_with("https://"))
}

fn is_media(link: &Link, kind: &str) -> bool {
    link.media_type
        .as_deref()
        .is_some_and(|t| t.trim().to_ascii_lowercase().starts_with(kind))
}

/// `href` made absolute against `base` (when it is relative and there is one).
fn resolve(href: &str, base: Option<&str>) -> Option<String> {
    let href = href.trim();
    if href.is_empty() {
        return None;
    }
    match Url::parse(href) {
        Ok(url) => Some(url.to_string()),
        Err(url::ParseError::RelativeUrlWithoutBase) => base
            .and_then(|b| Url::parse(b).ok())
            .and_then(|b| b.join(href).ok())
            .map(|u| u.to_string()),
        Err(_) => None,
    }
}

#[cfg(test)]
mod tests;
