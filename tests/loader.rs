//! The bundle contract (`bundle-format.md`), one test per rule: what loads, what is refused,
//! and the exact line a refusal prints after `newsterm: `.
//!
//! Columns in messages count characters and point where serde_json stopped: at the offending
//! token's last character, or just after it (the closing `}` or `]`) for errors raised once a
//! value or an object has been read.

use newsterm::bundle::{Bundle, JsonPlace, LoadError, load, sample};

/// What loads: unknown fields and blocks, related ids, optional content, cleaned text.
mod content;
/// Where refusals point, and that they never bring controls to the terminal.
mod messages;
/// Wrong JSON types anywhere, refused at their path in JSON's words.
mod types;

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

#[test]
fn a_fractional_version_is_named_as_written() {
    assert_eq!(
        refused(r#"{"newsterm": 1.0, "title": "T", "articles": []}"#),
        "news.json: unsupported bundle version 1.0 (this reader reads version 1) at newsterm (line 1, column 14)"
    );
}

// The embedded sample.

#[test]
fn sample_loads_cleanly() {
    let bundle = sample().unwrap();
    assert_eq!(bundle.articles.len(), 8);
    assert!(bundle.warnings.is_empty(), "{:?}", bundle.warnings);
    assert_eq!(bundle.articles[0].related, [1, 2, 3, 4, 5, 6, 7]);
}
