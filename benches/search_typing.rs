//! The search line on many titles: what typing a query a key at a time, erasing a key, and
//! pasting a long text cost, as the terminal loop hands them to the App (no idle step
//! between keys, as when they arrive together).
//!
//!   cargo run --release --example search_typing -- [N]
//!
//! N stories (default 1,000,000) with titles only, runs of the sample's words picked with a
//! fixed pseudo-random sequence, so the same N always gives the same titles. Prints the time
//! of each step in ms. Times depend on the machine; compare runs of the same build.

use std::time::{Duration, Instant};

use newsterm::action::{Action, AppEvent};
use newsterm::app::App;
use newsterm::bundle::{Bundle, load};

/// What is typed a key at a time: it narrows step by step.
const TYPED: &str = "truong dang quoc kha";

/// Characters pasted into a fresh search line.
const PASTED: usize = 3_000;

#[path = "rng.rs"]
mod rng;
use rng::Rng;

/// The sample's titles and paragraphs, one after the other.
fn sample_text() -> String {
    let sample: serde_json::Value =
        serde_json::from_str(newsterm::bundle::SAMPLE).expect("the sample bundle is JSON");
    let mut text = String::new();
    for article in sample["articles"].as_array().into_iter().flatten() {
        text.extend(article["title"].as_str().map(|t| format!("{t} ")));
        for block in article["body"].as_array().into_iter().flatten() {
            text.extend(block["text"].as_str().map(|t| format!("{t} ")));
        }
    }
    text
}

/// `n` stories titled with 6 to 14 words in a row of `words`, from a place picked at random.
fn bundle(n: usize, words: &[&str]) -> Bundle {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let articles: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            let count = 6 + rng.below(9);
            let from = rng.below(words.len() - count);
            let title = words[from..from + count].join(" ");
            serde_json::json!({"id": format!("s{i}"), "title": title})
        })
        .collect();
    let json = serde_json::json!({"newsterm": 1, "title": "Search", "articles": articles});
    load("search.json", json.to_string().as_bytes()).expect("the bundle loads")
}

/// Pasted text as the terminal loop hands it to the App while a line is typed.
fn paste(app: &mut App, text: &str) {
    app.update(AppEvent::Paste(text.into()));
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map_or(1_000_000, |a| a.parse().expect("N: a number of stories"));
    let text = sample_text();
    let words: Vec<&str> = text.split_whitespace().collect();
    let bundle = bundle(n, &words);
    let mut app = App::new(bundle, 200, 60);
    println!("{n} stories");
    println!("| step | shown after | titles compared | ms |");
    println!("| --- | ---: | ---: | ---: |");
    let step = |app: &mut App, what: String, f: &dyn Fn(&mut App)| {
        let compared = app.titles_compared();
        let start = Instant::now();
        f(app);
        let took = start.elapsed();
        println!(
            "| {what} | {} | {} | {:.2} |",
            app.list().len(),
            app.titles_compared().saturating_sub(compared),
            ms(took)
        );
        took
    };
    step(&mut app, "`/` (folds every title, once)".into(), &|a| {
        a.update(Action::Search)
    });
    let mut typing = Duration::ZERO;
    for (i, c) in TYPED.chars().enumerate() {
        let typed: String = TYPED.chars().take(i + 1).collect();
        typing += step(&mut app, format!("type `{typed}`"), &|a| {
            a.update(Action::Type(c))
        });
    }
    println!(
        "| all {} keys typed | {} | | {:.2} |",
        TYPED.chars().count(),
        app.list().len(),
        ms(typing)
    );
    step(&mut app, "erase a key".into(), &|a| a.update(Action::Erase));
    step(&mut app, "Esc, `/`".into(), &|a| {
        a.update(Action::Cancel);
        a.update(Action::Search);
    });
    let pasted: String = text.chars().take(PASTED).collect();
    // The first query with diacritics also lowers every title, once.
    step(&mut app, format!("paste {PASTED} characters"), &|a| {
        paste(a, &pasted)
    });
    step(&mut app, "Esc, `/`".into(), &|a| {
        a.update(Action::Cancel);
        a.update(Action::Search);
    });
    step(&mut app, format!("paste {PASTED} characters again"), &|a| {
        paste(a, &pasted)
    });
}
