//! Feed fixtures under `tests/feeds/`, opened as the reader opens a source.

use std::path::{Path, PathBuf};

use newsterm::bundle::{self, Bundle};
use newsterm::feed;

/// The path of `tests/feeds/NAME`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/feeds")
        .join(name)
}

/// A feed (or bundle) file read as `newsterm FILE` reads it, without fetching.
pub fn open(path: &Path) -> bundle::Result<Bundle> {
    feed::open(
        path.to_str().expect("UTF-8 path"),
        &newsterm::fetch::Options::default(),
        &mut |_| {},
    )
}
