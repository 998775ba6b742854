//! The stories loaded and everything about them: the bundle, the headline list, the reader,
//! related stories and the search. A reload replaces the whole of it (see `reload.rs`).

use super::Find;
use super::list::Listing;
use super::reader::Reader;
use super::related::RelatedWork;
use crate::bundle::Bundle;

#[derive(Debug)]
pub(super) struct Stories {
    pub(super) bundle: Bundle,
    pub(super) list: Listing,
    pub(super) reader: Reader,
    pub(super) related: RelatedWork,
    /// The search typed at `/`.
    pub(super) find: Find,
    /// Per story, whether its id is among the read marks: kept in step with the marks by
    /// [`App::set_read`](super::App) and worked out again when either is replaced, so that
    /// counting a library's unread stories does not look up tens of thousands of ids.
    pub(super) read: Vec<bool>,
    /// When each story was published (seconds since 1970), read from its date the first
    /// time a query or the feed list's order asks.
    instants: std::sync::OnceLock<Vec<Option<i64>>>,
    /// Per story, which tagging rules pick it (see `autotag.rs`).
    pub(super) ruled: std::sync::OnceLock<Vec<u64>>,
    /// The stories read whole (`f`), and their other texts.
    pub(super) whole: super::whole::WholeTexts,
}

impl Stories {
    pub(super) fn new(bundle: Bundle) -> Self {
        let related = RelatedWork {
            needs_index: bundle.articles.iter().any(|a| !a.related_given),
            ..RelatedWork::default()
        };
        Stories {
            list: Listing::new(bundle.articles.len()),
            reader: Reader::default(),
            related,
            find: Find::default(),
            read: Vec::new(),
            instants: std::sync::OnceLock::new(),
            ruled: std::sync::OnceLock::new(),
            whole: super::whole::WholeTexts::default(),
            bundle,
        }
    }

    /// Whether story `index` is read.
    pub(super) fn is_read(&self, index: usize) -> bool {
        self.read.get(index).copied().unwrap_or(false)
    }

    /// When story `index` was published, if its date says.
    pub(super) fn instant(&self, index: usize) -> Option<i64> {
        self.instants
            .get_or_init(|| {
                self.bundle
                    .articles
                    .iter()
                    .map(|a| a.published.as_deref().and_then(crate::feed::merge::instant))
                    .collect()
            })
            .get(index)
            .copied()
            .flatten()
    }
}
