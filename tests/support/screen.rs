//! The presenter's side of the tests: a [`Term`] that presents buffers into the `vt100`
//! terminal emulator, and [`screen_matches`], the check that a screen shows a buffer exactly.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::style::{Color, Modifier};

use newsterm::headless;
use newsterm::present::{Presenter, Scroll};

/// A presenter writing into an emulated terminal of the buffers' size.
pub struct Term {
    /// The emulated terminal, fed every byte presented.
    pub parser: vt100::Parser,
    pub presenter: Presenter,
}

/// A terminal size for `vt100`, which has at least one row and column.
pub fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n.max(1)).expect("at least 1")
}

impl Term {
    pub fn new(width: u16, height: u16) -> Self {
        Term {
            parser: vt100::Parser::new(nonzero(height), nonzero(width), 0),
            presenter: Presenter::new(),
        }
    }

    /// Presents `buf`, replays the bytes, and checks the screen shows `buf`. Returns the bytes.
    pub fn show(&mut self, buf: &Buffer, scroll: Option<Scroll>) -> Vec<u8> {
        let (rows, cols) = self.parser.screen().size();
        if (rows.get(), cols.get()) != (buf.area.height, buf.area.width) {
            // The terminal was resized: the caller invalidates, as newsterm does.
            self.parser
                .set_size(nonzero(buf.area.height), nonzero(buf.area.width));
            self.presenter.invalidate();
        }
        let mut out = Vec::new();
        self.presenter.present(buf, scroll, &mut out);
        self.parser.process(&out);
        if let Err(e) = screen_matches(self.parser.screen(), buf) {
            panic!(
                "{e}\nbytes: {:?}\nwant:\n{}\ngot:\n{}",
                String::from_utf8_lossy(&out),
                headless::to_text(buf),
                self.parser.screen().contents()
            );
        }
        out
    }
}

/// The `vt100` colour a ratatui colour is sent as.
fn vt_color(color: Color) -> vt100::Color {
    let named = |i| vt100::Color::Idx(i);
    match color {
        Color::Reset => vt100::Color::Default,
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => named(8),
        Color::LightRed => named(9),
        Color::LightGreen => named(10),
        Color::LightYellow => named(11),
        Color::LightBlue => named(12),
        Color::LightMagenta => named(13),
        Color::LightCyan => named(14),
        Color::White => named(15),
        Color::Indexed(i) => named(i),
        Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
    }
}

/// Every cell of the screen as `buf` means it: a wide symbol takes its cell and hides the
/// next; a symbol that cannot be shown there is a blank in its style.
pub fn screen_matches(screen: &vt100::Screen, buf: &Buffer) -> Result<(), String> {
    let (width, height) = (buf.area.width, buf.area.height);
    for y in 0..height {
        let mut x = 0;
        while x < width {
            let cell = &buf[(x, y)];
            let symbol = cell.symbol();
            let printable = !symbol.chars().any(char::is_control);
            let w = if printable { symbol.cell_width() } else { 0 };
            let (want, w) = if w == 0 || x + w > width {
                (" ", 1)
            } else {
                (symbol, w)
            };
            let got = screen
                .cell(y, x)
                .ok_or_else(|| format!("no cell at row {y} column {x}"))?;
            let got_text = if got.contents().is_empty() {
                " "
            } else {
                got.contents()
            };
            let at = format!("row {y} column {x}");
            if got_text != want {
                return Err(format!("{at}: want {want:?}, got {got_text:?}"));
            }
            if (w == 2) != got.is_wide() {
                return Err(format!("{at}: {want:?} should be {w} wide"));
            }
            let m = cell.modifier;
            let attrs = [
                (
                    "fg",
                    format!("{:?}", vt_color(cell.fg)),
                    format!("{:?}", got.fgcolor()),
                ),
                (
                    "bg",
                    format!("{:?}", vt_color(cell.bg)),
                    format!("{:?}", got.bgcolor()),
                ),
                (
                    "bold",
                    m.contains(Modifier::BOLD).to_string(),
                    got.bold().to_string(),
                ),
                (
                    "italic",
                    m.contains(Modifier::ITALIC).to_string(),
                    got.italic().to_string(),
                ),
                (
                    "underline",
                    m.contains(Modifier::UNDERLINED).to_string(),
                    got.underline().to_string(),
                ),
                (
                    "inverse",
                    m.contains(Modifier::REVERSED).to_string(),
                    got.inverse().to_string(),
                ),
            ];
            for (name, want, got) in attrs {
                if want != got {
                    return Err(format!("{at} ({symbol:?}): {name} want {want}, got {got}"));
                }
            }
            x += w;
        }
    }
    Ok(())
}
