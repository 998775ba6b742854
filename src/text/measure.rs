//! Measuring clean text in terminal columns, exactly as ratatui draws it, and cutting it to a
//! width; with the one table of one-column characters ([`one_column`]) that lets text made
//! of them be measured, cut and drawn a character at a time, without grapheme segmentation.

use std::borrow::Cow;

use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;

use super::SOFT_HYPHEN;

/// Display width of one grapheme cluster, exactly as ratatui's buffer counts it.
pub fn grapheme_width(grapheme: &str) -> usize {
    if grapheme.contains(char::is_control) {
        0
    } else {
        usize::from(grapheme.cell_width())
    }
}

/// The one table of characters that are always a grapheme cluster of their own and one
/// column wide (or zero, for the soft hyphen). Everything that measures or draws text a
/// character at a time asks it: [`is_single_cell`] here, `ui` when it writes cells without
/// ratatui's segmentation (and its prototype cells, made for the letters), and the
/// presenter when it tells how many columns a cell's symbol takes. Subsets named here are
/// what those faster paths cover; tests hold each of them to this table.
pub(crate) mod one_column {
    use std::ops::RangeInclusive;

    /// Printable ASCII.
    pub(crate) const ASCII: RangeInclusive<char> = ' '..='~';
    /// Latin-1 (the soft hyphen U+00AD among it), Latin Extended-A and -B (Vietnamese's ơ, ư,
    /// đ), IPA and spacing modifier letters: up to the combining marks at U+0300.
    pub(crate) const LATIN: RangeInclusive<char> = '\u{a0}'..='\u{2ff}';
    /// Latin Extended Additional: Vietnamese's precomposed letters.
    pub(crate) const VIETNAMESE: RangeInclusive<char> = '\u{1e00}'..='\u{1eff}';
    /// Dashes, quotes, bullets, the ellipsis (general punctuation up to U+2027).
    pub(crate) const PUNCTUATION: RangeInclusive<char> = '\u{2010}'..='\u{2027}';
    /// The rest of general punctuation that is one column: per mille, primes, angle quotes.
    pub(crate) const MORE_PUNCTUATION: RangeInclusive<char> = '\u{2030}'..='\u{205e}';
    /// Box drawing and block elements: every pane's border and scrollbar.
    pub(crate) const BOX_DRAWING: RangeInclusive<char> = '\u{2500}'..='\u{259f}';
    /// The reader's own markers (an image, audio).
    pub(crate) const MARKERS: [char; 2] = ['▣', '♪'];

    /// The whole table, most frequent first.
    pub(crate) const ALL: [RangeInclusive<char>; 8] = [
        ASCII,
        LATIN,
        VIETNAMESE,
        PUNCTUATION,
        MORE_PUNCTUATION,
        BOX_DRAWING,
        MARKERS[0]..=MARKERS[0],
        MARKERS[1]..=MARKERS[1],
    ];
}

/// A character of the table of one-column characters ([`one_column`]): always a grapheme
/// cluster of its own, one column wide (or zero, for the soft hyphen).
#[inline]
pub fn is_single_cell(c: char) -> bool {
    // A constant table: the compiler unrolls this into one range check a row.
    one_column::ALL.iter().any(|range| range.contains(&c))
}

/// Display width of clean text, in terminal columns.
pub fn width(text: &str) -> usize {
    if text.is_ascii() {
        return text.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    // Most text is one column per character (see `is_single_cell`): no segmentation needed.
    if text.chars().all(is_single_cell) {
        return text.chars().filter(|&c| c != SOFT_HYPHEN).count();
    }
    text.graphemes(true).map(grapheme_width).sum()
}

/// Cuts `text` to at most `max` columns, ending with `…` when something was cut. Never splits
/// a grapheme cluster.
///
/// ```
/// use newsterm::text::truncate;
/// assert_eq!(truncate("Hà Nội mùa thu", 7), "Hà Nội…");
/// assert_eq!(truncate("日本語", 5), "日本…");
/// ```
pub fn truncate(text: &str, max: usize) -> Cow<'_, str> {
    if width(text) <= max {
        return Cow::Borrowed(text);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    // Most headlines are one column per character: cut by characters, no segmentation. Each
    // character is then a grapheme, measured exactly as a grapheme is.
    if text.chars().all(is_single_cell) {
        let characters = text.char_indices().map(|(i, c)| &text[i..i + c.len_utf8()]);
        return Cow::Owned(cut(characters, max));
    }
    Cow::Owned(cut(text.graphemes(true), max))
}

/// How many bytes of `text` fit in `max` columns, never splitting a grapheme cluster: at least
/// one grapheme when `text` is not empty, so that cutting a line into pieces always moves on.
///
/// ```
/// use newsterm::text::fit;
/// assert_eq!(fit("Hà Nội", 3), "Hà ".len());
/// assert_eq!(fit("日本", 3), "日".len());
/// assert_eq!(fit("日本", 1), "日".len());
/// ```
pub fn fit(text: &str, max: usize) -> usize {
    let mut used = 0;
    let mut end = 0;
    for (at, g) in text.grapheme_indices(true) {
        used += grapheme_width(g);
        if used > max && at > 0 {
            break;
        }
        end = at + g.len();
    }
    end
}

/// The leading `graphemes` that fit `max - 1` columns (`max` at least 1), then `…`.
fn cut<'a>(graphemes: impl Iterator<Item = &'a str>, max: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for g in graphemes {
        let w = grapheme_width(g);
        if used + w > max - 1 {
            break;
        }
        out.push_str(g);
        used += w;
    }
    // "đáp …" reads worse than "đáp…": the ellipsis stands for the cut, not a space.
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_cell_characters_are_one_column_wide() {
        use unicode_width::UnicodeWidthChar;
        let all = (0..=u32::from(char::MAX)).filter_map(char::from_u32);
        for c in all.filter(|&c| is_single_cell(c) && c != SOFT_HYPHEN) {
            assert_eq!(c.width(), Some(1), "{c:?}");
            assert_eq!(grapheme_width(c.encode_utf8(&mut [0; 4])), 1, "{c:?}");
        }
    }

    #[test]
    fn width_counts_graphemes_like_ratatui() {
        assert_eq!(width("Việt"), 4);
        assert_eq!(width("日本"), 4);
        assert_eq!(width("👍🏽"), 2);
        assert_eq!(width("e\u{301}"), 1);
        assert_eq!(
            width("\u{ad}"),
            0,
            "ratatui would append it to the cell before"
        );
    }

    #[test]
    fn truncating_by_characters_equals_truncating_by_graphemes() {
        for text in [
            "Việt Nam - Hàn Quốc hợp tác toàn diện trong lĩnh vực môi trường",
            "Cận cảnh phòng học “5 sao” tại trường",
            "soft\u{ad}hy\u{ad}phen and – dashes — ‘quotes’ …",
        ] {
            for max in 1..text.chars().count() {
                if width(text) > max {
                    assert_eq!(
                        truncate(text, max),
                        cut(text.graphemes(true), max),
                        "{text} {max}"
                    );
                }
            }
        }
    }

    #[test]
    fn truncate_ends_with_ellipsis_on_a_boundary() {
        assert_eq!(truncate("Hà Nội", 10), "Hà Nội");
        assert_eq!(truncate("Hà Nội mùa thu", 6), "Hà Nộ…");
        assert_eq!(truncate("日本語", 4), "日…");
        assert_eq!(truncate("日本語", 0), "");
        assert_eq!(truncate("abc", 1), "…");
        assert_eq!(truncate("ab cd", 4), "ab…");
    }
}
