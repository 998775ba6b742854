//! Fetching feeds over HTTP(S), with an on-disk cache for conditional requests.
//!
//! [`fetch`] gets one address with a [`ureq`] agent: only `http` and `https`, bounded in time
//! ([`Options::connect_timeout`], [`Options::timeout`] for the whole request including the
//! body and redirects), in size ([`Options::max_bytes`], counted after gzip decoding) and in
//! redirects ([`Options::max_redirects`], each one to an http or https address only: a
//! redirect to `file:` or any other scheme is refused). Every failure is a [`FetchError`]
//! whose message is one line naming the address.
//!
//! With a [`Options::cache_dir`], each successful response is kept as two files named by a
//! stable hash of the address: `<hash>.body` (the bytes) and `<hash>.json` (the final address,
//! content type, `ETag`, `Last-Modified`, and the body's length and hash). The next fetch of
//! the address sends `If-None-Match` / `If-Modified-Since`; a `304 Not Modified` answer is
//! served from the cache ([`FetchedFrom::NotModified`]). [`Options::offline`] reads the cache only.
//! Writes are atomic (a temporary file in the same directory, synced, renamed); an entry that
//! cannot be read or does not match its metadata is treated as absent; a cache that cannot be
//! written never fails a fetch. The cache takes at most [`Options::cache_limit`] bytes: after
//! each write, the entries used least recently go.
//!
//! [`fetch_all`] fetches several addresses at once within one [`Options::timeout`].

mod cache;
mod error;
mod evict;
mod http;
mod many;
mod options;

use cache::Cache;
use http::{Got, agent, get, normalize};

pub use error::FetchError;
pub use http::ACCEPT;
pub use many::{AT_ONCE, Progress, fetch_all, fetch_each};
pub use options::{Options, cache_dir, default_cache_dir};

/// A fetched body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetched {
    pub bytes: Vec<u8>,
    /// The address the body came from, after redirects.
    pub url: String,
    /// The `Content-Type` header as sent (parameters such as `charset` included).
    pub content_type: Option<String>,
    pub origin: FetchedFrom,
}

/// Where a [`Fetched`] body came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FetchedFrom {
    /// A full response from the server.
    Network,
    /// The server answered `304 Not Modified`; the body is the cached one.
    NotModified,
    /// The cache, without asking the server ([`Options::offline`]).
    Offline,
}

/// Fetches `url`, or reads it from the cache (see the module documentation). `progress` is
/// called with the number of body bytes received so far, after each chunk from the network.
pub fn fetch(
    url: &str,
    options: &Options,
    progress: &mut dyn FnMut(u64),
) -> Result<Fetched, FetchError> {
    let address = normalize(url)?;
    let cache = options
        .cache_dir
        .as_deref()
        .map(|dir| Cache::new(dir, &address));
    if options.offline {
        return cache
            .and_then(|c| c.read())
            .map(|entry| Fetched {
                bytes: entry.body,
                url: entry.meta.final_url,
                content_type: entry.meta.content_type,
                origin: FetchedFrom::Offline,
            })
            .ok_or_else(|| FetchError::NotCached {
                url: url.to_owned(),
            });
    }
    let agent = agent(options, &address);
    let mut cached = cache.as_ref().and_then(Cache::read_meta);
    loop {
        match get(&agent, url, &address, options, cached.as_ref(), progress)? {
            Got::Full {
                fetched,
                validators,
            } => {
                if let Some(cache) = &cache {
                    cache.keep(&address, &fetched, validators, options.cache_limit);
                }
                return Ok(fetched);
            }
            Got::NotModified {
                final_url,
                validators,
            } => {
                let (Some(meta), Some(cache)) = (cached.take(), &cache) else {
                    // 304 to an unconditional request: the server is confused.
                    return Err(FetchError::Status {
                        url: url.to_owned(),
                        status: 304,
                    });
                };
                if let Some(fetched) = cache.revalidated(meta, final_url, validators) {
                    return Ok(fetched);
                }
                // The body went missing or bad since the metadata was read: ask again,
                // unconditionally (`cached` is now `None`).
            }
        }
    }
}
