//! Sends frames to the terminal in as few bytes as possible, for reading over SSH, where every
//! byte is latency.
//!
//! [`Presenter`] keeps the frame the terminal shows and what it knows of the terminal's cursor
//! and colours (the *pen*), and writes only the bytes that turn that frame into the next one:
//! the cheapest cursor move or re-write between changes (`cursor`, `encode`, `writer`), the shortest
//! colour change (`sgr`), erasing instead of writing blanks, wide characters and cells that
//! cannot be shown handled as the terminal shows them (`glyph`). When the caller knows a pane
//! scrolled, a [`Scroll`] hint lets the terminal move the rows itself (a scroll region and SU
//! or SD, `scroll`) so only the newly exposed lines are sent; the presenter takes the hint only
//! when the frame comes out shorter with it. The byte stream, replayed in a terminal
//! emulator, always equals a full redraw; `tests/present.rs` checks that in `vt100`.
//!
//! Rules the presenter keeps, and the caller can rely on:
//! - A frame identical to the last one writes nothing at all.
//! - Every frame ends in default colours (`ESC [ m` when the last thing written was styled):
//!   at most 3 bytes, and the caller may write between frames without inheriting a colour;
//!   unless it asks for [`Presenter::keeping_colours`].
//! - Nothing else is assumed between frames: if the caller moves the cursor or changes
//!   colours itself, it calls [`Presenter::forget_pen`]; after anything that may have changed
//!   the screen (a resume from Ctrl-Z, a resize), [`Presenter::invalidate`].
//! - Synchronized-output brackets (`ESC [ ? 2026 h` … `l`, 16 bytes together) surround a frame
//!   only when it is at least [`SYNC_AT`] bytes: a frame that small leaves in one `write` and
//!   arrives in one TCP segment, so terminals parse it whole before drawing and the brackets
//!   would buy nothing. Scrolled frames follow the same rule: the scroll and the lines it
//!   exposes are in the same small write.
//! - The terminal's cursor is left wherever the frame's last write left it, unless the caller
//!   asks for it somewhere ([`Presenter::place_cursor`]): then each frame ends by moving it
//!   there (the cheapest move from where the frame left it, inside the frame's brackets) and
//!   showing it, or hiding it; the next frame's changes start from that known place. Showing
//!   and hiding are sent only when they change, and a frame with nothing to change and the
//!   cursor already in place is still 0 bytes.

mod cursor;
mod encode;
mod glyph;
mod pen;
mod scroll;
mod seq;
mod sgr;
#[cfg(test)]
mod testing;
mod writer;

use ratatui::buffer::Buffer;
use ratatui::layout::Position;
use ratatui::style::Style;

use cursor::Cursor;
use pen::{Pen, Region};
pub use scroll::Scroll;
use scroll::{movable, scrolled};
use sgr::Sgr;
pub use writer::Link;

/// `ESC [ 0 ; … m`: a reset, then the colours and modifiers `style` sets (underline colour
/// left out, as in every frame), for text that carries its own styles (`--render --color`).
pub(crate) fn reset_then(style: Style) -> String {
    let seq = sgr::reset_then(Sgr::of_style(style));
    // SGR sequences are ASCII: nothing is replaced.
    String::from_utf8_lossy(seq.as_bytes()).into_owned()
}

/// Frames this long or longer are wrapped in synchronized-output brackets. An SSH packet
/// carries about 1.4 KB of a TCP segment after its own overhead; below 1 KB a frame is never
/// split by the network.
pub const SYNC_AT: usize = 1024;

const SYNC_BEGIN: &[u8] = b"\x1b[?2026h";
const SYNC_END: &[u8] = b"\x1b[?2026l";

/// `ESC [ ? 25 h` and `l`: the terminal's cursor shown, hidden.
const SHOW_CURSOR: &[u8] = b"\x1b[?25h";
const HIDE_CURSOR: &[u8] = b"\x1b[?25l";

/// Where the caller wants the terminal's cursor after each frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Caret {
    /// Not the presenter's business: wherever the frame's last write left it (the caller
    /// keeps it hidden).
    Untouched,
    Hidden,
    /// Shown on this cell of the frame.
    At(Position),
}

/// Turns the screen showing the previous frame into the next one.
#[derive(Debug)]
pub struct Presenter {
    /// What the terminal shows; `None`: unknown, the next frame repaints everything.
    shown: Option<Buffer>,
    pen: Pen,
    end: FrameEnd,
    /// Cells the next frame writes as hyperlinks.
    links: Vec<Link>,
    /// Whether a frame that scrolls goes without synchronized-output brackets whatever its
    /// size (inside tmux: see [`Presenter::scrolls_unbracketed`]).
    scrolls_bare: bool,
    /// Where each frame leaves the cursor.
    caret: Caret,
    /// Whether the terminal shows its cursor; `None`: unknown (at start, after
    /// `invalidate`), so the next frame that places it says which.
    cursor_shown: Option<bool>,
}

impl Default for Presenter {
    fn default() -> Self {
        Self::new()
    }
}

impl Presenter {
    pub fn new() -> Self {
        Presenter {
            shown: None,
            pen: Pen::UNKNOWN,
            end: FrameEnd::DefaultColours,
            links: Vec::new(),
            scrolls_bare: false,
            caret: Caret::Untouched,
            cursor_shown: None,
        }
    }

    /// Frames that scroll are never wrapped in synchronized-output brackets: tmux redraws a
    /// whole scroll region to the outer terminal when the scroll comes inside a synchronized
    /// update (tmux#5611), which costs more than the brackets could save. Such a frame still
    /// leaves in one `write`, which tmux parses whole before it draws.
    pub fn scrolls_unbracketed(mut self) -> Self {
        self.scrolls_bare = true;
        self
    }

    /// Cells of the next frame to write as hyperlinks (OSC 8): the terminal lets them be
    /// clicked. Cells already shown keep what they were written with.
    pub fn set_links(&mut self, links: Vec<Link>) {
        self.links = links;
    }

    /// Frames that end in the default background keep their other colours and modifiers
    /// rather than reset them, a few bytes a key fewer, for a caller that writes nothing
    /// between frames but what begins with its own reset (newsterm's terminal loop: the
    /// restore sequence and a repaint).
    pub fn keeping_colours(mut self) -> Self {
        self.end = FrameEnd::KeptColours;
        self
    }

    /// Where the terminal's cursor goes after the next frame and every one after it, until
    /// asked again: on the cell `at` (of the frame, whose top-left cell is the terminal's),
    /// shown; hidden for `None` or a cell outside the frame. Once asked, the presenter owns
    /// the cursor's place and visibility (see the module's rules).
    pub fn place_cursor(&mut self, at: Option<Position>) {
        self.caret = at.map_or(Caret::Hidden, Caret::At);
    }

    /// The next frame repaints everything (after resume from Ctrl-Z, after a resize, at start).
    pub fn invalidate(&mut self) {
        self.shown = None;
        self.pen = Pen::UNKNOWN;
        self.cursor_shown = None;
    }

    /// The caller moved the cursor or changed colours itself: the next frame starts with an
    /// absolute move and a colour reset, but the screen is still trusted.
    pub fn forget_pen(&mut self) {
        self.pen = Pen::UNKNOWN;
    }

    /// Writes the bytes that turn the screen showing the previous frame into `next`, appending
    /// to `out`. `next` covers the whole terminal (its top-left cell is the terminal's).
    /// A frame identical to the previous one writes 0 bytes (no brackets either).
    pub fn present(&mut self, next: &Buffer, scroll: Option<Scroll>, out: &mut Vec<u8>) {
        self.write(next, scroll, out);
        match self.shown.as_mut() {
            Some(shown) => {
                shown.area = next.area;
                shown.content.clone_from(&next.content);
            }
            None => self.shown = Some(next.clone()),
        }
    }

    /// [`Presenter::present`] keeping `next` itself as the frame shown, without a copy; returns
    /// the frame shown before (an empty buffer at first) for the caller to draw the next
    /// frame into.
    pub fn present_owned(
        &mut self,
        next: Buffer,
        scroll: Option<Scroll>,
        out: &mut Vec<u8>,
    ) -> Buffer {
        self.write(&next, scroll, out);
        self.shown.replace(next).unwrap_or_default()
    }

    fn write(&mut self, next: &Buffer, scroll: Option<Scroll>, out: &mut Vec<u8>) {
        let end = self.end;
        let links = std::mem::take(&mut self.links);
        let links = links.as_slice();
        let same_size = self
            .shown
            .as_ref()
            .is_some_and(|s| s.area.width == next.area.width && s.area.height == next.area.height);
        let bare = self.scrolls_bare;
        let (body, scrolls) = match self.shown.as_mut() {
            Some(shown) if same_size => {
                // An unchanged frame sends nothing, whatever the hint says.
                let shift = scroll
                    .and_then(|s| s.shift(next.area.height))
                    .filter(|&shift| movable(shown, next, shift) && shown.content != next.content);
                match shift {
                    // A short scroll is trusted: the caller knows what scrolled, and encoding
                    // the frame both ways to compare would cost a key press its millisecond
                    // (a wrong hint still gives the right screen, in more bytes).
                    Some(shift) if shift.is_short() => {
                        let mut pen = self.pen;
                        let body =
                            finish(scrolled(shown, next, shift, &mut pen, links), &mut pen, end);
                        self.pen = pen;
                        (body, true)
                    }
                    // A long one is weighed against the plain diff, which can use what
                    // happens to be in place already.
                    Some(shift) => {
                        let mut pen = self.pen;
                        let plain = finish(diff(shown, next, &mut pen, links), &mut pen, end);
                        let mut spen = self.pen;
                        let mut moved = shown.clone();
                        let body = finish(
                            scrolled(&mut moved, next, shift, &mut spen, links),
                            &mut spen,
                            end,
                        );
                        if framed_len(&body, bare) < framed_len(&plain, false) {
                            self.pen = spen;
                            (body, true)
                        } else {
                            self.pen = pen;
                            (plain, false)
                        }
                    }
                    None => {
                        let mut pen = self.pen;
                        let body = finish(diff(shown, next, &mut pen, links), &mut pen, end);
                        self.pen = pen;
                        (body, false)
                    }
                }
            }
            _ => {
                let mut pen = self.pen;
                let body = finish(repaint(next, &mut pen, links), &mut pen, end);
                self.pen = pen;
                (body, false)
            }
        };
        let mut body = body;
        self.put_cursor(next, &mut body);
        frame(&body, scrolls && bare, out);
    }

    /// Appends to a frame's `body` the cheapest move from where it left the cursor to where
    /// the caller wants it, and records the cursor there, so the next frame's changes start
    /// from a known place; then showing or hiding it, when that changes.
    fn put_cursor(&mut self, next: &Buffer, body: &mut Vec<u8>) {
        let at = match self.caret {
            Caret::Untouched => return,
            Caret::Hidden => None,
            Caret::At(at) => {
                at.y.checked_sub(next.area.y)
                    .zip(at.x.checked_sub(next.area.x))
                    .filter(|&(row, col)| row < next.area.height && col < next.area.width)
            }
        };
        if let Some((row, col)) = at {
            let moved = cursor::move_to(self.pen.cursor, row, col, self.pen.row_moves());
            body.extend_from_slice(moved.as_bytes());
            self.pen.cursor = Cursor::At { row, col };
        }
        let show = at.is_some();
        if self.cursor_shown != Some(show) {
            body.extend_from_slice(if show { SHOW_CURSOR } else { HIDE_CURSOR });
            self.cursor_shown = Some(show);
        }
    }
}

/// The changes from `shown` to `next`.
fn diff(shown: &Buffer, next: &Buffer, pen: &mut Pen, links: &[Link]) -> Vec<u8> {
    let mut body = Vec::new();
    encode::frame_with_links(shown, next, pen, links, &mut body);
    body
}

/// Clears the screen and draws `next` on it. Colours are reset first: terminals clear with
/// the current background.
fn repaint(next: &Buffer, pen: &mut Pen, links: &[Link]) -> Vec<u8> {
    let mut body = Vec::new();
    body.extend_from_slice(sgr::transition(pen.sgr, Sgr::DEFAULT).as_bytes());
    if pen.region != Region::Whole {
        body.extend_from_slice(b"\x1b[r");
    }
    body.extend_from_slice(b"\x1b[H\x1b[J");
    *pen = Pen::HOME;
    let cleared = Buffer::empty(next.area);
    encode::frame_with_links(&cleared, next, pen, links, &mut body);
    body
}

/// How each frame ends (see [`Presenter::keeping_colours`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FrameEnd {
    DefaultColours,
    /// Colours kept when the background is the default one.
    KeptColours,
}

/// Ends a non-empty frame in default colours, as ratatui's own backend does, unless `end`
/// keeps them: the caller may write between frames (and on leaving, where not every terminal
/// restores colours with the alternate screen).
fn finish(mut body: Vec<u8>, pen: &mut Pen, end: FrameEnd) -> Vec<u8> {
    // Kept colours are only a default background's: a scroll needs one (the lines it brings
    // in take the current background on some terminals), so a coloured one is reset anyway.
    let background_kept =
        end == FrameEnd::KeptColours && pen.sgr.is_some_and(|s| s.bg == Sgr::DEFAULT.bg);
    if !body.is_empty() && !background_kept {
        body.extend_from_slice(sgr::transition(pen.sgr, Sgr::DEFAULT).as_bytes());
        pen.sgr = Some(Sgr::DEFAULT);
    }
    body
}

/// Whether a frame body is wrapped in synchronized-output brackets (never when `bare`).
fn synced(body: &[u8], bare: bool) -> bool {
    !bare && body.len() >= SYNC_AT
}

/// Bytes `body` takes on the wire.
fn framed_len(body: &[u8], bare: bool) -> usize {
    body.len()
        + if synced(body, bare) {
            SYNC_BEGIN.len() + SYNC_END.len()
        } else {
            0
        }
}

/// Appends `body` to `out`, bracketed when it is large and not `bare`; nothing for an empty
/// body.
fn frame(body: &[u8], bare: bool, out: &mut Vec<u8>) {
    if synced(body, bare) {
        out.extend_from_slice(SYNC_BEGIN);
        out.extend_from_slice(body);
        out.extend_from_slice(SYNC_END);
    } else {
        out.extend_from_slice(body);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use testing::{hint, lines};

    #[test]
    fn brackets_only_for_large_frames() {
        let mut out = Vec::new();
        frame(b"", false, &mut out);
        assert!(out.is_empty());
        frame(b"abc", false, &mut out);
        assert_eq!(out, b"abc");
        assert_eq!(framed_len(b"abc", false), 3);
        let big = vec![b'x'; SYNC_AT];
        out.clear();
        frame(&big, false, &mut out);
        assert!(out.starts_with(SYNC_BEGIN) && out.ends_with(SYNC_END));
        assert_eq!(framed_len(&big, false), out.len());
        out.clear();
        frame(&big, true, &mut out);
        assert_eq!(out, big);
    }

    #[test]
    fn for_tmux_a_large_scroll_goes_without_brackets_and_other_frames_keep_them() {
        let rows: Vec<String> = (0..40)
            .map(|i| format!("{i:>3} {}", "word ".repeat(39)))
            .collect();
        let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
        let (a, b) = (lines(&refs[..20]), lines(&refs[8..28]));
        for bare in [false, true] {
            let mut p = if bare {
                Presenter::new().scrolls_unbracketed()
            } else {
                Presenter::new()
            };
            let mut out = Vec::new();
            p.present(&a, None, &mut out);
            assert!(out.starts_with(SYNC_BEGIN), "a repaint is bracketed");
            out.clear();
            p.present(&b, Some(hint(0, 20, 8)), &mut out);
            assert!(out.len() > SYNC_AT, "{}", out.len());
            let scrolled = String::from_utf8_lossy(&out).contains("\x1b[8S");
            assert!(scrolled, "the terminal scrolls");
            assert_eq!(out.starts_with(SYNC_BEGIN), !bare, "bare: {bare}");
        }
    }

    #[test]
    fn first_frame_repaints_then_unchanged_frames_are_empty() {
        let mut p = Presenter::new();
        let a = lines(&["ab", "cd"]);
        let mut out = Vec::new();
        p.present(&a, None, &mut out);
        assert_eq!(out, b"\x1b[m\x1b[r\x1b[H\x1b[Jab\r\ncd");
        out.clear();
        p.present(&a, Some(hint(0, 2, 1)), &mut out);
        assert!(out.is_empty());
        p.invalidate();
        p.present(&a, None, &mut out);
        assert!(out.starts_with(b"\x1b[m\x1b[r\x1b[H\x1b[J"));
    }

    #[test]
    fn a_scroll_hint_is_taken_when_it_saves_bytes() {
        let words = [
            "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
        ];
        let rows: Vec<String> = words
            .iter()
            .map(|w| format!("{w:<10}of the story"))
            .collect();
        let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
        let a = lines(&refs[..8]);
        let b = lines(&refs[1..9]);
        let mut p = Presenter::new();
        let mut out = Vec::new();
        p.present(&a, None, &mut out);
        out.clear();
        p.present(&b, Some(hint(0, 8, 1)), &mut out);
        let text = String::from_utf8(out).unwrap();
        // The whole screen scrolls (no region needed), then only the new row is written, its
        // blanks jumped: they are blank already.
        assert_eq!(text, "\x1b[S\rindia\x1b[5Cof the story");
    }

    fn at(col: u16, row: u16) -> Option<Position> {
        Some(Position::new(col, row))
    }

    fn text(out: &[u8]) -> String {
        String::from_utf8_lossy(out).into_owned()
    }

    #[test]
    fn the_cursor_is_placed_after_the_frame_and_shown_once() {
        let mut p = Presenter::new();
        let a = lines(&["ab", "cd"]);
        let mut out = Vec::new();
        p.place_cursor(at(0, 1));
        p.present(&a, None, &mut out);
        // The repaint ends past the last column of row 1: a carriage return reaches its
        // first column.
        assert_eq!(text(&out), "\x1b[m\x1b[r\x1b[H\x1b[Jab\r\ncd\r\x1b[?25h");
        // Nothing changed, the cursor is in place: nothing at all.
        out.clear();
        p.place_cursor(at(0, 1));
        p.present(&a, None, &mut out);
        assert!(out.is_empty(), "{:?}", text(&out));
        // Only the cursor moves: the cheapest move, and no second show.
        p.place_cursor(at(0, 0));
        p.present(&a, None, &mut out);
        assert_eq!(text(&out), "\x1bM");
        out.clear();
        p.place_cursor(at(1, 0));
        p.present(&a, None, &mut out);
        assert_eq!(text(&out), "\x1b[C");
    }

    #[test]
    fn the_next_frame_starts_from_where_the_cursor_was_left() {
        let rows = ["abcdefghij", "klmnopqrst", "uvwxyz0123"];
        let changed = ["abcdefghij", "Klmnopqrst", "uvwxyz0123"];
        let mut p = Presenter::new();
        let mut out = Vec::new();
        p.place_cursor(at(0, 0));
        p.present(&lines(&rows), None, &mut out);
        out.clear();
        // The change is a row below the recorded place: a line feed reaches it (only right
        // when the cursor is where the presenter thinks); then home again.
        p.present(&lines(&changed), None, &mut out);
        assert_eq!(text(&out), "\nK\x1b[H");
        // Without a place asked for, the cursor stays where the last write left it (past the
        // end of the last row), and the change starts from there.
        let mut q = Presenter::new();
        q.present(&lines(&rows), None, &mut out);
        out.clear();
        q.present(&lines(&changed), None, &mut out);
        assert_eq!(text(&out), "\r\x1bMK");
    }

    #[test]
    fn the_cursor_is_hidden_once_when_it_has_no_place_and_shown_again_after_invalidate() {
        let mut p = Presenter::new();
        let a = lines(&["ab", "cd"]);
        let mut out = Vec::new();
        p.place_cursor(at(1, 1));
        p.present(&a, None, &mut out);
        out.clear();
        p.place_cursor(None);
        p.present(&a, None, &mut out);
        assert_eq!(text(&out), "\x1b[?25l");
        out.clear();
        p.present(&a, None, &mut out);
        assert!(out.is_empty());
        // A cell outside the frame is no place.
        p.place_cursor(at(2, 0));
        p.present(&a, None, &mut out);
        assert!(out.is_empty());
        p.place_cursor(at(1, 0));
        p.present(&a, None, &mut out);
        assert_eq!(text(&out), "\x1bM\x1b[?25h");
        // After a resume the terminal's cursor is as the caller left it: said again.
        out.clear();
        p.invalidate();
        p.present(&a, None, &mut out);
        assert_eq!(
            text(&out),
            "\x1b[m\x1b[r\x1b[H\x1b[Jab\r\ncd\x1b[;2H\x1b[?25h"
        );
    }

    #[test]
    fn a_presenter_never_asked_leaves_the_cursor_alone() {
        let mut p = Presenter::new();
        let mut out = Vec::new();
        p.present(&lines(&["ab", "cd"]), None, &mut out);
        p.present(&lines(&["ab", "ce"]), None, &mut out);
        p.invalidate();
        p.present(&lines(&["ab", "cd"]), None, &mut out);
        assert!(!text(&out).contains("\x1b[?25"), "{:?}", text(&out));
    }

    #[test]
    fn the_move_is_inside_the_brackets_of_a_large_frame() {
        let rows: Vec<String> = (0..20)
            .map(|i| format!("{i:>3} {}", "word ".repeat(20)))
            .collect();
        let refs: Vec<&str> = rows.iter().map(String::as_str).collect();
        let mut p = Presenter::new();
        let mut out = Vec::new();
        p.place_cursor(at(4, 7));
        p.present(&lines(&refs), None, &mut out);
        assert!(out.starts_with(SYNC_BEGIN), "a repaint is bracketed");
        let shown = text(&out);
        let end = shown.rfind("\x1b[?2026l").expect("closed");
        let placed = shown.rfind("\x1b[?25h").expect("shown");
        assert!(placed < end, "{:?}", &shown[shown.len() - 40..]);
        assert!(
            shown[..placed].ends_with("\x1b[8;5H"),
            "{:?}",
            &shown[shown.len() - 40..]
        );
    }
}
