//! The feed list: counted from the stories shown, failing feeds first, its own keys while
//! open, and the same feed under the cursor after the stories or the marks change.

use super::*;
use crate::bundle::{Article, StoryOrigin};
use crate::library::{FeedInfo, FeedStatus};

const URLS: [&str; 4] = [
    "https://a.example/feed",
    "https://b.example/feed",
    "https://dead.example/feed",
    "https://new.example/feed",
];

/// Stories from the first two feeds (three of A, one of B) and none of the others.
fn library_bundle(extra: usize) -> Bundle {
    let origins = URLS[..3]
        .iter()
        .map(|url| StoryOrigin {
            name: (*url).into(),
            feed: Some((*url).into()),
            ..StoryOrigin::default()
        })
        .collect();
    let articles = [0u16, 0, 1, 0]
        .into_iter()
        .chain(std::iter::repeat_n(1, extra))
        .enumerate()
        .map(|(i, origin)| Article {
            id: i.to_string(),
            title: format!("Story {i}"),
            origin,
            ..Article::default()
        })
        .collect();
    Bundle {
        title: crate::library::TITLE.into(),
        articles,
        origins,
        ..Bundle::default()
    }
}

fn status(url: &str, failures: i64) -> FeedStatus {
    FeedStatus {
        url: url.into(),
        title: None,
        last_try: Some(1),
        last_ok: Some(1),
        failures,
        last_error: (failures > 0).then(|| "HTTP 404 Not Found".into()),
        last_status: (failures > 0).then_some(404),
    }
}

fn feeds() -> Vec<FeedInfo> {
    let names = ["Zeta news", "alpha blog", "Dead feed", "Brand new"];
    URLS.iter()
        .zip(names)
        .enumerate()
        .map(|(i, (url, name))| FeedInfo {
            url: (*url).into(),
            name: name.into(),
            status: match i {
                2 => Some(status(url, 4)),
                3 => None,
                _ => Some(status(url, 0)),
            },
            hidden: false,
            tags: Vec::new(),
        })
        .collect()
}

fn names(app: &App) -> Vec<String> {
    let (rows, _, _) = app.feed_list().expect("the list is open");
    rows.iter().map(|r| r.name.clone()).collect()
}

#[test]
fn the_list_counts_each_feed_and_puts_the_failing_first() {
    let mut app = App::new(library_bundle(0), 120, 40);
    app.apply(Outcome::Feeds(feeds()));
    run(&mut app, &[Action::Open]);
    run(&mut app, &[Action::Feeds]);
    assert_eq!(
        names(&app),
        ["Dead feed", "alpha blog", "Brand new", "Zeta news"]
    );
    let (rows, selected, _) = app.feed_list().unwrap();
    assert_eq!(selected, 0);
    let dead = &rows[0];
    assert_eq!(dead.failures, 4);
    assert_eq!(
        dead.failure.as_deref(),
        Some("failed 4 times in a row: HTTP 404 Not Found")
    );
    let zeta = &rows[3];
    assert_eq!(
        (zeta.stories, zeta.unread),
        (3, 2),
        "one of its stories was read"
    );
    assert_eq!((rows[1].stories, rows[1].unread), (1, 1));
    assert!(rows[2].new && rows[2].stories == 0);
}

#[test]
fn the_list_takes_the_movement_keys_and_closes_without_quitting() {
    let mut app = App::new(library_bundle(0), 80, 24);
    app.apply(Outcome::Feeds(feeds()));
    for close in [Action::Feeds, Action::Dismiss, Action::Close, Action::Back] {
        run(&mut app, &[Action::Feeds, Action::Down, Action::Down]);
        assert_eq!(app.feed_list().map(|l| l.1), Some(2));
        assert_eq!(
            app.selected(),
            0,
            "the headlines do not move under the list"
        );
        run(
            &mut app,
            &[Action::Bottom, Action::Up, Action::Top, Action::Bottom],
        );
        assert_eq!(app.feed_list().map(|l| l.1), Some(3));
        run(&mut app, &[close]);
        assert!(app.feed_list().is_none(), "{close:?} closes it");
        assert!(app.running());
    }
    run(&mut app, &[Action::Feeds, Action::Reload]);
    assert_eq!(
        app.take_effects(),
        [Effect::Reload],
        "r refreshes under the list"
    );
    assert!(app.feed_list().is_some());
    run(&mut app, &[Action::Quit]);
    assert!(!app.running());
}

#[test]
fn the_cursor_stays_on_its_feed_when_the_stories_change() {
    let mut app = App::new(library_bundle(0), 80, 24);
    app.apply(Outcome::Feeds(feeds()));
    run(&mut app, &[Action::Feeds, Action::Down]);
    assert_eq!(names(&app)[1], "alpha blog");
    // A refresh: B has five more stories, and B's feed now fails, so it moves up.
    let mut after = feeds();
    after[1].status = Some(status(URLS[1], 1));
    app.apply(Outcome::Feeds(after));
    app.apply(Outcome::Reloaded {
        bundle: Box::new(library_bundle(5)),
        failed: None,
        summary: None,
    });
    let (rows, selected, _) = app.feed_list().unwrap();
    assert_eq!(rows[selected].name, "alpha blog");
    assert_eq!(rows[selected].stories, 6);
    assert_eq!(
        names(&app),
        ["Dead feed", "alpha blog", "Brand new", "Zeta news"]
    );
}

#[test]
fn without_subscriptions_there_is_no_list_and_the_reader_says_so() {
    let mut app = app(80, 24);
    run(&mut app, &[Action::Feeds]);
    assert!(app.feed_list().is_none());
    assert!(
        app.session
            .notice
            .as_deref()
            .unwrap_or("")
            .contains("newsterm add")
    );
}

#[test]
fn enter_shows_a_feeds_stories_and_back_returns_to_the_list_where_it_was() {
    let mut app = App::new(library_bundle(0), 120, 40);
    app.apply(Outcome::Feeds(feeds()));
    // Zeta news (the first feed's three stories) is the list's last row.
    run(&mut app, &[Action::Feeds, Action::Bottom, Action::Open]);
    assert!(app.feed_list().is_none());
    assert_eq!(app.feed_entered(), Some("Zeta news"));
    assert_eq!(app.list(), [0, 1, 3], "its stories alone");
    assert_eq!(app.selected(), 0);
    run(&mut app, &[Action::Down, Action::UnreadOnly]);
    assert_eq!(app.list().len(), 3, "none read yet");
    run(
        &mut app,
        &[Action::Open, Action::FocusPrev, Action::UnreadOnly],
    );
    // A refresh keeps the feed entered, found by its address.
    app.apply(Outcome::Reloaded {
        bundle: Box::new(library_bundle(2)),
        failed: None,
        summary: None,
    });
    assert_eq!(app.list(), [0, 1, 3]);
    run(&mut app, &[Action::Back]);
    assert_eq!(app.feed_entered(), None);
    let (rows, selected, _) = app.feed_list().expect("the list again");
    assert_eq!(rows[selected].name, "Zeta news", "the cursor where it was");
    assert_eq!((rows[selected].stories, rows[selected].unread), (3, 2));
    // q from an entered feed goes up to the list too, never quits.
    run(&mut app, &[Action::Open, Action::Close]);
    assert!(app.running() && app.feed_list().is_some());
    // A feed with no stories yet says so.
    run(
        &mut app,
        &[Action::Top, Action::Down, Action::Down, Action::Open],
    );
    assert_eq!(app.list().len(), 0);
    run(&mut app, &[Action::Dismiss]);
    assert!(app.feed_list().is_some(), "Esc leaves the feed too");
    assert_eq!(app.list().len(), 6, "the whole list again");
}

#[test]
fn u_hides_the_feeds_with_nothing_unread_but_not_the_failing() {
    let mut app = App::new(library_bundle(0), 80, 24);
    app.apply(Outcome::Feeds(feeds()));
    run(
        &mut app,
        &[Action::Feeds, Action::Bottom, Action::UnreadOnly],
    );
    assert_eq!(names(&app), ["Dead feed", "alpha blog", "Zeta news"]);
    let (rows, selected, _) = app.feed_list().unwrap();
    assert_eq!(
        rows[selected].name, "Zeta news",
        "the cursor stays on its feed"
    );
    assert!(app.feeds_unread_only());
    run(&mut app, &[Action::UnreadOnly]);
    assert_eq!(names(&app).len(), 4);
}
