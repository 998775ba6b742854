//! What loads and how: unknown fields and block types, related ids, optional content, and
//! untrusted text cleaned.

use newsterm::bundle::{Block, load};

use super::{FILE, bundle, loads, refused, with_body};

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

#[test]
fn a_title_of_invisible_characters_is_shown_as_no_title() {
    let bundle = load(
        FILE,
        bundle(r#"{"id": "a", "title": "\u200b\u00ad"}"#).as_bytes(),
    )
    .unwrap();
    assert_eq!(bundle.articles[0].title, "(no title)");
}
