//! Related stories worked out from the words.

use super::*;
use crate::bundle::load;

/// Questions of a home-lab forum, in English: stories 2 and 3 are about a UPS for a rack, 4
/// and 5 about Proxmox, 6 and 7 about a homelab.
fn forum() -> Bundle {
    bundle_of(
        "en",
        &[
            "Apple TV and HomePod audio over Cisco access points",
            "Setting up an internal DNS server with Pi-hole",
            "Which UPS battery for a small server rack?",
            "Help picking a UPS battery for the rack",
            "Proxmox VE install shows a black screen",
            "NAS on Proxmox: the best configuration",
            "Recommendations for my first homelab",
            "Minecraft and Plex on one homelab server",
        ],
    )
}

/// A bundle in `language` of stories with these titles. The first, open at the start, has a
/// `related` field (empty), so nothing is worked out until another is opened; the others
/// have none.
fn bundle_of(language: &str, titles: &[&str]) -> Bundle {
    let mut articles: Vec<_> = titles
        .iter()
        .enumerate()
        .map(|(i, title)| serde_json::json!({"id": format!("s{i}"), "title": title}))
        .collect();
    articles[0]["related"] = serde_json::json!([]);
    let json = serde_json::json!({"newsterm": 1, "title": "T", "language": language, "articles": articles});
    load("bundle.json", json.to_string().as_bytes()).unwrap()
}

#[test]
fn the_bundles_language_says_which_words_are_stop_words() {
    // `die` is a German stop word and an English verb.
    let titles = [
        "Contents",
        "Die Hard returns to cinemas",
        "Die Hard is a Christmas film",
        "Weather",
    ];
    let why = |language: &str| {
        let mut app = App::new(bundle_of(language, &titles), 160, 45);
        run(&mut app, &[Action::Down, Action::Open]);
        let shown = app.related_list().to_vec();
        (shown, app.related_why(0).map(str::to_owned))
    };
    assert_eq!(why("en"), (vec![2], Some("die hard".to_owned())));
    // In German the two share `hard` alone, too little in titles this long.
    assert_eq!(why("de"), (vec![], None));
}

#[test]
fn a_story_with_a_related_field_shows_the_bundles_list() {
    let app = App::new(sample().unwrap(), 160, 45);
    assert!(app.stories.bundle.articles[0].related_given);
    assert!(!app.related_list().is_empty());
    assert_eq!(
        app.related_list(),
        app.stories.bundle.articles[0].related.as_slice()
    );
    assert_eq!(app.related_why(0), None, "given, not worked out");
}

#[test]
fn stories_without_a_related_field_get_related_stories_from_their_words() {
    let mut app = App::new(forum(), 160, 45);
    for a in [Action::Down, Action::Down, Action::Down, Action::Open] {
        app.update(a);
    }
    assert!(!app.stories.bundle.articles[3].related_given);
    assert_eq!(
        app.related_list().first(),
        Some(&2),
        "{:?}",
        app.related_list()
    );
    let why = app.related_why(0).unwrap();
    for word in why.split(" · ") {
        assert!(
            ["ups", "battery", "rack", "ups battery"].contains(&word),
            "{why}"
        );
    }
    assert!(app.related_list().len() <= crate::related::MOST);
    assert!(!app.related_list().contains(&3), "never itself");
    // Stories sharing only `for` and `a` are not related.
    assert!(!app.related_list().contains(&6), "{:?}", app.related_list());
}

#[test]
fn the_sample_relates_no_stories_by_dates_and_common_syllables() {
    // Stories 5 and 6 share `năm 2026`, `cao` and `ứng` and nothing that makes them alike.
    let mut app = App::new(sample().unwrap(), 160, 45);
    for _ in 0..5 {
        app.update(Action::Down);
    }
    app.update(Action::Open);
    assert!(!app.stories.bundle.articles[5].related_given);
    assert!(!app.related_list().contains(&6), "{:?}", app.related_list());
}

#[test]
fn the_index_built_while_idle_gives_the_same_related_stories() {
    let mut idle = App::new(forum(), 160, 45);
    assert!(idle.preparing());
    let mut steps = 0;
    while idle.preparing() {
        idle.update(AppEvent::Idle);
        steps += 1;
    }
    assert!(steps >= 1 && idle.stories.related.index.is_some());
    let mut at_once = App::new(forum(), 160, 45);
    for app in [&mut idle, &mut at_once] {
        for a in [Action::Down, Action::Down, Action::Down, Action::Open] {
            app.update(a);
        }
    }
    assert_eq!(idle.related_list(), at_once.related_list());
    assert!(!idle.related_list().is_empty());
    assert_eq!(idle.related_why(0), at_once.related_why(0));
    // A bundle whose stories all have their related field needs no index.
    let mut given = App::new(forum(), 160, 45);
    given.stories.related.needs_index = false;
    while given.preparing() {
        given.update(AppEvent::Idle);
    }
    assert!(given.stories.related.index.is_none());
}

#[test]
fn related_stories_worked_out_ahead_are_the_ones_a_key_would_work_out() {
    let down = [Action::Down, Action::Down, Action::Down];
    let mut ahead = App::new(forum(), 160, 45);
    down.into_iter().for_each(|a| ahead.update(a));
    while ahead.preparing() {
        ahead.update(AppEvent::Idle);
    }
    // Story 3, under the cursor, has no related field: its list waits for the key.
    assert!(!ahead.stories.bundle.articles[3].related_given);
    assert!(ahead.stories.related.ahead.iter().any(|c| c.story == 3));
    assert!(ahead.stories.related.ahead.len() <= AHEAD_COMPUTED);
    let mut at_once = App::new(forum(), 160, 45);
    down.into_iter().for_each(|a| at_once.update(a));
    for app in [&mut ahead, &mut at_once] {
        app.update(Action::Open);
    }
    assert_eq!(ahead.stories.reader.current, 3);
    assert!(
        !ahead.stories.related.ahead.iter().any(|c| c.story == 3),
        "taken, not copied"
    );
    assert_eq!(ahead.related_list(), at_once.related_list());
    assert!(!ahead.related_list().is_empty());
    for n in 0..ahead.related_list().len() {
        assert_eq!(ahead.related_why(n), at_once.related_why(n));
    }
    // Followed, a related story's own list was worked out ahead too.
    while ahead.preparing() {
        ahead.update(AppEvent::Idle);
    }
    let next = ahead.related_list()[0];
    assert!(ahead.stories.related.ahead.iter().any(|c| c.story == next));
}

/// A list too long to index before the first frame is indexed between keys, under the help
/// overlay and the feed list too: idle work never waits for them to close.
#[test]
fn the_related_index_is_built_under_an_overlay() {
    let articles: Vec<_> = (0..5_100)
        .map(|i| serde_json::json!({"id": format!("s{i}"), "title": format!("Story {i} of many")}))
        .collect();
    let json = serde_json::json!({"newsterm": 1, "title": "T", "articles": articles});
    for overlay in [Action::Help, Action::Feeds] {
        let mut app = App::new(
            load("b.json", json.to_string().as_bytes()).unwrap(),
            120,
            40,
        );
        app.apply(Outcome::Feeds(vec![crate::library::FeedInfo {
            url: "https://example.org/feed".into(),
            name: "Example".into(),
            status: None,
            hidden: false,
            tags: Vec::new(),
        }]));
        app.update(overlay);
        assert!(app.help_scroll().is_some() || app.feed_list().is_some());
        assert!(app.busy(), "the index waits for idle moments");
        let mut steps = 0;
        while app.busy() && steps < 100_000 {
            app.update(AppEvent::Idle);
            steps += 1;
        }
        assert!(
            !app.busy(),
            "{overlay:?}: still busy after {steps} idle steps"
        );
    }
}
