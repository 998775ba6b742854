//! The feed list's keys on a big library, key press to finished frame (update and draw at
//! 120x40), as percentiles: opening the feed list, entering a feed, a query typed into the
//! search line (each key, and Enter), `A` in a feed, `U`, `C` then `y`, and back to the feed
//! list. The `j` row is the cheapest key in the same app, the baseline the others are a
//! multiple of.
//!
//!   cargo run --release --example feed_keys -- [STORIES] [FEEDS] [ROUNDS]
//!
//! The library is made in memory as the library's list has it (headline fields only): by
//! default 100,000 stories in 500 feeds under 40 tags (a feed under one or two), nine in ten
//! stories read, two saved queries.

use std::time::{Duration, Instant};

use newsterm::action::Action;
use newsterm::app::{App, Outcome, SavedQuery};
use newsterm::bundle::{Article, Bundle, StoryOrigin};
use newsterm::library::{FeedInfo, FeedStatus};
use newsterm::state::Memory;
use newsterm::ui::Theme;

fn library(stories: usize, feeds: usize) -> (Bundle, Vec<FeedInfo>, Memory) {
    let url = |f: usize| format!("https://feed{f}.example/rss");
    let origins = (0..feeds)
        .map(|f| StoryOrigin {
            name: format!("Feed number {f}"),
            feed: Some(url(f)),
            ..StoryOrigin::default()
        })
        .collect();
    let words = [
        "rust",
        "climate",
        "election",
        "market",
        "Hà Nội",
        "football",
        "AI",
    ];
    let articles = (0..stories)
        .map(|i| Article {
            id: format!("https://feed{}.example/story/{i}", i % feeds),
            title: format!("Story {i} on {} and {}", words[i % 7], words[i / 7 % 7]),
            published: Some(format!(
                "2026-{:02}-{:02}T{:02}:00:00Z",
                12 - (i / 9000).min(11),
                28 - (i / 300 % 28),
                i % 24
            )),
            origin: u16::try_from(i % feeds).unwrap_or(0),
            ..Article::default()
        })
        .collect();
    let infos = (0..feeds)
        .map(|f| FeedInfo {
            url: url(f),
            name: format!("Feed number {f}"),
            status: Some(FeedStatus {
                url: url(f),
                title: None,
                last_try: Some(1),
                last_ok: Some(1),
                failures: i64::from(f % 50 == 0),
                last_error: None,
                last_status: None,
            }),
            hidden: false,
            tags: if f % 3 == 0 {
                vec![format!("t{}", f % 40), format!("t{}", (f + 7) % 40)]
            } else {
                vec![format!("t{}", f % 40)]
            },
        })
        .collect();
    let memory = Memory {
        read: (0..stories)
            .filter(|i| i % 10 != 0)
            .map(|i| format!("https://feed{}.example/story/{i}", i % feeds))
            .collect(),
        ..Memory::default()
    };
    let bundle = Bundle {
        title: newsterm::library::TITLE.into(),
        articles,
        origins,
        ..Bundle::default()
    };
    (bundle, infos, memory)
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let stories = args.first().copied().unwrap_or(100_000);
    let feeds = args.get(1).copied().unwrap_or(500);
    let rounds = args.get(2).copied().unwrap_or(30);
    let (bundle, infos, memory) = library(stories, feeds);
    let query = |title: &str, text: &str| SavedQuery {
        title: title.into(),
        text: text.into(),
        expr: newsterm::query::parse(text).expect("a query"),
    };
    let mut app = App::new(bundle, 120, 40)
        .with_memory(memory)
        .with_now(newsterm::query::day_start(2026, 12, 1))
        .with_queries(vec![
            query("Unread rust", "unread rust"),
            query("This week", "newer:1w -read"),
        ]);
    app.apply(Outcome::Feeds(infos));
    let theme = Theme::COLOR;
    let mut times: Vec<(&str, Vec<Duration>)> = Vec::new();
    let mut time = |app: &mut App, name: &'static str, action: Action| {
        let start = Instant::now();
        app.update(action);
        let frame = newsterm::headless::draw(app, &theme);
        std::hint::black_box(frame);
        let took = start.elapsed();
        match times.iter_mut().find(|(n, _)| *n == name) {
            Some((_, list)) => list.push(took),
            None => times.push((name, vec![took])),
        }
    };
    for round in 0..rounds {
        time(&mut app, "j (baseline)", Action::Down);
        time(&mut app, "F: open the feed list", Action::Feeds);
        for _ in 0..(round * 7 % 40) + 3 {
            app.update(Action::Down);
        }
        time(&mut app, "Enter: a feed or tag", Action::Open);
        time(&mut app, "A: mark it read", Action::MarkListRead);
        time(&mut app, "U: undo", Action::Undo);
        time(&mut app, "Back to the feed list", Action::Back);
        app.update(Action::Dismiss);
        app.update(Action::Search);
        for c in "tag:t7 unread".chars() {
            time(&mut app, "a query typed, each key", Action::Type(c));
        }
        time(&mut app, "Enter: the query applied", Action::Accept);
        app.update(Action::Dismiss);
        if round % 10 == 0 {
            time(&mut app, "C y: mark everything read", Action::MarkAllRead);
            time(&mut app, "C y: mark everything read", Action::Type('y'));
            time(&mut app, "U: undo everything", Action::Undo);
        }
        app.take_unsaved();
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let baseline = times
        .first()
        .map(|(_, t)| percentile(t, 50))
        .unwrap_or_default()
        .max(Duration::from_micros(1));
    println!(
        "{stories} stories, {feeds} feeds, 120x40, {rounds} rounds; ms (p50 / p99 / worst), p99 as a multiple of j's p50"
    );
    for (name, list) in &times {
        let p99 = percentile(list, 99);
        println!(
            "{name:28} {:8.2} {:8.2} {:8.2}   {:6.0}x",
            ms(percentile(list, 50)),
            ms(p99),
            ms(list.iter().copied().max().unwrap_or_default()),
            p99.as_secs_f64() / baseline.as_secs_f64()
        );
    }
}

fn percentile(times: &[Duration], q: usize) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    let at = (sorted.len() * q / 100).min(sorted.len().saturating_sub(1));
    sorted.get(at).copied().unwrap_or_default()
}
