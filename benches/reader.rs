//! Criterion benches of what a key press costs: loading, opening a story (cold), scrolling,
//! drawing a 200x60 frame, and following a related story, on a 10,000-story bundle with a
//! 1 MB story in it; feeds; related stories worked out from the text. `cargo bench --bench reader`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use newsterm::action::Action;
use newsterm::app::App;
use newsterm::bundle::{Bundle, load};
use newsterm::headless::draw;
use newsterm::painter::{Mark, Painter};
use newsterm::ui::{Theme, View};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// `n` stories made from the sample's texts; story 5 is about 1 MB long.
fn bundle_json(n: usize) -> String {
    let sample: serde_json::Value =
        serde_json::from_str(newsterm::bundle::SAMPLE).expect("the sample is JSON");
    let template = &sample["articles"][0];
    let paragraph = template["body"][1]["text"].as_str().unwrap_or("…");
    let articles: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            let mut article = template.clone();
            article["id"] = format!("s{i}").into();
            article["title"] = format!("{} ({i})", template["title"].as_str().unwrap_or("")).into();
            article["related"] = (1..6).map(|k| format!("s{}", (i + k * 7) % n)).collect();
            if i == 5 {
                let body: Vec<_> = (0..2500)
                    .map(|_| serde_json::json!({"type": "paragraph", "text": paragraph}))
                    .collect();
                article["body"] = body.into();
            }
            article
        })
        .collect();
    serde_json::json!({"newsterm": 1, "title": "Bench", "articles": articles}).to_string()
}

/// `n` stories of about 1 MB each (2,500 paragraphs of the sample's text).
fn long_bundle_json(n: usize) -> String {
    let sample: serde_json::Value =
        serde_json::from_str(newsterm::bundle::SAMPLE).expect("the sample is JSON");
    let paragraph = sample["articles"][0]["body"][1]["text"]
        .as_str()
        .unwrap_or("…");
    let body: Vec<_> = (0..2500)
        .map(|_| serde_json::json!({"type": "paragraph", "text": paragraph}))
        .collect();
    let articles: Vec<_> = (0..n)
        .map(|i| serde_json::json!({"id": format!("l{i}"), "title": format!("Long {i}"), "body": body}))
        .collect();
    serde_json::json!({"newsterm": 1, "title": "Long", "articles": articles}).to_string()
}

fn benches(c: &mut Criterion) {
    let json = bundle_json(10_000);
    let bundle: Bundle = load("bench.json", json.as_bytes()).expect("bench bundle loads");
    c.bench_function("load 10k stories", |b| {
        b.iter(|| load("bench.json", black_box(json.as_bytes())))
    });
    // A key press to its finished frame: the update, the frame drawn, and the bytes for the
    // terminal worked out against the frame before (what the terminal loop does). The setup
    // moves the cursor to the story and paints, so opening lays the story out cold.
    for (name, story, key) in [
        (
            "key to frame: move the headline cursor",
            1usize,
            Action::Down,
        ),
        ("key to frame: open a short story (cold)", 1, Action::Open),
        ("key to frame: open the 1 MB story (cold)", 5, Action::Open),
    ] {
        c.bench_function(name, |b| {
            b.iter_batched(
                || {
                    let mut app = App::new(bundle.clone(), 200, 60);
                    for _ in 0..story {
                        app.update(Action::Down);
                    }
                    let mut painter = Painter::new();
                    painter.paint(&app, &Theme::COLOR, None);
                    (app, painter)
                },
                |(mut app, mut painter)| {
                    let mark = Mark::of(&app);
                    app.update(key);
                    let sent = painter.paint(&app, &Theme::COLOR, Some(&mark)).len();
                    (app, painter, sent)
                },
                criterion::BatchSize::LargeInput,
            )
        });
    }
    c.bench_function("paint after opening a short story (the frame alone)", |b| {
        b.iter_batched(
            || {
                let mut app = App::new(bundle.clone(), 200, 60);
                app.update(Action::Down);
                let mut painter = Painter::new();
                painter.paint(&app, &Theme::COLOR, None);
                let mark = Mark::of(&app);
                app.update(Action::Open);
                (app, painter, mark)
            },
            |(app, mut painter, mark)| {
                let sent = painter.paint(&app, &Theme::COLOR, Some(&mark)).len();
                (app, painter, sent)
            },
            criterion::BatchSize::LargeInput,
        )
    });
    // The same, in one session: each iteration moves the cursor down and opens the story
    // there, never opened before (the setup of the per-iteration benches above copies the
    // whole bundle each time, which leaves the caches cold for the measured key).
    let mut app = App::new(bundle.clone(), 200, 60);
    app.update(Action::Down);
    app.update(Action::Down);
    app.update(Action::Down);
    app.update(Action::Down);
    app.update(Action::Down);
    app.update(Action::Down);
    let mut painter = Painter::new();
    painter.paint(&app, &Theme::COLOR, None);
    c.bench_function(
        "key to frame: open the next story, cold, in a session",
        |b| {
            b.iter(|| {
                app.update(Action::FocusPrev);
                if app.focus() != newsterm::layout::Pane::Headlines {
                    app.update(Action::FocusPrev);
                }
                app.update(Action::Down);
                let mark = Mark::of(&app);
                app.update(Action::Open);
                black_box(painter.paint(&app, &Theme::COLOR, Some(&mark)).len())
            })
        },
    );
    // Every story 1 MB long, more of them than the layout cache holds: each open is cold.
    let long: Bundle = load("long.json", long_bundle_json(40).as_bytes()).expect("loads");
    let mut app = App::new(long, 200, 60);
    let mut painter = Painter::new();
    painter.paint(&app, &Theme::COLOR, None);
    c.bench_function(
        "key to frame: open the next 1 MB story, cold, in a session",
        |b| {
            b.iter(|| {
                app.update(Action::FocusPrev);
                if app.focus() != newsterm::layout::Pane::Headlines {
                    app.update(Action::FocusPrev);
                }
                app.update(if app.selected() + 1 == app.bundle().articles.len() {
                    Action::Top
                } else {
                    Action::Down
                });
                let mark = Mark::of(&app);
                app.update(Action::Open);
                black_box(painter.paint(&app, &Theme::COLOR, Some(&mark)).len())
            })
        },
    );
    let sample = newsterm::bundle::sample().expect("the sample loads");
    c.bench_function("paint a new reader pane at 200x60 (sample bundle)", |b| {
        b.iter_batched(
            || {
                let mut app = App::new(sample.clone(), 200, 60);
                app.update(Action::Down);
                let mut painter = Painter::new();
                painter.paint(&app, &Theme::COLOR, None);
                let mark = Mark::of(&app);
                app.update(Action::Open);
                (app, painter, mark)
            },
            |(app, mut painter, mark)| {
                let sent = painter.paint(&app, &Theme::COLOR, Some(&mark)).len();
                (app, painter, sent)
            },
            criterion::BatchSize::LargeInput,
        )
    });
    let mut app = App::new(bundle.clone(), 200, 60);
    for a in [Action::Down; 5]
        .into_iter()
        .chain([Action::Open, Action::Zoom])
    {
        app.update(a);
    }
    let mut painter = Painter::new();
    painter.paint(&app, &Theme::COLOR, None);
    c.bench_function(
        "key to frame: scroll the 1 MB story one line (zoomed)",
        |b| {
            b.iter(|| {
                for key in [Action::Down, Action::Up] {
                    let mark = Mark::of(&app);
                    app.update(key);
                    black_box(painter.paint(&app, &Theme::COLOR, Some(&mark)).len());
                }
            })
        },
    );
    let mut app = App::new(bundle.clone(), 200, 60);
    app.update(Action::Open);
    let mut painter = Painter::new();
    painter.paint(&app, &Theme::COLOR, None);
    c.bench_function(
        "key to frame: follow a related story and back (cached)",
        |b| {
            b.iter(|| {
                for key in [Action::OpenRelated(1), Action::Back] {
                    let mark = Mark::of(&app);
                    app.update(key);
                    black_box(painter.paint(&app, &Theme::COLOR, Some(&mark)).len());
                }
            })
        },
    );
    c.bench_function("read a news story from its span", |b| {
        b.iter(|| bundle.full_article(black_box(1)).map(|a| a.body.len()))
    });
    let story = bundle.full_article(1).expect("story 1").into_owned();
    c.bench_function("lay out a news story at 196 columns", |b| {
        b.iter(|| newsterm::document::build(black_box(&story), 196).line_count())
    });
    c.bench_function("read the 1 MB story from its span", |b| {
        b.iter(|| bundle.full_article(black_box(5)).map(|a| a.body.len()))
    });
    let big = bundle.full_article(5).expect("story 5").into_owned();
    c.bench_function("lay out all of the 1 MB story (idle work, or End)", |b| {
        b.iter(|| newsterm::document::build(black_box(&big), 196).line_count())
    });
    let mut app = App::new(bundle.clone(), 200, 60);
    for _ in 0..5 {
        app.update(Action::Down);
    }
    app.update(Action::Open);
    c.bench_function("scroll the 1 MB story one line (state only)", |b| {
        b.iter(|| {
            app.update(Action::Down);
            app.update(Action::Up);
        })
    });
    let area = Rect::new(0, 0, 200, 60);
    let mut buf = Buffer::empty(area);
    c.bench_function("draw a 200x60 frame", |b| {
        b.iter(|| {
            View {
                app: black_box(&app),
                theme: &Theme::COLOR,
            }
            .render(area, &mut buf)
        })
    });
    c.bench_function("draw a 200x60 frame through TestBackend (--render)", |b| {
        b.iter(|| draw(black_box(&app), &Theme::COLOR))
    });
    let mut app = App::new(bundle, 200, 60);
    app.update(Action::Open);
    c.bench_function("follow a related story and back (state only)", |b| {
        b.iter(|| {
            app.update(Action::OpenRelated(1));
            app.update(Action::Back);
        })
    });
}

/// Feeds: the corpus of real feeds read by feed-rs alone (the baseline: parsing only) and by
/// newsterm (parsing, HTML made into blocks, the bundle loader's checks and cleaning).
fn feeds(c: &mut Criterion) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/feeds/corpus");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("the corpus")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            !name.contains("invalid") && !name.starts_with("xml__")
        })
        .map(|p| (p.display().to_string(), std::fs::read(&p).expect("a feed")))
        .collect();
    files.sort();
    c.bench_function("feeds: the corpus through feed-rs alone (baseline)", |b| {
        b.iter(|| {
            for (_, bytes) in &files {
                std::hint::black_box(feed_rs::parser::parse(&bytes[..]).ok());
            }
        })
    });
    c.bench_function("feeds: the corpus read into bundles", |b| {
        b.iter(|| {
            for (name, bytes) in &files {
                std::hint::black_box(newsterm::feed::parse::read_feed(name, bytes, None).ok());
            }
        })
    });
}

/// Related stories worked out from the text (stories whose bundle names none), as the app
/// indexes them: titles alone for 10,000 stories, title and lead for 2,000 (the most whose
/// leads it reads). Titles are 8-14 words and leads one sentence, stitched from the sample's
/// sentences in a fixed order, so stories share some words and not others, as news does.
fn related(c: &mut Criterion) {
    use newsterm::related::Related;
    let sample: serde_json::Value =
        serde_json::from_str(newsterm::bundle::SAMPLE).expect("the sample is JSON");
    let sentences: Vec<String> = sample["articles"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|a| a["body"].as_array().into_iter().flatten())
        .filter_map(|block| block["text"].as_str())
        .flat_map(|text| text.split(". "))
        .map(str::to_owned)
        .collect();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |below: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize % below.max(1)
    };
    let mut story = |with_lead: bool| {
        let words = 8 + next(7);
        let title: Vec<&str> = sentences[next(sentences.len())]
            .split_whitespace()
            .take(words)
            .collect();
        let mut text = title.join(" ");
        if with_lead {
            text.push(' ');
            text.push_str(&sentences[next(sentences.len())]);
        }
        text
    };
    let titles: Vec<String> = (0..10_000).map(|_| story(false)).collect();
    let with_leads: Vec<String> = (0..2_000).map(|_| story(true)).collect();
    c.bench_function("related: index 10,000 titles", |b| {
        b.iter(|| Related::build(black_box(titles.iter().cloned())))
    });
    c.bench_function("related: index 2,000 titles and leads", |b| {
        b.iter(|| Related::build(black_box(with_leads.iter().cloned())))
    });
    let index = Related::build(titles.iter().cloned());
    let mut at = 0;
    c.bench_function(
        "related: one story's related stories (10,000 titles)",
        |b| {
            b.iter(|| {
                at = (at + 7919) % titles.len();
                black_box(index.similar(at))
            })
        },
    );
}

criterion_group!(reader, benches, feeds, related);
criterion_main!(reader);
