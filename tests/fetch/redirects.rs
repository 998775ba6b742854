//! Redirects against the local test server: followed to the feed, within an exact limit,
//! never in a loop, and only to web addresses (a `file:` address is refused, not fetched).

use newsterm::fetch::Options;

use super::{FEED, RSS, get, message, ok, quick};
use crate::support::{Reply, Route, Server, serve_one};

#[test]
fn redirects_are_followed_to_the_feed() {
    let server = Server::start(vec![
        Route::new("/old", Reply::redirect(301, "/older")),
        Route::new("/older", Reply::redirect(302, "/feed.xml")),
        Route::new("/feed.xml", Reply::ok(RSS, FEED)),
    ]);
    let fetched = ok(&server.url("/old"), &quick());
    assert_eq!(fetched.bytes, FEED);
    assert_eq!(fetched.url, server.url("/feed.xml"));
    let paths: Vec<_> = server.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(paths, ["/old", "/older", "/feed.xml"]);
}

#[test]
fn the_redirect_limit_is_exact() {
    // /r0 → /r1 → … → /r5 → /feed.xml: six redirects.
    let mut routes: Vec<Route> = (0..6)
        .map(|i| {
            let next = if i == 5 {
                "/feed.xml".to_owned()
            } else {
                format!("/r{}", i + 1)
            };
            Route::new(&format!("/r{i}"), Reply::redirect(307, &next))
        })
        .collect();
    routes.push(Route::new("/feed.xml", Reply::ok(RSS, FEED)));
    let server = Server::start(routes);
    // Five are fine (from /r1), six are too many (from /r0).
    assert_eq!(ok(&server.url("/r1"), &quick()).bytes, FEED);
    let url = server.url("/r0");
    assert_eq!(
        message(&url, get(&url, &quick())),
        format!("{url}: more than 5 redirects")
    );
    // With none allowed, the first is too many.
    let none = Options {
        max_redirects: 0,
        ..quick()
    };
    let url = server.url("/r5");
    assert_eq!(
        message(&url, get(&url, &none)),
        format!("{url}: more than 0 redirects")
    );
}

#[test]
fn a_redirect_loop_is_an_error() {
    let server = Server::start(vec![
        Route::new("/a", Reply::redirect(302, "/b")),
        Route::new("/b", Reply::redirect(302, "/a")),
    ]);
    let url = server.url("/a");
    assert_eq!(
        message(&url, get(&url, &quick())),
        format!("{url}: more than 5 redirects")
    );
    assert_eq!(
        server.requests().len(),
        6,
        "the first request and five redirects"
    );
}

#[test]
fn a_redirect_without_a_location_is_an_error() {
    let (_server, url) = serve_one("/r", Reply::status(302, "nowhere"));
    let text = message(&url, get(&url, &quick()));
    assert!(text.contains("location"), "{text}");
}

#[test]
fn a_redirect_to_a_file_address_is_refused() {
    let (_server, url) = serve_one("/r", Reply::redirect(302, "file:///etc/passwd"));
    assert_eq!(
        message(&url, get(&url, &quick())),
        format!("{url}: redirect to a file: address refused")
    );
    let (_server, url) = serve_one("/r", Reply::redirect(301, "gopher://example.com/feed"));
    assert_eq!(
        message(&url, get(&url, &quick())),
        format!("{url}: redirect to a gopher: address refused")
    );
}
