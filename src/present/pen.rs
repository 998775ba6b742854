//! What the presenter knows about the terminal between sequences: where its cursor is, its
//! colours, and its scroll region.

use super::cursor::{Cursor, RowMoves};
use super::sgr::Sgr;

/// What the presenter knows about the terminal between sequences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pen {
    pub cursor: Cursor,
    /// `None`: unknown, so the next change starts with a reset.
    pub sgr: Option<Sgr>,
    /// The scroll region the terminal has.
    pub region: Region,
}

/// The terminal's scroll region. A region is left set after a scroll, so that scrolling on
/// costs only `ESC [ S`; while one may be set, moves never use LF or reverse index, which
/// would scroll it at its margins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Region {
    Whole,
    /// Rows `top..bottom`, 0-based.
    Rows {
        top: u16,
        bottom: u16,
    },
    Unknown,
}

impl Pen {
    /// After a repaint: the cursor at the top-left, default colours, no scroll region.
    pub(crate) const HOME: Pen = Pen {
        cursor: Cursor::At { row: 0, col: 0 },
        sgr: Some(Sgr::DEFAULT),
        region: Region::Whole,
    };

    pub(crate) const UNKNOWN: Pen = Pen {
        cursor: Cursor::Unknown,
        sgr: None,
        region: Region::Unknown,
    };

    /// How the cursor may move between rows: relative moves and line feeds only when no
    /// scroll region can be set, so that nothing can stop or scroll them.
    pub(crate) fn row_moves(&self) -> RowMoves {
        if self.region == Region::Whole {
            RowMoves::Relative
        } else {
            RowMoves::Absolute
        }
    }
}
