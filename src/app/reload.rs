//! `r`: the sources read again. The app only asks (an [`Effect::Reload`]); the terminal loop
//! reads them, meanwhile answering keys as ever, and hands the new stories to
//! [`App::reload`], which keeps everything the reader had: the story in the reader and its
//! place, the cursor, the filter, the search, the stories read and starred (all by story id,
//! since positions change). One reload runs at a time.

use super::links::Effect;
use super::stories::Stories;
use super::{App, Filter, Visit};
use crate::bundle::Bundle;
use crate::state::Memory;

/// What `r` says while the sources are being read again.
pub(super) const ALREADY: &str = "Already reloading: one reload at a time.";

/// What the status bar says while they are, once no other message is shown.
pub(super) const RELOADING: &str = "Reloading…";

impl App {
    pub(super) fn ask_reload(&mut self) {
        if self.session.reloading {
            self.session.notice = Some(ALREADY.into());
            return;
        }
        self.session.effects.push(Effect::Reload);
    }

    /// Puts `bundle` in place of the stories shown, keeping the reader's state, and says
    /// how many stories there are now.
    pub(super) fn reload(&mut self, bundle: Bundle) {
        let (before, after) = self.replace_stories(bundle);
        self.session.notice = Some(match after.checked_sub(before) {
            Some(0) => format!("Reloaded: {after} stories, none new."),
            Some(n) => format!("Reloaded: {after} stories, {n} more than before."),
            None => format!("Reloaded: {after} stories, {} fewer.", before - after),
        });
    }

    /// The library's whole list and its marks, in place of the first screen's stories: the
    /// marks of the stories shown so far stay this reader's (they may have changed since
    /// they were read), the others are as the library has them. Nothing is said: the
    /// reader sees the same stories, with more below.
    pub(super) fn take_whole(&mut self, bundle: Bundle, mut memory: Memory) {
        let mine = &self.session.memory;
        for article in &self.stories.bundle.articles {
            let id = &article.id;
            for (theirs, mine) in [
                (&mut memory.read, &mine.read),
                (&mut memory.starred, &mine.starred),
            ] {
                if mine.contains(id) {
                    theirs.insert(id.clone());
                } else {
                    theirs.remove(id);
                }
            }
            match mine.places.get(id) {
                Some(place) => memory.places.insert(id.clone(), *place),
                None => memory.places.remove(id),
            };
        }
        self.session.memory = memory;
        self.replace_stories(bundle);
    }

    /// Puts `bundle` in place of the stories shown, keeping the reader's state: the number
    /// of stories before and after. The session stays as it is; what is about particular
    /// stories is found again by story id.
    fn replace_stories(&mut self, bundle: Bundle) -> (usize, usize) {
        let id = |app: &App, i: usize| app.stories.bundle.articles.get(i).map(|a| a.id.clone());
        self.remember_place();
        let current = id(self, self.stories.reader.current);
        let selected = id(self, self.stories.list.selected);
        let back: Vec<(String, Visit)> = self
            .stories
            .reader
            .back
            .iter()
            .filter_map(|v| id(self, v.story).map(|id| (id, *v)))
            .collect();
        let old = std::mem::replace(&mut self.stories, Stories::new(bundle));
        self.start();
        let index = |app: &App, id: &Option<String>| {
            id.as_ref()
                .and_then(|id| app.stories.bundle.articles.iter().position(|a| &a.id == id))
        };
        let current_at = index(self, &current);
        let selected_at = index(self, &selected);
        self.stories.reader.back = back
            .into_iter()
            .filter_map(|(id, visit)| {
                let story = index(self, &Some(id))?;
                Some(Visit { story, ..visit })
            })
            .collect();
        if let Some(story) = current_at {
            self.show(story);
        }
        self.stories.list.selected = selected_at.or(current_at).unwrap_or(0);
        // The feed, tag or query entered stays entered.
        if let Some(entered) = old.list.entered.clone() {
            self.stories.list.entered = Some(entered);
            if old.list.filter == Filter::All {
                self.refix();
            }
        }
        if old.list.filter != Filter::All {
            self.set_filter(old.list.filter);
        }
        if old.find.active() {
            self.stories.find.input = old.find.input.clone();
            self.stories.find.editing = old.find.editing;
            self.requery();
        }
        self.reflow();
        self.keep_in_view();
        self.recount_feeds();
        let counts = (
            old.bundle.articles.len(),
            self.stories.bundle.articles.len(),
        );
        discard(old);
        counts
    }
}

/// Frees the stories a reload replaced. A library's hundred thousand stories and their
/// related index take tens of milliseconds to free, which a key would wait for: past a
/// few thousand they are freed on a thread of their own (nothing is written, nothing
/// waits for it).
fn discard(old: Stories) {
    if old.bundle.articles.len() < 5_000 {
        return;
    }
    let _ = std::thread::Builder::new()
        .name("discard".into())
        .spawn(move || drop(old));
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::action::Action;
    use crate::app::{App, Effect, Filter};
    use crate::bundle::{load_full, sample};
    use crate::layout::Pane;

    #[test]
    fn reloading_keeps_the_story_the_cursor_and_the_state() {
        let mut app = App::new(sample().unwrap(), 120, 40);
        app.update(Action::Reload);
        assert_eq!(app.session.effects, [Effect::Reload]);
        app.session.effects.clear();
        for a in [Action::Down, Action::Down, Action::Open, Action::PageDown] {
            app.update(a);
        }
        app.update(Action::ToggleStar);
        app.update(Action::FocusPrev);
        app.update(Action::Down);
        let (current, selected, scroll) = (
            app.stories.reader.current,
            app.stories.list.selected,
            app.stories.reader.scroll,
        );
        let id = app.stories.bundle.articles[current].id.clone();
        let starred = app.session.memory.starred.clone();
        // The same stories, with one new story at the top.
        let text = crate::bundle::SAMPLE.replacen(
            "\"articles\": [",
            "\"articles\": [{\"id\":\"new\",\"title\":\"Tin mới\"},",
            1,
        );
        let bundle = load_full("again", text.as_bytes()).unwrap();
        assert_eq!(bundle.articles.len(), app.stories.bundle.articles.len() + 1);
        app.reload(bundle);
        assert_eq!(app.stories.reader.current, current + 1);
        assert_eq!(
            app.stories.bundle.articles[app.stories.reader.current].id,
            id
        );
        assert_eq!(app.stories.list.selected, selected + 1);
        assert_eq!(app.stories.reader.scroll, scroll);
        assert_eq!(app.session.memory.starred, starred);
        assert_eq!(app.session.focus, Pane::Headlines);
        assert!(
            app.session.notice.as_deref().unwrap().contains("1 more"),
            "{:?}",
            app.session.notice
        );
    }

    #[test]
    fn the_filter_and_the_search_survive_a_reload() {
        let mut app = App::new(sample().unwrap(), 120, 40);
        app.update(Action::StarredOnly);
        app.update(Action::Search);
        for c in "viet".chars() {
            app.update(Action::Type(c));
        }
        app.update(Action::Accept);
        let list = app.stories.list.shown.clone();
        app.reload(sample().unwrap());
        assert_eq!(app.stories.list.filter, Filter::Starred);
        assert_eq!(app.stories.find.input, "viet");
        assert_eq!(app.stories.list.shown, list);
    }
}
