//! The format checks behind `email`, `uuid` and `date_time`.

use specgen_runtime::formats::{is_date_time, is_email, is_uuid};

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
