//! The checks `#[derive(Validate)]` calls: one function per kind of rule in the table
//! ([`Rule`]), which holds each rule's test and message.
//!
//! Each skips an absent value (`None`) and otherwise records at most one [`Violation`]
//! at `path`. Messages state the rule and its limit, never the value. A rule of another kind
//! than the function's records nothing; the derive only writes calls of the matching kind.
//!
//! [`Violation`]: crate::Violation

pub use specgen_rules::Rule;
use specgen_rules::{Constant, Kind, NumberValue};

use crate::error::{Code, Limit, ValidationErrors};
use crate::formats::Format;
use crate::path::Path;
use crate::values::{Chars, Distinct, Items, Number, Plain, Text};
use specgen_rules::Pattern;

/// A length rule (`min_length`, `max_length`): the text's characters against `limit`.
pub fn length<T: Chars + ?Sized>(
    rule: Rule,
    value: &T,
    limit: u64,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    if let (Kind::Length { holds, message }, Some(text)) = (rule.kind(), value.counted_text())
        && !holds(text, limit)
    {
        errors.add(
            path,
            Code::Rule(rule),
            Some(Limit::Length(limit)),
            message(limit),
        );
    }
}

/// An item-count rule (`min_items`, `max_items`): the collection's size against `limit`.
pub fn items<T: Items + ?Sized>(
    rule: Rule,
    value: &T,
    limit: u64,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    if let (Kind::Items { holds, message }, Some(count)) = (rule.kind(), value.item_count())
        && !holds(count, limit)
    {
        errors.add(
            path,
            Code::Rule(rule),
            Some(Limit::Length(limit)),
            message(limit),
        );
    }
}

/// A rule on a list's items against one another (`unique_items`).
pub fn distinct<T: Distinct + ?Sized>(
    rule: Rule,
    value: &T,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    if let (Kind::Distinct { holds, message }, Some(texts)) = (rule.kind(), value.item_texts())
        && !holds(&texts)
    {
        errors.add(path, Code::Rule(rule), None, message());
    }
}

/// A numeric rule (`minimum`, `maximum`): the number against `bound`.
pub fn number<T: Number + ?Sized>(
    rule: Rule,
    value: &T,
    bound: NumberValue,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    if let (Kind::Number { holds, message }, Some(number)) = (rule.kind(), value.number())
        && !holds(number, bound)
    {
        let limit = bound.to_json().map(Limit::Number);
        errors.add(path, Code::Rule(rule), limit, message(bound));
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
    let rule = Rule::Pattern;
    if let (Kind::Pattern { holds, message }, Some(text)) = (rule.kind(), value.text())
        && !holds(text, regex)
    {
        let limit = Some(Limit::Pattern(source));
        errors.add(path, Code::Rule(rule), limit, message(source));
    }
}

/// The text must be in `format`.
pub fn format<T: Text + ?Sized>(
    value: &T,
    format: Format,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    let rule = Rule::Format;
    if let (Kind::Format { holds, message }, Some(text)) = (rule.kind(), value.text())
        && !holds(text, format)
    {
        let limit = Some(Limit::Format(format.as_str()));
        errors.add(path, Code::Rule(rule), limit, message(format));
    }
}

/// The value must be `constant` (`const`): a text, a number or a boolean.
pub fn constant<T: Plain + ?Sized>(
    value: &T,
    constant: &Constant,
    path: &Path<'_>,
    errors: &mut ValidationErrors,
) {
    let rule = Rule::Const;
    if let (Kind::Constant { holds, message }, Some(subject)) = (rule.kind(), value.plain())
        && !holds(subject, constant)
    {
        let limit = constant.to_json().map(Limit::Constant);
        errors.add(path, Code::Rule(rule), limit, message(constant));
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
    fn lengths_count_chars_through_wrappers() {
        let too_long = "あ".repeat(21);
        let found = run(|p, e| length(Rule::MaxLength, &too_long, 20, p, e));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, Code::Rule(Rule::MaxLength));
        assert_eq!(found[0].limit, Some(Limit::Length(20)));
        assert_eq!(found[0].message, "must be at most 20 characters");
        assert_eq!(found[0].pointer, "/x");
        for (text, limit, over) in [("abc", 3, false), ("abcd", 3, true), ("ab", 3, false)] {
            let wrapped = Some(Box::new(text.to_string()));
            let found = run(|p, e| length(Rule::MaxLength, &wrapped, limit, p, e));
            assert_eq!(found.len(), usize::from(over), "{text} against {limit}");
        }
        let found = run(|p, e| length(Rule::MinLength, "", 1, p, e));
        assert_eq!(found[0].message, "must be at least 1 character");
        assert!(run(|p, e| length(Rule::MinLength, &None::<String>, 1, p, e)).is_empty());
    }

    #[test]
    fn a_rule_of_another_kind_records_nothing() {
        assert!(run(|p, e| length(Rule::Minimum, "", 1, p, e)).is_empty());
        assert!(run(|p, e| number(Rule::MaxItems, &5, NumberValue::Int(1), p, e)).is_empty());
    }

    #[test]
    fn items_and_numbers() {
        let found = run(|p, e| items(Rule::MinItems, &Vec::<u8>::new(), 1, p, e));
        assert_eq!(found[0].message, "must have at least 1 item");
        assert!(run(|p, e| items(Rule::MaxItems, &vec![1, 2], 2, p, e)).is_empty());

        let found = run(|p, e| number(Rule::Minimum, &-6_i32, NumberValue::Int(-5), p, e));
        assert_eq!(found[0].code, Code::Rule(Rule::Minimum));
        assert_eq!(found[0].limit, Some(Limit::Number((-5).into())));
        assert_eq!(found[0].message, "must be at least -5");
        let bound = NumberValue::Float(2.5);
        assert!(run(|p, e| number(Rule::Maximum, &2.5_f64, bound, p, e)).is_empty());
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
