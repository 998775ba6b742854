//! The command line's arguments, as clap reads them, and the parsers of their values.

use std::path::PathBuf;

use clap::Parser;

use crate::layout::MAX_SIDE;

use super::{library, subs};

/// A terminal news reader: headlines, a reader pane and related stories.
#[derive(Debug, Parser)]
#[command(name = "newsterm", version, about, long_about = None)]
#[command(args_conflicts_with_subcommands = true)]
pub struct Args {
    /// What to read: article bundles, RSS, Atom or JSON Feed files, `http(s)://` addresses,
    /// or `-` for standard input; the format is told from the content. Several are merged,
    /// newest first. Without any, the library when there are subscriptions (see `add`),
    /// else the built-in sample.
    #[arg(value_name = "SOURCE")]
    pub sources: Vec<String>,

    /// Read web addresses from the cache only ($XDG_CACHE_HOME/newsterm/); never the network.
    #[arg(long)]
    pub offline: bool,

    /// Give up on the web addresses still unanswered after this many seconds, for them all
    /// together (default 30; connecting, 10 at most).
    #[arg(long, value_name = "SECONDS", value_parser = parse_seconds)]
    pub timeout: Option<f64>,

    /// Print the frame a person would see at COLSxROWS (e.g. 120x40) instead of opening the
    /// terminal, then exit. At most 4096 on a side and 1,000,000 cells in all.
    #[arg(long, value_name = "COLSxROWS", value_parser = parse_size, conflicts_with = "check")]
    pub render: Option<(u16, u16)>,

    /// Keys to press before the frame is printed, space-separated: `j`, `?`, `C-d` (Ctrl),
    /// `M-x` (Alt), `Enter`, `Esc`, `Tab`, `BackTab`, `Up`, `Down`, `Left`, `Right`, `PageUp`,
    /// `PageDown`, `Home`, `End`, `Backspace`, `Space`, `Insert`, `Delete`, `F1`-`F12` (names
    /// in any case), `"text"` in double quotes to type it (`/ "net zero" Enter`),
    /// `resize:COLSxROWS`, `wait` (for the work done between keys to finish) and `|` to
    /// print a frame there as well as at the end.
    #[arg(
        long,
        value_name = "KEYS",
        requires = "render",
        allow_hyphen_values = true
    )]
    pub keys: Option<String>,

    /// Show only the stories QUERY picks, as the search line reads it: words, `tag:x`,
    /// `feed:name`, `author:name`, `title:words`, `unread`, `read`, `starred`,
    /// `after:2026-11-01`, `before:…`, `newer:2d`, `-` to leave out, `or`, parentheses.
    #[arg(long, value_name = "QUERY", allow_hyphen_values = true)]
    pub query: Option<String>,

    /// With --render: include ANSI colours and styles (the same as `--format ansi`).
    #[arg(long, requires = "render", conflicts_with = "format")]
    pub color: bool,

    /// With --render: how frames are printed: `text`, `ansi` (colours and styles), `json`
    /// (rows of styled runs, the cursor and the panes; docs/frames.md), `svg` (a picture of
    /// the terminal) or `html` (a `<pre>` page).
    #[arg(long, value_name = "FORMAT", requires = "render", value_enum)]
    pub format: Option<crate::frame::Format>,

    /// With --render: print a frame after every key of --keys, not only at each `|` and at
    /// the end.
    #[arg(long, requires = "render")]
    pub frames: bool,

    /// With --render: write to FILE the exact bytes the terminal would be sent for the
    /// frames printed (the whole first frame, then only what changes), for byte budgets.
    #[arg(long, value_name = "FILE", requires = "render")]
    pub emit_bytes: Option<PathBuf>,

    /// Validate the sources, list their warnings and print a summary; do not open the reader.
    #[arg(long)]
    pub check: bool,

    /// Draw borders, scrollbars and markers with ASCII characters, for consoles whose font
    /// has no line drawing.
    #[arg(long)]
    pub ascii: bool,

    /// Print the default settings as a configuration file
    /// ($XDG_CONFIG_HOME/newsterm/config.toml) and exit.
    #[arg(long)]
    pub print_config: bool,

    /// Check what newsterm sees of the terminal and the environment (locale, TERM, colours,
    /// tmux or screen, copying, hyperlinks, the mouse, character widths, its folders) and
    /// print one line per check, with the fix for what is wrong; then exit.
    #[arg(long, conflicts_with_all = ["render", "check", "plain", "sources"])]
    pub doctor: bool,

    /// Leave the mouse to the terminal (selecting text without Shift) rather than take
    /// clicks and the wheel.
    #[arg(long)]
    pub no_mouse: bool,

    /// Neither read nor write the reading state (stories read and starred, places in
    /// stories) kept under $XDG_STATE_HOME/newsterm/.
    #[arg(long)]
    pub no_state: bool,

    /// Print the headlines as numbered lines of text (no full screen, no escape sequences),
    /// for screen readers, pagers and pipes; through $PAGER when standard output is a
    /// terminal.
    #[arg(long, conflicts_with_all = ["render", "check"])]
    pub plain: bool,

    /// With --plain: print this story instead of the list: its number in the list, or its
    /// id (digits alone are a number; `id:` before an id makes it one).
    #[arg(
        long,
        value_name = "N|ID",
        requires = "plain",
        allow_hyphen_values = true
    )]
    pub story: Option<String>,

    /// With --plain: wrap at this many columns (default: the terminal's width, else 80).
    #[arg(long, value_name = "COLUMNS", requires = "plain", value_parser = parse_width)]
    pub width: Option<u16>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Write the stories of the sources (merged, as the reader shows them) as one article
    /// bundle. Nothing is written unless every source opens.
    Convert {
        /// Bundles, feeds, web addresses or `-`, as for reading.
        #[arg(value_name = "SOURCE", required = true)]
        sources: Vec<String>,
        /// The bundle to write (`-` or none for standard output). An existing file is
        /// replaced whole, never left half-written.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Read web addresses from the cache only.
        #[arg(long)]
        offline: bool,
        /// Give up on the web addresses still unanswered after this many seconds (default 30).
        #[arg(long, value_name = "SECONDS", value_parser = parse_seconds)]
        timeout: Option<f64>,
    },
    /// Subscribe to a feed, or to the feeds a web page names.
    Add(subs::Add),
    /// Unsubscribe from a feed.
    Remove(subs::Remove),
    /// Subscribe to the feeds of an OPML file or a newsboat urls file.
    Import(subs::Import),
    /// Write the subscriptions as OPML 2.0 to standard output (or, with --bundle, the
    /// library's stories as an article bundle).
    Export(subs::Export),
    /// Fetch every subscription into the library without opening the reader (for cron and
    /// systemd timers): one line per feed that changed or failed, then a summary. Exit
    /// status 0 when every feed was read, 1 when some failed.
    Refresh(library::Refresh),
    /// List the library's feeds: address, name, and whether the last fetch failed (how many
    /// times in a row, and why).
    Feeds(library::Feeds),
}

pub(super) use crate::keys::parse_size;

pub(super) fn parse_width(s: &str) -> Result<u16, String> {
    s.trim()
        .parse::<u16>()
        .ok()
        .filter(|&n| (1..=MAX_SIDE).contains(&n))
        .ok_or_else(|| format!("{s:?} is not a width: a whole number from 1 to {MAX_SIDE}"))
}

pub(super) fn parse_seconds(s: &str) -> Result<f64, String> {
    s.trim()
        .parse::<f64>()
        .ok()
        .filter(|t| t.is_finite() && *t > 0.0 && *t <= 86_400.0)
        .ok_or_else(|| format!("{s:?} is not a number of seconds, e.g. 30 or 2.5"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths() {
        assert_eq!(parse_width("60"), Ok(60));
        assert_eq!(parse_width("1"), Ok(1));
        assert_eq!(parse_width("4096"), Ok(4096));
        for bad in ["0", "4097", "-3", "wide", "", "70000"] {
            assert!(parse_width(bad).is_err(), "{bad}");
        }
    }
}
