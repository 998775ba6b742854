//! What the terminal loop feeds back in: reloads that fail in part or whole keep the stories
//! and say which source failed; keys work while a reload runs, and only one runs at a time.

use super::*;
use crate::bundle::LoadError;

fn feed_error() -> LoadError {
    LoadError::Feed {
        file: "gone.xml".into(),
        what: "not a feed".into(),
    }
}

#[test]
fn a_reload_that_fails_keeps_the_stories_and_names_the_source() {
    let mut app = app(120, 40);
    let before = app.stories.bundle.articles.len();
    app.apply(Outcome::ReloadFailed(feed_error()));
    assert_eq!(
        app.session.notice.as_deref(),
        Some("not reloaded: gone.xml: not a feed")
    );
    assert_eq!(app.stories.bundle.articles.len(), before);
    assert!(app.session.running);
}

#[test]
fn a_reload_that_fails_in_part_takes_the_new_stories_and_names_the_failed_source() {
    let mut app = app(120, 40);
    app.apply(Outcome::Reloading);
    assert_eq!(app.session.notice.as_deref(), Some("Reloading…"));
    app.apply(Outcome::Reloaded {
        bundle: Box::new(sample().unwrap()),
        failed: Some(feed_error()),
        summary: None,
    });
    assert_eq!(
        app.session.notice.as_deref(),
        Some("not reloaded: gone.xml: not a feed")
    );
    app.apply(Outcome::Reloaded {
        bundle: Box::new(sample().unwrap()),
        failed: None,
        summary: None,
    });
    assert_eq!(
        app.session.notice.as_deref(),
        Some("Reloaded: 8 stories, none new.")
    );
}

#[test]
fn a_refresh_shows_its_progress_then_its_summary() {
    let mut app = app(120, 40);
    app.apply(Outcome::Reloading);
    app.apply(Outcome::Refreshing { done: 12, of: 40 });
    assert_eq!(app.refreshing(), Some((12, 40)));
    app.apply(Outcome::Reloaded {
        bundle: Box::new(sample().unwrap()),
        failed: None,
        summary: Some("+23 new from 40 feeds, 2 feeds failed".into()),
    });
    assert_eq!(app.refreshing(), None);
    assert_eq!(
        app.session.notice.as_deref(),
        Some("+23 new from 40 feeds, 2 feeds failed")
    );
}

#[test]
fn keys_work_while_a_reload_runs_and_a_second_r_starts_none() {
    let mut app = app(120, 40);
    app.update(Action::Reload);
    assert_eq!(app.take_effects(), [Effect::Reload]);
    app.apply(Outcome::Reloading);
    // A key clears one-time messages; the reload is still said to run.
    app.update(Action::Down);
    assert_eq!(app.stories.list.selected, 1);
    assert_eq!(app.notice(), Some("Reloading…"));
    app.update(Action::Reload);
    assert!(app.take_effects().is_empty(), "one reload at a time");
    assert_eq!(
        app.notice(),
        Some("Already reloading: one reload at a time.")
    );
    app.apply(Outcome::ReloadFailed(feed_error()));
    app.update(Action::Down);
    assert_eq!(app.notice(), None, "nothing runs any more");
    app.update(Action::Reload);
    assert_eq!(app.take_effects(), [Effect::Reload]);
}

/// The sample's first `n` stories, with the rest said to follow.
fn first_of_sample(n: usize) -> Bundle {
    let mut bundle = sample().unwrap();
    bundle.following = bundle.articles.len() - n;
    bundle.articles.truncate(n);
    bundle
}

#[test]
fn the_whole_list_after_the_first_screen_keeps_the_cursor_and_this_readers_marks() {
    let whole = sample().unwrap();
    let ids: Vec<String> = whole.articles.iter().map(|a| a.id.clone()).collect();
    let mut app = App::new(first_of_sample(3), 120, 40);
    // As the library had them when the first screen was read: the first story starred.
    let mut first = crate::state::Memory::default();
    first.starred.insert(ids[0].clone());
    app = app.with_memory(first);
    run(
        &mut app,
        &[Action::ToggleStar, Action::Down, Action::Down, Action::Open],
    );
    assert!(!app.is_starred(0) && app.is_read(2));
    let notice = app.session.notice.clone();
    // Meanwhile the library says: the first story starred (this reader's change not yet
    // read back), a later story read and starred.
    let mut disk = crate::state::Memory::default();
    disk.starred.insert(ids[0].clone());
    disk.read.insert(ids[6].clone());
    disk.starred.insert(ids[6].clone());
    app.apply(Outcome::Whole {
        bundle: Box::new(whole),
        memory: Box::new(disk),
    });
    assert_eq!(app.stories.bundle.articles.len(), ids.len());
    assert_eq!(app.stories.bundle.following, 0);
    assert_eq!(app.stories.list.selected, 2, "the cursor stays");
    assert_eq!(app.stories.reader.current, 2, "the open story stays");
    assert!(!app.is_starred(0), "this reader's unstarring is kept");
    assert!(app.is_read(2), "this reader's read is kept");
    assert!(
        app.is_read(6) && app.is_starred(6),
        "the rest as the library has it"
    );
    assert_eq!(
        app.counts(),
        Counts {
            unread: ids.len() - 2,
            starred: 1
        }
    );
    assert_eq!(app.session.notice, notice, "nothing said");
}
