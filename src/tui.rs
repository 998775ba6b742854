//! The interactive terminal: raw mode and the alternate screen, entered only after loading;
//! a loop that blocks on input, updates the app and draws through the byte-frugal
//! [`Presenter`]; and a terminal that is always given back as it was: on quit, on an error
//! (EIO after a hang-up ends the loop, it never spins), on a panic, on SIGHUP, SIGTERM and
//! SIGINT, and around a suspend (Ctrl-z, SIGTSTP).

mod decode;
mod input;
mod signals;

use std::fs::File;
use std::io::{self, Write};
use std::os::fd::AsFd;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEventKind;
use ratatui::crossterm::terminal;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::action::Action;
use crate::app::App;
use crate::bundle::Bundle;
use crate::keys;
use crate::layout::{self, Pane};
use crate::present::{Presenter, Scroll};
use crate::ui::{Theme, View};
use input::{Event, Input};
use signals::{Request, Signals};

/// Taking the terminal: the alternate screen (the shell's screen is kept as it was) and no
/// cursor.
const ENTER: &[u8] = b"\x1b[?1049h\x1b[?25l";

/// Giving it back, whatever state a frame or a signal left it in: default colours, the whole
/// screen as scroll region, synchronized output closed, mouse reports and bracketed paste
/// off, cursor shown, the main screen back.
pub const RESTORE: &[u8] =
    b"\x1b[m\x1b[r\x1b[?2026l\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?2004l\x1b[?25h\x1b[?1049l";

/// Whether the terminal is ours (raw, alternate screen) and needs restoring.
static TAKEN: AtomicBool = AtomicBool::new(false);

/// How the loop ended.
enum End {
    Quit,
    Signal(i32),
    Closed,
}

/// Runs the reader until the user quits. A signal that ends it ends the process too, by that
/// signal, once the terminal is restored.
pub fn run(bundle: Bundle, theme: &Theme) -> io::Result<()> {
    let mut input = Input::open(Signals::catch()?)?;
    let (cols, rows) = terminal::size()?;
    let mut app = App::new(bundle, cols, rows);
    let mut term = Term::enter()?;
    let result = event_loop(&mut app, theme, &mut term, &mut input);
    restore();
    match result? {
        End::Quit => Ok(()),
        End::Signal(signal) => signals::die_of(signal),
        End::Closed => Err(io::Error::new(
            io::ErrorKind::BrokenPipe,
            "the terminal went away",
        )),
    }
}

fn event_loop(app: &mut App, theme: &Theme, term: &mut Term, input: &mut Input) -> io::Result<End> {
    term.draw(app, theme, None)?;
    while app.running {
        // A long story is laid out a millisecond at a time while nothing is waiting; the
        // frame is drawn again once it is complete, for the exact scrollbar.
        let event = input.next(!app.busy())?;
        let before = Before::of(app);
        match event {
            Event::Nothing => {
                app.update(Action::Idle);
                if !app.busy() {
                    term.draw(app, theme, None)?;
                }
                continue;
            }
            Event::Closed => return Ok(End::Closed),
            Event::Signal(Request::End(signal)) => return Ok(End::Signal(signal)),
            Event::Signal(Request::Suspend) => term.suspend(&input.signals)?,
            Event::Signal(Request::Repaint) => term.resume()?,
            Event::Signal(Request::Resize) => {}
            Event::Key(key) => match keys::action_for(key) {
                _ if key.kind == KeyEventKind::Release => continue,
                Some(Action::Suspend) => term.suspend(&input.signals)?,
                Some(action) => app.update(action),
                None => continue,
            },
        }
        // The size is read after every event: a resize during a suspend sends no signal to
        // a stopped process. One ioctl.
        let (cols, rows) = terminal::size().unwrap_or(app.size);
        if (cols, rows) != app.size {
            app.update(Action::Resize(cols, rows));
        }
        if app.running {
            term.draw(app, theme, before.scroll(app))?;
        }
    }
    Ok(End::Quit)
}

/// What the reader showed before a key, to tell the presenter when the key only scrolled a
/// full-width reader (so the terminal can move the rows itself).
struct Before {
    story: usize,
    width: usize,
    scroll: usize,
    rows: Option<(u16, u16)>,
}

impl Before {
    fn of(app: &App) -> Self {
        Before {
            story: app.current,
            width: app.doc.width,
            scroll: app.scroll,
            rows: reader_rows(app),
        }
    }

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
    let screen = app.screen();
    let reader = screen.reader.filter(|_| app.focus == Pane::Reader)?;
    let text = layout::inner(reader);
    (app.help.is_none() && reader.x == 0 && reader.width == app.size.0 && text.height > 0)
        .then_some((text.y, text.y + text.height))
}

/// The terminal while the reader has it.
struct Term {
    /// Standard output without Rust's line buffering: a frame leaves in one `write`.
    out: File,
    presenter: Presenter,
    frame: Buffer,
    bytes: Vec<u8>,
}

impl Term {
    fn enter() -> io::Result<Self> {
        install_panic_hook();
        let out = File::from(io::stdout().as_fd().try_clone_to_owned()?);
        let mut term = Term {
            out,
            presenter: Presenter::new(),
            frame: Buffer::empty(Rect::default()),
            bytes: Vec::with_capacity(64 * 1024),
        };
        term.resume()?;
        Ok(term)
    }

    /// Takes the terminal (again): raw mode, alternate screen, and a full repaint next.
    fn resume(&mut self) -> io::Result<()> {
        terminal::enable_raw_mode()?;
        TAKEN.store(true, Ordering::SeqCst);
        self.presenter.invalidate();
        self.out.write_all(ENTER)
    }

    /// Gives the terminal back, stops until the shell continues newsterm, and takes it
    /// again.
    fn suspend(&mut self, signals: &Signals) -> io::Result<()> {
        restore();
        signals::stop();
        signals.clear_repaint();
        self.resume()
    }

    /// Draws the app and sends what changed in one write.
    fn draw(&mut self, app: &App, theme: &Theme, scroll: Option<Scroll>) -> io::Result<()> {
        let area = Rect::new(0, 0, app.size.0, app.size.1);
        if self.frame.area != area {
            self.frame.resize(area);
        }
        self.frame.reset();
        View { app, theme }.render(area, &mut self.frame);
        self.bytes.clear();
        self.presenter.present(&self.frame, scroll, &mut self.bytes);
        if !self.bytes.is_empty() {
            self.out.write_all(&self.bytes)?;
        }
        Ok(())
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        restore();
    }
}

/// Puts the terminal back (see [`RESTORE`]) and leaves raw mode, once: safe to call from
/// anywhere, any number of times.
fn restore() {
    if TAKEN.swap(false, Ordering::SeqCst) {
        let mut out = io::stdout();
        let _ = out.write_all(RESTORE);
        let _ = out.flush();
        let _ = terminal::disable_raw_mode();
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}
