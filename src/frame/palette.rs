//! Colours by name (for JSON) and as the RGB a picture of the terminal draws them in (for
//! SVG and HTML), with one dark terminal palette for the sixteen ANSI colours.

use ratatui::style::{Color, Modifier, Style};

/// The background and text of cells in the default colours.
pub const BACKGROUND: &str = "#1e1e1e";
pub const FOREGROUND: &str = "#d4d4d4";

/// The sixteen ANSI colours, in their order.
const ANSI: [&str; 16] = [
    "#000000", "#cd3131", "#0dbc79", "#e5e510", "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
    "#666666", "#f14c4c", "#23d18b", "#f5f543", "#3b8eea", "#d670d6", "#29b8db", "#ffffff",
];

const NAMES: [&str; 8] = [
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
];

/// The ANSI number of a named colour.
fn ansi(color: Color) -> Option<usize> {
    Some(match color {
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        _ => return None,
    })
}

/// The colour as JSON names it: `default`, an ANSI name (`red`, `bright-red`), `index:N`
/// for the 256-colour palette, `#rrggbb`.
pub fn name(color: Option<Color>) -> String {
    let color = color.unwrap_or(Color::Reset);
    if let Some(n) = ansi(color) {
        return match NAMES.get(n) {
            Some(name) => (*name).to_owned(),
            None => format!("bright-{}", NAMES[n - 8]),
        };
    }
    match color {
        Color::Indexed(n) => format!("index:{n}"),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        _ => "default".to_owned(),
    }
}

/// The RGB a colour is drawn in; `None` for the default.
fn rgb(color: Option<Color>) -> Option<String> {
    let color = color?;
    if let Some(n) = ansi(color) {
        return Some(ANSI[n].to_owned());
    }
    match color {
        Color::Indexed(n) if n < 16 => Some(ANSI[usize::from(n)].to_owned()),
        Color::Indexed(n) if n < 232 => {
            // The 6x6x6 cube of the 256-colour palette.
            let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
            let n = n - 16;
            Some(format!(
                "#{:02x}{:02x}{:02x}",
                level(n / 36),
                level((n / 6) % 6),
                level(n % 6)
            ))
        }
        Color::Indexed(n) => {
            let v = 8 + 10 * (n - 232);
            Some(format!("#{v:02x}{v:02x}{v:02x}"))
        }
        Color::Rgb(r, g, b) => Some(format!("#{r:02x}{g:02x}{b:02x}")),
        _ => None,
    }
}

/// The colours a cell of `style` is drawn in, text then background, reversal applied.
pub fn drawn(style: Style) -> (String, String) {
    let fg = rgb(style.fg).unwrap_or_else(|| FOREGROUND.to_owned());
    let bg = rgb(style.bg).unwrap_or_else(|| BACKGROUND.to_owned());
    if style.add_modifier.contains(Modifier::REVERSED) {
        (bg, fg)
    } else {
        (fg, bg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_colours() {
        assert_eq!(name(None), "default");
        assert_eq!(name(Some(Color::Reset)), "default");
        assert_eq!(name(Some(Color::Cyan)), "cyan");
        assert_eq!(name(Some(Color::DarkGray)), "bright-black");
        assert_eq!(name(Some(Color::White)), "bright-white");
        assert_eq!(name(Some(Color::Indexed(200))), "index:200");
        assert_eq!(name(Some(Color::Rgb(1, 2, 255))), "#0102ff");
        assert_eq!(rgb(Some(Color::Indexed(16))).as_deref(), Some("#000000"));
        assert_eq!(rgb(Some(Color::Indexed(231))).as_deref(), Some("#ffffff"));
        assert_eq!(rgb(Some(Color::Indexed(255))).as_deref(), Some("#eeeeee"));
        let reversed = Style::new().add_modifier(Modifier::REVERSED);
        assert_eq!(
            drawn(reversed),
            (BACKGROUND.to_owned(), FOREGROUND.to_owned())
        );
    }
}
