//! `r`: the sources read again. The app only asks (an [`Effect::Reload`]); the terminal loop
//! reads them and hands the new stories to [`App::reload`], which keeps everything the reader
//! had: the story in the reader and its place, the cursor, the filter, the search, the
//! stories read and starred (all by story id, since positions change).

use super::links::Effect;
use super::{App, Filter, Visit};
use crate::bundle::Bundle;

impl App {
    pub(super) fn ask_reload(&mut self) {
        self.effects.push(Effect::Reload);
    }

    /// Puts `bundle` in place of the stories shown, keeping the reader's state.
    pub fn reload(&mut self, bundle: Bundle) {
        let id = |app: &App, i: usize| app.bundle.articles.get(i).map(|a| a.id.clone());
        self.remember_place();
        let current = id(self, self.current);
        let selected = id(self, self.selected);
        let back: Vec<(String, Visit)> = self
            .back
            .iter()
            .filter_map(|v| id(self, v.story).map(|id| (id, *v)))
            .collect();
        let (cols, rows) = self.size;
        let mut next = App::new(bundle, cols, rows);
        let index = |next: &App, id: &Option<String>| {
            id.as_ref()
                .and_then(|id| next.bundle.articles.iter().position(|a| &a.id == id))
        };
        let current_at = index(&next, &current);
        let selected_at = index(&next, &selected);
        next.back = back
            .into_iter()
            .filter_map(|(id, visit)| {
                let story = index(&next, &Some(id))?;
                Some(Visit { story, ..visit })
            })
            .collect();
        // What is not about particular stories carries over as it is.
        next.memory = std::mem::take(&mut self.memory);
        next.memory_changes = self.memory_changes;
        next.keymap = std::mem::take(&mut self.keymap);
        next.playing = self.playing.take();
        next.effects = std::mem::take(&mut self.effects);
        next.zoom = self.zoom;
        next.focus = self.focus;
        next.counts = next.count();
        if let Some(story) = current_at {
            next.show(story);
        }
        next.selected = selected_at.or(current_at).unwrap_or(0);
        if self.filter != Filter::All {
            next.set_filter(self.filter);
        }
        if self.find.query.is_some() {
            next.find.input = std::mem::take(&mut self.find.input);
            next.find.editing = self.find.editing;
            next.requery();
        }
        next.reflow();
        next.keep_in_view();
        let (before, after) = (self.bundle.articles.len(), next.bundle.articles.len());
        next.notice = Some(match after.checked_sub(before) {
            Some(0) => format!("Reloaded: {after} stories, none new."),
            Some(n) => format!("Reloaded: {after} stories, {n} more than before."),
            None => format!("Reloaded: {after} stories, {} fewer.", before - after),
        });
        *self = next;
    }
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
        assert_eq!(app.effects, [Effect::Reload]);
        app.effects.clear();
        for a in [Action::Down, Action::Down, Action::Open, Action::PageDown] {
            app.update(a);
        }
        app.update(Action::ToggleStar);
        app.update(Action::FocusPrev);
        app.update(Action::Down);
        let (current, selected, scroll) = (app.current, app.selected, app.scroll);
        let id = app.bundle.articles[current].id.clone();
        let starred = app.memory.starred.clone();
        // The same stories, with one new story at the top.
        let text = crate::bundle::SAMPLE.replacen(
            "\"articles\": [",
            "\"articles\": [{\"id\":\"new\",\"title\":\"Tin mới\"},",
            1,
        );
        let bundle = load_full("again", text.as_bytes()).unwrap();
        assert_eq!(bundle.articles.len(), app.bundle.articles.len() + 1);
        app.reload(bundle);
        assert_eq!(app.current, current + 1);
        assert_eq!(app.bundle.articles[app.current].id, id);
        assert_eq!(app.selected, selected + 1);
        assert_eq!(app.scroll, scroll);
        assert_eq!(app.memory.starred, starred);
        assert_eq!(app.focus, Pane::Headlines);
        assert!(
            app.notice.as_deref().unwrap().contains("1 more"),
            "{:?}",
            app.notice
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
        let list = app.list.clone();
        app.reload(sample().unwrap());
        assert_eq!(app.filter, Filter::Starred);
        assert_eq!(app.find.input, "viet");
        assert_eq!(app.list, list);
    }
}
