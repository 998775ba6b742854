//! The bundle file's own shapes, exactly as serde reads them.
//!
//! These types are checked by serde only (types, required fields, the version, non-empty ids
//! and titles, duplicate ids); what needs the whole document, such as resolving `related`
//! ids, happens in `model`. Unknown fields are ignored so that newer bundles open in older
//! readers.

use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

/// The only bundle version this reader knows.
pub const VERSION: u64 = 1;

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
}

#[derive(Debug, Deserialize)]
pub struct RawAudio {
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default, deserialize_with = "seconds")]
    pub duration_s: Option<u64>,
}

/// One body block. Every known field is typed, whatever the block's `type`, so that a wrong
/// type is reported at its exact path; which fields the type needs is checked right after the
/// block is read, so the error still has the block's path and position.
#[derive(Debug, Deserialize)]
#[serde(try_from = "Object<BlockFields>")]
pub struct RawBlock(pub BlockFields);

#[derive(Debug, Default)]
pub struct BlockFields {
    pub kind: String,
    pub text: Option<String>,
    pub caption: Option<String>,
    pub url: Option<String>,
    pub alt: Option<String>,
    pub items: Option<Vec<String>>,
}

/// The fields a block type reads; every other field of the block is ignored, whatever its
/// type, so that a newer block type (or a newer field) never refuses a bundle.
fn reads(kind: &str, field: &str) -> bool {
    match kind {
        "paragraph" | "heading" | "quote" => field == "text",
        "image" => matches!(field, "caption" | "url" | "alt"),
        "list" => field == "items",
        _ => field == "text",
    }
}

impl<'de> Deserialize<'de> for BlockFields {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BlockVisitor;
        impl<'de> Visitor<'de> for BlockVisitor {
            type Value = BlockFields;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a block object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<BlockFields, A::Error> {
                let mut block = BlockFields::default();
                let mut kind: Option<String> = None;
                let mut seen: Vec<String> = Vec::new();
                // Fields that came before `type`, kept until it says which ones matter.
                let mut early: Vec<(String, serde_json::Value)> = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if seen.contains(&key) {
                        return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
                    }
                    if key == "type" {
                        kind = Some(map.next_value()?);
                    } else if !matches!(key.as_str(), "text" | "caption" | "url" | "alt" | "items")
                    {
                        map.next_value::<de::IgnoredAny>()?;
                    } else if let Some(kind) = &kind {
                        if reads(kind, &key) {
                            // Read in place, so a wrong type is reported at its exact path.
                            block.set(&key, &mut map)?;
                        } else {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                    } else {
                        early.push((key.clone(), map.next_value()?));
                    }
                    seen.push(key);
                }
                let kind = kind.ok_or_else(|| de::Error::missing_field("type"))?;
                for (key, value) in early {
                    if reads(&kind, &key) {
                        block
                            .set_value(&key, value)
                            .map_err(|e| de::Error::custom(format_args!("{e} in `{key}`")))?;
                    }
                }
                block.kind = kind;
                Ok(block)
            }
        }
        deserializer.deserialize_map(BlockVisitor)
    }
}

impl BlockFields {
    fn set<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<(), A::Error> {
        match key {
            "items" => self.items = map.next_value()?,
            _ => *self.string_field(key) = map.next_value()?,
        }
        Ok(())
    }

    fn set_value(&mut self, key: &str, value: serde_json::Value) -> serde_json::Result<()> {
        match key {
            "items" => self.items = serde_json::from_value(value)?,
            _ => *self.string_field(key) = serde_json::from_value(value)?,
        }
        Ok(())
    }

    fn string_field(&mut self, key: &str) -> &mut Option<String> {
        match key {
            "caption" => &mut self.caption,
            "url" => &mut self.url,
            "alt" => &mut self.alt,
            _ => &mut self.text,
        }
    }
}

impl TryFrom<Object<BlockFields>> for RawBlock {
    type Error = String;
    fn try_from(Object(fields): Object<BlockFields>) -> Result<Self, String> {
        let needs = match fields.kind.as_str() {
            "paragraph" | "heading" | "quote" => fields.text.is_none().then_some("text"),
            "image" => fields.caption.is_none().then_some("caption"),
            "list" => fields.items.is_none().then_some("items"),
            _ => None,
        };
        match needs {
            Some(field) => Err(format!("{} block has no `{field}`", fields.kind)),
            None => Ok(RawBlock(fields)),
        }
    }
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

/// A struct that must be a JSON object. serde's derived structs also accept an array (fields
/// by position), which the contract calls a wrong type.
#[derive(Debug)]
pub struct Object<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
            type Value = T;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map))
            }
        }
        deserializer
            .deserialize_map(ObjectVisitor(PhantomData))
            .map(Object)
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

fn non_empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    let id = String::deserialize(deserializer)?;
    if id.is_empty() {
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

/// Takes a duplicate-id message from [`Articles`] apart into the message a user reads and the
/// index of the article whose id repeats.
pub fn split_duplicate(message: &str) -> Option<(String, usize)> {
    let rest = message.strip_prefix(DUPLICATE_ID)?;
    let open = rest.rfind(" [")?;
    let index = rest[open + 2..].strip_suffix(']')?.parse().ok()?;
    Some((format!("{DUPLICATE_ID}{}", &rest[..open]), index))
}
