//! The bytes that turn a screen showing one buffer into the next: rows top to bottom, and in
//! each row the changed glyphs left to right.
//!
//! Left to right matters for wide characters. Writing a glyph can disturb its neighbours on
//! the terminal (a character written over half of a wide one blanks the other half), but a
//! disturbed neighbour always differs between the two buffers' glyphs (the columns are split
//! differently), so it is itself changed; the one on the left has already been written, the
//! one on the right is written next.
//!
//! Between two changes on a row the cursor either moves or re-writes the unchanged glyphs in
//! between, whichever costs fewer bytes, colours included. Changed blanks (spaces in default
//! colours) may be erased rather than written: ECH for a stretch, EL when the rest of the row
//! is blank. Erasing happens with default SGR only, so it gives the same blank on
//! terminals with and without background colour erase.

use ratatui::buffer::{Buffer, Cell, CellDiffOption};

use super::cursor::{self, Cursor};
use super::glyph::{self, Glyph, Glyphs, Look, OneColumn};
use super::seq::Seq;
use super::sgr::{self, Sgr};

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
    Rows(u16, u16),
    Unknown,
}

impl Pen {
    pub(crate) const UNKNOWN: Pen = Pen {
        cursor: Cursor::Unknown,
        sgr: None,
        region: Region::Unknown,
    };

    /// Whether a line feed can never scroll anything.
    pub(crate) fn may_feed(&self) -> bool {
        self.region == Region::Whole
    }
}

/// Bytes of `ESC [ n X` or `ESC [ n C` (erase or jump `n` characters).
fn csi_len(n: usize) -> usize {
    let mut s = Seq::new();
    s.push_csi_n(u32::try_from(n).unwrap_or(u32::MAX), b'X');
    s.len()
}

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
    frame_rows(prev, next, pen, links, out, true);
}

/// [`frame_with_links`]; with `fast` false, every row's glyphs are built first, as rows with
/// wide characters are, and written one at a time, without [`Writer::run`]: the plain way,
/// which the tests hold the fast one to, byte for byte.
fn frame_rows(
    prev: &Buffer,
    next: &Buffer,
    pen: &mut Pen,
    links: &[Link],
    out: &mut Vec<u8>,
    fast: bool,
) {
    let width = usize::from(next.area.width);
    if width == 0 || prev.content.len() != next.content.len() {
        return;
    }
    let mut writer = Writer {
        out,
        pen,
        width: next.area.width,
        links,
        open: None,
        row_has_links: false,
        known: sgr::Known::default(),
        runs: fast,
    };
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
        let start = match writer.pen.cursor {
            Cursor::At { row, col } if row == y => first.min(usize::from(col)),
            _ => first,
        };
        let from = (0..=start)
            .rev()
            .find(|&c| glyph::starts_at(next_row, c))
            .unwrap_or(0);
        let (prev_tail, next_tail) = (&prev_row[from..], &next_row[from..]);
        if fast && one_per_cell_changes(prev_tail, next_tail, first - from, &mut changed) {
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

/// Cells of one row that are a hyperlink to `url`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub row: u16,
    pub cols: std::ops::Range<u16>,
    pub url: String,
}

/// How many unchanged glyphs from `glyphs[k]` on, one or two, come before a changed one, when
/// all of them are in the colours `pen` and the unchanged ones are one byte each.
#[inline(always)]
fn short_gap<'g, G: Glyphs<'g> + ?Sized>(
    glyphs: &G,
    changed: &[bool],
    k: usize,
    pen: Sgr,
) -> Option<usize> {
    let n = glyphs.count();
    let in_pen = |i: usize, one_byte: bool| {
        matches!(glyphs.get(i).look, Look::Draw { symbol, sgr, .. }
            if sgr == pen && (!one_byte || symbol.len() == 1))
    };
    let gap = if k + 1 < n && changed[k + 1] {
        1
    } else if k + 2 < n && changed[k + 2] && in_pen(k + 1, true) {
        2
    } else {
        return None;
    };
    (in_pen(k, true) && in_pen(k + gap, false)).then_some(gap)
}

/// Appends a glyph's symbol: one to four bytes, most often, copied without a call.
#[inline(always)]
fn push_symbol(out: &mut Vec<u8>, symbol: &str) {
    match *symbol.as_bytes() {
        [a] => out.push(a),
        [a, b] => out.extend_from_slice(&[a, b]),
        [a, b, c] => out.extend_from_slice(&[a, b, c]),
        [a, b, c, d] => out.extend_from_slice(&[a, b, c, d]),
        _ => out.extend_from_slice(symbol.as_bytes()),
    }
}

#[inline(always)]
fn always_update(cell: &Cell) -> bool {
    matches!(cell.diff_option, CellDiffOption::AlwaysUpdate)
}

struct Writer<'a> {
    out: &'a mut Vec<u8>,
    pen: &'a mut Pen,
    width: u16,
    links: &'a [Link],
    /// The link the terminal writes text into now (an index of `links`).
    open: Option<usize>,
    /// Whether a link is on the row being written.
    row_has_links: bool,
    known: sgr::Known,
    /// Whether runs of text are written in one loop ([`Writer::run`]).
    runs: bool,
}

impl Writer<'_> {
    /// Handles the changed glyphs of row `y` left to right.
    fn row<'g, G: Glyphs<'g> + ?Sized>(&mut self, y: u16, glyphs: &G, changed: &[bool]) {
        // Most rows have no link: their glyphs need not look for one each.
        self.row_has_links = self.links.iter().any(|l| l.row == y);
        let n = glyphs.count();
        let mut i = 0;
        while let Some(k) = (i..n).find(|&k| changed[k]) {
            let glyph = glyphs.get(k);
            self.reach(y, glyphs, k, &glyph);
            if !glyph.is_blank() {
                self.write(y, &glyph);
                i = self.run(y, glyphs, changed, k + 1);
            } else if k + 1 == n || !glyphs.get(k + 1).is_blank() {
                // One blank (a space between words): a space is the cheapest way over it,
                // whatever follows (erasing costs 3 bytes and a move). What `blanks` would
                // do, without pricing every way first.
                self.set_sgr(Sgr::DEFAULT);
                self.link_to(None);
                self.write(y, &glyph);
                i = self.run(y, glyphs, changed, k + 1);
            } else {
                match self.blanks(y, glyphs, changed, k) {
                    Some(done) => i = done,
                    None => break,
                }
            }
        }
    }

    /// Right after a glyph written at the cursor, writes on the changed glyphs that follow in
    /// the same colours, up to the first that needs a choice made (other colours, two blanks,
    /// a link on the row, unchanged glyphs but for a short gap): most of a line of text, sent
    /// as `row` would send it, without its checks on every glyph. Returns the index to go on
    /// from.
    #[inline(always)]
    fn run<'g, G: Glyphs<'g> + ?Sized>(
        &mut self,
        y: u16,
        glyphs: &G,
        changed: &[bool],
        mut k: usize,
    ) -> usize {
        let (Some(pen), false, true) = (self.pen.sgr, self.row_has_links, self.runs) else {
            return k;
        };
        let n = glyphs.count();
        let mut end = None;
        // The glyph after a blank, read to tell a space from a stretch of blanks.
        let mut ahead = None;
        while k < n {
            if !changed[k] {
                // A new story over an old one leaves a letter here and there in place: one or
                // two of one byte in these colours before a change are re-written, 1 or 2
                // bytes where any move takes 3, as `reach` would find.
                let Some(gap) = short_gap(glyphs, changed, k, pen) else {
                    break;
                };
                for i in k..k + gap {
                    if let Look::Draw { symbol, .. } = glyphs.get(i).look {
                        push_symbol(self.out, symbol);
                    }
                }
                k += gap;
                end = Some(glyphs.get(k).x);
                continue;
            }
            let glyph = match ahead.take() {
                Some((i, glyph)) if i == k => glyph,
                _ => glyphs.get(k),
            };
            let Look::Draw { symbol, sgr, .. } = glyph.look else {
                break;
            };
            if glyph.is_blank() && k + 1 < n {
                let next = glyphs.get(k + 1);
                if next.is_blank() {
                    break;
                }
                ahead = Some((k + 1, next));
            }
            if sgr != pen {
                break;
            }
            push_symbol(self.out, symbol);
            end = Some(glyph.x.saturating_add(glyph.width));
            k += 1;
        }
        if let Some(end) = end {
            self.pen.cursor = self.after(y, end);
        }
        k
    }

    /// The cursor after writing a glyph that ends at column `end` of row `y`.
    #[inline(always)]
    fn after(&self, y: u16, end: u16) -> Cursor {
        if end >= self.width {
            Cursor::Pending { row: y }
        } else {
            Cursor::At { row: y, col: end }
        }
    }

    #[inline(always)]
    fn set_sgr(&mut self, to: Sgr) {
        // Most glyphs are written in the colours of the one before: nothing to work out.
        if self.pen.sgr != Some(to) {
            self.change_sgr(to);
        }
    }

    fn change_sgr(&mut self, to: Sgr) {
        let seq = self.known.transition(self.pen.sgr, to);
        self.out.extend_from_slice(seq.as_bytes());
        self.pen.sgr = Some(to);
    }

    /// Opens the hyperlink `to` (closing the one open), or closes it with `None`.
    fn link_to(&mut self, to: Option<usize>) {
        if self.open == to {
            return;
        }
        self.out.extend_from_slice(b"\x1b]8;;");
        if let Some(link) = to.and_then(|i| self.links.get(i)) {
            self.out.extend_from_slice(link.url.as_bytes());
        }
        self.out.extend_from_slice(b"\x1b\\");
        self.open = to;
    }

    #[inline(always)]
    fn write(&mut self, y: u16, g: &Glyph<'_>) {
        if let Look::Draw { symbol, sgr, .. } = g.look {
            let link = if self.row_has_links {
                self.links
                    .iter()
                    .position(|l| l.row == y && l.cols.contains(&g.x))
            } else {
                None
            };
            self.link_to(link);
            self.set_sgr(sgr);
            push_symbol(self.out, symbol);
            self.pen.cursor = self.after(y, g.x.saturating_add(g.width));
        }
    }

    /// Puts the cursor at `glyphs[i]`: by a move, or by re-writing the glyphs between the
    /// cursor and it when that is cheaper. Every glyph left of `i` already shows as in the
    /// new buffer (unchanged, or handled earlier in this row), so re-writing is exact.
    fn reach<'g, G: Glyphs<'g> + ?Sized>(
        &mut self,
        y: u16,
        glyphs: &G,
        i: usize,
        target: &Glyph<'g>,
    ) {
        let Look::Draw { sgr: first, .. } = target.look else {
            return;
        };
        // Writing on along a row, the cursor is usually there already.
        if self.pen.cursor
            == (Cursor::At {
                row: y,
                col: target.x,
            })
        {
            return;
        }
        let sgr_cost = self.known.cost(self.pen.sgr, first);
        let bridge = self.bridge_start(y, glyphs, target.x);
        // A move right along the row takes at least `ESC [ C`: a way over that is shorter is
        // taken without pricing the moves (most gaps between changes are a cell or two).
        let cheaper_than_any_move = bridge.filter(|&from| {
            self.bridge_cost(glyphs, from, i, cursor::SHORTEST_FORWARD + sgr_cost)
                .is_some()
        });
        if let Some(from) = cheaper_than_any_move {
            self.rewrite(y, glyphs, from..i);
            return;
        }
        let mv = cursor::move_to(self.pen.cursor, y, target.x, self.pen.may_feed());
        let move_cost = mv.len() + sgr_cost;
        if let Some(from) =
            bridge.filter(|&from| self.bridge_cost(glyphs, from, i, move_cost).is_some())
        {
            self.rewrite(y, glyphs, from..i);
            return;
        }
        self.out.extend_from_slice(mv.as_bytes());
        self.pen.cursor = Cursor::At {
            row: y,
            col: target.x,
        };
    }

    /// Bytes of re-writing `glyphs[from..i]` and setting the colours of `glyphs[i]`, when they
    /// can all be written and take fewer than `limit`.
    fn bridge_cost<'g, G: Glyphs<'g> + ?Sized>(
        &mut self,
        glyphs: &G,
        from: usize,
        i: usize,
        limit: usize,
    ) -> Option<usize> {
        let mut cost = 0;
        let mut pen_sgr = self.pen.sgr;
        for k in from..=i {
            let Look::Draw { symbol, sgr, .. } = glyphs.get(k).look else {
                return None;
            };
            cost += self.known.cost(pen_sgr, sgr);
            // `glyphs[i]` is written after the cursor gets there either way: only its colours
            // count.
            if k < i {
                cost += symbol.len();
            }
            pen_sgr = Some(sgr);
            if cost >= limit {
                return None;
            }
        }
        Some(cost)
    }

    fn rewrite<'g, G: Glyphs<'g> + ?Sized>(
        &mut self,
        y: u16,
        glyphs: &G,
        range: std::ops::Range<usize>,
    ) {
        for k in range {
            self.write(y, &glyphs.get(k));
        }
    }

    /// The glyph the cursor is on, when it is on this row left of column `x`.
    fn bridge_start<'g, G: Glyphs<'g> + ?Sized>(
        &self,
        y: u16,
        glyphs: &G,
        x: u16,
    ) -> Option<usize> {
        match self.pen.cursor {
            Cursor::At { row, col } if row == y && col < x => glyphs.starting_at(col),
            _ => None,
        }
    }

    /// The changed blank `glyphs[k]`, the cursor being on it, and the changed blanks that
    /// follow it up to the next glyph that is not blank (the *stretch*; unchanged blanks in
    /// it may be erased again at no harm). Three ways, priced to the next change on the row:
    /// spaces (jumping or re-writing unchanged blanks), one ECH over every change in the
    /// stretch, or EL when the row is blank to its end. Returns the index to go on from, or
    /// `None` when the rest of the row was erased.
    fn blanks<'g, G: Glyphs<'g> + ?Sized>(
        &mut self,
        y: u16,
        glyphs: &G,
        changed: &[bool],
        k: usize,
    ) -> Option<usize> {
        let n = glyphs.count();
        let x = glyphs.get(k).x;
        let stretch_end = (k..n).find(|&i| !glyphs.get(i).is_blank()).unwrap_or(n);
        let last = (k..stretch_end).rev().find(|&i| changed[i]).unwrap_or(k);
        let first_end = (k..=last).find(|&i| !changed[i]).unwrap_or(last + 1);

        // Blanks are one column each, so glyph indices count columns here.
        let mut spaces = 0;
        let mut i = k;
        while i <= last {
            let same = (i..=last)
                .find(|&j| changed[j] != changed[i])
                .unwrap_or(last + 1);
            let count = same - i;
            spaces += if changed[i] {
                count
            } else {
                count.min(csi_len(count))
            };
            i = same;
        }
        let next_change = (last + 1..n).find(|&i| changed[i]);
        let then = |col: u16| {
            next_change.map_or(0, |t| {
                cursor::move_to(Cursor::At { row: y, col }, y, glyphs.get(t).x, false).len()
            })
        };
        spaces += then(glyphs.get(last).x.saturating_add(1));
        let ech = csi_len(last + 1 - k) + then(x);

        self.set_sgr(Sgr::DEFAULT);
        // Erased cells take no part in a link.
        self.link_to(None);
        if stretch_end == n && 3 < spaces && 3 <= ech {
            self.out.extend_from_slice(b"\x1b[K");
            self.pen.cursor = Cursor::At { row: y, col: x };
            return None;
        }
        if ech < spaces {
            let mut seq = Seq::new();
            seq.push_csi_n(u32::try_from(last + 1 - k).unwrap_or(u32::MAX), b'X');
            self.out.extend_from_slice(seq.as_bytes());
            self.pen.cursor = Cursor::At { row: y, col: x };
            return Some(last + 1);
        }
        self.rewrite(y, glyphs, k..first_end);
        Some(first_end)
    }
}

#[cfg(test)]
mod tests {
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Style};

    use super::*;

    /// Rows of text in a buffer as wide as the widest (all tests here pad to the same).
    fn lines(rows: &[&str]) -> Buffer {
        use unicode_width::UnicodeWidthStr;
        let width = rows.iter().map(|r| r.width()).max().unwrap_or(0) as u16;
        let mut buf = Buffer::empty(Rect::new(0, 0, width, rows.len() as u16));
        for (y, r) in rows.iter().enumerate() {
            buf.set_string(0, y as u16, r, Style::default());
        }
        buf
    }

    /// Encodes from a known pen at the top-left in default colours.
    fn encode(prev: &Buffer, next: &Buffer) -> (String, Pen) {
        let mut pen = Pen {
            cursor: Cursor::At { row: 0, col: 0 },
            sgr: Some(Sgr::DEFAULT),
            region: Region::Whole,
        };
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
            let start = Pen {
                cursor: Cursor::At { row: 0, col: 0 },
                sgr: Some(Sgr::DEFAULT),
                region: Region::Whole,
            };
            let (mut read_pen, mut built_pen) = (start, start);
            let (mut read, mut built) = (Vec::new(), Vec::new());
            frame_rows(&prev, &next, &mut read_pen, &[], &mut read, true);
            frame_rows(&prev, &next, &mut built_pen, &[], &mut built, false);
            proptest::prop_assert_eq!(String::from_utf8_lossy(&read), String::from_utf8_lossy(&built));
            proptest::prop_assert_eq!(read_pen, built_pen);
        }
    }
}
