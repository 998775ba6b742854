//! The cache's one bound: its entries together (bodies and metadata) take at most
//! [`Options::cache_limit`](super::Options::cache_limit) bytes. After each write the entries
//! used least recently are removed until the rest fit; an entry is used when it is written or
//! served. When it was last used is its metadata file's modification time, set by newsterm.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::Path;
use std::time::SystemTime;

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
/// cannot be removed is left (a cache never fails a fetch).
pub(super) fn evict(dir: &Path, limit: u64, keep: &str) {
    let Ok(listing) = fs::read_dir(dir) else {
        return;
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
}
