//! Where each pane goes for a terminal size: pure geometry, shared by `app` (which needs pane
//! heights to scroll and page) and `ui` (which draws into the same rectangles).

use ratatui::layout::{Constraint, Layout, Rect};

use crate::keymap::Keymap;

/// Narrower than this, one pane at a time fills the screen.
pub const WIDE: u16 = 100;
/// Smaller than this in either direction, only a notice is shown.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;

/// The three panes, in focus order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    Headlines,
    Reader,
    Related,
}

impl Pane {
    pub fn next(self) -> Self {
        match self {
            Pane::Headlines => Pane::Reader,
            Pane::Reader => Pane::Related,
            Pane::Related => Pane::Headlines,
        }
    }

    pub fn prev(self) -> Self {
        self.next().next()
    }

    pub fn name(self) -> &'static str {
        match self {
            Pane::Headlines => "Headlines",
            Pane::Reader => "Reader",
            Pane::Related => "Related",
        }
    }
}

/// The rectangles of one frame. A pane that is not shown has no rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Screen {
    pub title: Rect,
    pub status: Rect,
    pub headlines: Option<Rect>,
    pub reader: Option<Rect>,
    pub related: Option<Rect>,
    /// One pane at a time (narrow terminals).
    pub single: bool,
    /// Too small for anything but a notice, drawn in `title`.
    pub too_small: bool,
}

impl Screen {
    pub fn pane(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::Headlines => self.headlines,
            Pane::Reader => self.reader,
            Pane::Related => self.related,
        }
    }
}

/// Lays out a frame of `area`. `focus` picks the pane shown on narrow terminals, and on
/// wide ones when `zoom` asks for one pane at a time; `related_items` sizes the related panel
/// of the three-pane layout.
pub fn screen(area: Rect, focus: Pane, related_items: usize, zoom: bool) -> Screen {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Screen {
            title: Rect {
                height: area.height.min(1),
                ..area
            },
            too_small: true,
            ..Screen::default()
        };
    }
    let [title, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let mut screen = Screen {
        title,
        status,
        ..Screen::default()
    };
    if zoom || area.width < WIDE {
        screen.single = true;
        match focus {
            Pane::Headlines => screen.headlines = Some(body),
            Pane::Reader => screen.reader = Some(body),
            Pane::Related => screen.related = Some(body),
        }
        return screen;
    }
    let [headlines, right] =
        Layout::horizontal([Constraint::Ratio(1, 3), Constraint::Fill(1)]).areas(body);
    let related_height = related_height(body.height, related_items);
    let [reader, related] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(related_height)]).areas(right);
    screen.headlines = Some(headlines);
    screen.reader = Some(reader);
    screen.related = (related.height > 0).then_some(related);
    screen
}

/// Rows for the related panel: its items plus borders, at least room for the "none" line, at
/// most a third of the body, and never so much that the reader has under three rows.
fn related_height(body: u16, items: usize) -> u16 {
    let wanted = u16::try_from(items.max(1))
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let cap = (body / 3).max(3);
    let height = wanted.min(cap);
    let height = if body.saturating_sub(height) < 3 {
        body.saturating_sub(3)
    } else {
        height
    };
    // A panel without room for one row inside its border is not shown at all.
    if height < 3 { 0 } else { height }
}

/// The inside of a pane: within its border when it is `framed` (zoomed panes are not).
pub fn inner(rect: Rect, framed: bool) -> Rect {
    if !framed {
        return rect;
    }
    Rect {
        x: rect.x.saturating_add(1),
        y: rect.y.saturating_add(1),
        width: rect.width.saturating_sub(2),
        height: rect.height.saturating_sub(2),
    }
}

/// Columns of text a reader line holds at most, unless the settings say otherwise: about
/// what a printed page holds, so that an eye finds the start of the next line on a wide
/// terminal.
pub const READER_WIDTH: u16 = 100;

/// Where the reader's text sits in a pane wider than its measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    /// Against the pane's left edge, where the title and the other panes start.
    #[default]
    Left,
    /// In the middle of the pane.
    Centre,
}

/// The reader's measure: the most columns a line of its text holds, and where the text sits
/// when the pane is wider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Measure {
    /// `None`: as wide as the pane.
    pub columns: Option<u16>,
    pub align: Align,
}

impl Default for Measure {
    fn default() -> Self {
        Measure {
            columns: Some(READER_WIDTH),
            align: Align::Left,
        }
    }
}

/// The reader's text column: inside the border, with a column of padding each side, and no
/// wider than `measure` allows, placed as it says.
pub fn reader_text(rect: Rect, framed: bool, measure: Measure) -> Rect {
    let inner = inner(rect, framed);
    let room = inner.width.saturating_sub(2);
    let width = measure.columns.map_or(room, |c| c.min(room));
    let left = match measure.align {
        Align::Left => 0,
        Align::Centre => (room - width) / 2,
    };
    Rect {
        x: inner.x.saturating_add(1).saturating_add(left),
        width,
        ..inner
    }
}

/// Lines of the help overlay's text.
pub fn help_lines(keymap: &Keymap) -> usize {
    keymap.shown().count()
}

/// Where the help overlay goes on a `cols` x `rows` screen for `lines` of keys: centered, at
/// most 60 columns, leaving the title and status bars visible when there is room.
pub fn help_area(cols: u16, rows: u16, lines: usize) -> Rect {
    let width = cols.saturating_sub(4).min(60);
    let wanted = u16::try_from(lines + 2).unwrap_or(u16::MAX);
    let height = rows.saturating_sub(2).min(wanted);
    Rect::new((cols - width) / 2, (rows - height) / 2, width, height)
}

/// The widest or tallest frame drawn.
pub const MAX_SIDE: u16 = 4096;
/// The most cells (columns times rows) in a frame drawn.
pub const MAX_CELLS: usize = 1_000_000;

/// A terminal size as the frame is drawn: at most [`MAX_SIDE`] on a side and [`MAX_CELLS`]
/// in all (rows give way first), so a terminal that reports 65535x65535 costs a bounded
/// frame, not gigabytes. `--render` refuses larger sizes instead.
pub fn drawn_size(cols: u16, rows: u16) -> (u16, u16) {
    let cols = cols.min(MAX_SIDE);
    let most_rows = MAX_CELLS / usize::from(cols.max(1));
    let rows = usize::from(rows.min(MAX_SIDE)).min(most_rows);
    (cols, u16::try_from(rows).unwrap_or(MAX_SIDE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawn_sizes_are_bounded() {
        assert_eq!(drawn_size(80, 24), (80, 24));
        assert_eq!(drawn_size(65535, 65535), (4096, 244));
        assert_eq!(drawn_size(0, 65535), (0, 4096));
        assert_eq!(drawn_size(1000, 1000), (1000, 1000));
        for (c, r) in [(65535, 1), (1, 65535), (4096, 4096), (u16::MAX, u16::MAX)] {
            let (c, r) = drawn_size(c, r);
            assert!(c <= MAX_SIDE && r <= MAX_SIDE);
            assert!(usize::from(c) * usize::from(r) <= MAX_CELLS);
        }
    }

    #[test]
    fn wide_terminals_show_three_panes() {
        let s = screen(Rect::new(0, 0, 120, 40), Pane::Headlines, 7, false);
        assert!(!s.single && !s.too_small);
        assert_eq!(s.headlines.unwrap().width, 40);
        assert_eq!(s.reader.unwrap().width, 80);
        assert_eq!(s.related.unwrap().height, 9);
        assert_eq!(s.reader.unwrap().height + 9, 38);
    }

    #[test]
    fn related_panel_is_at_most_a_third() {
        let s = screen(Rect::new(0, 0, 120, 20), Pane::Headlines, 50, false);
        assert_eq!(s.related.unwrap().height, 6);
    }

    #[test]
    fn narrow_terminals_show_the_focused_pane() {
        let s = screen(Rect::new(0, 0, 80, 24), Pane::Related, 3, false);
        assert!(s.single);
        assert_eq!(s.related, Some(Rect::new(0, 1, 80, 22)));
        assert_eq!(s.headlines, None);
        assert_eq!(s.reader, None);
    }

    #[test]
    fn tiny_terminals_only_get_a_notice() {
        for (w, h) in [(0, 0), (1, 1), (19, 40), (200, 5)] {
            let s = screen(Rect::new(0, 0, w, h), Pane::Reader, 3, false);
            assert!(s.too_small);
            assert_eq!(s.reader, None);
        }
    }

    #[test]
    fn a_related_panel_without_a_row_is_hidden() {
        for rows in [6, 7] {
            let s = screen(Rect::new(0, 0, 120, rows), Pane::Headlines, 7, false);
            assert_eq!(s.related, None, "{rows} rows");
        }
        assert!(
            screen(Rect::new(0, 0, 120, 9), Pane::Headlines, 7, false)
                .related
                .is_some()
        );
    }

    #[test]
    fn the_reader_text_keeps_to_its_measure() {
        let pane = Rect::new(10, 1, 140, 30);
        let measure = |columns, align| Measure { columns, align };
        // A framed pane: a border and a column of padding each side leave 136 columns.
        let left = reader_text(pane, true, Measure::default());
        assert_eq!((left.x, left.y, left.width, left.height), (12, 2, 100, 28));
        let centred = reader_text(pane, true, measure(Some(100), Align::Centre));
        assert_eq!((centred.x, centred.width), (12 + 18, 100));
        // An odd column left over goes to the right.
        let odd = reader_text(pane, true, measure(Some(99), Align::Centre));
        assert_eq!((odd.x, odd.width), (12 + 18, 99));
        // No limit, or a pane narrower than the measure: the whole column, either way.
        for align in [Align::Left, Align::Centre] {
            let whole = reader_text(pane, true, measure(None, align));
            assert_eq!((whole.x, whole.width), (12, 136));
            let narrow = reader_text(Rect::new(0, 1, 60, 20), false, measure(Some(100), align));
            assert_eq!((narrow.x, narrow.width), (1, 58));
        }
        // Zoomed (no border): only the padding.
        let zoomed = reader_text(Rect::new(0, 1, 200, 58), false, Measure::default());
        assert_eq!((zoomed.x, zoomed.width), (1, 100));
        let zoomed = reader_text(
            Rect::new(0, 1, 200, 58),
            false,
            measure(Some(100), Align::Centre),
        );
        assert_eq!((zoomed.x, zoomed.width), (1 + 49, 100));
        // Nothing to draw into stays nothing.
        assert_eq!(
            reader_text(Rect::new(0, 0, 1, 1), true, Measure::default()).width,
            0
        );
    }

    #[test]
    fn reader_keeps_three_rows_on_short_wide_terminals() {
        let s = screen(Rect::new(0, 0, 120, 6), Pane::Headlines, 9, false);
        assert!(s.reader.unwrap().height >= 3);
    }
}
