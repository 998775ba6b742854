//! Where the reader's marks are saved: a bundle's JSON state file (merged under a lock), or
//! a scope of the library (each save one transaction). The loop saves through a
//! [`Keeper`] and looks through it for what other readers saved, whichever it is.

use std::io;
use std::path::Path;

use crate::library::Library;
use crate::state::{Changes, Memory, Saved, SharedFile, StateFile};

/// Where the marks are kept.
#[derive(Debug)]
pub enum Keeper {
    File(SharedFile),
    Library(LibraryMarks),
}

/// A scope of the library, as one reader saves to it.
#[derive(Debug)]
pub struct LibraryMarks {
    library: Library,
    scope: String,
    /// Changes not yet in the library (kept when a save fails, tried again at the next).
    pending: Changes,
}

impl Keeper {
    pub fn file(file: StateFile) -> Keeper {
        Keeper::File(SharedFile::new(file))
    }

    /// The marks of `scope` in `library`; `library.changed()` is asked once here, so that
    /// what this reader read at the start is not news later.
    pub fn library(mut library: Library, scope: String) -> Keeper {
        let _ = library.changed();
        Keeper::Library(LibraryMarks {
            library,
            scope,
            pending: Changes::default(),
        })
    }

    pub fn path(&self) -> &Path {
        match self {
            Keeper::File(file) => file.path(),
            Keeper::Library(marks) => marks.library.path(),
        }
    }

    /// Whether changes wait to be saved (an earlier save failed).
    pub fn unsaved(&self) -> bool {
        match self {
            Keeper::File(file) => file.unsaved(),
            Keeper::Library(marks) => !marks.pending.is_empty(),
        }
    }

    /// Saves `changes` (and any an earlier save could not); `memory` is the reader's with
    /// them made. When others saved meanwhile, [`Saved::merged`] is the memory to show.
    pub fn save(&mut self, memory: &Memory, changes: Changes, patient: bool) -> io::Result<Saved> {
        match self {
            Keeper::File(file) => file.save(memory, changes, patient),
            Keeper::Library(marks) => {
                marks.pending.then(changes);
                if marks.pending.is_empty() {
                    return Ok(Saved::default());
                }
                marks
                    .library
                    .apply(&marks.scope, &marks.pending)
                    .map_err(|e| io::Error::other(e.to_string()))?;
                marks.pending = Changes::default();
                let mut saved = Saved::default();
                if marks.library.changed() {
                    saved.merged = marks.library.memory(&marks.scope).ok().map(Box::new);
                }
                Ok(saved)
            }
        }
    }

    /// What another reader saved since this one last looked, if anything.
    pub fn look(&mut self) -> Option<Memory> {
        match self {
            Keeper::File(file) => file.look(),
            Keeper::Library(marks) => {
                if !marks.pending.is_empty() || !marks.library.changed() {
                    return None;
                }
                marks.library.memory(&marks.scope).ok()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::LIBRARY_SCOPE;

    #[test]
    fn two_readers_of_the_library_see_each_others_stars() {
        let dir = crate::scratch::scratch_dir("keeper", "two");
        let path = dir.join("library.db");
        let open = || Keeper::library(Library::open(&path).unwrap(), LIBRARY_SCOPE.into());
        let (mut one, mut two) = (open(), open());
        let mut mine = Memory::default();
        let mut star = Changes::default();
        star.starred.insert("1".into(), true);
        star.apply_to(&mut mine);
        let saved = one.save(&mine, star, false).unwrap();
        assert!(saved.merged.is_none(), "nothing from elsewhere yet");
        let mut theirs = Memory::default();
        let mut other = Changes::default();
        other.starred.insert("2".into(), true);
        other.apply_to(&mut theirs);
        let saved = two.save(&theirs, other, false).unwrap();
        let merged = saved.merged.expect("the first reader's star");
        assert!(merged.starred.contains("1") && merged.starred.contains("2"));
        let seen = one.look().expect("the second reader's star");
        assert!(seen.starred.contains("2"));
        assert!(one.look().is_none(), "nothing new since");
    }
}
