//! The title bar (bundle, pane, position, warnings) and the status bar (the focused pane's
//! most useful keys, named as the keymap in force binds them).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Span;

use ratatui::crossterm::event::KeyCode;

use super::{Theme, row_with_right};
use crate::action::Action;
use crate::app::{App, Counts};
use crate::keymap::{self, Keymap};
use crate::keys::Key;
use crate::layout::Pane;
use crate::text;

/// Left to right: the bundle title, the pane shown (one-pane mode), the position and the
/// warnings. When the bar is short the title gives way first, then the warnings shorten to
/// `⚠5`; the pane name and the position stay.
pub fn render_title(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let room = usize::from(area.width);
    let Counts { unread, starred } = app.counts();
    // Where the cursor is in the list, unless the list's own border shows it; over the list,
    // where the story in the reader is in it.
    let list_framed = !app.zoom() && app.screen().headlines.is_some();
    // A story the list does not show is said so once: on the reader's border, or here when
    // the reader is zoomed and has none.
    let cursor = if list_framed {
        None
    } else if app.focus() == Pane::Headlines {
        Some(format!("{}/{}", cursor_position(app), app.list().len()))
    } else {
        match open_position(app) {
            Some(at) => Some(format!("{at}/{}", app.list().len())),
            None if app.zoom() => Some("not in the list".to_owned()),
            None => None,
        }
    };
    // A zoomed reader has no border to show where it is in the story: the bar does. It comes
    // first, so that its width changing does not move the rest.
    let place = (app.zoom() && app.focus() == Pane::Reader && app.article().is_some())
        .then(|| super::reader::position(app.scroll(), app.reader_height(), app.doc().total()));
    let counts = if let Some(error) = &app.find().error {
        format!("query: {}", text::one_line(&error.to_string()))
    } else if app.find().active() {
        let found = app.list().len();
        let of = app.bundle().articles.len();
        let query = text::one_line(&app.find().input);
        let scanning = if app.busy() && app.search_progress() < 100 {
            format!(" · searching {}%", app.search_progress())
        } else {
            String::new()
        };
        format!("{found} of {of} match \"{}\"{scanning}", query.trim())
    } else if app.bundle().following > 0 {
        // The counts are of every story: they wait for the whole list.
        "reading the library…".to_owned()
    } else if let Some((_, unread)) = app.place_path() {
        format!("{unread} unread")
    } else if starred > 0 {
        format!("{unread} unread · {starred} starred")
    } else {
        format!("{unread} unread")
    };
    let counts = if app.playing().is_some() {
        format!("♪ · {counts}")
    } else {
        counts
    };
    let counts = match app.refreshing() {
        Some((done, of)) => format!("refreshing {done}/{of} · {counts}"),
        None => counts,
    };
    let pane = if app.feed_list().is_some() {
        " · Feeds".to_owned()
    } else if app.screen().single {
        format!(" · {}", app.focus().name())
    } else {
        String::new()
    };
    let join = |parts: &[Option<&String>]| {
        let parts: Vec<&str> = parts.iter().flatten().map(|s| s.as_str()).collect();
        format!(" {} ", parts.join(" · "))
    };
    let without_counts = join(&[place.as_ref(), cursor.as_ref()]);
    // The counts when they leave the bundle title room; they give way first.
    let with_counts = join(&[place.as_ref(), Some(&counts), cursor.as_ref()]);
    let position = if text::width(&with_counts) + text::width(&pane) + 12 <= room {
        with_counts
    } else {
        without_counts
    };
    let fixed = text::width(&position) + text::width(&pane);
    let warnings = app.bundle().warnings.len();
    let noun = if warnings == 1 { "warning" } else { "warnings" };
    let warning = [format!(" ⚠ {warnings} {noun} "), format!(" ⚠{warnings} ")]
        .into_iter()
        .find(|w| warnings > 0 && fixed + text::width(w) + 3 <= room)
        .unwrap_or_default();
    let title_room = room.saturating_sub(fixed + text::width(&warning));
    // Several sources are summed up: their names joined would not fit, and the list names
    // each story's.
    let sources = app.bundle().origins.len();
    let name = if let Some((path, _)) = app.place_path() {
        text::one_line(path).into_owned()
    } else if sources > 1 {
        format!("{sources} feeds")
    } else {
        text::one_line(&app.bundle().title).into_owned()
    };
    let title = text::truncate(&format!(" {name}"), title_room).into_owned();
    let mut left = vec![Span::styled(title, theme.bar_accent)];
    if !pane.is_empty() {
        left.push(Span::styled(pane, theme.bar));
    }
    let mut right = vec![Span::styled(position, theme.bar)];
    if !warning.is_empty() {
        right.push(Span::styled(warning, theme.warning));
    }
    row_with_right(area, buf, &left, &right, theme.bar);
}

/// A part of a hint: the key of one of `actions` (see [`Keymap::key_for`]).
struct Part {
    actions: &'static [Action],
    prefer: Option<Key>,
}

/// One status-bar hint: the keys of its parts joined by `join`, then what they do.
struct Hint {
    parts: &'static [Part],
    join: &'static str,
    what: &'static str,
}

const fn one(action: &'static [Action]) -> Part {
    Part {
        actions: action,
        prefer: None,
    }
}

const fn preferring(action: &'static [Action], key: KeyCode) -> Part {
    Part {
        actions: action,
        prefer: Some(Key {
            code: key,
            ctrl: false,
            alt: false,
        }),
    }
}

const fn hint(parts: &'static [Part], join: &'static str, what: &'static str) -> Hint {
    Hint { parts, join, what }
}

const UP_DOWN: &[Part] = &[one(&[Action::Down]), one(&[Action::Up])];
const PANE: Hint = hint(&[one(&[Action::FocusNext])], "", "pane");
const HELP: Hint = hint(&[one(&[Action::Help])], "", "help");
/// In the list `q` quits (or the quit key the user chose); elsewhere it goes up a level, and
/// the key that quits from anywhere is named.
const QUIT_FROM_LIST: Hint = hint(&[one(&[Action::Close, Action::Quit])], "", "quit");
const QUIT: Hint = hint(&[one(&[Action::Quit])], "", "quit");
const BACK: Hint = hint(&[one(&[Action::Back])], "", "back");
const RELATED: &[Part] = &[
    one(&[Action::OpenRelated(1)]),
    one(&[Action::OpenRelated(9)]),
];
/// Named only when the story in the reader has links in its text.
const LINKS: Hint = hint(&[one(&[Action::OpenLinkNumber])], "", "link");

const IN_HELP: &[Hint] = &[
    hint(UP_DOWN, "/", "scroll"),
    hint(
        &[one(&[Action::Help]), one(&[Action::Dismiss])],
        "/",
        "close help",
    ),
    QUIT,
];
const IN_FEEDS: &[Hint] = &[
    hint(UP_DOWN, "/", "move"),
    hint(
        &[preferring(&[Action::Open], KeyCode::Enter)],
        "",
        "stories",
    ),
    hint(&[one(&[Action::UnreadOnly])], "", "unread"),
    hint(
        &[one(&[Action::Feeds]), one(&[Action::Dismiss])],
        "/",
        "close",
    ),
    HELP,
    QUIT,
];
const IN_HEADLINES: &[Hint] = &[
    hint(UP_DOWN, "/", "move"),
    hint(&[preferring(&[Action::Open], KeyCode::Enter)], "", "read"),
    PANE,
    HELP,
    QUIT_FROM_LIST,
];
const IN_READER: &[Hint] = &[
    hint(UP_DOWN, "/", "scroll"),
    hint(
        &[one(&[Action::PageDown]), one(&[Action::PageUp])],
        "/",
        "page",
    ),
    hint(RELATED, "-", "related"),
    LINKS,
    BACK,
    PANE,
    HELP,
    QUIT,
];
const IN_RELATED: &[Hint] = &[
    hint(UP_DOWN, "/", "move"),
    hint(&[preferring(&[Action::Open], KeyCode::Enter)], "", "open"),
    hint(RELATED, "-", "open"),
    BACK,
    PANE,
    HELP,
    QUIT,
];

/// Where the status bar is: what is open and focused, how many related stories the story in
/// the reader has (the `1-9` hint names only keys that open one) and how many links its text
/// has (none: no hint for `L`).
#[derive(Debug, Clone, Copy)]
pub struct Place {
    pub help_open: bool,
    pub feeds_open: bool,
    pub focus: Pane,
    pub related: usize,
    pub links: usize,
}

/// The hints for where the user is, each named by the keys in force: a rebound key shows as
/// the user bound it, and a hint whose keys were all taken away is left out.
pub fn hints(keymap: &Keymap, place: Place) -> Vec<(String, &'static str)> {
    let hints = match (place.help_open, place.focus) {
        (true, _) => IN_HELP,
        (false, _) if place.feeds_open => IN_FEEDS,
        (false, Pane::Headlines) => IN_HEADLINES,
        (false, Pane::Reader) => IN_READER,
        (false, Pane::Related) => IN_RELATED,
    };
    hints
        .iter()
        .filter_map(|h| {
            let related = h.parts.first().map(|p| p.actions) == Some(&[Action::OpenRelated(1)]);
            let links = h.parts.first().map(|p| p.actions) == Some(&[Action::OpenLinkNumber]);
            if (related && place.related == 0) || (links && place.links == 0) {
                return None;
            }
            let mut keys: Vec<Key> = h
                .parts
                .iter()
                .filter_map(|p| keymap.key_for(p.actions, p.prefer))
                .collect();
            if related {
                // `1-9` names only as many as there are related stories: `1-3`, or `1`.
                let last = Action::OpenRelated(u8::try_from(place.related.min(9)).unwrap_or(9));
                keys.truncate(1);
                keys.extend(keymap.key_for(&[last], None).filter(|_| place.related > 1));
            }
            let keys: Vec<String> = keys.into_iter().map(keymap::short_name).collect();
            (!keys.is_empty()).then(|| (keys.join(h.join), h.what))
        })
        .collect()
}

pub fn render_status(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let place = Place {
        help_open: app.help_scroll().is_some(),
        feeds_open: app.feed_list().is_some(),
        focus: app.focus(),
        related: app.related_list().len(),
        links: app.doc().numbered_links().len(),
    };
    let hints = hints(app.keymap(), place);
    buf.set_style(area, theme.bar);
    if let Some((label, typed)) = prompt(app) {
        typing_line(area, buf, theme, &label, &typed);
        return;
    }
    if let Some(notice) = app.notice() {
        let room = usize::from(area.width.saturating_sub(1));
        let shown = text::truncate(notice, room);
        buf.set_stringn(area.x + 1, area.y, &shown, room, theme.bar_accent);
        return;
    }
    // Whole hints only: drop the last ones rather than cut a word in half.
    let mut x = area.x;
    let end = area.x.saturating_add(area.width);
    for (key, what) in &hints {
        let width = u16::try_from(text::width(key) + text::width(what) + 2).unwrap_or(u16::MAX);
        if x.saturating_add(width) > end {
            break;
        }
        buf.set_string(x + 1, area.y, key, theme.bar_accent);
        let after = x + 1 + u16::try_from(text::width(key)).unwrap_or(0);
        buf.set_string(after, area.y, format!(" {what}"), theme.bar);
        x = x.saturating_add(width + 1);
    }
}

/// Where the story in the reader is in the headline list, from 1; `None` when the list
/// does not show it (a search or a filter hides it).
pub fn open_position(app: &App) -> Option<usize> {
    app.list()
        .binary_search(&app.current())
        .ok()
        .map(|at| at + 1)
}

/// The line being typed in the status bar, when one is: its label and what is typed so far
/// (the mark-all question, a story's or feed's tags, a link number, the search).
pub(super) fn prompt(app: &App) -> Option<(String, String)> {
    if let Some(crate::app::Ask::MarkAllRead) = app.asking() {
        let unread = app.counts().unread;
        let noun = if unread == 1 { "story" } else { "stories" };
        let label = format!("Mark all {unread} unread {noun} read? y: yes, any other key: no ");
        return Some((label, String::new()));
    }
    if let Some(typed) = app.tag_prompt() {
        let label = match app.tagging_feed() {
            Some(name) => format!("Tags of {}: ", text::truncate(name, 30)),
            None => "Tags: ".to_owned(),
        };
        return Some((label, typed.to_owned()));
    }
    if let Some(typed) = app.link_prompt() {
        let count = app.doc().numbered_links().len();
        let label = if count == 1 {
            "Open link (1): ".to_owned()
        } else {
            format!("Open link (1-{count}): ")
        };
        return Some((label, typed.to_owned()));
    }
    let find = app.find();
    find.editing.then(|| ("/".to_owned(), find.input.clone()))
}

/// Of a typed line, the end of `typed` that fits after `label` (leaving a column for the
/// cursor's block), and the column where the block goes.
pub(super) fn typed_shown(area: Rect, label: &str, typed: &str) -> (String, u16) {
    let label_width = u16::try_from(text::width(label)).unwrap_or(u16::MAX);
    let room = usize::from(area.width.saturating_sub(label_width.saturating_add(2)));
    let typed = text::one_line(typed);
    let mut shown: Vec<&str> = Vec::new();
    let mut used = 0;
    for g in unicode_segmentation::UnicodeSegmentation::graphemes(typed.as_ref(), true).rev() {
        used += text::width(g);
        if used > room {
            break;
        }
        shown.push(g);
    }
    let shown: String = shown.into_iter().rev().collect();
    let end = area
        .x
        .saturating_add(label_width.min(area.width))
        .saturating_add(u16::try_from(text::width(&shown)).unwrap_or(0));
    (shown, end)
}

/// A line being typed (the search, a link number): `label`, what is typed, then a block for
/// the cursor (the terminal's own stays hidden). A long line shows its end.
fn typing_line(area: Rect, buf: &mut Buffer, theme: &Theme, label: &str, typed: &str) {
    let (shown, _) = typed_shown(area, label, typed);
    let room = usize::from(area.width).saturating_sub(text::width(label) + 2);
    let after_label = buf
        .set_stringn(
            area.x,
            area.y,
            label,
            usize::from(area.width),
            theme.bar_accent,
        )
        .0;
    let end = buf
        .set_stringn(after_label, area.y, &shown, room, theme.bar)
        .0;
    if end < area.right() {
        // The bar reversed: a bar drawn reversed already (NO_COLOR) gets a block that is not.
        let reversed = ratatui::style::Modifier::REVERSED;
        let block = if theme.bar.add_modifier.contains(reversed) {
            theme.bar.remove_modifier(reversed)
        } else {
            theme.bar.add_modifier(reversed)
        };
        buf.set_string(end, area.y, " ", block);
    }
}

/// The cursor's position in the headline list, from 1 (0 when the list is empty).
pub fn cursor_position(app: &App) -> usize {
    let listed = app.list().len();
    (app.list().partition_point(|&i| i < app.selected()) + 1).min(listed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::parse_keys;

    fn shown(keymap: &Keymap, help_open: bool, focus: Pane) -> String {
        let place = Place {
            help_open,
            feeds_open: false,
            focus,
            related: 9,
            links: 0,
        };
        hints(keymap, place)
            .iter()
            .map(|(key, what)| format!("{key} {what}"))
            .collect::<Vec<_>>()
            .join(" · ")
    }

    fn rebound(config: &[(Action, &str)]) -> Keymap {
        let mut keymap = Keymap::default();
        for &(action, keys) in config {
            let keys = parse_keys(keys)
                .expect("key names")
                .into_iter()
                .map(Key::of)
                .collect();
            keymap.bind(action, keys);
        }
        keymap
    }

    #[test]
    fn the_default_keys_name_each_place() {
        let keymap = Keymap::default();
        assert_eq!(
            shown(&keymap, false, Pane::Headlines),
            "j/k move · Enter read · Tab pane · ? help · q quit"
        );
        assert_eq!(
            shown(&keymap, false, Pane::Reader),
            "j/k scroll · Space/b page · 1-9 related · h back · Tab pane · ? help · Q quit"
        );
        assert_eq!(
            shown(&keymap, false, Pane::Related),
            "j/k move · Enter open · 1-9 open · h back · Tab pane · ? help · Q quit"
        );
        assert_eq!(
            shown(&keymap, true, Pane::Reader),
            "j/k scroll · ?/Esc close help · Q quit"
        );
    }

    #[test]
    fn related_keys_are_named_as_far_as_there_are_related_stories() {
        let keymap = Keymap::default();
        let line = |related| {
            let place = Place {
                help_open: false,
                feeds_open: false,
                focus: Pane::Reader,
                related,
                links: 0,
            };
            hints(&keymap, place)
                .iter()
                .map(|(key, what)| format!("{key} {what}"))
                .collect::<Vec<_>>()
                .join(" · ")
        };
        assert!(line(3).contains("1-3 related"), "{}", line(3));
        assert!(line(1).contains(" 1 related"), "{}", line(1));
        assert!(line(12).contains("1-9 related"), "{}", line(12));
        assert!(!line(0).contains("related"), "{}", line(0));
    }

    #[test]
    fn the_link_number_key_is_named_only_for_a_story_with_links() {
        let line = |focus, links| {
            let place = Place {
                help_open: false,
                feeds_open: false,
                focus,
                related: 3,
                links,
            };
            hints(&Keymap::default(), place)
                .iter()
                .map(|(key, what)| format!("{key} {what}"))
                .collect::<Vec<_>>()
                .join(" · ")
        };
        assert!(
            line(Pane::Reader, 12).contains("1-3 related · L link · h back"),
            "{}",
            line(Pane::Reader, 12)
        );
        assert!(!line(Pane::Reader, 0).contains("link"));
        assert!(!line(Pane::Headlines, 12).contains("link"));
        let keymap = rebound(&[(Action::OpenLinkNumber, "#")]);
        let place = Place {
            help_open: false,
            feeds_open: false,
            focus: Pane::Reader,
            related: 0,
            links: 1,
        };
        assert!(
            hints(&keymap, place).contains(&("#".to_owned(), "link")),
            "a rebound key is the one named"
        );
    }

    #[test]
    fn rebound_keys_are_the_ones_named() {
        let keymap = rebound(&[(Action::Quit, "x"), (Action::Help, "H")]);
        for focus in [Pane::Headlines, Pane::Reader, Pane::Related] {
            let line = shown(&keymap, false, focus);
            assert!(line.ends_with("H help · x quit"), "{line}");
        }
        assert_eq!(
            shown(&keymap, true, Pane::Headlines),
            "j/k scroll · H/Esc close help · x quit"
        );
        let keymap = rebound(&[(Action::Down, "n C-n"), (Action::Open, "o")]);
        assert!(shown(&keymap, false, Pane::Headlines).starts_with("n/k move · o read"));
    }

    #[test]
    fn a_hint_without_keys_is_left_out() {
        let keymap = rebound(&[(Action::Zoom, "Tab")]);
        assert_eq!(
            shown(&keymap, false, Pane::Headlines),
            "j/k move · Enter read · ? help · q quit"
        );
    }
}
