//! Fetching over HTTP against the local test server: bodies and content types, the cache and
//! conditional requests (ETag, Last-Modified, offline, corrupt entries), redirects, gzip, and
//! the limits (time, size, redirects), each failure one line naming the address.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use newsterm::fetch::{FetchError, Fetched, FetchedFrom, Options, fetch};

use crate::support::{Reply, Route, Server, TempDir, fresh_dir, serve_one};

/// Redirects: followed within the limit, and only to web addresses.
mod redirects;

pub(crate) const RSS: &str = "application/rss+xml; charset=utf-8";
pub(crate) const FEED: &[u8] =
    b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title>\
      <item><title>One</title></item></channel></rss>";
const DATE: &str = "Tue, 03 Jun 2025 10:00:00 GMT";

/// A temporary directory as a fetch cache.
trait CacheDir {
    /// Options caching here, with short limits so failures are quick.
    fn options(&self) -> Options;
    /// The cache files, sorted.
    fn cached(&self) -> Vec<PathBuf>;
}

impl CacheDir for TempDir {
    fn options(&self) -> Options {
        Options {
            cache_dir: Some(self.join("cache")),
            ..quick()
        }
    }

    fn cached(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.join("cache"))
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.sort();
        files
    }
}

/// No cache; timeouts of a couple of seconds so a hang fails fast.
pub(crate) fn quick() -> Options {
    Options {
        connect_timeout: Duration::from_secs(2),
        timeout: Duration::from_secs(5),
        ..Options::default()
    }
}

/// [`quick`] options that take at most `max_bytes` of a body.
fn limited(max_bytes: u64) -> Options {
    Options {
        max_bytes,
        ..quick()
    }
}

pub(crate) fn get(url: &str, options: &Options) -> Result<Fetched, FetchError> {
    fetch(url, options, &mut |_| {})
}

pub(crate) fn ok(url: &str, options: &Options) -> Fetched {
    get(url, options).unwrap_or_else(|e| panic!("{url} fetched: {e}"))
}

/// The error's message, checked to be one line beginning with the address.
pub(crate) fn message(url: &str, result: Result<Fetched, FetchError>) -> String {
    let error = match result {
        Ok(f) => panic!("{url} should have failed, got {} bytes", f.bytes.len()),
        Err(e) => e,
    };
    let text = error.to_string();
    assert!(!text.contains('\n'), "one line: {text:?}");
    assert!(text.len() < 200, "short: {text:?}");
    assert!(
        text.starts_with(&format!("{url}: ")),
        "names {url}: {text:?}"
    );
    assert_eq!(error.url(), url);
    text
}

/// How many full (200) answers `path` got.
fn full_answers(server: &Server, path: &str) -> usize {
    server
        .requests_for(path)
        .iter()
        .filter(|r| r.status == Some(200))
        .count()
}

#[test]
fn a_feed_comes_with_its_content_type_and_progress() {
    let (server, url) = serve_one("/feed.xml", Reply::ok(RSS, FEED));
    let mut seen = Vec::new();
    let fetched = fetch(&url, &quick(), &mut |n| seen.push(n)).expect("fetched");
    assert_eq!(fetched.bytes, FEED);
    assert_eq!(fetched.url, url);
    assert_eq!(fetched.content_type.as_deref(), Some(RSS));
    assert_eq!(fetched.origin, FetchedFrom::Network);
    assert_eq!(seen.last(), Some(&(FEED.len() as u64)));
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method, "GET");
    assert_eq!(
        request.header("user-agent"),
        Some(concat!("newsterm/", env!("CARGO_PKG_VERSION")))
    );
    let accept = request.header("accept").expect("an Accept header");
    assert!(accept.starts_with("application/rss+xml, application/atom+xml"));
    assert!(
        request
            .header("accept-encoding")
            .is_some_and(|v| v.contains("gzip"))
    );
    // Without a cache there is nothing to be conditional on.
    assert_eq!(request.header("if-none-match"), None);
}

#[test]
fn progress_is_reported_as_a_large_body_arrives() {
    let body = vec![b'x'; 300 * 1024];
    let server = Server::start(vec![Route::new(
        "/big",
        Reply::ok("text/xml", body.clone()).chunked(),
    )]);
    let mut seen = Vec::new();
    let fetched = fetch(&server.url("/big"), &quick(), &mut |n| seen.push(n)).expect("fetched");
    assert_eq!(fetched.bytes, body);
    assert!(seen.len() >= 5, "chunks of at most 64 KiB: {seen:?}");
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "{seen:?}");
    assert_eq!(seen.last(), Some(&(body.len() as u64)));
}

#[test]
fn an_etag_makes_the_second_fetch_conditional() {
    let dir = fresh_dir("etag");
    let options = dir.options();
    let (server, url) = serve_one("/feed.xml", Reply::ok(RSS, FEED).etag("\"v1\""));
    let first = ok(&url, &options);
    assert_eq!(first.origin, FetchedFrom::Network);
    assert_eq!(dir.cached().len(), 2, "a body and its metadata");

    let mut progress = Vec::new();
    let second = fetch(&url, &options, &mut |n| progress.push(n)).expect("fetched");
    assert_eq!(second.origin, FetchedFrom::NotModified);
    assert_eq!(second.bytes, FEED);
    assert_eq!(second.url, url);
    assert_eq!(second.content_type.as_deref(), Some(RSS));
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].header("if-none-match"), Some("\"v1\""));
    assert_eq!(requests[1].status, Some(304));
    assert_eq!(full_answers(&server, "/feed.xml"), 1);
}

#[test]
fn last_modified_makes_the_second_fetch_conditional() {
    let dir = fresh_dir("lastmod");
    let options = dir.options();
    let (server, url) = serve_one("/feed.xml", Reply::ok(RSS, FEED).last_modified(DATE));
    assert_eq!(ok(&url, &options).origin, FetchedFrom::Network);
    let second = ok(&url, &options);
    assert_eq!(second.origin, FetchedFrom::NotModified);
    assert_eq!(second.bytes, FEED);
    let requests = server.requests();
    assert_eq!(requests[1].header("if-modified-since"), Some(DATE));
    assert_eq!(requests[1].header("if-none-match"), None);
    assert_eq!(full_answers(&server, "/feed.xml"), 1);
}

#[test]
fn a_changed_feed_replaces_the_cached_one() {
    let dir = fresh_dir("changed");
    let options = dir.options();
    let (server, url) = serve_one("/feed.xml", Reply::ok(RSS, FEED).etag("\"v1\""));
    ok(&url, &options);
    server.set(Route::new(
        "/feed.xml",
        Reply::ok("application/atom+xml", "<feed/>").etag("\"v2\""),
    ));
    let changed = ok(&url, &options);
    assert_eq!(changed.origin, FetchedFrom::Network);
    assert_eq!(changed.bytes, b"<feed/>");
    // The new entry is what the next conditional request and offline reading use.
    let again = ok(&url, &options);
    assert_eq!(again.origin, FetchedFrom::NotModified);
    assert_eq!(again.bytes, b"<feed/>");
    assert_eq!(again.content_type.as_deref(), Some("application/atom+xml"));
    assert_eq!(server.requests()[2].header("if-none-match"), Some("\"v2\""));
    let offline = Options {
        offline: true,
        ..options
    };
    assert_eq!(ok(&url, &offline).bytes, b"<feed/>");
    assert_eq!(
        dir.cached().len(),
        2,
        "no temporary files left: {:?}",
        dir.cached()
    );
}

#[test]
fn a_gzipped_body_is_decoded() {
    let body = FEED.repeat(100);
    let server = Server::start(vec![
        Route::new("/gz", Reply::ok(RSS, body.clone()).gzip()),
        Route::new("/gz-chunked", Reply::ok(RSS, body.clone()).gzip().chunked()),
    ]);
    for path in ["/gz", "/gz-chunked"] {
        let fetched = ok(&server.url(path), &quick());
        assert_eq!(fetched.bytes, body, "{path}");
    }
}

#[test]
fn the_size_limit_applies_to_the_decoded_body() {
    // 1 MB of filler gzips to a few KB: the limit is on what it becomes.
    let body = vec![b'x'; 1024 * 1024];
    let (_server, url) = serve_one("/bomb", Reply::ok("text/xml", body).gzip());
    let options = limited(100 * 1024);
    assert_eq!(
        message(&url, get(&url, &options)),
        format!("{url}: larger than 100 KB")
    );
}

#[test]
fn a_body_of_exactly_the_limit_is_accepted() {
    let server = Server::start(vec![
        Route::new("/sized", Reply::ok("text/xml", vec![b'x'; 1000])),
        Route::new(
            "/chunked",
            Reply::ok("text/xml", vec![b'x'; 1000]).chunked(),
        ),
    ]);
    let options = limited(1000);
    for path in ["/sized", "/chunked"] {
        assert_eq!(ok(&server.url(path), &options).bytes.len(), 1000, "{path}");
    }
    let tighter = limited(999);
    for path in ["/sized", "/chunked"] {
        let url = server.url(path);
        assert_eq!(
            message(&url, get(&url, &tighter)),
            format!("{url}: larger than 999 bytes")
        );
    }
}

#[test]
fn a_declared_length_over_the_limit_fails_before_reading() {
    // A gigabyte declared: refused from the headers, nothing of the body read.
    let (_server, url) = serve_one(
        "/huge",
        Reply::Huge {
            bytes: 1 << 30,
            with_length: true,
        },
    );
    let options = limited(1024 * 1024);
    let mut progress = Vec::new();
    let result = fetch(&url, &options, &mut |n| progress.push(n));
    assert_eq!(message(&url, result), format!("{url}: larger than 1 MB"));
    assert!(progress.is_empty(), "no body read: {progress:?}");
}

#[test]
fn a_chunked_body_over_the_limit_stops_at_the_limit() {
    let (_server, url) = serve_one(
        "/huge",
        Reply::Huge {
            bytes: 1 << 30,
            with_length: false,
        },
    );
    let options = limited(1024 * 1024);
    let mut most = 0;
    let result = fetch(&url, &options, &mut |n| most = n);
    assert_eq!(message(&url, result), format!("{url}: larger than 1 MB"));
    assert!(most <= 1024 * 1024, "read no more than the limit: {most}");
}

#[test]
fn a_slow_server_times_out() {
    let server = Server::start(vec![
        Route::new(
            "/slow-body",
            Reply::Slow {
                before_headers: Duration::ZERO,
                before_body: Duration::from_secs(5),
                body: FEED.to_vec(),
            },
        ),
        Route::new(
            "/slow-headers",
            Reply::Slow {
                before_headers: Duration::from_secs(5),
                before_body: Duration::ZERO,
                body: FEED.to_vec(),
            },
        ),
    ]);
    let options = Options {
        timeout: Duration::from_millis(300),
        ..quick()
    };
    for path in ["/slow-body", "/slow-headers"] {
        let url = server.url(path);
        let started = Instant::now();
        let text = message(&url, get(&url, &options));
        let took = started.elapsed();
        assert_eq!(text, format!("{url}: timed out after 0.3 s"));
        // Not a measure of speed: only that the timeout, not the server's 5 s, ended it.
        assert!(
            took >= Duration::from_millis(250) && took < Duration::from_millis(4500),
            "{path} took {took:?}"
        );
    }
}

#[test]
fn an_error_status_is_named() {
    let server = Server::start(vec![Route::new("/gone", Reply::status(410, "gone"))]);
    let url = server.url("/missing");
    assert_eq!(
        message(&url, get(&url, &quick())),
        format!("{url}: HTTP 404 Not Found")
    );
    let url = server.url("/gone");
    assert_eq!(
        message(&url, get(&url, &quick())),
        format!("{url}: HTTP 410 Gone")
    );
}

#[test]
fn an_error_status_does_not_touch_the_cache() {
    let dir = fresh_dir("status");
    let options = dir.options();
    let (server, url) = serve_one("/feed.xml", Reply::ok(RSS, FEED).etag("\"v1\""));
    ok(&url, &options);
    server.set(Route::new("/feed.xml", Reply::status(500, "oops")));
    message(&url, get(&url, &options));
    let offline = Options {
        offline: true,
        ..options
    };
    assert_eq!(ok(&url, &offline).bytes, FEED);
}

#[test]
fn a_refused_connection_is_one_line() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let addr = listener.local_addr().expect("its address");
    drop(listener);
    let url = format!("http://{addr}/feed.xml");
    let text = message(&url, get(&url, &quick()));
    assert!(
        text.starts_with(&format!("{url}: cannot connect: ")),
        "{text}"
    );
    assert!(!text.contains("os error"), "{text}");
}

#[test]
fn a_connection_closed_without_an_answer_is_one_line() {
    let (_server, url) = serve_one("/close", Reply::Close);
    assert_eq!(
        message(&url, get(&url, &quick())),
        format!("{url}: the server closed the connection before the answer was complete")
    );
}

#[test]
fn https_to_a_plain_http_server_is_a_tls_error() {
    let server = Server::start(vec![Route::new("/feed.xml", Reply::ok(RSS, FEED))]);
    let url = format!("https://{}/feed.xml", server.addr);
    // Our server refuses the TLS hello in plain HTTP, which is not a TLS record.
    let text = message(&url, get(&url, &quick()));
    assert!(text.starts_with(&format!("{url}: TLS: ")), "{text}");
}

#[test]
fn offline_reads_the_cache_only() {
    let dir = fresh_dir("offline");
    let options = dir.options();
    let server = Server::start(vec![Route::new(
        "/feed.xml",
        Reply::ok(RSS, FEED).etag("\"v1\""),
    )]);
    let url = server.url("/feed.xml");
    let offline = Options {
        offline: true,
        ..options.clone()
    };
    assert_eq!(
        message(&url, get(&url, &offline)),
        format!("{url}: not in the cache (offline)")
    );
    assert!(server.requests().is_empty());

    ok(&url, &options);
    let fetched = ok(&url, &offline);
    assert_eq!(fetched.bytes, FEED);
    assert_eq!(fetched.origin, FetchedFrom::Offline);
    assert_eq!(fetched.url, url);
    assert_eq!(fetched.content_type.as_deref(), Some(RSS));
    assert_eq!(server.requests().len(), 1, "offline never asks the server");

    // Without a cache directory, offline has nothing.
    let nothing = Options {
        offline: true,
        ..quick()
    };
    message(&url, get(&url, &nothing));
    // Even for a server that is not there.
    let gone = format!("http://{}/feed.xml", server.addr);
    drop(server);
    assert_eq!(ok(&gone, &offline).bytes, FEED);
}

#[test]
fn a_corrupt_cache_entry_is_fetched_again() {
    let dir = fresh_dir("corrupt");
    let options = dir.options();
    let (server, url) = serve_one("/feed.xml", Reply::ok(RSS, FEED).etag("\"v1\""));
    ok(&url, &options);
    let files = dir.cached();
    let body = files
        .iter()
        .find(|f| f.extension().is_some_and(|e| e == "body"));
    let meta = files
        .iter()
        .find(|f| f.extension().is_some_and(|e| e == "json"));
    let (body, meta) = (body.expect("a body file"), meta.expect("a metadata file"));

    // Metadata that is not JSON: the entry is absent, the request unconditional.
    std::fs::write(meta, "{ not json").expect("corrupted");
    let fetched = ok(&url, &options);
    assert_eq!(
        (fetched.bytes.as_slice(), fetched.origin),
        (FEED, FetchedFrom::Network)
    );
    assert_eq!(server.requests()[1].header("if-none-match"), None);

    // A body cut short: the server says 304, the body does not match, so ask again in full.
    std::fs::write(body, &FEED[..10]).expect("corrupted");
    let fetched = ok(&url, &options);
    assert_eq!(
        (fetched.bytes.as_slice(), fetched.origin),
        (FEED, FetchedFrom::Network)
    );
    let statuses: Vec<_> = server.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [Some(200), Some(200), Some(304), Some(200)]);

    // Repaired: the next fetch is a 304 again.
    assert_eq!(ok(&url, &options).origin, FetchedFrom::NotModified);
    // Offline, a corrupt entry is simply not there.
    std::fs::write(body, b"").expect("corrupted");
    let offline = Options {
        offline: true,
        ..options
    };
    message(&url, get(&url, &offline));
}

#[test]
fn a_cache_that_cannot_be_written_does_not_fail_the_fetch() {
    let dir = fresh_dir("unwritable");
    std::fs::create_dir_all(dir.path()).expect("dir");
    let file = dir.path().join("a-file");
    std::fs::write(&file, "not a directory").expect("file");
    let options = Options {
        cache_dir: Some(file.join("cache")),
        ..quick()
    };
    let (_server, url) = serve_one("/feed.xml", Reply::ok(RSS, FEED));
    assert_eq!(ok(&url, &options).bytes, FEED);
    assert_eq!(ok(&url, &options).origin, FetchedFrom::Network);
}

#[test]
fn a_not_modified_answer_to_an_unconditional_request_is_an_error() {
    // A confused server: 304 although nothing was asked conditionally.
    let (_server, url) = serve_one("/feed.xml", Reply::status(304, ""));
    assert_eq!(
        message(&url, get(&url, &quick())),
        format!("{url}: HTTP 304 Not Modified")
    );
}

#[test]
fn only_web_addresses_are_fetched() {
    for url in ["ftp://example.com/feed", "file:///etc/passwd"] {
        assert_eq!(
            message(url, get(url, &quick())),
            format!("{url}: only http and https addresses can be fetched")
        );
    }
    let text = message("feed.xml", get("feed.xml", &quick()));
    assert!(text.starts_with("feed.xml: not a web address"), "{text}");
}
