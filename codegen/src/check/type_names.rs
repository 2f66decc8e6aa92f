//! The built-in type names, and what to suggest for a name that is neither one of them nor a
//! defined type.
//!
//! A suggestion never changes what a numeric name states. A numeric type is suggested only
//! for a name that begins with its letter (`i` signed, `u` unsigned, `f` floating point, `n`
//! for `number`) and ends with its width (`8`…`64`; none for `number`): `unit32` may be
//! `uint32`, but `uint128` is not `int128` or `uint64`, `int33` is not `int32`, and `int` is not
//! `int8`. A Rust number type (`u64`, `i8`, `f32`) suggests the spec's name for it.

use crate::diagnostics::did_you_mean;
use crate::ir::Numeric;

/// The built-in types besides the numbers that a type expression may name alone (`list` and
/// `map` need their item types; `bytes` is a whole body, never suggested for a value).
const OTHERS: [&str; 5] = ["string", "boolean", "uuid", "any", "file"];

/// Every name of a numeric type (`float64` too).
fn numeric_names() -> impl Iterator<Item = &'static str> {
    Numeric::ALL
        .into_iter()
        .flat_map(|n| n.definition().names.iter().copied())
}

/// The numeric types, for messages: "int8, int16, …, float32, number, float64".
pub(crate) fn numbers_list() -> String {
    numeric_names().collect::<Vec<_>>().join(", ")
}

/// The built-in types, for messages: "string, int8, …, float64, boolean, uuid, any, file".
pub(crate) fn built_in_list() -> String {
    let (first, rest) = OTHERS.split_at(1);
    format!(
        "{}, {}, {}",
        first.join(", "),
        numbers_list(),
        rest.join(", ")
    )
}

/// The name to suggest for `name`, which names no type: a built-in one or one of `defined`.
pub(crate) fn suggestion<'a>(
    name: &str,
    defined: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    let written = name.to_lowercase();
    if let Some(numeric) = Numeric::ALL
        .into_iter()
        .find(|n| n.definition().rust == written)
    {
        // The name that states the width: `float64` for `f64`.
        return numeric.definition().names.last().copied();
    }
    let numbers = numeric_names().filter(|candidate| keeps_what_it_states(&written, candidate));
    let built_in = OTHERS.into_iter().chain(numbers).map(|n| -> &'a str { n });
    let candidates = built_in.chain(defined);
    did_you_mean(name, candidates)
}

/// Whether the numeric name `candidate` keeps what `written` states: the same first letter
/// (the family) and the same width at the end, or no width at both ends.
fn keeps_what_it_states(written: &str, candidate: &str) -> bool {
    written.chars().next() == candidate.chars().next() && width(written) == width(candidate)
}

/// The digits a name ends with.
fn width(name: &str) -> &str {
    &name[name.trim_end_matches(|c: char| c.is_ascii_digit()).len()..]
}

/// Whether `name` looks like a numeric type of a width the language has no type for
/// (`uint128`, `int33`), so the help can say which widths there are.
pub(crate) fn states_a_width(name: &str) -> bool {
    let letters = name.trim_end_matches(|c: char| c.is_ascii_digit());
    !width(name).is_empty() && !letters.is_empty() && letters.chars().all(|c| c.is_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suggested(name: &str) -> Option<&str> {
        suggestion(name, ["Order", "Int33Count"].into_iter())
    }

    #[test]
    fn typos_of_a_numeric_type_keep_its_family_and_width() {
        assert_eq!(suggested("unit32"), Some("uint32"));
        assert_eq!(suggested("uitn8"), Some("uint8"));
        assert_eq!(suggested("itn64"), Some("int64"));
        assert_eq!(suggested("flaot32"), Some("float32"));
        assert_eq!(suggested("flaot64"), Some("float64"));
        assert_eq!(suggested("nubmer"), Some("number"));
        assert_eq!(suggested("UInt16"), Some("uint16"));
    }

    #[test]
    fn no_suggestion_narrows_or_changes_a_numeric_type() {
        for name in [
            "uint128", "int128", "int33", "uint31", "int", "uint", "integer", "float", "number32",
            "nint32", "sint32",
        ] {
            let found = suggested(name);
            assert!(
                found.is_none_or(|s| Numeric::from_name(s).is_none()),
                "{name} → {found:?}"
            );
        }
    }

    #[test]
    fn rust_number_types_suggest_the_spec_name() {
        assert_eq!(suggested("u64"), Some("uint64"));
        assert_eq!(suggested("i8"), Some("int8"));
        assert_eq!(suggested("f32"), Some("float32"));
        assert_eq!(suggested("f64"), Some("float64"));
    }

    #[test]
    fn other_names_are_suggested_by_spelling() {
        assert_eq!(suggested("strin"), Some("string"));
        assert_eq!(suggested("Ordr"), Some("Order"));
        assert_eq!(suggested("xyz"), None);
    }

    #[test]
    fn the_list_names_every_built_in_type() {
        let list = built_in_list();
        assert!(
            list.starts_with("string, int8, int16, int32, int64, uint8"),
            "{list}"
        );
        assert!(
            list.ends_with("float32, number, float64, boolean, uuid, any, file"),
            "{list}"
        );
        assert!(states_a_width("uint128") && states_a_width("int33"));
        assert!(!states_a_width("int") && !states_a_width("128") && !states_a_width("v1.2"));
    }
}
