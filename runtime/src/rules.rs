//! The checks `#[derive(Validate)]` calls, one function per spec constraint.
//!
//! Each skips an absent value (`None`) and otherwise records at most one [`Violation`]
//! at `path`. Messages state the rule and its limit, never the value.
//!
//! [`Violation`]: crate::Violation

use crate::error::{Code, Limit, ValidationErrors};
use crate::formats::Format;
use crate::path::Path;
use crate::pattern::Pattern;
use crate::values::{Chars, Items, Number, NumberValue, Text};

/// `s` for every count but one.
fn plural(count: u64) -> &'static str {
    if count == 1 { "" } else { "s" }
}

fn exceeds(count: usize, limit: u64) -> bool {
    // usize is at most 64 bits, so the conversion only fails where the count is huge.
    u64::try_from(count).map_or(true, |count| count > limit)
}

fn falls_short(count: usize, limit: u64) -> bool {
    u64::try_from(count).is_ok_and(|count| count < limit)
}

/// The text must have at most `limit` characters (Unicode scalar values).
pub fn max_length<T: Chars + ?Sized>(
    value: &T,
    limit: u64,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    // A limit past usize::MAX is one no text in memory can exceed.
    let most = usize::try_from(limit).unwrap_or(usize::MAX);
    if value.has_more_chars_than(most) == Some(true) {
        errors.add(
            path,
            Code::MaxLength,
            Some(Limit::Length(limit)),
            format!("must be at most {limit} character{}", plural(limit)),
        );
    }
}

/// The text must have at least `limit` characters (Unicode scalar values).
pub fn min_length<T: Chars + ?Sized>(
    value: &T,
    limit: u64,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    if value
        .char_count()
        .is_some_and(|count| falls_short(count, limit))
    {
        errors.add(
            path,
            Code::MinLength,
            Some(Limit::Length(limit)),
            format!("must be at least {limit} character{}", plural(limit)),
        );
    }
}

/// The text must match `regex`, whose spec text is `source`.
pub fn pattern<T: Text + ?Sized>(
    value: &T,
    regex: &Pattern,
    source: &'static str,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    if value.text().is_some_and(|text| !regex.is_match(text)) {
        errors.add(
            path,
            Code::Pattern,
            Some(Limit::Pattern(source)),
            format!("must match the pattern {source}"),
        );
    }
}

/// The collection must have at least `limit` items.
pub fn min_items<T: Items + ?Sized>(
    value: &T,
    limit: u64,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    if value
        .item_count()
        .is_some_and(|count| falls_short(count, limit))
    {
        errors.add(
            path,
            Code::MinItems,
            Some(Limit::Length(limit)),
            format!("must have at least {limit} item{}", plural(limit)),
        );
    }
}

/// The collection must have at most `limit` items.
pub fn max_items<T: Items + ?Sized>(
    value: &T,
    limit: u64,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    if value
        .item_count()
        .is_some_and(|count| exceeds(count, limit))
    {
        errors.add(
            path,
            Code::MaxItems,
            Some(Limit::Length(limit)),
            format!("must have at most {limit} item{}", plural(limit)),
        );
    }
}

/// The number must be at least `limit` (inclusive). NaN is never in range.
pub fn minimum<T: Number + ?Sized>(
    value: &T,
    limit: NumberValue,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    if value.number().is_some_and(|number| !number.at_least(limit)) {
        errors.add(
            path,
            Code::Minimum,
            limit.to_json().map(Limit::Number),
            format!("must be at least {limit}"),
        );
    }
}

/// The number must be at most `limit` (inclusive). NaN is never in range.
pub fn maximum<T: Number + ?Sized>(
    value: &T,
    limit: NumberValue,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    if value.number().is_some_and(|number| !number.at_most(limit)) {
        errors.add(
            path,
            Code::Maximum,
            limit.to_json().map(Limit::Number),
            format!("must be at most {limit}"),
        );
    }
}

/// The text must be in `format`.
pub fn format<T: Text + ?Sized>(
    value: &T,
    format: Format,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    if value.text().is_some_and(|text| !format.matches(text)) {
        errors.add(
            path,
            Code::Format,
            Some(Limit::Format(format.as_str())),
            format!("must be {}", format.description()),
        );
    }
}

/// The value is one the spec does not list (an enum's catch-all variant).
pub fn unknown_variant(path: &Path<'_>, errors: &mut ValidationErrors) {
    errors.add(
        path,
        Code::Enum,
        None,
        "is not one of the documented values",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Violation;

    fn run(check: impl FnOnce(&Path<'_>, &mut ValidationErrors)) -> Vec<Violation> {
        let mut errors = ValidationErrors::new();
        check(&Path::root().field("x"), &mut errors);
        errors.into_iter().collect()
    }

    #[test]
    fn lengths_count_chars() {
        let japanese = "あ".repeat(20);
        assert!(run(|p, e| max_length(japanese.as_str(), 20, p, e)).is_empty());
        let too_long = "あ".repeat(21);
        let found = run(|p, e| max_length(&too_long, 20, p, e));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, Code::MaxLength);
        assert_eq!(found[0].limit, Some(Limit::Length(20)));
        assert_eq!(found[0].message, "must be at most 20 characters");
        assert_eq!(found[0].pointer, "/x");
        // At the limit in bytes and in characters, and either side of it, through wrappers.
        for (text, limit, over) in [("abc", 3, false), ("abcd", 3, true), ("ab", 3, false)] {
            let found = run(|p, e| max_length(&Some(Box::new(text.to_string())), limit, p, e));
            assert_eq!(found.len(), usize::from(over), "{text} against {limit}");
        }
        assert!(run(|p, e| max_length("x", u64::MAX, p, e)).is_empty());
        let found = run(|p, e| min_length("", 1, p, e));
        assert_eq!(found[0].message, "must be at least 1 character");
        assert!(run(|p, e| min_length(&None::<String>, 1, p, e)).is_empty());
    }

    #[test]
    fn items_and_numbers() {
        let found = run(|p, e| min_items(&Vec::<u8>::new(), 1, p, e));
        assert_eq!(found[0].message, "must have at least 1 item");
        assert!(run(|p, e| max_items(&vec![1, 2], 2, p, e)).is_empty());
        assert_eq!(
            run(|p, e| max_items(&vec![1, 2], 1, p, e))[0].code,
            Code::MaxItems
        );

        let found = run(|p, e| minimum(&-6_i32, NumberValue::Int(-5), p, e));
        assert_eq!(found[0].code, Code::Minimum);
        assert_eq!(found[0].limit, Some(Limit::Number((-5).into())));
        assert_eq!(found[0].message, "must be at least -5");
        assert!(run(|p, e| maximum(&2.5_f64, NumberValue::Float(2.5), p, e)).is_empty());
        assert_eq!(
            run(|p, e| maximum(&u64::MAX, NumberValue::Int(i64::MAX.into()), p, e))[0].code,
            Code::Maximum
        );
    }

    #[test]
    fn pattern_and_format() {
        let regex = Pattern::new("^[a-z]+$").expect("valid");
        let found = run(|p, e| pattern("ABC", &regex, "^[a-z]+$", p, e));
        assert_eq!(found[0].message, "must match the pattern ^[a-z]+$");
        assert_eq!(found[0].limit, Some(Limit::Pattern("^[a-z]+$")));
        let found = run(|p, e| format("nope", Format::Email, p, e));
        assert_eq!(found[0].message, "must be a valid email address");
        assert_eq!(found[0].limit, Some(Limit::Format("email")));
        assert!(run(|p, e| format(&Some("a@example.com"), Format::Email, p, e)).is_empty());
    }
}
