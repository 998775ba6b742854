//! One article as serde reads it: whole ([`RawArticle`]), or only its headline fields with
//! the rest checked and not kept ([`HeadArticle`], the fast path's).

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use super::block::{BodyCheck, RawBlock};
use super::value::{Check, Object};

#[derive(Debug, Deserialize)]
pub struct RawArticle {
    #[serde(deserialize_with = "non_empty")]
    pub id: String,
    #[serde(deserialize_with = "non_blank")]
    pub title: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub section: Option<String>,
    #[serde(default)]
    pub authors: Option<Vec<String>>,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub lead: Option<String>,
    #[serde(default)]
    pub body: Option<Vec<RawBlock>>,
    #[serde(default)]
    pub related: Option<Vec<String>>,
    #[serde(default)]
    pub audio: Option<Object<RawAudio>>,
    #[serde(default)]
    pub dir: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct RawAudio {
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default, deserialize_with = "seconds")]
    pub duration_s: Option<u64>,
}

/// An article as the fast path reads it: what the headline list and related panel show,
/// kept; everything else checked exactly as [`RawArticle`] checks it, and read again from the
/// article's span when the story is opened.
#[derive(Debug, Deserialize)]
pub struct HeadArticle<'a> {
    /// Borrowed from the file where it has no escapes: 100,000 ids cost no allocation.
    #[serde(borrow, deserialize_with = "non_empty")]
    pub id: Cow<'a, str>,
    #[serde(deserialize_with = "non_blank")]
    pub title: String,
    #[serde(default, rename = "url")]
    _url: Option<Check>,
    #[serde(default, rename = "source")]
    _source: Option<Check>,
    #[serde(default)]
    pub section: Option<String>,
    #[serde(default, rename = "authors")]
    _authors: Option<Vec<Check>>,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default, rename = "lead")]
    _lead: Option<Check>,
    #[serde(default)]
    pub body: Option<BodyCheck>,
    /// Borrowed from the file (serde cannot borrow a `Cow` inside a `Vec`): an id with an
    /// escape in it fails here, and the full parse, which takes anything, reads the bundle.
    #[serde(default, borrow)]
    pub related: Option<Vec<&'a str>>,
    #[serde(default, rename = "audio")]
    _audio: Option<Object<RawAudio>>,
    #[serde(default, rename = "dir")]
    _dir: Option<Check>,
}

fn seconds<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u64>, D::Error> {
    struct Seconds;
    impl Visitor<'_> for Seconds {
        type Value = Option<u64>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a whole number of seconds")
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    deserializer.deserialize_any(Seconds)
}

/// An id, refused when empty; `S` is `String` or, on the fast path, `Cow<str>`.
fn non_empty<'de, D: Deserializer<'de>, S: Deserialize<'de> + AsRef<str>>(
    deserializer: D,
) -> Result<S, D::Error> {
    let id = S::deserialize(deserializer)?;
    if id.as_ref().is_empty() {
        Err(de::Error::custom("empty id"))
    } else {
        Ok(id)
    }
}

fn non_blank<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    let title = String::deserialize(deserializer)?;
    if title.trim().is_empty() {
        Err(de::Error::custom("the title is blank"))
    } else {
        Ok(title)
    }
}
