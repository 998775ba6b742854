//! `newsterm --doctor` through the real binary: in a pseudo-terminal that answers its
//! questions (the cursor's place from the emulated screen) or answers nothing, without a
//! terminal, and inside a real tmux (tmux answers for the terminal), for `TERM` set to
//! `xterm-256color`, `screen-256color` and `linux`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::support::{Answers, NEWSTERM, Session, fresh_dir, newsterm_with, stdout};

/// A terminal that answers every question, and supports synchronized output.
const ANSWERING: Answers = Answers {
    position: true,
    sync: Some(2),
    attributes: true,
};

/// The report's lines once it is whole, and the session's exit status and output.
fn run_in_pty(term: &str, answers: Answers, lang: &str) -> (Vec<String>, String) {
    let mut s = Session::start_with(200, 60, &["--doctor"], &[("TERM", term), ("LANG", lang)])
        .answering(answers);
    s.wait_for(0, "summary ");
    let shown = s.screen_text();
    assert!(
        !s.screen.screen().hide_cursor(),
        "the cursor is shown again"
    );
    let (status, output) = s.finish();
    assert!(status.success(), "{status:?}");
    (unwrapped(shown.lines()), output)
}

/// The report's lines with the rows a terminal's report wraps under its text joined back.
fn unwrapped<'a>(rows: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for row in rows {
        match (row.strip_prefix("                 "), out.last_mut()) {
            (Some(more), Some(last)) if !more.starts_with(' ') => {
                last.push(' ');
                last.push_str(more.trim_end());
            }
            _ => out.push(row.trim_end().to_owned()),
        }
    }
    out
}

/// The line of `check`, its words after the check's name.
#[track_caller]
fn line<'a>(lines: &'a [String], check: &str) -> &'a str {
    lines
        .iter()
        .find_map(|l| {
            l.strip_prefix(check)
                .filter(|rest| rest.starts_with(' '))
                .map(str::trim_start)
        })
        .unwrap_or_else(|| panic!("no {check} line in:\n{}", lines.join("\n")))
}

/// Every line of `check`.
fn all<'a>(lines: &'a [String], check: &str) -> Vec<&'a str> {
    lines
        .iter()
        .filter_map(|l| {
            l.strip_prefix(check)
                .filter(|rest| rest.starts_with(' '))
                .map(str::trim_start)
        })
        .collect()
}

#[test]
fn in_an_xterm_that_answers_the_widths_it_draws_are_compared_with_newsterms() {
    let (lines, output) = run_in_pty("xterm-256color", ANSWERING, "C.UTF-8");
    // The test characters were written on the first row and erased: the report starts there.
    assert!(
        lines[0].starts_with("locale   ok      LANG=C.UTF-8"),
        "{}",
        lines.join("\n")
    );
    assert!(output.contains("\u{1b}[?2026$p"), "DECRQM asked");
    assert!(output.contains("\u{1b}[6n"), "the cursor's place asked");
    assert!(
        line(&lines, "term")
            .starts_with("ok      TERM=xterm-256color: xterm or a terminal like it")
    );
    assert!(line(&lines, "colours").starts_with("ok      256 colours (TERM=xterm-256color)"));
    assert!(
        line(&lines, "sync")
            .starts_with("ok      the terminal supports synchronized output (mode 2026)")
    );
    assert!(line(&lines, "copy").starts_with("ok      y copies with OSC 52"));
    assert!(line(&lines, "links").starts_with("ok      links in the reader are hyperlinks"));
    assert!(line(&lines, "mouse").contains("hold Shift while dragging"));
    // vt100 draws each character of a ZWJ sequence on its own (4 columns); the rest as
    // newsterm counts them.
    let widths = all(&lines, "widths");
    assert_eq!(
        widths,
        [
            "problem the terminal draws 👩\u{200d}💻 (an emoji sequence joined by ZWJ) 4 columns \
             wide, newsterm expects 2: lines with such text may be misaligned — fix: a terminal \
             that draws emoji sequences as one character (kitty, WezTerm, foot, iTerm2, Windows \
             Terminal)",
            "ok      the terminal gives 漢 🙂 🇻🇳 Tie\u{302}\u{301}ng the columns newsterm counts",
        ],
        "{}",
        lines.join("\n")
    );
    for check in ["config", "state", "cache", "library"] {
        assert!(
            line(&lines, check).starts_with("ok "),
            "{}",
            lines.join("\n")
        );
    }
    assert!(line(&lines, "summary").starts_with("note    1 problem"));
}

#[test]
fn a_terminal_that_answers_nothing_gets_did_not_answer_lines_without_a_hang() {
    let started = Instant::now();
    let (lines, _) = run_in_pty("xterm-256color", Answers::default(), "C.UTF-8");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(
        line(&lines, "sync").starts_with("note    the terminal did not answer"),
        "{}",
        lines.join("\n")
    );
    assert!(line(&lines, "widths").starts_with("note    the terminal did not answer"));
}

/// The end of what the probe writes on every way out: the line erased, the cursor shown.
const ERASED: &str = "\r\u{1b}[K\u{1b}[?25h";

#[test]
fn ctrl_c_or_a_signal_while_waiting_for_answers_restores_the_terminal_and_ends_it() {
    // Ctrl-C typed: raw mode makes it a byte, read as a request to stop.
    let mut s = Session::start_with(80, 24, &["--doctor"], &[("TERM", "xterm-256color")]);
    s.wait_for(0, "\u{1b}[c");
    s.press_nowait("\u{3}");
    let (status, output) = s.finish();
    assert_eq!(status.exit_code(), 130, "{status:?}");
    assert!(output.ends_with(ERASED), "{output:?}");
    assert!(
        !output.contains("locale"),
        "no report after Ctrl-C: {output:?}"
    );

    let mut s = Session::start_with(80, 24, &["--doctor"], &[("TERM", "xterm-256color")]);
    s.wait_for(0, "\u{1b}[c");
    s.kill("TERM");
    let (status, output) = s.finish();
    let said = status.signal().unwrap_or_default();
    assert!(said.starts_with("Terminated"), "{status:?}");
    assert!(output.ends_with(ERASED), "{output:?}");
}

#[test]
fn a_terminal_without_synchronized_output_says_so() {
    let answers = Answers {
        sync: Some(0),
        ..ANSWERING
    };
    let (lines, _) = run_in_pty("xterm-256color", answers, "C.UTF-8");
    assert!(line(&lines, "sync").starts_with("note    the terminal does not support"));
    // Only DA1 answered: DECRQM was not understood.
    let answers = Answers {
        position: false,
        sync: None,
        attributes: true,
    };
    let (lines, _) = run_in_pty("xterm-256color", answers, "C.UTF-8");
    assert!(line(&lines, "sync").contains("did not answer the question for mode 2026"));
    assert!(line(&lines, "widths").contains("did not answer the questions for the cursor"));
}

#[test]
fn screen_256color_outside_tmux_is_screen_or_a_far_tmux() {
    let (lines, _) = run_in_pty("screen-256color", ANSWERING, "C.UTF-8");
    assert!(
        line(&lines, "term").starts_with("note    TERM=screen-256color and no TMUX: GNU screen")
    );
    assert!(line(&lines, "copy").starts_with("note    y sends OSC 52: GNU screen drops it"));
    assert!(line(&lines, "links").starts_with("note    GNU screen drops hyperlinks"));
    assert!(line(&lines, "colours").starts_with("ok      256 colours"));
}

#[test]
fn the_linux_console_and_a_locale_that_is_not_utf8() {
    let (lines, _) = run_in_pty("linux", ANSWERING, "C");
    assert_eq!(
        line(&lines, "locale"),
        "problem LANG=C: the character set is not UTF-8; newsterm writes UTF-8 anyway, but \
         tmux and some terminals may show letters as _ or ? — fix: export LANG=C.UTF-8"
    );
    assert!(line(&lines, "term").starts_with("note    TERM=linux: the Linux console"));
    assert!(line(&lines, "colours").starts_with("ok      16 colours (TERM=linux"));
    assert!(line(&lines, "copy").starts_with("problem the Linux console has no clipboard"));
    assert!(line(&lines, "links").contains("fix: hyperlinks = false in config.toml"));
}

#[test]
fn a_dumb_terminal_is_asked_nothing() {
    let (lines, output) = run_in_pty("dumb", ANSWERING, "C.UTF-8");
    assert!(
        !output.contains('\u{1b}'),
        "no escape sequence for TERM=dumb: {output:?}"
    );
    assert!(line(&lines, "term").starts_with("problem TERM=dumb"));
    assert!(line(&lines, "widths").starts_with("skipped not asked: TERM=dumb"));
}

#[test]
fn without_a_terminal_the_probes_are_skipped_and_the_rest_runs() {
    let out = newsterm_with(
        &["--doctor", "--no-mouse"],
        None,
        &[("TERM", "xterm-256color"), ("LANG", "C.UTF-8")],
    );
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    let lines: Vec<String> = text.lines().map(str::to_owned).collect();
    for check in ["sync", "widths"] {
        assert_eq!(
            line(&lines, check),
            "skipped not asked: standard input and output are not both a terminal"
        );
    }
    assert!(line(&lines, "mouse").starts_with("ok      --no-mouse: newsterm leaves the mouse"));
    assert!(line(&lines, "state").starts_with("ok "), "{text}");
    assert!(
        !text.contains('\u{1b}'),
        "no escape sequence without a terminal: {text:?}"
    );
}

#[test]
fn doctor_with_render_check_plain_or_a_source_is_a_bad_argument() {
    for other in [
        &["--render", "80x24"][..],
        &["--check"],
        &["--plain"],
        &["feed.xml"],
    ] {
        let mut args = vec!["--doctor"];
        args.extend(other);
        let out = newsterm_with::<&str>(&args, None, &[]);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

/// A tmux server of the test's own (its socket in a fresh folder, default settings),
/// killed when the test ends however it ends; `None` when tmux is not installed.
struct Tmux {
    socket: PathBuf,
}

impl Tmux {
    fn new(dir: &Path) -> Option<Tmux> {
        let found = Command::new("tmux").arg("-V").output();
        if !found.is_ok_and(|out| out.status.success()) {
            eprintln!("tmux is not installed: the cases inside tmux are skipped");
            return None;
        }
        Some(Tmux {
            socket: dir.join("tmux.sock"),
        })
    }

    fn socket(&self) -> &str {
        self.socket.to_str().expect("a UTF-8 path")
    }

    /// `newsterm --doctor` in a tmux client attached in a pty whose `TERM` is `term`; the
    /// report's lines as tmux's pane holds them, joined where tmux wrapped them.
    fn doctor(&self, term: &str) -> Vec<String> {
        self.doctor_with(term, "/dev/null")
    }

    /// [`Tmux::doctor`] in a server started with the settings file `conf`.
    fn doctor_with(&self, term: &str, conf: &str) -> Vec<String> {
        let script = format!("'{NEWSTERM}' --doctor; echo doctor-done; sleep 60");
        let args = [
            "-S",
            self.socket(),
            "-f",
            conf,
            "new-session",
            "sh",
            "-c",
            &script,
        ];
        let mut s = Session::program(
            120,
            50,
            "tmux",
            &args,
            &[("TERM", term), ("LANG", "C.UTF-8")],
        );
        s.wait_for(0, "doctor-done");
        let out = Command::new("tmux")
            .args(["-S", self.socket(), "capture-pane", "-p", "-J", "-S", "-"])
            .output()
            .expect("tmux runs");
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        unwrapped(text.lines().take_while(|l| *l != "doctor-done"))
    }

    /// The installed tmux's (major, minor) version.
    fn version() -> (u32, u32) {
        let out = Command::new("tmux").arg("-V").output().expect("tmux runs");
        newsterm::doctor::tmux::version_number(&String::from_utf8_lossy(&out.stdout))
            .unwrap_or((99, 0))
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-S", self.socket(), "kill-server"])
            .output();
    }
}

#[test]
fn inside_tmux_the_report_is_of_tmux_and_the_terminal_outside_it() {
    for term in ["xterm-256color", "screen-256color", "linux"] {
        let dir = fresh_dir("doctor-tmux");
        let Some(tmux) = Tmux::new(&dir) else {
            return;
        };
        let lines = tmux.doctor(term);
        let report = lines.join("\n");
        assert!(
            line(&lines, "term").contains("tmux's terminal type"),
            "{report}"
        );
        // tmux answers for the terminal: DA1 and the cursor's place.
        let sync = line(&lines, "sync");
        assert!(sync.contains("tmux"), "{report}");
        assert!(!sync.contains("did not answer (nothing"), "{report}");
        let widths = all(&lines, "widths");
        assert!(
            widths
                .iter()
                .any(|w| w.starts_with("ok      tmux gives 漢")),
            "{report}"
        );
        let copy = line(&lines, "copy");
        if term.starts_with("xterm") {
            // tmux's default terminal-features give xterm* the clipboard.
            assert!(
                copy.starts_with("ok      y puts the link in tmux's buffer and tmux passes it"),
                "{report}"
            );
            assert!(copy.contains(&format!("TERM={term}")), "{report}");
        } else {
            assert_eq!(
                copy,
                format!(
                    "problem tmux does not know that the terminal (TERM={term}) takes OSC 52: \
                     y's links stay in tmux's buffer (prefix ] pastes them), never the \
                     terminal's clipboard — fix: tmux set -as terminal-features \
                     ',{term}:clipboard'"
                ),
                "{report}"
            );
        }
        let links = line(&lines, "links");
        if Tmux::version() < (3, 4) {
            assert!(links.contains("drops hyperlinks (OSC 8)"), "{report}");
            assert!(links.ends_with("fix: tmux 3.4 or later"), "{report}");
        } else {
            assert!(links.contains("hyperlinks"), "{report}");
        }
        assert!(line(&lines, "mouse").contains("inside tmux"), "{report}");
        assert!(line(&lines, "summary").starts_with("note "), "{report}");
    }
}

#[test]
fn inside_tmux_with_set_clipboard_off_copies_stop_at_tmux() {
    let dir = fresh_dir("doctor-tmux-off");
    let Some(tmux) = Tmux::new(&dir) else {
        return;
    };
    // A server of its own with set-clipboard off from the start.
    let conf = dir.join("tmux.conf");
    std::fs::write(&conf, "set -g set-clipboard off\n").expect("a tmux config");
    let lines = tmux.doctor_with("xterm-256color", conf.to_str().expect("UTF-8"));
    let text = lines.join("\n");
    assert!(
        line(&lines, "copy")
            .starts_with("problem set-clipboard is off: OSC 52 copies stop at tmux"),
        "{text}"
    );
    assert!(line(&lines, "copy").ends_with("— fix: tmux set -g set-clipboard on"));
}
