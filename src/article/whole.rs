//! The whole article behind a story's link (`f` in the reader, or a related story a page only
//! named): read from the library when it was read before, else fetched with the feed
//! fetcher's limits, extracted, and kept in the library, so that a page is fetched once.

use crate::bundle::{self, Article, Doc, DocArticle, DocBlock};
use crate::fetch;
use crate::library::Library;

/// The most pages read whole in one refresh: a feed's first refresh lists its whole
/// backlog, and the rest come with the next refreshes.
const MOST_AT_ONCE: usize = 50;

/// Why the whole article could not be read.
#[derive(Debug, thiserror::Error)]
pub enum WholeError {
    #[error(transparent)]
    Fetch(#[from] fetch::FetchError),
    #[error("{0}")]
    Article(#[from] super::ArticleError),
    #[error("{0}")]
    Bundle(#[from] bundle::LoadError),
}

/// Where a whole article came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Came {
    /// The library had it.
    Kept,
    /// Fetched now.
    Fetched,
}

/// The whole article of the page at `url`, from `library` if it has it, else fetched (and
/// kept there when there is a library to keep it in). `now`: seconds since 1970.
pub fn whole_article(
    url: &str,
    options: &fetch::Options,
    library: Option<&mut Library>,
    now: i64,
) -> Result<(Article, Came), WholeError> {
    if let Some(kept) = library
        .as_deref()
        .and_then(|l| l.full_text(url).ok().flatten())
        && let Ok(article) = story_of(url, &kept)
    {
        return Ok((article, Came::Kept));
    }
    let fetched = fetch::fetch(url, options, &mut |_| {})?;
    let bytes = story_bytes(url, &fetched)?;
    let article = story_of(url, &bytes)?;
    if let Some(library) = library
        && let Ok(text) = std::str::from_utf8(&bytes)
    {
        // Not kept is only fetched again next time: the reader still shows it now.
        let _ = library.keep_full_text(url, text, now);
    }
    Ok((article, Came::Fetched))
}

/// Reads the whole articles of the pages at `urls` that `library` does not have yet (a few
/// at a time, within `options`' limits) and keeps them: how many it kept. For the feeds
/// whose every new story is read whole as a refresh brings it.
pub fn keep_whole_articles(
    library: &mut Library,
    urls: &[String],
    options: &fetch::Options,
    now: i64,
) -> usize {
    let wanted: Vec<String> = urls
        .iter()
        .filter(|u| crate::feed::open::is_url(u))
        .filter(|u| library.full_text(u).ok().flatten().is_none())
        .take(MOST_AT_ONCE)
        .cloned()
        .collect();
    let mut kept = 0;
    fetch::fetch_each(&wanted, options, &mut |_| {}, &mut |i, result| {
        let (Some(url), Ok(fetched)) = (wanted.get(i), result) else {
            return;
        };
        if let Ok(bytes) = story_bytes(url, &fetched)
            && let Ok(text) = std::str::from_utf8(&bytes)
            && library.keep_full_text(url, text, now).is_ok()
        {
            kept += 1;
        }
    });
    kept
}

/// The one-story bundle of the article in a fetched page.
fn story_bytes(url: &str, fetched: &fetch::Fetched) -> Result<Vec<u8>, WholeError> {
    let html = super::charset::decode(&fetched.bytes, fetched.content_type.as_deref());
    let found = super::extract(&html, Some(&fetched.url))?;
    let doc = Doc {
        title: found.title.clone(),
        articles: vec![story_doc(&found, url)],
        ..Doc::default()
    };
    Ok(doc.into_vec())
}

/// The story of a one-story bundle, as the loader reads it.
fn story_of(url: &str, bytes: &[u8]) -> Result<Article, bundle::LoadError> {
    let mut bundle = bundle::load_full(&crate::text::printable(url), bytes)?;
    bundle
        .articles
        .pop()
        .ok_or_else(|| bundle::LoadError::Read {
            file: crate::text::printable(url).into_owned(),
            source: std::io::Error::other("no story"),
        })
}

/// The bundle story of an article read from the page at `url`.
fn story_doc(found: &super::WebArticle, url: &str) -> DocArticle {
    DocArticle {
        id: "whole".into(),
        title: if found.title.is_empty() {
            url.to_owned()
        } else {
            found.title.clone()
        },
        url: Some(url.to_owned()),
        source: found.site.clone(),
        published: found.published.clone(),
        authors: found.byline.iter().cloned().collect(),
        lead: super::page::lead_of(found),
        body: found.blocks.iter().cloned().map(DocBlock::from).collect(),
        dir: found.direction.clone(),
        ..DocArticle::default()
    }
}
