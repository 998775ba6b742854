//! The headline list: one story a line, with its section and date when there is room.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;

use super::{Theme, frame_pane, pane_block, row_with_right};
use crate::app::App;
use crate::bundle::Article;
use crate::document;
use crate::layout::Pane;
use crate::text;

pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let total = app.bundle.articles.len();
    let block = pane_block(
        app,
        theme,
        Pane::Headlines,
        format!(" Headlines ({total}) "),
    );
    let inner = frame_pane(app, block, area, buf);
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
        let style = if index == app.selected {
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
        // The cursor is a highlighted row; the marker is the story in the reader.
        let marker = if index == app.current {
            theme.glyphs.selected
        } else {
            ' '
        };
        let left = [Span::styled(
            format!("{marker}{}", text::one_line(&article.title)),
            style,
        )];
        row_with_right(line, buf, &left, &right, style);
    }
    if !app.zoom {
        super::scrollbar(area, buf, theme, total, rows, app.list_offset);
    }
}

/// Section and date of a headline, those that are present.
fn meta(article: &Article) -> String {
    let day = article.published.as_deref().map(document::day);
    let parts = article.section.as_deref().into_iter().chain(day);
    text::one_line(&parts.collect::<Vec<_>>().join(" · ")).into_owned()
}
