//! Related stories worked out from the text, for stories whose bundle gives none: TF-IDF
//! over the syllables of title and lead, and over pairs of syllables (Vietnamese words are
//! mostly two syllables: `môi trường`, `khí hậu`), cosine similarity, the best few above a
//! threshold, each with the terms it shares. Stop words of the story's language (`stop`)
//! and bare numbers are no terms, nor are the pairs they are in.

mod stop;
mod terms;

pub use terms::terms;
use terms::{StoryTerms, each_term};

use std::collections::HashMap;
use std::hash::BuildHasher;

use hashbrown::HashTable;

/// Stories shown as related, at most.
pub const MOST: usize = 5;

/// Below this similarity (cosine of the weighted terms) a story is not related enough to
/// show: measured on the labelled pairs of `tests/related/labelled.txt` (`docs/related.md`),
/// where stories that share only words said of anything (`update`, `work`, `world`) score
/// 0.03-0.05 and related ones from 0.06.
const THRESHOLD: f32 = 0.055;

/// Stories sharing a single term are related only from this similarity: one word in common
/// (`question`, `server`, `plans`) is as often chance as not, unless it weighs a lot.
const ONE_TERM_THRESHOLD: f32 = 0.15;

/// Whether stories of this similarity, sharing this many terms, are related enough to show.
fn related_enough(score: f32, shared: usize) -> bool {
    score >= THRESHOLD && (shared >= 2 || score >= ONE_TERM_THRESHOLD)
}

/// The index of every story's terms, built once, the first time it is needed.
#[derive(Debug, Default)]
pub struct Related {
    names: Names,
    /// Stories each term is in, with its weight there: a story's score is summed from these
    /// alone, without looking into the other story.
    postings: Vec<Vec<(u32, f32)>>,
    /// Each story's terms and their weights (unit length), by term id.
    docs: Vec<Vec<(u32, f32)>>,
}

/// Term texts by id, one after another in one string. Not a `String` each: an archive has
/// hundreds of thousands of terms, and as many small allocations, freed together when a
/// builder is done, leave the allocator a long list to sort on the next key's first
/// allocation (measured: 3-13 ms on the first key after the index of 100,000 titles).
#[derive(Debug, Default)]
struct Names {
    text: String,
    /// Where each term ends in `text`; term `t` starts where `t - 1` ends.
    ends: Vec<u32>,
}

impl Names {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, term: u32) -> &str {
        let t = term as usize;
        let end = self.ends.get(t).map_or(0, |&e| e as usize);
        let start = match t.checked_sub(1) {
            Some(before) => self.ends.get(before).map_or(0, |&e| e as usize),
            None => 0,
        };
        self.text.get(start..end).unwrap_or("")
    }

    /// Adds `term`, returning its id.
    fn push(&mut self, term: &str) -> u32 {
        let id = u32::try_from(self.ends.len()).unwrap_or(u32::MAX);
        self.text.push_str(term);
        self.ends
            .push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
        id
    }
}

/// The most of a lead that is indexed, in bytes: a lead says what its story is about in its
/// first words, and every term of a text is listed while it is indexed (a lead that is a
/// whole book would need memory many times its size).
const LEAD_INDEXED: usize = 16 * 1024;

/// The text of story `i` of `bundle` that is indexed: its title, and the start of its lead if
/// `with_lead` (reading a lead opens the story's span, too slow for every story of an
/// archive).
pub fn story_text(bundle: &crate::bundle::Bundle, i: usize, with_lead: bool) -> String {
    let title = bundle.articles.get(i).map_or("", |a| a.title.as_str());
    let lead = with_lead
        .then(|| {
            let (article, _) = bundle.open_article(i, 0)?;
            article
                .lead
                .as_deref()
                .map(|l| start_of(l, LEAD_INDEXED).to_owned())
        })
        .flatten();
    match lead {
        Some(lead) => format!("{title}. {lead}"),
        None => title.to_owned(),
    }
}

/// The first `most` bytes of `text`, or fewer: cut after a whole word where there is one.
fn start_of(text: &str, most: usize) -> &str {
    if text.len() <= most {
        return text;
    }
    let mut end = most;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    head.rfind(char::is_whitespace)
        .map_or(head, |space| &head[..space])
}

/// An index being built a story at a time (the terminal does it while no key is waiting,
/// so that the first story without related stories of its own does not wait for all of it).
/// Built in story order, it is the same index whether it was built at once or in steps.
#[derive(Debug, Default)]
pub struct Builder {
    /// Term ids, found by their text in `names`.
    ids: HashTable<u32>,
    hasher: foldhash::fast::RandomState,
    names: Names,
    counts: Vec<Vec<(u32, u32)>>,
    /// The story being added's term counts, kept to reuse its room.
    tf: HashMap<u32, u32, foldhash::fast::RandomState>,
    /// The language the bundle says its stories are in (see [`Builder::new`]).
    declared: stop::Languages,
    /// The stop words per language of the stories added, and the story being added's terms,
    /// kept likewise.
    tally: stop::Tally,
    story: StoryTerms,
    /// How many stories each term is in, counted as they are added.
    df: Vec<u32>,
    /// Once every story is added ([`Builder::weigh`]): the stories weighed so far, and each
    /// term's stories with their weights.
    weighed: Vec<Vec<(u32, f32)>>,
    postings: Vec<Vec<(u32, f32)>>,
}

impl Builder {
    /// An index of stories said to be in `language` (a BCP 47 tag, the bundle's or the
    /// feed's), whose stop words are left out, unless a story's words say it is in another.
    pub fn new(language: Option<&str>) -> Self {
        Builder {
            declared: language.map_or(0, stop::language),
            ..Builder::default()
        }
    }

    /// Stories indexed so far.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Indexes the next story's text.
    pub fn add(&mut self, text: &str) {
        let Builder {
            ids,
            hasher,
            names,
            tf,
            tally,
            story,
            declared,
            ..
        } = self;
        tf.clear();
        story.clear();
        each_term(text, |term| story.push(term));
        tally.next_text();
        story
            .terms
            .iter()
            .for_each(|term| tally.count(term.stop_in));
        let languages = tally.languages(*declared);
        // In a language written in syllables, a syllable alone is ambiguous (`bộ`: a
        // ministry, a set, a part) and the pair is the word: there pairs count twice.
        let pair_weight = if languages & *stop::VIETNAMESE != 0 {
            2
        } else {
            1
        };
        story.each_content(languages, |term, pair| {
            let weight = if pair { pair_weight } else { 1 };
            let hash = hasher.hash_one(term);
            let id = match ids.find(hash, |&id| names.get(id) == term) {
                Some(&id) => id,
                None => {
                    let id = names.push(term);
                    ids.insert_unique(hash, id, |&id| hasher.hash_one(names.get(id)));
                    id
                }
            };
            *tf.entry(id).or_default() += weight;
        });
        let mut counts: Vec<(u32, u32)> = tf.iter().map(|(&t, &c)| (t, c)).collect();
        counts.sort_unstable();
        let df = &mut self.df;
        df.resize(names.len(), 0);
        for &(term, _) in &counts {
            df[term as usize] += 1;
        }
        self.counts.push(counts);
    }

    /// Works out the weights of up to `most` more stories, which need every story's terms:
    /// called once every story is added (none is added after), in as many steps as the
    /// caller likes, so that a large index is finished between keys too. Whether every
    /// story is weighed.
    pub fn weigh(&mut self, most: usize) -> bool {
        if self.postings.len() < self.df.len() {
            self.postings = self
                .df
                .iter()
                .map(|&d| Vec::with_capacity(d as usize))
                .collect();
        }
        let n = self.counts.len().max(1) as f32;
        let from = self.weighed.len();
        let to = from.saturating_add(most).min(self.counts.len());
        for story in from..to {
            let tf = std::mem::take(&mut self.counts[story]);
            let mut weights: Vec<(u32, f32)> = tf
                .into_iter()
                .map(|(term, count)| {
                    let df = self.df[term as usize] as f32;
                    (term, count as f32 * (n / df).ln())
                })
                .collect();
            let norm = weights.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                weights.iter_mut().for_each(|(_, w)| *w /= norm);
            }
            let id = u32::try_from(story).unwrap_or(u32::MAX);
            for &(term, weight) in &weights {
                self.postings[term as usize].push((id, weight));
            }
            self.weighed.push(weights);
        }
        self.weighed.len() >= self.counts.len()
    }

    /// The index of the stories added, the weights not yet worked out worked out now.
    pub fn finish(mut self) -> Related {
        self.weigh(usize::MAX);
        Related {
            names: self.names,
            postings: self.postings,
            docs: self.weighed,
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
        best.into_iter()
            .filter(|&(other, s)| related_enough(s, shared_count(doc, &self.docs[other as usize])))
            .take(MOST)
            .map(|(other, _)| (other as usize, self.shared(doc, &self.docs[other as usize])))
            .collect()
    }

    /// The terms two stories share that weigh most, phrases before single syllables.
    fn shared(&self, a: &[(u32, f32)], b: &[(u32, f32)]) -> Vec<String> {
        let mut both: Vec<(u32, f32)> = a
            .iter()
            .filter_map(|&(t, w)| weight_of(b, t).map(|v| (t, w * v)))
            .collect();
        let is_phrase = |t: u32| self.names.get(t).contains(' ');
        both.sort_by(|x, y| {
            is_phrase(y.0)
                .cmp(&is_phrase(x.0))
                .then(y.1.total_cmp(&x.1))
        });
        let mut out: Vec<String> = Vec::new();
        for (t, _) in both {
            let name = self.names.get(t);
            // A syllable already inside a chosen phrase adds nothing.
            if out.iter().any(|o| o.split(' ').any(|s| s == name)) {
                continue;
            }
            out.push(name.to_owned());
            if out.len() == 3 {
                break;
            }
        }
        out
    }
}

/// How many terms two stories share, counted up to two (all [`related_enough`] asks).
fn shared_count(a: &[(u32, f32)], b: &[(u32, f32)]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.0.cmp(&y.0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                if shared == 2 {
                    break;
                }
                i += 1;
                j += 1;
            }
        }
    }
    shared
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

    #[test]
    fn only_the_start_of_a_long_lead_is_indexed() {
        let lead = "Mưa lớn ở Hà Nội. ".repeat(5_000);
        let json = serde_json::json!({"newsterm": 1, "title": "T", "articles": [
            {"id": "a", "title": "Tin", "lead": lead},
        ]});
        let bundle = crate::bundle::load("a.json", json.to_string().as_bytes()).unwrap();
        let text = story_text(&bundle, 0, true);
        assert!(text.len() <= "Tin. ".len() + LEAD_INDEXED, "{}", text.len());
        assert!(
            text.starts_with("Tin. Mưa lớn") && text.ends_with("Nội."),
            "{text}"
        );
        assert_eq!(start_of("ab cd", 4), "ab");
        assert_eq!(start_of("ab cd", 5), "ab cd");
        assert_eq!(start_of("ờờ", 4), "ờ");
    }

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
            let shared = doc
                .iter()
                .filter(|&&(t, _)| weight_of(theirs, t).is_some())
                .count();
            if related_enough(score, shared) {
                best.push((other, score));
            }
        }
        best.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        best.into_iter().take(MOST).map(|(s, _)| s).collect()
    }

    #[test]
    fn a_term_has_one_id_and_its_text_back() {
        let mut builder = Builder::default();
        builder.add("Hà Nội, hà nội");
        builder.add("nội");
        assert_eq!(builder.counts[0], [(0, 2), (1, 2), (2, 2)]);
        assert_eq!(builder.counts[1], [(2, 1)]);
        let index = builder.finish();
        let names: Vec<&str> = (0..3).map(|t| index.names.get(t)).collect();
        assert_eq!(names, ["hà", "hà nội", "nội"]);
        assert_eq!(index.names.get(3), "", "no such term");
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

        /// Weighed a few stories a step, the index is the one weighed at once.
        #[test]
        fn weighing_in_steps_gives_the_same_index(
            texts in proptest::collection::vec(
                proptest::collection::vec(
                    prop::sample::select(vec!["môi", "trường", "khí", "hậu", "giá", "vàng", "hà", "nội"]),
                    0..6,
                ),
                1..30,
            ),
            step in 1usize..5,
        ) {
            let whole = Related::build(texts.iter().map(|words| words.join(" ")));
            let mut builder = Builder::default();
            for words in &texts {
                builder.add(&words.join(" "));
            }
            let mut steps = 0;
            while !builder.weigh(step) {
                steps += 1;
                prop_assert!(steps <= texts.len(), "weighing ends");
            }
            let stepped = builder.finish();
            prop_assert_eq!(&stepped.docs, &whole.docs);
            prop_assert_eq!(&stepped.postings, &whole.postings);
        }
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

    #[test]
    fn stories_sharing_only_stop_words_are_not_related() {
        let texts = [
            "Recommendations for my homelab?",
            "I need some ideas of what i can test out on my homelab",
            "Any reason to keep 1G connections",
            "NSX Edge Fails To Start",
            "Setting up internal dns server, a few noob questions",
        ];
        let mut builder = Builder::new(Some("en-US"));
        texts.iter().for_each(|t| builder.add(t));
        let index = builder.finish();
        assert_eq!(index.similar(0), [(1, vec!["homelab".to_owned()])]);
        assert_eq!(index.similar(2), [], "`to` says nothing");
        // Without a declared language the words tell it.
        assert_eq!(Related::build(texts.map(String::from)).similar(2), []);
    }
}
