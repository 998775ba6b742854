//! The library: every story ever fetched from the subscriptions, kept after it leaves its
//! feed, and what the reader did with stories (read, starred, the place in each), for
//! library stories and bundles opened by path alike. One SQLite database (bundled SQLite:
//! no system library) at `$XDG_DATA_HOME/newsterm/library.db`, in WAL mode, so a reader and a
//! refresh in another process work at once.
//!
//! Every change is one transaction that waits for the write lock (up to [`BUSY`]) rather
//! than failing; another process sees it at its next look ([`Library::changed`]). No
//! terminal code and no network here: `src/refresh.rs` fetches, this stores.

mod fulltext;
mod marks;
mod retention;
mod schema;
mod store;
mod view;

pub use marks::{LIBRARY_SCOPE, scope_of_state_file};
pub use retention::Keep;
pub use store::{FeedInfo, FeedStatus, Stored, shown_tags};
pub use view::{FeedName, Selection, TITLE};

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

/// How long a change waits for another process's write to end before it gives up.
pub const BUSY: Duration = Duration::from_secs(10);

/// Why the library could not be used.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    /// The file is there but is not a library newsterm can use (not SQLite, damaged).
    #[error("{path}: {reason}")]
    Damaged { path: String, reason: String },
    /// Written by a later newsterm, whose schema this one does not know.
    #[error("{path}: made by a newer newsterm (schema {found}; this one knows up to {known})")]
    Newer {
        path: String,
        found: i64,
        known: i64,
    },
    /// Anything else SQLite or the file system said.
    #[error("{path}: {reason}")]
    Other { path: String, reason: String },
}

impl LibraryError {
    fn of(path: &Path, e: &rusqlite::Error) -> LibraryError {
        let path = crate::text::printable(&path.display().to_string()).into_owned();
        let reason = crate::text::printable(&e.to_string()).into_owned();
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt) => {
                LibraryError::Damaged { path, reason }
            }
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                LibraryError::Other {
                    path,
                    reason: format!("{reason} (another newsterm holds it)"),
                }
            }
            _ => LibraryError::Other { path, reason },
        }
    }

    fn io(path: &Path, e: &std::io::Error) -> LibraryError {
        LibraryError::Other {
            path: crate::text::printable(&path.display().to_string()).into_owned(),
            reason: e.to_string(),
        }
    }
}

pub type Result<T, E = LibraryError> = std::result::Result<T, E>;

/// An open library.
pub struct Library {
    conn: Connection,
    path: PathBuf,
    /// Opened read-only (a read-only disk): stories are shown, nothing is written.
    read_only: bool,
    /// The `data_version` last seen: it changes when another connection commits.
    seen: Option<i64>,
}

impl std::fmt::Debug for Library {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Library({})", self.path.display())
    }
}

/// Where the library is: `$XDG_DATA_HOME/newsterm/library.db`, else
/// `~/.local/share/newsterm/library.db`. `None` when neither variable is set.
pub fn library_path(var: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let base = var("XDG_DATA_HOME")
        .filter(|v| Path::new(v).is_absolute())
        .map(PathBuf::from)
        .or_else(|| var("HOME").map(|home| Path::new(&home).join(".local/share")))?;
    Some(base.join("newsterm").join("library.db"))
}

impl Library {
    /// Opens the library at `path`, making it (and its folder) when it is not there, and
    /// bringing its schema up to date. A file that is not a library is refused and left as
    /// it is; a folder that cannot be written opens the library read-only when it exists.
    pub fn open(path: &Path) -> Result<Library> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| LibraryError::io(path, &e))?;
        }
        // Only a regular file (or none yet): a device or a fifo named library.db is refused
        // before SQLite opens it.
        match std::fs::metadata(path) {
            Ok(meta) if !meta.is_file() => {
                return Err(LibraryError::Damaged {
                    path: crate::text::printable(&path.display().to_string()).into_owned(),
                    reason: "not a regular file".into(),
                });
            }
            _ => {}
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        match Connection::open_with_flags(path, flags) {
            Ok(conn) => match Self::ready(conn, path, false) {
                Err(e) if is_read_only(&e) => Self::open_read_only(path),
                other => other,
            },
            Err(e) if path.exists() => match Self::open_read_only(path) {
                Ok(library) => Ok(library),
                Err(_) => Err(LibraryError::of(path, &e)),
            },
            Err(e) => Err(LibraryError::of(path, &e)),
        }
    }

    /// Opens an existing library without writing to it.
    pub fn open_read_only(path: &Path) -> Result<Library> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| LibraryError::of(path, &e))?;
        Self::ready(conn, path, true)
    }

    fn ready(conn: Connection, path: &Path, read_only: bool) -> Result<Library> {
        let fail = |e: rusqlite::Error| LibraryError::of(path, &e);
        conn.busy_timeout(BUSY).map_err(fail)?;
        if !read_only {
            schema::prepare(&conn).map_err(fail)?;
            schema::migrate(&conn, path)?;
        } else {
            schema::check_version(&conn, path)?;
        }
        Ok(Library {
            conn,
            path: path.to_path_buf(),
            read_only,
            seen: None,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether changes are refused (the library was opened read-only).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// SQLite's own check of the whole file: `Ok(())` when it finds nothing wrong.
    pub fn integrity_check(&self) -> Result<(), String> {
        let found: Vec<String> = self
            .conn
            .prepare("PRAGMA integrity_check")
            .and_then(|mut s| {
                s.query_map([], |row| row.get::<_, String>(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(|e| e.to_string())?;
        if found == ["ok"] {
            Ok(())
        } else {
            Err(found.join("; "))
        }
    }

    /// Whether another process has changed the library since this one last asked (the
    /// first call only takes note).
    pub fn changed(&mut self) -> bool {
        let version: Option<i64> = self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))
            .ok();
        match version {
            Some(v) if Some(v) != self.seen => {
                let before = self.seen.replace(v);
                before.is_some()
            }
            _ => false,
        }
    }

    /// Runs `work` in one IMMEDIATE transaction (it waits for another process's write), and
    /// commits what it did when it succeeds.
    fn write<T>(
        &mut self,
        work: impl FnOnce(&rusqlite::Transaction<'_>) -> rusqlite::Result<T>,
    ) -> Result<T> {
        self.refuse_read_only()?;
        let path = self.path.clone();
        let fail = |e: rusqlite::Error| LibraryError::of(&path, &e);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(fail)?;
        let done = work(&tx).map_err(fail)?;
        tx.commit().map_err(fail)?;
        Ok(done)
    }

    fn err(&self, e: &rusqlite::Error) -> LibraryError {
        LibraryError::of(&self.path, e)
    }

    fn refuse_read_only(&self) -> Result<()> {
        if self.read_only {
            return Err(LibraryError::Other {
                path: crate::text::printable(&self.path.display().to_string()).into_owned(),
                reason: "opened read-only: nothing is saved".into(),
            });
        }
        Ok(())
    }
}

fn is_read_only(e: &LibraryError) -> bool {
    match e {
        LibraryError::Other { reason, .. } => {
            reason.contains("readonly") || reason.contains("read-only")
        }
        _ => false,
    }
}

/// Seconds since 1970, now.
pub fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}
