//! Parsing HTML and walking its tree without recursion, in pieces when it nests deeper than
//! people write: the one traversal that both the block builder and the plain-text walk use.

use scraper::{Html, Node};

/// Nesting deeper than this is not written by people: past it the input is parsed in pieces.
pub(super) const MAX_DEPTH: usize = 256;

/// Parses `html` and walks the tree, normally in one piece.
///
/// html5ever takes time proportional to the depth of open elements for each block start tag
/// (it looks down the stack for a `<p>` to close), so 100,000 nested `<div>`s, a 1 MB input,
/// take about a minute. When a quick scan finds nesting that deep, the input is cut before
/// every [`MAX_DEPTH`]th start tag and each piece is parsed on its own into the same visitor:
/// no piece can nest deeper than it has tags, so the time is linear again. Structure across a
/// cut is lost, which only matters for input that was hostile or broken to begin with.
pub(super) fn parse_and_walk<V: Visitor>(html: &str, visitor: &mut V) {
    if !nests_deeper_than(html, MAX_DEPTH) {
        walk(&Html::parse_fragment(html), visitor);
        return;
    }
    let mut start = 0;
    for (count, at) in start_tags(html).enumerate() {
        if count > 0
            && count % MAX_DEPTH == 0
            && let Some(piece) = html.get(start..at)
        {
            walk(&Html::parse_fragment(piece), visitor);
            start = at;
        }
    }
    if let Some(piece) = html.get(start..) {
        walk(&Html::parse_fragment(piece), visitor);
    }
}

/// The byte offsets of what look like start tags: `<` and a letter.
fn start_tags(html: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = html.as_bytes();
    memchr::memchr_iter(b'<', bytes)
        .filter(move |&at| bytes.get(at + 1).is_some_and(u8::is_ascii_alphabetic))
}

/// An estimate of whether the parser's stack of open elements would grow past `limit`: start
/// tags open elements (except void ones, and those whose end tag is optional and which close
/// themselves), end tags close the element they name if it is near the top of the stack (the
/// parser ignores end tags that match nothing, so they must not lower the estimate). Errs on
/// the side of reporting deep nesting: comments and scripts are not told apart.
pub fn nests_deeper_than(html: &str, limit: usize) -> bool {
    let bytes = html.as_bytes();
    let name_at = |at: usize| {
        let rest = bytes.get(at..).unwrap_or_default();
        let end = rest
            .iter()
            .position(|&b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b':'))
            .unwrap_or(rest.len());
        rest.get(..end).unwrap_or_default()
    };
    let mut open: Vec<&[u8]> = Vec::new();
    for at in memchr::memchr_iter(b'<', bytes) {
        match bytes.get(at + 1) {
            Some(b'/') => {
                let name = name_at(at + 2);
                let near = open
                    .iter()
                    .rev()
                    .take(8)
                    .position(|n| n.eq_ignore_ascii_case(name));
                if let Some(from_top) = near {
                    open.truncate(open.len() - from_top - 1);
                }
            }
            Some(b) if b.is_ascii_alphabetic() => {
                let name = name_at(at + 1);
                if !closes_itself(name) {
                    open.push(name);
                    if open.len() > limit {
                        return true;
                    }
                }
            }
            _ => {}
        }
    }
    false
}

/// Void elements, and elements whose end tag may be left out because the next one (or the
/// end of their parent) closes them; neither makes the parser's stack grow.
fn closes_itself(name: &[u8]) -> bool {
    const NAMES: [&[u8]; 27] = [
        b"area",
        b"base",
        b"br",
        b"col",
        b"embed",
        b"hr",
        b"img",
        b"input",
        b"link",
        b"meta",
        b"source",
        b"track",
        b"wbr",
        b"image",
        b"p",
        b"li",
        b"dt",
        b"dd",
        b"tr",
        b"td",
        b"th",
        b"option",
        b"optgroup",
        b"thead",
        b"tbody",
        b"tfoot",
        b"colgroup",
    ];
    NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// What the walk asks of a tree consumer: `open` sees a node before its children and returns
/// `None` to skip them (and need no `close`), or what `close` needs once they are done.
pub(super) trait Visitor {
    type Close;
    fn open(&mut self, node: &Node) -> Option<Self::Close>;
    fn close(&mut self, close: Self::Close);
}

/// Depth-first walk over the parsed fragment with an explicit stack: html5ever builds trees as
/// deep as the input nests (100,000 `<div>`s make 100,000 levels), so recursion is not safe.
fn walk<V: Visitor>(fragment: &Html, visitor: &mut V) {
    let mut stack = Vec::new();
    let mut current = fragment.tree.root().first_child();
    loop {
        match current {
            Some(node) => match visitor.open(node.value()) {
                Some(close) => match node.first_child() {
                    Some(child) => {
                        stack.push((node, close));
                        current = Some(child);
                    }
                    None => {
                        visitor.close(close);
                        current = node.next_sibling();
                    }
                },
                None => current = node.next_sibling(),
            },
            None => match stack.pop() {
                Some((node, close)) => {
                    visitor.close(close);
                    current = node.next_sibling();
                }
                None => break,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::html::tests::{blocks, check_clean, p};
    use crate::feed::html::text_from_html;

    #[test]
    fn deep_nesting_does_not_overflow() {
        for (open, close) in [
            ("<div>", "</div>"),
            ("<blockquote><ul><li>", "</li></ul></blockquote>"),
            ("<span>", "</span>"),
            ("<figure>", "</figure>"),
        ] {
            let depth = 20_000;
            let html = format!("{}deep{}", open.repeat(depth), close.repeat(depth));
            let out = blocks(&html);
            assert_eq!(check_clean(&out), Ok(()), "{open}");
            assert!(!out.is_empty(), "{open}");
            assert_eq!(text_from_html(&html), "deep");
        }
    }

    #[test]
    fn hundred_thousand_nested_divs() {
        let depth = 100_000;
        for html in [
            format!("{}deep{}", "<div>".repeat(depth), "</div>".repeat(depth)),
            // End tags that match nothing are ignored by the parser: still deep.
            format!("{}deep", "<div></span>".repeat(depth)),
        ] {
            // About a minute if parsed in one piece (see `parse_and_walk`); the time is
            // measured in benches, not asserted here.
            assert_eq!(blocks(&html), [p("deep")]);
        }
    }

    #[test]
    fn nesting_estimate() {
        assert!(!nests_deeper_than(
            "<p>a<p>b<ul><li>x<li>y</ul><br><img>",
            1
        ));
        assert!(nests_deeper_than("<div><span><b>x", 2));
        assert!(!nests_deeper_than(
            &"<div>x</div>".repeat(10_000),
            MAX_DEPTH
        ));
        assert!(!nests_deeper_than(&"<p>x<br>".repeat(10_000), MAX_DEPTH));
        assert!(!nests_deeper_than(
            &"<DIV><b>x</B></div>".repeat(10_000),
            MAX_DEPTH
        ));
        assert!(nests_deeper_than(&"<div></span>".repeat(300), MAX_DEPTH));
        assert!(!nests_deeper_than("", MAX_DEPTH));
        assert!(!nests_deeper_than("<", MAX_DEPTH));
        assert!(!nests_deeper_than("</", MAX_DEPTH));
    }

    #[test]
    fn text_flows_across_the_pieces_of_deep_input() {
        let html: String = (0..1000).map(|i| format!("<i>{i} ")).collect();
        assert!(nests_deeper_than(&html, MAX_DEPTH));
        let words: Vec<String> = (0..1000).map(|i| i.to_string()).collect();
        assert_eq!(blocks(&html), [p(&words.join(" "))]);
        assert_eq!(text_from_html(&html), words.join(" "));
    }
}
