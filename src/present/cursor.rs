//! Where the terminal's cursor is, as far as the presenter knows, and the cheapest sequence
//! that moves it somewhere else.
//!
//! Every way of moving is priced, and the shortest wins: the absolute CUP, or a horizontal
//! part (CR, CHA, CUF, CUB, backspaces) plus a vertical part (LF, CUD, CUU, reverse index,
//! VPA). The terminal is in raw mode, so LF moves down without returning to column 1; it is
//! only used to reach a row below the cursor, which is never past the last row, so it cannot
//! scroll; when a scroll region may be set (see `pen::Region`) they are not used at all.

use super::seq::Seq;

/// The cursor, 0-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cursor {
    /// At start, after `invalidate`, and after a scroll region was set (which homes the cursor
    /// on most terminals, but not by a rule worth betting bytes on).
    Unknown,
    /// A character was just written in the last column: the cursor shows there, and the next
    /// character would wrap to the next row. Terminals disagree on what relative moves do in
    /// this state, so only moves to an absolute column (CR, CHA, CUP) are used from it.
    Pending {
        row: u16,
    },
    At {
        row: u16,
        col: u16,
    },
}

/// Bytes of the shortest move right along a row (`ESC [ C`): no way of moving the cursor from
/// a column to one right of it takes fewer.
pub(crate) const SHORTEST_FORWARD: usize = 3;

/// Bytes of `ESC [ n final` with a parameter of 1 left out.
fn csi_len(n: u32) -> usize {
    let digits = n.checked_ilog10().map_or(1, |d| d as usize + 1);
    if n == 1 { 3 } else { 3 + digits }
}

/// How the cursor may move between rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RowMoves {
    /// Any way: no scroll region can be set, so nothing stops or scrolls a relative move.
    Relative,
    /// By the row's number only: a scroll region may be set.
    Absolute,
}

/// One part of a move, priced before it is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    None,
    /// The same byte `count` times (CR once, LF, backspace, or `ESC M` pairs).
    Repeat(&'static [u8], u16),
    /// `ESC [ n final`.
    Csi(u32, u8),
    /// CR, then `ESC [ n C`.
    CrForward(u32),
}

impl Part {
    fn len(self) -> usize {
        match self {
            Part::None => 0,
            Part::Repeat(bytes, count) => bytes.len() * usize::from(count),
            Part::Csi(n, _) => csi_len(n),
            Part::CrForward(n) => 1 + csi_len(n),
        }
    }

    fn write(self, out: &mut Seq) {
        match self {
            Part::None => {}
            Part::Repeat(bytes, count) => {
                for _ in 0..count {
                    out.push(bytes);
                }
            }
            Part::Csi(n, f) => out.push_csi_n(n, f),
            Part::CrForward(n) => {
                out.push(b"\r");
                out.push_csi_n(n, b'C');
            }
        }
    }
}

/// The shortest part; the first of equals, so callers list absolute moves first (they do not
/// depend on the cursor being where the presenter thinks).
fn cheapest(parts: impl IntoIterator<Item = Part>) -> Part {
    parts
        .into_iter()
        .min_by_key(|p| p.len())
        .unwrap_or(Part::None)
}

/// Ways to reach column `col` that do not depend on the current column.
fn absolute_column(col: u16) -> Part {
    let to = u32::from(col);
    if col == 0 {
        Part::Repeat(b"\r", 1)
    } else {
        cheapest([Part::CrForward(to), Part::Csi(to + 1, b'G')])
    }
}

/// The cheapest way from column `from` to `col` on the same row.
fn horizontal(from: u16, col: u16) -> Part {
    if from == col {
        return Part::None;
    }
    let relative = if col > from {
        Part::Csi(u32::from(col - from), b'C')
    } else {
        let back = from - col;
        // Backspaces cost a byte each, `ESC [ n D` at least three.
        if back <= 3 {
            Part::Repeat(b"\x08", back)
        } else {
            Part::Csi(u32::from(back), b'D')
        }
    };
    cheapest([absolute_column(col), relative])
}

/// The cheapest way from row `from` to `row`, keeping the column, as `moves` allows.
fn vertical(from: u16, row: u16, moves: RowMoves) -> Part {
    let vpa = Part::Csi(u32::from(row) + 1, b'd');
    let feed = moves == RowMoves::Relative;
    if !feed && row != from {
        // A scroll region may be set: relative moves stop at its margins, LF and reverse
        // index scroll it. Only the absolute row is safe.
        return vpa;
    }
    if row > from {
        let down = row - from;
        // A line feed per row is a byte each; past a few rows CUD is shorter.
        let lf = if down <= 4 && feed {
            Part::Repeat(b"\n", down)
        } else {
            Part::Csi(u32::from(down), b'B')
        };
        cheapest([vpa, lf, Part::Csi(u32::from(down), b'B')])
    } else if row < from {
        // Reverse index moves up without scrolling anywhere below the top row, which a row
        // above the cursor always is.
        let up = from - row;
        let ri = if up == 1 && feed {
            Part::Repeat(b"\x1bM", 1)
        } else {
            Part::Csi(u32::from(up), b'A')
        };
        cheapest([vpa, ri, Part::Csi(u32::from(up), b'A')])
    } else {
        Part::None
    }
}

/// `ESC [ row ; col H`, leaving out parameters of 1.
fn cup(row: u16, col: u16) -> Seq {
    let mut s = Seq::new();
    s.push(b"\x1b[");
    if row > 0 {
        s.push_num(u32::from(row) + 1);
    }
    if col > 0 {
        s.push(b";");
        s.push_num(u32::from(col) + 1);
    }
    s.push(b"H");
    s
}

/// Bytes of [`cup`]`(row, col)`.
fn cup_len(row: u16, col: u16) -> usize {
    let param = |n: u16| (u32::from(n) + 1).ilog10() as usize + 1;
    let row_part = if row > 0 { param(row) } else { 0 };
    let col_part = if col > 0 { 1 + param(col) } else { 0 };
    3 + row_part + col_part
}

/// The cheapest sequence that moves the cursor from `from` to (`row`, `col`); empty when it
/// is already there.
pub(crate) fn move_to(from: Cursor, row: u16, col: u16, moves: RowMoves) -> Seq {
    // Writing on along a row, the cursor is usually there already.
    if from == (Cursor::At { row, col }) {
        return Seq::new();
    }
    let (h, v) = match from {
        Cursor::Unknown => return cup(row, col),
        // The column part comes first and is absolute, which ends the pending wrap.
        Cursor::Pending { row: r } => (absolute_column(col), vertical(r, row, moves)),
        Cursor::At { row: r, col: c } => (horizontal(c, col), vertical(r, row, moves)),
    };
    // Priced before either is built: a diff moves the cursor hundreds of times a frame.
    if h.len() + v.len() >= cup_len(row, col) {
        return cup(row, col);
    }
    let mut s = Seq::new();
    h.write(&mut s);
    v.write(&mut s);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mv(from: Cursor, row: u16, col: u16) -> String {
        String::from_utf8(
            move_to(from, row, col, RowMoves::Relative)
                .as_bytes()
                .to_vec(),
        )
        .unwrap()
    }

    fn at(row: u16, col: u16) -> Cursor {
        Cursor::At { row, col }
    }

    #[test]
    fn cup_is_priced_as_built() {
        for row in [0, 1, 8, 9, 10, 98, 99, 100, 998, 9999, u16::MAX] {
            for col in [0, 1, 8, 9, 99, 100, u16::MAX] {
                assert_eq!(cup_len(row, col), cup(row, col).len(), "{row};{col}");
            }
        }
    }

    #[test]
    fn no_move_is_empty() {
        assert_eq!(mv(at(3, 4), 3, 4), "");
    }

    #[test]
    fn cup_leaves_out_default_parameters() {
        assert_eq!(mv(Cursor::Unknown, 0, 0), "\x1b[H");
        assert_eq!(mv(Cursor::Unknown, 4, 0), "\x1b[5H");
        assert_eq!(mv(Cursor::Unknown, 0, 4), "\x1b[;5H");
        assert_eq!(mv(Cursor::Unknown, 11, 39), "\x1b[12;40H");
    }

    #[test]
    fn same_row_moves() {
        assert_eq!(mv(at(5, 10), 5, 11), "\x1b[C");
        assert_eq!(mv(at(5, 10), 5, 30), "\x1b[31G", "CHA on a tie with CUF");
        assert_eq!(mv(at(5, 10), 5, 12), "\x1b[2C");
        assert_eq!(mv(at(5, 10), 5, 9), "\x08");
        assert_eq!(mv(at(5, 10), 5, 7), "\x08\x08\x08");
        assert_eq!(mv(at(5, 10), 5, 6), "\x1b[7G");
        assert_eq!(mv(at(15, 105), 15, 99), "\x1b[6D");
        assert_eq!(mv(at(5, 10), 5, 0), "\r");
        assert_eq!(mv(at(5, 50), 5, 1), "\r\x1b[C");
        // CHA beats CUB when the distance needs more digits than the column.
        assert_eq!(mv(at(5, 119), 5, 4), "\x1b[5G");
    }

    #[test]
    fn next_row_moves() {
        assert_eq!(mv(at(5, 100), 6, 0), "\r\n");
        assert_eq!(mv(at(5, 100), 6, 100), "\n");
        assert_eq!(mv(at(5, 100), 6, 1), "\r\x1b[C\n");
        assert_eq!(mv(at(5, 100), 6, 35), "\x1b[36G\n");
        assert_eq!(mv(at(5, 0), 8, 0), "\n\n\n");
    }

    #[test]
    fn long_vertical_moves() {
        assert_eq!(mv(at(0, 7), 30, 7), "\x1b[31d");
        assert_eq!(mv(at(0, 7), 2, 7), "\n\n");
        assert_eq!(mv(at(20, 7), 25, 7), "\x1b[5B");
        assert_eq!(mv(at(30, 7), 29, 7), "\x1bM");
        assert_eq!(mv(at(30, 7), 20, 7), "\x1b[21d");
        assert_eq!(mv(at(30, 7), 27, 7), "\x1b[3A");
        // Far and to another column: CUP is as short as any pair.
        assert_eq!(mv(at(30, 70), 2, 3), "\x1b[3;4H");
    }

    #[test]
    fn pending_wrap_uses_absolute_columns_first() {
        assert_eq!(mv(Cursor::Pending { row: 3 }, 4, 0), "\r\n");
        assert_eq!(mv(Cursor::Pending { row: 3 }, 3, 0), "\r");
        assert_eq!(mv(Cursor::Pending { row: 3 }, 3, 70), "\x1b[71G");
        assert_eq!(mv(Cursor::Pending { row: 3 }, 4, 2), "\x1b[3G\n");
        // Never a relative column move from the pending state, even to the last column.
        assert_eq!(mv(Cursor::Pending { row: 3 }, 3, 79), "\x1b[80G");
    }

    #[test]
    fn the_chosen_move_is_never_longer_than_cup() {
        for from in [
            at(0, 0),
            at(39, 119),
            at(17, 60),
            Cursor::Pending { row: 20 },
        ] {
            for row in [0, 1, 19, 20, 21, 39] {
                for col in [0, 1, 2, 59, 60, 61, 119] {
                    assert!(
                        move_to(from, row, col, RowMoves::Relative).len() <= cup(row, col).len()
                    );
                }
            }
        }
    }

    #[test]
    fn part_lengths_match_what_is_written() {
        let parts = [
            Part::None,
            Part::Repeat(b"\n", 3),
            Part::Repeat(b"\x1bM", 2),
            Part::Csi(1, b'C'),
            Part::Csi(120, b'G'),
            Part::CrForward(1),
            Part::CrForward(42),
        ];
        for p in parts {
            let mut s = Seq::new();
            p.write(&mut s);
            assert_eq!(s.len(), p.len(), "{p:?}");
        }
    }
}
