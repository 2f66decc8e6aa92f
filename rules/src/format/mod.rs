//! The string formats a spec can require, in one table: each format's file under `format/`
//! holds its row (the name specs, JSON Schema and OpenAPI write, the word `#[validate(...)]`
//! writes, the message, a sample for mocks, how generated Rust holds a value) and its precise
//! check, with its tests. The generator, the derive, the mock, the export and the runtime all
//! read them from here.
//!
//! Adding a format takes a variant of [`Format`], its place in [`Format::ALL`] and in
//! [`Format::definition`], and its file.

mod byte;
mod date;
mod date_time;
mod duration;
mod email;
mod hostname;
mod ipv4;
mod ipv6;
mod rfc3339;
mod time;
mod uri;
mod uuid;

pub use byte::{decode as decode_base64, encode as encode_base64};
pub use date::{parse as parse_date, write as write_date};
pub use date_time::{is_date_time, parse as parse_date_time, write as write_date_time};
pub use email::is_email;
pub use time::{parse as parse_time, write as write_time};
pub use uuid::is_uuid;

/// A named string format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// An email address, as HTML forms accept it.
    Email,
    /// A hyphenated UUID (`xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`).
    Uuid,
    /// An RFC 3339 `full-date`: `2024-02-29`.
    Date,
    /// An RFC 3339 `full-time`, a time of day with its offset: `13:45:00Z`, `09:30:00.5+02:00`.
    Time,
    /// An RFC 3339 `date-time`, with an offset.
    DateTime,
    /// An ISO 8601 duration: `P3D`, `PT1H30M`, `P1Y2M`, `P2W`.
    Duration,
    /// An absolute URI (RFC 3986): a scheme, then what it names.
    Uri,
    /// An RFC 1123 host name: dot-separated labels of letters, digits and hyphens.
    Hostname,
    /// An IPv4 address in dotted-quad form, without leading zeros.
    Ipv4,
    /// An IPv6 address in an RFC 4291 text form, without a zone.
    Ipv6,
    /// Bytes as base64 text (RFC 4648); held as the bytes.
    Byte,
}

/// One format's row of the table.
#[derive(Debug)]
pub struct Definition {
    /// The name in specs, JSON Schema and OpenAPI (`date-time`).
    pub name: &'static str,
    /// The word `#[validate(...)]` writes (`date_time`).
    pub derive: &'static str,
    /// What a value must be, for messages: "a valid RFC 3339 date".
    pub description: &'static str,
    /// A value in the format, for answers made up where the docs show none.
    pub sample: &'static str,
    /// Whether a text is in the format.
    pub matches: fn(&str) -> bool,
    /// How generated Rust holds a value of the format.
    pub held: Held,
}

/// How generated Rust holds a value of a format.
#[derive(Debug, Clone, Copy)]
pub enum Held {
    /// As its text (`String`), checked against the format.
    Text,
    /// As the bytes the text encodes (`specgen_runtime::Base64`), always.
    Bytes {
        /// The text the bytes of a valid text are written back as.
        written: fn(&str) -> Option<String>,
    },
    /// As its text, or as a `time` value where the bindings ask for date types.
    Calendar {
        /// The text the `time` value of a valid text is written back as.
        written: fn(&str) -> Option<String>,
    },
}

impl Format {
    /// Every format, in the order messages list them.
    pub const ALL: [Format; 11] = [
        Format::Email,
        Format::Uuid,
        Format::Date,
        Format::Time,
        Format::DateTime,
        Format::Duration,
        Format::Uri,
        Format::Hostname,
        Format::Ipv4,
        Format::Ipv6,
        Format::Byte,
    ];

    /// The table's row for this format.
    pub const fn definition(self) -> &'static Definition {
        match self {
            Format::Email => &email::FORMAT,
            Format::Uuid => &uuid::FORMAT,
            Format::Date => &date::FORMAT,
            Format::Time => &time::FORMAT,
            Format::DateTime => &date_time::FORMAT,
            Format::Duration => &duration::FORMAT,
            Format::Uri => &uri::FORMAT,
            Format::Hostname => &hostname::FORMAT,
            Format::Ipv4 => &ipv4::FORMAT,
            Format::Ipv6 => &ipv6::FORMAT,
            Format::Byte => &byte::FORMAT,
        }
    }

    /// The format a spec names (`date-time`), if there is one.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.as_str() == name)
    }

    /// The word `#[validate(...)]` writes for it: `email`, `uuid`, `date_time`.
    pub const fn derive_name(self) -> &'static str {
        self.definition().derive
    }

    /// The format's name as specs and JSON Schema write it.
    pub const fn as_str(self) -> &'static str {
        self.definition().name
    }

    /// What the value must be, for messages: "a valid email address".
    pub const fn description(self) -> &'static str {
        self.definition().description
    }

    /// A short text in this format, for answers made up where the docs show none.
    pub const fn sample(self) -> &'static str {
        self.definition().sample
    }

    /// Whether `text` is in this format.
    pub fn matches(self, text: &str) -> bool {
        (self.definition().matches)(text)
    }

    /// How generated Rust holds a value of this format.
    pub const fn held(self) -> Held {
        self.definition().held
    }

    /// The text a value held other than as text (bytes, a `time` value) is written back as,
    /// for a valid `text`: `aGk` is written `aGk=`, `12:00:00+02:00` is `10:00:00Z`. `None`
    /// for a format held as text, and for a text not in the format.
    pub fn written(self, text: &str) -> Option<String> {
        match self.held() {
            Held::Text => None,
            Held::Bytes { written } | Held::Calendar { written } => written(text),
        }
    }
}

/// Why a spec's `format: binary` is refused, and what to write instead: raw bytes have no
/// text form a string could hold.
pub const BINARY: (&str, &str) = (
    "`format: binary` is raw bytes, which a string cannot hold",
    "a raw request or response body is `body: bytes` (with its media type); a file in a \
     multipart body is a field of `type: file`; bytes inside JSON are `format: byte` (base64)",
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_is_listed_once_and_in_order() {
        let mut sorted = Format::ALL;
        sorted.sort();
        assert_eq!(sorted, Format::ALL);
        for format in Format::ALL {
            assert_eq!(Format::from_name(format.as_str()), Some(format));
        }
        assert_eq!(Format::from_name("date_time"), None);
        assert_eq!(Format::from_name("binary"), None);
    }

    #[test]
    fn every_sample_is_in_its_format_and_written_as_itself() {
        for format in Format::ALL {
            let sample = format.sample();
            assert!(format.matches(sample), "{format:?}");
            if let Some(written) = format.written(sample) {
                assert_eq!(written, sample, "{format:?}");
            }
        }
    }

    #[test]
    fn names_and_words_differ_only_by_punctuation() {
        for format in Format::ALL {
            assert_eq!(format.as_str().replace('-', "_"), format.derive_name());
        }
    }

    #[test]
    fn only_formats_held_as_text_have_no_written_form() {
        assert_eq!(Format::Byte.written("aGk"), Some("aGk=".to_owned()));
        assert_eq!(Format::Byte.written("not base64!"), None);
        assert_eq!(Format::Email.written("a@example.com"), None);
        assert!(matches!(Format::Date.held(), Held::Calendar { .. }));
        assert!(matches!(Format::Duration.held(), Held::Text));
    }
}
