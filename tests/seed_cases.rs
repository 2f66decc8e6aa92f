//! The facts the five documented endpoints state, checked on the generated bindings.

use apis::{kaiten, lineworks, onlyoffice, yandex360};
use serde_json::json;
use specgen_runtime::decode::{DecodeError, from_json_value};
use specgen_runtime::{Code, Rule, Validate, ValidationErrors};

/// The violations of decoding `json` as `T`, as `(pointer, code)` pairs.
fn violations<T: serde::de::DeserializeOwned + Validate>(
    json: serde_json::Value,
) -> Vec<(String, &'static str)> {
    match from_json_value::<T>(json) {
        Ok(_) => Vec::new(),
        Err(DecodeError::Invalid(errors)) => pairs(&errors),
        Err(other) => panic!("expected validation errors, got {other}"),
    }
}

fn pairs(errors: &ValidationErrors) -> Vec<(String, &'static str)> {
    errors
        .iter()
        .map(|v| (v.pointer.clone(), v.code.as_str()))
        .collect()
}

fn custom_field(name: &str, key: serde_json::Value) -> serde_json::Value {
    json!({ "domainId": 10000001, "customFieldExternalKey": key, "customFieldName": name, "customFieldType": "LINK" })
}

#[allow(deprecated)]
type CustomFieldRequest = lineworks::models::CustomFieldRequest;

#[test]
fn yandex_emails_must_not_be_empty() {
    let found = violations::<yandex360::models::ExternalContact>(
        json!({ "firstName": "Anna", "emails": [] }),
    );
    assert_eq!(found, [("/emails".to_string(), "min_items")]);
    let ok = violations::<yandex360::models::ExternalContact>(
        json!({ "emails": [{ "email": "anna@example.com", "main": true }] }),
    );
    assert!(ok.is_empty(), "{ok:?}");
}

#[test]
fn yandex_email_format_is_checked_without_echoing_the_value() {
    let err = from_json_value::<yandex360::models::ExternalContact>(
        json!({ "emails": [{ "email": "s3cr3t-not-an-address" }] }),
    )
    .expect_err("not an email address");
    let DecodeError::Invalid(errors) = err else {
        panic!("expected validation errors")
    };
    assert_eq!(pairs(&errors), [("/emails/0/email".to_string(), "format")]);
    assert!(
        !errors.to_string().contains("s3cr3t"),
        "the value leaked into {errors}"
    );
}

#[test]
fn lineworks_name_counts_unicode_characters() {
    let twenty = "カスタムフィールド名前テスト一二三四五六";
    assert_eq!(twenty.chars().count(), 20);
    assert!(violations::<CustomFieldRequest>(custom_field(twenty, json!(null))).is_empty());
    let twenty_one = format!("{twenty}八");
    let found = violations::<CustomFieldRequest>(custom_field(&twenty_one, json!(null)));
    assert_eq!(found, [("/customFieldName".to_string(), "max_length")]);
}

#[test]
fn lineworks_external_key_pattern_and_every_violation_collected() {
    let found = violations::<CustomFieldRequest>(custom_field(&"x".repeat(21), json!("1abc")));
    assert_eq!(
        found,
        [
            ("/customFieldExternalKey".to_string(), "pattern"),
            ("/customFieldName".to_string(), "max_length")
        ]
    );
}

#[test]
fn lineworks_domain_id_is_an_int32() {
    let mut body = custom_field("custom01", json!(null));
    body["domainId"] = json!(2_147_483_648_i64);
    assert_eq!(
        violations::<CustomFieldRequest>(body.clone()),
        [("/domainId".to_string(), "type")]
    );
    body["domainId"] = json!(2_147_483_647_i64);
    assert!(violations::<CustomFieldRequest>(body).is_empty());
}

#[test]
#[allow(deprecated)]
fn lineworks_nullable_external_key_has_three_states() {
    let absent: CustomFieldRequest = from_json_value(
        json!({ "domainId": 1, "customFieldName": "a", "customFieldType": "STRING" }),
    )
    .unwrap();
    let null: CustomFieldRequest = from_json_value(custom_field("a", json!(null))).unwrap();
    let value: CustomFieldRequest = from_json_value(custom_field("a", json!("KEY1"))).unwrap();
    assert_eq!(absent.custom_field_external_key, None);
    assert_eq!(null.custom_field_external_key, Some(None));
    assert_eq!(
        value.custom_field_external_key,
        Some(Some("KEY1".to_string()))
    );
    assert!(
        serde_json::to_value(&absent)
            .unwrap()
            .get("customFieldExternalKey")
            .is_none()
    );
    assert_eq!(
        serde_json::to_value(&null).unwrap()["customFieldExternalKey"],
        json!(null)
    );
}

#[test]
#[allow(deprecated)]
fn lineworks_read_only_id_is_never_sent_in_a_request() {
    // The response shape carries the server-set id; the request shape has no such field.
    let response: lineworks::models::CustomField = from_json_value(json!({
        "domainId": 1, "customFieldId": "customfd-1", "customFieldName": "a", "customFieldType": "LINK"
    }))
    .unwrap();
    assert_eq!(response.custom_field_id.as_deref(), Some("customfd-1"));
    let request: CustomFieldRequest = from_json_value(json!({
        "domainId": 1, "customFieldId": "customfd-1", "customFieldName": "a", "customFieldType": "LINK"
    }))
    .unwrap();
    assert!(
        serde_json::to_value(&request)
            .unwrap()
            .get("customFieldId")
            .is_none()
    );
}

#[test]
#[allow(deprecated)]
fn lineworks_unknown_enum_value_decodes_but_does_not_validate() {
    let lenient: lineworks::models::CustomField = serde_json::from_value(
        json!({ "domainId": 1, "customFieldName": "a", "customFieldType": "DATE" }),
    )
    .unwrap();
    assert_eq!(
        lenient.custom_field_type,
        lineworks::models::CustomFieldType::Unknown("DATE".into())
    );
    let errors = lenient.validate().unwrap_err();
    assert_eq!(pairs(&errors), [("/customFieldType".to_string(), "enum")]);
    assert_eq!(
        serde_json::to_value(&lenient).unwrap()["customFieldType"],
        json!("DATE")
    );
}

#[test]
fn onlyoffice_share_type_accepts_numbers_and_names_in_any_case() {
    use onlyoffice::models::ShareType;
    for (input, expected) in [
        (json!(0), ShareType::None),
        (json!("none"), ShareType::None),
        (json!("ReadWrite"), ShareType::ReadWrite),
        (json!("READ"), ShareType::Read),
        (json!(2), ShareType::Read),
    ] {
        let parsed: ShareType =
            serde_json::from_value(input.clone()).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(parsed, expected, "{input}");
        assert_eq!(
            serde_json::to_value(parsed).unwrap(),
            json!(expected.value()),
            "sent as the number"
        );
    }
    assert!(serde_json::from_value::<ShareType>(json!("sometimes")).is_err());
}

#[test]
fn onlyoffice_dotnet_timestamp_is_a_valid_date_time() {
    let person = json!({ "created": "2021-11-26T04:36:28.5400491Z" });
    assert!(violations::<onlyoffice::models::Person>(person).is_empty());
    let bad = json!({ "created": "26.11.2021 04:36" });
    assert_eq!(
        violations::<onlyoffice::models::Person>(bad),
        [("/created".to_string(), "format")]
    );
}

#[test]
fn onlyoffice_custom_field_list_keeps_wire_names() {
    let body: onlyoffice::models::CreatePersonRequest = from_json_value(json!({
        "firstName": "a", "lastName": "b", "shareType": "none",
        "customFieldList": [{ "Key": 0, "Value": null }], "photo": []
    }))
    .unwrap();
    let list = body.custom_field_list.as_ref().unwrap();
    assert_eq!(list[0].key, 0);
    assert_eq!(list[0].value, Some(None));
    assert_eq!(
        serde_json::to_value(&body).unwrap()["customFieldList"],
        json!([{ "Key": 0, "Value": null }])
    );
}

#[test]
fn kaiten_single_and_multi_select_values_parse() {
    use kaiten::models::{CreateCustomDirectoryRecordRequest, FieldValue};
    let single = "c1d2e3f4-1111-4aaa-8bbb-ccccdddd0001";
    let multi = "c1d2e3f4-1111-4aaa-8bbb-ccccdddd0002";
    let body: CreateCustomDirectoryRecordRequest = from_json_value(json!({
        "values": {
            single: { "value_text": "Alice" },
            multi: [{ "id": 1, "value_text": "red" }, { "id": 2, "value_text": "green" }]
        }
    }))
    .unwrap();
    let single_value = &body.values[&single.parse().unwrap()];
    assert!(
        matches!(single_value, FieldValue::Single(item) if item.value_text.as_deref() == Some("Alice"))
    );
    let FieldValue::Multiple(items) = &body.values[&multi.parse().unwrap()] else {
        panic!("a list is a multi-select value")
    };
    assert_eq!(items.len(), 2);
    assert_eq!(
        items[1].extra["id"],
        json!(2),
        "unknown fields of an open object are kept"
    );
}

#[test]
fn kaiten_map_keys_must_be_uuids() {
    let err = from_json_value::<kaiten::models::CreateCustomDirectoryRecordRequest>(
        json!({ "values": { "not-a-uuid": { "value_text": "x" } } }),
    );
    assert!(matches!(err, Err(DecodeError::Invalid(_))), "{err:?}");
}

#[test]
fn yandex_error_details_keep_type_and_extra_fields() {
    let error: yandex360::models::ApiError = from_json_value(json!({
        "code": 3, "message": "invalid argument",
        "details": [{ "@type": "type.googleapis.com/google.rpc.BadRequest", "fieldViolations": [{ "field": "emails" }] }]
    }))
    .unwrap();
    let detail = &error.details.as_ref().unwrap()[0];
    assert_eq!(
        detail.type_url.as_deref(),
        Some("type.googleapis.com/google.rpc.BadRequest")
    );
    assert_eq!(
        detail.extra["fieldViolations"],
        json!([{ "field": "emails" }])
    );
    let round_trip = serde_json::to_value(&error).unwrap();
    assert_eq!(
        round_trip["details"][0]["@type"],
        json!("type.googleapis.com/google.rpc.BadRequest")
    );
    assert_eq!(
        round_trip["details"][0]["fieldViolations"],
        json!([{ "field": "emails" }])
    );
}

#[test]
fn violation_carries_wire_pointer_code_and_limit() {
    let errors =
        from_json_value::<yandex360::models::ExternalContact>(json!({ "emails": [] })).unwrap_err();
    let DecodeError::Invalid(errors) = errors else {
        panic!()
    };
    let v = &errors.violations()[0];
    assert_eq!(v.code, Code::Rule(Rule::MinItems));
    assert_eq!(
        serde_json::to_value(v).unwrap(),
        json!({ "pointer": "/emails", "code": "min_items", "limit": 1, "message": v.message })
    );
}
