//! Untagged unions (OpenAPI's `oneOf` without a discriminator): the value is read once, then
//! each alternative is tried in order. Of those that read *and keep their rules*, the one that
//! keeps the most of an object's members is taken (the first on a tie), so a value that only
//! one alternative's formats, patterns, lengths or bounds allow goes to that one
//! (`{"first": "::"}` to an IPv6 range, not to the IPv4 one before it), and an object goes to
//! the alternative that knows its members (`{"type": "required_reviewers", "reviewers": […]}`
//! to the one with `reviewers`, not to an earlier one that would drop them). Where no
//! alternative keeps its rules, the first that reads is taken, and validation then says what
//! is wrong with it.

use serde::de::{self, DeserializeOwned, Deserializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::validate::Validate;

/// How one alternative is read from the value: `Some` where it reads.
pub type Alternative<T> = fn(&Value) -> Option<T>;

/// Reads the union `name` as the first of `alternatives` that reads and keeps its rules, else
/// the first that reads.
pub fn first_valid<'de, D, T>(
    deserializer: D,
    name: &str,
    alternatives: &[Alternative<T>],
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Validate + Serialize,
{
    let value = Value::deserialize(deserializer)?;
    // A text from a parameter or a form field reads as any alternative it can stand for: the
    // text itself, or the number or boolean it spells.
    let spelled = match &value {
        Value::String(text) if crate::wire::reading_texts() => {
            Some(crate::wire::Kind::Scalar.read(text))
        }
        _ => None,
    };
    let readings = std::iter::once(&value).chain(spelled.as_ref());
    let mut first_read = None;
    let mut best: Option<(usize, T)> = None;
    for read in alternatives {
        let Some(candidate) = readings.clone().find_map(read) else {
            continue;
        };
        if candidate.validate().is_err() {
            first_read.get_or_insert(candidate);
            continue;
        }
        let lost = members_lost(&value, &candidate);
        if lost == 0 {
            return Ok(candidate);
        }
        if best.as_ref().is_none_or(|(fewest, _)| lost < *fewest) {
            best = Some((lost, candidate));
        }
    }
    if let Some((_, candidate)) = best {
        return Ok(candidate);
    }
    first_read.ok_or_else(|| {
        de::Error::custom(format!(
            "data did not match any variant of untagged enum {name}"
        ))
    })
}

/// How many members of the object `value` the alternative read from it does not write back
/// (an alternative drops the members it does not know); none for a value that is no object.
fn members_lost<T: Serialize>(value: &Value, candidate: &T) -> usize {
    let Value::Object(members) = value else {
        return 0;
    };
    match serde_json::to_value(candidate) {
        Ok(Value::Object(kept)) => members.keys().filter(|k| !kept.contains_key(*k)).count(),
        _ => members.len(),
    }
}

/// One alternative read from the value as the generated types read (a struct only from an
/// object); `None` where it does not read.
pub fn alternative<T: DeserializeOwned>(value: &Value) -> Option<T> {
    crate::xml::value_into(value).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Format;
    use crate::error::ValidationErrors;
    use crate::path::Path;

    /// An address of one family or the other, told apart only by its format.
    #[derive(Debug, PartialEq, Serialize)]
    #[serde(untagged)]
    enum Address {
        V4(String),
        V6(String),
    }

    impl Validate for Address {
        fn validate_at(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
            match self {
                Address::V4(text) => crate::rules::format(text, Format::Ipv4, path, errors),
                Address::V6(text) => crate::rules::format(text, Format::Ipv6, path, errors),
            }
        }
    }

    fn read(json: &str) -> Result<Address, serde_json::Error> {
        let alternatives: [Alternative<Address>; 2] = [
            |v| alternative(v).map(Address::V4),
            |v| alternative(v).map(Address::V6),
        ];
        let mut deserializer = serde_json::Deserializer::from_str(json);
        first_valid(&mut deserializer, "Address", &alternatives)
    }

    /// A number or a text, as a chat is named.
    #[derive(Debug, PartialEq, Serialize)]
    #[serde(untagged)]
    enum Chat {
        Id(i64),
        Name(String),
    }

    impl Validate for Chat {
        fn validate_at(&self, _: &Path<'_>, _: &mut ValidationErrors) {}
    }

    fn chat(value: serde_json::Value) -> Chat {
        let alternatives: [Alternative<Chat>; 2] = [
            |v| alternative(v).map(Chat::Id),
            |v| alternative(v).map(Chat::Name),
        ];
        first_valid(value, "Chat", &alternatives).unwrap()
    }

    #[test]
    fn a_text_reads_as_the_first_alternative_it_stands_for_only_where_texts_are_read() {
        // In JSON a string is a string.
        assert_eq!(chat(serde_json::json!("42")), Chat::Name("42".into()));
        // From a parameter or form field, `42` spells the number, and `1.5` or a number past
        // the alternative's range stays the text.
        let from_text =
            |text: &str| crate::wire::reading_from_texts(|| chat(serde_json::json!(text)));
        assert_eq!(from_text("42"), Chat::Id(42));
        assert_eq!(from_text("1.5"), Chat::Name("1.5".into()));
        assert_eq!(
            from_text("99999999999999999999"),
            Chat::Name("99999999999999999999".into())
        );
        assert_eq!(from_text("ann"), Chat::Name("ann".into()));
    }

    #[test]
    fn the_first_alternative_that_keeps_its_rules_is_taken() {
        assert_eq!(
            read("\"10.0.0.1\"").unwrap(),
            Address::V4("10.0.0.1".into())
        );
        assert_eq!(read("\"::1\"").unwrap(), Address::V6("::1".into()));
    }

    #[test]
    fn where_none_keeps_its_rules_the_first_that_reads_is_taken() {
        assert_eq!(read("\"nope\"").unwrap(), Address::V4("nope".into()));
        let error = read("7").unwrap_err().to_string();
        assert!(
            error.contains("did not match any variant of untagged enum Address"),
            "{error}"
        );
    }

    /// Two objects that read each other's values: one knows more members.
    #[derive(Debug, PartialEq, Serialize, serde::Deserialize)]
    #[serde(untagged)]
    enum Rule {
        Timer(Timer),
        Reviewers(Reviewers),
    }

    #[derive(Debug, PartialEq, Serialize, serde::Deserialize)]
    struct Timer {
        id: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        wait_timer: Option<u32>,
    }

    #[derive(Debug, PartialEq, Serialize, serde::Deserialize)]
    struct Reviewers {
        id: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        reviewers: Option<Vec<String>>,
    }

    impl Validate for Rule {
        fn validate_at(&self, _: &Path<'_>, _: &mut ValidationErrors) {}
    }

    fn rule(json: &str) -> Rule {
        let alternatives: [Alternative<Rule>; 2] = [
            |v| alternative(v).map(Rule::Timer),
            |v| alternative(v).map(Rule::Reviewers),
        ];
        let mut deserializer = serde_json::Deserializer::from_str(json);
        first_valid(&mut deserializer, "Rule", &alternatives).expect("reads")
    }

    #[test]
    fn an_object_goes_to_the_alternative_that_keeps_its_members() {
        let reviewers = rule(r#"{"id": 1, "reviewers": ["octocat"]}"#);
        assert!(matches!(reviewers, Rule::Reviewers(_)), "{reviewers:?}");
        assert!(matches!(
            rule(r#"{"id": 1, "wait_timer": 5}"#),
            Rule::Timer(_)
        ));
        // A tie (no member but those both know) goes to the first.
        assert!(matches!(rule(r#"{"id": 1}"#), Rule::Timer(_)));
    }
}
