//! A web page opened as a source (`newsterm URL`, `newsterm page.html`, `convert`): its
//! article the first story, the page's related stories after it as the story's related list,
//! loaded by the bundle loader as any bundle is. A page with no article is refused, saying
//! which feeds it names, if any, and how to subscribe to them.

use crate::bundle::{self, Bundle, Doc, DocArticle, DocBlock, LoadError, UniqueIds, Warning};

use super::{ArticleError, Teaser, WebArticle};

/// The stories of the page `bytes` named `name`, fetched from `url` (if it was), whose HTTP
/// `Content-Type` was `content_type`.
pub fn page_bundle(
    name: &str,
    bytes: &[u8],
    url: Option<&str>,
    content_type: Option<&str>,
) -> bundle::Result<Bundle> {
    let html = super::charset::decode(bytes, content_type);
    let read = super::extract_with_related(&html, url);
    // A saved page's links resolve against the address it names for itself.
    let address = url.or_else(|| read.as_ref().ok().and_then(|(a, _)| a.url.as_deref()));
    let feeds = crate::subs::discover::feed_links(&html, address.unwrap_or_default());
    let refused = |why: String| LoadError::Feed {
        file: crate::text::printable(name).into_owned(),
        what: why,
    };
    let (article, teasers) = match read {
        Ok(found) if enough(&found.0) => found,
        Ok(_) => return Err(refused(no_article(&ArticleError::NoArticle, &feeds))),
        Err(e) => return Err(refused(no_article(&e, &feeds))),
    };
    let doc = page_doc(&article, &teasers, url);
    let mut bundle = bundle::load_full(name, &doc.into_vec())?;
    for feed in &feeds {
        let feed = crate::text::printable(feed);
        bundle.warnings.push(Warning {
            path: super::PAGE_WARNING.into(),
            // The command first: on a narrow status bar it is what must show.
            message: format!("`newsterm add {feed}` subscribes to the feed this page names"),
        });
    }
    Ok(bundle)
}

/// Whether an article has text enough to be one (Readability's least, 140 characters): a
/// home page or a list of links is not a story.
fn enough(article: &WebArticle) -> bool {
    super::score::text_of_blocks(&article.blocks)
        .trim()
        .chars()
        .count()
        >= 140
}

/// Why a page gives no story, and the feeds it names instead.
fn no_article(e: &ArticleError, feeds: &[String]) -> String {
    let mut why = format!("a web page, not a feed or a bundle, and {e}");
    if let Some(feed) = feeds.first() {
        let feed = crate::text::printable(feed);
        why.push_str(&format!(
            "; it names the feed {feed}: `newsterm add {feed}` subscribes to it"
        ));
    }
    why
}

/// The page's own summary as the story's lead, unless the article starts with it already.
pub(super) fn lead_of(article: &WebArticle) -> Option<String> {
    let first = article.blocks.iter().find_map(|b| match b {
        bundle::Block::Paragraph(t) => Some(t.as_str()),
        _ => None,
    });
    article
        .excerpt
        .clone()
        .filter(|e| !first.is_some_and(|f| super::collapsed(f).starts_with(&super::collapsed(e))))
}

/// The bundle document of a page: its article, then its related stories.
pub fn page_doc(article: &WebArticle, teasers: &[Teaser], url: Option<&str>) -> Doc {
    let url = url.or(article.url.as_deref());
    let mut ids = UniqueIds::new();
    let host = url.and_then(|u| url::Url::parse(u).ok()).and_then(|u| {
        u.host_str()
            .map(|h| h.trim_start_matches("www.").to_owned())
    });
    let related: Vec<DocArticle> = teasers
        .iter()
        .map(|t| DocArticle {
            id: ids.claim(t.url.clone(), 2),
            title: t.title.clone(),
            url: Some(t.url.clone()),
            lead: t.lead.clone(),
            body: t
                .caption
                .iter()
                .map(|caption| DocBlock::Image {
                    caption: caption.clone(),
                    url: t.image.clone(),
                    alt: None,
                })
                .collect(),
            ..DocArticle::default()
        })
        .collect();
    let body: Vec<DocBlock> = article.blocks.iter().cloned().map(DocBlock::from).collect();
    let lead = lead_of(article);
    let story = DocArticle {
        id: ids.claim(url.unwrap_or("page").to_owned(), 2),
        title: if article.title.is_empty() {
            "(no title)".to_owned()
        } else {
            article.title.clone()
        },
        url: url.map(str::to_owned),
        source: article.site.clone(),
        published: article.published.clone(),
        authors: article.byline.iter().cloned().collect(),
        lead,
        body,
        related: Some(related.iter().map(|r| r.id.clone()).collect()),
        dir: article.direction.clone(),
        ..DocArticle::default()
    };
    Doc {
        title: article
            .site
            .clone()
            .or(host)
            .unwrap_or_else(|| article.title.clone()),
        url: url.map(str::to_owned),
        language: article.language.clone(),
        generated: None,
        articles: std::iter::once(story).chain(related).collect(),
    }
}
