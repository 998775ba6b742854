//! C-z: the app asks the terminal loop to suspend, whatever is open, and changes nothing else.

use super::*;

#[test]
fn suspend_is_asked_for_from_the_list_the_help_and_the_search_line() {
    let mut app = app(120, 40);
    app.update(Action::Suspend);
    assert_eq!(app.take_effects(), [Effect::Suspend]);
    app.update(Action::Help);
    app.update(Action::Suspend);
    assert_eq!(app.take_effects(), [Effect::Suspend]);
    assert_eq!(app.session.help, Some(0), "the help stays open");
    app.update(Action::Help);
    app.update(Action::Search);
    app.update(Action::Type('v'));
    app.update(Action::Suspend);
    assert_eq!(app.take_effects(), [Effect::Suspend]);
    assert!(app.stories.find.editing, "the search line stays open");
    assert_eq!(app.stories.find.input, "v");
    assert!(app.session.running);
}
