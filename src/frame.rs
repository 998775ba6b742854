//! A frame as a test or another program sees it: the cells ratatui drew, where the cursor
//! belongs, what each pane is, which cells are links, and what was pressed since the frame
//! before. It prints itself as plain text (its `Display`), ANSI text, JSON (see
//! `docs/frames.md`), SVG and HTML, all from the same cells.

mod html;
mod json;
mod palette;
mod runs;
mod svg;

use std::fmt;

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use crate::app::App;
use crate::headless;
use crate::layout::Pane;
use crate::present::Link;

pub use json::{SCHEMA_VERSION, document as json_document};
pub use runs::Run;

/// The formats `--render` prints a frame in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Exactly ROWS lines of exactly COLS columns, no styles.
    #[default]
    Text,
    /// Text with ANSI colours and styles (what `--color` gives).
    Ansi,
    /// Rows of styled runs, the cursor and the panes (`docs/frames.md`).
    Json,
    /// A picture of the terminal.
    Svg,
    /// The frame as a `<pre>` page.
    Html,
}

/// Where the cursor is in a frame, and whether the terminal shows it there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub x: u16,
    pub y: u16,
    pub visible: bool,
}

/// A part of the screen: a bar, a pane or what covers them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// `title`, `headlines`, `reader`, `related`, `status`, `feeds`, `help` or `notice`.
    pub name: &'static str,
    pub area: Rect,
    /// Whether keys act on it.
    pub focused: bool,
}

/// One frame of the reader.
#[derive(Debug, Clone)]
pub struct Frame {
    buffer: Buffer,
    cursor: Option<Cursor>,
    regions: Vec<Region>,
    links: Vec<Link>,
    keys: String,
    bytes: Option<usize>,
}

impl Frame {
    /// `app` drawn with `theme`; `keys` names what was pressed since the frame before, and
    /// `cursor_shown` whether the terminal shows its cursor (the `cursor` setting).
    pub fn of(app: &App, theme: &crate::ui::Theme, keys: &str, cursor_shown: bool) -> Frame {
        let buffer = headless::draw(app, theme);
        let cursor = crate::ui::cursor::position(app).map(|Position { x, y }| Cursor {
            x,
            y,
            visible: cursor_shown,
        });
        Frame {
            buffer,
            cursor,
            regions: regions(app),
            links: crate::painter::links(app),
            keys: keys.to_owned(),
            bytes: None,
        }
    }

    /// The frame noting how many bytes the terminal was sent for it.
    pub fn with_bytes(mut self, bytes: usize) -> Frame {
        self.bytes = Some(bytes);
        self
    }

    /// Columns and rows.
    pub fn size(&self) -> (u16, u16) {
        (self.buffer.area.width, self.buffer.area.height)
    }

    /// The cells, as ratatui drew them.
    pub fn buffer(&self) -> &Buffer {
        &self.buffer
    }

    /// The cell at column `x`, row `y` (from 0).
    pub fn cell(&self, x: u16, y: u16) -> Option<&Cell> {
        self.buffer.cell((x, y))
    }

    /// The style of the cell at column `x`, row `y`.
    pub fn style(&self, x: u16, y: u16) -> Option<Style> {
        self.cell(x, y).map(Cell::style)
    }

    /// Row `y` as text, as wide as the frame.
    pub fn row(&self, y: u16) -> Option<String> {
        self.text().lines().nth(usize::from(y)).map(str::to_owned)
    }

    /// Where `text` first appears (its first cell), reading rows top to bottom.
    pub fn find(&self, text: &str) -> Option<Position> {
        self.rows().iter().enumerate().find_map(|(y, runs)| {
            let mut line = String::new();
            let mut columns = Vec::new();
            for run in runs {
                let mut x = run.x;
                for g in
                    unicode_segmentation::UnicodeSegmentation::graphemes(run.text.as_str(), true)
                {
                    columns.extend(std::iter::repeat_n(x, g.len()));
                    line.push_str(g);
                    x += u16::try_from(crate::text::width(g).max(1)).unwrap_or(1);
                }
            }
            let at = line.find(text)?;
            Some(Position::new(*columns.get(at)?, u16::try_from(y).ok()?))
        })
    }

    /// Where the cursor belongs and whether it shows; `None` when the screen is too small.
    pub fn cursor(&self) -> Option<Cursor> {
        self.cursor
    }

    /// The bars and panes of the frame, in drawing order.
    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    /// The reader's cells that are hyperlinks, and their addresses.
    pub fn links(&self) -> &[Link] {
        &self.links
    }

    /// What was pressed since the frame before, as the script named it.
    pub fn keys(&self) -> &str {
        &self.keys
    }

    /// Bytes the terminal was sent for this frame, when counted.
    pub fn bytes(&self) -> Option<usize> {
        self.bytes
    }

    /// Each row as runs of cells with one style and link.
    pub fn rows(&self) -> Vec<Vec<Run>> {
        runs::rows(&self.buffer, &self.links)
    }

    /// Exactly ROWS lines of exactly COLS columns, as `--render` prints.
    pub fn text(&self) -> String {
        headless::to_text(&self.buffer)
    }

    /// The text with ANSI SGR colours and styles.
    pub fn ansi(&self) -> String {
        headless::to_ansi(&self.buffer)
    }

    /// The frame as JSON (one frame of [`json_document`]).
    pub fn json(&self) -> serde_json::Value {
        json::frame(self)
    }

    /// A picture of the frame.
    pub fn svg(&self) -> String {
        svg::document(std::slice::from_ref(self))
    }

    /// The frame as an HTML page.
    pub fn html(&self) -> String {
        html::document(std::slice::from_ref(self))
    }
}

impl fmt::Display for Frame {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

/// Frames in `format`, one after another: text and ANSI frames after a line naming each
/// (when there are several), JSON as one document, SVG as one picture, HTML as one page.
pub fn write_all(frames: &[Frame], format: Format) -> String {
    match format {
        Format::Text | Format::Ansi => {
            let one = frames.len() == 1;
            let mut out = String::new();
            for (n, frame) in frames.iter().enumerate() {
                if !one {
                    out.push_str(&heading(n, frames.len(), frame.keys()));
                }
                out.push_str(&match format {
                    Format::Ansi => frame.ansi(),
                    _ => frame.text(),
                });
            }
            out
        }
        Format::Json => json::to_text(&json::document(frames)),
        Format::Svg => svg::document(frames),
        Format::Html => html::document(frames),
    }
}

/// The line before each frame of several: `--- frame 2/3 after: j j ---`.
pub fn heading(n: usize, of: usize, keys: &str) -> String {
    let keys = crate::text::printable(keys);
    if keys.is_empty() {
        format!("--- frame {}/{of} ---\n", n + 1)
    } else {
        format!("--- frame {}/{of} after: {keys} ---\n", n + 1)
    }
}

/// The regions of `app`'s frame.
fn regions(app: &App) -> Vec<Region> {
    let screen = app.screen();
    let (cols, rows) = app.size();
    if screen.too_small {
        let area = Rect::new(0, 0, cols, rows);
        return vec![Region {
            name: "notice",
            area,
            focused: false,
        }];
    }
    let overlay = app.feed_list().is_some() || app.help_scroll().is_some();
    let mut out = vec![Region {
        name: "title",
        area: screen.title,
        focused: false,
    }];
    for pane in [Pane::Headlines, Pane::Reader, Pane::Related] {
        if let Some(area) = screen.pane(pane) {
            out.push(Region {
                name: match pane {
                    Pane::Headlines => "headlines",
                    Pane::Reader => "reader",
                    Pane::Related => "related",
                },
                area,
                focused: !overlay && app.focus() == pane,
            });
        }
    }
    out.push(Region {
        name: "status",
        area: screen.status,
        focused: false,
    });
    if app.feed_list().is_some() {
        let top = screen.title.bottom();
        out.push(Region {
            name: "feeds",
            area: Rect::new(0, top, cols, screen.status.y.saturating_sub(top)),
            focused: app.help_scroll().is_none(),
        });
    }
    if app.help_scroll().is_some() {
        let area = crate::layout::help_area(cols, rows, crate::layout::help_lines(app.keymap()));
        out.push(Region {
            name: "help",
            area,
            focused: true,
        });
    }
    out
}
