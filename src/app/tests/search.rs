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
    let line: String = app.stories.reader.doc.lines()[app.stories.reader.scroll]
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
