//! The subscription commands: `add`, `remove`, `import` and `export`, and `--check` of the
//! subscriptions file. Each edit of the file is a whole new file put in place at once, with
//! its comments and every line newsterm does not use kept.

use std::io::Write;
use std::path::PathBuf;

use super::{Args, Command, Failure, fetch_options, to_stdout};
use crate::feed::sniff::{ContentFormat, content_format};
use crate::subs::{SubsError, Subscription, UrlsFile, discover, file_name, opml, urls_path};
use crate::text::printable;

/// `newsterm add`: where a feed is to be found, and its tags.
#[derive(Debug, clap::Args)]
pub struct Add {
    /// An http:// or https:// address: a feed, or a web page naming feeds in its
    /// `<link rel="alternate">`, the first of which is added.
    #[arg(value_name = "URL")]
    pub url: String,
    /// Tags for the feed, as newsboat's (`"~Name"` names it).
    #[arg(value_name = "TAG")]
    pub tags: Vec<String>,
    /// Give up on the address after this many seconds (default 30).
    #[arg(long, value_name = "SECONDS", value_parser = super::parse_seconds)]
    pub timeout: Option<f64>,
}

/// `newsterm remove`.
#[derive(Debug, clap::Args)]
pub struct Remove {
    /// The feed's address as the subscriptions file has it; its line is removed, the rest
    /// of the file kept as it is.
    #[arg(value_name = "URL")]
    pub url: String,
}

/// `newsterm import`.
#[derive(Debug, clap::Args)]
pub struct Import {
    /// OPML (1.0 or 2.0) or newsboat's urls file, told by content; `-` for standard input.
    /// The feeds not subscribed yet are added.
    #[arg(value_name = "FILE")]
    pub file: String,
}

/// `newsterm export`: OPML to standard output (the subscriptions' tags as folders), or with
/// `--bundle` the library's stories as an article bundle.
#[derive(Debug, clap::Args)]
pub struct Export {
    /// Write the library's stories as an article bundle instead of the subscriptions.
    #[arg(long)]
    pub bundle: bool,
    /// With --bundle: the file to write (`-` or none for standard output), replaced whole.
    #[arg(short, long, value_name = "FILE", requires = "bundle")]
    pub output: Option<std::path::PathBuf>,
    /// With --bundle: only the stories of the feeds with this tag.
    #[arg(value_name = "TAG", requires = "bundle")]
    pub tag: Option<String>,
}

/// Carries out a subscription command, or `--check` of the subscriptions file; `None` for
/// anything else.
pub(super) fn run(args: &Args) -> Option<Result<(), Failure>> {
    Some(match &args.command {
        Some(Command::Add(add_args)) => add(add_args),
        Some(Command::Remove(Remove { url })) => remove(url),
        Some(Command::Import(Import { file })) => import(file),
        Some(Command::Export(Export {
            bundle: true,
            output,
            tag,
        })) => super::library::export_bundle(output.as_deref(), tag.as_deref()),
        Some(Command::Export(Export { .. })) => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            export_opml(&mut out).and_then(|()| to_stdout(out.flush(), |e| e.to_string()))
        }
        None if args.check && args.sources.is_empty() => return check_urls(),
        _ => return None,
    })
}

/// `--check` without sources: the subscriptions file's lines newsterm keeps but does not use,
/// and a summary. `None` when there is no subscriptions file (the sample is checked then).
fn check_urls() -> Option<Result<(), Failure>> {
    let path = urls_path(|name| std::env::var(name).ok())?;
    std::fs::symlink_metadata(&path).ok()?;
    let file = match UrlsFile::load(&path) {
        Ok(file) => file,
        Err(e) => return Some(Err(failure(e))),
    };
    let mut report = String::new();
    for unused in file.unused() {
        report.push_str(&format!(
            "urls:{}: kept, not used: {}\n",
            unused.line, unused.reason
        ));
    }
    let (feeds, kept) = (file.feeds().count(), file.unused().len());
    let queries = file.queries().count();
    let queries = match queries {
        0 => String::new(),
        1 => ", 1 query feed".to_owned(),
        n => format!(", {n} query feeds"),
    };
    report.push_str(&format!(
        "urls: ok: {feeds} feed{}{queries}, {kept} line{} kept\n",
        if feeds == 1 { "" } else { "s" },
        if kept == 1 { "" } else { "s" },
    ));
    Some(say(&report))
}

/// Writes the subscriptions as OPML 2.0 to `out`.
pub(super) fn export_opml(out: &mut impl Write) -> Result<(), Failure> {
    let file = UrlsFile::load(&path()?).map_err(failure)?;
    to_stdout(opml::write(file.subscriptions(), out), |e| e.to_string())
}

/// `newsterm add URL [TAG...]`: the address fetched; a feed is added, a page's feeds found.
fn add(Add { url, tags, timeout }: &Add) -> Result<(), Failure> {
    let shown = printable(url);
    let web = crate::feed::open::is_url(url) && url::Url::parse(url).is_ok();
    if !web {
        return Err(Failure::Argument(format!(
            "{shown}: only http:// and https:// addresses can be added"
        )));
    }
    let path = path()?;
    let mut file = UrlsFile::load(&path).map_err(failure)?;
    if file.contains(url) {
        return say(&format!("{shown}: already subscribed\n"));
    }
    let fetched = crate::fetch::fetch(url, &fetch_options(false, *timeout), &mut |_| {})
        .map_err(|e| Failure::Other(e.to_string()))?;
    let subscribe = |feed: &str| Subscription {
        url: feed.to_owned(),
        tags: tags.to_vec(),
        name: None,
    };
    if crate::feed::parse::feed_doc(&fetched.bytes, Some(&fetched.url)).is_ok() {
        file.add(subscribe(url));
        file.save(&path).map_err(failure)?;
        return say(&format!("added {shown}\n"));
    }
    let page = String::from_utf8_lossy(&fetched.bytes);
    let found = discover::feed_links(&page, &fetched.url);
    let Some(first) = found.first() else {
        return Err(Failure::Argument(format!(
            "{shown}: not a feed, and the page names none (<link rel=\"alternate\">)"
        )));
    };
    let mut report = String::new();
    if found.len() > 1 {
        report.push_str(&format!("{shown} names {} feeds:\n", found.len()));
        for (i, feed) in found.iter().enumerate() {
            report.push_str(&format!("  {}. {}\n", i + 1, printable(feed)));
        }
    }
    let first_shown = printable(first);
    if file.add(subscribe(first)) {
        file.save(&path).map_err(failure)?;
        report.push_str(&format!("added {first_shown} (found on {shown})\n"));
    } else {
        report.push_str(&format!(
            "{first_shown}: already subscribed (found on {shown})\n"
        ));
    }
    if let Some(other) = found.get(1) {
        report.push_str(&format!(
            "to take another: newsterm remove {first_shown} && newsterm add {}\n",
            printable(other)
        ));
    }
    say(&report)
}

/// `newsterm remove URL`.
fn remove(url: &str) -> Result<(), Failure> {
    let path = path()?;
    let mut file = UrlsFile::load(&path).map_err(failure)?;
    if !file.remove(url) {
        return Err(Failure::Argument(format!(
            "{}: not subscribed (in {})",
            printable(url),
            file_name(&path)
        )));
    }
    file.save(&path).map_err(failure)?;
    say(&format!("removed {}\n", printable(url)))
}

/// `newsterm import FILE`: OPML, or a newsboat `urls` file (told by content: not XML).
fn import(source: &str) -> Result<(), Failure> {
    let name = if source == "-" {
        "standard input".to_owned()
    } else {
        printable(source).into_owned()
    };
    let bytes = if source == "-" {
        crate::limits::read_capped(std::io::stdin().lock(), crate::limits::MOST_READ)
    } else {
        // A file named by the user may be a pipe (`<(…)`): read once, within the bound.
        std::fs::File::open(source)
            .and_then(|f| crate::limits::read_capped(f, crate::limits::MOST_READ))
    }
    .map_err(|e| Failure::Other(format!("{name}: cannot read: {e}")))?;
    let incoming = if content_format(&bytes) == ContentFormat::Xml {
        let subs = opml::read(&bytes).map_err(|e| {
            failure(match e.line {
                Some(line) => SubsError::Invalid {
                    file: name.clone(),
                    line,
                    what: e.what,
                },
                None => SubsError::NotOpml {
                    file: name.clone(),
                    what: e.what,
                },
            })
        })?;
        let mut incoming = UrlsFile::default();
        for sub in subs {
            incoming.add(sub);
        }
        incoming
    } else {
        UrlsFile::from_bytes(&bytes).map_err(|line| {
            failure(SubsError::Invalid {
                file: name.clone(),
                line,
                what: "not UTF-8 text".to_owned(),
            })
        })?
    };
    let path = path()?;
    let mut file = UrlsFile::load(&path).map_err(failure)?;
    let merged = file.merge(&incoming);
    // Lines, but not one a subscription: not a list of feeds at all.
    if merged.added + merged.already == 0
        && let Some(first) = incoming.unused().first()
    {
        return Err(Failure::Argument(format!(
            "{name}:{}: neither OPML nor a feed line of newsboat's urls file",
            first.line
        )));
    }
    if merged.added > 0 {
        file.save(&path).map_err(failure)?;
    }
    say(&format!(
        "imported {name}: {} added, {} already there\n",
        merged.added, merged.already
    ))
}

/// The subscriptions file's place.
fn path() -> Result<PathBuf, Failure> {
    urls_path(|name| std::env::var(name).ok()).ok_or_else(|| {
        Failure::Other("no place for the subscriptions file: set HOME or XDG_CONFIG_HOME".into())
    })
}

/// A mistake in a file is status 2; failing to read or write one, status 1.
fn failure(e: SubsError) -> Failure {
    if e.is_mistake() {
        Failure::Argument(e.to_string())
    } else {
        Failure::Other(e.to_string())
    }
}

/// `text` on standard output.
fn say(text: &str) -> Result<(), Failure> {
    let written = std::io::stdout().lock().write_all(text.as_bytes());
    to_stdout(written, |e| e.to_string())
}
