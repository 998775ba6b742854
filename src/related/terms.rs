//! A story's terms: lower-cased syllables and pairs of neighbouring syllables within a
//! phrase, and which of them say something once the story's language is known (no stop word
//! in them, not numbers alone).

use super::stop;

/// Calls `each` with the terms of a text, in order: lower-cased syllables, and each pair of
/// neighbouring syllables within a phrase (punctuation ends a phrase). One buffer serves every
/// term, so indexing a story allocates nothing per term.
pub(super) fn each_term(text: &str, mut each: impl FnMut(&str)) {
    // `pair` is the previous syllable, a space and the current one; `at` is where the
    // current one starts in it, or `None` when there is no previous syllable in the phrase.
    let mut pair = String::new();
    let mut at: Option<usize> = None;
    let mut word_start = 0;
    let mut flush = |pair: &mut String, at: &mut Option<usize>, word_start: usize, ends: bool| {
        if pair.len() > word_start {
            if at.is_some() {
                each(pair);
            }
            each(&pair[word_start..]);
            // The current syllable becomes the previous one, moved within the buffer.
            pair.drain(..word_start);
            pair.push(' ');
            *at = Some(pair.len());
        }
        if ends {
            pair.clear();
            *at = None;
        }
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            pair.push(crate::search::lower(c));
        } else {
            flush(&mut pair, &mut at, word_start, !c.is_whitespace());
            word_start = at.unwrap_or(0);
        }
    }
    flush(&mut pair, &mut at, word_start, true);
}

/// The terms of a text: lower-cased syllables, and each pair of neighbouring syllables
/// within a phrase (punctuation ends a phrase).
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_term(text, |t| out.push(t.to_owned()));
    out
}

/// A story's terms, in order, before its language is known: their texts one after another,
/// and what [`StoryTerms::each_content`] needs of each.
#[derive(Debug, Default)]
pub(super) struct StoryTerms {
    text: String,
    pub(super) terms: Vec<Term>,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Term {
    /// Where it ends in [`StoryTerms::text`].
    end: usize,
    /// For a pair, where its space is in the term; 0 for a syllable.
    space: usize,
    /// For a syllable, the languages it is a stop word of.
    pub(super) stop_in: stop::Languages,
    /// Whether it is a syllable that is a bare number.
    number: bool,
}

impl StoryTerms {
    pub(super) fn clear(&mut self) {
        self.text.clear();
        self.terms.clear();
    }

    pub(super) fn push(&mut self, term: &str) {
        let space = term.find(' ').unwrap_or(0);
        let single = space == 0;
        self.text.push_str(term);
        self.terms.push(Term {
            end: self.text.len(),
            space,
            stop_in: if single { stop::languages_of(term) } else { 0 },
            number: single && stop::is_number(term),
        });
    }

    /// Calls `each` with the terms that say something in a text in `languages`, and whether
    /// each is a pair: syllables neither stop words nor bare numbers, pairs with no stop word
    /// in them and not numbers alone (`debian 11` is one, `11 6` not).
    pub(super) fn each_content(
        &self,
        languages: stop::Languages,
        mut each: impl FnMut(&str, bool),
    ) {
        let mut start = 0;
        // The syllable before, which a pair starts with (each_term gives a pair right after
        // its first syllable and right before its second): the languages it is a stop word
        // of, and whether it is a number.
        let mut before = (0, false);
        for (k, term) in self.terms.iter().enumerate() {
            let text = self.text.get(start..term.end).unwrap_or("");
            start = term.end;
            let says = if term.space == 0 {
                before = (term.stop_in, term.number);
                !term.number && !stop::is_stop(text, term.stop_in, languages)
            } else {
                let a = text.get(..term.space).unwrap_or("");
                let b = text.get(term.space + 1..).unwrap_or("");
                let after = self
                    .terms
                    .get(k + 1)
                    .map_or((0, false), |t| (t.stop_in, t.number));
                let numbers = before.1 && after.1;
                !(numbers
                    || stop::is_stop(a, before.0, languages)
                    || stop::is_stop(b, after.0, languages))
            };
            if says {
                each(text, term.space != 0);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The terms by the definition, a `String` at a time: syllables, and pairs of neighbours
    /// within a phrase.
    fn terms_by_definition(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut previous: Option<String> = None;
        let mut word = String::new();
        for c in text.chars().chain(std::iter::once('.')) {
            if c.is_alphanumeric() {
                word.push(crate::search::lower(c));
                continue;
            }
            if !word.is_empty() {
                if let Some(p) = &previous {
                    out.push(format!("{p} {word}"));
                }
                out.push(word.clone());
                previous = Some(std::mem::take(&mut word));
            }
            if !c.is_whitespace() {
                previous = None;
            }
        }
        out
    }

    proptest! {
        #[test]
        fn terms_are_the_terms_by_definition(text in "[a-zA-Zàáạảãâầấậẩẫăđêếềơưữ0-9 ,.;:!?\\t\\n\u{3000}漢字🎉-]{0,60}") {
            prop_assert_eq!(terms(&text), terms_by_definition(&text));
        }

        #[test]
        fn terms_of_any_text_are_the_terms_by_definition(text in any::<String>()) {
            prop_assert_eq!(terms(&text), terms_by_definition(&text));
        }
    }

    #[test]
    fn syllables_and_their_pairs_within_a_phrase() {
        assert_eq!(
            terms("Môi trường, Biến đổi"),
            ["môi", "môi trường", "trường", "biến", "biến đổi", "đổi"]
        );
    }

    /// Whether `term` of a text in `languages` is kept as a term, alone in its text.
    fn is_content(term: &str, languages: stop::Languages) -> bool {
        let mut story = StoryTerms::default();
        each_term(term, |t| story.push(t));
        let mut kept = Vec::new();
        story.each_content(languages, |t, _| kept.push(t.to_owned()));
        kept.iter().any(|t| t == term)
    }

    proptest! {
        #[test]
        fn the_terms_kept_are_terms_with_no_stop_word(
            text in "([a-zA-Zàáạảãâầấậẩẫăđêếềơưữ0-9]{1,6}|the|my|on|to|und|die|của|và|năm|[ ,.])*",
            tag in prop::sample::select(vec!["", "en", "de", "vi", "ja"]),
        ) {
            let all = terms(&text);
            let mut story = StoryTerms::default();
            each_term(&text, |t| story.push(t));
            let languages = stop::language(tag);
            story.each_content(languages, |term, pair| {
                assert!(all.iter().any(|t| t == term), "{term:?}");
                assert_eq!(pair, term.contains(' '));
                for word in term.split(' ') {
                    let stop_in = stop::languages_of(word);
                    assert!(!stop::is_stop(word, stop_in, languages), "{term:?}");
                }
            });
        }
    }

    #[test]
    fn stop_words_and_numbers_are_no_terms_nor_the_pairs_they_are_in() {
        let en = stop::language("en");
        assert!(is_content("homelab", en) && is_content("debian 11", en));
        assert!(!is_content("my", en) && !is_content("my homelab", en));
        assert!(!is_content("on your", en) && !is_content("to email", en));
        assert!(!is_content("2026", en) && !is_content("11 6", en));
        assert!(is_content("die", en) && !is_content("die", stop::language("de")));
        let vi = stop::language("vi");
        assert!(!is_content("năm 2026", vi) && is_content("khí hậu", vi));
    }
}
