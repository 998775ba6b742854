//! How a laid-out story is kept: each wrapped part's text once, and each of its screen lines
//! as a byte range of that text, so that a story's layout takes little more memory than its
//! text however many lines it makes. The spans a line is drawn with are made when the line is
//! asked for (a screen's worth per frame).

use std::ops::Range;

use super::{DocLine, Document, Role};
use crate::text::{self, WrapLine};

/// Text wrapped as one part of the story: the texts of its runs one after another, each run
/// in its own role, with a marker before its first line and another before the rest.
#[derive(Debug, Clone)]
pub(super) struct Part {
    pub(super) text: String,
    /// Where each run ends in `text`, and its role.
    pub(super) runs: Vec<(usize, Role)>,
    /// Before the first line, and its role.
    pub(super) first: (String, Role),
    /// Before every other line, as [`Role::Marker`].
    pub(super) rest: String,
    /// Code: lines cut where the text says and drawn as written, break hints included.
    pub(super) verbatim: bool,
    /// Runs right to left: each line is set against the right edge of the column.
    pub(super) rtl: bool,
}

impl Part {
    /// `text` in one role, with nothing before its lines.
    pub(super) fn plain(text: String, role: Role) -> Part {
        Part::marked(text, role, "", "")
    }

    /// `text` in one role, `first` before its first line and `rest` before the others.
    pub(super) fn marked(text: String, role: Role, first: &str, rest: &str) -> Part {
        Part {
            runs: vec![(text.len(), role)],
            text,
            first: (first.to_owned(), Role::Marker),
            rest: rest.to_owned(),
            verbatim: false,
            rtl: false,
        }
    }

    /// Runs of differently styled text, one after another.
    pub(super) fn runs(runs: &[(&str, Role)], first: (&str, Role), rest: &str) -> Part {
        let mut text = String::with_capacity(runs.iter().map(|(t, _)| t.len()).sum());
        let mut ends = Vec::with_capacity(runs.len());
        for &(run, role) in runs {
            text.push_str(run);
            ends.push((text.len(), role));
        }
        Part {
            text,
            runs: ends,
            first: (first.0.to_owned(), first.1),
            rest: rest.to_owned(),
            verbatim: false,
            rtl: false,
        }
    }

    /// The text of the first run in `role`, if there is one.
    fn run_in(&self, role: Role) -> Option<&str> {
        let mut start = 0;
        for &(end, r) in &self.runs {
            if r == role {
                return self.text.get(start..end);
            }
            start = end;
        }
        None
    }
}

/// One screen line as it is kept.
#[derive(Debug, Clone)]
pub(super) enum Line {
    /// An empty line.
    Blank,
    /// A line with spans of its own (a table row): `Document::own[index]`.
    Own(usize),
    /// Bytes `start..end` of `Document::parts[part]`; whether it is the part's first line
    /// (for code: the first piece of one of its lines) and ends at a soft hyphen drawn as `-`.
    Text {
        part: usize,
        start: usize,
        end: usize,
        first: bool,
        hyphen: bool,
    },
}

impl Document {
    /// Number of lines laid out so far.
    pub fn line_count(&self) -> usize {
        self.lines.len()
    }

    /// Line `index` as drawn, if it has been laid out.
    pub fn line(&self, index: usize) -> Option<DocLine> {
        let mut spans = Vec::new();
        self.lines.get(index)?;
        self.each_span(index, |span, role| spans.push((span.to_owned(), role)));
        Some(DocLine { spans })
    }

    /// The lines in `range` that have been laid out, as drawn.
    pub fn lines(&self, range: Range<usize>) -> impl Iterator<Item = DocLine> + '_ {
        range.map_while(|i| self.line(i))
    }

    /// Each span of line `index` as drawn, with its role, in order: what [`Document::line`]
    /// holds, without making it (drawing a frame reads a screen of lines this way).
    pub fn each_span(&self, index: usize, mut each: impl FnMut(&str, Role)) {
        match self.lines.get(index) {
            None | Some(Line::Blank) => {}
            Some(Line::Own(i)) => {
                for (span, role) in self.own.get(*i).map_or(&[][..], |l| &l.spans) {
                    each(span, *role);
                }
            }
            Some(&Line::Text {
                part,
                start,
                end,
                first,
                hyphen,
            }) => {
                let Some(part) = self.parts.get(part) else {
                    return;
                };
                let (prefix, role) = if first {
                    (part.first.0.as_str(), part.first.1)
                } else {
                    (part.rest.as_str(), Role::Marker)
                };
                let line = WrapLine {
                    range: start..end,
                    hyphen,
                };
                if part.rtl && !part.verbatim {
                    // Set against the right edge: the line's spans, after the room left.
                    let mut spans: Vec<(String, Role)> = Vec::new();
                    if !prefix.is_empty() {
                        spans.push((prefix.to_owned(), role));
                    }
                    split_runs(&part.text, &line, &part.runs, &mut |s: &str, r| {
                        spans.push((s.to_owned(), r));
                    });
                    let used: usize = spans.iter().map(|(s, _)| text::width(s)).sum();
                    let room = self.columns().saturating_sub(used);
                    if room > 0 {
                        each(&" ".repeat(room), Role::Body);
                    }
                    for (span, role) in &spans {
                        each(span, *role);
                    }
                    return;
                }
                if !prefix.is_empty() {
                    each(prefix, role);
                }
                if part.verbatim {
                    if let Some(shown) = part.text.get(line.range).filter(|s| !s.is_empty()) {
                        each(shown, Role::Code);
                    }
                } else {
                    split_runs(&part.text, &line, &part.runs, &mut each);
                }
            }
        }
    }

    /// About how much memory the layout takes, in bytes.
    pub fn held_bytes(&self) -> usize {
        let parts: usize = self.parts.iter().map(|p| p.text.capacity() + 64).sum();
        let own: usize = self
            .own
            .iter()
            .flat_map(|l| &l.spans)
            .map(|(text, _)| text.capacity() + 32)
            .sum();
        parts + own + self.lines.capacity() * std::mem::size_of::<Line>()
    }

    /// Whether the last line laid out shows something.
    pub(super) fn ends_with_text(&self) -> bool {
        self.lines
            .len()
            .checked_sub(1)
            .and_then(|i| self.line(i))
            .is_some_and(|l| !l.spans.is_empty())
    }

    /// A line with spans of its own.
    pub(super) fn push_own(&mut self, line: DocLine) {
        if line.spans.is_empty() {
            self.lines.push(Line::Blank);
        } else {
            self.lines.push(Line::Own(self.own.len()));
            self.own.push(line);
        }
    }

    /// Wraps `part` to the column, less the width of its markers, and keeps it.
    pub(super) fn wrap_part(&mut self, mut part: Part) {
        part.rtl = match self.direction {
            super::Direction::Rtl => true,
            super::Direction::Ltr => false,
            super::Direction::Auto => text::starts_right_to_left(&part.text),
        };
        let indent = text::width(&part.first.0).max(text::width(&part.rest));
        let index = self.parts.len();
        let from = self.lines.len();
        let width = self.columns().saturating_sub(indent);
        let lines = &mut self.lines;
        let mut first = true;
        text::wrap_each(&part.text, width, |line| {
            lines.push(Line::Text {
                part: index,
                start: line.range.start,
                end: line.range.end,
                first,
                hyphen: line.hyphen,
            });
            first = false;
        });
        self.keep(part, from);
    }

    /// Keeps `part`, whose lines from `from` on have been laid out, noting the lines that
    /// show (part of) its link.
    pub(super) fn keep(&mut self, part: Part, from: usize) {
        let target = part.run_in(Role::Link).map(str::to_owned);
        self.parts.push(part);
        if let Some(url) = target {
            for line in from..self.lines.len() {
                let shows_link = self
                    .line(line)
                    .is_some_and(|l| l.spans.iter().any(|(_, role)| *role == Role::Link));
                if shows_link {
                    self.targets.push((line, url.clone()));
                }
            }
        }
    }
}

/// Cuts one wrapped line of `joined` (the texts of the runs one after another, each ending
/// where `runs` says) into spans at run boundaries, each handed to `each` with its run's role.
fn split_runs(
    joined: &str,
    line: &WrapLine,
    runs: &[(usize, Role)],
    each: &mut impl FnMut(&str, Role),
) {
    let mut start = line.range.start;
    for &(run_end, role) in runs {
        if run_end > start && start < line.range.end {
            let end = run_end.min(line.range.end);
            let piece = WrapLine {
                range: start..end,
                hyphen: line.hyphen && end == line.range.end,
            };
            let shown = piece.render(joined);
            if !shown.is_empty() {
                each(&shown, role);
            }
            start = end;
        }
    }
}
