//! The help overlay: every key from the one key table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Widget};

use super::Theme;
use crate::app::{help_area, help_lines};
use crate::keys::BINDINGS;
use crate::text;

pub fn render(theme: &Theme, scroll: usize, area: Rect, buf: &mut Buffer) {
    let popup = help_area(area.width, area.height);
    if popup.width < 3 || popup.height < 3 {
        return;
    }
    let rows = usize::from(popup.height - 2);
    let more = help_lines() > rows;
    let hint = if more {
        " j/k more · Esc close "
    } else {
        " ? or Esc to close "
    };
    let popup = Rect {
        x: popup.x + area.x,
        y: popup.y + area.y,
        ..popup
    };
    Clear.render(popup, buf);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border_focused)
        .title(Span::styled(" Keys ", theme.pane_title))
        .title_bottom(Line::styled(hint, theme.dim).right_aligned());
    let inner = block.inner(popup);
    block.render(popup, buf);
    let rows = BINDINGS.iter().filter(|b| !b.label.is_empty());
    let label_width = rows
        .clone()
        .map(|b| text::width(b.label))
        .max()
        .unwrap_or(0);
    for (row, binding) in rows
        .skip(scroll)
        .take(usize::from(inner.height))
        .enumerate()
    {
        let pad = label_width - text::width(binding.label);
        let line = Line::from(vec![
            Span::styled(format!(" {}{} ", binding.label, " ".repeat(pad)), theme.key),
            Span::styled(format!(" {}", binding.help), theme.body),
        ]);
        let y = inner.y + u16::try_from(row).unwrap_or(0);
        buf.set_line(inner.x, y, &line, inner.width);
    }
}
