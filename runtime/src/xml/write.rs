//! A value written as XML, by the module's rules: members as elements in order, a list
//! member's items as that member's element repeated, `null` as `<x/>`.

use std::fmt::Write as _;

use serde::ser::{self, Impossible, Serialize};

use super::XmlError;

type Result<T = ()> = std::result::Result<T, XmlError>;

impl ser::Error for XmlError {
    fn custom<T: std::fmt::Display>(message: T) -> Self {
        XmlError(message.to_string())
    }
}

/// `value` as an XML document whose root element is `root`; a list's items each in an `item`
/// element inside it, where `item` is given.
pub fn to_string<T: Serialize + ?Sized>(
    root: &str,
    item: Option<&str>,
    value: &T,
) -> Result<String> {
    let mut out = String::new();
    match item {
        Some(item) => {
            open(&mut out, root)?;
            value.serialize(Element {
                out: &mut out,
                name: item,
                item: false,
            })?;
            close(&mut out, root);
        }
        // A list with no item element named has its items in `item` elements.
        None => value.serialize(Element {
            out: &mut out,
            name: root,
            item: true,
        })?,
    }
    Ok(out)
}

/// Writes a value as the element `name`; a list as that element repeated, one per item.
/// Where the value is itself an item of a list, a list in it goes inside its own element,
/// its items in `item` elements.
struct Element<'o> {
    out: &'o mut String,
    name: &'o str,
    item: bool,
}

fn open(out: &mut String, name: &str) -> Result {
    if !specgen_rules::xml::is_element_name(name) {
        return Err(XmlError(format!("`{name}` is no XML element name")));
    }
    let _ = write!(out, "<{name}>");
    Ok(())
}

fn close(out: &mut String, name: &str) {
    let _ = write!(out, "</{name}>");
}

/// The element `name` holding `text`, escaped.
fn leaf(out: &mut String, name: &str, text: &str) -> Result {
    open(out, name)?;
    escape(out, text)?;
    close(out, name);
    Ok(())
}

/// `text` as XML character data: markup escaped, a carriage return kept as a reference (a
/// reader would turn it into a line feed), and characters XML 1.0 cannot hold refused.
fn escape(out: &mut String, text: &str) -> Result {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                let code = c as u32;
                return Err(XmlError(format!(
                    "a text holding U+{code:04X}, which XML cannot carry"
                )));
            }
            c => out.push(c),
        }
    }
    Ok(())
}

/// A number's text: as JSON writes it (`1e300`, not 300 digits), XML Schema's words for the
/// values JSON has none for.
fn float_text(value: f64) -> String {
    match serde_json::Number::from_f64(value) {
        Some(number) => number.to_string(),
        None if value.is_nan() => "NaN".into(),
        None if value > 0.0 => "INF".into(),
        None => "-INF".into(),
    }
}

impl<'o> Element<'o> {
    fn leaf(self, text: &str) -> Result {
        leaf(self.out, self.name, text)
    }

    fn null(self) -> Result {
        open(self.out, self.name)?;
        self.out.pop();
        self.out.push_str("/>");
        Ok(())
    }

    /// The members of an object or a map, inside this element.
    fn members(self) -> Result<Members<'o>> {
        open(self.out, self.name)?;
        Ok(Members {
            out: self.out,
            name: self.name,
            key: None,
        })
    }

    /// The items of a list: this element repeated, or, for a list that is itself an item,
    /// inside this element as `item` elements.
    fn items(self) -> Result<Items<'o>> {
        if self.item {
            open(self.out, self.name)?;
            Ok(Items {
                out: self.out,
                name: specgen_rules::xml::PLAIN_ITEM,
                wrapper: Some(self.name),
            })
        } else {
            Ok(Items {
                out: self.out,
                name: self.name,
                wrapper: None,
            })
        }
    }
}

macro_rules! display {
    ($($method:ident: $ty:ty),* $(,)?) => {
        $(fn $method(self, value: $ty) -> Result {
            self.leaf(&value.to_string())
        })*
    };
}

impl<'o> ser::Serializer for Element<'o> {
    type Ok = ();
    type Error = XmlError;
    type SerializeSeq = Items<'o>;
    type SerializeTuple = Items<'o>;
    type SerializeTupleStruct = Items<'o>;
    type SerializeTupleVariant = Impossible<(), XmlError>;
    type SerializeMap = Members<'o>;
    type SerializeStruct = Members<'o>;
    type SerializeStructVariant = Impossible<(), XmlError>;

    display!(
        serialize_bool: bool,
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_i128: i128,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_u128: u128,
        serialize_char: char,
    );

    fn serialize_f32(self, value: f32) -> Result {
        self.leaf(&float_text(f64::from(value)))
    }

    fn serialize_f64(self, value: f64) -> Result {
        self.leaf(&float_text(value))
    }

    fn serialize_str(self, value: &str) -> Result {
        self.leaf(value)
    }

    fn serialize_bytes(self, _value: &[u8]) -> Result {
        Err(XmlError("raw bytes, which an XML body cannot hold".into()))
    }

    fn serialize_none(self) -> Result {
        self.null()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result {
        self.null()
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result {
        self.null()
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.leaf(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        open(self.out, self.name)?;
        value.serialize(Element {
            out: self.out,
            name: variant,
            item: false,
        })?;
        close(self.out, self.name);
        Ok(())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Items<'o>> {
        self.items()
    }

    fn serialize_tuple(self, _len: usize) -> Result<Items<'o>> {
        self.items()
    }

    fn serialize_tuple_struct(self, _: &'static str, _len: usize) -> Result<Items<'o>> {
        self.items()
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(XmlError(format!(
            "the variant `{variant}` holds a tuple, which XML has no form for"
        )))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Members<'o>> {
        self.members()
    }

    fn serialize_struct(self, _: &'static str, _len: usize) -> Result<Members<'o>> {
        self.members()
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(XmlError(format!(
            "the variant `{variant}` holds members, which XML has no form for here"
        )))
    }
}

/// A list's items, each an element `name`, inside `wrapper` where there is one.
struct Items<'o> {
    out: &'o mut String,
    name: &'o str,
    wrapper: Option<&'o str>,
}

impl Items<'_> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        value.serialize(Element {
            out: self.out,
            name: self.name,
            item: true,
        })
    }

    fn done(self) -> Result {
        if let Some(wrapper) = self.wrapper {
            close(self.out, wrapper);
        }
        Ok(())
    }
}

/// A list's items through each of serde's sequence traits.
macro_rules! items_as {
    ($($kind:ident: $method:ident),* $(,)?) => {
        $(impl ser::$kind for Items<'_> {
            type Ok = ();
            type Error = XmlError;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
                self.item(value)
            }

            fn end(self) -> Result {
                self.done()
            }
        })*
    };
}

items_as!(
    SerializeSeq: serialize_element,
    SerializeTuple: serialize_element,
    SerializeTupleStruct: serialize_field,
);

/// An object's or a map's members, each an element named by its key, inside `name`.
struct Members<'o> {
    out: &'o mut String,
    name: &'o str,
    key: Option<String>,
}

impl Members<'_> {
    fn member<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result {
        value.serialize(Element {
            out: self.out,
            name: key,
            item: false,
        })
    }

    fn done(self) -> Result {
        close(self.out, self.name);
        Ok(())
    }
}

impl ser::SerializeMap for Members<'_> {
    type Ok = ();
    type Error = XmlError;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result {
        self.key = Some(key.serialize(KeyText)?);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        let key = self.key.take().unwrap_or_default();
        self.member(&key, value)
    }

    fn end(self) -> Result {
        self.done()
    }
}

impl ser::SerializeStruct for Members<'_> {
    type Ok = ();
    type Error = XmlError;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result {
        self.member(key, value)
    }

    fn end(self) -> Result {
        self.done()
    }
}

/// A map's key as the text its element is named by.
struct KeyText;

impl ser::Serializer for KeyText {
    type Ok = String;
    type Error = XmlError;
    type SerializeSeq = Impossible<String, XmlError>;
    type SerializeTuple = Impossible<String, XmlError>;
    type SerializeTupleStruct = Impossible<String, XmlError>;
    type SerializeTupleVariant = Impossible<String, XmlError>;
    type SerializeMap = Impossible<String, XmlError>;
    type SerializeStruct = Impossible<String, XmlError>;
    type SerializeStructVariant = Impossible<String, XmlError>;

    fn serialize_str(self, value: &str) -> Result<String> {
        Ok(value.to_owned())
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<String> {
        Ok(variant.to_owned())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<String> {
        value.serialize(self)
    }

    fn serialize_bool(self, value: bool) -> Result<String> {
        key_refused(value)
    }
    fn serialize_i8(self, value: i8) -> Result<String> {
        key_refused(value)
    }
    fn serialize_i16(self, value: i16) -> Result<String> {
        key_refused(value)
    }
    fn serialize_i32(self, value: i32) -> Result<String> {
        key_refused(value)
    }
    fn serialize_u8(self, value: u8) -> Result<String> {
        key_refused(value)
    }
    fn serialize_u16(self, value: u16) -> Result<String> {
        key_refused(value)
    }
    fn serialize_u32(self, value: u32) -> Result<String> {
        key_refused(value)
    }
    fn serialize_f32(self, value: f32) -> Result<String> {
        key_refused(value)
    }
    fn serialize_i64(self, value: i64) -> Result<String> {
        key_refused(value)
    }
    fn serialize_u64(self, value: u64) -> Result<String> {
        key_refused(value)
    }
    fn serialize_f64(self, value: f64) -> Result<String> {
        key_refused(value)
    }
    fn serialize_char(self, value: char) -> Result<String> {
        Ok(value.to_string())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<String> {
        key_refused("bytes")
    }
    fn serialize_none(self) -> Result<String> {
        key_refused("null")
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<String> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<String> {
        key_refused("null")
    }
    fn serialize_unit_struct(self, name: &'static str) -> Result<String> {
        key_refused(name)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: &T,
    ) -> Result<String> {
        key_refused(variant)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq> {
        key_refused("a list")
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
        key_refused("a list")
    }
    fn serialize_tuple_struct(
        self,
        name: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        key_refused(name)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        key_refused(variant)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
        key_refused("a map")
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Self::SerializeStruct> {
        key_refused(name)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        key_refused(variant)
    }
}

/// A map key that is no text: no element can be named by it.
fn key_refused<T>(key: impl std::fmt::Display) -> Result<T> {
    Err(XmlError(format!(
        "a map key that is no text ({key}) names no XML element"
    )))
}
