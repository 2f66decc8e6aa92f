//! Parse JSON into a model and validate it, reporting problems by JSON pointer.
//!
//! A deserialization failure (a missing member, a wrong type, an int32 overflow, an
//! unknown enum value) becomes a [`Violation`] at the member's wire pointer, so clients
//! and servers report it the same way as a broken constraint. Serde's messages quote
//! the offending input, which may be a secret, so only the "expected ..." part is kept, with a
//! Rust number type told as the range the spec's type has ("expected an integer from 0 to
//! 255").
//!
//! Numbers are read as JSON Schema reads them: `3.0` and `1e3` are integers.

use std::borrow::Cow;

use serde::de::DeserializeOwned;
use serde_json::error::Category;
use specgen_rules::{NumberValue, Numeric};

use crate::error::{Code, Limit, ValidationErrors, Violation};
use crate::file::FILE_NOT_JSON;
use crate::path::push_segment;
use crate::rules::Rule;
use crate::strict::Strict;
use crate::validate::Validate;

/// Why a JSON document could not become a valid `T`.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    /// The bytes are not well-formed JSON.
    #[error("malformed JSON at line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line of the problem.
        line: usize,
        /// 1-based column of the problem.
        column: usize,
        /// What is wrong, without quoting the input.
        message: String,
    },
    /// The JSON is well-formed but does not fit the model or break its constraints.
    #[error("the JSON does not satisfy the spec:\n{0}")]
    Invalid(ValidationErrors),
    /// The bytes are not a well-formed XML document, or not the body's elements.
    #[error("{0}")]
    Xml(crate::xml::XmlError),
}

impl DecodeError {
    /// The violations, for [`DecodeError::Invalid`].
    pub fn violations(&self) -> &[Violation] {
        match self {
            DecodeError::Invalid(errors) => errors.violations(),
            DecodeError::Syntax { .. } | DecodeError::Xml(_) => &[],
        }
    }
}

/// Parses `bytes` as JSON into `T`, then validates it, keeping the first [`ValidationErrors::DEFAULT_LIMIT`]
/// violations ([`from_json_slice_keeping`]).
///
/// Every member that does not fit is reported, not only the first: a document that does not
/// decode is read again as a JSON value, and each failing member is set aside in turn (or,
/// where it is missing or cannot be left out, a stand-in value takes its place), so the
/// members after it are still read and their constraints checked.
pub fn from_json_slice<T: DeserializeOwned + Validate>(bytes: &[u8]) -> Result<T, DecodeError> {
    from_json_slice_keeping(bytes, ValidationErrors::DEFAULT_LIMIT)
}

/// [`from_json_slice`], keeping at most `limit` violations; every one is counted
/// ([`ValidationErrors::total`]).
pub fn from_json_slice_keeping<T: DeserializeOwned + Validate>(
    bytes: &[u8],
    limit: usize,
) -> Result<T, DecodeError> {
    // Tracking the path doubles the cost of deserializing, so a document is read plainly
    // first; only one that fails is read again, to find where.
    match from_slice_strict::<T>(bytes) {
        Ok(value) => validated(value, limit),
        Err(_) => from_json_slice_tracked(bytes, limit),
    }
}

/// `serde_json::from_slice`, reading structs only from objects ([`Strict`]).
fn from_slice_strict<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = T::deserialize(Strict(&mut deserializer))?;
    deserializer.end()?;
    Ok(value)
}

/// [`from_json_slice`] for a document that failed: read again with its path tracked, so each
/// failure is reported at its member.
fn from_json_slice_tracked<T: DeserializeOwned + Validate>(
    bytes: &[u8],
    limit: usize,
) -> Result<T, DecodeError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    match serde_path_to_error::deserialize::<_, T>(Strict(&mut deserializer)) {
        Ok(value) => {
            // Trailing bytes after the document are a syntax error, not silently ignored.
            deserializer.end().map_err(|error| syntax(&error))?;
            validated(value, limit)
        }
        Err(error) if error.inner().classify() == Category::Data => {
            // The first failure stands even where a JSON value would hide it (a member sent
            // twice); the value finds the rest.
            let pointer = pointer_of(error.path());
            let mut document = match serde_json::from_slice::<serde_json::Value>(bytes) {
                Ok(document) => document,
                Err(error) => return Err(syntax(&error)),
            };
            // Perhaps no real failure: in a JSON document `3.0` is an integer, as JSON Schema
            // reads it (and the failure may be at a union holding one). Read again with whole
            // floats as integers.
            let at_whole = document.pointer(&pointer).is_some_and(holds_whole_float);
            whole_numbers(&mut document);
            if at_whole {
                return from_json_value_keeping(document, limit);
            }
            let mut errors = ValidationErrors::with_limit(limit);
            errors.push(data_violation(pointer, &message_of(error.inner())));
            Err(collect::<T>(document, errors))
        }
        // A number past an `f32`'s range, which serde_json reads as one and refuses: read as a
        // JSON value, it is an infinite `f32`, which validation reports at its member.
        Err(error) if message_of(error.inner()) == "number out of range" => {
            match serde_json::from_slice::<serde_json::Value>(bytes) {
                Ok(document) => from_json_value_keeping(document, limit),
                Err(error) => Err(syntax(&error)),
            }
        }
        Err(error) => Err(syntax(error.inner())),
    }
}

/// Parses `bytes` as an XML document in `form` into `T` (a list body's items are its root's
/// `item` elements), then validates it, reporting every member that does not fit by pointer
/// as for JSON.
#[cfg(feature = "xml")]
pub fn from_xml_slice_keeping<T: DeserializeOwned + Validate>(
    bytes: &[u8],
    form: &crate::xml::Form,
    limit: usize,
) -> Result<T, DecodeError> {
    let document = crate::xml::read(bytes, form.item).map_err(DecodeError::Xml)?;
    crate::xml::reading(form.objects, || from_json_value_keeping(document, limit))
}

/// How many times a failing document is read again, each time past one more failing member
/// (or trying one more stand-in), before decoding stops looking for more. Each read costs as
/// much as the document is large, so this bounds the work a document can cause.
const MAX_ROUNDS: usize = 64;

/// Converts an already parsed JSON value into `T`, then validates it, reporting every
/// member that does not fit (the first [`ValidationErrors::DEFAULT_LIMIT`] kept). A document that fits only with
/// its whole floats read as integers (`3.0`, as JSON Schema reads it) is read so.
pub fn from_json_value<T: DeserializeOwned + Validate>(
    document: serde_json::Value,
) -> Result<T, DecodeError> {
    from_json_value_keeping(document, ValidationErrors::DEFAULT_LIMIT)
}

/// [`from_json_value`], keeping at most `limit` violations; every one is counted.
pub fn from_json_value_keeping<T: DeserializeOwned + Validate>(
    mut document: serde_json::Value,
    limit: usize,
) -> Result<T, DecodeError> {
    match crate::xml::value_into::<T>(&document) {
        Ok(value) => validated(value, limit),
        Err(_) if whole_numbers(&mut document) => from_json_value_keeping(document, limit),
        Err(_) => Err(collect::<T>(document, ValidationErrors::with_limit(limit))),
    }
}

/// The integer a float with a zero fraction (`3.0`, `-1e2`) stands for, when it lies strictly
/// between -2^63 and 2^64; `None` for an integer already, a fraction, or one at or past those
/// ends. At the ends the float says too little: an integer written past `i64::MIN`
/// (`-9223372036854775809`) is read as the float -2^63, which must not pass for `i64::MIN`.
pub(crate) fn whole(number: &serde_json::Number) -> Option<serde_json::Number> {
    if !number.is_f64() {
        return None;
    }
    let integer = NumberValue::from_json(number).integral()?;
    match i64::try_from(integer) {
        Ok(i64::MIN) => None,
        Ok(integer) => Some(integer.into()),
        Err(_) => u64::try_from(integer).ok().map(Into::into),
    }
}

/// Whether `value` is, or holds, a number written with a zero fraction.
fn holds_whole_float(value: &serde_json::Value) -> bool {
    match value {
        serde_json::Value::Array(items) => items.iter().any(holds_whole_float),
        serde_json::Value::Object(members) => members.values().any(holds_whole_float),
        number => number.as_number().and_then(whole).is_some(),
    }
}

/// Rewrites every whole float as an integer, as JSON Schema reads them (`3.0` is the integer
/// 3), so integer members accept them; whether there was any.
fn whole_numbers(value: &mut serde_json::Value) -> bool {
    match value {
        serde_json::Value::Array(items) => items
            .iter_mut()
            .fold(false, |any, v| whole_numbers(v) | any),
        serde_json::Value::Object(members) => members
            .values_mut()
            .fold(false, |any, v| whole_numbers(v) | any),
        serde_json::Value::Number(number) => match whole(number) {
            Some(integer) => {
                *number = integer;
                true
            }
            None => false,
        },
        _ => false,
    }
}

/// Every member of `document` that does not fit `T`, after those already in `errors`: each
/// failing member is set aside in turn, or stood in for ([`ReadingOn`]), until the rest
/// decodes (and then its constraints are checked too), nothing more can be changed, or
/// [`MAX_ROUNDS`] reads have been made.
fn collect<T: DeserializeOwned + Validate>(
    document: serde_json::Value,
    errors: ValidationErrors,
) -> DecodeError {
    let mut reading = ReadingOn::new(document, errors);
    for _ in 0..MAX_ROUNDS {
        match crate::xml::value_into_tracked::<T>(&reading.document) {
            Ok(value) => {
                reading.check(&value);
                break;
            }
            Err(error) => {
                let violation =
                    data_violation(pointer_of(error.path()), &message_of(error.inner()));
                if !reading.past(violation) {
                    break;
                }
            }
        }
    }
    DecodeError::Invalid(reading.errors)
}

/// Values put in place of a member that is missing (or cannot be left out, such as an element
/// of a list), so that the rest of the document can be read: tried in turn until one reads as
/// the member's type. Nothing found in them is reported.
const STAND_INS: &[&str] = &[
    r#""""#,
    "0",
    "false",
    "[]",
    "{}",
    "null",
    r#""00000000-0000-0000-0000-000000000000""#,
    r#""1970-01-01T00:00:00Z""#,
    r#""1970-01-01""#,
    r#""00:00:00Z""#,
];

/// A document being read past its failures: the violations recorded, the pointers they were
/// recorded at, and the stand-ins put in.
struct ReadingOn {
    document: serde_json::Value,
    errors: ValidationErrors,
    /// Where a violation was recorded: a member set aside and then missed is not reported
    /// twice, nor one that a value read differently from the bytes (a member sent twice).
    seen: Vec<String>,
    /// Each stand-in's pointer and the index in [`STAND_INS`] of the one it holds.
    stand_ins: Vec<(String, usize)>,
}

impl ReadingOn {
    fn new(document: serde_json::Value, errors: ValidationErrors) -> Self {
        let seen = errors.iter().map(|v| v.pointer.clone()).collect();
        ReadingOn {
            document,
            errors,
            seen,
            stand_ins: Vec::new(),
        }
    }

    /// Records the constraints `value` breaks, outside the stand-ins.
    fn check<T: Validate>(&mut self, value: &T) {
        for (pointer, _) in &self.stand_ins {
            self.errors.ignore(pointer.clone());
        }
        value.validate_at(&crate::path::Path::root(), &mut self.errors);
    }

    /// Records `violation` (unless a stand-in caused it) and changes the document so that the
    /// next read gets past it; `false` when nothing can be changed.
    fn past(&mut self, violation: Violation) -> bool {
        let pointer = violation.pointer.clone();
        // The deepest stand-in holding the failure: it is the stand-in's, not the input's.
        let holder = self
            .stand_ins
            .iter()
            .rposition(|(at, _)| crate::path::is_at_or_under(&pointer, at));
        if let Some(holder) = holder {
            return if pointer != self.stand_ins[holder].0 && violation.code == Code::Required {
                self.stand_in(pointer)
            } else {
                self.next_stand_in(holder)
            };
        }
        if !self.seen.contains(&pointer) {
            self.seen.push(pointer.clone());
            self.errors.push(violation);
        }
        remove(&mut self.document, &pointer) || self.stand_in(pointer)
    }

    /// Puts the first stand-in at `pointer`.
    fn stand_in(&mut self, pointer: String) -> bool {
        if !set(&mut self.document, &pointer, STAND_INS[0]) {
            return false;
        }
        self.stand_ins.push((pointer, 0));
        true
    }

    /// Puts the next stand-in in place of stand-in `index`, dropping those inside it.
    fn next_stand_in(&mut self, index: usize) -> bool {
        let (pointer, tried) = self.stand_ins[index].clone();
        let Some(next) = STAND_INS.get(tried + 1) else {
            return false;
        };
        self.stand_ins
            .retain(|(at, _)| at == &pointer || !crate::path::is_at_or_under(at, &pointer));
        if let Some(entry) = self.stand_ins.iter_mut().find(|(at, _)| at == &pointer) {
            entry.1 = tried + 1;
        }
        set(&mut self.document, &pointer, next)
    }
}

fn validated<T: Validate>(value: T, limit: usize) -> Result<T, DecodeError> {
    let mut errors = ValidationErrors::with_limit(limit);
    value.validate_at(&crate::path::Path::root(), &mut errors);
    match errors.into_result() {
        Ok(()) => Ok(value),
        Err(errors) => Err(DecodeError::Invalid(errors)),
    }
}

/// Sets the object member or list element at `pointer` to the JSON `value`; `false` when
/// there is no such place (the document root, a list element past the end, or a parent that
/// is neither an object nor a list).
fn set(document: &mut serde_json::Value, pointer: &str, value: &str) -> bool {
    let Some((parent, last)) = pointer.rsplit_once('/') else {
        return false;
    };
    let value = serde_json::from_str(value).unwrap_or_default();
    match document.pointer_mut(parent) {
        Some(serde_json::Value::Object(members)) => {
            members.insert(unescape(last), value);
            true
        }
        Some(serde_json::Value::Array(items)) => {
            match last.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
                Some(item) => {
                    *item = value;
                    true
                }
                None => false,
            }
        }
        _ => false,
    }
}

/// A pointer segment as the key it names (RFC 6901).
fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

/// Removes the object member at `pointer`; `false` when there is none (the document root,
/// an array element, or a member that is absent).
fn remove(document: &mut serde_json::Value, pointer: &str) -> bool {
    let Some((parent, last)) = pointer.rsplit_once('/') else {
        return false;
    };
    match document.pointer_mut(parent) {
        Some(serde_json::Value::Object(members)) => members.remove(&unescape(last)).is_some(),
        _ => false,
    }
}

fn pointer_of(path: &serde_path_to_error::Path) -> String {
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            serde_path_to_error::Segment::Seq { index } => {
                push_segment(&mut pointer, &index.to_string());
            }
            serde_path_to_error::Segment::Map { key } => push_segment(&mut pointer, key),
            serde_path_to_error::Segment::Enum { variant } => {
                push_segment(&mut pointer, variant);
            }
            // An untagged enum or other opaque step: it has no wire name.
            serde_path_to_error::Segment::Unknown => {}
        }
    }
    pointer
}

fn syntax(error: &serde_json::Error) -> DecodeError {
    DecodeError::Syntax {
        line: error.line(),
        column: error.column(),
        // serde_json's syntax messages name the problem ("expected value",
        // "EOF while parsing a string"), never the input.
        message: message_of(error),
    }
}

/// serde_json's message without its " at line L column C" suffix.
fn message_of(error: &serde_json::Error) -> String {
    let full = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    match full.strip_suffix(&suffix) {
        Some(message) => message.to_owned(),
        None => full,
    }
}

/// Turns serde's data error message into a violation that does not quote the input.
fn data_violation(mut pointer: String, message: &str) -> Violation {
    if let Some(rest) = message.strip_prefix("missing field `") {
        // The name is the wire name from the model, not input; point at the member itself.
        let name = rest.strip_suffix('`').unwrap_or(rest);
        push_segment(&mut pointer, name);
        return Violation {
            pointer,
            code: Code::Required,
            limit: None,
            message: "is required".to_owned(),
        };
    }
    if let Some(rest) = message.strip_prefix("duplicate field `") {
        let name = rest.strip_suffix('`').unwrap_or(rest);
        push_segment(&mut pointer, name);
        return Violation {
            pointer,
            code: Code::Type,
            limit: None,
            message: "is sent more than once".to_owned(),
        };
    }
    if let Some(format) = crate::formats::of_message(message) {
        // A text that did not read as the type its format is held in (`Base64`, `Rfc3339`):
        // reported as the format rule reports a text that breaks it.
        return Violation {
            pointer,
            code: Code::Rule(Rule::Format),
            limit: Some(Limit::Format(format.as_str())),
            message: message.to_owned(),
        };
    }
    let code = if message.starts_with("unknown variant") {
        Code::Enum
    } else {
        Code::Type
    };
    Violation {
        pointer,
        code,
        limit: None,
        message: safe_message(code, message),
    }
}

/// What serde's "invalid type: … \"quoted input\", expected …" message says was expected:
/// the part after the last ", expected ", which quotes no input; a Rust number type (`u8`)
/// as the values it holds ("an integer from 0 to 255").
pub(crate) fn expected_part(message: &str) -> Option<Cow<'_, str>> {
    let (_, expected) = message.rsplit_once(", expected ")?;
    Some(match Numeric::from_rust(expected) {
        Some(numeric) => Cow::Owned(numeric.values()),
        None => Cow::Borrowed(expected),
    })
}

fn safe_message(code: Code, message: &str) -> String {
    // "invalid type: string \"hunter2\", expected i32": the quoted input comes first, so
    // keep only what follows the last ", expected ".
    if let Some(expected) = expected_part(message) {
        // With deny_unknown_fields the pointer names the member; say it is the problem.
        if message.starts_with("unknown field") {
            return format!("is not a documented member; expected {expected}");
        }
        return format!("expected {expected}");
    }
    // Messages this crate writes itself, and serde's messages that quote no input.
    let known_safe = message.starts_with("expected ")
        || message == FILE_NOT_JSON
        || message.starts_with("data did not match any variant")
        || message.starts_with("duplicate field")
        || message.starts_with("invalid length");
    if known_safe {
        return message.to_owned();
    }
    match code {
        Code::Enum => "is not one of the documented values".to_owned(),
        _ => "has an invalid value".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_the_expected_part() {
        let v = data_violation(
            "/a".to_owned(),
            "invalid type: string \"s3cret, expected x\", expected i32",
        );
        assert_eq!(
            (v.code, v.message.as_str()),
            (
                Code::Type,
                "expected an integer from -2147483648 to 2147483647"
            )
        );
        let v = data_violation(String::new(), "invalid type: string \"x\", expected a map");
        assert_eq!(v.message, "expected a map");
        let v = data_violation(String::new(), "missing field `domainId`");
        assert_eq!((v.code, v.pointer.as_str()), (Code::Required, "/domainId"));
        let v = data_violation(String::new(), "UUID parsing failed: found `s` at 1");
        assert_eq!(v.message, "has an invalid value");
        let v = data_violation(String::new(), "unknown variant `x`, there are no variants");
        assert_eq!(
            (v.code, v.message.as_str()),
            (Code::Enum, "is not one of the documented values")
        );
    }

    #[derive(Debug, serde::Deserialize)]
    struct Field {
        #[serde(rename = "domainId")]
        domain_id: i32,
        #[serde(default)]
        order: Vec<i64>,
        #[serde(default)]
        size: Option<u64>,
        #[serde(default)]
        level: Option<u8>,
    }

    impl Validate for Field {
        fn validate_at(&self, _: &crate::path::Path<'_>, _: &mut ValidationErrors) {}
    }

    #[test]
    fn whole_floats_are_integers_as_in_json_schema() {
        let field: Field = from_json_slice(br#"{"domainId": -14278.0, "order": [1, 2e0]}"#)
            .expect("whole floats are integers");
        assert_eq!((field.domain_id, field.order), (-14278, vec![1, 2]));
        // Past i64, up to u64::MAX.
        let field: Field =
            from_json_slice(br#"{"domainId": 1, "size": 1e19, "level": 255.0}"#).expect("a u64");
        assert_eq!(field.size, Some(10_000_000_000_000_000_000));
        assert_eq!(field.level, Some(255));
        // A document already parsed, such as a multipart part's JSON, reads them so too.
        let value = serde_json::json!({"domainId": 7.0, "order": [3.0]});
        let field = from_json_value::<Field>(value).expect("whole floats are integers");
        assert_eq!((field.domain_id, field.order), (7, vec![3]));
    }

    #[test]
    fn an_integer_past_i64_is_no_whole_float_at_its_end() {
        let error =
            from_json_slice::<Field>(br#"{"domainId": 1, "order": [-9223372036854775809]}"#)
                .unwrap_err();
        assert_eq!(error.violations()[0].pointer, "/order/0");
        let field: Field = from_json_slice(br#"{"domainId": 1, "order": [-9223372036854775808]}"#)
            .expect("i64::MIN written as an integer");
        assert_eq!(field.order, [i64::MIN]);
    }

    #[test]
    fn a_whole_float_after_a_failure_is_no_second_failure() {
        let error = from_json_slice::<Field>(br#"{"level": "x", "domainId": 7.0}"#).unwrap_err();
        let pointers: Vec<&str> = error
            .violations()
            .iter()
            .map(|v| v.pointer.as_str())
            .collect();
        assert_eq!(pointers, ["/level"]);
    }

    #[derive(Debug, serde::Deserialize)]
    struct Gain {
        gain: f32,
    }

    impl Validate for Gain {
        fn validate_at(&self, path: &crate::path::Path<'_>, errors: &mut ValidationErrors) {
            self.gain.validate_at(&path.field("gain"), errors);
        }
    }

    #[test]
    fn an_f32_past_its_range_is_refused_at_its_member() {
        let error = from_json_slice::<Gain>(br#"{"gain": -1e39}"#).unwrap_err();
        let v = &error.violations()[0];
        assert_eq!(
            (v.pointer.as_str(), v.message.as_str()),
            (
                "/gain",
                "expected a number from -3.4028235e38 to 3.4028235e38"
            )
        );
        let gain = from_json_slice::<Gain>(br#"{"gain": 3.4028235e38}"#).expect("f32::MAX");
        assert_eq!(gain.gain, f32::MAX);
        // Past every number: malformed.
        let error = from_json_slice::<Gain>(br#"{"gain": 1e400}"#).unwrap_err();
        assert!(matches!(error, DecodeError::Syntax { .. }), "{error}");
    }

    #[test]
    fn out_of_range_numbers_name_the_range() {
        for (body, pointer, message) in [
            (
                r#"{"domainId": 1, "level": 256}"#,
                "/level",
                "expected an integer from 0 to 255",
            ),
            (
                r#"{"domainId": 1, "level": -1}"#,
                "/level",
                "expected an integer from 0 to 255",
            ),
            (
                r#"{"domainId": 1, "size": 18446744073709551616}"#,
                "/size",
                "expected an integer from 0 to 18446744073709551615",
            ),
        ] {
            let error = from_json_slice::<Field>(body.as_bytes()).unwrap_err();
            let v = &error.violations()[0];
            assert_eq!(
                (v.pointer.as_str(), v.code, v.message.as_str()),
                (pointer, Code::Type, message),
                "{body}"
            );
        }
    }

    #[test]
    fn fractions_and_overflow_stay_type_errors() {
        for body in [
            r#"{"domainId": 1.5}"#,
            r#"{"domainId": 3e9}"#,
            r#"{"domainId": 1e300}"#,
        ] {
            let error = from_json_slice::<Field>(body.as_bytes()).unwrap_err();
            let v = &error.violations()[0];
            assert_eq!(
                (v.pointer.as_str(), v.code),
                ("/domainId", Code::Type),
                "{body}"
            );
        }
    }
}
