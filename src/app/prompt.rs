//! `L`: a link of the story's text opened by its number. Web addresses in a story are
//! numbered (`[n]`) and listed at its end; `L` asks for a number in the status line
//! (`Open link (1-12): `), Enter opens that link as `o` opens the story's own (web addresses
//! only), `y` copies it instead, Esc gives up. A story without links says so at once.

use super::App;
use crate::action::Action;

/// Digits a link number may have: more is no story's link, and no overflow.
const MOST_DIGITS: usize = 6;

/// What becomes of the link asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Use {
    Open,
    Copy,
}

impl App {
    /// The numbered addresses of the story in the reader. The story is laid out to its end
    /// first, so that every number is known at once, however far the idle steps have got:
    /// keys typed ahead act as keys typed slowly.
    fn numbered_links(&mut self) -> &[String] {
        self.stories.reader.doc.finish();
        self.stories.reader.doc.numbered_links()
    }

    /// `L`: the status line asks for a link number, or says there is none to ask for.
    pub(super) fn ask_link_number(&mut self) {
        if self.numbered_links().is_empty() {
            self.session.notice = Some("This story has no links in its text.".into());
        } else {
            self.session.link_prompt = Some(String::new());
        }
    }

    /// While the link number is asked for, the keys that edit it act on it. Returns whether
    /// `action` was one of them.
    pub(super) fn prompt_takes(&mut self, action: Action) -> bool {
        let Some(typed) = self.session.link_prompt.as_mut() else {
            return false;
        };
        match action {
            Action::Type('y') => self.take_link(Use::Copy),
            Action::Type(c) if c.is_ascii_digit() => {
                if typed.len() < MOST_DIGITS {
                    typed.push(c);
                }
            }
            // Anything else typed is no digit: the line stays as it is.
            Action::Type(_) => {}
            Action::Erase => {
                typed.pop();
            }
            Action::Accept => self.take_link(Use::Open),
            Action::Cancel => self.session.link_prompt = None,
            _ => return false,
        }
        true
    }

    /// Enter or `y`: link n opened or copied, or why not. Nothing typed: Enter closes the
    /// line and `y` waits for a number.
    fn take_link(&mut self, how: Use) {
        let typed = self.session.link_prompt.clone().unwrap_or_default();
        if typed.is_empty() {
            if how == Use::Open {
                self.session.link_prompt = None;
            }
            return;
        }
        self.session.link_prompt = None;
        // At most MOST_DIGITS digits: always a number.
        let n: usize = typed.parse().unwrap_or(0);
        let links = self.numbered_links();
        let count = links.len();
        match n.checked_sub(1).and_then(|i| links.get(i)).cloned() {
            Some(url) if how == Use::Open => self.open_address(url),
            Some(url) => self.copy_address(url),
            None => {
                self.session.notice = Some(format!("No link {n}: this story has {count}."));
            }
        }
    }
}
