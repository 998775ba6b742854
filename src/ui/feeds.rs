//! The feed list, over the panes: a subscription a line, failing ones first and marked,
//! with its unread and stored stories before its name and how many times it failed after.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Clear, Widget};

use super::{Theme, row_with_right};
use crate::app::{App, FeedRow, RowKind};
use crate::text;

pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some((rows, selected, offset)) = app.feed_list() else {
        return;
    };
    if area.width < 3 || area.height < 3 {
        return;
    }
    Clear.render(area, buf);
    // A feed under two tags is one feed failing.
    let mut failing: Vec<&str> = rows
        .iter()
        .filter(|r| r.failure.is_some())
        .map(|r| r.url.as_str())
        .collect();
    failing.sort_unstable();
    failing.dedup();
    let failing = failing.len();
    let mut title = format!(" Feeds {}/{} ", selected + 1, rows.len());
    if app.feed_order() != crate::app::FeedOrder::Name {
        title = format!("{}· by {} ", title, app.feed_order().name());
    }
    if failing > 0 {
        title = format!("{}· {failing} failing ", title);
    }
    if app.feeds_unread_only() {
        title.push_str("· with unread ");
    }
    let block = super::border::Border::new(
        theme.glyphs.border,
        theme.border_focused,
        Span::styled(title, theme.pane_title),
    );
    (&block).render(area, buf);
    let inner = crate::layout::inner(area, true);
    let height = app.feed_list_height().min(usize::from(inner.height));
    let counts_width = rows
        .iter()
        .map(|r| text::width(&counts_of(r)))
        .max()
        .unwrap_or(0);
    for (i, row) in rows.iter().enumerate().skip(offset).take(height) {
        let line = Rect {
            y: inner.y + u16::try_from(i - offset).unwrap_or(0),
            height: 1,
            ..inner
        };
        render_row(theme, row, i == selected, line, buf, counts_width);
    }
    if rows.len() > height {
        super::scrollbar(area, buf, theme, rows.len(), height, offset);
    }
    // The selected feed in full on the last line: its address, and why it failed.
    if let Some(row) = rows.get(selected)
        && height < usize::from(inner.height)
    {
        let line = Rect {
            y: inner.bottom() - 1,
            height: 1,
            ..inner
        };
        let about = match row.kind {
            RowKind::Feed => text::one_line(&text::printable(&row.url)).into_owned(),
            RowKind::Tag => format!("the feeds tagged {}", text::one_line(&row.name)),
            RowKind::Query => format!("query: {}", text::one_line(&row.url)),
        };
        let mut spans = vec![Span::styled(format!(" {about}"), theme.dim)];
        if let Some(failure) = &row.failure {
            spans.push(Span::styled(
                format!(" · {}", text::one_line(failure)),
                theme.warning,
            ));
        }
        row_with_right(line, buf, &spans, &[], theme.body);
    }
}

/// One feed: a mark, its unread and stored stories (a column as wide as the widest), its
/// name, and how many times it failed or that it was never fetched.
fn render_row(
    theme: &Theme,
    row: &FeedRow,
    selected: bool,
    line: Rect,
    buf: &mut Buffer,
    counts_width: usize,
) {
    let base = if selected { theme.selected } else { theme.body };
    let ascii = theme.glyphs.ascii;
    let (mark, mark_style) = match (&row.kind, &row.failure, row.new) {
        (RowKind::Tag, ..) => (if ascii { "+ " } else { "▾ " }, theme.pane_title),
        (RowKind::Query, ..) => (if ascii { "? " } else { "⌕ " }, theme.pane_title),
        (_, Some(_), _) => (if ascii { "x " } else { "✗ " }, theme.warning),
        (_, None, true) => (if ascii { ". " } else { "· " }, theme.dim),
        (_, None, false) => ("  ", base),
    };
    // A feed under a tag's folder is set in under it.
    let indent = if row.folder.is_some() { "  " } else { "" };
    let counts = counts_of(row);
    let pad = " ".repeat(counts_width.saturating_sub(text::width(&counts)));
    let name_style = if row.kind == RowKind::Feed {
        base
    } else {
        base.patch(theme.pane_title)
    };
    let mut left = vec![
        Span::styled(" ", base),
        Span::styled(format!("{pad}{counts}  "), base.patch(theme.dim)),
        Span::styled(indent, base),
        Span::styled(mark, base.patch(mark_style)),
        Span::styled(text::one_line(&row.name).into_owned(), name_style),
    ];
    if row.kind == RowKind::Tag && row.failures > 0 {
        left.push(Span::styled(
            format!("  {} failing", row.failures),
            base.patch(theme.warning),
        ));
    } else if row.failure.is_some() {
        let times = if ascii { "x" } else { "×" };
        left.push(Span::styled(
            format!("  failed {}{times}", row.failures),
            base.patch(theme.warning),
        ));
    } else if row.new {
        left.push(Span::styled("  not fetched yet", base.patch(theme.dim)));
    }
    row_with_right(line, buf, &left, &[], base);
}

/// A feed's unread and stored stories, as the list shows them (`-` before its first fetch).
pub(crate) fn counts_of(row: &FeedRow) -> String {
    if row.new {
        "-".to_owned()
    } else {
        format!("{}/{}", row.unread, row.stories)
    }
}
