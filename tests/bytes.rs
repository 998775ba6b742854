//! Bytes per key press, as a terminal over SSH receives them, counted at the presenter: the
//! budgets for a reader used over SSH, kept as tests (byte counts are deterministic, unlike times).
//! And the screen after any run of optimized frames equals `--render` of the same state.

use newsterm::action::{Action, AppEvent};
use newsterm::app::App;
use newsterm::bundle::sample;
use newsterm::headless;
use newsterm::painter::{Mark, Painter};
use newsterm::ui::Theme;
use proptest::prelude::*;

use crate::support::{nonzero, screen_matches};

/// A session: the app, what paints it, and a terminal emulator fed everything painted.
struct Session {
    app: App,
    painter: Painter,
    terminal: vt100::Parser,
}

impl Session {
    fn new(cols: u16, rows: u16, actions: &[Action]) -> Self {
        Self::painting(cols, rows, actions, Painter::new())
    }

    fn painting(cols: u16, rows: u16, actions: &[Action], painter: Painter) -> Self {
        let mut app = App::new(sample().expect("sample"), cols, rows);
        for &a in actions {
            app.update(a);
        }
        let mut s = Session {
            app,
            painter,
            terminal: vt100::Parser::new(nonzero(rows), nonzero(cols), 0),
        };
        s.paint(None);
        s
    }

    fn paint(&mut self, mark: Option<&Mark>) -> usize {
        let bytes = self.painter.paint(&self.app, &Theme::COLOR, mark);
        self.terminal.process(bytes);
        bytes.len()
    }

    /// Bytes sent for `action`, after checking the screen equals a full render.
    #[track_caller]
    fn press(&mut self, action: impl Into<AppEvent>) -> usize {
        let action = action.into();
        if let AppEvent::Resize(cols, rows) = action {
            // The terminal changes size first; newsterm hears of it after.
            self.terminal
                .screen_mut()
                .set_size(nonzero(rows), nonzero(cols));
        }
        let mark = Mark::of(&self.app);
        self.app.update(action.clone());
        let sent = self.paint(Some(&mark));
        let full = headless::draw(&self.app, &Theme::COLOR);
        if let Err(diff) = screen_matches(self.terminal.screen(), &full) {
            panic!("after {action:?}: {diff}");
        }
        sent
    }

    /// UTF-8 bytes of the reader's text lines `from..to` (trailing blanks left out).
    fn text_bytes(&self, from: usize, to: usize) -> usize {
        self.app
            .doc()
            .lines(from..to)
            .map(|l| l.spans.iter().map(|(t, _)| t.len()).sum::<usize>())
            .sum()
    }
}

const ZOOMED_READER: &[Action] = &[Action::Zoom, Action::Open];

#[test]
fn one_line_of_a_full_width_story_costs_at_most_200_bytes() {
    let mut s = Session::new(120, 40, ZOOMED_READER);
    let mut sizes: Vec<usize> = (0..20).map(|_| s.press(Action::Down)).collect();
    let worst = *sizes.iter().max().expect("20 scrolls");
    sizes.sort_unstable();
    let median = sizes[sizes.len() / 2];
    assert!(worst <= 200, "one line down: {sizes:?}");
    let up = s.press(Action::Up);
    assert!(up <= 200, "one line up: {up}");
    eprintln!("one line down: median {median}, worst {worst}; up {up}");
}

#[test]
fn moving_one_headline_costs_at_most_150_bytes() {
    let mut s = Session::new(120, 40, &[]);
    let down: Vec<usize> = (0..7).map(|_| s.press(Action::Down)).collect();
    let up: Vec<usize> = (0..7).map(|_| s.press(Action::Up)).collect();
    assert!(down.iter().chain(&up).all(|&n| n <= 150), "{down:?} {up:?}");
    eprintln!("one headline down: {down:?}, up: {up:?}");
    // A zoomed list has rows three times as wide, each re-sent in the new highlight.
    let mut s = Session::new(120, 40, &[Action::Zoom]);
    let sizes: Vec<usize> = (0..7).map(|_| s.press(Action::Down)).collect();
    assert!(sizes.iter().all(|&n| n <= 400), "{sizes:?}");
    eprintln!("one headline down, zoomed list: {sizes:?}");
}

#[test]
fn a_page_costs_at_most_a_tenth_more_than_the_text_it_shows() {
    let mut s = Session::new(120, 40, ZOOMED_READER);
    let height = s.app.reader_height();
    while s.app.scroll() < s.app.max_scroll() {
        let from = s.app.scroll();
        let sent = s.press(Action::PageDown);
        let to = s.app.scroll();
        // The lines that were not on screen before.
        let new = s.text_bytes((from + height).max(to), to + height);
        assert!(to > from);
        assert!(
            sent * 10 <= new * 11,
            "page down from {from}: {sent} bytes for {new} bytes of new text"
        );
        eprintln!("page down: {sent} bytes for {new} bytes of text");
    }
}

#[test]
fn a_key_that_changes_nothing_sends_nothing() {
    let mut s = Session::new(120, 40, ZOOMED_READER);
    assert_eq!(s.press(Action::Up), 0, "already at the top");
    let mut s = Session::new(80, 24, &[]);
    assert_eq!(s.press(Action::Up), 0, "already the first headline");
    assert_eq!(s.press(Action::Back), 0, "the list is the top level");
    assert_eq!(s.press(AppEvent::Idle), 0);
}

/// Keys, resizes and zooms.
fn action() -> impl Strategy<Value = AppEvent> {
    prop_oneof![
        8 => proptest::sample::select(vec![
            Action::Down, Action::Up, Action::PageDown, Action::PageUp, Action::HalfPageDown,
            Action::HalfPageUp, Action::Top, Action::Bottom, Action::Open, Action::Back,
            Action::FocusNext, Action::FocusPrev, Action::Zoom, Action::Help, Action::Close,
            Action::OpenRelated(2),
        ])
        .prop_map(AppEvent::Action),
        1 => (15u16..170, 4u16..50).prop_map(|(c, r)| AppEvent::Resize(c, r)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn optimized_frames_equal_full_renders(actions in proptest::collection::vec(action(), 1..60)) {
        let mut s = Session::new(120, 40, &[]);
        for action in actions {
            s.press(action);
            if !s.app.running() {
                break;
            }
        }
    }
}

#[test]
fn links_in_the_reader_are_hyperlinks_and_the_screen_is_still_exact() {
    let url =
        "https://example.org/tin-tuc/mot-bai-bao-rat-dai-voi-duong-dan-dai-hon-mot-dong?id=42";
    let json = format!(
        r#"{{"newsterm": 1, "title": "T", "articles": [{{"id": "a", "title": "Tin", "url": "{url}",
            "body": [{{"type": "paragraph", "text": "Xem thêm https://example.org/b ở đây."}}]}}]}}"#
    );
    let bundle = newsterm::bundle::load("t.json", json.as_bytes()).expect("loads");
    let mut app = App::new(bundle, 40, 20);
    app.update(Action::Open);
    let mut painter = Painter::new();
    let mut terminal = vt100::Parser::new(nonzero(20), nonzero(40), 0);
    let bytes = painter.paint(&app, &Theme::COLOR, None).to_vec();
    terminal.process(&bytes);
    let text = String::from_utf8_lossy(&bytes);
    // The link wraps over three lines: each part links to the whole address.
    assert_eq!(
        text.matches(&format!("\u{1b}]8;;{url}\u{1b}\\")).count(),
        3,
        "{text:?}"
    );
    assert!(
        text.contains("\u{1b}]8;;https://example.org/b\u{1b}\\"),
        "{text:?}"
    );
    assert!(text.contains("\u{1b}]8;;\u{1b}\\"), "closed again");
    let full = headless::draw(&app, &Theme::COLOR);
    screen_matches(terminal.screen(), &full).expect("the screen equals --render");
    // Without hyperlinks, no OSC 8 at all.
    let mut plain = Painter::new().without_hyperlinks();
    let bytes = plain.paint(&app, &Theme::COLOR, None).to_vec();
    assert!(!String::from_utf8_lossy(&bytes).contains("\u{1b}]8;"));
}

/// The walk of the cursor test: within panes, across them, typing, overlays and resizes.
fn cursor_walk() -> Vec<(&'static str, AppEvent)> {
    let mut walk: Vec<(&str, AppEvent)> = vec![
        ("j", Action::Down.into()),
        ("j", Action::Down.into()),
        ("k", Action::Up.into()),
        ("Tab to the reader", Action::FocusNext.into()),
        ("scroll", Action::Down.into()),
        ("scroll", Action::Down.into()),
        ("Tab to related", Action::FocusNext.into()),
        ("j in related", Action::Down.into()),
        ("Tab to the list", Action::FocusNext.into()),
        ("/", Action::Search.into()),
    ];
    walk.extend("net".chars().map(|c| ("typing", Action::Type(c).into())));
    walk.extend([
        ("Esc", Action::Cancel.into()),
        ("j", Action::Down.into()),
        ("F", Action::Feeds.into()),
        ("Esc", Action::Close.into()),
        ("?", Action::Help.into()),
        ("Esc", Action::Close.into()),
        ("resize", AppEvent::Resize(100, 30)),
        ("j", Action::Down.into()),
        ("resize too small", AppEvent::Resize(12, 4)),
        ("resize", AppEvent::Resize(120, 40)),
        ("j", Action::Down.into()),
    ]);
    walk
}

#[test]
fn the_cursor_follows_the_selection_for_a_few_bytes_a_key() {
    let mut plain = Session::new(120, 40, &[]);
    let mut on = Session::painting(120, 40, &[], Painter::new().with_cursor());
    let mut report = Vec::new();
    for (what, event) in cursor_walk() {
        let without = plain.press(event.clone()) as i64;
        let with = on.press(event.clone()) as i64;
        let screen = on.terminal.screen();
        let wanted = newsterm::ui::cursor::position(&on.app);
        match wanted {
            Some(at) => {
                assert_eq!(
                    screen.cursor_position(),
                    (at.y, at.x),
                    "after {what} ({event:?})"
                );
                assert!(!screen.hide_cursor(), "shown after {what}");
            }
            None => assert!(screen.hide_cursor(), "hidden after {what}"),
        }
        let extra = with - without;
        report.push(format!("{what}: {without}+{extra}"));
        let resized = matches!(event, AppEvent::Resize(..));
        // A move within a pane is a few bytes; to another pane or the status line at most an
        // absolute move (`ESC [ 40;120 H`); showing or hiding it (on a resize) six more.
        let budget = match what {
            "j" | "k" | "scroll" | "j in related" | "typing" => 8,
            _ if resized => 16,
            _ => 10,
        };
        assert!(
            extra <= budget,
            "{what}: {with} bytes with the cursor, {without} without"
        );
    }
    eprintln!(
        "bytes per key without the cursor + with it: {}",
        report.join(", ")
    );
    // A key that changes nothing still sends nothing.
    assert_eq!(on.press(AppEvent::Idle), 0);
}

#[test]
fn with_the_cursor_a_scrolled_line_costs_at_most_12_bytes_more() {
    let zoomed_reader = ZOOMED_READER;
    let mut plain = Session::new(120, 40, zoomed_reader);
    let mut on = Session::painting(120, 40, zoomed_reader, Painter::new().with_cursor());
    assert_eq!(on.app.focus(), newsterm::layout::Pane::Reader);
    let mut extra = Vec::new();
    for action in [Action::Down; 10].into_iter().chain([Action::Up; 3]) {
        let without = plain.press(action) as i64;
        let with = on.press(action) as i64;
        let at = newsterm::ui::cursor::position(&on.app).expect("a place");
        assert_eq!(on.terminal.screen().cursor_position(), (at.y, at.x));
        // A scroll region is set, so rows are reached by number only: back to the top line
        // from the one the scroll brought in is an absolute move (6 bytes), and the next
        // frame's first move (to the percentage in the title bar, outside the region) is
        // one too, where a backspace or two did without the cursor.
        assert!(
            with - without <= 12,
            "{action:?}: {with} with, {without} without"
        );
        extra.push(with - without);
    }
    eprintln!("a line scrolled, bytes the cursor adds: {extra:?}");
}
