//! Every way out of newsterm in a real pseudo-terminal gives the terminal back: the restore
//! sequence ends the output, the exit says why, and the process is gone within a second (no
//! CPU spin after a hang-up).

use std::time::{Duration, Instant};

use newsterm::tui::RESTORE;

use crate::support::{Session, assert_restored_at_the_end};

fn started() -> Session {
    let mut s = Session::start(80, 24, &[]);
    s.wait_for(0, "Headlines 1/8");
    s.press("j\r", "· Reader");
    s
}

#[test]
fn signals_that_end_it_restore_the_terminal_and_end_it_by_that_signal() {
    for (signal, name) in [
        ("TERM", "Terminated"),
        ("INT", "Interrupt"),
        ("HUP", "Hangup"),
        ("QUIT", "Quit"),
        ("USR1", "User defined signal 1"),
        ("ALRM", "Alarm clock"),
        ("XCPU", "CPU time limit exceeded"),
        ("RTMIN+3", "Real-time signal 3"),
    ] {
        let s = started();
        s.kill(signal);
        let sent = Instant::now();
        let (status, output) = s.finish();
        let took = sent.elapsed();
        let said = status.signal().unwrap_or_default();
        assert!(said.starts_with(name), "SIG{signal}: {status:?}");
        assert!(
            took < Duration::from_secs(1),
            "SIG{signal}: gone after {took:?}"
        );
        assert_restored_at_the_end(&output);
    }
}

#[test]
fn a_bundle_cut_short_while_open_restores_the_terminal_and_ends_by_sigbus() {
    let dir = crate::support::fresh_dir("cut-short");
    // Many stories with titles sharing no word: none is related to the first, so the last one
    // cannot have been laid out ahead of need before the file shrinks; opening it reads the
    // lost pages.
    let articles: Vec<_> = (0..300)
        .map(|i| {
            serde_json::json!({"id": format!("s{i}"), "title": format!("t{i:03}x"),
                "body": [{"type": "paragraph", "text": "word ".repeat(200)}]})
        })
        .collect();
    let json = serde_json::json!({"newsterm": 1, "title": "Cut", "articles": articles});
    let bundle = dir.file("news.json", json.to_string());
    let path = bundle.to_str().expect("UTF-8 path");
    let mut s = Session::start(80, 24, &[path]);
    s.wait_for(0, "Headlines 1/300");
    // As `curl -o` over the file being read does: the mapped pages are gone.
    std::fs::File::options()
        .write(true)
        .open(&bundle)
        .and_then(|f| f.set_len(0))
        .expect("the bundle is truncated");
    s.press_nowait("G\r");
    let (status, output) = s.finish();
    let said = status.signal().unwrap_or_default();
    assert!(said.starts_with("Bus error"), "{status:?}");
    let restore = std::str::from_utf8(RESTORE).expect("ASCII");
    assert!(output.contains(restore), "restored: {output:?}");
    assert!(output.contains("cut short"), "told why: {output:?}");
}

#[test]
fn a_dropped_connection_ends_it_at_once() {
    let s = started();
    let closed = Instant::now();
    let status = s.hang_up("?");
    let took = closed.elapsed();
    assert!(!status.success(), "{status:?}");
    assert!(took < Duration::from_secs(1), "gone after {took:?}");
}

#[test]
fn q_from_the_list_q_and_ctrl_c_restore_the_terminal_and_exit_0() {
    for key in ["q", "Q", "\u{3}"] {
        let mut s = started();
        if key == "q" {
            // From the reader, q goes up to the list; from the list it quits.
            s.press("q", "· Headlines");
        }
        s.press(key, "\u{1b}[?1049l");
        let (status, output) = s.finish();
        assert!(status.success(), "{key:?}: {status:?}");
        assert_restored_at_the_end(&output);
    }
}

#[test]
fn ctrl_z_gives_the_terminal_back_and_a_continue_repaints_everything() {
    let mut s = started();
    let before = s.screen.screen().contents();
    let from = s.output().len();
    s.press("\u{1a}", "\u{1b}[?1049l");
    let restore = std::str::from_utf8(RESTORE).expect("ASCII");
    s.wait_for(from, restore);
    // Stopped: the shell's screen is back. Now the shell's `fg`.
    s.wait_stopped();
    let from = s.output().len();
    s.kill("CONT");
    s.wait_for(from, "\u{1b}[?1049h");
    s.wait_for(from, "· Reader");
    assert_eq!(s.screen.screen().contents(), before, "repainted whole");
    // And it still reads keys.
    s.press("Q", "\u{1b}[?1049l");
    let (status, output) = s.finish();
    assert!(status.success(), "{status:?}");
    assert_restored_at_the_end(&output);
}

#[test]
fn a_stop_it_did_not_see_coming_is_repainted_on_continue() {
    let mut s = started();
    let before = s.screen.screen().contents();
    s.kill("STOP");
    s.wait_stopped();
    let from = s.output().len();
    s.kill("CONT");
    s.wait_for(from, "\u{1b}[?1049h");
    s.wait_for(from, "· Reader");
    assert_eq!(s.screen.screen().contents(), before);
    s.press("Q", "\u{1b}[?1049l");
    assert!(s.finish().0.success());
}

#[test]
fn the_locale_note_fits_an_80_column_status_bar() {
    let mut s = Session::start_with(80, 24, &[], &[("TERM", "xterm"), ("LANG", "C")]);
    s.wait_for(0, "set LANG=C.UTF-8");
    let status = s.screen.screen().contents();
    assert!(
        status.contains("LANG=C is not UTF-8; if text looks wrong, set LANG=C.UTF-8"),
        "{status}"
    );
    s.press("q", "\u{1b}[?1049l");
    assert!(s.finish().0.success());
}

#[test]
fn an_idle_second_sends_nothing_and_a_key_that_changes_nothing_neither() {
    let mut s = started();
    // Let the last frame arrive, then listen.
    s.idle(Duration::from_millis(300));
    let before = s.output().len();
    s.idle(Duration::from_secs(1));
    assert_eq!(s.output().len(), before, "idle");
    s.press("k", "· Reader");
    s.idle(Duration::from_millis(300));
    assert_eq!(s.output().len(), before, "k at the top of a story");
    s.press("Q", "\u{1b}[?1049l");
    assert!(s.finish().0.success());
}

/// What the terminal shows and what was sent, for one session with `env`.
fn session_with(env: &[(&str, &str)]) -> (String, Vec<u8>) {
    let mut s = Session::start_with(100, 30, &[], env);
    s.wait_for(0, "Headlines 1/8");
    // Each key waits for its frame: keys that arrive together share one, which would make
    // the bytes depend on timing.
    s.press("j", "Headlines 2/8");
    s.press("j", "Headlines 3/8");
    s.press("\r", "7 unread");
    s.press("z", "· Reader");
    s.press(" ", "· Reader");
    let screen = s.screen.screen().contents();
    s.press("Q", "\u{1b}[?1049l");
    let (status, output) = s.finish();
    assert!(status.success(), "{env:?}: {status:?}");
    (screen, output.into_bytes())
}

#[test]
fn every_terminal_type_and_locale_gets_the_same_utf8_frames() {
    let (screen, bytes) = session_with(&[("TERM", "xterm-256color"), ("LANG", "C.UTF-8")]);
    assert!(screen.contains("Cận cảnh"), "Vietnamese shows: {screen}");
    for term in [
        "xterm",
        "screen-256color",
        "screen",
        "linux",
        "tmux-256color",
    ] {
        let (other_screen, other_bytes) = session_with(&[("TERM", term), ("LANG", "C.UTF-8")]);
        assert_eq!(other_screen, screen, "TERM={term}");
        assert_eq!(other_bytes, bytes, "TERM={term}: the same bytes");
    }
    // LANG=C: the same UTF-8 text; only the first frame's status bar carries the note.
    let mut s = Session::start_with(100, 30, &[], &[("TERM", "xterm"), ("LANG", "C")]);
    s.wait_for(0, "LANG=C is not UTF-8");
    s.press("j", "Headlines 2/8");
    s.press("j", "Headlines 3/8");
    s.press("\r", "7 unread");
    s.press("z", "· Reader");
    s.press(" ", "· Reader");
    assert_eq!(s.screen.screen().contents(), screen, "LANG=C");
    s.press("Q", "\u{1b}[?1049l");
    assert!(s.finish().0.success());
}

#[test]
fn clicks_double_clicks_and_the_wheel_in_a_real_terminal() {
    let mut s = Session::start(120, 40, &[]);
    s.wait_for(0, "Headlines 1/8");
    assert!(
        s.output().windows(8).any(|w| w == b"\x1b[?1006h"),
        "mouse reports asked for"
    );
    // The third headline is on row 5, column 6 (1-based, as the terminal reports them).
    s.press("\u{1b}[<0;6;5M\u{1b}[<0;6;5m", "Headlines 3/8");
    // A second press on the same cell at once: a double click opens the story (its whole
    // title shows only in the reader).
    s.press(
        "\u{1b}[<0;6;5M\u{1b}[<0;6;5m",
        "Cận cảnh phòng học “5 sao” tại trường liên cấp",
    );
    s.press("Q", "\u{1b}[?1049l");
    let (status, output) = s.finish();
    assert!(status.success());
    assert!(output.contains("\u{1b}[?1000l"), "mouse reports turned off");
}

#[test]
fn no_mouse_leaves_the_mouse_to_the_terminal() {
    let mut s = Session::start(80, 24, &["--no-mouse"]);
    s.wait_for(0, "Headlines 1/8");
    assert!(!s.output().windows(8).any(|w| w == b"\x1b[?1000h"));
    s.press("Q", "\u{1b}[?1049l");
    assert!(s.finish().0.success());
}
