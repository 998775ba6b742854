//! A news page's own related stories: the links under or beside its article that lead to
//! other articles of the same site, each with its headline and, where the page gives them,
//! its lead and its image's caption, as on the sample page. Read from the page as parsed,
//! before the article is taken out of it.

use dom_query::{Document, NodeRef};

use super::collapsed;
use url::Url;

/// The most related stories kept: more than any page lists under a story.
const MOST: usize = 20;
/// Class and id words of what holds no related story: menus, footers, comments, sharing.
const NOT_HERE: &[&str] = &[
    "menu",
    "nav",
    "breadcrumb",
    "footer",
    "comment",
    "share",
    "social",
    "login",
    "signup",
    "subscribe",
    "cookie",
    "pagination",
    "pager",
    "tags",
    "author",
];
/// Class words of a teaser's lead.
const LEAD: &[&str] = &[
    "sapo", "lead", "summary", "desc", "excerpt", "teaser", "intro", "dek",
];

/// One related story as the page shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Teaser {
    pub url: String,
    pub title: String,
    pub lead: Option<String>,
    /// The image's caption (or its description, when it has no caption).
    pub caption: Option<String>,
    pub image: Option<String>,
}

/// The related stories of the page `doc`, which came from `page`, in the page's order.
pub fn teasers(doc: &Document, page: &Url) -> Vec<Teaser> {
    let base = doc
        .select("base[href]")
        .nodes()
        .first()
        .and_then(|b| b.attr("href"))
        .and_then(|h| page.join(h.trim()).ok())
        .unwrap_or_else(|| page.clone());
    let mut found: Vec<Teaser> = Vec::new();
    for a in doc.select("a[href]").nodes() {
        let Some(url) = a
            .attr("href")
            .and_then(|h| base.join(h.trim()).ok())
            .filter(|u| is_article_of(u, page))
        else {
            continue;
        };
        if in_chrome(a) || inline(a) {
            continue;
        }
        let mut url = url;
        url.set_fragment(None);
        let url = url.to_string();
        let text = collapsed(&a.text());
        let image = a.select_first_image(&base);
        let at = match found.iter().position(|t| t.url == url) {
            Some(at) => at,
            None => {
                if found.len() == MOST * 3 {
                    break;
                }
                found.push(Teaser {
                    url: url.clone(),
                    ..Teaser::default()
                });
                found.len() - 1
            }
        };
        let teaser = &mut found[at];
        if headline(&text) && text.chars().count() > teaser.title.chars().count() {
            teaser.title = text;
        }
        if let Some((src, alt)) = image {
            teaser.image.get_or_insert(src);
            if teaser.caption.is_none() {
                teaser.caption = alt;
            }
        }
        if teaser.lead.is_none() {
            teaser.lead = lead_near(a, &teaser.title);
        }
    }
    found.retain(|t| !t.title.is_empty() && story_like(t));
    for t in &mut found {
        // A caption that only repeats the headline says nothing more.
        if t.caption.as_deref().is_some_and(|c| c == t.title) {
            t.caption = None;
        }
    }
    found.truncate(MOST);
    found
}

/// Whether `url` is another page of the site of `page` that reads like an article: not the
/// page itself, not the home page or a section's front (`/world/`), but a path with a slug
/// (`/viet-nam-han-quoc-hop-tac-123.html`) or an id.
fn is_article_of(url: &Url, page: &Url) -> bool {
    let host = |u: &Url| {
        u.host_str()
            .map(|h| h.trim_start_matches("www.").to_ascii_lowercase())
    };
    if !matches!(url.scheme(), "http" | "https") || host(url) != host(page) {
        return false;
    }
    if url.path() == page.path() && url.query() == page.query() {
        return false;
    }
    let last = url
        .path_segments()
        .and_then(|mut s| s.rfind(|s| !s.is_empty()))
        .unwrap_or("");
    let stem = last.split('.').next().unwrap_or("");
    let slug = stem.matches(['-', '_']).count() >= 2;
    let id = stem.chars().filter(char::is_ascii_digit).count() >= 4;
    (slug || id) && stem.len() >= 6
}

/// Whether `a` is in a menu, header, footer, form or comment thread.
fn in_chrome(a: &NodeRef<'_>) -> bool {
    a.ancestors_it(None).any(|n| {
        let name = n.node_name();
        if matches!(
            name.as_deref(),
            Some("nav" | "header" | "footer" | "form" | "menu")
        ) {
            return true;
        }
        let names = format!(
            "{} {}",
            n.attr("class").as_deref().unwrap_or(""),
            n.attr("id").as_deref().unwrap_or("")
        )
        .to_ascii_lowercase();
        NOT_HERE.iter().any(|w| names.contains(w))
    })
}

/// Whether `a` is a link inside the text of a paragraph (the story's own words), not a
/// teaser of its own.
fn inline(a: &NodeRef<'_>) -> bool {
    let Some(block) = a.ancestors_it(Some(3)).find(|n| {
        matches!(
            n.node_name().as_deref(),
            Some("p" | "li" | "td" | "blockquote")
        )
    }) else {
        return false;
    };
    let own = a.text().chars().count();
    block.text().chars().count() > own * 2 + 40 && block.node_name().as_deref() == Some("p")
}

/// Whether a teaser reads as a story rather than a topic's page (`Gouvernance du Net` at
/// `/gouvernance-du-net/`): a story has a lead, a picture, an id in its address, or a
/// headline of a sentence's length.
fn story_like(t: &Teaser) -> bool {
    // In the path: a host's port or name holds digits too.
    let path = Url::parse(&t.url)
        .map(|u| u.path().to_owned())
        .unwrap_or_default();
    let id = path
        .split(|c: char| !c.is_ascii_digit())
        .any(|digits| digits.len() >= 4);
    t.lead.is_some()
        || t.image.is_some()
        || id
        || t.title.split_whitespace().count() >= 5
        || (t.title.chars().count() >= 12 && !t.title.contains(' '))
}

/// Whether `text` reads as a headline: several words, or (in scripts without spaces)
/// several characters.
fn headline(text: &str) -> bool {
    text.split_whitespace().count() >= 3 || text.chars().count() >= 12
}

/// The lead of the teaser `a` belongs to: an element with a lead's class in the smallest box
/// around `a` that holds no other story's link, else a paragraph there.
fn lead_near(a: &NodeRef<'_>, title: &str) -> Option<String> {
    let href = a.attr("href")?;
    let mut card = None;
    for n in a.ancestors_it(Some(4)) {
        let others = n
            .find(&["a"])
            .iter()
            .filter_map(|l| l.attr("href"))
            .any(|h| h != href);
        if others {
            break;
        }
        card = Some(n);
    }
    let card = card?;
    let candidates = card.find(&["p"]).into_iter().chain(
        card.find(&["div"])
            .into_iter()
            .chain(card.find(&["span"]))
            .filter(|n| {
                let class = n
                    .attr("class")
                    .map(|c| c.to_ascii_lowercase())
                    .unwrap_or_default();
                LEAD.iter().any(|w| class.contains(w))
            }),
    );
    candidates
        .map(|n| collapsed(&n.text()))
        .find(|t| t.chars().count() >= 30 && t != title && !title.contains(t.as_str()))
}

/// The first image in a link: its address (lazy images' `data-src` first) and its
/// description.
trait FirstImage {
    fn select_first_image(&self, base: &Url) -> Option<(String, Option<String>)>;
}

impl FirstImage for NodeRef<'_> {
    fn select_first_image(&self, base: &Url) -> Option<(String, Option<String>)> {
        let img = self.find(&["img"]).into_iter().next()?;
        let src = ["data-src", "data-original", "src"]
            .iter()
            .find_map(|name| img.attr(name).filter(|v| !v.trim().is_empty()))?;
        let src = base.join(src.trim()).ok()?.to_string();
        let alt = img
            .attr("alt")
            .or_else(|| img.attr("title"))
            .map(|a| collapsed(&a))
            .filter(|a| !a.is_empty());
        Some((src, alt))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head><base href="https://news.example/"></head><body>
<nav><a href="/the-menu-link-to-a-section-12345.html">World news from everywhere today</a></nav>
<article><h1>The story</h1>
<p>Body text with <a href="/an-inline-link-in-the-story-99999.html">a link inside</a> a long paragraph of the story's own words, which is no teaser at all.</p>
</article>
<section class="related"><h2>Related</h2>
 <div class="card"><a href="/first-related-story-10001.html"><img data-src="img/one.jpg" alt="Ministers sign the agreement"></a>
  <h3><a href="/first-related-story-10001.html">First related story about the climate deal</a></h3>
  <p class="sapo">A lead that says what the first related story is about, at some length.</p></div>
 <div class="card"><h3><a href="https://www.news.example/second-story-slug-here">Second related story, with no image</a></h3></div>
 <div class="card"><a href="/world/">World</a> <a href="https://elsewhere.example/a-story-on-another-site-123.html">Another site entirely</a></div>
</section>
<footer><a href="/about-us-and-contact-pages-2020.html">About us and how to contact us</a></footer>
</body></html>"#;

    #[test]
    fn the_related_stories_are_the_sites_article_links_beside_the_story() {
        let doc = Document::from(PAGE);
        let page = Url::parse("https://news.example/the-story-itself-10000.html").unwrap();
        let found = teasers(&doc, &page);
        let urls: Vec<&str> = found.iter().map(|t| t.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://news.example/first-related-story-10001.html",
                "https://www.news.example/second-story-slug-here"
            ]
        );
        let first = &found[0];
        assert_eq!(first.title, "First related story about the climate deal");
        assert_eq!(
            first.caption.as_deref(),
            Some("Ministers sign the agreement")
        );
        assert_eq!(
            first.image.as_deref(),
            Some("https://news.example/img/one.jpg")
        );
        assert!(
            first
                .lead
                .as_deref()
                .is_some_and(|l| l.starts_with("A lead that says"))
        );
        assert_eq!(found[1].lead, None);
    }

    #[test]
    fn a_topics_page_is_no_related_story() {
        let page = Url::parse("https://news.example:18735/world/a-story-2015-1234.html").unwrap();
        let html = r#"<div class="more">
            <a href="/neutralite-du-net/">Neutralité du Net</a>
            <a href="/politique/taubira-une-ministre-dans-la-tempete/">Taubira, une ministre dans la tempête</a>
            <a href="/politique/article/2015/04/16/taubira_4616851.html">Taubira</a></div>"#;
        let found = teasers(&Document::from(html), &page);
        let titles: Vec<&str> = found.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(titles, ["Taubira, une ministre dans la tempête"]);
    }

    #[test]
    fn a_page_without_links_has_no_related_stories() {
        let page = Url::parse("https://news.example/x").unwrap();
        assert!(teasers(&Document::from("<p>Nothing here"), &page).is_empty());
        assert!(teasers(&Document::from(""), &page).is_empty());
    }
}
