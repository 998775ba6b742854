//! The report from made-up environments: each locale, TERM, tmux answer and terminal answer
//! gives its line.

use std::path::PathBuf;

use super::paths::{Found, LibraryFile};
use super::probe::{Replies, SAMPLES};
use super::tmux::Answers;
use super::*;

/// An environment with these variables, no terminal, default settings and folders that are
/// all writable.
fn env(vars: &[(&str, &str)]) -> Environment {
    Environment {
        vars: vars
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect(),
        tmux: None,
        probe: Probe::NoTerminal,
        config_path: Some((PathBuf::from("/h/.config/newsterm/config.toml"), false)),
        config: Ok(Config::default()),
        no_mouse: false,
        state: Some((PathBuf::from("/h/.local/state/newsterm"), Found::Writable)),
        cache: Some((PathBuf::from("/h/.cache/newsterm"), Found::Writable)),
        library: Some((
            PathBuf::from("/h/.local/share/newsterm/library.db"),
            Found::Writable,
            Some(LibraryFile {
                bytes: 4096,
                writable: true,
            }),
        )),
    }
}

/// The line of `check` (the first, for widths).
fn line(env: &Environment, check: &str) -> Line {
    report(env)
        .into_iter()
        .find(|l| l.check == check)
        .unwrap_or_else(|| panic!("no {check} line"))
}

fn lines(env: &Environment, check: &str) -> Vec<Line> {
    report(env)
        .into_iter()
        .filter(|l| l.check == check)
        .collect()
}

/// tmux 3.3a as installed, with a client whose terminal has these features.
fn tmux(version: &str, clipboard: &str, client: &str) -> Answers {
    Answers {
        version: Ok(version.to_owned()),
        set_clipboard: Ok(clipboard.to_owned()),
        allow_passthrough: Ok("off".to_owned()),
        terminal_features: Ok(
            "xterm*:clipboard:ccolour:cstyle:focus:title\nscreen*:title".to_owned()
        ),
        client: Ok(client.to_owned()),
    }
}

fn in_tmux(answers: Answers) -> Environment {
    let mut e = env(&[
        ("LANG", "C.UTF-8"),
        ("TERM", "tmux-256color"),
        ("TMUX", "/tmp/tmux-0/default,1,0"),
    ]);
    e.tmux = Some(answers);
    e
}

fn answered(sync: Option<u8>, widths: &[Option<usize>]) -> Probe {
    Probe::Answered(Replies {
        sync,
        da1: true,
        widths: widths.to_vec(),
    })
}

const EXPECTED: [usize; 5] = [2, 2, 2, 2, 5];

#[test]
fn the_samples_have_the_widths_newsterm_counts() {
    let counted: Vec<usize> = SAMPLES.iter().map(|s| crate::text::width(s.text)).collect();
    assert_eq!(counted, EXPECTED);
}

#[test]
fn the_locale_is_decided_as_setlocale_does() {
    let ok = line(&env(&[("LANG", "en_US.UTF-8")]), "locale");
    assert_eq!(ok.verdict, Verdict::Ok);
    assert!(ok.says.starts_with("LANG=en_US.UTF-8"), "{}", ok.says);
    assert_eq!(
        line(&env(&[("LC_CTYPE", "vi_VN.utf8")]), "locale").verdict,
        Verdict::Ok
    );

    let c = line(&env(&[("LANG", "C")]), "locale");
    assert_eq!(c.verdict, Verdict::Problem);
    assert!(
        c.says.starts_with("LANG=C: the character set is not UTF-8"),
        "{}",
        c.says
    );
    assert_eq!(c.fix.as_deref(), Some("export LANG=C.UTF-8"));

    let all = line(
        &env(&[("LC_ALL", "POSIX"), ("LANG", "en_US.UTF-8")]),
        "locale",
    );
    assert_eq!(all.verdict, Verdict::Problem);
    assert!(
        all.says
            .starts_with("LC_ALL=POSIX (it wins over LANG=en_US.UTF-8)"),
        "{}",
        all.says
    );
    assert_eq!(all.fix.as_deref(), Some("export LC_ALL=C.UTF-8"));

    let ctype = line(&env(&[("LC_CTYPE", "C"), ("LANG", "C.UTF-8")]), "locale");
    assert_eq!(ctype.fix.as_deref(), Some("export LC_CTYPE=C.UTF-8"));

    let none = line(&env(&[]), "locale");
    assert_eq!(none.verdict, Verdict::Problem);
    assert!(
        none.says
            .starts_with("none of LC_ALL, LC_CTYPE and LANG is set")
    );
    assert_eq!(none.fix.as_deref(), Some("export LANG=C.UTF-8"));
}

#[test]
fn each_term_says_what_it_implies() {
    let term = |vars: &[(&str, &str)]| line(&env(vars), "term");
    let unset = term(&[]);
    assert_eq!(unset.verdict, Verdict::Problem);
    assert_eq!(unset.fix.as_deref(), Some("export TERM=xterm-256color"));
    let dumb = term(&[("TERM", "dumb")]);
    assert_eq!(dumb.verdict, Verdict::Problem);
    assert!(
        dumb.says
            .starts_with("TERM=dumb: a terminal that understands no escape")
    );
    let linux = term(&[("TERM", "linux")]);
    assert_eq!(linux.verdict, Verdict::Note);
    assert!(linux.says.contains("the Linux console"), "{}", linux.says);
    assert!(linux.says.contains("no CJK or emoji"), "{}", linux.says);
    let screen = term(&[("TERM", "screen-256color")]);
    assert_eq!(screen.verdict, Verdict::Note);
    assert!(
        screen
            .says
            .contains("GNU screen, or tmux on another machine"),
        "{}",
        screen.says
    );
    let sty = term(&[("TERM", "screen-256color"), ("STY", "1234.pts-0.host")]);
    assert_eq!(sty.verdict, Verdict::Ok);
    assert!(sty.says.contains("GNU screen (STY is set)"), "{}", sty.says);
    let tmux_type = term(&[("TERM", "screen-256color"), ("TMUX", "/tmp/s,1,0")]);
    assert!(
        tmux_type.says.contains("tmux's terminal type"),
        "{}",
        tmux_type.says
    );
    let far_tmux = term(&[("TERM", "tmux-256color")]);
    assert!(
        far_tmux.says.contains("tmux on another machine"),
        "{}",
        far_tmux.says
    );
    let xterm = term(&[("TERM", "xterm-256color")]);
    assert_eq!(xterm.verdict, Verdict::Ok);
    assert!(
        xterm
            .says
            .starts_with("TERM=xterm-256color: xterm or a terminal like it")
    );
    let xterm_in_tmux = term(&[("TERM", "xterm-256color"), ("TMUX", "/tmp/s,1,0")]);
    assert_eq!(xterm_in_tmux.verdict, Verdict::Note);
    assert_eq!(
        xterm_in_tmux.fix.as_deref(),
        Some("tmux set -g default-terminal tmux-256color")
    );
    assert_eq!(term(&[("TERM", "alacritty")]).verdict, Verdict::Ok);
    // What a variable holds is shown, never obeyed.
    let hostile = term(&[("TERM", "xterm\u{1b}[2J")]);
    assert!(!hostile.to_string().contains('\u{1b}'), "{hostile}");
    assert!(hostile.says.contains("xterm\\u{1b}[2J"), "{}", hostile.says);
}

#[test]
fn colours_follow_no_color_colorterm_and_term() {
    let colours = |vars: &[(&str, &str)]| line(&env(vars), "colours").says;
    assert!(
        colours(&[("TERM", "xterm-256color"), ("NO_COLOR", "1")])
            .starts_with("NO_COLOR=1: newsterm draws without colour")
    );
    assert!(
        colours(&[("TERM", "xterm-256color"), ("COLORTERM", "truecolor")])
            .starts_with("truecolour (COLORTERM=truecolor)")
    );
    assert!(colours(&[("TERM", "xterm"), ("COLORTERM", "24bit")]).starts_with("truecolour"));
    let c256 = colours(&[("TERM", "screen-256color")]);
    assert!(
        c256.starts_with("256 colours (TERM=screen-256color): enough"),
        "{c256}"
    );
    assert!(c256.ends_with("; theme dark"), "{c256}");
    assert!(
        colours(&[("TERM", "linux")])
            .starts_with("16 colours (TERM=linux: 8 and their bright forms)")
    );
    assert!(colours(&[("TERM", "xterm")]).starts_with("16 colours (TERM=xterm)"));
    let dumb = line(&env(&[("TERM", "dumb")]), "colours");
    assert_eq!(dumb.verdict, Verdict::Problem);
    let mut mono = env(&[("TERM", "xterm")]);
    mono.config = Ok(Config {
        theme: crate::config::ThemeName::Mono,
        ..Config::default()
    });
    assert!(
        line(&mono, "colours")
            .says
            .ends_with("theme mono (no colour)")
    );
}

#[test]
fn without_a_terminal_each_probe_line_says_it_was_skipped() {
    let e = env(&[("LANG", "C.UTF-8"), ("TERM", "xterm-256color")]);
    for check in ["sync", "widths"] {
        let l = line(&e, check);
        assert_eq!(l.verdict, Verdict::Skipped, "{l}");
        assert!(l.says.contains("not both a terminal"), "{l}");
    }
    // The rest still runs.
    assert_eq!(line(&e, "copy").verdict, Verdict::Ok);
    assert_eq!(line(&e, "library").verdict, Verdict::Ok);
}

#[test]
fn synchronized_output_as_the_terminal_answers() {
    let mut e = env(&[("LANG", "C.UTF-8"), ("TERM", "xterm-256color")]);
    let sync = |e: &mut Environment, probe: Probe| {
        e.probe = probe;
        line(e, "sync")
    };
    let all = [Some(2); 5];
    let yes = sync(&mut e, answered(Some(2), &all));
    assert_eq!(yes.verdict, Verdict::Ok);
    assert!(
        yes.says
            .starts_with("the terminal supports synchronized output (mode 2026)")
    );
    assert!(yes.says.contains("ESC[?2026h"), "{}", yes.says);
    let no = sync(&mut e, answered(Some(0), &all));
    assert_eq!(no.verdict, Verdict::Note);
    assert!(
        no.says
            .starts_with("the terminal does not support synchronized output")
    );
    let quiet = sync(&mut e, answered(None, &all));
    assert!(
        quiet
            .says
            .contains("did not answer the question for mode 2026"),
        "{quiet}"
    );
    let silent = sync(
        &mut e,
        Probe::Answered(Replies {
            sync: None,
            da1: false,
            widths: vec![None; 5],
        }),
    );
    assert!(
        silent.says.starts_with("the terminal did not answer"),
        "{silent}"
    );
    let failed = sync(&mut e, Probe::Failed("Operation not permitted".into()));
    assert_eq!(failed.verdict, Verdict::Skipped);
    let dumb = sync(&mut e, Probe::Dumb);
    assert_eq!(
        dumb.says,
        "not asked: TERM=dumb says the terminal understands no escape sequences"
    );

    let mut t = in_tmux(tmux(
        "tmux 3.3a",
        "external",
        "xterm-256color|256,RGB,clipboard,sync",
    ));
    t.probe = answered(None, &all);
    let through = line(&t, "sync");
    assert_eq!(through.verdict, Verdict::Ok);
    assert!(
        through.says.contains("its features include sync"),
        "{through}"
    );
}

#[test]
fn widths_the_terminal_gives_against_newsterms() {
    let mut e = env(&[("LANG", "C.UTF-8"), ("TERM", "xterm-256color")]);
    e.probe = answered(Some(2), &EXPECTED.map(Some));
    let agree = lines(&e, "widths");
    assert_eq!(agree.len(), 1);
    assert_eq!(agree[0].verdict, Verdict::Ok);
    assert!(
        agree[0].says.starts_with("the terminal gives 漢 🙂"),
        "{}",
        agree[0]
    );

    e.probe = answered(Some(2), &[Some(2), Some(1), Some(4), Some(2), Some(5)]);
    let found = lines(&e, "widths");
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(
        found[0].says,
        "the terminal draws 🙂 (an emoji) 1 column wide, newsterm expects 2: lines with such \
         text may be misaligned"
    );
    assert!(
        found[0]
            .fix
            .as_deref()
            .is_some_and(|f| f.contains("Unicode 9"))
    );
    assert!(
        found[1].says.contains("4 columns wide, newsterm expects 2"),
        "{}",
        found[1]
    );
    assert!(
        found[1]
            .fix
            .as_deref()
            .is_some_and(|f| f.contains("emoji sequences"))
    );
    assert_eq!(found[2].verdict, Verdict::Ok);

    e.probe = answered(Some(2), &[Some(2), Some(2), Some(2), Some(2), Some(7)]);
    let marks = lines(&e, "widths");
    assert!(
        marks[0]
            .fix
            .as_deref()
            .is_some_and(|f| f.contains("combining marks"))
    );

    e.probe = answered(None, &[None; 5]);
    let none = lines(&e, "widths");
    assert_eq!(none.len(), 1);
    assert!(
        none[0].says.starts_with("the terminal did not answer"),
        "{}",
        none[0]
    );

    let mut t = in_tmux(tmux("tmux 3.3a", "external", ""));
    t.probe = answered(None, &[Some(2), Some(1), Some(2), Some(2), Some(5)]);
    let through = line(&t, "widths");
    assert!(through.says.starts_with("tmux draws 🙂"), "{through}");
}

#[test]
fn copying_inside_tmux_follows_its_options() {
    let ok = line(
        &in_tmux(tmux(
            "tmux 3.3a",
            "external",
            "xterm-256color|256,clipboard,title",
        )),
        "copy",
    );
    assert_eq!(ok.verdict, Verdict::Ok, "{ok}");
    assert!(ok.says.contains("set-clipboard external"), "{ok}");

    let off = line(
        &in_tmux(tmux("tmux 3.3a", "off", "xterm-256color|256,clipboard")),
        "copy",
    );
    assert_eq!(off.verdict, Verdict::Problem);
    assert!(
        off.says
            .starts_with("set-clipboard is off: OSC 52 copies stop at tmux"),
        "{off}"
    );
    assert_eq!(off.fix.as_deref(), Some("tmux set -g set-clipboard on"));

    let unknown_terminal = line(&in_tmux(tmux("tmux 3.3a", "on", "linux|title")), "copy");
    assert_eq!(unknown_terminal.verdict, Verdict::Problem);
    assert!(
        unknown_terminal.says.contains("TERM=linux"),
        "{unknown_terminal}"
    );
    assert_eq!(
        unknown_terminal.fix.as_deref(),
        Some("tmux set -as terminal-features ',linux:clipboard'")
    );

    let detached = line(&in_tmux(tmux("tmux 3.3a", "external", "|")), "copy");
    assert_eq!(detached.verdict, Verdict::Note);
    assert!(
        detached.says.ends_with("give clipboard: xterm*"),
        "{detached}"
    );

    let old = line(&in_tmux(tmux("tmux 3.1c", "external", "")), "copy");
    assert_eq!(old.fix.as_deref(), Some("tmux 3.2 or later"));

    let mut missing = tmux("", "", "");
    missing.version = Err("tmux is not installed (not on PATH)".into());
    let missing = line(&in_tmux(missing), "copy");
    assert_eq!(missing.verdict, Verdict::Problem);
    assert!(
        missing
            .says
            .starts_with("TMUX is set but tmux is not installed"),
        "{missing}"
    );
    assert!(missing.says.contains("allow-passthrough"), "{missing}");
}

#[test]
fn hyperlinks_inside_tmux_follow_its_version_and_features() {
    let old = line(
        &in_tmux(tmux("tmux 3.3a", "external", "xterm|clipboard")),
        "links",
    );
    assert_eq!(old.verdict, Verdict::Problem);
    assert!(
        old.says.starts_with("tmux 3.3a drops hyperlinks (OSC 8)"),
        "{old}"
    );
    assert_eq!(old.fix.as_deref(), Some("tmux 3.4 or later"));
    let new = line(
        &in_tmux(tmux(
            "tmux 3.5a",
            "external",
            "xterm-kitty|clipboard,hyperlinks",
        )),
        "links",
    );
    assert_eq!(new.verdict, Verdict::Ok, "{new}");
    let without = line(
        &in_tmux(tmux("tmux next-3.6", "external", "foot|clipboard")),
        "links",
    );
    assert_eq!(
        without.fix.as_deref(),
        Some("tmux set -as terminal-features ',foot:hyperlinks'")
    );
    let mut off = in_tmux(tmux("tmux 3.3a", "external", ""));
    off.config = Ok(Config {
        hyperlinks: false,
        ..Config::default()
    });
    assert!(line(&off, "links").says.starts_with("hyperlinks = false"));
}

#[test]
fn screen_and_the_console_keep_what_they_do_not_know() {
    let screen = env(&[("TERM", "screen-256color"), ("STY", "1.pts-0.h")]);
    let copy = line(&screen, "copy");
    assert_eq!(copy.verdict, Verdict::Problem);
    assert!(
        copy.says
            .starts_with("GNU screen (STY is set) does not pass OSC 52 on")
    );
    assert_eq!(line(&screen, "links").verdict, Verdict::Problem);
    let maybe = env(&[("TERM", "screen")]);
    assert_eq!(line(&maybe, "copy").verdict, Verdict::Note);
    assert!(line(&maybe, "copy").says.contains("tmux over SSH"));

    let console = env(&[("TERM", "linux")]);
    let copy = line(&console, "copy");
    assert_eq!(copy.verdict, Verdict::Problem);
    assert!(copy.says.starts_with("the Linux console has no clipboard"));
    let links = line(&console, "links");
    assert_eq!(links.verdict, Verdict::Note);
    assert!(
        links
            .fix
            .as_deref()
            .is_some_and(|f| f.starts_with("hyperlinks = false"))
    );

    let xterm = env(&[("TERM", "xterm-256color")]);
    assert!(
        line(&xterm, "copy")
            .says
            .starts_with("y copies with OSC 52")
    );
    assert!(
        line(&xterm, "links")
            .says
            .starts_with("links in the reader are hyperlinks")
    );
}

#[test]
fn the_mouse_as_the_settings_and_arguments_decide() {
    let mut e = env(&[("TERM", "xterm")]);
    let taken = line(&e, "mouse");
    assert!(
        taken.says.starts_with("newsterm takes the mouse"),
        "{taken}"
    );
    assert!(taken.says.contains("hold Shift while dragging"), "{taken}");
    e.no_mouse = true;
    assert!(
        line(&e, "mouse")
            .says
            .starts_with("--no-mouse: newsterm leaves the mouse")
    );
    e.no_mouse = false;
    e.config = Ok(Config {
        mouse: false,
        ..Config::default()
    });
    assert!(
        line(&e, "mouse")
            .says
            .starts_with("mouse = false in config.toml")
    );
}

#[test]
fn settings_and_folders() {
    let mut e = env(&[("TERM", "xterm")]);
    assert!(
        line(&e, "config")
            .says
            .contains("not there: the default settings")
    );
    e.config_path = Some((PathBuf::from("/h/c.toml"), true));
    assert_eq!(line(&e, "config").says, "/h/c.toml: read, theme dark");
    e.config = Err("/h/c.toml: line 3: unknown theme \"x\" (dark, light or mono)".into());
    let refused = line(&e, "config");
    assert_eq!(refused.verdict, Verdict::Problem);
    assert!(refused.says.starts_with("/h/c.toml: line 3"), "{refused}");

    e.state = None;
    let state = line(&e, "state");
    assert!(
        state
            .says
            .starts_with("neither XDG_STATE_HOME nor HOME is set"),
        "{state}"
    );
    e.library = Some((
        PathBuf::from("/d/newsterm/library.db"),
        Found::Missing {
            parent: PathBuf::from("/d"),
            writable: Ok(()),
        },
        None,
    ));
    assert!(line(&e, "library").says.contains("not there yet"));
}

#[test]
fn lines_show_their_check_verdict_and_fix() {
    let e = env(&[("LANG", "C"), ("TERM", "xterm-256color")]);
    let shown = line(&e, "locale").to_string();
    assert!(
        shown.starts_with("locale   problem LANG=C: the character set is not UTF-8"),
        "{shown}"
    );
    assert!(shown.ends_with(" — fix: export LANG=C.UTF-8"), "{shown}");
    let all = report(&e);
    let summary = all.last().map(ToString::to_string).unwrap_or_default();
    assert_eq!(summary, "summary  note    1 problem, with its fix above");
    let fine = env(&[("LANG", "C.UTF-8"), ("TERM", "xterm-256color")]);
    let summary = report(&fine)
        .last()
        .map(ToString::to_string)
        .unwrap_or_default();
    assert_eq!(summary, "summary  ok      nothing to fix");
}
