//! Any bytes: the fast loader and the plain full parse agree (the same refusal, or bundles
//! that draw the same frames), a refusal is one line naming the file, and any bundle draws a
//! whole frame after any keys. Never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsterm::{bundle, headless, keys};

fuzz_target!(|data: &[u8]| {
    let fast = bundle::load("fuzz.json", data);
    let full = bundle::load_full("fuzz.json", data);
    match (fast, full) {
        (Err(fast), Err(full)) => {
            let message = fast.to_string();
            assert_eq!(message, full.to_string());
            assert!(message.starts_with("fuzz.json: "), "{message}");
            assert!(!message.contains('\n'), "one line: {message:?}");
        }
        (Ok(fast), Ok(full)) => {
            assert_eq!(fast.warnings, full.warnings);
            let keys = keys::parse_keys("Enter j G Tab Tab Enter 1 Backspace ?").expect("keys");
            for (cols, rows) in [(80, 24), (23, 7)] {
                let text = headless::to_text(&headless::frame(fast.clone(), cols, rows, &keys));
                let reference = headless::to_text(&headless::frame(full.clone(), cols, rows, &keys));
                assert_eq!(text, reference, "fast and full loads draw different frames");
                assert_eq!(text.lines().count(), usize::from(rows));
                for line in text.lines() {
                    assert_eq!(newsterm::text::width(line), usize::from(cols), "{line:?}");
                }
            }
        }
        (fast, full) => panic!("fast {:?} but full {:?}", fast.map(|_| ()), full.map(|_| ())),
    }
});
