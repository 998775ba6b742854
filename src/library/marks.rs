//! Read, starred and the place in each story, in the library's `marks` table, and the tags
//! given to stories one by one, in `story_tags`: one scope for
//! the library's own stories ([`LIBRARY_SCOPE`]) and one per bundle opened by path (the name
//! its JSON state file had). The reader's [`Memory`] is read from a scope, and its
//! [`Changes`] are made in one transaction, row by row, so two processes marking different
//! stories never lose each other's marks.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rusqlite::params;

use super::{Library, Result};
use crate::state::{Changes, Memory, ReadingPlace};

/// The scope of the library's own stories.
pub const LIBRARY_SCOPE: &str = "library";

/// The start of the meta key that keeps the stamp of a state file taken in, before its scope.
const STATE_FILE: &str = "state_file:";

/// The scope of the bundle whose JSON state file is `path` (its file name without `.json`).
pub fn scope_of_state_file(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(".json")?;
    Some(format!("bundle:{stem}"))
}

impl Library {
    /// What the reader remembers of the stories in `scope`.
    pub fn memory(&self, scope: &str) -> Result<Memory> {
        let mut memory = self.marks_where(
            "SELECT story, read, starred, part, line FROM marks WHERE scope = ?1",
            rusqlite::params![scope],
        )?;
        memory.tags = self.story_tags(scope)?;
        Ok(memory)
    }

    /// What the reader remembers of the library's first `n` stories, newest first (those
    /// [`Library::first_headlines`] reads): all the first screen needs, read in a moment
    /// however many stories were marked.
    pub fn memory_of_first(&self, n: usize) -> Result<Memory> {
        let mut memory = self.marks_where(
            "SELECT story, read, starred, part, line FROM marks WHERE scope = ?1 AND story IN
                (SELECT CAST(id AS TEXT) FROM stories ORDER BY sort DESC, id DESC LIMIT ?2)",
            rusqlite::params![LIBRARY_SCOPE, i64::try_from(n).unwrap_or(i64::MAX)],
        )?;
        // Every story's tags: few stories have any, and a tag's folder counts them all.
        memory.tags = self.story_tags(LIBRARY_SCOPE)?;
        Ok(memory)
    }

    /// The tags of the stories in `scope`, by story.
    fn story_tags(&self, scope: &str) -> Result<BTreeMap<String, BTreeSet<String>>> {
        let read = || -> rusqlite::Result<BTreeMap<String, BTreeSet<String>>> {
            let mut tags: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
            let mut stmt = self
                .conn
                .prepare("SELECT story, tag FROM story_tags WHERE scope = ?1")?;
            let mut rows = stmt.query([scope])?;
            while let Some(row) = rows.next()? {
                tags.entry(row.get(0)?).or_default().insert(row.get(1)?);
            }
            Ok(tags)
        };
        read().map_err(|e| self.err(&e))
    }

    fn marks_where(&self, sql: &str, params: impl rusqlite::Params) -> Result<Memory> {
        let read = || -> rusqlite::Result<Memory> {
            let mut memory = Memory::default();
            let mut stmt = self.conn.prepare(sql)?;
            let mut rows = stmt.query(params)?;
            while let Some(row) = rows.next()? {
                let story: String = row.get(0)?;
                let place = match (row.get::<_, Option<i64>>(3)?, row.get::<_, Option<i64>>(4)?) {
                    (Some(part), Some(line)) => Some(ReadingPlace {
                        part: usize::try_from(part).unwrap_or(0),
                        line: usize::try_from(line).unwrap_or(0),
                    }),
                    _ => None,
                };
                if let Some(place) = place {
                    memory.places.insert(story.clone(), place);
                }
                if row.get::<_, bool>(2)? {
                    memory.starred.insert(story.clone());
                }
                if row.get::<_, bool>(1)? {
                    memory.read.insert(story);
                }
            }
            Ok(memory)
        };
        read().map_err(|e| self.err(&e))
    }

    /// Makes `changes` in `scope`, in one transaction that waits for another writer.
    pub fn apply(&mut self, scope: &str, changes: &Changes) -> Result<()> {
        self.refuse_read_only()?;
        if changes.is_empty() {
            return Ok(());
        }
        self.write(|tx| apply_in(tx, scope, changes))
    }

    /// Takes in the JSON state files (`NAME.json` under `dir`) that earlier versions wrote,
    /// and that a reader whose library could not be opened writes: each becomes, or adds to,
    /// the scope of its bundle. A file is taken in once as it is: its size and modification
    /// time are kept in `meta`, and it is read again only when they change. The files stay
    /// where they are, as a backup. How many files were taken in.
    pub fn take_in_state_files(&mut self, dir: &Path) -> Result<usize> {
        if self.read_only {
            return Ok(0);
        }
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Ok(0);
        };
        let mut files: Vec<(String, String, Memory)> = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let Some(scope) = scope_of_state_file(&path) else {
                continue;
            };
            let Some(stamp) = stamp_of(&path) else {
                continue;
            };
            if self.taken_in(&scope)?.as_deref() == Some(stamp.as_str()) {
                continue;
            }
            // A file that cannot be read as state is left for the JSON reader's own
            // setting aside; it is not the library's to judge.
            if let Some(memory) = crate::state::read_memory(&path) {
                files.push((scope, stamp, memory));
            }
        }
        if files.is_empty() {
            return Ok(0);
        }
        let count = files.len();
        self.write(|tx| {
            for (scope, stamp, memory) in &files {
                let changes = Changes::between(&Memory::default(), memory);
                apply_in(tx, scope, &changes)?;
                tx.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)",
                    params![format!("{STATE_FILE}{scope}"), stamp],
                )?;
            }
            Ok(())
        })?;
        Ok(count)
    }

    /// The stamp of the state file of `scope` last taken in, if one was.
    fn taken_in(&self, scope: &str) -> Result<Option<String>> {
        let found = self.conn.query_row(
            "SELECT value FROM meta WHERE key = ?1",
            [format!("{STATE_FILE}{scope}")],
            |r| r.get(0),
        );
        match found {
            Ok(stamp) => Ok(Some(stamp)),
            Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
            Err(e) => Err(self.err(&e)),
        }
    }
}

/// A file's size and modification time, which change when it is written.
fn stamp_of(path: &Path) -> Option<String> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    let time = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some(format!(
        "{}.{:09} {}",
        time.as_secs(),
        time.subsec_nanos(),
        meta.len()
    ))
}

fn apply_in(
    tx: &rusqlite::Transaction<'_>,
    scope: &str,
    changes: &Changes,
) -> rusqlite::Result<()> {
    let mut ensure = tx.prepare("INSERT OR IGNORE INTO marks (scope, story) VALUES (?1, ?2)")?;
    let mut read = tx.prepare("UPDATE marks SET read = ?3 WHERE scope = ?1 AND story = ?2")?;
    let mut starred =
        tx.prepare("UPDATE marks SET starred = ?3 WHERE scope = ?1 AND story = ?2")?;
    let mut place =
        tx.prepare("UPDATE marks SET part = ?3, line = ?4 WHERE scope = ?1 AND story = ?2")?;
    for (story, &on) in &changes.read {
        ensure.execute(params![scope, story])?;
        read.execute(params![scope, story, on])?;
    }
    for (story, &on) in &changes.starred {
        ensure.execute(params![scope, story])?;
        starred.execute(params![scope, story, on])?;
    }
    for (story, at) in &changes.places {
        ensure.execute(params![scope, story])?;
        let (part, line) = match at {
            Some(p) => (
                Some(i64::try_from(p.part).unwrap_or(i64::MAX)),
                Some(i64::try_from(p.line).unwrap_or(i64::MAX)),
            ),
            None => (None, None),
        };
        place.execute(params![scope, story, part, line])?;
    }
    let mut untag = tx.prepare("DELETE FROM story_tags WHERE scope = ?1 AND story = ?2")?;
    let mut tag = tx.prepare("INSERT INTO story_tags (scope, story, tag) VALUES (?1, ?2, ?3)")?;
    for (story, tags) in &changes.tags {
        untag.execute(params![scope, story])?;
        for t in tags {
            tag.execute(params![scope, story, t])?;
        }
    }
    // Rows that say nothing any more go.
    tx.execute(
        "DELETE FROM marks WHERE scope = ?1 AND read = 0 AND starred = 0 AND part IS NULL",
        [scope],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn library(name: &str) -> (Library, std::path::PathBuf) {
        let dir = crate::scratch::scratch_dir("marks", name);
        let path = dir.join("library.db");
        (Library::open(&path).unwrap(), path)
    }

    #[test]
    fn changes_made_are_the_memory_read_back() {
        let (mut lib, _) = library("roundtrip");
        let mut changes = Changes::default();
        changes.read.insert("1".into(), true);
        changes.read.insert("2".into(), true);
        changes.starred.insert("2".into(), true);
        changes
            .places
            .insert("3".into(), Some(ReadingPlace { part: 4, line: 7 }));
        changes.tags.insert(
            "4".into(),
            ["climate".to_owned(), "to read".to_owned()].into(),
        );
        lib.apply(LIBRARY_SCOPE, &changes).unwrap();
        let mut expected = Memory::default();
        changes.apply_to(&mut expected);
        assert_eq!(lib.memory(LIBRARY_SCOPE).unwrap(), expected);
        assert_eq!(lib.memory("bundle:other").unwrap(), Memory::default());
        let mut undo = Changes::default();
        undo.read.insert("1".into(), false);
        undo.tags.insert("4".into(), ["climate".to_owned()].into());
        undo.tags.insert("2".into(), BTreeSet::new());
        lib.apply(LIBRARY_SCOPE, &undo).unwrap();
        undo.apply_to(&mut expected);
        assert_eq!(lib.memory(LIBRARY_SCOPE).unwrap(), expected);
        assert_eq!(lib.integrity_check(), Ok(()));
    }

    #[test]
    fn state_files_are_taken_in_once_as_written_and_left_in_place() {
        let (mut lib, path) = library("migrate");
        let dir = path.parent().unwrap().join("state");
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("ngay-nay-0123456789abcdef.json");
        let text = r#"{"newsterm_state":1,"read":["a"],"starred":["b"],"places":{"c":{"part":2,"line":3}}}"#;
        std::fs::write(&file, text).unwrap();
        std::fs::write(dir.join("broken.json"), "{").unwrap();
        assert_eq!(lib.take_in_state_files(&dir).unwrap(), 1);
        let scope = scope_of_state_file(&file).unwrap();
        let memory = lib.memory(&scope).unwrap();
        assert!(memory.read.contains("a") && memory.starred.contains("b"));
        assert_eq!(
            memory.places.get("c"),
            Some(&ReadingPlace { part: 2, line: 3 })
        );
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            text,
            "left as a backup"
        );
        assert_eq!(lib.take_in_state_files(&dir).unwrap(), 0, "once");
        // Written again (by a reader whose library could not be opened): taken in again,
        // adding to what the library has.
        std::thread::sleep(std::time::Duration::from_millis(20));
        let text = r#"{"newsterm_state":1,"read":["a","d"],"starred":[],"places":{}}"#;
        std::fs::write(&file, text).unwrap();
        assert_eq!(lib.take_in_state_files(&dir).unwrap(), 1);
        let memory = lib.memory(&scope).unwrap();
        assert!(memory.read.contains("d") && memory.starred.contains("b"));
        assert_eq!(lib.take_in_state_files(&dir).unwrap(), 0);
        assert_eq!(lib.integrity_check(), Ok(()));
    }

    #[test]
    fn another_connections_marks_are_seen_and_kept() {
        let (mut one, path) = library("two");
        let mut two = Library::open(&path).unwrap();
        assert!(!one.changed(), "the first look only takes note");
        let mut a = Changes::default();
        a.starred.insert("10".into(), true);
        one.apply(LIBRARY_SCOPE, &a).unwrap();
        assert!(!one.changed(), "its own change is not news");
        let mut b = Changes::default();
        b.starred.insert("11".into(), true);
        two.apply(LIBRARY_SCOPE, &b).unwrap();
        assert!(one.changed());
        let memory = one.memory(LIBRARY_SCOPE).unwrap();
        assert!(memory.starred.contains("10") && memory.starred.contains("11"));
    }
}
