//! The library's tables and their versions: `PRAGMA user_version` says which migrations a
//! file has had; each migration runs once, in one transaction, in order. A file whose
//! version is later than this newsterm knows is refused, never changed.

use std::path::Path;

use rusqlite::Connection;

use super::{LibraryError, Result};

/// Each migration, the first being the first release's schema. A new one is added at the
/// end; one that shipped is never edited.
const MIGRATIONS: &[&str] = &[
    // 1: feeds, their stories, and the marks of stories (library and bundles). The
    // headline columns are also an index, newest first: the reader's list is read from it
    // alone, never from the rows with the stories' texts.
    "CREATE TABLE feeds (
        id INTEGER PRIMARY KEY,
        url TEXT NOT NULL UNIQUE,
        title TEXT,
        home TEXT,
        language TEXT,
        last_try INTEGER,
        last_ok INTEGER,
        failures INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        last_status INTEGER
    );
    CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        feed INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
        guid TEXT NOT NULL,
        link TEXT,
        title TEXT NOT NULL,
        section TEXT,
        published TEXT,
        has_body INTEGER NOT NULL,
        sort INTEGER NOT NULL,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        article TEXT NOT NULL
    );
    CREATE INDEX stories_by_feed ON stories (feed, guid);
    CREATE INDEX stories_headlines
        ON stories (sort DESC, id DESC, feed, title, section, published, has_body);
    CREATE TABLE marks (
        scope TEXT NOT NULL,
        story TEXT NOT NULL,
        read INTEGER NOT NULL DEFAULT 0,
        starred INTEGER NOT NULL DEFAULT 0,
        part INTEGER,
        line INTEGER,
        PRIMARY KEY (scope, story)
    ) WITHOUT ROWID;
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;",
    // 2: the tags given to stories one by one (`t`), a row per tag.
    "CREATE TABLE story_tags (
        scope TEXT NOT NULL,
        story TEXT NOT NULL,
        tag TEXT NOT NULL,
        PRIMARY KEY (scope, story, tag)
    ) WITHOUT ROWID;",
    // 3: whole articles read from stories' pages (`f`), by the page's address: a one-story
    // bundle, as the bundle loader reads it back.
    "CREATE TABLE full_texts (
        url TEXT PRIMARY KEY,
        fetched INTEGER NOT NULL,
        story TEXT NOT NULL
    );",
];

/// The schema version this newsterm writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

/// Settings every connection that writes needs: WAL (a reader is never blocked by a
/// writer), foreign keys, and `NORMAL` syncing, which in WAL mode loses at most the last
/// transactions on a power cut and never corrupts the file.
pub fn prepare(conn: &Connection) -> rusqlite::Result<()> {
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    // A file on a system without shared memory stays in its own mode; SQLite says which.
    let _ = mode;
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")
}

/// Brings the file up to [`VERSION`].
pub fn migrate(conn: &Connection, path: &Path) -> Result<()> {
    let fail = |e: rusqlite::Error| LibraryError::of(path, &e);
    let found = check_version(conn, path)?;
    for (n, sql) in MIGRATIONS
        .iter()
        .enumerate()
        .skip(usize::try_from(found).unwrap_or(0))
    {
        // IMMEDIATE: a second newsterm starting at the same moment waits here, then finds
        // the migration done and skips it.
        conn.execute_batch("BEGIN IMMEDIATE").map_err(fail)?;
        let now: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(fail)?;
        let step = i64::try_from(n).unwrap_or(i64::MAX);
        if now > step {
            conn.execute_batch("COMMIT").map_err(fail)?;
            continue;
        }
        let done = conn
            .execute_batch(sql)
            .and_then(|()| conn.execute_batch(&format!("PRAGMA user_version = {}", step + 1)))
            .and_then(|()| conn.execute_batch("COMMIT"));
        if let Err(e) = done {
            let _ = conn.execute_batch("ROLLBACK");
            return Err(fail(e));
        }
    }
    Ok(())
}

/// The file's version, refused when it is later than this newsterm knows.
pub fn check_version(conn: &Connection, path: &Path) -> Result<i64> {
    let found: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| LibraryError::of(path, &e))?;
    if found > VERSION {
        return Err(LibraryError::Newer {
            path: crate::text::printable(&path.display().to_string()).into_owned(),
            found,
            known: VERSION,
        });
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Library;

    #[test]
    fn a_new_library_gets_every_migration_and_a_second_open_none() {
        let dir = crate::scratch::scratch_dir("library", "schema");
        let path = dir.join("library.db");
        let library = Library::open(&path).unwrap();
        let version: i64 = library
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, VERSION);
        let mode: String = library
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        drop(library);
        let again = Library::open(&path).unwrap();
        assert_eq!(again.integrity_check(), Ok(()));
    }

    #[test]
    fn a_library_of_the_first_release_is_brought_up_keeping_its_marks() {
        let dir = crate::scratch::scratch_dir("library", "first-release");
        let path = dir.join("library.db");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(MIGRATIONS[0]).unwrap();
            conn.execute_batch(
                "INSERT INTO marks (scope, story, read) VALUES ('library', '7', 1);
                 PRAGMA user_version = 1;",
            )
            .unwrap();
        }
        let mut library = Library::open(&path).unwrap();
        let mut changes = crate::state::Changes::default();
        changes.tags.insert("7".into(), ["later".to_owned()].into());
        library.apply("library", &changes).unwrap();
        let memory = library.memory("library").unwrap();
        assert!(memory.read.contains("7"), "the mark is kept");
        assert_eq!(memory.tags["7"], ["later".to_owned()].into());
        assert_eq!(library.integrity_check(), Ok(()));
    }

    #[test]
    fn a_library_from_a_later_newsterm_is_refused_untouched() {
        let dir = crate::scratch::scratch_dir("library", "newer");
        let path = dir.join("library.db");
        drop(Library::open(&path).unwrap());
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(&format!("PRAGMA user_version = {}", VERSION + 5))
                .unwrap();
        }
        let e = Library::open(&path).unwrap_err().to_string();
        assert!(e.contains("made by a newer newsterm"), "{e}");
    }

    #[test]
    fn a_file_that_is_not_a_library_is_refused_and_left_as_it_was() {
        let dir = crate::scratch::scratch_dir("library", "garbage");
        let path = dir.join("library.db");
        let garbage = b"this is not a database, it is a shopping list\n".repeat(200);
        std::fs::write(&path, &garbage).unwrap();
        let e = Library::open(&path).unwrap_err();
        assert!(matches!(e, LibraryError::Damaged { .. }), "{e}");
        assert_eq!(std::fs::read(&path).unwrap(), garbage);
    }
}
