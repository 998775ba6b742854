//! The layout of a story: parts in reading order, links numbered, code, anchors.

use super::*;
use crate::bundle::{Audio, Details};
use crate::text;

fn article() -> Article {
    Article {
        id: "a".into(),
        title: "Tiêu đề".into(),
        section: Some("Thời sự".into()),
        published: Some("2026-02-01T08:00:00+07:00".into()),
        details: Some(Box::new(Details {
            source: Some("Ngày Nay".into()),
            lead: Some("Mở đầu".into()),
            body: vec![
                Block::Paragraph("Một".into()),
                Block::Quote("Trích dẫn".into()),
                Block::Image {
                    caption: "Ảnh".into(),
                    url: None,
                    alt: None,
                },
                Block::list(vec!["x".into(), "y".into()]),
            ],
            audio: Some(Audio {
                url: None,
                duration_s: Some(312),
            }),
            url: Some("https://example.org/a".into()),
            ..Details::default()
        })),
        ..Article::default()
    }
}

/// The lines a story holding only `body` shows at `width`, after its title.
pub(super) fn shown(body: Vec<Block>, width: usize) -> Vec<String> {
    let mut article = Article {
        id: "a".into(),
        title: "T".into(),
        ..Article::default()
    };
    article.body = body;
    plain(&build(&article, width)).split_off(2)
}

fn plain(doc: &Document) -> Vec<String> {
    doc.lines(0..doc.line_count())
        .map(|l| l.spans.iter().map(|(t, _)| t.as_str()).collect())
        .collect()
}

#[test]
fn story_parts_in_reading_order() {
    let doc = build(&article(), 40);
    assert_eq!(
        plain(&doc),
        [
            "Tiêu đề",
            "Ngày Nay · Thời sự · 2026-02-01 08:00",
            "♪ Listen · 5:12",
            "",
            "(Ngày Nay) - Mở đầu",
            "",
            "Một",
            "",
            "│ Trích dẫn",
            "",
            "▣ Ảnh",
            "",
            "• x",
            "• y",
            "",
            "Link: https://example.org/a",
        ]
    );
    assert_eq!(
        doc.line(4).unwrap().spans[0],
        ("(Ngày Nay) - ".to_owned(), Role::Dateline)
    );
    assert_eq!(doc.line(4).unwrap().spans[1].1, Role::Lead);
}

#[test]
fn web_addresses_in_the_text_are_numbered_and_listed_at_the_end() {
    let mut a = article();
    a.details.as_mut().unwrap().body = vec![
        Block::Paragraph("Xem https://example.org/a, và (http://b.vn/x?y=1).".into()),
        Block::list(vec!["https://c.org".into(), "không có".into()]),
    ];
    let doc = build(&a, 80);
    let text = plain(&doc);
    assert!(
        text.contains(&"Xem https://example.org/a [1], và (http://b.vn/x?y=1 [2]).".to_owned()),
        "{text:?}"
    );
    assert!(text.contains(&"• https://c.org [3]".to_owned()), "{text:?}");
    let at = text
        .iter()
        .position(|l| l == "Links in the story:")
        .unwrap();
    assert_eq!(
        &text[at + 1..at + 4],
        [
            "[1] https://example.org/a",
            "[2] http://b.vn/x?y=1",
            "[3] https://c.org"
        ]
    );
    assert_eq!(text.last().unwrap(), "Link: https://example.org/a");
    assert_eq!(
        doc.numbered_links(),
        [
            "https://example.org/a",
            "http://b.vn/x?y=1",
            "https://c.org"
        ]
    );
    assert!(lines::web_addresses("nohttps://x http:// https://").is_empty());
}

#[test]
fn a_bracketed_address_becomes_its_number_and_a_repeated_one_keeps_it() {
    let mut a = article();
    a.url = None;
    a.body = vec![Block::Paragraph(
        "Đọc bài <https://example.org/a> và <https://example.org/a> hay https://b.org/x.".into(),
    )];
    let text = plain(&build(&a, 100));
    assert!(
        text.contains(&"Đọc bài [1] và [1] hay https://b.org/x [2].".to_owned()),
        "{text:?}"
    );
    assert!(
        text.contains(&"[1] https://example.org/a".to_owned()),
        "{text:?}"
    );
    assert!(text.contains(&"[2] https://b.org/x".to_owned()), "{text:?}");
    // A bracketed address ends at its bracket even when a word follows it at once.
    a.body = vec![Block::Paragraph("lib <https://c.org/l>for it".into())];
    let text = plain(&build(&a, 100));
    assert!(text.contains(&"lib [1]for it".to_owned()), "{text:?}");
    assert!(text.contains(&"[1] https://c.org/l".to_owned()), "{text:?}");
    // A caption's links are numbered like the text's.
    a.body = vec![Block::Image {
        caption: "Ảnh của <https://d.org/p>".into(),
        url: None,
        alt: None,
    }];
    let text = plain(&build(&a, 100));
    assert!(text.contains(&"▣ Ảnh của [1]".to_owned()), "{text:?}");
    assert!(text.contains(&"[1] https://d.org/p".to_owned()), "{text:?}");
}

#[test]
fn code_is_kept_as_written_and_long_lines_go_on_behind_a_marker() {
    let mut a = article();
    a.url = None;
    a.body = vec![Block::Code("if x {\n    call(a,  b);\n\n}".into())];
    let doc = build(&a, 12);
    let text = plain(&doc);
    let at = text.iter().position(|l| l == "  if x {").unwrap();
    assert_eq!(
        &text[at..],
        ["  if x {", "      call(a", "↪ ,  b);", "  ", "  }"],
    );
    let last = &doc.line(at + 4).unwrap().spans;
    assert_eq!(last[0], ("  ".to_owned(), Role::Marker));
    assert_eq!(last[1], ("}".to_owned(), Role::Code));
}

#[test]
fn a_long_address_in_the_links_hangs_under_its_start() {
    let body = vec![Block::Paragraph(
        "x <https://example.org/a/very/long/path/that-wraps>".into(),
    )];
    let text = shown(body.clone(), 30);
    let at = text.iter().position(|l| l.starts_with("[1] ")).unwrap();
    assert_eq!(
        &text[at..],
        [
            "[1] https://example.org/a/",
            "    very/long/path/that-wraps"
        ]
    );
    let mut a = article();
    a.url = Some("https://example.org/a/very/long/path/that-wraps".into());
    let text = plain(&build(&a, 30));
    assert_eq!(
        &text[text.len() - 3..],
        [
            "Link: https://example.org/a/",
            "      very/long/path/that-",
            "      wraps"
        ]
    );
    // Too narrow for the indent: the address goes on under the label.
    let text = shown(body, 14);
    let last = text.last().unwrap();
    assert!(!last.starts_with(' '), "{text:?}");
}

#[test]
fn anchors_find_their_part() {
    let mut doc = build(&article(), 40);
    assert_eq!(doc.anchors[0], 0);
    assert_eq!(doc.anchor_of(0), 0);
    let lead = doc.anchors[3];
    assert_eq!(doc.anchor_of(lead), 3);
    assert_eq!(doc.line_of(3), lead);
    assert_eq!(doc.line_of(999), *doc.anchors.last().unwrap());
}

#[test]
fn dateline_style_follows_across_a_wrap() {
    let mut a = article();
    a.source = Some("Một nguồn tin rất dài".into());
    let doc = build(&a, 12);
    let roles: Vec<Role> = doc
        .lines(0..doc.line_count())
        .flat_map(|l| l.spans.into_iter().map(|s| s.1))
        .collect();
    assert!(roles.contains(&Role::Dateline) && roles.contains(&Role::Lead));
    assert!(
        doc.lines(0..doc.line_count())
            .all(|l| text::width(&l.spans.iter().map(|s| s.0.as_str()).collect::<String>()) <= 12)
    );
}

#[test]
fn a_story_written_right_to_left_is_set_against_the_right_edge() {
    use crate::bundle::{Article, Block, Details};
    let story = |dir: Option<&str>, text: &str| Article {
        title: "t".into(),
        details: Some(Box::new(Details {
            body: vec![Block::Paragraph(text.into())],
            dir: dir.map(str::to_owned),
            ..Details::default()
        })),
        ..Article::default()
    };
    let body_line = |doc: &Document| {
        let last = (0..doc.line_count())
            .rev()
            .find_map(|i| doc.line(i).filter(|l| !l.spans.is_empty()))
            .expect("a line");
        last.spans
            .iter()
            .map(|(s, _)| s.as_str())
            .collect::<String>()
    };
    // The page says so: Latin text set right.
    let rtl = crate::document::build(&story(Some("rtl"), "Lorem ipsum."), 20);
    assert_eq!(body_line(&rtl), "        Lorem ipsum.");
    // Otherwise the first letter says: Arabic right, unless the story says left to right.
    let arabic = "مرحبا بالعالم";
    let auto = crate::document::build(&story(None, arabic), 20);
    assert_eq!(body_line(&auto), format!("       {arabic}"));
    let ltr = crate::document::build(&story(Some("ltr"), arabic), 20);
    assert_eq!(body_line(&ltr), arabic);
    // Logical order, and no bidi control, ever.
    assert!(!body_line(&auto).contains(['\u{202B}', '\u{202E}', '\u{2067}', '\u{200F}']));
}
