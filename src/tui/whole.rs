//! `f` on worker threads: each whole article is read (from the library, or fetched and
//! extracted) on its own thread, which hands the result back through a channel and wakes the
//! loop on the reload worker's socket. Nothing waits for them: quitting ends them.

use std::io::Write;
use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};

use crate::app::Outcome;

/// The name of the worker threads.
const WORKER: &str = "whole";

/// Reads whole articles for the app.
pub struct WholeReader {
    tx: Sender<Outcome>,
    rx: Receiver<Outcome>,
    /// Rung when a result is sent.
    ring: UnixStream,
    fetch: crate::fetch::Options,
    /// The library the articles are kept in (none: they are fetched every time).
    library: Option<PathBuf>,
}

impl WholeReader {
    pub fn new(ring: UnixStream, fetch: crate::fetch::Options, library: Option<PathBuf>) -> Self {
        let (tx, rx) = mpsc::channel();
        WholeReader {
            tx,
            rx,
            ring,
            fetch,
            library,
        }
    }

    /// Starts reading story `id`'s whole article from `url`; `None` once it runs, else what
    /// went wrong.
    pub fn start(&self, id: String, url: String) -> Option<Outcome> {
        let tx = self.tx.clone();
        let ring = match self.ring.try_clone() {
            Ok(ring) => ring,
            Err(e) => return Some(failed(id, &e.to_string())),
        };
        let fetch = self.fetch.clone();
        let library = self.library.clone();
        let failed_id = id.clone();
        let spawned = std::thread::Builder::new()
            .name(WORKER.into())
            .spawn(move || {
                let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let mut kept = library
                        .as_deref()
                        .and_then(|p| crate::library::Library::open(p).ok())
                        .filter(|l| !l.is_read_only());
                    let now = crate::library::now_secs();
                    crate::article::whole_article(&url, &fetch, kept.as_mut(), now)
                        .map(|(article, _)| Box::new(article))
                        .map_err(|e| e.to_string())
                }))
                .unwrap_or_else(|_| Err("reading stopped unexpectedly".into()));
                let _ = tx.send(Outcome::WholeArticle { id, read });
                let _ = (&ring).write_all(&[1]);
            });
        match spawned {
            Ok(_) => None,
            Err(e) => Some(failed(failed_id, &e.to_string())),
        }
    }

    /// A result that has come, if one has.
    pub fn finished(&self) -> Option<Outcome> {
        self.rx.try_recv().ok()
    }
}

fn failed(id: String, why: &str) -> Outcome {
    Outcome::WholeArticle {
        id,
        read: Err(why.to_owned()),
    }
}
