//! [`Base64`]: bytes that travel as base64 text.

use std::fmt;
use std::ops::{Deref, DerefMut};

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use specgen_rules::Format;
use specgen_rules::format::{decode_base64, encode_base64};

/// Bytes that travel as base64 text (`format: byte`, RFC 4648): what generated code holds a
/// `type: string, format: byte` value in, in place of its text.
///
/// Written in the standard alphabet with padding. Read leniently, as producers differ:
/// padding may be left out, and the URL-safe alphabet (`-`, `_`) is read too (not mixed with
/// the standard one in one text). Any other text fails to read as a `format` violation at its
/// JSON pointer, so a server answers it with 400.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Base64(pub Vec<u8>);

impl Base64 {
    /// The bytes.
    pub fn into_inner(self) -> Vec<u8> {
        self.0
    }
}

impl From<Vec<u8>> for Base64 {
    fn from(bytes: Vec<u8>) -> Self {
        Base64(bytes)
    }
}

impl From<&[u8]> for Base64 {
    fn from(bytes: &[u8]) -> Self {
        Base64(bytes.to_vec())
    }
}

impl From<Base64> for Vec<u8> {
    fn from(value: Base64) -> Self {
        value.0
    }
}

impl Deref for Base64 {
    type Target = Vec<u8>;

    fn deref(&self) -> &Vec<u8> {
        &self.0
    }
}

impl DerefMut for Base64 {
    fn deref_mut(&mut self) -> &mut Vec<u8> {
        &mut self.0
    }
}

impl AsRef<[u8]> for Base64 {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// The base64 text, as it is sent.
impl fmt::Display for Base64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&encode_base64(&self.0))
    }
}

impl Serialize for Base64 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&encode_base64(&self.0))
    }
}

impl<'de> Deserialize<'de> for Base64 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::read(deserializer, Format::Byte, decode_base64).map(Base64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_that_are_not_text_travel_as_standard_base64() {
        let bytes = Base64(vec![0xff, 0xfe, 0x00, 0x80]);
        let json = serde_json::to_string(&bytes).expect("serialisable");
        assert_eq!(json, r#""//4AgA==""#);
        assert_eq!(serde_json::from_str::<Base64>(&json).expect("reads"), bytes);
        assert_eq!(bytes.to_string(), "//4AgA==");
    }

    #[test]
    fn read_leniently_but_never_garbage() {
        let read = |json: &str| serde_json::from_str::<Base64>(json).map(Base64::into_inner);
        assert_eq!(
            read(r#""__4AgA""#).expect("URL-safe, unpadded"),
            [0xff, 0xfe, 0, 0x80]
        );
        let error = read(r#""not base64!""#).expect_err("garbage");
        assert_eq!(error.to_string(), "must be valid base64");
        assert!(read("17").is_err());
    }
}
