//! The help overlay while it is open: it takes the movement keys and scrolls its list of
//! keys; its geometry is `layout`'s.

use super::App;
use crate::action::Action;
use crate::layout::{help_area, help_lines};

impl App {
    pub(super) fn update_help(&mut self, scroll: usize, action: Action) {
        let scroll = match action {
            Action::Up => scroll.saturating_sub(1),
            Action::Down => scroll + 1,
            Action::PageUp | Action::HalfPageUp => scroll.saturating_sub(self.help_height()),
            Action::PageDown | Action::HalfPageDown => scroll + self.help_height(),
            Action::Top => 0,
            Action::Bottom => usize::MAX,
            Action::Help | Action::Close | Action::Dismiss => {
                self.session.help = None;
                return;
            }
            Action::Quit => {
                self.session.running = false;
                return;
            }
            Action::Resize(cols, rows) => {
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
