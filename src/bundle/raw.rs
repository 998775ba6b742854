//! The bundle file's own shapes, exactly as serde reads them.
//!
//! These types are checked by serde only (types, required fields, the version, non-empty ids
//! and titles, duplicate ids); what needs the whole document, such as resolving `related`
//! ids, happens in `model`. Unknown fields are ignored so that newer bundles open in older
//! readers.

mod article;
mod block;
mod top;
mod value;

pub use article::{HeadArticle, RawArticle};
pub use block::{BlockKind, RawBlock};
pub use top::{MAX_DEPTH, RawBundle, UNSUPPORTED, VERSION, VersionOnly, split_duplicate};
pub use value::Object;
