//! The reader pane: the visible slice of the laid-out story, a scrollbar and the position.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::{Theme, frame_pane, pane_block};
use crate::app::App;
use crate::document::Role;
use crate::layout::{self, Pane};
use crate::text::width as text_width;

pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let text = layout::reader_text(area, !app.zoom(), app.measure());
    let rows = usize::from(text.height);
    let total = app.doc().total();
    // A search or a filter can hide the story shown: the list then has no `›`, so say so.
    let mut title = if app.article().is_some() && super::bars::open_position(app).is_none() {
        " Reader · not in the list ".to_owned()
    } else {
        " Reader ".to_owned()
    };
    // The tags given to the story by hand (`t`), where they can be seen while reading.
    let tags: Vec<&String> = app.own_tags(app.current()).collect();
    if app.article().is_some() && !tags.is_empty() {
        // Kept tags come from files other programs can write: cleaned as all screen text.
        let line = crate::text::clean(&crate::app::tag_line(tags));
        let room = usize::from(area.width.saturating_sub(4)).saturating_sub(text_width(&title));
        title.push_str(&crate::text::truncate(&format!("· tags: {line} "), room));
    }
    let block = pane_block(app, theme, Pane::Reader, title).bottom_right(
        Line::styled(
            format!(" {} ", position(app.scroll(), rows, total)),
            theme.dim,
        )
        .right_aligned(),
    );
    frame_pane(app, block, area, buf);
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
    let doc = app.doc();
    let first = app.scroll();
    let last = first.saturating_add(rows).min(doc.line_count());
    for (row, index) in (first..last).enumerate() {
        let y = text.y + u16::try_from(row).unwrap_or(0);
        let mut x = text.x;
        // What the search matches on this line, in characters of the whole line.
        let hits: Vec<std::ops::Range<usize>> = match &app.find().query {
            Some(query) => {
                let mut whole = String::new();
                doc.each_span(index, |span, _| whole.push_str(span));
                query.all(&whole).collect()
            }
            None => Vec::new(),
        };
        let mut from = 0;
        doc.each_span(index, |span, role| {
            let shown = match role {
                Role::Marker => theme.glyphs.marker(span),
                _ => std::borrow::Cow::Borrowed(span),
            };
            let shown = shown.as_ref();
            let style = theme.role(role);
            if hits.is_empty() {
                x = super::put_span(buf, x, y, shown, text.right().saturating_sub(x), style);
                return;
            }
            for (piece, hit) in super::split_at_ranges(shown, from, &hits) {
                let room = text.right().saturating_sub(x);
                let style = if hit {
                    style.patch(theme.matched)
                } else {
                    style
                };
                x = super::put_span(buf, x, y, piece, room, style);
            }
            from += span.chars().count();
        });
    }
    if !app.zoom() {
        super::scrollbar(area, buf, theme, total, rows, app.scroll());
    }
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

    #[test]
    fn the_fast_path_writes_what_ratatui_writes() {
        use ratatui::buffer::Buffer;
        use ratatui::layout::Rect;
        use ratatui::style::{Color, Style};
        let style = Style::new().fg(Color::Red);
        for text in [
            "Việt Nam - Hàn Quốc “5 sao”…",
            "soft\u{ad}hyphen",
            "ơư đĐ ẠỹỸ –—‘’",
            "│ ▣ • ♪",
            "日本 👍🏽 e\u{301}",
        ] {
            for room in [0u16, 1, 5, 12, 40] {
                let area = Rect::new(0, 0, 40, 1);
                let (mut ours, mut theirs) = (Buffer::empty(area), Buffer::empty(area));
                let end = crate::ui::put_span(&mut ours, 2, 0, text, room.min(38), style);
                let (their_end, _) =
                    theirs.set_stringn(2, 0, text, usize::from(room.min(38)), style);
                assert_eq!(ours, theirs, "{text:?} in {room}");
                assert_eq!(end, their_end, "{text:?} in {room}");
            }
        }
    }
}
