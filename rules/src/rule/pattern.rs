//! `pattern`: a text matches a regular expression (anywhere, unless anchored).

use crate::{Definition, Derive, Kind, Pattern};

pub(crate) const RULE: Definition = Definition {
    key: "pattern",
    kind: Kind::Pattern { holds, message },
    openapi: "pattern",
    openapi_on_map: None,
    derive: Derive::Assign,
    at_most: None,
};

fn holds(text: &str, pattern: &Pattern) -> bool {
    pattern.is_match(text)
}

fn message(source: &str) -> String {
    format!("must match the pattern {source}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_as_the_regex_crate_does() {
        let pattern = Pattern::new("^[a-z]+$").expect("valid");
        assert!(holds("abc", &pattern) && !holds("ABC", &pattern));
        assert_eq!(message("^[a-z]+$"), "must match the pattern ^[a-z]+$");
    }
}
