//! `max_length`: a text has at most so many characters (Unicode scalar values).

use super::{counted, widen};
use crate::{Definition, Derive, Kind};

pub(crate) const RULE: Definition = Definition {
    key: "max_length",
    kind: Kind::Length { holds, message },
    openapi: "maxLength",
    openapi_on_map: None,
    derive: Derive::Assign,
    at_most: None,
};

fn holds(text: &str, limit: u64) -> bool {
    // A character takes at least one byte: a text within the limit in bytes needs no count.
    widen(text.len()) <= limit || widen(text.chars().count()) <= limit
}

fn message(limit: u64) -> String {
    format!("must be at most {}", counted(limit, "character"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_characters_not_bytes() {
        assert!(holds(&"あ".repeat(20), 20));
        assert!(!holds(&"あ".repeat(21), 20));
        assert!(holds("abc", 3) && !holds("abcd", 3));
        assert!(holds("x", u64::MAX));
        assert_eq!(message(20), "must be at most 20 characters");
    }
}
