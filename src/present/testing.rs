//! Helpers the presenter's tests share.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::Scroll;

/// Rows of text in default colours, in a buffer as wide as the widest row.
pub(super) fn lines(rows: &[&str]) -> Buffer {
    use unicode_width::UnicodeWidthStr;
    let width = rows.iter().map(|r| r.width()).max().unwrap_or(0) as u16;
    let mut buf = Buffer::empty(Rect::new(0, 0, width, rows.len() as u16));
    for (y, r) in rows.iter().enumerate() {
        buf.set_string(0, y as u16, r, Style::default());
    }
    buf
}

/// A scroll hint.
pub(super) fn hint(top: u16, bottom: u16, by: i32) -> Scroll {
    Scroll { top, bottom, by }
}
