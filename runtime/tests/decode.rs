//! `decode`: JSON to a validated model, with deserialization failures reported by
//! wire pointer like any other violation, and never quoting the input.

use serde::Deserialize;
use specgen_runtime::decode::{from_json_slice, from_json_slice_keeping, from_json_value};
use specgen_runtime::{Code, DecodeError, Rule, Validate, Violation};

#[derive(Debug, Deserialize, Validate)]
#[serde(rename_all = "camelCase")]
struct CustomField {
    domain_id: i32,
    #[validate(max_length = 20)]
    custom_field_name: String,
    custom_field_type: CustomFieldType,
    #[validate(nested)]
    #[serde(default)]
    options: Vec<Choice>,
}

#[derive(Debug, Deserialize, Validate, PartialEq)]
enum CustomFieldType {
    #[serde(rename = "STRING")]
    String,
    #[serde(rename = "LINK")]
    Link,
}

#[derive(Debug, Deserialize, Validate)]
struct Choice {
    #[validate(min_length = 1)]
    label: String,
}

fn invalid(result: Result<CustomField, DecodeError>) -> Vec<Violation> {
    match result {
        Err(DecodeError::Invalid(errors)) => errors.into_iter().collect(),
        other => panic!("expected DecodeError::Invalid, got {other:?}"),
    }
}

fn one(result: Result<CustomField, DecodeError>) -> (String, Code, String) {
    let mut found = invalid(result);
    assert_eq!(found.len(), 1, "{found:?}");
    let v = found.remove(0);
    (v.pointer, v.code, v.message)
}

#[test]
fn valid_document_decodes() {
    let field = from_json_slice::<CustomField>(
        br#"{"domainId": 10000001, "customFieldName": "custom01", "customFieldType": "LINK"}"#,
    )
    .expect("valid");
    assert_eq!(field.domain_id, 10000001);
    assert_eq!(field.custom_field_type, CustomFieldType::Link);
}

#[test]
fn int32_overflow_is_a_type_violation_at_the_member() {
    let result = from_json_slice::<CustomField>(
        br#"{"domainId": 2147483648, "customFieldName": "x", "customFieldType": "LINK"}"#,
    );
    assert_eq!(
        one(result),
        (
            "/domainId".to_owned(),
            Code::Type,
            "expected an integer from -2147483648 to 2147483647".to_owned()
        )
    );
}

#[test]
fn wrong_type_does_not_echo_the_input() {
    let secret = "sk_live_TOPSECRET";
    let json =
        format!(r#"{{"domainId": "{secret}", "customFieldName": "x", "customFieldType": "LINK"}}"#);
    let error = from_json_slice::<CustomField>(json.as_bytes()).expect_err("wrong type");
    assert!(!error.to_string().contains("TOPSECRET"), "{error}");
    assert!(!format!("{error:?}").contains("TOPSECRET"), "{error:?}");
    assert_eq!(
        one(Err(error)),
        (
            "/domainId".to_owned(),
            Code::Type,
            "expected an integer from -2147483648 to 2147483647".to_owned()
        )
    );
}

#[test]
fn missing_member_is_required_at_its_own_pointer() {
    let result = from_json_slice::<CustomField>(br#"{"domainId": 1, "customFieldType": "LINK"}"#);
    assert_eq!(
        one(result),
        (
            "/customFieldName".to_owned(),
            Code::Required,
            "is required".to_owned()
        )
    );
}

#[test]
fn unknown_enum_value_is_an_enum_violation() {
    let result = from_json_slice::<CustomField>(
        br#"{"domainId": 1, "customFieldName": "x", "customFieldType": "PASSWORD_hunter2"}"#,
    );
    let (pointer, code, message) = one(result);
    assert_eq!((pointer.as_str(), code), ("/customFieldType", Code::Enum));
    assert_eq!(message, "expected `STRING` or `LINK`");
}

#[test]
fn nested_list_errors_carry_the_index() {
    let result = from_json_slice::<CustomField>(
        br#"{"domainId": 1, "customFieldName": "x", "customFieldType": "LINK",
             "options": [{"label": "a"}, {"label": 7}]}"#,
    );
    assert_eq!(
        one(result),
        (
            "/options/1/label".to_owned(),
            Code::Type,
            "expected a string".to_owned()
        )
    );
}

#[test]
fn constraint_violations_are_all_reported_after_parsing() {
    let result = from_json_value::<CustomField>(serde_json::json!({
        "domainId": 1,
        "customFieldName": "x".repeat(21),
        "customFieldType": "STRING",
        "options": [{"label": ""}, {"label": "ok"}, {"label": ""}],
    }));
    let found: Vec<_> = invalid(result)
        .into_iter()
        .map(|v| (v.pointer, v.code))
        .collect();
    assert_eq!(
        found,
        [
            ("/customFieldName".to_owned(), Code::Rule(Rule::MaxLength)),
            ("/options/0/label".to_owned(), Code::Rule(Rule::MinLength)),
            ("/options/2/label".to_owned(), Code::Rule(Rule::MinLength)),
        ]
    );
}

#[test]
fn from_value_reports_type_errors_by_pointer() {
    let result = from_json_value::<CustomField>(serde_json::json!({
        "domainId": -2147483649_i64, "customFieldName": "x", "customFieldType": "LINK",
    }));
    assert_eq!(
        one(result),
        (
            "/domainId".to_owned(),
            Code::Type,
            "expected an integer from -2147483648 to 2147483647".to_owned()
        )
    );
}

#[test]
fn malformed_json_is_a_syntax_error_with_position() {
    let error =
        from_json_slice::<CustomField>(b"{\n  \"domainId\": 1,\n  \"customFieldName\": tRue}")
            .expect_err("malformed");
    let DecodeError::Syntax {
        line,
        column,
        message,
    } = &error
    else {
        panic!("expected a syntax error, got {error:?}");
    };
    assert_eq!((*line, message.as_str()), (3, "expected ident"));
    assert!(*column > 0);
    assert!(error.violations().is_empty());

    let error = from_json_slice::<CustomField>(b"{\"domainId\": 1").expect_err("truncated");
    assert!(
        matches!(&error, DecodeError::Syntax { message, .. } if message.starts_with("EOF while parsing")),
        "{error:?}"
    );

    let error = from_json_slice::<CustomField>(
        br#"{"domainId": 1, "customFieldName": "x", "customFieldType": "LINK"} trailing"#,
    )
    .expect_err("trailing characters");
    assert!(
        matches!(&error, DecodeError::Syntax { message, .. } if message == "trailing characters"),
        "{error:?}"
    );
}

#[derive(Debug, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
struct Strict {
    #[allow(dead_code)]
    name: String,
}

#[test]
fn unknown_member_of_a_strict_object_is_named_by_pointer() {
    let result = from_json_slice::<Strict>(br#"{"name": "x", "passwd": "hunter2"}"#);
    let Err(DecodeError::Invalid(errors)) = result else {
        panic!("expected an invalid document, got {result:?}");
    };
    let v = &errors.violations()[0];
    assert_eq!((v.pointer.as_str(), v.code), ("/passwd", Code::Type));
    assert_eq!(v.message, "is not a documented member; expected `name`");
}

fn pointers(violations: &[Violation]) -> Vec<(&str, &str)> {
    violations
        .iter()
        .map(|v| (v.pointer.as_str(), v.code.as_str()))
        .collect()
}

#[test]
fn every_member_of_the_wrong_type_is_reported() {
    let body = br#"{"domainId": "x", "customFieldName": 123, "customFieldType": "LINK",
                   "options": [{"label": ""}, {"label": 5}]}"#;
    let violations = invalid(from_json_slice::<CustomField>(body));
    // The first failure in document order, then the rest, then the constraints of what
    // decodes once stand-ins hold the places of the required members that failed.
    assert_eq!(
        pointers(&violations),
        [
            ("/domainId", "type"),
            ("/customFieldName", "type"),
            ("/options/1/label", "type"),
            ("/options/0/label", "min_length"),
        ]
    );
    let same = invalid(from_json_value::<CustomField>(
        serde_json::from_slice(body).expect("json"),
    ));
    assert_eq!(same.len(), 4);
}

#[test]
fn a_missing_member_hides_no_other_violation() {
    let long = "x".repeat(21);
    let body = format!(r#"{{"customFieldName": "{long}", "customFieldType": "LINK"}}"#);
    let violations = invalid(from_json_slice::<CustomField>(body.as_bytes()));
    assert_eq!(
        pointers(&violations),
        [
            ("/domainId", "required"),
            ("/customFieldName", "max_length")
        ]
    );
    // A required member of the wrong type, and a list element of the wrong type: the stand-ins
    // in their places are not reported, whatever rules they break.
    let body = format!(
        r#"{{"domainId": "x", "customFieldName": "{long}", "customFieldType": "LINK",
             "options": [7, {{"label": ""}}]}}"#
    );
    let violations = invalid(from_json_slice::<CustomField>(body.as_bytes()));
    assert_eq!(
        pointers(&violations),
        [
            ("/domainId", "type"),
            ("/options/0", "type"),
            ("/customFieldName", "max_length"),
            ("/options/1/label", "min_length"),
        ]
    );
}

#[test]
fn violations_past_the_limit_are_counted_not_kept() {
    let options = vec![r#"{"label": ""}"#; 1000].join(",");
    let body = format!(
        r#"{{"domainId": 1, "customFieldName": "a", "customFieldType": "LINK",
             "options": [{options}]}}"#
    );
    let Err(DecodeError::Invalid(errors)) =
        from_json_slice_keeping::<CustomField>(body.as_bytes(), 10)
    else {
        panic!("1,000 empty labels are invalid");
    };
    assert_eq!((errors.len(), errors.total()), (10, 1000));
    assert_eq!(errors.violations()[9].pointer, "/options/9/label");
    // The default keeps 100.
    let Err(DecodeError::Invalid(errors)) = from_json_slice::<CustomField>(body.as_bytes()) else {
        panic!("1,000 empty labels are invalid");
    };
    assert_eq!((errors.len(), errors.total()), (100, 1000));
    assert!(errors.to_string().ends_with("… and 900 more"), "{errors}");
}

#[test]
fn a_member_sent_twice_is_named() {
    let body = br#"{"domainId": 1, "customFieldName": "a", "customFieldName": "b", "customFieldType": "LINK"}"#;
    let violations = invalid(from_json_slice::<CustomField>(body));
    assert_eq!(pointers(&violations), [("/customFieldName", "type")]);
    assert_eq!(violations[0].message, "is sent more than once");
}
