//! The bytes that turn a screen showing one buffer into the next: rows top to bottom, and in
//! each row the changed glyphs left to right.
//!
//! Left to right matters for wide characters. Writing a glyph can disturb its neighbours on
//! the terminal (a character written over half of a wide one blanks the other half), but a
//! disturbed neighbour always differs between the two buffers' glyphs (the columns are split
//! differently), so it is itself changed; the one on the left has already been written, the
//! one on the right is written next.
//!
//! Which glyphs of a row changed is worked out here; how they are written (moves, re-writes,
//! erasing) is `writer`'s.

use ratatui::buffer::{Buffer, Cell, CellDiffOption};

use super::cursor::Cursor;
use super::glyph::{self, OneColumn};
use super::pen::Pen;
use super::writer::{Link, Way, Writer};

/// Writes into `out` what turns the screen showing `prev` into `next`, updating `pen`.
/// Both buffers have the same width and height; their positions are ignored (row 0, column 0
/// is the terminal's top-left cell).
#[cfg(test)]
pub(crate) fn frame(prev: &Buffer, next: &Buffer, pen: &mut Pen, out: &mut Vec<u8>) {
    frame_with_links(prev, next, pen, &[], out);
}

/// [`frame`], writing the cells of `links` as hyperlinks (OSC 8).
pub(crate) fn frame_with_links(
    prev: &Buffer,
    next: &Buffer,
    pen: &mut Pen,
    links: &[Link],
    out: &mut Vec<u8>,
) {
    frame_rows(prev, next, pen, links, out, Way::Fast);
}
/// [`frame_with_links`]; with [`Way::Plain`], every row's glyphs are built first, as rows
/// with wide characters are, and written one at a time, without `Writer::run`: the plain
/// way, which the tests hold the fast one to, byte for byte.
fn frame_rows(
    prev: &Buffer,
    next: &Buffer,
    pen: &mut Pen,
    links: &[Link],
    out: &mut Vec<u8>,
    way: Way,
) {
    let width = usize::from(next.area.width);
    if width == 0 || prev.content.len() != next.content.len() {
        return;
    }
    let mut writer = Writer::new(out, pen, next.area.width, links, way);
    let (mut old, mut new, mut changed) = (Vec::new(), Vec::new(), Vec::new());
    let rows = prev.content.chunks(width).zip(next.content.chunks(width));
    for (y, (prev_row, next_row)) in (0u16..).zip(rows) {
        let Some(first) = prev_row
            .iter()
            .zip(next_row)
            .position(|(p, n)| !glyph::same(p, n) || always_update(n))
        else {
            continue;
        };
        // Left of the first changed cell both rows hold the same cells, so the same glyphs,
        // none of them changed: glyphs are needed only from the last place at or before it
        // where one starts (in both rows alike), usually that cell itself, or from the cursor
        // when it is on this row already, to re-write the way from it. Most changes are in one
        // pane; the panes left of it cost nothing here.
        let start = match writer.cursor() {
            Cursor::At { row, col } if row == y => first.min(usize::from(col)),
            _ => first,
        };
        let from = (0..=start)
            .rev()
            .find(|&c| glyph::starts_at(next_row, c))
            .unwrap_or(0);
        let (prev_tail, next_tail) = (&prev_row[from..], &next_row[from..]);
        if way == Way::Fast
            && one_per_cell_changes(prev_tail, next_tail, first - from, &mut changed)
        {
            if changed.contains(&true) {
                writer.row(
                    y,
                    &OneColumn {
                        row: next_row,
                        from,
                    },
                    &changed,
                );
            }
            continue;
        }
        glyph::glyphs_from(next_row, from, &mut new);
        glyph::glyphs_from(prev_row, from, &mut old);
        glyph::changes(&old, &new, &mut changed);
        if changed.contains(&true) {
            writer.row(y, new.as_slice(), &changed);
        }
    }
    writer.link_to(None);
}

/// For each cell of `next_row`, whether it must be written, when both rows have a glyph of
/// one column in every cell (most rows): then a glyph is unchanged where its cell is. Cheaper
/// than glyphs for both rows, and never wrong: a cell that differs but looks the same is only
/// written again. Of the old row only the cells that differ need measuring: an equal one is as
/// narrow as the new one. The first `equal` cells are known to be equal. `false` when a row
/// has a wider glyph (`changed` is then to be worked out from both rows' glyphs).
fn one_per_cell_changes(
    prev_row: &[Cell],
    next_row: &[Cell],
    equal: usize,
    changed: &mut Vec<bool>,
) -> bool {
    changed.clear();
    let len = prev_row.len();
    for (x, (p, n)) in prev_row.iter().zip(next_row).enumerate() {
        let room = u16::try_from(len - x).unwrap_or(u16::MAX);
        if !glyph::one_column(n, room) {
            return false;
        }
        let differs = x >= equal && (!glyph::same(p, n) || always_update(n));
        if differs && !glyph::one_column(p, room) {
            return false;
        }
        changed.push(differs && !glyph::is_skip(n));
    }
    true
}

#[inline(always)]
fn always_update(cell: &Cell) -> bool {
    matches!(cell.diff_option, CellDiffOption::AlwaysUpdate)
}

#[cfg(test)]
mod tests {
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Style};

    use super::*;
    use crate::present::testing::lines;

    /// Encodes from a known pen at the top-left in default colours.
    fn encode(prev: &Buffer, next: &Buffer) -> (String, Pen) {
        let mut pen = Pen::HOME;
        let mut out = Vec::new();
        frame(prev, next, &mut pen, &mut out);
        (String::from_utf8(out).unwrap(), pen)
    }

    #[test]
    fn identical_buffers_write_nothing() {
        let a = lines(&["hello", "world"]);
        assert_eq!(encode(&a, &a).0, "");
    }

    #[test]
    fn one_changed_cell_is_a_move_and_a_character() {
        let a = lines(&["hello", "world"]);
        let b = lines(&["hello", "wprld"]);
        assert_eq!(encode(&a, &b).0, "\x1b[C\np");
    }

    #[test]
    fn a_short_gap_is_rewritten_a_long_one_jumped() {
        let a = lines(&["abcdefghijklmnop"]);
        let b = lines(&["XbcYefghijklmnoZ"]);
        // "bc" (2 bytes) beats `ESC [ 2 C` (4); "efghijklmno" is jumped (CHA on a tie with CUF).
        assert_eq!(encode(&a, &b).0, "XbcY\x1b[16GZ");
    }

    #[test]
    fn rewriting_a_gap_counts_its_colour_changes() {
        let a = lines(&["abcd"]);
        let mut b = lines(&["Xbcd"]);
        b[(1, 0)].set_fg(Color::Red);
        b[(2, 0)].set_fg(Color::Red);
        b[(3, 0)].set_symbol("Y");
        // b and c change colour too, so the whole row is one run.
        assert_eq!(encode(&a, &b).0, "X\x1b[31mbc\x1b[mY");
        let mut a2 = a.clone();
        a2[(1, 0)].set_fg(Color::Red);
        a2[(2, 0)].set_fg(Color::Red);
        // Unchanged red "bc" between X and Y: re-writing costs 2 + 5 + 5 bytes, moving 4.
        assert_eq!(encode(&a2, &b).0, "X\x1b[4GY");
    }

    #[test]
    fn trailing_blanks_are_erased_to_the_end_of_the_row() {
        let a = lines(&["a long line of text", "next"]);
        let b = lines(&["short              ", "next"]);
        assert_eq!(encode(&a, &b).0, "short\x1b[K");
    }

    #[test]
    fn blanks_before_a_border_are_erased_in_place() {
        let a = lines(&["|a long line of text|"]);
        let b = lines(&["|short              |"]);
        let (out, pen) = encode(&a, &b);
        assert_eq!(out, "|short\x1b[14X");
        assert_eq!(pen.cursor, Cursor::At { row: 0, col: 6 });
    }

    #[test]
    fn blanks_inside_a_run_are_erased_and_jumped_when_that_is_shorter() {
        let a = lines(&["abcdefghijklmnop"]);
        let b = lines(&["A          lmnoP"]);
        // `ESC [ 10 X` and a jump (10 bytes) beat ten spaces and `ESC [ 4 C` (14).
        assert_eq!(encode(&a, &b).0, "A\x1b[10X\x1b[16GP");
    }

    #[test]
    fn a_wide_character_replaced_by_narrow_ones() {
        let a = lines(&["日本語"]);
        let mut b = Buffer::empty(a.area);
        b.set_string(0, 0, "日ab語", Style::default());
        let (out, pen) = encode(&a, &b);
        // Re-writing 日 (3 bytes) is cheaper than `ESC [ 2 C`.
        assert_eq!(out, "日ab");
        assert_eq!(pen.cursor, Cursor::At { row: 0, col: 4 });
    }

    #[test]
    fn writing_the_last_column_leaves_a_pending_wrap() {
        let a = lines(&["abc", "def"]);
        let b = lines(&["abX", "Yef"]);
        let (out, pen) = encode(&a, &b);
        assert_eq!(out, "abX\r\nY");
        assert_eq!(pen.cursor, Cursor::At { row: 1, col: 1 });
        let c = lines(&["abc", "deZ"]);
        let (_, pen) = encode(&a, &c);
        assert_eq!(pen.cursor, Cursor::Pending { row: 1 });
    }

    #[test]
    fn skip_cells_are_never_written_nor_bridged() {
        let a = lines(&["abcd"]);
        let mut b = lines(&["XbcY"]);
        b[(1, 0)].set_diff_option(CellDiffOption::Skip);
        b[(2, 0)]
            .set_symbol("Q")
            .set_diff_option(CellDiffOption::Skip);
        assert_eq!(encode(&a, &b).0, "X\x1b[4GY");
    }

    #[test]
    fn always_update_cells_are_written() {
        let a = lines(&["abcd"]);
        let mut b = a.clone();
        b[(2, 0)].set_diff_option(CellDiffOption::AlwaysUpdate);
        assert_eq!(encode(&a, &b).0, "abc");
    }

    /// A row of one-column cells: letters, spaces, a Vietnamese letter, quotes, a border, in
    /// two colours.
    fn one_column_rows(width: u16, rows: u16) -> impl proptest::strategy::Strategy<Value = Buffer> {
        use proptest::prelude::*;
        let cell = (
            proptest::sample::select(vec!["a", "b", " ", " ", "ộ", "“", "│"]),
            any::<bool>(),
        );
        proptest::collection::vec(cell, usize::from(width * rows)).prop_map(move |cells| {
            let mut buf = Buffer::empty(Rect::new(0, 0, width, rows));
            for (cell, (symbol, red)) in buf.content.iter_mut().zip(cells) {
                cell.set_symbol(symbol);
                if red {
                    cell.set_fg(Color::Red);
                }
            }
            buf
        })
    }

    proptest::proptest! {
        #[test]
        fn the_fast_way_sends_the_bytes_of_the_plain_way(
            (prev, next) in proptest::strategy::Strategy::prop_flat_map((1u16..24, 1u16..4), |(w, h)| {
                (one_column_rows(w, h), one_column_rows(w, h))
            }),
        ) {
            let start = Pen::HOME;
            let (mut read_pen, mut built_pen) = (start, start);
            let (mut read, mut built) = (Vec::new(), Vec::new());
            frame_rows(&prev, &next, &mut read_pen, &[], &mut read, Way::Fast);
            frame_rows(&prev, &next, &mut built_pen, &[], &mut built, Way::Plain);
            proptest::prop_assert_eq!(String::from_utf8_lossy(&read), String::from_utf8_lossy(&built));
            proptest::prop_assert_eq!(read_pen, built_pen);
        }
    }
}
