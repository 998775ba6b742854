//! What the reader remembers of a bundle between sessions: the stories read, the stories
//! starred, and where the reader was in each story. The data ([`Memory`]) is plain and lives
//! in the `App`; the file ([`StateFile`]) is written by the terminal loop, never by the app.
//!
//! One JSON file per bundle under `$XDG_STATE_HOME/newsterm/` (default
//! `~/.local/state/newsterm/`), keyed by the bundle's title and url, stories by id, written
//! compact (a pretty-printed file reads as well). Writes are atomic: a temporary file in the
//! same directory, flushed to disk, renamed over the old one, so a crash or a kill at any
//! moment leaves either the old state or the new, never half. A file that cannot be read as
//! state is set aside (renamed with a timestamp), never fatal.
//!
//! Several readers of one bundle share its file: each save merges this reader's changes into
//! the file as it is on disk, under a lock ([`SharedFile`], `src/state/shared.rs`).

mod changes;
mod lock;
mod shared;

pub use changes::Changes;
pub use lock::{Lock, lock_path};
pub use shared::{PATIENCE, Saved, SharedFile};

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize};

/// Where the reader was in a story: the part at the top of the reader and how many lines
/// into it, so the place survives a different width.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadingPlace {
    pub part: usize,
    pub line: usize,
}

/// The state of one bundle.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Memory {
    #[serde(default, deserialize_with = "sorted_set")]
    pub read: BTreeSet<String>,
    #[serde(default, deserialize_with = "sorted_set")]
    pub starred: BTreeSet<String>,
    #[serde(default)]
    pub places: BTreeMap<String, ReadingPlace>,
    /// The tags given to stories one by one (`t`), by story id; a story without any is
    /// not here.
    #[serde(default)]
    pub tags: BTreeMap<String, BTreeSet<String>>,
}

/// A set read as a list and built in one go: the file holds it sorted, so building it costs
/// one pass instead of a search per id (every save after another reader's reads it whole).
fn sorted_set<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeSet<String>, D::Error> {
    Vec::<String>::deserialize(d).map(BTreeSet::from_iter)
}

/// The file's outer shape: a version, so a later format can tell an older file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stored {
    newsterm_state: u32,
    #[serde(flatten)]
    memory: Memory,
}

const VERSION: u32 = 1;

/// The borrowed form of [`Stored`], for writing without a copy of the memory.
#[derive(Serialize)]
struct StoredRef<'a> {
    newsterm_state: u32,
    read: &'a BTreeSet<String>,
    starred: &'a BTreeSet<String>,
    places: &'a BTreeMap<String, ReadingPlace>,
    // Left out when empty, so that a file without tags stays one an earlier newsterm reads.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    tags: &'a BTreeMap<String, BTreeSet<String>>,
}

/// The state file of one bundle.
#[derive(Debug, Clone)]
pub struct StateFile {
    pub path: PathBuf,
    /// The file as [`StateFile::open`] read it, so the first save can tell whether another
    /// reader has written it since.
    known: Option<Arc<shared::Known>>,
}

/// What opening the state found.
#[derive(Debug)]
pub struct Opened {
    /// Where changes are saved; `None` when the file is there but could not be read (saving
    /// would replace marks this session never saw).
    pub file: Option<StateFile>,
    pub memory: Memory,
    /// A problem that did not stop anything, for the status bar.
    pub warning: Option<String>,
}

impl StateFile {
    /// The state file for the bundle titled `title` with `url`, under the state directory
    /// the environment names (`var` reads it: `XDG_STATE_HOME`, else `HOME`). `None` when
    /// neither is set.
    pub fn for_bundle(
        title: &str,
        url: Option<&str>,
        var: impl Fn(&str) -> Option<String>,
    ) -> Option<StateFile> {
        let dir = state_dir(var)?;
        let key = format!("{title}\n{}", url.unwrap_or(""));
        let name = format!("{}-{:016x}.json", slug(title), fnv1a(key.as_bytes()));
        Some(StateFile {
            path: dir.join(name),
            known: None,
        })
    }

    /// Reads the state. A missing file is an empty state; a file that is not state (not
    /// UTF-8, not JSON, another version) is set aside as `NAME.corrupt-SECONDS` with a
    /// warning, and the state starts empty. A file that is there but cannot be read (its
    /// permissions, an I/O error) is left alone and nothing is saved this session.
    pub fn open(mut self, now_secs: u64) -> Opened {
        let bytes = match shared::read_known(&self.path) {
            Ok((bytes, known)) => {
                self.known = Some(Arc::new(known));
                bytes
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Opened {
                    file: Some(self),
                    memory: Memory::default(),
                    warning: None,
                };
            }
            Err(e) => {
                let warning = format!(
                    "cannot read {}: {e}; nothing is saved this session",
                    self.path.display()
                );
                return Opened {
                    file: None,
                    memory: Memory::default(),
                    warning: Some(crate::text::printable(&warning).into_owned()),
                };
            }
        };
        match parse(&bytes) {
            Ok(memory) => Opened {
                file: Some(self),
                memory,
                warning: None,
            },
            Err(why) => {
                let (file, warning) = match set_aside(&self.path, now_secs, &why) {
                    Ok(said) => (Some(self), said),
                    // Not set aside: saving would replace it, so nothing is saved.
                    Err(said) => (None, format!("{said}; nothing is saved this session")),
                };
                Opened {
                    file,
                    memory: Memory::default(),
                    warning: Some(crate::text::printable(&warning).into_owned()),
                }
            }
        }
    }
}

/// The memory in a state file's bytes, or why they are not state (not UTF-8, not JSON,
/// another version). Either form is read: compact, or pretty-printed as files were once
/// written.
/// The folder of the state files: `$XDG_STATE_HOME/newsterm`, else
/// `~/.local/state/newsterm`. `None` when neither variable is set.
pub fn state_dir(var: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let base = var("XDG_STATE_HOME")
        .filter(|v| Path::new(v).is_absolute())
        .map(PathBuf::from)
        .or_else(|| var("HOME").map(|home| Path::new(&home).join(".local/state")))?;
    Some(base.join("newsterm"))
}

/// The memory in the state file at `path`, if it can be read as state.
pub fn read_memory(path: &Path) -> Option<Memory> {
    let bytes = crate::limits::read_regular(path, crate::limits::MOST_READ).ok()?;
    parse(&bytes).ok()
}

fn parse(bytes: &[u8]) -> Result<Memory, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
    let stored = serde_json::from_str::<Stored>(text).map_err(|e| e.to_string())?;
    if stored.newsterm_state == VERSION {
        Ok(stored.memory)
    } else {
        Err(format!("unknown version {}", stored.newsterm_state))
    }
}

/// Renames a file that is not state to `NAME.corrupt-SECONDS`, so that nothing is lost by
/// writing a new one; what happened, for the status bar, either way.
fn set_aside(path: &Path, now_secs: u64, why: &str) -> Result<String, String> {
    let aside = path.with_extension(format!("json.corrupt-{now_secs}"));
    match fs::rename(path, &aside) {
        Ok(()) => Ok(format!(
            "state file was unreadable ({why}); set aside as {}",
            aside.display()
        )),
        Err(e) => Err(format!(
            "state file was unreadable ({why}) and not set aside: {e}"
        )),
    }
}

/// Writes `memory` to `path` atomically (see [`crate::atomic`]), compact (the whole file is
/// written at every change, so no byte is spent on layout) and as it is serialized, without
/// a copy of the memory.
fn write(path: &Path, memory: &Memory) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let stored = StoredRef {
        newsterm_state: VERSION,
        read: &memory.read,
        starred: &memory.starred,
        places: &memory.places,
        tags: &memory.tags,
    };
    crate::atomic::replace(path, |out| {
        serde_json::to_writer(out, &stored).map_err(io::Error::other)
    })
}

/// A short, safe file-name part from a bundle title (ASCII letters and digits).
fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 32 {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "bundle".to_owned()
    } else {
        out.to_owned()
    }
}

/// FNV-1a, 64 bits: a name that stays the same from run to run and machine to machine
/// (std's hashers are seeded per process).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        crate::scratch::scratch_dir("state", name)
    }

    fn file_in(dir: &Path) -> StateFile {
        let home = dir.to_string_lossy().into_owned();
        StateFile::for_bundle("Ngày Nay", Some("https://example.org"), |v| {
            (v == "XDG_STATE_HOME").then(|| home.clone())
        })
        .unwrap()
    }

    #[test]
    fn the_path_is_stable_and_per_bundle() {
        let env = |v: &str| (v == "HOME").then(|| "/home/a".to_owned());
        let a = StateFile::for_bundle("Ngày Nay", None, env).unwrap();
        assert!(a.path.starts_with("/home/a/.local/state/newsterm/"));
        let name = a.path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.starts_with("ng-y-nay-") && name.ends_with(".json"),
            "{name}"
        );
        let again = StateFile::for_bundle("Ngày Nay", None, env).unwrap();
        assert_eq!(a.path, again.path);
        let other = StateFile::for_bundle("Ngày Nay", Some("https://x"), env).unwrap();
        assert_ne!(a.path, other.path);
        // A relative XDG_STATE_HOME is ignored, as the spec says.
        let rel = |v: &str| match v {
            "XDG_STATE_HOME" => Some("rel".to_owned()),
            "HOME" => Some("/h".to_owned()),
            _ => None,
        };
        assert!(
            StateFile::for_bundle("T", None, rel)
                .unwrap()
                .path
                .starts_with("/h/")
        );
        assert!(StateFile::for_bundle("T", None, |_| None).is_none());
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(slug("¿?"), "bundle");
    }

    #[test]
    fn saves_and_reads_back() {
        let dir = dir("roundtrip");
        let file = file_in(&dir);
        let opened = file.clone().open(1);
        assert_eq!(opened.memory, Memory::default());
        assert!(opened.warning.is_none());
        let mut memory = Memory::default();
        memory.read.insert("a".into());
        memory.starred.insert("b".into());
        memory
            .places
            .insert("a".into(), ReadingPlace { part: 3, line: 2 });
        let changes = Changes::between(&Memory::default(), &memory);
        let mut shared = SharedFile::new(opened.file.unwrap());
        shared.save(&memory, changes, false).unwrap();
        assert_eq!(file.clone().open(2).memory, memory);
        let untagged = fs::read_to_string(&file.path).unwrap();
        assert!(!untagged.contains("tags"), "as earlier versions wrote it");
        let before = memory.clone();
        memory
            .tags
            .insert("b".into(), ["to read".to_owned()].into());
        shared
            .save(&memory, Changes::between(&before, &memory), false)
            .unwrap();
        assert_eq!(file.clone().open(3).memory, memory);
        // Nothing but the state file and its lock file is left behind.
        let mut names: Vec<_> = fs::read_dir(file.path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        names.sort();
        assert_eq!(names, [file.path.clone(), lock_path(&file.path)]);
        let _ = fs::remove_dir_all(dir);
    }

    #[test]
    fn lists_out_of_order_or_with_repeats_read_as_sets() {
        let bytes = br#"{"newsterm_state": 1, "read": ["b", "a", "b"], "starred": ["z", "y"]}"#;
        let memory = parse(bytes).unwrap();
        assert_eq!(memory.read.iter().collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(memory.starred.iter().collect::<Vec<_>>(), ["y", "z"]);
    }

    #[test]
    fn a_corrupt_file_is_set_aside_with_a_warning() {
        let dir = dir("corrupt");
        let file = file_in(&dir);
        fs::create_dir_all(file.path.parent().unwrap()).unwrap();
        let junks: [&[u8]; 4] = [
            b"{not json",
            br#"{"newsterm_state": 9}"#,
            br#"{"read": 5}"#,
            b"{\"newsterm_state\": 1, \"read\": [\"\xff\"]}",
        ];
        for (n, junk) in junks.into_iter().enumerate() {
            fs::write(&file.path, junk).unwrap();
            let opened = file.clone().open(1000 + n as u64);
            assert_eq!(opened.memory, Memory::default());
            assert!(opened.file.is_some(), "saving goes on in a fresh file");
            let warning = opened.warning.unwrap();
            assert!(warning.contains("set aside"), "{warning}");
            assert!(!file.path.exists());
            let aside = file
                .path
                .with_extension(format!("json.corrupt-{}", 1000 + n));
            assert_eq!(fs::read(aside).unwrap(), junk);
        }
        let _ = fs::remove_dir_all(dir);
    }

    #[test]
    fn a_file_that_cannot_be_read_is_left_alone_and_nothing_is_saved() {
        let dir = dir("unreadable");
        let file = file_in(&dir);
        // A folder where the file should be cannot be read as one, by root or not.
        fs::create_dir_all(&file.path).unwrap();
        let opened = file.clone().open(1000);
        assert!(opened.file.is_none(), "nothing is saved over it");
        let warning = opened.warning.unwrap();
        assert!(
            warning.contains("nothing is saved this session"),
            "{warning}"
        );
        assert!(file.path.is_dir());
        let _ = fs::remove_dir_all(dir);
    }
}
