//! `r` reads the sources again on a worker thread: while a source hangs, keys keep working
//! and the status bar says a reload is running; `q`, `C-c` and the signals that end newsterm
//! end it at once, without waiting for the source.

use std::time::{Duration, Instant};

use crate::support::{Reply, Route, Server, Session, assert_restored_at_the_end, fixture};

/// newsterm reading a feed from a server that answered once and now hangs, with `r` pressed
/// and the reload waiting on the hung server.
fn reloading_from_a_hanging_server() -> (Server, Session) {
    let body = std::fs::read(fixture("rss-cdata-html.xml")).expect("the fixture");
    let server = Server::start(vec![Route::new(
        "/feed.xml",
        Reply::ok("application/rss+xml", body),
    )]);
    let url = server.url("/feed.xml");
    // A fetch timeout far beyond every wait of these tests: a reload that held the terminal
    // loop would hold it past all of them.
    let mut s = Session::start(100, 24, &["--timeout", "600", &url]);
    s.wait_for(0, "Headlines 1/3");
    server.set(Route::new("/feed.xml", Reply::Hang));
    s.press("r", "Reloading");
    requests_reach(&server, 2);
    (server, s)
}

/// Waits until the server has had `n` requests for the feed (the reload's is the second).
#[track_caller]
fn requests_reach(server: &Server, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while server.requests_for("/feed.xml").len() < n {
        assert!(
            Instant::now() < deadline,
            "the reload never asked the server"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn keys_work_while_a_reload_waits_and_q_quits_without_waiting() {
    let (server, mut s) = reloading_from_a_hanging_server();
    // The cursor moves to the second story, and the status bar still says a reload runs.
    s.press_nowait("j");
    s.wait_until("the cursor on story 2 while reloading", |screen| {
        screen.contains("Headlines 2/3")
            && screen
                .lines()
                .last()
                .is_some_and(|l| l.contains("Reloading"))
    });
    s.press("r", "Already reloading");
    assert_eq!(
        server.requests_for("/feed.xml").len(),
        2,
        "a second r starts no second reload"
    );
    s.press_nowait("q");
    let (status, output) = s.finish();
    assert!(status.success(), "{status:?}");
    assert_restored_at_the_end(&output);
}

#[test]
fn ctrl_c_quits_while_a_reload_waits() {
    let (_server, mut s) = reloading_from_a_hanging_server();
    s.press_nowait("\x03");
    let (status, output) = s.finish();
    assert!(status.success(), "{status:?}");
    assert_restored_at_the_end(&output);
}

#[test]
fn ending_signals_end_it_while_a_reload_waits() {
    for (signal, name) in [
        ("TERM", "Terminated"),
        ("HUP", "Hangup"),
        ("INT", "Interrupt"),
    ] {
        let (_server, s) = reloading_from_a_hanging_server();
        s.kill(signal);
        let (status, output) = s.finish();
        assert_eq!(status.signal(), Some(name), "SIG{signal}: {status:?}");
        assert_restored_at_the_end(&output);
    }
}
