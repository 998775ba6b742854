//! The headline list: one story a line, with its section and date when there is room.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;

use super::{Theme, frame_pane, pane_block, row_with_right};
use crate::app::{App, Filter};
use crate::bundle::Article;
use crate::document;
use crate::layout::Pane;
use crate::text;

pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let all = app.bundle().articles.len();
    let total = app.list().len();
    // The cursor's place is in the title (the title bar leaves it out while this border
    // shows it): a move rewrites one number just above the rows that change.
    let at = super::bars::cursor_position(app);
    let name = match app.filter() {
        Filter::All => "Headlines",
        Filter::Unread => "Unread",
        Filter::Starred => "Starred",
    };
    let title = if total == all {
        format!(" {name} {at}/{all} ")
    } else {
        format!(" {name} {at}/{total} of {all} ")
    };
    let none = if app.find().active() {
        " No story matches."
    } else {
        match app.filter() {
            Filter::All => " No stories in this bundle.",
            Filter::Unread => " No unread stories.",
            Filter::Starred => " No starred stories.",
        }
    };
    let block = pane_block(app, theme, Pane::Headlines, title);
    let inner = frame_pane(app, block, area, buf);
    if total == 0 {
        let row = Rect {
            height: inner.height.min(1),
            ..inner
        };
        row_with_right(row, buf, &[Span::styled(none, theme.dim)], &[], theme.body);
        return;
    }
    let rows = usize::from(inner.height);
    for (row, &index) in app
        .list()
        .iter()
        .skip(app.list_offset())
        .take(rows)
        .enumerate()
    {
        let line = Rect {
            y: inner.y + u16::try_from(row).unwrap_or(0),
            height: 1,
            ..inner
        };
        render_row(app, theme, index, line, buf);
    }
    if !app.zoom() {
        super::scrollbar(area, buf, theme, total, rows, app.list_offset());
    }
}

/// One headline: the marks for the story in the reader and for starred or unread, the title,
/// and its section and date on the right when there is room.
fn render_row(app: &App, theme: &Theme, index: usize, line: Rect, buf: &mut Buffer) {
    let article = &app.bundle().articles[index];
    let unread = !app.is_read(index);
    let style = if index == app.selected() {
        if app.focus() == Pane::Headlines {
            theme.selected
        } else {
            theme.selected_idle
        }
    } else {
        theme.body
    };
    // Unread stories stand out by weight as well as by their mark.
    let style = if unread {
        style.patch(theme.unread)
    } else {
        style
    };
    let meta = meta(app, article, usize::from(line.width) / 3);
    // Section and date only when they leave the title at least two thirds of the row.
    let show_meta = !meta.is_empty() && text::width(&meta) + 2 <= usize::from(line.width) / 3;
    let dim = style.patch(theme.dim);
    let right = [
        Span::styled(" ", dim),
        Span::styled(meta.as_str(), dim),
        Span::styled(" ", dim),
    ];
    let right = if show_meta { &right[..] } else { &[] };
    // The cursor is a highlighted row; the marker is the story in the reader.
    let marker = if index == app.current() {
        theme.glyphs.selected
    } else {
        ' '
    };
    // Then one column for starred (first) or unread.
    let flag = if app.is_starred(index) {
        '*'
    } else if unread {
        theme.glyphs.unread
    } else {
        ' '
    };
    let title = text::one_line(&article.title);
    let mut marks = [0; 8];
    let marker_len = marker.encode_utf8(&mut marks).len();
    let flag_len = flag.encode_utf8(&mut marks[marker_len..]).len();
    let marks = std::str::from_utf8(&marks[..marker_len + flag_len]).unwrap_or("  ");
    let mark = Span::styled(marks, style);
    // Without a search the title is one span: no list of spans made for every row.
    if app.find().query.is_none() {
        row_with_right(
            line,
            buf,
            &[mark, Span::styled(&*title, style)],
            right,
            style,
        );
    } else {
        let mut left = vec![mark];
        left.extend(super::highlighted(app, theme, &title, style));
        row_with_right(line, buf, &left, right, style);
    }
}

/// Section and date of a headline, those that are present.
/// What the right of a headline shows: its section and its day; or, when stories from
/// several sources are mixed (newest first), the name of its source, cut to fit `room`.
fn meta(app: &App, article: &Article, room: usize) -> String {
    let origins = &app.bundle().origins;
    if origins.len() > 1 {
        let name = origins
            .get(usize::from(article.origin))
            .map_or("", |o| o.name.as_str());
        let name = text::one_line(name);
        return text::truncate(&name, room.saturating_sub(2)).into_owned();
    }
    let day = article.published.as_deref().map(document::day);
    let mut meta = String::with_capacity(64);
    for part in article.section.as_deref().into_iter().chain(day) {
        if !meta.is_empty() {
            meta.push_str(" · ");
        }
        meta.push_str(part);
    }
    match text::one_line(&meta) {
        std::borrow::Cow::Borrowed(_) => meta,
        std::borrow::Cow::Owned(line) => line,
    }
}
