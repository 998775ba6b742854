//! What a fetch may do: its time, size and redirect limits, whether it may use the network,
//! and where the cache lives.

use std::path::{Path, PathBuf};
use std::time::Duration;

/// The cache's bound unless set otherwise: four of the largest downloads.
pub const CACHE_LIMIT: u64 = 200 * 1024 * 1024;

/// Limits and the cache for [`fetch`](super::fetch).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// Time to resolve the host and establish the connection (TLS included). Default 10 s.
    pub connect_timeout: Duration,
    /// Time for the whole request: connecting, redirects, headers and body. Default 30 s.
    pub timeout: Duration,
    /// The largest body accepted, in bytes after decompression. Default 50 MB (50 × 2²⁰).
    pub max_bytes: u64,
    /// The most redirects followed; one more is an error. Default 5.
    pub max_redirects: u32,
    /// Read the cache only, never the network.
    pub offline: bool,
    /// Where responses are cached; `None` caches nothing (and offline finds nothing).
    pub cache_dir: Option<PathBuf>,
    /// The most the cache keeps, bodies and metadata together; the entries used least
    /// recently are removed to stay within it. Default 200 MB (200 × 2²⁰).
    pub cache_limit: u64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_bytes: crate::limits::MOST_READ,
            max_redirects: 5,
            offline: false,
            cache_dir: None,
            cache_limit: CACHE_LIMIT,
        }
    }
}

/// The cache directory the environment names: `$XDG_CACHE_HOME/newsterm` when that is set
/// and absolute, else `$HOME/.cache/newsterm`; `None` when neither is set.
pub fn default_cache_dir() -> Option<PathBuf> {
    cache_dir(|name| std::env::var(name).ok())
}

/// [`default_cache_dir`] with the environment read by `var`.
pub fn cache_dir(var: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let base = var("XDG_CACHE_HOME")
        .filter(|v| Path::new(v).is_absolute())
        .map(PathBuf::from)
        .or_else(|| {
            var("HOME")
                .filter(|h| !h.is_empty())
                .map(|h| Path::new(&h).join(".cache"))
        })?;
    Some(base.join("newsterm"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_directory_comes_from_the_environment() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(
            cache_dir(env(&[("XDG_CACHE_HOME", "/x"), ("HOME", "/h")])),
            Some(PathBuf::from("/x/newsterm"))
        );
        // A relative XDG_CACHE_HOME is ignored, as the spec says.
        assert_eq!(
            cache_dir(env(&[("XDG_CACHE_HOME", "rel"), ("HOME", "/h")])),
            Some(PathBuf::from("/h/.cache/newsterm"))
        );
        assert_eq!(cache_dir(env(&[])), None);
    }
}
