//! Small serde shapes the others are built of: a struct that must be a JSON object, a
//! string checked and not kept, and the shape of a value read without keeping it.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// What kind of JSON value a field holds, read without keeping it. (A refusal found this way
/// only sends the load to the full parse, which words the message.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueShape {
    Null,
    Str,
    Strings,
    Other,
}

impl<'de> Deserialize<'de> for ValueShape {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ValueShapeVisitor;
        impl<'de> Visitor<'de> for ValueShapeVisitor {
            type Value = ValueShape;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_unit<E: de::Error>(self) -> Result<ValueShape, E> {
                Ok(ValueShape::Null)
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<ValueShape, E> {
                Ok(ValueShape::Str)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<ValueShape, E> {
                Ok(ValueShape::Other)
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<ValueShape, E> {
                Ok(ValueShape::Other)
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<ValueShape, E> {
                Ok(ValueShape::Other)
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<ValueShape, E> {
                Ok(ValueShape::Other)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ValueShape, A::Error> {
                let mut all_strings = true;
                while let Some(shape) = seq.next_element::<ValueShape>()? {
                    all_strings &= shape == ValueShape::Str;
                }
                Ok(if all_strings {
                    ValueShape::Strings
                } else {
                    ValueShape::Other
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ValueShape, A::Error> {
                while map
                    .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(ValueShape::Other)
            }
        }
        deserializer.deserialize_any(ValueShapeVisitor)
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
