//! The keys in force: the default table (`keys::BINDINGS`) with the user's own bindings from
//! the configuration file over it. The terminal loop reads keys through it and the help
//! overlay shows it; `--render` always uses the defaults.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::Action;
use crate::keys::{BINDINGS, Key};

/// One action and the keys that ask for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// How help names the keys; empty hides the row (related stories 2-9 share a row).
    pub label: String,
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    pub rows: Vec<Row>,
    /// The preset the keys started from, when not newsterm's own (the help names it).
    pub preset: Option<&'static str>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            rows: BINDINGS
                .iter()
                .map(|b| Row {
                    label: b.label.to_owned(),
                    keys: b.keys.to_vec(),
                    action: b.action,
                    help: b.help,
                })
                .collect(),
            preset: None,
        }
    }
}

/// The presets `keys = "…"` names, as messages list them.
pub const PRESETS: &str = "newsterm, newsboat";

impl Keymap {
    /// The keys of preset `name` (`newsterm`, `newsboat`), or `None` for no such preset.
    pub fn preset(name: &str) -> Option<Keymap> {
        match name {
            "newsterm" => Some(Keymap::default()),
            "newsboat" => Some(Keymap::newsboat()),
            _ => None,
        }
    }

    /// newsboat's default keys where newsterm has the action: `n`/`p` the next and previous
    /// unread story, `N` read or unread, `A` and `C` mark read, `R` refreshes, `g` sorts the
    /// feeds, `l` shows only unread. The keys it does not use stay as they are; the search's
    /// next and previous match lose theirs to `n` and `N`.
    fn newsboat() -> Keymap {
        use crate::keys::Key;
        let ch = |c: char| Key {
            code: KeyCode::Char(c),
            ctrl: false,
            alt: false,
        };
        let mut keymap = Keymap::default();
        let table: [(Action, Vec<Key>); 10] = [
            (Action::NextUnread, vec![ch('n'), ch('J')]),
            (Action::PrevUnread, vec![ch('p'), ch('K')]),
            (Action::ToggleRead, vec![ch('N'), ch('m')]),
            (Action::MarkListRead, vec![ch('A')]),
            (Action::MarkAllRead, vec![ch('C')]),
            (Action::Reload, vec![ch('r'), ch('R')]),
            (Action::SortFeeds, vec![ch('g'), ch('O')]),
            (Action::Top, vec![Key::of(KeyEvent::from(KeyCode::Home))]),
            (Action::UnreadOnly, vec![ch('l'), ch('u')]),
            (
                Action::Open,
                vec![
                    Key::of(KeyEvent::from(KeyCode::Enter)),
                    Key::of(KeyEvent::from(KeyCode::Right)),
                ],
            ),
        ];
        for (action, keys) in table {
            keymap.bind(action, keys);
        }
        keymap.preset = Some("newsboat");
        keymap
    }
}

impl Keymap {
    /// The action a key press asks for. Shift is part of the character; Ctrl and Alt count
    /// (`M-x` is not `x`).
    pub fn action_for(&self, event: KeyEvent) -> Option<Action> {
        // C-c quits whatever the configuration says: there is always a way out.
        if event.code == KeyCode::Char('c') && event.modifiers == KeyModifiers::CONTROL {
            return Some(Action::Quit);
        }
        let pressed = Key::of(event);
        self.rows
            .iter()
            .find(|r| r.keys.contains(&pressed))
            .map(|r| r.action)
    }

    /// The action for a key while a line that takes typing (the search line, the link
    /// number) is (`editing`) or is not open: typing goes to the line, Enter keeps what was
    /// typed, Esc gives it up.
    pub fn action_in(&self, editing: bool, event: KeyEvent) -> Option<Action> {
        if !editing {
            return self.action_for(event);
        }
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        match event.code {
            KeyCode::Char('c') if ctrl => Some(Action::Quit),
            KeyCode::Char('z') if ctrl => Some(Action::Suspend),
            KeyCode::Char(c) if !ctrl => Some(Action::Type(c)),
            KeyCode::Backspace => Some(Action::Erase),
            KeyCode::Enter => Some(Action::Accept),
            KeyCode::Esc => Some(Action::Cancel),
            _ => None,
        }
    }

    /// Binds `action` to `keys` instead of its default ones; a key given to another action
    /// is taken from it.
    pub fn bind(&mut self, action: Action, keys: Vec<Key>) {
        if self
            .rows
            .iter()
            .any(|r| r.action == action && r.keys == keys)
        {
            return;
        }
        for row in &mut self.rows {
            row.keys.retain(|k| !keys.contains(k));
        }
        if let Some(row) = self.rows.iter_mut().find(|r| r.action == action) {
            row.label = keys
                .iter()
                .map(|k| key_name(*k))
                .collect::<Vec<_>>()
                .join(" ");
            row.keys = keys;
        }
    }

    /// The key to name for one of `actions` (the first that has a key wins): a character key
    /// the user bound to one of them, else `prefer` while it still does one of them, else the
    /// first character key without Ctrl, else any key.
    /// `None` when the user left them all without keys.
    pub fn key_for(&self, actions: &[Action], prefer: Option<Key>) -> Option<Key> {
        let keys = |action: Action| {
            self.rows
                .iter()
                .filter(move |r| r.action == action)
                .flat_map(|r| r.keys.iter().copied())
        };
        let typed = |k: &Key| matches!(k.code, KeyCode::Char(_)) && !k.ctrl;
        // A key the user chose in the configuration is the one to name.
        let chosen = |action: Action| {
            self.rows
                .iter()
                .zip(BINDINGS)
                .any(|(r, b)| r.action == action && r.keys != b.keys)
        };
        if let Some(key) = actions
            .iter()
            .filter(|&&a| chosen(a))
            .find_map(|&a| keys(a).find(typed))
        {
            return Some(key);
        }
        if let Some(key) = prefer
            && actions.iter().any(|&a| keys(a).any(|k| k == key))
        {
            return Some(key);
        }
        actions
            .iter()
            .find_map(|&a| keys(a).find(typed))
            .or_else(|| actions.iter().find_map(|&a| keys(a).next()))
    }

    /// Rows help shows.
    pub fn shown(&self) -> impl Iterator<Item = &Row> + Clone {
        self.rows.iter().filter(|r| !r.label.is_empty())
    }
}

/// The name of an action in the configuration file (`page_down`, `related_3`…).
pub fn action_name(action: Action) -> Option<String> {
    let name = match action {
        Action::Up => "up",
        Action::Down => "down",
        Action::PageUp => "page_up",
        Action::PageDown => "page_down",
        Action::HalfPageUp => "half_page_up",
        Action::HalfPageDown => "half_page_down",
        Action::Top => "top",
        Action::Bottom => "bottom",
        Action::Open => "open",
        Action::OpenRelated(n) => return Some(format!("related_{n}")),
        Action::Back => "back",
        Action::FocusNext => "next_pane",
        Action::FocusPrev => "previous_pane",
        Action::Zoom => "zoom",
        Action::Search => "search",
        Action::NextMatch => "next_match",
        Action::PrevMatch => "previous_match",
        Action::OpenLink => "open_link",
        Action::CopyLink => "copy_link",
        Action::OpenLinkNumber => "open_link_number",
        Action::ToggleAudio => "audio",
        Action::Reload => "reload",
        Action::Feeds => "feeds",
        Action::SortFeeds => "sort_feeds",
        Action::MarkListRead => "mark_list_read",
        Action::MarkAllRead => "mark_all_read",
        Action::Undo => "undo",
        Action::NextUnread => "next_unread",
        Action::PrevUnread => "previous_unread",
        Action::ToggleRead => "toggle_read",
        Action::ToggleStar => "toggle_star",
        Action::EditTags => "edit_tags",
        Action::WholeArticle => "whole_article",
        Action::UnreadOnly => "unread_only",
        Action::StarredOnly => "starred_only",
        Action::Help => "help",
        Action::Close => "close",
        Action::Dismiss => "dismiss",
        Action::Quit => "quit",
        Action::Suspend => "suspend",
        _ => return None,
    };
    Some(name.to_owned())
}

/// The action a configuration file names.
pub fn action_named(name: &str) -> Option<Action> {
    BINDINGS
        .iter()
        .map(|b| b.action)
        .find(|&a| action_name(a).as_deref() == Some(name))
}

/// How a key is written in `--keys` and in the configuration file.
pub fn key_name(key: Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "BackTab".into(),
        KeyCode::Up => "Up".into(),
        KeyCode::Down => "Down".into(),
        KeyCode::Left => "Left".into(),
        KeyCode::Right => "Right".into(),
        KeyCode::PageUp => "PageUp".into(),
        KeyCode::PageDown => "PageDown".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    modified(key, base)
}

/// How the status bar names a key: as short as it can be read (`⌫`, `↑`, `C-c`).
pub fn short_name(key: Key) -> String {
    let base = match key.code {
        KeyCode::Backspace => "⌫".to_owned(),
        KeyCode::Up => "↑".to_owned(),
        KeyCode::Down => "↓".to_owned(),
        KeyCode::Left => "←".to_owned(),
        KeyCode::Right => "→".to_owned(),
        _ => return key_name(key),
    };
    modified(key, base)
}

/// `base` with the `M-` and `C-` that `key` holds, as `--keys` and `config.toml` write them.
fn modified(key: Key, base: String) -> String {
    let ctrl = if key.ctrl { "C-" } else { "" };
    let alt = if key.alt { "M-" } else { "" };
    format!("{alt}{ctrl}{base}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::parse_keys;

    fn act(spec: &str) -> Vec<Option<Action>> {
        let keymap = Keymap::default();
        parse_keys(spec)
            .unwrap()
            .into_iter()
            .map(|event| keymap.action_for(event))
            .collect()
    }

    #[test]
    fn names_parse_to_the_table_actions() {
        assert_eq!(
            act(
                "j Down k Up Space b C-d C-u g G Home End Enter 3 Backspace Tab BackTab ? q Esc C-c"
            ),
            [
                Action::Down,
                Action::Down,
                Action::Up,
                Action::Up,
                Action::PageDown,
                Action::PageUp,
                Action::HalfPageDown,
                Action::HalfPageUp,
                Action::Top,
                Action::Bottom,
                Action::Top,
                Action::Bottom,
                Action::Open,
                Action::OpenRelated(3),
                Action::Back,
                Action::FocusNext,
                Action::FocusPrev,
                Action::Help,
                Action::Close,
                Action::Dismiss,
                Action::Quit,
            ]
            .map(Some)
        );
    }

    #[test]
    fn ctrl_c_quits_even_with_quit_unbound() {
        let mut keymap = Keymap::default();
        keymap.bind(Action::Quit, Vec::new());
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(keymap.action_for(ctrl_c), Some(Action::Quit));
        assert_eq!(keymap.action_in(true, ctrl_c), Some(Action::Quit));
    }

    #[test]
    fn unbound_keys_do_nothing() {
        assert_eq!(act("x C-x"), [None, None]);
    }

    #[test]
    fn shifted_characters_match_without_shift() {
        let keymap = Keymap::default();
        let event = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(keymap.action_for(event), Some(Action::Bottom));
        let event = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(keymap.action_for(event), Some(Action::FocusPrev));
    }

    #[test]
    fn the_default_map_is_the_table() {
        let map = Keymap::default();
        for b in BINDINGS {
            for &k in b.keys {
                let event = KeyEvent::new(
                    k.code,
                    if k.ctrl {
                        KeyModifiers::CONTROL
                    } else {
                        KeyModifiers::NONE
                    },
                );
                assert_eq!(map.action_for(event), Some(b.action), "{}", b.label);
            }
        }
    }

    #[test]
    fn every_action_has_a_name_and_back() {
        for b in BINDINGS {
            let name = action_name(b.action).unwrap();
            assert_eq!(action_named(&name), Some(b.action), "{name}");
        }
        assert_eq!(action_named("nonsense"), None);
    }

    #[test]
    fn rebinding_moves_keys_and_relabels() {
        let mut map = Keymap::default();
        let keys = |s| {
            parse_keys(s)
                .unwrap()
                .into_iter()
                .map(Key::of)
                .collect::<Vec<_>>()
        };
        map.bind(Action::Down, keys("n C-n"));
        let ev = |s| parse_keys(s).unwrap()[0];
        assert_eq!(map.action_for(ev("n")), Some(Action::Down));
        assert_eq!(map.action_for(ev("C-n")), Some(Action::Down));
        assert_eq!(map.action_for(ev("j")), None, "j is no longer down");
        let row = map.rows.iter().find(|r| r.action == Action::Down).unwrap();
        assert_eq!(row.label, "n C-n");
        // n was next match's: it is not any more.
        let next = map
            .rows
            .iter()
            .find(|r| r.action == Action::NextMatch)
            .unwrap();
        assert!(next.keys.is_empty());
    }
}
