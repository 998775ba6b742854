//! The search line narrowing as keys are typed: a key added at the end compares only the
//! titles that matched before, a paste is one change of the query, and whatever the keys,
//! the stories found are those a search from scratch finds.

use proptest::prelude::*;

use super::*;
use crate::bundle::load;
use crate::search::Query;

/// A bundle of stories with these titles (and nothing else to search).
fn titled(titles: &[String]) -> Bundle {
    let articles: Vec<_> = titles
        .iter()
        .enumerate()
        .map(|(i, t)| serde_json::json!({"id": format!("s{i}"), "title": t}))
        .collect();
    let json = serde_json::json!({"newsterm": 1, "title": "T", "articles": articles});
    load("titles.json", json.to_string().as_bytes()).unwrap()
}

/// 100 titles: every tenth names Hà Nội, the others Huế.
fn hundred() -> Vec<String> {
    (0..100)
        .map(|i| match i % 10 {
            0 => format!("Tin {i}: Hà Nội mở thêm tuyến xe buýt"),
            _ => format!("Tin {i}: Huế đón khách du lịch"),
        })
        .collect()
}

#[test]
fn a_key_typed_at_the_end_compares_only_the_titles_that_matched() {
    let mut app = App::new(titled(&hundred()), 100, 20);
    app.update(Action::Search);
    app.update(Action::Type('n'));
    assert_eq!(
        app.titles_compared(),
        100,
        "the first key looks at every title"
    );
    let mut before = (app.titles_compared(), app.find().matches.len());
    for c in "oi ".chars().chain("mo".chars()) {
        app.update(Action::Type(c));
        let (compared, matched) = before;
        assert!(
            app.titles_compared() - compared <= matched,
            "`{}` compared {} titles, {matched} matched before",
            app.find().input,
            app.titles_compared() - compared
        );
        before = (app.titles_compared(), app.find().matches.len());
    }
    assert_eq!(app.find().matches.len(), 10);
    // A key erased widens the search: every title again.
    app.update(Action::Erase);
    assert_eq!(app.titles_compared() - before.0, 100);
    assert_eq!(app.find().matches.len(), 10);
}

#[test]
fn a_key_with_a_mark_after_keys_without_starts_over() {
    let mut app = App::new(titled(&hundred()), 100, 20);
    app.update(Action::Search);
    for c in "hu".chars() {
        app.update(Action::Type(c));
    }
    let compared = app.titles_compared();
    // `huế` must match its marks, where `hu` did not: compared with every title.
    app.update(Action::Type('ế'));
    assert_eq!(app.titles_compared() - compared, 100);
    assert_eq!(app.find().matches.len(), 90);
}

#[test]
fn a_paste_is_one_change_of_the_query() {
    let mut app = App::new(titled(&hundred()), 100, 20);
    app.update(Action::Search);
    app.update(AppEvent::Paste("ha noi mo them tuyen".into()));
    assert_eq!(
        app.titles_compared(),
        100,
        "every title once, not once per character"
    );
    assert_eq!(app.find().input, "ha noi mo them tuyen");
    assert_eq!(app.find().matches.len(), 10);
    // Controls in a paste are not typed, as when typed.
    app.update(AppEvent::Paste("\n\u{7}".into()));
    assert_eq!(app.find().input, "ha noi mo them tuyen");
    assert_eq!(
        app.titles_compared(),
        100,
        "nothing typed, nothing compared"
    );
}

/// The stories whose titles hold `input`, found by [`Query`] title by title.
fn from_scratch(titles: &[String], input: &str) -> Vec<usize> {
    match Query::new(input) {
        Some(query) => (0..titles.len())
            .filter(|&i| query.matches(&titles[i]))
            .collect(),
        None => Vec::new(),
    }
}

/// Letters with and without marks, in both cases, and spaces: queries that narrow, widen
/// and switch to matching marks.
const LETTERS: &[char] = &[
    'a', 'A', 'à', 'À', 'ạ', 'h', 'H', 'n', 'N', 'o', 'ộ', 'Ộ', 'ô', 'd', 'đ', 'Đ', 'i', ' ',
];

/// A title: a letter, then letters and spaces (a bundle refuses blank titles).
fn title() -> impl Strategy<Value = String> {
    (
        prop::sample::select(&LETTERS[..LETTERS.len() - 1]),
        prop::collection::vec(prop::sample::select(LETTERS), 0..12),
    )
        .prop_map(|(first, rest)| std::iter::once(first).chain(rest).collect())
}

/// What reaches the search line: a key, an erase, or a paste.
#[derive(Debug, Clone)]
enum Key {
    Type(char),
    Erase,
    Paste(String),
}

fn key() -> impl Strategy<Value = Key> {
    prop_oneof![
        6 => prop::sample::select(LETTERS).prop_map(Key::Type),
        2 => Just(Key::Erase),
        1 => prop::collection::vec(prop::sample::select(LETTERS), 0..4)
            .prop_map(|cs| Key::Paste(cs.into_iter().collect())),
    ]
}

fn press(app: &mut App, key: &Key) {
    match key {
        Key::Type(c) => app.update(Action::Type(*c)),
        Key::Erase => app.update(Action::Erase),
        Key::Paste(text) => app.update(AppEvent::Paste(text.clone())),
    }
}

proptest! {
    #[test]
    fn typing_finds_what_a_search_from_scratch_finds(
        titles in prop::collection::vec(title(), 1..24),
        keys in prop::collection::vec(key(), 1..24),
    ) {
        let mut app = App::new(titled(&titles), 80, 12);
        app.update(Action::Search);
        for key in &keys {
            press(&mut app, key);
            let input = app.find().input.clone();
            prop_assert_eq!(&app.find().matches, &from_scratch(&titles, &input), "{:?}", input);
            let mut fresh = App::new(titled(&titles), 80, 12);
            fresh.update(Action::Search);
            fresh.update(AppEvent::Paste(input));
            prop_assert_eq!(&app.find().matches, &fresh.find().matches);
        }
    }

    #[test]
    fn a_paste_shows_what_its_characters_typed_one_by_one_show(
        titles in prop::collection::vec(title(), 1..40),
        cursor in 0usize..40,
        typed in prop::collection::vec(prop::sample::select(LETTERS), 0..3),
        pasted in prop::collection::vec(prop::sample::select(LETTERS), 0..8),
    ) {
        let theme = crate::ui::Theme::COLOR;
        let mut apps = [App::new(titled(&titles), 80, 12), App::new(titled(&titles), 80, 12)];
        for app in &mut apps {
            app.select(cursor.min(titles.len() - 1));
            app.update(Action::Down);
            app.update(Action::Search);
            for &c in &typed {
                app.update(Action::Type(c));
            }
        }
        let [whole, by_char] = &mut apps;
        whole.update(AppEvent::Paste(pasted.iter().collect()));
        for &c in &pasted {
            by_char.update(Action::Type(c));
        }
        prop_assert_eq!(&whole.find().input, &by_char.find().input);
        prop_assert_eq!(whole.list(), by_char.list());
        prop_assert_eq!(
            (whole.selected(), whole.list_offset()),
            (by_char.selected(), by_char.list_offset())
        );
        prop_assert_eq!(
            crate::headless::draw(whole, &theme),
            crate::headless::draw(by_char, &theme)
        );
    }
}
