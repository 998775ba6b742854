//! Opening the reader in the terminal: the theme, where the marks are kept (a bundle's state
//! file, or the library), the first notices, and what `r` does.

use super::{Args, Failure, fetch_options};
use crate::bundle::Bundle;
use crate::config::Config;
use crate::state::{Memory, StateFile};
use crate::tui::{self, Keeper, reload::AtStart, reload::Job};
use crate::ui::{Glyphs, Theme};

/// What the reader starts with besides its settings.
pub(super) struct Start {
    pub bundle: Bundle,
    pub keeper: Option<Keeper>,
    pub memory: Memory,
    /// Notices for the status bar, joined.
    pub notices: Vec<String>,
    pub job: Job,
    /// What to start in the background as the reader opens.
    pub at_start: AtStart,
    /// The library's subscriptions, for the feed list (none outside the library).
    pub feeds: Vec<crate::library::FeedInfo>,
    /// The subscriptions' query feeds (the settings' are added to them).
    pub queries: Vec<crate::app::SavedQuery>,
}

/// Where a bundle opened by path keeps its marks: its scope of the library; else, when the
/// library cannot be opened or written, its JSON state file, which the library takes in
/// once it opens again (with why, for the status bar).
fn keeper_of(file: StateFile) -> (Option<Keeper>, Memory, Option<String>) {
    let scope = crate::library::scope_of_state_file(&file.path);
    let library = match super::library::library_at() {
        Ok(path) => super::library::open_library(&path).map_err(|e| e.to_string()),
        Err(_) => Err("neither XDG_DATA_HOME nor HOME is set".to_owned()),
    };
    let why = match (library, scope) {
        (Ok(library), Some(scope)) if !library.is_read_only() => match library.memory(&scope) {
            Ok(memory) => return (Some(Keeper::library(library, scope)), memory, None),
            Err(e) => e.to_string(),
        },
        (Ok(library), _) => format!(
            "{}: read-only",
            crate::text::printable(&library.path().display().to_string())
        ),
        (Err(e), _) => e,
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let shown = crate::text::printable(&file.path.display().to_string()).into_owned();
    let opened = file.open(now);
    let warning = opened.warning.clone();
    let notice = format!("library not opened: {why}; marks kept in {shown}");
    let notice = match warning {
        Some(w) => format!("{notice} · {w}"),
        None => notice,
    };
    (opened.file.map(Keeper::file), opened.memory, Some(notice))
}

/// The reader on the sources named (or the sample), its marks in the library (or, when it
/// cannot be opened, in the bundle's state file).
pub(super) fn read(
    args: &Args,
    config: Config,
    bundle: Bundle,
    not_opened: Option<String>,
) -> Result<(), Failure> {
    let env = |name: &str| std::env::var(name).ok();
    let (keeper, memory, notice) = match (!args.no_state)
        .then(|| StateFile::for_bundle(&bundle.title, bundle.url.as_deref(), env))
        .flatten()
    {
        Some(file) => keeper_of(file),
        None => (None, Memory::default(), None),
    };
    let mut notices: Vec<String> = notice.into_iter().chain(not_opened).collect();
    if args.sources.is_empty() {
        notices.push(NO_SUBSCRIPTIONS.into());
    }
    let job = Job::Sources {
        sources: args.sources.clone(),
        fetch: fetch_options(args.offline, args.timeout),
    };
    start(
        args,
        config,
        Start {
            bundle,
            keeper,
            memory,
            notices,
            job,
            at_start: AtStart::Nothing,
            feeds: Vec::new(),
            queries: Vec::new(),
        },
    )
}

/// What the status bar says as the reader opens sources: those that did not open, and the
/// feed a web page names (subscribing is what most who open a site's page want next).
pub(super) fn opening_notice(
    failed: &[crate::bundle::LoadError],
    bundle: &Bundle,
) -> Option<String> {
    let not_opened = failed.first().map(|e| match failed.len() - 1 {
        0 => format!("not opened: {e}"),
        more => format!("not opened: {e} (and {more} more)"),
    });
    let feed_named = bundle
        .warnings
        .iter()
        .find(|w| w.path.ends_with(crate::article::PAGE_WARNING))
        .map(|w| w.message.clone());
    let said: Vec<String> = not_opened.into_iter().chain(feed_named).collect();
    (!said.is_empty()).then(|| said.join(" · "))
}

/// What the sample says when there are no subscriptions.
pub const NO_SUBSCRIPTIONS: &str = "the sample: `newsterm add URL` subscribes to a feed";

/// The reader in the terminal.
pub(super) fn start(args: &Args, config: Config, start: Start) -> Result<(), Failure> {
    // NO_COLOR wins over the configured theme (no-color.org).
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let theme = if no_color {
        Theme::PLAIN
    } else {
        config.theme.theme()
    };
    let theme = glyphs(args, &theme);
    let env = |name: &str| std::env::var(name).ok();
    let Start {
        bundle,
        keeper,
        memory,
        mut notices,
        job,
        at_start,
        feeds,
        mut queries,
    } = start;
    let query = super::query_of(args)?;
    let cursor = crate::config::cursor_wanted(config.cursor, env, |path| path.exists())
        .map_err(Failure::Argument)?;
    queries.extend(config.queries);
    // The locale comes first: text may look wrong until it is fixed.
    if let Some(locale) = locale_notice(env) {
        notices.insert(0, locale);
    }
    let notice = (!notices.is_empty()).then(|| notices.join(" · "));
    let setup = tui::Setup {
        theme,
        notice,
        state: if args.no_state { None } else { keeper },
        memory: if args.no_state {
            Memory::default()
        } else {
            memory
        },
        mouse: config.mouse && !args.no_mouse,
        hyperlinks: config.hyperlinks,
        cursor,
        keymap: config.keymap,
        measure: config.measure,
        player: config.player,
        reload: job,
        at_start,
        feeds,
        queries,
        feed_order: config.feed_order,
        tag_rules: config.tag_rules,
        query,
        now: super::query_clock(),
        refresh_every: config
            .refresh_minutes
            .map(|m| std::time::Duration::from_secs(u64::from(m) * 60)),
    };
    tui::run(bundle, setup).map_err(|e| Failure::Other(format!("terminal: {e}")))
}

pub(super) fn glyphs(args: &Args, theme: &Theme) -> Theme {
    theme.with_glyphs(if args.ascii {
        Glyphs::ASCII
    } else {
        Glyphs::UNICODE
    })
}

/// A note for the status bar when the locale's character set is not UTF-8 (`LANG=C` on a
/// server): newsterm writes UTF-8 whatever the locale says, and says so once, short enough
/// for the status bar of an 80-column terminal.
fn locale_notice(var: impl Fn(&str) -> Option<String>) -> Option<String> {
    // The first of these that is set and not empty decides, as in setlocale(3).
    let (name, value) = ["LC_ALL", "LC_CTYPE", "LANG"]
        .into_iter()
        .find_map(|name| var(name).filter(|v| !v.is_empty()).map(|v| (name, v)))
        .unwrap_or(("LANG", "C".to_owned()));
    let lower = value.to_ascii_lowercase();
    if lower.contains("utf-8") || lower.contains("utf8") {
        return None;
    }
    Some(format!(
        "{name}={} is not UTF-8; if text looks wrong, set LANG=C.UTF-8",
        crate::text::printable(&value)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_locale_that_is_not_utf8_gets_a_notice() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(locale_notice(env(&[("LANG", "en_US.UTF-8")])), None);
        assert_eq!(
            locale_notice(env(&[("LC_ALL", "vi_VN.utf8"), ("LANG", "C")])),
            None
        );
        let c = locale_notice(env(&[("LANG", "C")])).unwrap();
        assert!(c.starts_with("LANG=C is not UTF-8"), "{c}");
        // The status bar of an 80-column terminal shows it whole, with a space either side.
        assert!(c.len() <= 78, "{} columns: {c}", c.len());
        let all = locale_notice(env(&[("LC_ALL", "POSIX"), ("LANG", "en_US.UTF-8")])).unwrap();
        assert!(all.starts_with("LC_ALL=POSIX"), "{all}");
        assert!(locale_notice(env(&[])).unwrap().starts_with("LANG=C"));
    }
}
