//! The fast load path (mmap, structural pass, parallel headline parse, bodies on open) against
//! the plain full deserialization: the same refusals, the same frames, the same spans.

use std::path::Path;

use proptest::prelude::*;

use newsterm::bundle::{Block, Bundle, article_spans, load, load_full};

use crate::support::frame_of;

const KEYS: &[&str] = &[
    "",
    "Enter",
    "Enter G",
    "Tab Tab Enter",
    "j j Enter C-d",
    "Tab Tab 1 Backspace",
];

#[track_caller]
fn assert_same(name: &str, bytes: &[u8]) {
    match (load(name, bytes), load_full(name, bytes)) {
        (Ok(fast), Ok(full)) => {
            assert_eq!(fast.warnings, full.warnings, "{name}");
            assert_eq!(fast.with_body(), full.with_body(), "{name}");
            assert_lazy_bodies_read_the_same(name, &fast, &full);
            for (cols, rows) in [(120, 40), (80, 24), (40, 15)] {
                for keys in KEYS {
                    assert_eq!(
                        frame_of(fast.clone(), cols, rows, keys),
                        frame_of(full.clone(), cols, rows, keys),
                        "{name} {cols}x{rows} {keys}"
                    );
                }
            }
        }
        (Err(fast), Err(full)) => assert_eq!(fast.to_string(), full.to_string(), "{name}"),
        (fast, full) => panic!(
            "{name}: fast {:?}, full {:?}",
            fast.map(|_| ()),
            full.map(|_| ())
        ),
    }
}

/// Every story read block by block from the file (as a long story is when opened) equals the
/// story from the full parse.
#[track_caller]
fn assert_lazy_bodies_read_the_same(name: &str, fast: &Bundle, full: &Bundle) {
    for i in 0..full.articles.len() {
        let whole = full.full_article(i).expect("story");
        let (head, body) = fast.open_article(i, 0).expect("story");
        let blocks: Vec<Block> = match &body {
            Some(body) => (0..body.len()).filter_map(|b| body.block(b)).collect(),
            None => head.body.clone(),
        };
        assert_eq!(blocks, whole.body, "{name} story {i}");
        assert_eq!(
            (
                &head.title,
                &head.lead,
                &head.url,
                &head.source,
                &head.authors
            ),
            (
                &whole.title,
                &whole.lead,
                &whole.url,
                &whole.source,
                &whole.authors
            ),
            "{name} story {i}"
        );
        assert_eq!(head.audio, whole.audio, "{name} story {i}");
        assert_eq!(head.has_body, whole.has_body, "{name} story {i}");
    }
}

#[test]
fn the_sample_and_the_hostile_corpus_load_the_same_both_ways() {
    assert_same("sample", newsterm::bundle::SAMPLE.as_bytes());
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    for kind in ["opens", "refused"] {
        for entry in std::fs::read_dir(root.join(kind)).expect("corpus") {
            let path = entry.expect("entry").path();
            let bytes = std::fs::read(&path).expect("corpus file");
            assert_same(&path.display().to_string(), &bytes);
        }
    }
}

#[test]
fn a_mapped_file_loads_like_bytes_in_memory() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-feed/ngay-nay.json");
    let mapped = newsterm::bundle::load_path(&path).expect("sample opens");
    let read = load("x", &std::fs::read(&path).expect("sample")).expect("sample opens");
    assert_eq!(
        frame_of(mapped, 120, 40, "Enter j"),
        frame_of(read, 120, 40, "Enter j")
    );
}

/// Strings that make a structural pass stumble: escaped quotes and backslashes, brackets,
/// braces and commas inside strings.
fn tricky_string() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        proptest::sample::select(
            &[
                "\\\"", "\\\\", "\"", "\\", "[", "]", "{", "}", ",", ":", "a", "ệ", " ", "\\u0022",
                "\n", "\u{1b}",
            ][..],
        ),
        0..12,
    )
    .prop_map(|parts| parts.concat())
}

fn spaced(json: &str, pad: &str) -> String {
    // The same document with white space between every token.
    let value: serde_json::Value = serde_json::from_str(json).expect("valid");
    let pretty = serde_json::to_string_pretty(&value).expect("serializes");
    pretty.replace("\n", &format!("\n{pad}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn fast_spans_equal_a_full_parse(titles in proptest::collection::vec(tricky_string(), 0..6), pretty in any::<bool>(), pad in "[ \t\r\n]{0,3}") {
        let articles: Vec<_> = titles
            .iter()
            .enumerate()
            .map(|(i, t)| serde_json::json!({"id": format!("a{i}"), "title": format!("T{t}"), "lead": t, "x": {"k": [t, {"t": t}]}}))
            .collect();
        let doc = serde_json::json!({"x": titles, "newsterm": 1, "title": "T", "articles": articles, "z": {"articles": 1}}).to_string();
        let doc = if pretty { spaced(&doc, &pad) } else { doc };
        #[derive(serde::Deserialize)]
        struct Doc<'a> {
            #[serde(borrow)]
            articles: Vec<&'a serde_json::value::RawValue>,
        }
        let full: Doc<'_> = serde_json::from_str(&doc).expect("valid JSON");
        let base = doc.as_ptr() as usize;
        let expected: Vec<_> = full
            .articles
            .iter()
            .map(|raw| {
                let start = raw.get().as_ptr() as usize - base;
                start..start + raw.get().len()
            })
            .collect();
        prop_assert_eq!(article_spans(doc.as_bytes()), Some(expected));
        // And the whole bundle loads the same both ways.
        assert_same("generated", doc.as_bytes());
    }
}

#[test]
fn blocks_with_their_type_last_load_the_same_both_ways() {
    // Many JSON writers sort keys, which puts "type" after "text" and "items".
    for body in [
        r#"[{"text": "P", "type": "paragraph"}, {"items": ["a", "b"], "type": "list"}, {"caption": "C", "url": null, "type": "image"}]"#,
        r#"[{"text": 5, "type": "paragraph"}]"#,
        r#"[{"items": [["a"]], "type": "list"}]"#,
        r#"[{"items": "a", "type": "list"}]"#,
        r#"[{"text": {"x": 1}, "items": 3, "type": "video"}]"#,
        r#"[{"url": 5, "text": "shown", "type": "future"}]"#,
        r#"[{"text": null, "type": "paragraph"}]"#,
        r#"[{"levels": [0, 1], "items": ["a", "b"], "type": "list"}, {"rows": [["a", "b"]], "type": "table"}, {"text": "\tx", "type": "code"}]"#,
        r#"[{"levels": [-1], "items": ["a"], "type": "list"}]"#,
        r#"[{"rows": [[1]], "type": "table"}]"#,
        r#"[{"rows": "x", "levels": {}, "text": "P", "type": "paragraph"}]"#,
        r#"[{"rows": [], "type": "table"}, {"type": "table"}]"#,
    ] {
        let json = format!(
            r#"{{"newsterm": 1, "title": "T", "articles": [{{"id": "a", "title": "A", "body": {body}}}]}}"#
        );
        assert_same(body, json.as_bytes());
    }
}
