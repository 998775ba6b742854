//! A frame's rows as runs: the cells side by side that share a style and a link, with the
//! columns they take (a wide character takes two).

use ratatui::buffer::Buffer;
use ratatui::style::Style;

use crate::present::Link;

/// Cells side by side with one style and one link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// The first column, from 0.
    pub x: u16,
    /// Columns taken (a wide character counts two).
    pub width: u16,
    pub text: String,
    pub style: Style,
    /// The address the cells link to (OSC 8), when they are a link.
    pub link: Option<String>,
}

/// Every row of `buf` as runs covering it from the first column to the last.
pub fn rows(buf: &Buffer, links: &[Link]) -> Vec<Vec<Run>> {
    let area = buf.area;
    let mut out = Vec::with_capacity(usize::from(area.height));
    for y in area.top()..area.bottom() {
        let mut runs: Vec<Run> = Vec::new();
        let mut x = area.left();
        while x < area.right() {
            let Some(cell) = buf.cell((x, y)) else {
                break;
            };
            let symbol = cell.symbol();
            let width = crate::text::width(symbol);
            // A cell holding nothing visible still takes its column; a wide character's
            // second column belongs to it.
            let (text, cols) = if width == 0 {
                (" ", 1u16)
            } else {
                let cols = u16::try_from(width).unwrap_or(1).min(area.right() - x);
                (symbol, cols.max(1))
            };
            let style = cell.style();
            let link = links
                .iter()
                .find(|l| l.row == y && l.cols.contains(&x))
                .map(|l| l.url.clone());
            match runs.last_mut() {
                Some(run) if run.style == style && run.link == link => {
                    run.text.push_str(text);
                    run.width += cols;
                }
                _ => runs.push(Run {
                    x,
                    width: cols,
                    text: text.to_owned(),
                    style,
                    link,
                }),
            }
            x += cols;
        }
        out.push(runs);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Modifier};

    #[test]
    fn runs_split_where_the_style_or_link_changes() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        buf.set_string(0, 0, "ab漢c", Style::new().fg(Color::Red));
        buf.set_string(5, 0, "de", Style::new().add_modifier(Modifier::BOLD));
        let links = [Link {
            row: 0,
            cols: 6..7,
            url: "https://example.org/".into(),
        }];
        let rows = rows(&buf, &links);
        let runs = &rows[0];
        let shown: Vec<(u16, u16, &str, bool)> = runs
            .iter()
            .map(|r| (r.x, r.width, r.text.as_str(), r.link.is_some()))
            .collect();
        assert_eq!(
            shown,
            vec![
                (0, 5, "ab漢c", false),
                (5, 1, "d", false),
                (6, 1, "e", true),
                (7, 3, "   ", false)
            ]
        );
        assert_eq!(runs.iter().map(|r| r.width).sum::<u16>(), 10);
    }
}
