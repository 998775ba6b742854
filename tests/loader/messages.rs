//! Where a refusal points (line, character column, path), and that the document's own
//! strings in a message never bring controls or line breaks to the terminal.

use newsterm::bundle::load;

use super::{place, refused, with_body};

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
