//! A story laid out for the reader pane at one width: wrapped lines of styled text.
//!
//! Built once per story and width (see `DocCache` in `app`), so scrolling only slices lines.
//! Styles are roles, not colours: the theme in `ui` decides how each role looks.

use std::collections::VecDeque;
use std::rc::Rc;

use crate::bundle::{Article, Block};
use crate::text::{self, WrapLine};

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
}

/// One screen line of the reader.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocLine {
    pub spans: Vec<(String, Role)>,
}

/// A story wrapped to a width.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub width: usize,
    pub lines: Vec<DocLine>,
    /// First line of each part of the story (title, meta, lead, each block, link), so that a
    /// reflow can keep the reader on the same part.
    pub anchors: Vec<usize>,
}

impl Document {
    /// Index of the part that contains `line`.
    pub fn anchor_of(&self, line: usize) -> usize {
        self.anchors
            .partition_point(|&a| a <= line)
            .saturating_sub(1)
    }

    /// Where `line` is: its part, how many lines into the part, and the part's length.
    pub fn place_of(&self, line: usize) -> (usize, usize, usize) {
        let anchor = self.anchor_of(line);
        let start = self.line_of(anchor);
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
    pub fn line_at(&self, (anchor, offset, len): (usize, usize, usize)) -> usize {
        let (_, _, new_len) = self.place_of(self.line_of(anchor));
        self.line_of(anchor) + (offset * new_len / len.max(1)).min(new_len - 1)
    }

    /// First line of part `anchor` (the last part when there are fewer).
    pub fn line_of(&self, anchor: usize) -> usize {
        self.anchors
            .get(anchor)
            .or(self.anchors.last())
            .copied()
            .unwrap_or(0)
    }
}

/// Formats a duration in seconds as `m:ss` or `h:mm:ss`.
pub fn duration(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// The parts of an RFC 3339 date (`2026-02-01`) or date-time (`2026-02-01T08:00:00+07:00`):
/// the date and, if there is one, the hour and minute. `None` for anything else.
fn rfc3339(text: &str) -> Option<(&str, Option<&str>)> {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|s| s.len() == r.len() && s.iter().all(u8::is_ascii_digit))
    };
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    if !(digits(0..4) && at(4, b'-') && digits(5..7) && at(7, b'-') && digits(8..10)) {
        return None;
    }
    if b.len() == 10 {
        return Some((&text[..10], None));
    }
    let time = matches!(b.get(10), Some(b'T' | b't' | b' '))
        && digits(11..13)
        && at(13, b':')
        && digits(14..16)
        && at(16, b':')
        && digits(17..19);
    if !time {
        return None;
    }
    let mut i = 19;
    if at(i, b'.') {
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    let zone = match b.get(i) {
        Some(b'Z' | b'z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            digits(i + 1..i + 3) && at(i + 3, b':') && digits(i + 4..i + 6) && i + 6 == b.len()
        }
        _ => false,
    };
    zone.then(|| (&text[..10], Some(&text[11..16])))
}

/// An RFC 3339 time as `YYYY-MM-DD HH:MM` (in the zone it was written in), a date as itself,
/// and anything else as written.
pub fn date(published: &str) -> String {
    match rfc3339(published) {
        Some((day, Some(time))) => format!("{day} {time}"),
        Some((day, None)) => day.to_owned(),
        None => published.to_owned(),
    }
}

/// The date alone of an RFC 3339 time, for the headline list; anything else as written.
pub fn day(published: &str) -> &str {
    rfc3339(published).map_or(published, |(day, _)| day)
}

/// The reader's metadata line: source, section, date and authors, those that are present.
pub fn meta(article: &Article) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(article.source.clone());
    parts.extend(article.section.clone());
    parts.extend(article.published.as_deref().map(date));
    if !article.authors.is_empty() {
        parts.push(article.authors.join(", "));
    }
    parts.join(" · ")
}

/// Lays out `article` for a text column `width` wide.
pub fn build(article: &Article, width: usize) -> Document {
    let mut doc = Builder {
        doc: Document {
            width,
            ..Document::default()
        },
        width: width.max(1),
    };
    doc.part();
    doc.text(&[(&article.title, Role::Title)], "", "");
    let meta = meta(article);
    if !meta.is_empty() {
        doc.part();
        doc.text(&[(&meta, Role::Meta)], "", "");
    }
    if let Some(audio) = &article.audio {
        let label = match audio.duration_s.filter(|&d| d > 0) {
            Some(d) => format!("♪ Nghe bài · {}", duration(d)),
            None => "♪ Nghe bài".to_owned(),
        };
        doc.part();
        doc.text(&[(&label, Role::Audio)], "", "");
    }
    if let Some(lead) = &article.lead {
        doc.blank();
        doc.part();
        let dateline = article
            .source
            .as_ref()
            .map(|s| format!("({s}) - "))
            .unwrap_or_default();
        doc.text(&[(&dateline, Role::Dateline), (lead, Role::Lead)], "", "");
    }
    for block in &article.body {
        doc.blank();
        doc.part();
        match block {
            Block::Paragraph(t) => doc.text(&[(t, Role::Body)], "", ""),
            Block::Heading(t) => doc.text(&[(t, Role::Heading)], "", ""),
            Block::Quote(t) => doc.marked(t, Role::Quote, "│ ", "│ "),
            Block::Image { caption, .. } => doc.marked(caption, Role::Caption, "▣ ", "  "),
            Block::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        doc.part();
                    }
                    doc.marked(item, Role::Body, "• ", "  ");
                }
            }
        }
    }
    if let Some(url) = &article.url {
        doc.blank();
        doc.part();
        doc.text(&[("Link: ", Role::Meta), (url, Role::Link)], "", "");
    }
    doc.doc
}

struct Builder {
    doc: Document,
    width: usize,
}

impl Builder {
    fn part(&mut self) {
        self.doc.anchors.push(self.doc.lines.len());
    }

    fn blank(&mut self) {
        if self.doc.lines.last().is_some_and(|l| !l.spans.is_empty()) {
            self.doc.lines.push(DocLine::default());
        }
    }

    /// A text with a marker before its first line and an indent before the others, both in
    /// [`Role::Marker`]. Falls back to no marker when the column is too narrow for one.
    fn marked(&mut self, text: &str, role: Role, first: &str, rest: &str) {
        if self.width <= text::width(first) + 1 {
            self.text(&[(text, role)], "", "");
        } else {
            self.text(&[(text, role)], first, rest);
        }
    }

    /// Wraps runs of differently styled text as one paragraph.
    fn text(&mut self, runs: &[(&str, Role)], first: &str, rest: &str) {
        let joined: String = runs.iter().map(|(t, _)| *t).collect();
        let indent = text::width(first).max(text::width(rest));
        let lines = text::wrap(&joined, self.width - indent);
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
            self.doc.lines.push(DocLine { spans });
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

/// A small most-recently-used cache of laid-out stories, keyed by story and width, so that
/// scrolling, moving back and forth and redrawing never wrap a story twice.
#[derive(Debug)]
pub struct DocCache {
    capacity: usize,
    entries: VecDeque<((usize, usize), Rc<Document>)>,
}

impl DocCache {
    pub fn new(capacity: usize) -> Self {
        DocCache {
            capacity: capacity.max(1),
            entries: VecDeque::new(),
        }
    }

    /// The document for `story` at `width`, built with `make` on a miss.
    pub fn get(
        &mut self,
        story: usize,
        width: usize,
        make: impl FnOnce() -> Document,
    ) -> Rc<Document> {
        let key = (story, width);
        if let Some(i) = self.entries.iter().position(|(k, _)| *k == key)
            && let Some(entry) = self.entries.remove(i)
        {
            let doc = Rc::clone(&entry.1);
            self.entries.push_front(entry);
            return doc;
        }
        let doc = Rc::new(make());
        // One width per story: a resize drag would otherwise fill the cache with layouts of
        // the same story at every width it passed through.
        self.entries.retain(|((s, _), _)| *s != story);
        self.entries.push_front((key, Rc::clone(&doc)));
        self.entries.truncate(self.capacity);
        doc
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::{Audio, Details};

    fn article() -> Article {
        Article {
            id: "a".into(),
            title: "Tiêu đề".into(),
            section: Some("Thời sự".into()),
            published: Some("2026-02-01T08:00:00+07:00".into()),
            details: Some(Box::new(Details {
                source: Some("Ngày Nay".into()),
                lead: Some("Mở đầu".into()),
                body: vec![
                    Block::Paragraph("Một".into()),
                    Block::Quote("Trích dẫn".into()),
                    Block::Image {
                        caption: "Ảnh".into(),
                        url: None,
                        alt: None,
                    },
                    Block::List(vec!["x".into(), "y".into()]),
                ],
                audio: Some(Audio {
                    url: None,
                    duration_s: Some(312),
                }),
                url: Some("https://example.org/a".into()),
                ..Details::default()
            })),
            ..Article::default()
        }
    }

    fn plain(doc: &Document) -> Vec<String> {
        doc.lines
            .iter()
            .map(|l| l.spans.iter().map(|(t, _)| t.as_str()).collect())
            .collect()
    }

    #[test]
    fn story_parts_in_reading_order() {
        let doc = build(&article(), 40);
        assert_eq!(
            plain(&doc),
            [
                "Tiêu đề",
                "Ngày Nay · Thời sự · 2026-02-01 08:00",
                "♪ Nghe bài · 5:12",
                "",
                "(Ngày Nay) - Mở đầu",
                "",
                "Một",
                "",
                "│ Trích dẫn",
                "",
                "▣ Ảnh",
                "",
                "• x",
                "• y",
                "",
                "Link: https://example.org/a",
            ]
        );
        assert_eq!(
            doc.lines[4].spans[0],
            ("(Ngày Nay) - ".to_owned(), Role::Dateline)
        );
        assert_eq!(doc.lines[4].spans[1].1, Role::Lead);
    }

    #[test]
    fn anchors_find_their_part() {
        let doc = build(&article(), 40);
        assert_eq!(doc.anchors[0], 0);
        assert_eq!(doc.anchor_of(0), 0);
        let lead = doc.anchors[3];
        assert_eq!(doc.anchor_of(lead), 3);
        assert_eq!(doc.line_of(3), lead);
        assert_eq!(doc.line_of(999), *doc.anchors.last().unwrap());
    }

    #[test]
    fn dateline_style_follows_across_a_wrap() {
        let mut a = article();
        a.source = Some("Một nguồn tin rất dài".into());
        let doc = build(&a, 12);
        let roles: Vec<Role> = doc
            .lines
            .iter()
            .flat_map(|l| l.spans.iter().map(|s| s.1))
            .collect();
        assert!(roles.contains(&Role::Dateline) && roles.contains(&Role::Lead));
        assert!(
            doc.lines.iter().all(|l| text::width(
                &l.spans.iter().map(|s| s.0.as_str()).collect::<String>()
            ) <= 12)
        );
    }

    #[test]
    fn dates_and_durations() {
        assert_eq!(date("2023-11-01T19:00:00+07:00"), "2023-11-01 19:00");
        assert_eq!(date("2023-11-01"), "2023-11-01");
        assert_eq!(date("yesterday"), "yesterday");
        assert_eq!(date("2023-11-01T19:00:00Z"), "2023-11-01 19:00");
        assert_eq!(date("2023-11-01T19:00:00.123-05:30"), "2023-11-01 19:00");
        assert_eq!(date("2026-02-01 (approx)"), "2026-02-01 (approx)");
        assert_eq!(date("2026-02-01T08:00"), "2026-02-01T08:00");
        assert_eq!(day("2023-11-01T19:00:00+07:00"), "2023-11-01");
        assert_eq!(day("Monday, 2 February 2026"), "Monday, 2 February 2026");
        assert_eq!(duration(312), "5:12");
        assert_eq!(duration(3725), "1:02:05");
    }

    #[test]
    fn cache_keeps_one_width_per_story() {
        let mut cache = DocCache::new(4);
        for width in [10, 11, 12, 13] {
            cache.get(0, width, Document::default);
        }
        cache.get(1, 10, Document::default);
        assert_eq!(cache.len(), 2);
    }

    #[test]
    fn cache_keeps_the_most_recent() {
        let mut cache = DocCache::new(2);
        let mut built = 0;
        for (story, width) in [(0, 10), (1, 10), (0, 10), (2, 10), (0, 10), (1, 10)] {
            cache.get(story, width, || {
                built += 1;
                Document::default()
            });
        }
        assert_eq!(built, 4);
        assert_eq!(cache.len(), 2);
    }
}
