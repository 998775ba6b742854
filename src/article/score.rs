//! How an extracted article is measured against a reference (Readability's on the corpus of
//! `tests/articles/corpus`): the words of each, compared as multisets (word-level F1), and
//! titles and bylines compared as a reader would. Used by the corpus test and the bench.

use std::collections::HashMap;

use crate::bundle::Block;

/// The words of `text`, lower-cased: runs of letters and digits, each Han, kana or other
/// character of a script written without spaces a word of its own.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if unspaced(c) {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            out.push(c.to_string());
        } else if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Characters of scripts written without spaces between words (Han, kana, Thai…).
fn unspaced(c: char) -> bool {
    matches!(u32::from(c),
        0x0E00..=0x0E7F // Thai
        | 0x3040..=0x30FF // kana
        | 0x3400..=0x4DBF // Han extension A
        | 0x4E00..=0x9FFF // Han
        | 0xF900..=0xFAFF // Han compatibility
        | 0x20000..=0x2FFFF)
}

/// The text a reader reads in `blocks`: every block's words, image captions included, link
/// addresses (`<https://…>`, which the reader shows as numbers) left out.
pub fn text_of_blocks(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut add = |text: &str| {
        out.push_str(&without_addresses(text));
        out.push('\n');
    };
    for block in blocks {
        match block {
            Block::Paragraph(t) | Block::Heading(t) | Block::Quote(t) | Block::Code(t) => add(t),
            Block::Image { caption, .. } => add(caption),
            Block::List { items, .. } => items.iter().for_each(|i| add(i)),
            Block::Table(rows) => rows.iter().flatten().for_each(|c| add(c)),
        }
    }
    out
}

/// `text` without the `<address>` marks a link's text is followed by.
fn without_addresses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        match after.find('>') {
            Some(end)
                if !after[..end].contains(char::is_whitespace) && after[..end].contains(':') =>
            {
                rest = &after[end + 1..];
            }
            _ => {
                out.push('<');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Word-level F1 of `found` against `expected`: 1 when both have the same words as often,
/// 0 when they share none. Two empty texts agree.
pub fn f1(found: &[String], expected: &[String]) -> f64 {
    if found.is_empty() && expected.is_empty() {
        return 1.0;
    }
    let mut counts: HashMap<&str, i64> = HashMap::new();
    for w in expected {
        *counts.entry(w).or_default() += 1;
    }
    let mut shared = 0usize;
    for w in found {
        if let Some(n) = counts.get_mut(w.as_str())
            && *n > 0
        {
            *n -= 1;
            shared += 1;
        }
    }
    if shared == 0 {
        return 0.0;
    }
    let precision = shared as f64 / found.len() as f64;
    let recall = shared as f64 / expected.len() as f64;
    2.0 * precision * recall / (precision + recall)
}

/// Whether two titles (or bylines) say the same: equal once white space is collapsed and
/// case set aside. Nothing expected and nothing found agree.
pub fn same_line(found: Option<&str>, expected: Option<&str>) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let found = found.map(norm).filter(|s| !s.is_empty());
    let expected = expected.map(norm).filter(|s| !s.is_empty());
    found == expected
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_runs_and_unspaced_scripts_one_character_each() {
        assert_eq!(words("Đà Nẵng, 2026!"), ["đà", "nẵng", "2026"]);
        assert_eq!(words("東京ab"), ["東", "京", "ab"]);
        assert_eq!(words(" \n"), Vec::<String>::new());
    }

    #[test]
    fn f1_counts_each_word_as_often_as_it_is_there() {
        let w = |s: &str| words(s);
        assert_eq!(f1(&w("a b c"), &w("c b a")), 1.0);
        assert_eq!(f1(&w("a a"), &w("a")), 2.0 * 0.5 / 1.5);
        assert_eq!(f1(&w("x"), &w("y")), 0.0);
        assert_eq!(f1(&[], &[]), 1.0);
    }

    #[test]
    fn link_addresses_are_not_words_read() {
        let blocks = vec![
            Block::Paragraph("the plan <https://example.org/vote> a<b".into()),
            Block::Image {
                caption: "A caption".into(),
                url: None,
                alt: Some("alt".into()),
            },
        ];
        assert_eq!(
            words(&text_of_blocks(&blocks)),
            ["the", "plan", "a", "b", "a", "caption"]
        );
    }

    #[test]
    fn lines_match_whatever_their_spaces_and_case() {
        assert!(same_line(Some(" The  Title "), Some("the title")));
        assert!(same_line(None, Some("")));
        assert!(!same_line(Some("A"), None));
    }
}
