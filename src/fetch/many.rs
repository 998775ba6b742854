//! Several addresses fetched at once, within one deadline for the whole set: a few worker
//! threads take the addresses in turn, and whatever has not come back when
//! [`Options::timeout`] has passed since the start is reported as timed out. The caller gets
//! one result per address, in the order given, whatever order they finished in.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use super::{FetchError, Fetched, Options, fetch};

/// The most fetches running at once: enough for every list of feeds people keep, few enough
/// that a long list does not open hundreds of connections together.
pub const AT_ONCE: usize = 8;

/// How far a set of fetches has got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// How many have ended (with a body or an error).
    pub done: usize,
    /// How many there are.
    pub of: usize,
    /// Body bytes received so far, from all of them.
    pub bytes: u64,
}

/// What a worker reports.
enum Report {
    /// Address `i` has sent this many bytes of its body so far.
    Bytes(usize, u64),
    /// Address `i` is done.
    Done(usize, Result<Fetched, FetchError>),
}

/// The addresses and the next one to take, shared by the workers.
struct Queue {
    urls: Vec<String>,
    next: AtomicUsize,
    deadline: Instant,
    options: Options,
}

/// Fetches every address in `urls` ([`fetch`] each), at most [`AT_ONCE`] at a time, all
/// within one [`Options::timeout`] counted from now. `progress` is called on this thread
/// as bodies arrive and fetches end. The results are in the order of `urls`;
/// an address still unanswered at the deadline is a [`FetchError::Timeout`].
///
/// Workers still waiting at the deadline are left to end by their own time limit (what
/// was left of the deadline when they started); nothing waits for them.
pub fn fetch_all(
    urls: &[String],
    options: &Options,
    progress: &mut dyn FnMut(Progress),
) -> Vec<Result<Fetched, FetchError>> {
    let mut results: Vec<Option<Result<Fetched, FetchError>>> = urls.iter().map(|_| None).collect();
    fetch_each(urls, options, progress, &mut |i, result| {
        if let Some(slot) = results.get_mut(i) {
            *slot = Some(result);
        }
    });
    results
        .into_iter()
        .zip(urls)
        .map(|(result, url)| result.unwrap_or_else(|| Err(timed_out(url, options.timeout))))
        .collect()
}

/// As [`fetch_all`], but hands each result to `each` (with its index in `urls`) on this
/// thread as soon as it comes, so that what is done with one overlaps the fetching of the
/// rest; the ones unanswered at the deadline come last. `each` is called once per address.
pub fn fetch_each(
    urls: &[String],
    options: &Options,
    progress: &mut dyn FnMut(Progress),
    each: &mut dyn FnMut(usize, Result<Fetched, FetchError>),
) {
    if urls.is_empty() {
        return;
    }
    let deadline = Instant::now() + options.timeout;
    let queue = Arc::new(Queue {
        urls: urls.to_vec(),
        next: AtomicUsize::new(0),
        deadline,
        options: options.clone(),
    });
    let (tx, rx) = mpsc::channel();
    // A worker that cannot be started leaves its share to the others; when none can, the
    // fetches run here, one after another, each still within what is left of the deadline.
    let started = (0..AT_ONCE.min(urls.len()))
        .filter(|_| {
            let (queue, tx) = (Arc::clone(&queue), tx.clone());
            std::thread::Builder::new()
                .name("fetch".into())
                .spawn(move || work(&queue, &tx))
                .is_ok()
        })
        .count();
    if started == 0 {
        work(&queue, &tx);
    }
    drop(tx);
    let mut answered = vec![false; urls.len()];
    let mut bytes = vec![0; urls.len()];
    let mut done = 0;
    // Said at once: the wait may be for the network.
    progress(Progress {
        done,
        of: urls.len(),
        bytes: 0,
    });
    while done < urls.len() {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(Report::Bytes(i, got)) => {
                if let Some(slot) = bytes.get_mut(i) {
                    *slot = got;
                }
            }
            Ok(Report::Done(i, result)) => {
                if let Some(slot) = answered.get_mut(i)
                    && !*slot
                {
                    *slot = true;
                    done += 1;
                    each(i, result);
                }
            }
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => break,
        }
        progress(Progress {
            done,
            of: urls.len(),
            bytes: bytes.iter().sum(),
        });
    }
    for (i, url) in urls.iter().enumerate() {
        if answered.get(i) == Some(&false) {
            each(i, Err(timed_out(url, options.timeout)));
        }
    }
}

/// Takes addresses from the queue until it is empty, reporting each.
fn work(queue: &Queue, tx: &Sender<Report>) {
    // The receiver is gone once the deadline has passed: what comes later is not wanted.
    let send = |report| {
        let _ = tx.send(report);
    };
    loop {
        let i = queue.next.fetch_add(1, Ordering::SeqCst);
        let Some(url) = queue.urls.get(i) else {
            return;
        };
        let left = queue.deadline.saturating_duration_since(Instant::now());
        let result = if left.is_zero() {
            Err(timed_out(url, queue.options.timeout))
        } else {
            let options = Options {
                timeout: left,
                ..queue.options.clone()
            };
            fetch(url, &options, &mut |bytes| send(Report::Bytes(i, bytes)))
                // What was left of the deadline is not the limit the user set: the message
                // names the whole deadline.
                .map_err(|e| match e {
                    FetchError::Timeout { url, .. } => timed_out(&url, queue.options.timeout),
                    other => other,
                })
        };
        send(Report::Done(i, result));
    }
}

fn timed_out(url: &str, after: Duration) -> FetchError {
    FetchError::Timeout {
        url: url.to_owned(),
        after,
    }
}
