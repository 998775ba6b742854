//! The command line's arguments, as clap reads them, and the parsers of their values.

use std::path::PathBuf;

use clap::Parser;

use crate::layout::{MAX_CELLS, MAX_SIDE};

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
    /// in any case), and `"text"` in double quotes to type it: `/ "net zero" Enter`.
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

    /// With --render: include ANSI colours and styles.
    #[arg(long, requires = "render")]
    pub color: bool,

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
    #[arg(long, conflicts_with_all = ["render", "check"])]
    pub doctor: bool,

    /// Leave the mouse to the terminal (selecting text without Shift) rather than take
    /// clicks and the wheel.
    #[arg(long)]
    pub no_mouse: bool,

    /// Neither read nor write the reading state (stories read and starred, places in
    /// stories) kept under $XDG_STATE_HOME/newsterm/.
    #[arg(long)]
    pub no_state: bool,

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

pub(super) fn parse_size(s: &str) -> Result<(u16, u16), String> {
    let (cols, rows) = s
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("{s:?} is not COLSxROWS, e.g. 120x40"))?;
    let parse = |v: &str| {
        v.trim()
            .parse::<u16>()
            .ok()
            .filter(|&n| n > 0)
            .ok_or_else(|| format!("{s:?}: sizes are whole numbers from 1 to 65535"))
    };
    let (cols, rows) = (parse(cols)?, parse(rows)?);
    // A frame is a buffer of cells held whole in memory: 65535x65535 would ask for hundreds
    // of gigabytes and abort. The caps are far beyond any real terminal.
    if cols > MAX_SIDE || rows > MAX_SIDE {
        return Err(format!(
            "{s:?}: at most {MAX_SIDE} columns and {MAX_SIDE} rows"
        ));
    }
    if usize::from(cols) * usize::from(rows) > MAX_CELLS {
        return Err(format!(
            "{s:?}: at most {MAX_CELLS} cells (COLS times ROWS)"
        ));
    }
    Ok((cols, rows))
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
    fn sizes() {
        assert_eq!(parse_size("120x40"), Ok((120, 40)));
        assert_eq!(parse_size("1X1"), Ok((1, 1)));
        assert!(parse_size("0x10").is_err());
        assert!(parse_size("120").is_err());
        assert!(parse_size("70000x1").is_err());
        assert_eq!(parse_size("4096x244"), Ok((4096, 244)));
        assert!(parse_size("4097x1").is_err());
        assert!(parse_size("1x4097").is_err());
        assert!(parse_size("1000x1001").is_err());
        assert!(parse_size("65535x65535").is_err());
    }
}
