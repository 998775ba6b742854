//! Feeds the world publishes (RSS 0.9x/1.0/2.0, Atom 1.0, JSON Feed 1.1), read from files,
//! standard input or the web, and turned into the same [`Bundle`](crate::bundle::Bundle) model
//! the reader shows. No terminal code lives here.

pub mod fetch;
pub mod html;
