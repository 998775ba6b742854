//! Replacing a file whole, so that a crash, a kill or a full disk at any moment leaves either
//! the old file or the new one, never half of either: the reading state, the download cache
//! and `newsterm convert`'s output are all written this way.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Writes `path` through `write`: into a new file beside it (same directory, so the rename
/// cannot cross file systems), flushed and synced to disk, then renamed over `path`, and the
/// directory synced so the rename survives a crash too (where the system can sync a
/// directory). On any failure the new file is removed and `path` is as it was.
///
/// Only a regular file (or a path where nothing is yet) is replaced: a symbolic link is
/// followed and the file it names replaced, so the link stays; anything else (a device such
/// as `/dev/null`, a pipe) is opened and written in place, never replaced by a file.
pub fn replace(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let resolved = match fs::canonicalize(path) {
        Ok(resolved) => resolved,
        // Nothing there yet (or a link to nothing): written where the path leads.
        Err(_) if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) => {
            return write_in_place(path, true, write);
        }
        Err(_) => path.to_path_buf(),
    };
    match fs::metadata(&resolved) {
        Ok(meta) if meta.is_dir() => Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "is a directory",
        )),
        Ok(meta) if !meta.is_file() => write_in_place(&resolved, false, write),
        _ => replace_file(&resolved, write),
    }
}

/// Writes into what `path` is (a device, a pipe) without replacing it; `create`: the file a
/// link names, made where it leads.
fn write_in_place(
    path: &Path,
    create: bool,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let file = fs::OpenOptions::new()
        .write(true)
        .create(create)
        .truncate(create)
        .open(path)?;
    let mut out = BufWriter::new(file);
    write(&mut out)?;
    out.flush()
}

/// [`replace`] for a regular file or a path where nothing is.
fn replace_file(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let temp = temp_beside(path)?;
    let result = (|| {
        let mut out = BufWriter::new(File::create(&temp)?);
        write(&mut out)?;
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
        return result;
    }
    let _ = File::open(dir).and_then(|d| d.sync_all());
    Ok(())
}

/// [`replace`] with these bytes.
pub fn replace_with(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace(path, |out| out.write_all(bytes))
}

/// A name for the new file: hidden, and unique to this process and this write.
fn temp_beside(path: &Path) -> io::Result<PathBuf> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?;
    let mut temp = std::ffi::OsString::from(".");
    temp.push(name);
    temp.push(format!(
        ".{}-{}.tmp",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    Ok(path.with_file_name(temp))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        crate::scratch::scratch_dir("atomic", name)
    }

    fn leftovers(dir: &Path) -> usize {
        fs::read_dir(dir)
            .map(|d| {
                d.filter_map(Result::ok)
                    .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
                    .count()
            })
            .unwrap_or(0)
    }

    #[test]
    fn a_file_is_replaced_whole_or_not_at_all() {
        let dir = dir("whole");
        let path = dir.join("f.json");
        assert!(replace_with(&path, b"one").is_ok());
        assert!(replace_with(&path, b"two").is_ok());
        assert_eq!(fs::read(&path).ok().as_deref(), Some(&b"two"[..]));
        // A writer that fails half way leaves the old file and no temporary one.
        let failed = replace(&path, |out| {
            out.write_all(b"thr")?;
            Err(io::Error::other("disk full"))
        });
        assert!(failed.is_err());
        assert_eq!(fs::read(&path).ok().as_deref(), Some(&b"two"[..]));
        // A directory in the way cannot be replaced.
        let blocked = dir.join("blocked");
        let _ = fs::create_dir_all(blocked.join("inside"));
        assert!(replace_with(&blocked, b"x").is_err());
        assert!(blocked.join("inside").is_dir());
        assert_eq!(leftovers(&dir), 0);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_link_is_written_through_and_stays_a_link() {
        let dir = dir("link");
        let real = dir.join("real.json");
        let link = dir.join("news.json");
        assert!(replace_with(&real, b"old").is_ok());
        assert!(std::os::unix::fs::symlink(&real, &link).is_ok());
        assert!(replace_with(&link, b"new").is_ok());
        assert!(fs::symlink_metadata(&link).is_ok_and(|m| m.file_type().is_symlink()));
        assert_eq!(fs::read(&real).ok().as_deref(), Some(&b"new"[..]));
        // A link to nothing yet creates what it names.
        let dangling = dir.join("dangling.json");
        assert!(std::os::unix::fs::symlink(dir.join("later.json"), &dangling).is_ok());
        assert!(replace_with(&dangling, b"made").is_ok());
        assert!(fs::symlink_metadata(&dangling).is_ok_and(|m| m.file_type().is_symlink()));
        assert_eq!(
            fs::read(dir.join("later.json")).ok().as_deref(),
            Some(&b"made"[..])
        );
        assert_eq!(leftovers(&dir), 0);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_device_is_written_into_never_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = dir("device");
        let null = dir.join("null");
        // A null device of our own (major 1, minor 3); making one needs root, so where it
        // cannot be made there is nothing to test.
        let made = std::process::Command::new("mknod")
            .arg(&null)
            .args(["c", "1", "3"])
            .status()
            .is_ok_and(|s| s.success());
        if !made {
            eprintln!("mknod is not allowed here: the device case is not tested");
            let _ = fs::remove_dir_all(&dir);
            return;
        }
        assert!(replace_with(&null, b"{}").is_ok());
        let kind = fs::symlink_metadata(&null).map(|m| m.file_type());
        assert!(kind.is_ok_and(|k| k.is_char_device()), "still a device");
        assert_eq!(leftovers(&dir), 0);
        let _ = fs::remove_dir_all(&dir);
    }
}
