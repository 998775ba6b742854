//! Everything the reader can be asked to do. Keys map to these (`keys`); `App::update` carries
//! them out.

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
    /// The left mouse button at this column and row: selects what is there.
    Click(u16, u16),
    /// A double click at this column and row: selects and opens what is there.
    Activate(u16, u16),
    /// The mouse wheel at this column and row, down (true) or up: scrolls the pane there.
    Wheel(u16, u16, bool),
    /// Play the story's audio, or stop it.
    ToggleAudio,
    /// Read the sources again, keeping the reader's place and state.
    Reload,
    /// Open the story's link in the browser.
    OpenLink,
    /// Copy the story's link to the clipboard (OSC 52, over SSH too).
    CopyLink,
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
    /// Give the terminal back and stop until the shell continues newsterm (`fg`). The
    /// terminal loop does this; the app's state does not change.
    Suspend,
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// Nothing is waiting: lay out a little more of a long story (sent by the terminal loop,
    /// never bound to a key).
    Idle,
}
