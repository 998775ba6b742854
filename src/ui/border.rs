//! A pane's frame: a border with a title on top and, optionally, one flush right at the
//! bottom. Draws exactly what ratatui's `Block::bordered()` draws with those settings, cell for
//! cell (a test holds the two equal), writing the cells of each side through row slices: the
//! block's per-cell indexing and border merging were a tenth of every frame's drawing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::border;
use ratatui::text::Line;
use ratatui::widgets::Widget;

/// A bordered frame around a pane.
#[derive(Debug, Clone)]
pub struct Border<'a> {
    set: border::Set<'a>,
    style: Style,
    title: Line<'a>,
    bottom_right: Option<Line<'a>>,
}

impl<'a> Border<'a> {
    pub fn new(set: border::Set<'a>, style: Style, title: impl Into<Line<'a>>) -> Self {
        Border {
            set,
            style,
            title: title.into(),
            bottom_right: None,
        }
    }

    /// A second title, on the bottom border, flush right.
    pub fn bottom_right(mut self, title: impl Into<Line<'a>>) -> Self {
        self.bottom_right = Some(title.into());
        self
    }
}

impl Widget for &Border<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let (left, top) = (area.left(), area.top());
        let right = area.right() - 1;
        let bottom = area.bottom() - 1;
        // The same order as the block's: sides, then corners over them (in a pane one row
        // or one column wide, the later ones win).
        column(buf, left, top..=bottom, self.set.vertical_left, self.style);
        row(buf, top, left..=right, self.set.horizontal_top, self.style);
        column(
            buf,
            right,
            top..=bottom,
            self.set.vertical_right,
            self.style,
        );
        row(
            buf,
            bottom,
            left..=right,
            self.set.horizontal_bottom,
            self.style,
        );
        for (x, y, symbol) in [
            (right, bottom, self.set.bottom_right),
            (right, top, self.set.top_right),
            (left, bottom, self.set.bottom_left),
            (left, top, self.set.top_left),
        ] {
            if let Some(cell) = buf.cell_mut((x, y)) {
                cell.set_symbol(symbol).set_style(self.style);
            }
        }
        // Titles go between the corners.
        let inside = Rect {
            x: left.saturating_add(1),
            width: area.width.saturating_sub(2),
            height: 1,
            ..area
        };
        if !inside.is_empty() {
            let width = line_width(&self.title).min(inside.width);
            (&self.title).render(Rect { width, ..inside }, buf);
        }
        if let Some(title) = self.bottom_right.as_ref()
            && !inside.is_empty()
        {
            let width = line_width(title);
            let at = Rect {
                x: inside.right().saturating_sub(width).max(inside.left()),
                y: bottom,
                width: width.min(inside.width),
                height: 1,
            };
            title.render(at, buf);
        }
    }
}

fn line_width(line: &Line<'_>) -> u16 {
    u16::try_from(line.width()).unwrap_or(u16::MAX)
}

fn row(buf: &mut Buffer, y: u16, xs: std::ops::RangeInclusive<u16>, symbol: &str, style: Style) {
    for cell in super::row_cells(buf, y, *xs.start(), xs.end().saturating_add(1)) {
        cell.set_symbol(symbol).set_style(style);
    }
}

fn column(buf: &mut Buffer, x: u16, ys: std::ops::RangeInclusive<u16>, symbol: &str, style: Style) {
    for y in ys {
        if let Some(cell) = buf.cell_mut((x, y)) {
            cell.set_symbol(symbol).set_style(style);
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use ratatui::text::Span;
    use ratatui::widgets::Block;

    use super::*;

    /// Both frames over a buffer with text in it already.
    fn both(area: Rect, title: &str, bottom: Option<&str>) -> (Buffer, Buffer) {
        let mut start = Buffer::empty(Rect::new(1, 2, 12, 6));
        for y in 2..8 {
            start.set_string(1, y, "abcdefghijkl", Style::new().italic());
        }
        let style = Style::new().red();
        let title = Span::styled(title.to_owned(), Style::new().bold());
        let mut block = Block::bordered()
            .border_set(border::ROUNDED)
            .border_style(style)
            .title(title.clone());
        let mut ours = Border::new(border::ROUNDED, style, title);
        if let Some(bottom) = bottom {
            let line = Line::styled(bottom.to_owned(), Style::new().dim()).right_aligned();
            block = block.title_bottom(line.clone());
            ours = ours.bottom_right(line);
        }
        let mut theirs = start.clone();
        block.render(area, &mut theirs);
        let mut mine = start;
        (&ours).render(area, &mut mine);
        (mine, theirs)
    }

    #[test]
    fn draws_what_a_bordered_block_draws() {
        for area in [
            Rect::new(1, 2, 12, 6),
            Rect::new(3, 3, 5, 3),
            Rect::new(2, 2, 1, 4),
            Rect::new(2, 2, 4, 1),
            Rect::new(0, 0, 20, 20),
        ] {
            let (mine, theirs) = both(area, " Reader ", Some(" 40% "));
            assert_eq!(mine, theirs, "{area:?}");
        }
    }

    proptest! {
        #[test]
        fn equals_the_block_at_any_place_and_size(
            x in 0u16..16, y in 0u16..10, w in 0u16..16, h in 0u16..10,
            title in "[ a-zà日😀]{0,14}",
            bottom in proptest::option::of("[ 0-9%日]{0,8}"),
        ) {
            let (mine, theirs) = both(Rect::new(x, y, w, h), &title, bottom.as_deref());
            prop_assert_eq!(mine, theirs);
        }
    }
}
