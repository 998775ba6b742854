//! Refreshing the library: every subscription fetched (a few at a time, with the
//! conditional-GET cache), read as a feed, and stored; a feed that fails is kept as failed
//! with why. Used by `r` in the reader (on its worker thread) and by `newsterm refresh`.
//! No terminal code.

use std::time::Duration;

use crate::bundle::Doc;
use crate::fetch::{self, FetchError, Fetched, FetchedFrom};
use crate::library::{Library, Stored};

/// The tag that has a feed's stories read whole as they arrive (in the `urls` file).
pub const FULL_TEXT: &str = "full_text";

/// Whether a feed with these tags has its stories read whole.
pub fn reads_whole(tags: &[String]) -> bool {
    tags.iter()
        .any(|t| t.trim_start_matches('!').eq_ignore_ascii_case(FULL_TEXT))
}

/// What became of one feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedResult {
    /// Read and stored: how many stories were new or changed.
    Read(Stored),
    /// The server said nothing changed (or `--offline` read the cache).
    Unchanged,
    /// Not read: why, and the HTTP status when the server answered with one.
    Failed { error: String, status: Option<u16> },
}

/// What a refresh did, feed by feed, in the order of the subscriptions.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub feeds: Vec<(String, FeedResult)>,
    /// The library could not be written (the stories fetched are not kept): why.
    pub not_stored: Option<String>,
}

impl Report {
    /// Stories never seen before, in all feeds.
    pub fn new_stories(&self) -> usize {
        self.feeds
            .iter()
            .map(|(_, r)| match r {
                FeedResult::Read(s) => s.new,
                _ => 0,
            })
            .sum()
    }

    pub fn failed(&self) -> usize {
        self.feeds
            .iter()
            .filter(|(_, r)| matches!(r, FeedResult::Failed { .. }))
            .count()
    }

    /// One line for the status bar and the end of `newsterm refresh`: `+23 new, 2 feeds
    /// failed`.
    pub fn summary(&self) -> String {
        let new = self.new_stories();
        let failed = self.failed();
        let mut out = format!("+{new} new from {} feeds", self.feeds.len());
        if failed > 0 {
            let feeds = if failed == 1 { "feed" } else { "feeds" };
            out.push_str(&format!(", {failed} {feeds} failed"));
        }
        if let Some(why) = &self.not_stored {
            out.push_str(&format!(", not stored: {why}"));
        }
        out
    }
}

/// How far a refresh has got: feeds done, of how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: usize,
    pub of: usize,
}

/// The time a refresh of `feeds` may take in all: the single fetch's limit for a few feeds,
/// more for many (they are fetched [`fetch::AT_ONCE`] at a time), never more than ten
/// minutes.
pub fn time_for(feeds: usize, single: Duration) -> Duration {
    let rounds = u32::try_from(feeds.div_ceil(fetch::AT_ONCE).max(1)).unwrap_or(u32::MAX);
    (single * rounds.min(20)).clamp(single, Duration::from_secs(600))
}

/// Fetches every feed in `urls` and stores what each gave in `library`, `now` being the time
/// of the refresh.
pub fn refresh(
    library: &mut Library,
    urls: &[String],
    options: &fetch::Options,
    now: i64,
    progress: &mut dyn FnMut(Progress),
) -> Report {
    refresh_reading_whole(library, urls, &|_| false, options, now, progress)
}

/// [`refresh`], and then the whole article of every story new to the library of the feeds
/// `whole` names (a feed tagged [`FULL_TEXT`]) read from its page and kept, as `f` would.
pub fn refresh_reading_whole(
    library: &mut Library,
    urls: &[String],
    whole: &dyn Fn(&str) -> bool,
    options: &fetch::Options,
    now: i64,
    progress: &mut dyn FnMut(Progress),
) -> Report {
    let options = fetch::Options {
        timeout: time_for(urls.len(), options.timeout),
        ..options.clone()
    };
    let of = urls.len();
    // Each feed is read and stored here as it arrives, while the workers fetch the rest.
    let mut results: Vec<Option<FeedResult>> = urls.iter().map(|_| None).collect();
    let mut not_stored = None;
    let mut pages: Vec<String> = Vec::new();
    fetch::fetch_each(
        urls,
        &options,
        &mut |p| progress(Progress { done: p.done, of }),
        &mut |i, result| {
            let Some(url) = urls.get(i) else {
                return;
            };
            let (result, stored) =
                store(library, url, result, now, whole(url).then_some(&mut pages));
            if let Err(e) = stored
                && not_stored.is_none()
            {
                not_stored = Some(e.to_string());
            }
            if let Some(slot) = results.get_mut(i) {
                *slot = Some(result);
            }
        },
    );
    if !pages.is_empty() {
        crate::article::keep_whole_articles(library, &pages, &options, now);
    }
    let feeds = urls
        .iter()
        .zip(results)
        .filter_map(|(url, result)| Some((url.clone(), result?)))
        .collect();
    Report { feeds, not_stored }
}

/// Reads one feed's answer and stores what it holds (or its failure) in the library: what
/// the refresh reports of it, and whether the library took it.
/// `pages`, when given, gets the addresses of the stories read (to be read whole).
fn store(
    library: &mut Library,
    url: &str,
    result: Result<Fetched, FetchError>,
    now: i64,
    mut pages: Option<&mut Vec<String>>,
) -> (FeedResult, Result<(), crate::library::LibraryError>) {
    let outcome = match result {
        // Unchanged since the cache got it, and the library has it: nothing to store. A feed the
        // library has not stored yet (its first fetch was by `newsterm add`, or the library is
        // new) is read from the cached body. Its stories' pages are still wanted when some
        // were not read whole yet (more than one refresh reads).
        Ok(
            fetched @ Fetched {
                origin: FetchedFrom::NotModified | FetchedFrom::Offline,
                ..
            },
        ) if library.has_stored(url) => {
            if let Some(pages) = pages.as_deref_mut()
                && let Ok(doc) = read(&fetched)
            {
                pages.extend(doc.articles.iter().filter_map(|a| a.url.clone()));
            }
            Step::Unchanged
        }
        Ok(fetched) => match read(&fetched) {
            Ok(doc) => Step::Doc(doc),
            Err(error) => Step::Failed(error, None),
        },
        Err(e) => {
            let status = match &e {
                FetchError::Status { status, .. } => Some(*status),
                _ => None,
            };
            // The message names the address; the report names it already.
            let said = e.to_string();
            let said = said
                .strip_prefix(url)
                .and_then(|rest| rest.strip_prefix(": "))
                .unwrap_or(&said);
            Step::Failed(crate::text::printable(said).into_owned(), status)
        }
    };
    match outcome {
        Step::Unchanged => (FeedResult::Unchanged, library.feed_unchanged(url, now)),
        Step::Doc(doc) => {
            if let Some(pages) = pages {
                pages.extend(doc.articles.iter().filter_map(|a| a.url.clone()));
            }
            match library.store_feed(url, &doc, now) {
                Ok(stored) => (FeedResult::Read(stored), Ok(())),
                Err(e) => (FeedResult::Read(Stored::default()), Err(e)),
            }
        }
        Step::Failed(error, status) => {
            let kept = library.feed_failed(url, &error, status, now);
            (FeedResult::Failed { error, status }, kept)
        }
    }
}

enum Step {
    Unchanged,
    Doc(Doc),
    Failed(String, Option<u16>),
}

/// The stories in a fetched body: a feed (RSS, Atom, JSON Feed) or an article bundle.
fn read(fetched: &Fetched) -> Result<Doc, String> {
    use crate::feed::sniff::{ContentFormat, content_format, is_json_feed};
    let bytes = &fetched.bytes;
    if content_format(bytes) == ContentFormat::Xml || is_json_feed(bytes) {
        return crate::feed::parse::feed_doc(bytes, Some(&fetched.url)).map_err(|e| e.to_string());
    }
    let bundle = crate::bundle::load(&fetched.url, bytes).map_err(|e| e.to_string())?;
    let (mut doc, articles) = crate::bundle::doc_of(&bundle);
    doc.articles = articles.collect();
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_time_allowed_grows_with_the_feeds_within_bounds() {
        let single = Duration::from_secs(30);
        assert_eq!(time_for(0, single), single);
        assert_eq!(time_for(fetch::AT_ONCE, single), single);
        assert_eq!(time_for(fetch::AT_ONCE + 1, single), single * 2);
        assert_eq!(time_for(100_000, single), Duration::from_secs(600));
    }

    #[test]
    fn a_summary_counts_new_stories_and_failures() {
        let report = Report {
            feeds: vec![
                (
                    "a".into(),
                    FeedResult::Read(Stored {
                        new: 20,
                        updated: 1,
                    }),
                ),
                ("b".into(), FeedResult::Read(Stored { new: 3, updated: 0 })),
                ("c".into(), FeedResult::Unchanged),
                (
                    "d".into(),
                    FeedResult::Failed {
                        error: "gone".into(),
                        status: Some(404),
                    },
                ),
                (
                    "e".into(),
                    FeedResult::Failed {
                        error: "timed out".into(),
                        status: None,
                    },
                ),
            ],
            not_stored: None,
        };
        assert_eq!(report.summary(), "+23 new from 5 feeds, 2 feeds failed");
    }
}
