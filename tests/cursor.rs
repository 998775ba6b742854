//! The terminal's cursor on the selection, in the real binary in a pseudo-terminal: shown and
//! on the focused row after every key with `cursor = true` or `NEWSTERM_CURSOR=1`, hidden
//! without them.

use newsterm::app::App;
use newsterm::bundle::sample;
use newsterm::headless;
use newsterm::keys::parse_keys;
use newsterm::layout::Pane;

use crate::support::{Session, TempDir, assert_restored_at_the_end, fresh_dir};

/// A settings directory whose config.toml is `text`.
fn config(text: &str) -> TempDir {
    let dir = fresh_dir("cursor-config");
    std::fs::create_dir_all(dir.join("newsterm")).expect("config dir");
    std::fs::write(dir.join("newsterm/config.toml"), text).expect("config");
    dir
}

/// The screen's text on row `row`.
fn row_text(screen: &vt100::Screen, row: u16) -> String {
    let (_, cols) = screen.size();
    screen.contents_between(row, 0, row, cols.into())
}

/// Presses each of `steps` (the bytes sent, what the screen shows once they are answered,
/// the same key for `--keys`) and checks the cursor after each: visible, where
/// `ui::cursor::position` puts it in the same state, and, in the headline list, on the row
/// of the selected headline.
fn walk(mut s: Session, steps: &[(&str, &str, &str)]) {
    s.wait_for(0, "Headlines 1/8");
    let mut app = App::new(sample().expect("sample"), 80, 24);
    for &(bytes, shows, keys) in steps {
        s.press(bytes, shows);
        headless::press(&mut app, &parse_keys(keys).expect("keys"));
        let at = newsterm::ui::cursor::position(&app).expect("a place for the cursor");
        s.wait_screen(&format!("the cursor at {at:?} after {keys:?}"), |screen| {
            !screen.hide_cursor() && screen.cursor_position() == (at.y, at.x)
        });
        if app.focus() == Pane::Headlines && !app.typing() && app.help_scroll().is_none() {
            let title = &app.bundle().articles[app.selected()].title;
            let start: String = title.chars().take(12).collect();
            let row = row_text(s.screen.screen(), at.y);
            assert!(
                row.contains(&start),
                "after {keys:?}: {row:?} for {title:?}"
            );
        }
    }
    s.press("Q", "\u{1b}[?1049l");
    let (status, output) = s.finish();
    assert!(status.success(), "{status:?}");
    assert_restored_at_the_end(&output);
}

const STEPS: &[(&str, &str, &str)] = &[
    ("j", "Headlines 2/8", "j"),
    ("j", "Headlines 3/8", "j"),
    ("k", "Headlines 2/8", "k"),
    ("\r", "· Reader", "Enter"),
    ("j", "· Reader", "j"),
    ("\t", "· Related", "Tab"),
    ("j", "· Related", "j"),
    ("\t", "· Headlines", "Tab"),
    ("/", "/", "/"),
    ("v", "/v", "v"),
    ("\u{1b}", "Enter read", "Esc"),
    ("j", "Headlines 3/8", "j"),
];

#[test]
fn the_cursor_setting_puts_the_cursor_on_the_selection() {
    let dir = config("cursor = true\n");
    let home = dir.to_string_lossy().into_owned();
    let s = Session::start_with(
        80,
        24,
        &[],
        &[("TERM", "xterm"), ("XDG_CONFIG_HOME", &home)],
    );
    walk(s, STEPS);
}

#[test]
fn newsterm_cursor_1_puts_the_cursor_on_the_selection_over_the_setting() {
    let dir = config("cursor = false\n");
    let home = dir.to_string_lossy().into_owned();
    let s = Session::start_with(
        80,
        24,
        &[],
        &[
            ("TERM", "xterm"),
            ("XDG_CONFIG_HOME", &home),
            ("NEWSTERM_CURSOR", "1"),
        ],
    );
    walk(s, STEPS);
}

#[test]
fn without_the_setting_the_cursor_stays_hidden() {
    // Unless this machine has a screen reader's signs (the variables are cleared for tests,
    // files such as Speakup's are not).
    if newsterm::config::assisted(|_| None, |p| p.exists()) {
        eprintln!("skipped: this machine shows signs of a screen reader");
        return;
    }
    let mut s = Session::start(80, 24, &[]);
    s.wait_for(0, "Headlines 1/8");
    for (keys, shows) in [
        ("j", "Headlines 2/8"),
        ("\r", "· Reader"),
        ("\t", "· Related"),
    ] {
        s.press(keys, shows);
        assert!(s.screen.screen().hide_cursor(), "hidden after {keys:?}");
    }
    s.press("Q", "\u{1b}[?1049l");
    let (status, output) = s.finish();
    assert!(status.success());
    let frames = &output[..output.rfind("\u{1b}[m\u{1b}[r\u{1b}[2J").expect("restored")];
    assert!(
        !frames.contains("\u{1b}[?25h"),
        "never shown before the restore"
    );
}

#[test]
fn a_newsterm_cursor_that_is_no_yes_or_no_is_refused_before_the_terminal_is_taken() {
    let s = Session::start_with(80, 24, &[], &[("NEWSTERM_CURSOR", "maybe")]);
    let (status, output) = s.finish();
    assert_eq!(status.exit_code(), 2);
    assert!(!output.contains('\u{1b}'), "{output:?}");
    assert!(
        output.starts_with("newsterm: NEWSTERM_CURSOR is 1 or 0"),
        "{output}"
    );
    assert_eq!(output.trim_end().lines().count(), 1, "{output}");
}
