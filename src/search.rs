//! Matching that knows Vietnamese: a query without diacritics finds text with or without
//! them (`ha noi` finds `Hà Nội`, `dang` finds `Đặng`), a query with diacritics finds only
//! text with the same ones (smart-case for accents: `Hà Nội` does not find `Hà Nôi`). Case is
//! always folded.
//!
//! Folding maps every character to exactly one character (`ộ` → `o`, `Đ` → `d`), so a match
//! found in folded text is at the same character positions in the text as shown, which is
//! what highlighting needs. Text is NFC already (`text::clean`).

use std::ops::Range;

use unicode_normalization::char::decompose_canonical;

/// A character without its diacritics, lower-cased: the first character of its canonical
/// decomposition (the base letter), `đ` as `d`.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    // Latin letters with diacritics (Vietnamese's among them) from a table made once: a
    // search folds every title of a bundle, 100,000 of them in an archive.
    let code = u32::from(c);
    let table = LATIN.get_or_init(|| {
        let fold = |from: u32, to: u32| -> Vec<char> {
            (from..=to)
                .map(|n| char::from_u32(n).map_or('\0', slow_fold))
                .collect()
        };
        (fold(0xC0, 0x24F), fold(0x1E00, 0x1EFF))
    });
    let hit = match code {
        0xC0..=0x24F => table.0.get((code - 0xC0) as usize),
        0x1E00..=0x1EFF => table.1.get((code - 0x1E00) as usize),
        _ => None,
    };
    match hit {
        Some(&folded) if folded != '\0' => folded,
        _ => slow_fold(c),
    }
}

static LATIN: std::sync::OnceLock<(Vec<char>, Vec<char>)> = std::sync::OnceLock::new();

/// [`fold_char`] worked out from the character's canonical decomposition.
fn slow_fold(c: char) -> char {
    let mut base = None;
    decompose_canonical(c, |d| {
        base.get_or_insert(d);
    });
    let base = match base.unwrap_or(c) {
        'đ' | 'Đ' => 'd',
        b => b,
    };
    lower(base)
}

/// A character lower-cased, kept one character (the rare characters whose lower case is
/// longer keep their first).
pub fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Whether `c` carries a diacritic a Vietnamese reader types on purpose.
fn has_mark(c: char) -> bool {
    !c.is_ascii() && c.is_alphabetic() && fold_char(c) != lower(c)
}

/// A search query, ready to match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// The query as typed.
    pub text: String,
    /// Its characters as they are compared.
    chars: Vec<char>,
    /// Whether diacritics must match (the query has some).
    exact_marks: bool,
}

impl Query {
    /// `None` for a query of nothing but spaces.
    pub fn new(text: &str) -> Option<Query> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return None;
        }
        let exact_marks = trimmed.chars().any(has_mark);
        let chars = trimmed
            .chars()
            .map(|c| if exact_marks { lower(c) } else { fold_char(c) })
            .collect();
        Some(Query {
            text: text.to_owned(),
            chars,
            exact_marks,
        })
    }

    /// Whether diacritics must match (the query has some): compare with text lower-cased,
    /// not folded.
    pub fn exact_marks(&self) -> bool {
        self.exact_marks
    }

    /// The query as it is compared: folded, or lower-cased when diacritics must match.
    pub fn key_text(&self) -> String {
        self.chars.iter().collect()
    }

    fn key(&self, c: char) -> char {
        if self.exact_marks {
            lower(c)
        } else {
            fold_char(c)
        }
    }

    /// Whether `text` holds the query.
    pub fn matches(&self, text: &str) -> bool {
        self.first(text).is_some()
    }

    /// The first match in `text`, in characters.
    pub fn first(&self, text: &str) -> Option<Range<usize>> {
        self.all(text).next()
    }

    /// Every match in `text`, left to right, not overlapping, as character ranges.
    pub fn all<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        let folded: Vec<char> = text.chars().map(|c| self.key(c)).collect();
        let n = self.chars.len();
        let mut at = 0;
        std::iter::from_fn(move || {
            while at + n <= folded.len() {
                if folded[at..at + n] == self.chars[..] {
                    let found = at..at + n;
                    at += n;
                    return Some(found);
                }
                at += 1;
            }
            None
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finds(query: &str, text: &str) -> bool {
        Query::new(query).is_some_and(|q| q.matches(text))
    }

    #[test]
    fn folding_strips_vietnamese_diacritics_and_case() {
        let folded: String = "Đặng Quốc Khánh, Hà Nội, ƯỚC MƠ"
            .chars()
            .map(fold_char)
            .collect();
        assert_eq!(folded, "dang quoc khanh, ha noi, uoc mo");
        assert_eq!(fold_char('ơ'), 'o');
        assert_eq!(fold_char('日'), '日');
    }

    #[test]
    fn plain_queries_find_accented_text() {
        assert!(finds("ha noi", "Thủ đô Hà Nội"));
        assert!(finds("dang quoc khanh", "Bộ trưởng Đặng Quốc Khánh"));
        assert!(finds("HA NOI", "hà nội"));
        assert!(!finds("ha noi", "Hải Phòng"));
    }

    #[test]
    fn accented_queries_find_only_the_same_accents() {
        assert!(finds("Hà Nội", "thủ đô hà nội"));
        assert!(!finds("Hà Nội", "Hà Nôi"));
        assert!(!finds("hà nội", "Ha Noi"));
        assert!(finds("Đặng", "đặng"));
    }

    #[test]
    fn matches_are_character_ranges_of_the_shown_text() {
        let q = Query::new("noi").unwrap();
        let text = "Hà Nội, nội thành";
        let found: Vec<_> = q.all(text).collect();
        assert_eq!(found, [3..6, 8..11]);
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[3..6].iter().collect::<String>(), "Nội");
        assert!(Query::new("   ").is_none());
    }
}
