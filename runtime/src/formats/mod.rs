//! String formats a spec can require, from the table the generator reads too
//! (`specgen_rules::format`): the checks it applies to the docs' examples, and the types
//! generated code holds a value in where that is not its text: [`Base64`] for `format: byte`,
//! and [`Rfc3339`] around a `time` value for `date`, `time` and `date-time` when the bindings
//! are generated with date types.
//!
//! A text that does not read as its type is reported as the format rule reports a text that
//! breaks it: code `format`, the format's name as the limit, and the same message.

mod byte;
mod calendar;

pub use byte::Base64;
pub use calendar::{Calendar, Rfc3339};
pub use specgen_rules::{Format, is_date_time, is_email, is_uuid};

use specgen_rules::{Limit, Rule};

/// What a value not in `format` is told: "must be a valid RFC 3339 date".
pub(crate) fn message(format: Format) -> String {
    Rule::Format
        .message(&Limit::Format(format))
        .unwrap_or_default()
}

/// The format whose [`message`] `text` is, where it is one: a value that did not read as the
/// type its format is held in.
pub(crate) fn of_message(text: &str) -> Option<Format> {
    Format::ALL
        .into_iter()
        .find(|format| message(*format) == text)
}

/// Reads a text into the type a format is held in with `parse`, failing with the format's
/// message.
fn read<'de, D, T>(
    deserializer: D,
    format: Format,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
{
    use serde::Deserialize as _;
    let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
    parse(&text).ok_or_else(|| serde::de::Error::custom(message(format)))
}
