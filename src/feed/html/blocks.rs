//! The block builder: the text of the block being written, whitespace and line breaks inside
//! it, and where a finished block goes (into the enclosing quote or list, or out).

use url::Url;

use crate::bundle::Block;

use super::collect::{Collector, Figure, MAX_COLLECTORS};
use super::whitespace::{Run, for_each_run, trimmed};

/// The block builder: the text of the block being written, and what encloses it.
pub(super) struct Blocks {
    pub(super) base: Option<Url>,
    pub(super) out: Vec<Block>,
    /// The current block's text, whitespace already collapsed (`\n` for line breaks).
    pub(super) line: String,
    /// Collapsed whitespace not yet written: a space before the next word, if one follows.
    pub(super) space: bool,
    /// A table cell ended: ` | ` before the next word of the same row.
    pub(super) cell: bool,
    /// Counters that let an anchor tell whether its text is still in `line`.
    pub(super) flushes: u64,
    pub(super) words: u64,
    /// How many headings / `pre`s / tight blocks enclose the current node. Inside a tight block
    /// (a paragraph, list item, cell…) blank lines in the source are ordinary whitespace;
    /// outside them a blank line separates paragraphs, as in plain-text descriptions.
    pub(super) heading: usize,
    pub(super) pre: usize,
    pub(super) tight: usize,
    pub(super) collectors: Vec<Collector>,
    pub(super) figures: Vec<Figure>,
    /// Images met in the middle of a line, shown once that block is written.
    pub(super) deferred: Vec<Block>,
}

impl Blocks {
    pub(super) fn new(base: Option<Url>) -> Self {
        Blocks {
            base,
            out: Vec::new(),
            line: String::new(),
            space: false,
            cell: false,
            flushes: 0,
            words: 0,
            heading: 0,
            pre: 0,
            tight: 0,
            collectors: Vec::new(),
            figures: Vec::new(),
            deferred: Vec::new(),
        }
    }

    pub(super) fn finish(mut self) -> Vec<Block> {
        // The walk closes every element, so this only matters if that ever changes.
        self.flush();
        while !self.figures.is_empty() {
            self.close_figure();
        }
        while let Some(mut collector) = self.collectors.pop() {
            for block in collector.take() {
                self.emit(block);
            }
        }
        self.out
    }

    pub(super) fn push_collector(&mut self, collector: Collector) -> bool {
        let room = self.collectors.len() < MAX_COLLECTORS;
        if room {
            self.collectors.push(collector);
        }
        room
    }

    /// A text node: collapsed like a browser does, except inside `pre`, and with a blank line
    /// outside tight blocks ending the paragraph.
    pub(super) fn text(&mut self, text: &str) {
        if self.pre > 0 {
            self.preformatted(text);
            return;
        }
        for_each_run(text, |run| match run {
            Run::Space { newlines } if newlines >= 2 && self.tight == 0 => self.flush(),
            Run::Space { .. } => self.space = true,
            Run::Word(word) => self.word(word),
        });
    }

    pub(super) fn word(&mut self, word: &str) {
        if !self.line.is_empty() && !self.line.ends_with('\n') {
            if self.cell {
                self.line.push_str(" | ");
            } else if self.space {
                self.line.push(' ');
            }
        }
        self.space = false;
        self.cell = false;
        self.line.push_str(word);
        self.words += 1;
    }

    /// Text inside `pre`: lines, spaces and tabs kept as written (tabs are expanded to their
    /// stops where all text is cleaned, which knows the column).
    pub(super) fn preformatted(&mut self, text: &str) {
        self.space = false;
        self.cell = false;
        self.line.push_str(text);
        if text.contains(|c: char| !c.is_whitespace()) {
            self.words += 1;
        }
    }

    /// `<br>`: a line break inside the block; a second one in a row (nothing but whitespace
    /// between them) ends the paragraph, as `<br><br>` is how many feeds separate paragraphs.
    pub(super) fn line_break(&mut self) {
        if self.pre > 0 {
            self.line.push('\n');
            return;
        }
        self.space = false;
        self.cell = false;
        let kept = self
            .line
            .trim_end_matches(|c: char| c != '\n' && c.is_whitespace())
            .len();
        self.line.truncate(kept);
        if self.line.is_empty() {
            return;
        }
        if self.line.ends_with('\n') {
            self.line.pop();
            self.flush();
        } else {
            self.line.push('\n');
        }
    }

    /// Ends the current block: its text goes to the innermost collector, or out as a paragraph
    /// (a heading inside `h1`–`h6`, code inside `pre`), followed by any image met in its middle.
    pub(super) fn flush(&mut self) {
        self.flushes += 1;
        self.space = false;
        self.cell = false;
        if !self.line.is_empty() {
            let line = std::mem::take(&mut self.line);
            let text = if self.pre > 0 {
                // The first line's indent is part of the code: only blank lines go.
                let lines: Vec<&str> = line.split('\n').map(str::trim_end).collect();
                lines
                    .join("\n")
                    .trim_start_matches('\n')
                    .trim_end()
                    .to_owned()
            } else {
                trimmed(line)
            };
            if !text.is_empty() && !is_control_label(&text) {
                let block = if self.pre > 0 {
                    Block::Code(text)
                } else if self.heading > 0 {
                    Block::Heading(text)
                } else {
                    Block::Paragraph(text)
                };
                self.emit(block);
            }
        }
        for image in std::mem::take(&mut self.deferred) {
            self.emit(image);
        }
    }

    /// A finished block: into the innermost collector, or out. An image cannot go inside a
    /// quote or list, so it cuts them: what they hold so far goes out first, keeping the order.
    /// A table's cell can hold one, so the cutting stops at the innermost table.
    pub(super) fn emit(&mut self, block: Block) {
        if let Block::Image { .. } = block {
            let table = self
                .collectors
                .iter()
                .rposition(|c| matches!(c, Collector::Table(_)));
            for index in (table.map_or(0, |t| t + 1)..self.collectors.len()).rev() {
                let parts = self
                    .collectors
                    .get_mut(index)
                    .map(Collector::take)
                    .unwrap_or_default();
                for part in parts {
                    match index
                        .checked_sub(1)
                        .and_then(|o| self.collectors.get_mut(o))
                    {
                        Some(outer) => outer.absorb(part),
                        None => self.out.push(part),
                    }
                }
            }
            match table.and_then(|t| self.collectors.get_mut(t)) {
                Some(table) => table.absorb(block),
                None => self.out.push(block),
            }
            return;
        }
        match self.collectors.last_mut() {
            Some(collector) => collector.absorb(block),
            None => self.out.push(block),
        }
    }
}

/// A block that says nothing but what a control of the page said (`Dismiss` on a banner
/// drawn with plain `div`s and `span`s): the page's chrome, not the story's words.
fn is_control_label(text: &str) -> bool {
    const LABELS: [&str; 5] = [
        "dismiss",
        "close",
        "cancel",
        "skip ad",
        "skip advertisement",
    ];
    LABELS.iter().any(|label| text.eq_ignore_ascii_case(label))
}
