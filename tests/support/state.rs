//! The sample bundle's reading state in a directory of the test's own: its scope of the
//! library (`DIR/data`), its JSON state file (`DIR`, used when the library cannot be
//! opened), newsterm started on them in a pseudo-terminal, and what they hold.

use std::path::{Path, PathBuf};

use newsterm::library::{Library, scope_of_state_file};
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

/// The library under `dir` (`XDG_DATA_HOME` is `DIR/data`).
pub fn library_path(dir: &Path) -> PathBuf {
    dir.join("data/newsterm/library.db")
}

/// newsterm on the sample bundle at 80x24 with its state under `dir`, once it shows the list.
pub fn start_in(dir: &Path, args: &[&str]) -> Session {
    let state = dir.to_string_lossy().into_owned();
    let data = dir.join("data").to_string_lossy().into_owned();
    let env = [
        ("TERM", "xterm"),
        ("XDG_STATE_HOME", state.as_str()),
        ("XDG_DATA_HOME", data.as_str()),
    ];
    let mut s = Session::start_with(80, 24, args, &env);
    s.wait_for(0, "Headlines 1/8");
    s
}

/// Makes the library under `dir` a file that is not a database: the reader keeps its marks
/// in the JSON state file instead. The bytes written, to check they are never written over.
pub fn damage_library(dir: &Path) -> Vec<u8> {
    let path = library_path(dir);
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("the data folder");
    let garbage = b"not a database\n".repeat(300);
    std::fs::write(&path, &garbage).expect("garbage written");
    garbage
}

/// What the library under `dir` remembers of the sample bundle; the file must pass SQLite's
/// integrity check.
pub fn read_state(dir: &Path) -> Memory {
    let library = Library::open(&library_path(dir)).expect("the library opens");
    assert_eq!(library.integrity_check(), Ok(()));
    let scope = scope_of_state_file(&state_file(dir).path).expect("a scope");
    library.memory(&scope).expect("the marks")
}

/// What the JSON state file under `dir` holds; it must read without a warning.
pub fn read_state_file(dir: &Path) -> Memory {
    let opened = state_file(dir).open(0);
    assert!(opened.warning.is_none(), "{:?}", opened.warning);
    opened.memory
}
