//! `hostname`: an RFC 1123 host name: labels of ASCII letters, digits and hyphens, each 1 to
//! 63 characters and neither starting nor ending with a hyphen, joined by dots, at most 253
//! characters in all. A trailing dot (DNS's mark of a fully qualified name, RFC 1034) is not
//! part of a host name and is refused, as JSON Schema's `hostname` refuses it; so are
//! underscores and non-ASCII letters (an IDN is written in its `xn--` form).

use super::{Definition, Held};

pub(super) const FORMAT: Definition = Definition {
    name: "hostname",
    derive: "hostname",
    description: "a valid host name",
    sample: "example.com",
    matches: is_hostname,
    held: Held::Text,
};

/// Whether `text` is a host name: see the module's documentation.
pub(super) fn is_hostname(text: &str) -> bool {
    text.len() <= 253 && text.split('.').all(is_label)
}

fn is_label(label: &str) -> bool {
    (1..=63).contains(&label.len())
        && label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !label.starts_with('-')
        && !label.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names() {
        let longest_label = "a".repeat(63);
        let longest = [
            "a".repeat(63),
            "b".repeat(63),
            "c".repeat(63),
            "d".repeat(61),
        ]
        .join(".");
        assert_eq!(longest.len(), 253);
        for text in [
            "example.com",
            "localhost",
            "www.EXAMPLE.com",
            "3com.com",
            "a-b.c",
            "xn--4gbwdl.xn--wgbh1c",
            "1.2.3.4",
            &longest_label,
            &longest,
        ] {
            assert!(is_hostname(text), "{text}");
        }
    }

    #[test]
    fn not_host_names() {
        let long_label = "a".repeat(64);
        let too_long = [
            "a".repeat(63),
            "b".repeat(63),
            "c".repeat(63),
            "d".repeat(62),
        ]
        .join(".");
        for text in [
            "",
            ".",
            "example.com.",
            ".example.com",
            "exa..mple.com",
            "-example.com",
            "example-.com",
            "ex_ample.com",
            "exämple.com",
            "example.com:80",
            "ex ample.com",
            &long_label,
            &too_long,
        ] {
            assert!(!is_hostname(text), "{text}");
        }
    }
}
