//! A web page that is not a feed, read as one story: its article found among the page's
//! navigation, share buttons, comments and teasers, with its title, byline, date, site, language
//! and lead image, and its body as the reader's blocks.
//!
//! The article is found by `dom_smoothie`, a port of Mozilla's Readability (what Firefox's
//! reader view uses), chosen by measurement against the whole page's text and an extraction of
//! our own on html5ever (`docs/articles.md`, `benches/articles.rs`). Its article, as HTML, is
//! then made into blocks by the same code that reads feeds' HTML ([`crate::feed::html`]), so a
//! page reads as a feed's story does. No script of the page ever runs. No terminal code.

pub mod score;

use crate::bundle::Block;

/// The largest page read: more than any article page, and the fetcher's cap too.
pub const MOST_BYTES: usize = 50 * 1024 * 1024;

/// The most elements of a page looked at: a page with more is no article, and the time
/// taken stays bounded.
const MOST_ELEMENTS: usize = 200_000;

/// The deepest nesting of elements read: far more than any page's article has, and little
/// enough for the extraction's recursion on a worker thread's stack.
pub const MOST_DEPTH: usize = 1000;

/// What was read from a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WebArticle {
    pub title: String,
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

/// The article of `html`, the page at `url` (an absolute address, which relative links and
/// images are resolved against; `<base href>` in the page wins).
pub fn extract(html: &str, url: Option<&str>) -> Result<WebArticle, ArticleError> {
    if html.len() > MOST_BYTES {
        return Err(ArticleError::TooLarge);
    }
    // The extraction recurses into the tree, and the parser slows with depth: a page nested
    // deeper than any article is refused before either can hurt.
    if crate::feed::html::nests_deeper_than(html, MOST_DEPTH) {
        return Err(ArticleError::TooDeep);
    }
    let url = url.filter(|u| url::Url::parse(u).is_ok());
    let config = dom_smoothie::Config {
        max_elements_to_parse: MOST_ELEMENTS,
        ..dom_smoothie::Config::default()
    };
    let mut readability = dom_smoothie::Readability::new(html, url, Some(config))
        .map_err(|_| ArticleError::NoArticle)?;
    let found = readability.parse().map_err(|e| match e {
        dom_smoothie::ReadabilityError::TooManyElements(n, _) => ArticleError::TooManyElements(n),
        _ => ArticleError::NoArticle,
    })?;
    let blocks = crate::feed::html::blocks_from_html(&found.content, url);
    let some = |s: Option<String>| s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    Ok(WebArticle {
        title: found.title.trim().to_owned(),
        byline: some(found.byline),
        published: some(found.published_time),
        site: some(found.site_name),
        language: some(found.lang),
        direction: some(found.dir),
        excerpt: some(found.excerpt),
        image: some(found.image),
        blocks,
    })
}
