//! The search typed at `/`.

use super::*;

fn typed(app: &mut App, text: &str) {
    app.update(Action::Search);
    for c in text.chars() {
        app.update(Action::Type(c));
    }
    while app.busy() {
        app.update(AppEvent::Idle);
    }
}

#[test]
fn typing_filters_the_list_by_title_lead_and_body() {
    let mut app = App::new(sample().unwrap(), 120, 40);
    typed(&mut app, "tp hcm");
    let titles: Vec<String> = app
        .stories
        .list
        .shown
        .iter()
        .map(|&i| app.stories.bundle.articles[i].title.clone())
        .collect();
    assert!(titles.len() >= 2, "{titles:?}");
    assert!(titles.iter().all(|t| t.contains("TP HCM")), "{titles:?}");
    for _ in 0..5 {
        app.update(Action::Erase);
    }
    assert_eq!(app.stories.find.input, "t");
    while app.busy() {
        app.update(AppEvent::Idle);
    }
    assert!(
        app.stories.list.shown.len() > titles.len(),
        "a shorter query finds more"
    );
    // Body text counts: only story 0 has one, and it names the minister.
    app.update(Action::Cancel);
    assert_eq!(app.stories.list.shown.len(), 8, "Esc clears");
    typed(&mut app, "dang quoc khanh");
    assert_eq!(app.stories.list.shown, [0]);
    app.update(Action::Accept);
    assert!(
        !app.stories.find.editing && app.stories.find.active(),
        "Enter keeps the filter"
    );
    assert_eq!(app.session.focus, Pane::Headlines);
}

#[test]
fn accents_in_the_query_must_match() {
    let mut app = App::new(sample().unwrap(), 120, 40);
    typed(&mut app, "Hàn Quốc");
    assert!(app.stories.list.shown.contains(&0));
    app.update(Action::Cancel);
    typed(&mut app, "Hán Quốc");
    assert!(
        app.stories.list.shown.is_empty(),
        "{:?}",
        app.stories.list.shown
    );
}

#[test]
fn n_and_shift_n_go_from_match_to_match_in_the_story() {
    let mut app = App::new(sample().unwrap(), 120, 40);
    typed(&mut app, "han whajin");
    app.update(Action::Accept);
    app.update(Action::Open);
    let mut seen = Vec::new();
    for _ in 0..5 {
        app.update(Action::NextMatch);
        seen.push(app.stories.reader.scroll);
    }
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    assert!(seen[0] > 0);
    let line: String = app
        .stories
        .reader
        .doc
        .line(app.stories.reader.scroll)
        .unwrap()
        .spans
        .iter()
        .map(|(t, _)| t.as_str())
        .collect();
    assert!(
        crate::search::Query::new("han whajin")
            .unwrap()
            .matches(&line),
        "{line}"
    );
    let before = app.stories.reader.scroll;
    app.update(Action::PrevMatch);
    assert!(app.stories.reader.scroll < before || before == seen[0]);
}

/// Types `text` at once, with no idle step between the keys, as keys that arrive together.
fn typed_at_once(app: &mut App, text: &str) {
    app.update(Action::Search);
    for c in text.chars() {
        app.update(Action::Type(c));
    }
}

#[test]
fn enter_after_typing_at_once_opens_what_the_finished_search_shows() {
    let mut fast = App::new(sample().unwrap(), 100, 14);
    typed_at_once(&mut fast, "cop26");
    run(&mut fast, &[Action::Accept, Action::Open]);
    let mut slow = App::new(sample().unwrap(), 100, 14);
    typed(&mut slow, "cop26");
    run(&mut slow, &[Action::Accept, Action::Open]);
    assert_eq!(fast.stories.list.shown, slow.stories.list.shown);
    assert_eq!(fast.stories.list.shown.len(), 1, "one story names COP26");
    assert_eq!(
        fast.current(),
        fast.stories.list.shown[0],
        "the match opened"
    );
    assert_eq!(fast.current(), slow.current());
}

#[test]
fn enter_on_an_empty_result_opens_nothing_and_marks_nothing() {
    let mut app = App::new(sample().unwrap(), 100, 8);
    run(&mut app, &[Action::Down, Action::Down, Action::Down]);
    typed_at_once(&mut app, "zzzz");
    let unread = app.stories.list.counts.unread;
    run(&mut app, &[Action::Accept, Action::Open]);
    assert!(app.stories.list.shown.is_empty());
    assert_eq!(app.focus(), Pane::Headlines, "nothing opened");
    assert_eq!(app.stories.list.counts.unread, unread);
}

#[test]
fn as_the_list_narrows_the_cursor_stays_on_its_story_else_the_first_match() {
    let mut app = App::new(sample().unwrap(), 100, 14);
    typed(&mut app, "tuyen");
    let shown = app.stories.list.shown.clone();
    assert!(shown.len() >= 2, "{shown:?}");
    assert_eq!(
        app.selected(),
        shown[0],
        "the first match, not the old cursor"
    );
    app.update(Action::Cancel);
    // The cursor on a story that keeps matching stays there.
    let last = shown[shown.len() - 1];
    app.select(last);
    typed(&mut app, "tuyen");
    assert_eq!(app.selected(), last);
}
