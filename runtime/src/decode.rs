//! Parse JSON into a model and validate it, reporting problems by JSON pointer.
//!
//! A deserialization failure (a missing member, a wrong type, an int32 overflow, an
//! unknown enum value) becomes a [`Violation`] at the member's wire pointer, so clients
//! and servers report it the same way as a broken constraint. Serde's messages quote
//! the offending input, which may be a secret, so only the "expected ..." part is kept.

use serde::de::DeserializeOwned;
use serde_json::error::Category;

use crate::error::{Code, ValidationErrors, Violation};
use crate::file::FILE_NOT_JSON;
use crate::path::push_segment;
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
}

impl DecodeError {
    /// The violations, for [`DecodeError::Invalid`].
    pub fn violations(&self) -> &[Violation] {
        match self {
            DecodeError::Invalid(errors) => errors.violations(),
            DecodeError::Syntax { .. } => &[],
        }
    }
}

/// Parses `bytes` as JSON into `T`, then validates it.
pub fn from_json_slice<T: DeserializeOwned + Validate>(bytes: &[u8]) -> Result<T, DecodeError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut deserializer).map_err(convert)?;
    // Trailing bytes after the document are a syntax error, not silently ignored.
    deserializer.end().map_err(|error| syntax(&error))?;
    validated(value)
}

/// Converts an already parsed JSON value into `T`, then validates it.
pub fn from_json_value<T: DeserializeOwned + Validate>(
    value: serde_json::Value,
) -> Result<T, DecodeError> {
    let value: T = serde_path_to_error::deserialize(value).map_err(convert)?;
    validated(value)
}

fn validated<T: Validate>(value: T) -> Result<T, DecodeError> {
    match value.validate() {
        Ok(()) => Ok(value),
        Err(errors) => Err(DecodeError::Invalid(errors)),
    }
}

fn convert(error: serde_path_to_error::Error<serde_json::Error>) -> DecodeError {
    let inner = error.inner();
    match inner.classify() {
        Category::Data => {
            let mut pointer = String::new();
            for segment in error.path().iter() {
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
            let mut errors = ValidationErrors::new();
            errors.push(data_violation(pointer, &message_of(inner)));
            DecodeError::Invalid(errors)
        }
        Category::Syntax | Category::Eof | Category::Io => syntax(inner),
    }
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

fn safe_message(code: Code, message: &str) -> String {
    // "invalid type: string \"hunter2\", expected i32": the quoted input comes first, so
    // keep only what follows the last ", expected ".
    if let Some((_, expected)) = message.rsplit_once(", expected ") {
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
        assert_eq!((v.code, v.message.as_str()), (Code::Type, "expected i32"));
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
}
