//! Any text: cleaning removes every control, wrapping keeps every visible grapheme in order
//! and every line within its width, truncation stays within its width.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsterm::text::{clean, truncate, width, wrap};
use unicode_segmentation::UnicodeSegmentation;

fuzz_target!(|input: (u8, &str)| {
    let (w, raw) = input;
    let w = usize::from(w % 120) + 1;
    let text = clean(raw);
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
    assert_eq!(clean(&text), text, "cleaning is idempotent");
    let lines = wrap(&text, w);
    let mut seen = String::new();
    for line in &lines {
        let shown = line.render(&text);
        // Only a line holding a single visible grapheme wider than the line may overflow.
        let single = shown.graphemes(true).filter(|g| width(g) > 0).count() == 1;
        assert!(width(&shown) <= w || single, "{shown:?} wider than {w}");
        seen.push_str(&text[line.range.clone()]);
    }
    let visible = |s: &str| -> String {
        s.chars().filter(|c| !c.is_whitespace() && !matches!(c, '\u{ad}' | '\u{200b}')).collect()
    };
    assert_eq!(visible(&seen), visible(&text), "every visible character, in order");
    assert!(width(&truncate(&text, w)) <= w);
});
