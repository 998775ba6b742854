//! What the drawing code, the terminal loop and `--render` read of the App: read-only views of
//! its state, so that nothing outside `app` changes it except through [`App::update`] and
//! [`App::apply`].

use super::{App, Effect, Filter, Find, Playing};
use crate::bundle::Bundle;
use crate::document::Document;
use crate::keymap::Keymap;
use crate::layout::{Measure, Pane};
use crate::state::{Changes, Memory};

impl App {
    pub fn bundle(&self) -> &Bundle {
        &self.stories.bundle
    }

    /// Columns and rows of the frame.
    pub fn size(&self) -> (u16, u16) {
        self.session.size
    }

    pub fn focus(&self) -> Pane {
        self.session.focus
    }

    /// The story in the reader.
    pub fn current(&self) -> usize {
        self.stories.reader.current
    }

    /// The headline list's cursor.
    pub fn selected(&self) -> usize {
        self.stories.list.selected
    }

    /// First headline shown in the list.
    pub fn list_offset(&self) -> usize {
        self.stories.list.offset
    }

    /// The stories the headline list shows, in bundle order.
    pub fn list(&self) -> &[usize] {
        &self.stories.list.shown
    }

    /// Which stories the headline list shows.
    pub fn filter(&self) -> Filter {
        self.stories.list.filter
    }

    /// First reader line shown.
    pub fn scroll(&self) -> usize {
        self.stories.reader.scroll
    }

    /// The story in the reader, laid out at the reader's width.
    pub fn doc(&self) -> &Document {
        &self.stories.reader.doc
    }

    /// Selected entry of the related panel.
    pub fn related_selected(&self) -> usize {
        self.stories.related.cursor
    }

    /// First related entry shown.
    pub fn related_offset(&self) -> usize {
        self.stories.related.offset
    }

    /// How wide the reader's lines may be, and where they sit in a wider pane.
    pub fn measure(&self) -> Measure {
        self.session.measure
    }

    /// Whether one pane at a time is shown on a wide terminal too.
    pub fn zoom(&self) -> bool {
        self.session.zoom
    }

    /// The status bar's message, if any: the one-time message, else that a reload runs.
    pub fn notice(&self) -> Option<&str> {
        self.session
            .notice
            .as_deref()
            .or(self.session.reloading.then_some(super::reload::RELOADING))
    }

    /// How far a refresh of the library's feeds has got (feeds done, of how many), while
    /// one runs.
    pub fn refreshing(&self) -> Option<(usize, usize)> {
        self.session.refreshing
    }

    /// Scroll position of the help overlay, when it is open.
    pub fn help_scroll(&self) -> Option<usize> {
        self.session.help
    }

    /// Whether the reader goes on (no quit yet).
    pub fn running(&self) -> bool {
        self.session.running
    }

    /// What is remembered between sessions, for the terminal loop to save.
    pub fn memory(&self) -> &Memory {
        &self.session.memory
    }

    /// How many times the memory changed.
    pub fn memory_changes(&self) -> u64 {
        self.session.memory_changes
    }

    /// The changes to the memory since the terminal loop last took them, taken out to be
    /// saved (merged into the state file).
    pub fn take_unsaved(&mut self) -> Changes {
        std::mem::take(&mut self.session.unsaved)
    }

    /// Whether keys go to a line that takes typing: the search line, the link number, the
    /// tags.
    pub fn typing(&self) -> bool {
        self.stories.find.editing
            || self.session.link_prompt.is_some()
            || self.session.tag_line.is_some()
            || self.session.asking.is_some()
    }

    /// The digits typed after `L`, while the status line asks for a link number.
    pub fn link_prompt(&self) -> Option<&str> {
        self.session.link_prompt.as_deref()
    }

    /// The search typed at `/`.
    pub fn find(&self) -> &Find {
        &self.stories.find
    }

    /// Titles compared with the query since the search line was opened: what keys in the
    /// search line cost, for tests and benches.
    pub fn titles_compared(&self) -> usize {
        self.stories.find.compared
    }

    /// The keys in force.
    pub fn keymap(&self) -> &Keymap {
        &self.session.keymap
    }

    /// The audio that plays, if any.
    pub fn playing(&self) -> Option<&Playing> {
        self.session.playing.as_ref()
    }

    /// What the terminal loop is asked to do, taken out to be done.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.session.effects)
    }

    /// Puts the headline cursor on `story` at once, as many cursor moves would: for benches
    /// that jump across a large bundle.
    #[doc(hidden)]
    pub fn select(&mut self, story: usize) {
        self.stories.list.selected = story;
    }
}
