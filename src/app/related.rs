//! Related stories: those the bundle gives, or for a story without a `related` field those
//! worked out from the words of every story (an index built a few stories per idle moment),
//! for the reader's story and ahead of need for the stories a key may open next.

use super::App;
use super::idle::AHEAD_COMPUTED;

/// Bundles up to this many stories have their leads indexed for related stories too.
const LEADS_UP_TO: usize = 2_000;

/// Up to this many stories the word index is built at once when the reader first needs it;
/// beyond, a step at a time while no key waits, so the first frame of a large library or
/// archive never waits for it (the related panel says it is looking meanwhile).
const INDEX_AT_ONCE_UP_TO: usize = 5_000;

/// One story's related stories worked out from the words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Computed {
    pub(super) story: usize,
    /// The related stories, best first.
    pub(super) list: Vec<usize>,
    /// For each, the words they share.
    pub(super) why: Vec<String>,
}

/// The related panel and the work behind it.
#[derive(Debug, Default)]
pub(super) struct RelatedWork {
    /// Selected entry of the related panel.
    pub(super) cursor: usize,
    /// First related entry shown.
    pub(super) offset: usize,
    /// The index of every story's words, for stories without a `related` field: built a few
    /// stories per idle moment (see [`App::preparing`]), finished at once when one is shown
    /// before it is done.
    pub(super) index: Option<crate::related::Related>,
    pub(super) builder: Option<crate::related::Builder>,
    /// Whether any story lacks a `related` field (else there is no index to build).
    pub(super) needs_index: bool,
    /// Related stories worked out for the story in the reader.
    pub(super) computed: Option<Computed>,
    /// Related stories worked out ahead of need, while no key was waiting, for the stories a
    /// key may open next (see [`App::related_ahead`]); at most [`AHEAD_COMPUTED`].
    pub(super) ahead: Vec<Computed>,
}

impl App {
    /// Related stories of the story in the reader, as article indexes.
    pub fn related_list(&self) -> &[usize] {
        match (self.article(), &self.stories.related.computed) {
            (Some(a), _) if a.related_given => &a.related,
            (Some(_), Some(c)) if c.story == self.stories.reader.current => &c.list,
            _ => &[],
        }
    }

    /// Why related story `n` of the reader's story is related, when the reader worked it out:
    /// the words they share.
    pub fn related_why(&self, n: usize) -> Option<&str> {
        match &self.stories.related.computed {
            Some(c) if c.story == self.stories.reader.current => c.why.get(n).map(String::as_str),
            _ => None,
        }
    }

    /// Works out the related stories of the story in the reader, when its bundle gives none.
    pub(super) fn compute_related(&mut self) {
        let Some(article) = self.article() else {
            return;
        };
        if article.related_given
            || self
                .stories
                .related
                .computed
                .as_ref()
                .is_some_and(|c| c.story == self.stories.reader.current)
        {
            return;
        }
        if let Some(at) = self
            .stories
            .related
            .ahead
            .iter()
            .position(|c| c.story == self.stories.reader.current)
        {
            self.stories.related.computed = Some(self.stories.related.ahead.remove(at));
            return;
        }
        if self.stories.related.index.is_none() {
            if self.stories.bundle.articles.len() > INDEX_AT_ONCE_UP_TO {
                return;
            }
            self.index_stories(usize::MAX);
        }
        if let Some((list, why)) = self.similar(self.stories.reader.current) {
            self.stories.related.computed = Some(Computed {
                story: self.stories.reader.current,
                list,
                why,
            });
        }
    }

    /// The related stories of `story` worked out from the words, and for each the words they
    /// share; `None` until the index is built.
    pub(super) fn similar(&self, story: usize) -> Option<(Vec<usize>, Vec<String>)> {
        let index = self.stories.related.index.as_ref()?;
        Some(
            index
                .similar(story)
                .into_iter()
                .map(|(story, terms)| (story, terms.join(" · ")))
                .unzip(),
        )
    }

    /// The next story whose related stories to work out before a key opens it, once the index
    /// is built: of the stories [`App::ahead`] lays out, one without a `related` field. On an
    /// archive of 100,000 stories that is most of a millisecond, which the key then saves.
    pub(super) fn related_ahead(&self) -> Option<usize> {
        self.stories.related.index.as_ref()?;
        self.next_stories().find(|&story| {
            self.stories
                .bundle
                .articles
                .get(story)
                .is_some_and(|a| !a.related_given)
                && !self.stories.related.ahead.iter().any(|c| c.story == story)
        })
    }

    /// Works out one story's related stories ahead of need (see [`App::related_ahead`]).
    pub(super) fn compute_related_ahead(&mut self) {
        let Some(story) = self.related_ahead() else {
            return;
        };
        if let Some((list, why)) = self.similar(story) {
            if self.stories.related.ahead.len() >= AHEAD_COMPUTED {
                self.stories.related.ahead.remove(0);
            }
            self.stories
                .related
                .ahead
                .push(Computed { story, list, why });
        }
    }

    /// Whether the reader's story waits for the word index to know its related stories.
    pub fn finding_related(&self) -> bool {
        self.stories.related.index.is_none()
            && self.stories.bundle.articles.len() > INDEX_AT_ONCE_UP_TO
            && self.article().is_some_and(|a| !a.related_given)
    }

    /// One step of the index the reader's story waits for; its related stories once done.
    pub(super) fn find_related_step(&mut self) {
        self.index_stories(super::idle::INDEX_STORIES);
        if self.stories.related.index.is_some() {
            self.compute_related();
        }
    }

    /// Adds up to `most` more stories to the related index, and finishes it after the last.
    pub(super) fn index_stories(&mut self, most: usize) {
        if self.stories.related.index.is_some() {
            return;
        }
        let bundle = &self.stories.bundle;
        let builder = self
            .stories
            .related
            .builder
            .get_or_insert_with(|| crate::related::Builder::new(bundle.language.as_deref()));
        // Title and lead; an archive's leads stay in the file (reading 100,000 of them would
        // take seconds), so there the titles alone. A lead is read without its story's body.
        let with_leads = bundle.articles.len() <= LEADS_UP_TO;
        let from = builder.len();
        let to = from.saturating_add(most).min(bundle.articles.len());
        for i in from..to {
            builder.add(&crate::related::story_text(bundle, i, with_leads));
        }
        // Then the weights, as many stories a step again (`most` counts both).
        let left = most.saturating_sub(to - from);
        if builder.len() >= bundle.articles.len()
            && (left > 0 || to == from)
            && builder.weigh(left.max(1))
            && let Some(builder) = self.stories.related.builder.take()
        {
            self.stories.related.index = Some(builder.finish());
        }
    }
}
