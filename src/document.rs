//! A story laid out for the reader pane at one width: wrapped lines of styled text.
//!
//! A story is laid out once per width and kept (`DocCache`), so scrolling only slices lines.
//! A long story is laid out as far as the reader has got, block by block, with the rest
//! estimated for the scrollbar; the terminal loop finishes it while no key is waiting.
//! Styles are roles, not colours: the theme in `ui` decides how each role looks.

mod cache;
mod dates;
mod kept;
mod lines;
mod table;

pub use cache::DocCache;
pub use dates::{date, day, duration, meta, short_day, year};

use crate::bundle::{Article, Block, LazyBody};
use crate::text;

/// A story whose body blocks hold at most this many bytes of text is laid out whole when
/// opened (well under a millisecond); a longer one block by block.
const WHOLE_UP_TO: usize = 64 * 1024;

/// What a piece of reader text is, for the theme to style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Title,
    Meta,
    Audio,
    Dateline,
    Lead,
    Body,
    Heading,
    Quote,
    /// The bar in front of a quote and the bullet of a list item.
    Marker,
    Caption,
    Link,
    /// Preformatted text (code), kept as written.
    Code,
}

/// One screen line of the reader.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocLine {
    pub spans: Vec<(String, Role)>,
}

/// A story wrapped to a width, as far as it has been laid out.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub width: usize,
    /// Every line laid out, as kept: see [`kept`].
    lines: Vec<kept::Line>,
    /// The wrapped parts the lines are ranges of.
    parts: Vec<kept::Part>,
    /// Lines with spans of their own.
    own: Vec<DocLine>,
    /// First line of each part of the story (title, meta, lead, each block, link), so that a
    /// reflow can keep the reader on the same part.
    anchors: Vec<usize>,
    /// What is still to be laid out; `None` once the story is complete.
    rest: Option<Box<Rest>>,
    /// Web addresses found in the text so far, numbered in order, listed at the end.
    links: Vec<String>,
    /// Each address's number, so that numbering a story's addresses takes one look each.
    link_numbers: std::collections::HashMap<String, usize>,
    /// Lines that show a link, and its whole address (a long one wraps over several lines).
    targets: Vec<(usize, String)>,
    /// Which way the story's paragraphs run.
    direction: Direction,
}

/// Which way a story's text runs, as its `dir` says.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Direction {
    /// Each paragraph the way its first letter goes.
    #[default]
    Auto,
    Rtl,
    Ltr,
}

/// The part of a long story not laid out yet.
#[derive(Debug, Clone)]
struct Rest {
    body: Body,
    /// The next block to lay out.
    next: usize,
    /// The link, which ends the story.
    url: Option<String>,
    /// Lines and source bytes of the blocks laid out so far, and the source bytes left, for
    /// estimating the story's length.
    lines_done: usize,
    bytes_done: usize,
    bytes_left: usize,
}

#[derive(Debug, Clone)]
enum Body {
    /// Blocks read already (a bundle read whole).
    Read(Vec<Block>),
    /// Blocks still in the file.
    InFile(LazyBody),
}

impl Body {
    fn len(&self) -> usize {
        match self {
            Body::Read(blocks) => blocks.len(),
            Body::InFile(body) => body.len(),
        }
    }

    fn bytes(&self, index: usize) -> usize {
        match self {
            Body::Read(blocks) => blocks.get(index).map_or(0, text_bytes),
            Body::InFile(body) => body.bytes(index),
        }
    }

    /// Block `index`, taken out: a block is laid out once, and its texts go into the layout
    /// without a copy.
    fn take(&mut self, index: usize) -> Option<Block> {
        match self {
            Body::Read(blocks) => blocks
                .get_mut(index)
                .map(|b| std::mem::replace(b, Block::Paragraph(String::new()))),
            Body::InFile(body) => body.block(index),
        }
    }
}

/// Bytes of text in a block.
fn text_bytes(block: &Block) -> usize {
    match block {
        Block::Paragraph(t) | Block::Heading(t) | Block::Quote(t) | Block::Code(t) => t.len(),
        Block::Image { caption, .. } => caption.len(),
        Block::List { items, .. } => items.iter().map(String::len).sum(),
        Block::Table(rows) => rows.iter().flatten().map(String::len).sum(),
    }
}

/// Lays out `article` for a text column `width` wide, whole.
pub fn build(article: &Article, width: usize) -> Document {
    let mut doc = Document::new(article, None, width);
    doc.finish();
    doc
}

impl Document {
    /// Lays out the start of `article` for a text column `width` wide: all of it when it is
    /// short, otherwise its title, metadata and lead, with its body (from `body` when it is
    /// still in the file) laid out as it is reached.
    pub fn new(article: &Article, body: Option<LazyBody>, width: usize) -> Document {
        let direction = match article.dir.as_deref() {
            Some("rtl") => Direction::Rtl,
            Some("ltr") => Direction::Ltr,
            _ => Direction::Auto,
        };
        let mut doc = Document {
            width,
            direction,
            ..Document::default()
        };
        doc.head(article);
        let body = match body {
            Some(body) => Body::InFile(body),
            None if article.body.iter().map(text_bytes).sum::<usize>() <= WHOLE_UP_TO => {
                for block in &article.body {
                    doc.block(block.clone());
                }
                doc.link(article.url.as_deref());
                return doc;
            }
            None => Body::Read(article.body.clone()),
        };
        let bytes_left = (0..body.len()).map(|i| body.bytes(i)).sum();
        doc.rest = Some(Box::new(Rest {
            body,
            next: 0,
            url: article.url.clone(),
            lines_done: 0,
            bytes_done: 0,
            bytes_left,
        }));
        doc
    }

    /// Title, metadata, audio and lead.
    fn head(&mut self, article: &Article) {
        self.part();
        self.text(&[(&article.title, Role::Title)], "", "");
        let meta = meta(article);
        if !meta.is_empty() {
            self.part();
            self.text(&[(&meta, Role::Meta)], "", "");
        }
        if let Some(audio) = &article.audio {
            let label = match audio.duration_s.filter(|&d| d > 0) {
                Some(d) => format!("♪ Listen · {}", duration(d)),
                None => "♪ Listen".to_owned(),
            };
            self.part();
            self.text(&[(&label, Role::Audio)], "", "");
        }
        if let Some(lead) = &article.lead {
            self.blank();
            self.part();
            let dateline = article
                .source
                .as_ref()
                .map(|s| format!("({s}) - "))
                .unwrap_or_default();
            self.text(&[(&dateline, Role::Dateline), (lead, Role::Lead)], "", "");
        }
    }

    /// The link, which ends the story.
    fn link(&mut self, url: Option<&str>) {
        // The addresses found in the text first, by their numbers.
        if !self.links.is_empty() {
            self.blank();
            self.part();
            self.text(&[("Links in the story:", Role::Meta)], "", "");
            // Kept for `L`, which opens them by number.
            let links = std::mem::take(&mut self.links);
            for (n, address) in links.iter().enumerate() {
                self.part();
                self.labelled(&format!("[{}] ", n + 1), address);
            }
            self.links = links;
        }
        if let Some(url) = url {
            self.blank();
            self.part();
            self.labelled("Link: ", url);
        }
    }

    /// An address after its label, its lines after the first starting where it started (a
    /// hanging indent), so that a long address reads as one thing. Where the column is too
    /// narrow for that, the address wraps under the label.
    fn labelled(&mut self, label: &str, address: &str) {
        let indent = text::width(label);
        if self.width < indent + 12 {
            self.text(&[(label, Role::Meta), (address, Role::Link)], "", "");
        } else {
            let rest = " ".repeat(indent);
            self.text_after(&[(address, Role::Link)], (label, Role::Meta), &rest);
        }
    }

    /// The address of the link line `line` shows, if it shows one.
    pub fn link_target(&self, line: usize) -> Option<&str> {
        self.targets
            .binary_search_by_key(&line, |(l, _)| *l)
            .ok()
            .map(|i| self.targets[i].1.as_str())
    }

    /// The web addresses in the story's text, in the order of their numbers (`[1]` first),
    /// as far as the story has been laid out: all of them once it is complete.
    pub fn numbered_links(&self) -> &[String] {
        &self.links
    }

    pub fn is_complete(&self) -> bool {
        self.rest.is_none()
    }

    /// Number of lines: exact once complete, otherwise the lines so far plus an estimate of
    /// the rest from the bytes still to come.
    pub fn total(&self) -> usize {
        let Some(rest) = &self.rest else {
            return self.lines.len();
        };
        // Lines per byte of what was laid out so far, or a column's worth of bytes per line
        // before anything was.
        let estimate = (rest.bytes_left * rest.lines_done.max(1))
            .checked_div(rest.bytes_done)
            .unwrap_or(rest.bytes_left / self.width.max(1));
        self.lines.len() + estimate.max(1)
    }

    /// Lays out the next block (or the closing link). Returns whether more is left.
    pub fn step(&mut self) -> bool {
        let Some(mut rest) = self.rest.take() else {
            return false;
        };
        if rest.next >= rest.body.len() {
            self.link(rest.url.as_deref());
            // Complete: no more lines come, so the room kept for them goes.
            self.lines.shrink_to_fit();
            return false;
        }
        let before = self.lines.len();
        let bytes = rest.body.bytes(rest.next);
        if let Some(block) = rest.body.take(rest.next) {
            self.block(block);
        }
        rest.next += 1;
        rest.lines_done += self.lines.len() - before;
        rest.bytes_done += bytes;
        rest.bytes_left -= bytes.min(rest.bytes_left);
        self.rest = Some(rest);
        true
    }

    /// Lays out blocks worth about `bytes` bytes of source (at least one), if any are left.
    pub fn work(&mut self, bytes: usize) {
        let Some(start) = self.rest.as_ref().map(|r| r.bytes_done) else {
            return;
        };
        while self.step()
            && self
                .rest
                .as_ref()
                .is_some_and(|r| r.bytes_done - start < bytes)
        {}
    }

    /// Lays out the whole story.
    pub fn finish(&mut self) {
        while self.step() {}
    }

    /// Lays out at least through `line` and the start of the part after it (so that the
    /// part holding `line` is whole), or to the end.
    pub fn lay_out_to(&mut self, line: usize) {
        while !self.is_complete()
            && (self.lines.len() <= line || self.anchors.last().is_none_or(|&a| a <= line))
        {
            self.step();
        }
    }

    /// Lays out at least through part `anchor` and the start of the one after it.
    fn lay_out_part(&mut self, anchor: usize) {
        while !self.is_complete() && self.anchors.len() <= anchor + 1 {
            self.step();
        }
    }

    /// Index of the part that contains `line` (laid out already).
    pub fn anchor_of(&self, line: usize) -> usize {
        self.anchors
            .partition_point(|&a| a <= line)
            .saturating_sub(1)
    }

    /// Where `line` is: its part, how many lines into the part, and the part's length.
    pub fn place_of(&self, line: usize) -> (usize, usize, usize) {
        let anchor = self.anchor_of(line);
        let start = self.anchors.get(anchor).copied().unwrap_or(0);
        let end = self
            .anchors
            .get(anchor + 1)
            .copied()
            .unwrap_or(self.lines.len());
        (
            anchor,
            line.saturating_sub(start),
            end.saturating_sub(start).max(1),
        )
    }

    /// The line at the same place in this layout as `place` (from [`Document::place_of`] of
    /// another layout of the same story): the same part, the same fraction of the way in.
    pub fn line_at(&mut self, (anchor, offset, len): (usize, usize, usize)) -> usize {
        let start = self.line_of(anchor);
        let (_, _, new_len) = self.place_of(start);
        start + (offset * new_len / len.max(1)).min(new_len - 1)
    }

    /// First line of part `anchor` (the last part when there are fewer), laying the story
    /// out that far.
    pub fn line_of(&mut self, anchor: usize) -> usize {
        self.lay_out_part(anchor);
        self.anchors
            .get(anchor)
            .or(self.anchors.last())
            .copied()
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests;
