//! The library on the command line: `newsterm` with no source opens it when there are
//! subscriptions, `newsterm refresh` refreshes it without a terminal (cron, systemd
//! timers), `newsterm feeds` lists its feeds and their failures, and `export --bundle`
//! writes its stories as a bundle.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Failure, fetch_options, to_stdout};
use crate::bundle::Bundle;
use crate::library::{LIBRARY_SCOPE, Library, Selection};
use crate::refresh::{FeedResult, Report};
use crate::state::Memory;
use crate::subs::{UrlsFile, urls_path};
use crate::text::printable;
use crate::tui::{Keeper, reload::AtStart, reload::Job, reload::LibraryJob};

/// `newsterm refresh`.
#[derive(Debug, clap::Args)]
pub struct Refresh {
    /// Read the feeds from the cache only; never the network.
    #[arg(long)]
    pub offline: bool,
    /// Give up on a feed still unanswered after this many seconds (default 30).
    #[arg(long, value_name = "SECONDS", value_parser = super::parse_seconds)]
    pub timeout: Option<f64>,
    /// Say nothing of feeds that worked; only failures and the summary.
    #[arg(short, long)]
    pub quiet: bool,
}

/// `newsterm feeds`.
#[derive(Debug, clap::Args)]
pub struct Feeds {
    /// Only the feeds whose last fetch failed.
    #[arg(long)]
    pub failed: bool,
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// The subscriptions, from the urls file (none when there is no file).
pub(super) fn subscriptions() -> Result<(PathBuf, UrlsFile), Failure> {
    let path = urls_path(env)
        .ok_or_else(|| Failure::Other("neither XDG_CONFIG_HOME nor HOME is set".into()))?;
    let file = UrlsFile::load(&path).map_err(|e| Failure::Argument(e.to_string()))?;
    Ok((path, file))
}

/// The tags of each subscription, by address.
pub(super) type Tags = HashMap<String, Vec<String>>;

/// The feed addresses to fetch, the names the subscriptions give them and their tags (with
/// newsboat's `!` before a tag, which hides the feed from the feed list, kept).
fn feeds_of(urls: &UrlsFile) -> (Vec<String>, HashMap<String, String>, Tags) {
    let mut feeds = Vec::new();
    let mut names = HashMap::new();
    let mut tags: Tags = HashMap::new();
    for sub in urls.feeds() {
        if !feeds.contains(&sub.url) {
            feeds.push(sub.url.clone());
        }
        if let Some(name) = &sub.name {
            names.insert(sub.url.clone(), name.clone());
        }
        let its = tags.entry(sub.url.clone()).or_default();
        for tag in &sub.tags {
            let tag = crate::text::clean(tag);
            if !tag.trim_start_matches('!').trim().is_empty() && !its.contains(&tag) {
                its.push(tag);
            }
        }
    }
    (feeds, names, tags)
}

pub(super) fn library_at() -> Result<PathBuf, Failure> {
    crate::library::library_path(env)
        .ok_or_else(|| Failure::Other("neither XDG_DATA_HOME nor HOME is set".into()))
}

/// Opens the library, taking in the JSON state files not yet taken in (those of earlier
/// versions, once, and those written while the library could not be opened).
pub(super) fn open_library(path: &Path) -> Result<Library, crate::library::LibraryError> {
    let mut library = Library::open(path)?;
    if let Some(dir) = crate::state::state_dir(env) {
        library.take_in_state_files(&dir)?;
    }
    Ok(library)
}

/// How many of the newest stories the reader reads before its first frame when it opens
/// the library: more than any screen shows, and few enough to read in a few milliseconds.
/// A larger library's other stories come from a worker a moment later.
pub(super) const FIRST_SCREEN: usize = 5000;

/// What the reader opens with when there is no source and there are subscriptions.
pub(super) struct Opened {
    pub bundle: Bundle,
    pub keeper: Option<Keeper>,
    pub memory: Memory,
    pub notice: Option<String>,
    pub job: Job,
    /// What the reader starts in the background: a refresh when nothing has been fetched
    /// yet, the rest of the list when only its first screen was read.
    pub at_start: AtStart,
    /// The subscriptions as the library has them, for the feed list.
    pub feeds: Vec<crate::library::FeedInfo>,
    /// The query feeds of the subscriptions that newsterm reads.
    pub queries: Vec<crate::app::SavedQuery>,
}

/// The query feeds of `urls` newsterm can read (`--check` names the others).
fn queries_of(urls: &UrlsFile) -> Vec<crate::app::SavedQuery> {
    urls.queries()
        .filter_map(|q| {
            Some(crate::app::SavedQuery {
                title: crate::text::clean(&q.title),
                text: q.query.clone(),
                expr: crate::query::parse(&q.query).ok()?,
            })
        })
        .collect()
}

/// The library's stories for the reader, or `None` without subscriptions. A library that
/// cannot be opened is said in one line, and the feeds are shown from the cache instead,
/// nothing written.
///
/// `first`: read only this many of the newest stories (and their marks) before the first
/// frame, the rest in the background; `None` reads them all now.
pub(super) fn open(
    offline: bool,
    timeout: Option<f64>,
    first: Option<usize>,
) -> Result<Option<Opened>, Failure> {
    let (urls_path, urls) = subscriptions()?;
    let (feeds, names, tags) = feeds_of(&urls);
    if feeds.is_empty() {
        return Ok(None);
    }
    let fetch = fetch_options(offline, timeout);
    let path = library_at()?;
    let names = Arc::new(names);
    let tags = Arc::new(tags);
    let name = |url: &str| names.get(url).cloned();
    let tags_of = |url: &str| tags.get(url).cloned().unwrap_or_default();
    let opened = open_library(&path).and_then(|library| {
        let bundle = match first {
            Some(n) => library.first_headlines(&name, n)?,
            None => library.bundle(Selection::All, &name)?,
        };
        let memory = match first {
            Some(n) if bundle.following > 0 => library.memory_of_first(n)?,
            _ => library.memory(LIBRARY_SCOPE)?,
        };
        let list = library.feed_list(&feeds, &name, &tags_of)?;
        Ok((library, bundle, memory, list))
    });
    match opened {
        Ok((library, bundle, memory, list)) => {
            let empty = bundle.articles.is_empty();
            let partial = bundle.following > 0;
            let read_only = library.is_read_only();
            let notice = if read_only {
                Some(format!(
                    "{}: read-only: stories shown, nothing saved",
                    printable(&path.display().to_string())
                ))
            } else if empty && offline {
                Some("the library is empty; r refreshes it".into())
            } else {
                None
            };
            let keeper = (!read_only).then(|| Keeper::library(library, LIBRARY_SCOPE.into()));
            let job = Job::Library(LibraryJob {
                path,
                urls: urls_path,
                feeds,
                names,
                tags,
                fetch,
            });
            Ok(Some(Opened {
                bundle,
                keeper,
                memory,
                notice,
                job,
                at_start: if partial {
                    AtStart::ReadTheRest
                } else if empty && !offline && !read_only {
                    AtStart::Refresh
                } else {
                    AtStart::Nothing
                },
                feeds: list,
                queries: queries_of(&urls),
            }))
        }
        Err(e) => {
            // The stories are still shown: the feeds as the cache has them, and `r` reads
            // them again from the network.
            let cached = crate::fetch::Options {
                offline: true,
                ..fetch.clone()
            };
            let crate::feed::Opened { bundle, .. } =
                crate::feed::open_all(&feeds, &cached, &mut |_| {});
            Ok(Some(Opened {
                bundle: bundle.unwrap_or_default(),
                keeper: None,
                memory: Memory::default(),
                notice: Some(format!("library not opened: {e}; nothing is saved")),
                job: Job::Sources {
                    sources: feeds,
                    fetch,
                },
                at_start: AtStart::Nothing,
                feeds: Vec::new(),
                queries: queries_of(&urls),
            }))
        }
    }
}

/// `newsterm refresh`: exit 0 when every feed was read, 1 when some failed.
pub(super) fn refresh(args: &Refresh, keep: crate::library::Keep) -> Result<bool, Failure> {
    let (path, urls) = subscriptions()?;
    let (feeds, _, tags) = feeds_of(&urls);
    if feeds.is_empty() {
        eprintln!(
            "newsterm: no subscriptions in {}: add one with `newsterm add URL`",
            printable(&path.display().to_string())
        );
        return Ok(true);
    }
    let library_path = library_at()?;
    let mut library = open_library(&library_path).map_err(|e| Failure::Other(e.to_string()))?;
    if library.is_read_only() {
        return Err(Failure::Other(format!(
            "{}: read-only: nothing can be stored",
            printable(&library_path.display().to_string())
        )));
    }
    let now = crate::library::now_secs();
    let whole = |url: &str| {
        tags.get(url)
            .is_some_and(|t| crate::refresh::reads_whole(t))
    };
    let report = crate::refresh::refresh_reading_whole(
        &mut library,
        &feeds,
        &whole,
        &fetch_options(args.offline, args.timeout),
        now,
        &mut |_| {},
    );
    let pruned = library
        .prune(keep, now)
        .map_err(|e| Failure::Other(e.to_string()))?;
    let written = print_report(&report, &library, args.quiet, pruned);
    to_stdout(written, |e| e.to_string())?;
    if let Some(why) = &report.not_stored {
        return Err(Failure::Other(why.clone()));
    }
    Ok(report.failed() == 0)
}

fn print_report(
    report: &Report,
    library: &Library,
    quiet: bool,
    pruned: usize,
) -> std::io::Result<()> {
    let statuses: HashMap<String, i64> = library
        .feeds()
        .unwrap_or_default()
        .into_iter()
        .map(|f| (f.url, f.failures))
        .collect();
    let mut out = std::io::stdout().lock();
    for (url, result) in &report.feeds {
        let url = printable(url);
        match result {
            FeedResult::Read(stored) if !quiet && (stored.new > 0 || stored.updated > 0) => {
                writeln!(
                    out,
                    "{url}: +{} new, {} updated",
                    stored.new, stored.updated
                )?;
            }
            FeedResult::Failed { error, .. } => {
                let times = statuses.get(url.as_ref()).copied().unwrap_or(1);
                let row = if times > 1 {
                    format!(" ({times} times in a row)")
                } else {
                    String::new()
                };
                writeln!(out, "{url}: failed: {}{row}", printable(error))?;
            }
            _ => {}
        }
    }
    let mut summary = report.summary();
    if pruned > 0 {
        summary.push_str(&format!(", {pruned} old stories let go"));
    }
    writeln!(out, "{summary}")
}

/// `newsterm feeds`: each feed of the library, its stories and its last fetch.
pub(super) fn feeds(args: &Feeds) -> Result<(), Failure> {
    let (_, urls) = subscriptions()?;
    let path = library_at()?;
    let library = Library::open_read_only(&path).map_err(|e| Failure::Other(e.to_string()))?;
    let known: HashMap<String, crate::library::FeedStatus> = library
        .feeds()
        .map_err(|e| Failure::Other(e.to_string()))?
        .into_iter()
        .map(|f| (f.url.clone(), f))
        .collect();
    let mut out = std::io::stdout().lock();
    let mut write = || -> std::io::Result<()> {
        for sub in urls.feeds() {
            let status = known.get(&sub.url);
            let failing = status.is_some_and(|s| s.failures > 0);
            if args.failed && !failing {
                continue;
            }
            let name = sub
                .name
                .clone()
                .or_else(|| status.and_then(|s| s.title.clone()))
                .unwrap_or_default();
            let state = match status {
                None => "never fetched".to_owned(),
                Some(s) if s.failures > 0 => format!(
                    "FAILED {} time{} in a row{}: {}",
                    s.failures,
                    if s.failures == 1 { "" } else { "s" },
                    s.last_status
                        .map_or(String::new(), |c| format!(" (HTTP {c})")),
                    s.last_error.as_deref().unwrap_or("")
                ),
                Some(_) => "ok".to_owned(),
            };
            writeln!(
                out,
                "{}\t{}\t{}",
                printable(&sub.url),
                crate::text::one_line(&printable(&name)),
                printable(&state)
            )?;
        }
        Ok(())
    };
    to_stdout(write(), |e| e.to_string())
}

/// `newsterm export --bundle`: the library's stories (those of the feeds tagged `tag`, if
/// given) as one bundle, to `output` (atomically) or standard output.
pub(super) fn export_bundle(output: Option<&Path>, tag: Option<&str>) -> Result<(), Failure> {
    let (_, urls) = subscriptions()?;
    let (mut feeds, names, _) = feeds_of(&urls);
    if let Some(tag) = tag {
        feeds = urls
            .feeds()
            .filter(|s| s.tags.iter().any(|t| t == tag))
            .map(|s| s.url.clone())
            .collect();
        if feeds.is_empty() {
            return Err(Failure::Argument(format!(
                "no subscription is tagged {:?}",
                printable(tag)
            )));
        }
    }
    let path = library_at()?;
    let library = Library::open_read_only(&path).map_err(|e| Failure::Other(e.to_string()))?;
    let name = |url: &str| names.get(url).cloned();
    let selection = if tag.is_some() {
        Selection::Feeds(&feeds)
    } else {
        Selection::All
    };
    let assembled = library
        .assemble(selection, &name)
        .map_err(|e| Failure::Other(e.to_string()))?;
    match output {
        Some(file) if file.as_os_str() != "-" => {
            crate::atomic::replace_with(file, &assembled.bytes).map_err(|e| {
                Failure::Other(format!(
                    "{}: cannot write: {e}",
                    printable(&file.display().to_string())
                ))
            })
        }
        _ => to_stdout(std::io::stdout().lock().write_all(&assembled.bytes), |e| {
            format!("cannot write: {e}")
        }),
    }
}
