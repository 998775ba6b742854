//! Untrusted text made safe to draw: escape sequences (with their payloads), other controls
//! and bidirectional overrides removed, tabs expanded, line endings made `\n`, and NFC.

use unicode_normalization::UnicodeNormalization;

/// Columns between tab stops when a tab is expanded.
pub const TAB_STOP: usize = 4;

const ESC: char = '\u{1b}';
const BEL: char = '\u{7}';
/// C1 string terminator.
const ST: char = '\u{9c}';

/// Removes everything that could act on a terminal or reorder the screen, expands tabs and
/// normalizes to NFC.
///
/// - Whole escape sequences are removed with their payloads: CSI (`ESC [` or U+009B) up to its
///   final byte; OSC (`ESC ]`, U+009D), DCS, SOS, PM and APC up to BEL or ST; two- and
///   three-byte `ESC` sequences. A string sequence that never terminates ends at the next line
///   break, so one stray `ESC ]` cannot swallow a whole story.
/// - Other C0 controls, DEL and C1 controls are dropped; `\r\n` and a lone `\r` become `\n`, so
///   a carriage return can never overwrite text; U+2028 and U+2029 become line breaks.
/// - Bidirectional embeddings, overrides, isolates and marks are dropped, as is U+FEFF.
///
/// ```
/// use newsterm::text::clean;
/// assert_eq!(clean("Tin \u{1b}]0;pwned\u{7}mới\r\n"), "Tin mới\n");
/// assert_eq!(clean("Vie\u{302}\u{323}t"), "Việt");
/// ```
pub fn clean(input: &str) -> String {
    if is_clean(input) {
        return input.to_owned();
    }
    if input.chars().all(is_plain) {
        return input.nfc().collect();
    }
    let mut out = String::with_capacity(input.len());
    let mut column = 0usize;
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => {
                out.push('\n');
                column = 0;
            }
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                    column = 0;
                }
            }
            // Unicode's own line and paragraph separators are hard breaks like `\n`.
            '\u{2028}' => {
                out.push('\n');
                column = 0;
            }
            '\u{2029}' => {
                out.push_str("\n\n");
                column = 0;
            }
            '\t' => {
                let spaces = TAB_STOP - column % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            // Only what a terminal would take as part of the sequence is removed: anything
            // else after ESC (text, a line break, another ESC) is kept and read again.
            ESC => match chars.peek().copied() {
                Some('[') => {
                    chars.next();
                    skip_csi(&mut chars);
                }
                Some(']' | 'P' | 'X' | '^' | '_') => {
                    chars.next();
                    skip_string(&mut chars);
                }
                Some(c) if ('\u{20}'..='\u{2f}').contains(&c) => {
                    // nF sequence: intermediates, then one final byte.
                    while chars
                        .next_if(|c| ('\u{20}'..='\u{2f}').contains(c))
                        .is_some()
                    {}
                    chars.next_if(|c| ('\u{30}'..='\u{7e}').contains(c));
                }
                // A two-byte sequence (ESC 7, ESC c, ESC =...).
                Some(c) if ('\u{30}'..='\u{7e}').contains(&c) => {
                    chars.next();
                }
                _ => {}
            },
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if is_dropped(c) => {}
            c => {
                out.push(c);
                column += char_width(c);
            }
        }
    }
    out.nfc().collect()
}

/// [`clean`] for a string already owned: returned as it is when there is nothing to change,
/// which is the common case, without copying it.
pub fn clean_owned(input: String) -> String {
    if is_clean(&input) {
        input
    } else {
        clean(&input)
    }
}

/// Whether [`clean`] would change nothing.
fn is_clean(input: &str) -> bool {
    if input.is_ascii() {
        return !input.bytes().any(|b| b.is_ascii_control() && b != b'\n');
    }
    // Most text is made only of characters `clean` keeps that are in NFC wherever they stand:
    // one range check each. Asking the normalization tables about each character was a
    // tenth of loading an archive (its titles).
    input.chars().all(is_kept_composed) || (input.chars().all(is_plain) && is_nfc(input))
}

/// Whether `text` is in NFC by the quick check of the normalization tables.
fn is_nfc(text: &str) -> bool {
    unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes
}

/// Characters [`clean`] keeps as they are and that are in NFC wherever they stand: none
/// decomposes, none combines with what comes before it, none reorders (canonical combining
/// class 0). Printable ASCII and line breaks, Latin letters up to the combining marks
/// (U+0300), Latin Extended Additional (Vietnamese), and the general punctuation news text
/// uses, from U+2002 (U+2001 decomposes) to U+2027 but for the two directional marks.
/// `text::clean::tests::characters_kept_composed_are_plain_and_nfc` checks every one of them.
fn is_kept_composed(c: char) -> bool {
    matches!(c,
        '\n'
        | ' '..='~'
        | '\u{a0}'..='\u{2ff}'
        | '\u{1e00}'..='\u{1eff}'
        | '\u{2002}'..='\u{200d}'
        | '\u{2010}'..='\u{2027}')
}

/// True for a character [`clean`] keeps as it is.
fn is_plain(c: char) -> bool {
    c == '\n' || !(c.is_control() || is_dropped(c) || matches!(c, '\u{2028}' | '\u{2029}'))
}

/// Controls and invisible formatting characters that are removed outright.
pub(super) fn is_dropped(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{202a}'..='\u{202e}' // embeddings and overrides
            | '\u{2066}'..='\u{2069}' // isolates
            | '\u{200e}' | '\u{200f}' | '\u{061c}' // directional marks
            | '\u{feff}')
}

fn char_width(c: char) -> usize {
    unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
}

fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    // Parameters and intermediates are 0x20-0x3F; the final byte is 0x40-0x7E. Anything else
    // (a line break, text) aborts the sequence, as terminals do, and is kept.
    while let Some(&c) = chars.peek() {
        if ('\u{20}'..='\u{3f}').contains(&c) {
            chars.next();
        } else {
            if ('\u{40}'..='\u{7e}').contains(&c) {
                chars.next();
            }
            return;
        }
    }
}

fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(&c) = chars.peek() {
        match c {
            BEL | ST => {
                chars.next();
                return;
            }
            // ESC \ is the terminator; any other ESC ends the string and starts a sequence
            // of its own, as in a terminal.
            ESC => {
                let mut ahead = chars.clone();
                ahead.next();
                if ahead.peek() == Some(&'\\') {
                    chars.next();
                    chars.next();
                }
                return;
            }
            '\n' | '\r' => return,
            _ => {
                chars.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Asserts `clean(input) == want` for each pair.
    fn cleans_to(cases: &[(&str, &str)]) {
        for &(input, want) in cases {
            assert_eq!(clean(input), want, "{input:?}");
        }
    }

    #[test]
    fn clean_removes_whole_escape_sequences() {
        cleans_to(&[
            ("a\u{1b}[31mred\u{1b}[0m b", "ared b"),
            ("x\u{1b}]0;pwned\u{7}y", "xy"),
            ("x\u{1b}]52;c;aGVsbG8=\u{1b}\\y", "xy"),
            ("x\u{1b}P1$r\u{1b}\\y", "xy"),
            ("x\u{1b}_apc\u{9c}y", "xy"),
            ("x\u{9b}2Jy", "xy"),
            ("x\u{1b}(By", "xy"),
            ("x\u{1b}cy", "xy"),
        ]);
    }

    #[test]
    fn clean_removes_only_what_belongs_to_a_sequence() {
        cleans_to(&[
            ("Vi\u{1b}ệt", "Việt"),
            ("one\u{1b}\rtwo", "one\ntwo"),
            ("one\u{1b}(\ntwo", "one\ntwo"),
            ("a\u{1b}\u{1b}[31mred", "ared"),
            ("x\u{1b}]0;t\u{1b}[1mbold", "xbold"),
            ("x\u{1b}7y\u{1b}=z", "xyz"),
        ]);
    }

    #[test]
    fn clean_unterminated_string_stops_at_line_break() {
        assert_eq!(clean("a\u{1b}]0;title\nstory"), "a\nstory");
    }

    #[test]
    fn clean_controls_bidi_and_carriage_returns() {
        assert_eq!(clean("a\u{0}b\u{7f}c\u{85}d"), "abcd");
        assert_eq!(
            clean("evil\u{202e}txt.exe\u{2066}x\u{2069}"),
            "eviltxt.exex"
        );
        assert_eq!(clean("one\r\ntwo\rthree"), "one\ntwo\nthree");
        // Found by fuzzing: a line separator inside a paragraph broke the line-width count.
        assert_eq!(clean("a\u{2028}b\u{2029}c"), "a\nb\n\nc");
    }

    #[test]
    fn clean_expands_tabs_to_stops() {
        assert_eq!(clean("a\tb"), "a   b");
        assert_eq!(clean("\tb"), "    b");
        assert_eq!(clean("abcd\te\nx\ty"), "abcd    e\nx   y");
    }

    #[test]
    fn clean_normalizes_to_nfc() {
        let nfd = "Vie\u{302}\u{323}t Nam";
        assert_eq!(clean(nfd), "Việt Nam");
        assert_eq!(clean("Việt Nam"), "Việt Nam");
    }

    #[test]
    fn characters_kept_composed_are_plain_and_nfc() {
        use unicode_normalization::char::canonical_combining_class;
        let kept: Vec<char> = (0..=0x10ffff_u32)
            .filter_map(char::from_u32)
            .filter(|&c| is_kept_composed(c))
            .collect();
        assert_eq!(kept.len(), 1 + 0x5f + 0x260 + 0x100 + 0xc + 0x18);
        for c in kept {
            assert!(is_plain(c), "{c:?} is changed by clean");
            assert!(is_nfc(c.encode_utf8(&mut [0; 4])), "{c:?} is not NFC");
            let class = canonical_combining_class(c);
            assert_eq!(class, 0, "{c:?} has a combining class");
        }
        // Neighbours that are not: a C1 control, the first combining mark, a space that
        // decomposes, a directional mark.
        for c in ['\u{9f}', '\u{300}', '\u{2001}', '\u{200e}'] {
            assert!(!is_kept_composed(c), "{c:?}");
        }
    }

    proptest::proptest! {
        /// `is_clean` with its shortcut says what the plain definition says: every character
        /// kept as it is, and the whole text in NFC.
        #[test]
        fn is_clean_agrees_with_the_normalization_tables(
            chars in proptest::collection::vec(
                proptest::prop_oneof![
                    4 => proptest::char::range('\u{a0}', '\u{2ff}'),
                    4 => proptest::char::range('\u{1e00}', '\u{1eff}'),
                    1 => proptest::char::range('\u{2000}', '\u{2030}'),
                    1 => proptest::char::range('\u{300}', '\u{36f}'),
                    1 => proptest::sample::select(vec![
                        'a', ' ', '\n', '\u{1b}', '\u{85}', '\u{200e}', 'Å', '\u{212b}', '\u{fb01}', '\u{202e}',
                    ]),
                ],
                0..12,
            )
        ) {
            let text: String = chars.into_iter().collect();
            let plain = text.chars().all(is_plain) && is_nfc(&text);
            proptest::prop_assert_eq!(is_clean(&text), plain);
        }
    }
}
