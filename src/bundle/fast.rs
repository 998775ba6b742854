//! The fast path of loading: the article spans found by one structural pass, the top level
//! parsed without its articles, each article's headline fields parsed on every core while
//! its body is only checked, and related ids resolved through one index. It declines
//! (`None`) anything wrong or unusual; `load` then runs the full parse, which words the
//! message.

use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use foldhash::HashMap as FastMap;

use super::model::{Article, Bundle, Warning, resolve_related};
use super::raw::{HeadArticle, MAX_DEPTH, Object, RawBundle};
use super::scan::{scan, scan_parallel};
use super::source::Source;

/// The bundle in `source` by the fast path, or `None` when the full parse must read it
/// (which is also how a duplicate id is reported, with its place).
pub(super) fn load(source: &Arc<Source>, progress: &dyn Fn(Progress)) -> Option<Bundle> {
    let bom = if source.starts_with(BOM) {
        BOM.len()
    } else {
        0
    };
    let (top, heads) = parts(&source[bom..], progress)?;
    bundle_of(top, heads, bom, Arc::clone(source))
}

/// How far a load has got, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub bytes: usize,
    pub total: usize,
    pub stories: usize,
}

/// The byte-order mark a bundle may start with.
pub(super) const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Bundles smaller than this are parsed on one thread: starting threads costs more.
const PARALLEL_FROM: usize = 1 << 20;

/// Articles with their headline fields, and each one's related ids still to resolve: a range
/// of `ids`, which borrows them from the file. One flat list rather than a small vector per
/// story: 100,000 allocations fewer, and 12 MB less at the peak.
struct Heads<'a> {
    articles: Vec<Article>,
    related: Vec<Option<Range<usize>>>,
    ids: Vec<&'a str>,
}

/// Loads a bundle by its parts: the whole file is checked to be UTF-8 at SIMD speed (on
/// another core, while one structural pass finds each article's span), the top level is
/// parsed without its articles, and the articles' headline fields are parsed on every core
/// while their bodies are only checked. `None` when anything is wrong or unusual.
fn parts<'a>(bytes: &'a [u8], progress: &dyn Fn(Progress)) -> Option<(RawBundle, Heads<'a>)> {
    let (utf8, spans) = if bytes.len() < PARALLEL_FROM {
        (
            simdutf8::basic::from_utf8(bytes).ok(),
            scan(bytes, MAX_DEPTH),
        )
    } else {
        std::thread::scope(|scope| {
            let utf8 = scope.spawn(|| simdutf8::basic::from_utf8(bytes).ok());
            let spans = scan_parallel(bytes, MAX_DEPTH, PARALLEL_FROM);
            (utf8.join().ok().flatten(), spans)
        })
    };
    let (text, spans) = (utf8?, spans?);
    // The array's brackets are ASCII, so these are character boundaries.
    let top = [&text[..spans.array.start], "[]", &text[spans.array.end..]].concat();
    let Object(top) = serde_json::from_str::<Object<RawBundle>>(&top).ok()?;
    let heads = parse_heads(text, &spans.articles, progress)?;
    Some((top, heads))
}

/// Parses each span's headline fields into place: the articles are allocated once, up front,
/// and each thread fills its own part, so no second copy of them ever exists.
fn parse_heads<'a>(
    text: &'a str,
    spans: &[Range<usize>],
    progress: &dyn Fn(Progress),
) -> Option<Heads<'a>> {
    let mut heads = Heads {
        articles: vec![Article::default(); spans.len()],
        related: vec![None; spans.len()],
        ids: Vec::new(),
    };
    let done = Done::default();
    let parse =
        |spans: &[Range<usize>], articles: &mut [Article], related: &mut [Option<Range<usize>>]| {
            parse_part(text, spans, articles, related, &done)
        };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    if text.len() < PARALLEL_FROM || threads < 2 || spans.is_empty() {
        heads.ids = parse(spans, &mut heads.articles, &mut heads.related)?;
        return Some(heads);
    }
    let chunk = spans.len().div_ceil(threads);
    let caller = std::thread::current();
    // Counted by the workers themselves before they wake the caller: a thread's
    // `is_finished` turns true only some time after its last statement, so a caller woken by
    // the last worker could still see it running and sleep a whole progress tick.
    let finished = AtomicUsize::new(0);
    let parsed = std::thread::scope(|scope| {
        let workers: Vec<_> = spans
            .chunks(chunk)
            .zip(heads.articles.chunks_mut(chunk))
            .zip(heads.related.chunks_mut(chunk))
            .map(|((spans, articles), related)| {
                let caller = caller.clone();
                let (parse, finished) = (&parse, &finished);
                scope.spawn(move || {
                    let done = parse(spans, articles, related);
                    // Wake the caller at once rather than at its next progress tick.
                    finished.fetch_add(1, Ordering::Release);
                    caller.unpark();
                    done
                })
            })
            .collect();
        // A worker that panicked counts as finished too (its part then falls back).
        while finished.load(Ordering::Acquire) < workers.len()
            && !workers.iter().all(|w| w.is_finished())
        {
            progress(Progress {
                bytes: done.bytes.load(Ordering::Relaxed),
                total: text.len(),
                stories: done.stories.load(Ordering::Relaxed),
            });
            std::thread::park_timeout(std::time::Duration::from_millis(50));
        }
        workers
            .into_iter()
            .map(|w| w.join().ok().flatten())
            .collect::<Option<Vec<Vec<&'a str>>>>()
    });
    join_ids(&mut heads, parsed?, chunk);
    Some(heads)
}

/// How much the workers have parsed, for the progress bar.
#[derive(Default)]
struct Done {
    bytes: AtomicUsize,
    stories: AtomicUsize,
}

/// Parses the headline fields of `spans` into `articles` and returns their related ids,
/// which the ranges in `related` index. From a `str`, serde_json does not check each
/// string's UTF-8 again.
fn parse_part<'a>(
    text: &'a str,
    spans: &[Range<usize>],
    articles: &mut [Article],
    related: &mut [Option<Range<usize>>],
    done: &Done,
) -> Option<Vec<&'a str>> {
    let mut bytes = 0;
    let mut ids = Vec::new();
    for (i, span) in spans.iter().enumerate() {
        let json = text.get(span.clone())?;
        let Object(head) = serde_json::from_str::<Object<HeadArticle<'a>>>(json).ok()?;
        let read = Article::from_head(head, span.clone());
        articles[i] = read.article;
        if let Some(related_ids) = read.related {
            let start = ids.len();
            ids.extend(related_ids);
            related[i] = Some(start..ids.len());
        }
        bytes += span.len();
        if i % 1024 == 1023 {
            done.bytes
                .fetch_add(std::mem::take(&mut bytes), Ordering::Relaxed);
            done.stories.fetch_add(1024, Ordering::Relaxed);
        }
    }
    Some(ids)
}

/// Joins the related ids of the parts (of `chunk` stories each) into `heads.ids`. Each part's
/// ranges index its own list; joined, they move by the lists before it.
fn join_ids<'a>(heads: &mut Heads<'a>, parts: Vec<Vec<&'a str>>, chunk: usize) {
    heads.ids.reserve_exact(parts.iter().map(Vec::len).sum());
    for (n, ids) in parts.into_iter().enumerate() {
        let offset = heads.ids.len();
        let end = ((n + 1) * chunk).min(heads.related.len());
        for range in heads.related[n * chunk..end].iter_mut().flatten() {
            *range = range.start + offset..range.end + offset;
        }
        heads.ids.extend(ids);
    }
}

/// Builds the bundle from the fast path's parts: the top level (with no articles), the
/// articles with their headline fields and spans (after a BOM of `bom` bytes) and their
/// related ids, and the bytes they came from.
fn bundle_of(top: RawBundle, heads: Heads<'_>, bom: usize, source: Arc<Source>) -> Option<Bundle> {
    let Heads {
        mut articles,
        related: ranges,
        ids,
    } = heads;
    let mut warnings = Vec::new();
    let related: Vec<Vec<usize>> = {
        // One index of the ids, which also finds a duplicate (`None`: the caller falls
        // back to the full parse, which reports it). foldhash is several times faster than
        // std's SipHash here and, seeded per process, as safe against crafted collisions.
        let mut index: FastMap<&str, usize> = FastMap::default();
        index.reserve(articles.len());
        for (i, article) in articles.iter().enumerate() {
            if index.insert(article.id.as_str(), i).is_some() {
                return None;
            }
        }
        resolve_all(&ranges, &ids, &index, &mut warnings)
    };
    drop((ranges, ids));
    for (article, related) in articles.iter_mut().zip(related) {
        article.related = related;
        article.span = article.span.take().map(|s| s.start + bom..s.end + bom);
    }
    let mut bundle = Bundle::from_raw(top);
    if let Some(origin) = bundle.origins.first_mut() {
        origin.source = Some(source);
    }
    Some(Bundle {
        articles,
        warnings,
        ..bundle
    })
}

/// Stories from which resolving related ids is split across cores.
const PARALLEL_RESOLVE_FROM: usize = 20_000;

/// [`resolve_related`] for every article, on every core for a large bundle; warnings come
/// out in article order either way.
fn resolve_all(
    ranges: &[Option<Range<usize>>],
    all_ids: &[&str],
    index: &FastMap<&str, usize>,
    warnings: &mut Vec<Warning>,
) -> Vec<Vec<usize>> {
    let resolve = |from: usize, ranges: &[Option<Range<usize>>]| {
        let mut warnings = Vec::new();
        let related: Vec<Vec<usize>> = ranges
            .iter()
            .enumerate()
            .map(|(i, range)| {
                let ids = range.clone().and_then(|r| all_ids.get(r));
                resolve_related(from + i, ids, index, &mut warnings)
            })
            .collect();
        (related, warnings)
    };
    let ids = ranges;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    if ids.len() < PARALLEL_RESOLVE_FROM || threads < 2 {
        let (related, found) = resolve(0, ids);
        warnings.extend(found);
        return related;
    }
    let chunk = ids.len().div_ceil(threads);
    let parts: Vec<(Vec<Vec<usize>>, Vec<Warning>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = ids
            .chunks(chunk)
            .enumerate()
            .map(|(n, ids)| scope.spawn(move || resolve(n * chunk, ids)))
            .collect();
        workers
            .into_iter()
            // A worker cannot panic short of a bug; resolve again on this thread if one did.
            .enumerate()
            .map(|(n, w)| {
                w.join().unwrap_or_else(|_| {
                    let end = ((n + 1) * chunk).min(ids.len());
                    resolve(n * chunk, &ids[n * chunk..end])
                })
            })
            .collect()
    });
    let mut related = Vec::with_capacity(ids.len());
    for (part, found) in parts {
        related.extend(part);
        warnings.extend(found);
    }
    related
}
