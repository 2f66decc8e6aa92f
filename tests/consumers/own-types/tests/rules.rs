//! Every rule on the user's own type, reported by wire name.

use consumer_own_types::SignUp;
use specgen_runtime::Validate;

fn sign_up(json: serde_json::Value) -> SignUp {
    serde_json::from_value(json).expect("decodes")
}

fn valid() -> serde_json::Value {
    serde_json::json!({
        "displayName": "さくら",
        "email": "sakura@example.com",
        "login": "sakura_1",
        "age": 30,
        "invite": "5e0c7a52-3f1b-4c2d-9a6e-0b1c2d3e4f50",
        "acceptedTermsAt": "2021-11-26T04:36:28.5400491Z",
        "interests": [{"topic": "go"}]
    })
}

#[test]
fn a_valid_value_passes() {
    assert!(sign_up(valid()).validate().is_ok());
}

#[test]
fn every_broken_rule_is_named_by_its_wire_pointer() {
    let mut json = valid();
    json["displayName"] = "名".repeat(21).into();
    json["email"] = "sakura".into();
    json["login"] = "admin".into();
    json["age"] = 12.into();
    json["invite"] = "not-a-uuid".into();
    json["acceptedTermsAt"] = "yesterday".into();
    json["interests"] = serde_json::json!([{"topic": "a"}]);
    let errors = sign_up(json).validate().expect_err("invalid");
    let found: Vec<(&str, &str)> = errors
        .iter()
        .map(|v| (v.pointer.as_str(), v.code.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("/displayName", "max_length"),
            ("/email", "format"),
            ("/login", "reserved"),
            ("/age", "minimum"),
            ("/invite", "format"),
            ("/acceptedTermsAt", "format"),
            ("/interests/0/topic", "min_length"),
        ]
    );
    assert!(
        errors.iter().all(|v| !v.message.contains("admin")),
        "values are never echoed"
    );
}

#[test]
fn list_lengths_are_checked() {
    let mut json = valid();
    json["interests"] = serde_json::json!([]);
    json["login"] = "Sakura".into();
    let errors = sign_up(json).validate().expect_err("invalid");
    let found: Vec<(&str, &str)> = errors
        .iter()
        .map(|v| (v.pointer.as_str(), v.code.as_str()))
        .collect();
    assert_eq!(found, [("/login", "pattern"), ("/interests", "min_items")]);
}

#[test]
fn an_item_twice_is_named_at_the_list() {
    let mut json = valid();
    json["interests"] = serde_json::json!([{"topic": "go"}, {"topic": "rust"}, {"topic": "go"}]);
    let errors = sign_up(json).validate().expect_err("invalid");
    let found: Vec<(&str, &str)> = errors
        .iter()
        .map(|v| (v.pointer.as_str(), v.code.as_str()))
        .collect();
    assert_eq!(found, [("/interests", "unique_items")]);
}

/// Compile-time checks: each rule compiles where it applies, and each kind of misuse is a
/// spanned error on the offending attribute.
#[test]
fn misuse_is_a_compile_error() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/pass/*.rs");
    cases.compile_fail("tests/ui/fail/*.rs");
}
