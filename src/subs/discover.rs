//! Feed autodiscovery: the feeds an HTML page names in its head, as browsers and feed readers
//! find them: `<link rel="alternate" type="application/rss+xml" href="…">` (or Atom, or JSON
//! Feed), resolved against the page's address and its `<base href>`.

use url::Url;

/// The media types of feeds a page may name.
const FEED_TYPES: [&str; 4] = [
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
];

/// The http(s) feed addresses `html` names, in the page's order, each once. `page` is the
/// address the page came from.
pub fn feed_links(html: &str, page: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(html);
    let elements = || document.tree.values().filter_map(|node| node.as_element());
    let page = Url::parse(page).ok();
    // The first `<base href>` counts, itself resolved against the page.
    let base = elements()
        .filter(|e| e.name() == "base")
        .find_map(|e| e.attr("href"))
        .and_then(|href| match &page {
            Some(page) => page.join(href.trim()).ok(),
            None => Url::parse(href.trim()).ok(),
        })
        .or(page);
    let mut found: Vec<String> = Vec::new();
    for link in elements().filter(|e| e.name() == "link") {
        let alternate = link.attr("rel").is_some_and(|rel| {
            rel.split_ascii_whitespace()
                .any(|r| r.eq_ignore_ascii_case("alternate"))
        });
        let kind = link.attr("type").map(|t| {
            t.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        });
        let is_feed = kind.is_some_and(|k| FEED_TYPES.contains(&k.as_str()));
        let Some(href) = link.attr("href").map(str::trim).filter(|h| !h.is_empty()) else {
            continue;
        };
        if !alternate || !is_feed {
            continue;
        }
        let url = match &base {
            Some(base) => base.join(href),
            None => Url::parse(href),
        };
        let Ok(url) = url else { continue };
        if !matches!(url.scheme(), "http" | "https") {
            continue;
        }
        let url = String::from(url);
        if !found.contains(&url) {
            found.push(url);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alternates_are_found_and_resolved() {
        let page = r#"<!doctype html><html><head>
            <base href="/blog/">
            <link rel="stylesheet" type="text/css" href="s.css">
            <link rel="alternate" type="application/rss+xml" href="feed.xml" title="RSS">
            <LINK REL="Alternate feed" TYPE="Application/Atom+XML; charset=utf-8" HREF=" /atom ">
            <link rel="alternate" type="application/feed+json" href="https://other.example/f.json">
            <link rel="alternate" type="application/json" href="javascript:alert(1)">
            <link rel="alternate" type="text/html" href="/fr/">
            <link rel="alternate" type="application/rss+xml" href="feed.xml">
            <link rel="alternate" type="application/rss+xml">
            </head><body><link rel="alternate" type="application/json" href="late.json"></body></html>"#;
        assert_eq!(
            feed_links(page, "http://e.org/about/"),
            [
                "http://e.org/blog/feed.xml",
                "http://e.org/atom",
                "https://other.example/f.json",
                "http://e.org/blog/late.json",
            ]
        );
        assert!(feed_links("<p>no feeds</p>", "http://e.org/").is_empty());
        assert!(feed_links("", "not an address").is_empty());
    }
}
