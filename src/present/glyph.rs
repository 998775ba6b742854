//! A buffer row as the terminal shows it: a sequence of glyphs, each drawn at one column and
//! covering one or more.
//!
//! ratatui keeps a wide character in one cell and leaves the cell after it in the buffer; that
//! cell is hidden whatever it holds (ratatui's own diff jumps over it), so here it is part of
//! the wide glyph. Cells marked skip belong to someone else and are never written. A symbol
//! the terminal cannot show as the buffer means it (control characters, nothing visible, too
//! wide for the columns left) is drawn as a blank in the cell's style, so what the presenter
//! writes always advances the cursor by the width it assumes.

use ratatui::buffer::{Cell, CellDiffOption, CellWidth};

use super::sgr::Sgr;
use crate::text::SOFT_HYPHEN;

/// What occupies the columns `x .. x + width`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Glyph<'a> {
    pub x: u16,
    pub width: u16,
    pub look: Look<'a>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Look<'a> {
    Draw {
        symbol: &'a str,
        sgr: Sgr,
        /// The cell asks to be written even when unchanged (`CellDiffOption::AlwaysUpdate`).
        always: bool,
    },
    /// Not ours: never written, never assumed to hold anything.
    Skip,
}

impl Glyph<'_> {
    /// A space with default colours and no modifiers: what erasing leaves behind.
    #[inline(always)]
    pub(crate) fn is_blank(&self) -> bool {
        matches!(self.look, Look::Draw { symbol: " ", sgr, .. } if sgr == Sgr::DEFAULT)
    }

    /// The same thing on screen, so neither needs writing over the other.
    pub(crate) fn same_as(&self, other: &Glyph<'_>) -> bool {
        match (self.look, other.look) {
            (
                Look::Draw {
                    symbol: a,
                    sgr: sa,
                    always: false,
                },
                Look::Draw {
                    symbol: b, sgr: sb, ..
                },
            ) => self.x == other.x && self.width == other.width && a == b && sa == sb,
            _ => false,
        }
    }
}

/// Whether two cells are equal, as `Cell == Cell` says (a cell without a symbol equals one
/// holding a space) but for the underline colour, which the presenter never writes (see
/// `sgr`): two cells that differ only there show the same. Compared field by field with the
/// one-byte symbols of most cells compared as bytes: the presenter compares every cell of
/// every frame, and `==` spent most of its time calling `memcmp` on one-byte strings.
#[allow(deprecated)] // `skip` is compared because `==` compares it
#[inline(always)]
pub(crate) fn same(a: &Cell, b: &Cell) -> bool {
    let symbols = match (a.symbol().as_bytes(), b.symbol().as_bytes()) {
        ([x], [y]) => x == y,
        (x, y) => x == y,
    };
    symbols
        && a.fg == b.fg
        && a.bg == b.bg
        && a.modifier == b.modifier
        && a.diff_option == b.diff_option
        && a.skip == b.skip
}

/// A cell someone else draws (an image, a link): never written.
#[allow(deprecated)] // `Cell::skip` is still honoured by ratatui's own diff.
#[inline(always)]
pub(crate) fn is_skip(cell: &Cell) -> bool {
    match cell.diff_option {
        CellDiffOption::Skip => true,
        CellDiffOption::None => cell.skip,
        _ => false,
    }
}

/// The symbol to write for `cell` and the columns it takes, with `room` columns left in the
/// row. `ForcedWidth` is not honoured: it exists for symbols holding escape sequences, which
/// are never written.
#[inline(always)]
pub(crate) fn symbol_of(cell: &Cell, room: u16) -> (&str, u16) {
    let symbol = cell.symbol();
    // Most cells of all are printable ASCII: decided here, where the caller's loop is.
    match *symbol.as_bytes() {
        [b] => {
            if (b' '..=b'~').contains(&b) {
                (symbol, 1)
            } else {
                (" ", 1)
            }
        }
        _ if is_common_narrow(symbol) => (symbol, 1),
        _ => wider_symbol(symbol, room),
    }
}

/// Whether `symbol` is one character of the one-column table's `LATIN` (but the soft hyphen),
/// `VIETNAMESE`, `PUNCTUATION` or `BOX_DRAWING` ranges (`text::one_column`): most cells that
/// are not ASCII. Told from the UTF-8 bytes, without decoding, as this runs for every cell;
/// the rest of the table is found by [`wider_symbol`]. A test holds these bytes to the table.
#[inline(always)]
fn is_common_narrow(symbol: &str) -> bool {
    matches!(
        *symbol.as_bytes(),
        [0xc2, 0xa0..=0xac | 0xae..=0xbf]
            | [0xc3..=0xcb, _]
            | [0xe1, 0xb8..=0xbb, _]
            | [0xe2, 0x80, 0x90..=0xa7]
            | [0xe2, 0x94..=0x95, _]
            | [0xe2, 0x96, 0x80..=0x9f]
    )
}

/// [`symbol_of`] for a symbol of more than one byte.
fn wider_symbol(symbol: &str, room: u16) -> (&str, u16) {
    // Most other cells hold one character that is one column wide (text::is_single_cell: ASCII,
    // Latin and Vietnamese letters, punctuation): no measuring needed. The soft hyphen is
    // measured, it is zero columns wide in some tables.
    let mut chars = symbol.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c != SOFT_HYPHEN
        && crate::text::is_single_cell(c)
    {
        return (symbol, 1);
    }
    // Checked before measuring: ratatui's width debug-asserts on a lone control character.
    if symbol.chars().any(char::is_control) {
        return (" ", 1);
    }
    match symbol.cell_width() {
        0 => (" ", 1),
        w if w > room => (" ", 1),
        w => (symbol, w),
    }
}

/// The glyphs of one buffer row, left to right, covering every column.
#[cfg(test)]
pub(crate) fn glyphs<'a>(row: &'a [Cell], out: &mut Vec<Glyph<'a>>) {
    glyphs_from(row, 0, out);
}

/// Whether a glyph starts at column `col` of `row` whatever the cells left of it hold but the
/// one just before: a cell one column wide is either a glyph or the hidden half of the wide
/// glyph before it, and both end where `col` begins.
pub(crate) fn starts_at(row: &[Cell], col: usize) -> bool {
    col == 0
        || row
            .get(col - 1)
            .is_some_and(|cell| is_skip(cell) || symbol_of(cell, u16::MAX).1 == 1)
}

/// The glyphs of one buffer row from column `from` on, where a glyph starts, left to right,
/// covering every column from there.
pub(crate) fn glyphs_from<'a>(row: &'a [Cell], from: usize, out: &mut Vec<Glyph<'a>>) {
    out.clear();
    let len = u16::try_from(row.len()).unwrap_or(u16::MAX);
    let mut x = u16::try_from(from).unwrap_or(u16::MAX);
    while let Some(cell) = row.get(usize::from(x)) {
        let glyph = glyph_at(cell, x, len);
        out.push(glyph);
        x = x.saturating_add(glyph.width);
        if x >= len {
            break;
        }
    }
}

/// The glyph `cell` starts at column `x` of a row `len` columns long.
#[inline(always)]
fn glyph_at(cell: &Cell, x: u16, len: u16) -> Glyph<'_> {
    if is_skip(cell) {
        return Glyph {
            x,
            width: 1,
            look: Look::Skip,
        };
    }
    let (symbol, width) = symbol_of(cell, len.saturating_sub(x));
    Glyph {
        x,
        width,
        look: Look::Draw {
            symbol,
            sgr: Sgr::of(cell),
            always: matches!(cell.diff_option, CellDiffOption::AlwaysUpdate),
        },
    }
}

/// Whether `cell`, with `room` columns left in its row, is a glyph one column wide (or a cell
/// never written, which covers one column too).
#[inline(always)]
pub(crate) fn one_column(cell: &Cell, room: u16) -> bool {
    cell.symbol().len() == 1 || is_skip(cell) || symbol_of(cell, room).1 == 1
}

/// A row's glyphs by index, left to right, each as the presenter writes it.
pub(crate) trait GlyphRow<'a> {
    fn count(&self) -> usize;
    /// The glyph at index `k`, below [`GlyphRow::count`].
    fn get(&self, k: usize) -> Glyph<'a>;
    /// The index of the glyph that starts at column `x`, when one does.
    fn starting_at(&self, x: u16) -> Option<usize>;
}

/// GlyphRow found with [`glyphs_from`]: any row.
impl<'a> GlyphRow<'a> for [Glyph<'a>] {
    #[inline(always)]
    fn count(&self) -> usize {
        self.len()
    }

    #[inline(always)]
    fn get(&self, k: usize) -> Glyph<'a> {
        self[k]
    }

    fn starting_at(&self, x: u16) -> Option<usize> {
        self.binary_search_by_key(&x, |g| g.x).ok()
    }
}

/// The cells of a row from column `from` on, when every one of them is a glyph one column
/// wide ([`one_column`]): most rows. Glyph `k` is cell `from + k`, read when it is asked for,
/// so the cells the presenter passes over unchanged are never turned into glyphs.
pub(crate) struct OneColumn<'a> {
    pub row: &'a [Cell],
    pub from: usize,
}

impl<'a> GlyphRow<'a> for OneColumn<'a> {
    #[inline(always)]
    fn count(&self) -> usize {
        self.row.len().saturating_sub(self.from)
    }

    #[inline(always)]
    fn get(&self, k: usize) -> Glyph<'a> {
        let x = self.from + k;
        let len = u16::try_from(self.row.len()).unwrap_or(u16::MAX);
        glyph_at(&self.row[x], u16::try_from(x).unwrap_or(u16::MAX), len)
    }

    fn starting_at(&self, x: u16) -> Option<usize> {
        usize::from(x)
            .checked_sub(self.from)
            .filter(|&k| k < self.count())
    }
}

/// For each glyph of `next`, whether the terminal, showing `prev`, must be written there.
/// Both rows cover the same columns; a glyph is unchanged only where `prev` has the same glyph
/// at the same column, which makes every column it covers identical too.
pub(crate) fn changes(prev: &[Glyph<'_>], next: &[Glyph<'_>], out: &mut Vec<bool>) {
    out.clear();
    let mut p = prev.iter().peekable();
    for g in next {
        while p.next_if(|q| q.x < g.x).is_some() {}
        let same = p.peek().is_some_and(|q| g.same_as(q));
        out.push(!same && g.look != Look::Skip);
    }
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Style};

    use super::*;

    fn row(buf: &Buffer) -> Vec<Glyph<'_>> {
        let mut out = Vec::new();
        glyphs(&buf.content, &mut out);
        out
    }

    fn symbols<'a>(glyphs: &[Glyph<'a>]) -> Vec<(u16, &'a str, u16)> {
        glyphs
            .iter()
            .map(|g| match g.look {
                Look::Draw { symbol, .. } => (g.x, symbol, g.width),
                Look::Skip => (g.x, "<skip>", g.width),
            })
            .collect()
    }

    fn line(text: &str, width: u16) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, width, 1));
        buf.set_string(0, 0, text, Style::default());
        buf
    }

    #[test]
    fn common_narrow_characters_told_from_their_bytes_are_one_column() {
        use crate::text::one_column::{BOX_DRAWING, LATIN, PUNCTUATION, VIETNAMESE};
        let all = (0..=u32::from(char::MAX)).filter_map(char::from_u32);
        for c in all {
            let symbol = c.encode_utf8(&mut [0; 4]).to_owned();
            let want = [LATIN, VIETNAMESE, PUNCTUATION, BOX_DRAWING]
                .iter()
                .any(|range| range.contains(&c))
                && c != SOFT_HYPHEN;
            assert_eq!(is_common_narrow(&symbol), want, "{c:?}");
            if want {
                assert!(crate::text::is_single_cell(c), "{c:?}");
                assert_eq!(symbol.as_str().cell_width(), 1, "{c:?}");
            }
        }
        assert!(!is_common_narrow("ab") && !is_common_narrow("ế\u{301}"));
    }

    #[test]
    fn a_one_column_row_read_from_its_cells_is_its_built_glyphs() {
        let mut buf = line("Hà Nội “5 sao” │ x\u{7}", 24);
        buf[(3, 0)].set_fg(Color::Red);
        buf[(5, 0)].set_diff_option(CellDiffOption::Skip);
        buf[(6, 0)].set_diff_option(CellDiffOption::AlwaysUpdate);
        let room = |x: usize| u16::try_from(buf.content.len() - x).unwrap();
        assert!((0..buf.content.len()).all(|x| one_column(&buf.content[x], room(x))));
        for from in [0, 1, 7, 23] {
            let mut built = Vec::new();
            glyphs_from(&buf.content, from, &mut built);
            let cells = OneColumn {
                row: &buf.content,
                from,
            };
            assert_eq!(cells.count(), built.len());
            let read: Vec<_> = (0..cells.count()).map(|k| cells.get(k)).collect();
            assert_eq!(read, built);
            for g in &built {
                assert_eq!(cells.starting_at(g.x), built.as_slice().starting_at(g.x));
            }
            assert_eq!(
                cells.starting_at(u16::try_from(from).unwrap().wrapping_sub(1)),
                None
            );
            assert_eq!(cells.starting_at(24), None);
        }
        // A wide character is not one column: such a row is built, not read from its cells.
        let wide = line("a日b", 4);
        assert!(!one_column(&wide.content[1], 3));
    }

    #[test]
    fn wide_characters_cover_the_next_column() {
        let buf = line("a日b", 5);
        assert_eq!(
            symbols(&row(&buf)),
            [(0, "a", 1), (1, "日", 2), (3, "b", 1), (4, " ", 1)]
        );
    }

    #[test]
    fn the_cell_after_a_wide_character_is_hidden_whatever_it_holds() {
        let mut buf = line("日", 3);
        buf[(1, 0)].set_symbol("x");
        assert_eq!(symbols(&row(&buf)), [(0, "日", 2), (2, " ", 1)]);
    }

    #[test]
    fn unshowable_symbols_become_blanks_in_their_style() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        buf[(0, 0)].set_symbol("\x1b[31m").set_fg(Color::Red);
        buf[(1, 0)].set_symbol("");
        buf[(2, 0)].set_symbol("\u{200b}");
        buf[(3, 0)].set_symbol("日"); // too wide for the last column
        let glyphs = row(&buf);
        assert_eq!(
            symbols(&glyphs),
            [(0, " ", 1), (1, " ", 1), (2, " ", 1), (3, " ", 1)]
        );
        assert!(matches!(glyphs[0].look, Look::Draw { sgr, .. } if sgr.fg == Color::Red));
        assert!(!glyphs[0].is_blank());
        assert!(glyphs[1].is_blank());
    }

    #[test]
    fn skip_cells_are_their_own_glyphs() {
        let mut buf = line("abc", 3);
        buf[(1, 0)].set_diff_option(CellDiffOption::Skip);
        assert_eq!(
            symbols(&row(&buf)),
            [(0, "a", 1), (1, "<skip>", 1), (2, "c", 1)]
        );
    }

    #[test]
    fn changes_follow_columns_through_wide_characters() {
        let prev = line("日本", 5);
        let next = line("日ab", 5);
        let (p, n) = (row(&prev), row(&next));
        let mut changed = Vec::new();
        changes(&p, &n, &mut changed);
        // 日 stays; a and b replace 本; the last blank stays.
        assert_eq!(
            symbols(&n),
            [(0, "日", 2), (2, "a", 1), (3, "b", 1), (4, " ", 1)]
        );
        assert_eq!(changed, [false, true, true, false]);

        let prev = line("a日", 4);
        let next = line("ab日", 4);
        let (p, n) = (row(&prev), row(&next));
        changes(&p, &n, &mut changed);
        assert_eq!(changed, [false, true, true]);
    }

    #[test]
    fn style_and_always_update_count_as_changes_skip_never_does() {
        let prev = line("ab", 3);
        let mut next = line("ab", 3);
        next[(0, 0)].set_fg(Color::Cyan);
        next[(1, 0)].set_diff_option(CellDiffOption::AlwaysUpdate);
        next[(2, 0)].set_diff_option(CellDiffOption::Skip);
        let (p, n) = (row(&prev), row(&next));
        let mut changed = Vec::new();
        changes(&p, &n, &mut changed);
        assert_eq!(changed, [true, true, false]);
    }

    type Fields = (
        Option<&'static str>,
        Color,
        Color,
        Color,
        bool,
        bool,
        CellDiffOption,
    );

    /// A cell's fields, a few choices each.
    fn any_fields() -> impl proptest::strategy::Strategy<Value = Fields> {
        use proptest::prelude::*;
        let symbols = prop::sample::select(vec![
            None,
            Some(" "),
            Some("a"),
            Some("b"),
            Some("ộ"),
            Some("日"),
            Some(""),
        ]);
        let colors = prop::sample::select(vec![
            Color::Reset,
            Color::Red,
            Color::Rgb(1, 2, 3),
            Color::Indexed(7),
        ]);
        let options = prop::sample::select(vec![
            CellDiffOption::None,
            CellDiffOption::Skip,
            CellDiffOption::AlwaysUpdate,
        ]);
        (
            symbols,
            colors.clone(),
            colors.clone(),
            colors,
            any::<bool>(),
            any::<bool>(),
            options,
        )
    }

    fn cell_of((symbol, fg, bg, underline, bold, skip, option): Fields) -> Cell {
        let mut cell = Cell::EMPTY;
        if let Some(symbol) = symbol {
            cell.set_symbol(symbol);
        }
        cell.set_fg(fg).set_bg(bg);
        cell.underline_color = underline;
        if bold {
            cell.modifier = ratatui::style::Modifier::BOLD;
        }
        #[allow(deprecated)]
        {
            cell.skip = skip;
        }
        cell.set_diff_option(option);
        cell
    }

    proptest::proptest! {
        /// `b` is `a` with the fields `mask` names taken from `other`: cells that differ in
        /// one field, or in none, come up as often as any.
        #[test]
        fn same_is_cell_equality_but_for_the_underline_colour(a in any_fields(), other in any_fields(), mask in 0u8..128) {
            let pick = |bit: u8| mask & (1 << bit) != 0;
            let b = (
                if pick(0) { other.0 } else { a.0 },
                if pick(1) { other.1 } else { a.1 },
                if pick(2) { other.2 } else { a.2 },
                if pick(3) { other.3 } else { a.3 },
                if pick(4) { other.4 } else { a.4 },
                if pick(5) { other.5 } else { a.5 },
                if pick(6) { other.6 } else { a.6 },
            );
            let (a, b) = (cell_of(a), cell_of(b));
            let mut b_underlined_as_a = b.clone();
            b_underlined_as_a.underline_color = a.underline_color;
            proptest::prop_assert_eq!(same(&a, &b), a == b_underlined_as_a);
            proptest::prop_assert!(same(&a, &a));
        }
    }
}
