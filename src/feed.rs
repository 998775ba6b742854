//! Feeds the world publishes (RSS 0.9x/1.0/2.0, Atom 1.0, JSON Feed 1.1), read from files,
//! standard input or the web, and turned into the same [`Bundle`](crate::bundle::Bundle) model
//! the reader shows. No terminal code lives here.

pub mod convert;
pub mod decode;
pub mod html;
pub mod merge;
pub mod open;
pub mod parse;
pub mod sniff;

use crate::bundle::{Bundle, LoadError};

pub use merge::merge;
pub use open::{Step, open};
pub use parse::FeedError;

/// What opening several sources gave.
#[derive(Debug)]
pub struct Opened {
    /// Everything that opened, merged into one bundle; `None` when nothing did.
    pub bundle: Option<Bundle>,
    /// One error per source that did not open, in the order given.
    pub failed: Vec<LoadError>,
    /// The positions in `sources` of those that opened, so messages name only them.
    pub opened: Vec<usize>,
}

/// Opens every source in `sources` and merges what opened into one bundle, with one error per
/// source that did not.
pub fn open_all(
    sources: &[String],
    options: &crate::fetch::Options,
    step: &mut dyn FnMut(Step<'_>),
) -> Opened {
    let mut opened = Vec::new();
    let mut failed = Vec::new();
    let mut which = Vec::new();
    for (i, source) in sources.iter().enumerate() {
        match open(source, options, step) {
            Ok(bundle) => {
                opened.push(bundle);
                which.push(i);
            }
            Err(e) => failed.push(e),
        }
    }
    let bundle = (!opened.is_empty()).then(|| merge(opened));
    Opened {
        bundle,
        failed,
        opened: which,
    }
}
