//! The bytes for one row's changed glyphs, left to right: between two changes the cursor
//! either moves or re-writes the unchanged glyphs in between, whichever costs fewer bytes,
//! colours included; changed blanks may be erased rather than written (ECH for a stretch, EL
//! for the rest of the row), with default SGR only, so they give the same blank on terminals
//! with and without background colour erase.

use super::cursor::{self, Cursor, RowMoves};
use super::glyph::{Glyph, GlyphRow, Look};
use super::pen::Pen;
use super::seq::Seq;
use super::sgr::{self, Sgr};

/// Whether runs of text are written in one loop ([`Writer::run`]) or a glyph at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Way {
    Fast,
    /// The plain way, which the tests hold the fast one to, byte for byte.
    #[cfg_attr(not(test), allow(dead_code))]
    Plain,
}

/// Cells of one row that are a hyperlink to `url`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub row: u16,
    pub cols: std::ops::Range<u16>,
    pub url: String,
}

/// Bytes of `ESC [ n X` or `ESC [ n C` (erase or jump `n` characters).
fn csi_len(n: usize) -> usize {
    let mut s = Seq::new();
    s.push_csi_n(u32::try_from(n).unwrap_or(u32::MAX), b'X');
    s.len()
}

/// How many unchanged glyphs from `glyphs[k]` on, one or two, come before a changed one, when
/// all of them are in the colours `pen` and the unchanged ones are one byte each.
#[inline(always)]
fn short_gap<'g, G: GlyphRow<'g> + ?Sized>(
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

/// Writes rows of glyphs into `out`, keeping `pen` as the terminal's state.
pub(super) struct Writer<'a> {
    out: &'a mut Vec<u8>,
    pen: &'a mut Pen,
    width: u16,
    links: &'a [Link],
    /// The link the terminal writes text into now (an index of `links`).
    open: Option<usize>,
    /// Whether a link is on the row being written.
    row_has_links: bool,
    known: sgr::Known,
    way: Way,
}

impl<'a> Writer<'a> {
    pub(super) fn new(
        out: &'a mut Vec<u8>,
        pen: &'a mut Pen,
        width: u16,
        links: &'a [Link],
        way: Way,
    ) -> Self {
        Writer {
            out,
            pen,
            width,
            links,
            open: None,
            row_has_links: false,
            known: sgr::Known::default(),
            way,
        }
    }

    /// Where the terminal's cursor is.
    pub(super) fn cursor(&self) -> Cursor {
        self.pen.cursor
    }

    /// Handles the changed glyphs of row `y` left to right.
    pub(super) fn row<'g, G: GlyphRow<'g> + ?Sized>(
        &mut self,
        y: u16,
        glyphs: &G,
        changed: &[bool],
    ) {
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
    fn run<'g, G: GlyphRow<'g> + ?Sized>(
        &mut self,
        y: u16,
        glyphs: &G,
        changed: &[bool],
        mut k: usize,
    ) -> usize {
        let (Some(pen), false, Way::Fast) = (self.pen.sgr, self.row_has_links, self.way) else {
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
    pub(super) fn link_to(&mut self, to: Option<usize>) {
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
    fn reach<'g, G: GlyphRow<'g> + ?Sized>(
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
        let mv = cursor::move_to(self.pen.cursor, y, target.x, self.pen.row_moves());
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
    fn bridge_cost<'g, G: GlyphRow<'g> + ?Sized>(
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

    fn rewrite<'g, G: GlyphRow<'g> + ?Sized>(
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
    fn bridge_start<'g, G: GlyphRow<'g> + ?Sized>(
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
    fn blanks<'g, G: GlyphRow<'g> + ?Sized>(
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
                let from = Cursor::At { row: y, col };
                cursor::move_to(from, y, glyphs.get(t).x, RowMoves::Absolute).len()
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
