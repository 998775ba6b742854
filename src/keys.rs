//! The one table from keys to actions, shared by the terminal loop, `--render --keys` and the
//! help screen, plus the parser for `--keys` strings.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::Action;

mod script;
pub use script::{Step, Token, parse_script, parse_size, parse_tokens};

/// A key as the table names it: a code and whether Ctrl and Alt are held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        ctrl: false,
        alt: false,
    }
}
const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
        alt: false,
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
    row("y", &[ch('y')], Action::CopyLink, "copy the story's link"),
    row("L", &[ch('L')], Action::OpenLinkNumber, "open link [n] of the story's text"),
    row("a", &[ch('a')], Action::ToggleAudio, "play the story's audio / stop"),
    row("r", &[ch('r')], Action::Reload, "reload the feeds and files"),
    row("F", &[ch('F')], Action::Feeds, "the feeds, tags and saved queries"),
    row("O", &[ch('O')], Action::SortFeeds, "sort the feeds by name, unread, updated"),
    row("m", &[ch('m')], Action::ToggleRead, "mark read / unread"),
    row("s", &[ch('s')], Action::ToggleStar, "star / unstar"),
    row("f", &[ch('f')], Action::WholeArticle, "the whole article from its page / summary"),
    row("t", &[ch('t')], Action::EditTags, "tag a story, or a feed in the feed list"),
    row("u", &[ch('u')], Action::UnreadOnly, "only unread stories / all"),
    row("S", &[ch('S')], Action::StarredOnly, "only starred stories / all"),
    row("J", &[ch('J')], Action::NextUnread, "next unread story, in any feed"),
    row("K", &[ch('K')], Action::PrevUnread, "previous unread story"),
    row("A", &[ch('A')], Action::MarkListRead, "mark every story listed read"),
    row("C", &[ch('C')], Action::MarkAllRead, "mark every story read (asks first)"),
    row("U", &[ch('U')], Action::Undo, "undo the last mark-all (several steps)"),
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
#[error(
    "unknown key {0:?} in --keys (use single characters, C-x, M-x, \"text\", or one of: {NAMES})"
)]
pub struct UnknownKey(pub String);

/// The key names [`parse_keys`] knows besides single characters, as messages list them.
pub const NAMES: &str = "Enter Esc Tab BackTab Up Down Left Right PageUp PageDown Home End \
     Backspace Space Insert Delete F1-F12";

impl Key {
    /// The key a press names, as the table compares keys: Shift is part of the character.
    pub fn of(event: KeyEvent) -> Key {
        Key {
            code: event.code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        }
    }
}

/// Parses space-separated key names: single characters, `C-x` for Ctrl, `M-x` for Alt, the
/// names in [`NAMES`] in any case, and `"text in quotes"`, which types each of its characters
/// (spaces too).
pub fn parse_keys(spec: &str) -> Result<Vec<KeyEvent>, UnknownKey> {
    let mut out = Vec::new();
    let mut rest = spec.trim_start();
    while !rest.is_empty() {
        let (word, _, tail) = first_word(rest);
        match word {
            Word::Text(text) => out.extend(typed(text)),
            Word::Name(name) => out.push(parse_key(name)?),
        }
        rest = tail.trim_start();
    }
    Ok(out)
}

/// A word of a `--keys` string: text in quotes to type, or a key's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word<'a> {
    Text(&'a str),
    Name(&'a str),
}

/// The word `rest` begins with, as it is written, and what follows it. A quote opens text
/// when something other than white space follows it and a closing quote comes later; a lone
/// `"` is the key `"`.
fn first_word(rest: &str) -> (Word<'_>, &str, &str) {
    let quoted = rest
        .strip_prefix('"')
        .filter(|r| r.chars().next().is_some_and(|c| !c.is_whitespace()))
        .and_then(|r| r.find('"'));
    match quoted {
        Some(len) => (
            Word::Text(&rest[1..=len]),
            &rest[..len + 2],
            &rest[len + 2..],
        ),
        None => {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            (Word::Name(&rest[..end]), &rest[..end], &rest[end..])
        }
    }
}

/// The keys that type `text`, a character each.
fn typed(text: &str) -> impl Iterator<Item = KeyEvent> + '_ {
    text.chars()
        .map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

/// One key name: `Enter`, `x`, `C-x`, `M-x`, `M-C-x`, `F5`…
fn parse_key(name: &str) -> Result<KeyEvent, UnknownKey> {
    let unknown = || UnknownKey(name.to_owned());
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Ok(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    let modifier = name.get(..2).map(str::to_ascii_uppercase);
    let extra = match modifier.as_deref() {
        Some("C-") => KeyModifiers::CONTROL,
        Some("M-" | "A-") => KeyModifiers::ALT,
        _ => return named(name).ok_or_else(unknown),
    };
    let mut key = parse_key(&name[2..]).map_err(|_| unknown())?;
    if key.modifiers.contains(extra) {
        return Err(unknown());
    }
    key.modifiers |= extra;
    Ok(key)
}

/// A named key, in any case (`Enter`, `ENTER`, `pgdn`, `f5`).
fn named(name: &str) -> Option<KeyEvent> {
    let plain = |code| Some(KeyEvent::new(code, KeyModifiers::NONE));
    let lower = name.to_ascii_lowercase();
    match lower.as_str() {
        "enter" | "return" | "ret" => plain(KeyCode::Enter),
        "esc" | "escape" => plain(KeyCode::Esc),
        "tab" => plain(KeyCode::Tab),
        "backtab" | "s-tab" | "shift-tab" => {
            Some(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT))
        }
        "up" => plain(KeyCode::Up),
        "down" => plain(KeyCode::Down),
        "left" => plain(KeyCode::Left),
        "right" => plain(KeyCode::Right),
        "pageup" | "pgup" => plain(KeyCode::PageUp),
        "pagedown" | "pgdn" | "pgdown" => plain(KeyCode::PageDown),
        "home" => plain(KeyCode::Home),
        "end" => plain(KeyCode::End),
        "backspace" | "bs" => plain(KeyCode::Backspace),
        "space" | "spc" => plain(KeyCode::Char(' ')),
        "insert" | "ins" => plain(KeyCode::Insert),
        "delete" | "del" => plain(KeyCode::Delete),
        _ => {
            let n: u8 = lower.strip_prefix('f')?.parse().ok()?;
            (1..=12)
                .contains(&n)
                .then(|| KeyEvent::new(KeyCode::F(n), KeyModifiers::NONE))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_names_are_refused() {
        assert_eq!(parse_keys("j Foo"), Err(UnknownKey("Foo".into())));
        assert_eq!(parse_keys("C-"), Err(UnknownKey("C-".into())));
        assert_eq!(parse_keys("F13"), Err(UnknownKey("F13".into())));
        assert_eq!(parse_keys("F0"), Err(UnknownKey("F0".into())));
        assert_eq!(parse_keys("M-M-x"), Err(UnknownKey("M-M-x".into())));
    }

    fn one(spec: &str) -> KeyEvent {
        let keys = parse_keys(spec).unwrap_or_default();
        assert_eq!(keys.len(), 1, "{spec}");
        keys[0]
    }

    #[test]
    fn names_are_read_in_any_case() {
        let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
        for name in ["Enter", "enter", "ENTER", "eNtEr"] {
            assert_eq!(one(name), enter, "{name}");
        }
        assert_eq!(one("esc").code, KeyCode::Esc);
        assert_eq!(one("pgdn").code, KeyCode::PageDown);
        assert_eq!(one("PGUP").code, KeyCode::PageUp);
        assert_eq!(
            one("c-d"),
            KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL)
        );
        // A single character keeps its case: `G` is not `g`.
        assert_eq!(one("G").code, KeyCode::Char('G'));
    }

    #[test]
    fn function_keys_insert_delete_and_alt() {
        assert_eq!(one("F1").code, KeyCode::F(1));
        assert_eq!(one("f12").code, KeyCode::F(12));
        assert_eq!(one("Insert").code, KeyCode::Insert);
        assert_eq!(one("delete").code, KeyCode::Delete);
        assert_eq!(
            one("M-x"),
            KeyEvent::new(KeyCode::Char('x'), KeyModifiers::ALT)
        );
        assert_eq!(
            one("M-C-x"),
            KeyEvent::new(
                KeyCode::Char('x'),
                KeyModifiers::ALT | KeyModifiers::CONTROL
            )
        );
        assert_eq!(one("M-F5"), KeyEvent::new(KeyCode::F(5), KeyModifiers::ALT));
        let alt = Key::of(one("M-x"));
        assert!(alt.alt && !alt.ctrl);
        assert_ne!(alt, ch('x'));
    }

    #[test]
    fn quoted_text_types_each_character() {
        let typed: Vec<KeyCode> = parse_keys(r#"/ "net zero" Enter"#)
            .unwrap_or_default()
            .into_iter()
            .map(|k| k.code)
            .collect();
        let mut expected = vec![KeyCode::Char('/')];
        expected.extend("net zero".chars().map(KeyCode::Char));
        expected.push(KeyCode::Enter);
        assert_eq!(typed, expected);
        // A lone quote is the key `"`.
        assert_eq!(one(r#"""#).code, KeyCode::Char('"'));
        assert_eq!(parse_keys(r#"" j"#).map(|k| k.len()), Ok(2));
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
