//! Any bytes as a feed (RSS, Atom, JSON Feed, as `newsterm` tells them apart): either one line
//! naming the file, or a bundle that draws whole frames after any keys, and that converts to a
//! bundle the bundle loader takes back with the same stories. Never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsterm::{bundle, feed, headless, keys};

fuzz_target!(|data: &[u8]| {
    match feed::parse::read_feed("fuzz.xml", data, Some("https://example.org/feed")) {
        Err(e) => {
            let message = e.to_string();
            assert!(message.starts_with("fuzz.xml: "), "{message}");
            assert!(!message.contains('\n'), "one line: {message:?}");
        }
        Ok(read) => {
            let keys = keys::parse_keys("Enter j G Tab Enter 1 Backspace").expect("keys");
            for (cols, rows) in [(80, 24), (23, 7)] {
                let text = headless::to_text(&headless::frame(read.clone(), cols, rows, &keys));
                assert_eq!(text.lines().count(), usize::from(rows));
                for line in text.lines() {
                    assert_eq!(newsterm::text::width(line), usize::from(cols), "{line:?}");
                }
            }
            let mut out = Vec::new();
            feed::convert::write(&read, &mut out).expect("writes to memory");
            let back = bundle::load_full("converted.json", &out).expect("converts to a valid bundle");
            assert_eq!(back.articles.len(), read.articles.len());
        }
    }
    // The HTML reader alone, on any text.
    if let Ok(text) = std::str::from_utf8(data) {
        for block in feed::html::blocks_from_html(text, None) {
            assert!(block.texts().all(|t| !t.trim().is_empty() && t.trim() == t), "{block:?}");
        }
    }
});
