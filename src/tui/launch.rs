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

/// Starts the player on `url`: the user's command (the address added at the end), else the
/// first of mpv, ffplay, cvlc found on PATH, silenced and with no terminal of its own.
fn start_player(url: &str, command: Option<&str>) -> io::Result<Child> {
    let mut cmd = match command {
        Some(command) => {
            // `exec`: the process newsterm keeps (to stop it) is the player itself.
            let mut cmd = Command::new("sh");
            cmd.args(["-c", &format!("exec {command} \"$1\""), "sh", url]);
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

/// Starts `$BROWSER` (its first entry; `%s` stands for the address, which is otherwise
/// added at the end), else `xdg-open` or `open`, on `url`, detached from the terminal. The
/// address reaches the shell as an argument, never as part of the command.
pub fn open_in_browser(url: &str, browser: Option<String>) -> io::Result<()> {
    let command = browser
        .as_deref()
        .and_then(|b| b.split(':').find(|c| !c.trim().is_empty()))
        .map(|c| {
            if c.contains("%s") {
                c.replace("%s", "\"$1\"")
            } else {
                format!("{c} \"$1\"")
            }
        });
    let script = match command {
        Some(c) => format!("( {c} ) </dev/null >/dev/null 2>&1 &"),
        // Without $BROWSER, the desktop's opener, if there is one: its absence is an error
        // the user should see, not a silent background failure.
        None => "for c in xdg-open open; do if command -v \"$c\" >/dev/null 2>&1; then \
                 ( \"$c\" \"$1\" ) </dev/null >/dev/null 2>&1 & exit 0; fi; done; exit 3"
            .to_owned(),
    };
    let status = Command::new("sh")
        .args(["-c", &script, "sh", url])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()?;
    if status.success() {
        Ok(())
    } else {
        Err(io::Error::other("could not start a browser (set $BROWSER)"))
    }
}
