//! Everything the reader can be asked to do. Keys map to these (`keys`); `App::update` carries
//! them out, together with what the terminal loop reports that no key asks for (an
//! [`AppEvent`]: the size changed, the mouse, a moment with nothing waiting).

/// One step of user intent, independent of which key asked for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Move the selection or scroll up one line.
    Up,
    /// Move the selection or scroll down one line.
    Down,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    Top,
    Bottom,
    /// Open the selected headline or related story.
    Open,
    /// Open related story number N (1-based) of the story in the reader.
    OpenRelated(u8),
    /// Return to the story before the last followed related story.
    Back,
    FocusNext,
    FocusPrev,
    /// One pane at a time, or all three again (wide terminals).
    Zoom,
    /// Mark the story under the cursor (or in the reader) read, or unread again.
    ToggleRead,
    /// Star the story under the cursor (or in the reader), or take the star off.
    ToggleStar,
    /// Read the story's whole article from its page, or show the summary again.
    WholeArticle,
    /// Give the story tags (or, in the feed list, the feed).
    EditTags,
    /// Show only unread stories in the list, or all again.
    UnreadOnly,
    /// Show only starred stories in the list, or all again.
    StarredOnly,
    /// Open the search line.
    Search,
    /// A character typed into the search line.
    Type(char),
    /// Delete the last character of the search line.
    Erase,
    /// Keep the search and go back to the list.
    Accept,
    /// Clear the search.
    Cancel,
    /// Play the story's audio, or stop it.
    ToggleAudio,
    /// Read the sources again, keeping the reader's place and state.
    Reload,
    /// Show the feed list (every subscription, its counts and failures), or close it.
    Feeds,
    /// Sort the feed list by the next order (name, unread, updated).
    SortFeeds,
    /// Mark every story of the list shown read (the feed, tag, query or search result).
    MarkListRead,
    /// Mark every story read, after a confirmation.
    MarkAllRead,
    /// Undo the last change of many marks at once.
    Undo,
    /// Open the next story not read yet, in whatever feed it is.
    NextUnread,
    /// Open the previous story not read yet.
    PrevUnread,
    /// Open the story's link in the browser.
    OpenLink,
    /// Copy the story's link to the clipboard (OSC 52, over SSH too).
    CopyLink,
    /// Ask for the number of a link in the story's text (`[n]`), to open or copy it.
    OpenLinkNumber,
    /// Scroll the reader to the next line with a match.
    NextMatch,
    /// Scroll the reader to the previous line with a match.
    PrevMatch,
    /// Show or hide the help overlay.
    Help,
    /// Close the overlay if one is open, otherwise quit.
    Close,
    /// Close the overlay if one is open, or clear the search if there is one, otherwise
    /// quit.
    Dismiss,
    /// Quit at once.
    Quit,
    /// Give the terminal back and stop until the shell continues newsterm (`fg`). The app
    /// asks for it (an `Effect::Suspend`) and the terminal loop does it; nothing else of the
    /// app's state changes.
    Suspend,
}

/// What [`App::update`](crate::app::App::update) takes: what the user asks (an [`Action`],
/// from a key), or what the terminal loop reports on its own: the size, the mouse, and the
/// moments with no key waiting.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AppEvent {
    Action(Action),
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// The left mouse button at this column and row: selects what is there.
    Click(u16, u16),
    /// A double click at this column and row: selects and opens what is there.
    Activate(u16, u16),
    /// The mouse wheel turned at this column and row: scrolls the pane there.
    Wheel(u16, u16, WheelTurn),
    /// Nothing is waiting: lay out a little more of a long story (sent by the terminal loop,
    /// never bound to a key).
    Idle,
    /// Text pasted into the terminal (bracketed paste): typed into the line being typed,
    /// whole; elsewhere it is not keys.
    Paste(String),
}

impl From<Action> for AppEvent {
    fn from(action: Action) -> Self {
        AppEvent::Action(action)
    }
}

/// Which way the mouse wheel turned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WheelTurn {
    Up,
    Down,
}
