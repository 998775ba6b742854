//! `--render`: the frame a person would see, as text, without a terminal.
//!
//! Builds the same `App` the terminal loop builds, feeds it the keys through the same key
//! table, draws one frame with ratatui's `TestBackend` and turns the buffer into exactly ROWS
//! lines of exactly COLS columns. Nothing here reads the clock or the environment.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::style::Style;

use crate::action::AppEvent;
use crate::app::App;
use crate::bundle::Bundle;
use crate::present;
use crate::ui::{Theme, View};

/// The frame after `keys`, drawn at `cols` x `rows`. Keys after one that quits are ignored.
///
/// A long story is laid out to its end first, as the terminal does while no key is waiting,
/// so the scrollbar is exact and the frame does not depend on timing.
pub fn frame(bundle: Bundle, cols: u16, rows: u16, keys: &[KeyEvent]) -> Buffer {
    frame_with(bundle, cols, rows, keys, &Theme::COLOR)
}

/// [`frame`] drawn with `theme` (its glyphs show in the text; its styles with `to_ansi`).
pub fn frame_with(
    bundle: Bundle,
    cols: u16,
    rows: u16,
    keys: &[KeyEvent],
    theme: &Theme,
) -> Buffer {
    let mut app = App::new(bundle, cols, rows);
    press(&mut app, keys);
    draw(&app, theme)
}

/// Presses `keys` (those after one that quits are ignored), then lays out the rest of a long
/// story, as the terminal does while no key is waiting.
pub fn press(app: &mut App, keys: &[KeyEvent]) {
    for &key in keys {
        if let Some(action) = app.keymap().action_in(app.typing(), key) {
            app.update(action);
        }
        if !app.running() {
            break;
        }
    }
    while app.busy() {
        app.update(AppEvent::Idle);
    }
}

/// Draws `app` into a buffer of its size through a `TestBackend` terminal.
pub fn draw(app: &App, theme: &Theme) -> Buffer {
    let (cols, rows) = app.size();
    // TestBackend cannot be made to fail; an error here would be a bug in ratatui.
    let mut terminal = match Terminal::new(TestBackend::new(cols, rows)) {
        Ok(t) => t,
        Err(e) => match e {},
    };
    let drawn = terminal.draw(|f| f.render_widget(View { app, theme }, f.area()));
    match drawn {
        Ok(_) => terminal.backend().buffer().clone(),
        Err(e) => match e {},
    }
}

/// The buffer as plain text: one line per row, each `width` columns, wide characters once.
pub fn to_text(buf: &Buffer) -> String {
    render_rows(buf, Styles::Left)
}

/// The buffer as text with ANSI SGR styles, reset at the end of every line.
pub fn to_ansi(buf: &Buffer) -> String {
    render_rows(buf, Styles::Written)
}

/// Whether the text carries the cells' styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Styles {
    Left,
    /// As SGR sequences, by the presenter's encoder, each after a reset.
    Written,
}

fn render_rows(buf: &Buffer, styles: Styles) -> String {
    let area = buf.area;
    let mut out = String::with_capacity(usize::from(area.width + 1) * usize::from(area.height));
    for y in area.top()..area.bottom() {
        let mut current = Style::default();
        let mut skip = 0usize;
        for x in area.left()..area.right() {
            let Some(cell) = buf.cell((x, y)) else {
                continue;
            };
            if skip > 0 {
                skip -= 1;
                continue;
            }
            if styles == Styles::Written {
                let style = cell.style();
                if style != current {
                    out.push_str(&present::reset_then(style));
                    current = style;
                }
            }
            let symbol = cell.symbol();
            let width = crate::text::width(symbol);
            if width == 0 {
                // A cell holding nothing visible still takes its column.
                out.push(' ');
            } else {
                out.push_str(symbol);
                skip = width - 1;
            }
        }
        if styles == Styles::Written && current != Style::default() {
            out.push_str(&present::reset_then(Style::default()));
        }
        out.push('\n');
    }
    out
}
