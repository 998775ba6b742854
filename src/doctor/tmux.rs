//! Asking tmux, for `--doctor` inside it: its version and the options that decide whether
//! what newsterm sends reaches the terminal (`set-clipboard`, `allow-passthrough`,
//! `terminal-features`, and the features of the client attached). tmux runs as a program
//! with arguments, no shell; it finds its server through `TMUX`, as newsterm's `y` does.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;

/// The longest one question to tmux is waited for.
const WAIT: Duration = Duration::from_secs(2);

/// What tmux said, each answer its first lines or why there was none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers {
    /// `tmux -V`: "tmux 3.3a".
    pub version: Result<String, String>,
    pub set_clipboard: Result<String, String>,
    pub allow_passthrough: Result<String, String>,
    /// `terminal-features`, one pattern and its features a line.
    pub terminal_features: Result<String, String>,
    /// The terminal type and features of the client newsterm is seen through ("TERM|f,f"),
    /// empty when no client is attached.
    pub client: Result<String, String>,
}

/// Asks the tmux on `PATH`.
pub fn ask() -> Answers {
    Answers {
        version: run(&["-V"]),
        set_clipboard: run(&["show-options", "-gv", "set-clipboard"]),
        allow_passthrough: run(&["show-options", "-gv", "allow-passthrough"]),
        terminal_features: run(&["show-options", "-sv", "terminal-features"]),
        client: run(&[
            "display-message",
            "-p",
            "#{client_termname}|#{client_termfeatures}",
        ]),
    }
}

/// Runs `tmux ARGS`: what it printed (at most a few lines, made printable), or why not.
fn run(args: &[&str]) -> Result<String, String> {
    let mut child = Command::new("tmux")
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => "tmux is not installed (not on PATH)".to_owned(),
            _ => format!("tmux: {e}"),
        })?;
    let status = crate::tui::clipboard::wait_for_tmux(&mut child, WAIT)?;
    // What tmux prints here is a few short lines: the pipes never fill before it exits.
    let said = |pipe: Option<&mut dyn Read>| {
        let mut text = String::new();
        if let Some(pipe) = pipe {
            let _ = pipe.take(4096).read_to_string(&mut text);
        }
        text.lines()
            .take(12)
            .map(|l| crate::text::printable(l.trim()).into_owned())
            .collect::<Vec<_>>()
            .join("\n")
    };
    if status.success() {
        Ok(said(child.stdout.as_mut().map(|p| p as &mut dyn Read)))
    } else {
        let why = said(child.stderr.as_mut().map(|p| p as &mut dyn Read));
        let first = why.lines().next().unwrap_or("").to_owned();
        Err(if first.is_empty() {
            format!("tmux {status}")
        } else {
            format!("tmux: {first}")
        })
    }
}

/// The version's number as (major, minor) from `tmux -V`'s "tmux 3.3a", "tmux next-3.4" or
/// "tmux 3.2-rc2"; `None` for what carries none ("tmux master"), or carries the system's
/// (OpenBSD's "tmux openbsd-7.4").
pub fn version_number(said: &str) -> Option<(u32, u32)> {
    if said.contains("openbsd") {
        return None;
    }
    let number = said
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .find(|part| part.contains('.') && part.starts_with(|c: char| c.is_ascii_digit()))?;
    let mut parts = number.split('.');
    let major = parts.next()?.parse().ok()?;
    let minor = parts
        .next()?
        .chars()
        .take_while(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .ok()?;
    Some((major, minor))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_read_as_tmux_prints_them() {
        assert_eq!(version_number("tmux 3.3a"), Some((3, 3)));
        assert_eq!(version_number("tmux next-3.4"), Some((3, 4)));
        assert_eq!(version_number("tmux 3.2-rc2"), Some((3, 2)));
        assert_eq!(version_number("tmux 2.9"), Some((2, 9)));
        assert_eq!(version_number("tmux openbsd-7.4"), None);
        assert_eq!(version_number("tmux master"), None);
    }
}
