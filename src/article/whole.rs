//! The whole article behind a story's link (`f` in the reader, or a related story a page only
//! named): read from the library when it was read before, else fetched with the feed
//! fetcher's limits, extracted, and kept in the library, so that a page is fetched once.

use crate::bundle::{self, Article, Doc, DocArticle, DocBlock};
use crate::fetch;
use crate::library::Library;

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
    let html = super::charset::decode(&fetched.bytes, fetched.content_type.as_deref());
    let found = super::extract(&html, Some(&fetched.url))?;
    let doc = Doc {
        title: found.title.clone(),
        articles: vec![story_doc(&found, url)],
        ..Doc::default()
    };
    let bytes = doc.into_vec();
    let article = story_of(url, &bytes)?;
    if let Some(library) = library
        && let Ok(text) = std::str::from_utf8(&bytes)
    {
        // Not kept is only fetched again next time: the reader still shows it now.
        let _ = library.keep_full_text(url, text, now);
    }
    Ok((article, Came::Fetched))
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
        body: found.blocks.iter().cloned().map(DocBlock::from).collect(),
        ..DocArticle::default()
    }
}
