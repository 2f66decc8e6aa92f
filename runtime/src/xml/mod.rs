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
//!   each object's required lists are named ([`Lists`]) and read as empty where absent.
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

/// The members of each object type that are required lists, by the type's Rust name: what an
/// XML document leaves out when they are empty. Generated once per service.
#[derive(Debug)]
pub struct Lists(pub &'static [(&'static str, &'static [&'static str])]);

impl Lists {
    /// No object has a required list.
    pub const NONE: Lists = Lists(&[]);

    /// The required lists of the object type `name`.
    fn of(&self, name: &str) -> &'static [&'static str] {
        self.0
            .iter()
            .find(|(object, _)| *object == name)
            .map_or(&[], |(_, lists)| lists)
    }
}

/// Why an XML document could not be read or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct XmlError(pub(crate) String);

std::thread_local! {
    /// The lists of the XML document being read, while one is.
    static READING: Cell<Option<&'static Lists>> = const { Cell::new(None) };
}

/// Runs `decode` (a synchronous decoding of a value read from XML) so that every value read
/// in it, unions' alternatives included, is read as XML's texts ask ([`Texts`]).
pub(crate) fn reading<T>(lists: &'static Lists, decode: impl FnOnce() -> T) -> T {
    crate::scoped::with_value(&READING, Some(lists), decode)
}

/// Whether a value read from XML is being decoded.
pub(crate) fn is_reading() -> bool {
    READING.with(Cell::get).is_some()
}

/// Reads `T` from a value read from XML, leniently, as a client reads an answer: unknown
/// members ignored, nothing validated.
pub fn from_value<T: DeserializeOwned>(
    value: &Value,
    lists: &'static Lists,
) -> Result<T, XmlError> {
    reading(lists, || value_into(value)).map_err(|e| XmlError(e.to_string()))
}

/// Reads `T` from a JSON value as the generated types read: through [`Texts`] while a
/// value read from XML is decoded ([`reading`]), else only a struct from an object.
pub(crate) fn value_into<T: DeserializeOwned>(value: &Value) -> Result<T, serde_json::Error> {
    match READING.with(Cell::get) {
        Some(lists) => T::deserialize(Texts { value, lists }),
        None => T::deserialize(crate::strict::Strict(value)),
    }
}

/// [`value_into`], tracking the path to a failure.
pub(crate) fn value_into_tracked<T: DeserializeOwned>(
    value: &Value,
) -> Result<T, serde_path_to_error::Error<serde_json::Error>> {
    match READING.with(Cell::get) {
        Some(lists) => serde_path_to_error::deserialize(Texts { value, lists }),
        None => serde_path_to_error::deserialize(crate::strict::Strict(value)),
    }
}

#[cfg(all(test, feature = "xml"))]
mod tests;
