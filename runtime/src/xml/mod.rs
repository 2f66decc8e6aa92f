//! XML bodies. A document is read into the JSON value it stands for, and that value into the
//! generated types as a JSON body is, so unions, defaults, validation and the pointers of its
//! errors are the same in both; [`to_string`] writes a value the other way round.
//!
//! - An element's child elements are an object's members, in order (an attribute is a member
//!   too); a member's element repeated is a list (`<tag>a</tag><tag>b</tag>`).
//! - An element's text is a string, read as a number or a boolean where the type asks for one.
//! - `<x/>` (an empty-element tag) and `<x xsi:nil="true">` are `null`; `<x></x>` is the
//!   empty text. (So the vendors' documents write them, and so they are told apart.)
//! - A list with no element is the empty list. XML cannot tell it from a member left out, so
//!   each object's required lists are named ([`Objects`]) and read as empty where absent.
//! - A member the spec puts in an attribute (`xml_attribute`) is written as one; an attribute
//!   is read as a member, whatever the spec says.
//! - A list member the spec wraps (a field's `xml_item`) is in an element of its own, each
//!   item in an `xml_item` element; so is a list that is an item of a list, in `item`s.
//! - A member's element (or attribute) is named as its field's `xml_name` says, else as the
//!   member.
//! - A document's root element wraps the body; a list body's items are elements inside it,
//!   each named as the spec's `xml_item` says.

mod texts;
mod write;

#[cfg(feature = "xml")]
mod read;

use std::cell::Cell;

use serde::de::DeserializeOwned;
use serde_json::Value;

#[cfg(feature = "xml")]
pub use read::read;
pub use write::to_string;

use texts::Texts;

/// How a body travels as XML: inside the element `root`, a list's items each in an `item`
/// element, its objects as `objects` says.
#[derive(Debug, Clone, Copy)]
pub struct Form {
    /// The element that wraps the body (a reader takes any).
    pub root: &'static str,
    /// The element each item of a list is in.
    pub item: Option<&'static str>,
    /// What XML says of the service's objects.
    pub objects: &'static Objects,
}

impl Form {
    /// A body in `<result>`, of objects whose XML form is their JSON one's.
    pub const PLAIN: Form = Form {
        root: "result",
        item: None,
        objects: &Objects::NONE,
    };
}

/// What XML says of each object type that JSON does not, by the type's Rust name: generated
/// once per service (`models::XML_OBJECTS`).
#[derive(Debug)]
pub struct Objects(pub &'static [Object]);

/// The members of one object type whose XML form is not their JSON one's.
#[derive(Debug)]
pub struct Object {
    /// The type's Rust name.
    pub name: &'static str,
    /// Its members that are required lists: a document leaves a list out when it is empty.
    pub lists: &'static [&'static str],
    /// Its members written as attributes of its element rather than elements of their own.
    pub attributes: &'static [&'static str],
    /// Its list members in an element of their own, with the element of each item
    /// (`<tags><tag>a</tag><tag>b</tag></tags>`).
    pub wrapped: &'static [(&'static str, &'static str)],
    /// Its members whose element (or attribute) is named otherwise in XML: the member's
    /// name, then the element's.
    pub renamed: &'static [(&'static str, &'static str)],
}

impl Object {
    /// The element (or attribute) of the member `wire` in XML.
    pub(crate) fn element<'w>(&self, wire: &'w str) -> &'w str {
        match self.renamed.iter().find(|(member, _)| *member == wire) {
            Some((_, element)) => element,
            None => wire,
        }
    }

    /// The member whose element (or attribute) in XML is `element`.
    pub(crate) fn member<'e>(&self, element: &'e str) -> &'e str {
        match self.renamed.iter().find(|(_, named)| *named == element) {
            Some((member, _)) => member,
            None => element,
        }
    }
}

impl Objects {
    /// No object's XML form differs from its JSON one.
    pub const NONE: Objects = Objects(&[]);

    pub(crate) fn of(&self, name: &str) -> Option<&'static Object> {
        self.0.iter().find(|object| object.name == name)
    }
}

/// Why an XML document could not be read or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct XmlError(pub(crate) String);

std::thread_local! {
    /// The lists of the XML document being read, while one is.
    static READING: Cell<Option<&'static Objects>> = const { Cell::new(None) };
}

/// Runs `decode` (a synchronous decoding of a value read from XML) so that every value read
/// in it, unions' alternatives included, is read as XML's texts ask ([`Texts`]).
pub(crate) fn reading<T>(objects: &'static Objects, decode: impl FnOnce() -> T) -> T {
    crate::scoped::with_value(&READING, Some(objects), decode)
}

/// Whether a value read from XML is being decoded.
pub(crate) fn is_reading() -> bool {
    READING.with(Cell::get).is_some()
}

/// Reads `T` from a value read from XML, leniently, as a client reads an answer: unknown
/// members ignored, nothing validated.
pub fn from_value<T: DeserializeOwned>(
    value: &Value,
    objects: &'static Objects,
) -> Result<T, XmlError> {
    reading(objects, || value_into(value)).map_err(|e| XmlError(e.to_string()))
}

/// Reads `T` from a JSON value as the generated types read: through [`Texts`] while a
/// value read from XML is decoded ([`reading`]), else only a struct from an object.
pub(crate) fn value_into<T: DeserializeOwned>(value: &Value) -> Result<T, serde_json::Error> {
    match READING.with(Cell::get) {
        Some(objects) => T::deserialize(Texts {
            value,
            objects,
            wrapped: None,
        }),
        None => T::deserialize(crate::strict::Strict(value)),
    }
}

/// [`value_into`], tracking the path to a failure.
pub(crate) fn value_into_tracked<T: DeserializeOwned>(
    value: &Value,
) -> Result<T, serde_path_to_error::Error<serde_json::Error>> {
    match READING.with(Cell::get) {
        Some(objects) => serde_path_to_error::deserialize(Texts {
            value,
            objects,
            wrapped: None,
        }),
        None => serde_path_to_error::deserialize(crate::strict::Strict(value)),
    }
}

#[cfg(all(test, feature = "xml"))]
mod tests;
