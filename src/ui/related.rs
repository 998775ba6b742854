//! The related-stories panel: the reader's story's related stories, numbered for `1`-`9`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;

use super::{Theme, frame_pane, pane_block, row_with_right};
use crate::app::App;
use crate::layout::Pane;
use crate::text;

pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let related = app.related_list();
    // The cursor is the highlighted row and its place is in the title, as in the headline
    // list: `›` marks only the story in the reader.
    let title = if related.is_empty() {
        " Related ".to_owned()
    } else {
        format!(" Related {}/{} ", app.related_selected() + 1, related.len())
    };
    let inner = frame_pane(app, pane_block(app, theme, Pane::Related, title), area, buf);
    if related.is_empty() {
        let row = Rect {
            height: inner.height.min(1),
            ..inner
        };
        row_with_right(
            row,
            buf,
            &[Span::styled(
                if app.finding_related() {
                    " Finding related stories…"
                } else {
                    " No related stories."
                },
                theme.dim,
            )],
            &[],
            theme.body,
        );
        return;
    }
    let digits = related.len().to_string().len();
    let rows = usize::from(inner.height);
    for (row, (n, &story)) in related
        .iter()
        .enumerate()
        .skip(app.related_offset())
        .take(rows)
        .enumerate()
    {
        let focused = app.focus() == Pane::Related;
        // Unfocused, the selection stays visible but quiet, as in the headline list.
        let style = match (n == app.related_selected(), focused) {
            (true, true) => theme.selected,
            (true, false) => theme.selected_idle,
            _ => theme.body,
        };
        let number_style = if n == app.related_selected() {
            style
        } else {
            theme.number
        };
        let line = Rect {
            y: inner.y + u16::try_from(row).unwrap_or(0),
            height: 1,
            ..inner
        };
        let title = app
            .bundle()
            .articles
            .get(story)
            .map_or(Default::default(), |a| text::one_line(&a.title));
        let left = [
            Span::styled(format!(" {:>digits$} ", n + 1), number_style),
            Span::styled(title, style),
        ];
        // Worked out rather than given: the words the stories share, when there is room.
        let right: Vec<Span> = match app.related_why(n) {
            Some(why) if !why.is_empty() && text::width(why) + 4 <= usize::from(line.width) / 3 => {
                vec![Span::styled(format!(" {why} "), style.patch(theme.dim))]
            }
            _ => Vec::new(),
        };
        row_with_right(line, buf, &left, &right, style);
    }
    if !app.zoom() {
        super::scrollbar(area, buf, theme, related.len(), rows, app.related_offset());
    }
}
