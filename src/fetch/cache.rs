//! The on-disk cache: one entry per address, a body and the metadata that vouches for it,
//! named by a stable hash of the address and replaced atomically, the whole kept within its
//! bound (`evict`).

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{Fetched, FetchedFrom};

/// The cache metadata format; an entry of another version is treated as absent.
const CACHE_VERSION: u32 = 1;

/// FNV-1a, 64 bits: the same from run to run and machine to machine (std's hashers are
/// seeded per process).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// What `<hash>.json` holds about `<hash>.body`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Meta {
    newsterm_cache: u32,
    /// The address asked for (a hash collision, or a moved file, is an absent entry).
    url: String,
    pub(super) final_url: String,
    pub(super) etag: Option<String>,
    pub(super) last_modified: Option<String>,
    pub(super) content_type: Option<String>,
    /// The body's length and hash: a body that does not match is an absent entry.
    length: u64,
    fnv1a: u64,
}

impl Meta {
    /// The metadata for a body just fetched from `address`.
    fn of(address: &str, fetched: &Fetched, validators: Validators) -> Meta {
        Meta {
            newsterm_cache: CACHE_VERSION,
            url: address.to_owned(),
            final_url: fetched.url.clone(),
            etag: validators.etag,
            last_modified: validators.last_modified,
            content_type: fetched.content_type.clone(),
            length: fetched.bytes.len() as u64,
            fnv1a: fnv1a(&fetched.bytes),
        }
    }
}

/// `ETag` and `Last-Modified` of a response: what the next request sends to ask whether the
/// cached body is still current.
#[derive(Default)]
pub(super) struct Validators {
    pub(super) etag: Option<String>,
    pub(super) last_modified: Option<String>,
}

/// A cache entry read whole: the metadata and the body it vouches for.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Entry {
    pub(super) meta: Meta,
    pub(super) body: Vec<u8>,
}

/// One address's entry in the cache directory.
pub(super) struct Cache {
    dir: PathBuf,
    url: String,
    /// The hashed name of the entry's files.
    name: String,
    body: PathBuf,
    meta: PathBuf,
}

impl Cache {
    pub(super) fn new(dir: &Path, url: &str) -> Cache {
        let name = format!("{:016x}", fnv1a(url.as_bytes()));
        Cache {
            dir: dir.to_owned(),
            url: url.to_owned(),
            body: dir.join(format!("{name}.body")),
            meta: dir.join(format!("{name}.json")),
            name,
        }
    }

    /// The metadata, if it is readable, current and for this address.
    pub(super) fn read_meta(&self) -> Option<Meta> {
        let text = crate::limits::read_regular(&self.meta, 1024 * 1024).ok()?;
        let meta: Meta = serde_json::from_slice(&text).ok()?;
        (meta.newsterm_cache == CACHE_VERSION && meta.url == self.url).then_some(meta)
    }

    /// The body, if it is the one `meta` describes.
    fn read_body(&self, meta: &Meta) -> Option<Vec<u8>> {
        let file = crate::limits::open_regular(&self.body).ok()?;
        if file.metadata().ok()?.len() != meta.length {
            return None;
        }
        let mut bytes = Vec::with_capacity(usize::try_from(meta.length).ok()?);
        file.take(meta.length).read_to_end(&mut bytes).ok()?;
        (bytes.len() as u64 == meta.length && fnv1a(&bytes) == meta.fnv1a).then_some(bytes)
    }

    /// The entry, marked as used (see `evict`), if it is whole and for this address.
    pub(super) fn read(&self) -> Option<Entry> {
        let meta = self.read_meta()?;
        let body = self.read_body(&meta)?;
        let _ = super::evict::touch(&self.meta);
        Some(Entry { meta, body })
    }

    /// Keeps a body fetched from `address`, then removes the entries used least recently
    /// until the cache takes at most `limit` bytes; a body that alone would not fit is not
    /// kept. The cache is a convenience: failing to write it fails nothing.
    pub(super) fn keep(
        &self,
        address: &str,
        fetched: &Fetched,
        validators: Validators,
        limit: u64,
    ) {
        let meta = Meta::of(address, fetched, validators);
        if fetched.bytes.len() as u64 >= limit {
            return;
        }
        let before = super::evict::entry_bytes([&self.body, &self.meta]);
        if self.write(&meta, &fetched.bytes).is_ok() {
            let after = super::evict::entry_bytes([&self.body, &self.meta]);
            super::evict::wrote(&self.dir, limit, &self.name, before, after);
        }
    }

    /// The cached body after the server answered `304 Not Modified` to a request conditional
    /// on `meta`, with the metadata brought up to date; `None` when the body went missing or
    /// bad since `meta` was read.
    pub(super) fn revalidated(
        &self,
        meta: Meta,
        final_url: String,
        validators: Validators,
    ) -> Option<Fetched> {
        let bytes = self.read_body(&meta)?;
        let changed = (validators.etag.is_some() && validators.etag != meta.etag)
            || (validators.last_modified.is_some()
                && validators.last_modified != meta.last_modified);
        let meta = Meta {
            final_url: final_url.clone(),
            etag: validators.etag.or(meta.etag),
            last_modified: validators.last_modified.or(meta.last_modified),
            ..meta
        };
        if changed {
            let _ = self.write_meta(&meta);
        }
        let _ = super::evict::touch(&self.meta);
        Some(Fetched {
            bytes,
            url: final_url,
            content_type: meta.content_type,
            origin: FetchedFrom::NotModified,
        })
    }

    /// Replaces the entry: the body first, then the metadata that vouches for it, so a crash
    /// in between leaves metadata that does not match (an absent entry).
    fn write(&self, meta: &Meta, bytes: &[u8]) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        crate::atomic::replace_with(&self.body, bytes)?;
        self.write_meta(meta)?;
        super::evict::touch(&self.meta)
    }

    fn write_meta(&self, meta: &Meta) -> io::Result<()> {
        let json = serde_json::to_vec_pretty(meta).map_err(io::Error::other)?;
        crate::atomic::replace_with(&self.meta, &json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        crate::scratch::scratch_dir("fetchunit", name)
    }

    fn meta(url: &str, bytes: &[u8]) -> Meta {
        Meta {
            newsterm_cache: CACHE_VERSION,
            url: url.to_owned(),
            final_url: format!("{url}/final"),
            etag: Some("\"v1\"".to_owned()),
            last_modified: Some("Tue, 03 Jun 2025 10:00:00 GMT".to_owned()),
            content_type: Some("application/rss+xml; charset=utf-8".to_owned()),
            length: bytes.len() as u64,
            fnv1a: fnv1a(bytes),
        }
    }

    #[test]
    fn the_hash_is_stable() {
        // The published FNV-1a test vectors: names must not change between versions.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
        let cache = Cache::new(Path::new("/c"), "https://example.com/feed");
        let name = format!("{:016x}", fnv1a(b"https://example.com/feed"));
        assert_eq!(cache.body, Path::new("/c").join(format!("{name}.body")));
        assert_eq!(cache.meta, Path::new("/c").join(format!("{name}.json")));
    }

    #[test]
    fn an_entry_round_trips_and_a_bad_one_is_absent() {
        let dir = dir("roundtrip");
        let url = "https://example.com/feed";
        let cache = Cache::new(&dir.join("a/b"), url);
        assert!(cache.read().is_none());
        let body = b"<rss/>".to_vec();
        cache.write(&meta(url, &body), &body).expect("written");
        assert_eq!(
            cache.read(),
            Some(Entry {
                meta: meta(url, &body),
                body: body.clone()
            })
        );
        // No temporary files are left behind.
        assert_eq!(fs::read_dir(dir.join("a/b")).expect("dir").count(), 2);

        // Another address with the same file names (a collision) is not this entry.
        let other = Cache {
            url: "https://other.example/".to_owned(),
            ..Cache::new(&dir.join("a/b"), url)
        };
        assert!(other.read().is_none());
        // A body that does not match its metadata, or metadata that is not JSON.
        fs::write(&cache.body, b"<rss>").expect("written");
        assert!(cache.read().is_none());
        fs::write(&cache.body, &body).expect("written");
        assert!(cache.read().is_some());
        fs::write(&cache.meta, b"{\"newsterm_cache\": 1, \"url\": ").expect("written");
        assert!(cache.read().is_none());
        let _ = fs::remove_dir_all(&dir);
    }
}
