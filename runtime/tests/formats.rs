//! The format checks behind `#[validate(email)]`, `uuid`, `date_time` and the rest, and the
//! types formats are held in where that is not their text (`Base64`, `Rfc3339`): a text that
//! does not read as one is a `format` violation at its pointer, as a broken rule is.

use serde::Deserialize;
use specgen_runtime::decode::{from_json_slice, from_json_value};
use specgen_runtime::formats::{is_date_time, is_email, is_uuid};
use specgen_runtime::{Base64, Code, Format, Limit, Rfc3339, Rule, Validate, Violation};

#[test]
fn date_time_accepts_dotnet_precision_and_offsets() {
    for valid in [
        "2021-11-26T04:36:28.5400491Z",
        "2021-11-26T04:36:28Z",
        "2021-11-26T13:36:28.54+09:00",
        "2024-02-29T00:00:00-05:00",
    ] {
        assert!(is_date_time(valid), "{valid} should be accepted");
    }
}

#[test]
fn date_time_rejects_impossible_or_partial_values() {
    for invalid in [
        "2021-13-01T00:00:00Z",
        "2021-02-30T00:00:00Z",
        "2023-02-29T00:00:00Z",
        "2021-11-26T24:00:00Z",
        "2021-11-26T04:36:28",
        "2021-11-26",
        "26.11.2021 04:36",
        "",
    ] {
        assert!(!is_date_time(invalid), "{invalid} should be rejected");
    }
}

#[test]
fn email_follows_the_html_rule() {
    for valid in [
        "user@example.com",
        "first.last+tag@sub.example.co.jp",
        "o'brien@example.org",
        "x@localhost",
    ] {
        assert!(is_email(valid), "{valid} should be accepted");
    }
    for invalid in [
        "",
        "plainaddress",
        "@example.com",
        "user@",
        "user@-example.com",
        "user@example..com",
        "user name@example.com",
        "user@exa_mple.com",
        "user@example.com ",
    ] {
        assert!(!is_email(invalid), "{invalid:?} should be rejected");
    }
}

#[test]
fn uuid_is_hyphenated() {
    assert!(is_uuid("0f6e4fba-0a4a-4d3c-9b5c-2b8d8f8e1a01"));
    assert!(!is_uuid("0f6e4fba0a4a4d3c9b5c2b8d8f8e1a01"));
    assert!(!is_uuid("urn:uuid:0f6e4fba-0a4a-4d3c-9b5c-2b8d8f8e1a01"));
    assert!(!is_uuid("0f6e4fba-0a4a-4d3c-9b5c-2b8d8f8e1a0g"));
}

#[derive(Debug, Deserialize, Validate)]
struct Upload {
    avatar: Base64,
    #[serde(default, with = "specgen_runtime::nullable")]
    thumbnail: Option<Option<Base64>>,
    born: Option<Rfc3339<time::Date>>,
    #[validate(ipv4)]
    address: Option<String>,
}

/// The violations, by pointer.
fn violations(result: Result<Upload, specgen_runtime::DecodeError>) -> Vec<Violation> {
    let mut found = result.expect_err("invalid").violations().to_vec();
    found.sort_by(|a, b| a.pointer.cmp(&b.pointer));
    found
}

fn format_violation(pointer: &str, format: Format) -> Violation {
    Violation {
        pointer: pointer.into(),
        code: Code::Rule(Rule::Format),
        limit: Some(Limit::Format(format.as_str())),
        message: format!("must be {}", format.description()),
    }
}

#[test]
fn held_formats_read_as_their_types() {
    let upload: Upload = from_json_slice(
        br#"{"avatar": "//4AgA", "thumbnail": null, "born": "2024-02-29", "address": "192.0.2.1"}"#,
    )
    .expect("valid");
    assert_eq!(upload.avatar.0, [0xff, 0xfe, 0x00, 0x80]);
    assert_eq!(upload.thumbnail, Some(None));
    let born = upload.born.expect("born").into_inner();
    assert_eq!((born.year(), born.ordinal()), (2024, 60));
}

#[test]
fn a_text_not_in_its_format_is_a_format_violation_at_its_pointer() {
    let found = violations(from_json_slice(
        br#"{"avatar": "aGk=", "thumbnail": "%%", "born": "2023-02-29", "address": "01.2.3.4"}"#,
    ));
    assert_eq!(
        found,
        [
            format_violation("/address", Format::Ipv4),
            format_violation("/born", Format::Date),
            format_violation("/thumbnail", Format::Byte),
        ]
    );
    // Read from text (a parameter, a form field) the same.
    let value = serde_json::json!({"avatar": "=="});
    let found = violations(from_json_value(value));
    assert_eq!(found, [format_violation("/avatar", Format::Byte)]);
}

#[test]
fn a_header_not_in_its_format_says_so_without_quoting_it() {
    use specgen_runtime::wire::{Kind, header};
    let read = header::read::<Rfc3339<time::OffsetDateTime>>(["tomorrow"], Kind::Text, false);
    assert_eq!(
        read.expect_err("no date-time"),
        "must be a valid RFC 3339 date-time"
    );
    let read = header::read::<Base64>(["aGk"], Kind::Text, false);
    assert_eq!(read.expect("lenient").0, b"hi");
}
