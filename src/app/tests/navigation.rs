//! Moving about: focus, cursor, scrolling, resizing, following related stories, and the work
//! done ahead of need.

use super::*;

#[test]
fn starts_on_the_first_story_with_headlines_focused() {
    let app = app(120, 40);
    assert_eq!(app.stories.reader.current, 0);
    assert_eq!(app.session.focus, Pane::Headlines);
    assert!(app.stories.reader.doc.line_count() > 40);
    assert!(app.session.running);
}

#[test]
fn focus_cycles_both_ways() {
    let mut app = app(120, 40);
    run(&mut app, &[Action::FocusNext]);
    assert_eq!(app.session.focus, Pane::Reader);
    run(&mut app, &[Action::FocusNext]);
    assert_eq!(app.session.focus, Pane::Related);
    run(&mut app, &[Action::FocusNext]);
    assert_eq!(app.session.focus, Pane::Headlines);
    run(&mut app, &[Action::FocusPrev]);
    assert_eq!(app.session.focus, Pane::Related);
}

#[test]
fn the_cursor_moves_and_enter_opens_its_story() {
    let mut app = app(120, 40);
    run(&mut app, &[Action::Down, Action::Down]);
    assert_eq!(
        (app.stories.list.selected, app.stories.reader.current),
        (2, 0),
        "the reader stays"
    );
    run(&mut app, &[Action::Open]);
    assert_eq!(
        (app.stories.list.selected, app.stories.reader.current),
        (2, 2)
    );
    assert_eq!(app.session.focus, Pane::Reader);
    let first_line = &app.stories.reader.doc.line(0).unwrap().spans[0].0;
    assert!(
        app.stories.bundle.articles[2]
            .title
            .starts_with(first_line.as_str())
    );
    run(&mut app, &[Action::FocusPrev, Action::Bottom]);
    assert_eq!(
        app.stories.list.selected,
        app.stories.bundle.articles.len() - 1
    );
    run(&mut app, &[Action::Down]);
    assert_eq!(
        app.stories.list.selected,
        app.stories.bundle.articles.len() - 1
    );
    run(&mut app, &[Action::Top, Action::Up]);
    assert_eq!(
        (app.stories.list.selected, app.stories.reader.current),
        (0, 2)
    );
}

#[test]
fn following_a_related_story_moves_the_cursor_to_it() {
    let mut app = app(120, 40);
    run(&mut app, &[Action::OpenRelated(2)]);
    assert_eq!(app.stories.list.selected, app.stories.reader.current);
    assert_ne!(app.stories.reader.current, 0);
    run(&mut app, &[Action::Back]);
    assert_eq!(
        (app.stories.list.selected, app.stories.reader.current),
        (0, 0)
    );
}

#[test]
fn reader_scroll_is_clamped() {
    let mut app = app(120, 40);
    run(&mut app, &[Action::Open]);
    assert_eq!(app.session.focus, Pane::Reader);
    run(&mut app, &[Action::Up]);
    assert_eq!(app.stories.reader.scroll, 0);
    run(&mut app, &[Action::Bottom]);
    assert_eq!(app.stories.reader.scroll, app.max_scroll());
    assert!(app.stories.reader.scroll > 0);
    run(&mut app, &[Action::Down, Action::PageDown]);
    assert_eq!(app.stories.reader.scroll, app.max_scroll());
    run(&mut app, &[Action::PageUp]);
    assert_eq!(
        app.stories.reader.scroll,
        app.max_scroll() - (app.reader_height() - 1)
    );
}

#[test]
fn following_related_pushes_and_back_restores() {
    let mut app = app(120, 40);
    run(
        &mut app,
        &[Action::Open, Action::Down, Action::Down, Action::Down],
    );
    let scroll = app.stories.reader.scroll;
    run(&mut app, &[Action::OpenRelated(3)]);
    assert_eq!(
        app.stories.reader.current,
        app.stories.bundle.articles[0].related[2]
    );
    assert_eq!(app.stories.reader.scroll, 0);
    assert_eq!(app.stories.reader.back.len(), 1);
    // Its related stories are worked out from its words; following one goes deeper.
    let has_related = !app.related_list().is_empty();
    run(&mut app, &[Action::FocusNext, Action::Open]);
    assert_eq!(app.stories.reader.back.len(), 1 + usize::from(has_related));
    while !app.stories.reader.back.is_empty() {
        run(&mut app, &[Action::Back]);
    }
    assert_eq!(app.stories.reader.current, 0);
    assert!(
        app.stories.reader.scroll <= scroll && app.stories.reader.scroll + 3 > scroll,
        "{} vs {scroll}",
        app.stories.reader.scroll
    );
    run(&mut app, &[Action::Back]);
    assert_eq!(app.stories.reader.current, 0);
}

#[test]
fn related_panel_opens_its_selection() {
    let mut app = app(120, 40);
    run(&mut app, &[Action::FocusPrev, Action::Down, Action::Open]);
    assert_eq!(
        app.stories.reader.current,
        app.stories.bundle.articles[0].related[1]
    );
    assert_eq!(app.session.focus, Pane::Reader);
    run(&mut app, &[Action::OpenRelated(9)]);
    assert_eq!(app.stories.reader.back.len(), 1, "no ninth related story");
}

#[test]
fn help_captures_movement_and_closes() {
    let mut app = app(80, 12);
    run(&mut app, &[Action::Help, Action::Down, Action::Down]);
    assert_eq!(app.session.help, Some(2));
    assert_eq!(app.stories.reader.current, 0);
    run(&mut app, &[Action::Bottom]);
    assert_eq!(
        app.session.help,
        Some(help_lines(&app.session.keymap) - app.help_height())
    );
    run(&mut app, &[Action::Close]);
    assert_eq!(app.session.help, None);
    assert!(app.session.running);
    run(&mut app, &[Action::Close]);
    assert!(!app.session.running);
}

#[test]
fn resize_keeps_the_same_part_of_the_story() {
    let mut app = app(120, 40);
    run(&mut app, &[Action::Open]);
    for _ in 0..30 {
        app.update(Action::Down);
    }
    let anchor = app.stories.reader.doc.anchor_of(app.stories.reader.scroll);
    run(&mut app, &[AppEvent::Resize(80, 24)]);
    assert_eq!(
        app.stories.reader.doc.anchor_of(app.stories.reader.scroll),
        anchor
    );
    let width = app.stories.reader.doc.width;
    run(&mut app, &[AppEvent::Resize(60, 20)]);
    assert_ne!(
        app.stories.reader.doc.width, width,
        "the story was reflowed"
    );
    assert_eq!(
        app.stories.reader.doc.anchor_of(app.stories.reader.scroll),
        anchor
    );
}

#[test]
fn a_resize_that_keeps_the_width_keeps_the_exact_line() {
    let mut app = app(120, 40);
    run(&mut app, &[Action::Open]);
    for _ in 0..30 {
        app.update(Action::Down);
    }
    run(
        &mut app,
        &[AppEvent::Resize(120, 39), AppEvent::Resize(120, 41)],
    );
    assert_eq!(app.stories.reader.scroll, 30);
}

#[test]
fn a_reflow_keeps_the_place_inside_a_paragraph() {
    let mut app = app(120, 40);
    run(&mut app, &[Action::Open]);
    for _ in 0..30 {
        app.update(Action::Down);
    }
    let (anchor, offset, len) = app.stories.reader.doc.place_of(app.stories.reader.scroll);
    assert!(offset > 0, "the test starts inside a paragraph");
    run(&mut app, &[AppEvent::Resize(60, 40)]);
    let (anchor_after, offset_after, len_after) =
        app.stories.reader.doc.place_of(app.stories.reader.scroll);
    assert_eq!(anchor_after, anchor);
    assert!(
        len_after > len && offset_after >= offset,
        "{offset}/{len} -> {offset_after}/{len_after}"
    );
}

#[test]
fn a_tiny_terminal_keeps_the_layout_and_place() {
    let mut app = app(120, 40);
    run(
        &mut app,
        &[Action::Open, Action::Down, Action::Down, Action::Down],
    );
    let (width, scroll) = (app.stories.reader.doc.width, app.stories.reader.scroll);
    run(&mut app, &[AppEvent::Resize(10, 3)]);
    assert_eq!(app.stories.reader.doc.width, width, "no layout at width 1");
    run(&mut app, &[AppEvent::Resize(120, 40)]);
    assert_eq!(app.stories.reader.scroll, scroll);
}

#[test]
fn help_scroll_is_clamped_after_a_resize() {
    let mut app = app(80, 12);
    run(
        &mut app,
        &[
            Action::Help.into(),
            Action::Bottom.into(),
            AppEvent::Resize(80, 60),
        ],
    );
    assert_eq!(app.session.help, Some(0));
}

#[test]
fn focus_skips_a_related_panel_that_has_no_room() {
    let mut app = app(120, 7);
    assert!(app.pane_rect(Pane::Related).is_none());
    run(&mut app, &[Action::FocusNext, Action::FocusNext]);
    assert_eq!(app.session.focus, Pane::Headlines);
    run(&mut app, &[Action::FocusPrev]);
    assert_eq!(app.session.focus, Pane::Reader);
}

#[test]
fn tiny_sizes_do_not_break_anything() {
    for (w, h) in [(0, 0), (1, 1), (5, 3), (19, 5), (20, 6)] {
        let mut app = app(w, h);
        run(
            &mut app,
            &[
                Action::Down,
                Action::PageDown,
                Action::FocusNext,
                Action::Bottom,
                Action::Open,
                Action::Help,
                Action::Down,
            ],
        );
    }
}

#[test]
fn growing_the_terminal_shows_the_whole_list_again() {
    let mut app = app(120, 40);
    run(
        &mut app,
        &[
            Action::Down.into(),
            Action::Down.into(),
            AppEvent::Resize(15, 4),
            AppEvent::Resize(120, 40),
        ],
    );
    assert_eq!(app.stories.list.offset, 0);
}

/// Does the work ahead of need until there is none left, as the terminal does while no key
/// is waiting; it must end.
fn idle_ahead(app: &mut App) {
    for _ in 0..10_000 {
        if !app.busy() && !app.preparing() {
            return;
        }
        app.update(AppEvent::Idle);
    }
    panic!("the work ahead of need never ends");
}

#[test]
fn the_story_under_the_cursor_and_the_related_ones_are_laid_out_ahead() {
    let theme = crate::ui::Theme::COLOR;
    let mut app = app(120, 40);
    let width = app.reader_width();
    // The first story is in the reader: its related stories are laid out ahead.
    idle_ahead(&mut app);
    assert!(app.related_list().len() > 2);
    for &story in app.related_list() {
        assert!(app.stories.reader.cache.has(story, width), "{story}");
    }
    // So is the story under the cursor, and opening it takes its layout from the cache:
    // the same frame as laying it out then.
    run(&mut app, &[Action::Down]);
    idle_ahead(&mut app);
    let selected = app.stories.list.selected;
    assert!(app.stories.reader.cache.has(selected, width));
    let mut fresh = self::app(120, 40);
    run(&mut fresh, &[Action::Down, Action::Open]);
    run(&mut app, &[Action::Open]);
    assert_eq!(app.stories.reader.doc_story, Some(selected));
    assert!(!app.stories.reader.cache.has(selected, width));
    assert_eq!(
        crate::headless::draw(&app, &theme),
        crate::headless::draw(&fresh, &theme)
    );
    // After following a related story, the one `back` returns to is kept.
    let mut app = self::app(120, 40);
    run(&mut app, &[Action::OpenRelated(1)]);
    assert_ne!(app.stories.reader.current, 0);
    idle_ahead(&mut app);
    assert!(app.stories.reader.cache.has(0, width));
}

#[test]
fn work_ahead_changes_no_frame() {
    let keys: [AppEvent; 16] = [
        Action::Down.into(),
        Action::Down.into(),
        Action::Open.into(),
        Action::PageDown.into(),
        Action::OpenRelated(1).into(),
        Action::OpenRelated(2).into(),
        Action::Back.into(),
        AppEvent::Resize(90, 30),
        Action::Back.into(),
        Action::FocusNext.into(),
        Action::Down.into(),
        Action::Open.into(),
        AppEvent::Resize(200, 60),
        Action::Bottom.into(),
        Action::Up.into(),
        Action::Open.into(),
    ];
    let theme = crate::ui::Theme::COLOR;
    let (mut ahead, mut plain) = (app(120, 40), app(120, 40));
    for action in keys {
        idle_ahead(&mut ahead);
        ahead.update(action.clone());
        plain.update(action.clone());
        assert_eq!(
            crate::headless::draw(&ahead, &theme),
            crate::headless::draw(&plain, &theme),
            "after {action:?}"
        );
    }
}

#[test]
fn nothing_is_laid_out_ahead_where_no_story_shows() {
    let mut app = app(19, 5);
    run(&mut app, &[Action::Down]);
    assert_eq!(app.ahead(), None);
}

#[test]
fn reading_a_thousand_stories_keeps_a_bounded_cache() {
    let articles: Vec<String> = (0..1000)
        .map(|i| format!(r#"{{"id": "s{i}", "title": "T{i}", "body": [{{"type": "paragraph", "text": "x {i}"}}]}}"#))
        .collect();
    let json = format!(
        r#"{{"newsterm": 1, "title": "B", "articles": [{}]}}"#,
        articles.join(",")
    );
    let bundle = crate::bundle::load("b.json", json.as_bytes()).unwrap();
    let mut app = App::new(bundle, 120, 40);
    for _ in 0..1000 {
        app.update(Action::Down);
        app.update(Action::Open);
        app.update(Action::FocusPrev);
    }
    assert_eq!(app.stories.reader.current, 999);
    assert!(
        app.stories.reader.cache.len() <= CACHE_STORIES,
        "{} layouts kept",
        app.stories.reader.cache.len()
    );
}

#[test]
fn empty_bundle_is_safe() {
    let mut app = App::new(Bundle::default(), 80, 24);
    run(
        &mut app,
        &[
            Action::Down,
            Action::Open,
            Action::OpenRelated(1),
            Action::Back,
            Action::FocusNext,
            Action::Bottom,
        ],
    );
    assert!(app.article().is_none());
}

#[test]
fn offsets_follow_the_selection() {
    assert_eq!(visible_offset(0, 5, 3, 10), 3);
    assert_eq!(visible_offset(4, 2, 3, 10), 2);
    assert_eq!(visible_offset(2, 3, 3, 10), 2);
    assert_eq!(visible_offset(7, 3, 0, 10), 3);
    assert_eq!(
        visible_offset(5, 6, 20, 8),
        0,
        "a window taller than the list starts at 0"
    );
    assert_eq!(visible_offset(7, 9, 3, 10), 7);
}
