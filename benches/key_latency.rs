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
//! Once a round, after the same pause, stock ratatui (its `Terminal` over crossterm, into a
//! sink) shows a new bordered page of headlines: the `for scale` row, what a plain ratatui
//! reader pays for a new frame on the same machine at the same moment.
//!
//! Prints p50, p99 and the worst time per kind of key. Times depend on the machine; compare
//! them with each other and with the `for scale` row.

use std::time::{Duration, Instant};

use newsterm::action::{Action, AppEvent};
use newsterm::app::App;
use newsterm::bundle::load;
use newsterm::layout::Pane;
use newsterm::painter::{Mark, Painter};
use newsterm::ui::Theme;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Paragraph};
use ratatui::{Terminal, TerminalOptions, Viewport};

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

const STOCK: &str = "for scale: ratatui + crossterm, a new 200x60 page";

struct Keys {
    app: App,
    painter: Painter,
    stock: Option<Stock>,
    times: Vec<(&'static str, Duration)>,
}

impl Keys {
    fn press(&mut self, kind: &'static str, action: Action) {
        self.pause();
        self.press_at_once(kind, action);
    }

    /// Unmeasured: what the terminal does while no key is waiting (a person's pause between
    /// two keys): finish laying out a long story, search, prepare the related index, lay out
    /// ahead what the next key may open.
    fn pause(&mut self) {
        while self.app.busy() || self.app.preparing() {
            self.app.update(AppEvent::Idle);
        }
    }

    /// A frame of stock ratatui after the same pause as a key.
    fn stock_frame(&mut self) {
        self.pause();
        if let Some(stock) = self.stock.as_mut() {
            let took = stock.frame();
            self.times.push((STOCK, took));
        }
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
        while self.app.focus() != pane {
            self.app.update(Action::FocusNext);
        }
        let _ = self.painter.paint(&self.app, &Theme::COLOR, None);
    }
}

/// For scale, on the same machine in the same process and after the same pauses: ratatui's
/// own `Terminal` over crossterm (writing to a sink) showing a new bordered 200x60 page of
/// headlines, every cell changed, as for a story opened: what a plain ratatui reader pays
/// per key.
struct Stock {
    terminal: Terminal<CrosstermBackend<std::io::Sink>>,
    titles: Vec<String>,
    page: usize,
}

impl Stock {
    fn new(app: &App) -> Option<Self> {
        let options = TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, 200, 60)),
        };
        let terminal =
            Terminal::with_options(CrosstermBackend::new(std::io::sink()), options).ok()?;
        let titles = app
            .bundle()
            .articles
            .iter()
            .map(|a| a.title.clone())
            .collect();
        Some(Stock {
            terminal,
            titles,
            page: 0,
        })
    }

    /// One new page, timed.
    fn frame(&mut self) -> Duration {
        self.page += 1;
        let from = (self.page * 58) % self.titles.len().saturating_sub(58).max(1);
        let start = Instant::now();
        let text = self.titles[from..]
            .iter()
            .take(58)
            .cloned()
            .collect::<Vec<_>>();
        let drawn = self.terminal.draw(|frame| {
            let area = frame.area();
            frame.render_widget(
                Paragraph::new(text.join("\n")).block(Block::bordered()),
                area,
            );
        });
        let took = start.elapsed();
        std::hint::black_box(drawn.is_ok());
        took
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
    let app = App::new(bundle, 200, 60);
    let mut keys = Keys {
        stock: Stock::new(&app),
        app,
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
        keys.app.select(target);
        keys.press("move the cursor", Action::Down);
        keys.press("open a story never opened", Action::Open);
        keys.press("scroll one line", Action::Down);
        keys.press("page down", Action::PageDown);
        keys.press("follow a related story", Action::OpenRelated(1));
        keys.press("back", Action::Back);
        keys.stock_frame();
        // The same with no pause before the key: the story is laid out on it.
        keys.focus(Pane::Headlines);
        keys.app.select((target + stories / 2) % (stories - 1));
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
    let titles = keys.app.bundle().articles.iter().map(|a| a.title.clone());
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
    let sorted = |kind: &str| {
        let mut t: Vec<Duration> = keys
            .times
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, d)| *d)
            .collect();
        t.sort_unstable();
        t
    };
    let at = |t: &[Duration], q: f64| {
        t.get(((t.len().max(1) - 1) as f64 * q).round() as usize)
            .map_or(f64::NAN, |d| d.as_secs_f64() * 1e3)
    };
    let scale = sorted(STOCK);
    let (scale50, scale99) = (at(&scale, 0.5), at(&scale, 0.99));
    println!("{stories} stories at 200x60, {rounds} rounds");
    println!("| key | presses | p50 ms | p99 ms | worst ms | p50, p99 / for scale |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    for kind in kinds {
        let t = sorted(kind);
        let (p50, p99) = (at(&t, 0.5), at(&t, 0.99));
        println!(
            "| {kind} | {} | {p50:.3} | {p99:.3} | {:.3} | {:.2}x, {:.2}x |",
            t.len(),
            at(&t, 1.0),
            p50 / scale50,
            p99 / scale99,
        );
    }
}
