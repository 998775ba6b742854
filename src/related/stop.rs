//! Stop words: the words of each language too common to relate stories by, and which
//! language's list applies to a text. The lists are NLTK's (the `stop-words` crate, some 30
//! languages) with what `stop-words.txt` adds: Vietnamese, which NLTK lacks, words common in
//! headlines (`new`, `says`), and the pieces of web addresses. A text is in its declared
//! language unless its words hit another list more; with none declared, in the language
//! whose list its words hit most, told per story, so merged feeds in several languages work.

use std::collections::HashMap;
use std::sync::LazyLock;

/// Languages, one bit each (in the order they were read), as a set.
pub type Languages = u64;

/// What `stop-words.txt` adds: `code: word word …` lines; `#` starts a comment line.
const ADDED: &str = include_str!("stop-words.txt");

/// The bit of the `*` list, whose words are stop words whatever the language.
const EVERY: Languages = 1 << 63;

/// Languages with a list, at most: one bit each below [`EVERY`].
const MOST_LANGUAGES: usize = 63;

/// Each stop word with the languages it is a stop word of, and the languages' codes.
#[derive(Default)]
struct Lists {
    words: HashMap<&'static str, Languages, foldhash::fast::FixedState>,
    /// The language codes, by bit.
    codes: Vec<&'static str>,
}

impl Lists {
    /// The bit of `code`, given one if it has none yet and there is room.
    fn bit(&mut self, code: &'static str) -> Languages {
        if code == "*" {
            return EVERY;
        }
        match self.codes.iter().position(|&c| c == code) {
            Some(at) => 1 << at,
            None if self.codes.len() < MOST_LANGUAGES => {
                self.codes.push(code);
                1 << (self.codes.len() - 1)
            }
            None => 0,
        }
    }

    fn add(&mut self, word: &'static str, bit: Languages) {
        // A word that is not one word as the index splits text (`don't`) never matches.
        if bit != 0 && !word.is_empty() && word.chars().all(char::is_alphanumeric) {
            *self.words.entry(word).or_default() |= bit;
        }
    }
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let mut lists = Lists::default();
    // Languages only: NLTK also has a list for a mix (`hinglish`).
    for &code in stop_words::available_languages() {
        if code.len() == 2
            && let Some(words) = stop_words::lookup(code)
        {
            let bit = lists.bit(code);
            words.iter().for_each(|word| lists.add(word, bit));
        }
    }
    for line in ADDED.lines().filter(|l| !l.starts_with('#')) {
        if let Some((code, words)) = line.split_once(':') {
            let bit = lists.bit(code.trim());
            words
                .split_whitespace()
                .for_each(|word| lists.add(word, bit));
        }
    }
    lists
});

/// Vietnamese, whose words are pairs of syllables.
pub static VIETNAMESE: LazyLock<Languages> = LazyLock::new(|| language("vi"));

/// The language a BCP 47 tag (`en-US`, `vi`, `IT-it`, `en_US`) names, if it has a list.
pub fn language(tag: &str) -> Languages {
    let primary = tag.split(['-', '_']).next().unwrap_or("").trim();
    LISTS
        .codes
        .iter()
        .position(|c| c.eq_ignore_ascii_case(primary))
        .map_or(0, |at| 1 << at)
}

/// The languages whose stop words `word` is one of, none if it is no stop word.
pub fn languages_of(word: &str) -> Languages {
    LISTS.words.get(word).copied().unwrap_or(0)
}

/// Counts, per language, the words of a text that are stop words of it, and of the texts
/// counted before it.
#[derive(Debug)]
pub struct Tally {
    hits: [u32; MOST_LANGUAGES],
    before: [u32; MOST_LANGUAGES],
    /// Whether `hits` holds anything: most titles have no stop word, and a million of them
    /// must not each pay for a pass over every language.
    counted: bool,
    /// What the texts before used most (see [`Tally::languages`]), kept as `before` changes.
    usual: Languages,
}

impl Default for Tally {
    fn default() -> Self {
        Tally {
            hits: [0; MOST_LANGUAGES],
            before: [0; MOST_LANGUAGES],
            counted: false,
            usual: 0,
        }
    }
}

/// Stop words a text must have of a language to be taken for it: one (`nas`, Portuguese for
/// `in the`, in `Sanity Check (NAS Build)`) is as often a word of another language.
const EVIDENCE: u32 = 2;

/// The languages whose count is `most`, as a set.
fn those_at(counts: &[u32; MOST_LANGUAGES], most: u32) -> Languages {
    (0..MOST_LANGUAGES)
        .filter(|&at| counts[at] == most)
        .fold(0, |set, at| set | 1 << at)
}

impl Tally {
    /// Starts counting the next text.
    pub fn next_text(&mut self) {
        if !std::mem::take(&mut self.counted) {
            return;
        }
        for (before, hits) in self.before.iter_mut().zip(&mut self.hits) {
            *before = before.saturating_add(std::mem::take(hits));
        }
        self.usual = match self.before.iter().copied().max() {
            Some(most) if most >= EVIDENCE => those_at(&self.before, most),
            _ => 0,
        };
    }

    /// Counts a word that is a stop word of `stop_in` (see [`languages_of`]).
    pub fn count(&mut self, stop_in: Languages) {
        // The `*` list says nothing of the language.
        let mut languages = stop_in & !EVERY;
        self.counted |= languages != 0;
        while languages != 0 {
            self.hits[languages.trailing_zeros() as usize] += 1;
            languages &= languages - 1;
        }
    }

    /// The language of the text counted, said to be `declared` (0: none, or one without a
    /// list; then the one the texts before it used most stands for it). That one holds
    /// unless the text has [`EVIDENCE`] of another and more of it; else the languages it
    /// has most of (a short text may tie, and each tied list then applies).
    pub fn languages(&self, declared: Languages) -> Languages {
        let usual = match declared {
            0 => self.usual,
            _ => declared,
        };
        if !self.counted {
            return usual;
        }
        let most = self.hits.iter().copied().max().unwrap_or(0);
        let of_usual = (0..MOST_LANGUAGES)
            .filter(|&at| usual & 1 << at != 0)
            .map(|at| self.hits[at])
            .max();
        if most < EVIDENCE || of_usual == Some(most) {
            return usual;
        }
        those_at(&self.hits, most)
    }
}

/// Whether `word`, a stop word of `stop_in` (see [`languages_of`]), says nothing in a text
/// in `languages`: a stop word of one of them or of every language, or a lone Latin letter
/// (the `s` of `it's`, an initial).
pub fn is_stop(word: &str, stop_in: Languages, languages: Languages) -> bool {
    let mut chars = word.chars();
    let lone_letter = chars.next().is_some_and(|c| c.is_ascii()) && chars.next().is_none();
    lone_letter || stop_in & (languages | EVERY) != 0
}

/// Whether `word` is a bare number (a year, a count): nothing alone, something beside a
/// word (`debian 11`, `covid 19`).
pub fn is_number(word: &str) -> bool {
    word.chars().all(char::is_numeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `word` is a stop word in a text in `languages`.
    fn stop(word: &str, languages: Languages) -> bool {
        is_stop(word, languages_of(word), languages)
    }

    fn detected(text: &str, declared: &str) -> Languages {
        let mut tally = Tally::default();
        text.split_whitespace()
            .for_each(|w| tally.count(languages_of(w)));
        tally.languages(language(declared))
    }

    /// The language of the last of `texts`, none declared.
    fn detected_after(texts: &[&str]) -> Languages {
        let mut tally = Tally::default();
        for text in texts {
            tally.next_text();
            text.split_whitespace()
                .for_each(|w| tally.count(languages_of(w)));
        }
        tally.languages(0)
    }

    #[test]
    fn english_german_french_spanish_and_vietnamese_have_lists() {
        let codes = ["en", "de", "fr", "es", "vi", "it", "pt", "nl", "ru"];
        let bits: Vec<Languages> = codes.iter().map(|c| language(c)).collect();
        for (code, bit) in codes.iter().zip(&bits) {
            assert_eq!(bit.count_ones(), 1, "{code}");
        }
        assert_eq!(bits.iter().fold(0, |a, b| a | b).count_ones(), 9);
        for (word, code) in [
            ("the", "en"),
            ("und", "de"),
            ("avec", "fr"),
            ("pero", "es"),
            ("của", "vi"),
        ] {
            assert_ne!(languages_of(word) & language(code), 0, "{word}");
        }
    }

    #[test]
    fn a_tag_names_its_language_by_its_first_part() {
        assert_eq!(language("en-US"), language("en"));
        assert_eq!(language("en_us"), language("en"));
        assert_eq!(language("IT-it"), language("it"));
        assert_eq!(language("vi"), languages_of("của") & !EVERY);
        assert_eq!(language("xx"), 0, "no such language");
        assert_eq!(language("hinglish"), 0, "a mix, not a language");
        assert_eq!(language(""), 0);
    }

    #[test]
    fn without_a_declared_language_a_text_is_in_the_one_it_uses_most() {
        assert_eq!(detected("the cat is on the mat", ""), language("en"));
        assert_eq!(detected("der Hund und die Katze", ""), language("de"));
        assert_eq!(
            detected("le chat et le chien avec nous", ""),
            language("fr")
        );
        assert_eq!(detected("el perro y el gato pero no", ""), language("es"));
        assert_eq!(detected("giá vàng của những ngày này", ""), language("vi"));
        assert_eq!(detected("xyz qwv", ""), 0, "no list hit");
        assert_eq!(
            detected("sanity check nas build", ""),
            0,
            "one hit is no evidence"
        );
    }

    #[test]
    fn a_text_with_little_evidence_is_in_the_language_of_those_before() {
        let en = language("en");
        let reddit = ["looking into ups for server rack", "sanity check nas build"];
        assert_eq!(detected_after(&reddit), en, "not Portuguese for its `nas`");
        assert!(!stop("nas", detected_after(&reddit)));
        assert_eq!(
            detected_after(&["the cat is on the mat", "der Hund und die Katze"]),
            language("de"),
            "a text that says enough is in its own language"
        );
        assert_eq!(detected_after(&["proxmox", "nas build"]), 0, "none yet");
    }

    #[test]
    fn the_declared_language_holds_unless_the_words_say_otherwise() {
        // `die` is a German stop word and an English word; `to` is English only.
        assert_eq!(detected("die hard to watch", "en"), language("en"));
        assert_eq!(detected("proxmox homelab", "en-US"), language("en"));
        assert_eq!(
            detected("der Hund und die Katze", "en"),
            language("de"),
            "a German story in a feed that says it is English"
        );
        assert_eq!(
            detected("the cat is on the mat", "ja"),
            language("en"),
            "a declared language without a list is no help"
        );
    }

    #[test]
    fn stop_words_and_bare_numbers_say_nothing() {
        let en = language("en");
        assert!(stop("the", en) && stop("my", en) && stop("new", en));
        assert!(!stop("the", language("de")), "not a German stop word");
        assert!(stop("die", language("de")) && !stop("die", en));
        assert!(!stop("vineyard", en) && !stop("40g", en));
        assert!(is_number("2026") && !is_number("40g"));
        assert!(stop("x", 0), "a lone letter");
        assert!(
            !stop("漢", 0),
            "one character of a script that writes words so"
        );
        assert!(
            stop("www", 0) && stop("https", en),
            "a piece of a web address"
        );
    }
}
