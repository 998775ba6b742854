//! The words of a line, as the Unicode line breaking rules (UAX #14) find them, with the
//! spaces after each: news prose is split in one pass over its characters, a chunk between
//! spaces at a time ([`chunk_words`]); only what that pass does not know is asked of the
//! rules. And the parts of a word that a line may end after (its hyphens).

use super::SOFT_HYPHEN;
use super::measure::is_single_cell;

/// The words of `line` with the spaces after each, as the Unicode line breaking rules split
/// it (textwrap's `UnicodeBreakProperties`).
pub(super) fn unicode_words(line: &str) -> impl Iterator<Item = Word<'_>> {
    textwrap::WordSeparator::UnicodeBreakProperties
        .find_words(line)
        .map(|w| Word::unicode(w.word, w.whitespace))
}

/// One word of a line for `pieces`: the word, the spaces after it, and its width when it is
/// known to be drawn one column a character and never split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Word<'a> {
    pub(super) word: &'a str,
    pub(super) spaces: &'a str,
    pub(super) plain: Option<usize>,
}

impl<'a> Word<'a> {
    /// A word found by the Unicode rules, measured later.
    fn unicode(word: &'a str, spaces: &'a str) -> Self {
        Word {
            word,
            spaces,
            plain: None,
        }
    }
}

/// How a character takes part in splitting a line at its spaces (see [`chunk_words`]), by
/// its class in the Unicode line breaking rules (UAX #14). Every character but `Other` is
/// one column wide and not a soft hyphen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BreakClass {
    Space,
    /// Latin and Vietnamese letters (AL), the middle dot (AI, which the rules take as AL),
    /// digits (NU).
    Letter,
    /// `, . : ;` (IS): no break before one, nor between one and a letter or digit after it.
    Infix,
    /// `(`, `[` and `“` (OP, opening QU): no break after one.
    Opening,
    /// `"` and `'` (QU, neither opening nor closing): no break before or after one.
    Quote,
    /// `)`, `]`, `”`, `…`, `!` and `?` (CP, closing QU, IN, EX): no break before one.
    Closing,
    /// `%` (PO): no break between a digit and it.
    Percent,
    /// `/`, `-` and `–` (SY, HY, BA): breaks after them depend on what follows.
    Breaking,
    /// Anything else.
    Other,
}

fn break_class(c: char) -> BreakClass {
    match ASCII_CLASSES.get(c as usize) {
        Some(&class) => class,
        None => class_of(c),
    }
}

/// [`break_class`] of each ASCII character, looked up: most characters of a story are ASCII, and
/// the match below tests them one range after another.
const ASCII_CLASSES: [BreakClass; 128] = {
    let mut table = [BreakClass::Other; 128];
    let mut i = 0;
    while i < 128 {
        table[i] = class_of(i as u8 as char);
        i += 1;
    }
    table
};

const fn class_of(c: char) -> BreakClass {
    match c {
        ' ' => BreakClass::Space,
        'a'..='z'
        | 'A'..='Z'
        | '0'..='9'
        | '\u{c0}'..='\u{d6}'
        | '\u{d8}'..='\u{f6}'
        | '\u{f8}'..='\u{24f}'
        | '\u{1ea0}'..='\u{1ef9}'
        | '·' => BreakClass::Letter,
        ',' | '.' | ':' | ';' => BreakClass::Infix,
        '(' | '[' | '“' => BreakClass::Opening,
        '"' | '\'' => BreakClass::Quote,
        ')' | ']' | '”' | '…' | '!' | '?' => BreakClass::Closing,
        '%' => BreakClass::Percent,
        '/' | '-' | '–' => BreakClass::Breaking,
        _ => BreakClass::Other,
    }
}

/// Where a chunk is in the shape of a word the rules never break inside: opening punctuation,
/// then letters, digits and `, . : ;` (with `/` between digits), then closing punctuation
/// (`(Điện`, `Biên),`, `5%`, `“cơ`, `hội”…`, `[1]`, `31/1/2026.`); or a lone dash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ChunkShape {
    Start,
    Opening,
    Letters,
    /// After a `/` that follows a digit: a digit must come next.
    Slash,
    Closing,
    /// A `-` or `–` alone so far.
    Dash,
    /// Not one of those shapes: the rules are asked.
    Other,
}

impl ChunkShape {
    /// The shape after `c`, of class `class`, `before` being the character before it.
    fn then(self, class: BreakClass, c: char, before: char) -> ChunkShape {
        match (self, class) {
            (ChunkShape::Start | ChunkShape::Opening, BreakClass::Opening | BreakClass::Quote) => {
                ChunkShape::Opening
            }
            (
                ChunkShape::Start | ChunkShape::Opening | ChunkShape::Letters,
                BreakClass::Letter | BreakClass::Infix,
            ) => ChunkShape::Letters,
            (ChunkShape::Slash, BreakClass::Letter) if c.is_ascii_digit() => ChunkShape::Letters,
            (
                ChunkShape::Letters | ChunkShape::Closing,
                BreakClass::Closing | BreakClass::Quote | BreakClass::Infix,
            ) => ChunkShape::Closing,
            (ChunkShape::Letters | ChunkShape::Closing, BreakClass::Percent)
                if before.is_ascii_digit() =>
            {
                ChunkShape::Closing
            }
            (ChunkShape::Letters, BreakClass::Breaking) if c == '/' && before.is_ascii_digit() => {
                ChunkShape::Slash
            }
            (ChunkShape::Start, BreakClass::Breaking) if c != '/' => ChunkShape::Dash,
            _ => ChunkShape::Other,
        }
    }
}

/// The words of `line` (trimmed) as [`unicode_words`] finds them, appended to `out`, found
/// in one pass over the characters, with the rules asked only about the chunks between spaces
/// that are not of one [`ChunkShape`] (`Đức–Trí`, `COVID-19`), when no rule reaches across a
/// space: no character is [`BreakClass::Other`], no chunk after a space starts with a character the
/// rules never break before (`) ] , . : ; ! ? /` and a closing quote), and none before a space
/// ends with one they never break after (`( [` and an opening quote). A chunk of one of those
/// shapes is one word. A test holds the words equal to the rules' for the whole line. `false`
/// (and `out` as it was) for any other line.
pub(super) fn chunk_words<'a>(line: &'a str, out: &mut Vec<Word<'a>>) -> bool {
    // textwrap drops the break at the end of a line, and after a hyphen it has dropped that
    // one already: then it drops the one before, wherever it is.
    if line.ends_with('-') {
        return false;
    }
    let before = out.len();
    let mut chars = line.char_indices().peekable();
    while let Some(&(start, first)) = chars.peek() {
        if start > 0
            && matches!(
                first,
                ')' | ']' | ',' | '.' | ':' | ';' | '!' | '?' | '/' | '”' | '"' | '\''
            )
        {
            out.truncate(before);
            return false;
        }
        let (mut count, mut shape, mut last) = (0, ChunkShape::Start, first);
        let mut end = line.len();
        while let Some(&(i, c)) = chars.peek() {
            match break_class(c) {
                BreakClass::Space => {
                    end = i;
                    break;
                }
                BreakClass::Other => {
                    out.truncate(before);
                    return false;
                }
                class => shape = shape.then(class, c, last),
            }
            count += 1;
            last = c;
            chars.next();
        }
        let mut after = end;
        while chars.next_if(|&(_, c)| c == ' ').is_some() {
            after += 1;
        }
        if after < line.len() && matches!(last, '(' | '[' | '“' | '"' | '\'') {
            out.truncate(before);
            return false;
        }
        let (word, spaces) = (&line[start..end], &line[end..after]);
        if matches!(shape, ChunkShape::Letters | ChunkShape::Closing) {
            out.push(Word {
                word,
                spaces,
                plain: Some(count),
            });
        } else if shape == ChunkShape::Dash {
            // One word, as the rules find it; measured by the general case (a hyphen is).
            out.push(Word::unicode(word, spaces));
        } else {
            // Asked with the spaces after it: textwrap drops the break at the end of what it
            // is given, and after a chunk's spaces that is the break at the spaces.
            out.extend(unicode_words(&line[start..after]));
        }
    }
    true
}

/// The width of `word` when it is drawn as it is and never split: no hyphen, soft hyphen or
/// zero-width space, and every character one column wide ([`is_single_cell`]). One pass,
/// where the general case looks at the word four times.
pub(super) fn plain_width(word: &str) -> Option<usize> {
    let mut n = 0;
    for c in word.chars() {
        if c == '-' || c == SOFT_HYPHEN || !is_single_cell(c) {
            return None;
        }
        n += 1;
    }
    Some(n)
}

/// Splits a word after each hyphen or soft hyphen that follows a letter or digit.
pub(super) fn split_after_hyphens(word: &str) -> impl Iterator<Item = &str> {
    let mut rest = word;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        // Most words have no hyphen at all: no per-character work for them.
        let mut cut = rest.len();
        if rest.contains(['-', SOFT_HYPHEN]) {
            let mut prev = None;
            for (i, c) in rest.char_indices() {
                let end = i + c.len_utf8();
                if (c == '-' || c == SOFT_HYPHEN)
                    && prev.is_some_and(char::is_alphanumeric)
                    && end < rest.len()
                {
                    cut = end;
                    break;
                }
                prev = Some(c);
            }
        }
        let (part, after) = rest.split_at(cut);
        rest = after;
        Some(part)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{visible, width};

    /// The words and the spaces after them, without their widths.
    fn texts<'a>(words: impl IntoIterator<Item = Word<'a>>) -> Vec<(&'a str, &'a str)> {
        words.into_iter().map(|w| (w.word, w.spaces)).collect()
    }

    /// The words `chunk_words` finds in `line`, without their widths.
    fn chunked(line: &str) -> Option<Vec<(&str, &str)>> {
        let mut words = Vec::new();
        chunk_words(line, &mut words).then(|| texts(words))
    }

    #[test]
    fn every_class_but_other_is_one_column() {
        let all = (0..=u32::from(char::MAX)).filter_map(char::from_u32);
        for c in all.filter(|&c| break_class(c) != BreakClass::Other) {
            assert!(is_single_cell(c) && c != SOFT_HYPHEN, "{c:?}");
        }
    }

    #[test]
    fn words_found_a_chunk_at_a_time_where_textwrap_drops_a_break() {
        // textwrap drops the break at the end of what it is given; after a hyphen it drops
        // the one before instead: chunks are asked with their spaces, and a line ending in a
        // hyphen is asked whole.
        for line in ["/a- a", "a -", "31/1/2026 (Ngày Nay) - Đức – Trí…", "a-b c"] {
            if let Some(words) = chunked(line) {
                assert_eq!(words, texts(unicode_words(line)), "{line:?}");
            }
        }
        assert_eq!(chunked("a -"), None);
        assert!(chunked("31/1/2026 (Ngày Nay) - Đức").is_some());
    }

    #[test]
    fn news_prose_is_split_in_one_pass() {
        let line = "Bộ trưởng Đặng Quốc Khánh khẳng định, hợp tác giữa hai Bộ (Điện Biên) \
                    đã mang lại 5% “cơ hội”… ngày 31/1/2026 [1] – Đức–Trí.";
        let mut words = Vec::new();
        assert!(chunk_words(line, &mut words));
        // `Đức–Trí.` is asked of the rules, and breaks after the dash.
        assert_eq!(
            words[words.len() - 3..],
            [
                Word::unicode("–", " "),
                Word::unicode("Đức–", ""),
                Word::unicode("Trí.", "")
            ]
        );
        assert_eq!(
            words[0],
            Word {
                word: "Bộ",
                spaces: " ",
                plain: Some(2)
            }
        );
        assert_eq!(
            words.iter().filter(|w| w.plain.is_some()).count(),
            words.len() - 3,
            "{words:?}"
        );
        // A character the pass does not know sends the whole line to the rules, `out` as it
        // was.
        let mut words = vec![words[0]];
        assert!(!chunk_words("Hà Nội 日本", &mut words));
        assert_eq!(words.len(), 1);
    }

    proptest::proptest! {
        /// A word `plain_width` measures is one piece of that width, as the general case
        /// finds it.
        #[test]
        fn plain_words_are_one_piece_as_wide_as_measured(
            word in "[a-zà-ỹ.,;:!?“”()0-9\u{ad}\u{200b}\u{301}\u{3000}日😀-]{1,12}"
        ) {
            if let Some(w) = plain_width(&word) {
                let parts: Vec<&str> = split_after_hyphens(&word).collect();
                proptest::prop_assert_eq!(parts, [word.as_str()]);
                proptest::prop_assert_eq!(width(&visible(&word)), w);
                proptest::prop_assert!(!word.ends_with(SOFT_HYPHEN));
            }
        }

        /// Where `pieces` splits a line a chunk at a time, the words are the ones the
        /// Unicode rules give for the whole line, and a word it measures is one piece of that
        /// width, as the general case finds it.
        #[test]
        fn words_found_a_chunk_at_a_time_are_the_unicode_rules_words(
            chars in proptest::collection::vec(
                proptest::prop_oneof![
                    4 => proptest::sample::select(
                        (0..=0x1eff_u32)
                            .filter_map(char::from_u32)
                            .filter(|&c| matches!(break_class(c), BreakClass::Letter | BreakClass::Infix))
                            .collect::<Vec<_>>(),
                    ),
                    4 => proptest::sample::select(vec!['a', 'đ', 'ế', 'Z', '1', '9', ' ', ' ']),
                    3 => proptest::sample::select(vec![
                        '(', ')', '/', '-', '–', '…', '%', '!', '?', '"', '\'', '“', '”', ',', '.', ':', ';',
                        '[', ']', '·', '1', '2', '/',
                    ]),
                    1 => proptest::sample::select(vec!['日', '\u{ad}', '\u{3000}', '—', '\u{301}', '{', '«']),
                ],
                0..30,
            )
        ) {
            let line: String = chars.into_iter().collect();
            let line = line.trim();
            let mut words = Vec::new();
            if chunk_words(line, &mut words) {
                proptest::prop_assert_eq!(texts(words.iter().copied()), texts(unicode_words(line)));
                for w in words.iter().filter(|w| w.plain.is_some()) {
                    proptest::prop_assert_eq!(w.plain, plain_width(w.word));
                    proptest::prop_assert_eq!(w.plain, Some(width(w.word)));
                    proptest::prop_assert!(w.spaces.bytes().all(|b| b == b' '));
                }
            } else {
                proptest::prop_assert!(words.is_empty());
            }
        }
    }
}
