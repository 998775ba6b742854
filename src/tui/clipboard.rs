//! `y`: putting a link where the user can paste it, and finding out where it went.
//!
//! Outside tmux, OSC 52 asks the terminal to set its clipboard (also over SSH). Inside tmux a
//! wrapped OSC 52 is dropped by tmux 3.3 and later unless `allow-passthrough` is on, which it
//! is not as installed; `tmux load-buffer -w -` instead fills tmux's own buffer and (tmux 3.2
//! and later) passes it on to the outer terminal's clipboard as tmux's `set-clipboard` allows.
//! The link goes to tmux on standard input, never as an argument.

use std::io::{self, Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::app::{Copied, osc52};

/// The longest tmux is waited for: it answers at once, but a stuck server must not stop the
/// reader.
const TMUX_WAIT: Duration = Duration::from_secs(2);

/// Copies `text`: through tmux when `in_tmux`, else with OSC 52 written to `out`.
pub fn copy(text: &str, in_tmux: bool, out: &mut impl Write) -> io::Result<Copied> {
    if !in_tmux {
        out.write_all(&osc52(text, false))?;
        return Ok(Copied::Terminal);
    }
    let with_clipboard = load_buffer(text, &["load-buffer", "-w", "-"]);
    if with_clipboard.is_ok() {
        return Ok(Copied::TmuxAndTerminal);
    }
    // `-w` is tmux 3.2's; an older tmux still takes the buffer.
    if load_buffer(text, &["load-buffer", "-"]).is_ok() {
        return Ok(Copied::TmuxOnly);
    }
    let why = with_clipboard.err().unwrap_or_default();
    out.write_all(&osc52(text, true))?;
    Ok(Copied::Passthrough(why))
}

/// Runs `tmux ARGS` with `text` on its standard input: `Ok` when it succeeded, else why not
/// (one line).
fn load_buffer(text: &str, args: &[&str]) -> Result<(), String> {
    let mut child = Command::new("tmux")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("tmux: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        // On a thread of its own, so that a tmux that reads nothing cannot hold the reader
        // past the wait below; dropping the pipe tells tmux the text is whole.
        let bytes = text.as_bytes().to_vec();
        std::thread::spawn(move || stdin.write_all(&bytes));
    }
    let status = wait_for_tmux(&mut child, TMUX_WAIT)?;
    if status.success() {
        return Ok(());
    }
    let mut said = String::new();
    if let Some(stderr) = child.stderr.take() {
        let _ = stderr.take(512).read_to_string(&mut said);
    }
    let said = crate::text::printable(said.lines().next().unwrap_or("")).into_owned();
    Err(if said.is_empty() {
        format!("tmux {status}")
    } else {
        format!("tmux: {said}")
    })
}

/// Waits for a tmux command to end, at most `wait`: a tmux that hangs is killed and
/// reported, never waited on.
pub(crate) fn wait_for_tmux(
    child: &mut std::process::Child,
    wait: Duration,
) -> Result<std::process::ExitStatus, String> {
    let deadline = Instant::now() + wait;
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Ok(status),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(2)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err("tmux did not answer".into());
            }
            Err(e) => return Err(format!("tmux: {e}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outside_tmux_the_terminal_gets_osc_52() {
        let mut out = Vec::new();
        let copied = copy("https://example.org/a", false, &mut out);
        assert!(matches!(copied, Ok(Copied::Terminal)));
        assert_eq!(out, osc52("https://example.org/a", false));
    }
}
