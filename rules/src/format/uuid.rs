//! `uuid`: a UUID in the hyphenated form JSON Schema's `uuid` format means.

use super::{Definition, Held};

pub(super) const FORMAT: Definition = Definition {
    name: "uuid",
    derive: "uuid",
    description: "a valid UUID",
    sample: "00000000-0000-0000-0000-000000000000",
    matches: is_uuid,
    held: Held::Text,
};

/// Whether `text` is a UUID in the hyphenated form JSON Schema's `uuid` format means.
pub fn is_uuid(text: &str) -> bool {
    // The uuid crate also accepts simple, braced and URN forms; only the hyphenated
    // form is 36 bytes long.
    text.len() == 36 && ::uuid::Uuid::try_parse(text).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hyphenated() {
        assert!(is_uuid("67e55044-10b1-426f-9247-bb680e5fe0c8"));
        assert!(is_uuid("67E55044-10B1-426F-9247-BB680E5FE0C8"));
        assert!(!is_uuid("67e5504410b1426f9247bb680e5fe0c8"));
        assert!(!is_uuid("{67e55044-10b1-426f-9247-bb680e5fe0c8}"));
        assert!(!is_uuid("67e55044-10b1-426f-9247-bb680e5fe0cz"));
        assert!(!is_uuid("urn:uuid:67e55044-10b1-426f-9247-bb680e5fe0c8"));
    }
}
