//! The bounds on what newsterm reads, in one place: a source that is not a regular file
//! (standard input, a pipe, a device such as `/dev/zero`) is read once and at most
//! [`MOST_READ`] bytes, the same bound a download has; a file newsterm keeps for itself
//! (settings, state, cache) is opened only when it is a regular file, so a pipe put in its
//! place cannot block the start.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// The most bytes read from a download, a pipe or a device.
pub const MOST_READ: u64 = 50 * 1024 * 1024;

/// Everything `reader` gives, if that is at most `limit` bytes.
pub fn read_capped(reader: impl Read, limit: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!("more than {} MB", limit / (1024 * 1024)),
        ));
    }
    Ok(bytes)
}

/// Opens `path` if it is a regular file (after links); anything else (a pipe, a device, a
/// folder) is an error. Opened without blocking and checked once open, so that a pipe put in
/// its place at any moment cannot hold the reader (non-blocking means nothing for a regular
/// file's reads).
pub fn open_regular(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    Ok(file)
}

/// The whole of the regular file at `path`, if it is at most `limit` bytes.
pub fn read_regular(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    read_capped(open_regular(path)?, limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endless_input_stops_at_the_bound() {
        let zeros = io::repeat(0);
        let err = read_capped(zeros, 1024).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::FileTooLarge);
        assert_eq!(read_capped(&b"abc"[..], 3).ok(), Some(b"abc".to_vec()));
    }

    #[test]
    fn only_regular_files_are_opened() {
        let dir = crate::scratch::scratch_dir("limits", "regular");
        let fifo = dir.join("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success());
        if made {
            // Opening a pipe with no writer would block for ever; this returns at once.
            assert!(open_regular(&fifo).is_err());
        }
        assert!(open_regular(&dir).is_err());
        assert!(open_regular(Path::new("/dev/zero")).is_err());
        let file = dir.join("f");
        assert!(std::fs::write(&file, b"x").is_ok());
        assert_eq!(read_regular(&file, 10).ok(), Some(b"x".to_vec()));
        let _ = std::fs::remove_dir_all(dir);
    }
}
