//! The headline list: which stories it shows (the filter and the search), its cursor, and
//! the counts of stories unread and starred in the title bar.

use super::App;
use crate::layout::Pane;

/// Which stories the headline list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Filter {
    #[default]
    All,
    Unread,
    Starred,
}

/// Stories not read yet, and stories starred.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub unread: usize,
    pub starred: usize,
}

/// The set of the memory that `m` and `s` turn a story in or out of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mark {
    Read,
    Star,
}

/// The headline list's state.
#[derive(Debug, Default)]
pub(super) struct Listing {
    /// The headline list's cursor. Moving it sends a line or two to the terminal; the reader
    /// changes story only when one is opened (over SSH a preview that follows the cursor
    /// would resend the whole reader at every step).
    pub(super) selected: usize,
    /// First headline shown in the list.
    pub(super) offset: usize,
    /// Which stories the headline list shows.
    pub(super) filter: Filter,
    /// The feed, tag or query whose stories the list shows, when one was entered.
    pub(super) entered: Option<super::scope::Entered>,
    /// The stories of the one entered not read yet.
    pub(super) scoped_unread: usize,
    /// The stories the headline list shows, in bundle order (all of them, or those the
    /// filter keeps as it was when it was chosen).
    pub(super) shown: Vec<usize>,
    /// The stories the filter keeps (all of them without one), as it was chosen.
    pub(super) fixed: Vec<usize>,
    /// Kept up to date: counting 100,000 stories per frame would cost milliseconds.
    pub(super) counts: Counts,
}

impl Listing {
    /// Every one of `stories` stories listed, the cursor on the first.
    pub(super) fn new(stories: usize) -> Self {
        let shown: Vec<usize> = (0..stories).collect();
        Listing {
            fixed: shown.clone(),
            shown,
            ..Listing::default()
        }
    }
}

impl App {
    /// Whether story `index` has been read.
    pub fn is_read(&self, index: usize) -> bool {
        self.stories.is_read(index)
    }

    pub fn is_starred(&self, index: usize) -> bool {
        self.stories
            .bundle
            .articles
            .get(index)
            .is_some_and(|a| self.session.memory.starred.contains(&a.id))
    }

    /// Stories not read yet, and stories starred.
    pub fn counts(&self) -> Counts {
        self.stories.list.counts
    }

    /// Works out again which stories are read, from the marks, and counts them: after
    /// the stories or the marks are replaced.
    pub(super) fn recount(&mut self) {
        // Hashed once: a library's read marks run to tens of thousands, and a lookup in
        // the sorted set compares a dozen strings.
        let marked: std::collections::HashSet<&str, foldhash::fast::RandomState> = self
            .session
            .memory
            .read
            .iter()
            .map(String::as_str)
            .collect();
        let read = self
            .stories
            .bundle
            .articles
            .iter()
            .map(|a| marked.contains(a.id.as_str()))
            .collect();
        self.stories.read = read;
        self.stories.list.counts = self.count();
    }

    /// Marks story `index` read or unread, to be saved; says whether that changed it.
    pub(super) fn set_read(&mut self, index: usize, read: bool) -> bool {
        let Some(article) = self.stories.bundle.articles.get(index) else {
            return false;
        };
        let changed = if read {
            self.session.memory.read.insert(article.id.clone())
        } else {
            self.session.memory.read.remove(&article.id)
        };
        if changed {
            self.session.unsaved.read.insert(article.id.clone(), read);
        }
        if let Some(bit) = self.stories.read.get_mut(index) {
            *bit = read;
        }
        changed
    }

    /// Stories not read and stories starred, counted from the read bits.
    pub(super) fn count(&self) -> Counts {
        let read = self.stories.read.iter().filter(|&&r| r).count();
        let starred = self
            .stories
            .bundle
            .articles
            .iter()
            .filter(|a| self.session.memory.starred.contains(&a.id))
            .count();
        Counts {
            unread: self.stories.bundle.articles.len() - read,
            starred,
        }
    }

    /// The story a key that marks acts on: the one under the list's cursor, the one in the
    /// reader, or the one under the related panel's cursor.
    pub(super) fn pointed_at(&self) -> Option<usize> {
        match self.session.focus {
            Pane::Headlines => Some(self.stories.list.selected),
            Pane::Reader => Some(self.stories.reader.current),
            Pane::Related => self
                .related_list()
                .get(self.stories.related.cursor)
                .copied(),
        }
    }

    /// Turns the story pointed at (see [`App::pointed_at`]) in or out of a set of the memory,
    /// and says so. A story in the reader marked unread stays unread while it is open.
    pub(super) fn toggle(&mut self, mark: Mark) {
        let Some(story) = self.pointed_at() else {
            self.session.notice = Some("No story to mark here.".into());
            return;
        };
        let Some(article) = self.stories.bundle.articles.get(story) else {
            return;
        };
        let id = article.id.clone();
        let title = crate::text::one_line(&article.title).into_owned();
        // Read stories lower the unread count; starred ones raise the starred count.
        let added = match mark {
            Mark::Read => {
                let added = !self.is_read(story);
                self.set_read(story, added);
                added
            }
            Mark::Star => {
                let set = &mut self.session.memory.starred;
                let added = !set.remove(&id);
                if added {
                    set.insert(id.clone());
                }
                self.session.unsaved.starred.insert(id, added);
                added
            }
        };
        match mark {
            Mark::Read => self.count_read(story, added),
            Mark::Star if added => self.stories.list.counts.starred += 1,
            Mark::Star => {
                let starred = &mut self.stories.list.counts.starred;
                *starred = starred.saturating_sub(1);
            }
        }
        self.session.memory_changes += 1;
        if mark == Mark::Read && story == self.stories.reader.current {
            self.stories.reader.kept_unread = !added;
        }
        let said = match (mark, added) {
            (Mark::Read, true) => "Marked read",
            (Mark::Read, false) => "Marked unread",
            (Mark::Star, true) => "Starred",
            (Mark::Star, false) => "Unstarred",
        };
        self.session.notice = Some(format!("{said}: {title}"));
    }

    /// Shows only unread (or starred) stories, or all again when that filter is already on.
    /// The list is fixed when the filter is chosen: marking a story read does not pull it
    /// from under the cursor.
    pub(super) fn set_filter(&mut self, filter: Filter) {
        self.stories.list.filter = if self.stories.list.filter == filter {
            Filter::All
        } else {
            filter
        };
        self.refix();
        self.stories.list.offset = 0;
    }

    /// The stories the filter and the feed, tag or query entered keep, as they are now.
    pub(super) fn refix(&mut self) {
        let asker = super::scope::Asker::new(self);
        let count = self.stories.bundle.articles.len();
        let (fixed, unread) = match &self.stories.list.entered {
            Some(entered) => {
                let scoped: Vec<usize> = (0..count)
                    .filter(|&i| asker.holds(&entered.place, i))
                    .collect();
                let unread = scoped.iter().filter(|&&i| !asker.is_read(i)).count();
                (scoped, unread)
            }
            None => ((0..count).collect(), 0),
        };
        let fixed = match self.stories.list.filter {
            Filter::All => fixed,
            Filter::Unread => fixed.into_iter().filter(|&i| !asker.is_read(i)).collect(),
            Filter::Starred => fixed.into_iter().filter(|&i| self.is_starred(i)).collect(),
        };
        self.stories.list.fixed = fixed;
        self.stories.list.scoped_unread = unread;
        self.refresh_list();
    }

    /// Whether story `index` is in the feed, tag or query entered (false when none is).
    pub(super) fn in_entered(&self, index: usize) -> bool {
        self.stories.list.entered.as_ref().is_some_and(|e| {
            let asker = super::scope::Asker::new(self);
            asker.holds(&e.place, index)
        })
    }

    /// One story read (`read`) or not any more: the counts follow.
    pub(super) fn count_read(&mut self, index: usize, read: bool) {
        let entered = self.in_entered(index);
        let counts = [
            Some(&mut self.stories.list.counts.unread),
            entered.then_some(&mut self.stories.list.scoped_unread),
        ];
        for count in counts.into_iter().flatten() {
            if read {
                *count = count.saturating_sub(1);
            } else {
                *count += 1;
            }
        }
    }

    /// The list from the filter and the search: what both keep.
    pub(super) fn refresh_list(&mut self) {
        self.stories.list.shown = if self.stories.find.active() {
            let matches = &self.stories.find.matches;
            match self.stories.list.filter {
                Filter::All if self.stories.list.entered.is_none() => matches.clone(),
                _ => matches
                    .iter()
                    .copied()
                    .filter(|i| self.stories.list.fixed.binary_search(i).is_ok())
                    .collect(),
            }
        } else {
            self.stories.list.fixed.clone()
        };
        let shown = &self.stories.list.shown;
        // While a search is typed: on the story the cursor was on if it matches, else on
        // the first match.
        if let Some(anchor) = self.stories.find.anchor {
            let to = if shown.binary_search(&anchor).is_ok() {
                Some(anchor)
            } else {
                shown.first().copied()
            };
            self.stories.list.selected = to.unwrap_or(anchor);
            return;
        }
        // The cursor stays on its story, or goes to the nearest one the list shows.
        let at = self
            .stories
            .list
            .shown
            .partition_point(|&i| i < self.stories.list.selected);
        if let Some(&story) = self
            .stories
            .list
            .shown
            .get(at)
            .or(self.stories.list.shown.last())
        {
            self.stories.list.selected = story;
        }
    }

    /// Where the cursor is in the list (the nearest entry when its story is not listed).
    pub(super) fn list_position(&self) -> usize {
        self.stories
            .list
            .shown
            .partition_point(|&i| i < self.stories.list.selected)
            .min(self.stories.list.shown.len().saturating_sub(1))
    }

    /// A story is read once it is in the reader with the reader focused, unless it was
    /// marked unread there.
    pub(super) fn read_in_reader(&mut self) {
        if self.session.focus == Pane::Reader
            && !self.stories.reader.kept_unread
            && !self.is_read(self.stories.reader.current)
            && self.set_read(self.stories.reader.current, true)
        {
            self.session.memory_changes += 1;
            self.count_read(self.stories.reader.current, true);
        }
    }
}
