//! The real binary, run the one way every test runs it: in a home of its own, with nothing
//! of the machine running the tests that would change what it does.

use std::ffi::OsStr;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use super::dirs::{TempDir, fresh_dir};

/// The built binary under test.
pub const NEWSTERM: &str = env!("CARGO_BIN_EXE_newsterm");

/// Variables of the machine running the tests that newsterm reads: a colour choice, a
/// multiplexer, a browser, proxies. Removed for every run; a test sets what it needs.
pub const MACHINE_VARS: &[&str] = &[
    "NO_COLOR",
    "TMUX",
    "BROWSER",
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "ALL_PROXY",
    "all_proxy",
    // Signs of a screen reader, which turn the terminal's cursor on.
    "NEWSTERM_CURSOR",
    "ACCESSIBILITY_ENABLED",
    "GNOME_ACCESSIBILITY",
    "BRLAPI_HOST",
];

/// Cache, state and settings directories of one run's own, so no test reads or writes the
/// real ones. Removed when dropped.
pub struct Home(TempDir);

impl Home {
    pub fn fresh() -> Home {
        let dir = fresh_dir("home");
        for part in ["cache", "state", "config", "data"] {
            std::fs::create_dir_all(dir.join(part)).expect("a home directory");
        }
        Home(dir)
    }

    /// The `XDG_*` variables that point newsterm here.
    pub fn vars(&self) -> [(&'static str, PathBuf); 4] {
        [
            ("XDG_CACHE_HOME", self.0.join("cache")),
            ("XDG_STATE_HOME", self.0.join("state")),
            ("XDG_CONFIG_HOME", self.0.join("config")),
            ("XDG_DATA_HOME", self.0.join("data")),
        ]
    }
}

/// The binary with `args` and `stdin` piped in (closed at once when `None`), to its end.
pub fn newsterm(args: &[&str], stdin: Option<&[u8]>) -> Output {
    newsterm_with::<&str>(args, stdin, &[])
}

/// [`newsterm`] with these environment variables set over its own home.
pub fn newsterm_with<V: AsRef<OsStr>>(
    args: &[&str],
    stdin: Option<&[u8]>,
    env: &[(&str, V)],
) -> Output {
    let home = Home::fresh();
    let mut command = Command::new(NEWSTERM);
    command.args(args);
    for name in MACHINE_VARS {
        command.env_remove(name);
    }
    let mut child = command
        .envs(home.vars())
        .envs(env.iter().map(|(name, value)| (name, value.as_ref())))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("newsterm starts");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    if let Some(bytes) = stdin {
        pipe.write_all(bytes).expect("stdin accepts the bundle");
    }
    drop(pipe);
    child.wait_with_output().expect("newsterm finishes")
}

/// Bytes that must be UTF-8, as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

pub fn stdout(out: &Output) -> String {
    text(&out.stdout)
}

pub fn stderr(out: &Output) -> String {
    text(&out.stderr)
}
