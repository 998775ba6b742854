//! The bundle contract (`bundle-format.md`), one test per rule: what loads, what is refused,
//! and the exact line a refusal prints after `newsterm: `.
//!
//! Columns in messages count characters and point where serde_json stopped: at the offending
//! token's last character, or just after it (the closing `}` or `]`) for errors raised once a
//! value or an object has been read.

use newsterm::bundle::{Block, Bundle, JsonPlace, LoadError, load, sample};

/// How the file is named in every message.
const FILE: &str = "news.json";

/// A version-1 bundle titled "T" holding `articles` (what goes between `[` and `]`). The
/// prefix `{"newsterm": 1, "title": "T", "articles": [` is 43 characters, so the articles
/// start at column 44.
fn bundle(articles: &str) -> String {
    format!(r#"{{"newsterm": 1, "title": "T", "articles": [{articles}]}}"#)
}

/// A bundle with one article `a` whose body is `blocks`.
fn with_body(blocks: &str) -> String {
    bundle(&format!(
        r#"{{"id": "a", "title": "A", "body": [{blocks}]}}"#
    ))
}

#[track_caller]
fn loads(json: &str) -> Bundle {
    load(FILE, json.as_bytes()).unwrap_or_else(|e| panic!("refused: {e}"))
}

#[track_caller]
fn refusal(bytes: &[u8]) -> LoadError {
    match load(FILE, bytes) {
        Ok(_) => panic!("loaded: {}", String::from_utf8_lossy(bytes)),
        Err(e) => e,
    }
}

/// The one line the command line prints after `newsterm: `.
#[track_caller]
fn refused(json: &str) -> String {
    refusal(json.as_bytes()).to_string()
}

/// Where the refusal says the problem is.
#[track_caller]
fn place(json: &str) -> JsonPlace {
    refusal(json.as_bytes())
        .place()
        .cloned()
        .unwrap_or_default()
}

// Not JSON, not UTF-8.

#[test]
fn html_page_is_not_json() {
    let html = "<!DOCTYPE html>\n<html><body>Not found</body></html>";
    assert_eq!(
        refused(html),
        "news.json: not valid JSON: expected a JSON value (line 1, column 1)"
    );
}

#[test]
fn garbage_is_not_json() {
    assert_eq!(
        refused("hello, world"),
        "news.json: not valid JSON: expected a JSON value (line 1, column 1)"
    );
}

#[test]
fn garbage_starting_like_a_keyword_is_not_json_in_plain_words() {
    for garbage in ["newsterm bundle v1", "title: Ngày Nay", "feed"] {
        let message = refused(garbage);
        assert!(
            message.starts_with("news.json: not valid JSON: "),
            "{message}"
        );
        assert!(!message.contains("ident"), "{message}");
    }
}

#[test]
fn empty_file_is_refused() {
    let err = refusal(b"");
    assert_eq!(
        err.to_string(),
        "news.json: not valid JSON: the file is empty (or only white space), expected a bundle object"
    );
    assert_eq!(err.place(), Some(&JsonPlace::default()));
}

#[test]
fn whitespace_only_file_is_refused_as_empty() {
    assert_eq!(
        refused(" \n\t\r\n  "),
        "news.json: not valid JSON: the file is empty (or only white space), expected a bundle object"
    );
}

#[test]
fn truncated_json_is_refused_where_it_stops() {
    let json =
        "{\"newsterm\": 1,\n \"title\": \"T\",\n \"articles\": [{\"id\": \"a\", \"title\": \"Vi";
    assert_eq!(
        refused(json),
        "news.json: not valid JSON: the file ends inside a string at articles[0].title (line 3, column 38)"
    );
}

#[test]
fn trailing_garbage_after_the_object_is_refused() {
    let json = r#"{"newsterm": 1, "title": "T", "articles": []} <html>"#;
    assert_eq!(
        refused(json),
        "news.json: not valid JSON: trailing characters (line 1, column 47)"
    );
}

#[test]
fn invalid_utf8_is_refused_with_its_byte_line_and_character_column() {
    // Latin-1 `ê` (0xEA) after UTF-8 `à` (two bytes): column 17 in characters, 18 in bytes.
    let bytes = b"{\"newsterm\": 1,\n \"title\": \"Ng\xC3\xA0y \xEAt\",\n \"articles\": []}";
    let err = refusal(bytes);
    assert_eq!(
        err.to_string(),
        "news.json: not UTF-8: invalid byte 0xEA (line 2, column 17)"
    );
    assert_eq!(
        err.place(),
        Some(&JsonPlace {
            path: String::new(),
            line: Some(2),
            column: Some(17),
        })
    );
}

#[test]
fn lone_surrogate_escape_is_refused_at_its_path() {
    for json in [
        r#"{"newsterm": 1, "title": "x\ud800", "articles": []}"#,
        r#"{"newsterm": 1, "title": "x\udc00y", "articles": []}"#,
        r#"{"newsterm": 1, "title": "x\ud800\u0041", "articles": []}"#,
    ] {
        let err = refusal(json.as_bytes());
        assert!(
            err.to_string().starts_with("news.json: not valid JSON: "),
            "{err}"
        );
        assert_eq!(err.place().map(|p| p.path.as_str()), Some("title"), "{err}");
        assert_eq!(err.place().and_then(|p| p.line), Some(1), "{err}");
    }
    // A proper pair is fine.
    let ok = loads(r#"{"newsterm": 1, "title": "x\ud83d\ude00", "articles": []}"#);
    assert_eq!(ok.title, "x\u{1F600}");
}

#[test]
fn lone_surrogate_message_says_lone_surrogate() {
    for (json, escape) in [
        (
            r#"{"newsterm": 1, "title": "x\ud800", "articles": []}"#,
            r"\ud800",
        ),
        (
            r#"{"newsterm": 1, "title": "x\udc00y", "articles": []}"#,
            r"\udc00",
        ),
    ] {
        let message = refused(json);
        assert!(message.contains("lone surrogate"), "{message}");
        assert!(!message.contains("leading"), "{message}");
        assert!(message.to_lowercase().contains(escape), "{message}");
        assert!(message.contains(" at title (line 1, column "), "{message}");
    }
}

#[test]
fn utf8_byte_order_mark_is_accepted() {
    let bytes = b"\xEF\xBB\xBF{\"newsterm\": 1, \"title\": \"T\", \"articles\": []}";
    let bundle = load(FILE, bytes).unwrap();
    assert_eq!(bundle.title, "T");
}

// Required fields.

#[test]
fn missing_version_is_refused() {
    assert_eq!(
        refused(r#"{"title": "T", "articles": []}"#),
        "news.json: missing field `newsterm` (line 1, column 1)"
    );
}

#[test]
fn missing_title_is_refused() {
    assert_eq!(
        refused(r#"{"newsterm": 1, "articles": []}"#),
        "news.json: missing field `title` (line 1, column 1)"
    );
}

#[test]
fn missing_articles_is_refused() {
    assert_eq!(
        refused(r#"{"newsterm": 1, "title": "T"}"#),
        "news.json: missing field `articles` (line 1, column 1)"
    );
}

#[test]
fn article_without_id_is_refused() {
    assert_eq!(
        refused(&bundle(r#"{"title": "A"}"#)),
        "news.json: missing field `id` at articles[0] (line 1, column 44)"
    );
}

#[test]
fn article_without_title_is_refused() {
    assert_eq!(
        refused(&bundle(r#"{"id": "a", "title": "A"}, {"id": "b"}"#)),
        "news.json: missing field `title` at articles[1] (line 1, column 71)"
    );
}

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

// Ids and titles.

#[test]
fn empty_id_is_refused() {
    assert_eq!(
        refused(&bundle(r#"{"id": "", "title": "A"}"#)),
        "news.json: empty id at articles[0].id (line 1, column 51)"
    );
}

#[test]
fn blank_title_is_refused() {
    assert_eq!(
        refused(&bundle(r#"{"id": "a", "title": "   "}"#)),
        "news.json: the title is blank at articles[0].title (line 1, column 65)"
    );
}

const DUPLICATE: &str = r#"{"newsterm": 1, "title": "T", "articles": [
{"id": "a", "title": "A"},
{"id": "b", "title": "B"},
{"id": "a", "title": "C"},
{"id": "c", "title": "D"}
]}"#;

#[test]
fn duplicate_id_is_refused_at_the_second_one() {
    let message = refused(DUPLICATE);
    assert!(
        message.starts_with(
            r#"news.json: duplicate id "a" (first used by articles[0]) at articles[2].id (line "#
        ),
        "{message}"
    );
    assert_eq!(place(DUPLICATE).path, "articles[2].id");
}

#[test]
fn duplicate_id_line_and_column_point_at_the_second_id() {
    let at = place(DUPLICATE);
    assert_eq!(at.path, "articles[2].id");
    assert_eq!(at.line, Some(4));
    // `{"id": "a"`: the id's characters are columns 8 to 10.
    assert!(matches!(at.column, Some(8..=10)), "{at:?}");
}

// The version.

#[test]
fn unsupported_version_is_refused_naming_it() {
    assert_eq!(
        refused(r#"{"newsterm": 2, "title": "T", "articles": []}"#),
        "news.json: unsupported bundle version 2 (this reader reads version 1) at newsterm (line 1, column 14)"
    );
}

#[test]
fn unsupported_version_wins_over_other_errors() {
    // The articles would fail first...
    assert_eq!(
        refused(r#"{"newsterm": 2, "title": "T", "articles": [{"id": ""}]}"#),
        "news.json: unsupported bundle version 2 (this reader reads version 1) at newsterm (line 1, column 14)"
    );
    // ...and so would the title, which comes before the version.
    assert_eq!(
        refused(r#"{"title": 4, "articles": [{"id": ""}], "newsterm": 2}"#),
        "news.json: unsupported bundle version 2 (this reader reads version 1) at newsterm (line 1, column 52)"
    );
}

#[test]
fn version_as_a_string_is_refused_naming_it() {
    let json = r#"{"newsterm": "1", "title": "T", "articles": []}"#;
    let message = refused(json);
    assert!(
        message.starts_with(r#"news.json: invalid type: string "1", expected "#),
        "{message}"
    );
    assert!(
        message.ends_with(" at newsterm (line 1, column 14)"),
        "{message}"
    );
}

// Unknown fields and block types.

#[test]
fn unknown_fields_are_ignored() {
    let json = r#"{"newsterm": 1, "title": "T", "theme": {"dark": [1]}, "articles": [
        {"id": "a", "title": "A", "score": 9.5, "tags": ["x"],
         "body": [{"type": "paragraph", "text": "P", "style": {"bold": true}}]}]}"#;
    let bundle = loads(json);
    assert_eq!(
        bundle.full_article(0).unwrap().body,
        [Block::Paragraph("P".into())]
    );
    assert!(bundle.warnings.is_empty());
}

#[test]
fn unknown_block_type_shows_its_text_or_is_skipped() {
    let bundle = loads(&with_body(
        r#"{"type": "video", "text": "Clip", "src": "v.mp4"}, {"type": "embed", "src": "x"},
           {"type": "paragraph", "text": "P"}"#,
    ));
    assert_eq!(
        bundle.full_article(0).unwrap().body,
        [
            Block::Paragraph("Clip".into()),
            Block::Paragraph("P".into())
        ]
    );
}

#[test]
fn code_keeps_its_lines_and_indents_and_is_cleaned() {
    let bundle = loads(&with_body(
        r#"{"type": "code", "text": "fn f() {\n\tx\u001b[31m  y\r\n}"}"#,
    ));
    assert_eq!(
        bundle.full_article(0).unwrap().body,
        [Block::Code("fn f() {\n    x  y\n}".into())]
    );
    assert_eq!(
        refused(&with_body(r#"{"type": "code"}"#)),
        "news.json: code block has no `text` at articles[0].body[0] (line 1, column 79)"
    );
}

#[test]
fn list_levels_and_table_rows_load_cleaned() {
    let bundle = loads(&with_body(
        r#"{"levels": [0, 1, 99], "type": "list", "items": ["a", "b", "c", "d"]},
           {"type": "table", "rows": [["Ver\u001b[1m:", "5.7"], []]},
           {"type": "paragraph", "text": "P", "rows": 3, "levels": "x"}"#,
    ));
    assert_eq!(
        bundle.full_article(0).unwrap().body,
        [
            Block::List {
                items: ["a", "b", "c", "d"].map(String::from).to_vec(),
                levels: vec![0, 1, newsterm::bundle::MAX_LEVEL, 0],
            },
            Block::Table(vec![vec!["Ver:".into(), "5.7".into()], vec![]]),
            Block::Paragraph("P".into()),
        ]
    );
    assert_eq!(
        refused(&with_body(r#"{"type": "table"}"#)),
        "news.json: table block has no `rows` at articles[0].body[0] (line 1, column 79)"
    );
    assert_eq!(
        refused(&with_body(
            r#"{"type": "list", "items": [], "levels": [-1]}"#
        )),
        "news.json: invalid value: integer `-1`, expected a whole number at \
         articles[0].body[0].levels[0] (line 1, column 120)"
    );
}

#[test]
fn paragraph_without_text_is_refused() {
    assert_eq!(
        refused(&with_body(r#"{"type": "paragraph"}"#)),
        "news.json: paragraph block has no `text` at articles[0].body[0] (line 1, column 79)"
    );
}

#[test]
fn image_without_caption_is_refused() {
    assert_eq!(
        refused(&with_body(r#"{"type": "image", "url": "a.jpg"}"#)),
        "news.json: image block has no `caption` at articles[0].body[0] (line 1, column 79)"
    );
}

#[test]
fn list_without_items_is_refused() {
    assert_eq!(
        refused(&with_body(r#"{"type": "list"}"#)),
        "news.json: list block has no `items` at articles[0].body[0] (line 1, column 79)"
    );
}

// Related stories.

#[test]
fn bad_related_ids_are_dropped_with_warnings() {
    let bundle = loads(&bundle(
        r#"{"id": "a", "title": "A", "related": ["b", "zz", "a", "b", "c"]},
           {"id": "b", "title": "B"}, {"id": "c", "title": "C"}"#,
    ));
    assert_eq!(bundle.articles[0].related, [1, 2]);
    let warnings: Vec<String> = bundle.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            r#"articles[0].related[1]: dropped "zz": names no article"#,
            r#"articles[0].related[2]: dropped "a": names the article itself"#,
            r#"articles[0].related[3]: dropped "b": repeats an earlier related id"#,
        ]
    );
}

#[test]
fn related_absent_and_empty_both_load_without_warnings() {
    let bundle = loads(&bundle(
        r#"{"id": "a", "title": "A"}, {"id": "b", "title": "B", "related": []}"#,
    ));
    assert!(bundle.articles[0].related.is_empty());
    assert!(bundle.articles[1].related.is_empty());
    assert!(bundle.warnings.is_empty());
}

// Optional content.

#[test]
fn empty_articles_array_is_a_bundle() {
    let bundle = loads(&bundle(""));
    assert_eq!(bundle.title, "T");
    assert!(bundle.articles.is_empty());
    assert!(bundle.warnings.is_empty());
}

#[test]
fn null_optional_fields_are_absent() {
    let bundle = loads(
        r#"{"newsterm": 1, "title": "T", "url": null, "language": null, "articles": [
            {"id": "a", "title": "A", "url": null, "source": null, "authors": null,
             "lead": null, "body": null, "related": null, "audio": null}]}"#,
    );
    assert_eq!(bundle.url, None);
    let article = bundle.full_article(0).unwrap();
    assert_eq!(
        (&article.url, &article.source, &article.lead),
        (&None, &None, &None)
    );
    assert!(article.authors.is_empty() && article.body.is_empty());
    assert!(article.related.is_empty() && article.audio.is_none());
}

// Untrusted text.

#[test]
fn escape_sequences_are_removed_from_titles() {
    let bundle = loads(&bundle(r#"{"id": "a", "title": "A\u001b]0;pwned\u0007B"}"#));
    assert_eq!(bundle.articles[0].title, "AB");
}

#[test]
fn control_characters_are_removed_and_tabs_expanded() {
    let bundle = loads(
        r#"{"newsterm": 1, "title": "T\u009b31mX", "articles": [{"id": "a", "title": "A",
            "lead": "x\u0000y\u007fz", "authors": ["\u001b[31mLan"],
            "body": [{"type": "paragraph", "text": "a\tb\r\nc"}]}]}"#,
    );
    assert_eq!(bundle.title, "TX");
    let article = bundle.full_article(0).unwrap();
    assert_eq!(article.lead.as_deref(), Some("xyz"));
    assert_eq!(article.authors, ["Lan"]);
    assert_eq!(article.body, [Block::Paragraph("a   b\nc".into())]);
}

#[test]
fn decomposed_text_is_normalized_to_nfc() {
    // "Việt" and "Hàn" spelled with combining marks.
    let bundle = loads(&bundle(
        r#"{"id": "a", "title": "Vie\u0302\u0323t", "lead": "Vie\u0302\u0323t",
            "body": [{"type": "heading", "text": "Ha\u0300n"}]}"#,
    ));
    let article = bundle.full_article(0).unwrap();
    assert_eq!(article.body, [Block::Heading("H\u{e0}n".into())]);
    assert_eq!(article.title, "Vi\u{1ec7}t");
    assert_eq!(article.lead.as_deref(), Some("Vi\u{1ec7}t"));
}

// Positions.

#[test]
fn columns_count_characters_not_bytes() {
    // 113 characters up to the `2` of 42; 122 bytes.
    let json = r#"{"newsterm": 1, "title": "Ngày Nay", "articles": [{"id": "vn", "title": "Việt Nam - Hàn Quốc hợp tác", "lead": 42}]}"#;
    assert_eq!(
        refused(json),
        "news.json: invalid type: integer `42`, expected a string at articles[0].lead (line 1, column 112)"
    );
}

#[test]
fn syntax_errors_where_a_key_is_due_have_no_question_mark_path() {
    for (json, column) in [
        (r#"{"newsterm": 1, "title": "Ngày Nay" "x"}"#, 37),
        (r#"{"newsterm": 1, title: "T", "articles": []}"#, 17),
        (
            r#"{"newsterm": 1, "title": "T", "articles": [{"id": "a", "tit"#,
            59,
        ),
    ] {
        let message = refused(json);
        assert!(!message.contains('?'), "{message}");
        assert!(
            message.ends_with(&format!("(line 1, column {column})")),
            "{message}"
        );
    }
}

#[test]
fn document_level_errors_have_an_empty_path() {
    for json in [
        "<html>",
        r#"{"title": "T", "articles": []}"#,
        r#""a bundle""#,
    ] {
        assert_eq!(place(json).path, "", "{json}");
    }
}

// The embedded sample.

#[test]
fn sample_loads_cleanly() {
    let bundle = sample().unwrap();
    assert_eq!(bundle.articles.len(), 8);
    assert!(bundle.warnings.is_empty(), "{:?}", bundle.warnings);
    assert_eq!(bundle.articles[0].related, [1, 2, 3, 4, 5, 6, 7]);
}

// Found by fuzzing: the document's own strings appear in messages (keys in the path, values
// in serde's words) and must not bring controls or line breaks to the terminal.

#[test]
fn messages_escape_controls_from_the_document() {
    let json = "{\"newsterm\": 1, \"title\": \"T\", \"articles\": [{\"id\": \"a\", \"title\": \"A\", \"body\": [{\"type\": \"paragraph\", \"\\u001b]0;x\\u0007\\n\": 1, \"text\": 5}]}]}";
    let message = refused(json);
    assert!(!message.contains(|c: char| c.is_control()), "{message:?}");
    let json = "{\"newsterm\": 1, \"title\": [\"\\u001b[2J\"], \"articles\": []}";
    assert!(!refused(json).contains(|c: char| c.is_control()));
    let json = "{\"newsterm\": 1, \"title\": \"T\", \"articles\": \n\t\n++++++++ewsterme}";
    let message = refused(json);
    assert_eq!(message.lines().count(), 1, "{message:?}");
}

#[test]
fn file_names_are_printable() {
    let err = load("evil\u{1b}]0;x\u{7}\n.json", b"")
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("evil\\u{1b}]0;x\\u{7}\\u{a}.json: "),
        "{err}"
    );
}

// Found in review.

#[test]
fn a_newer_block_type_never_refuses_a_bundle() {
    let json =
        with_body(r#"{"type": "video", "url": {"mp4": "v.mp4"}, "items": 5, "text": "Shown."}"#);
    let bundle = load(FILE, json.as_bytes()).unwrap();
    assert_eq!(
        bundle.full_article(0).unwrap().body,
        [Block::Paragraph("Shown.".into())]
    );
    // A known type ignores fields that are not its own, whatever their type.
    let json = with_body(r#"{"type": "paragraph", "caption": 5, "text": "P"}"#);
    assert!(load(FILE, json.as_bytes()).is_ok());
}

#[test]
fn a_field_before_the_type_is_still_checked_at_its_path() {
    let json = with_body(r#"{"text": 5, "type": "paragraph"}"#);
    assert_eq!(place(&json).path, "articles[0].body[0].text");
}

#[test]
fn a_duplicate_field_points_at_the_second_one() {
    let json = "{\"newsterm\": 1,\n\"title\": \"T\",\n\"title\": \"U\", \"articles\": []}";
    assert_eq!(
        refused(json),
        "news.json: duplicate field `title` (line 3, column 1)"
    );
}

#[test]
fn a_fractional_version_is_named_as_written() {
    assert_eq!(
        refused(r#"{"newsterm": 1.0, "title": "T", "articles": []}"#),
        "news.json: unsupported bundle version 1.0 (this reader reads version 1) at newsterm (line 1, column 14)"
    );
}

#[test]
fn a_title_of_invisible_characters_is_shown_as_no_title() {
    let bundle = load(
        FILE,
        bundle(r#"{"id": "a", "title": "\u200b\u00ad"}"#).as_bytes(),
    )
    .unwrap();
    assert_eq!(bundle.articles[0].title, "(no title)");
}
