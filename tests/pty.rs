//! The real binary in a pseudo-terminal, as a person runs it: it draws, answers keys and
//! resizes, quits with `Q` and status 0, and leaves the terminal as it found it.

use std::time::Duration;

use crate::support::Session;

#[test]
fn keys_help_resize_and_quit_in_a_real_terminal() {
    let mut s = Session::start(120, 40, &[]);
    s.wait_for(0, "Headlines 1/8");
    s.press("j", "2/8");
    s.press("\r", "Cận cảnh");
    s.press("?", "Keys");
    s.press("q", "Space/b page");
    s.resize(80, 24);
    s.wait_for(0, "· Reader");
    s.press("\t", "· Related");
    s.press("Q", "\u{1b}[?1049l");
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
    s.press("Q", "\u{1b}[?1049l");
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

#[test]
fn a_terminal_that_says_it_is_65535_square_gets_a_bounded_frame_and_quits_cleanly() {
    let mut s = Session::start(80, 24, &[]);
    s.wait_for(0, "Headlines 1/8");
    s.report_size(65535, 65535);
    s.idle(Duration::from_millis(300));
    s.press("Q", "\u{1b}[?1049l");
    let (status, _) = s.finish();
    assert!(status.success(), "{status:?}");
}
