//! Property tests: any terminal size and any key sequence draws a whole frame and never panics.

use proptest::prelude::*;

use crate::frames::sample_frame;

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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_size_and_keys_draw_an_exact_frame(cols in 1u16..=300, rows in 1u16..=100, keys in key_sequence()) {
        let frame = sample_frame(cols, rows, &keys);
        let lines: Vec<&str> = frame.lines().collect();
        prop_assert_eq!(lines.len(), usize::from(rows));
        for line in lines {
            prop_assert_eq!(newsterm::text::width(line), usize::from(cols));
        }
    }
}
