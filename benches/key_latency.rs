//! Key press to finished frame, one key at a time, as percentiles: the terminal loop's work
//! for a key (update, draw the frame, work out the bytes against the frame before) at 200x60
//! on a bundle file (`gen_bundle` output, any size), with a 1 MB story appended to it.
//!
//!   cargo run --release --example gen_bundle -- 100000 big.json
//!   cargo run --release --example key_latency -- big.json [ROUNDS]
//!
//! Each round moves the cursor to a story it has not opened, opens it, scrolls it, follows a
//! related story, comes back; every few rounds it opens the 1 MB story; then it types a
//! search. Between two keys, unmeasured, the work the terminal does while no key is waiting
//! is done, as it would be in a person's pause: laying out the rest of a long story,
//! preparing the related index, and laying out ahead the stories the next key may open (the
//! one under the cursor, the related ones, the one `back` returns to). So that what that
//! saves shows, every round also opens a story and follows a related one with no pause
//! before the key (`… at once`): laid out on the key itself.
//!
//! Prints p50, p99 and the worst time per kind of key. Times depend on the machine; compare
//! them with each other.

use std::time::{Duration, Instant};

use newsterm::action::Action;
use newsterm::app::App;
use newsterm::bundle::load;
use newsterm::layout::Pane;
use newsterm::painter::{Mark, Painter};
use newsterm::ui::Theme;

/// The bundle at `path` with one more story of 2,500 paragraphs (about 1 MB) at the end.
fn with_long_story(path: &str) -> Vec<u8> {
    let text = std::fs::read_to_string(path).expect("a bundle file");
    let mut bundle: serde_json::Value = serde_json::from_str(&text).expect("a JSON bundle");
    let paragraph = bundle["articles"][0]["body"][0]["text"]
        .as_str()
        .unwrap_or("Hà Nội mùa thu, phố cũ và những con đường rợp bóng cây.")
        .to_owned();
    let body: Vec<_> = (0..2500)
        .map(|_| serde_json::json!({"type": "paragraph", "text": paragraph}))
        .collect();
    if let Some(articles) = bundle["articles"].as_array_mut() {
        articles.push(serde_json::json!({"id": "long", "title": "Một bài rất dài", "body": body}));
    }
    serde_json::to_vec(&bundle).expect("serializes")
}

struct Keys {
    app: App,
    painter: Painter,
    times: Vec<(&'static str, Duration)>,
}

impl Keys {
    fn press(&mut self, kind: &'static str, action: Action) {
        // Unmeasured: what the terminal does while no key is waiting (a person's pause between
        // two keys): finish laying out a long story, search, prepare the related index, lay
        // out ahead what the next key may open.
        while self.app.busy() || self.app.preparing() {
            self.app.update(Action::Idle);
        }
        self.press_at_once(kind, action);
    }

    /// A key that comes right after the one before, with no pause for work ahead.
    fn press_at_once(&mut self, kind: &'static str, action: Action) {
        let start = Instant::now();
        let mark = Mark::of(&self.app);
        self.app.update(action);
        let sent = self
            .painter
            .paint(&self.app, &Theme::COLOR, Some(&mark))
            .len();
        self.times.push((kind, start.elapsed()));
        std::hint::black_box(sent);
    }

    /// Unmeasured: puts the focus on `pane`.
    fn focus(&mut self, pane: Pane) {
        while self.app.focus != pane {
            self.app.update(Action::FocusNext);
        }
        let _ = self.painter.paint(&self.app, &Theme::COLOR, None);
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .expect("usage: key_latency BUNDLE.json [ROUNDS]");
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(400);
    let bytes = with_long_story(&path);
    let bundle = load("bench.json", &bytes).expect("the bundle loads");
    let stories = bundle.articles.len();
    let mut keys = Keys {
        app: App::new(bundle, 200, 60),
        painter: Painter::new(),
        times: Vec::new(),
    };
    let _ = keys.painter.paint(&keys.app, &Theme::COLOR, None);
    for round in 0..rounds {
        keys.focus(Pane::Headlines);
        if round % 20 == 19 {
            // The 1 MB story, cold: 19 other stories were opened since.
            keys.app.update(Action::Bottom);
            keys.press("open the 1 MB story", Action::Open);
            keys.press("scroll one line", Action::Down);
            keys.press("page down", Action::PageDown);
            continue;
        }
        // A story never opened before, spread over the whole bundle.
        let target = (round * 7919 + 13) % (stories - 1);
        keys.app.update(Action::Top);
        for _ in 0..target.min(3) {
            keys.app.update(Action::Down);
        }
        keys.app.selected = target;
        keys.press("move the cursor", Action::Down);
        keys.press("open a story never opened", Action::Open);
        keys.press("scroll one line", Action::Down);
        keys.press("page down", Action::PageDown);
        keys.press("follow a related story", Action::OpenRelated(1));
        keys.press("back", Action::Back);
        // The same with no pause before the key: the story is laid out on it.
        keys.focus(Pane::Headlines);
        keys.app.selected = (target + stories / 2) % (stories - 1);
        keys.app.update(Action::Down);
        keys.press_at_once("open a story never opened, at once", Action::Open);
        keys.press_at_once("follow a related story, at once", Action::OpenRelated(2));
        keys.press("back", Action::Back);
    }
    // Typing a search, a key at a time: the first key also folds every title once.
    keys.focus(Pane::Headlines);
    keys.press(
        "search: open the line (folds every title, once)",
        Action::Search,
    );
    for c in "ha noi".chars() {
        keys.press("search: a key in the search line", Action::Type(c));
    }
    keys.press("search: a key in the search line", Action::Erase);
    // Related stories worked out from the words, as for a story without a `related` field:
    // the index over every title, once, then one story's related stories.
    let start = Instant::now();
    let titles = keys.app.bundle.articles.iter().map(|a| a.title.clone());
    let index = newsterm::related::Related::build(titles);
    keys.times
        .push(("related: index every title, once", start.elapsed()));
    for i in (0..stories).step_by((stories / 200).max(1)) {
        let start = Instant::now();
        std::hint::black_box(index.similar(i));
        keys.times
            .push(("related: one story's related stories", start.elapsed()));
    }
    let mut kinds: Vec<&str> = keys.times.iter().map(|(k, _)| *k).collect();
    kinds.sort_unstable();
    kinds.dedup();
    println!("{stories} stories at 200x60, {rounds} rounds");
    println!("| key | presses | p50 ms | p99 ms | worst ms |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    for kind in kinds {
        let mut t: Vec<Duration> = keys
            .times
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, d)| *d)
            .collect();
        t.sort_unstable();
        let at = |q: f64| t[((t.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1e3;
        println!(
            "| {kind} | {} | {:.3} | {:.3} | {:.3} |",
            t.len(),
            at(0.5),
            at(0.99),
            at(1.0)
        );
    }
}
