//! Several sources at once: web addresses fetched together within one deadline for the whole
//! set, those that miss it reported as failed, and the rest merged in the order given.

use std::time::Duration;

use newsterm::feed::{Opened, open_all};
use newsterm::fetch::Options;

use crate::support::{Reply, Route, Server, fixture};

/// A feed titled `title` with one undated story.
fn rss(title: &str) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{title}</title>\
         <item><title>{title} story</title><guid>{title}</guid></item></channel></rss>"
    )
    .into_bytes()
}

#[test]
fn hanging_sources_cost_one_deadline_together_and_the_rest_open_in_order() {
    let deadline = Duration::from_secs(2);
    let server = Server::start(vec![
        // Answers after the later source C: the merged order is still the order given.
        Route::new(
            "/a.xml",
            Reply::Slow {
                before_headers: Duration::from_millis(300),
                before_body: Duration::ZERO,
                body: rss("A"),
            },
        ),
        Route::new("/b.xml", Reply::Hang),
        Route::new("/c.xml", Reply::ok("application/rss+xml", rss("C"))),
        Route::new("/d.xml", Reply::Hang),
        Route::new("/e.xml", Reply::Hang),
    ]);
    let local = fixture("rss-cdata-html.xml");
    let sources = vec![
        server.url("/a.xml"),
        server.url("/b.xml"),
        local.to_string_lossy().into_owned(),
        server.url("/c.xml"),
        server.url("/d.xml"),
        server.url("/e.xml"),
    ];
    let options = Options {
        timeout: deadline,
        connect_timeout: deadline,
        ..Options::default()
    };
    let started = std::time::Instant::now();
    let Opened {
        bundle,
        failed,
        opened,
    } = open_all(&sources, &options, &mut |_| {});
    let took = started.elapsed();
    // Not a measure of speed: one after another, the three hanging sources would take three
    // deadlines.
    assert!(
        took < 2 * deadline,
        "three hanging sources took {took:?}, more than one deadline of {deadline:?}"
    );
    assert_eq!(opened, [0, 2, 3]);
    let bundle = bundle.expect("the good sources open");
    assert_eq!(bundle.title, "A + Tin Nhanh & Sâu + C");
    let failed: Vec<String> = failed.iter().map(ToString::to_string).collect();
    let expected: Vec<String> = [1, 4, 5]
        .iter()
        .map(|&i| format!("{}: timed out after 2 s", sources[i]))
        .collect();
    assert_eq!(failed, expected);
}
