//! One pane at a time.

use super::*;

#[test]
fn zoom_shows_one_pane_full_width_and_keeps_the_place() {
    let mut app = App::new(sample().unwrap(), 120, 40);
    for a in [Action::Open, Action::Down, Action::Down, Action::Down] {
        app.update(a);
    }
    let anchor = app.stories.reader.doc.anchor_of(app.stories.reader.scroll);
    let three_panes = app.stories.reader.doc.width;
    app.update(Action::Zoom);
    assert!(app.screen().single);
    assert_eq!(app.screen().reader.map(|r| r.width), Some(120));
    assert!(app.stories.reader.doc.width > three_panes);
    assert_eq!(
        app.stories.reader.doc.anchor_of(app.stories.reader.scroll),
        anchor
    );
    app.update(Action::FocusNext);
    assert_eq!(
        app.session.focus,
        Pane::Related,
        "Tab still moves between panes"
    );
    app.update(Action::Zoom);
    assert!(!app.screen().single);
    assert_eq!(app.stories.reader.doc.width, three_panes);
}
