//! Feeds from web addresses, served by a server the test starts on 127.0.0.1.

use std::time::{Duration, Instant};

use super::fixture;
use crate::support::{Reply, Route, Server, fresh_dir, newsterm_with, text};

fn feed_bytes() -> Vec<u8> {
    std::fs::read(fixture("rss-cdata-html.xml")).expect("fixture")
}

/// The binary with a cache directory of the test's own, kept between runs.
fn run_cached(cache: &std::path::Path, args: &[&str]) -> std::process::Output {
    newsterm_with(
        args,
        None,
        &[
            ("XDG_CACHE_HOME", cache),
            ("XDG_STATE_HOME", &cache.join("state")),
        ],
    )
}

#[test]
fn a_web_feed_is_cached_revalidated_and_read_offline() {
    let server = Server::start(vec![Route::new(
        "/feed.xml",
        Reply::ok("application/rss+xml", feed_bytes()).etag("\"v1\""),
    )]);
    let cache = fresh_dir("web-cache");
    let url = server.url("/feed.xml");
    let first = run_cached(&cache, &["--render", "100x20", &url]);
    assert!(first.status.success(), "{}", text(&first.stderr));
    assert!(text(&first.stdout).contains("Hà Nội mở thêm 3 tuyến"));
    // Starting again costs one 304.
    let second = run_cached(&cache, &["--render", "100x20", &url]);
    assert!(second.status.success(), "{}", text(&second.stderr));
    assert_eq!(first.stdout, second.stdout);
    let seen = server.requests_for("/feed.xml");
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[1].header("if-none-match"), Some("\"v1\""));
    assert_eq!(seen[1].status, Some(304));
    // Offline: the cache only, never the server.
    let offline = run_cached(&cache, &["--offline", "--render", "100x20", &url]);
    assert!(offline.status.success(), "{}", text(&offline.stderr));
    assert_eq!(offline.stdout, first.stdout);
    assert_eq!(server.requests_for("/feed.xml").len(), 2);
    let missing = server.url("/never-fetched.xml");
    let out = run_cached(&cache, &["--offline", "--check", &missing]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("not in the cache (offline)"),
        "{}",
        text(&out.stderr)
    );
    assert!(server.requests_for("/never-fetched.xml").is_empty());
}

/// A proxy the environment names is not used for this machine's own addresses.
#[test]
fn loopback_addresses_bypass_a_proxy() {
    let server = Server::start(vec![Route::new(
        "/feed.xml",
        Reply::ok("application/rss+xml", feed_bytes()),
    )]);
    let proxy = "http://192.0.2.1:9";
    let out = newsterm_with(
        &["--check", &server.url("/feed.xml")],
        None,
        &[
            ("HTTP_PROXY", proxy),
            ("http_proxy", proxy),
            ("ALL_PROXY", proxy),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(server.requests_for("/feed.xml").len(), 1);
}

#[test]
fn redirects_gzip_and_convert_from_the_web() {
    let server = Server::start(vec![
        Route::new("/old", Reply::redirect(301, "/feed.xml")),
        Route::new(
            "/feed.xml",
            Reply::ok("application/rss+xml", feed_bytes()).gzip(),
        ),
    ]);
    let cache = fresh_dir("web-redirect");
    let out = run_cached(&cache, &["convert", &server.url("/old"), "-o", "-"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let bundle = newsterm::bundle::load_full("web", &out.stdout).expect("a bundle");
    assert_eq!(bundle.articles.len(), 3);
    // Relative links resolve against where the feed was finally found.
    let story = bundle.full_article(0).expect("story");
    let image = story.body.iter().find_map(|b| match b {
        newsterm::bundle::Block::Image { url, .. } => url.clone(),
        _ => None,
    });
    assert_eq!(
        image.as_deref(),
        Some("https://tin.example.org/anh/buyt.jpg")
    );
    let feed = server.requests_for("/feed.xml");
    assert!(
        feed[0]
            .header("accept-encoding")
            .is_some_and(|e| e.contains("gzip"))
    );
}

#[test]
fn slow_huge_and_missing_feeds_are_one_line_each_and_the_rest_opens() {
    let server = Server::start(vec![
        Route::new(
            "/slow.xml",
            Reply::Slow {
                before_headers: Duration::from_secs(5),
                before_body: Duration::ZERO,
                body: feed_bytes(),
            },
        ),
        Route::new(
            "/huge.xml",
            Reply::Huge {
                bytes: 60 * 1024 * 1024,
                with_length: true,
            },
        ),
        Route::new(
            "/good.json",
            Reply::ok(
                "application/feed+json",
                std::fs::read(fixture("jsonfeed.json")).expect("fixture"),
            ),
        ),
    ]);
    let cache = fresh_dir("web-limits");
    let start = Instant::now();
    let out = run_cached(
        &cache,
        &[
            "--timeout",
            "0.5",
            "--render",
            "100x12",
            &server.url("/slow.xml"),
            &server.url("/huge.xml"),
            &server.url("/missing.xml"),
            &server.url("/good.json"),
        ],
    );
    assert!(
        start.elapsed() < Duration::from_secs(4),
        "{:?}",
        start.elapsed()
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[0].contains("/slow.xml") && lines[0].contains("timed out"),
        "{err}"
    );
    assert!(
        lines[1].contains("/huge.xml") && lines[1].contains("larger than 50 MB"),
        "{err}"
    );
    assert!(
        lines[2].contains("/missing.xml") && lines[2].contains("404"),
        "{err}"
    );
    assert!(text(&out.stdout).contains("Nhật ký JSON"));
}
