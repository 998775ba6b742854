//! Going back and going up, one model for every layout: Back returns through the stories
//! left by following related links and then goes up a level; `q` goes up a level and quits
//! only from the list; `Esc` closes what is open and never quits; `Q` and `C-c` quit from
//! anywhere. The levels are the list, then the reader and the related panel over it.

use super::{App, Filter};
use crate::action::Action;
use crate::layout::Pane;

impl App {
    /// Back: the story left by following a related link, else up a level.
    pub(super) fn back(&mut self) {
        if self.session.focus != Pane::Headlines && !self.stories.reader.back.is_empty() {
            self.go_back();
        } else {
            self.up_a_level();
        }
    }

    /// `q`: up a level, and from the list, quit.
    pub(super) fn close(&mut self) {
        if !self.up_a_level() {
            self.session.running = false;
        }
    }

    /// Esc: closes the innermost thing open: the zoom, the reader shown alone, the search,
    /// then the unread or starred filter, then the feed entered. With nothing open it says
    /// how to quit.
    pub(super) fn dismiss(&mut self) {
        if self.session.zoom {
            self.session.zoom = false;
            self.reflow();
        } else if self.screen().single && self.session.focus != Pane::Headlines {
            self.up_a_level();
        } else if self.stories.find.active() {
            self.cancel();
        } else if self.stories.list.filter != Filter::All {
            self.set_filter(self.stories.list.filter);
        } else if !self.leave_feed() {
            self.session.notice = Some(match self.key_named(Action::Quit) {
                Some(key) => format!("Nothing to close ({key} quits)."),
                None => "Nothing to close.".into(),
            });
        }
    }

    /// The key bound to `action` as the status bar names it, for words that point at it.
    pub(super) fn key_named(&self, action: Action) -> Option<String> {
        self.session
            .keymap
            .key_for(&[action], None)
            .map(crate::keymap::short_name)
    }

    /// From the reader or the related panel to the list; the stories left by following
    /// related links are forgotten. False when the list has the focus already.
    fn up_a_level(&mut self) -> bool {
        if self.session.focus == Pane::Headlines {
            // A feed entered from the feed list is a level below it.
            return self.leave_feed();
        }
        self.stories.reader.back.clear();
        self.session.focus = Pane::Headlines;
        true
    }
}
