//! Feeds the world publishes (RSS 0.9x/1.0/2.0, Atom 1.0, JSON Feed 1.1), read from files,
//! standard input or the web, and turned into the same [`Bundle`](crate::bundle::Bundle) model
//! the reader shows. No terminal code lives here.

pub mod convert;
pub mod decode;
pub mod html;
pub mod merge;
pub mod open;
pub mod parse;
mod roots;
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
/// source that did not. The web addresses are fetched first, together, within one
/// [`Options::timeout`](crate::fetch::Options::timeout) for them all (one that misses it
/// fails as timed out); then each source opens in the order given, so the merged stories
/// do not depend on which answered first.
pub fn open_all(
    sources: &[String],
    options: &crate::fetch::Options,
    step: &mut dyn FnMut(Step<'_>),
) -> Opened {
    let mut fetched = fetch_web(sources, options, step);
    let mut opened = Vec::new();
    let mut failed = Vec::new();
    let mut which = Vec::new();
    for (i, source) in sources.iter().enumerate() {
        let result = match fetched.get_mut(i).and_then(Option::take) {
            Some(got) => open::from_fetched(source, got, step),
            None => open(source, options, step),
        };
        match result {
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

/// What fetching gave, for each source that is a web address (`None` for the others).
type FetchedEach = Vec<Option<Result<crate::fetch::Fetched, crate::fetch::FetchError>>>;

/// Fetches the web addresses among `sources` at once, telling `step` how far they are.
fn fetch_web(
    sources: &[String],
    options: &crate::fetch::Options,
    step: &mut dyn FnMut(Step<'_>),
) -> FetchedEach {
    let web: Vec<usize> = (0..sources.len())
        .filter(|&i| open::is_url(&sources[i]))
        .collect();
    let urls: Vec<String> = web.iter().map(|&i| sources[i].clone()).collect();
    let results = crate::fetch::fetch_all(&urls, options, &mut |p| match urls.as_slice() {
        // One address keeps a line of its own; several share one.
        [url] => step(Step::Fetch {
            url,
            bytes: p.bytes,
        }),
        _ => step(Step::FetchMany {
            done: p.done,
            of: p.of,
            bytes: p.bytes,
        }),
    });
    let mut each: FetchedEach = sources.iter().map(|_| None).collect();
    for (i, result) in web.into_iter().zip(results) {
        each[i] = Some(result);
    }
    each
}
