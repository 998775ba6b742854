//! `r` in the background: the sources are read again on a worker thread while the loop keeps
//! answering keys and signals. The worker never touches the terminal: it hands its
//! [`Outcome`] back through a channel and wakes the loop with a byte on a socket the loop
//! polls beside the terminal. Nothing waits for it: quitting, or a signal that ends
//! newsterm, ends the process and the worker with it.

use std::io::{self, Read, Write};
use std::os::unix::net::UnixStream;
use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::app::Outcome;
use crate::bundle::LoadError;

/// Why `r` does nothing when a source was standard input.
pub const STDIN_ONCE: &str = "standard input cannot be read again: nothing reloaded";

/// The name of the worker thread.
pub const WORKER: &str = "reload";

/// What the stories were read from, to read again at `r` (none: the sample).
#[derive(Clone)]
struct Sources {
    sources: Vec<String>,
    fetch: crate::fetch::Options,
}

impl Sources {
    /// The stories as they are now, or why not (the reader keeps what it has). A source
    /// that fails while others open is told too.
    fn read(&self) -> Outcome {
        if self.sources.is_empty() {
            return match crate::bundle::sample() {
                Ok(bundle) => Outcome::Reloaded {
                    bundle: Box::new(bundle),
                    failed: None,
                },
                Err(e) => Outcome::ReloadFailed(e),
            };
        }
        let crate::feed::Opened { bundle, failed, .. } =
            crate::feed::open_all(&self.sources, &self.fetch, &mut |_| {});
        let mut failed = failed.into_iter();
        match (bundle, failed.next()) {
            (Some(bundle), failed) => Outcome::Reloaded {
                bundle: Box::new(bundle),
                failed,
            },
            (None, Some(error)) => Outcome::ReloadFailed(error),
            // Not reached with sources given: each one opens or fails.
            (None, None) => Outcome::Notice("nothing to reload".into()),
        }
    }
}

/// Reads the sources again for `r`, one reload at a time.
pub struct Reloader {
    sources: Sources,
    /// Where the running reload's result comes, if one runs.
    running: Option<Receiver<Outcome>>,
    /// Readable once a worker has finished; the loop polls it.
    pub wake: UnixStream,
    /// The other end, a copy of which each worker rings.
    ring: UnixStream,
}

impl Reloader {
    pub fn new(sources: Vec<String>, fetch: crate::fetch::Options) -> io::Result<Self> {
        let (wake, ring) = UnixStream::pair()?;
        wake.set_nonblocking(true)?;
        ring.set_nonblocking(true)?;
        Ok(Reloader {
            sources: Sources { sources, fetch },
            running: None,
            wake,
            ring,
        })
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
        if self.sources.sources.iter().any(|s| s == "-") {
            return Outcome::Notice(STDIN_ONCE.into());
        }
        let (tx, rx) = mpsc::channel();
        let sources = self.sources.clone();
        let spawned = self.ring.try_clone().and_then(|ring| {
            std::thread::Builder::new()
                .name(WORKER.into())
                .spawn(move || {
                    let outcome =
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| sources.read()))
                            .unwrap_or_else(|_| stopped(&sources.sources));
                    // The loop may be gone (quitting does not wait): nothing to tell then.
                    let _ = tx.send(outcome);
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

    /// The running reload's result, if it has come; the loop asks when [`Reloader::wake`]
    /// is readable.
    pub fn finished(&mut self) -> Option<Outcome> {
        let mut buf = [0u8; 64];
        while matches!((&self.wake).read(&mut buf), Ok(n) if n > 0) {}
        let result = self.running.as_ref()?.try_recv();
        match result {
            Ok(outcome) => {
                self.running = None;
                Some(outcome)
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                self.running = None;
                Some(stopped(&self.sources.sources))
            }
        }
    }
}

/// The outcome of a worker that stopped without a result.
fn stopped(sources: &[String]) -> Outcome {
    let file = sources.first().map_or("the sample".into(), |s| {
        crate::text::printable(s).into_owned()
    });
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
        Reloader::new(sources, crate::fetch::Options::default()).unwrap_or_else(|e| {
            panic!("a socket pair: {e}");
        })
    }

    /// Waits for the worker's result as the loop does: polling the wake-up socket.
    fn result(reloader: &mut Reloader) -> Outcome {
        use rustix::event::{PollFd, PollFlags, poll};
        loop {
            let mut fds = [PollFd::new(&reloader.wake, PollFlags::IN)];
            let _ = poll(&mut fds, None);
            if let Some(outcome) = reloader.finished() {
                return outcome;
            }
        }
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
            Outcome::Reloaded { bundle, failed } => {
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
}
