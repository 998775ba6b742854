//! The lock every save of a state file holds while it reads, merges and replaces the file: an
//! exclusive advisory lock (`flock`) on a file beside it, `NAME.lock`. Not on the state file
//! itself: that file is replaced by a rename, and a lock on the old one would guard nothing.
//! The lock goes with the process (a kill releases it); waiting for it is bounded.

use std::fs::{File, OpenOptions};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rustix::fs::{FlockOperation, OFlags, flock};
use rustix::io::Errno;

/// The lock, held until dropped (closing the file releases it).
#[derive(Debug)]
pub struct Lock {
    _file: File,
}

/// The lock file of the state file at `path`: `NAME.lock` beside it.
pub fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    path.with_file_name(name)
}

impl Lock {
    /// Takes the lock of the state file at `path`, trying for at most `patience`. Held by
    /// another process all that time: an error of kind `WouldBlock` that says so.
    pub fn take(path: &Path, patience: Duration) -> io::Result<Lock> {
        let at = lock_path(path);
        // Non-blocking open: a pipe put in the lock file's place cannot hold the save up.
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .custom_flags(OFlags::NONBLOCK.bits() as i32)
            .open(&at)?;
        if !file.metadata()?.is_file() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{} is not a regular file", at.display()),
            ));
        }
        let deadline = Instant::now() + patience;
        let mut pause = Duration::from_millis(1);
        loop {
            match flock(&file, FlockOperation::NonBlockingLockExclusive) {
                Ok(()) => return Ok(Lock { _file: file }),
                Err(Errno::INTR) => {}
                Err(Errno::WOULDBLOCK) => {
                    let now = Instant::now();
                    if now >= deadline {
                        return Err(io::Error::new(
                            io::ErrorKind::WouldBlock,
                            format!("{} is held by another process", at.display()),
                        ));
                    }
                    // Short pauses first: a save by another reader takes milliseconds.
                    std::thread::sleep(pause.min(deadline - now));
                    pause = (pause * 2).min(Duration::from_millis(50));
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_taker_waits_a_bounded_while_then_gets_it_once_released() {
        let dir = crate::scratch::scratch_dir("lock", "bounded");
        let path = dir.join("news.json");
        let held = Lock::take(&path, Duration::ZERO).expect("a free lock");
        assert!(lock_path(&path).is_file());
        let refused = Lock::take(&path, Duration::from_millis(20)).expect_err("held");
        assert_eq!(refused.kind(), io::ErrorKind::WouldBlock);
        assert!(refused.to_string().contains("news.json.lock"), "{refused}");
        drop(held);
        assert!(Lock::take(&path, Duration::ZERO).is_ok());
        let _ = std::fs::remove_dir_all(dir);
    }
}
