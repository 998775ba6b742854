//! The reader's state and the one function that changes it, [`App::update`].
//!
//! No I/O and no terminal here: the terminal loop and `--render` both feed actions in and draw
//! what is left. The App knows the terminal size because scrolling and paging depend on pane
//! heights; it takes the geometry from `layout`, the same the drawing code uses.
//!
//! The state is in two parts: the [`Session`] (what outlives a reload: the keys, the memory,
//! the zoom and focus, what plays) and the [`Stories`] (the bundle and everything about its
//! stories: the list, the reader, related stories, the search), which a reload replaces.

use crate::action::{Action, AppEvent};
use crate::bundle::Bundle;
use crate::keymap::Keymap;
use crate::layout::Pane;
use crate::state::Memory;

mod access;
mod autotag;
mod feeds;
mod find;
mod folders;
mod help;
mod idle;
mod levels;
mod links;
mod list;
mod listen;
mod marking;
mod mouse;
mod outcome;
mod panes;
mod prompt;
mod reader;
mod related;
mod reload;
mod scope;
mod session;
mod stories;
mod tagging;
#[cfg(test)]
mod tests;
mod whole;

pub use autotag::{MOST_RULES, TagRule, unfit_for_rule};
pub use find::Find;
use find::Way;
pub use folders::{FeedOrder, FeedRow, RowKind};
pub use links::{Copied, Effect, is_web_address, osc52};
use list::Mark;
pub use list::{Counts, Filter};
pub use listen::Playing;
pub use marking::Ask;
pub use outcome::Outcome;
pub use reader::Visit;
pub use scope::{Place, SavedQuery};
use session::Session;
use stories::Stories;
pub use tagging::{MOST_TAGS, parse_tags, tag_line};

#[derive(Debug)]
pub struct App {
    session: Session,
    stories: Stories,
}

impl App {
    pub fn new(bundle: Bundle, cols: u16, rows: u16) -> Self {
        let mut app = App {
            session: Session::new(cols, rows),
            stories: Stories::new(bundle),
        };
        app.start();
        app
    }

    /// Lays out the first story of freshly loaded stories and counts them.
    fn start(&mut self) {
        self.recount();
        self.relayout(None);
        self.compute_related();
    }

    /// The app with `memory` from an earlier session.
    pub fn with_memory(mut self, memory: Memory) -> Self {
        self.session.memory = memory;
        self.recount();
        if let Some(article) = self
            .stories
            .bundle
            .articles
            .get(self.stories.reader.current)
            && let Some(place) = self.session.memory.places.get(&article.id).copied()
        {
            let line = self.stories.reader.doc.line_of(place.part) + place.line;
            self.scroll_to(line);
        }
        self
    }

    /// The app with the reader's measure from the settings: the story is wrapped again if
    /// its lines change width, staying on the same part of it.
    pub fn with_measure(mut self, measure: crate::layout::Measure) -> Self {
        self.session.measure = measure;
        self.reflow();
        self
    }

    /// The app with the keys in force (the defaults, or the user's).
    pub fn with_keymap(mut self, keymap: Keymap) -> Self {
        self.session.keymap = keymap;
        self
    }

    /// Carries out one action, or takes in one event of the terminal loop.
    pub fn update(&mut self, event: impl Into<AppEvent>) {
        let event = event.into();
        if !matches!(event, AppEvent::Idle | AppEvent::Resize(..)) {
            self.session.notice = None;
        }
        // Idle work goes on under an overlay: the list's related index, the search.
        if let Some(scroll) = self.session.help
            && !matches!(event, AppEvent::Idle)
        {
            self.update_help(scroll, event);
            return;
        }
        // The line of tags takes its keys in the feed list too.
        if let AppEvent::Action(action) = event
            && self.tag_line_takes(action)
        {
            return;
        }
        if self.session.feed_view.is_some() && !matches!(event, AppEvent::Idle) {
            self.update_feeds(event);
            return;
        }
        match event {
            AppEvent::Action(action) => self.act(action),
            AppEvent::Resize(cols, rows) => self.resize(cols, rows),
            AppEvent::Idle => self.idle(),
            AppEvent::Click(col, row) => {
                self.click(col, row);
            }
            AppEvent::Activate(col, row) => {
                if self.click(col, row) {
                    self.open();
                }
            }
            AppEvent::Wheel(col, row, turn) => self.wheel(col, row, turn),
            AppEvent::Paste(text) => self.paste(&text),
        }
        self.read_in_reader();
        self.keep_in_view();
    }

    /// Text pasted while a line is typed goes into it: the search line takes it whole, as
    /// one change of the query; the link number a character at a time, as typed, until a
    /// character closes it. Elsewhere a paste is not keys.
    fn paste(&mut self, text: &str) {
        if self.session.tag_line.is_some() {
            self.paste_tags(text);
        } else if self.session.link_prompt.is_some() {
            for c in text.chars() {
                if self.session.link_prompt.is_none() {
                    break;
                }
                self.prompt_takes(Action::Type(c));
            }
        } else if self.stories.find.editing {
            self.type_text(text);
        }
    }

    /// Asks the terminal loop to suspend (an [`Effect::Suspend`]); nothing of the reader
    /// changes, and it works the same with the help overlay or the search line open.
    fn suspend(&mut self) {
        self.session.effects.push(Effect::Suspend);
    }

    /// Carries out what the user asked.
    fn act(&mut self, action: Action) {
        // Only typing leaves the body search to the idle steps: any other key acts on the
        // whole list, as it would once they were done.
        if !matches!(action, Action::Type(_) | Action::Erase) {
            self.finish_search();
        }
        if self.prompt_takes(action) || self.answer_takes(action) {
            return;
        }
        match action {
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::PageUp => self.step(-self.page()),
            Action::PageDown => self.step(self.page()),
            Action::HalfPageUp => self.step(-(self.page() / 2).max(1)),
            Action::HalfPageDown => self.step((self.page() / 2).max(1)),
            Action::Top => self.step(isize::MIN / 2),
            Action::Bottom => self.step(isize::MAX / 2),
            Action::Open => self.open(),
            Action::OpenRelated(n) => self.follow(usize::from(n).saturating_sub(1)),
            Action::Back => self.back(),
            Action::FocusNext => self.cycle_focus(Pane::next),
            Action::FocusPrev => self.cycle_focus(Pane::prev),
            Action::Help => self.session.help = Some(0),
            Action::Close => self.close(),
            Action::Dismiss => self.dismiss(),
            Action::Quit => self.session.running = false,
            Action::Suspend => self.suspend(),
            Action::Search => self.start_search(),
            Action::Type(c) => self.type_char(c),
            Action::Erase => self.erase(),
            Action::Accept => self.accept(),
            Action::Cancel => self.cancel(),
            Action::NextMatch => self.jump_to_match(Way::Forward),
            Action::OpenLink => self.open_link(),
            Action::ToggleAudio => self.toggle_audio(),
            Action::Reload => self.ask_reload(),
            Action::Feeds => self.open_feeds(),
            Action::SortFeeds => {
                self.session.feed_order = self.session.feed_order.next();
                self.session.notice = Some(format!(
                    "The feed list is sorted by {} now ({} shows it).",
                    self.session.feed_order.name(),
                    self.key_named(Action::Feeds).unwrap_or_else(|| "F".into())
                ));
            }
            Action::MarkListRead => self.mark_list_read(),
            Action::MarkAllRead => self.ask_mark_all_read(),
            Action::Undo => self.undo(),
            Action::NextUnread => self.next_unread(),
            Action::PrevUnread => self.prev_unread(),
            Action::CopyLink => self.copy_link(),
            Action::OpenLinkNumber => self.ask_link_number(),
            Action::EditTags => self.ask_story_tags(),
            Action::WholeArticle => self.toggle_whole(),
            Action::PrevMatch => self.jump_to_match(Way::Backward),
            Action::Zoom => {
                self.session.zoom = !self.session.zoom;
                self.reflow();
            }
            Action::ToggleRead => self.toggle(Mark::Read),
            Action::ToggleStar => self.toggle(Mark::Star),
            Action::UnreadOnly => self.set_filter(Filter::Unread),
            Action::StarredOnly => self.set_filter(Filter::Starred),
        }
    }
}
