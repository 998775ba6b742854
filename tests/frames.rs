//! Whole-frame snapshots of the sample bundle: the sizes it is run at, after the key
//! sequences a reader actually types. `cli.rs` checks the binary prints these same frames.

use crate::support::{frame_of, frame_with_feeds, sample_frame, settings};

/// Sizes: a classic terminal, a roomy one, a wide one and a small split.
pub const SIZES: &[(u16, u16)] = &[(80, 24), (120, 40), (160, 45), (40, 15)];

/// (snapshot name, keys typed)
pub const STATES: &[(&str, &str)] = &[
    ("first", ""),
    ("opened", "j Enter"),
    ("scrolled", "Enter j j j j j Space"),
    ("end_of_story", "Enter G"),
    ("related_focused", "Tab Tab j"),
    ("followed_related", "Enter j j 3"),
    ("followed_and_back", "Enter j j 3 Backspace"),
    ("help", "?"),
    ("one_pane_tab", "Tab"),
    ("last_headline", "G"),
    ("zoomed_reader", "Enter j j z"),
    ("searched", "/ b o Space t r u o n g Enter Tab n"),
];

#[test]
fn sample_frames_at_every_size() {
    settings().bind(|| {
        for &(cols, rows) in SIZES {
            for (name, keys) in STATES {
                let frame = sample_frame(cols, rows, keys);
                insta::assert_snapshot!(format!("{name}_{cols}x{rows}"), frame, keys);
            }
        }
    });
}

/// Wider than the reader's measure: its lines keep to 100 columns of text, beside the list
/// and zoomed, where the title, the lead, the caption and the paragraphs all start.
#[test]
fn the_reader_keeps_its_measure_on_wide_terminals() {
    settings().bind(|| {
        // (name, keys, the text's first column, its rows)
        for (name, keys, left, rows) in [
            ("measure_panes", "Enter", 69, 2..49),
            ("measure_zoomed", "Enter z", 1, 1..59),
        ] {
            let frame = sample_frame(200, 60, keys);
            for line in frame.lines().take(rows.end).skip(rows.start) {
                let cells: Vec<char> = line.chars().collect();
                let beyond: String = cells[left + 100..cells.len() - 1].iter().collect();
                assert!(beyond.trim().is_empty(), "{keys}: {line:?}");
            }
            insta::assert_snapshot!(format!("{name}_200x60"), frame, keys);
        }
    });
}

/// A story with twelve web addresses in its text and nine related stories: `L` asks for a
/// link by its number in the status line, and the reader's status bar names `L` for it
/// without losing a hint at 80 columns.
#[test]
fn the_link_number_is_asked_for_in_the_status_line() {
    let addresses: Vec<String> = (1..=12)
        .map(|n| format!("https://example.org/{n}"))
        .collect();
    let mut articles = vec![serde_json::json!(
        {"id": "a", "title": "Mười hai liên kết",
         "related": (1..=9).map(|n| format!("r{n}")).collect::<Vec<_>>(),
         "body": [{"type": "paragraph", "text": format!("Xem {}.", addresses.join(" và "))}]}
    )];
    articles.extend(
        (1..=9).map(|n| serde_json::json!({"id": format!("r{n}"), "title": format!("Tin {n}")})),
    );
    let json = serde_json::json!({"newsterm": 1, "title": "Liên kết", "articles": articles});
    let bundle =
        || newsterm::bundle::load("links.json", json.to_string().as_bytes()).expect("loads");
    let last = |frame: &str| {
        frame
            .lines()
            .last()
            .unwrap_or_default()
            .trim_end()
            .to_owned()
    };
    let reading = frame_of(bundle(), 80, 24, "Enter");
    assert_eq!(
        last(&reading),
        " j/k scroll  Space/b page  1-9 related  L link  h back  Tab pane  ? help  Q quit"
    );
    let asking = frame_of(bundle(), 80, 24, "Enter L 1 2");
    assert_eq!(last(&asking), "Open link (1-12): 12");
    settings().bind(|| insta::assert_snapshot!("link_prompt_80x24", asking, "Enter L 1 2"));
    let refused = frame_of(bundle(), 80, 24, "Enter L 1 4 Enter");
    assert_eq!(last(&refused), " No link 14: this story has 12.");
}

#[test]
fn too_small_frames() {
    settings().bind(|| {
        for (cols, rows) in [(19, 24), (80, 5), (12, 3), (10, 3), (5, 1), (3, 2), (1, 1)] {
            insta::assert_snapshot!(
                format!("too_small_{cols}x{rows}"),
                sample_frame(cols, rows, "j")
            );
        }
    });
}

#[test]
fn frames_have_exact_dimensions() {
    for (cols, rows) in [
        (1, 1),
        (2, 1),
        (19, 5),
        (20, 6),
        (37, 9),
        (99, 30),
        (100, 30),
        (300, 100),
    ] {
        for (_, keys) in STATES {
            let frame = sample_frame(cols, rows, keys);
            let lines: Vec<&str> = frame.lines().collect();
            assert_eq!(lines.len(), usize::from(rows), "{cols}x{rows} {keys}");
            for line in lines {
                assert_eq!(
                    newsterm::text::width(line),
                    usize::from(cols),
                    "{cols}x{rows} {keys}: {line:?}"
                );
            }
        }
    }
}

#[test]
fn rendering_is_deterministic() {
    assert_eq!(
        sample_frame(120, 40, "Enter j 2"),
        sample_frame(120, 40, "Enter j 2")
    );
}

/// Key sequences where idle work (the body search, related lists, long layouts) could race
/// a key, besides every snapshot's.
const RACY: &[&str] = &[
    "/ c o p 2 6 Enter Enter",
    "j j j / z z z z Enter Enter",
    "/ t u y e n",
    "/ h o c Space s i n h Enter",
    "/ h o c Esc Esc",
    "/ b o Enter n n N Tab 2 h",
    "G / t p Space h c m Enter k Enter m",
];

/// The frame after `keys` with `steps` idle steps after each key (`None`: until idle work is
/// done), then idle work finished, as `--render` does.
fn typed_with_pauses(cols: u16, rows: u16, keys: &str, steps: Option<usize>) -> String {
    use newsterm::action::AppEvent;
    let keys = newsterm::keys::parse_keys(keys).expect("test keys parse");
    let mut app = newsterm::app::App::new(newsterm::bundle::sample().expect("sample"), cols, rows);
    for key in keys {
        if let Some(action) = app.keymap().action_in(app.find().editing, key) {
            app.update(action);
        }
        let mut left = steps.unwrap_or(usize::MAX);
        while app.busy() && left > 0 {
            app.update(AppEvent::Idle);
            left -= 1;
        }
    }
    newsterm::testing::Session::of(app).frame().to_string()
}

#[test]
fn keys_that_arrive_together_give_what_they_give_typed_slowly() {
    let sequences = STATES
        .iter()
        .map(|(_, keys)| *keys)
        .chain(RACY.iter().copied());
    for keys in sequences {
        for &(cols, rows) in SIZES {
            let together = sample_frame(cols, rows, keys);
            for steps in [Some(1), Some(3), None] {
                assert_eq!(
                    typed_with_pauses(cols, rows, keys, steps),
                    together,
                    "{keys:?} at {cols}x{rows}, {steps:?} idle steps between keys"
                );
            }
        }
    }
}

/// The first screen of a large library, before the rest of its list has come: the list's
/// border counts every story, and the bar says the counts are still being made.
#[test]
fn the_first_screen_before_the_whole_list() {
    settings().bind(|| {
        for (cols, rows) in [(80, 24), (120, 40)] {
            let mut bundle = newsterm::bundle::sample().expect("the sample");
            bundle.articles.truncate(5);
            bundle.following = 94_995;
            let frame = frame_of(bundle, cols, rows, "j");
            insta::assert_snapshot!(format!("first_screen_{cols}x{rows}"), frame);
        }
    });
}

/// The library's feed list (`F`): failing feeds first with how many times they failed, the
/// selected feed's address and failure in full at the bottom, every name in any script.
#[test]
fn the_feed_list_at_every_size() {
    use newsterm::bundle::{Article, Bundle, StoryOrigin};
    use newsterm::library::{FeedInfo, FeedStatus};
    /// Failures in a row, the HTTP status and the error of a feed's last fetch.
    type Last = Option<(i64, Option<u16>, &'static str)>;
    let feeds: [(&str, &str, Last); 6] = [
        (
            "https://arstechnica.com/feed/",
            "Ars Technica",
            Some((0, None, "")),
        ),
        (
            "https://vnexpress.net/rss/tin-moi-nhat.rss",
            "VnExpress – Tin mới nhất",
            Some((0, None, "")),
        ),
        (
            "https://www3.nhk.or.jp/rss/news/cat0.xml",
            "NHKニュース",
            Some((0, None, "")),
        ),
        (
            "https://www.aljazeera.net/aljazeerarss",
            "الجزيرة نت",
            Some((0, None, "")),
        ),
        (
            "https://blog.example.org/a/very/long/path/that/no/longer/exists/feed.xml",
            "Old blog",
            Some((7, Some(404), "HTTP 404 Not Found")),
        ),
        ("https://new.example.com/rss", "new.example.com", None),
    ];
    let origins: Vec<StoryOrigin> = feeds
        .iter()
        .map(|(url, name, _)| StoryOrigin {
            name: (*name).into(),
            feed: Some((*url).into()),
            ..StoryOrigin::default()
        })
        .collect();
    let articles: Vec<Article> = [0u16, 1, 1, 2, 0, 3, 1, 0, 4]
        .iter()
        .enumerate()
        .map(|(i, &origin)| Article {
            id: i.to_string(),
            title: format!("Story {i}"),
            origin,
            ..Article::default()
        })
        .collect();
    let infos: Vec<FeedInfo> = feeds
        .iter()
        .map(|(url, name, status)| FeedInfo {
            url: (*url).into(),
            name: (*name).into(),
            status: status.map(|(failures, code, error)| FeedStatus {
                url: (*url).into(),
                title: None,
                last_try: Some(1_764_000_000),
                last_ok: Some(1_763_000_000),
                failures,
                last_error: (!error.is_empty()).then(|| error.to_owned()),
                last_status: code.map(i64::from),
            }),
            hidden: false,
            tags: Vec::new(),
        })
        .collect();
    settings().bind(|| {
        for (cols, rows) in [(80, 24), (120, 40), (200, 60)] {
            let bundle = Bundle {
                title: newsterm::library::TITLE.into(),
                articles: articles.clone(),
                origins: origins.clone(),
                ..Bundle::default()
            };
            let frame = frame_with_feeds(bundle.clone(), infos.clone(), cols, rows, "Enter F j");
            insta::assert_snapshot!(format!("feed_list_{cols}x{rows}"), frame);
            // Enter on Ars Technica: its stories alone, under its name.
            let frame = frame_with_feeds(bundle, infos.clone(), cols, rows, "Enter F j Enter");
            insta::assert_snapshot!(format!("feed_entered_{cols}x{rows}"), frame);
        }
    });
}
