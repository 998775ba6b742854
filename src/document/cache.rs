//! A small most-recently-used store of laid-out stories, so that moving back and forth and
//! following related stories never wrap a story twice.

use std::collections::VecDeque;

use super::Document;

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
    /// capacity.
    pub fn put(&mut self, story: usize, doc: Document) {
        // One width per story: a resize drag would otherwise fill the cache with layouts of
        // the same story at every width it passed through.
        self.entries.retain(|((s, _), _)| *s != story);
        self.entries.push_front(((story, doc.width), doc));
        self.entries.truncate(self.capacity);
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
