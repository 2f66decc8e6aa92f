//! String formats a spec can require: email, uuid, date-time.

use std::sync::LazyLock;

use regex::Regex;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// A named string format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// An email address, as HTML forms accept it.
    Email,
    /// A hyphenated UUID (`xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`).
    Uuid,
    /// An RFC 3339 timestamp with an offset.
    DateTime,
}

impl Format {
    /// Every format, in the order messages list them.
    pub const ALL: [Format; 3] = [Format::Email, Format::Uuid, Format::DateTime];

    /// The format a spec names (`date-time`), if there is one.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.as_str() == name)
    }

    /// The word `#[validate(...)]` writes for it: `email`, `uuid`, `date_time`.
    pub const fn derive_name(self) -> &'static str {
        match self {
            Format::Email => "email",
            Format::Uuid => "uuid",
            Format::DateTime => "date_time",
        }
    }

    /// The format's name as specs and JSON Schema write it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Format::Email => "email",
            Format::Uuid => "uuid",
            Format::DateTime => "date-time",
        }
    }

    /// What the value must be, for messages: "a valid email address".
    pub const fn description(self) -> &'static str {
        match self {
            Format::Email => "a valid email address",
            Format::Uuid => "a valid UUID",
            Format::DateTime => "a valid RFC 3339 date-time",
        }
    }

    /// A short text in this format, for answers made up where the docs show none.
    pub fn sample(self) -> &'static str {
        match self {
            Format::Email => "user@example.com",
            Format::Uuid => "00000000-0000-0000-0000-000000000000",
            Format::DateTime => "1970-01-01T00:00:00Z",
        }
    }

    /// Whether `text` is in this format.
    pub fn matches(self, text: &str) -> bool {
        match self {
            Format::Email => is_email(text),
            Format::Uuid => is_uuid(text),
            Format::DateTime => is_date_time(text),
        }
    }
}

/// The WHATWG HTML "valid email address" rule, verbatim.
const EMAIL_PATTERN: &str = r"^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$";

// Compiled once, on first use.
static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(EMAIL_PATTERN).expect("the email pattern is a valid regex"));

/// Whether `text` is a valid email address by the WHATWG HTML rule
/// (what `<input type=email>` accepts).
pub fn is_email(text: &str) -> bool {
    EMAIL.is_match(text)
}

/// Whether `text` is a UUID in the hyphenated form JSON Schema's `uuid` format means.
pub fn is_uuid(text: &str) -> bool {
    // The uuid crate also accepts simple, braced and URN forms; only the hyphenated
    // form is 36 bytes long.
    text.len() == 36 && uuid::Uuid::try_parse(text).is_ok()
}

/// Whether `text` is an RFC 3339 date-time, including .NET's 7 fractional digits.
pub fn is_date_time(text: &str) -> bool {
    OffsetDateTime::parse(text, &Rfc3339).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_only_hyphenated() {
        assert!(is_uuid("67e55044-10b1-426f-9247-bb680e5fe0c8"));
        assert!(is_uuid("67E55044-10B1-426F-9247-BB680E5FE0C8"));
        assert!(!is_uuid("67e5504410b1426f9247bb680e5fe0c8"));
        assert!(!is_uuid("{67e55044-10b1-426f-9247-bb680e5fe0c8}"));
        assert!(!is_uuid("67e55044-10b1-426f-9247-bb680e5fe0cz"));
    }

    #[test]
    fn date_time_variants() {
        assert!(is_date_time("2021-11-26T04:36:28.5400491Z"));
        assert!(is_date_time("2021-11-26T04:36:28+09:00"));
        assert!(is_date_time("2021-11-26T04:36:28.123456789-05:30"));
        assert!(!is_date_time("2021-13-01T00:00:00Z"));
        assert!(!is_date_time("2021-11-26"));
        assert!(!is_date_time("2021-11-26T04:36:28"));
    }

    #[test]
    fn names() {
        assert_eq!(Format::DateTime.as_str(), "date-time");
        assert_eq!(Format::from_name("date-time"), Some(Format::DateTime));
        assert_eq!(Format::from_name("date_time"), None);
        assert!(Format::Email.matches("a@b.c"));
        for format in Format::ALL {
            assert!(format.matches(format.sample()), "{format:?}");
        }
    }
}
