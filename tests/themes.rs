//! Every state the interface shows is visible without colour: frames drawn with the `PLAIN`
//! theme (`NO_COLOR`, `theme = "mono"`) carry no colour at all, and each state's cells differ
//! from the same place without the state by a modifier or a glyph. And the high-contrast
//! theme's frames, in ANSI.

use ratatui::buffer::{Buffer, Cell};
use ratatui::style::Color;

use newsterm::app::App;
use newsterm::bundle::{Article, Bundle, StoryOrigin, Warning, sample};
use newsterm::headless;
use newsterm::library::{FeedInfo, FeedStatus};
use newsterm::ui::Theme;

use crate::support::settings;

const COLS: u16 = 120;
const ROWS: u16 = 40;

fn drawn(mut app: App, keys: &str) -> Buffer {
    let keys = newsterm::keys::parse_keys(keys).expect("test keys parse");
    headless::press(&mut app, &keys);
    let buf = headless::draw(&app, &Theme::PLAIN);
    assert_no_colour(&buf, keys.len());
    buf
}

/// The sample after `keys`, drawn with the plain theme.
fn frame(keys: &str) -> Buffer {
    drawn(
        App::new(sample().expect("the sample loads"), COLS, ROWS),
        keys,
    )
}

/// (a): no cell has a colour of its own, foreground or background.
fn assert_no_colour(buf: &Buffer, keys: usize) {
    for (i, cell) in buf.content.iter().enumerate() {
        assert!(
            cell.fg == Color::Reset && cell.bg == Color::Reset,
            "cell {i} ({:?}) after {keys} keys has {:?} on {:?}",
            cell.symbol(),
            cell.fg,
            cell.bg
        );
    }
}

/// Where `needle` starts (column, row), the first from the top left; every character of it
/// one cell.
fn find(buf: &Buffer, needle: &str) -> (u16, u16) {
    let chars: Vec<String> = needle.chars().map(String::from).collect();
    let area = buf.area;
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let fits = chars.iter().enumerate().all(|(i, c)| {
                u16::try_from(i)
                    .ok()
                    .and_then(|i| buf.cell((x + i, y)))
                    .is_some_and(|cell| cell.symbol() == c)
            });
            if fits {
                return (x, y);
            }
        }
    }
    panic!(
        "{needle:?} is not in the frame:\n{}",
        headless::to_text(buf)
    );
}

fn cells(buf: &Buffer, (x, y): (u16, u16), len: usize) -> Vec<Cell> {
    (0..u16::try_from(len).expect("short"))
        .map(|i| buf.cell((x + i, y)).expect("in the frame").clone())
        .collect()
}

/// (b): each cell of the state differs from the cell without it by a modifier or a glyph.
fn assert_shown(state: &str, with: &[Cell], without: &[Cell]) {
    assert_eq!(with.len(), without.len(), "{state}");
    for (i, (a, b)) in with.iter().zip(without).enumerate() {
        assert!(
            a.symbol() != b.symbol() || a.modifier != b.modifier,
            "{state}: cell {i} ({:?}, {:?}) looks as it does without the state",
            a.symbol(),
            a.modifier
        );
    }
}

/// The first characters of story `i`'s headline.
fn headline(i: usize) -> String {
    let bundle = sample().expect("the sample loads");
    let title = newsterm::text::one_line(&bundle.articles[i].title).into_owned();
    title.chars().take(12).collect()
}

/// The cells of story `i`'s headline, and of the marks before it (`›`, unread, starred).
fn row_of(buf: &Buffer, i: usize, marks: usize) -> Vec<Cell> {
    let title = headline(i);
    let (x, y) = find(buf, &title);
    cells(
        buf,
        (x - u16::try_from(marks).expect("few"), y),
        marks + title.chars().count(),
    )
}

#[test]
fn the_list_s_states_show_without_colour() {
    // The selected row in the focused list, against the same row unselected.
    let selected = frame("");
    let unselected = frame("j");
    assert_shown(
        "selected (focused)",
        &row_of(&selected, 0, 0),
        &row_of(&unselected, 0, 0),
    );
    // The selection in a list without focus, against no selection and against focus.
    let idle = frame("Tab");
    assert_shown(
        "selected (no focus)",
        &row_of(&idle, 0, 0),
        &row_of(&frame("j Tab"), 0, 0),
    );
    assert_shown(
        "selected (no focus) against focus",
        &row_of(&idle, 0, 0),
        &row_of(&selected, 0, 0),
    );
    // Unread against read: the mark and the title's weight.
    assert_shown(
        "unread",
        &row_of(&frame("j j j"), 2, 1),
        &row_of(&frame("j j m j"), 2, 1),
    );
    // Starred against not, another story starred so that the column is there in both.
    let star = |buf: &Buffer, i| row_of(buf, i, 1)[..1].to_vec();
    assert_shown(
        "starred",
        &star(&frame("j j s j j j"), 2),
        &star(&frame("j j j s j"), 2),
    );
    // The story in the reader, `›`, against another.
    let marker = |buf: &Buffer, i| row_of(buf, i, 2)[..1].to_vec();
    let opened = frame("j Enter Tab Tab j");
    assert_shown("in the reader", &marker(&opened, 1), &marker(&opened, 0));
}

#[test]
fn focus_matches_links_and_the_typed_line_show_without_colour() {
    // The focused pane's title, against the same title without focus.
    let focused = frame("");
    let title = " Headlines";
    let at = find(&focused, title);
    let unfocused = frame("Tab");
    assert_eq!(find(&unfocused, title), at);
    assert_shown(
        "focused pane's title",
        &cells(&focused, at, title.len()),
        &cells(&unfocused, at, title.len()),
    );
    // What the search matches in the reader's title, against the same title unsearched.
    let word: String = headline(0).split(' ').next().expect("a word").to_owned();
    let searched = frame(&format!("Enter / \"{word}\" Enter"));
    let plain = frame("Enter");
    // The reader's title: the second place the headline is drawn, right of the list.
    let reader_title = |buf: &Buffer| {
        let (x, y) = find(buf, &headline(0));
        let right = (x + 1..COLS)
            .find(|&at| {
                headline(0).chars().enumerate().all(|(i, c)| {
                    buf.cell((at + u16::try_from(i).unwrap(), y))
                        .is_some_and(|cell| cell.symbol() == c.to_string())
                })
            })
            .expect("the reader shows the title");
        (right, y)
    };
    let at = reader_title(&plain);
    assert_eq!(reader_title(&searched), at);
    let len = word.chars().count();
    assert_shown(
        "search match",
        &cells(&searched, at, len),
        &cells(&plain, at, len),
    );
    // A link in the reader, against the text before it on its line.
    let feed = crate::support::open(&crate::support::fixture("html-blocks.xml")).expect("a feed");
    let story = drawn(App::new(feed, COLS, ROWS), "Enter G");
    let (x, y) = find(&story, "Link: ");
    let text = cells(&story, (x, y), 4);
    let link = cells(&story, (x + 6, y), 4);
    assert!(
        link.iter()
            .zip(&text)
            .all(|(l, t)| l.modifier != t.modifier),
        "links show by a modifier"
    );
    // The typed line's block, against the bar beside it.
    let typing = frame("/");
    let bar = ROWS - 1;
    let block = typing.cell((1, bar)).expect("the block").clone();
    let beside = typing.cell((2, bar)).expect("the bar").clone();
    assert_eq!(block.symbol(), beside.symbol());
    assert_shown("the typed line's block", &[block], &[beside]);
}

/// Two feeds of the library, the second failing, with a story each.
fn library() -> App {
    let feeds = [
        ("https://a.example/feed", "Alpha"),
        ("https://b.example/feed", "Beta"),
    ];
    let bundle = Bundle {
        title: newsterm::library::TITLE.into(),
        articles: (0u16..2)
            .map(|i| Article {
                id: format!("s{i}"),
                title: format!("Story {i}"),
                origin: i,
                ..Article::default()
            })
            .collect(),
        origins: feeds
            .iter()
            .map(|(url, name)| StoryOrigin {
                name: (*name).into(),
                feed: Some((*url).into()),
                ..StoryOrigin::default()
            })
            .collect(),
        warnings: vec![Warning {
            path: "articles[0]".into(),
            message: "something dropped".into(),
        }],
        ..Bundle::default()
    };
    let infos = feeds
        .iter()
        .enumerate()
        .map(|(i, (url, name))| FeedInfo {
            url: (*url).into(),
            name: (*name).into(),
            status: Some(FeedStatus {
                url: (*url).into(),
                title: None,
                last_try: Some(1_764_000_000),
                last_ok: Some(1_763_000_000),
                failures: i64::try_from(i).expect("small"),
                last_error: (i > 0).then(|| "HTTP 503 Service Unavailable".into()),
                last_status: (i > 0).then_some(503),
            }),
            tags: Vec::new(),
            hidden: false,
        })
        .collect();
    let mut app = App::new(bundle, COLS, ROWS);
    app.apply(newsterm::app::Outcome::Feeds(infos));
    app
}

#[test]
fn failing_feeds_warnings_and_notices_show_without_colour() {
    let list = drawn(library(), "F");
    // The failing feed's mark, against the working one's in the same column.
    let (ok_x, ok_y) = find(&list, "Alpha");
    let (bad_x, bad_y) = find(&list, "Beta");
    assert_eq!(ok_x, bad_x);
    assert_shown(
        "failing feed",
        &cells(&list, (bad_x - 2, bad_y), 1),
        &cells(&list, (ok_x - 2, ok_y), 1),
    );
    // The title bar's warnings, against the bar they sit in.
    let frame = drawn(library(), "");
    let (x, y) = find(&frame, "⚠");
    assert_shown(
        "warnings",
        &cells(&frame, (x, y), 1),
        &cells(&frame, (x - 1, y), 1),
    );
    // A notice takes the status bar in bold, where the hints' words are not.
    let notice = drawn(library(), "m");
    let hints = drawn(library(), "");
    let bar = ROWS - 1;
    let (x, _) = find(&notice, "Marked");
    let said = cells(&notice, (x, bar), 6);
    let (x, _) = find(&hints, "quit");
    let words = cells(&hints, (x, bar), 4);
    assert_shown("notice", &said[..4], &words);
}

#[test]
fn the_high_contrast_theme_in_ansi() {
    let theme = Theme::HIGH_CONTRAST;
    for (name, keys) in [
        ("high_contrast_list_80x24", ""),
        ("high_contrast_reader_80x24", "Enter"),
        ("high_contrast_search_80x24", "/ \"Việt\" Enter Enter"),
    ] {
        let mut app = App::new(sample().expect("the sample loads"), 80, 24);
        let keys = newsterm::keys::parse_keys(keys).expect("keys");
        headless::press(&mut app, &keys);
        let buf = headless::draw(&app, &theme);
        // Nothing dark grey, nothing dim.
        for cell in &buf.content {
            assert!(cell.fg != Color::DarkGray && cell.bg != Color::DarkGray);
            assert!(!cell.modifier.contains(ratatui::style::Modifier::DIM));
        }
        settings().bind(|| insta::assert_snapshot!(name, headless::to_ansi(&buf)));
    }
}
