//! The command line: parse arguments, load the bundle, and only then touch the terminal.
//! Every failure becomes one line on stderr and an exit status.

use std::cell::Cell;
use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;

use crate::app::App;
use crate::bundle::{self, Bundle, LoadError};
use crate::config::{self, Config};
use crate::feed;
use crate::fetch;
use crate::layout::{MAX_CELLS, MAX_SIDE};
use crate::ui::Theme;
use crate::{headless, keys};

mod library;
mod read;
mod subs;

/// Exit status for a bundle that was refused (and for bad arguments, as clap does).
pub const EXIT_REFUSED: u8 = 2;

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

fn parse_size(s: &str) -> Result<(u16, u16), String> {
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

/// Runs newsterm with these arguments and returns the exit status.
pub fn main_with(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let args = match Args::try_parse_from(args) {
        Ok(args) => args,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_REFUSED } else { 0 });
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Refused(errors)) => {
            for e in errors {
                eprintln!("newsterm: {e}");
            }
            ExitCode::from(EXIT_REFUSED)
        }
        Err(Failure::Argument(message)) => {
            eprintln!("newsterm: {message}");
            ExitCode::from(EXIT_REFUSED)
        }
        Err(Failure::Config(message)) => {
            eprintln!("newsterm: {message}");
            ExitCode::from(EXIT_REFUSED)
        }
        Err(Failure::Other(message)) => {
            eprintln!("newsterm: {message}");
            ExitCode::FAILURE
        }
        Err(Failure::FeedsFailed) => ExitCode::FAILURE,
        // What was written went to a reader that left (`| head`): nothing to say.
        Err(Failure::ReaderLeft) => ExitCode::SUCCESS,
    }
}

/// A write to standard output, done: a reader that went away (`newsterm … | head -1`) ends
/// newsterm quietly, as Unix filters end, rather than as a failure; any other error is said
/// by `what`.
fn to_stdout(
    result: std::io::Result<()>,
    what: impl FnOnce(std::io::Error) -> String,
) -> Result<(), Failure> {
    result.map_err(|e| {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Failure::ReaderLeft
        } else {
            Failure::Other(what(e))
        }
    })
}

enum Failure {
    /// Every source named was refused, each for its reason.
    Refused(Vec<LoadError>),
    /// A configuration file with a mistake in it (exit status 2, like a refused bundle).
    Config(config::ConfigError),
    /// An argument clap let through but newsterm cannot use (a key name): status 2.
    Argument(String),
    Other(String),
    /// Some feeds of a refresh failed; each was said already: status 1, nothing more.
    FeedsFailed,
    /// Standard output's reader closed it: status 0, no message.
    ReaderLeft,
}

fn run(args: &Args) -> Result<(), Failure> {
    if args.print_config {
        let written = std::io::stdout()
            .lock()
            .write_all(config::defaults().as_bytes());
        return to_stdout(written, |e| e.to_string());
    }
    if let Some(done) = subs::run(args) {
        return done;
    }
    // The reader's settings are read before the bundle: a mistake in them is reported at once,
    // not after loading an archive. `--render` and `--check` use none of them.
    let config = if args.render.is_none() && !args.check {
        let env = |name: &str| std::env::var(name).ok();
        match config::path(env) {
            Some(path) => config::load(&path).map_err(Failure::Config)?,
            None => Config::default(),
        }
    } else {
        Config::default()
    };
    if let Some(Command::Convert {
        sources,
        output,
        offline,
        timeout,
    }) = &args.command
    {
        let output = output.as_deref().unwrap_or(Path::new("-"));
        return convert(sources, output, &fetch_options(*offline, *timeout));
    }
    match &args.command {
        Some(Command::Refresh(refresh)) => {
            return match library::refresh(refresh, config.keep)? {
                true => Ok(()),
                false => Err(Failure::FeedsFailed),
            };
        }
        Some(Command::Feeds(feeds)) => return library::feeds(feeds),
        _ => {}
    }
    // No source: the library, when there are subscriptions.
    if args.sources.is_empty()
        && !args.check
        && let Some(opened) = library::open(
            args.offline,
            args.timeout,
            // A frame drawn at once reads the first screen first; `--render` shows the
            // whole list as it is.
            args.render.is_none().then_some(library::FIRST_SCREEN),
        )?
    {
        if let Some((cols, rows)) = args.render {
            // The library's frame shows its marks: they are what the library is.
            let extra = Extra {
                memory: opened.memory,
                feeds: opened.feeds,
                queries: opened.queries,
            };
            return render(args, opened.bundle, extra, cols, rows);
        }
        let start = read::Start {
            bundle: opened.bundle,
            keeper: opened.keeper,
            memory: opened.memory,
            notices: opened.notice.into_iter().collect(),
            job: opened.job,
            at_start: opened.at_start,
            feeds: opened.feeds,
            queries: opened.queries,
        };
        return read::start(args, config, start);
    }
    let Loaded {
        name,
        bundle,
        failed,
    } = load(&args.sources, &fetch_options(args.offline, args.timeout))?;
    // The sources that opened are shown; each that did not is one line, on stderr now and in
    // the status bar.
    for e in &failed {
        eprintln!("newsterm: {e}");
    }
    if args.check {
        to_stdout(check(&name, &bundle), |e| e.to_string())?;
        return if failed.is_empty() {
            Ok(())
        } else {
            Err(Failure::Refused(Vec::new()))
        };
    }
    if let Some((cols, rows)) = args.render {
        return render(args, bundle, Extra::default(), cols, rows);
    }
    let notice = read::opening_notice(&failed, &bundle);
    read::read(args, config, bundle, notice)
}

/// `--render`: the frame after the keys, on standard output.
/// What `--render` shows of the library besides its stories.
#[derive(Default)]
struct Extra {
    memory: crate::state::Memory,
    feeds: Vec<crate::library::FeedInfo>,
    queries: Vec<crate::app::SavedQuery>,
}

/// `--query` read, or the bad argument it is (the column where it goes wrong).
fn query_of(args: &Args) -> Result<Option<String>, Failure> {
    match &args.query {
        Some(text) => match crate::query::parse(text) {
            Ok(_) => Ok(Some(text.clone())),
            Err(e) => Err(Failure::Argument(format!(
                "--query {:?}: {e}",
                crate::text::printable(text)
            ))),
        },
        None => Ok(None),
    }
}

/// The time queries count `newer:` back from: `SOURCE_DATE_EPOCH` when it is set (frames
/// that do not change with the day), else now.
pub(crate) fn query_clock() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(crate::library::now_secs)
}

fn render(args: &Args, bundle: Bundle, extra: Extra, cols: u16, rows: u16) -> Result<(), Failure> {
    // A bad key name is a bad argument: status 2, like every other.
    let keys = keys::parse_keys(args.keys.as_deref().unwrap_or(""))
        .map_err(|e| Failure::Argument(e.to_string()))?;
    let query = query_of(args)?;
    let mut app = App::new(bundle, cols, rows)
        .with_memory(extra.memory)
        .with_now(query_clock())
        .with_queries(extra.queries);
    if !extra.feeds.is_empty() {
        app.apply(crate::app::Outcome::Feeds(extra.feeds));
    }
    if let Some(query) = query {
        app.enter_query(&query)
            .map_err(|e| Failure::Argument(format!("--query: {e}")))?;
    }
    headless::press(&mut app, &keys);
    let buf = headless::draw(&app, &read::glyphs(args, &Theme::COLOR));
    // The process ends now: freeing every story one by one would only delay the exit
    // (tens of milliseconds for 100,000), and the system takes the memory back at once.
    std::mem::forget(app);
    let text = if args.color {
        headless::to_ansi(&buf)
    } else {
        headless::to_text(&buf)
    };
    let written = std::io::stdout().lock().write_all(text.as_bytes());
    to_stdout(written, |e| format!("cannot write the frame: {e}"))
}

/// The settings for fetching web addresses: the defaults, the cache under
/// `$XDG_CACHE_HOME/newsterm/`, and `--offline`.
fn fetch_options(offline: bool, timeout: Option<f64>) -> fetch::Options {
    let defaults = fetch::Options::default();
    let timeout = timeout.map_or(defaults.timeout, Duration::from_secs_f64);
    fetch::Options {
        offline,
        cache_dir: fetch::default_cache_dir(),
        connect_timeout: defaults.connect_timeout.min(timeout),
        timeout,
        ..defaults
    }
}

fn parse_seconds(s: &str) -> Result<f64, String> {
    s.trim()
        .parse::<f64>()
        .ok()
        .filter(|t| t.is_finite() && *t > 0.0 && *t <= 86_400.0)
        .ok_or_else(|| format!("{s:?} is not a number of seconds, e.g. 30 or 2.5"))
}

/// What the command line opened: how messages name it, the stories, and one line per source
/// that could not be opened while others could.
struct Loaded {
    name: String,
    bundle: Bundle,
    failed: Vec<LoadError>,
}

/// Opens the sources (the sample without any). Fails when none opens, with every source's
/// error.
fn load(sources: &[String], options: &fetch::Options) -> Result<Loaded, Failure> {
    if sources.is_empty() {
        return Ok(Loaded {
            name: "the built-in sample".to_owned(),
            bundle: bundle::sample().map_err(|e| Failure::Refused(vec![e]))?,
            failed: Vec::new(),
        });
    }
    let bar = ProgressBar::new();
    let feed::Opened {
        bundle,
        failed,
        opened,
    } = feed::open_all(sources, options, &mut |step| bar.show(step));
    bar.clear();
    // Only the sources that opened are named: a broken one has its own error line.
    let name = opened
        .iter()
        .map(|&i| crate::text::printable(&sources[i]).into_owned())
        .collect::<Vec<_>>()
        .join(" + ");
    match bundle {
        Some(bundle) => Ok(Loaded {
            name,
            bundle,
            failed,
        }),
        None => Err(Failure::Refused(failed)),
    }
}

/// Progress of a long load on stderr: only when stderr is a terminal, and only once the load
/// has taken 200 ms, so quick loads and redirected output never see it.
struct ProgressBar {
    started: Instant,
    tty: bool,
    shown: Cell<bool>,
}

impl ProgressBar {
    fn new() -> Self {
        ProgressBar {
            started: Instant::now(),
            tty: std::io::stderr().is_terminal(),
            shown: Cell::new(false),
        }
    }

    fn show(&self, step: feed::Step<'_>) {
        if !self.tty {
            return;
        }
        let p = match step {
            feed::Step::Load(p) => p,
            // A download is shown from its start: the wait may be for the network.
            feed::Step::Fetch { url, bytes } => {
                let url = crate::text::printable(url);
                eprint!(
                    "\r\x1b[2Knewsterm: fetching {url} {:.0} KiB",
                    bytes as f64 / 1024.0
                );
                self.shown.set(true);
                return;
            }
            feed::Step::FetchMany { done, of, bytes } => {
                eprint!(
                    "\r\x1b[2Knewsterm: fetching {of} addresses, {done} done, {:.0} KiB",
                    bytes as f64 / 1024.0
                );
                self.shown.set(true);
                return;
            }
        };
        if self.started.elapsed() < Duration::from_millis(200) || p.total == 0 {
            return;
        }
        const WIDTH: usize = 30;
        let filled = (p.bytes * WIDTH / p.total).min(WIDTH);
        let mib = |b: usize| b as f64 / (1024.0 * 1024.0);
        eprint!(
            "\r\x1b[2Knewsterm: loading [{}{}] {:.0}/{:.0} MiB, {} stories",
            "#".repeat(filled),
            " ".repeat(WIDTH - filled),
            mib(p.bytes),
            mib(p.total),
            p.stories
        );
        self.shown.set(true);
    }

    fn clear(&self) {
        if self.shown.get() {
            eprint!("\r\x1b[2K");
        }
    }
}

/// `newsterm convert`: the sources merged and written as one bundle, atomically, or nothing
/// written when any source fails.
fn convert(sources: &[String], output: &Path, options: &fetch::Options) -> Result<(), Failure> {
    let bar = ProgressBar::new();
    let feed::Opened { bundle, failed, .. } =
        feed::open_all(sources, options, &mut |step| bar.show(step));
    bar.clear();
    let bundle = match bundle {
        Some(bundle) if failed.is_empty() => bundle,
        _ => return Err(Failure::Refused(failed)),
    };
    let written = if output.as_os_str() == "-" {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        feed::convert::write(&bundle, &mut out).and_then(|()| out.flush())
    } else {
        feed::convert::write_file(&bundle, output)
    };
    let what = |e| {
        format!(
            "{}: cannot write: {e}",
            crate::text::printable(&output.display().to_string())
        )
    };
    if output.as_os_str() == "-" {
        to_stdout(written, what)
    } else {
        written.map_err(|e| Failure::Other(what(e)))
    }
}

fn check(name: &str, bundle: &Bundle) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    for warning in &bundle.warnings {
        writeln!(out, "{name}: warning: {warning}")?;
    }
    let n = bundle.warnings.len();
    writeln!(
        out,
        "{name}: ok: {}, {} with body, {n} warning{}",
        stories(bundle.articles.len()),
        bundle.with_body(),
        if n == 1 { "" } else { "s" }
    )
}

/// "1 story", "2 stories".
fn stories(n: usize) -> String {
    format!("{n} {}", if n == 1 { "story" } else { "stories" })
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
