//! The top level of a bundle document as serde reads it: the version, the bundle's own
//! fields and the article array, which refuses a duplicate id as soon as it is read.

use std::collections::HashMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};

use super::article::RawArticle;
use super::value::Object;

/// The only bundle version this reader knows.
pub const VERSION: u64 = 1;

/// Deepest nesting of arrays and objects a bundle may have. The format itself needs six
/// levels; unknown fields get room to grow, not room to exhaust memory or the stack.
pub const MAX_DEPTH: usize = 64;

#[derive(Debug, Deserialize)]
pub struct RawBundle {
    #[serde(rename = "newsterm", deserialize_with = "version")]
    pub _version: u64,
    pub title: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub generated: Option<String>,
    pub articles: Articles,
}

/// Reads only the version, so that an unsupported bundle is named as such even when the rest
/// of it would also fail to load.
#[derive(Debug, Deserialize)]
pub struct VersionOnly {
    #[serde(rename = "newsterm", deserialize_with = "version")]
    pub _version: u64,
}

/// The article array, refusing a duplicate id as soon as it is read.
#[derive(Debug, Default)]
pub struct Articles(pub Vec<RawArticle>);

/// Message prefix of a duplicate-id error; `load` uses it to point the path at the id.
pub const DUPLICATE_ID: &str = "duplicate id";

impl<'de> Deserialize<'de> for Articles {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ArticlesVisitor;
        impl<'de> Visitor<'de> for ArticlesVisitor {
            type Value = Articles;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array of articles")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Articles, A::Error> {
                let mut articles = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                let mut seen: HashMap<String, usize> = HashMap::new();
                while let Some(Object(article)) = seq.next_element::<Object<RawArticle>>()? {
                    let index = articles.len();
                    if let Some(first) = seen.insert(article.id.clone(), index) {
                        return Err(de::Error::custom(format!(
                            "{DUPLICATE_ID} {:?} (first used by articles[{first}]) [{index}]",
                            article.id
                        )));
                    }
                    articles.push(article);
                }
                Ok(Articles(articles))
            }
        }
        deserializer.deserialize_seq(ArticlesVisitor)
    }
}

fn version<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    struct VersionVisitor;
    impl Visitor<'_> for VersionVisitor {
        type Value = u64;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "the version number {VERSION}")
        }
        fn visit_u64<E: de::Error>(self, found: u64) -> Result<u64, E> {
            if found == VERSION {
                Ok(found)
            } else {
                Err(unsupported(found))
            }
        }
        fn visit_i64<E: de::Error>(self, found: i64) -> Result<u64, E> {
            Err(unsupported(found))
        }
        fn visit_f64<E: de::Error>(self, found: f64) -> Result<u64, E> {
            // Debug keeps `1.0` from reading as `1`.
            Err(unsupported(format_args!("{found:?}")))
        }
    }
    deserializer.deserialize_u64(VersionVisitor)
}

fn unsupported<E: de::Error>(found: impl fmt::Display) -> E {
    E::custom(format!(
        "{UNSUPPORTED} {found} (this reader reads version {VERSION})"
    ))
}

/// Message prefix of an unsupported-version error; `load` lets it win over other errors.
pub const UNSUPPORTED: &str = "unsupported bundle version";

/// A duplicate-id message from [`Articles`] taken apart.
pub struct DuplicateId {
    /// The message a user reads.
    pub message: String,
    /// The index of the article whose id repeats.
    pub index: usize,
}

/// Takes a duplicate-id message from [`Articles`] apart.
pub fn split_duplicate(message: &str) -> Option<DuplicateId> {
    let rest = message.strip_prefix(DUPLICATE_ID)?;
    let open = rest.rfind(" [")?;
    let index = rest[open + 2..].strip_suffix(']')?.parse().ok()?;
    Some(DuplicateId {
        message: format!("{DUPLICATE_ID}{}", &rest[..open]),
        index,
    })
}
