//! The checks of the terminal itself, for `--doctor`: what `TERM` says, the colours, whether
//! synchronized output is supported, and whether the terminal gives characters the columns
//! newsterm counts for them.

use super::probe::{Replies, SAMPLES, Sample};
use super::{Environment, Kind, Line, Probe, kind};
use crate::config::ThemeName;

/// What `TERM` says, and what it means here.
pub fn term(env: &Environment) -> Line {
    let shown = env.shown("TERM").unwrap_or_default();
    let tmux = env.in_tmux();
    match kind(env.var("TERM")) {
        Kind::Unset => Line::problem(
            "term",
            "TERM is not set: programs cannot tell what the terminal understands (newsterm \
             writes what xterm-like terminals do)",
            "export TERM=xterm-256color",
        ),
        Kind::Dumb => Line::problem(
            "term",
            "TERM=dumb: a terminal that understands no escape sequences; newsterm draws with \
             them anyway, and on such a terminal the screen is garbled",
            "export TERM=xterm-256color (when the terminal is in fact xterm-like)",
        ),
        Kind::Linux if tmux => Line::note(
            "term",
            format!("TERM={shown} inside tmux: tmux's type for its panes should be its own"),
        )
        .with_fix("tmux set -g default-terminal tmux-256color"),
        Kind::Linux => Line::note(
            "term",
            format!(
                "TERM={shown}: the Linux console: 16 colours and line drawing, but its font has \
                 no CJK or emoji (shown as blanks or diamonds), and no hyperlinks or clipboard"
            ),
        )
        .with_fix(
            "a terminal emulator (or tmux on the console) for more; --ascii if borders look wrong",
        ),
        Kind::Screen | Kind::Tmux if tmux => Line::ok(
            "term",
            format!(
                "TERM={shown}: tmux's terminal type; tmux stands between newsterm and the terminal"
            ),
        ),
        Kind::Screen if env.var("STY").is_some() => Line::ok(
            "term",
            format!(
                "TERM={shown}: GNU screen (STY is set); screen stands between newsterm and the terminal"
            ),
        ),
        Kind::Screen => Line::note(
            "term",
            format!(
                "TERM={shown} and no TMUX: GNU screen, or tmux on another machine (TMUX does not \
                 cross SSH)"
            ),
        ),
        Kind::Tmux => Line::note(
            "term",
            format!(
                "TERM={shown} but no TMUX: tmux on another machine (TMUX does not cross SSH), \
                 or TMUX was unset"
            ),
        ),
        Kind::Xterm | Kind::Other if tmux => Line::note(
            "term",
            format!(
                "TERM={shown} inside tmux: tmux is not that terminal; programs may send what \
                 tmux does not understand"
            ),
        )
        .with_fix("tmux set -g default-terminal tmux-256color"),
        Kind::Xterm => Line::ok(
            "term",
            format!("TERM={shown}: xterm or a terminal like it, which newsterm writes for"),
        ),
        Kind::Other => Line::ok(
            "term",
            format!(
                "TERM={shown}: newsterm writes the xterm sequences that nearly every terminal \
                 understands"
            ),
        ),
    }
}

/// The colours the terminal has, and the ones newsterm uses.
pub fn colours(env: &Environment) -> Line {
    if let Some(value) = env.shown("NO_COLOR") {
        return Line::ok(
            "colours",
            format!(
                "NO_COLOR={value}: newsterm draws without colour (bold, underline and reverse \
                 only), whatever the theme"
            ),
        );
    }
    let term = env.shown("TERM").unwrap_or_default();
    let colorterm = env.shown("COLORTERM");
    let truecolour = colorterm
        .as_deref()
        .is_some_and(|c| c == "truecolor" || c == "24bit");
    let has = match kind(env.var("TERM")) {
        Kind::Unset | Kind::Dumb => {
            return Line::problem(
                "colours",
                format!(
                    "{}: no colours; newsterm sends its 16 anyway",
                    if term.is_empty() {
                        "TERM is not set".to_owned()
                    } else {
                        format!("TERM={term}")
                    }
                ),
                "export TERM=xterm-256color (or NO_COLOR=1 for none)",
            );
        }
        _ if truecolour => format!("truecolour (COLORTERM={})", colorterm.unwrap_or_default()),
        _ if term.contains("256color") => format!("256 colours (TERM={term})"),
        Kind::Linux => format!("16 colours (TERM={term}: 8 and their bright forms)"),
        _ => format!("16 colours (TERM={term})"),
    };
    let theme = match env.config.as_ref().map(|c| c.theme) {
        Ok(ThemeName::Mono) => "; theme mono (no colour)".to_owned(),
        Ok(name) => format!("; theme {}", name.name()),
        Err(_) => String::new(),
    };
    Line::ok(
        "colours",
        format!("{has}: enough, newsterm's themes use the 16 basic colours{theme}"),
    )
}

/// What a probe line says when the terminal was not asked.
fn not_asked(check: &'static str, probe: &Probe) -> Option<Line> {
    match probe {
        Probe::NoTerminal => Some(Line::skipped(
            check,
            "not asked: standard input and output are not both a terminal",
        )),
        Probe::Dumb => Some(Line::skipped(
            check,
            "not asked: TERM=dumb says the terminal understands no escape sequences",
        )),
        Probe::Failed(why) => Some(Line::skipped(
            check,
            format!(
                "the terminal could not be asked: {}",
                crate::text::printable(why)
            ),
        )),
        Probe::Answered(_) => None,
    }
}

/// Whether nothing at all came back.
fn silent(replies: &Replies) -> bool {
    !replies.da1 && replies.sync.is_none() && replies.widths.iter().all(Option::is_none)
}

/// Synchronized output (mode 2026), which newsterm's presenter puts round every frame.
pub fn sync(env: &Environment) -> Line {
    if let Some(line) = not_asked("sync", &env.probe) {
        return line;
    }
    let Probe::Answered(replies) = &env.probe else {
        return Line::skipped("sync", "not asked");
    };
    const USES: &str = "newsterm puts ESC[?2026h … ESC[?2026l round every frame";
    if silent(replies) {
        return Line::note(
            "sync",
            format!(
                "the terminal did not answer (nothing within {} ms): whether it supports \
                 synchronized output (mode 2026) is unknown; {USES}",
                super::probe::WAIT.as_millis()
            ),
        );
    }
    let who = if env.in_tmux() {
        "tmux"
    } else {
        "the terminal"
    };
    match replies.sync {
        Some(1 | 2) => Line::ok(
            "sync",
            format!("{who} supports synchronized output (mode 2026): frames appear whole; {USES}"),
        ),
        Some(3) => Line::ok(
            "sync",
            format!("{who} always synchronizes its output (mode 2026 permanently set)"),
        ),
        answer => {
            let said = match answer {
                Some(_) => "does not support synchronized output (mode 2026)",
                None => {
                    "did not answer the question for mode 2026 (it answered others): it \
                         likely does not support synchronized output"
                }
            };
            if env.in_tmux() {
                let features = env.client_features();
                if features.is_some_and(|f| f.iter().any(|f| f == "sync")) {
                    return Line::ok(
                        "sync",
                        format!(
                            "tmux {said}, but it draws newsterm's frames itself and sends them \
                             to the terminal synchronized (its features include sync)"
                        ),
                    );
                }
                return Line::note(
                    "sync",
                    format!(
                        "tmux {said}; tmux draws newsterm's frames itself, so this costs little"
                    ),
                );
            }
            Line::note(
                "sync",
                format!(
                    "{who} {said}; it ignores the brackets {USES}, and over a slow link a frame \
                     may show half-drawn"
                ),
            )
        }
    }
}

/// The widths the terminal gives the test characters against the ones newsterm counts: one
/// line when they agree, one per character otherwise.
pub fn widths(env: &Environment) -> Vec<Line> {
    if let Some(line) = not_asked("widths", &env.probe) {
        return vec![line];
    }
    let Probe::Answered(replies) = &env.probe else {
        return Vec::new();
    };
    if replies.widths.iter().all(Option::is_none) {
        return vec![Line::note(
            "widths",
            "the terminal did not answer the questions for the cursor's place: whether it \
             gives wide characters the columns newsterm counts is unknown",
        )];
    }
    let who = if env.in_tmux() {
        "tmux"
    } else {
        "the terminal"
    };
    let mut agree = Vec::new();
    let mut lines = Vec::new();
    for (sample, got) in SAMPLES.iter().zip(&replies.widths) {
        let expected = crate::text::width(sample.text);
        match *got {
            Some(got) if got == expected => agree.push(sample.text),
            Some(got) => lines.push(mismatch(who, sample, got, expected)),
            None => lines.push(Line::note(
                "widths",
                format!(
                    "{who} did not say where {} ({}) ended",
                    sample.text, sample.what
                ),
            )),
        }
    }
    // Those that agree after those that do not (when every one agrees, the only line).
    if !agree.is_empty() {
        lines.push(Line::ok(
            "widths",
            format!(
                "{who} gives {} the columns newsterm counts",
                agree.join(" ")
            ),
        ));
    }
    lines
}

/// The line for a character the terminal draws wider or narrower than newsterm counts.
fn mismatch(who: &str, sample: &Sample, got: usize, expected: usize) -> Line {
    let columns = |n: usize| format!("{n} column{}", if n == 1 { "" } else { "s" });
    let says = format!(
        "{who} draws {} ({}) {} wide, newsterm expects {}: lines with such text may be \
         misaligned",
        sample.text,
        sample.what,
        columns(got),
        expected
    );
    let emoji_sequence = sample.text.contains('\u{200d}')
        || sample
            .text
            .chars()
            .any(|c| ('\u{1f1e6}'..='\u{1f1ff}').contains(&c));
    let fix = if emoji_sequence {
        "a terminal that draws emoji sequences as one character (kitty, WezTerm, foot, iTerm2, \
         Windows Terminal)"
    } else if sample
        .text
        .contains(|c: char| ('\u{300}'..='\u{36f}').contains(&c))
    {
        "a terminal that puts combining marks on the letter before them (newsterm itself \
         writes text composed, NFC)"
    } else {
        "a terminal with Unicode 9 or later widths (any current one), or a newer version of it"
    };
    let fix = if who == "tmux" {
        format!("tmux 3.4 or later, and {fix}")
    } else {
        fix.to_owned()
    };
    Line::problem("widths", says, fix)
}
