//! `t`: tags given to a story by hand (kept with its marks, counted as a feed's tags are)
//! and to a feed in the feed list (written by the terminal loop, then shown).

use std::collections::BTreeSet;

use super::folders::{enter, library, rows};
use super::*;

/// Types `text` into the line that is open, one key at a time.
fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Type(c));
    }
}

/// The line of tags opened on the story under the cursor, cleared, `line` typed, Enter.
fn tag_story(app: &mut App, line: &str) {
    run(app, &[Action::EditTags]);
    while app.tag_prompt().is_some_and(|l| !l.is_empty()) {
        app.update(Action::Erase);
    }
    type_text(app, line);
    run(app, &[Action::Accept]);
}

#[test]
fn a_story_tagged_by_hand_is_in_its_tags_folder_and_query_and_saved() {
    let mut app = library();
    // Story 3 is Loose's, a feed without tags.
    for _ in 0..3 {
        run(&mut app, &[Action::Down]);
    }
    tag_story(&mut app, "climate \"to read\" Tech");
    assert_eq!(
        app.notice(),
        Some("Tagged climate, to read, Tech: Story 3 of Loose")
    );
    assert!(!app.typing(), "Enter closes the line");
    let given: BTreeSet<String> = ["climate", "to read", "Tech"].map(String::from).into();
    assert_eq!(app.memory().tags.get("s3"), Some(&given));
    assert_eq!(app.take_unsaved().tags.get("s3"), Some(&given));
    assert_eq!(app.own_tags(3).count(), 3);
    run(&mut app, &[Action::Feeds]);
    assert_eq!(
        rows(&app),
        [
            "query Unread tech 5/5",
            "query This week 3/3",
            "tag climate 1/1",
            "tag News 3/3",
            "  feed Dead 0/0",
            "  feed Ars 3/3",
            "tag tech 5/5",
            "  feed Ars 3/3",
            "  feed Beta 1/1",
            "tag to read 1/1",
            "feed Loose 2/2",
        ],
        "a tag given by hand is a folder, and adds to the feeds' tag of the same name"
    );
    run(&mut app, &[Action::Dismiss]);
    enter(&mut app, "tech");
    assert_eq!(app.list(), [0, 1, 2, 3, 5]);
    run(&mut app, &[Action::Back, Action::Dismiss]);
    enter(&mut app, "to read");
    assert_eq!(app.list(), [3]);
    assert!(app.enter_query("tag:CLIMATE -tag:news").is_ok());
    assert_eq!(app.list(), [3]);
}

#[test]
fn the_line_starts_with_the_tags_a_story_has_and_esc_changes_nothing() {
    let mut app = library();
    tag_story(&mut app, "one two");
    let before = app.memory_changes();
    run(&mut app, &[Action::EditTags]);
    assert_eq!(app.tag_prompt(), Some("one two "), "ready for one more");
    assert!(app.typing());
    type_text(&mut app, "three");
    run(&mut app, &[Action::Cancel]);
    assert_eq!(app.tag_prompt(), None);
    assert_eq!(app.memory_changes(), before);
    assert_eq!(app.own_tags(0).count(), 2);
    // Keys that are bound elsewhere are typed while the line is open: `q` does not quit.
    run(&mut app, &[Action::EditTags]);
    app.update(Action::Type('q'));
    assert!(app.running());
    run(&mut app, &[Action::Accept]);
    assert_eq!(
        app.own_tags(0).map(String::as_str).collect::<Vec<_>>(),
        ["one", "q", "two"]
    );
    // Every tag erased: the story has none, and the memory forgets it.
    tag_story(&mut app, "");
    assert_eq!(app.notice(), Some("Tags taken off: Story 0 of Ars"));
    assert!(!app.memory().tags.contains_key("s0"));
    assert_eq!(app.take_unsaved().tags.get("s0"), Some(&BTreeSet::new()));
    // A paste is typed into the line, its line breaks left out.
    run(&mut app, &[Action::EditTags]);
    app.update(AppEvent::Paste("pasted\nwords".into()));
    assert_eq!(app.tag_prompt(), Some("pastedwords"));
}

#[test]
fn a_feed_tagged_in_the_feed_list_asks_the_loop_then_moves_to_its_new_folder() {
    let mut app = library();
    run(&mut app, &[Action::Feeds, Action::Bottom]);
    assert_eq!(
        rows(&app).last().map(String::as_str),
        Some("feed Loose 2/2")
    );
    run(&mut app, &[Action::EditTags]);
    assert_eq!(app.tag_prompt(), Some(""));
    type_text(&mut app, "science !secret");
    run(&mut app, &[Action::Accept]);
    let asked = app.take_effects();
    assert_eq!(
        asked,
        [Effect::TagFeed {
            url: "https://loose.example/feed".into(),
            tags: vec!["science".into(), "!secret".into()],
        }]
    );
    assert!(
        rows(&app).contains(&"feed Loose 2/2".to_owned()),
        "not before it is written"
    );
    app.apply(Outcome::FeedTags {
        url: "https://loose.example/feed".into(),
        tags: vec!["science".into()],
    });
    assert_eq!(app.notice(), Some("Tagged science: Loose"));
    let now = rows(&app);
    let at = now
        .iter()
        .position(|r| r == "tag science 2/2")
        .expect("a folder");
    assert_eq!(now[at + 1], "  feed Loose 2/2", "{now:?}");
    assert_eq!(
        app.feed_list().map(|l| l.1),
        Some(at + 1),
        "the cursor follows it"
    );
    assert!(
        !now.contains(&"feed Loose 2/2".to_owned()),
        "no longer without a tag"
    );
    app.apply(Outcome::FeedTags {
        url: "https://loose.example/feed".into(),
        tags: vec!["science".into(), "!secret".into()],
    });
    let now = rows(&app);
    assert!(
        !now.iter()
            .any(|r| r.contains("Loose") || r.contains("science")),
        "a `!` tag hides the feed, and a tag only hidden feeds have: {now:?}"
    );
    // A folder has no tags of its own to edit.
    run(&mut app, &[Action::Top, Action::EditTags]);
    assert_eq!(app.tag_prompt(), None);
    assert!(app.notice().is_some_and(|n| n.contains("folder")));
}
