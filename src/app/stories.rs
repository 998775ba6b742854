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
            bundle,
        }
    }
}
