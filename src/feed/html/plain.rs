//! The one-line text walk behind [`text_from_html`](super::text_from_html), for titles and
//! summaries.

use scraper::Node;

use super::tags::{is_block, is_dropped_element, local};
use super::walk::Visitor;
use super::whitespace::{Run, for_each_run};

/// The one-line text walk behind [`text_from_html`](super::text_from_html).
#[derive(Default)]
pub(super) struct Plain {
    pub(super) out: String,
    space: bool,
}

/// What an element's edges do to the words on either side.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Edge {
    /// A block (a paragraph, a cell): the words on either side are separated.
    Separates,
    /// An inline element: the words on either side run on as written.
    Joins,
}

impl Visitor for Plain {
    type Close = Edge;

    fn open(&mut self, node: &Node) -> Option<Edge> {
        match node {
            Node::Text(text) => {
                for_each_run(text, |run| match run {
                    Run::Space { .. } => self.space = true,
                    Run::Word(word) => {
                        if self.space && !self.out.is_empty() {
                            self.out.push(' ');
                        }
                        self.space = false;
                        self.out.push_str(word);
                    }
                });
                None
            }
            Node::Element(element) => {
                let name = local(element.name());
                if is_dropped_element(name, element) || matches!(name, "img" | "image") {
                    return None;
                }
                if matches!(name, "br" | "hr") {
                    self.space = true;
                    return None;
                }
                let edge = if is_block(name) {
                    Edge::Separates
                } else {
                    Edge::Joins
                };
                self.space |= edge == Edge::Separates;
                Some(edge)
            }
            _ => None,
        }
    }

    fn close(&mut self, edge: Edge) {
        self.space |= edge == Edge::Separates;
    }
}

#[cfg(test)]
mod tests {
    use crate::feed::html::text_from_html;

    #[test]
    fn text_from_html_is_one_line() {
        assert_eq!(
            text_from_html("Tom &amp; Jerry <b>live</b>"),
            "Tom & Jerry live"
        );
        assert_eq!(
            text_from_html(
                "<p>One</p><p>Two<br>three</p> <a href=\"https://e.example\">link</a><img alt=\"pic\"><script>x</script>"
            ),
            "One Two three link"
        );
        assert_eq!(text_from_html("  plain\n\n text  "), "plain text");
        assert_eq!(text_from_html("a<b>b</b>c"), "abc");
        assert_eq!(text_from_html("&nbsp;x&nbsp;"), "x");
        assert_eq!(text_from_html(""), "");
    }
}
