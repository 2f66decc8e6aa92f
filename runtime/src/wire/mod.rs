//! How values travel outside a JSON body: as path segments, query and header values,
//! `name=value` pairs ([`pairs`]) and multipart form parts. Generated clients and servers share
//! these descriptions, so both sides encode and decode a value the same way.

pub mod header;
pub mod pairs;

pub use pairs::Style;

use serde::Serialize;

use crate::error::{ValidationErrors, Violation};

/// Where a request input travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Location {
    /// A segment of the URL path.
    Path,
    /// A query-string parameter.
    Query,
    /// A request header.
    Header,
    /// A cookie.
    Cookie,
    /// The request body.
    Body,
}

/// How a parameter's or form field's text becomes a JSON value before it is decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text stays a JSON string (strings, UUIDs, string enums).
    Text,
    /// Text that reads as a JSON number or boolean becomes one (a whole number as the integer,
    /// `85394.0` and `1e3` as JSON Schema reads them); anything else stays a string, so
    /// decoding reports the wrong type (integers, numbers, booleans, integer enums).
    Scalar,
    /// Text is a JSON document (objects, and values of any type).
    Json,
    /// A file (multipart only).
    File,
    /// An object with these members: as pairs, each member under the object's name in
    /// brackets (`address[city]=Oslo`); as a multipart part, JSON text.
    Object(&'static [FormField]),
    /// A map whose values are of this kind: as pairs, each entry under the map's name in
    /// brackets (`metadata[key]=value`); as a multipart part, JSON text.
    Map(&'static Kind),
}

impl Kind {
    /// The JSON value a received text stands for. `Json` text that is not JSON stays a string,
    /// so decoding reports it as the wrong type instead of failing here.
    pub fn read(self, text: &str) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Kind::Text | Kind::File => Value::String(text.to_owned()),
            // Only the bare number or boolean: JSON would also skip whitespace around it.
            Kind::Scalar if text.trim() != text => Value::String(text.to_owned()),
            Kind::Scalar => match serde_json::from_str::<Value>(text) {
                Ok(Value::Number(number)) => {
                    Value::Number(crate::decode::whole(&number).unwrap_or(number))
                }
                Ok(value @ Value::Bool(_)) => value,
                _ => Value::String(text.to_owned()),
            },
            Kind::Json | Kind::Object(_) | Kind::Map(_) => {
                serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_owned()))
            }
        }
    }
}

std::thread_local! {
    /// Whether values are being read from texts (parameters, form fields).
    static READING_TEXTS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `decode` (a synchronous decoding of values read from texts: parameters, form fields)
/// so that a union of plain values takes the first alternative the text stands for, whether
/// as the text or as the number or boolean it spells ([`Kind::Scalar`]): a text has no JSON
/// type of its own to tell them apart.
pub fn reading_from_texts<T>(decode: impl FnOnce() -> T) -> T {
    crate::scoped::with(&READING_TEXTS, decode)
}

/// Whether [`reading_from_texts`] is running.
pub(crate) fn reading_texts() -> bool {
    crate::scoped::is_set(&READING_TEXTS)
}

/// A path, query, header or cookie parameter of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Param {
    /// The name on the wire.
    pub name: &'static str,
    /// Where it travels.
    pub location: Location,
    /// How its text is read.
    pub kind: Kind,
    /// Whether it is a list (a query parameter sent once is then a list of one).
    pub many: bool,
    /// How a query parameter's values become pairs.
    pub style: Style,
    /// The JSON of the value assumed when it is absent.
    pub default: Option<&'static str>,
}

/// A parameter's documented default as a value. The generator checked it against the
/// parameter's type, so it always decodes.
pub fn default_value<T: serde::de::DeserializeOwned>(json: &'static str) -> T {
    serde_json::from_str(json).expect("specgen checked this default against the spec")
}

/// A member of a body sent as multipart/form-data: one part per value, several parts with
/// the same name for a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FormField {
    /// The part name (the member's wire name).
    pub name: &'static str,
    /// How each part's content is read.
    pub kind: Kind,
    /// Whether the member is a list (one part per element).
    pub many: bool,
}

/// The text form of a value sent in a path segment, query or header: strings as they are,
/// numbers and booleans as JSON writes them, a list as one text per element. `null` and
/// objects have no text form and are left out.
pub fn texts<T: Serialize + ?Sized>(value: &T) -> Result<Vec<String>, serde_json::Error> {
    Ok(pairs::texts(&serde_json::to_value(value)?))
}

/// A violation of a request input, with where the input travels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputError {
    /// Where the input travels (`"in": "query"`).
    #[serde(rename = "in")]
    pub location: Location,
    /// What is wrong; for a parameter, the pointer is `/<name>`.
    #[serde(flatten)]
    pub violation: Violation,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let location = match self.location {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
            Location::Cookie => "cookie",
            Location::Body => "body",
        };
        write!(f, "{location} {}", self.violation)
    }
}

/// The violations found in a request's inputs: the first [`limit`](InvalidInput::limit)
/// kept, every one counted ([`total`](InvalidInput::total)). Serialized, it is the list of
/// those kept.
#[derive(Debug, Clone, PartialEq)]
pub struct InvalidInput {
    kept: Vec<InputError>,
    total: usize,
    limit: usize,
}

impl Default for InvalidInput {
    fn default() -> Self {
        Self::new()
    }
}

impl Serialize for InvalidInput {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.kept.serialize(serializer)
    }
}

impl InvalidInput {
    /// No violations yet, keeping at most [`ValidationErrors::DEFAULT_LIMIT`].
    pub const fn new() -> Self {
        Self::with_limit(ValidationErrors::DEFAULT_LIMIT)
    }

    /// No violations yet, keeping at most `limit` (at least one).
    pub const fn with_limit(limit: usize) -> Self {
        InvalidInput {
            kept: Vec::new(),
            total: 0,
            limit: if limit == 0 { 1 } else { limit },
        }
    }

    /// Records the violations of the body.
    pub fn body(&mut self, errors: ValidationErrors) {
        self.record(errors, |_| Location::Body);
    }

    /// Records the violations of a parameter set, each placed by the parameter its pointer
    /// starts with.
    pub fn params(&mut self, errors: ValidationErrors, params: &[Param]) {
        self.record(errors, |pointer| {
            let name = pointer.split('/').nth(1).unwrap_or("");
            params
                .iter()
                .find(|p| p.name == name)
                .map_or(Location::Query, |p| p.location)
        });
    }

    /// Records `errors`, those they only counted included, each placed by `location`.
    fn record(&mut self, errors: ValidationErrors, location: impl Fn(&str) -> Location) {
        self.total += errors.total();
        let room = self.limit.saturating_sub(self.kept.len());
        self.kept
            .extend(errors.into_iter().take(room).map(|violation| InputError {
                location: location(&violation.pointer),
                violation,
            }));
    }

    /// Validates a parameter set, recording what fails.
    pub fn check_params<T: crate::Validate>(&mut self, value: &T, params: &[Param]) {
        if let Err(errors) = value.validate() {
            self.params(errors, params);
        }
    }

    /// Validates the body, recording what fails.
    pub fn check_body<T: crate::Validate>(&mut self, value: &T) {
        if let Err(errors) = value.validate() {
            self.body(errors);
        }
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// The violations kept, in the order they were found.
    pub fn errors(&self) -> &[InputError] {
        &self.kept
    }

    /// How many violations were found, those not kept included.
    pub fn total(&self) -> usize {
        self.total
    }

    /// The most violations kept.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// `Ok(())` when nothing was found, otherwise `Err(self)`.
    pub fn into_result(self) -> Result<(), Self> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }
}

impl std::fmt::Display for InvalidInput {
    /// One `location pointer: message [code]` line per violation kept, and a last line
    /// counting those left out.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, error) in self.kept.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            error.fmt(f)?;
        }
        match self.total - self.kept.len() {
            0 => Ok(()),
            left_out => write!(f, "\n… and {left_out} more"),
        }
    }
}

impl std::error::Error for InvalidInput {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_texts_by_kind() {
        use serde_json::json;
        assert_eq!(Kind::Text.read("12"), json!("12"));
        assert_eq!(Kind::Scalar.read("12"), json!(12));
        assert_eq!(Kind::Scalar.read("true"), json!(true));
        assert_eq!(Kind::Scalar.read("none"), json!("none"));
        assert_eq!(Kind::Scalar.read(" 1"), json!(" 1"));
        assert_eq!(Kind::Scalar.read("1\n"), json!("1\n"));
        assert_eq!(Kind::Scalar.read("[1]"), json!("[1]"));
        assert_eq!(Kind::Scalar.read("85394.0"), json!(85394));
        assert_eq!(Kind::Scalar.read("-1e3"), json!(-1000));
        assert_eq!(
            Kind::Scalar.read("1e19"),
            json!(10_000_000_000_000_000_000_u64)
        );
        assert_eq!(Kind::Scalar.read("1.5"), json!(1.5));
        assert_eq!(Kind::Scalar.read("1e20"), json!(1e20));
        assert_eq!(Kind::Json.read(r#"{"Key":1}"#), json!({"Key": 1}));
        assert_eq!(Kind::Json.read("{"), json!("{"));
    }

    #[test]
    fn writes_texts() {
        assert_eq!(texts("a/b").unwrap(), ["a/b"]);
        assert_eq!(texts(&7_i64).unwrap(), ["7"]);
        assert_eq!(texts(&vec![1, 2]).unwrap(), ["1", "2"]);
        assert!(texts(&Option::<i32>::None).unwrap().is_empty());
    }
}
