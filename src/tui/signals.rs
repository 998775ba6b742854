//! Signals the terminal loop answers: SIGWINCH (resized), SIGHUP (the SSH connection
//! dropped), SIGTERM, SIGINT, SIGTSTP, SIGCONT, and every other signal sent from outside
//! whose default is to end the process (SIGQUIT, SIGUSR1, SIGALRM, the real-time ones…):
//! each of those ends it as SIGTERM does, state saved and terminal restored. Faults, which
//! cannot wait for the loop, are `faults`' part.
//!
//! Each signal sets a flag and writes a byte into a socket the loop polls together with the
//! terminal, so a signal wakes the loop at once and is handled there, in order, by the only
//! code that writes to the terminal: a restore never interleaves with half a frame.

use std::io::{self, Read};
use std::os::unix::net::UnixStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use signal_hook::consts::{SIGCHLD, SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP, SIGWINCH};
use signal_hook::low_level;

/// What the signals received so far ask of the loop, most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request {
    /// Restore the terminal, then die of this signal.
    End(i32),
    /// Restore the terminal, stop, and repaint when continued (SIGTSTP).
    Suspend,
    /// Continued after a stop newsterm did not see coming (SIGSTOP): take the terminal back
    /// and repaint everything.
    Repaint,
    /// The terminal changed size.
    Resize,
    /// A child process (the audio player) ended.
    Child,
}

/// The signals that end newsterm through the loop, in the order they are checked: the three
/// a person sends, then every other one whose default action ends a process and that comes
/// from outside rather than from a faulting instruction.
fn ending() -> Vec<i32> {
    let mut signals = vec![SIGHUP, SIGTERM, SIGINT];
    signals.extend([
        libc::SIGQUIT,
        libc::SIGUSR1,
        libc::SIGUSR2,
        libc::SIGALRM,
        libc::SIGVTALRM,
        libc::SIGPROF,
        libc::SIGXCPU,
        libc::SIGXFSZ,
        libc::SIGIO,
    ]);
    #[cfg(any(target_os = "linux", target_os = "android"))]
    signals.extend([libc::SIGPWR, libc::SIGSTKFLT]);
    #[cfg(any(target_os = "linux", target_os = "android"))]
    signals.extend(libc::SIGRTMIN()..=libc::SIGRTMAX());
    signals
}

pub struct Signals {
    /// Each ending signal with the flag it sets.
    ending: Vec<(i32, Arc<AtomicBool>)>,
    suspend: Arc<AtomicBool>,
    repaint: Arc<AtomicBool>,
    resize: Arc<AtomicBool>,
    child: Arc<AtomicBool>,
    /// Readable when a signal arrived.
    pub wake: UnixStream,
}

impl Signals {
    /// Starts catching the signals. Until then they keep their default actions.
    pub fn catch() -> io::Result<Self> {
        let (wake, ring) = UnixStream::pair()?;
        wake.set_nonblocking(true)?;
        ring.set_nonblocking(true)?;
        let flag = || Arc::new(AtomicBool::new(false));
        let signals = Signals {
            ending: ending().into_iter().map(|s| (s, flag())).collect(),
            suspend: flag(),
            repaint: flag(),
            resize: flag(),
            child: flag(),
            wake,
        };
        let flags = signals.ending.iter().map(|(s, f)| (s, f)).chain([
            (&SIGTSTP, &signals.suspend),
            (&SIGCONT, &signals.repaint),
            (&SIGWINCH, &signals.resize),
            (&SIGCHLD, &signals.child),
        ]);
        for (&signal, flag) in flags {
            signal_hook::flag::register(signal, Arc::clone(flag))?;
            low_level::pipe::register(signal, ring.try_clone()?)?;
        }
        Ok(signals)
    }

    /// Empties the wake-up socket (the flags say what happened).
    pub fn drain(&mut self) {
        let mut buf = [0u8; 64];
        while matches!(self.wake.read(&mut buf), Ok(n) if n > 0) {}
    }

    /// The most urgent request waiting, taken (an ending signal stays: it ends everything).
    pub fn take(&self) -> Option<Request> {
        for (signal, flag) in &self.ending {
            if flag.load(Ordering::SeqCst) {
                return Some(Request::End(*signal));
            }
        }
        if self.suspend.swap(false, Ordering::SeqCst) {
            return Some(Request::Suspend);
        }
        if self.repaint.swap(false, Ordering::SeqCst) {
            return Some(Request::Repaint);
        }
        if self.child.swap(false, Ordering::SeqCst) {
            return Some(Request::Child);
        }
        self.resize
            .swap(false, Ordering::SeqCst)
            .then_some(Request::Resize)
    }

    /// Forgets a repaint request: a suspend newsterm asked for is followed by SIGCONT, and
    /// the resume repaints anyway.
    pub fn clear_repaint(&self) {
        self.repaint.store(false, Ordering::SeqCst);
    }
}

/// Stops the process as the shell's job control expects (the terminal already restored);
/// returns when it is continued.
pub fn stop() {
    let _ = low_level::emulate_default_handler(SIGTSTP);
}

/// Dies of `signal`, as if newsterm had not caught it (the terminal already restored), so
/// that the parent sees the real cause; exits with 128 + signal should that fail.
pub fn die_of(signal: i32) -> ! {
    if low_level::emulate_default_handler(signal).is_err() {
        // signal-hook emulates only the classic signals; the real-time ones get their
        // default action back and are raised again.
        // SAFETY: `sigaction` gets a valid, zeroed action set to the default.
        #[expect(unsafe_code, reason = "restoring a signal's default action")]
        unsafe {
            let mut default: libc::sigaction = std::mem::zeroed();
            default.sa_sigaction = libc::SIG_DFL;
            libc::sigemptyset(&mut default.sa_mask);
            if libc::sigaction(signal, &default, std::ptr::null_mut()) == 0 {
                libc::raise(signal);
            }
        }
    }
    low_level::exit(128 + signal)
}
