//! `byte`: bytes as base64 text (RFC 4648, section 4), held as the bytes themselves. Written
//! in the standard alphabet with padding; read leniently, as JSON producers differ: padding
//! may be left out, and the URL-safe alphabet (`-`, `_`, section 5) is read too, but not both
//! alphabets in one text. Line breaks, spaces and bits left over after the last byte are
//! refused.

use base64::Engine as _;
use base64::engine::general_purpose::{
    STANDARD, STANDARD_PAD_INDIFFERENT, URL_SAFE_PAD_INDIFFERENT,
};

use super::{Definition, Held};

pub(super) const FORMAT: Definition = Definition {
    name: "byte",
    derive: "byte",
    description: "valid base64",
    sample: "c3BlY2dlbg==",
    matches: |text| decode(text).is_some(),
    held: Held::Bytes {
        written: |text| Some(encode(&decode(text)?)),
    },
};

/// The bytes `text` encodes, read as the module's documentation says.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    STANDARD_PAD_INDIFFERENT
        .decode(text)
        .or_else(|_| URL_SAFE_PAD_INDIFFERENT.decode(text))
        .ok()
}

/// `bytes` as standard base64 with padding.
pub fn encode(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_url_safe_padded_or_not() {
        for (text, bytes) in [
            ("", &b""[..]),
            ("aGk=", b"hi"),
            ("aGk", b"hi"),
            ("/+8=", b"\xff\xef"),
            ("_-8", b"\xff\xef"),
            ("AAEC", b"\x00\x01\x02"),
        ] {
            assert_eq!(decode(text).as_deref(), Some(bytes), "{text}");
        }
        assert_eq!(encode(b"\xff\xef"), "/+8=");
    }

    #[test]
    fn not_base64() {
        for text in [
            "a",
            "aGk==",
            "aG=k",
            "a Gk=",
            "aGk=\n",
            "aGk=aGk=",
            "+_8=",
            "aGl",
            "aGk*",
            "aGk=\u{0}",
        ] {
            assert_eq!(decode(text), None, "{text}");
        }
    }
}
