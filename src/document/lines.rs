//! Turning the parts of a story into wrapped, styled lines: a paragraph, a marked block
//! (quote, caption, list item), code kept as written, runs of differently styled text
//! wrapped as one.

use super::kept::{Line, Part};
use super::{Document, Role};
use crate::bundle::Block;
use crate::text;

/// A list item's bullet by how deep it is nested, repeating past the last.
const BULLETS: [&str; 3] = ["• ", "◦ ", "▪ "];

impl Document {
    /// Starts a new part of the story at the next line.
    pub(super) fn part(&mut self) {
        self.anchors.push(self.lines.len());
    }

    /// One empty line between parts, never two and never at the top.
    pub(super) fn blank(&mut self) {
        if self.ends_with_text() {
            self.lines.push(Line::Blank);
        }
    }

    /// A body block as its own part (a list: one part per item), after a blank line. Its
    /// texts are kept as they are, not copied.
    pub(super) fn block(&mut self, block: Block) {
        self.blank();
        self.part();
        match block {
            Block::Paragraph(t) => {
                let t = self.numbered(t);
                self.wrap_part(Part::plain(t, Role::Body));
            }
            Block::Heading(t) => self.wrap_part(Part::plain(t, Role::Heading)),
            Block::Quote(t) => {
                let t = self.numbered(t);
                self.marked(t, Role::Quote, "│ ", "│ ");
            }
            Block::Image { caption, .. } => {
                let caption = self.numbered(caption);
                self.marked(caption, Role::Caption, "▣ ", "  ");
            }
            Block::List { items, levels } => {
                for (i, item) in items.into_iter().enumerate() {
                    if i > 0 {
                        self.part();
                    }
                    let level = usize::from(levels.get(i).copied().unwrap_or(0));
                    let item = self.numbered(item);
                    // Each level two columns further in, with a bullet of its own.
                    let indent = "  ".repeat(level);
                    let bullet = BULLETS[level % BULLETS.len()];
                    self.marked(
                        item,
                        Role::Body,
                        &format!("{indent}{bullet}"),
                        &format!("{indent}  "),
                    );
                }
            }
            Block::Code(t) => self.code(t),
            Block::Table(rows) => self.table(&rows),
        }
    }

    /// Preformatted text line for line as written, never reflowed, in its own style behind an
    /// indent. A line too long for the column goes on in pieces, each behind `↪`, so that no
    /// piece reads as a line of its own. Addresses in it are left as written.
    fn code(&mut self, text: String) {
        let (indent, more) = if self.columns() > 4 {
            ("  ", "↪ ")
        } else {
            ("", "")
        };
        let room = self.columns() - text::width(indent);
        let index = self.parts.len();
        let from = self.lines.len();
        let mut start = 0;
        for line in text.split('\n') {
            let (mut rest, mut first) = (line, true);
            let mut at = start;
            loop {
                let cut = text::fit(rest, room);
                self.lines.push(Line::Text {
                    part: index,
                    start: at,
                    end: at + cut,
                    first,
                    hyphen: false,
                });
                rest = &rest[cut..];
                at += cut;
                if rest.is_empty() {
                    break;
                }
                first = false;
            }
            start += line.len() + 1;
        }
        let mut part = Part::marked(text, Role::Code, indent, more);
        part.verbatim = true;
        self.keep(part, from);
    }

    /// `text` with its web addresses numbered (see [`Document::number_links`]): the same
    /// string when it has none.
    fn numbered(&mut self, text: String) -> String {
        let numbered = match self.number_links(&text) {
            std::borrow::Cow::Owned(numbered) => Some(numbered),
            std::borrow::Cow::Borrowed(_) => None,
        };
        numbered.unwrap_or(text)
    }

    /// `text` with `[n]` after each web address in it, the addresses kept for the list at
    /// the end of the story. An address in angle brackets (`<https://…>`, how plain text
    /// marks a link, and how links from feeds' HTML are written) is replaced by its number:
    /// the sentence reads as the page did, and the address is in the list. An address met
    /// again keeps its first number.
    pub(super) fn number_links<'t>(&mut self, text: &'t str) -> std::borrow::Cow<'t, str> {
        let found = web_addresses(text);
        if found.is_empty() {
            return std::borrow::Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len() + 5 * found.len());
        let mut from = 0;
        for range in found {
            let address = &text[range.clone()];
            let n = match self.link_numbers.get(address) {
                Some(&n) => n,
                None => {
                    self.links.push(address.to_owned());
                    self.link_numbers
                        .insert(address.to_owned(), self.links.len());
                    self.links.len()
                }
            };
            let bracketed = range.start > from
                && text[..range.start].ends_with('<')
                && text[range.end..].starts_with('>');
            if bracketed {
                out.push_str(&text[from..range.start - 1]);
                out.push_str(&format!("[{n}]"));
                from = range.end + 1;
            } else {
                out.push_str(&text[from..range.end]);
                out.push_str(&format!(" [{n}]"));
                from = range.end;
            }
        }
        out.push_str(&text[from..]);
        std::borrow::Cow::Owned(out)
    }

    pub(super) fn columns(&self) -> usize {
        self.width.max(1)
    }

    /// A text with a marker before its first line and an indent before the others, both in
    /// [`Role::Marker`]. Falls back to no marker when the column is too narrow for one.
    pub(super) fn marked(&mut self, text: String, role: Role, first: &str, rest: &str) {
        if self.columns() <= text::width(first).max(text::width(rest)) + 1 {
            self.wrap_part(Part::plain(text, role));
        } else {
            self.wrap_part(Part::marked(text, role, first, rest));
        }
    }

    /// Wraps runs of differently styled text as one paragraph, `first` before its first line
    /// and `rest` before the others, both as [`Role::Marker`].
    pub(super) fn text(&mut self, runs: &[(&str, Role)], first: &str, rest: &str) {
        self.text_after(runs, (first, Role::Marker), rest);
    }

    /// [`Document::text`] with the role of what comes before the first line.
    pub(super) fn text_after(&mut self, runs: &[(&str, Role)], first: (&str, Role), rest: &str) {
        self.wrap_part(Part::runs(runs, first, rest));
    }
}

/// Where the web addresses (`http://`, `https://`) in `text` are: from the scheme to the next
/// space, without the punctuation that usually follows an address in a sentence.
pub(super) fn web_addresses(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(start) = next_scheme(text, at) {
        // Only at the start of a word: not inside another address or word.
        let starts_word = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || "([{<\"'«“‘".contains(c));
        let rest = &text[start..];
        // An address in angle brackets ends at the bracket, whatever follows it.
        let bracketed = text[..start].ends_with('<');
        let len = rest
            .find(|c: char| c.is_whitespace() || (bracketed && c == '>'))
            .unwrap_or(rest.len());
        let address = rest[..len].trim_end_matches(|c: char| ".,;:!?)]}>\"'»”’".contains(c));
        let scheme_len = if address.starts_with("https://") {
            8
        } else {
            7
        };
        if starts_word && address.len() > scheme_len {
            found.push(start..start + address.len());
        }
        at = start + len.max(1);
    }
    found
}

/// Where the next `http://` or `https://` in `text` from byte `at` begins. One search for
/// `http` (memchr's), where looking for each scheme went over the text twice.
fn next_scheme(text: &str, mut at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    loop {
        let start = at + memchr::memmem::find(bytes.get(at..)?, b"http")?;
        let rest = &bytes[start + 4..];
        if rest.starts_with(b"://") || rest.starts_with(b"s://") {
            return Some(start);
        }
        at = start + 4;
    }
}

#[cfg(test)]
mod tests {
    use super::next_scheme;
    use crate::bundle::Block;
    use crate::document::tests::shown;

    #[test]
    fn nested_items_go_further_in_with_a_bullet_per_level() {
        let list = Block::List {
            items: ["a", "b c d", "e", "f", "g"].map(String::from).to_vec(),
            levels: vec![0, 1, 2, 3, 0],
        };
        assert_eq!(
            shown(vec![list.clone()], 20)[3],
            "      • f",
            "the bullets start again past the third level"
        );
        // Where a level's indent leaves no room, its items lose their marker, not their text.
        assert_eq!(
            shown(vec![list], 8),
            ["• a", "  ◦ b c", "    d", "    ▪ e", "f", "• g"]
        );
    }

    #[test]
    fn the_next_scheme_is_the_first_of_either() {
        assert_eq!(next_scheme("a http://x https://y", 0), Some(2));
        assert_eq!(next_scheme("a http://x https://y", 3), Some(11));
        assert_eq!(next_scheme("httphttps://y", 0), Some(4));
        assert_eq!(next_scheme("http:/ https:x httpx://", 0), None);
        assert_eq!(next_scheme("http://", 8), None);
        assert_eq!(next_scheme("Hà Nội http://x", 0), Some(10));
    }
}
