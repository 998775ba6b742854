//! What the terminal loop feeds back in: reloads that fail in part or whole keep the stories
//! and say which source failed.

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
    });
    assert_eq!(
        app.session.notice.as_deref(),
        Some("not reloaded: gone.xml: not a feed")
    );
    app.apply(Outcome::Reloaded {
        bundle: Box::new(sample().unwrap()),
        failed: None,
    });
    assert_eq!(
        app.session.notice.as_deref(),
        Some("Reloaded: 8 stories, none new.")
    );
}
