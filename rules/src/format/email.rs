//! `email`: an email address, as HTML forms accept it.

use std::sync::LazyLock;

use regex::Regex;

use super::{Definition, Held};

pub(super) const FORMAT: Definition = Definition {
    name: "email",
    derive: "email",
    description: "a valid email address",
    sample: "user@example.com",
    matches: is_email,
    held: Held::Text,
};

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_form_addresses() {
        assert!(is_email("a@b.c"));
        assert!(is_email("first.last+tag@example.co.jp"));
        assert!(is_email("user@localhost"));
        assert!(!is_email("nope"));
        assert!(!is_email("a@"));
        assert!(!is_email("@example.com"));
        assert!(!is_email("a@-example.com"));
        assert!(!is_email("a b@example.com"));
    }
}
