//! Article extraction on the corpus of real pages (`tests/articles/corpus`, from Mozilla
//! Readability's tests): per page, the word-level F1 of the body text against the article
//! Readability extracts (`expected.html`), whether the title and byline match
//! `expected-metadata.json`, and the time taken, for three extractions side by side:
//!
//! - `page`: the whole page's text, the floor any extraction must beat;
//! - `lite`: an extraction of our own on html5ever (through `scraper`), the classic scoring
//!   of text blocks by length, commas and link density under class and id hints;
//! - `newsterm`: what the reader uses, `newsterm::article::extract` (Readability's algorithm
//!   by `dom_smoothie`, its article made into the reader's blocks).
//!
//! Run: `cargo run --release --example articles [-- CORPUS_DIR]`. The table goes to standard
//! output, the summary last; `docs/articles.md` holds the current figures.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use newsterm::article::score::{f1, same_line, text_of_blocks, words};
use scraper::{ElementRef, Html, Node};

/// Each page is extracted this many times and the fastest time kept: the least noisy.
const RUNS: usize = 5;

struct Row {
    name: String,
    page: f64,
    lite: f64,
    ours: f64,
    title: bool,
    byline: bool,
    bytes: usize,
    ours_time: Duration,
    lite_time: Duration,
}

fn main() {
    let dir = std::env::args().nth(1).map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/articles/corpus"),
        PathBuf::from,
    );
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("source.html").is_file())
        .collect();
    pages.sort();
    println!(
        "| page | KB | page F1 | lite F1 | newsterm F1 | title | byline | lite ms | newsterm ms |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: |");
    let rows: Vec<Row> = pages.iter().map(|p| measure(p)).collect();
    for r in &rows {
        println!(
            "| {} | {} | {:.3} | {:.3} | {:.3} | {} | {} | {:.2} | {:.2} |",
            r.name,
            r.bytes / 1024,
            r.page,
            r.lite,
            r.ours,
            if r.title { "yes" } else { "NO" },
            if r.byline { "yes" } else { "NO" },
            r.lite_time.as_secs_f64() * 1000.0,
            r.ours_time.as_secs_f64() * 1000.0,
        );
    }
    summary(&rows);
}

fn summary(rows: &[Row]) {
    let n = rows.len().max(1);
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(0.0)
    };
    let share = |v: &[f64], at: f64| v.iter().filter(|&&x| x >= at).count() * 100 / n;
    let ours: Vec<f64> = rows.iter().map(|r| r.ours).collect();
    let lite: Vec<f64> = rows.iter().map(|r| r.lite).collect();
    let page: Vec<f64> = rows.iter().map(|r| r.page).collect();
    let largest = rows.iter().max_by_key(|r| r.bytes);
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!();
    println!("pages: {}", rows.len());
    println!(
        "median F1: page {:.3}, lite {:.3}, newsterm {:.3}",
        median(page.clone()),
        median(lite.clone()),
        median(ours.clone())
    );
    println!(
        "pages with F1 >= 0.90: page {}%, lite {}%, newsterm {}%",
        share(&page, 0.9),
        share(&lite, 0.9),
        share(&ours, 0.9)
    );
    println!(
        "titles right: {}%, bylines right: {}%",
        rows.iter().filter(|r| r.title).count() * 100 / n,
        rows.iter().filter(|r| r.byline).count() * 100 / n
    );
    println!(
        "time per page, median: lite {:.2} ms, newsterm {:.2} ms",
        median(rows.iter().map(|r| ms(r.lite_time)).collect()),
        median(rows.iter().map(|r| ms(r.ours_time)).collect())
    );
    if let Some(r) = rows.iter().max_by_key(|r| r.ours_time) {
        println!(
            "slowest page for newsterm ({}, {} KB): {:.2} ms",
            r.name,
            r.bytes / 1024,
            ms(r.ours_time)
        );
    }
    if let Some(r) = largest {
        println!(
            "largest page ({}, {} KB): lite {:.2} ms, newsterm {:.2} ms",
            r.name,
            r.bytes / 1024,
            ms(r.lite_time),
            ms(r.ours_time)
        );
    }
}

fn measure(dir: &Path) -> Row {
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap_or_default();
    let source = read("source.html");
    let expected = words(&newsterm::feed::html::text_from_html(&read(
        "expected.html",
    )));
    let meta: serde_json::Value =
        serde_json::from_str(&read("expected-metadata.json")).unwrap_or_default();
    let url = "http://fakehost/test/page.html";
    let (ours_time, found) = fastest(|| newsterm::article::extract(&source, Some(url)));
    let (lite_time, lite_text) = fastest(|| lite(&source));
    let page_text = newsterm::feed::html::text_from_html(&source);
    let (ours, title, byline) = match &found {
        Ok(a) => (
            f1(&words(&text_of_blocks(&a.blocks)), &expected),
            same_line(Some(&a.title), meta["title"].as_str()),
            same_line(a.byline.as_deref(), meta["byline"].as_str()),
        ),
        Err(_) => (0.0, false, meta["byline"].as_str().is_none()),
    };
    Row {
        name: dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        page: f1(&words(&page_text), &expected),
        lite: f1(&words(&lite_text), &expected),
        ours,
        title,
        byline,
        bytes: source.len(),
        ours_time,
        lite_time,
    }
}

fn fastest<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut out = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        let value = f();
        best = best.min(start.elapsed());
        out = Some(value);
    }
    (best, out.expect("at least one run"))
}

/// Class and id words of what is not the article.
const UNLIKELY: &[&str] = &[
    "comment",
    "share",
    "social",
    "nav",
    "footer",
    "sidebar",
    "menu",
    "banner",
    "ad-",
    "promo",
    "related",
    "cookie",
    "subscribe",
    "newsletter",
    "popup",
    "masthead",
    "breadcrumb",
    "widget",
];
/// Class and id words of the article.
const LIKELY: &[&str] = &[
    "article", "body", "content", "entry", "main", "post", "story", "text",
];

/// The lite extraction: each paragraph-like element scores its parent (and half of it its
/// grandparent) by its length and commas; the best container less its link text wins.
fn lite(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut scores = std::collections::HashMap::new();
    let hint = |e: &ElementRef<'_>| {
        let v = e.value();
        let names = format!(
            "{} {}",
            v.attr("class").unwrap_or(""),
            v.attr("id").unwrap_or("")
        )
        .to_lowercase();
        if LIKELY.iter().any(|w| names.contains(w)) {
            25.0
        } else if UNLIKELY.iter().any(|w| names.contains(w)) {
            -25.0
        } else {
            0.0
        }
    };
    let selector = scraper::Selector::parse("p, pre, td, blockquote").expect("a selector");
    for p in doc.select(&selector) {
        let text = p.text().collect::<String>();
        let len = text.trim().chars().count();
        if len < 25 {
            continue;
        }
        let score = 1.0 + text.matches(',').count() as f64 + (len as f64 / 100.0).min(3.0);
        let mut up = p.parent().and_then(ElementRef::wrap);
        for share in [1.0, 0.5] {
            let Some(e) = up else { break };
            *scores.entry(e.id()).or_insert_with(|| hint(&e)) += score * share;
            up = e.parent().and_then(ElementRef::wrap);
        }
    }
    let best = doc
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter_map(|e| scores.get(&e.id()).map(|&s| (e, s)))
        .map(|(e, s)| (e, s * (1.0 - link_density(&e))))
        .max_by(|a, b| a.1.total_cmp(&b.1));
    match best {
        Some((e, _)) => visible_text(&e),
        None => String::new(),
    }
}

fn link_density(e: &ElementRef<'_>) -> f64 {
    let all = e.text().map(str::len).sum::<usize>().max(1);
    let linked: usize = e
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|a| a.value().name() == "a")
        .map(|a| a.text().map(str::len).sum::<usize>())
        .sum();
    linked as f64 / all as f64
}

/// The text of `e` without that of scripts, styles and forms.
fn visible_text(e: &ElementRef<'_>) -> String {
    let mut out = String::new();
    let mut stack = vec![**e];
    while let Some(node) = stack.pop() {
        match node.value() {
            Node::Text(t) => {
                out.push_str(t);
                out.push(' ');
            }
            Node::Element(el)
                if matches!(
                    el.name(),
                    "script" | "style" | "noscript" | "form" | "button"
                ) => {}
            _ => stack.extend(node.children().rev()),
        }
    }
    out
}
