//! `--plain`: the headlines, or one story with `--story`, as lines of text (`crate::plain`),
//! through `$PAGER` when standard output is a terminal and straight out otherwise. The
//! stories are those the reader would open: the sources merged, the library, or the sample.

use std::io::{IsTerminal, Write};
use std::process::{Command as Process, Stdio};

use super::{Args, Failure, fetch_options, library, load, query_clock, query_of, to_stdout};
use crate::action::Action;
use crate::app::App;
use crate::bundle::Bundle;
use crate::plain::{self, Headline, Related, Tally};
use crate::state::{Memory, StateFile};

/// The width without `--width` when standard output is not a terminal.
const DEFAULT_WIDTH: u16 = 80;

pub(super) fn run(args: &Args) -> Result<(), Failure> {
    let tty = std::io::stdout().is_terminal();
    let width = args.width.unwrap_or_else(|| {
        let columns = tty
            .then(|| ratatui::crossterm::terminal::size().ok())
            .flatten()
            .map(|(cols, _)| cols)
            .filter(|&cols| cols > 0);
        columns
            .unwrap_or(DEFAULT_WIDTH)
            .min(crate::layout::MAX_SIDE)
    });
    let library = if args.sources.is_empty() {
        library::open(args.offline, args.timeout, None)?
    } else {
        None
    };
    let (bundle, memory, none) = match library {
        Some(opened) => (
            opened.bundle,
            opened.memory,
            "No stories yet: `newsterm refresh` fetches the feeds.",
        ),
        None => {
            let loaded = load(&args.sources, &fetch_options(args.offline, args.timeout))?;
            for e in &loaded.failed {
                eprintln!("newsterm: {e}");
            }
            let memory = marks_of(&loaded.bundle);
            (loaded.bundle, memory, "No stories.")
        }
    };
    let memory = if args.no_state {
        Memory::default()
    } else {
        memory
    };
    let query = query_of(args)?;
    let mut app = App::new(bundle, width, 24)
        .with_memory(memory)
        .with_now(query_clock());
    if let Some(query) = &query {
        app.enter_query(query)
            .map_err(|e| Failure::Argument(format!("--query: {e}")))?;
    }
    let text = match &args.story {
        None => list(&app, query.as_deref(), none),
        Some(value) => story(&mut app, value, usize::from(width), args.ascii)?,
    };
    // The process ends now: freeing every story one by one would only delay the exit.
    std::mem::forget(app);
    show(&text, tty)
}

/// The headline list as the reader lists it.
fn list(app: &App, query: Option<&str>, none: &str) -> String {
    let bundle = app.bundle();
    let rows: Vec<Headline> = app
        .list()
        .iter()
        .filter_map(|&i| Headline::of(bundle, i, !app.is_read(i), app.is_starred(i)))
        .collect();
    let counts = app.counts();
    let tally = Tally {
        all: bundle.articles.len(),
        unread: counts.unread,
        starred: counts.starred,
    };
    plain::headlines(&bundle.title, tally, query, &rows, none)
}

/// The story `value` names, opened as the reader opens it, with its related stories.
fn story(app: &mut App, value: &str, width: usize, ascii: bool) -> Result<String, Failure> {
    let listed: Vec<usize> = app.list().to_vec();
    let ids: Vec<&str> = listed
        .iter()
        .filter_map(|&i| app.bundle().articles.get(i).map(|a| a.id.as_str()))
        .collect();
    let at = plain::pick(value, &ids).map_err(Failure::Argument)?;
    let index = listed[at];
    // Opened from the list, as Enter opens it: the related stories are the reader's.
    app.select(index);
    app.update(Action::Open);
    crate::headless::press(app, &[]);
    let related: Vec<Related> = if app.current() == index {
        app.related_list()
            .iter()
            .filter_map(|&r| {
                Some(Related {
                    headline: Headline::of(app.bundle(), r, !app.is_read(r), app.is_starred(r))?,
                    number: listed.iter().position(|&i| i == r).map(|p| p + 1),
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let article = app
        .bundle()
        .full_article(index)
        .ok_or_else(|| Failure::Argument(format!("--story {value}: no such story")))?;
    Ok(plain::story(&article, width, ascii, &related))
}

/// The marks the reader keeps for a bundle opened by path: in the library, read without
/// writing anything, or in its state file when there is no library.
fn marks_of(bundle: &Bundle) -> Memory {
    let env = |name: &str| std::env::var(name).ok();
    let Some(file) = StateFile::for_bundle(&bundle.title, bundle.url.as_deref(), env) else {
        return Memory::default();
    };
    let library = crate::library::library_path(env).filter(|path| path.is_file());
    match (library, crate::library::scope_of_state_file(&file.path)) {
        (Some(path), Some(scope)) => crate::library::Library::open_read_only(&path)
            .and_then(|library| library.memory(&scope))
            .unwrap_or_default(),
        _ => {
            file.open(u64::try_from(crate::library::now_secs()).unwrap_or(0))
                .memory
        }
    }
}

/// `text` through the pager when standard output is a terminal (and a pager starts), else
/// straight out. A reader that leaves early (`q` in the pager, `| head`) ends it quietly.
fn show(text: &str, tty: bool) -> Result<(), Failure> {
    if tty && let Some(paged) = page(text) {
        return paged;
    }
    let mut out = std::io::stdout().lock();
    let written = out.write_all(text.as_bytes()).and_then(|()| out.flush());
    to_stdout(written, |e| format!("cannot write to standard output: {e}"))
}

/// `text` through `$PAGER` (`less` when unset), its words split as a shell splits them and
/// run without a shell; `None` when there is none to run (set empty, or it cannot start),
/// for the text to go straight out.
fn page(text: &str) -> Option<Result<(), Failure>> {
    let pager = std::env::var("PAGER").unwrap_or_else(|_| "less".to_owned());
    let words = shell_words::split(&pager).ok()?;
    let (program, rest) = words.split_first()?;
    let mut child = Process::new(program)
        .args(rest)
        .stdin(Stdio::piped())
        .spawn()
        .ok()?;
    // Ctrl-C while the pager runs is the pager's to answer (less stops a search with it);
    // newsterm, in the same process group, must not end and leave it orphaned.
    let _ = signal_hook::flag::register(
        signal_hook::consts::SIGINT,
        std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
    );
    let written = match child.stdin.take() {
        Some(mut pipe) => pipe.write_all(text.as_bytes()),
        None => Ok(()),
    };
    let waited = child.wait();
    Some(match (written, waited) {
        // The pager was left before it read everything: that is the reader's choice.
        (Err(e), _) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        (Err(e), _) | (_, Err(e)) => Err(Failure::Other(format!(
            "{}: {e}",
            crate::text::printable(program)
        ))),
        (Ok(()), Ok(_)) => Ok(()),
    })
}
