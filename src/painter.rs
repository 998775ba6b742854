//! Frames of the app as bytes for a terminal: draws the `App` into a ratatui `Buffer` (the
//! code `--render` uses) and hands it to the [`Presenter`], telling it when the only change
//! was a full-width reader scrolling, so the terminal can move those rows itself.
//!
//! The terminal loop writes what this returns; the byte-budget tests count it and replay it
//! in a terminal emulator.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::app::App;
use crate::layout::{self, Pane};
use crate::present::{Presenter, Scroll};
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
            story: app.current,
            width: app.doc.width,
            scroll: app.scroll,
            rows: reader_rows(app),
        }
    }

    /// The scroll since the mark, when the same story at the same width moved within the
    /// same full-width rows.
    fn scroll(&self, app: &App) -> Option<Scroll> {
        let rows = reader_rows(app)?;
        let same = self.story == app.current && self.width == app.doc.width;
        let by = i32::try_from(app.scroll).ok()? - i32::try_from(self.scroll).ok()?;
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
    let reader = app.screen().reader.filter(|_| app.focus == Pane::Reader)?;
    let text = layout::inner(reader, !app.zoom);
    (app.help.is_none() && reader.x == 0 && reader.width == app.size.0 && text.height > 0)
        .then_some((text.y, text.y + text.height))
}

/// Turns app states into the bytes that show them.
#[derive(Debug)]
pub struct Painter {
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
            // The terminal loop writes nothing between frames but the restore sequence and a
            // repaint, which both begin with their own reset.
            presenter: Presenter::new().keeping_colours(),
            frame: Buffer::empty(Rect::default()),
            bytes: Vec::with_capacity(64 * 1024),
        }
    }

    /// The next frame repaints the whole screen (the terminal's contents are unknown).
    pub fn invalidate(&mut self) {
        self.presenter.invalidate();
    }

    /// The bytes that change the screen from the last frame to `app` (nothing when nothing
    /// changed). `since`, taken before the last actions, lets a scroll be sent as one.
    pub fn paint(&mut self, app: &App, theme: &Theme, since: Option<&Mark>) -> &[u8] {
        let area = Rect::new(0, 0, app.size.0, app.size.1);
        if self.frame.area != area {
            self.frame.resize(area);
        }
        self.frame.reset();
        View { app, theme }.render(area, &mut self.frame);
        let scroll = since.and_then(|mark| mark.scroll(app));
        self.bytes.clear();
        // The presenter keeps this frame as the one shown and hands back the one before, to
        // draw the next frame into: no copy of the screen per key.
        let frame = std::mem::take(&mut self.frame);
        self.frame = self.presenter.present_owned(frame, scroll, &mut self.bytes);
        &self.bytes
    }
}
