//! Article bundles: the file format's serde shapes (`raw`), the validated model the reader
//! shows (`model`), loading with precise errors (`load`, `error`) and its fast path over a
//! mapped file (`fast`, `scan`). No terminal code lives here.
//!
//! The contract is `docs/bundle-format.md`.

mod error;
mod fast;
mod ids;
mod json;
mod load;
mod locate;
mod model;
mod raw;
mod scan;
mod source;
mod write;

pub use error::{JsonPlace, LoadError, Result};
pub use fast::Progress;
pub use ids::UniqueIds;
pub use load::{
    SAMPLE, SAMPLE_NAME, load, load_full, load_owned, load_path, load_path_with, sample,
    source_name,
};
pub use model::{
    Article, Audio, Block, Bundle, Details, LazyBody, MAX_LEVEL, StoredStories, StoryOrigin,
    Warning,
};
pub use write::{Doc, DocArticle, DocAudio, DocBlock, article_doc, doc_of, write_doc};

/// The byte span of every article of a bundle document, found by the fast structural pass
/// on two threads whatever the size (`None` when the pass declines the document). Public for
/// tests and benchmarks.
pub fn article_spans(bytes: &[u8]) -> Option<Vec<std::ops::Range<usize>>> {
    scan::scan_parallel(bytes, raw::MAX_DEPTH, 0).map(|spans| spans.articles)
}
