//! The bundle file's own shapes, exactly as serde reads them.
//!
//! These types are checked by serde only (types, required fields, the version, non-empty ids
//! and titles, duplicate ids); what needs the whole document, such as resolving `related`
//! ids, happens in `model`. Unknown fields are ignored so that newer bundles open in older
//! readers.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

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

/// One body block: `T` is `String` when the block is kept, [`Check`] when it is only checked
/// (the fast path, which reads bodies later). Which fields the type needs is checked right
/// after the block is read, so the error still has the block's path and position.
#[derive(Debug)]
pub struct RawBlock<T = String>(pub BlockFields<T>);

impl<'de, T: Text> Deserialize<'de> for RawBlock<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let Object(fields) = Object::<BlockFields<T>>::deserialize(deserializer)?;
        let needs = match fields.kind {
            Kind::Paragraph | Kind::Heading | Kind::Quote => {
                fields.text.is_none().then_some("text")
            }
            Kind::Image => fields.caption.is_none().then_some("caption"),
            Kind::List => fields.items.is_none().then_some("items"),
            Kind::Other => None,
        };
        match needs {
            Some(field) => Err(de::Error::custom(format_args!(
                "{} block has no `{field}`",
                fields.kind.name()
            ))),
            None => Ok(RawBlock(fields)),
        }
    }
}

/// A text value: kept (`String`) or only checked ([`Check`]).
pub trait Text: de::DeserializeOwned {
    /// A field read before the block's `type`, kept until the type says whether it matters:
    /// the whole value when text is kept, only its shape when text is only checked.
    type Early: de::DeserializeOwned;
    fn text(early: Self::Early) -> Result<Option<Self>, String>;
    fn items(early: Self::Early) -> Result<Option<Vec<Self>>, String>;
}

impl Text for String {
    type Early = serde_json::Value;
    fn text(early: serde_json::Value) -> Result<Option<Self>, String> {
        serde_json::from_value(early).map_err(|e| e.to_string())
    }
    fn items(early: serde_json::Value) -> Result<Option<Vec<Self>>, String> {
        serde_json::from_value(early).map_err(|e| e.to_string())
    }
}

impl Text for Check {
    type Early = Shape;
    fn text(early: Shape) -> Result<Option<Self>, String> {
        match early {
            Shape::Null => Ok(None),
            Shape::Str => Ok(Some(Check)),
            _ => Err("invalid type, expected a string".into()),
        }
    }
    fn items(early: Shape) -> Result<Option<Vec<Self>>, String> {
        match early {
            Shape::Null => Ok(None),
            Shape::Strings => Ok(Some(Vec::new())),
            _ => Err("invalid type, expected an array of strings".into()),
        }
    }
}

/// What kind of JSON value a field holds, read without keeping it. (A refusal found this way
/// only sends the load to the full parse, which words the message.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Null,
    Str,
    Strings,
    Other,
}

impl<'de> Deserialize<'de> for Shape {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ShapeVisitor;
        impl<'de> Visitor<'de> for ShapeVisitor {
            type Value = Shape;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Shape, E> {
                Ok(Shape::Null)
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Shape, E> {
                Ok(Shape::Str)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Shape, E> {
                Ok(Shape::Other)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Shape, E> {
                Ok(Shape::Other)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Shape, E> {
                Ok(Shape::Other)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Shape, E> {
                Ok(Shape::Other)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
                let mut all_strings = true;
                while let Some(shape) = seq.next_element::<Shape>()? {
                    all_strings &= shape == Shape::Str;
                }
                Ok(if all_strings {
                    Shape::Strings
                } else {
                    Shape::Other
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
                while map
                    .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(Shape::Other)
            }
        }
        deserializer.deserialize_any(ShapeVisitor)
    }
}

/// A string that is checked to be one and not kept: no allocation.
#[derive(Debug, Default, Clone, Copy)]
pub struct Check;

impl<'de> Deserialize<'de> for Check {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CheckVisitor;
        impl Visitor<'_> for CheckVisitor {
            type Value = Check;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Check, E> {
                Ok(Check)
            }
        }
        deserializer.deserialize_str(CheckVisitor)
    }
}

#[derive(Debug)]
pub struct BlockFields<T = String> {
    pub kind: Kind,
    pub text: Option<T>,
    pub caption: Option<T>,
    pub url: Option<T>,
    pub alt: Option<T>,
    pub items: Option<Vec<T>>,
}

impl<T> Default for BlockFields<T> {
    fn default() -> Self {
        BlockFields {
            kind: Kind::Other,
            text: None,
            caption: None,
            url: None,
            alt: None,
            items: None,
        }
    }
}

/// A block's type, read without allocating; a type this reader does not know is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Paragraph,
    Heading,
    Quote,
    Image,
    List,
    Other,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Paragraph => "paragraph",
            Kind::Heading => "heading",
            Kind::Quote => "quote",
            Kind::Image => "image",
            Kind::List => "list",
            Kind::Other => "unknown",
        }
    }
}

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KindVisitor;
        impl Visitor<'_> for KindVisitor {
            type Value = Kind;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<Kind, E> {
                Ok(match name {
                    "paragraph" => Kind::Paragraph,
                    "heading" => Kind::Heading,
                    "quote" => Kind::Quote,
                    "image" => Kind::Image,
                    "list" => Kind::List,
                    _ => Kind::Other,
                })
            }
        }
        deserializer.deserialize_str(KindVisitor)
    }
}

/// A block's field names, read without allocating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Type,
    Text,
    Caption,
    Url,
    Alt,
    Items,
    Other,
}

impl Field {
    fn name(self) -> &'static str {
        match self {
            Field::Type => "type",
            Field::Text => "text",
            Field::Caption => "caption",
            Field::Url => "url",
            Field::Alt => "alt",
            Field::Items => "items",
            Field::Other => "",
        }
    }
}

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldVisitor;
        impl Visitor<'_> for FieldVisitor {
            type Value = Field;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, name: &str) -> Result<Field, E> {
                Ok(match name {
                    "type" => Field::Type,
                    "text" => Field::Text,
                    "caption" => Field::Caption,
                    "url" => Field::Url,
                    "alt" => Field::Alt,
                    "items" => Field::Items,
                    _ => Field::Other,
                })
            }
        }
        deserializer.deserialize_identifier(FieldVisitor)
    }
}

/// The fields a block type reads; every other field of the block is ignored, whatever its
/// type, so that a newer block type (or a newer field) never refuses a bundle.
fn reads(kind: Kind, field: Field) -> bool {
    match kind {
        Kind::Paragraph | Kind::Heading | Kind::Quote | Kind::Other => field == Field::Text,
        Kind::Image => matches!(field, Field::Caption | Field::Url | Field::Alt),
        Kind::List => field == Field::Items,
    }
}

impl<'de, T: Text> Deserialize<'de> for BlockFields<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BlockVisitor<T>(PhantomData<T>);
        impl<'de, T: Text> Visitor<'de> for BlockVisitor<T> {
            type Value = BlockFields<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a block object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut block = BlockFields::<T>::default();
                let mut kind: Option<Kind> = None;
                // Fields read so far, one bit each: no allocation per block.
                let mut seen = 0u8;
                // Fields that came before `type`, kept until it says which ones matter.
                let mut early: Vec<(Field, T::Early)> = Vec::new();
                while let Some(field) = map.next_key::<Field>()? {
                    let bit = 1u8 << (field as u8);
                    if field != Field::Other && seen & bit != 0 {
                        let name = field.name();
                        return Err(de::Error::custom(format_args!("duplicate field `{name}`")));
                    }
                    match (field, &kind) {
                        (Field::Type, _) => kind = Some(map.next_value()?),
                        (Field::Other, _) => {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                        // Read in place, so a wrong type is reported at its exact path.
                        (_, Some(k)) if reads(*k, field) => block.set(field, &mut map)?,
                        (_, Some(_)) => {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                        (_, None) => early.push((field, map.next_value()?)),
                    }
                    seen |= bit;
                }
                let kind = kind.ok_or_else(|| de::Error::missing_field("type"))?;
                for (field, value) in early {
                    if reads(kind, field) {
                        block.set_value(field, value).map_err(|e| {
                            de::Error::custom(format_args!("{e} in `{}`", field.name()))
                        })?;
                    }
                }
                block.kind = kind;
                Ok(block)
            }
        }
        deserializer.deserialize_map(BlockVisitor(PhantomData))
    }
}

impl<T: Text> BlockFields<T> {
    fn set<'de, A: MapAccess<'de>>(&mut self, field: Field, map: &mut A) -> Result<(), A::Error> {
        match field {
            Field::Items => self.items = map.next_value()?,
            _ => *self.text_field(field) = map.next_value()?,
        }
        Ok(())
    }

    fn set_value(&mut self, field: Field, value: T::Early) -> Result<(), String> {
        match field {
            Field::Items => self.items = T::items(value)?,
            _ => *self.text_field(field) = T::text(value)?,
        }
        Ok(())
    }

    fn text_field(&mut self, field: Field) -> &mut Option<T> {
        match field {
            Field::Caption => &mut self.caption,
            Field::Url => &mut self.url,
            Field::Alt => &mut self.alt,
            _ => &mut self.text,
        }
    }
}

/// A body that is checked block by block and not kept: how many blocks it has.
#[derive(Debug, Default, Clone, Copy)]
pub struct BodyCheck(pub usize);

impl<'de> Deserialize<'de> for BodyCheck {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BodyVisitor;
        impl<'de> Visitor<'de> for BodyVisitor {
            type Value = BodyCheck;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<BodyCheck, A::Error> {
                let mut blocks = 0;
                while seq.next_element::<RawBlock<Check>>()?.is_some() {
                    blocks += 1;
                }
                Ok(BodyCheck(blocks))
            }
        }
        deserializer.deserialize_seq(BodyVisitor)
    }
}

/// An article as the fast path reads it: what the headline list and related panel show,
/// kept; everything else checked exactly as [`RawArticle`] checks it, and read again from the
/// article's span when the story is opened.
#[derive(Debug, Deserialize)]
pub struct HeadArticle<'a> {
    /// Borrowed from the file where it has no escapes: 100,000 ids cost no allocation.
    #[serde(borrow, deserialize_with = "non_empty_borrowed")]
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

fn non_empty_borrowed<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Cow<'de, str>, D::Error> {
    let id = <Cow<'de, str>>::deserialize(deserializer)?;
    if id.is_empty() {
        Err(de::Error::custom("empty id"))
    } else {
        Ok(id)
    }
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
