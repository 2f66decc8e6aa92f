//! `format`: a text is in a named format (`date`, `uri`, `byte`…; the formats' own table is
//! `crate::format`).

use crate::{Definition, Derive, Format, Kind};

pub(crate) const RULE: Definition = Definition {
    key: "format",
    kind: Kind::Format { holds, message },
    openapi: "format",
    openapi_on_map: None,
    derive: Derive::FormatWord,
    at_most: None,
};

fn holds(text: &str, format: Format) -> bool {
    format.matches(text)
}

fn message(format: Format) -> String {
    format!("must be {}", format.description())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_is_its_own_check() {
        assert!(holds("a@example.com", Format::Email));
        assert!(!holds("nope", Format::Email));
        assert_eq!(message(Format::Email), "must be a valid email address");
        assert_eq!(message(Format::Date), "must be a valid RFC 3339 date");
        assert_eq!(message(Format::Byte), "must be valid base64");
    }
}
