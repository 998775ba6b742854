//! Turning the parts of a story into wrapped, styled lines: a paragraph, a marked block
//! (quote, caption, list item), code kept as written, runs of differently styled text
//! wrapped as one.

use super::{DocLine, Document, Role};
use crate::bundle::Block;
use crate::text::{self, WrapLine};

/// A list item's bullet by how deep it is nested, repeating past the last.
const BULLETS: [&str; 3] = ["• ", "◦ ", "▪ "];

impl Document {
    /// Starts a new part of the story at the next line.
    pub(super) fn part(&mut self) {
        self.anchors.push(self.lines.len());
    }

    /// One empty line between parts, never two and never at the top.
    pub(super) fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.spans.is_empty()) {
            self.lines.push(DocLine::default());
        }
    }

    /// A body block as its own part (a list: one part per item), after a blank line.
    pub(super) fn block(&mut self, block: &Block) {
        self.blank();
        self.part();
        match block {
            Block::Paragraph(t) => {
                let t = self.number_links(t);
                self.text(&[(&t, Role::Body)], "", "");
            }
            Block::Heading(t) => self.text(&[(t, Role::Heading)], "", ""),
            Block::Quote(t) => {
                let t = self.number_links(t);
                self.marked(&t, Role::Quote, "│ ", "│ ");
            }
            Block::Image { caption, .. } => {
                let caption = self.number_links(caption);
                self.marked(&caption, Role::Caption, "▣ ", "  ");
            }
            Block::List { items, levels } => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.part();
                    }
                    let level = usize::from(levels.get(i).copied().unwrap_or(0));
                    let item = self.number_links(item);
                    // Each level two columns further in, with a bullet of its own.
                    let indent = "  ".repeat(level);
                    let bullet = BULLETS[level % BULLETS.len()];
                    self.marked(
                        &item,
                        Role::Body,
                        &format!("{indent}{bullet}"),
                        &format!("{indent}  "),
                    );
                }
            }
            Block::Code(t) => self.code(t),
            Block::Table(rows) => self.table(rows),
        }
    }

    /// Preformatted text line for line as written, never reflowed, in its own style behind an
    /// indent. A line too long for the column goes on in pieces, each behind `↪`, so that no
    /// piece reads as a line of its own. Addresses in it are left as written.
    fn code(&mut self, text: &str) {
        let (indent, more) = if self.columns() > 4 {
            ("  ", "↪ ")
        } else {
            ("", "")
        };
        let room = self.columns() - text::width(indent);
        for line in text.split('\n') {
            let (mut rest, mut prefix) = (line, indent);
            loop {
                let cut = text::fit(rest, room);
                let mut spans = Vec::with_capacity(2);
                if !prefix.is_empty() {
                    spans.push((prefix.to_owned(), Role::Marker));
                }
                if cut > 0 {
                    spans.push((rest[..cut].to_owned(), Role::Code));
                }
                self.lines.push(DocLine { spans });
                rest = &rest[cut..];
                if rest.is_empty() {
                    break;
                }
                prefix = more;
            }
        }
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
    pub(super) fn marked(&mut self, text: &str, role: Role, first: &str, rest: &str) {
        if self.columns() <= text::width(first).max(text::width(rest)) + 1 {
            self.text(&[(text, role)], "", "");
        } else {
            self.text(&[(text, role)], first, rest);
        }
    }

    /// Wraps runs of differently styled text as one paragraph, `first` before its first line
    /// and `rest` before the others, both as [`Role::Marker`].
    pub(super) fn text(&mut self, runs: &[(&str, Role)], first: &str, rest: &str) {
        self.text_after(runs, (first, Role::Marker), rest);
    }

    /// [`Document::text`] with the role of what comes before the first line.
    pub(super) fn text_after(
        &mut self,
        runs: &[(&str, Role)],
        (first, first_role): (&str, Role),
        rest: &str,
    ) {
        // Most parts are one run: wrapped where it is.
        let joined: std::borrow::Cow<'_, str> = match runs {
            [(only, _)] => std::borrow::Cow::Borrowed(only),
            _ => std::borrow::Cow::Owned(runs.iter().map(|(t, _)| *t).collect()),
        };
        let indent = text::width(first).max(text::width(rest));
        let lines = text::wrap(&joined, self.columns() - indent);
        // A link's address, for the lines that show (part of) it.
        let target = runs
            .iter()
            .find(|(_, role)| *role == Role::Link)
            .map(|(t, _)| *t);
        for (i, line) in lines.iter().enumerate() {
            let (prefix, role) = if i == 0 {
                (first, first_role)
            } else {
                (rest, Role::Marker)
            };
            let mut spans = Vec::with_capacity(runs.len() + usize::from(!prefix.is_empty()));
            if !prefix.is_empty() {
                spans.push((prefix.to_owned(), role));
            }
            split_runs(&joined, line, runs, &mut spans);
            if let Some(url) = target
                && spans.iter().any(|(_, role)| *role == Role::Link)
            {
                self.targets.push((self.lines.len(), url.to_owned()));
            }
            self.lines.push(DocLine { spans });
        }
    }
}

/// Cuts one wrapped line of `joined` (the texts of `runs` one after another) into spans at
/// run boundaries, each with its run's role, appended to `spans`.
fn split_runs(
    joined: &str,
    line: &WrapLine,
    runs: &[(&str, Role)],
    spans: &mut Vec<(String, Role)>,
) {
    let mut start = line.range.start;
    let mut run_end = 0;
    for &(run, role) in runs {
        run_end += run.len();
        if run_end > start && start < line.range.end {
            let end = run_end.min(line.range.end);
            let piece = WrapLine {
                range: start..end,
                hyphen: line.hyphen && end == line.range.end,
            };
            let shown = piece.render(joined);
            if !shown.is_empty() {
                spans.push((shown.into_owned(), role));
            }
            start = end;
        }
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
