//! Any bytes: the loader either refuses them with a message or yields a bundle that draws a
//! whole frame after any keys. Never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsterm::{bundle, headless, keys};

fuzz_target!(|data: &[u8]| {
    match bundle::load("fuzz.json", data) {
        Err(e) => {
            let message = e.to_string();
            assert!(message.starts_with("fuzz.json: "), "{message}");
            assert!(!message.contains('\n'), "one line: {message:?}");
        }
        Ok(bundle) => {
            let keys = keys::parse_keys("Enter j G Tab Tab Enter 1 Backspace ?").expect("keys");
            for (cols, rows) in [(80, 24), (23, 7)] {
                let text = headless::to_text(&headless::frame(bundle.clone(), cols, rows, &keys));
                assert_eq!(text.lines().count(), usize::from(rows));
                for line in text.lines() {
                    assert_eq!(newsterm::text::width(line), usize::from(cols), "{line:?}");
                }
            }
        }
    }
});
