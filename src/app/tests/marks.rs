//! `m` and `s` act on the story each place points at, say so, and a story kept unread in the
//! reader stays unread while it is open.

use super::*;

#[test]
fn m_in_the_reader_marks_the_open_story_unread_and_it_stays_unread() {
    let mut app = app(80, 24);
    run(&mut app, &[Action::Open]);
    assert!(app.is_read(0));
    let unread = app.counts().unread;
    run(&mut app, &[Action::ToggleRead]);
    assert!(!app.is_read(0), "marked unread");
    assert_eq!(app.counts().unread, unread + 1);
    assert!(
        app.notice()
            .is_some_and(|n| n.starts_with("Marked unread: "))
    );
    // Scrolling, idling and resizing keep it unread while it is open.
    run(&mut app, &[Action::Down, Action::PageDown]);
    app.update(AppEvent::Idle);
    app.update(AppEvent::Resize(120, 40));
    assert!(!app.is_read(0));
    // m again marks it read.
    run(&mut app, &[Action::ToggleRead]);
    assert!(app.is_read(0));
    assert!(app.notice().is_some_and(|n| n.starts_with("Marked read: ")));
}

#[test]
fn a_story_kept_unread_is_read_again_once_another_story_was_open() {
    let mut app = app(80, 24);
    run(&mut app, &[Action::Open, Action::ToggleRead, Action::Back]);
    run(&mut app, &[Action::Down, Action::Open]);
    assert!(!app.is_read(0), "it stays unread after leaving");
    assert!(app.is_read(1));
    run(&mut app, &[Action::Back, Action::Up, Action::Open]);
    assert!(app.is_read(0), "opened again, it is read");
    // Opened again from the list without another story between, too.
    run(&mut app, &[Action::ToggleRead, Action::Back, Action::Open]);
    assert!(app.is_read(0));
}

#[test]
fn in_the_related_panel_marks_act_on_the_related_story_under_the_cursor() {
    let mut app = app(120, 40);
    run(&mut app, &[Action::FocusNext, Action::FocusNext]);
    assert_eq!(app.focus(), Pane::Related);
    run(&mut app, &[Action::Down]);
    let story = app.related_list()[1];
    run(&mut app, &[Action::ToggleStar]);
    assert!(app.is_starred(story));
    assert!(!app.is_starred(app.current()));
    assert!(app.notice().is_some_and(|n| n.starts_with("Starred: ")));
}

#[test]
fn keys_beyond_what_there_is_say_so() {
    let mut app = app(80, 24);
    run(&mut app, &[Action::Open, Action::OpenRelated(9)]);
    assert_eq!(
        app.notice(),
        Some("No related story 9: this story has 7."),
        "the sample's first story has 7"
    );
    run(&mut app, &[Action::NextMatch]);
    assert_eq!(
        app.notice(),
        Some("No search to go through (/ starts one).")
    );
}
