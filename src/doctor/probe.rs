//! Asking the terminal, for `--doctor`: whether it supports synchronized output (DECRQM for
//! mode 2026) and how many columns it moves for a few test characters (the cursor position,
//! `ESC [ 6 n`, after writing each at the start of the line). A DA1 request (`ESC [ c`) goes
//! last: nearly every terminal answers it, and answers come in order, so its answer means
//! every other answer that will come has come.
//!
//! The test characters are written on the cursor's line and erased before anything else is
//! printed there; raw mode is left and the cursor shown again on every way out (a panic, an
//! error, Ctrl-C typed or a signal sent).

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::crossterm::terminal;
use rustix::event::{PollFd, PollFlags, Timespec, poll};

/// The longest the terminal is waited for, for all its answers together. A terminal that
/// answers DA1 ends the wait as soon as it does; only one that answers nothing costs it all,
/// and over SSH answers take a round trip.
pub const WAIT: Duration = Duration::from_millis(1000);

/// A test character and what to call it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    pub text: &'static str,
    pub what: &'static str,
}

/// What the widths are tested with: text of the kinds stories have whose width terminals
/// disagree on.
pub const SAMPLES: [Sample; 5] = [
    Sample {
        text: "漢",
        what: "a CJK character",
    },
    Sample {
        text: "🙂",
        what: "an emoji",
    },
    Sample {
        text: "👩\u{200d}💻",
        what: "an emoji sequence joined by ZWJ",
    },
    Sample {
        text: "🇻🇳",
        what: "a flag",
    },
    // Decomposed: "e", U+0302 and U+0301, as text that has not been normalized has it.
    Sample {
        text: "Tie\u{302}\u{301}ng",
        what: "Vietnamese with combining marks",
    },
];

/// What the terminal answered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Replies {
    /// DECRQM's answer for mode 2026 (`Ps`: 0 not recognized, 1 set, 2 reset, 3 always set,
    /// 4 always reset), when it came.
    pub sync: Option<u8>,
    /// Whether DA1 was answered.
    pub da1: bool,
    /// For each of [`SAMPLES`], the columns the cursor moved, when the position came.
    pub widths: Vec<Option<usize>>,
}

/// One answer read from the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reply {
    /// `ESC [ row ; col R`.
    Position { col: usize },
    /// `ESC [ ? mode ; Ps $ y`.
    Mode { mode: u32, value: u8 },
    /// `ESC [ ? … c`.
    Attributes,
}

/// Whether probing was cut short by the person (Ctrl-C) or a signal, which then ends newsterm
/// once the terminal is restored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// Ctrl-C typed (raw mode makes it a byte, not a signal).
    CtrlC,
    Signal(i32),
}

/// What is written: the query for mode 2026, each sample from the line's start followed by a
/// question for the cursor's place, the line erased, then DA1.
pub fn queries() -> Vec<u8> {
    let mut out = b"\x1b[?25l\x1b[?2026$p".to_vec();
    for sample in SAMPLES {
        out.push(b'\r');
        out.extend_from_slice(sample.text.as_bytes());
        out.extend_from_slice(b"\x1b[6n");
    }
    out.extend_from_slice(ERASE);
    out.extend_from_slice(b"\x1b[c");
    out
}

/// The line the samples were written on, erased, and the cursor shown.
const ERASE: &[u8] = b"\r\x1b[K\x1b[?25h";

/// Reads the answers in `bytes`: the positions in order, one per sample; what is not an
/// answer (a key typed meanwhile) is passed over.
pub fn parse(bytes: &[u8]) -> Replies {
    let mut replies = Replies::default();
    for reply in replies_in(bytes) {
        match reply {
            Reply::Position { col } => {
                if replies.widths.len() < SAMPLES.len() {
                    replies.widths.push(Some(col.saturating_sub(1)));
                }
            }
            Reply::Mode { mode: 2026, value } => replies.sync = Some(value),
            Reply::Mode { .. } => {}
            Reply::Attributes => replies.da1 = true,
        }
    }
    replies.widths.resize(SAMPLES.len(), None);
    replies
}

/// Whether `bytes` hold every answer that will come: DA1's, which comes last.
fn complete(bytes: &[u8]) -> bool {
    replies_in(bytes).any(|r| r == Reply::Attributes)
}

/// The answers among `bytes`, in order.
fn replies_in(bytes: &[u8]) -> impl Iterator<Item = Reply> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            let start = memchr::memmem::find(&bytes[at..], b"\x1b[")? + at;
            at = start + 2;
            // A CSI sequence: parameter bytes, intermediate bytes, one final byte.
            let body_end = bytes[at..]
                .iter()
                .position(|&b| (0x40..=0x7e).contains(&b))
                .map(|p| at + p)?;
            let body = &bytes[at..body_end];
            let last = bytes[body_end];
            at = body_end + 1;
            if let Some(reply) = reply_of(body, last) {
                return Some(reply);
            }
        }
        None
    })
}

/// The answer a CSI sequence's parameters (and intermediates) and final byte make, if any.
fn reply_of(body: &[u8], last: u8) -> Option<Reply> {
    let text = std::str::from_utf8(body).ok()?;
    match last {
        b'R' => {
            let (_, col) = text.split_once(';')?;
            Some(Reply::Position {
                col: col.parse().ok()?,
            })
        }
        b'y' => {
            let (mode, value) = text.strip_prefix('?')?.strip_suffix('$')?.split_once(';')?;
            Some(Reply::Mode {
                mode: mode.parse().ok()?,
                value: value.parse().ok()?,
            })
        }
        b'c' if text.starts_with('?') => Some(Reply::Attributes),
        _ => None,
    }
}

/// Raw mode and the signals that would end newsterm meanwhile, held while the terminal is
/// asked; given back when dropped, on every way out.
///
/// Each signal sets its flag while the terminal is asked, so that the terminal is restored
/// before newsterm ends of it. signal-hook never gives a handler back to the system: once
/// this is dropped, `armed` makes the same signal end newsterm as it would have without it.
struct Held {
    flags: Vec<(i32, Arc<AtomicBool>)>,
    armed: Arc<AtomicBool>,
}

impl Held {
    fn take() -> io::Result<Held> {
        let armed = Arc::new(AtomicBool::new(false));
        let mut flags = Vec::new();
        for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP, libc::SIGQUIT] {
            let flag = Arc::new(AtomicBool::new(false));
            signal_hook::flag::register(signal, Arc::clone(&flag))?;
            signal_hook::flag::register_conditional_default(signal, Arc::clone(&armed))?;
            flags.push((signal, flag));
        }
        let held = Held { flags, armed };
        terminal::enable_raw_mode()?;
        Ok(held)
    }

    /// The signal caught since [`Held::take`], if one was.
    fn caught(&self) -> Option<i32> {
        self.flags
            .iter()
            .find(|(_, flag)| flag.load(Ordering::SeqCst))
            .map(|&(signal, _)| signal)
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        let mut out = io::stdout();
        let _ = out.write_all(ERASE);
        let _ = out.flush();
        let _ = terminal::disable_raw_mode();
        self.armed.store(true, Ordering::SeqCst);
    }
}

/// Asks the terminal on standard output and reads its answers from standard input (both
/// must be the terminal), within [`WAIT`]. `Err(Ok(stopped))` when Ctrl-C or a signal cut it
/// short: the terminal is restored then, and the caller ends newsterm.
pub fn ask() -> Result<Replies, Result<Stopped, io::Error>> {
    let held = Held::take().map_err(Err)?;
    let mut out = io::stdout().lock();
    out.write_all(&queries())
        .and_then(|()| out.flush())
        .map_err(Err)?;
    drop(out);
    // Read unbuffered: what a buffer held back, poll would not see.
    let stdin = io::stdin();
    let deadline = Instant::now() + WAIT;
    let mut read = Vec::new();
    let mut buf = [0u8; 256];
    loop {
        if let Some(signal) = held.caught() {
            drop(held);
            return Err(Ok(Stopped::Signal(signal)));
        }
        if complete(&read) {
            break;
        }
        let Some(left) = deadline.checked_duration_since(Instant::now()) else {
            break;
        };
        // Short waits, so that a signal is seen soon even where poll is restarted.
        let wait = left.min(Duration::from_millis(50));
        let timespec = Timespec {
            tv_sec: 0,
            tv_nsec: i64::from(wait.subsec_nanos()),
        };
        let ready = {
            let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
            match poll(&mut fds, Some(&timespec)) {
                Ok(n) => n > 0,
                Err(rustix::io::Errno::INTR) => false,
                Err(e) => return Err(Err(e.into())),
            }
        };
        if !ready {
            continue;
        }
        match rustix::io::read(&stdin, &mut buf) {
            // The terminal went away: what came is all there is.
            Ok(0) => break,
            Ok(n) => {
                let got = &buf[..n];
                if got.contains(&0x03) {
                    drop(held);
                    return Err(Ok(Stopped::CtrlC));
                }
                read.extend_from_slice(got);
            }
            Err(rustix::io::Errno::INTR | rustix::io::Errno::AGAIN) => {}
            Err(e) => return Err(Err(e.into())),
        }
    }
    drop(held);
    Ok(parse(&read))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_read_in_order_among_other_bytes() {
        let replies =
            parse(b"\x1b[?2026;2$yj\x1b[5;3R\x1b[5;3R\x1b[5;5Rx\x1b[5;3R\x1b[5;6R\x1b[?62;22c");
        assert_eq!(replies.sync, Some(2));
        assert!(replies.da1);
        assert_eq!(
            replies.widths,
            vec![Some(2), Some(2), Some(4), Some(2), Some(5)]
        );
    }

    #[test]
    fn missing_answers_are_none() {
        let replies = parse(b"\x1b[1;3R");
        assert_eq!(replies.sync, None);
        assert!(!replies.da1);
        assert_eq!(replies.widths, vec![Some(2), None, None, None, None]);
        assert_eq!(
            parse(b""),
            Replies {
                sync: None,
                da1: false,
                widths: vec![None; SAMPLES.len()],
            }
        );
    }

    #[test]
    fn other_modes_keys_and_broken_sequences_are_passed_over() {
        let replies = parse(b"\x1b[?1049;1$y\x1b[A\x1b[1;xR\x1b[?2026;0$y\x1b[");
        assert_eq!(replies.sync, Some(0));
        assert_eq!(replies.widths, vec![None; SAMPLES.len()]);
        // A primary DA answer without `?` is not DA1's (it would be a key).
        assert!(!parse(b"\x1b[1c").da1);
        assert!(complete(b"\x1b[?1;2c"));
        assert!(!complete(b"\x1b[?1;2"));
    }

    #[test]
    fn the_queries_end_with_da1_after_the_line_is_erased() {
        let q = queries();
        assert!(q.ends_with(b"\r\x1b[K\x1b[?25h\x1b[c"));
        assert!(q.starts_with(b"\x1b[?25l\x1b[?2026$p"));
        let asked = q.windows(4).filter(|w| w == b"\x1b[6n").count();
        assert_eq!(asked, SAMPLES.len());
    }
}
