//! The real binary in a pseudo-terminal: a [`Session`] starts it, presses keys, waits for
//! what it draws (through a `vt100` terminal emulator), sends signals and hangs up.

use std::io::{Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

use super::bin::{Home, MACHINE_VARS, NEWSTERM};
use super::screen::nonzero;

/// How long a test waits for anything newsterm should do.
const TIMEOUT: Duration = Duration::from_secs(20);

/// newsterm running in a pseudo-terminal of its own.
pub struct Session {
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    chunks: Receiver<Vec<u8>>,
    output: Vec<u8>,
    hanging_up: Arc<AtomicBool>,
    /// Its own cache, state and settings, kept while it runs.
    _home: Home,
    /// What a terminal would show, from everything written so far.
    pub screen: vt100::Parser,
    /// The questions the emulated terminal answers (vt100 itself answers none).
    answers: Answers,
    /// Output held back from the screen while it may be the start of a question.
    held: Vec<u8>,
}

/// Which questions a [`Session`]'s emulated terminal answers, as a real terminal would: the
/// cursor's place from the emulated screen at the moment it is asked, and set replies for
/// the others. By default none, as `vt100` alone.
#[derive(Debug, Clone, Copy, Default)]
pub struct Answers {
    /// `ESC [ 6 n`: where the cursor is.
    pub position: bool,
    /// `ESC [ ? 2026 $ p` (DECRQM for synchronized output): this `Ps`.
    pub sync: Option<u8>,
    /// `ESC [ c` (DA1).
    pub attributes: bool,
}

/// The questions [`Answers`] knows.
const QUESTIONS: [&[u8]; 4] = [b"\x1b[6n", b"\x1b[?2026$p", b"\x1b[c", b"\x1b[0c"];

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Session {
    pub fn start(cols: u16, rows: u16, args: &[&str]) -> Self {
        Self::start_with(cols, rows, args, &[("TERM", "xterm-256color")])
    }

    /// [`Session::start`] with these environment variables set.
    pub fn start_with(cols: u16, rows: u16, args: &[&str], env: &[(&str, &str)]) -> Self {
        Self::program(cols, rows, NEWSTERM, args, env)
    }

    /// Another program (tmux running newsterm) in the pty, with the environment a newsterm
    /// session gets.
    pub fn program(
        cols: u16,
        rows: u16,
        program: &str,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Self {
        let pair = native_pty_system()
            .openpty(size(cols, rows))
            .expect("a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        for name in MACHINE_VARS {
            cmd.env_remove(name);
        }
        // Never the real state or settings: a home of its own unless the test names its
        // own directories.
        let home = Home::fresh();
        for (name, value) in home.vars() {
            cmd.env(name, value);
        }
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
            _home: home,
            screen: vt100::Parser::new(nonzero(rows), nonzero(cols), 0),
            answers: Answers::default(),
            held: Vec::new(),
        }
    }

    /// The session with its terminal answering these questions from now on.
    pub fn answering(mut self, answers: Answers) -> Self {
        self.answers = answers;
        self
    }

    /// Takes what the program wrote: onto the screen, and each question asked answered, the
    /// cursor's place as the screen has it right after the question.
    fn take(&mut self, chunk: Vec<u8>) {
        self.output.extend_from_slice(&chunk);
        self.held.extend(chunk);
        loop {
            let first = QUESTIONS
                .iter()
                .filter_map(|q| {
                    self.held
                        .windows(q.len())
                        .position(|w| w == *q)
                        .map(|at| (at, *q))
                })
                .min_by_key(|&(at, _)| at);
            let Some((at, question)) = first else {
                break;
            };
            let end = at + question.len();
            self.screen.process(&self.held[..end]);
            self.held.drain(..end);
            self.answer(question);
        }
        // A tail that may be a question not yet whole waits for the rest.
        let keep = self
            .held
            .iter()
            .rposition(|&b| b == 0x1b)
            .filter(|&at| QUESTIONS.iter().any(|q| q.starts_with(&self.held[at..])))
            .unwrap_or(self.held.len());
        self.screen.process(&self.held[..keep]);
        self.held.drain(..keep);
    }

    fn answer(&mut self, question: &[u8]) {
        let reply = match question {
            b"\x1b[6n" if self.answers.position => {
                let (row, col) = self.screen.screen().cursor_position();
                format!("\x1b[{};{}R", row + 1, col + 1)
            }
            b"\x1b[?2026$p" => match self.answers.sync {
                Some(value) => format!("\x1b[?2026;{value}$y"),
                None => return,
            },
            b"\x1b[c" | b"\x1b[0c" if self.answers.attributes => "\x1b[?62;22c".to_owned(),
            _ => return,
        };
        let _ = self.writer.write_all(reply.as_bytes());
        let _ = self.writer.flush();
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

    /// Waits until the emulated screen (its cursor, say) satisfies `done`.
    #[track_caller]
    pub fn wait_screen(&mut self, what: &str, done: impl Fn(&vt100::Screen) -> bool) {
        self.wait(what, |s| done(s.screen.screen()));
    }

    /// Reads what newsterm writes until `done`; fails the test after the timeout.
    #[track_caller]
    fn wait(&mut self, what: &str, done: impl Fn(&Session) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        while !done(self) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.chunks.recv_timeout(left) {
                Ok(chunk) => self.take(chunk),
                Err(_) => panic!(
                    "{what:?} never appeared; the screen:\n{}\nthe last output:\n{:?}",
                    self.screen.screen().contents(),
                    String::from_utf8_lossy(&self.output[self.output.len().saturating_sub(600)..])
                ),
            }
        }
    }

    /// Resizes the terminal, as a person dragging its window does.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.master.resize(size(cols, rows)).expect("pty resizes");
        self.screen
            .screen_mut()
            .set_size(nonzero(rows), nonzero(cols));
    }

    /// Tells the program the terminal has this size while the emulated screen keeps its own,
    /// as a terminal that reports a size it does not have.
    pub fn report_size(&mut self, cols: u16, rows: u16) {
        self.master.resize(size(cols, rows)).expect("pty resizes");
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
                self.take(chunk);
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
            self.take(chunk);
        }
        (status, String::from_utf8_lossy(&self.output).into_owned())
    }
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

/// Fails unless `output` (all a session wrote) ends with the restore sequence: the terminal
/// was given back last.
#[track_caller]
pub fn assert_restored_at_the_end(output: &str) {
    let restore = std::str::from_utf8(newsterm::tui::RESTORE).expect("ASCII");
    assert!(
        output.ends_with(restore),
        "the output ends with the restore sequence: {:?}",
        &output[output.len().saturating_sub(200)..]
    );
}
