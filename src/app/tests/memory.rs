//! Read state, stars, filters and places.

use super::*;

#[test]
fn opening_a_story_reads_it_and_m_toggles() {
    let mut app = app(120, 40);
    assert_eq!(
        app.counts(),
        Counts {
            unread: 8,
            starred: 0
        }
    );
    assert!(!app.is_read(0), "shown is not read until opened");
    let changes = app.memory_changes();
    run(&mut app, &[Action::Open]);
    assert!(app.is_read(0));
    assert_eq!(
        app.counts(),
        Counts {
            unread: 7,
            starred: 0
        }
    );
    assert!(app.memory_changes() > changes);
    run(
        &mut app,
        &[Action::FocusPrev, Action::Down, Action::ToggleRead],
    );
    assert!(app.is_read(1), "m marks the story under the cursor");
    run(&mut app, &[Action::ToggleRead]);
    assert!(!app.is_read(1));
    assert_eq!(
        app.counts(),
        Counts {
            unread: 7,
            starred: 0
        }
    );
}

#[test]
fn stars_and_filters() {
    let mut app = app(120, 40);
    run(
        &mut app,
        &[
            Action::Down,
            Action::ToggleStar,
            Action::Down,
            Action::ToggleStar,
        ],
    );
    assert_eq!(app.counts().starred, 2);
    run(&mut app, &[Action::StarredOnly]);
    assert_eq!(app.stories.list.shown, [1, 2]);
    assert_eq!(app.stories.list.selected, 2);
    run(&mut app, &[Action::Up, Action::Up]);
    assert_eq!(
        app.stories.list.selected, 1,
        "the cursor moves within the list"
    );
    run(&mut app, &[Action::StarredOnly]);
    assert_eq!(app.stories.list.shown.len(), 8, "S again shows all");
    run(
        &mut app,
        &[Action::Open, Action::FocusPrev, Action::UnreadOnly],
    );
    assert!(
        !app.stories.list.shown.contains(&1),
        "read stories are left out"
    );
    assert_eq!(app.stories.list.shown.len(), 7);
    // Marking read inside the unread list does not pull the story from the list.
    run(&mut app, &[Action::Top, Action::ToggleRead]);
    assert_eq!(app.stories.list.shown.len(), 7);
}

#[test]
fn a_story_reopens_where_the_reader_left_it() {
    let mut app = app(120, 40);
    run(&mut app, &[Action::Open]);
    for _ in 0..25 {
        app.update(Action::Down);
    }
    let (scroll, anchor) = (
        app.stories.reader.scroll,
        app.stories.reader.doc.anchor_of(app.stories.reader.scroll),
    );
    run(&mut app, &[Action::FocusPrev, Action::Down, Action::Open]);
    assert_eq!(app.stories.reader.scroll, 0);
    run(&mut app, &[Action::FocusPrev, Action::Up, Action::Open]);
    assert_eq!(app.stories.reader.scroll, scroll, "this session");
    // And in the next session, at another width.
    app.remember_place();
    let memory = app.session.memory.clone();
    let mut next = App::new(sample().unwrap(), 90, 30).with_memory(memory);
    run(&mut next, &[Action::Open]);
    assert_eq!(
        next.stories
            .reader
            .doc
            .anchor_of(next.stories.reader.scroll),
        anchor
    );
}

#[test]
fn every_change_to_the_memory_is_handed_to_the_loop_once() {
    let mut app = app(120, 40);
    run(&mut app, &[Action::ToggleStar, Action::Open, Action::Down]);
    app.remember_place();
    let ids: Vec<String> = app.bundle().articles.iter().map(|a| a.id.clone()).collect();
    let changes = app.take_unsaved();
    assert_eq!(changes.starred.get(&ids[0]), Some(&true));
    assert_eq!(changes.read.get(&ids[0]), Some(&true));
    assert!(changes.places.get(&ids[0]).is_some_and(Option::is_some));
    assert!(app.take_unsaved().is_empty(), "taken once");
    run(&mut app, &[Action::FocusPrev, Action::ToggleStar]);
    assert_eq!(app.take_unsaved().starred.get(&ids[0]), Some(&false));
}

#[test]
fn marks_another_reader_saved_are_shown_and_not_saved_again() {
    let mut app = app(120, 40);
    let ids: Vec<String> = app.bundle().articles.iter().map(|a| a.id.clone()).collect();
    run(&mut app, &[Action::ToggleStar]);
    let _ = app.take_unsaved();
    let mut disk = app.memory().clone();
    disk.starred.insert(ids[1].clone());
    disk.read.insert(ids[2].clone());
    app.apply(Outcome::MemoryOnDisk(Box::new(disk.clone())));
    assert_eq!(app.memory(), &disk);
    assert!(app.is_starred(1) && app.is_read(2));
    assert_eq!(
        app.counts(),
        Counts {
            unread: 7,
            starred: 2
        }
    );
    assert!(app.take_unsaved().is_empty());
}
