//! The command line: parse arguments, load the bundle, and only then touch the terminal.
//! Every failure becomes one line on stderr and an exit status.

use std::cell::Cell;
use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;

use crate::bundle::{self, Bundle, LoadError};
use crate::config::{self, Config};
use crate::feed;
use crate::fetch;

mod args;
mod library;
mod plain;
mod read;
mod render;
mod subs;

use args::parse_seconds;
pub use args::{Args, Command};
pub(crate) use render::query_clock;
use render::{Extra, query_of, render};

/// Exit status for a bundle that was refused (and for bad arguments, as clap does).
pub const EXIT_REFUSED: u8 = 2;

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
    if args.doctor {
        return to_stdout(crate::doctor::run(args.no_mouse), |e| e.to_string());
    }
    if let Some(done) = subs::run(args) {
        return done;
    }
    if args.plain {
        return plain::run(args);
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
