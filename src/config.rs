//! The user's settings, from `$XDG_CONFIG_HOME/newsterm/config.toml` (default
//! `~/.config/newsterm/config.toml`): the theme, the mouse, the audio player, the reader's
//! measure, and keys of one's own. A missing file means the defaults; a file with a mistake in it is refused with
//! one line that names the file and the line. `newsterm --print-config` prints the defaults
//! as a file to start from.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::keymap::{Keymap, action_name, action_named, key_name};
use crate::keys::{BINDINGS, Key, parse_keys};
use crate::layout::{Align, Measure, READER_WIDTH};
use crate::ui::{Glyphs, Theme};

mod cursor;
mod lists;

pub use cursor::{CURSOR_VAR, assisted, cursor_wanted};

/// The colours to draw with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    /// Colours for a dark background.
    #[default]
    Dark,
    /// Colours for a light background.
    Light,
    /// No colours: bold, underline and reverse only (as with `NO_COLOR`).
    Mono,
    /// The strongest distinctions, for low vision: bright white text, no dim or dark grey.
    HighContrast,
}

impl ThemeName {
    pub fn theme(self) -> Theme {
        match self {
            ThemeName::Dark => Theme::COLOR,
            ThemeName::Light => Theme::LIGHT,
            ThemeName::Mono => Theme::PLAIN,
            ThemeName::HighContrast => Theme::HIGH_CONTRAST,
        }
        .with_glyphs(Glyphs::UNICODE)
    }

    /// The name the settings file gives the theme.
    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::Mono => "mono",
            ThemeName::HighContrast => "high-contrast",
        }
    }
}

/// The settings in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub theme: ThemeName,
    pub mouse: bool,
    /// Whether links in the reader are hyperlinks the terminal lets one click (OSC 8).
    pub hyperlinks: bool,
    /// Whether the terminal's cursor is shown on the selection; `None`: not set, so the
    /// environment decides ([`cursor_wanted`]).
    pub cursor: Option<bool>,
    /// The command that plays a story's audio (its address is added at the end).
    pub player: Option<String>,
    /// How wide the reader's lines may be, and where they sit in a wider pane.
    pub measure: Measure,
    pub keymap: Keymap,
    /// How long the library keeps stories that have left their feeds.
    pub keep: crate::library::Keep,
    /// Refresh the library every this many minutes while the reader is open.
    pub refresh_minutes: Option<u32>,
    /// How the feed list is sorted at first.
    pub feed_order: crate::app::FeedOrder,
    /// The saved queries of `[queries]`, in the file's order.
    pub queries: Vec<crate::app::SavedQuery>,
    /// The tagging rules of `[tag_rules]`, in the file's order.
    pub tag_rules: Vec<crate::app::TagRule>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            theme: ThemeName::Dark,
            mouse: true,
            hyperlinks: true,
            cursor: None,
            player: None,
            measure: Measure::default(),
            keymap: Keymap::default(),
            keep: crate::library::Keep::default(),
            refresh_minutes: None,
            feed_order: crate::app::FeedOrder::default(),
            queries: Vec::new(),
            tag_rules: Vec::new(),
        }
    }
}

/// The file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    theme: Option<Spanned<String>>,
    mouse: Option<bool>,
    hyperlinks: Option<bool>,
    cursor: Option<bool>,
    player: Option<String>,
    /// A number of columns, or "none".
    reader_width: Option<Spanned<toml::Value>>,
    reader_align: Option<Spanned<String>>,
    keep_days: Option<u32>,
    keep_per_feed: Option<u32>,
    refresh_minutes: Option<u32>,
    /// Read by hand, below (entries in order, each checked with its line).
    #[serde(default, rename = "keys")]
    _keys: Option<toml::Value>,
    /// Read by hand, in `lists`.
    #[serde(default, rename = "feed_sort")]
    _feed_sort: Option<toml::Value>,
    #[serde(default, rename = "queries")]
    _queries: Option<toml::Value>,
    #[serde(default, rename = "tag_rules")]
    _tag_rules: Option<toml::Value>,
}

/// Why the configuration file was refused: one line that names the file.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file is there but could not be read.
    #[error("{file}: cannot read: {source}")]
    Read {
        file: String,
        #[source]
        source: std::io::Error,
    },
    /// The file has a mistake in it.
    #[error("{file}: {mistake}")]
    Invalid {
        file: String,
        mistake: ConfigMistake,
    },
}

/// A mistake in a configuration file's text, with its line when it has one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigMistake {
    #[error("line {line}: {what}")]
    AtLine { line: usize, what: String },
    /// A mistake toml could not place.
    #[error("{what}")]
    Unplaced { what: String },
}

/// Where the configuration file is, from the environment (`var` reads it).
pub fn path(var: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let base = var("XDG_CONFIG_HOME")
        .filter(|v| Path::new(v).is_absolute())
        .map(PathBuf::from)
        .or_else(|| var("HOME").map(|h| Path::new(&h).join(".config")))?;
    Some(base.join("newsterm").join("config.toml"))
}

/// Reads the configuration at `path`: the defaults when there is no file, one line naming
/// the file and the line for a mistake.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let file = crate::text::printable(&path.display().to_string()).into_owned();
    // Settings are small: a file larger than this is not settings.
    const MOST: u64 = 1024 * 1024;
    let read = crate::limits::read_regular(path, MOST).and_then(|bytes| {
        String::from_utf8(bytes)
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text"))
    });
    match read {
        Ok(text) => parse(&text).map_err(|mistake| ConfigError::Invalid { file, mistake }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
        Err(source) => Err(ConfigError::Read { file, source }),
    }
}

/// The line (from 1) where byte `at` of `text` is.
fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].matches('\n').count() + 1
}

fn at_line(text: &str, span: Range<usize>, what: impl std::fmt::Display) -> ConfigMistake {
    ConfigMistake::AtLine {
        line: line_of(text, span.start),
        what: at_most(what.to_string()),
    }
}

/// The most of a mistake's words an error line shows: it quotes the value it refuses, and a
/// value may be a megabyte long.
const MOST_SAID: usize = 200;

/// `what`, cut to [`MOST_SAID`] characters (an ellipsis says it was cut).
fn at_most(mut what: String) -> String {
    if let Some((at, _)) = what.char_indices().nth(MOST_SAID) {
        what.truncate(at);
        what.push('…');
    }
    what
}

/// Parses a configuration file's text.
pub fn parse(text: &str) -> Result<Config, ConfigMistake> {
    // The keys table is read by hand (its entries in file order, with their places), the rest
    // by serde: toml's own messages name the place of a wrong type or an unknown setting.
    let table: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| one_line(text, &e))?;
    let mut config = Config::default();
    let file: File = toml::from_str(text).map_err(|e| one_line(text, &e))?;
    if let Some(theme) = file.theme {
        config.theme = theme_named(text, theme.get_ref())?;
    }
    config.mouse = file.mouse.unwrap_or(true);
    config.hyperlinks = file.hyperlinks.unwrap_or(true);
    config.cursor = file.cursor;
    config.player = file.player.filter(|p| !p.trim().is_empty());
    // 0 is the default: keep everything, never refresh on a timer.
    config.keep = crate::library::Keep {
        days: file.keep_days.filter(|&d| d > 0),
        per_feed: file.keep_per_feed.filter(|&n| n > 0),
    };
    config.refresh_minutes = file.refresh_minutes.filter(|&m| m > 0);
    if let Some(width) = file.reader_width {
        config.measure.columns = reader_width(text, &width)?;
    }
    if let Some(align) = file.reader_align {
        config.measure.align = match align.get_ref().as_str() {
            "left" => Align::Left,
            "centre" | "center" => Align::Centre,
            other => {
                return Err(at_line(
                    text,
                    align.span(),
                    format!(
                        "unknown reader_align {:?} (left or centre)",
                        crate::text::printable(other)
                    ),
                ));
            }
        };
    }
    if let Some(keys) = table.get("keys") {
        let at = find(text, "keys").unwrap_or(0..0);
        // `keys = "newsboat"`, or `preset = "newsboat"` among the keys of one's own.
        let preset = match keys {
            toml::Value::String(name) => Some(name.as_str()),
            toml::Value::Table(keys) => keys.get("preset").and_then(toml::Value::as_str),
            _ => None,
        };
        if let Some(name) = preset {
            let at = find(text, "preset").unwrap_or(at.clone());
            config.keymap = Keymap::preset(name).ok_or_else(|| {
                at_line(
                    text,
                    at,
                    format!(
                        "unknown keys preset {:?} (one of: {})",
                        crate::text::printable(name),
                        crate::keymap::PRESETS
                    ),
                )
            })?;
        }
        match keys {
            toml::Value::String(_) => {}
            toml::Value::Table(keys) => {
                for (name, value) in keys.iter().filter(|(name, _)| *name != "preset") {
                    bind(text, name, value, &mut config.keymap)?;
                }
            }
            _ => {
                return Err(at_line(
                    text,
                    at,
                    "keys is a preset (\"newsboat\") or a [keys] table of action = keys",
                ));
            }
        }
    }
    lists::read(text, &table, &mut config)?;
    Ok(config)
}

fn theme_named(text: &str, name: &str) -> Result<ThemeName, ConfigMistake> {
    match name {
        "dark" => Ok(ThemeName::Dark),
        "light" => Ok(ThemeName::Light),
        "mono" => Ok(ThemeName::Mono),
        "high-contrast" => Ok(ThemeName::HighContrast),
        other => {
            let at = find(text, "theme").unwrap_or(0..0);
            Err(at_line(
                text,
                at,
                format!(
                    "unknown theme {:?} (dark, light, high-contrast or mono)",
                    crate::text::printable(other)
                ),
            ))
        }
    }
}

/// The fewest columns `reader_width` may ask for: narrower, the reader would wrap every few
/// words on any terminal.
const NARROWEST_MEASURE: i64 = 20;

/// `reader_width`: columns of text (0 or "none" for as wide as the pane).
fn reader_width(text: &str, value: &Spanned<toml::Value>) -> Result<Option<u16>, ConfigMistake> {
    let mistake = |what: String| at_line(text, value.span(), what);
    match value.get_ref() {
        toml::Value::Integer(0) => Ok(None),
        toml::Value::String(s) if s == "none" => Ok(None),
        toml::Value::Integer(n) if *n < NARROWEST_MEASURE => Err(mistake(format!(
            "reader_width {n} is too narrow (at least {NARROWEST_MEASURE} columns, or 0 or \"none\" for no limit)"
        ))),
        // Wider than any terminal is as good as no limit.
        toml::Value::Integer(n) => Ok(Some(u16::try_from(*n).unwrap_or(u16::MAX))),
        other => Err(mistake(format!(
            "reader_width is a number of columns, or \"none\" (not {})",
            crate::text::printable(&other.to_string())
        ))),
    }
}

/// One entry of `[keys]`: the action `name` bound to the keys in `value`.
fn bind(
    text: &str,
    name: &str,
    value: &toml::Value,
    keymap: &mut Keymap,
) -> Result<(), ConfigMistake> {
    let at = find(text, name).unwrap_or(0..0);
    let Some(action) = action_named(name) else {
        let names: Vec<String> = BINDINGS
            .iter()
            .filter_map(|b| action_name(b.action))
            .collect();
        return Err(at_line(
            text,
            at,
            format!(
                "unknown action {:?} (one of: {})",
                crate::text::printable(name),
                names.join(", ")
            ),
        ));
    };
    let names: Vec<&str> = match value {
        toml::Value::String(s) => vec![s.as_str()],
        toml::Value::Array(items) => items.iter().filter_map(toml::Value::as_str).collect(),
        _ => Vec::new(),
    };
    if names.is_empty() && !matches!(value, toml::Value::Array(a) if a.is_empty()) {
        return Err(at_line(
            text,
            at,
            format!("{name}: keys are a string or a list of strings"),
        ));
    }
    let mut keys = Vec::new();
    for key in names {
        let event = parse_keys(key)
            .ok()
            .filter(|k| k.len() == 1)
            .and_then(|k| k.first().copied())
            .ok_or_else(|| {
                at_line(
                    text,
                    at.clone(),
                    format!(
                        "{name}: unknown key {:?} (single characters, C-x, M-x, or {})",
                        crate::text::printable(key),
                        crate::keys::NAMES
                    ),
                )
            })?;
        let key = Key::of(event);
        if action != crate::action::Action::Quit && key == Key::of(CTRL_C) {
            return Err(at_line(
                text,
                at.clone(),
                format!("{name}: C-c always quits; choose another key"),
            ));
        }
        keys.push(key);
    }
    keymap.bind(action, keys);
    Ok(())
}

/// The key that always quits.
const CTRL_C: ratatui::crossterm::event::KeyEvent = ratatui::crossterm::event::KeyEvent::new(
    ratatui::crossterm::event::KeyCode::Char('c'),
    ratatui::crossterm::event::KeyModifiers::CONTROL,
);

/// Where `name` is first written as a key at the start of a line (for messages).
fn find(text: &str, name: &str) -> Option<Range<usize>> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let key = trimmed.trim_start_matches('"');
        if key.starts_with(name)
            && key[name.len()..]
                .trim_start_matches('"')
                .trim_start()
                .starts_with(['=', ']'])
        {
            let start = offset + (line.len() - trimmed.len());
            return Some(start..start + name.len());
        }
        if trimmed.starts_with('[') && trimmed[1..].trim_start().starts_with(name) {
            let start = offset + (line.len() - trimmed.len());
            return Some(start..start + name.len());
        }
        offset += line.len();
    }
    None
}

/// toml's error as one line with the line number.
fn one_line(text: &str, e: &toml::de::Error) -> ConfigMistake {
    let message = e.message().replace('\n', " ");
    match e.span() {
        Some(span) => at_line(text, span, message.trim()),
        None => ConfigMistake::Unplaced {
            what: at_most(message.trim().to_owned()),
        },
    }
}

/// The defaults as a configuration file, every setting and every action with its keys.
pub fn defaults() -> String {
    let mut out = format!(
        "# newsterm's settings: $XDG_CONFIG_HOME/newsterm/config.toml\n\
         # (default ~/.config/newsterm/config.toml). Every line here is the default.\n\n\
         # dark, light, high-contrast (bright text, nothing dim, for low vision) or mono\n\
         # (what NO_COLOR gives: no colours at all)\n\
         theme = \"dark\"\n\n\
         # clicks select, double clicks open, the wheel scrolls; false leaves the mouse to the\n\
         # terminal\n\
         mouse = true\n\n\
         # links in the reader as hyperlinks the terminal lets you click (OSC 8); false for a\n\
         # terminal that shows the sequences instead\n\
         hyperlinks = true\n\n\
         # the terminal's cursor on the selected row (or the end of what you type), for\n\
         # screen readers, braille displays and tmux's copy mode; unset: on when the\n\
         # environment suggests one (ACCESSIBILITY_ENABLED=1, Speakup, BRLAPI_HOST);\n\
         # NEWSTERM_CURSOR=1 or 0 decides over this\n\
         # cursor = true\n\n\
         # the command that plays a story's audio (a), split into words and run without a\n\
         # shell, %s for the address (else added at the end); unset: mpv, ffplay or cvlc\n\
         # player = \"mpv --no-video\"\n\n\
         # the most columns a line of the reader's text holds; 0 or \"none\" for the whole\n\
         # width of the pane\n\
         reader_width = {READER_WIDTH}\n\n\
         # where the text sits when the reader pane is wider: left or centre\n\
         reader_align = \"left\"\n\n\
         # the library (newsterm with subscriptions) keeps every story ever fetched; these\n\
         # let stories that have left their feed go after so many days, or beyond the\n\
         # newest so many of each feed (0: keep them all); starred stories always stay\n\
         keep_days = 0\n\
         keep_per_feed = 0\n\n\
         # refresh the library's feeds every so many minutes while newsterm is open (0: only\n\
         # when you press r)\n\
         refresh_minutes = 0\n\n\
         # the feed list's order: name, unread (the most first) or updated (the newest\n\
         # story first); O changes it\n\
         feed_sort = \"name\"\n\n\
         # saved queries, the feed list's first folders: \"Title\" = \"query\", in the\n\
         # search line's language (words, tag:x, feed:name, unread, newer:2d, -word, or)\n\
         # [queries]\n\
         # \"Unread tech\" = \"unread tag:tech\"\n\n\
         # tags given to the stories a query picks, as they arrive: tag = \"query\" (words,\n\
         # title:, feed:, author:, dates; not tag:, unread or starred)\n\
         # [tag_rules]\n\
         # climate = \"climate or title:warming -feed:sport\"\n\n\
         # Keys: action = [\"key\", ...]; single characters, C-x for Ctrl, M-x for Alt, or\n\
         # Enter Esc Tab BackTab Up Down Left Right PageUp PageDown Home End Backspace Space\n\
         # Insert Delete F1-F12 (in any case). A key given to an action here is taken from\n\
         # any other. preset = \"newsboat\" first starts from newsboat's keys (n next\n\
         # unread, N read/unread, A and C mark read, g sorts the feeds), these over them.\n\
         [keys]\n",
    );
    for binding in BINDINGS {
        if let Some(name) = action_name(binding.action) {
            let keys: Vec<String> = binding
                .keys
                .iter()
                .map(|&k| format!("{:?}", key_name(k)))
                .collect();
            out.push_str(&format!("{name} = [{}]\n", keys.join(", ")));
        }
    }
    out
}

#[cfg(test)]
mod tests;
