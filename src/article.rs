//! A web page that is not a feed, read as one story: its article found among the page's
//! navigation, share buttons, comments and teasers, with its title, byline, date, site, language
//! and lead image, and its body as the reader's blocks.
//!
//! The article is found by `dom_smoothie`, a port of Mozilla's Readability (what Firefox's
//! reader view uses), chosen by measurement against the whole page's text and an extraction of
//! our own on html5ever (`docs/articles.md`, `benches/articles.rs`). Its article, as HTML, is
//! then made into blocks by the same code that reads feeds' HTML ([`crate::feed::html`]), so a
//! page reads as a feed's story does. No script of the page ever runs. No terminal code.

pub mod charset;
mod page;
mod related;
pub mod score;
mod whole;

pub use page::{page_bundle, page_doc};
pub use related::Teaser;
pub use whole::{Came, WholeError, keep_whole_articles, whole_article};

use crate::bundle::Block;

/// The largest page read: more than any article page, and the fetcher's cap too.
pub const MOST_BYTES: usize = 50 * 1024 * 1024;

/// The most elements of a page looked at: a page with more is no article, and the time
/// taken stays bounded.
const MOST_ELEMENTS: usize = 200_000;

/// Where a warning about a web page (the feed it names) says it is.
pub const PAGE_WARNING: &str = "page";

/// The deepest nesting of elements read: far more than any page's article has, and little
/// enough for the extraction's recursion on a worker thread's stack.
pub const MOST_DEPTH: usize = 1000;

/// What was read from a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WebArticle {
    pub title: String,
    /// The page's address: where it was fetched from, else its own canonical address
    /// (`<link rel="canonical">`, `og:url`), which a saved page still names.
    pub url: Option<String>,
    pub byline: Option<String>,
    /// When it was published, as the page says it (ISO 8601 mostly).
    pub published: Option<String>,
    /// The site's name (`The Guardian`).
    pub site: Option<String>,
    /// The page's language (`en`, `vi`).
    pub language: Option<String>,
    /// `rtl` for a page written right to left.
    pub direction: Option<String>,
    /// The page's own summary of the article.
    pub excerpt: Option<String>,
    /// The lead image's address.
    pub image: Option<String>,
    /// The body, in reading order.
    pub blocks: Vec<Block>,
}

/// Why a page gave no article.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ArticleError {
    #[error("the page is larger than {} MB", MOST_BYTES / 1024 / 1024)]
    TooLarge,
    #[error("the page has too many elements to be an article ({0})")]
    TooManyElements(usize),
    #[error("the page nests its elements deeper than {MOST_DEPTH}")]
    TooDeep,
    #[error("no article found in the page")]
    NoArticle,
}

/// `text` with each run of white space one space, and none at either end.
fn collapsed(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The page's headline (its first `<h1>`) when its `<title>` holds it whole: what the title
/// is cut back to when the extraction takes a part of it for the site's name.
fn headline_of(doc: &dom_query::Document) -> Option<String> {
    let h1 = collapsed(&doc.select("h1").nodes().first()?.text());
    let title = collapsed(&doc.select("title").nodes().first()?.text());
    (!h1.is_empty() && title.contains(&h1)).then_some(h1)
}

/// The title found, or the headline it is a part of: `Việt Nam - Hàn Quốc hợp tác` is not
/// `Hàn Quốc hợp tác` with a site called `Việt Nam`.
fn whole_title(found: &str, headline: Option<String>) -> String {
    match headline {
        Some(h) if h.len() > found.len() && h.contains(found) => h,
        _ => found.to_owned(),
    }
}

/// The address a page gives itself: `<link rel="canonical">`, else `og:url`.
fn canonical(doc: &dom_query::Document) -> Option<url::Url> {
    let link = doc
        .select("link[rel=canonical][href]")
        .nodes()
        .first()
        .and_then(|l| l.attr("href"));
    let meta = || {
        doc.select("meta[property='og:url'][content]")
            .nodes()
            .first()
            .and_then(|m| m.attr("content"))
    };
    link.or_else(meta)
        .and_then(|u| url::Url::parse(u.trim()).ok())
}

/// The article of `html`, the page at `url` (an absolute address, which relative links and
/// images are resolved against; `<base href>` in the page wins).
pub fn extract(html: &str, url: Option<&str>) -> Result<WebArticle, ArticleError> {
    read(html, url, false).map(|(article, _)| article)
}

/// The article of `html` as [`extract`] reads it, and the page's own related stories (none
/// without the page's address, which tells the site's links from others).
pub fn extract_with_related(
    html: &str,
    url: Option<&str>,
) -> Result<(WebArticle, Vec<Teaser>), ArticleError> {
    read(html, url, true)
}

fn read(
    html: &str,
    url: Option<&str>,
    with_related: bool,
) -> Result<(WebArticle, Vec<Teaser>), ArticleError> {
    if html.len() > MOST_BYTES {
        return Err(ArticleError::TooLarge);
    }
    // The extraction recurses into the tree, and the parser slows with depth: a page nested
    // deeper than any article is refused before either can hurt.
    if crate::feed::html::nests_deeper_than(html, MOST_DEPTH) {
        return Err(ArticleError::TooDeep);
    }
    let doc = dom_query::Document::from(html);
    let page = url
        .and_then(|u| url::Url::parse(u).ok())
        .or_else(|| canonical(&doc))
        .filter(|u| matches!(u.scheme(), "http" | "https"));
    let url = page.as_ref().map(url::Url::as_str);
    // Read before the article is taken out of the page, which drops what is around it.
    let headline = headline_of(&doc);
    let teasers = match &page {
        Some(page) if with_related => related::teasers(&doc, page),
        _ => Vec::new(),
    };
    let config = dom_smoothie::Config {
        max_elements_to_parse: MOST_ELEMENTS,
        ..dom_smoothie::Config::default()
    };
    let mut readability = dom_smoothie::Readability::with_document(doc, url, Some(config))
        .map_err(|_| ArticleError::NoArticle)?;
    let found = readability.parse().map_err(|e| match e {
        dom_smoothie::ReadabilityError::TooManyElements(n, _) => ArticleError::TooManyElements(n),
        _ => ArticleError::NoArticle,
    })?;
    let blocks = crate::feed::html::blocks_from_html(&found.content, url);
    let some = |s: Option<String>| s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let article = WebArticle {
        title: whole_title(found.title.trim(), headline),
        url: url.map(str::to_owned),
        byline: some(found.byline),
        published: some(found.published_time),
        site: some(found.site_name),
        language: some(found.lang),
        direction: some(found.dir),
        excerpt: some(found.excerpt),
        image: some(found.image),
        blocks,
    };
    // Stories the article itself links to in its text are read there, not listed again.
    let teasers = teasers
        .into_iter()
        .filter(|t| !found.content.contains(t.url.as_str()))
        .collect();
    Ok((article, teasers))
}
