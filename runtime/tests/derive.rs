//! `#[derive(Validate)]` on types shaped like the seeds' models: exact pointers, codes
//! and limits, wire names from serde attributes, and nothing collected twice or missed.

use std::collections::BTreeMap;

use serde::Deserialize;
use specgen_runtime::{Code, Limit, Path, Rule, Validate, ValidationErrors, Violation};
use uuid::Uuid;

/// (pointer, code, limit) of every violation, in order.
fn summary(errors: &ValidationErrors) -> Vec<(&str, Code, Option<Limit>)> {
    errors
        .iter()
        .map(|v| (v.pointer.as_str(), v.code, v.limit.clone()))
        .collect()
}

fn violations_of(value: &impl Validate) -> ValidationErrors {
    value.validate().expect_err("the value should be invalid")
}

fn length(limit: u64) -> Option<Limit> {
    Some(Limit::Length(limit))
}

// LINE WORKS custom field: camelCase wire names, nullable pattern, Japanese names.
#[derive(Debug, Deserialize, Validate)]
#[serde(rename_all = "camelCase")]
struct CustomField {
    #[allow(dead_code)]
    domain_id: i32,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "::specgen_runtime::nullable"
    )]
    #[validate(max_length = 100)]
    #[validate(pattern = "^[A-Za-z][A-Za-z0-9]*$")]
    custom_field_external_key: Option<Option<String>>,
    #[validate(max_length = 20)]
    custom_field_name: String,
    #[serde(rename = "displayOrder")]
    #[validate(range(min = 0, max = 2147483647))]
    order: Option<i32>,
}

fn custom_field(key: Option<Option<&str>>, name: &str, order: Option<i32>) -> CustomField {
    CustomField {
        domain_id: 10000001,
        custom_field_external_key: key.map(|key| key.map(str::to_owned)),
        custom_field_name: name.to_owned(),
        order,
    }
}

#[test]
fn japanese_characters_count_as_one_each() {
    let twenty = "カスタムフィールドを登録する日本語の名前"
        .chars()
        .take(20)
        .collect::<String>();
    assert_eq!(twenty.chars().count(), 20);
    assert!(twenty.len() > 20, "the test needs multi-byte characters");
    assert_eq!(custom_field(None, &twenty, None).validate(), Ok(()));

    let twenty_one = format!("{twenty}名");
    let errors = violations_of(&custom_field(None, &twenty_one, None));
    assert_eq!(
        summary(&errors),
        [("/customFieldName", Code::Rule(Rule::MaxLength), length(20))]
    );
    assert_eq!(
        errors.violations()[0].message,
        "must be at most 20 characters"
    );
}

#[test]
fn nullable_field_is_checked_only_when_present() {
    for absent in [None, Some(None)] {
        assert_eq!(custom_field(absent, "ok", Some(1)).validate(), Ok(()));
    }
    assert_eq!(
        custom_field(Some(Some("EXT01")), "ok", None).validate(),
        Ok(())
    );

    let errors = violations_of(&custom_field(Some(Some("1bad-key")), "ok", Some(-1)));
    assert_eq!(
        summary(&errors),
        [
            (
                "/customFieldExternalKey",
                Code::Rule(Rule::Pattern),
                Some(Limit::Pattern("^[A-Za-z][A-Za-z0-9]*$"))
            ),
            (
                "/displayOrder",
                Code::Rule(Rule::Minimum),
                Some(Limit::Number(0.into()))
            ),
        ]
    );
    assert_eq!(
        errors.violations()[0].message,
        "must match the pattern ^[A-Za-z][A-Za-z0-9]*$"
    );
}

#[test]
fn all_rules_on_a_field_are_reported_in_order() {
    let long_bad = "9".repeat(101);
    let errors = violations_of(&custom_field(Some(Some(&long_bad)), "ok", None));
    assert_eq!(
        summary(&errors),
        [
            (
                "/customFieldExternalKey",
                Code::Rule(Rule::MaxLength),
                length(100)
            ),
            (
                "/customFieldExternalKey",
                Code::Rule(Rule::Pattern),
                Some(Limit::Pattern("^[A-Za-z][A-Za-z0-9]*$"))
            ),
        ]
    );
}

// Yandex 360 contact: a list with min_items of nested objects, flatten, skip, custom.
#[derive(Debug, Deserialize, Validate)]
#[serde(rename_all = "camelCase")]
struct Contact {
    #[validate(min_items = 1, max_items = 2, nested)]
    emails: Vec<Email>,
    #[serde(flatten)]
    #[validate(nested)]
    audit: Audit,
    #[serde(skip)]
    #[validate(max_length = 1)]
    #[allow(dead_code)]
    cache: String,
    #[validate(custom = not_reserved)]
    last_name: String,
    #[validate(nested)]
    manager: Option<Box<Contact>>,
}

#[derive(Debug, Deserialize, Validate)]
struct Email {
    #[validate(email)]
    address: String,
    #[serde(rename = "type")]
    #[validate(max_length = 5)]
    kind: Option<String>,
}

#[derive(Debug, Deserialize, Validate)]
struct Audit {
    #[serde(rename(serialize = "createdAtOut", deserialize = "createdAt"))]
    #[validate(date_time)]
    created_at: String,
}

fn not_reserved(value: &str, path: &Path<'_>, errors: &mut ValidationErrors) {
    if value == "root" {
        errors.add(path, Code::Custom("reserved"), None, "is a reserved name");
    }
}

fn email(address: &str) -> Email {
    Email {
        address: address.to_owned(),
        kind: Some("work".to_owned()),
    }
}

fn contact(emails: Vec<Email>) -> Contact {
    Contact {
        emails,
        audit: Audit {
            created_at: "2021-11-26T04:36:28.5400491Z".to_owned(),
        },
        cache: "ignored because serde skips it".to_owned(),
        last_name: "Ivanova".to_owned(),
        manager: None,
    }
}

#[test]
fn valid_contact_passes() {
    assert_eq!(contact(vec![email("a@example.com")]).validate(), Ok(()));
}

#[test]
fn list_length_is_reported_before_its_elements() {
    let errors = violations_of(&contact(vec![
        email("x"),
        email("y"),
        email("ok@example.com"),
    ]));
    assert_eq!(
        summary(&errors),
        [
            ("/emails", Code::Rule(Rule::MaxItems), length(2)),
            (
                "/emails/0/address",
                Code::Rule(Rule::Format),
                Some(Limit::Format("email"))
            ),
            (
                "/emails/1/address",
                Code::Rule(Rule::Format),
                Some(Limit::Format("email"))
            ),
        ]
    );
    assert_eq!(errors.violations()[0].message, "must have at most 2 items");

    let errors = violations_of(&contact(Vec::new()));
    assert_eq!(
        summary(&errors),
        [("/emails", Code::Rule(Rule::MinItems), length(1))]
    );
    assert_eq!(errors.violations()[0].message, "must have at least 1 item");
}

#[test]
fn every_violation_is_collected_with_wire_names() {
    let mut bad = contact(vec![Email {
        address: "not an email".to_owned(),
        kind: Some("personal".to_owned()),
    }]);
    bad.audit.created_at = "2021-13-01T00:00:00Z".to_owned();
    bad.last_name = "root".to_owned();
    let mut manager = contact(vec![]);
    manager.last_name = "root".to_owned();
    bad.manager = Some(Box::new(manager));

    let errors = violations_of(&bad);
    assert_eq!(
        summary(&errors),
        [
            (
                "/emails/0/address",
                Code::Rule(Rule::Format),
                Some(Limit::Format("email"))
            ),
            ("/emails/0/type", Code::Rule(Rule::MaxLength), length(5)),
            // Flattened: the audit's members sit in the contact itself.
            (
                "/createdAt",
                Code::Rule(Rule::Format),
                Some(Limit::Format("date-time"))
            ),
            ("/lastName", Code::Custom("reserved"), None),
            ("/manager/emails", Code::Rule(Rule::MinItems), length(1)),
            ("/manager/lastName", Code::Custom("reserved"), None),
        ]
    );
    assert_eq!(errors.len(), 6);
    assert_eq!(
        errors.violations()[2].message,
        "must be a valid RFC 3339 date-time"
    );
}

// Kaiten record: a map with uuid keys whose values are an object or a list of objects.
#[derive(Debug, Deserialize, Validate)]
struct Record {
    #[validate(nested)]
    values: BTreeMap<Uuid, FieldValue>,
}

#[derive(Debug, Deserialize, Validate)]
#[serde(untagged)]
enum FieldValue {
    Object(#[validate(nested)] Item),
    List(#[validate(max_items = 2, nested)] Vec<Item>),
}

#[derive(Debug, Deserialize, Validate)]
struct Item {
    #[validate(min_length = 1, max_length = 5)]
    text: String,
    #[validate(uuid)]
    id: Option<String>,
}

const FIRST: &str = "0f6e4fba-0a4a-4d3c-9b5c-2b8d8f8e1a01";
const SECOND: &str = "7a1c9e2d-3b4f-4e5a-8c6d-9e0f1a2b3c4d";

#[test]
fn map_keys_and_list_indexes_make_the_pointer() {
    let record: Record = serde_json::from_value(serde_json::json!({
        "values": {
            SECOND: [{"text": "ok"}, {"text": "", "id": "not-a-uuid"}, {"text": "toolong"}],
            FIRST: {"text": "fine", "id": FIRST},
        }
    }))
    .expect("well-formed record");
    let errors = violations_of(&record);
    let at = |rest: &str| format!("/values/{SECOND}{rest}");
    let expected = [
        (at(""), Code::Rule(Rule::MaxItems), length(2)),
        (at("/1/text"), Code::Rule(Rule::MinLength), length(1)),
        (
            at("/1/id"),
            Code::Rule(Rule::Format),
            Some(Limit::Format("uuid")),
        ),
        (at("/2/text"), Code::Rule(Rule::MaxLength), length(5)),
    ];
    let found: Vec<_> = summary(&errors)
        .into_iter()
        .map(|(pointer, code, limit)| (pointer.to_owned(), code, limit))
        .collect();
    assert_eq!(found, expected);

    let single: Record = serde_json::from_value(serde_json::json!({
        "values": { FIRST: {"text": "toolong"} }
    }))
    .expect("well-formed record");
    assert_eq!(
        violations_of(&single).violations()[0].pointer,
        format!("/values/{FIRST}/text")
    );
}

// A string enum whose catch-all variant keeps values the spec does not list.
#[derive(Debug, Deserialize, Validate)]
enum CustomFieldType {
    #[serde(rename = "STRING")]
    String,
    #[serde(rename = "LINK")]
    Link,
    #[serde(untagged)]
    #[validate(unknown)]
    #[allow(dead_code)]
    Unknown(String),
}

#[derive(Debug, Deserialize, Validate)]
#[serde(rename_all = "camelCase")]
struct Typed {
    #[validate(nested)]
    custom_field_type: CustomFieldType,
}

#[test]
fn unknown_variant_is_an_enum_violation() {
    let known: Typed = serde_json::from_str(r#"{"customFieldType": "LINK"}"#).expect("parses");
    assert!(matches!(known.custom_field_type, CustomFieldType::Link));
    assert_eq!(known.validate(), Ok(()));
    assert_eq!(CustomFieldType::String.validate(), Ok(()));

    let unknown: Typed =
        serde_json::from_str(r#"{"customFieldType": "PHONE_NUMBER"}"#).expect("lenient parse");
    let errors = violations_of(&unknown);
    assert_eq!(summary(&errors), [("/customFieldType", Code::Enum, None)]);
    assert_eq!(
        errors.violations()[0].message,
        "is not one of the documented values"
    );
    assert!(!errors.to_string().contains("PHONE_NUMBER"));
}

// Tuple structs, struct variants, every rename_all style, raw identifiers, generics.
#[derive(Debug, Deserialize, Validate)]
struct Name(#[validate(max_length = 3)] String);

#[derive(Debug, Deserialize, Validate)]
struct Pair(
    #[validate(max_length = 1)] String,
    #[serde(skip)]
    #[allow(dead_code)]
    Option<u8>,
    #[validate(range(min = -5, max = 5.5))] f64,
);

#[derive(Debug, Deserialize, Validate)]
enum Shape {
    #[serde(rename_all = "SCREAMING-KEBAB-CASE")]
    Circle {
        #[validate(range(min = 1))]
        radius_mm: i64,
    },
    Square(
        #[validate(range(max = 10))] u8,
        #[validate(range(max = 10))] u8,
    ),
    Point,
}

#[derive(Debug, Deserialize, Validate)]
#[serde(rename_all = "PascalCase")]
struct Pascal {
    #[validate(max_length = 1)]
    first_name: String,
    #[validate(max_length = 1)]
    r#type: String,
}

#[derive(Debug, Deserialize, Validate)]
#[serde(rename_all = "kebab-case")]
struct Kebab {
    #[validate(max_length = 1)]
    first_name: String,
    #[serde(rename = "a/b~c")]
    #[validate(max_length = 1)]
    escaped: String,
}

#[derive(Debug, Deserialize, Validate)]
struct Page<T> {
    #[validate(min_items = 1, nested)]
    items: Vec<T>,
}

#[test]
fn tuple_structs_point_at_their_positions() {
    assert_eq!(
        summary(&violations_of(&Name("four".into()))),
        [("", Code::Rule(Rule::MaxLength), length(3))]
    );

    let errors = violations_of(&Pair("ab".into(), None, -5.5));
    assert_eq!(
        summary(&errors),
        [
            ("/0", Code::Rule(Rule::MaxLength), length(1)),
            // The skipped field takes no position on the wire.
            (
                "/1",
                Code::Rule(Rule::Minimum),
                Some(Limit::Number((-5).into()))
            ),
        ]
    );
    assert_eq!(errors.violations()[1].message, "must be at least -5");
    let errors = violations_of(&Pair("a".into(), Some(1), 6.0));
    assert_eq!(
        summary(&errors),
        [(
            "/1",
            Code::Rule(Rule::Maximum),
            serde_json::Number::from_f64(5.5).map(Limit::Number)
        )]
    );
}

#[test]
fn enum_variants_validate_their_fields() {
    let errors = violations_of(&Shape::Circle { radius_mm: 0 });
    assert_eq!(
        summary(&errors),
        [(
            "/RADIUS-MM",
            Code::Rule(Rule::Minimum),
            Some(Limit::Number(1.into()))
        )]
    );
    let errors = violations_of(&Shape::Square(11, 12));
    assert_eq!(
        summary(&errors),
        [
            (
                "/0",
                Code::Rule(Rule::Maximum),
                Some(Limit::Number(10.into()))
            ),
            (
                "/1",
                Code::Rule(Rule::Maximum),
                Some(Limit::Number(10.into()))
            ),
        ]
    );
    assert_eq!(Shape::Point.validate(), Ok(()));
}

#[test]
fn renamed_fields_and_generic_containers_report_wire_pointers() {
    let errors = violations_of(&Pascal {
        first_name: "ab".into(),
        r#type: "cd".into(),
    });
    assert_eq!(
        summary(&errors),
        [
            ("/FirstName", Code::Rule(Rule::MaxLength), length(1)),
            ("/Type", Code::Rule(Rule::MaxLength), length(1))
        ]
    );

    let errors = violations_of(&Kebab {
        first_name: "ab".into(),
        escaped: "cd".into(),
    });
    assert_eq!(
        summary(&errors),
        [
            ("/first-name", Code::Rule(Rule::MaxLength), length(1)),
            ("/a~1b~0c", Code::Rule(Rule::MaxLength), length(1))
        ]
    );

    let page = Page {
        items: vec![Name("ok".into()), Name("long".into())],
    };
    assert_eq!(
        summary(&violations_of(&page)),
        [("/items/1", Code::Rule(Rule::MaxLength), length(3))]
    );
    let empty: Page<Name> = Page { items: Vec::new() };
    assert_eq!(
        summary(&violations_of(&empty)),
        [("/items", Code::Rule(Rule::MinItems), length(1))]
    );
}

// Credentials must never appear in what validation reports.
#[derive(Debug, Deserialize, Validate)]
#[serde(rename_all = "camelCase")]
struct Login {
    #[validate(min_length = 4, max_length = 8, pattern = "^[a-z]+$")]
    #[validate(email)]
    api_token: String,
}

const SECRET: &str = "sk_live_51HxTOPSECRET-Passw0rd!";

#[test]
fn messages_never_contain_the_value() {
    let errors = violations_of(&Login {
        api_token: SECRET.to_owned(),
    });
    assert_eq!(errors.len(), 3);
    let report = format!(
        "{errors}\n{errors:?}\n{}",
        serde_json::to_string(&errors).expect("serializable")
    );
    for needle in [SECRET, "sk_live", "TOPSECRET", "Passw0rd"] {
        assert!(!report.contains(needle), "{needle} leaked into {report}");
    }
    assert_eq!(
        errors.violations(),
        [
            Violation {
                pointer: "/apiToken".into(),
                code: Code::Rule(Rule::MaxLength),
                limit: length(8),
                message: "must be at most 8 characters".into(),
            },
            Violation {
                pointer: "/apiToken".into(),
                code: Code::Rule(Rule::Pattern),
                limit: Some(Limit::Pattern("^[a-z]+$")),
                message: "must match the pattern ^[a-z]+$".into(),
            },
            Violation {
                pointer: "/apiToken".into(),
                code: Code::Rule(Rule::Format),
                limit: Some(Limit::Format("email")),
                message: "must be a valid email address".into(),
            },
        ]
    );
}

#[test]
fn validate_at_prefixes_the_given_path() {
    let root = Path::root();
    let body = root.field("body");
    let mut errors = ValidationErrors::new();
    Name("long".into()).validate_at(&body, &mut errors);
    assert_eq!(
        summary(&errors),
        [("/body", Code::Rule(Rule::MaxLength), length(3))]
    );
}

// `const`: one allowed value, a text, a number or a boolean.
#[derive(Debug, Deserialize, Validate)]
struct Versioned {
    #[validate(const = "disk.created")]
    kind: String,
    #[validate(const = 2)]
    version: i32,
    #[validate(const = -1.5)]
    offset: Option<f64>,
    #[validate(const = false)]
    dry_run: Option<bool>,
}

#[test]
fn const_allows_one_value() {
    let ok = Versioned {
        kind: "disk.created".into(),
        version: 2,
        offset: Some(-1.5),
        dry_run: None,
    };
    assert!(ok.validate().is_ok());
    let wrong = Versioned {
        kind: "disk.deleted".into(),
        version: 3,
        offset: Some(1.5),
        dry_run: Some(true),
    };
    let errors = violations_of(&wrong);
    let code = Code::Rule(specgen_runtime::Rule::Const);
    assert_eq!(
        summary(&errors),
        [
            (
                "/kind",
                code,
                Some(Limit::Constant(serde_json::json!("disk.created")))
            ),
            (
                "/version",
                code,
                Some(Limit::Constant(serde_json::json!(2)))
            ),
            (
                "/offset",
                code,
                Some(Limit::Constant(serde_json::json!(-1.5)))
            ),
            (
                "/dry_run",
                code,
                Some(Limit::Constant(serde_json::json!(false)))
            ),
        ]
    );
    assert_eq!(errors.violations()[0].message, "must be `disk.created`");
    assert!(!errors.to_string().contains("disk.deleted"));
}
