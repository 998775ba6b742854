//! `r` in the background: the sources are read again on a worker thread while the loop keeps
//! answering keys and signals. The worker never touches the terminal: it hands its
//! [`Outcome`] back through a channel and wakes the loop with a byte on a socket the loop
//! polls beside the terminal. Nothing waits for it: quitting, or a signal that ends
//! newsterm, ends the process and the worker with it.

use std::io::{self, Read, Write};
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::app::Outcome;
use crate::bundle::LoadError;

/// Why `r` does nothing when a source was standard input.
pub const STDIN_ONCE: &str = "standard input cannot be read again: nothing reloaded";

/// The name of the worker thread.
pub const WORKER: &str = "reload";

/// Lowers the calling worker thread's priority (and that of the threads it starts, which
/// inherit it: the fetchers, the storing): on a machine with few cores the reader's keys
/// come first. On Linux a nice value belongs to a thread; elsewhere this may lower the whole
/// process, which only makes it kinder to others.
fn lower_priority() {
    let _ = rustix::process::setpriority_process(None, 10);
}

/// What the reader starts in the background as it opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum AtStart {
    #[default]
    Nothing,
    /// `r` at once: a library never refreshed yet.
    Refresh,
    /// The library's whole list: the first screen was shown from its newest stories only.
    ReadTheRest,
}

/// What `r` does: read the sources named again, or refresh the library's feeds.
#[derive(Clone, Debug)]
pub enum Job {
    /// The stories were read from these (none: the sample).
    Sources {
        sources: Vec<String>,
        fetch: crate::fetch::Options,
    },
    Library(LibraryJob),
}

/// A refresh of the library at `path`: its subscriptions fetched and stored, then its
/// stories shown.
#[derive(Clone, Debug)]
pub struct LibraryJob {
    pub path: PathBuf,
    /// The subscriptions file, where `t` in the feed list writes a feed's tags.
    pub urls: PathBuf,
    /// The subscriptions' feed addresses.
    pub feeds: Vec<String>,
    /// The names the subscriptions give their feeds (`"~Name"`), by address.
    pub names: std::sync::Arc<std::collections::HashMap<String, String>>,
    /// The subscriptions' tags, by address.
    pub tags: std::sync::Arc<std::collections::HashMap<String, Vec<String>>>,
    pub fetch: crate::fetch::Options,
}

impl LibraryJob {
    /// Every story of the library and every mark, without refreshing: what follows the
    /// first screen.
    fn whole(&self) -> Outcome {
        let name = |url: &str| self.names.get(url).cloned();
        let read = crate::library::Library::open(&self.path).and_then(|library| {
            let bundle = library.bundle(crate::library::Selection::All, &name)?;
            let memory = library.memory(crate::library::LIBRARY_SCOPE)?;
            Ok((bundle, memory))
        });
        match read {
            Ok((bundle, memory)) => Outcome::Whole {
                bundle: Box::new(bundle),
                memory: Box::new(memory),
            },
            Err(e) => Outcome::Notice(format!("only the newest stories shown: {e}")),
        }
    }

    /// Refreshes, telling `progress` as feeds are done, and `tell` the subscriptions as
    /// the library has them after it; the library's stories after it.
    fn run(&self, progress: &dyn Fn(usize, usize), tell: &dyn Fn(Outcome)) -> Outcome {
        let mut library = match crate::library::Library::open(&self.path) {
            Ok(library) => library,
            Err(e) => return Outcome::Notice(format!("not refreshed: {e}")),
        };
        let now = crate::library::now_secs();
        let mut last = usize::MAX;
        let whole = |url: &str| {
            self.tags
                .get(url)
                .is_some_and(|t| crate::refresh::reads_whole(t))
        };
        let report = crate::refresh::refresh_reading_whole(
            &mut library,
            &self.feeds,
            &whole,
            &self.fetch,
            now,
            &mut |p| {
                if p.done != last {
                    last = p.done;
                    progress(p.done, p.of);
                }
            },
        );
        let name = |url: &str| self.names.get(url).cloned();
        let tags = |url: &str| self.tags.get(url).cloned().unwrap_or_default();
        if let Ok(feeds) = library.feed_list(&self.feeds, &name, &tags) {
            tell(Outcome::Feeds(feeds));
        }
        match library.bundle(crate::library::Selection::All, &name) {
            Ok(bundle) => Outcome::Reloaded {
                bundle: Box::new(bundle),
                failed: None,
                summary: Some(report.summary()),
            },
            Err(e) => Outcome::Notice(format!("{}; cannot show: {e}", report.summary())),
        }
    }
}

impl Job {
    /// How the job's sources are fetched, which a story's page is fetched by too.
    fn fetch_options(&self) -> crate::fetch::Options {
        match self {
            Job::Sources { fetch, .. } => fetch.clone(),
            Job::Library(job) => job.fetch.clone(),
        }
    }

    fn name(&self) -> String {
        match self {
            Job::Sources { sources, .. } => sources.first().map_or("the sample".into(), |s| {
                crate::text::printable(s).into_owned()
            }),
            Job::Library(job) => {
                crate::text::printable(&job.path.display().to_string()).into_owned()
            }
        }
    }

    fn run(&self, progress: &dyn Fn(usize, usize), tell: &dyn Fn(Outcome)) -> Outcome {
        match self {
            Job::Sources { sources, fetch } => read_sources(sources, fetch),
            Job::Library(job) => job.run(progress, tell),
        }
    }
}

/// What a worker sends: how far it has got, what else the app is to know, then its result.
enum Message {
    Progress(usize, usize),
    Also(Outcome),
    Done(Outcome),
}

struct Sources<'a> {
    sources: &'a [String],
    fetch: &'a crate::fetch::Options,
}

fn read_sources(sources: &[String], fetch: &crate::fetch::Options) -> Outcome {
    Sources { sources, fetch }.read()
}

impl Sources<'_> {
    /// The stories as they are now, or why not (the reader keeps what it has). A source
    /// that fails while others open is told too.
    fn read(&self) -> Outcome {
        if self.sources.is_empty() {
            return match crate::bundle::sample() {
                Ok(bundle) => Outcome::Reloaded {
                    bundle: Box::new(bundle),
                    failed: None,
                    summary: None,
                },
                Err(e) => Outcome::ReloadFailed(e),
            };
        }
        let crate::feed::Opened { bundle, failed, .. } =
            crate::feed::open_all(self.sources, self.fetch, &mut |_| {});
        let mut failed = failed.into_iter();
        match (bundle, failed.next()) {
            (Some(bundle), failed) => Outcome::Reloaded {
                bundle: Box::new(bundle),
                failed,
                summary: None,
            },
            (None, Some(error)) => Outcome::ReloadFailed(error),
            // Not reached with sources given: each one opens or fails.
            (None, None) => Outcome::Notice("nothing to reload".into()),
        }
    }
}

/// Reads the sources again for `r`, one reload at a time.
pub struct Reloader {
    job: Job,
    /// Where the running reload's progress and result come, if one runs.
    running: Option<Receiver<Message>>,
    /// Readable once a worker has finished; the loop polls it.
    pub wake: UnixStream,
    /// The other end, a copy of which each worker rings.
    ring: UnixStream,
    /// Refresh on a timer, this often (`refresh_minutes`).
    every: Option<std::time::Duration>,
    /// When the last reload started (or the reader did).
    last_start: std::time::Instant,
    /// Where the library's whole list comes, while it is read after the first screen.
    rest: Option<Receiver<Outcome>>,
    /// Reads whole articles (`f`), waking the loop on the same socket.
    whole: super::whole::WholeReader,
}

impl Reloader {
    pub fn new(job: Job) -> io::Result<Self> {
        let (wake, ring) = UnixStream::pair()?;
        wake.set_nonblocking(true)?;
        ring.set_nonblocking(true)?;
        let whole = super::whole::WholeReader::new(ring.try_clone()?, job.fetch_options(), None);
        Ok(Reloader {
            job,
            running: None,
            wake,
            ring,
            every: None,
            last_start: std::time::Instant::now(),
            rest: None,
            whole,
        })
    }

    /// Gives the feed at `url` the tags `tags` in the subscriptions file, and in the
    /// subscriptions the next refresh lists: what the app is to know of it. The file is
    /// read again first, so that what another program wrote there meanwhile is kept.
    pub fn tag_feed(&mut self, url: &str, tags: &[String]) -> Outcome {
        let Job::Library(job) = &mut self.job else {
            return Outcome::Notice("Tags not saved: there is no subscriptions file.".into());
        };
        let saved = crate::subs::UrlsFile::load(&job.urls).and_then(|mut file| {
            let written = file.set_tags(url, tags);
            if written.is_some() {
                file.save(&job.urls)?;
            }
            Ok(written)
        });
        match saved {
            Ok(Some(written)) => {
                std::sync::Arc::make_mut(&mut job.tags).insert(url.to_owned(), written.clone());
                Outcome::FeedTags {
                    url: url.to_owned(),
                    tags: written,
                }
            }
            Ok(None) => Outcome::Notice(format!(
                "Tags not saved: {} no longer subscribes to {}.",
                crate::text::printable(&job.urls.display().to_string()),
                crate::text::printable(url)
            )),
            Err(e) => Outcome::Notice(format!("Tags not saved: {e}")),
        }
    }

    /// Keeps the whole articles read in the library at `library` (none: never kept).
    pub fn keeping_whole(mut self, library: Option<PathBuf>) -> io::Result<Self> {
        let fetch = self.job.fetch_options();
        self.whole = super::whole::WholeReader::new(self.ring.try_clone()?, fetch, library);
        Ok(self)
    }

    /// Starts reading story `id`'s whole article from `url`: what the app is told now, if
    /// anything ([`Reloader::finished`] brings the article).
    pub fn read_whole(&self, id: String, url: String) -> Option<Outcome> {
        self.whole.start(id, url)
    }

    /// Reloads on a timer too, every `every`.
    pub fn every(mut self, every: Option<std::time::Duration>) -> Self {
        self.every = every;
        self
    }

    /// Whether the timer says to reload now (none runs, and the time has come).
    pub fn due(&self) -> bool {
        self.running.is_none() && self.every.is_some_and(|e| self.last_start.elapsed() >= e)
    }

    /// Starts reading the sources again: what the app is told now. [`Outcome::Reloading`]
    /// means a worker reads them (or already did, if one was running) and
    /// [`Reloader::finished`] brings the result; anything else is the whole answer.
    pub fn start(&mut self) -> Outcome {
        if self.running.is_some() {
            return Outcome::Reloading;
        }
        // What came on standard input was read to its end once; reading it again would only
        // find nothing and call the stories empty.
        if let Job::Sources { sources, .. } = &self.job
            && sources.iter().any(|s| s == "-")
        {
            return Outcome::Notice(STDIN_ONCE.into());
        }
        self.last_start = std::time::Instant::now();
        let (tx, rx) = mpsc::channel();
        let job = self.job.clone();
        let spawned = self.ring.try_clone().and_then(|ring| {
            std::thread::Builder::new()
                .name(WORKER.into())
                .spawn(move || {
                    lower_priority();
                    let progress = |done, of| {
                        let _ = tx.send(Message::Progress(done, of));
                        let _ = (&ring).write_all(&[1]);
                    };
                    let tell = |outcome| {
                        let _ = tx.send(Message::Also(outcome));
                        let _ = (&ring).write_all(&[1]);
                    };
                    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        job.run(&progress, &tell)
                    }))
                    .unwrap_or_else(|_| stopped(&job.name()));
                    // The loop may be gone (quitting does not wait): nothing to tell then.
                    let _ = tx.send(Message::Done(outcome));
                    let _ = (&ring).write_all(&[1]);
                })
        });
        match spawned {
            Ok(_) => {
                self.running = Some(rx);
                Outcome::Reloading
            }
            Err(e) => Outcome::Notice(format!("cannot reload: {e}")),
        }
    }

    /// Reads the library's whole list on a worker, after a first screen of its newest
    /// stories: [`Reloader::finished`] brings it as [`Outcome::Whole`].
    pub fn read_the_rest(&mut self) -> io::Result<()> {
        let Job::Library(job) = &self.job else {
            return Ok(());
        };
        let job = job.clone();
        let (tx, rx) = mpsc::channel();
        let ring = self.ring.try_clone()?;
        std::thread::Builder::new()
            .name(WORKER.into())
            .spawn(move || {
                lower_priority();
                let outcome =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job.whole()))
                        .unwrap_or_else(|_| {
                            Outcome::Notice("only the newest stories shown".into())
                        });
                let _ = tx.send(outcome);
                let _ = (&ring).write_all(&[1]);
            })?;
        self.rest = Some(rx);
        Ok(())
    }

    /// The running reload's result, if it has come (the loop asks until there is nothing
    /// more); the loop asks when [`Reloader::wake`]
    /// is readable.
    /// A refresh's progress comes the same way, as [`Outcome::Refreshing`], the latest
    /// only.
    pub fn finished(&mut self) -> Option<Outcome> {
        let mut buf = [0u8; 64];
        while matches!((&self.wake).read(&mut buf), Ok(n) if n > 0) {}
        if let Some(outcome) = self.whole.finished() {
            return Some(outcome);
        }
        if let Some(rest) = &self.rest {
            match rest.try_recv() {
                Ok(outcome) => {
                    self.rest = None;
                    return Some(outcome);
                }
                Err(TryRecvError::Disconnected) => self.rest = None,
                Err(TryRecvError::Empty) => {}
            }
        }
        let mut progress = None;
        loop {
            let result = self.running.as_ref()?.try_recv();
            match result {
                Ok(Message::Progress(done, of)) => {
                    progress = Some(Outcome::Refreshing { done, of });
                }
                Ok(Message::Also(outcome)) => return Some(outcome),
                Ok(Message::Done(outcome)) => {
                    self.running = None;
                    // A refresh's list is newer than the first screen's rest.
                    if matches!(outcome, Outcome::Reloaded { .. }) {
                        self.rest = None;
                    }
                    return Some(outcome);
                }
                Err(TryRecvError::Empty) => return progress,
                Err(TryRecvError::Disconnected) => {
                    self.running = None;
                    return Some(stopped(&self.job.name()));
                }
            }
        }
    }
}

/// The outcome of a worker that stopped without a result.
fn stopped(file: &str) -> Outcome {
    let file = file.to_owned();
    Outcome::ReloadFailed(LoadError::Read {
        file,
        source: io::Error::other("reading stopped unexpectedly"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reloader(sources: &[&str]) -> Reloader {
        let sources = sources.iter().map(|s| (*s).to_owned()).collect();
        let job = Job::Sources {
            sources,
            fetch: crate::fetch::Options::default(),
        };
        Reloader::new(job).unwrap_or_else(|e| {
            panic!("a socket pair: {e}");
        })
    }

    /// Waits for the worker's result as the loop does: polling the wake-up socket.
    fn result(reloader: &mut Reloader) -> Outcome {
        use rustix::event::{PollFd, PollFlags, poll};
        loop {
            let mut fds = [PollFd::new(&reloader.wake, PollFlags::IN)];
            let _ = poll(&mut fds, None);
            match reloader.finished() {
                Some(Outcome::Refreshing { .. }) | None => {}
                Some(outcome) => return outcome,
            }
        }
    }

    #[test]
    fn a_timer_asks_for_a_reload_only_when_none_runs() {
        assert!(!reloader(&[]).due(), "no timer, never due");
        let mut timed = reloader(&[]).every(Some(std::time::Duration::ZERO));
        assert!(timed.due());
        assert!(matches!(timed.start(), Outcome::Reloading));
        assert!(!timed.due(), "one reload at a time");
        let _ = result(&mut timed);
        assert!(timed.due());
        let hourly = reloader(&[]).every(Some(std::time::Duration::from_secs(3600)));
        assert!(!hourly.due(), "the time has not come");
    }

    #[test]
    fn standard_input_is_not_read_again() {
        match reloader(&["-"]).start() {
            Outcome::Notice(text) => assert_eq!(text, STDIN_ONCE),
            other => panic!("expected a notice, got {other:?}"),
        }
    }

    #[test]
    fn the_result_comes_through_the_wake_up_socket() {
        let mut reloader = reloader(&[]);
        assert!(matches!(reloader.start(), Outcome::Reloading));
        match result(&mut reloader) {
            Outcome::Reloaded { bundle, failed, .. } => {
                assert!(!bundle.articles.is_empty());
                assert!(failed.is_none());
            }
            other => panic!("expected the sample, got {other:?}"),
        }
        assert!(reloader.finished().is_none(), "nothing runs any more");
    }

    #[test]
    fn a_source_that_cannot_be_read_fails_the_reload() {
        let dir = crate::scratch::scratch_dir("reload", "missing");
        let missing = dir.join("gone.xml").to_string_lossy().into_owned();
        let mut reloader = reloader(&[&missing]);
        assert!(matches!(reloader.start(), Outcome::Reloading));
        match result(&mut reloader) {
            Outcome::ReloadFailed(e) => assert!(e.to_string().contains("gone.xml"), "{e}"),
            other => panic!("expected a failure, got {other:?}"),
        }
    }

    #[test]
    fn a_feeds_tags_are_written_to_the_subscriptions_file_and_kept_for_the_next_refresh() {
        let dir = crate::scratch::scratch_dir("reload", "tag-feed");
        let urls = dir.join("urls");
        let text = "# mine\nhttps://a.example/feed \"!quiet\" old \"~A\"\nhttps://b.example/feed\n";
        std::fs::write(&urls, text).unwrap();
        let job = LibraryJob {
            path: dir.join("library.db"),
            urls: urls.clone(),
            feeds: vec!["https://a.example/feed".into()],
            names: std::sync::Arc::default(),
            tags: std::sync::Arc::default(),
            fetch: crate::fetch::Options::default(),
        };
        let mut library = Reloader::new(Job::Library(job)).unwrap();
        let tags = ["quiet".to_owned(), "new".to_owned()];
        let outcome = library.tag_feed("https://a.example/feed", &tags);
        assert!(
            matches!(&outcome, Outcome::FeedTags { url, tags }
                if url == "https://a.example/feed" && tags == &["!quiet", "new"]),
            "{outcome:?}"
        );
        assert_eq!(
            std::fs::read_to_string(&urls).unwrap(),
            "# mine\nhttps://a.example/feed !quiet new \"~A\"\nhttps://b.example/feed\n"
        );
        let Job::Library(job) = &library.job else {
            panic!("the library's job");
        };
        assert_eq!(job.tags["https://a.example/feed"], ["!quiet", "new"]);
        let gone = library.tag_feed("https://gone.example/feed", &tags);
        assert!(
            matches!(&gone, Outcome::Notice(n) if n.contains("no longer subscribes")),
            "{gone:?}"
        );
        assert!(matches!(
            reloader(&[]).tag_feed("https://a.example/feed", &tags),
            Outcome::Notice(_)
        ));
    }
}
