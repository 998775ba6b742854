//! Waiting for the next thing the terminal loop must answer: a key, a signal, work done
//! elsewhere (a reload), the terminal going away, or a quiet while ([`QUIET`], for a look at
//! the state file). One `poll` on the terminal, the signals' wake-up socket and the loop's
//! other one; no timers running while nothing happens.
//!
//! crossterm's own event reader is not used: after a hang-up its read loop retries EIO
//! forever (a CPU spin while the SSH session is gone), and it can drop a SIGWINCH that
//! arrives with a key press.

use std::fs::File;
use std::io::{self, IsTerminal, Read};
use std::os::fd::AsFd;
use std::time::Duration;

use ratatui::crossterm::event::KeyEvent;
use rustix::event::{PollFd, PollFlags, Timespec, poll};

use super::decode::{Decoded, Decoder};
use super::signals::{Request, Signals};

/// How long a lone ESC waits for the rest of a sequence before it counts as the Esc key.
/// Local terminals send a sequence in one write; over SSH its bytes can arrive apart.
const ESC_WAIT: Duration = Duration::from_millis(30);

/// How long nothing happens before the loop is told ([`Event::Quiet`]): it then looks whether
/// another reader of the bundle changed the state file (one `stat`), so the marks it made
/// show here without a key.
const QUIET: Duration = Duration::from_secs(2);

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Key(KeyEvent),
    /// Text pasted (bracketed paste).
    Paste(String),
    Mouse(super::decode::Mouse),
    Signal(Request),
    /// The other descriptor the loop waits on is readable (a reload has finished).
    Woken,
    /// The terminal is gone (end of file, EIO, hang-up).
    Closed,
    /// Nothing, when asked not to wait.
    Nothing,
    /// Nothing for [`QUIET`], when asked to wait.
    Quiet,
}

pub struct Input {
    tty: File,
    decoder: Decoder,
    /// The terminal went away (end of file or a read error); said once what came before it
    /// is answered.
    closed: bool,
    pub signals: Signals,
}

impl Input {
    /// Reads keys from standard input when it is the terminal, otherwise from `/dev/tty`
    /// (the bundle may come through a pipe).
    pub fn open(signals: Signals) -> io::Result<Self> {
        let stdin = io::stdin();
        let tty = if stdin.is_terminal() {
            File::from(stdin.as_fd().try_clone_to_owned()?)
        } else {
            File::open("/dev/tty")?
        };
        Ok(Input {
            tty,
            decoder: Decoder::default(),
            closed: false,
            signals,
        })
    }

    /// Whether the next event is already here (a key the terminal has sent, or the terminal
    /// gone), so that the loop can answer it before drawing: keys that arrive together, as
    /// over a slow SSH link, then cost one frame, not one each. Never waits.
    pub fn ready(&mut self) -> bool {
        if self.decoder.has_event() || self.closed {
            return true;
        }
        let mut fds = [PollFd::new(&self.tty, PollFlags::IN)];
        let zero = Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        if !matches!(poll(&mut fds, Some(&zero)), Ok(n) if n > 0) {
            return false;
        }
        if !fds[0].revents().contains(PollFlags::IN) {
            // A hang-up or an error: `next` says so.
            return true;
        }
        self.fill();
        self.closed || self.decoder.has_event()
    }

    /// Reads what the terminal has sent (it said it has some) into the decoder.
    fn fill(&mut self) {
        let mut buf = [0u8; 4096];
        match self.tty.read(&mut buf) {
            Ok(0) => self.closed = true,
            Ok(n) => self.decoder.feed(&buf[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            // EIO after a hang-up, and anything else: the terminal is gone.
            Err(_) => self.closed = true,
        }
    }

    /// The next event; with `wait` false, [`Event::Nothing`] rather than waiting for one.
    /// `other` is waited on too: [`Event::Woken`] when it is readable (the caller reads it).
    pub fn next(&mut self, wait: bool, other: &impl AsFd) -> io::Result<Event> {
        loop {
            if let Some(request) = self.signals.take() {
                return Ok(Event::Signal(request));
            }
            match self.decoder.next() {
                Some(Decoded::Key(key)) => return Ok(Event::Key(key)),
                Some(Decoded::Paste(text)) => return Ok(Event::Paste(text)),
                Some(Decoded::Mouse(mouse)) => return Ok(Event::Mouse(mouse)),
                None => {}
            }
            if self.closed {
                return Ok(Event::Closed);
            }
            let timeout = if self.decoder.waiting() {
                Some(ESC_WAIT)
            } else if wait {
                Some(QUIET)
            } else {
                Some(Duration::ZERO)
            };
            let timespec = timeout.map(|t| Timespec {
                tv_sec: i64::try_from(t.as_secs()).unwrap_or(i64::MAX),
                tv_nsec: i64::from(t.subsec_nanos()),
            });
            let mut fds = [
                PollFd::new(&self.tty, PollFlags::IN),
                PollFd::new(&self.signals.wake, PollFlags::IN),
                PollFd::new(other, PollFlags::IN),
            ];
            match poll(&mut fds, timespec.as_ref()) {
                Ok(_) => {}
                Err(rustix::io::Errno::INTR) => continue,
                Err(e) => return Err(e.into()),
            }
            let (tty, wake, woken) = (fds[0].revents(), fds[1].revents(), fds[2].revents());
            if wake.contains(PollFlags::IN) {
                self.signals.drain();
                continue;
            }
            if woken.contains(PollFlags::IN) {
                return Ok(Event::Woken);
            }
            if tty.contains(PollFlags::IN) {
                // Keys read before the end are still answered, then `Closed`.
                self.fill();
            } else if tty.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
                return Ok(Event::Closed);
            } else if self.decoder.waiting() {
                // Nothing more came: what waits is complete as it is.
                if let Some(key) = self.decoder.flush() {
                    return Ok(Event::Key(key));
                }
            } else if !wait {
                return Ok(Event::Nothing);
            } else {
                return Ok(Event::Quiet);
            }
        }
    }
}
