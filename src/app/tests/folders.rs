//! The feed list's folders (tags and saved queries), its orders, what entering each shows,
//! the title bar's path, and marking many stories read with undo and `J`/`K`.

use super::*;
use crate::app::{FeedOrder, RowKind, SavedQuery};
use crate::bundle::{Article, StoryOrigin};
use crate::library::{FeedInfo, FeedStatus};

/// Feeds: Ars (tech, news), Beta (tech), Loose (no tag), Dead (news, failing).
const FEEDS: [(&str, &str, &[&str]); 4] = [
    ("https://ars.example/feed", "Ars", &["tech", "News"]),
    ("https://beta.example/feed", "Beta", &["Tech"]),
    ("https://loose.example/feed", "Loose", &[]),
    ("https://dead.example/feed", "Dead", &["news"]),
];

/// Stories by feed: Ars 0, 1, 5; Beta 2; Loose 3, 4. Published a day apart, the newest
/// first: story i on day 20 - i of November 2026.
fn bundle() -> Bundle {
    let origins = FEEDS
        .iter()
        .map(|(url, name, _)| StoryOrigin {
            name: (*name).into(),
            feed: Some((*url).into()),
            ..StoryOrigin::default()
        })
        .collect();
    let articles = [0u16, 0, 1, 2, 2, 0]
        .into_iter()
        .enumerate()
        .map(|(i, origin)| Article {
            id: format!("s{i}"),
            title: format!("Story {i} of {}", FEEDS[usize::from(origin)].1),
            published: Some(format!("2026-11-{:02}T08:00:00Z", 20 - i)),
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

fn infos() -> Vec<FeedInfo> {
    FEEDS
        .iter()
        .map(|(url, name, tags)| FeedInfo {
            url: (*url).into(),
            name: (*name).into(),
            status: Some(FeedStatus {
                url: (*url).into(),
                title: None,
                last_try: Some(1),
                last_ok: Some(1),
                failures: i64::from(*name == "Dead"),
                last_error: None,
                last_status: None,
            }),
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            hidden: false,
        })
        .collect()
}

pub(super) fn library() -> App {
    let query = |title: &str, text: &str| SavedQuery {
        title: title.into(),
        text: text.into(),
        expr: crate::query::parse(text).unwrap(),
    };
    let mut app = App::new(bundle(), 120, 40)
        .with_now(crate::query::day_start(2026, 11, 21))
        .with_queries(vec![
            query("Unread tech", "unread tag:tech"),
            query("This week", "newer:3d"),
        ]);
    app.apply(Outcome::Feeds(infos()));
    app
}

/// The rows as `kind name unread/stories`, feeds under a folder set in.
pub(super) fn rows(app: &App) -> Vec<String> {
    let (rows, _, _) = app.feed_list().expect("the list is open");
    rows.iter()
        .map(|r| {
            let kind = match r.kind {
                RowKind::Feed if r.folder.is_some() => "  feed",
                RowKind::Feed => "feed",
                RowKind::Tag => "tag",
                RowKind::Query => "query",
            };
            format!("{kind} {} {}/{}", r.name, r.unread, r.stories)
        })
        .collect()
}

/// Puts the feed list's cursor on the row named `name` (the first of them) and enters it.
pub(super) fn enter(app: &mut App, name: &str) {
    run(app, &[Action::Feeds]);
    let (rows, _, _) = app.feed_list().unwrap();
    let at = rows.iter().position(|r| r.name == name).unwrap();
    run(app, &[Action::Top]);
    for _ in 0..at {
        run(app, &[Action::Down]);
    }
    run(app, &[Action::Open]);
}

#[test]
fn tags_are_folders_with_each_of_their_feeds_under_them() {
    let mut app = library();
    run(&mut app, &[Action::Feeds]);
    assert_eq!(
        rows(&app),
        [
            "query Unread tech 4/4",
            "query This week 3/3",
            "tag News 3/3",
            "  feed Dead 0/0",
            "  feed Ars 3/3",
            "tag tech 4/4",
            "  feed Ars 3/3",
            "  feed Beta 1/1",
            "feed Loose 2/2",
        ],
        "a tag is one folder whatever its case; failing feeds first"
    );
}

#[test]
fn hidden_feeds_stay_out_of_the_list_and_their_tags_reach_them() {
    let mut app = library();
    let mut feeds = infos();
    feeds[1].hidden = true;
    feeds[2].hidden = true;
    feeds[2].tags = vec!["secret".into()];
    app.apply(Outcome::Feeds(feeds));
    run(&mut app, &[Action::Feeds]);
    assert_eq!(
        rows(&app),
        [
            "query Unread tech 4/4",
            "query This week 3/3",
            "tag News 3/3",
            "  feed Dead 0/0",
            "  feed Ars 3/3",
            "tag tech 4/4",
            "  feed Ars 3/3",
        ],
        "Beta and Loose are hidden, and a tag only hidden feeds have is no folder"
    );
    run(&mut app, &[Action::Dismiss]);
    let mut secret = app.with_queries(vec![SavedQuery {
        title: "Secret".into(),
        text: "tag:secret".into(),
        expr: crate::query::parse("tag:secret").unwrap(),
    }]);
    enter(&mut secret, "tech");
    assert_eq!(secret.list(), [0, 1, 2, 5], "Beta's story is in its tag");
    run(&mut secret, &[Action::Back, Action::Dismiss]);
    enter(&mut secret, "Secret");
    assert_eq!(secret.list(), [3, 4], "a query reaches a hidden feed");
}

#[test]
fn rules_tag_the_stories_their_queries_pick() {
    let rule = |tag: &str, text: &str| crate::app::TagRule {
        tag: tag.into(),
        expr: crate::query::parse(text).unwrap(),
    };
    let mut app = library().with_tag_rules(vec![
        rule("Tech", "feed:loose"),
        rule("picked", "\"story 4\" or title:\"story 5\""),
    ]);
    run(&mut app, &[Action::Feeds]);
    assert_eq!(
        rows(&app),
        [
            "query Unread tech 6/6",
            "query This week 3/3",
            "tag News 3/3",
            "  feed Dead 0/0",
            "  feed Ars 3/3",
            "tag picked 2/2",
            "tag tech 6/6",
            "  feed Ars 3/3",
            "  feed Beta 1/1",
            "feed Loose 2/2",
        ],
        "Loose's stories are in tech, by a rule; a rule's own tag is a folder"
    );
    run(&mut app, &[Action::Dismiss]);
    enter(&mut app, "tech");
    assert_eq!(app.list(), [0, 1, 2, 3, 4, 5]);
    run(&mut app, &[Action::Back, Action::Dismiss]);
    enter(&mut app, "picked");
    assert_eq!(app.list(), [4, 5]);
    assert!(
        crate::app::unfit_for_rule(&crate::query::parse("a -(b or unread)").unwrap()).is_some()
    );
    assert!(crate::app::unfit_for_rule(&crate::query::parse("a -(b or tag:x)").unwrap()).is_some());
    assert!(
        crate::app::unfit_for_rule(&crate::query::parse("a -feed:b newer:2d").unwrap()).is_none()
    );
}

#[test]
fn the_list_sorts_by_name_unread_or_newest_and_the_setting_starts_it() {
    let mut app = library();
    run(&mut app, &[Action::Feeds, Action::SortFeeds]);
    assert_eq!(app.feed_order(), FeedOrder::Unread);
    let sorted = rows(&app);
    assert_eq!(
        &sorted[2..],
        [
            "tag tech 4/4",
            "  feed Ars 3/3",
            "  feed Beta 1/1",
            "tag News 3/3",
            "  feed Dead 0/0",
            "  feed Ars 3/3",
            "feed Loose 2/2",
        ]
    );
    run(&mut app, &[Action::SortFeeds]);
    assert_eq!(app.feed_order(), FeedOrder::Updated);
    // Ars has the newest story (day 20), then Beta (18), then Loose (17).
    assert_eq!(
        &rows(&app)[5..8],
        ["tag tech 4/4", "  feed Ars 3/3", "  feed Beta 1/1"]
    );
    run(&mut app, &[Action::SortFeeds]);
    assert_eq!(app.feed_order(), FeedOrder::Name);
    let started = library().with_feed_order(FeedOrder::Unread);
    let mut started = started;
    run(&mut started, &[Action::Feeds]);
    assert_eq!(rows(&started), sorted);
}

#[test]
fn entering_a_tag_or_a_query_shows_its_stories_and_the_title_bar_says_where() {
    let mut app = library();
    enter(&mut app, "tech");
    assert_eq!(app.list(), [0, 1, 2, 5], "Ars and Beta");
    assert_eq!(app.place_path(), Some(("tech", 4)));
    run(&mut app, &[Action::Back]);
    let (rows, selected, _) = app.feed_list().expect("back to the list");
    assert_eq!(rows[selected].name, "tech", "the cursor where it was");
    run(&mut app, &[Action::Dismiss]);
    enter(&mut app, "This week");
    assert_eq!(
        app.list(),
        [0, 1, 2],
        "published in the three days before now"
    );
    run(&mut app, &[Action::Back, Action::Dismiss]);
    // A feed under a folder is named with it.
    enter(&mut app, "Ars");
    assert_eq!(app.place_path(), Some(("News › Ars", 3)));
    run(&mut app, &[Action::Open]);
    assert_eq!(app.place_path(), Some(("News › Ars", 2)), "one read");
}

#[test]
fn u_hides_folders_and_queries_with_nothing_unread() {
    let mut app = library();
    enter(&mut app, "Beta");
    run(&mut app, &[Action::Open, Action::Back, Action::Back]);
    run(&mut app, &[Action::UnreadOnly]);
    assert!(app.feeds_unread_only());
    let shown = rows(&app);
    assert!(!shown.iter().any(|r| r.contains("Beta")), "{shown:?}");
    assert!(
        shown.contains(&"  feed Dead 0/0".to_owned()),
        "failing stays"
    );
}

#[test]
fn a_mark_all_and_its_undo_restore_exactly_the_read_state_before() {
    let mut app = library();
    // Some read by hand first: they stay read after the undo.
    run(
        &mut app,
        &[Action::Down, Action::ToggleRead, Action::Down, Action::Down],
    );
    run(&mut app, &[Action::ToggleRead]);
    let before = app.session.memory.read.clone();
    enter(&mut app, "tech");
    run(&mut app, &[Action::MarkListRead]);
    let after_tech = app.session.memory.read.clone();
    assert!(app.list().iter().all(|&i| app.is_read(i)));
    assert_eq!(app.place_path(), Some(("tech", 0)));
    // C asks first: anything but y says no.
    run(&mut app, &[Action::MarkAllRead]);
    assert!(app.typing(), "the question takes the next key");
    run(&mut app, &[Action::Type('n')]);
    assert_eq!(app.session.memory.read, after_tech, "no is no");
    run(&mut app, &[Action::MarkAllRead, Action::Type('y')]);
    assert_eq!(app.counts().unread, 0);
    assert_eq!(app.undo_steps(), 2);
    run(&mut app, &[Action::Undo]);
    assert_eq!(app.session.memory.read, after_tech);
    run(&mut app, &[Action::Undo]);
    assert_eq!(app.session.memory.read, before);
    assert_eq!(
        app.place_path(),
        Some(("tech", 4 - before_in_tech(&before)))
    );
    run(&mut app, &[Action::Undo]);
    assert!(
        app.session
            .notice
            .as_deref()
            .unwrap_or("")
            .contains("Nothing to undo")
    );
    // What was saved follows: every story marked and unmarked is in the unsaved changes.
    let unsaved = app.take_unsaved();
    for id in after_tech.difference(&before) {
        assert_eq!(unsaved.read.get(id), Some(&false), "{id}");
    }
}

/// How many of the tech stories (0, 1, 2, 5) `read` holds.
fn before_in_tech(read: &std::collections::BTreeSet<String>) -> usize {
    ["s0", "s1", "s2", "s5"]
        .iter()
        .filter(|id| read.contains(**id))
        .count()
}

#[test]
fn a_in_the_feed_list_marks_the_row_under_the_cursor() {
    let mut app = library();
    run(
        &mut app,
        &[Action::Feeds, Action::Bottom, Action::MarkListRead],
    );
    assert!(app.is_read(3) && app.is_read(4), "Loose's stories");
    assert_eq!(app.counts().unread, 4);
    assert_eq!(
        rows(&app).last().map(String::as_str),
        Some("feed Loose 0/2")
    );
    run(&mut app, &[Action::Undo]);
    assert_eq!(app.counts().unread, 6);
}

#[test]
fn j_goes_to_the_next_unread_story_and_on_to_the_next_feed() {
    let mut app = library();
    enter(&mut app, "Beta");
    // Beta's one story is under the cursor, unread and not open: J opens it.
    run(&mut app, &[Action::NextUnread]);
    assert_eq!(app.current(), 2);
    // None left in Beta: the next row with unread stories is entered, Loose.
    run(&mut app, &[Action::NextUnread]);
    assert_eq!(app.current(), 3);
    assert_eq!(app.place_path().map(|p| p.0), Some("Loose"));
    run(&mut app, &[Action::NextUnread]);
    assert_eq!(app.current(), 4);
    // Both of Loose's are read now: K goes back to the row before with unread stories,
    // Ars under tech, and opens its last unread one.
    run(&mut app, &[Action::PrevUnread]);
    assert_eq!(app.current(), 5);
    assert_eq!(app.place_path().map(|p| p.0), Some("tech › Ars"));
}

#[test]
fn the_search_line_reads_a_query_and_points_at_a_mistake() {
    let mut app = library();
    run(&mut app, &[Action::Search]);
    for c in "tag:tech -feed:ars".chars() {
        app.update(Action::Type(c));
    }
    assert_eq!(app.list(), [2]);
    assert!(app.find().error.is_none());
    for c in " (".chars() {
        app.update(Action::Type(c));
    }
    let error = app.find().error.clone().expect("a mistake");
    assert_eq!(error.column, 20);
    assert_eq!(app.list(), [2], "the list stays as the line last picked it");
    run(&mut app, &[Action::Cancel]);
    assert_eq!(app.list().len(), 6);
}
