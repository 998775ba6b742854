//! Work done while no key is waiting (`AppEvent::Idle`), a millisecond at a time: laying out
//! the rest of a long story, checking stories for a search, laying out the stories a key may
//! open next, and building the related index.

use super::App;
use super::reader::{CACHE_STORIES, LAZY_FROM, StoryWidth};
use crate::document::Document;

/// Stories added to the related index per `AppEvent::Idle` with nothing else to do: about a
/// millisecond's work.
pub(super) const INDEX_STORIES: usize = 128;

/// Related stories laid out ahead of need: the ones the digit keys reach.
const AHEAD_RELATED: usize = 9;
/// Related lists worked out ahead and kept: one for each story [`App::ahead`] may lay out.
pub(super) const AHEAD_COMPUTED: usize = 2 + AHEAD_RELATED;

/// Source bytes of a long story laid out per `AppEvent::Idle`: about a millisecond's work, so
/// a key press is never kept waiting for long.
const IDLE_BYTES: usize = 16 * 1024;

impl App {
    /// Whether there is work to do ahead of need while no key is waiting (the related index),
    /// which `AppEvent::Idle` does a little at a time. Unlike [`App::busy`], nothing shown
    /// waits for it: `--render` leaves it.
    pub fn preparing(&self) -> bool {
        (self.stories.related.needs_index && self.stories.related.index.is_none())
            || self.ahead().is_some()
            || self.related_ahead().is_some()
    }

    /// Whether the story in the reader is still being laid out: the terminal loop sends
    /// `AppEvent::Idle` while no key is waiting until it is not.
    pub fn busy(&self) -> bool {
        !self.stories.reader.doc.is_complete() || self.searching() || self.finding_related()
    }

    /// The next story to lay out before a key asks for it, if any, of
    /// [`App::next_stories`]: fewer than the cache holds, so laying them all out ends.
    pub(super) fn ahead(&self) -> Option<usize> {
        const _: () = assert!(2 + AHEAD_RELATED < CACHE_STORIES);
        let width = self.reader_width();
        if width == 0 || self.screen().too_small {
            return None;
        }
        self.next_stories().find(|&story| {
            story < self.stories.bundle.articles.len()
                && !self.stories.reader.cache.has(story, width)
                && !self
                    .stories
                    .reader
                    .unreadable
                    .contains(&StoryWidth { story, width })
        })
    }

    /// The stories the next key may open, most likely first: the one under the headline
    /// cursor (Enter), the one `back` returns to, then the related ones (the digits); never
    /// the one in the reader.
    pub(super) fn next_stories(&self) -> impl Iterator<Item = usize> + '_ {
        let back = self.stories.reader.back.last().map(|v| v.story);
        let related = self.related_list().iter().take(AHEAD_RELATED).copied();
        std::iter::once(self.stories.list.selected)
            .chain(back)
            .chain(related)
            .filter(move |&story| story != self.stories.reader.current)
    }

    /// Lays out one story ahead of need (see [`App::ahead`]) into the cache, as far as the
    /// reader's first screen (a long story goes on when it is shown): a key that opens it then
    /// only draws. A fraction of a millisecond, done while no key is waiting.
    pub(super) fn lay_out_ahead(&mut self) {
        let Some(story) = self.ahead() else {
            return;
        };
        let (width, height) = (self.reader_width(), self.reader_height());
        match self.stories.bundle.open_article(story, LAZY_FROM) {
            Some((article, body)) => {
                let mut doc = Document::new(&article, body, width);
                // As far as showing it will: the screen at the place last left, if any.
                let line = self
                    .place(story)
                    .map_or(0, |place| doc.line_of(place.part) + place.line);
                doc.lay_out_to(line.saturating_add(height));
                self.stories.reader.cache.put(story, doc);
            }
            None => self
                .stories
                .reader
                .unreadable
                .push(StoryWidth { story, width }),
        }
    }

    /// One step of the work done while no key is waiting, most pressing first: what the
    /// screen shows (a long story, a search), then what a key may need next.
    pub(super) fn idle(&mut self) {
        if self.busy() {
            self.stories.reader.doc.work(IDLE_BYTES);
            self.search_step();
            if self.finding_related() {
                self.find_related_step();
            }
        } else if self.ahead().is_some() {
            self.lay_out_ahead();
        } else if self.related_ahead().is_some() {
            self.compute_related_ahead();
        } else {
            self.index_stories(INDEX_STORIES);
        }
    }
}
