//! The reader: the story it shows, laid out at its width, its place in it, the stories left
//! by following related links, and the cache of stories laid out for a quick return.

use super::App;
use crate::bundle::Article;
use crate::document::{DocCache, Document};
use crate::layout::Pane;
use crate::state::ReadingPlace;

/// Laid-out stories kept for quick return: enough for the back stack, a few neighbours and
/// every story laid out ahead (see [`App::lay_out_ahead`]), with room to spare.
pub(super) const CACHE_STORIES: usize = 32;

/// A story whose span in the file is at least this long is read block by block as the
/// reader reaches it, rather than whole when it is opened.
pub(super) const LAZY_FROM: usize = 64 * 1024;

/// A story left by following a related link, to come back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visit {
    pub story: usize,
    /// The reader's first line, and the width it was laid out for.
    pub scroll: usize,
    pub width: usize,
    /// The part of the story that was at the top of the reader, for when the width changed.
    pub anchor: usize,
    pub related: usize,
}

/// A story at a width that could not be read when laid out ahead: not tried again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct StoryWidth {
    pub(super) story: usize,
    pub(super) width: usize,
}

/// The reader's state.
#[derive(Debug)]
pub(super) struct Reader {
    /// The story in the reader.
    pub(super) current: usize,
    /// First reader line shown.
    pub(super) scroll: usize,
    /// The story in the reader, laid out at the reader's width (as far as the reader has got,
    /// for a long story; see [`App::busy`]).
    pub(super) doc: Document,
    /// The story `doc` is of, to put it back in the cache when the reader moves on.
    pub(super) doc_story: Option<usize>,
    pub(super) cache: DocCache,
    pub(super) back: Vec<Visit>,
    /// Stories (and widths) that could not be read when laid out ahead: not tried again.
    pub(super) unreadable: Vec<StoryWidth>,
    /// The story in the reader was marked unread while open: it stays unread until another
    /// story is shown.
    pub(super) kept_unread: bool,
}

impl Default for Reader {
    fn default() -> Self {
        Reader {
            current: 0,
            scroll: 0,
            doc: Document::default(),
            doc_story: None,
            cache: DocCache::new(CACHE_STORIES),
            back: Vec::new(),
            unreadable: Vec::new(),
            kept_unread: false,
        }
    }
}

impl App {
    /// Keeps the reader's place in the story it shows, for the next time it is opened (the
    /// terminal loop calls this before it saves at exit).
    pub fn remember_place(&mut self) {
        let Some(article) = self.article() else {
            return;
        };
        if self.stories.reader.doc.width == 0 {
            return;
        }
        let (part, line, _) = self.stories.reader.doc.place_of(self.stories.reader.scroll);
        let place = (self.stories.reader.scroll > 0).then_some(ReadingPlace { part, line });
        let id = article.id.clone();
        let old = match place {
            Some(place) => self.session.memory.places.insert(id.clone(), place),
            None => self.session.memory.places.remove(&id),
        };
        if old != place {
            self.session.unsaved.places.insert(id, place);
            self.session.memory_changes += 1;
        }
    }

    /// The story in the reader, if the bundle has any.
    pub fn article(&self) -> Option<&Article> {
        self.stories
            .bundle
            .articles
            .get(self.stories.reader.current)
    }

    /// Lines the focused pane moves by for a page.
    pub(super) fn page(&self) -> isize {
        let rows = match self.session.focus {
            Pane::Headlines => self.list_height(),
            Pane::Reader => self.reader_height(),
            Pane::Related => self.related_height(),
        };
        // Keep one line of context when paging the reader, as less and newsboat do.
        let rows = if self.session.focus == Pane::Reader {
            rows.saturating_sub(1)
        } else {
            rows
        };
        isize::try_from(rows.max(1)).unwrap_or(1)
    }

    pub(super) fn step(&mut self, by: isize) {
        match self.session.focus {
            Pane::Headlines => {
                let last = self.stories.list.shown.len().saturating_sub(1);
                let to = self.list_position().saturating_add_signed(by).min(last);
                if let Some(&story) = self.stories.list.shown.get(to) {
                    self.stories.list.selected = story;
                }
            }
            Pane::Reader => {
                let to = self.stories.reader.scroll.saturating_add_signed(by);
                // Lay out what the move reaches first: then the limit is exact there.
                self.stories
                    .reader
                    .doc
                    .lay_out_to(to.saturating_add(self.reader_height()));
                self.stories.reader.scroll = to.min(self.max_scroll());
            }
            Pane::Related => {
                let last = self.related_list().len().saturating_sub(1);
                self.stories.related.cursor = self
                    .stories
                    .related
                    .cursor
                    .saturating_add_signed(by)
                    .min(last);
            }
        }
    }

    pub(super) fn open(&mut self) {
        match self.session.focus {
            Pane::Headlines => {
                // Only a story the list shows opens: an empty list (no match) opens nothing.
                let story = self.stories.list.selected;
                if self.stories.list.shown.binary_search(&story).is_err() {
                    return;
                }
                if story != self.stories.reader.current {
                    // A story opened from the list starts a new trail of related stories.
                    self.stories.reader.back.clear();
                    self.show(story);
                }
                // Opened on purpose, a story kept unread is read.
                self.stories.reader.kept_unread = false;
                self.read_whole_if_wanted(story);
                self.session.focus = Pane::Reader;
            }
            Pane::Related => self.follow(self.stories.related.cursor),
            _ => {}
        }
    }

    /// Opens related story `index` of the story in the reader, remembering where we were.
    pub(super) fn follow(&mut self, index: usize) {
        let Some(&story) = self.related_list().get(index) else {
            let count = self.related_list().len();
            self.session.notice = Some(match count {
                0 => "This story has no related stories.".into(),
                1 => format!("No related story {}: this story has 1.", index + 1),
                _ => format!("No related story {}: this story has {count}.", index + 1),
            });
            return;
        };
        self.stories.reader.back.push(Visit {
            story: self.stories.reader.current,
            scroll: self.stories.reader.scroll,
            width: self.stories.reader.doc.width,
            anchor: self
                .stories
                .reader
                .doc
                .anchor_of(self.stories.reader.scroll),
            related: self.stories.related.cursor,
        });
        self.show(story);
        self.session.focus = Pane::Reader;
        // A story a page only named (its headline and lead) is read whole as it is followed.
        let teaser = self.stories.bundle.articles.get(story).is_some_and(|a| {
            !a.has_body && a.span.is_none() && a.url.as_deref().is_some_and(super::is_web_address)
        });
        if teaser {
            self.read_whole(story);
        }
    }

    pub(super) fn go_back(&mut self) {
        let Some(visit) = self.stories.reader.back.pop() else {
            return;
        };
        self.show(visit.story);
        let scroll = if self.stories.reader.doc.width == visit.width {
            visit.scroll
        } else {
            self.stories.reader.doc.line_of(visit.anchor)
        };
        self.stories.reader.scroll = scroll.min(self.max_scroll());
        self.stories.related.cursor = visit
            .related
            .min(self.related_list().len().saturating_sub(1));
    }

    /// Puts `story` in the reader, at its top, and selects its headline.
    pub(super) fn show(&mut self, story: usize) {
        self.remember_place();
        if story != self.stories.reader.current {
            self.stories.reader.kept_unread = false;
        }
        self.stories.reader.current = story;
        self.stories.list.selected = story;
        self.stories.reader.scroll = 0;
        self.stories.related.cursor = 0;
        self.stories.related.offset = 0;
        self.relayout(None);
        self.compute_related();
        self.read_whole_if_wanted(story);
        if let Some(place) = self.place(story) {
            let line = self.stories.reader.doc.line_of(place.part) + place.line;
            self.scroll_to(line);
        }
    }

    /// Where the reader left `story` last time, this session or an earlier one.
    pub(super) fn place(&self, story: usize) -> Option<ReadingPlace> {
        let article = self.stories.bundle.articles.get(story)?;
        self.session.memory.places.get(&article.id).copied()
    }

    /// Puts the reader's first line at `line`, as far as the story allows.
    pub(super) fn scroll_to(&mut self, line: usize) {
        self.stories
            .reader
            .doc
            .lay_out_to(line.saturating_add(self.reader_height()));
        self.stories.reader.scroll = line.min(self.max_scroll());
    }

    /// Lays out the current story for the reader's width, or takes its layout from the
    /// cache, putting the one it replaces there.
    pub(super) fn relayout(&mut self, anchor: Option<usize>) {
        let width = self.reader_width();
        let old = std::mem::take(&mut self.stories.reader.doc);
        if let Some(story) = self.stories.reader.doc_story.take()
            && old.width > 0
        {
            self.stories.reader.cache.put(story, old);
        }
        let (bundle, current) = (&self.stories.bundle, self.stories.reader.current);
        if width > 0 && current < bundle.articles.len() {
            // The body is read (from its span, for a large bundle) only on a cache miss.
            self.stories.reader.doc = self
                .stories
                .reader
                .cache
                .take(current, width)
                .unwrap_or_else(|| {
                    bundle
                        .open_article(current, LAZY_FROM)
                        .map(|(article, body)| Document::new(&article, body, width))
                        .unwrap_or_default()
                });
            self.stories.reader.doc_story = Some(current);
        }
        if let Some(anchor) = anchor {
            self.stories.reader.scroll = self.stories.reader.doc.line_of(anchor);
        }
        self.stories.reader.doc.lay_out_to(
            self.stories
                .reader
                .scroll
                .saturating_add(self.reader_height()),
        );
        self.stories.reader.scroll = self.stories.reader.scroll.min(self.max_scroll());
    }
}
