//! Turning the parts of a story into wrapped, styled lines: a paragraph, a marked block
//! (quote, caption, list item), runs of differently styled text wrapped as one.

use super::{DocLine, Document, Role};
use crate::bundle::Block;
use crate::text::{self, WrapLine};

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
            Block::Paragraph(t) => self.text(&[(t, Role::Body)], "", ""),
            Block::Heading(t) => self.text(&[(t, Role::Heading)], "", ""),
            Block::Quote(t) => self.marked(t, Role::Quote, "│ ", "│ "),
            Block::Image { caption, .. } => self.marked(caption, Role::Caption, "▣ ", "  "),
            Block::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.part();
                    }
                    self.marked(item, Role::Body, "• ", "  ");
                }
            }
        }
    }

    fn columns(&self) -> usize {
        self.width.max(1)
    }

    /// A text with a marker before its first line and an indent before the others, both in
    /// [`Role::Marker`]. Falls back to no marker when the column is too narrow for one.
    pub(super) fn marked(&mut self, text: &str, role: Role, first: &str, rest: &str) {
        if self.columns() <= text::width(first) + 1 {
            self.text(&[(text, role)], "", "");
        } else {
            self.text(&[(text, role)], first, rest);
        }
    }

    /// Wraps runs of differently styled text as one paragraph.
    pub(super) fn text(&mut self, runs: &[(&str, Role)], first: &str, rest: &str) {
        let joined: String = runs.iter().map(|(t, _)| *t).collect();
        let indent = text::width(first).max(text::width(rest));
        let lines = text::wrap(&joined, self.columns() - indent);
        // Byte offset where each run ends in `joined`.
        let mut ends = Vec::with_capacity(runs.len());
        let mut end = 0;
        for (t, role) in runs {
            end += t.len();
            ends.push((end, *role));
        }
        for (i, line) in lines.iter().enumerate() {
            let mut spans = Vec::new();
            let prefix = if i == 0 { first } else { rest };
            if !prefix.is_empty() {
                spans.push((prefix.to_owned(), Role::Marker));
            }
            spans.extend(split_runs(&joined, line, &ends));
            self.lines.push(DocLine { spans });
        }
    }
}

/// Cuts one wrapped line into spans at run boundaries, each with its run's role.
fn split_runs(joined: &str, line: &WrapLine, ends: &[(usize, Role)]) -> Vec<(String, Role)> {
    let mut spans = Vec::new();
    let mut start = line.range.start;
    for &(run_end, role) in ends {
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
    spans
}
