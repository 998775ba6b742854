//! Property tests over unbounded input: random Unicode text through the text pipeline, random
//! bundles at random sizes after random keys through the whole reader.

use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

use newsterm::text::{clean, truncate, width, wrap};

use crate::support::{frame_of, sample_frame};

const KEYS: &[&str] = &[
    "j",
    "k",
    "g",
    "G",
    "Up",
    "Down",
    "PageUp",
    "PageDown",
    "Space",
    "b",
    "C-d",
    "C-u",
    "Home",
    "End",
    "Enter",
    "Backspace",
    "h",
    "l",
    "Left",
    "Right",
    "Tab",
    "BackTab",
    "?",
    "Esc",
    "1",
    "3",
    "7",
    "9",
    "x",
    "q",
];

fn key_sequence() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(KEYS), 0..40).prop_map(|keys| keys.join(" "))
}

/// Characters from every plane, weighted towards the ones that break terminals and wrapping.
fn hostile_char() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => any::<char>().prop_map(String::from),
        3 => proptest::sample::select(&["a", "b", "Việt", "đ", "Nam", "word", "-", "/", "?", "&", "."][..]).prop_map(String::from),
        3 => proptest::sample::select(&[" ", " ", "\n", "\t", "\r", "\u{a0}", "\u{ad}", "\u{200b}", "\u{3000}"][..]).prop_map(String::from),
        2 => (0u32..0x20).prop_map(|c| char::from_u32(c).map(String::from).unwrap_or_default()),
        2 => (0x7fu32..0xa0).prop_map(|c| char::from_u32(c).map(String::from).unwrap_or_default()),
        2 => (0x300u32..0x370).prop_map(|c| char::from_u32(c).map(String::from).unwrap_or_default()),
        2 => (0x4e00u32..0x9fff).prop_map(|c| char::from_u32(c).map(String::from).unwrap_or_default()),
        2 => proptest::sample::select(&["👨‍👩‍👧", "🇻🇳", "👍🏽", "❤️", "1️⃣", "\u{200d}", "\u{fe0f}", "🌞", "ｶﾞ"][..]).prop_map(String::from),
        2 => proptest::sample::select(&["\u{1b}[31m", "\u{1b}]0;x\u{7}", "\u{1b}]52;c;QQ==\u{1b}\\", "\u{1b}P1$r\u{1b}\\", "\u{9b}2J", "\u{202e}", "\u{2066}", "\u{1b}"][..]).prop_map(String::from),
    ]
}

fn hostile_text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(hostile_char(), 0..max).prop_map(|parts| parts.concat())
}

fn visible(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{ad}' | '\u{200b}'))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn cleaning_leaves_no_control(raw in hostile_text(80)) {
        let text = clean(&raw);
        prop_assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{:?}", text);
        let bidi = |c: char| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        prop_assert!(!text.chars().any(bidi), "{:?}", text);
        prop_assert_eq!(clean(&text), text.clone(), "cleaning twice changes nothing");
    }

    #[test]
    fn wrapped_lines_fit_and_keep_every_grapheme_in_order(raw in hostile_text(120), w in 1usize..=300) {
        let text = clean(&raw);
        let lines = wrap(&text, w);
        let mut kept = String::new();
        for line in &lines {
            let shown = line.render(&text);
            prop_assert!(
                width(&shown) <= w || shown.graphemes(true).filter(|g| width(g) > 0).count() == 1,
                "{:?} is wider than {}", shown, w
            );
            prop_assert!(!shown.contains(|c: char| c.is_control()));
            kept.push_str(&text[line.range.clone()]);
        }
        prop_assert_eq!(visible(&kept), visible(&text));
    }

    #[test]
    fn truncation_fits_and_keeps_a_prefix(raw in hostile_text(60), w in 0usize..=80) {
        let text = clean(&raw);
        let cut = truncate(&text, w);
        prop_assert!(width(&cut) <= w);
        let kept = cut.trim_end_matches('…');
        prop_assert!(text.starts_with(kept.trim_end()));
    }
}

fn article(i: usize) -> impl Strategy<Value = serde_json::Value> {
    (
        hostile_text(30),
        proptest::option::of(hostile_text(200)),
        proptest::collection::vec((0usize..5, hostile_text(300)), 0..6),
        proptest::collection::vec(0usize..6, 0..5),
    )
        .prop_map(move |(title, lead, blocks, related)| {
            let body: Vec<_> = blocks
                .into_iter()
                .map(|(kind, text)| match kind {
                    0 => serde_json::json!({"type": "paragraph", "text": text}),
                    1 => serde_json::json!({"type": "heading", "text": text}),
                    2 => serde_json::json!({"type": "quote", "text": text}),
                    3 => serde_json::json!({"type": "image", "caption": text}),
                    _ => serde_json::json!({"type": "list", "items": text.split(' ').collect::<Vec<_>>()}),
                })
                .collect();
            let related: Vec<String> = related.into_iter().map(|r| format!("s{r}")).collect();
            serde_json::json!({
                "id": format!("s{i}"),
                "title": format!("T{title}"),
                "lead": lead,
                "source": "Nguồn",
                "body": body,
                "related": related,
            })
        })
}

fn bundle() -> impl Strategy<Value = String> {
    (0usize..5)
        .prop_flat_map(|n| (0..n).map(article).collect::<Vec<_>>())
        .prop_map(|articles| {
            serde_json::json!({"newsterm": 1, "title": "Ngẫu nhiên", "articles": articles})
                .to_string()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn any_size_and_keys_draw_an_exact_frame(cols in 1u16..=300, rows in 1u16..=100, keys in key_sequence()) {
        let frame = sample_frame(cols, rows, &keys);
        let lines: Vec<&str> = frame.lines().collect();
        prop_assert_eq!(lines.len(), usize::from(rows));
        for line in lines {
            prop_assert_eq!(width(line), usize::from(cols));
        }
    }

    #[test]
    fn any_bundle_at_any_size_draws_an_exact_frame(json in bundle(), cols in 1u16..=300, rows in 1u16..=100, keys in key_sequence()) {
        let bundle = newsterm::bundle::load("random.json", json.as_bytes()).expect("generated bundles are valid");
        let frame = frame_of(bundle, cols, rows, &keys);
        let lines: Vec<&str> = frame.lines().collect();
        prop_assert_eq!(lines.len(), usize::from(rows));
        for line in lines {
            prop_assert_eq!(width(line), usize::from(cols), "{:?}", line);
            prop_assert!(!line.contains(|c: char| c.is_control()));
        }
    }
}
