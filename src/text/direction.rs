//! Which way text runs: a paragraph goes the way its first letter does (the Unicode
//! bidirectional algorithm's rule for a paragraph's direction, without the isolates a story
//! never holds once cleaned). The terminal is always given the text in logical order.

/// Whether `c` is a letter of a script written right to left (Hebrew, Arabic, Syriac, Thaana,
/// N'Ko and their kin).
fn right_to_left(c: char) -> bool {
    matches!(u32::from(c),
        0x0590..=0x08FF
        | 0xFB1D..=0xFDFF
        | 0xFE70..=0xFEFF
        | 0x10800..=0x10FFF
        | 0x1E800..=0x1EFFF)
}

/// Whether `text` runs right to left: its first letter is of a right-to-left script.
pub fn starts_right_to_left(text: &str) -> bool {
    text.chars()
        .find(|&c| right_to_left(c) || c.is_alphabetic())
        .is_some_and(right_to_left)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paragraph_goes_the_way_of_its_first_letter() {
        assert!(starts_right_to_left("«שלום» world"));
        assert!(starts_right_to_left("123 مرحبا"));
        assert!(!starts_right_to_left("Hello مرحبا"));
        assert!(!starts_right_to_left("Việt Nam"));
        assert!(!starts_right_to_left("1, 2, 3"));
    }
}
