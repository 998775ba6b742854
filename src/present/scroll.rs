//! Scrolling by the terminal: when the caller knows rows of the screen moved, a scroll region
//! and SU or SD move them on the terminal too, and only what the scroll does not explain is
//! sent after it.
//!
//! The presenter's copy of the screen is moved exactly as the terminal moves its rows, so the
//! diff after the scroll is exact whatever the hint said: a wrong hint costs bytes (and the
//! presenter then prefers the plain diff), never a wrong screen.

use ratatui::buffer::{Buffer, Cell};

use super::cursor::Cursor;
use super::encode;
use super::glyph::is_skip;
use super::pen::{Pen, Region};
use super::seq::Seq;
use super::sgr::{self, Sgr};
use super::writer::Link;

/// A scroll the caller knows happened: the rows `top..bottom` (0-based, bottom exclusive) span
/// the full terminal width and their content moved up by `by` rows (negative: down).
///
/// Only a hint: the presenter uses it when it saves bytes, and a wrong hint costs bytes, never
/// a wrong screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scroll {
    pub top: u16,
    pub bottom: u16,
    pub by: i32,
}

/// A hint checked against the screen: `count` rows moved up (or down) within `top..bottom`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Shift {
    top: u16,
    bottom: u16,
    count: u16,
    up: bool,
}

impl Scroll {
    /// The shift, when the hint fits a screen `height` rows tall and moves something.
    pub(super) fn shift(self, height: u16) -> Option<Shift> {
        let span = self.bottom.checked_sub(self.top)?;
        let count = u16::try_from(self.by.unsigned_abs()).ok()?;
        (self.bottom <= height && count > 0 && count < span).then_some(Shift {
            top: self.top,
            bottom: self.bottom,
            count,
            up: self.by > 0,
        })
    }
}

impl Shift {
    /// Whether the rows move by at most half the region.
    pub(super) fn is_short(self) -> bool {
        u32::from(self.count) * 2 <= u32::from(self.bottom - self.top)
    }
}

/// Scrolls the screen as `shift` says, moves the rows of `shown` (the presenter's copy of the
/// screen) the same way, then writes the changes from it to `next`.
pub(super) fn scrolled(
    shown: &mut Buffer,
    next: &Buffer,
    shift: Shift,
    pen: &mut Pen,
    links: &[Link],
) -> Vec<u8> {
    let mut body = Vec::new();
    // The exposed lines take the current background on terminals that erase with it (BCE)
    // and the default one on the others: only a default background gives the same blank on
    // both. The foreground does not show on a blank.
    let safe = pen
        .sgr
        .is_some_and(|s| s.bg == Sgr::DEFAULT.bg && s.modifier.is_empty());
    if !safe {
        body.extend_from_slice(sgr::transition(pen.sgr, Sgr::DEFAULT).as_bytes());
        pen.sgr = Some(Sgr::DEFAULT);
    }
    let region = if shift.top == 0 && shift.bottom == next.area.height {
        Region::Whole
    } else {
        Region::Rows {
            top: shift.top,
            bottom: shift.bottom,
        }
    };
    let mut seq = Seq::new();
    if pen.region != region {
        // The region stays set after the scroll: scrolling on costs only `ESC [ S`.
        match region {
            Region::Rows { top, bottom } => {
                seq.push(b"\x1b[");
                seq.push_num(u32::from(top) + 1);
                seq.push(b";");
                seq.push_num(u32::from(bottom));
                seq.push(b"r");
            }
            _ => seq.push(b"\x1b[r"),
        }
        // Setting the region homes the cursor on most terminals; not relied on.
        pen.cursor = Cursor::Unknown;
        pen.region = region;
    }
    seq.push_csi_n(u32::from(shift.count), if shift.up { b'S' } else { b'T' });
    body.extend_from_slice(seq.as_bytes());

    shift_rows(shown, shift);
    encode::frame_with_links(shown, next, pen, links, &mut body);
    body
}

/// Whether the terminal may scroll the rows of `shift` from `shown` to `next`: not when a cell
/// someone else draws is among them, which the scroll would move under their feet.
pub(super) fn movable(shown: &Buffer, next: &Buffer, shift: Shift) -> bool {
    let width = usize::from(next.area.width);
    let region = usize::from(shift.top) * width..usize::from(shift.bottom) * width;
    let clear = |buf: &Buffer| {
        buf.content
            .get(region.clone())
            .is_some_and(|cells| !cells.iter().any(is_skip))
    };
    clear(shown) && clear(next)
}

/// Moves the rows of `buf` as the terminal moves them for `shift`: rows pushed out of the
/// region are gone, rows coming in are blank in default colours.
fn shift_rows(buf: &mut Buffer, shift: Shift) {
    let width = usize::from(buf.area.width);
    let region = usize::from(shift.top) * width..usize::from(shift.bottom) * width;
    let moved = usize::from(shift.count) * width;
    let Some(rows) = buf.content.get_mut(region) else {
        return;
    };
    let len = rows.len();
    let exposed = if shift.up {
        rows.rotate_left(moved);
        len - moved..len
    } else {
        rows.rotate_right(moved);
        0..moved
    };
    rows[exposed].fill(Cell::EMPTY);
}

#[cfg(test)]
mod tests {
    use ratatui::style::{Color, Modifier};

    use super::*;
    use crate::present::testing::{hint, lines};

    fn run(shown: &Buffer, next: &Buffer, shift: Shift, sgr: Option<Sgr>) -> String {
        let mut pen = Pen { sgr, ..Pen::HOME };
        String::from_utf8(scrolled(&mut shown.clone(), next, shift, &mut pen, &[])).unwrap()
    }

    #[test]
    fn hints_that_do_not_fit_the_screen_are_ignored() {
        assert_eq!(
            hint(2, 10, 1).shift(10),
            Some(Shift {
                top: 2,
                bottom: 10,
                count: 1,
                up: true
            })
        );
        assert_eq!(
            hint(2, 10, -7).shift(10).map(|s| (s.count, s.up)),
            Some((7, false))
        );
        assert_eq!(hint(2, 10, 8).shift(10), None, "moves every row out");
        assert_eq!(hint(2, 10, 0).shift(10), None, "moves nothing");
        assert_eq!(hint(2, 11, 1).shift(10), None, "below the screen");
        assert_eq!(hint(5, 3, 1).shift(10), None, "upside down");
        assert_eq!(hint(0, 10, i32::MIN).shift(10), None);
    }

    #[test]
    fn shifting_rows_matches_su_and_sd() {
        let buf = lines(&["a", "b", "c", "d", "e"]);
        let text = |b: &Buffer| b.content.iter().map(Cell::symbol).collect::<String>();
        let mut up = buf.clone();
        shift_rows(&mut up, hint(1, 4, 2).shift(5).unwrap());
        assert_eq!(text(&up), "ad  e");
        let mut down = buf.clone();
        shift_rows(&mut down, hint(0, 5, -1).shift(5).unwrap());
        assert_eq!(text(&down), " abcd");
    }

    #[test]
    fn rows_holding_someone_elses_cells_are_not_scrolled() {
        let a = lines(&["a", "b", "c"]);
        let mut b = lines(&["b", "c", "d"]);
        let shift = hint(0, 3, 1).shift(3).unwrap();
        assert!(movable(&a, &b, shift));
        b[(0, 2)].set_diff_option(ratatui::buffer::CellDiffOption::Skip);
        assert!(!movable(&a, &b, shift));
        assert!(!movable(&b, &a, shift));
        assert!(movable(&a, &b, hint(0, 2, 1).shift(3).unwrap()));
    }

    #[test]
    fn a_whole_screen_scroll_needs_no_region() {
        let a = lines(&["a", "b", "c"]);
        let b = lines(&["b", "c", "d"]);
        let shift = hint(0, 3, 1).shift(3).unwrap();
        assert_eq!(run(&a, &b, shift, Some(Sgr::DEFAULT)), "\x1b[S\n\nd");
        let shift = hint(0, 3, -2).shift(3).unwrap();
        let c = lines(&["x", "y", "a"]);
        assert_eq!(run(&a, &c, shift, Some(Sgr::DEFAULT)), "\x1b[2Tx\r\ny");
    }

    #[test]
    fn a_region_is_set_scrolled_and_kept() {
        let a = lines(&["t", "a", "b", "c", "s"]);
        let b = lines(&["t", "b", "c", "d", "s"]);
        let shift = hint(1, 4, 1).shift(5).unwrap();
        // The cursor is not trusted after the region is set: an absolute move follows.
        let mut pen = Pen::HOME;
        let first = String::from_utf8(scrolled(&mut a.clone(), &b, shift, &mut pen, &[])).unwrap();
        assert_eq!(first, "\x1b[2;4r\x1b[S\x1b[4Hd");
        assert_eq!(pen.region, Region::Rows { top: 1, bottom: 4 });
        // Scrolling on in the same region is the scroll and the new line, nothing else; and
        // with a region set, rows are reached by their number: relative moves stop at the
        // margins and a line feed would scroll the region.
        let c = lines(&["t", "c", "d", "e", "s"]);
        pen.cursor = Cursor::At { row: 2, col: 0 };
        let second = String::from_utf8(scrolled(&mut b.clone(), &c, shift, &mut pen, &[])).unwrap();
        assert_eq!(second, "\x1b[S\x1b[4He");
    }

    #[test]
    fn colours_are_reset_first_unless_only_the_foreground_is_set() {
        let a = lines(&["a", "b", "c"]);
        let b = lines(&["b", "c", "d"]);
        let shift = hint(0, 3, 1).shift(3).unwrap();
        let with = |fg, bg, modifier| Some(Sgr { fg, bg, modifier });
        let blue_bg = with(Color::Reset, Color::Blue, Modifier::empty());
        assert!(run(&a, &b, shift, blue_bg).starts_with("\x1b[m\x1b[S"));
        let reversed = with(Color::Reset, Color::Reset, Modifier::REVERSED);
        assert!(run(&a, &b, shift, reversed).starts_with("\x1b[m\x1b[S"));
        assert!(run(&a, &b, shift, None).starts_with("\x1b[m\x1b[S"));
        // A foreground colour does not show on the blank lines the scroll brings in.
        let cyan = with(Color::Cyan, Color::Reset, Modifier::empty());
        assert!(run(&a, &b, shift, cyan).starts_with("\x1b[S"));
    }
}
