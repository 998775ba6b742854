//! Feeds into bundle documents: items, leads, headlines, links.

#![allow(clippy::unwrap_used)]

use super::*;

fn feed(xml: &str) -> Doc {
    feed_doc(xml.as_bytes(), None).unwrap()
}

#[test]
fn rss_items_become_stories() {
    let doc = feed(
        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Tin &amp; Báo</title>
        <link>https://example.org/</link><language>vi</language>
        <item><title>Một</title><link>https://example.org/1</link><guid>g1</guid>
        <pubDate>Tue, 03 Nov 2026 10:00:00 +0700</pubDate><category>Thế giới</category>
        <description><![CDATA[<p>Đoạn một.</p><p>Đoạn hai.</p>]]></description></item>
        <item><title>Hai</title><guid>g1</guid><description>Chỉ một đoạn.</description>
        <enclosure url="https://example.org/a.mp3" type="audio/mpeg" length="1"/></item>
        </channel></rss>"#,
    );
    assert_eq!(doc.title, "Tin & Báo");
    assert_eq!(doc.url.as_deref(), Some("https://example.org/"));
    assert_eq!(doc.language.as_deref(), Some("vi"));
    let [one, two] = &doc.articles[..] else {
        panic!("{doc:?}")
    };
    assert_eq!(one.id, "g1");
    assert_eq!(two.id, "g1#2");
    assert_eq!(one.published.as_deref(), Some("2026-11-03T03:00:00Z"));
    assert_eq!(one.section.as_deref(), Some("Thế giới"));
    assert_eq!(one.lead, None);
    assert_eq!(
        one.body,
        vec![
            DocBlock::Paragraph {
                text: "Đoạn một.".into()
            },
            DocBlock::Paragraph {
                text: "Đoạn hai.".into()
            }
        ]
    );
    assert_eq!(two.lead.as_deref(), Some("Chỉ một đoạn."));
    assert_eq!(
        two.audio.as_ref().and_then(|a| a.url.as_deref()),
        Some("https://example.org/a.mp3")
    );
}

#[test]
fn an_excerpt_of_the_content_is_not_repeated_as_the_lead() {
    let lead = "The first words of the story, cut in the mid…";
    let body = vec![DocBlock::Paragraph {
        text: "The first words of the story, cut in the middle.".into(),
    }];
    assert!(repeats(lead, &body));
    assert!(!repeats("A summary of its own.", &body));
}

#[test]
fn a_summary_that_flattens_the_whole_content_is_not_the_lead() {
    let body = vec![
        DocBlock::Paragraph {
            text: "One <https://example.org/1> two.".into(),
        },
        DocBlock::Paragraph {
            text: "Three four.".into(),
        },
    ];
    assert!(repeats("One two. Three four.", &body));
    let linked = [DocBlock::Paragraph {
        text: "See https://example.org/x now.".into(),
    }];
    assert!(repeats("See example.org/x now.", &linked));
    assert!(!repeats("One two. Five three.", &body));
}

#[test]
fn titles_decode_references_and_captions_repeating_them_go() {
    let doc = feed(
        r#"<rss version="2.0"><channel><title>Blog &amp;#8211; A &lt; B</title><item>
        <title>The boat</title><description><![CDATA[<figure><img src="https://e.example/b.jpg"
        alt="x"><figcaption>The  boat</figcaption></figure><p>Words.</p>
        <img src="https://e.example/c.jpg" alt="Other">]]></description></item>
        <item><description><![CDATA[<p>See <a href="https://e.example/s">this</a> now</p>]]>
        </description></item></channel></rss>"#,
    );
    assert_eq!(doc.title, "Blog \u{2013} A < B");
    let body = &doc.articles[0].body;
    assert_eq!(body.len(), 2, "{body:?}");
    assert!(matches!(&body[1], DocBlock::Image { caption, .. } if caption == "Other"));
    assert_eq!(doc.articles[1].title, "See this now");
}

#[test]
fn an_item_without_a_title_is_named_by_its_text() {
    let doc = feed(
        r#"<rss version="2.0"><channel><title>T</title><item>
        <description>A note with no title but a long enough text to be cut somewhere after eighty characters.</description>
        </item></channel></rss>"#,
    );
    assert_eq!(
        doc.articles[0].title,
        "A note with no title but a long enough text to be cut somewhere after eighty…"
    );
}

#[test]
fn the_headline_of_a_long_untitled_text_is_found_in_its_start() {
    let texts = [
        "word ".repeat(5000),
        format!(
            "{}<https://e.org/{}> tail",
            "a ".repeat(2047),
            "x".repeat(9000)
        ),
        format!(
            "<https://e.org/{}> {}",
            "y".repeat(5000),
            "Một câu ".repeat(3000)
        ),
        "<https://e.org/a> ".repeat(3000) + "Few words.",
    ];
    for text in texts {
        let body = vec![DocBlock::Paragraph { text: text.clone() }];
        let whole = headline_of(one_spaced(&without_addresses(&text)));
        assert_eq!(headline_from(None, &body), whole);
    }
}

#[test]
fn relative_links_resolve_against_the_document_address() {
    let doc = feed_doc(
        br#"<rss version="2.0"><channel><title>T</title><link>https://example.org/news/</link>
        <item><title>A</title><link>a.html</link></item></channel></rss>"#,
        Some("https://example.org/feed.xml"),
    )
    .unwrap();
    assert_eq!(
        doc.articles[0].url.as_deref(),
        Some("https://example.org/a.html")
    );
}

#[test]
fn not_a_feed_is_one_line() {
    let err = feed_doc(b"<html><body>hi</body></html>", None)
        .unwrap_err()
        .to_string();
    assert!(!err.contains('\n'), "{err}");
    assert!(feed_doc(b"<rss", None).is_err());
}

#[test]
fn feeds_read_from_owned_bytes_are_read_the_same() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/feeds");
    let mut read = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let shown = |b: bundle::Result<Bundle>| format!("{b:?}");
        let borrowed = shown(read_feed("f", &bytes, Some("https://example.org/")));
        let owned = shown(read_feed_owned("f", bytes, Some("https://example.org/")));
        assert_eq!(borrowed, owned, "{}", path.display());
        read += 1;
    }
    assert!(read > 5);
}
