//! The cache's one bound: its entries together (bodies and metadata) take at most
//! [`Options::cache_limit`](super::Options::cache_limit) bytes. When a write takes the cache
//! past it, the entries used least recently are removed until the rest fit; an entry is used
//! when it is written or served. When it was last used is its metadata file's modification
//! time, set by newsterm.
//!
//! Counting means listing the folder and reading the size of every file in it, which a
//! refresh of hundreds of feeds cannot do after every write. So the folder is counted once,
//! then each write adds what it changed to a tally kept in the process, and the folder is
//! counted again when the tally says the bound is passed or after [`RECOUNT`] writes (what
//! other processes wrote meanwhile is seen then).

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

/// Writes after which a folder is counted again, whatever the tally says.
const RECOUNT: u32 = 256;

/// What this process knows of each cache folder: the bytes held, and the writes since the
/// folder was last counted.
static TALLIES: Mutex<Option<HashMap<PathBuf, Tally>>> = Mutex::new(None);

struct Tally {
    bytes: u64,
    writes: u32,
    /// Times the folder was counted in full.
    counts: u32,
}

/// The bytes an entry's files take now (0 for files that are not there).
pub(super) fn entry_bytes(files: [&Path; 2]) -> u64 {
    files
        .iter()
        .filter_map(|f| fs::metadata(f).ok())
        .map(|m| m.len())
        .sum()
}

/// Notes that a write in `dir` changed the entry `keep` from `before` to `after` bytes, and
/// removes the entries used least recently when the cache is past `limit` (see the module's
/// documentation for when the folder is counted).
pub(super) fn wrote(dir: &Path, limit: u64, keep: &str, before: u64, after: u64) {
    let mut tallies = TALLIES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let tallies = tallies.get_or_insert_with(HashMap::new);
    if let Some(tally) = tallies.get_mut(dir) {
        tally.bytes = tally.bytes.saturating_sub(before).saturating_add(after);
        tally.writes += 1;
        if tally.bytes <= limit && tally.writes < RECOUNT {
            return;
        }
    }
    let bytes = evict(dir, limit, keep);
    let counts = tallies.get(dir).map_or(0, |t| t.counts) + 1;
    tallies.insert(
        dir.to_path_buf(),
        Tally {
            bytes,
            writes: 0,
            counts,
        },
    );
}

/// Times this process counted `dir` in full.
#[cfg(test)]
fn counts(dir: &Path) -> u32 {
    TALLIES
        .lock()
        .ok()
        .and_then(|t| t.as_ref()?.get(dir).map(|t| t.counts))
        .unwrap_or(0)
}

/// Marks `path` (an entry's metadata) as used now. The time is set rather than left to the
/// write, whose stamp may be coarser than the gap between two fetches.
pub(super) fn touch(path: &Path) -> io::Result<()> {
    fs::File::options()
        .write(true)
        .open(path)?
        .set_modified(SystemTime::now())
}

/// One entry as the directory holds it.
struct Held {
    /// When it was used last: its metadata's time, or its body's when it has none.
    used: SystemTime,
    bytes: u64,
}

/// Removes the entries of `dir` used least recently, never `keep` (the hashed name of the
/// entry just written), until what is left takes at most `limit` bytes. Files that are not
/// entries (`<16 hex digits>.body` or `.json`) are neither counted nor touched; a file that
/// cannot be removed is left (a cache never fails a fetch). Returns the bytes left.
fn evict(dir: &Path, limit: u64, keep: &str) -> u64 {
    let Ok(listing) = fs::read_dir(dir) else {
        return 0;
    };
    let mut held: HashMap<String, Held> = HashMap::new();
    for entry in listing.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Some((stem, json)) = entry_name(&name) else {
            continue;
        };
        let Ok(meta) = entry.metadata() else {
            continue;
        };
        let time = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
        let e = held.entry(stem.to_owned()).or_insert(Held {
            used: time,
            bytes: 0,
        });
        e.bytes += meta.len();
        if json {
            e.used = time;
        }
    }
    let mut total: u64 = held.values().map(|h| h.bytes).sum();
    let mut oldest: Vec<(String, Held)> = held.into_iter().filter(|(s, _)| s != keep).collect();
    oldest.sort_by(|(a, x), (b, y)| x.used.cmp(&y.used).then_with(|| a.cmp(b)));
    for (stem, entry) in oldest {
        if total <= limit {
            break;
        }
        // The metadata first: a body without it is an absent entry, never a wrong one.
        let _ = fs::remove_file(dir.join(format!("{stem}.json")));
        let _ = fs::remove_file(dir.join(format!("{stem}.body")));
        total = total.saturating_sub(entry.bytes);
    }
    total
}

/// The hashed name of a cache file, and whether it is the metadata.
fn entry_name(name: &str) -> Option<(&str, bool)> {
    let (stem, ext) = name.split_once('.')?;
    let json = match ext {
        "json" => true,
        "body" => false,
        _ => return None,
    };
    (stem.len() == 16 && stem.bytes().all(|b| b.is_ascii_hexdigit())).then_some((stem, json))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::cache::{Cache, Validators};
    use super::super::{Fetched, FetchedFrom};
    use super::*;

    fn keep(dir: &Path, n: usize, bytes: usize, limit: u64) {
        let url = format!("https://example.com/{n}");
        let fetched = Fetched {
            bytes: vec![b'x'; bytes],
            url: url.clone(),
            content_type: None,
            origin: FetchedFrom::Network,
        };
        Cache::new(dir, &url).keep(&url, &fetched, Validators::default(), limit);
    }

    fn kept(dir: &Path) -> Vec<usize> {
        (1..=9)
            .filter(|n| {
                Cache::new(dir, &format!("https://example.com/{n}"))
                    .read_meta()
                    .is_some()
            })
            .collect()
    }

    fn size(dir: &Path) -> u64 {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().metadata().unwrap().len())
            .sum()
    }

    #[test]
    fn writing_past_the_bound_removes_the_least_recently_used() {
        let dir = crate::scratch::scratch_dir("evict", "lru");
        // Room for three entries of a 1000-byte body and its metadata, not four.
        let limit = 4000;
        for n in 1..=6 {
            keep(&dir, n, 1000, limit);
        }
        assert_eq!(
            kept(&dir),
            [4, 5, 6],
            "the oldest are gone, the newest kept"
        );
        assert!(size(&dir) <= limit, "{} bytes", size(&dir));
        // Serving an entry counts as using it: the next to go is the one used longest ago.
        assert!(Cache::new(&dir, "https://example.com/4").read().is_some());
        keep(&dir, 7, 1000, limit);
        assert_eq!(kept(&dir), [4, 6, 7]);
        // An entry larger than the whole bound is not kept, and removes nothing.
        keep(&dir, 8, 5000, limit);
        assert_eq!(kept(&dir), [4, 6, 7]);
        // Other files in the folder are not the cache's to remove.
        fs::write(dir.join("notes.txt"), b"mine").unwrap();
        keep(&dir, 9, 1000, limit);
        assert!(dir.join("notes.txt").exists());
        assert_eq!(kept(&dir), [4, 7, 9]);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn writes_within_the_bound_count_the_folder_once_in_a_while() {
        let dir = crate::scratch::scratch_dir("evict", "tally");
        let limit = 1 << 30;
        for n in 0..600 {
            keep(&dir, n, 100, limit);
        }
        // Once at the first write, then after every RECOUNT writes.
        assert_eq!(counts(&dir), 3);
        // Rewriting one entry many times keeps the tally true: nothing is evicted.
        for _ in 0..100 {
            keep(&dir, 1, 100, limit);
        }
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1200);
        let _ = fs::remove_dir_all(&dir);
    }
}
