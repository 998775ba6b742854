//! Clean text as it is drawn: break hints (soft hyphens, zero-width spaces) left out, line
//! breaks shown as spaces where there is one line, and any text made safe to print as one
//! line.

use std::borrow::Cow;

use super::clean::is_dropped;
use super::{SOFT_HYPHEN, ZERO_WIDTH_SPACE};

/// Text as it is drawn: soft hyphens and zero-width spaces are break hints, not glyphs.
pub fn visible(text: &str) -> Cow<'_, str> {
    if has_break_hints(text) {
        Cow::Owned(
            text.chars()
                .filter(|&c| c != SOFT_HYPHEN && c != ZERO_WIDTH_SPACE)
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether `text` holds a soft hyphen or a zero-width space. Found from their first bytes,
/// which few characters of a story share: looking for the characters themselves decodes every
/// character, and this runs for every headline of every frame.
fn has_break_hints(text: &str) -> bool {
    const HINTS: [&[u8]; 2] = ["\u{ad}".as_bytes(), "\u{200b}".as_bytes()];
    let bytes = text.as_bytes();
    memchr::memchr2_iter(HINTS[0][0], HINTS[1][0], bytes).any(|i| {
        let rest = &bytes[i..];
        HINTS.iter().any(|hint| rest.starts_with(hint))
    })
}

/// Text for a place that has one line (a headline, the title bar): as [`visible`], with line
/// breaks shown as spaces.
pub fn one_line(text: &str) -> Cow<'_, str> {
    let shown = visible(text);
    if memchr::memchr(b'\n', shown.as_bytes()).is_some() {
        Cow::Owned(shown.replace('\n', " "))
    } else {
        shown
    }
}

/// `text` safe to print as one line anywhere (an error message on stderr, a file name): every
/// control, line break and invisible direction mark is written as a visible `\u{..}` escape.
pub fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() || is_dropped(c)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if c.is_control() || is_dropped(c) {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_joins_lines_with_spaces() {
        assert_eq!(one_line("Bundle\nSecond\u{ad} line"), "Bundle Second line");
        assert_eq!(one_line("plain"), "plain");
    }

    #[test]
    fn printable_escapes_controls_and_direction_marks() {
        assert_eq!(printable("plain Việt"), "plain Việt");
        assert_eq!(
            printable("a\tb\nc\u{1b}[2J\u{202e}"),
            "a\\u{9}b\\u{a}c\\u{1b}[2J\\u{202e}"
        );
    }

    proptest::proptest! {
        #[test]
        fn break_hints_are_found_from_their_bytes(
            text in "[a-zđ “”«»…\u{ad}\u{200b}\u{2028}\u{c2}\u{e2}]{0,40}",
        ) {
            proptest::prop_assert_eq!(
                has_break_hints(&text),
                text.contains([SOFT_HYPHEN, ZERO_WIDTH_SPACE]),
            );
        }
    }
}
