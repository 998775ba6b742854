//! The programs newsterm starts for the user: the audio player it keeps (to stop it, and to
//! hear when it ends) and the browser it leaves running on its own.

use std::io;
use std::process::{Child, Command, Stdio};

/// The audio player while it plays, and the command the user chose for it.
#[derive(Debug)]
pub struct Player {
    child: Option<Child>,
    command: Option<String>,
}

impl Player {
    pub fn new(command: Option<String>) -> Self {
        Player {
            child: None,
            command,
        }
    }

    /// Stops what plays and starts the player on `url`.
    pub fn play(&mut self, url: &str) -> io::Result<()> {
        self.stop();
        self.child = Some(start_player(url, self.command.as_deref())?);
        Ok(())
    }

    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Whether the player ended by itself (reaped).
    pub fn ended(&mut self) -> bool {
        let ended = self
            .child
            .as_mut()
            .is_some_and(|c| !matches!(c.try_wait(), Ok(None)));
        if ended {
            self.child = None;
        }
        ended
    }
}

/// Starts the player on `url`: the user's command (split into words as a shell would, `%s`
/// standing for the address, else the address added at the end; run without a shell), else
/// the first of mpv, ffplay, cvlc found on PATH, silenced and with no terminal of its own.
fn start_player(url: &str, command: Option<&str>) -> io::Result<Child> {
    let mut cmd = match command {
        Some(command) => {
            let words = command_words(command, url).ok_or_else(|| {
                io::Error::other(format!(
                    "player {:?} is not a command (check its quotes)",
                    crate::text::printable(command)
                ))
            })?;
            let mut cmd = Command::new(&words[0]);
            cmd.args(&words[1..]);
            cmd
        }
        None => {
            let found = [
                (
                    "mpv",
                    &["--no-video", "--no-terminal", "--really-quiet"][..],
                ),
                (
                    "ffplay",
                    &["-nodisp", "-autoexit", "-loglevel", "quiet"][..],
                ),
                ("cvlc", &["--play-and-exit", "--quiet"][..]),
            ]
            .into_iter()
            .find(|(name, _)| on_path(name));
            let Some((name, args)) = found else {
                return Err(io::Error::other(
                    "no audio player found: install mpv, ffplay or vlc, or set player in config.toml",
                ));
            };
            // Options end before the address, whatever it looks like.
            let mut cmd = Command::new(name);
            cmd.args(args);
            if name == "ffplay" {
                cmd.arg("-i");
            } else {
                cmd.arg("--");
            }
            cmd.arg(url);
            cmd
        }
    };
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
}

/// Whether an executable `name` is on PATH.
fn on_path(name: &str) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|dir| {
            std::fs::metadata(dir.join(name))
                .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
    })
}

/// The words of a command the user configured, split as a shell splits them (quotes kept
/// together, nothing expanded or run), with `url` for each `%s` or, without one, added as
/// the last word. `None` when the command is empty or its quotes do not close.
pub fn command_words(command: &str, url: &str) -> Option<Vec<String>> {
    let mut words = shell_words::split(command).ok()?;
    if words.is_empty() {
        return None;
    }
    if words.iter().any(|w| w.contains("%s")) {
        for word in &mut words {
            *word = word.replace("%s", url);
        }
    } else {
        words.push(url.to_owned());
    }
    Some(words)
}

/// Starts the browser on `url`, detached from the terminal: the entries of `$BROWSER`
/// (colon-separated, tried in order until one starts; `%s` stands for the address, which is
/// otherwise added at the end), else `xdg-open` or `open`. No shell runs: the address is one
/// argument whatever it holds.
pub fn open_in_browser(url: &str, browser: Option<String>) -> io::Result<()> {
    let commands: Vec<Vec<String>> = match browser.as_deref() {
        Some(list) if !list.trim().is_empty() => list
            .split(':')
            .filter_map(|entry| command_words(entry, url))
            .collect(),
        _ => ["xdg-open", "open"]
            .iter()
            .map(|opener| vec![(*opener).to_owned(), url.to_owned()])
            .collect(),
    };
    for words in commands {
        let started = Command::new(&words[0])
            .args(&words[1..])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        if let Ok(mut child) = started {
            // Reaped when it ends, while the reader goes on.
            std::thread::spawn(move || child.wait());
            return Ok(());
        }
    }
    Err(io::Error::other("could not start a browser (set $BROWSER)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configured_commands_are_split_as_words_and_never_run_by_a_shell() {
        let url = "https://x.example/a -new-tab b";
        let words = |c: &str| command_words(c, url);
        assert_eq!(
            words(r#"firefox "%s""#),
            Some(vec!["firefox".into(), url.into()])
        );
        assert_eq!(
            words("mpv --no-video"),
            Some(vec!["mpv".into(), "--no-video".into(), url.into()])
        );
        assert_eq!(
            words("'/opt/my player/run' --url=%s"),
            Some(vec!["/opt/my player/run".into(), format!("--url={url}")])
        );
        // What a shell would run stays text.
        assert_eq!(
            words("echo $(touch x)"),
            Some(vec![
                "echo".into(),
                "$(touch".into(),
                "x)".into(),
                url.into()
            ])
        );
        assert_eq!(words("  "), None);
        assert_eq!(words("cmd 'open"), None);
    }
}
