//! Drawing: the whole screen is a function of `&App` (and a theme) into a ratatui `Buffer`.
//! Nothing here changes state. One file per pane under `ui/`.

mod bars;
mod border;
pub mod cursor;
mod fallback;
mod feeds;
mod headlines;
mod help;
mod reader;
mod related;
pub mod theme;

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget, Widget};
use unicode_width::UnicodeWidthChar;

use crate::app::App;
use crate::layout::{self, Pane};
use crate::text::{self, SOFT_HYPHEN};
use border::Border;
use fallback::{ascii_only, too_small};
pub use theme::{Glyphs, Theme};

/// The app as drawn with a theme.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    pub app: &'a App,
    pub theme: &'a Theme,
}

impl Widget for View<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        self.draw(area, buf);
        if self.theme.glyphs.ascii {
            ascii_only(buf);
        }
    }
}

impl View<'_> {
    fn draw(self, area: Rect, buf: &mut Buffer) {
        let View { app, theme } = self;
        let screen = app.screen();
        if screen.too_small {
            let notice = too_small(area.width, theme.glyphs.ascii);
            let line = Line::styled(notice, theme.notice);
            line.render(screen.title, buf);
            return;
        }
        bars::render_title(app, theme, screen.title, buf);
        if let Some(area) = screen.headlines {
            headlines::render(app, theme, area, buf);
        }
        if let Some(area) = screen.reader {
            reader::render(app, theme, area, buf);
        }
        if let Some(area) = screen.related {
            related::render(app, theme, area, buf);
        }
        bars::render_status(app, theme, screen.status, buf);
        // The feed list takes the rows between the bars.
        let body_top = screen.title.bottom();
        let body = Rect {
            x: area.x,
            y: body_top,
            width: area.width,
            height: screen.status.y.saturating_sub(body_top),
        };
        feeds::render(app, theme, body, buf);
        if let Some(scroll) = app.help_scroll() {
            help::render(app, theme, scroll, area, buf);
        }
    }
}

/// Draws `block` around a pane unless panes are zoomed (a zoomed pane is the whole screen
/// between the bars: no border, no scrollbar, fewer bytes to send), and returns the inside.
fn frame_pane(app: &App, block: Border<'_>, area: Rect, buf: &mut Buffer) -> Rect {
    if app.zoom() {
        return area;
    }
    (&block).render(area, buf);
    layout::inner(area, true)
}

/// The frame of a pane: rounded border, its name, highlighted when it has focus.
fn pane_block<'a>(app: &App, theme: &Theme, pane: Pane, title: String) -> Border<'a> {
    let focused = app.focus() == pane;
    let style = if focused {
        theme.border_focused
    } else {
        theme.border
    };
    Border::new(
        theme.glyphs.border,
        style,
        Span::styled(
            title,
            if focused {
                theme.pane_title_focused
            } else {
                theme.pane_title
            },
        ),
    )
}

/// Draws `left` and `right` on one row of `area`, `right` flush right, each cut to fit; `left`
/// gives way first.
fn row_with_right(
    area: Rect,
    buf: &mut Buffer,
    left: &[Span<'_>],
    right: &[Span<'_>],
    style: Style,
) {
    set_style(buf, area, style);
    let total = usize::from(area.width);
    let right_width: usize = right.iter().map(|s| text::width(&s.content)).sum();
    let right_width = if right_width > total { 0 } else { right_width };
    let mut x = area.x;
    let mut room = total - right_width;
    let cut;
    let left = if left.len() > 1 {
        cut = cut_spans(left, room);
        cut.as_deref().unwrap_or(left)
    } else {
        left
    };
    for span in left {
        if room == 0 {
            break;
        }
        let w = put_cut(buf, x, area.y, &span.content, room, span.style);
        x += u16::try_from(w).unwrap_or(0);
        room -= w;
    }
    if right_width > 0 {
        let mut x = area.x + u16::try_from(total - right_width).unwrap_or(0);
        for span in right {
            let w = text::width(&span.content);
            put_span(
                buf,
                x,
                area.y,
                &span.content,
                u16::try_from(w).unwrap_or(0),
                span.style,
            );
            x += u16::try_from(w).unwrap_or(0);
        }
    }
}

/// `spans` cut as one text to `room` columns with one `…` in the style of the span it cuts,
/// or `None` when they fit: each span cut on its own would end in an ellipsis of its own.
fn cut_spans<'a>(spans: &[Span<'a>], room: usize) -> Option<Vec<Span<'a>>> {
    let widths: usize = spans.iter().map(|s| text::width(&s.content)).sum();
    if widths <= room {
        return None;
    }
    let joined: String = spans.iter().map(|s| s.content.as_ref()).collect();
    let shown = text::truncate(&joined, room);
    let keep = shown.strip_suffix('…').unwrap_or(&shown).len();
    let mut out = Vec::with_capacity(spans.len() + 1);
    let mut at = 0;
    for span in spans {
        let end = at + span.content.len();
        if end >= keep {
            let piece = &span.content[..keep.saturating_sub(at)];
            if !piece.is_empty() {
                out.push(Span::styled(piece.to_owned(), span.style));
            }
            if shown.ends_with('…') {
                out.push(Span::styled("…", span.style));
            }
            return Some(out);
        }
        out.push(span.clone());
        at = end;
    }
    Some(out)
}

/// A scrollbar on the right border of a bordered `area`, when the content overflows.
pub fn scrollbar(
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    total: usize,
    rows: usize,
    offset: usize,
) {
    if total <= rows || area.height < 4 || area.width < 3 {
        return;
    }
    // One position per first row the pane can show: 0 ..= total - rows.
    let mut state = ScrollbarState::new(total - rows + 1)
        .position(offset)
        .viewport_content_length(rows);
    Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .track_symbol(Some(theme.glyphs.track))
        .thumb_symbol(theme.glyphs.thumb)
        .thumb_style(theme.border_focused)
        .track_style(theme.border)
        .render(
            area.inner(Margin {
                vertical: 1,
                horizontal: 0,
            }),
            buf,
            &mut state,
        );
}

/// Writes `span` at (`x`, `y`) in at most `room` columns, exactly as `Buffer::set_stringn`
/// would, and returns the column after it. Most of a story (Latin and Vietnamese letters,
/// punctuation) is one character per grapheme cluster; for such text the cells are written
/// character by character, skipping grapheme segmentation, which is most of the cost of
/// drawing a frame. Anything else goes through ratatui.
pub fn put_span(buf: &mut Buffer, x: u16, y: u16, span: &str, room: u16, style: Style) -> u16 {
    if !span.chars().all(text::is_single_cell) {
        return buf.set_stringn(x, y, span, usize::from(room), style).0;
    }
    put_single_cells(buf, x, y, span, room, style)
}

/// [`put_span`] for text whose every character is [`text::is_single_cell`].
fn put_single_cells(buf: &mut Buffer, x: u16, y: u16, span: &str, room: u16, style: Style) -> u16 {
    let area = buf.area;
    if y < area.y || y >= area.bottom() || x < area.x || x >= area.right() {
        return x;
    }
    // The row's cells from `x` on, found once rather than per character.
    let mut cells = row_cells(buf, y, x, x.saturating_add(room)).iter_mut();
    let mut x = x;
    for c in span.chars() {
        // Width 0 (a soft hyphen) is skipped by ratatui too; every other one here is 1
        // (`text::measure::tests::single_cell_characters_are_one_column_wide`).
        if c == SOFT_HYPHEN && UnicodeWidthChar::width(c).unwrap_or(0) == 0 {
            continue;
        }
        let Some(cell) = cells.next() else {
            break;
        };
        set_char(cell, c);
        cell.set_style(style);
        x += 1;
    }
    x
}

/// `cell.set_char(c)`. For ASCII, Latin and Vietnamese letters the symbol is copied from a
/// cell made at compile time: `set_char` builds its string with a `memcpy` call, most of the
/// cost of drawing a cell.
#[allow(deprecated)] // `skip` is kept as `set_char` keeps it.
#[inline(always)]
fn set_char(cell: &mut Cell, c: char) {
    let Some(made) = PROTOTYPES.get(prototype_index(c)) else {
        cell.set_char(c);
        return;
    };
    let old = std::mem::replace(cell, made.clone());
    cell.fg = old.fg;
    cell.bg = old.bg;
    cell.underline_color = old.underline_color;
    cell.modifier = old.modifier;
    cell.diff_option = old.diff_option;
    cell.skip = old.skip;
}

/// The characters [`PROTOTYPES`] keeps, in the order of [`prototype_index`]: the letters of
/// the one-column table (`text::one_column`), which are most of a story: its ASCII and Latin
/// ranges, with the controls below and between them so that a character's index is its code
/// point, then its Vietnamese range. The table's punctuation and box drawing are rarer and
/// are written by `Cell::set_char`.
const PROTOTYPED_RANGES: [std::ops::RangeInclusive<char>; 2] =
    ['\0'..=LATIN_LAST, text::one_column::VIETNAMESE];

const LATIN_LAST: char = *text::one_column::LATIN.end();
const VIETNAMESE_FIRST: char = *text::one_column::VIETNAMESE.start();
const VIETNAMESE_LAST: char = *text::one_column::VIETNAMESE.end();

/// Characters in [`PROTOTYPED_RANGES`].
const PROTOTYPED: usize =
    LATIN_LAST as usize + 1 + (VIETNAMESE_LAST as usize - VIETNAMESE_FIRST as usize + 1);

/// Where [`PROTOTYPES`] keeps `c` (past its end when it does not).
#[inline(always)]
const fn prototype_index(c: char) -> usize {
    match c {
        '\0'..=LATIN_LAST => c as usize,
        VIETNAMESE_FIRST..=VIETNAMESE_LAST => {
            c as usize - VIETNAMESE_FIRST as usize + LATIN_LAST as usize + 1
        }
        _ => usize::MAX,
    }
}

/// The character [`PROTOTYPES`] keeps at `i`.
const fn prototyped(mut i: usize) -> char {
    let mut r = 0;
    while r < PROTOTYPED_RANGES.len() {
        let first = *PROTOTYPED_RANGES[r].start() as u32;
        let count = (*PROTOTYPED_RANGES[r].end() as u32 - first) as usize + 1;
        if i < count {
            return match char::from_u32(first + i as u32) {
                Some(c) => c,
                None => ' ',
            };
        }
        i -= count;
        r += 1;
    }
    ' '
}

/// The UTF-8 bytes of each character [`PROTOTYPES`] keeps, and their length.
static PROTOTYPE_BYTES: [([u8; 4], usize); PROTOTYPED] = {
    let mut out = [([0; 4], 0); PROTOTYPED];
    let mut i = 0;
    while i < PROTOTYPED {
        let mut bytes = [0; 4];
        let len = prototyped(i).encode_utf8(&mut bytes).len();
        out[i] = (bytes, len);
        i += 1;
    }
    out
};

/// A cell holding each character of [`PROTOTYPED_RANGES`], in default colours.
static PROTOTYPES: [Cell; PROTOTYPED] = {
    let mut cells = [Cell::EMPTY; PROTOTYPED];
    let mut i = 0;
    while i < PROTOTYPED {
        let (bytes, len) = &PROTOTYPE_BYTES[i];
        let (symbol, _) = bytes.split_at(*len);
        let symbol = match std::str::from_utf8(symbol) {
            Ok(symbol) => symbol,
            Err(_) => " ",
        };
        // Cells cannot be dropped at compile time; the one replaced is empty.
        std::mem::forget(std::mem::replace(&mut cells[i], Cell::new(symbol)));
        i += 1;
    }
    cells
};

/// Writes `span` at (`x`, `y`) cut to `room` columns as [`text::truncate`] cuts it (an
/// ellipsis where it was cut), and returns the columns written. Text of one-column characters
/// (most headlines) is cut by counting characters, without building the cut string.
pub fn put_cut(buf: &mut Buffer, x: u16, y: u16, span: &str, room: usize, style: Style) -> usize {
    let col = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    // When each of the first `room + 1` characters is a grapheme one column wide, they alone
    // decide: the text fits when there are no more, and is otherwise cut after `room - 1`,
    // leaving a column for the ellipsis. What follows them (a long headline's tail) is not
    // looked at: none of it can show, and none of it can join the first `room` characters,
    // the only ones that can.
    let mut cut = 0;
    let mut fits = true;
    for (n, (i, c)) in span.char_indices().enumerate() {
        if !text::is_single_cell(c) || c == SOFT_HYPHEN {
            let shown = text::truncate(span, room);
            let w = text::width(&shown);
            put_span(buf, x, y, &shown, col(w), style);
            return w;
        }
        if n + 1 == room {
            cut = i;
        }
        if n == room {
            fits = false;
            break;
        }
    }
    if fits {
        let w = span.chars().count();
        put_single_cells(buf, x, y, span, col(w), style);
        return w;
    }
    if room == 0 {
        return 0;
    }
    let kept = span[..cut].trim_end();
    let w = kept.chars().count();
    let end = put_single_cells(buf, x, y, kept, col(w), style);
    put_single_cells(buf, end, y, "…", 1, style);
    w + 1
}

/// Sets the style of every cell of `area` (within the buffer), as `Buffer::set_style` does,
/// a row slice at a time rather than a cell index at a time.
pub fn set_style(buf: &mut Buffer, area: Rect, style: Style) {
    for y in area.top()..area.bottom() {
        for cell in row_cells(buf, y, area.left(), area.right()) {
            cell.set_style(style);
        }
    }
}

/// The cells of row `y` from column `x` up to (not including) `end`, cut to the buffer: empty
/// when none of them is in it.
fn row_cells(buf: &mut Buffer, y: u16, x: u16, end: u16) -> &mut [Cell] {
    let area = buf.area;
    let (x, end) = (x.max(area.left()), end.min(area.right()));
    if y < area.top() || y >= area.bottom() || x >= end {
        return &mut [];
    }
    let row = usize::from(y - area.y) * usize::from(area.width);
    let cols = usize::from(x - area.x)..usize::from(end - area.x);
    buf.content
        .get_mut(row + cols.start..row + cols.end)
        .unwrap_or_default()
}

/// `text` cut into pieces at the character ranges in `ranges` (sorted, not overlapping),
/// counting characters from `from`: each piece and whether it is inside a range.
fn split_at_ranges<'a>(
    text: &'a str,
    from: usize,
    ranges: &[std::ops::Range<usize>],
) -> Vec<(&'a str, bool)> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut inside = false;
    for (n, (i, _)) in text.char_indices().enumerate() {
        let now = ranges.iter().any(|r| r.contains(&(from + n)));
        if now != inside && i > start {
            pieces.push((&text[start..i], inside));
            start = i;
        }
        inside = now;
    }
    if start < text.len() {
        pieces.push((&text[start..], inside));
    }
    pieces
}

/// `text` as spans in `style`, with what the search matches in `theme.matched` over it.
fn highlighted<'a>(app: &App, theme: &Theme, text: &'a str, style: Style) -> Vec<Span<'a>> {
    let Some(query) = &app.find().query else {
        return vec![Span::styled(text, style)];
    };
    let ranges: Vec<_> = query.all(text).collect();
    split_at_ranges(text, 0, &ranges)
        .into_iter()
        .map(|(piece, hit)| {
            Span::styled(
                piece,
                if hit {
                    style.patch(theme.matched)
                } else {
                    style
                },
            )
        })
        .collect()
}

#[cfg(test)]
mod highlight_tests {
    use super::*;

    #[test]
    #[allow(clippy::single_range_in_vec_init)] // one range of characters, not a vector of them
    fn pieces_follow_character_ranges() {
        let pieces = split_at_ranges("Hà Nội, nội", 0, &[3..6, 8..11]);
        assert_eq!(
            pieces,
            [("Hà ", false), ("Nội", true), (", ", false), ("nội", true)]
        );
        assert_eq!(
            split_at_ranges("abc", 10, &[11..12]),
            [("a", false), ("b", true), ("c", false)]
        );
        assert_eq!(split_at_ranges("", 0, &[0..1]), []);
    }
}

#[cfg(test)]
mod cut_tests {
    use proptest::prelude::*;

    use super::*;

    /// What `put_cut` must equal: the text cut by `text::truncate`, then written.
    fn cut_then_put(span: &str, room: usize, width: u16) -> (Buffer, usize) {
        let mut buf = Buffer::empty(Rect::new(0, 0, width, 1));
        let shown = text::truncate(span, room);
        let w = text::width(&shown);
        put_span(
            &mut buf,
            1,
            0,
            &shown,
            u16::try_from(w).unwrap_or(0),
            Style::new(),
        );
        (buf, w)
    }

    #[test]
    fn cuts_where_truncate_cuts() {
        for (span, room) in [
            ("Hà Nội mùa thu", 7),
            ("abc", 3),
            ("abc", 2),
            ("ab  cd", 4),
            ("", 0),
        ] {
            let mut buf = Buffer::empty(Rect::new(0, 0, 12, 1));
            let w = put_cut(&mut buf, 1, 0, span, room, Style::new());
            assert_eq!((buf, w), cut_then_put(span, room, 12), "{span:?} in {room}");
        }
    }

    proptest! {
        #[test]
        fn put_cut_equals_truncate_then_put(
            span in "[a-z à-ỹ\u{a0}\u{ad}\u{301}\u{3000}日本😀\u{200b}…-]{0,16}",
            room in 0usize..20,
            width in 1u16..24,
        ) {
            let mut buf = Buffer::empty(Rect::new(0, 0, width, 1));
            let w = put_cut(&mut buf, 1, 0, &span, room, Style::new());
            prop_assert_eq!((buf, w), cut_then_put(&span, room, width));
        }
    }
}

#[cfg(test)]
mod prototype_tests {
    use ratatui::buffer::{Cell, CellDiffOption};
    use ratatui::style::{Color, Modifier};

    #[test]
    fn a_symbol_copied_from_a_prototype_is_what_set_char_writes() {
        let mut at = 0;
        for range in &super::PROTOTYPED_RANGES {
            let (first, last) = (*range.start(), *range.end());
            assert_eq!(super::prototype_index(first), at, "{first:?}");
            let count = last as usize - first as usize + 1;
            assert_eq!(super::prototyped(at + count - 1), last);
            at += count;
            // Every character kept but the controls is of the one-column table.
            for c in range.clone().filter(|c| !c.is_control()) {
                assert!(crate::text::is_single_cell(c), "{c:?}");
            }
        }
        assert_eq!(at, super::PROTOTYPED);
        let mut styled = Cell::new("x");
        styled.fg = Color::Red;
        styled.bg = Color::Rgb(1, 2, 3);
        styled.modifier = Modifier::BOLD;
        styled.diff_option = CellDiffOption::AlwaysUpdate;
        let chars = (0..=0x2ff_u32)
            .chain(0x1e00..=0x1eff)
            .chain(0x2000..=0x206f)
            .chain(0x2500..=0x25ff)
            .chain([
                0x300, 0x1dff, 0x1f00, 0x2070, 0x24ff, 0x2600, 0x4e00, 0x1f600,
            ]);
        for c in chars.filter_map(char::from_u32) {
            let (mut ours, mut theirs) = (styled.clone(), styled.clone());
            super::set_char(&mut ours, c);
            theirs.set_char(c);
            assert_eq!(ours, theirs, "{c:?}");
            assert_eq!(ours.symbol(), c.to_string());
        }
    }
}
