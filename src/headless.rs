//! `--render`: the frame a person would see, as text, without a terminal.
//!
//! Builds the same `App` the terminal loop builds, feeds it the keys through the same key
//! table, draws one frame with ratatui's `TestBackend` and turns the buffer into exactly ROWS
//! lines of exactly COLS columns. Nothing here reads the clock or the environment.

use std::fmt::Write as _;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::style::{Color, Modifier, Style};

use crate::action::AppEvent;
use crate::app::App;
use crate::bundle::Bundle;
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
        if let Some(action) = app.keymap().action_in(app.find().editing, key) {
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
    render_rows(buf, false)
}

/// The buffer as text with ANSI SGR styles, reset at the end of every line.
pub fn to_ansi(buf: &Buffer) -> String {
    render_rows(buf, true)
}

fn render_rows(buf: &Buffer, color: bool) -> String {
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
            if color {
                let style = cell.style();
                if style != current {
                    out.push_str(&sgr(style));
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
        if color && current != Style::default() {
            out.push_str("\x1b[0m");
        }
        out.push('\n');
    }
    out
}

/// The SGR sequence that switches from any style to `style`.
fn sgr(style: Style) -> String {
    let mut codes = vec!["0".to_owned()];
    let m = style.add_modifier;
    for (flag, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::REVERSED, "7"),
        (Modifier::CROSSED_OUT, "9"),
    ] {
        if m.contains(flag) {
            codes.push(code.to_owned());
        }
    }
    if let Some(c) = style.fg.and_then(|c| color_code(c, false)) {
        codes.push(c);
    }
    if let Some(c) = style.bg.and_then(|c| color_code(c, true)) {
        codes.push(c);
    }
    let mut out = String::from("\x1b[");
    let _ = write!(out, "{}m", codes.join(";"));
    out
}

fn color_code(color: Color, background: bool) -> Option<String> {
    let base = if background { 40 } else { 30 };
    let named = |n: u8| Some((base + n).to_string());
    let bright = |n: u8| Some((base + 60 + n).to_string());
    match color {
        Color::Reset => None,
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => bright(0),
        Color::LightRed => bright(1),
        Color::LightGreen => bright(2),
        Color::LightYellow => bright(3),
        Color::LightBlue => bright(4),
        Color::LightMagenta => bright(5),
        Color::LightCyan => bright(6),
        Color::White => bright(7),
        Color::Indexed(i) => Some(format!("{};5;{i}", base + 8)),
        Color::Rgb(r, g, b) => Some(format!("{};2;{r};{g};{b}", base + 8)),
    }
}
