//! The interactive terminal: enter raw mode and the alternate screen, block on input, update,
//! draw, and always give the terminal back as it was, also after an error or a panic.

use std::io::{self, BufWriter, Stdout, Write};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::crossterm::terminal::{
    self, BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen,
    LeaveAlternateScreen,
};
use ratatui::crossterm::{cursor, execute, queue};
use ratatui::layout::Rect;

use crate::action::Action;
use crate::app::App;
use crate::bundle::Bundle;
use crate::keys;
use crate::ui::{Theme, View};

type Backend = CrosstermBackend<BufWriter<Stdout>>;

/// Runs the reader until the user quits.
pub fn run(bundle: Bundle, theme: &Theme) -> io::Result<()> {
    let (cols, rows) = terminal::size()?;
    let mut app = App::new(bundle, cols, rows);
    let mut session = Session::enter()?;
    let result = event_loop(&mut app, theme, &mut session.terminal);
    session.leave()?;
    result
}

fn event_loop(app: &mut App, theme: &Theme, terminal: &mut Terminal<Backend>) -> io::Result<()> {
    draw(app, theme, terminal)?;
    while app.running {
        // A long story is laid out a millisecond at a time while no key is waiting; the frame
        // is drawn again once it is complete, for the exact scrollbar.
        if app.busy() && !event::poll(Duration::ZERO)? {
            app.update(Action::Idle);
            if !app.busy() {
                draw(app, theme, terminal)?;
            }
            continue;
        }
        // Blocks until something happens: no timer, no polling, no CPU while idle.
        let event = event::read()?;
        let mut changed = false;
        if let Event::Key(key) = event
            && key.kind != KeyEventKind::Release
            && let Some(action) = keys::action_for(key)
        {
            app.update(action);
            changed = true;
        }
        // crossterm 0.29 drops a SIGWINCH that arrives in the same poll as a key press (it
        // returns the key and forgets the signal), so the size is checked after every event
        // rather than trusted to `Event::Resize` alone. The check is one ioctl.
        let (cols, rows) = match event {
            Event::Resize(cols, rows) => (cols, rows),
            _ => terminal::size().unwrap_or(app.size),
        };
        if (cols, rows) != app.size {
            terminal.resize(Rect::new(0, 0, cols, rows))?;
            app.update(Action::Resize(cols, rows));
            changed = true;
        }
        if changed && app.running {
            draw(app, theme, terminal)?;
        }
    }
    Ok(())
}

/// Draws one frame as one write: the diff against the last frame, inside synchronized-output
/// brackets so the terminal never shows half a frame.
fn draw(app: &App, theme: &Theme, terminal: &mut Terminal<Backend>) -> io::Result<()> {
    let mut frame = terminal.get_frame();
    let area = frame.area();
    frame.render_widget(View { app, theme }, area);
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal.flush()?;
    queue!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    terminal.swap_buffers();
    Write::flush(terminal.backend_mut())
}

/// The terminal in raw mode on the alternate screen. Leaving (or dropping, or panicking)
/// restores it.
struct Session {
    terminal: Terminal<Backend>,
    active: bool,
}

impl Session {
    fn enter() -> io::Result<Self> {
        install_panic_hook();
        terminal::enable_raw_mode()?;
        let mut stdout = io::stdout();
        if let Err(e) = execute!(stdout, EnterAlternateScreen, cursor::Hide) {
            restore();
            return Err(e);
        }
        let backend = CrosstermBackend::new(BufWriter::with_capacity(64 * 1024, stdout));
        match Terminal::new(backend) {
            Ok(terminal) => Ok(Session {
                terminal,
                active: true,
            }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }

    fn leave(&mut self) -> io::Result<()> {
        if self.active {
            self.active = false;
            Write::flush(self.terminal.backend_mut())?;
            restore();
        }
        Ok(())
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.leave();
    }
}

/// Puts the terminal back: cursor shown, main screen, cooked mode. Safe to call twice.
fn restore() {
    let mut stdout = io::stdout();
    let _ = execute!(stdout, cursor::Show, LeaveAlternateScreen);
    let _ = terminal::disable_raw_mode();
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}
