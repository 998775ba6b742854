//! The real binary in a pseudo-terminal, as a person runs it: it draws, answers keys and
//! resizes, quits with `q` and status 0, and leaves the terminal as it found it.

use std::io::{Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const TIMEOUT: Duration = Duration::from_secs(20);

pub struct Session {
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    chunks: Receiver<Vec<u8>>,
    output: Vec<u8>,
    hanging_up: Arc<AtomicBool>,
    /// What a terminal would show, from everything written so far.
    pub screen: vt100::Parser,
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal has at least one row and column")
}

impl Session {
    pub fn start(cols: u16, rows: u16, args: &[&str]) -> Self {
        Self::start_with(cols, rows, args, &[("TERM", "xterm-256color")])
    }

    /// [`Session::start`] with these environment variables set.
    pub fn start_with(cols: u16, rows: u16, args: &[&str], env: &[(&str, &str)]) -> Self {
        let pair = native_pty_system()
            .openpty(size(cols, rows))
            .expect("a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_newsterm"));
        cmd.args(args);
        // Nothing of the machine running the tests: no colour choice, multiplexer or browser.
        for name in ["NO_COLOR", "TMUX", "BROWSER"] {
            cmd.env_remove(name);
        }
        // Never the real state or settings: fresh directories per session unless the test
        // names its own.
        cmd.env("XDG_STATE_HOME", fresh_dir("state"));
        cmd.env("XDG_CONFIG_HOME", fresh_dir("config"));
        cmd.env("XDG_CACHE_HOME", fresh_dir("cache"));
        for (name, value) in env {
            cmd.env(name, value);
        }
        let child = pair
            .slave
            .spawn_command(cmd)
            .expect("newsterm starts in the pty");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        // Reading a pty blocks; a reader thread lets the test wait with a timeout.
        let (tx, chunks) = channel();
        let hanging_up = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&hanging_up);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                // After a hang-up, this thread's copy of the terminal is the last one open:
                // closing it (by returning) completes the hang-up.
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() || stop.load(Ordering::SeqCst) {
                    break;
                }
            }
        });
        Session {
            master: pair.master,
            child,
            writer,
            chunks,
            output: Vec::new(),
            hanging_up,
            screen: vt100::Parser::new(nonzero(rows), nonzero(cols), 0),
        }
    }

    /// Waits until the screen shows `needle`, or, for an escape sequence, until the output
    /// written from byte `from` on contains it.
    #[track_caller]
    pub fn wait_for(&mut self, from: usize, needle: &str) {
        if needle.starts_with('\u{1b}') {
            self.wait(needle, |s| {
                String::from_utf8_lossy(&s.output[from.min(s.output.len())..]).contains(needle)
            });
        } else {
            self.wait(needle, |s| s.screen.screen().contents().contains(needle));
        }
    }

    /// Waits until the screen's rows satisfy `done`.
    #[track_caller]
    pub fn wait_until(&mut self, what: &str, done: impl Fn(&str) -> bool) {
        self.wait(what, |s| done(&s.screen.screen().contents()));
    }

    /// Reads what newsterm writes until `done`; fails the test after the timeout.
    #[track_caller]
    fn wait(&mut self, what: &str, done: impl Fn(&Session) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        while !done(self) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.chunks.recv_timeout(left) {
                Ok(chunk) => {
                    self.screen.process(&chunk);
                    self.output.extend(chunk);
                }
                Err(_) => panic!(
                    "{what:?} never appeared; the screen:\n{}\nthe last output:\n{:?}",
                    self.screen.screen().contents(),
                    String::from_utf8_lossy(&self.output[self.output.len().saturating_sub(600)..])
                ),
            }
        }
    }

    /// What the screen shows now, row by row.
    pub fn screen_text(&self) -> String {
        self.screen.screen().contents()
    }

    /// Presses keys without waiting for anything.
    pub fn press_nowait(&mut self, keys: &str) {
        let _ = self.writer.write_all(keys.as_bytes());
        let _ = self.writer.flush();
    }

    /// Presses keys and waits until `needle` is drawn in response.
    #[track_caller]
    pub fn press(&mut self, keys: &str, needle: &str) {
        let from = self.output.len();
        self.writer
            .write_all(keys.as_bytes())
            .expect("keys reach newsterm");
        self.writer.flush().expect("keys flushed");
        self.wait_for(from, needle);
    }

    /// Sends `signal` (a name for kill(1): TERM, HUP…) to newsterm.
    pub fn kill(&self, signal: &str) {
        let pid = self.child.process_id().expect("newsterm runs");
        let ok = std::process::Command::new("kill")
            .args([format!("-{signal}"), pid.to_string()])
            .status()
            .expect("kill runs")
            .success();
        assert!(ok, "kill -{signal} {pid}");
    }

    /// Waits until newsterm is stopped (job control), as a shell does before `fg`.
    #[track_caller]
    pub fn wait_stopped(&self) {
        let pid = self.child.process_id().expect("newsterm runs");
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            // The state follows the command name in parentheses.
            let state = stat
                .rsplit(')')
                .next()
                .and_then(|rest| rest.trim_start().chars().next());
            if state == Some('T') {
                return;
            }
            assert!(Instant::now() < deadline, "newsterm never stopped: {stat}");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Collects whatever newsterm writes for `time`.
    pub fn idle(&mut self, time: Duration) {
        let deadline = Instant::now() + time;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            if let Ok(chunk) = self.chunks.recv_timeout(left) {
                self.screen.process(&chunk);
                self.output.extend(chunk);
            }
        }
    }

    /// Everything written so far.
    pub fn output(&self) -> &[u8] {
        &self.output
    }

    /// Closes the terminal, as a dropped SSH connection does, and waits for the exit. `keys`
    /// must make newsterm draw something: the reader thread closes its copy of the terminal
    /// once it has read that.
    pub fn hang_up(self, keys: &str) -> portable_pty::ExitStatus {
        let Session {
            master,
            mut child,
            mut writer,
            hanging_up,
            ..
        } = self;
        hanging_up.store(true, Ordering::SeqCst);
        writer
            .write_all(keys.as_bytes())
            .expect("keys reach newsterm");
        drop(writer);
        drop(master);
        wait(child.as_mut())
    }

    pub fn finish(mut self) -> (portable_pty::ExitStatus, String) {
        let status = wait(self.child.as_mut());
        while let Ok(chunk) = self.chunks.recv_timeout(Duration::from_millis(300)) {
            self.output.extend(chunk);
        }
        (status, String::from_utf8_lossy(&self.output).into_owned())
    }
}

/// A new empty directory under the system's temporary directory.
pub fn fresh_dir(what: &str) -> std::path::PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("newsterm-{what}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    dir
}

/// Waits for newsterm to exit; fails the test (and kills it) after the timeout.
fn wait(child: &mut (dyn Child + Send + Sync)) -> portable_pty::ExitStatus {
    let deadline = Instant::now() + TIMEOUT;
    loop {
        if let Some(status) = child.try_wait().expect("child status") {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("newsterm did not exit");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn keys_help_resize_and_quit_in_a_real_terminal() {
    let mut s = Session::start(120, 40, &[]);
    s.wait_for(0, "Headlines 1/8");
    s.press("j", "2/8");
    s.press("\r", "Cận cảnh");
    s.press("?", "Keys");
    s.press("q", "Space/b page");
    s.master.resize(size(80, 24)).expect("pty resizes");
    s.screen.screen_mut().set_size(nonzero(24), nonzero(80));
    s.wait_for(0, "· Reader");
    s.press("\t", "· Related");
    s.press("q", "\u{1b}[?1049l");
    let (status, output) = s.finish();
    assert!(status.success(), "exit status {status:?}");
    assert!(
        output.contains("\u{1b}[?1049h"),
        "entered the alternate screen"
    );
    let left = output
        .rfind("\u{1b}[?1049l")
        .expect("left the alternate screen");
    let shown = output
        .rfind("\u{1b}[?25h")
        .expect("showed the cursor again");
    let last_frame = output
        .rfind("\u{1b}[?2026l")
        .expect("frames are synchronized updates");
    assert!(
        left > last_frame && shown > last_frame,
        "the terminal is restored after the last frame"
    );
}

#[test]
fn keys_that_arrive_together_are_answered_with_one_frame() {
    let mut s = Session::start(120, 40, &[]);
    s.wait_for(0, "Headlines 1/8");
    // The first key also takes down the start-up hint.
    s.press("j", "Headlines 2/8");
    s.idle(Duration::from_millis(100));
    let from = s.output().len();
    s.press("j", "Headlines 3/8");
    s.idle(Duration::from_millis(100));
    let one = s.output().len() - from;
    // Six keys in one write, as a slow SSH link delivers keys typed ahead: the cursor ends
    // two rows down, and the screen changes about as much as for one key. (A loaded
    // machine may read the six in two parts: two frames still pass, six would not.)
    let from = s.output().len();
    s.press("jjjjkk", "Headlines 5/8");
    s.idle(Duration::from_millis(100));
    let six = s.output().len() - from;
    assert!(
        six < 3 * one,
        "six keys at once sent {six} bytes, one key {one}"
    );
    let shown = s.screen_text();
    s.press("q", "\u{1b}[?1049l");
    let (status, _) = s.finish();
    assert!(status.success());
    assert!(shown.contains("Headlines 5/8"), "{shown}");
}

#[test]
fn ctrl_c_quits_at_once() {
    let mut s = Session::start(100, 30, &[]);
    s.wait_for(0, "Headlines 1/8");
    s.press("?", "Keys");
    s.press("\u{3}", "\u{1b}[?1049l");
    let (status, _) = s.finish();
    assert!(status.success());
}

#[test]
fn a_refused_bundle_never_touches_the_terminal() {
    let s = Session::start(80, 24, &["/nonexistent/bundle.json"]);
    let (status, output) = s.finish();
    assert_eq!(status.exit_code(), 2);
    assert!(
        !output.contains('\u{1b}'),
        "no escape sequence was written: {output:?}"
    );
    assert!(
        output.starts_with("newsterm: /nonexistent/bundle.json: cannot read"),
        "{output}"
    );
}
