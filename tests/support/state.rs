//! The sample bundle's reading state in a directory of the test's own: its file, newsterm
//! started on it in a pseudo-terminal, and what the file holds.

use std::path::Path;

use newsterm::state::{Memory, StateFile};

use super::Session;

/// The sample bundle's state file under `dir` (as `XDG_STATE_HOME`).
pub fn state_file(dir: &Path) -> StateFile {
    let bundle = newsterm::bundle::sample().expect("sample");
    let home = dir.to_string_lossy().into_owned();
    StateFile::for_bundle(&bundle.title, bundle.url.as_deref(), |v| {
        (v == "XDG_STATE_HOME").then(|| home.clone())
    })
    .expect("a state path")
}

/// newsterm on the sample bundle at 80x24 with its state under `dir`, once it shows the list.
pub fn start_in(dir: &Path, args: &[&str]) -> Session {
    let dir = dir.to_string_lossy().into_owned();
    let mut s = Session::start_with(80, 24, args, &[("TERM", "xterm"), ("XDG_STATE_HOME", &dir)]);
    s.wait_for(0, "Headlines 1/8");
    s
}

/// What the state file under `dir` holds; it must read without a warning.
pub fn read_state(dir: &Path) -> Memory {
    let opened = state_file(dir).open(0);
    assert!(opened.warning.is_none(), "{:?}", opened.warning);
    opened.memory
}
