//! `L`: a link of the story's text opened or copied by its number.

use super::*;
use crate::bundle::load;

/// Twelve web addresses in the first story's text (one more than nine: two digits), none
/// in the second's. With `long`, the links come after enough text that the story is laid
/// out block by block.
fn bundle(long: bool) -> Bundle {
    let mut body: Vec<_> = (0..if long { 3000 } else { 1 })
        .map(|i| {
            serde_json::json!({"type": "paragraph", "text": format!("Đoạn {i}: Hà Nội mùa thu, phố cũ và những con đường rợp bóng cây.")})
        })
        .collect();
    for n in 1..=12 {
        body.push(serde_json::json!({"type": "paragraph", "text": format!("Xem https://example.org/{n} nhé.")}));
    }
    let json = serde_json::json!({"newsterm": 1, "title": "T", "articles": [
        {"id": "links", "title": "Có liên kết", "url": "https://example.org/story", "body": body},
        {"id": "none", "title": "Không có", "body": [{"type": "paragraph", "text": "Một"}]},
    ]});
    load("links.json", json.to_string().as_bytes()).unwrap()
}

/// The first story open in the reader, `L` pressed and `typed` typed.
fn asked(typed: &str) -> App {
    let mut app = App::new(bundle(false), 80, 24);
    run(&mut app, &[Action::Open, Action::OpenLinkNumber]);
    for c in typed.chars() {
        app.update(Action::Type(c));
    }
    app
}

fn url(n: usize) -> String {
    format!("https://example.org/{n}")
}

#[test]
fn l_asks_for_a_number_and_enter_opens_that_link() {
    let mut app = asked("");
    assert!(app.typing());
    assert_eq!(app.link_prompt(), Some(""));
    for c in "12".chars() {
        app.update(Action::Type(c));
    }
    assert_eq!(app.link_prompt(), Some("12"));
    assert!(
        app.take_effects().is_empty(),
        "nothing happens before Enter"
    );
    app.update(Action::Accept);
    assert_eq!(app.take_effects(), [Effect::Open(url(12))]);
    assert_eq!(
        app.notice().map(String::from),
        Some(format!("Opening {}", url(12)))
    );
    assert!(!app.typing() && app.link_prompt().is_none());
}

#[test]
fn digits_are_erased_and_other_characters_ignored() {
    let mut app = asked("1x4");
    assert_eq!(app.link_prompt(), Some("14"));
    app.update(Action::Erase);
    app.update(Action::Erase);
    app.update(Action::Type('9'));
    app.update(Action::Accept);
    assert_eq!(app.take_effects(), [Effect::Open(url(9))]);
    // No more digits than a number needs.
    let app = asked("1234567890");
    assert_eq!(app.link_prompt(), Some("123456"));
}

#[test]
fn a_number_out_of_range_says_so() {
    for (typed, n) in [("14", 14), ("0", 0), ("000", 0), ("999999", 999_999)] {
        let mut app = asked(typed);
        app.update(Action::Accept);
        assert!(app.take_effects().is_empty(), "{typed}");
        assert_eq!(
            app.notice().map(String::from),
            Some(format!("No link {n}: this story has 12.")),
            "{typed}"
        );
        assert!(!app.typing());
    }
}

#[test]
fn y_copies_the_link_instead() {
    let mut app = asked("3y");
    assert_eq!(app.take_effects(), [Effect::Copy(url(3))]);
    assert_eq!(
        app.notice().map(String::from),
        Some(format!("Copying link: {}", url(3)))
    );
    assert!(!app.typing());
    // `y` before a number waits for one.
    let mut app = asked("y");
    assert!(app.typing() && app.take_effects().is_empty());
}

#[test]
fn esc_gives_up_and_closes_nothing_else() {
    let mut app = asked("");
    run(
        &mut app,
        &[Action::Cancel, Action::Zoom, Action::OpenLinkNumber],
    );
    app.update(Action::Type('2'));
    // Esc while the number is asked for: the line closes, the zoom stays.
    app.update(Action::Cancel);
    assert!(!app.typing() && app.session.zoom);
    assert!(app.take_effects().is_empty());
    // Enter with nothing typed closes it too.
    run(&mut app, &[Action::OpenLinkNumber, Action::Accept]);
    assert!(!app.typing() && app.take_effects().is_empty());
}

#[test]
fn a_story_without_links_says_so_at_once() {
    let mut app = App::new(bundle(false), 80, 24);
    run(
        &mut app,
        &[Action::Down, Action::Open, Action::OpenLinkNumber],
    );
    assert_eq!(app.current(), 1);
    assert!(!app.typing());
    assert_eq!(app.notice(), Some("This story has no links in its text."));
    assert!(app.take_effects().is_empty());
    // The next key is a key again: `j` scrolls, it is not typed.
    assert_eq!(
        app.keymap()
            .action_in(app.typing(), crate::keys::parse_keys("j").unwrap()[0]),
        Some(Action::Down)
    );
}

#[test]
fn keys_typed_ahead_act_as_keys_typed_slowly() {
    let keys = [
        Action::Open,
        Action::OpenLinkNumber,
        Action::Type('1'),
        Action::Type('1'),
        Action::Accept,
        Action::OpenLinkNumber,
        Action::Type('1'),
        Action::Type('3'),
        Action::Accept,
    ];
    let mut opened = App::new(bundle(true), 80, 24);
    opened.update(Action::Open);
    assert!(opened.busy(), "the story is laid out as it is reached");
    // What the app asked for and said after each key, with the idle steps done between
    // keys or not at all.
    let pressed = |idle: bool| {
        let mut app = App::new(bundle(true), 80, 24);
        let mut said = Vec::new();
        for &key in &keys {
            app.update(key);
            said.push(app.notice().map(String::from));
            while idle && (app.busy() || app.preparing()) {
                app.update(AppEvent::Idle);
            }
        }
        (app.take_effects(), said)
    };
    let (ahead, slowly) = (pressed(false), pressed(true));
    assert_eq!(ahead, slowly);
    assert_eq!(ahead.0, [Effect::Open(url(11))]);
    assert_eq!(
        ahead.1.last().cloned().flatten().as_deref(),
        Some("No link 13: this story has 12.")
    );
}

#[test]
fn keys_reach_the_number_through_the_key_table() {
    // `q` and `j` are typed, not acted on: the line takes every key but Enter, Esc and
    // Backspace; only digits and `y` mean something to it.
    let mut app = App::new(bundle(false), 80, 24);
    let keys = crate::keys::parse_keys("Enter L q j 2 Backspace 5 Enter").unwrap();
    crate::headless::press(&mut app, &keys);
    assert!(app.running());
    assert_eq!(app.take_effects(), [Effect::Open(url(5))]);
    assert_eq!(app.scroll(), 0);
}

#[test]
fn a_paste_types_the_number_and_stops_where_the_line_closes() {
    let mut app = asked("");
    app.update(AppEvent::Paste("3y45".into()));
    assert_eq!(app.take_effects(), [Effect::Copy(url(3))]);
    assert!(!app.typing() && app.link_prompt().is_none());
    assert_eq!(
        app.find().input,
        "",
        "what follows `y` is not typed anywhere"
    );
    assert!(!app.find().active());
    assert_eq!(app.list(), [0, 1]);
}
