//! `min_length`: a text has at least so many characters (Unicode scalar values).

use super::{counted, widen};
use crate::{Definition, Derive, Kind, Rule};

pub(crate) const RULE: Definition = Definition {
    key: "min_length",
    kind: Kind::Length { holds, message },
    openapi: "minLength",
    openapi_on_map: None,
    derive: Derive::Assign,
    at_most: Some(Rule::MaxLength),
};

fn holds(text: &str, limit: u64) -> bool {
    // A character takes at least one byte: fewer bytes than the limit is too short already.
    widen(text.len()) >= limit && widen(text.chars().count()) >= limit
}

fn message(limit: u64) -> String {
    format!("must be at least {}", counted(limit, "character"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_characters_not_bytes() {
        assert!(holds("あい", 2));
        assert!(!holds("あ", 2));
        assert!(holds("", 0));
        assert_eq!(message(1), "must be at least 1 character");
    }
}
