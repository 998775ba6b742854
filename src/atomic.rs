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
pub fn replace(
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
}
