//! The help overlay: every key from the one key table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::Theme;
use crate::app::App;
use crate::layout::{help_area, help_lines};
use crate::text;

pub fn render(app: &App, theme: &Theme, scroll: usize, area: Rect, buf: &mut Buffer) {
    let lines = help_lines(app.keymap());
    let popup = help_area(area.width, area.height, lines);
    if popup.width < 3 || popup.height < 3 {
        return;
    }
    let rows = usize::from(popup.height - 2);
    let more_below = scroll + rows < lines;
    let room = usize::from(popup.width).saturating_sub(2);
    let hint = [
        if more_below {
            " j/k more · Esc close "
        } else {
            " ? or Esc to close "
        },
        if more_below { " j/k more " } else { " Esc " },
    ]
    .into_iter()
    .find(|h| text::width(h) <= room)
    .unwrap_or_default();
    let popup = Rect {
        x: popup.x + area.x,
        y: popup.y + area.y,
        ..popup
    };
    Clear.render(popup, buf);
    let block = Block::bordered()
        .border_set(theme.glyphs.border)
        .border_style(theme.border_focused)
        .title(Span::styled(
            match app.keymap().preset {
                Some(preset) => format!(" Keys · {preset} preset "),
                None => " Keys ".to_owned(),
            },
            theme.pane_title,
        ))
        .title_bottom(Line::styled(hint, theme.dim).right_aligned());
    let inner = block.inner(popup);
    block.render(popup, buf);
    let bindings = app.keymap().shown();
    let label_width = bindings
        .clone()
        .map(|b| text::width(&b.label))
        .max()
        .unwrap_or(0);
    let width = usize::from(inner.width);
    for (row, binding) in bindings
        .skip(scroll)
        .take(usize::from(inner.height))
        .enumerate()
    {
        let pad = " ".repeat(label_width - text::width(&binding.label));
        let label = format!(" {}{pad} ", binding.label);
        let label = text::truncate(&label, width);
        let help = text::truncate(binding.help, width.saturating_sub(text::width(&label) + 1));
        let line = Line::from(vec![
            Span::styled(label, theme.key),
            Span::styled(format!(" {help}"), theme.body),
        ]);
        let y = inner.y + u16::try_from(row).unwrap_or(0);
        buf.set_line(inner.x, y, &line, inner.width);
    }
}
