//! The headline list: one story a line, with its section and date when there is room.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::Widget;

use super::{Theme, pane_block, row_with_right};
use crate::app::App;
use crate::bundle::Article;
use crate::document;
use crate::layout::{self, Pane};
use crate::text;

pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let total = app.bundle.articles.len();
    pane_block(
        app,
        theme,
        Pane::Headlines,
        format!(" Headlines ({total}) "),
    )
    .render(area, buf);
    let inner = layout::inner(area);
    if total == 0 {
        let row = Rect {
            height: inner.height.min(1),
            ..inner
        };
        row_with_right(
            row,
            buf,
            &[Span::styled(" No stories in this bundle.", theme.dim)],
            &[],
            theme.body,
        );
        return;
    }
    let rows = usize::from(inner.height);
    for (row, index) in (app.list_offset..total).take(rows).enumerate() {
        let article = &app.bundle.articles[index];
        let style = if index == app.current {
            if app.focus == Pane::Headlines {
                theme.selected
            } else {
                theme.selected_idle
            }
        } else {
            theme.body
        };
        let line = Rect {
            y: inner.y + u16::try_from(row).unwrap_or(0),
            height: 1,
            ..inner
        };
        let meta = meta(article);
        // Section and date only when they leave the title at least two thirds of the row.
        let show_meta = !meta.is_empty() && text::width(&meta) + 2 <= usize::from(line.width) / 3;
        let right = if show_meta {
            vec![Span::styled(format!(" {meta} "), style.patch(theme.dim))]
        } else {
            Vec::new()
        };
        // A marker as well as a colour, so the selection shows without colour too.
        let marker = if index == app.current { '›' } else { ' ' };
        let left = [Span::styled(
            format!("{marker}{}", text::one_line(&article.title)),
            style,
        )];
        row_with_right(line, buf, &left, &right, style);
    }
    super::scrollbar(area, buf, theme, total, rows, app.list_offset);
}

/// Section and date of a headline, those that are present.
fn meta(article: &Article) -> String {
    let day = article.published.as_deref().map(document::day);
    let parts = article.section.as_deref().into_iter().chain(day);
    text::one_line(&parts.collect::<Vec<_>>().join(" · ")).into_owned()
}
