//! Links: addresses resolved against the base, and a link's address written after its text
//! the plain-text way, unless the text already shows it.

use scraper::node::Element;
use url::Url;

use super::blocks::Blocks;

/// An open `<a href>` with an address worth showing.
pub(super) struct Anchor {
    url: String,
    href: String,
    /// Where in the line buffer its text starts, valid while `flushes` is unchanged.
    start: usize,
    flushes: u64,
    /// The visible-word count when it opened: unchanged means it showed no text.
    words: u64,
}

impl Blocks {
    /// An http(s) address for `href`, resolved against the base; `None` for other schemes
    /// (`javascript:`, `mailto:`, `data:`), same-page fragments and unresolvable relatives.
    pub(super) fn resolve(&self, href: &str) -> Option<String> {
        let href = href.trim();
        if href.is_empty() || href.starts_with('#') {
            return None;
        }
        let url = match &self.base {
            Some(base) => base.join(href).ok()?,
            None => match Url::parse(href) {
                Ok(url) => url,
                // Protocol-relative with nothing to take the scheme from: the web is https.
                Err(_) if href.starts_with("//") => Url::parse(&format!("https:{href}")).ok()?,
                Err(_) => return None,
            },
        };
        if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
            return None;
        }
        if let Some(base) = &self.base
            && url.fragment().is_some()
            && url[..url::Position::AfterQuery] == base[..url::Position::AfterQuery]
        {
            return None;
        }
        Some(url.into())
    }

    /// An `<a>` opening: `None` when its address is not one worth showing.
    pub(super) fn open_anchor(&mut self, element: &Element) -> Option<Anchor> {
        let href = element.attr("href").unwrap_or("");
        let url = self.resolve(href)?;
        Some(Anchor {
            url,
            href: href.trim().to_owned(),
            start: self.line.len(),
            flushes: self.flushes,
            words: self.words,
        })
    }

    /// After a link's text: ` (address)` so the reader's link list picks the address up,
    /// unless the text already is the address.
    pub(super) fn close_anchor(&mut self, anchor: Anchor) {
        // Code is kept as written: an address added to it would read as part of the code.
        if self.pre > 0 {
            return;
        }
        if self.words == anchor.words {
            // No text (an anchor around an image, or an empty one): nothing to attach it to.
            return;
        }
        if self.flushes != anchor.flushes {
            // The anchor wrapped blocks, so its text has gone out already.
            if self.line.is_empty() {
                self.word(&anchor.url);
            } else {
                self.link_suffix(&anchor.url);
            }
            return;
        }
        let Some(text) = self.line.get(anchor.start..) else {
            self.link_suffix(&anchor.url);
            return;
        };
        let shown = text.trim();
        if shown.is_empty() || shown.contains(anchor.url.as_str()) {
            return;
        }
        if same_address(shown, &anchor.url) || same_address(shown, &anchor.href) {
            if !has_web_scheme(shown) {
                // `example.org/page` for `https://example.org/page`: write the full address once,
                // so it is recognised as one.
                let lead = text.len() - text.trim_start().len();
                self.line.truncate(anchor.start + lead);
                self.line.push_str(&anchor.url);
            }
            return;
        }
        self.link_suffix(&anchor.url);
    }

    /// The address after the anchor text in angle brackets, how plain text marks a link
    /// (RFC 3986, appendix C): the reader shows it as the link's number and lists it.
    /// Whitespace that ended the link's text stays after the address, never inside it, so
    /// the next word cannot run into the address (`library <…> for`, not `<…>for`).
    fn link_suffix(&mut self, url: &str) {
        let after = self.space;
        self.space = true;
        self.word(&format!("<{url}>"));
        self.space = after;
    }
}

fn has_web_scheme(text: &str) -> bool {
    strip_web_scheme(text).is_some()
}

fn strip_web_scheme(text: &str) -> Option<&str> {
    ["https://", "http://"].into_iter().find_map(|scheme| {
        text.get(..scheme.len())
            .filter(|head| head.eq_ignore_ascii_case(scheme))
            .and_then(|_| text.get(scheme.len()..))
    })
}

/// Whether a link's text names the same address as its target, up to the scheme and a trailing
/// slash (`example.org` for `https://example.org/`).
fn same_address(text: &str, url: &str) -> bool {
    let bare = |s: &str| {
        let s = s.trim();
        strip_web_scheme(s)
            .unwrap_or(s)
            .trim_end_matches('/')
            .to_owned()
    };
    let text = bare(text);
    !text.is_empty() && text.eq_ignore_ascii_case(&bare(url))
}

#[cfg(test)]
mod tests {
    use crate::feed::html::blocks_from_html;
    use crate::feed::html::tests::{blocks, h, image, p};

    #[test]
    fn relative_links_and_images_resolve_against_the_base() {
        let html = r#"<p><a href="story.html">Story</a>, <a href="/about">About</a>,
            <a href="../up?x=1">Up</a>, <a href="//cdn.example/f">CDN</a>,
            <a href="https://other.example/">Elsewhere</a>.</p><img src="img/p.png" alt="P">"#;
        assert_eq!(
            blocks_from_html(html, Some("https://example.org/news/")),
            [
                p("Story <https://example.org/news/story.html>, \
                   About <https://example.org/about>, Up <https://example.org/up?x=1>, \
                   CDN <https://cdn.example/f>, Elsewhere <https://other.example/>."),
                image("P", Some("https://example.org/news/img/p.png"), Some("P")),
            ]
        );
        // Without a base a relative address cannot be shown; the text stays.
        assert_eq!(
            blocks(r#"<a href="story.html">Story</a> <img src="p.png" alt="P">"#),
            [p("Story"), image("P", None, Some("P"))]
        );
    }

    #[test]
    fn link_addresses() {
        let base = Some("https://example.org/news/item");
        let cases = [
            (
                r#"<a href="https://example.org/">https://example.org</a>"#,
                "https://example.org",
            ),
            (
                r#"<a href="https://example.org/page">example.org/page/</a> ok"#,
                "https://example.org/page ok",
            ),
            (
                r#"Read <a href="https://example.org/x">more at https://example.org/x</a>"#,
                "Read more at https://example.org/x",
            ),
            (r#"<a href="javascript:alert(1)">click</a>"#, "click"),
            (r#"<a href="mailto:me@example.org">mail me</a>"#, "mail me"),
            (r##"<a href="#section-2">jump</a>"##, "jump"),
            (r##"<a href="item#comments">comments</a>"##, "comments"),
            (r#"<a name="top">anchor</a>"#, "anchor"),
            (r#"x <a href="https://example.org/i"></a> y"#, "x y"),
            (
                r#"<a href="https://example.org/b"><b>bold</b> link</a>"#,
                "bold link <https://example.org/b>",
            ),
            (
                r#"the <a href="https://example.org/c">CIRCL library </a>for it"#,
                "the CIRCL library <https://example.org/c> for it",
            ),
        ];
        for (html, text) in cases {
            assert_eq!(blocks_from_html(html, base), [p(text)], "{html}");
        }
        // An anchor around only an image adds no text.
        assert_eq!(
            blocks(
                r#"<a href="https://example.org/big.jpg"><img src="https://example.org/s.jpg" alt="S"></a>"#
            ),
            [image("S", Some("https://example.org/s.jpg"), Some("S"))]
        );
        // A link wrapping a block: its address follows the block.
        assert_eq!(
            blocks(r#"<a href="https://example.org/t"><h2>Title</h2></a>"#),
            [h("Title"), p("https://example.org/t")]
        );
    }
}
