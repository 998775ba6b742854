//! Wrong JSON types anywhere in a bundle: refused at their path, named as JSON names them.

use newsterm::bundle::load;

use super::{FILE, bundle, place, refused, with_body};

// Wrong types, anywhere.

#[test]
fn wrong_type_at_top_level_is_refused() {
    assert_eq!(
        refused(r#"{"newsterm": 1, "title": 5, "articles": []}"#),
        "news.json: invalid type: integer `5`, expected a string at title (line 1, column 26)"
    );
    assert_eq!(
        refused(r#"{"newsterm": 1, "title": "T", "articles": {}}"#),
        "news.json: invalid type: object, expected an array of articles at articles (line 1, column 43)"
    );
}

#[test]
fn wrong_type_in_an_article_field_is_refused() {
    assert_eq!(
        refused(&bundle(
            r#"{"id": "a", "title": "A"}, {"id": "b", "title": "B", "lead": true}"#
        )),
        "news.json: invalid type: boolean `true`, expected a string at articles[1].lead (line 1, column 105)"
    );
}

#[test]
fn wrong_type_in_a_body_block_field_is_refused() {
    let json = bundle(concat!(
        r#"{"id":"a","title":"A"}, {"id":"b","title":"B","body":["#,
        r#"{"type":"paragraph","text":"x"}, {"type":"heading","text":"y"}, "#,
        r#"{"type":"paragraph","text":3}]}"#,
    ));
    assert_eq!(
        refused(&json),
        "news.json: invalid type: integer `3`, expected a string at articles[1].body[2].text (line 1, column 189)"
    );
}

#[test]
fn wrong_type_in_a_list_item_is_refused() {
    assert_eq!(
        refused(&with_body(r#"{"type": "list", "items": ["one", 2]}"#)),
        "news.json: invalid type: integer `2`, expected a string at articles[0].body[0].items[1] (line 1, column 113)"
    );
}

#[test]
fn wrong_type_in_authors_items_is_refused() {
    assert_eq!(
        refused(&bundle(
            r#"{"id": "a", "title": "A", "authors": ["Lan", 7]}"#
        )),
        "news.json: invalid type: integer `7`, expected a string at articles[0].authors[1] (line 1, column 89)"
    );
}

#[test]
fn wrong_type_in_related_items_is_refused() {
    assert_eq!(
        refused(&bundle(r#"{"id": "a", "title": "A", "related": [1]}"#)),
        "news.json: invalid type: integer `1`, expected a string at articles[0].related[0] (line 1, column 82)"
    );
}

#[test]
fn wrong_type_of_audio_duration_is_refused_at_its_path() {
    let json = bundle(r#"{"id": "a", "title": "A", "audio": {"duration_s": "312"}}"#);
    let message = refused(&json);
    assert!(
        message.starts_with(r#"news.json: invalid type: string "312", expected "#),
        "{message}"
    );
    assert!(
        message.ends_with(" at articles[0].audio.duration_s (line 1, column 94)"),
        "{message}"
    );
}

#[test]
fn messages_name_json_types_not_rust_types() {
    for (json, path) in [
        (
            bundle(r#"{"id": "a", "title": "A", "audio": {"duration_s": "312"}}"#),
            "articles[0].audio.duration_s",
        ),
        (
            r#"{"newsterm": "1", "title": "T", "articles": []}"#.to_owned(),
            "newsterm",
        ),
        (r#""a bundle""#.to_owned(), ""),
        (bundle(r#""a""#), "articles[0]"),
        (
            bundle(r#"{"id": "a", "title": "A", "audio": "a.mp3"}"#),
            "articles[0].audio",
        ),
        (with_body(r#""text""#), "articles[0].body[0]"),
    ] {
        let message = refused(&json);
        for rust in ["u64", "struct", "Raw", "BlockFields"] {
            assert!(!message.contains(rust), "{message}");
        }
        let at = place(&json);
        assert_eq!(at.path, path, "{message}");
    }
}

#[test]
fn arrays_in_place_of_objects_are_refused() {
    for (json, path) in [
        (r#"[1, "T", null, null, null, []]"#.to_owned(), ""),
        (bundle(r#"["a", "A"]"#), "articles[0]"),
        (with_body(r#"["paragraph", "hi"]"#), "articles[0].body[0]"),
        (
            bundle(r#"{"id": "a", "title": "A", "audio": ["a.mp3", 3]}"#),
            "articles[0].audio",
        ),
    ] {
        let err = load(FILE, json.as_bytes()).err();
        let err = err.unwrap_or_else(|| panic!("loaded: {json}"));
        let at = err.place().map(|p| p.path.trim_start_matches('.'));
        assert_eq!(at, Some(path), "{err}");
    }
}
