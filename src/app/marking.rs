//! Many marks at once, and taking them back: `A` marks every story of the list shown read
//! (a feed, a tag, a query, a search's result), `C` every story after a yes, `U` undoes such
//! changes one at a time, newest first; `J` and `K` open the next and previous story not
//! read, going on to the next feed (tag, query) of the feed list when the one entered has
//! none left.

use super::App;
use super::folders::FeedRow;
use crate::action::Action;
use crate::layout::Pane;

/// The changes of many marks `U` can take back: more than anyone undoes on purpose.
const UNDO_STEPS: usize = 32;

/// One change of many marks: the stories it marked read, which were unread before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Step {
    /// What the change was called when it was made (`12 stories of Ars Technica`).
    what: String,
    ids: Vec<String>,
}

/// A question the status line asks, answered with `y`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// Mark every story read?
    MarkAllRead,
}

/// Which way `J` and `K` look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Way {
    Next,
    Previous,
}

impl App {
    /// `A`: every story the list shows marked read.
    pub(super) fn mark_list_read(&mut self) {
        let stories = self.stories.list.shown.clone();
        let what = match (self.feed_entered(), self.stories.find.active()) {
            (_, true) => "found".to_owned(),
            (Some(path), false) => format!("in {path}"),
            (None, false) => "listed".to_owned(),
        };
        self.mark_read(&stories, &what);
    }

    /// `C`: asks first, in the status line.
    pub(super) fn ask_mark_all_read(&mut self) {
        if self.stories.list.counts.unread == 0 {
            self.session.notice = Some("Every story is read already.".into());
        } else {
            self.session.asking = Some(Ask::MarkAllRead);
        }
    }

    /// While the status line asks, a key answers: `y` is yes, anything else no. Whether
    /// `action` was the answer.
    pub(super) fn answer_takes(&mut self, action: Action) -> bool {
        let Some(ask) = self.session.asking.take() else {
            return false;
        };
        match (ask, action) {
            (Ask::MarkAllRead, Action::Type('y' | 'Y')) => {
                let all: Vec<usize> = (0..self.stories.bundle.articles.len()).collect();
                self.mark_read(&all, "in the library");
            }
            _ => self.session.notice = Some("Nothing marked.".into()),
        }
        true
    }

    /// Marks `stories` read, as one step `U` takes back; says how many it marked.
    pub(super) fn mark_read(&mut self, stories: &[usize], what: &str) {
        let mut ids = Vec::new();
        for &i in stories {
            if !self.is_read(i)
                && self.set_read(i, true)
                && let Some(article) = self.stories.bundle.articles.get(i)
            {
                ids.push(article.id.clone());
            }
        }
        if ids.is_empty() {
            self.session.notice = Some("Nothing unread here.".into());
            return;
        }
        let noun = if ids.len() == 1 { "story" } else { "stories" };
        let said = format!("{} {noun} {what}", ids.len());
        let undo = self
            .key_named(Action::Undo)
            .map_or(String::new(), |key| format!(" ({key} undoes)"));
        self.session.notice = Some(format!("Marked {said} read{undo}."));
        self.session.undo.push(Step { what: said, ids });
        if self.session.undo.len() > UNDO_STEPS {
            self.session.undo.remove(0);
        }
        self.marks_changed();
    }

    /// `U`: the last change of many marks taken back, each story as it was before.
    pub(super) fn undo(&mut self) {
        let Some(step) = self.session.undo.pop() else {
            self.session.notice = Some("Nothing to undo.".into());
            return;
        };
        // By id: the stories may have been reloaded since, in another order.
        for id in &step.ids {
            self.session.memory.read.remove(id);
            self.session.unsaved.read.insert(id.clone(), false);
        }
        self.recount();
        let left = self.session.undo.len();
        self.session.notice = Some(format!(
            "Undone: {} unread again{}.",
            step.what,
            if left > 0 {
                format!(" ({left} more to undo)")
            } else {
                String::new()
            }
        ));
        self.marks_changed();
    }

    /// After many marks changed: counted again, saved.
    fn marks_changed(&mut self) {
        self.session.memory_changes += 1;
        self.stories.list.counts = self.count();
        if self.stories.list.entered.is_some() {
            let asker = super::scope::Asker::new(self);
            let unread = match &self.stories.list.entered {
                Some(entered) => (0..self.stories.bundle.articles.len())
                    .filter(|&i| asker.holds(&entered.place, i) && !asker.is_read(i))
                    .count(),
                None => 0,
            };
            drop(asker);
            self.stories.list.scoped_unread = unread;
        }
        self.recount_feeds();
    }

    /// `J`: the next story not read, opened.
    pub(super) fn next_unread(&mut self) {
        self.go_unread(Way::Next);
    }

    /// `K`: the previous story not read, opened.
    pub(super) fn prev_unread(&mut self) {
        self.go_unread(Way::Previous);
    }

    fn go_unread(&mut self, way: Way) {
        let from = match self.session.focus {
            Pane::Headlines => self.stories.list.selected,
            _ => self.stories.reader.current,
        };
        // The list's cursor on an unread story not open yet: that one is next.
        let here = self.session.focus == Pane::Headlines && from != self.stories.reader.current;
        let asker = super::scope::Asker::new(self);
        let shown = &self.stories.list.shown;
        let found = match way {
            Way::Next => shown
                .iter()
                .find(|&&i| (i > from || (here && i == from)) && !asker.is_read(i)),
            Way::Previous => shown.iter().rev().find(|&&i| i < from && !asker.is_read(i)),
        }
        .copied();
        drop(asker);
        if let Some(story) = found {
            return self.open_story(story);
        }
        // None left here: on to the next feed (tag, query) of the feed list with some.
        if self.stories.list.entered.is_some()
            && let Some(row) = self.neighbour_with_unread(way)
            && let Some((place, path)) = row.place(&self.session.queries)
        {
            self.enter(place, path);
            let asker = super::scope::Asker::new(self);
            let shown = &self.stories.list.shown;
            let first = match way {
                Way::Next => shown.iter().find(|&&i| !asker.is_read(i)),
                Way::Previous => shown.iter().rev().find(|&&i| !asker.is_read(i)),
            }
            .copied();
            drop(asker);
            if let Some(story) = first {
                self.open_story(story);
            }
            return;
        }
        self.session.notice = Some(match way {
            Way::Next => "No unread story after this one.".into(),
            Way::Previous => "No unread story before this one.".into(),
        });
    }

    /// The row of the feed list after (before) the one entered with stories not read.
    fn neighbour_with_unread(&self, way: Way) -> Option<FeedRow> {
        let entered = self.stories.list.entered.as_ref()?;
        let rows = self.feed_rows();
        let at = rows.iter().position(|r| {
            r.place(&self.session.queries)
                .is_some_and(|(place, path)| place == entered.place && path == entered.path)
        });
        let with_unread = |r: &&FeedRow| r.unread > 0;
        match (way, at) {
            (Way::Next, Some(at)) => rows.iter().skip(at + 1).find(with_unread).cloned(),
            (Way::Next, None) => rows.iter().find(with_unread).cloned(),
            (Way::Previous, Some(at)) => rows.iter().take(at).rev().find(with_unread).cloned(),
            (Way::Previous, None) => rows.iter().rev().find(with_unread).cloned(),
        }
    }

    /// Opens `story` in the reader, as Enter on it in the list does.
    fn open_story(&mut self, story: usize) {
        self.session.focus = Pane::Headlines;
        self.stories.list.selected = story;
        self.open();
    }

    /// The question the status line asks, if it asks one.
    pub fn asking(&self) -> Option<Ask> {
        self.session.asking
    }

    /// The steps `U` can take back.
    pub fn undo_steps(&self) -> usize {
        self.session.undo.len()
    }
}
