//! What belongs to the session rather than to the stories loaded: it stays whole when a
//! reload replaces the stories.

use super::{Effect, Playing};
use crate::keymap::Keymap;
use crate::layout::{Measure, Pane};
use crate::state::{Changes, Memory};

#[derive(Debug)]
pub(super) struct Session {
    /// Columns and rows of the frame.
    pub(super) size: (u16, u16),
    pub(super) focus: Pane,
    /// One pane at a time on a wide terminal too (a full-width story scrolls in fewer bytes
    /// over a slow link).
    pub(super) zoom: bool,
    /// A one-time message for the status bar (such as a locale that is not UTF-8), shown
    /// until the next key.
    pub(super) notice: Option<String>,
    /// Scroll position of the help overlay, when it is open.
    pub(super) help: Option<usize>,
    pub(super) running: bool,
    /// What is remembered between sessions: stories read and starred, places in stories.
    pub(super) memory: Memory,
    /// Counts changes to `memory`, for the terminal loop to save after each.
    pub(super) memory_changes: u64,
    /// The changes to `memory` the terminal loop has not taken yet: what it merges into the
    /// state file, which other readers of the bundle may have written meanwhile.
    pub(super) unsaved: Changes,
    /// What the terminal loop is asked to do (open a link, copy it); it takes them.
    pub(super) effects: Vec<Effect>,
    /// The keys in force (the defaults, or the user's), for the help overlay and the loop.
    pub(super) keymap: Keymap,
    /// The audio that plays, if any.
    pub(super) playing: Option<Playing>,
    /// How wide the reader's lines may be, and where they sit in a wider pane.
    pub(super) measure: Measure,
    /// The digits typed after `L`, while the status line asks for a link number.
    pub(super) link_prompt: Option<String>,
    /// The stories whose whole article the loop is reading (`f`), by id.
    pub(super) reading_whole: std::collections::BTreeSet<String>,
    /// The tags typed after `t`, while the status line asks for them.
    pub(super) tag_line: Option<super::tagging::TagLine>,
    /// The sources are being read again (the loop said so, and has not yet brought the
    /// result).
    pub(super) reloading: bool,
    /// A refresh of the library's feeds runs: how many are done, of how many.
    pub(super) refreshing: Option<(usize, usize)>,
    /// The subscriptions, as the loop last handed them in (none outside the library).
    pub(super) feeds: Vec<crate::library::FeedInfo>,
    /// The feed list, while it is open.
    pub(super) feed_view: Option<super::feeds::FeedView>,
    /// The row the feed list's cursor was on when it was entered, its place and the
    /// first row shown, for Back.
    pub(super) feed_left: Option<(super::FeedRow, usize, usize)>,
    /// The question the status line asks (`C`), until a key answers it.
    pub(super) asking: Option<super::Ask>,
    /// The changes of many marks `U` takes back, the last one last.
    pub(super) undo: Vec<super::marking::Step>,
    /// How the feed list is sorted.
    pub(super) feed_order: super::FeedOrder,
    /// The saved queries, the feed list's first folders.
    pub(super) queries: Vec<super::SavedQuery>,
    /// The settings' tagging rules.
    pub(super) tag_rules: Vec<super::TagRule>,
    /// The time (seconds since 1970) `newer:` in a query counts back from: the loop's
    /// clock, handed in.
    pub(super) now: i64,
    /// The feed list hides the feeds with nothing unread (`u` there).
    pub(super) feeds_unread_only: bool,
}

impl Session {
    pub(super) fn new(cols: u16, rows: u16) -> Self {
        Session {
            size: crate::layout::drawn_size(cols, rows),
            focus: Pane::Headlines,
            zoom: false,
            notice: None,
            help: None,
            running: true,
            memory: Memory::default(),
            memory_changes: 0,
            unsaved: Changes::default(),
            effects: Vec::new(),
            keymap: Keymap::default(),
            playing: None,
            measure: Measure::default(),
            link_prompt: None,
            tag_line: None,
            reading_whole: std::collections::BTreeSet::new(),
            reloading: false,
            refreshing: None,
            feeds: Vec::new(),
            feed_view: None,
            feed_left: None,
            feed_order: super::FeedOrder::default(),
            asking: None,
            undo: Vec::new(),
            queries: Vec::new(),
            tag_rules: Vec::new(),
            now: 0,
            feeds_unread_only: false,
        }
    }
}
