//! The folders newsterm writes to, for `--doctor`: whether each is there and whether a file
//! can be made in it (or, when it is not there yet, in the nearest folder above it that is,
//! where newsterm would make it). A file is made and removed at once to tell; nothing that
//! is there is ever changed.

use std::fs::OpenOptions;
use std::path::{Path, PathBuf};

use super::{Line, Verdict};

/// What was found at a folder's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A folder a file can be made in.
    Writable,
    /// A folder where making a file failed, and why.
    NotWritable(String),
    /// Something that is not a folder.
    NotAFolder,
    /// Nothing yet: the nearest folder above it that is there, and whether a file can be
    /// made in that (newsterm makes the rest when it first writes).
    Missing {
        parent: PathBuf,
        writable: Result<(), String>,
    },
}

/// The library's file, when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryFile {
    pub bytes: u64,
    pub writable: bool,
}

/// Looks at the folder `dir`.
pub fn look(dir: &Path) -> Found {
    match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => match try_writing(dir) {
            Ok(()) => Found::Writable,
            Err(why) => Found::NotWritable(why),
        },
        Ok(_) => Found::NotAFolder,
        Err(_) => {
            let parent = dir
                .ancestors()
                .skip(1)
                .find(|p| !p.as_os_str().is_empty() && p.exists())
                .unwrap_or(Path::new("/"))
                .to_path_buf();
            let writable = if parent.is_dir() {
                try_writing(&parent)
            } else {
                Err(format!("{} is not a folder", shown(&parent)))
            };
            Found::Missing { parent, writable }
        }
    }
}

/// The library's file at `path`, when it is there.
pub fn library_file(path: &Path) -> Option<LibraryFile> {
    let meta = std::fs::metadata(path).ok()?;
    // access(2) tells without opening the file for writing.
    let writable = rustix::fs::access(path, rustix::fs::Access::WRITE_OK).is_ok();
    Some(LibraryFile {
        bytes: meta.len(),
        writable,
    })
}

/// Whether a new file can be made in `dir`: one is made under a name nothing else uses, and
/// removed.
fn try_writing(dir: &Path) -> Result<(), String> {
    let pid = std::process::id();
    for n in 0..16 {
        let probe = dir.join(format!(".newsterm-doctor-{pid}-{n}"));
        match OpenOptions::new().write(true).create_new(true).open(&probe) {
            Ok(file) => {
                drop(file);
                let _ = std::fs::remove_file(&probe);
                return Ok(());
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e.to_string()),
        }
    }
    Err("no file could be made there".to_owned())
}

/// A path as a line shows it.
pub fn shown(path: &Path) -> String {
    crate::text::printable(&path.display().to_string()).into_owned()
}

/// A path as a shell command takes it.
fn quoted(path: &Path) -> String {
    shell_words::quote(&shown(path)).into_owned()
}

/// The line for the folder `what` newsterm keeps `purpose` in, at `dir` (`None` when the
/// environment names none: `unset` says which variables).
pub fn folder_line(
    what: &'static str,
    purpose: &str,
    dir: Option<(&Path, &Found)>,
    unset: &str,
) -> Line {
    let Some((dir, found)) = dir else {
        return Line::problem(
            what,
            format!("{unset} is set: newsterm has nowhere to keep {purpose}"),
            "export HOME=/home/you (your home folder)",
        );
    };
    let at = shown(dir);
    match found {
        Found::Writable => Line::ok(what, format!("{at}: there, writable ({purpose})")),
        Found::NotWritable(why) => Line::problem(
            what,
            format!("{at}: not writable ({why}): newsterm cannot keep {purpose}"),
            format!("chmod u+w {}", quoted(dir)),
        ),
        Found::NotAFolder => Line::problem(
            what,
            format!("{at}: is a file, not a folder: newsterm cannot keep {purpose}"),
            format!("mv {} {}.old", quoted(dir), quoted(dir)),
        ),
        Found::Missing {
            parent,
            writable: Ok(()),
        } => Line::ok(
            what,
            format!(
                "{at}: not there yet; newsterm makes it ({} is writable)",
                shown(parent)
            ),
        ),
        Found::Missing {
            parent,
            writable: Err(why),
        } => Line::problem(
            what,
            format!(
                "{at}: not there, and newsterm cannot make it: {} is not writable ({why})",
                shown(parent)
            ),
            format!("mkdir -p {}", quoted(dir)),
        ),
    }
}

/// The library's line: its folder's and, when it is there, its file's.
pub fn library_line(path: Option<(&Path, &Found, Option<&LibraryFile>)>, unset: &str) -> Line {
    let Some((path, found, file)) = path else {
        return folder_line("library", "the library", None, unset);
    };
    let dir = path.parent().unwrap_or(Path::new("/"));
    let folder = folder_line("library", "the library", Some((dir, found)), unset);
    let at = shown(path);
    match file {
        None if folder.verdict == Verdict::Ok => Line::ok(
            "library",
            format!(
                "{at}: not there yet (`newsterm add URL` starts it); its folder can be made or written"
            ),
        ),
        None => folder,
        Some(file) if !file.writable => Line::problem(
            "library",
            format!(
                "{at}: {}, read-only: the reader opens it read-only and keeps marks in state files",
                size(file.bytes)
            ),
            format!("chmod u+w {}", quoted(path)),
        ),
        Some(file) if folder.verdict == Verdict::Ok => {
            Line::ok("library", format!("{at}: {}, writable", size(file.bytes)))
        }
        // The file can be written but its folder not: SQLite's journal cannot be made.
        Some(_) => folder,
    }
}

/// "12 KiB", "3.4 MiB".
fn size(bytes: u64) -> String {
    let kib = bytes as f64 / 1024.0;
    if kib < 1024.0 {
        format!("{kib:.0} KiB")
    } else {
        format!("{:.1} MiB", kib / 1024.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_is_looked_at_and_nothing_is_left_behind() {
        let dir = crate::scratch::scratch_dir("doctor", "paths");
        assert_eq!(look(&dir), Found::Writable);
        assert_eq!(std::fs::read_dir(&dir).map(Iterator::count).ok(), Some(0));
        let below = dir.join("a/b");
        assert_eq!(
            look(&below),
            Found::Missing {
                parent: dir.clone(),
                writable: Ok(())
            }
        );
        let file = dir.join("f");
        std::fs::write(&file, "x").expect("a file");
        assert_eq!(look(&file), Found::NotAFolder);
        assert!(matches!(
            look(&file.join("under")),
            Found::Missing {
                writable: Err(_),
                ..
            }
        ));
        assert_eq!(
            library_file(&file),
            Some(LibraryFile {
                bytes: 1,
                writable: true
            })
        );
        assert_eq!(library_file(&dir.join("none")), None);
        assert_eq!(std::fs::read(&file).ok(), Some(b"x".to_vec()));
    }

    #[test]
    fn each_finding_has_its_line_and_fix() {
        let dir = Path::new("/home/a b/.local/state/newsterm");
        let line = |found: Found| folder_line("state", "marks", Some((dir, &found)), "");
        assert_eq!(line(Found::Writable).verdict, Verdict::Ok);
        let denied = line(Found::NotWritable("Permission denied".into()));
        assert_eq!(denied.verdict, Verdict::Problem);
        assert_eq!(
            denied.fix.as_deref(),
            Some("chmod u+w '/home/a b/.local/state/newsterm'")
        );
        let missing = line(Found::Missing {
            parent: PathBuf::from("/home/a b"),
            writable: Err("Permission denied".into()),
        });
        assert_eq!(
            missing.fix.as_deref(),
            Some("mkdir -p '/home/a b/.local/state/newsterm'")
        );
        assert!(
            missing.says.contains("/home/a b is not writable"),
            "{}",
            missing.says
        );
        let nowhere = folder_line("state", "marks", None, "neither XDG_STATE_HOME nor HOME");
        assert!(
            nowhere
                .says
                .starts_with("neither XDG_STATE_HOME nor HOME is set")
        );
        let db = Path::new("/d/newsterm/library.db");
        let read_only = LibraryFile {
            bytes: 3 << 20,
            writable: false,
        };
        let line = library_line(Some((db, &Found::Writable, Some(&read_only))), "");
        assert_eq!(
            line.fix.as_deref(),
            Some("chmod u+w /d/newsterm/library.db")
        );
        assert!(line.says.contains("3.0 MiB, read-only"), "{}", line.says);
    }
}
