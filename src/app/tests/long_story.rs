//! A story long enough to be read and laid out block by block.

use super::*;
use crate::bundle::load;
use crate::document::build;

fn bundle() -> Bundle {
    let body: Vec<_> = (0..3000)
        .map(|i| {
            let kind = ["paragraph", "quote", "heading"][i % 3];
            serde_json::json!({"type": kind, "text": format!("Đoạn {i}: Hà Nội mùa thu, phố cũ và những con đường rợp bóng cây {}", "ừ ".repeat(i % 40))})
        })
        .collect();
    let json = serde_json::json!({"newsterm": 1, "title": "T", "articles": [
        {"id": "short", "title": "Ngắn", "body": [{"type": "paragraph", "text": "Một"}]},
        {"id": "long", "title": "Dài", "lead": "Mở đầu", "url": "https://example.org/", "body": body, "related": ["short"]},
    ]});
    load("long.json", json.to_string().as_bytes()).unwrap()
}

/// The long story laid out whole, as the reader must show it.
fn whole(app: &App) -> Document {
    build(
        &app.stories.bundle.full_article(1).unwrap(),
        app.stories.reader.doc.width,
    )
}

#[track_caller]
fn assert_shows_the_same(app: &App, whole: &Document) {
    let height = app.reader_height();
    let end = (app.stories.reader.scroll + height).min(whole.line_count());
    assert!(
        app.stories.reader.doc.line_count() >= end,
        "drawn lines are laid out"
    );
    let shown = app.stories.reader.scroll..end;
    assert!(
        app.stories
            .reader
            .doc
            .lines(shown.clone())
            .eq(whole.lines(shown))
    );
}

#[test]
fn opens_at_once_and_scrolls_like_the_whole_layout() {
    let mut app = App::new(bundle(), 120, 40);
    run(&mut app, &[Action::Down, Action::Open]);
    assert!(app.busy(), "a long story is laid out as it is reached");
    assert!(app.stories.reader.doc.line_count() < 200);
    let whole = whole(&app);
    assert!(whole.line_count() > 3000);
    for _ in 0..20 {
        app.update(Action::PageDown);
        assert_shows_the_same(&app, &whole);
    }
    app.update(Action::Bottom);
    assert!(!app.busy());
    assert_eq!(
        app.stories.reader.scroll,
        whole.line_count() - app.reader_height()
    );
    assert_shows_the_same(&app, &whole);
    app.update(Action::Top);
    assert_shows_the_same(&app, &whole);
}

#[test]
fn idle_work_finishes_the_layout_without_moving_the_reader() {
    let mut app = App::new(bundle(), 120, 40);
    run(&mut app, &[Action::Down, Action::Open, Action::PageDown]);
    let (scroll, estimate) = (app.stories.reader.scroll, app.stories.reader.doc.total());
    let mut idles = 0;
    while app.busy() {
        app.update(AppEvent::Idle);
        idles += 1;
        assert_eq!(app.stories.reader.scroll, scroll);
    }
    assert!(idles > 10, "done in small steps ({idles})");
    let whole = whole(&app);
    let doc = &app.stories.reader.doc;
    assert_eq!(doc.line_count(), whole.line_count());
    assert!(
        doc.lines(0..doc.line_count())
            .eq(whole.lines(0..whole.line_count()))
    );
    // The estimate was in the right region.
    let exact = whole.line_count();
    assert!(
        estimate > exact / 2 && estimate < exact * 2,
        "{estimate} vs {exact}"
    );
}

#[test]
fn resizing_and_coming_back_keep_the_place() {
    let mut app = App::new(bundle(), 120, 40);
    run(&mut app, &[Action::Down, Action::Open]);
    for _ in 0..30 {
        app.update(Action::PageDown);
    }
    let anchor = app.stories.reader.doc.anchor_of(app.stories.reader.scroll);
    app.update(AppEvent::Resize(70, 30));
    assert!(app.busy());
    assert_eq!(
        app.stories.reader.doc.anchor_of(app.stories.reader.scroll),
        anchor
    );
    assert_shows_the_same(&app, &whole(&app));
    app.update(AppEvent::Resize(120, 40));
    let scroll = app.stories.reader.scroll;
    run(&mut app, &[Action::FocusNext, Action::Open, Action::Back]);
    assert_eq!(app.stories.reader.current, 1);
    assert_eq!(app.stories.reader.scroll, scroll);
    assert_shows_the_same(&app, &whole(&app));
}
