//! Article extraction on the corpus of real pages (`tests/articles/corpus`, from Mozilla
//! Readability's tests): the words of every page's article against Readability's, its title,
//! and the reader's blocks it becomes. Times are the bench's (`benches/articles.rs`).

use std::path::PathBuf;

use newsterm::article::score::{f1, same_line, text_of_blocks, words};
use newsterm::article::{WebArticle, extract};
use newsterm::bundle::Block;

fn corpus() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/articles/corpus");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the corpus")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("source.html").is_file())
        .collect();
    pages.sort();
    pages
}

fn read(page: &std::path::Path, name: &str) -> String {
    std::fs::read_to_string(page.join(name)).unwrap_or_default()
}

fn article(name: &str) -> WebArticle {
    let page = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/articles/corpus")
        .join(name);
    extract(
        &read(&page, "source.html"),
        Some("http://fakehost/test/page.html"),
    )
    .unwrap_or_else(|e| panic!("{name}: {e}"))
}

#[test]
fn the_corpus_reads_as_readability_reads_it() {
    let mut scores = Vec::new();
    let mut titles = 0;
    for page in corpus() {
        let expected = words(&newsterm::feed::html::text_from_html(&read(
            &page,
            "expected.html",
        )));
        let meta: serde_json::Value =
            serde_json::from_str(&read(&page, "expected-metadata.json")).expect("metadata");
        let found = extract(
            &read(&page, "source.html"),
            Some("http://fakehost/test/page.html"),
        );
        let (score, title) = match &found {
            Ok(a) => (
                f1(&words(&text_of_blocks(&a.blocks)), &expected),
                same_line(Some(&a.title), meta["title"].as_str()),
            ),
            Err(_) => (0.0, false),
        };
        scores.push((score, page.display().to_string()));
        titles += usize::from(title);
    }
    let n = scores.len();
    assert!(n >= 90, "the whole corpus: {n} pages");
    scores.sort_by(|a, b| a.0.total_cmp(&b.0));
    let median = scores[n / 2].0;
    let good = scores.iter().filter(|s| s.0 >= 0.90).count();
    assert!(median >= 0.98, "median F1 {median}");
    assert!(
        good * 100 >= n * 95,
        "{good} of {n} pages at 0.90; worst: {:?}",
        &scores[..5]
    );
    assert!(titles * 100 >= n * 95, "{titles} of {n} titles right");
}

#[test]
fn a_page_keeps_its_structure_as_the_readers_blocks() {
    let wiki = article("wikipedia");
    let has = |f: fn(&Block) -> bool| wiki.blocks.iter().any(f);
    assert!(has(|b| matches!(b, Block::Heading(_))), "headings");
    assert!(has(|b| matches!(b, Block::List { .. })), "lists");
    assert!(has(|b| matches!(b, Block::Paragraph(_))), "paragraphs");
    let tables = article("keep-tabular-data");
    assert!(
        tables
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Table(rows) if rows.len() > 2)),
        "a table of data stays a table"
    );
}

#[test]
fn metadata_comes_with_the_article() {
    let rtl = article("rtl-1");
    assert_eq!(rtl.direction.as_deref(), Some("rtl"));
    let nyt = article("nytimes-3");
    assert_eq!(nyt.byline.as_deref(), Some("Corey Kilgannon"));
    assert!(
        nyt.image
            .as_deref()
            .is_some_and(|i| i.starts_with("https://"))
    );
    let aclu = article("aclu");
    assert_eq!(aclu.site.as_deref(), Some("American Civil Liberties Union"));
    assert!(aclu.published.is_some(), "{aclu:?}");
}

#[test]
fn what_is_no_article_is_said_and_nothing_panics() {
    for html in ["", "<html>", "\u{0}\u{feff}<p>", &"<div>".repeat(100_000)] {
        let _ = extract(html, None);
        let _ = extract(html, Some("not a url"));
    }
}

#[test]
fn links_resolve_against_the_page_and_its_base_and_lazy_images_are_found() {
    let text = |a: &WebArticle| format!("{:?}", a.blocks);
    let base = article("base-url-base-element");
    assert!(
        text(&base).contains("<http://fakehost/foo/bar/baz.html>"),
        "{}",
        text(&base)
    );
    let lazy = article("lazy-image-2");
    let images: Vec<&str> = lazy
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Image { url: Some(u), .. } => Some(u.as_str()),
            _ => None,
        })
        .collect();
    assert!(
        !images.is_empty() && images.iter().all(|u| u.starts_with("http")),
        "{images:?}"
    );
}
