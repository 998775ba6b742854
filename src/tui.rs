//! The interactive terminal: raw mode and the alternate screen, entered only after loading;
//! a loop that blocks on input, updates the app and draws through the byte-frugal
//! [`Presenter`]; and a terminal that is always given back as it was: on quit, on an error
//! (EIO after a hang-up ends the loop, it never spins), on a panic, on every signal whose
//! default is to end the process (the loop's own, and faults such as SIGBUS in the handler),
//! and around a suspend (Ctrl-z, SIGTSTP).

pub(crate) mod clipboard;
mod decode;
mod faults;
mod input;
mod keeper;
mod launch;
pub mod reload;
mod signals;
mod whole;

use std::fs::File;
use std::io::{self, Write};
use std::os::fd::AsFd;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::crossterm::event::KeyEventKind;
use ratatui::crossterm::terminal;

use crate::action::{AppEvent, WheelTurn};
use crate::app::{App, Effect, Outcome};
use crate::bundle::Bundle;
use crate::keymap::Keymap;
use crate::painter::{Mark, Painter};
use crate::state::Memory;
use crate::ui::Theme;
use decode::MouseDid;
use input::{Event, Input};
pub use keeper::Keeper;
use launch::Player;
use reload::Reloader;
use signals::{Request, Signals};
use std::time::Instant;

/// Taking the terminal: the alternate screen (the shell's screen is kept as it was), no
/// cursor, bracketed paste. With the `cursor` setting, the first frame after it shows the
/// cursor where it belongs (the presenter forgets whether it is shown when invalidated).
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
    pub state: Option<Keeper>,
    pub memory: Memory,
    /// Whether the mouse is reported (clicks, wheel).
    pub mouse: bool,
    /// Whether links are written as hyperlinks (OSC 8).
    pub hyperlinks: bool,
    /// Whether the terminal's cursor is shown on the focused row (`cursor` setting).
    pub cursor: bool,
    pub keymap: Keymap,
    /// How wide the reader's lines may be, and where they sit in a wider pane.
    pub measure: crate::layout::Measure,
    /// The command that plays audio, if the user chose one.
    pub player: Option<String>,
    /// What `r` does: read the sources again, or refresh the library.
    pub reload: reload::Job,
    /// What to start in the background as the reader opens.
    pub at_start: reload::AtStart,
    /// The library's subscriptions, for the feed list.
    pub feeds: Vec<crate::library::FeedInfo>,
    /// The saved queries, the feed list's first folders.
    pub queries: Vec<crate::app::SavedQuery>,
    pub feed_order: crate::app::FeedOrder,
    /// The settings' tagging rules.
    pub tag_rules: Vec<crate::app::TagRule>,
    /// `--query`: the list shows what it picks (read already, it reads).
    pub query: Option<String>,
    /// The time queries count `newer:` back from.
    pub now: i64,
    /// Refresh on a timer too, this often.
    pub refresh_every: Option<std::time::Duration>,
}

/// Runs the reader until the user quits. A signal that ends it ends the process too, by that
/// signal, once the terminal is restored.
pub fn run(bundle: Bundle, setup: Setup) -> io::Result<()> {
    let mut input = Input::open(Signals::catch()?)?;
    let (cols, rows) = terminal::size()?;
    let mut app = App::new(bundle, cols, rows)
        .with_measure(setup.measure)
        .with_memory(setup.memory)
        .with_keymap(setup.keymap)
        .with_now(setup.now)
        .with_queries(setup.queries)
        .with_tag_rules(setup.tag_rules)
        .with_feed_order(setup.feed_order);
    if let Some(notice) = setup.notice {
        app.apply(Outcome::Notice(notice));
    }
    if !setup.feeds.is_empty() {
        app.apply(Outcome::Feeds(setup.feeds));
    }
    if let Some(query) = &setup.query {
        // Read already when the arguments were: it cannot be wrong here.
        let _ = app.enter_query(query);
    }
    let mut saver = Saver { file: setup.state };
    let theme = &setup.theme;
    let mut painter = Painter::new();
    if !setup.hyperlinks {
        painter = painter.without_hyperlinks();
    }
    if setup.cursor {
        painter = painter.with_cursor();
    }
    if in_tmux() {
        painter = painter.inside_tmux();
    }
    let mut term = Term::enter(setup.mouse, setup.player, painter)?;
    // Whole articles are kept where the marks are: in the library, unless nothing is saved.
    let library = match &saver.file {
        Some(_) => crate::library::library_path(|name| std::env::var(name).ok()),
        None => None,
    };
    let mut reloader = Reloader::new(setup.reload)?
        .every(setup.refresh_every)
        .keeping_whole(library)?;
    match setup.at_start {
        reload::AtStart::Nothing => {}
        reload::AtStart::Refresh => app.apply(reloader.start()),
        reload::AtStart::ReadTheRest => {
            if let Err(e) = reloader.read_the_rest() {
                app.apply(Outcome::Notice(format!(
                    "only the newest stories shown: {e}"
                )));
            }
        }
    }
    let result = event_loop(
        &mut app,
        theme,
        &mut term,
        &mut input,
        &mut saver,
        &mut reloader,
    );
    // Whatever ended the loop (a key, a signal, a hang-up, an error), the state is kept
    // first; only then is the terminal given back. A reload still running is not waited
    // for: its worker ends with the process.
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
    file: Option<Keeper>,
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
    reloader: &mut Reloader,
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
        let event = input.next(!app.busy() && !app.preparing(), &reloader.wake)?;
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
                if reloader.due() {
                    app.apply(reloader.start());
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
            Event::Woken => {
                while let Some(outcome) = reloader.finished() {
                    app.apply(outcome);
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
                    app.update(AppEvent::Paste(text));
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
        carry_out_effects(app, term, input, saver, reloader)?;
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

/// Does what the app asked for since the last event: suspending, starting to read the
/// sources again, and the effects [`Term`] carries out, telling the app how each turned out.
fn carry_out_effects(
    app: &mut App,
    term: &mut Term,
    input: &Input,
    saver: &mut Saver,
    reloader: &mut Reloader,
) -> io::Result<()> {
    for effect in app.take_effects() {
        if effect == Effect::Suspend {
            term.suspend(&input.signals)?;
            follow_size(app);
            saver.save(app);
            continue;
        }
        if let Effect::ReadWhole { id, url } = &effect {
            if let Some(outcome) = reloader.read_whole(id.clone(), url.clone()) {
                app.apply(outcome);
            }
            continue;
        }
        if let Effect::TagFeed { url, tags } = &effect {
            app.apply(reloader.tag_feed(url, tags));
            continue;
        }
        if effect == Effect::Reload {
            // Read on a worker (the network may take a while); its result wakes the loop.
            app.apply(reloader.start());
            continue;
        }
        match term.carry_out(&effect) {
            Ok(Some(outcome)) => app.apply(outcome),
            Ok(None) => {}
            // A player that could not start plays nothing.
            Err(e) => app.apply(Outcome::EffectFailed {
                effect,
                error: format!("{e}"),
            }),
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
    fn enter(mouse: bool, player_command: Option<String>, painter: Painter) -> io::Result<Self> {
        install_panic_hook();
        faults::remember_modes();
        faults::catch()?;
        let out = File::from(io::stdout().as_fd().try_clone_to_owned()?);
        let mut term = Term {
            out,
            painter,
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

    /// Does what the app asked: opens a link with the browser (detached, never waited for)
    /// or copies it (through tmux inside tmux, else OSC 52); what the app should hear of it.
    fn carry_out(&mut self, effect: &Effect) -> io::Result<Option<Outcome>> {
        match effect {
            Effect::Copy(text) => {
                let to = clipboard::copy(text, in_tmux(), &mut self.out)?;
                return Ok(Some(Outcome::Copied {
                    url: text.clone(),
                    to,
                }));
            }
            Effect::Open(url) => launch::open_in_browser(url, std::env::var("BROWSER").ok()),
            Effect::Play(url) => self.player.play(url),
            Effect::Stop => {
                self.player.stop();
                Ok(())
            }
            // The event loop starts the reload and suspends itself.
            Effect::Reload
            | Effect::Suspend
            | Effect::TagFeed { .. }
            | Effect::ReadWhole { .. } => Ok(()),
        }
        .map(|()| None)
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

/// Whether newsterm runs inside tmux (which sets `TMUX` for what runs in it).
fn in_tmux() -> bool {
    std::env::var_os("TMUX").is_some_and(|v| !v.is_empty())
}

/// On a panic of the loop's thread, the terminal is given back before the message is
/// printed. Other threads (a reload's workers) never write to the terminal, not even a
/// panic message over the frame: their caller reports what stopped.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    let looping = std::thread::current().id();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() != looping {
            return;
        }
        restore();
        previous(info);
    }));
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
