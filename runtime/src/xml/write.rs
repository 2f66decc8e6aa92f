//! A value written as XML, by the module's rules: members as elements in order, a list
//! member's items as that member's element repeated, `null` as `<x/>`.

use std::fmt::Write as _;

use serde::ser::{self, Impossible, Serialize};

use super::{Form, Object, Objects, XmlError};

type Result<T = ()> = std::result::Result<T, XmlError>;

impl ser::Error for XmlError {
    fn custom<T: std::fmt::Display>(message: T) -> Self {
        XmlError(message.to_string())
    }
}

/// `value` as an XML document in `form`: inside its root element, a list's items each in an
/// `item` element, each object's attributes as its `objects` says.
pub fn to_string<T: Serialize + ?Sized>(form: &Form, value: &T) -> Result<String> {
    let Form {
        root,
        item,
        objects,
    } = *form;
    let mut out = String::new();
    match item {
        Some(item) => {
            open(&mut out, root)?;
            value.serialize(Element {
                out: &mut out,
                name: item,
                item: false,
                objects,
            })?;
            close(&mut out, root);
        }
        // A list with no item element named has its items in `item` elements.
        None => value.serialize(Element {
            out: &mut out,
            name: root,
            item: true,
            objects,
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
    objects: &'static Objects,
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
    escape(out, text, false)?;
    close(out, name);
    Ok(())
}

/// `text` as XML character data, or as an attribute's value in double quotes (where a tab
/// and a line feed are references: a reader turns them into spaces): markup escaped, a
/// carriage return kept as a reference (a reader would turn it into a line feed), and
/// characters XML 1.0 cannot hold refused.
fn escape(out: &mut String, text: &str, attribute: bool) -> Result {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
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

    /// The members of an object or a map, inside this element, as its `object` says (its
    /// attributes in the start tag, its wrapped lists).
    fn members(self, object: Option<&'static Object>) -> Result<Members<'o>> {
        open(self.out, self.name)?;
        Ok(Members {
            tag_end: self.out.len() - 1,
            out: self.out,
            name: self.name,
            key: None,
            object,
            objects: self.objects,
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
                objects: self.objects,
            })
        } else {
            Ok(Items {
                out: self.out,
                name: self.name,
                wrapper: None,
                objects: self.objects,
            })
        }
    }
}

/// Calls `$write!` with serde's methods for the primitives written as their `Display` text.
macro_rules! primitives {
    ($write:ident) => {
        $write!(
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
    };
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

    primitives!(display);

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
            objects: self.objects,
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
        self.members(None)
    }

    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<Members<'o>> {
        let object = self.objects.of(name);
        self.members(object)
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
    objects: &'static Objects,
}

impl Items<'_> {
    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result {
        value.serialize(Element {
            out: self.out,
            name: self.name,
            item: true,
            objects: self.objects,
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

/// An object's or a map's members, each an element named by its key inside `name`, as the
/// object's [`Object`] says: an attribute of it (written into the start tag, which ends at
/// `tag_end`), or a list in an element of its own.
struct Members<'o> {
    out: &'o mut String,
    name: &'o str,
    key: Option<String>,
    tag_end: usize,
    object: Option<&'static Object>,
    objects: &'static Objects,
}

impl Members<'_> {
    fn member<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result {
        let object = self.object;
        let element = object.map_or(key, |o| o.element(key));
        if object.is_some_and(|o| o.attributes.contains(&key)) {
            return self.attribute(element, value);
        }
        let wrapped = object.and_then(|o| o.wrapped.iter().find(|(member, _)| *member == key));
        let Some((_, item)) = wrapped else {
            return value.serialize(Element {
                out: self.out,
                name: element,
                item: false,
                objects: self.objects,
            });
        };
        open(self.out, element)?;
        value.serialize(Element {
            out: self.out,
            name: item,
            item: false,
            objects: self.objects,
        })?;
        close(self.out, element);
        Ok(())
    }

    /// ` key="value"` in the start tag; nothing for `null`.
    fn attribute<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result {
        let Some(text) = value.serialize(PlainText)? else {
            return Ok(());
        };
        let mut attribute = String::new();
        let _ = write!(attribute, " {key}=\"");
        escape(&mut attribute, &text, true)?;
        attribute.push('"');
        self.out.insert_str(self.tag_end, &attribute);
        self.tag_end += attribute.len();
        Ok(())
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
        match key.serialize(PlainText)? {
            Some(key) => self.key = Some(key),
            None => {
                return Err(XmlError(
                    "a map key that is null names no XML element".into(),
                ));
            }
        }
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

/// A plain value's text (a map's key, an attribute's value); `None` for `null`.
struct PlainText;

/// The error for a value that is not plain where only a text can go.
fn not_plain<T>(what: &str) -> Result<T> {
    Err(XmlError(format!(
        "{what} where XML holds only a text (a map key, an attribute)"
    )))
}

macro_rules! plain_display {
    ($($method:ident: $ty:ty),* $(,)?) => {
        $(fn $method(self, value: $ty) -> Result<Option<String>> {
            Ok(Some(value.to_string()))
        })*
    };
}

impl ser::Serializer for PlainText {
    type Ok = Option<String>;
    type Error = XmlError;
    type SerializeSeq = Impossible<Option<String>, XmlError>;
    type SerializeTuple = Impossible<Option<String>, XmlError>;
    type SerializeTupleStruct = Impossible<Option<String>, XmlError>;
    type SerializeTupleVariant = Impossible<Option<String>, XmlError>;
    type SerializeMap = Impossible<Option<String>, XmlError>;
    type SerializeStruct = Impossible<Option<String>, XmlError>;
    type SerializeStructVariant = Impossible<Option<String>, XmlError>;

    primitives!(plain_display);
    plain_display!(serialize_str: &str);

    fn serialize_f32(self, value: f32) -> Result<Option<String>> {
        Ok(Some(float_text(f64::from(value))))
    }

    fn serialize_f64(self, value: f64) -> Result<Option<String>> {
        Ok(Some(float_text(value)))
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<Option<String>> {
        not_plain("raw bytes")
    }

    fn serialize_none(self) -> Result<Option<String>> {
        Ok(None)
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Option<String>> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<Option<String>> {
        Ok(None)
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<Option<String>> {
        Ok(None)
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Option<String>> {
        Ok(Some(variant.to_owned()))
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Option<String>> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: &T,
    ) -> Result<Option<String>> {
        not_plain(&format!("the variant `{variant}` with a value"))
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq> {
        not_plain("a list")
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
        not_plain("a list")
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        not_plain("a list")
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        not_plain(&format!("the variant `{variant}` with values"))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
        not_plain("a map")
    }

    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Self::SerializeStruct> {
        not_plain(&format!("an object (`{name}`)"))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        not_plain(&format!("the variant `{variant}` with members"))
    }
}
