//! A body's members as JSON values, one at a time, leaving out its file members whatever they
//! hold: a file never serializes (it travels as a part of its own), and a required file taken
//! out of the body to be sent as a part leaves an empty one behind.

use serde::Serialize;
use serde::ser::{self, Impossible, SerializeMap, SerializeStruct};
use serde_json::{Map, Value};

/// Serializes an object into its members, but those named in `skip`.
pub(super) struct Members<'a> {
    pub(super) skip: &'a [&'a str],
}

/// The members serialized so far.
pub(super) struct Collected<'a> {
    skip: &'a [&'a str],
    members: Map<String, Value>,
    key: Option<String>,
}

type Error = serde_json::Error;

fn not_an_object() -> Error {
    ser::Error::custom("a multipart body must be an object")
}

impl Collected<'_> {
    fn add<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        if !self.skip.contains(&key) {
            self.members
                .insert(key.to_owned(), serde_json::to_value(value)?);
        }
        Ok(())
    }
}

impl SerializeStruct for Collected<'_> {
    type Ok = Map<String, Value>;
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.add(key, value)
    }

    fn end(self) -> Result<Self::Ok, Error> {
        Ok(self.members)
    }
}

/// A map body (an open object's extra members are flattened into one).
impl SerializeMap for Collected<'_> {
    type Ok = Map<String, Value>;
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        match serde_json::to_value(key)? {
            Value::String(key) => self.key = Some(key),
            _ => return Err(ser::Error::custom("a member name must be a string")),
        }
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self.key.take().unwrap_or_default();
        self.add(&key, value)
    }

    fn end(self) -> Result<Self::Ok, Error> {
        Ok(self.members)
    }
}

macro_rules! refuse {
    ($($method:ident($($ty:ty),*)),* $(,)?) => {
        $(fn $method(self, $(_: $ty),*) -> Result<Self::Ok, Error> {
            Err(not_an_object())
        })*
    };
}

impl<'a> ser::Serializer for Members<'a> {
    type Ok = Map<String, Value>;
    type Error = Error;
    type SerializeSeq = Impossible<Self::Ok, Error>;
    type SerializeTuple = Impossible<Self::Ok, Error>;
    type SerializeTupleStruct = Impossible<Self::Ok, Error>;
    type SerializeTupleVariant = Impossible<Self::Ok, Error>;
    type SerializeMap = Collected<'a>;
    type SerializeStruct = Collected<'a>;
    type SerializeStructVariant = Impossible<Self::Ok, Error>;

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Collected<'a>, Error> {
        self.serialize_map(None)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Collected<'a>, Error> {
        Ok(Collected {
            skip: self.skip,
            members: Map::new(),
            key: None,
        })
    }

    refuse!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<Self::Ok, Error> {
        Err(not_an_object())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Self::Ok, Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Self::Ok, Error> {
        Err(not_an_object())
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(not_an_object())
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(not_an_object())
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(not_an_object())
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(not_an_object())
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(not_an_object())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::FilePart;

    #[derive(Serialize)]
    struct Avatar {
        title: String,
        image: FilePart,
        size: Option<u32>,
    }

    #[test]
    fn a_file_member_is_left_out_whatever_it_holds() {
        let avatar = Avatar {
            title: "me".into(),
            image: FilePart::default(),
            size: Some(4),
        };
        let members = avatar.serialize(Members { skip: &["image"] }).unwrap();
        assert_eq!(
            Value::Object(members),
            serde_json::json!({"title": "me", "size": 4})
        );
    }

    #[test]
    fn a_file_member_not_skipped_still_refuses_json() {
        let avatar = Avatar {
            title: "me".into(),
            image: FilePart::default(),
            size: None,
        };
        assert!(avatar.serialize(Members { skip: &[] }).is_err());
        assert!(42.serialize(Members { skip: &[] }).is_err());
    }
}
