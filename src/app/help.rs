//! The help overlay while it is open: it takes the movement keys and scrolls its list of
//! keys; its geometry is `layout`'s.

use super::App;
use crate::action::{Action, AppEvent};
use crate::layout::{help_area, help_lines};

impl App {
    pub(super) fn update_help(&mut self, scroll: usize, event: AppEvent) {
        let scroll = match event {
            AppEvent::Action(Action::Up) => scroll.saturating_sub(1),
            AppEvent::Action(Action::Down) => scroll + 1,
            AppEvent::Action(Action::PageUp) | AppEvent::Action(Action::HalfPageUp) => {
                scroll.saturating_sub(self.help_height())
            }
            AppEvent::Action(Action::PageDown) | AppEvent::Action(Action::HalfPageDown) => {
                scroll + self.help_height()
            }
            AppEvent::Action(Action::Top) => 0,
            AppEvent::Action(Action::Bottom) => usize::MAX,
            AppEvent::Action(Action::Help)
            | AppEvent::Action(Action::Close)
            | AppEvent::Action(Action::Dismiss) => {
                self.session.help = None;
                return;
            }
            AppEvent::Action(Action::Suspend) => {
                self.suspend();
                scroll
            }
            AppEvent::Action(Action::Quit) => {
                self.session.running = false;
                return;
            }
            AppEvent::Resize(cols, rows) => {
                self.resize(cols, rows);
                self.keep_in_view();
                scroll
            }
            _ => scroll,
        };
        // Clamped after the action: a resize changes how much fits.
        self.session.help =
            Some(scroll.min(help_lines(&self.session.keymap).saturating_sub(self.help_height())));
    }

    /// Rows of the help overlay's text at the current size.
    pub fn help_height(&self) -> usize {
        usize::from(
            help_area(
                self.session.size.0,
                self.session.size.1,
                help_lines(&self.session.keymap),
            )
            .height
            .saturating_sub(2),
        )
    }
}
