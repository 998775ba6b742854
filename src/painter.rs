//! Frames of the app as bytes for a terminal: draws the `App` into a ratatui `Buffer` (the
//! code `--render` uses) and hands it to the [`Presenter`], telling it when the only change
//! was a full-width reader scrolling, so the terminal can move those rows itself.
//!
//! With [`Painter::with_cursor`], every frame also leaves the terminal's cursor on the
//! focused row (`ui::cursor`), shown, for screen readers, braille displays and tmux's copy
//! mode.
//!
//! The terminal loop writes what this returns; the byte-budget tests count it and replay it
//! in a terminal emulator.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::app::App;
use crate::document::Role;
use crate::layout::{self, Pane};
use crate::present::{Link, Presenter, Scroll};
use crate::ui::{Theme, View};

/// What the reader showed, taken before an action, to tell afterwards whether the action
/// only scrolled it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    story: usize,
    width: usize,
    scroll: usize,
    rows: Option<(u16, u16)>,
}

impl Mark {
    pub fn of(app: &App) -> Self {
        Mark {
            story: app.current(),
            width: app.doc().width,
            scroll: app.scroll(),
            rows: reader_rows(app),
        }
    }

    /// The scroll since the mark, when the same story at the same width moved within the
    /// same full-width rows.
    fn scroll(&self, app: &App) -> Option<Scroll> {
        let rows = reader_rows(app)?;
        let same = self.story == app.current() && self.width == app.doc().width;
        let by = i32::try_from(app.scroll()).ok()? - i32::try_from(self.scroll).ok()?;
        (same && self.rows == Some(rows) && by != 0).then_some(Scroll {
            top: rows.0,
            bottom: rows.1,
            by,
        })
    }
}

/// The rows of the reader's text (between its borders) when they span the whole width and
/// nothing covers them.
fn reader_rows(app: &App) -> Option<(u16, u16)> {
    let reader = app
        .screen()
        .reader
        .filter(|_| app.focus() == Pane::Reader)?;
    let text = layout::inner(reader, !app.zoom());
    (app.help_scroll().is_none()
        && reader.x == 0
        && reader.width == app.size().0
        && text.height > 0)
        .then_some((text.y, text.y + text.height))
}

/// Turns app states into the bytes that show them.
#[derive(Debug)]
pub struct Painter {
    /// Whether links in the reader are written as hyperlinks (OSC 8).
    hyperlinks: bool,
    /// Whether the terminal's cursor is shown on the focused row.
    cursor: bool,
    presenter: Presenter,
    frame: Buffer,
    bytes: Vec<u8>,
}

impl Default for Painter {
    fn default() -> Self {
        Self::new()
    }
}

impl Painter {
    pub fn new() -> Self {
        Painter {
            hyperlinks: true,
            cursor: false,
            // The terminal loop writes nothing between frames but the restore sequence and a
            // repaint, which both begin with their own reset.
            presenter: Presenter::new().keeping_colours(),
            frame: Buffer::empty(Rect::default()),
            bytes: Vec::with_capacity(64 * 1024),
        }
    }

    /// Links in the reader as plain text (no OSC 8), for terminals that show its sequences.
    pub fn without_hyperlinks(mut self) -> Self {
        self.hyperlinks = false;
        self
    }

    /// The terminal's cursor shown on the focused row of the focused pane (or at the end of
    /// what is typed) after every frame, hidden when there is none.
    pub fn with_cursor(mut self) -> Self {
        self.cursor = true;
        self
    }

    /// For a terminal inside tmux: frames that scroll go without synchronized-output
    /// brackets ([`Presenter::scrolls_unbracketed`]).
    pub fn inside_tmux(mut self) -> Self {
        self.presenter = self.presenter.scrolls_unbracketed();
        self
    }

    /// The next frame repaints the whole screen (the terminal's contents are unknown).
    pub fn invalidate(&mut self) {
        self.presenter.invalidate();
    }

    /// The bytes that change the screen from the last frame to `app` (nothing when nothing
    /// changed). `since`, taken before the last actions, lets a scroll be sent as one.
    pub fn paint(&mut self, app: &App, theme: &Theme, since: Option<&Mark>) -> &[u8] {
        let area = Rect::new(0, 0, app.size().0, app.size().1);
        if self.frame.area != area {
            self.frame.resize(area);
        }
        self.frame.reset();
        View { app, theme }.render(area, &mut self.frame);
        let scroll = since.and_then(|mark| mark.scroll(app));
        if self.hyperlinks {
            self.presenter.set_links(links(app));
        }
        if self.cursor {
            self.presenter
                .place_cursor(crate::ui::cursor::position(app));
        }
        self.bytes.clear();
        // The presenter keeps this frame as the one shown and hands back the one before, to
        // draw the next frame into: no copy of the screen per key.
        let frame = std::mem::take(&mut self.frame);
        self.frame = self.presenter.present_owned(frame, scroll, &mut self.bytes);
        &self.bytes
    }
}

/// Where the reader shows links, and their addresses: the cells of each line's link text.
pub fn links(app: &App) -> Vec<Link> {
    let Some(reader) = app.screen().reader else {
        return Vec::new();
    };
    if app.help_scroll().is_some() {
        return Vec::new();
    }
    let text = layout::reader_text(reader, !app.zoom(), app.measure());
    let mut out = Vec::new();
    for row in 0..text.height {
        let line = app.scroll() + usize::from(row);
        let (Some(url), Some(shown)) = (
            app.doc().link_target(line).and_then(hyperlink_target),
            app.doc().line(line),
        ) else {
            continue;
        };
        let mut x = usize::from(text.x);
        for (span, role) in &shown.spans {
            let width = crate::text::width(span);
            if *role == Role::Link {
                let end = (x + width).min(usize::from(text.right()));
                let col = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
                out.push(Link {
                    row: text.y + row,
                    cols: col(x)..col(end),
                    url: url.clone(),
                });
            }
            x += width;
        }
    }
    out
}

/// The longest address written as a hyperlink: longer ones stay plain text, so a hostile
/// address cannot cost kilobytes on every line it wraps over.
const HYPERLINK_MOST: usize = 2048;

/// What an OSC 8 hyperlink may point at: web addresses only (a terminal opens a clicked
/// `file:` link), without control characters, at most [`HYPERLINK_MOST`] bytes, and with
/// every byte outside printable ASCII percent-encoded, as the sequence requires.
fn hyperlink_target(url: &str) -> Option<String> {
    if !crate::app::is_web_address(url) || url.len() > HYPERLINK_MOST {
        return None;
    }
    let mut out = String::with_capacity(url.len());
    for &b in url.as_bytes() {
        if (0x21..0x7f).contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::layout::{Align, Measure};
    use ratatui::style::Color;

    #[test]
    fn only_web_addresses_become_hyperlinks_encoded_and_capped() {
        assert_eq!(
            hyperlink_target("https://vi.example/tin tức").as_deref(),
            Some("https://vi.example/tin%20t%E1%BB%A9c")
        );
        for refused in [
            "file:///etc/passwd".to_owned(),
            "javascript:alert(1)".to_owned(),
            "data:text/html,x".to_owned(),
            "https://a.example/\nb".to_owned(),
            format!("https://a.example/{}", "x".repeat(HYPERLINK_MOST)),
        ] {
            assert_eq!(hyperlink_target(&refused), None, "{refused:?}");
        }
    }

    #[test]
    fn links_and_search_hits_land_on_the_measured_text() {
        let json = br#"{"newsterm": 1, "title": "T", "articles": [{"id": "a", "title": "Tin",
            "body": [{"type": "paragraph", "text": "Xem https://example.org/mot-duong-dan-dai-hon-sau-muoi-cot-nen-phai-xuong-dong?id=42 nhe."}]}]}"#;
        let bundle = crate::bundle::load("t.json", json).unwrap();
        let measure = Measure {
            columns: Some(60),
            align: Align::Centre,
        };
        let mut app = App::new(bundle, 200, 30).with_measure(measure);
        app.update(Action::Open);
        app.update(Action::Zoom);
        app.update(Action::Search);
        for c in "xem".chars() {
            app.update(Action::Type(c));
        }
        app.update(Action::Accept);
        app.update(Action::FocusNext);
        assert_eq!((app.focus(), app.zoom()), (Pane::Reader, true));
        let buf = crate::headless::draw(&app, &Theme::COLOR);
        // 200 columns less a column of padding each side leave 198; 60 of them in the middle.
        let left = 1 + (198 - 60) / 2;
        let shown = |row: u16, cols: std::ops::Range<u16>| -> String {
            cols.map(|x| buf[(x, row)].symbol()).collect()
        };
        let links = links(&app);
        assert_eq!(
            links.len(),
            2,
            "the listed address, over two lines: {links:?}"
        );
        for link in &links {
            let text = shown(link.row, link.cols.clone());
            assert!(!text.is_empty() && link.url.contains(&text), "{text:?}");
            assert!(
                link.cols.start >= left && link.cols.end <= left + 60,
                "{link:?}"
            );
        }
        // The address wraps under its own start (the links list hangs its lines).
        assert!(links[0].cols.start > left, "{links:?}");
        assert_eq!(links[1].cols.start, links[0].cols.start, "{links:?}");
        let hits: Vec<(u16, u16)> = (buf.area.top()..buf.area.bottom())
            .flat_map(|y| (0..200).map(move |x| (x, y)))
            .filter(|&(x, y)| buf[(x, y)].bg == Color::Yellow)
            .collect();
        let text: String = hits.iter().map(|&(x, y)| buf[(x, y)].symbol()).collect();
        assert_eq!(text, "Xem", "{hits:?}");
        assert_eq!(hits[0].0, left);
    }
}
