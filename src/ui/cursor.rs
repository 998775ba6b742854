//! Where the terminal's cursor belongs in a frame: on the focused row of the focused pane
//! (the selected headline, related story or feed, the reader's top line), or at the end of
//! what is being typed. Screen readers, braille displays and tmux's copy mode follow the
//! cursor, so it marks what a sighted reader sees highlighted. Like drawing, a function of
//! `&App` alone.

use ratatui::layout::{Position, Rect};

use crate::app::App;
use crate::layout::{self, Pane};

/// The cell the cursor goes to in the frame of `app`, or `None` when the terminal is too
/// small to show the panes.
pub fn position(app: &App) -> Option<Position> {
    let screen = app.screen();
    if screen.too_small {
        return None;
    }
    if let Some((label, typed)) = super::bars::prompt(app) {
        let area = screen.status;
        let (_, end) = super::bars::typed_shown(area, &label, &typed);
        let last = area.right().saturating_sub(1);
        return Some(Position::new(end.min(last), area.y));
    }
    let (cols, rows) = app.size();
    if app.help_scroll().is_some() {
        let popup = layout::help_area(cols, rows, layout::help_lines(app.keymap()));
        if popup.width >= 3 && popup.height >= 3 {
            return Some(Position::new(popup.x + 1, popup.y + 1));
        }
    }
    if let Some((_, selected, offset)) = app.feed_list() {
        // The feed list covers the rows between the bars, inside its border.
        let top = screen.title.bottom();
        let body = Rect::new(0, top, cols, screen.status.y.saturating_sub(top));
        if body.width >= 3 && body.height >= 3 {
            let inner = layout::inner(body, true);
            return Some(row_in(inner, selected.saturating_sub(offset)));
        }
    }
    let framed = !app.zoom();
    match app.focus() {
        Pane::Headlines => {
            let inner = layout::inner(screen.headlines?, framed);
            let at = app.list().partition_point(|&i| i < app.selected());
            Some(row_in(inner, at.saturating_sub(app.list_offset())))
        }
        Pane::Related => {
            let inner = layout::inner(screen.related?, framed);
            let at = app.related_selected();
            Some(row_in(inner, at.saturating_sub(app.related_offset())))
        }
        Pane::Reader => {
            let text = layout::reader_text(screen.reader?, framed, app.measure());
            Some(row_in(text, 0))
        }
    }
}

/// The first column of row `row` of `area`, kept inside it.
fn row_in(area: Rect, row: usize) -> Position {
    let last = area.height.saturating_sub(1);
    let row = u16::try_from(row).unwrap_or(u16::MAX).min(last);
    Position::new(area.x, area.y.saturating_add(row))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::sample;
    use crate::headless;
    use crate::keys::parse_keys;
    use crate::ui::Theme;

    fn after(keys: &str) -> (Option<Position>, ratatui::buffer::Buffer) {
        let mut app = App::new(sample().expect("sample"), 80, 24);
        headless::press(&mut app, &parse_keys(keys).expect("keys"));
        (position(&app), headless::draw(&app, &Theme::COLOR))
    }

    /// The text of the row the cursor is on, from the cursor's column.
    fn at_cursor(keys: &str) -> String {
        let (Some(at), buf) = after(keys) else {
            return String::from("(none)");
        };
        (at.x..buf.area.width)
            .filter_map(|x| buf.cell((x, at.y)).map(|c| c.symbol().to_owned()))
            .collect::<String>()
            .trim_end()
            .to_owned()
    }

    #[test]
    fn the_cursor_follows_the_selection() {
        let first = after("").0.expect("a cursor");
        let second = after("j").0.expect("a cursor");
        assert_eq!(second.y, first.y + 1);
        assert_eq!(second.x, first.x);
        // It sits on the selected headline, whose row is drawn in the selected style.
        let (at, buf) = after("j");
        let at = at.expect("a cursor");
        let style = buf.cell((at.x + 2, at.y)).map(|c| c.style());
        assert_eq!(style.and_then(|s| s.bg), Theme::COLOR.selected.bg);
    }

    #[test]
    fn the_cursor_ends_what_is_typed() {
        let typed = after(r#"/ "net""#).0.expect("a cursor");
        assert_eq!(typed.y, 23);
        assert_eq!(typed.x, 4);
        assert!(at_cursor(r#"/ "net""#).is_empty());
    }

    #[test]
    fn the_cursor_is_on_the_reader_top_line_when_it_has_focus() {
        let line = at_cursor("Tab");
        assert!(!line.is_empty() && !line.starts_with('│'), "{line:?}");
        let (at, _) = after("Tab");
        let headline = after("").0.expect("a cursor");
        assert!(at.expect("a cursor").x > headline.x);
    }

    #[test]
    fn no_cursor_when_the_screen_is_too_small() {
        let app = App::new(sample().expect("sample"), 10, 3);
        assert_eq!(position(&app), None);
    }
}
