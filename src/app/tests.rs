//! The App's unit tests, one file per concern under `tests/`, sharing the helpers here.

#![allow(clippy::unwrap_used)]

pub(super) use super::*;
pub(super) use crate::action::AppEvent;
pub(super) use crate::bundle::{Bundle, sample};
pub(super) use crate::document::Document;
pub(super) use crate::layout::{Pane, help_lines};
pub(super) use idle::AHEAD_COMPUTED;
pub(super) use panes::visible_offset;
pub(super) use reader::CACHE_STORIES;

mod escape;
mod feeds;
mod folders;
mod link_number;
mod long_story;
mod marks;
mod memory;
mod narrowing;
mod navigation;
mod outcome;
mod related;
mod search;
mod suspend;
mod tagging;
mod whole;
mod zoom;

/// The sample bundle on a `cols` x `rows` terminal.
pub(super) fn app(cols: u16, rows: u16) -> App {
    App::new(sample().unwrap(), cols, rows)
}

/// Carries out `actions` (or events) in turn.
pub(super) fn run<E: Into<AppEvent> + Clone>(app: &mut App, actions: &[E]) {
    for a in actions {
        app.update(a.clone());
    }
}
