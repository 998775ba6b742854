//! One body block as serde reads it: its type and the fields that type reads, kept or only
//! checked, read without allocating a field name. Which fields a type needs is checked as
//! soon as the block is read, so an error keeps the block's path and position.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::value::{Check, Object, ValueShape};

/// One body block: `T` is `String` when the block is kept, [`Check`] when it is only checked
/// (the fast path, which reads bodies later). Which fields the type needs is checked right
/// after the block is read, so the error still has the block's path and position.
#[derive(Debug)]
pub struct RawBlock<T = String>(pub BlockFields<T>);

impl<'de, T: Text> Deserialize<'de> for RawBlock<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let Object(fields) = Object::<BlockFields<T>>::deserialize(deserializer)?;
        let needs = match fields.kind {
            BlockKind::Paragraph | BlockKind::Heading | BlockKind::Quote | BlockKind::Code => {
                fields.text.is_none().then_some("text")
            }
            BlockKind::Image => fields.caption.is_none().then_some("caption"),
            BlockKind::List => fields.items.is_none().then_some("items"),
            BlockKind::Table => fields.rows.is_none().then_some("rows"),
            BlockKind::Other => None,
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
    type Early = ValueShape;
    fn text(early: ValueShape) -> Result<Option<Self>, String> {
        match early {
            ValueShape::Null => Ok(None),
            ValueShape::Str => Ok(Some(Check)),
            _ => Err("invalid type, expected a string".into()),
        }
    }
    fn items(early: ValueShape) -> Result<Option<Vec<Self>>, String> {
        match early {
            ValueShape::Null => Ok(None),
            ValueShape::Strings => Ok(Some(Vec::new())),
            _ => Err("invalid type, expected an array of strings".into()),
        }
    }
}

#[derive(Debug)]
pub struct BlockFields<T = String> {
    pub kind: BlockKind,
    pub text: Option<T>,
    pub caption: Option<T>,
    pub url: Option<T>,
    pub alt: Option<T>,
    pub items: Option<Vec<T>>,
    /// How deep each list item is nested (0 for the outer list). Read whole in both modes,
    /// like `rows`: they are short, and tables are rare.
    pub levels: Option<Vec<u64>>,
    /// A table's rows of cells.
    pub rows: Option<Vec<Vec<String>>>,
}

impl<T> Default for BlockFields<T> {
    fn default() -> Self {
        BlockFields {
            kind: BlockKind::Other,
            text: None,
            caption: None,
            url: None,
            alt: None,
            items: None,
            levels: None,
            rows: None,
        }
    }
}

/// A block's type, read without allocating; a type this reader does not know is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    Quote,
    Image,
    List,
    /// Preformatted text (code), shown verbatim.
    Code,
    Table,
    Other,
}

impl Named for BlockKind {
    const NAMES: &[(Self, &str)] = &[
        (BlockKind::Paragraph, "paragraph"),
        (BlockKind::Heading, "heading"),
        (BlockKind::Quote, "quote"),
        (BlockKind::Image, "image"),
        (BlockKind::List, "list"),
        (BlockKind::Code, "code"),
        (BlockKind::Table, "table"),
    ];
    const OTHER: Self = BlockKind::Other;
    const OTHER_NAME: &str = "unknown";
    const EXPECTING: &str = "a string";
}

impl<'de> Deserialize<'de> for BlockKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(NameVisitor(PhantomData))
    }
}

/// A block's field names, read without allocating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BlockField {
    Type,
    Text,
    Caption,
    Url,
    Alt,
    Items,
    Levels,
    Rows,
    Other,
}

impl Named for BlockField {
    const NAMES: &[(Self, &str)] = &[
        (BlockField::Type, "type"),
        (BlockField::Text, "text"),
        (BlockField::Caption, "caption"),
        (BlockField::Url, "url"),
        (BlockField::Alt, "alt"),
        (BlockField::Items, "items"),
        (BlockField::Levels, "levels"),
        (BlockField::Rows, "rows"),
    ];
    const OTHER: Self = BlockField::Other;
    const OTHER_NAME: &str = "";
    const EXPECTING: &str = "a field name";
}

impl<'de> Deserialize<'de> for BlockField {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_identifier(NameVisitor(PhantomData))
    }
}

/// A closed set of names, read without allocating: a name not in the set reads as `OTHER`.
trait Named: Copy + PartialEq + 'static {
    /// Every value but `OTHER`, with its name in the document.
    const NAMES: &[(Self, &str)];
    /// What any other name reads as.
    const OTHER: Self;
    /// How messages call `OTHER`.
    const OTHER_NAME: &str;
    /// What serde's type errors say was expected.
    const EXPECTING: &str;

    fn name(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(value, _)| *value == self)
            .map_or(Self::OTHER_NAME, |(_, name)| name)
    }

    fn from_name(name: &str) -> Self {
        Self::NAMES
            .iter()
            .find(|(_, known)| *known == name)
            .map_or(Self::OTHER, |(value, _)| *value)
    }
}

/// Reads a [`Named`] value from a string.
struct NameVisitor<T>(PhantomData<T>);

impl<T: Named> Visitor<'_> for NameVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }
    fn visit_str<E: de::Error>(self, name: &str) -> Result<T, E> {
        Ok(T::from_name(name))
    }
}

/// The fields a block type reads; every other field of the block is ignored, whatever its
/// type, so that a newer block type (or a newer field) never refuses a bundle.
fn reads(kind: BlockKind, field: BlockField) -> bool {
    match kind {
        BlockKind::Paragraph
        | BlockKind::Heading
        | BlockKind::Quote
        | BlockKind::Code
        | BlockKind::Other => field == BlockField::Text,
        BlockKind::Image => matches!(
            field,
            BlockField::Caption | BlockField::Url | BlockField::Alt
        ),
        BlockKind::List => matches!(field, BlockField::Items | BlockField::Levels),
        BlockKind::Table => field == BlockField::Rows,
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
                let mut kind: Option<BlockKind> = None;
                // Fields read so far, one bit each: no allocation per block.
                let mut seen = 0u16;
                // Fields that came before `type`, kept until it says which ones matter.
                let mut early: Vec<(BlockField, T::Early)> = Vec::new();
                let mut early_whole: Vec<(BlockField, serde_json::Value)> = Vec::new();
                while let Some(field) = map.next_key::<BlockField>()? {
                    let bit = 1u16 << (field as u16);
                    if field != BlockField::Other && seen & bit != 0 {
                        let name = field.name();
                        return Err(de::Error::custom(format_args!("duplicate field `{name}`")));
                    }
                    match (field, &kind) {
                        (BlockField::Type, _) => kind = Some(map.next_value()?),
                        (BlockField::Other, _) => {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                        // Read in place, so a wrong type is reported at its exact path.
                        (_, Some(k)) if reads(*k, field) => block.set(field, &mut map)?,
                        (_, Some(_)) => {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                        (BlockField::Levels | BlockField::Rows, None) => {
                            early_whole.push((field, map.next_value()?));
                        }
                        (_, None) => early.push((field, map.next_value()?)),
                    }
                    seen |= bit;
                }
                let kind = kind.ok_or_else(|| de::Error::missing_field("type"))?;
                let in_field = |field: BlockField| {
                    move |e| de::Error::custom(format_args!("{e} in `{}`", field.name()))
                };
                for (field, value) in early {
                    if reads(kind, field) {
                        block.set_value(field, value).map_err(in_field(field))?;
                    }
                }
                for (field, value) in early_whole {
                    if reads(kind, field) {
                        block.set_whole(field, value).map_err(in_field(field))?;
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
    fn set<'de, A: MapAccess<'de>>(
        &mut self,
        field: BlockField,
        map: &mut A,
    ) -> Result<(), A::Error> {
        match field {
            BlockField::Items => self.items = map.next_value()?,
            BlockField::Levels => self.levels = map.next_value()?,
            BlockField::Rows => self.rows = map.next_value()?,
            _ => *self.text_field(field) = map.next_value()?,
        }
        Ok(())
    }

    /// A field read whole in both modes (`levels`, `rows`), met before the block's type.
    fn set_whole(&mut self, field: BlockField, value: serde_json::Value) -> Result<(), String> {
        let error = |e: serde_json::Error| e.to_string();
        match field {
            BlockField::Levels => self.levels = serde_json::from_value(value).map_err(error)?,
            BlockField::Rows => self.rows = serde_json::from_value(value).map_err(error)?,
            _ => {}
        }
        Ok(())
    }

    fn set_value(&mut self, field: BlockField, value: T::Early) -> Result<(), String> {
        match field {
            BlockField::Items => self.items = T::items(value)?,
            _ => *self.text_field(field) = T::text(value)?,
        }
        Ok(())
    }

    fn text_field(&mut self, field: BlockField) -> &mut Option<T> {
        match field {
            BlockField::Caption => &mut self.caption,
            BlockField::Url => &mut self.url,
            BlockField::Alt => &mut self.alt,
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
