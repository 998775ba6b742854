//! A state file shared by every reader of its bundle. A save takes the file's lock, reads
//! the file as it is on disk now (unless it is still the one this reader last read or
//! wrote), makes this reader's changes since its last save in it, replaces it atomically and
//! lets the lock go; so two readers of one bundle keep each other's marks. What the file
//! held from elsewhere goes back to the reader ([`Saved::merged`]) for its screen.

use std::fs::{self, File};
use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use super::{Changes, Lock, Memory, StateFile, parse, set_aside, write};

/// How long a save waits for the lock another reader holds. Its saves take milliseconds;
/// one held longer is stuck (a process stopped while saving), and the interface must not
/// wait on it.
pub const PATIENCE: Duration = Duration::from_secs(1);

/// A version of the state file as this reader read or wrote it. The file is kept open, so
/// its inode number cannot be given to another file while it is compared with.
#[derive(Debug)]
pub(super) struct Known {
    _file: File,
    dev: u64,
    ino: u64,
    len: u64,
    mtime: (i64, i64),
    /// Whether it held state (a file that did not is set aside by the next save).
    good: bool,
}

impl Known {
    fn of(file: File) -> io::Result<Known> {
        let meta = file.metadata()?;
        Ok(Known {
            dev: meta.dev(),
            ino: meta.ino(),
            len: meta.len(),
            mtime: (meta.mtime(), meta.mtime_nsec()),
            good: true,
            _file: file,
        })
    }

    /// Whether the file now at the path is this one, unchanged. Every newsterm write
    /// replaces the file (a new inode); the size and time catch an edit in place.
    fn is(&self, meta: &fs::Metadata) -> bool {
        (
            meta.dev(),
            meta.ino(),
            meta.len(),
            (meta.mtime(), meta.mtime_nsec()),
        ) == (self.dev, self.ino, self.len, self.mtime)
    }
}

/// The bytes of the state file at `path` and which version of it they are.
pub(super) fn read_known(path: &Path) -> io::Result<(Vec<u8>, Known)> {
    let file = crate::limits::open_regular(path)?;
    let bytes = crate::limits::read_capped(&file, crate::limits::MOST_READ)?;
    Ok((bytes, Known::of(file)?))
}

/// What a save did besides writing.
#[derive(Debug, Default)]
pub struct Saved {
    /// The file held marks from elsewhere: the state now written, which the reader must
    /// show. `None`: the file holds the reader's memory as it was (or nothing was written).
    pub merged: Option<Box<Memory>>,
    /// A file that was not state was set aside: what the status bar says.
    pub warning: Option<String>,
}

/// The state file as one reader saves to it.
#[derive(Debug)]
pub struct SharedFile {
    file: StateFile,
    /// Changes not yet in the file (kept when a save fails, tried again at the next).
    pending: Changes,
    /// The version of the file this reader last read or wrote.
    known: Option<Arc<Known>>,
    /// The lock could not be had: until it is, saves try it without waiting.
    stuck: bool,
}

impl SharedFile {
    pub fn new(file: StateFile) -> SharedFile {
        let known = file.known.clone();
        SharedFile {
            file,
            pending: Changes::default(),
            known,
            stuck: false,
        }
    }

    pub fn path(&self) -> &Path {
        &self.file.path
    }

    /// Whether changes wait to be saved (an earlier save failed).
    pub fn unsaved(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Saves `changes` (and any an earlier save could not), `memory` being the reader's
    /// memory with them made. Nothing to save writes nothing. `patient`: wait for a stuck
    /// lock too (the last save, at exit); otherwise, once the lock was not had, the next
    /// tries take it only if it is free.
    pub fn save(&mut self, memory: &Memory, changes: Changes, patient: bool) -> io::Result<Saved> {
        self.pending.then(changes);
        if self.pending.is_empty() {
            return Ok(Saved::default());
        }
        let path = self.file.path.clone();
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        let patience = if self.stuck && !patient {
            Duration::ZERO
        } else {
            PATIENCE
        };
        let lock = Lock::take(&path, patience).inspect_err(|e| {
            self.stuck = e.kind() == io::ErrorKind::WouldBlock;
        })?;
        self.stuck = false;
        let mut saved = Saved::default();
        let unchanged = match (fs::metadata(&path), &self.known) {
            (Ok(meta), Some(known)) => known.good && known.is(&meta),
            _ => false,
        };
        if !unchanged {
            match read_known(&path) {
                Ok((bytes, _)) => match parse(&bytes) {
                    Ok(mut disk) => {
                        self.pending.apply_to(&mut disk);
                        saved.merged = Some(Box::new(disk));
                    }
                    // Not state: kept aside, and this reader's memory written whole.
                    Err(why) => {
                        let said = set_aside(&path, now_secs(), &why).map_err(io::Error::other)?;
                        saved.warning = Some(crate::text::printable(&said).into_owned());
                    }
                },
                // Gone (removed by hand): this reader's memory written whole.
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
        write(&path, saved.merged.as_deref().unwrap_or(memory))?;
        // Still under the lock: the file there is the one just written.
        self.known = crate::limits::open_regular(&path)
            .and_then(Known::of)
            .ok()
            .map(Arc::new);
        self.pending = Changes::default();
        drop(lock);
        Ok(saved)
    }

    /// The state on disk, when another reader has written it since this one last read or
    /// wrote it; `None` when it has not (one `stat`), or it cannot be read as state. Only
    /// with no changes waiting: those are saved first, which merges.
    pub fn look(&mut self) -> Option<Memory> {
        if self.unsaved() {
            return None;
        }
        let meta = fs::metadata(&self.file.path).ok()?;
        if self.known.as_ref().is_some_and(|known| known.is(&meta)) {
            return None;
        }
        // No lock is needed to read: every writer replaces the file whole.
        let (bytes, mut known) = read_known(&self.file.path).ok()?;
        let memory = parse(&bytes).ok();
        known.good = memory.is_some();
        self.known = Some(Arc::new(known));
        memory
    }
}

fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::ReadingPlace;

    fn reader(path: &Path) -> (SharedFile, Memory) {
        let file = StateFile {
            path: path.to_path_buf(),
            known: None,
        };
        let opened = file.open(0);
        let file = opened.file.expect("a state file to save to");
        (SharedFile::new(file), opened.memory)
    }

    /// Star (or unstar) `id` in `memory` and save it, as the terminal loop does; the memory
    /// afterwards is what the reader shows.
    fn star(file: &mut SharedFile, memory: &mut Memory, id: &str, on: bool) -> Saved {
        let mut changes = Changes::default();
        changes.starred.insert(id.into(), on);
        changes.apply_to(memory);
        let saved = file.save(memory, changes, false).expect("saved");
        if let Some(merged) = &saved.merged {
            *memory = (**merged).clone();
        }
        saved
    }

    fn on_disk(path: &Path) -> Memory {
        parse(&fs::read(path).expect("the file")).expect("state")
    }

    #[test]
    fn two_readers_keep_each_others_marks() {
        let dir = crate::scratch::scratch_dir("shared", "two");
        let path = dir.join("news.json");
        let (mut a, mut mem_a) = reader(&path);
        let (mut b, mut mem_b) = reader(&path);
        assert!(star(&mut a, &mut mem_a, "x", true).merged.is_none());
        let saved = star(&mut b, &mut mem_b, "y", true);
        assert!(saved.merged.is_some(), "b learns of a's star");
        assert_eq!(mem_b.starred.len(), 2);
        assert_eq!(on_disk(&path).starred.len(), 2);
        // A reads it when it looks, and b's unstarring of a's star reaches a too.
        assert_eq!(a.look().map(|m| m.starred.len()), Some(2));
        assert_eq!(a.look(), None, "nothing new since");
        star(&mut b, &mut mem_b, "x", false);
        let mut changes = Changes::default();
        changes
            .places
            .insert("z".into(), Some(ReadingPlace { part: 1, line: 2 }));
        changes.apply_to(&mut mem_a);
        let saved = a.save(&mem_a, changes, false).expect("saved");
        let merged = saved.merged.expect("b's change came in");
        assert_eq!(merged.starred.iter().collect::<Vec<_>>(), ["y"]);
        assert_eq!(on_disk(&path), *merged);
        let _ = fs::remove_dir_all(dir);
    }

    #[test]
    fn nothing_to_save_writes_nothing_and_the_file_is_compact() {
        let dir = crate::scratch::scratch_dir("shared", "nothing");
        let path = dir.join("news.json");
        let (mut a, mut mem) = reader(&path);
        a.save(&mem, Changes::default(), false).expect("nothing");
        assert!(!path.exists());
        star(&mut a, &mut mem, "x", true);
        let before = fs::metadata(&path).expect("written").ino();
        a.save(&mem, Changes::default(), false).expect("nothing");
        assert_eq!(fs::metadata(&path).expect("there").ino(), before);
        let text = fs::read_to_string(&path).expect("text");
        assert!(!text.contains('\n') && !text.contains(": "), "{text}");
        // A pretty-printed file, as earlier versions wrote, reads as well.
        fs::write(
            &path,
            "{\n  \"newsterm_state\": 1,\n  \"read\": [\n    \"r\"\n  ]\n}",
        )
        .expect("written");
        assert_eq!(a.look().map(|m| m.read.len()), Some(1));
        let _ = fs::remove_dir_all(dir);
    }

    #[test]
    fn a_held_lock_fails_the_save_boundedly_and_the_changes_wait_for_the_next() {
        let dir = crate::scratch::scratch_dir("shared", "held");
        let path = dir.join("news.json");
        let (mut a, mut mem) = reader(&path);
        let held = Lock::take(&path, Duration::ZERO).expect("free");
        let mut changes = Changes::default();
        changes.starred.insert("x".into(), true);
        changes.apply_to(&mut mem);
        let refused = a.save(&mem, changes, false).expect_err("held");
        assert_eq!(refused.kind(), io::ErrorKind::WouldBlock);
        assert!(a.unsaved());
        assert!(!path.exists());
        // Still held: the next try does not wait (nothing to see but that it fails).
        assert!(a.save(&mem, Changes::default(), false).is_err());
        drop(held);
        a.save(&mem, Changes::default(), false).expect("saved now");
        assert!(!a.unsaved());
        assert!(on_disk(&path).starred.contains("x"));
        let _ = fs::remove_dir_all(dir);
    }

    #[test]
    fn a_file_that_became_junk_is_set_aside_by_the_next_save() {
        let dir = crate::scratch::scratch_dir("shared", "junk");
        let path = dir.join("news.json");
        let (mut a, mut mem) = reader(&path);
        star(&mut a, &mut mem, "x", true);
        fs::write(&path, "{junk").expect("written");
        assert_eq!(a.look(), None);
        let saved = star(&mut a, &mut mem, "y", true);
        assert!(saved.warning.is_some_and(|w| w.contains("set aside")));
        assert_eq!(on_disk(&path).starred.len(), 2, "the memory written whole");
        let _ = fs::remove_dir_all(dir);
    }
}
