//! A small most-recently-used store of laid-out stories, so that moving back and forth and
//! following related stories never wrap a story twice.

use std::collections::VecDeque;

use super::Document;

/// The most memory the kept layouts take in all, in bytes: a few long stories, or every
/// story the reader may go back to. A story longer than this is laid out again when it is
/// shown again (as far as the screen, at once) rather than held a second time beside the
/// one in the reader.
pub const MOST_BYTES: usize = 4 << 20;

/// Laid-out stories other than the one in the reader, keyed by story and width. The reader
/// takes its story out while showing it (it goes on laying a long story out) and puts it
/// back when it moves on.
#[derive(Debug)]
pub struct DocCache {
    capacity: usize,
    entries: VecDeque<((usize, usize), Document)>,
}

impl DocCache {
    pub fn new(capacity: usize) -> Self {
        DocCache {
            capacity: capacity.max(1),
            entries: VecDeque::new(),
        }
    }

    /// Takes out the layout of `story` at `width`, if there is one.
    pub fn take(&mut self, story: usize, width: usize) -> Option<Document> {
        let i = self
            .entries
            .iter()
            .position(|(k, _)| *k == (story, width))?;
        self.entries.remove(i).map(|(_, doc)| doc)
    }

    /// Whether the layout of `story` at `width` is kept.
    pub fn has(&self, story: usize, width: usize) -> bool {
        self.entries.iter().any(|(k, _)| *k == (story, width))
    }

    /// Keeps the layout of `story`, as the most recent, dropping the least recent beyond the
    /// capacity or beyond [`MOST_BYTES`] in all.
    pub fn put(&mut self, story: usize, doc: Document) {
        // One width per story: a resize drag would otherwise fill the cache with layouts of
        // the same story at every width it passed through.
        self.entries.retain(|((s, _), _)| *s != story);
        self.entries.push_front(((story, doc.width), doc));
        self.entries.truncate(self.capacity);
        let mut held = 0;
        let within = self
            .entries
            .iter()
            .take_while(|(_, doc)| {
                held += doc.held_bytes();
                held <= MOST_BYTES
            })
            .count();
        self.entries.truncate(within);
    }

    /// Forgets the layouts of `story` (its text changed).
    pub fn forget(&mut self, story: usize) {
        self.entries.retain(|((s, _), _)| *s != story);
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

    fn doc(width: usize) -> Document {
        Document {
            width,
            ..Document::default()
        }
    }

    #[test]
    fn keeps_one_width_per_story() {
        let mut cache = DocCache::new(4);
        for width in [10, 11, 12, 13] {
            cache.put(0, doc(width));
        }
        cache.put(1, doc(10));
        assert_eq!(cache.len(), 2);
        assert!(cache.take(0, 12).is_none());
        assert_eq!(cache.take(0, 13).map(|d| d.width), Some(13));
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn keeps_layouts_within_their_bytes() {
        use crate::bundle::{Article, Block, Details};
        let story = |text: String, width| {
            let article = Article {
                title: "t".into(),
                details: Some(Box::new(Details {
                    body: vec![Block::Paragraph(text)],
                    ..Details::default()
                })),
                ..Article::default()
            };
            crate::document::build(&article, width)
        };
        let long = |width| story("chữ ".repeat(MOST_BYTES / 24), width);
        let held = long(40).held_bytes();
        assert!(held * 2 < MOST_BYTES && held * 3 > MOST_BYTES, "{held}");
        let mut cache = DocCache::new(8);
        cache.put(0, doc(10));
        cache.put(1, long(40));
        cache.put(2, long(40));
        assert!(cache.has(2, 40) && cache.has(1, 40) && cache.has(0, 10));
        cache.put(3, long(40));
        assert_eq!(cache.len(), 2, "the older ones go");
        assert!(cache.has(3, 40) && cache.has(2, 40));
        cache.put(5, story("x ".repeat(MOST_BYTES), 40));
        assert!(
            cache.is_empty(),
            "a layout larger than all the bytes is not kept"
        );
    }

    #[test]
    fn keeps_the_most_recent() {
        let mut cache = DocCache::new(2);
        for story in [0, 1, 2] {
            cache.put(story, doc(10));
        }
        assert_eq!(cache.len(), 2);
        assert!(cache.take(0, 10).is_none());
        assert!(cache.take(2, 10).is_some() && cache.take(1, 10).is_some());
        assert!(cache.is_empty());
    }
}
