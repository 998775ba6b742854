//! Going back and up, Esc and the quitting keys: one level model for every layout.

use super::app as fresh;
use super::*;

/// Sizes with one pane at a time, with three panes, and three panes zoomed.
const LAYOUTS: [(u16, u16); 2] = [(80, 24), (120, 40)];

#[test]
fn esc_clears_a_search_and_never_quits() {
    for (cols, rows) in LAYOUTS {
        let mut app = fresh(cols, rows);
        run(
            &mut app,
            &[Action::Search, Action::Type('t'), Action::Accept],
        );
        app.update(Action::Dismiss);
        assert!(!app.stories.find.active() && app.session.running);
        for _ in 0..5 {
            app.update(Action::Dismiss);
        }
        assert!(app.session.running, "Esc never quits at {cols}x{rows}");
        assert_eq!(
            app.session.notice.as_deref(),
            Some("Nothing to close (Q quits).")
        );
    }
}

#[test]
fn q_in_the_list_quits_even_with_a_search_in_force() {
    let mut app = fresh(120, 40);
    run(
        &mut app,
        &[
            Action::Search,
            Action::Type('t'),
            Action::Accept,
            Action::Close,
        ],
    );
    assert!(!app.session.running);
}

#[test]
fn back_and_q_from_the_reader_go_up_to_the_list_in_every_layout() {
    for (cols, rows) in LAYOUTS {
        for up in [Action::Back, Action::Close] {
            let mut app = fresh(cols, rows);
            run(&mut app, &[Action::Down, Action::Open]);
            assert_eq!(app.session.focus, Pane::Reader);
            app.update(up);
            assert_eq!(
                app.session.focus,
                Pane::Headlines,
                "{up:?} at {cols}x{rows}"
            );
            assert!(app.session.running);
            assert_eq!(
                app.stories.reader.current, 1,
                "the story stays in the reader"
            );
        }
    }
}

#[test]
fn back_returns_through_followed_stories_then_goes_up() {
    for (cols, rows) in LAYOUTS {
        // The sample's first story names its related stories; the second one followed
        // names one too here, so that there are two steps to go back through.
        let mut bundle = sample().unwrap();
        let second = bundle.articles[0].related[1];
        bundle.articles[second].related = vec![5];
        bundle.articles[second].related_given = true;
        let mut app = App::new(bundle, cols, rows);
        run(&mut app, &[Action::Open]);
        let first = app.stories.reader.current;
        app.update(Action::OpenRelated(2));
        assert_eq!(app.stories.reader.current, second);
        app.update(Action::OpenRelated(1));
        assert_ne!(app.stories.reader.current, second);
        app.update(Action::Back);
        assert_eq!(app.stories.reader.current, second);
        app.update(Action::Back);
        assert_eq!(app.stories.reader.current, first);
        assert_eq!(app.session.focus, Pane::Reader);
        app.update(Action::Back);
        assert_eq!(app.session.focus, Pane::Headlines);
        app.update(Action::Back);
        assert!(app.session.running, "Back in the list does nothing");
    }
}

#[test]
fn q_leaves_a_trail_of_related_stories_and_opening_starts_a_new_one() {
    let mut app = fresh(80, 24);
    run(
        &mut app,
        &[Action::Open, Action::OpenRelated(1), Action::Close],
    );
    assert_eq!(app.session.focus, Pane::Headlines);
    run(&mut app, &[Action::Open, Action::Back]);
    assert_eq!(
        app.session.focus,
        Pane::Headlines,
        "nothing left to go back to"
    );
    let mut app = fresh(120, 40);
    run(
        &mut app,
        &[Action::OpenRelated(1), Action::FocusNext, Action::Down],
    );
    run(
        &mut app,
        &[
            Action::FocusPrev,
            Action::FocusPrev,
            Action::Down,
            Action::Open,
        ],
    );
    assert!(app.stories.reader.back.is_empty());
}

#[test]
fn esc_in_the_reader_alone_goes_up_and_esc_unzooms_first() {
    let mut app = fresh(80, 24);
    run(&mut app, &[Action::Open, Action::Dismiss]);
    assert_eq!(app.session.focus, Pane::Headlines);
    let mut app = fresh(120, 40);
    run(&mut app, &[Action::Open, Action::Zoom, Action::Dismiss]);
    assert!(!app.session.zoom);
    assert_eq!(app.session.focus, Pane::Reader, "Esc closed the zoom only");
}

#[test]
fn esc_clears_the_unread_filter() {
    let mut app = fresh(120, 40);
    run(&mut app, &[Action::UnreadOnly, Action::Dismiss]);
    assert_eq!(app.stories.list.filter, Filter::All);
    assert!(app.session.running);
}

#[test]
fn capital_q_and_ctrl_c_quit_from_anywhere() {
    for (cols, rows) in LAYOUTS {
        let mut app = fresh(cols, rows);
        run(
            &mut app,
            &[Action::Open, Action::OpenRelated(1), Action::Quit],
        );
        assert!(!app.session.running);
        let mut app = fresh(cols, rows);
        run(&mut app, &[Action::Help, Action::Quit]);
        assert!(!app.session.running);
    }
}
