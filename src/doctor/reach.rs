//! What reaches the terminal, for `--doctor`: the copies `y` makes (OSC 52, or tmux's
//! buffer inside tmux) and the reader's hyperlinks (OSC 8), directly or through tmux or GNU
//! screen, which pass on only what they know and are told to.

use super::{Environment, Kind, Line, kind};

/// Where newsterm runs, as far as what it sends is concerned.
enum Between {
    Nothing,
    /// tmux on this machine (`TMUX` set).
    Tmux,
    /// Certainly GNU screen (`STY` set).
    Screen,
    /// A screen type without `TMUX` or `STY`: screen, or tmux over SSH.
    ScreenOrRemoteTmux,
    /// A tmux type without `TMUX`: tmux on another machine.
    RemoteTmux,
}

fn between(env: &Environment) -> Between {
    if env.in_tmux() {
        Between::Tmux
    } else if env.var("STY").is_some() {
        Between::Screen
    } else {
        match kind(env.var("TERM")) {
            Kind::Screen => Between::ScreenOrRemoteTmux,
            Kind::Tmux => Between::RemoteTmux,
            _ => Between::Nothing,
        }
    }
}

/// tmux's version as it said it ("tmux 3.3a"), for lines.
fn tmux_said(env: &Environment) -> String {
    env.tmux
        .as_ref()
        .and_then(|t| t.version.clone().ok())
        .unwrap_or_else(|| "tmux".into())
}

/// The patterns of tmux's `terminal-features` that give `feature`.
fn featured(env: &Environment, feature: &str) -> Vec<String> {
    let Some(Ok(list)) = env.tmux.as_ref().map(|t| &t.terminal_features) else {
        return Vec::new();
    };
    list.lines()
        .filter_map(|line| {
            let mut parts = line.split(':');
            let pattern = parts.next()?;
            parts.any(|f| f == feature).then(|| pattern.to_owned())
        })
        .collect()
}

/// The `terminal-features` entry that gives the terminal outside tmux `feature`.
fn feature_fix(term: &str, feature: &str) -> String {
    format!("tmux set -as terminal-features ',{term}:{feature}'")
}

/// `y`: where its copies go.
pub fn copy(env: &Environment) -> Line {
    match between(env) {
        Between::Tmux => copy_in_tmux(env),
        Between::Screen => Line::problem(
            "copy",
            "GNU screen (STY is set) does not pass OSC 52 on: y's copies never reach the \
             terminal's clipboard (the status bar still shows the link)",
            "run newsterm outside screen, or inside tmux",
        ),
        Between::ScreenOrRemoteTmux => Line::note(
            "copy",
            "y sends OSC 52: GNU screen drops it (the terminal's clipboard never gets the \
             link); tmux over SSH passes it on when its set-clipboard is on or external",
        )
        .with_fix("run newsterm outside screen, or in tmux with set -g set-clipboard on"),
        Between::RemoteTmux => Line::ok(
            "copy",
            "y sends OSC 52; tmux on the far side passes it to the terminal's clipboard when \
             its set-clipboard is on or external (the default)",
        ),
        Between::Nothing => match kind(env.var("TERM")) {
            Kind::Linux => Line::problem(
                "copy",
                "the Linux console has no clipboard for programs: y's OSC 52 is ignored (the \
                 status bar still shows the link)",
                "a terminal emulator, or tmux (y then fills tmux's buffer)",
            ),
            Kind::Unset | Kind::Dumb => Line::note(
                "copy",
                "y sends OSC 52 whatever TERM says; whether this terminal takes it is unknown",
            ),
            _ => Line::ok(
                "copy",
                "y copies with OSC 52 to the terminal's clipboard, also over SSH; most \
                 terminals take it (xterm needs allowWindowOps, some ask first)",
            ),
        },
    }
}

fn copy_in_tmux(env: &Environment) -> Line {
    let version = match env.tmux_version() {
        Ok(version) => version,
        Err(why) => {
            return Line::problem(
                "copy",
                format!(
                    "TMUX is set but {why}: y cannot give tmux the link and sends OSC 52 \
                     wrapped for passthrough, which tmux passes only with allow-passthrough on"
                ),
                "put tmux on PATH (newsterm runs it for y)",
            );
        }
    };
    let said = tmux_said(env);
    if version.is_some_and(|v| v < (3, 2)) {
        return Line::problem(
            "copy",
            format!(
                "{said}: y puts the link in tmux's buffer only (prefix ] pastes it); passing \
                 it on to the terminal's clipboard needs tmux 3.2"
            ),
            "tmux 3.2 or later",
        );
    }
    let Some(Ok(clipboard)) = env.tmux.as_ref().map(|t| t.set_clipboard.clone()) else {
        return Line::note(
            "copy",
            "y puts the link in tmux's buffer; tmux did not say its set-clipboard, which decides \
             whether it reaches the terminal's clipboard",
        );
    };
    if clipboard == "off" {
        return Line::problem(
            "copy",
            "set-clipboard is off: OSC 52 copies stop at tmux: y's links stay in tmux's buffer \
             (prefix ] pastes them), never the terminal's clipboard",
            "tmux set -g set-clipboard on",
        );
    }
    match env.client() {
        Some((term, features)) if features.iter().any(|f| f == "clipboard") => Line::ok(
            "copy",
            format!(
                "y puts the link in tmux's buffer and tmux passes it to the terminal's \
                 clipboard (set-clipboard {clipboard}; the terminal, TERM={term}, has tmux's \
                 clipboard feature)"
            ),
        ),
        Some((term, _)) => Line::problem(
            "copy",
            format!(
                "tmux does not know that the terminal (TERM={term}) takes OSC 52: y's links \
                 stay in tmux's buffer (prefix ] pastes them), never the terminal's clipboard"
            ),
            feature_fix(&term, "clipboard"),
        ),
        None => Line::note(
            "copy",
            format!(
                "y puts the link in tmux's buffer (set-clipboard {clipboard}); tmux passes it \
                 on to terminals whose terminal-features give clipboard: {}",
                listed(&featured(env, "clipboard"))
            ),
        ),
    }
}

/// Patterns as a line lists them.
fn listed(patterns: &[String]) -> String {
    if patterns.is_empty() {
        "none".to_owned()
    } else {
        patterns.join(", ")
    }
}

/// The reader's hyperlinks (OSC 8).
pub fn links(env: &Environment) -> Line {
    if !env.settings().hyperlinks {
        return Line::ok(
            "links",
            "hyperlinks = false in config.toml: links in the reader are plain text (o and L \
             open them)",
        );
    }
    const PLAIN: &str = "links in the reader are plain underlined text (o and L still open them)";
    match between(env) {
        Between::Tmux => links_in_tmux(env),
        Between::Screen => Line::problem(
            "links",
            format!("GNU screen (STY is set) drops hyperlinks (OSC 8): {PLAIN}"),
            "run newsterm outside screen, or inside tmux 3.4 or later",
        ),
        Between::ScreenOrRemoteTmux => Line::note(
            "links",
            "GNU screen drops hyperlinks (OSC 8); tmux over SSH passes them on from 3.4",
        ),
        Between::RemoteTmux => Line::note(
            "links",
            "tmux on the far side passes hyperlinks (OSC 8) on from version 3.4",
        ),
        Between::Nothing => match kind(env.var("TERM")) {
            Kind::Linux => Line::note(
                "links",
                format!(
                    "the Linux console has no hyperlinks (OSC 8): {PLAIN}; older kernels print \
                     their addresses as stray text"
                ),
            )
            .with_fix("hyperlinks = false in config.toml, if stray text shows"),
            Kind::Unset | Kind::Dumb => Line::note(
                "links",
                "links are written as hyperlinks (OSC 8) whatever TERM says",
            )
            .with_fix("hyperlinks = false in config.toml, if stray text shows"),
            _ => Line::ok(
                "links",
                "links in the reader are hyperlinks (OSC 8): terminals that know them let you \
                 click them (often with Ctrl), others show plain text",
            ),
        },
    }
}

fn links_in_tmux(env: &Environment) -> Line {
    let version = match env.tmux_version() {
        Ok(version) => version,
        Err(why) => {
            return Line::note(
                "links",
                format!("whether tmux passes hyperlinks (OSC 8) on is unknown: {why}"),
            );
        }
    };
    let said = tmux_said(env);
    if version.is_some_and(|v| v < (3, 4)) {
        return Line::problem(
            "links",
            format!(
                "{said} drops hyperlinks (OSC 8): links in the reader are plain underlined text \
                 (o and L still open them)"
            ),
            "tmux 3.4 or later",
        );
    }
    match env.client() {
        Some((term, features)) if features.iter().any(|f| f == "hyperlinks") => Line::ok(
            "links",
            format!(
                "tmux passes the reader's hyperlinks (OSC 8) on: the terminal (TERM={term}) \
                 has tmux's hyperlinks feature"
            ),
        ),
        Some((term, _)) => Line::problem(
            "links",
            format!(
                "tmux does not know that the terminal (TERM={term}) takes hyperlinks (OSC 8), \
                 and drops them"
            ),
            feature_fix(&term, "hyperlinks"),
        ),
        None => Line::note(
            "links",
            format!(
                "tmux passes hyperlinks (OSC 8) on to terminals whose terminal-features give \
                 hyperlinks: {}",
                listed(&featured(env, "hyperlinks"))
            ),
        ),
    }
}
