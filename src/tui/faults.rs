//! Faults: the signals that end newsterm where it stands, before the loop could hear of
//! them. SIGBUS comes when a mapped bundle is cut short under the reader (`curl -o` over the
//! file being read); SIGSEGV, SIGILL, SIGFPE, SIGTRAP and SIGSYS from the instruction that
//! raised them; SIGABRT from an abort, which no panic hook sees.
//!
//! Their handler cannot wait for the loop: returning would run the faulting instruction
//! again. It gives the terminal back with the calls a signal handler may make (`write`,
//! `tcsetattr`), hands the signal to whatever handled it before (the standard library tells a
//! stack overflow apart and says so), and ends the process by the signal's default action,
//! so the parent still sees the real cause.

use std::sync::OnceLock;
use std::sync::atomic::Ordering;

use libc::{c_int, c_void, siginfo_t};

use super::{RESTORE, TAKEN};

/// The signals handled here, and what handled each before newsterm did.
const FAULTS: [c_int; 7] = [
    libc::SIGBUS,
    libc::SIGSEGV,
    libc::SIGILL,
    libc::SIGFPE,
    libc::SIGTRAP,
    libc::SIGSYS,
    libc::SIGABRT,
];
static PREVIOUS: [OnceLock<libc::sigaction>; 7] = [const { OnceLock::new() }; 7];

/// The terminal's modes before raw mode, to put back from a handler.
static COOKED: OnceLock<libc::termios> = OnceLock::new();

/// Said on standard error when a mapped file shrank: the one fault with a cause outside.
const CUT_SHORT: &[u8] = b"newsterm: a file being read was cut short by another program (SIGBUS)\n";

/// Notes the terminal's modes (once, before raw mode is entered) so that a handler can put
/// them back.
pub fn remember_modes() {
    if COOKED.get().is_some() {
        return;
    }
    // SAFETY: `tcgetattr` writes a `termios` for a valid descriptor and is checked.
    #[expect(
        unsafe_code,
        reason = "reading the terminal's modes for a signal handler"
    )]
    unsafe {
        let mut modes: libc::termios = std::mem::zeroed();
        if libc::isatty(libc::STDIN_FILENO) == 1
            && libc::tcgetattr(libc::STDIN_FILENO, &mut modes) == 0
        {
            let _ = COOKED.set(modes);
        }
    }
}

/// Installs the handler for every fault (once; later calls do nothing).
pub fn catch() -> std::io::Result<()> {
    static DONE: OnceLock<()> = OnceLock::new();
    if DONE.get().is_some() {
        return Ok(());
    }
    for (signal, previous) in FAULTS.iter().zip(&PREVIOUS) {
        // SAFETY: the handler only makes async-signal-safe calls, and `sigaction` gets valid
        // pointers; the alternate stack lets it run after a stack overflow.
        #[expect(unsafe_code, reason = "installing a handler for faults")]
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_fault as *const () as libc::sighandler_t;
            action.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
            libc::sigemptyset(&mut action.sa_mask);
            let mut old: libc::sigaction = std::mem::zeroed();
            if libc::sigaction(*signal, &action, &mut old) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            let _ = previous.set(old);
        }
    }
    let _ = DONE.set(());
    Ok(())
}

/// Writes all of `bytes` to `fd`, as far as the descriptor takes them.
fn write_all(fd: c_int, mut bytes: &[u8]) {
    while !bytes.is_empty() {
        // SAFETY: `write` is async-signal-safe and gets a valid buffer.
        #[expect(unsafe_code, reason = "writing from a signal handler")]
        let written = unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
        match usize::try_from(written) {
            Ok(n) if n > 0 => bytes = bytes.get(n..).unwrap_or_default(),
            _ => return,
        }
    }
}

extern "C" fn on_fault(signal: c_int, info: *mut siginfo_t, context: *mut c_void) {
    if TAKEN.swap(false, Ordering::SeqCst) {
        write_all(libc::STDOUT_FILENO, RESTORE);
        if let Some(modes) = COOKED.get() {
            // SAFETY: `tcsetattr` is async-signal-safe; `modes` came from `tcgetattr`.
            #[expect(unsafe_code, reason = "restoring the terminal from a signal handler")]
            unsafe {
                libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, modes);
            }
        }
    }
    if signal == libc::SIGBUS {
        write_all(libc::STDERR_FILENO, CUT_SHORT);
    }
    let previous = FAULTS
        .iter()
        .position(|&s| s == signal)
        .and_then(|i| PREVIOUS.get(i))
        .and_then(OnceLock::get);
    // SAFETY: the previous handler was installed for this very signal and is called as it
    // asked to be (with or without `siginfo`); `sigaction` and `raise` are async-signal-safe.
    #[expect(unsafe_code, reason = "chaining and re-raising a fault")]
    unsafe {
        if let Some(old) = previous {
            let handler = old.sa_sigaction;
            if handler != libc::SIG_DFL && handler != libc::SIG_IGN && handler != libc::SIG_ERR {
                if old.sa_flags & libc::SA_SIGINFO != 0 {
                    let call: extern "C" fn(c_int, *mut siginfo_t, *mut c_void) =
                        std::mem::transmute(handler);
                    call(signal, info, context);
                } else {
                    let call: extern "C" fn(c_int) = std::mem::transmute(handler);
                    call(signal);
                }
            }
        }
        // Whatever that did, the signal now ends the process: at once when sent, and when
        // the faulting instruction runs again after this returns.
        let mut default: libc::sigaction = std::mem::zeroed();
        default.sa_sigaction = libc::SIG_DFL;
        libc::sigemptyset(&mut default.sa_mask);
        libc::sigaction(signal, &default, std::ptr::null_mut());
        libc::raise(signal);
    }
}
