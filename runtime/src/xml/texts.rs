//! [`Texts`]: a JSON value read from XML, read into a type as the type asks. XML has texts
//! where JSON has numbers and booleans, one element where JSON has a list of one, and nothing
//! where JSON has an empty list; this reader bridges each, at every depth, and otherwise reads
//! as [`Strict`](crate::strict) does (a struct only from an object).

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Unexpected, Visitor};
use serde_json::{Map, Value};

use super::{Object, Objects};
use crate::wire::Kind;

type Error = serde_json::Error;

/// The empty text: an element without content, and the value of a list member left out.
static EMPTY: Value = Value::String(String::new());

/// A value read from XML, with what XML says of each object ([`Objects`]).
#[derive(Clone, Copy)]
pub(crate) struct Texts<'a> {
    pub value: &'a Value,
    pub objects: &'static Objects,
    /// Where the value is a list in an element of its own: the element of each item.
    pub wrapped: Option<&'static str>,
}

impl<'a> Texts<'a> {
    /// `value`, inside this one; a list in it wrapped where `wrapped` names its items.
    fn at(self, value: &'a Value, wrapped: Option<&'static str>) -> Self {
        Texts {
            value,
            objects: self.objects,
            wrapped,
        }
    }

    /// The number or boolean a text spells (as a parameter's text is read), else the value.
    fn spelled(self) -> Value {
        match self.value {
            Value::String(text) => Kind::Scalar.read(text.trim()),
            other => other.clone(),
        }
    }

    /// The occurrences a list is read from: each repeated element, one element alone, or
    /// none for an element without content; for a list in an element of its own
    /// (`<tags><tag>a</tag><tag>b</tag></tags>`), its items' elements.
    fn occurrences(self) -> &'a [Value] {
        let value = match (self.wrapped, self.value) {
            (Some(item), Value::Object(members)) => match members.get(item) {
                Some(items) => items,
                None => return &[],
            },
            (_, value) => value,
        };
        match value {
            Value::Array(items) => items,
            Value::String(text) if text.is_empty() => &[],
            one => std::slice::from_ref(one),
        }
    }
}

macro_rules! spelled {
    ($($method:ident),* $(,)?) => {
        $(fn $method<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
            self.spelled().$method(visitor)
        })*
    };
}

macro_rules! as_any {
    ($($method:ident),* $(,)?) => {
        $(fn $method<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
            self.deserialize_any(visitor)
        })*
    };
}

impl<'a> Deserializer<'a> for Texts<'a> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(value) => visitor.visit_bool(*value),
            Value::Number(number) => number.clone().deserialize_any(visitor),
            Value::String(text) => visitor.visit_borrowed_str(text),
            Value::Array(items) => visitor.visit_seq(Items {
                items: items.iter(),
                texts: self,
            }),
            Value::Object(members) => visitor.visit_map(Members::of(self, members, None)),
        }
    }

    /// XML Schema's booleans: `true`, `false`, `1` and `0`.
    fn deserialize_bool<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value.as_str().map(str::trim) {
            Some("true" | "1") => visitor.visit_bool(true),
            Some("false" | "0") => visitor.visit_bool(false),
            _ => self.deserialize_any(visitor),
        }
    }

    spelled!(
        deserialize_i8,
        deserialize_i16,
        deserialize_i32,
        deserialize_i64,
        deserialize_i128,
        deserialize_u8,
        deserialize_u16,
        deserialize_u32,
        deserialize_u64,
        deserialize_u128,
        deserialize_f32,
        deserialize_f64,
    );

    as_any!(
        deserialize_char,
        deserialize_str,
        deserialize_string,
        deserialize_bytes,
        deserialize_byte_buf,
        deserialize_identifier,
    );

    fn deserialize_option<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            Value::String(text) if text.is_empty() => visitor.visit_unit(),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.value.is_null() {
            return self.deserialize_any(visitor);
        }
        visitor.visit_seq(Items {
            items: self.occurrences().iter(),
            texts: self,
        })
    }

    fn deserialize_tuple<V: Visitor<'a>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Value::Object(members) => visitor.visit_map(Members::of(self, members, None)),
            Value::String(text) if text.is_empty() => {
                visitor.visit_map(Members::of(self, &EMPTY_MAP, None))
            }
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_struct<V: Visitor<'a>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let members = match self.value {
            Value::Object(members) => members,
            Value::String(text) if text.is_empty() => &EMPTY_MAP,
            // The point of the strict reading: a struct only from an object.
            other => return Err(de::Error::invalid_type(unexpected(other), &visitor)),
        };
        visitor.visit_map(Members::of(self, members, self.objects.of(name)))
    }

    fn deserialize_enum<V: Visitor<'a>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            Value::String(text) => {
                let variant = BorrowedStrDeserializer::<'a, Error>::new(text);
                visitor.visit_enum(variant)
            }
            other => other.deserialize_enum(name, variants, visitor),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

/// No members: an element without content read as an object.
static EMPTY_MAP: std::sync::LazyLock<Map<String, Value>> = std::sync::LazyLock::new(Map::new);

fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(value) => Unexpected::Bool(*value),
        Value::Number(_) => Unexpected::Other("number"),
        Value::String(text) => Unexpected::Str(text),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

/// A list's occurrences, each read through [`Texts`].
struct Items<'a> {
    items: std::slice::Iter<'a, Value>,
    texts: Texts<'a>,
}

impl<'a> SeqAccess<'a> for Items<'a> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'a>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.items.next() {
            // An item that is a list has its own items in `item` elements.
            Some(item) => {
                let wrapped = Some(specgen_rules::xml::PLAIN_ITEM);
                seed.deserialize(self.texts.at(item, wrapped)).map(Some)
            }
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// An object's members, then each of its required lists that XML left out, as empty; a
/// member that is a list in an element of its own is read so (the object's [`Object`]).
struct Members<'a> {
    members: serde_json::map::Iter<'a>,
    absent: std::vec::IntoIter<&'static str>,
    value: Option<(&'a Value, Option<&'static str>)>,
    object: Option<&'static Object>,
    texts: Texts<'a>,
}

impl<'a> Members<'a> {
    fn of(
        texts: Texts<'a>,
        members: &'a Map<String, Value>,
        object: Option<&'static Object>,
    ) -> Self {
        let lists = object.map_or(&[][..], |o| o.lists);
        let absent: Vec<&'static str> = lists
            .iter()
            .copied()
            .filter(|name| object.is_none_or(|o| !members.contains_key(o.element(name))))
            .collect();
        Members {
            members: members.iter(),
            absent: absent.into_iter(),
            value: None,
            object,
            texts,
        }
    }
}

impl<'a> MapAccess<'a> for Members<'a> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'a>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let (key, value): (&'a str, &'a Value) = match self.members.next() {
            Some((element, value)) => match self.object {
                Some(object) => (object.member(element), value),
                None => (element, value),
            },
            None => match self.absent.next() {
                Some(name) => (name, &EMPTY),
                None => return Ok(None),
            },
        };
        let wrapped = self
            .object
            .and_then(|o| o.wrapped.iter().find(|(member, _)| *member == key));
        self.value = Some((value, wrapped.map(|(_, item)| *item)));
        let key: BorrowedStrDeserializer<'a, Error> = BorrowedStrDeserializer::new(key);
        seed.deserialize(key).map(Some)
    }

    fn next_value_seed<T: DeserializeSeed<'a>>(&mut self, seed: T) -> Result<T::Value, Error> {
        let (value, wrapped) = self.value.take().unwrap_or((&Value::Null, None));
        seed.deserialize(self.texts.at(value, wrapped))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.members.len() + self.absent.len())
    }
}
