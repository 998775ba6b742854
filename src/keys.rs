//! The one table from keys to actions, shared by the terminal loop, `--render --keys` and the
//! help screen, plus the parser for `--keys` strings.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::Action;

/// A key as the table names it: a code and whether Ctrl is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn key(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}
const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

/// One row of the key table.
#[derive(Debug)]
pub struct Binding {
    /// How the help screen and README name the keys; empty hides the row from help.
    pub label: &'static str,
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
}

const fn row(
    label: &'static str,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
) -> Binding {
    Binding {
        label,
        keys,
        action,
        help,
    }
}

/// Every key newsterm knows. Movement keys act on the focused pane (or the help screen when it
/// is open).
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    row("j ↓", &[ch('j'), key(KeyCode::Down)], Action::Down, "next headline / scroll down"),
    row("k ↑", &[ch('k'), key(KeyCode::Up)], Action::Up, "previous headline / scroll up"),
    row("Space PgDn", &[ch(' '), key(KeyCode::PageDown)], Action::PageDown, "page down"),
    row("b PgUp", &[ch('b'), key(KeyCode::PageUp)], Action::PageUp, "page up"),
    row("C-d", &[ctrl('d')], Action::HalfPageDown, "half a page down"),
    row("C-u", &[ctrl('u')], Action::HalfPageUp, "half a page up"),
    row("g Home", &[ch('g'), key(KeyCode::Home)], Action::Top, "first headline / top of story"),
    row("G End", &[ch('G'), key(KeyCode::End)], Action::Bottom, "last headline / end of story"),
    row("Enter l →", &[key(KeyCode::Enter), ch('l'), key(KeyCode::Right)], Action::Open, "read the selected story"),
    row("1-9", &[ch('1')], Action::OpenRelated(1), "open related story 1-9"),
    row("", &[ch('2')], Action::OpenRelated(2), ""),
    row("", &[ch('3')], Action::OpenRelated(3), ""),
    row("", &[ch('4')], Action::OpenRelated(4), ""),
    row("", &[ch('5')], Action::OpenRelated(5), ""),
    row("", &[ch('6')], Action::OpenRelated(6), ""),
    row("", &[ch('7')], Action::OpenRelated(7), ""),
    row("", &[ch('8')], Action::OpenRelated(8), ""),
    row("", &[ch('9')], Action::OpenRelated(9), ""),
    row("h ← Backspace", &[ch('h'), key(KeyCode::Left), key(KeyCode::Backspace)], Action::Back, "back a story, else up a level"),
    row("Tab", &[key(KeyCode::Tab)], Action::FocusNext, "next pane"),
    row("Shift-Tab", &[key(KeyCode::BackTab)], Action::FocusPrev, "previous pane"),
    row("z", &[ch('z')], Action::Zoom, "one pane full screen / all panes"),
    row("/", &[ch('/')], Action::Search, "search (Enter keeps, Esc clears)"),
    row("n", &[ch('n')], Action::NextMatch, "next match in the story"),
    row("N", &[ch('N')], Action::PrevMatch, "previous match in the story"),
    row("o", &[ch('o')], Action::OpenLink, "open the story's link in the browser"),
    row("y", &[ch('y')], Action::CopyLink, "copy the story's link (OSC 52)"),
    row("a", &[ch('a')], Action::ToggleAudio, "play the story's audio / stop"),
    row("r", &[ch('r')], Action::Reload, "reload the feeds and files"),
    row("m", &[ch('m')], Action::ToggleRead, "mark read / unread"),
    row("s", &[ch('s')], Action::ToggleStar, "star / unstar"),
    row("u", &[ch('u')], Action::UnreadOnly, "only unread stories / all"),
    row("S", &[ch('S')], Action::StarredOnly, "only starred stories / all"),
    row("?", &[ch('?')], Action::Help, "this help"),
    row("q", &[ch('q')], Action::Close, "up a level; in the list, quit"),
    row("Esc", &[key(KeyCode::Esc)], Action::Dismiss, "close what is open (never quits)"),
    row("Q C-c", &[ch('Q'), ctrl('c')], Action::Quit, "quit from anywhere"),
    row("C-z", &[ctrl('z')], Action::Suspend, "suspend to the shell (fg resumes)"),
];

/// The key table as Markdown, as the README shows it.
pub fn markdown_table() -> String {
    let mut out = String::from("| keys | action |\n| --- | --- |\n");
    for b in BINDINGS.iter().filter(|b| !b.label.is_empty()) {
        out.push_str(&format!("| `{}` | {} |\n", b.label, b.help));
    }
    out
}

/// A `--keys` string that names a key newsterm cannot read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("unknown key {0:?} in --keys (use single characters, C-x, or one of: {NAMES})")]
pub struct UnknownKey(pub String);

const NAMES: &str =
    "Enter Esc Tab BackTab Up Down Left Right PageUp PageDown Home End Backspace Space";

/// Parses space-separated key names: single characters, `C-x` for Ctrl, and the names in
/// [`UnknownKey`]'s message.
pub fn parse_keys(spec: &str) -> Result<Vec<KeyEvent>, UnknownKey> {
    spec.split_whitespace().map(parse_key).collect()
}

fn parse_key(name: &str) -> Result<KeyEvent, UnknownKey> {
    let plain = |code| Ok(KeyEvent::new(code, KeyModifiers::NONE));
    let mut chars = name.chars();
    match (chars.next(), chars.next(), name) {
        (Some(c), None, _) => plain(KeyCode::Char(c)),
        (_, _, "Enter") => plain(KeyCode::Enter),
        (_, _, "Esc") => plain(KeyCode::Esc),
        (_, _, "Tab") => plain(KeyCode::Tab),
        (_, _, "BackTab") => Ok(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
        (_, _, "Up") => plain(KeyCode::Up),
        (_, _, "Down") => plain(KeyCode::Down),
        (_, _, "Left") => plain(KeyCode::Left),
        (_, _, "Right") => plain(KeyCode::Right),
        (_, _, "PageUp") => plain(KeyCode::PageUp),
        (_, _, "PageDown") => plain(KeyCode::PageDown),
        (_, _, "Home") => plain(KeyCode::Home),
        (_, _, "End") => plain(KeyCode::End),
        (_, _, "Backspace") => plain(KeyCode::Backspace),
        (_, _, "Space") => plain(KeyCode::Char(' ')),
        _ => match name.strip_prefix("C-").map(|rest| {
            let mut cs = rest.chars();
            (cs.next(), cs.next())
        }) {
            Some((Some(c), None)) => Ok(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
            _ => Err(UnknownKey(name.to_owned())),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_names_are_refused() {
        assert_eq!(parse_keys("j Foo"), Err(UnknownKey("Foo".into())));
        assert_eq!(parse_keys("C-"), Err(UnknownKey("C-".into())));
    }

    #[test]
    fn every_key_is_bound_once() {
        let all: Vec<Key> = BINDINGS
            .iter()
            .flat_map(|b| b.keys.iter().copied())
            .collect();
        for (i, k) in all.iter().enumerate() {
            assert!(!all[i + 1..].contains(k), "{k:?} bound twice");
        }
    }
}
