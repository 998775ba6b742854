//! The interactive terminal: raw mode and the alternate screen, entered only after loading;
//! a loop that blocks on input, updates the app and draws through the byte-frugal
//! [`Presenter`]; and a terminal that is always given back as it was: on quit, on an error
//! (EIO after a hang-up ends the loop, it never spins), on a panic, on SIGHUP, SIGTERM and
//! SIGINT, and around a suspend (Ctrl-z, SIGTSTP).

mod decode;
mod input;
mod launch;
mod signals;

use std::fs::File;
use std::io::{self, Write};
use std::os::fd::AsFd;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::crossterm::event::KeyEventKind;
use ratatui::crossterm::terminal;

use crate::action::{Action, AppEvent, WheelTurn};
use crate::app::{App, Effect, Outcome, osc52};
use crate::bundle::Bundle;
use crate::keymap::Keymap;
use crate::painter::{Mark, Painter};
use crate::state::{Memory, SharedFile, StateFile};
use crate::ui::Theme;
use decode::MouseDid;
use input::{Event, Input};
use launch::Player;
use signals::{Request, Signals};
use std::time::Instant;

/// Taking the terminal: the alternate screen (the shell's screen is kept as it was), no
/// cursor, bracketed paste.
const ENTER: &[u8] = b"\x1b[?1049h\x1b[?25l\x1b[?2004h";

/// Mouse clicks and wheel as SGR reports (unless `--no-mouse`: then the terminal's own
/// selection works without Shift).
const MOUSE_ON: &[u8] = b"\x1b[?1000h\x1b[?1006h";

/// The longest a frame waits for keys that keep coming before it is drawn anyway.
const FRAME_HELD_AT_MOST: std::time::Duration = std::time::Duration::from_millis(50);

/// Two presses on the same cell within this are a double click.
const DOUBLE_CLICK: std::time::Duration = std::time::Duration::from_millis(400);

/// Giving it back, whatever state a frame or a signal left it in: default colours, the whole
/// screen as scroll region, the cursor on the bottom row, synchronized output closed, mouse
/// reports and bracketed paste off, cursor shown, the main screen back.
///
/// The alternate screen is erased (`CSI 2 J`) and the cursor goes to the bottom row (`CSI
/// 999;1 H`, clamped) because tmux 3.3 copies rows of the alternate screen into the main one
/// when it is left after a resize: with the cursor near the top, the frame's top rows; after
/// the window grew, as many of its rows as it grew by (found by hand: resize, then `q`, left
/// frame rows above or behind the shell prompt; `less` and `vim` left nothing). `CSI r`
/// homes the cursor, so it comes before the move.
pub const RESTORE: &[u8] =
    b"\x1b[m\x1b[r\x1b[2J\x1b[999;1H\x1b[?2026l\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?2004l\x1b[?25h\x1b[?1049l";

/// Whether the terminal is ours (raw, alternate screen) and needs restoring.
static TAKEN: AtomicBool = AtomicBool::new(false);

/// How the loop ended.
enum End {
    Quit,
    Signal(i32),
    Closed,
}

/// How the reader starts, as the command line and the environment say.
#[derive(Debug)]
pub struct Setup {
    pub theme: Theme,
    /// A first message for the status bar.
    pub notice: Option<String>,
    /// Where the reading state is kept (`None`: nowhere), and what it holds.
    pub state: Option<StateFile>,
    pub memory: Memory,
    /// Whether the mouse is reported (clicks, wheel).
    pub mouse: bool,
    /// Whether links are written as hyperlinks (OSC 8).
    pub hyperlinks: bool,
    pub keymap: Keymap,
    /// How wide the reader's lines may be, and where they sit in a wider pane.
    pub measure: crate::layout::Measure,
    /// The command that plays audio, if the user chose one.
    pub player: Option<String>,
    /// What the stories were read from, to read again at `r` (none: the sample).
    pub sources: Vec<String>,
    pub fetch: crate::fetch::Options,
}

/// Why `r` does nothing when a source was standard input.
const STDIN_ONCE: &str = "standard input cannot be read again: nothing reloaded";

/// Reads the sources again for `r`.
struct Sources {
    sources: Vec<String>,
    fetch: crate::fetch::Options,
}

impl Sources {
    /// The stories as they are now, or why not (the reader keeps what it has). A source
    /// that fails while others open is told too.
    fn read(&self) -> Outcome {
        if self.sources.is_empty() {
            return match crate::bundle::sample() {
                Ok(bundle) => Outcome::Reloaded {
                    bundle: Box::new(bundle),
                    failed: None,
                },
                Err(e) => Outcome::ReloadFailed(e),
            };
        }
        // What came on standard input was read to its end once; reading it again would only
        // find nothing and call the stories empty.
        if self.sources.iter().any(|s| s == "-") {
            return Outcome::Notice(STDIN_ONCE.into());
        }
        let crate::feed::Opened { bundle, failed, .. } =
            crate::feed::open_all(&self.sources, &self.fetch, &mut |_| {});
        let mut failed = failed.into_iter();
        match (bundle, failed.next()) {
            (Some(bundle), failed) => Outcome::Reloaded {
                bundle: Box::new(bundle),
                failed,
            },
            (None, Some(error)) => Outcome::ReloadFailed(error),
            // Not reached with sources given: each one opens or fails.
            (None, None) => Outcome::Notice("nothing to reload".into()),
        }
    }
}

/// Runs the reader until the user quits. A signal that ends it ends the process too, by that
/// signal, once the terminal is restored.
pub fn run(bundle: Bundle, setup: Setup) -> io::Result<()> {
    let mut input = Input::open(Signals::catch()?)?;
    let (cols, rows) = terminal::size()?;
    let mut app = App::new(bundle, cols, rows)
        .with_measure(setup.measure)
        .with_memory(setup.memory)
        .with_keymap(setup.keymap);
    if let Some(notice) = setup.notice {
        app.apply(Outcome::Notice(notice));
    }
    let mut saver = Saver {
        file: setup.state.map(SharedFile::new),
    };
    let theme = &setup.theme;
    let mut term = Term::enter(setup.mouse, setup.player)?;
    if !setup.hyperlinks {
        term.painter = Painter::new().without_hyperlinks();
    }
    let sources = Sources {
        sources: setup.sources,
        fetch: setup.fetch,
    };
    let result = event_loop(&mut app, theme, &mut term, &mut input, &mut saver, &sources);
    // Whatever ended the loop (a key, a signal, a hang-up, an error), the state is kept
    // first; only then is the terminal given back.
    app.remember_place();
    saver.save_within(&mut app, true);
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

/// Writes the state after every change, before the frame that shows it: what the screen shows
/// as done is on disk. Each save merges into the file what other readers of the bundle saved
/// meanwhile, and the App is given the result.
struct Saver {
    file: Option<SharedFile>,
}

impl Saver {
    fn save(&mut self, app: &mut App) {
        self.save_within(app, false);
    }

    /// `last`: the save at exit, which waits for the lock even after it was not had.
    fn save_within(&mut self, app: &mut App, last: bool) {
        let changes = app.take_unsaved();
        let Some(file) = &mut self.file else {
            return;
        };
        match file.save(app.memory(), changes, last) {
            Ok(saved) => {
                if let Some(memory) = saved.merged {
                    app.apply(Outcome::MemoryOnDisk(memory));
                }
                if let Some(warning) = saved.warning {
                    app.apply(Outcome::Notice(warning));
                }
            }
            // Said short: the status bar has room for little more.
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                app.apply(Outcome::SaveFailed(
                    "state not saved: its lock is held elsewhere; trying again at the next key"
                        .into(),
                ));
            }
            Err(e) => app.apply(Outcome::SaveFailed(format!(
                "cannot save the reading state to {}: {e}",
                crate::text::printable(&file.path().display().to_string())
            ))),
        }
    }

    /// After a quiet while: saves what an earlier save could not, or takes in what another
    /// reader of the bundle saved. Whether the App may have changed.
    fn look(&mut self, app: &mut App) -> bool {
        let Some(file) = &mut self.file else {
            return false;
        };
        if file.unsaved() {
            self.save(app);
            return true;
        }
        match file.look() {
            Some(memory) => {
                app.apply(Outcome::MemoryOnDisk(Box::new(memory)));
                true
            }
            None => false,
        }
    }
}

fn event_loop(
    app: &mut App,
    theme: &Theme,
    term: &mut Term,
    input: &mut Input,
    saver: &mut Saver,
    sources: &Sources,
) -> io::Result<End> {
    term.draw(app, theme)?;
    let mut last_click: Option<(Instant, u16, u16)> = None;
    // Since when the screen is behind the app: the frame is drawn once no key waits, or
    // when it has waited too long (a flood of keys still shows progress).
    let mut owed: Option<Instant> = None;
    while app.running() {
        if let Some(since) = owed
            && !(input.ready() && since.elapsed() < FRAME_HELD_AT_MOST)
        {
            term.draw(app, theme)?;
            owed = None;
        }
        // A long story is laid out a millisecond at a time while nothing is waiting; the
        // frame is drawn again once it is complete, for the exact scrollbar.
        // Work is done while no key is waiting: laying out a long story and searching (the
        // frame shows it), and preparing the related index (it does not).
        let event = input.next(!app.busy() && !app.preparing())?;
        match event {
            Event::Nothing => {
                let shown = app.busy();
                app.update(AppEvent::Idle);
                if shown && !app.busy() {
                    owed = owed.or_else(|| Some(Instant::now()));
                }
                continue;
            }
            Event::Quiet => {
                if saver.look(app) {
                    owed = owed.or_else(|| Some(Instant::now()));
                }
                continue;
            }
            Event::Closed => return Ok(End::Closed),
            Event::Signal(Request::End(signal)) => return Ok(End::Signal(signal)),
            Event::Signal(Request::Suspend) => term.suspend(&input.signals)?,
            Event::Signal(Request::Repaint) => term.resume()?,
            Event::Signal(Request::Resize) => {}
            Event::Signal(Request::Child) => {
                if term.player.ended() {
                    app.apply(Outcome::AudioEnded);
                }
            }
            Event::Mouse(mouse) => {
                let event = mouse_event(mouse, &mut last_click);
                if !app.typing() {
                    app.update(event);
                }
            }
            // A paste goes to the line being typed (search, link number), whole; elsewhere
            // it is not keys.
            Event::Paste(text) => {
                if app.typing() {
                    for c in text.chars() {
                        app.update(Action::Type(c));
                    }
                }
            }
            Event::Key(key) => match app.keymap().action_in(app.typing(), key) {
                _ if key.kind == KeyEventKind::Release => continue,
                Some(action) => app.update(action),
                None => continue,
            },
        }
        follow_size(app);
        saver.save(app);
        carry_out_effects(app, theme, term, input, saver, sources)?;
        owed = owed.or_else(|| Some(Instant::now()));
    }
    Ok(End::Quit)
}

/// What a mouse report asks of the app. The same cell clicked again within
/// [`DOUBLE_CLICK`] is a double click.
fn mouse_event(mouse: decode::Mouse, last_click: &mut Option<(Instant, u16, u16)>) -> AppEvent {
    let (col, row) = (mouse.col, mouse.row);
    match mouse.what {
        MouseDid::WheelUp => AppEvent::Wheel(col, row, WheelTurn::Up),
        MouseDid::WheelDown => AppEvent::Wheel(col, row, WheelTurn::Down),
        MouseDid::Press => {
            let now = Instant::now();
            let double = last_click.is_some_and(|(at, c, r)| {
                (c, r) == (col, row) && now.duration_since(at) < DOUBLE_CLICK
            });
            *last_click = (!double).then_some((now, col, row));
            if double {
                AppEvent::Activate(col, row)
            } else {
                AppEvent::Click(col, row)
            }
        }
    }
}

/// Does what the app asked for since the last event: suspending, reading the sources again,
/// and the effects [`Term`] carries out, telling the app how each turned out.
fn carry_out_effects(
    app: &mut App,
    theme: &Theme,
    term: &mut Term,
    input: &Input,
    saver: &mut Saver,
    sources: &Sources,
) -> io::Result<()> {
    for effect in app.take_effects() {
        if effect == Effect::Suspend {
            term.suspend(&input.signals)?;
            follow_size(app);
            saver.save(app);
            continue;
        }
        if effect == Effect::Reload {
            // Reading may take a while (the network): say so first.
            app.apply(Outcome::Reloading);
            term.draw(app, theme)?;
            app.apply(sources.read());
            saver.save(app);
            continue;
        }
        if let Err(e) = term.carry_out(&effect) {
            // A player that could not start plays nothing.
            app.apply(Outcome::EffectFailed {
                effect,
                error: format!("{e}"),
            });
        }
    }
    Ok(())
}

/// Tells the app the terminal's size if it changed. Read after every event and after a
/// suspend: a resize during a suspend sends no signal to a stopped process. One ioctl.
fn follow_size(app: &mut App) {
    let (cols, rows) = terminal::size().unwrap_or(app.size());
    if (cols, rows) != app.size() {
        app.update(AppEvent::Resize(cols, rows));
    }
}

/// The terminal while the reader has it.
struct Term {
    /// Standard output without Rust's line buffering: a frame leaves in one `write`.
    out: File,
    painter: Painter,
    /// What the screen shows, to tell a scroll from a new frame.
    shown: Option<Mark>,
    mouse: bool,
    /// The audio player, while it plays.
    player: Player,
}

impl Term {
    fn enter(mouse: bool, player_command: Option<String>) -> io::Result<Self> {
        install_panic_hook();
        let out = File::from(io::stdout().as_fd().try_clone_to_owned()?);
        let mut term = Term {
            out,
            painter: Painter::new(),
            shown: None,
            mouse,
            player: Player::new(player_command),
        };
        term.resume()?;
        Ok(term)
    }

    /// Takes the terminal (again): raw mode, alternate screen, and a full repaint next.
    fn resume(&mut self) -> io::Result<()> {
        terminal::enable_raw_mode()?;
        TAKEN.store(true, Ordering::SeqCst);
        self.painter.invalidate();
        self.out.write_all(ENTER)?;
        if self.mouse {
            self.out.write_all(MOUSE_ON)?;
        }
        Ok(())
    }

    /// Gives the terminal back, stops until the shell continues newsterm, and takes it
    /// again.
    fn suspend(&mut self, signals: &Signals) -> io::Result<()> {
        restore();
        signals::stop();
        signals.clear_repaint();
        self.resume()
    }

    /// Does what the app asked: opens a link with the browser (detached, never waited for:
    /// the shell that starts it returns at once) or copies it with OSC 52.
    fn carry_out(&mut self, effect: &Effect) -> io::Result<()> {
        match effect {
            Effect::Copy(text) => {
                let in_tmux = std::env::var_os("TMUX").is_some_and(|v| !v.is_empty());
                self.out.write_all(&osc52(text, in_tmux))
            }
            Effect::Open(url) => launch::open_in_browser(url, std::env::var("BROWSER").ok()),
            Effect::Play(url) => self.player.play(url),
            Effect::Stop => {
                self.player.stop();
                Ok(())
            }
            // The event loop reads the sources and suspends itself.
            Effect::Reload | Effect::Suspend => Ok(()),
        }
    }

    /// Draws the app and sends what changed in one write.
    fn draw(&mut self, app: &App, theme: &Theme) -> io::Result<()> {
        let bytes = self.painter.paint(app, theme, self.shown.as_ref());
        if !bytes.is_empty() {
            self.out.write_all(bytes)?;
        }
        self.shown = Some(Mark::of(app));
        Ok(())
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        // Audio stops with the reader.
        self.player.stop();
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

#[cfg(test)]
mod reload_tests {
    use super::*;

    #[test]
    fn standard_input_is_not_read_again() {
        let sources = Sources {
            sources: vec!["-".into()],
            fetch: crate::fetch::Options::default(),
        };
        match sources.read() {
            Outcome::Notice(text) => assert_eq!(text, STDIN_ONCE),
            other => panic!("expected a notice, got {other:?}"),
        }
    }
}

#[cfg(test)]
mod restore_tests {
    use super::RESTORE;

    /// The scroll region reset (which homes the cursor) comes first, then the cursor goes to
    /// the bottom row, and the main screen comes back last (see [`RESTORE`]).
    #[test]
    fn the_cursor_is_on_the_bottom_row_when_the_main_screen_comes_back() {
        let text = std::str::from_utf8(RESTORE).unwrap_or_default();
        let at = |s: &str| text.find(s).unwrap_or(usize::MAX);
        assert!(at("\x1b[r") < at("\x1b[999;1H"));
        assert!(
            at("\x1b[2J") < at("\x1b[?1049l"),
            "the alternate screen is erased"
        );
        assert!(at("\x1b[999;1H") < at("\x1b[?1049l"));
        assert!(text.ends_with("\x1b[?1049l"));
    }
}
