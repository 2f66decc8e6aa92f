//! XML names, as the spec language writes them and the generated code checks them.

/// The element each item of a list body is in, where the spec names none and the items are of
/// no named type (`list<string>`).
pub const PLAIN_ITEM: &str = "item";

/// Whether `name` is an XML element name the language accepts: letters, digits, `_`, `-` and
/// `.`, starting with a letter or `_`.
pub fn is_element_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().enumerate().all(|(i, c)| {
            c.is_ascii_alphabetic()
                || c == '_'
                || (i > 0 && (c.is_ascii_digit() || "-.".contains(c)))
        })
}
