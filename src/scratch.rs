//! Unit tests' scratch folders: one empty folder per test under the system's temporary folder,
//! named for the module, the test and this process, so parallel tests and runs never meet.
//! (The integration tests have their own in `tests/support/dirs.rs`.)

use std::fs;
use std::path::PathBuf;

/// An empty folder `newsterm-{module}-{name}-{pid}`, created afresh.
pub(crate) fn scratch_dir(module: &str, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsterm-{module}-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    let _ = fs::create_dir_all(&dir);
    dir
}
