//! Esc and q with a search in force.

use super::*;

#[test]
fn esc_clears_a_search_before_it_quits_and_q_quits() {
    let mut app = App::new(sample().unwrap(), 120, 40);
    for a in [Action::Search, Action::Type('t'), Action::Accept] {
        app.update(a);
    }
    app.update(Action::Dismiss);
    assert!(!app.stories.find.active() && app.session.running);
    app.update(Action::Dismiss);
    assert!(!app.session.running);
    let mut app = App::new(sample().unwrap(), 120, 40);
    for a in [
        Action::Search,
        Action::Type('t'),
        Action::Accept,
        Action::Close,
    ] {
        app.update(a);
    }
    assert!(!app.session.running, "q quits with a search in force");
}
