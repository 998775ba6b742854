//! The title bar (bundle, pane, position, warnings) and the status bar (the focused pane's
//! most useful keys).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;

use super::{Theme, row_with_right};
use crate::app::App;
use crate::layout::Pane;
use crate::text;

pub fn render_title(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let mut left = vec![Span::styled(
        format!(" {}", text::visible(&app.bundle.title)),
        theme.bar_accent,
    )];
    if app.screen().single {
        left.push(Span::styled(format!(" · {}", app.focus.name()), theme.bar));
    }
    let total = app.bundle.articles.len();
    let position = if total == 0 { 0 } else { app.current + 1 };
    let mut right = vec![Span::styled(format!(" {position}/{total} "), theme.bar)];
    let warnings = app.bundle.warnings.len();
    if warnings > 0 {
        let noun = if warnings == 1 { "warning" } else { "warnings" };
        right.push(Span::styled(
            format!(" ⚠ {warnings} {noun} "),
            theme.warning,
        ));
    }
    row_with_right(area, buf, &left, &right, theme.bar);
}

pub fn render_status(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let hints: &[(&str, &str)] = if app.help.is_some() {
        &[("j/k", "scroll"), ("?/Esc", "close help"), ("C-c", "quit")]
    } else {
        match app.focus {
            Pane::Headlines => &[
                ("j/k", "move"),
                ("Enter", "read"),
                ("Tab", "pane"),
                ("?", "help"),
                ("q", "quit"),
            ],
            Pane::Reader => &[
                ("j/k", "scroll"),
                ("Space/b", "page"),
                ("1-9", "related"),
                ("h", "back"),
                ("Tab", "pane"),
                ("?", "help"),
                ("q", "quit"),
            ],
            Pane::Related => &[
                ("j/k", "move"),
                ("Enter", "open"),
                ("1-9", "open"),
                ("⌫", "back"),
                ("Tab", "pane"),
                ("?", "help"),
                ("q", "quit"),
            ],
        }
    };
    buf.set_style(area, theme.bar);
    // Whole hints only: drop the last ones rather than cut a word in half.
    let mut x = area.x;
    let end = area.x.saturating_add(area.width);
    for (key, what) in hints {
        let width = u16::try_from(text::width(key) + text::width(what) + 2).unwrap_or(u16::MAX);
        if x.saturating_add(width) > end {
            break;
        }
        buf.set_string(x + 1, area.y, key, theme.bar_accent);
        let after = x + 1 + u16::try_from(text::width(key)).unwrap_or(0);
        buf.set_string(after, area.y, format!(" {what}"), theme.bar);
        x = x.saturating_add(width + 1);
    }
}
