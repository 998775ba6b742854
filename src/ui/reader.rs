//! The reader pane: the visible slice of the laid-out story, a scrollbar and the position.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{Theme, pane_block};
use crate::app::App;
use crate::layout::{self, Pane};

pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let text = layout::reader_text(area);
    let rows = usize::from(text.height);
    let total = app.doc.lines.len();
    let block = pane_block(app, theme, Pane::Reader, " Reader ".to_owned()).title_bottom(
        Line::styled(
            format!(" {} ", position(app.scroll, rows, total)),
            theme.dim,
        )
        .right_aligned(),
    );
    block.render(area, buf);
    if app.article().is_none() {
        Line::styled("No story to show.", theme.dim).render(
            Rect {
                height: text.height.min(1),
                ..text
            },
            buf,
        );
        return;
    }
    for (row, line) in app.doc.lines.iter().skip(app.scroll).take(rows).enumerate() {
        let spans: Vec<Span<'_>> = line
            .spans
            .iter()
            .map(|(t, role)| Span::styled(t.as_str(), theme.role(*role)))
            .collect();
        let y = text.y + u16::try_from(row).unwrap_or(0);
        buf.set_line(text.x, y, &Line::from(spans), text.width);
    }
    super::scrollbar(area, buf, theme, total, rows, app.scroll);
}

/// Where the reader is, as `less` and vim say it: `All` when everything fits, `Top`, `End`,
/// or how far down as a percentage.
pub fn position(scroll: usize, rows: usize, total: usize) -> String {
    let max = total.saturating_sub(rows);
    if max == 0 {
        "All".into()
    } else if scroll == 0 {
        "Top".into()
    } else if scroll >= max {
        "End".into()
    } else {
        format!("{}%", (scroll * 100 / max).clamp(1, 99))
    }
}

#[cfg(test)]
mod tests {
    use super::position;

    #[test]
    fn positions() {
        assert_eq!(position(0, 10, 5), "All");
        assert_eq!(position(0, 10, 50), "Top");
        assert_eq!(position(40, 10, 50), "End");
        assert_eq!(position(20, 10, 50), "50%");
        assert_eq!(position(1, 10, 1000), "1%");
    }
}
