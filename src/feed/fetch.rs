//! Fetching feeds over HTTP(S), with an on-disk cache for conditional requests.
//!
//! [`fetch`] gets one address with a [`ureq`] agent: only `http` and `https`, bounded in time
//! ([`Options::connect_timeout`], [`Options::timeout`] for the whole request including the
//! body and redirects), in size ([`Options::max_bytes`], counted after gzip decoding) and in
//! redirects ([`Options::max_redirects`]). Every failure is a [`FetchError`] whose message is
//! one line naming the address.
//!
//! With a [`Options::cache_dir`], each successful response is kept as two files named by a
//! stable hash of the address: `<hash>.body` (the bytes) and `<hash>.json` (the final address,
//! content type, `ETag`, `Last-Modified`, and the body's length and hash). The next fetch of
//! the address sends `If-None-Match` / `If-Modified-Since`; a `304 Not Modified` answer is
//! served from the cache ([`Origin::NotModified`]). [`Options::offline`] reads the cache only.
//! Writes are atomic (a temporary file in the same directory, synced, renamed); an entry that
//! cannot be read or does not match its metadata is treated as absent; a cache that cannot be
//! written never fails a fetch.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use std::time::Duration;

use serde::{Deserialize, Serialize};
use ureq::ResponseExt;
use ureq::http::{HeaderValue, StatusCode, header};

use crate::text::printable;

/// The `Accept` header: feed types first, anything else as a last resort.
pub const ACCEPT: &str = "application/rss+xml, application/atom+xml, application/feed+json, \
                          application/json, application/xml, text/xml;q=0.9, */*;q=0.8";

/// How much of the body is read at a time (and so how often progress is reported).
const CHUNK: usize = 64 * 1024;

/// The cache metadata format; an entry of another version is treated as absent.
const CACHE_VERSION: u32 = 1;

/// Limits and the cache for [`fetch`].
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
}

impl Default for Options {
    fn default() -> Options {
        Options {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_bytes: 50 * 1024 * 1024,
            max_redirects: 5,
            offline: false,
            cache_dir: None,
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

/// A fetched body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetched {
    pub bytes: Vec<u8>,
    /// The address the body came from, after redirects.
    pub url: String,
    /// The `Content-Type` header as sent (parameters such as `charset` included).
    pub content_type: Option<String>,
    pub origin: Origin,
}

/// Where a [`Fetched`] body came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A full response from the server.
    Network,
    /// The server answered `304 Not Modified`; the body is the cached one.
    NotModified,
    /// The cache, without asking the server ([`Options::offline`]).
    Offline,
}

/// Why a fetch failed. Each message is one line that begins with the address.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum FetchError {
    #[error("{}: only http and https addresses can be fetched", printable(.url))]
    Scheme { url: String },
    #[error("{}: not a web address: {}", printable(.url), printable(.reason))]
    BadUrl { url: String, reason: String },
    #[error("{}: cannot connect: {}", printable(.url), printable(.reason))]
    Connect { url: String, reason: String },
    #[error("{}: TLS: {}", printable(.url), printable(.reason))]
    Tls { url: String, reason: String },
    #[error("{}: timed out after {}", printable(.url), seconds(*.after))]
    Timeout { url: String, after: Duration },
    #[error("{}: larger than {}", printable(.url), size(*.limit))]
    TooLarge { url: String, limit: u64 },
    #[error("{}: more than {max} redirects", printable(.url))]
    TooManyRedirects { url: String, max: u32 },
    #[error("{}: HTTP {}", printable(.url), status_line(*.status))]
    Status { url: String, status: u16 },
    #[error("{}: not in the cache (offline)", printable(.url))]
    NotCached { url: String },
    /// Anything else on the way: a broken response, a dropped connection, bad gzip.
    #[error("{}: {}", printable(.url), printable(.reason))]
    Network { url: String, reason: String },
}

impl FetchError {
    /// The address the fetch was asked for, as given.
    pub fn url(&self) -> &str {
        match self {
            FetchError::Scheme { url }
            | FetchError::BadUrl { url, .. }
            | FetchError::Connect { url, .. }
            | FetchError::Tls { url, .. }
            | FetchError::Timeout { url, .. }
            | FetchError::TooLarge { url, .. }
            | FetchError::TooManyRedirects { url, .. }
            | FetchError::Status { url, .. }
            | FetchError::NotCached { url }
            | FetchError::Network { url, .. } => url,
        }
    }
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
            .map(|(meta, bytes)| Fetched {
                bytes,
                url: meta.final_url,
                content_type: meta.content_type,
                origin: Origin::Offline,
            })
            .ok_or_else(|| FetchError::NotCached {
                url: url.to_owned(),
            });
    }
    let agent = agent(options, &address);
    let mut cached = cache.as_ref().and_then(Cache::read_meta);
    loop {
        match get(&agent, url, &address, options, cached.as_ref(), progress)? {
            Got::Full(fetched, validators) => {
                if let Some(cache) = &cache {
                    let meta = Meta {
                        newsterm_cache: CACHE_VERSION,
                        url: address.clone(),
                        final_url: fetched.url.clone(),
                        etag: validators.etag,
                        last_modified: validators.last_modified,
                        content_type: fetched.content_type.clone(),
                        length: fetched.bytes.len() as u64,
                        fnv1a: fnv1a(&fetched.bytes),
                    };
                    // The cache is a convenience: failing to write it fails nothing.
                    let _ = cache.write(&meta, &fetched.bytes);
                }
                return Ok(fetched);
            }
            Got::NotModified(final_url, validators) => {
                let Some(meta) = cached.take() else {
                    // 304 to an unconditional request: the server is confused.
                    return Err(FetchError::Status {
                        url: url.to_owned(),
                        status: 304,
                    });
                };
                let Some(cache) = &cache else {
                    return Err(FetchError::Status {
                        url: url.to_owned(),
                        status: 304,
                    });
                };
                match cache.read_body(&meta) {
                    Some(bytes) => {
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
                            let _ = cache.write_meta(&meta);
                        }
                        return Ok(Fetched {
                            bytes,
                            url: final_url,
                            content_type: meta.content_type,
                            origin: Origin::NotModified,
                        });
                    }
                    // The body went missing or bad since the metadata was read: ask again,
                    // unconditionally (`cached` is now `None`).
                    None => continue,
                }
            }
        }
    }
}

/// `url` parsed and checked: an absolute http(s) address without its fragment.
fn normalize(url: &str) -> Result<String, FetchError> {
    let mut parsed = url::Url::parse(url.trim()).map_err(|e| FetchError::BadUrl {
        url: url.to_owned(),
        reason: e.to_string(),
    })?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(FetchError::Scheme {
            url: url.to_owned(),
        });
    }
    parsed.set_fragment(None);
    Ok(parsed.into())
}

/// The agent for one fetch. A proxy named by the environment (`HTTPS_PROXY`, `NO_PROXY` …) is
/// used, except for this machine's own addresses, which a proxy elsewhere cannot reach.
fn agent(options: &Options, address: &str) -> ureq::Agent {
    let local = url::Url::parse(address)
        .ok()
        .is_some_and(|u| match u.host() {
            Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            None => false,
        });
    let proxy = if local {
        None
    } else {
        ureq::Proxy::try_from_env()
    };
    ureq::Agent::config_builder()
        .proxy(proxy)
        .timeout_connect(Some(options.connect_timeout))
        .timeout_global(Some(options.timeout))
        .max_redirects(options.max_redirects)
        .http_status_as_error(false)
        .user_agent(concat!("newsterm/", env!("CARGO_PKG_VERSION")))
        .accept(ACCEPT)
        .build()
        .new_agent()
}

/// `ETag` and `Last-Modified` of a response.
#[derive(Default)]
struct Validators {
    etag: Option<String>,
    last_modified: Option<String>,
}

enum Got {
    Full(Fetched, Validators),
    /// 304, with the final address.
    NotModified(String, Validators),
}

/// One request, conditional on `cached`.
fn get(
    agent: &ureq::Agent,
    url: &str,
    address: &str,
    options: &Options,
    cached: Option<&Meta>,
    progress: &mut dyn FnMut(u64),
) -> Result<Got, FetchError> {
    let https = address.starts_with("https:");
    let fail = |e: ureq::Error| error(url, https, options, e);
    let mut request = agent.get(address);
    if let Some(meta) = cached {
        // Only values that are valid header values (the file may have been edited).
        if let Some(etag) = meta.etag.as_deref().filter(|v| valid_header(v)) {
            request = request.header(header::IF_NONE_MATCH, etag);
        }
        if let Some(date) = meta.last_modified.as_deref().filter(|v| valid_header(v)) {
            request = request.header(header::IF_MODIFIED_SINCE, date);
        }
    }
    let response = request.call().map_err(fail)?;
    let status = response.status();
    let final_url = response.get_uri().to_string();
    let text = |name: header::HeaderName| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let validators = Validators {
        etag: text(header::ETAG),
        last_modified: text(header::LAST_MODIFIED),
    };
    if status == StatusCode::NOT_MODIFIED {
        return Ok(Got::NotModified(final_url, validators));
    }
    if status.is_redirection() && response.headers().contains_key(header::LOCATION) {
        // Only when no redirects are allowed does ureq hand one back.
        return Err(FetchError::TooManyRedirects {
            url: url.to_owned(),
            max: options.max_redirects,
        });
    }
    if !status.is_success() {
        return Err(FetchError::Status {
            url: url.to_owned(),
            status: status.as_u16(),
        });
    }
    let content_type = text(header::CONTENT_TYPE);
    let too_large = || FetchError::TooLarge {
        url: url.to_owned(),
        limit: options.max_bytes,
    };
    let body = response.into_body();
    // The declared length, when there is one and it is the decoded length (not gzip).
    let declared = body.content_length();
    if declared.is_some_and(|n| n > options.max_bytes) {
        return Err(too_large());
    }
    let mut reader = body.into_reader();
    let capacity = declared.unwrap_or(0).min(options.max_bytes).min(1 << 24);
    let mut bytes = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    let mut chunk = vec![0; CHUNK];
    loop {
        // One byte more than allowed is enough to know the body is too large.
        let room = (options.max_bytes + 1).saturating_sub(bytes.len() as u64);
        let want = usize::try_from(room).map_or(CHUNK, |room| room.min(CHUNK));
        let n = match reader.read(&mut chunk[..want]) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(fail(ureq::Error::from(e))),
        };
        bytes.extend_from_slice(&chunk[..n]);
        if bytes.len() as u64 > options.max_bytes {
            return Err(too_large());
        }
        progress(bytes.len() as u64);
    }
    Ok(Got::Full(
        Fetched {
            bytes,
            url: final_url,
            content_type,
            origin: Origin::Network,
        },
        validators,
    ))
}

fn valid_header(value: &str) -> bool {
    HeaderValue::from_str(value).is_ok()
}

/// A ureq error as one line about `url` (an `https` one when `https`).
fn error(url: &str, https: bool, options: &Options, e: ureq::Error) -> FetchError {
    let url = url.to_owned();
    match e {
        ureq::Error::Timeout(ureq::Timeout::Connect | ureq::Timeout::Resolve) => {
            FetchError::Connect {
                url,
                reason: format!("timed out after {}", seconds(options.connect_timeout)),
            }
        }
        ureq::Error::Timeout(_) => FetchError::Timeout {
            url,
            after: options.timeout,
        },
        ureq::Error::HostNotFound => FetchError::Connect {
            url,
            reason: "host not found".to_owned(),
        },
        ureq::Error::ConnectionFailed => FetchError::Connect {
            url,
            reason: "connection failed".to_owned(),
        },
        // rustls reports through the stream: invalid data on https is the TLS layer's.
        ureq::Error::Io(e) if https && e.kind() == io::ErrorKind::InvalidData => FetchError::Tls {
            url,
            reason: io_reason(&e),
        },
        ureq::Error::Io(e) => io_error(url, options, &e),
        ureq::Error::TooManyRedirects => FetchError::TooManyRedirects {
            url,
            max: options.max_redirects,
        },
        ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge {
            url,
            limit: options.max_bytes,
        },
        ureq::Error::Tls(reason) => FetchError::Tls {
            url,
            reason: reason.to_owned(),
        },
        ureq::Error::Rustls(e) => FetchError::Tls {
            url,
            reason: e.to_string(),
        },
        ureq::Error::Pem(e) => FetchError::Tls {
            url,
            reason: format!("{e:?}"),
        },
        ureq::Error::TlsRequired => FetchError::Tls {
            url,
            reason: "no secure connection".to_owned(),
        },
        ureq::Error::BadUri(reason) => FetchError::BadUrl { url, reason },
        ureq::Error::Http(e) => FetchError::BadUrl {
            url,
            reason: e.to_string(),
        },
        ureq::Error::Protocol(e) => FetchError::Network {
            url,
            reason: format!("bad response: {e}"),
        },
        ureq::Error::LargeResponseHeader(..) => FetchError::Network {
            url,
            reason: "response headers too large".to_owned(),
        },
        ureq::Error::Decompress(kind, e) => FetchError::Network {
            url,
            reason: format!("cannot decompress {kind}: {}", io_reason(&e)),
        },
        other => FetchError::Network {
            url,
            reason: other.to_string(),
        },
    }
}

fn io_error(url: String, options: &Options, e: &io::Error) -> FetchError {
    use io::ErrorKind as K;
    match e.kind() {
        K::ConnectionRefused
        | K::AddrNotAvailable
        | K::NetworkUnreachable
        | K::HostUnreachable
        | K::NetworkDown => FetchError::Connect {
            url,
            reason: io_reason(e),
        },
        K::TimedOut | K::WouldBlock => FetchError::Timeout {
            url,
            after: options.timeout,
        },
        K::UnexpectedEof => FetchError::Network {
            url,
            reason: "the server closed the connection before the answer was complete".to_owned(),
        },
        K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe => FetchError::Network {
            url,
            reason: format!("connection lost: {}", io_reason(e)),
        },
        _ => FetchError::Network {
            url,
            reason: io_reason(e),
        },
    }
}

/// An I/O error's message without the " (os error N)" tail.
fn io_reason(e: &io::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (os error ") {
        Some(at) if text.ends_with(')') => text[..at].to_owned(),
        _ => text,
    }
}

/// "30 s", "0.3 s", "1.25 s".
fn seconds(d: Duration) -> String {
    let ms = d.as_millis();
    if ms.is_multiple_of(1000) {
        format!("{} s", ms / 1000)
    } else {
        let text = format!("{}.{:03}", ms / 1000, ms % 1000);
        format!("{} s", text.trim_end_matches('0'))
    }
}

/// "50 MB", "64 KB", "1000 bytes" (binary multiples).
fn size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    if bytes >= MB && bytes.is_multiple_of(MB) {
        format!("{} MB", bytes / MB)
    } else if bytes >= KB && bytes.is_multiple_of(KB) {
        format!("{} KB", bytes / KB)
    } else if bytes == 1 {
        "1 byte".to_owned()
    } else {
        format!("{bytes} bytes")
    }
}

/// "404 Not Found", or just the number for a status without a standard name.
fn status_line(status: u16) -> String {
    match StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
    {
        Some(reason) => format!("{status} {reason}"),
        None => status.to_string(),
    }
}

/// FNV-1a, 64 bits: the same from run to run and machine to machine (std's hashers are
/// seeded per process).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// What `<hash>.json` holds about `<hash>.body`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Meta {
    newsterm_cache: u32,
    /// The address asked for (a hash collision, or a moved file, is an absent entry).
    url: String,
    final_url: String,
    etag: Option<String>,
    last_modified: Option<String>,
    content_type: Option<String>,
    /// The body's length and hash: a body that does not match is an absent entry.
    length: u64,
    fnv1a: u64,
}

/// One address's entry in the cache directory.
struct Cache {
    dir: PathBuf,
    url: String,
    body: PathBuf,
    meta: PathBuf,
}

impl Cache {
    fn new(dir: &Path, url: &str) -> Cache {
        let name = format!("{:016x}", fnv1a(url.as_bytes()));
        Cache {
            dir: dir.to_owned(),
            url: url.to_owned(),
            body: dir.join(format!("{name}.body")),
            meta: dir.join(format!("{name}.json")),
        }
    }

    /// The metadata, if it is readable, current and for this address.
    fn read_meta(&self) -> Option<Meta> {
        let text = fs::read(&self.meta).ok()?;
        let meta: Meta = serde_json::from_slice(&text).ok()?;
        (meta.newsterm_cache == CACHE_VERSION && meta.url == self.url).then_some(meta)
    }

    /// The body, if it is the one `meta` describes.
    fn read_body(&self, meta: &Meta) -> Option<Vec<u8>> {
        let file = File::open(&self.body).ok()?;
        if file.metadata().ok()?.len() != meta.length {
            return None;
        }
        let mut bytes = Vec::with_capacity(usize::try_from(meta.length).ok()?);
        file.take(meta.length).read_to_end(&mut bytes).ok()?;
        (bytes.len() as u64 == meta.length && fnv1a(&bytes) == meta.fnv1a).then_some(bytes)
    }

    fn read(&self) -> Option<(Meta, Vec<u8>)> {
        let meta = self.read_meta()?;
        let bytes = self.read_body(&meta)?;
        Some((meta, bytes))
    }

    /// Replaces the entry: the body first, then the metadata that vouches for it, so a crash
    /// in between leaves metadata that does not match (an absent entry).
    fn write(&self, meta: &Meta, bytes: &[u8]) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        crate::atomic::replace_with(&self.body, bytes)?;
        self.write_meta(meta)
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
        let dir =
            std::env::temp_dir().join(format!("newsterm-fetchunit-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
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
        assert_eq!(cache.read(), Some((meta(url, &body), body.clone())));
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

    #[test]
    fn messages_are_one_line_naming_the_address() {
        let url = "https://x/feed".to_owned();
        let cases = [
            (
                FetchError::Timeout {
                    url: url.clone(),
                    after: Duration::from_secs(30),
                },
                "https://x/feed: timed out after 30 s",
            ),
            (
                FetchError::Timeout {
                    url: url.clone(),
                    after: Duration::from_millis(300),
                },
                "https://x/feed: timed out after 0.3 s",
            ),
            (
                FetchError::TooLarge {
                    url: url.clone(),
                    limit: Options::default().max_bytes,
                },
                "https://x/feed: larger than 50 MB",
            ),
            (
                FetchError::TooLarge {
                    url: url.clone(),
                    limit: 1000,
                },
                "https://x/feed: larger than 1000 bytes",
            ),
            (
                FetchError::Status {
                    url: url.clone(),
                    status: 404,
                },
                "https://x/feed: HTTP 404 Not Found",
            ),
            (
                FetchError::Status {
                    url: url.clone(),
                    status: 599,
                },
                "https://x/feed: HTTP 599",
            ),
            (
                FetchError::TooManyRedirects {
                    url: url.clone(),
                    max: 5,
                },
                "https://x/feed: more than 5 redirects",
            ),
            (
                FetchError::NotCached { url: url.clone() },
                "https://x/feed: not in the cache (offline)",
            ),
            (
                FetchError::Scheme {
                    url: "ftp://x".to_owned(),
                },
                "ftp://x: only http and https addresses can be fetched",
            ),
            (
                FetchError::Network {
                    url: "https://x/\u{1b}[2J".to_owned(),
                    reason: "a\nb".to_owned(),
                },
                "https://x/\\u{1b}[2J: a\\u{a}b",
            ),
        ];
        for (error, expected) in cases {
            assert_eq!(error.to_string(), expected);
        }
    }

    #[test]
    fn only_absolute_web_addresses_are_fetched() {
        assert_eq!(
            normalize("HTTPS://Example.com/feed#top"),
            Ok("https://example.com/feed".to_owned())
        );
        let err = normalize("ftp://x").expect_err("not http");
        assert_eq!(
            err,
            FetchError::Scheme {
                url: "ftp://x".into()
            }
        );
        let err = normalize("feed.xml").expect_err("relative");
        assert!(
            err.to_string().starts_with("feed.xml: not a web address: "),
            "{err}"
        );
        // Offline, the scheme is checked before the cache.
        let options = Options {
            offline: true,
            ..Options::default()
        };
        let err = fetch("file:///etc/passwd", &options, &mut |_| {}).expect_err("refused");
        assert!(matches!(err, FetchError::Scheme { .. }));
    }

    #[test]
    fn durations_and_sizes_read_well() {
        assert_eq!(seconds(Duration::from_millis(1250)), "1.25 s");
        assert_eq!(seconds(Duration::from_secs(10)), "10 s");
        assert_eq!(size(64 * 1024), "64 KB");
        assert_eq!(size(1), "1 byte");
        assert_eq!(
            io_reason(&io::Error::from_raw_os_error(111)),
            io::Error::from_raw_os_error(111)
                .to_string()
                .split(" (os error")
                .next()
                .unwrap_or_default()
        );
    }
}
