//! Article bundles: the file format's serde shapes (`raw`), the validated model the reader
//! shows (`model`), loading with precise errors (`load`, `error`). No terminal code lives here.
//!
//! The contract is `docs/bundle-format.md`.

mod error;
mod load;
mod locate;
mod model;
mod raw;
mod scan;
mod source;

pub use error::{LoadError, Place, Result};
pub use load::{SAMPLE, SAMPLE_NAME, load, load_full, load_path, sample, source_name};
pub use model::{Article, Audio, Block, Bundle, Warning};
