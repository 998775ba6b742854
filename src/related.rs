//! Related stories worked out from the text, for stories whose bundle gives none: TF-IDF
//! over the syllables of title and lead, and over pairs of syllables (Vietnamese words are
//! mostly two syllables: `môi trường`, `khí hậu`), cosine similarity, the best few above a
//! threshold, each with the terms it shares.

use std::collections::HashMap;

/// Stories shown as related, at most.
pub const MOST: usize = 5;

/// Below this similarity (cosine of the weighted terms) a story is not related enough to
/// show; news about the same school, disease or city scores 0.04-0.3.
const THRESHOLD: f32 = 0.03;

/// The index of every story's terms, built once, the first time it is needed.
#[derive(Debug, Default)]
pub struct Related {
    /// Term text by id.
    names: Vec<String>,
    /// Stories each term is in, with its weight there: a story's score is summed from these
    /// alone, without looking into the other story.
    postings: Vec<Vec<(u32, f32)>>,
    /// Each story's terms and their weights (unit length), by term id.
    docs: Vec<Vec<(u32, f32)>>,
}

/// The terms of a text: lower-cased syllables, and each pair of neighbouring syllables
/// within a phrase (punctuation ends a phrase).
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut previous: Option<String> = None;
    let mut word = String::new();
    let mut flush = |word: &mut String, previous: &mut Option<String>, ends_phrase: bool| {
        if !word.is_empty() {
            if let Some(p) = previous.as_ref() {
                out.push(format!("{p} {word}"));
            }
            out.push(word.clone());
            *previous = Some(std::mem::take(word));
        }
        if ends_phrase {
            *previous = None;
        }
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.push(crate::search::lower(c));
        } else {
            flush(&mut word, &mut previous, !c.is_whitespace());
        }
    }
    flush(&mut word, &mut previous, true);
    out
}

/// An index being built a story at a time (the terminal does it while no key is waiting,
/// so that the first story without related stories of its own does not wait for all of it).
/// Built in story order, it is the same index whether it was built at once or in steps.
#[derive(Debug, Default)]
pub struct Builder {
    ids: HashMap<String, u32>,
    names: Vec<String>,
    counts: Vec<Vec<(u32, u32)>>,
}

impl Builder {
    /// Stories indexed so far.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Indexes the next story's text.
    pub fn add(&mut self, text: &str) {
        let mut tf: HashMap<u32, u32> = HashMap::new();
        for term in terms(text) {
            let next = u32::try_from(self.names.len()).unwrap_or(u32::MAX);
            let names = &mut self.names;
            let id = *self.ids.entry(term).or_insert_with_key(|t| {
                names.push(t.clone());
                next
            });
            *tf.entry(id).or_default() += 1;
        }
        let mut tf: Vec<(u32, u32)> = tf.into_iter().collect();
        tf.sort_unstable();
        self.counts.push(tf);
    }

    /// The index of the stories added: weights need every story's terms, so they are worked
    /// out here.
    pub fn finish(self) -> Related {
        let Builder { names, counts, .. } = self;
        let mut df = vec![0u32; names.len()];
        for tf in &counts {
            for &(term, _) in tf {
                df[term as usize] += 1;
            }
        }
        let n = counts.len().max(1) as f32;
        let docs: Vec<Vec<(u32, f32)>> = counts
            .into_iter()
            .map(|tf| {
                let mut weights: Vec<(u32, f32)> = tf
                    .into_iter()
                    .map(|(term, count)| {
                        let df = df[term as usize] as f32;
                        (term, count as f32 * (n / df).ln())
                    })
                    .collect();
                let norm = weights.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
                if norm > 0.0 {
                    weights.iter_mut().for_each(|(_, w)| *w /= norm);
                }
                weights
            })
            .collect();
        let mut postings: Vec<Vec<(u32, f32)>> =
            df.iter().map(|&d| Vec::with_capacity(d as usize)).collect();
        for (story, weights) in docs.iter().enumerate() {
            let story = u32::try_from(story).unwrap_or(u32::MAX);
            for &(term, weight) in weights {
                postings[term as usize].push((story, weight));
            }
        }
        Related {
            names,
            postings,
            docs,
        }
    }
}

impl Related {
    /// Indexes `texts`, one per story, in story order.
    pub fn build<I: IntoIterator<Item = String>>(texts: I) -> Self {
        let mut builder = Builder::default();
        for text in texts {
            builder.add(&text);
        }
        builder.finish()
    }

    /// The stories most like `story`, best first: at most [`MOST`], above the threshold, each
    /// with up to three shared terms (phrases first) that say why.
    pub fn similar(&self, story: usize) -> Vec<(usize, Vec<String>)> {
        let Some(doc) = self.docs.get(story) else {
            return Vec::new();
        };
        let n = self.docs.len();
        // Terms in more than a quarter of a large bundle's stories say little and cost the
        // most; in a small one every term counts.
        let common = (n / 4).max(64);
        // One score per story, summed term by term in the story's order (so the same sums
        // as ever); a dense array, the postings being long.
        let mut scores = vec![0f32; n];
        for &(term, weight) in doc {
            let stories = &self.postings[term as usize];
            if stories.len() > common {
                continue;
            }
            for &(other, w) in stories {
                scores[other as usize] += weight * w;
            }
        }
        let mut best: Vec<(u32, f32)> = (0u32..)
            .zip(scores)
            .filter(|&(other, s)| other as usize != story && s >= THRESHOLD)
            .collect();
        best.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        best.truncate(MOST);
        best.into_iter()
            .map(|(other, _)| (other as usize, self.shared(doc, &self.docs[other as usize])))
            .collect()
    }

    /// The terms two stories share that weigh most, phrases before single syllables.
    fn shared(&self, a: &[(u32, f32)], b: &[(u32, f32)]) -> Vec<String> {
        let mut both: Vec<(u32, f32)> = a
            .iter()
            .filter_map(|&(t, w)| weight_of(b, t).map(|v| (t, w * v)))
            .collect();
        let is_phrase = |t: u32| self.names[t as usize].contains(' ');
        both.sort_by(|x, y| {
            is_phrase(y.0)
                .cmp(&is_phrase(x.0))
                .then(y.1.total_cmp(&x.1))
        });
        let mut out: Vec<String> = Vec::new();
        for (t, _) in both {
            let name = &self.names[t as usize];
            // A syllable already inside a chosen phrase adds nothing.
            if out.iter().any(|o| o.split(' ').any(|s| s == name)) {
                continue;
            }
            out.push(name.clone());
            if out.len() == 3 {
                break;
            }
        }
        out
    }
}

fn weight_of(doc: &[(u32, f32)], term: u32) -> Option<f32> {
    doc.binary_search_by_key(&term, |&(t, _)| t)
        .ok()
        .map(|i| doc[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The related stories by the definition: every other story's cosine, term by term.
    fn related_by_definition(index: &Related, story: usize) -> Vec<usize> {
        let doc = &index.docs[story];
        let common = (index.docs.len() / 4).max(64);
        let mut best: Vec<(usize, f32)> = Vec::new();
        for (other, theirs) in index.docs.iter().enumerate() {
            if other == story {
                continue;
            }
            let mut score = 0f32;
            for &(term, weight) in doc {
                if index.postings[term as usize].len() > common {
                    continue;
                }
                if let Some(w) = weight_of(theirs, term) {
                    score += weight * w;
                }
            }
            if score >= THRESHOLD {
                best.push((other, score));
            }
        }
        best.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        best.into_iter().take(MOST).map(|(s, _)| s).collect()
    }

    proptest! {
        #[test]
        fn similar_finds_what_the_definition_finds(
            texts in proptest::collection::vec(
                proptest::collection::vec(
                    prop::sample::select(vec!["môi", "trường", "khí", "hậu", "giá", "vàng", "hà", "nội", "bóng", "đá", "học", "sinh"]),
                    0..8,
                ),
                1..40,
            )
        ) {
            let index = Related::build(texts.iter().map(|words| words.join(" ")));
            for story in 0..texts.len() {
                let found: Vec<usize> = index.similar(story).into_iter().map(|(s, _)| s).collect();
                prop_assert_eq!(found, related_by_definition(&index, story), "story {}", story);
            }
        }
    }

    #[test]
    fn syllables_and_their_pairs_within_a_phrase() {
        assert_eq!(
            terms("Môi trường, Biến đổi"),
            ["môi", "môi trường", "trường", "biến", "biến đổi", "đổi"]
        );
    }

    #[test]
    fn stories_sharing_words_are_related_and_say_why() {
        let texts = [
            "Hợp tác bảo vệ môi trường và ứng phó biến đổi khí hậu",
            "Giá vàng hôm nay tăng mạnh",
            "Hội nghị về biến đổi khí hậu và môi trường biển",
            "Bóng đá: đội tuyển thắng trận",
            "Giá xăng dầu giảm",
            "Thời tiết Hà Nội hôm nay",
        ];
        let index = Related::build(texts.iter().map(|t| t.to_string()));
        let similar = index.similar(0);
        assert_eq!(similar.first().map(|s| s.0), Some(2), "{similar:?}");
        let why = &similar[0].1;
        assert!(
            why.iter()
                .any(|t| t == "biến đổi" || t == "khí hậu" || t == "môi trường"),
            "{why:?}"
        );
        assert!(
            similar.iter().all(|(s, _)| *s != 3),
            "football is not related"
        );
        assert!(index.similar(99).is_empty());
    }
}
