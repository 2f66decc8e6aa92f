//! `numbers`: every numeric type with its range, on the wire. The generated client and server
//! carry each type's least and greatest values through a JSON body (fields, map keys and
//! values, lists), path, query and header parameters, the answer's headers and form fields; a
//! value past its type's range is a 400 naming its input, pointer and range; a whole number
//! written `85394.0` or `1e3` is the integer, as JSON Schema reads it, in a JSON body, a
//! parameter and a form field, and `1.5` is no integer anywhere.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use feature_bindings::numbers;
use numbers::client::{Client, RegisterCompanyMedia};
use numbers::models::{Company, Reading};
use numbers::operations::{PutReadingParams, PutReadingResponse, RegisterCompanyResponse};
use proptest::prelude::*;
use serde_json::{Value, json};
use workspace_tests::http::{Reply, exchange, request};

use super::{assert_invalid, base, failing, send, serve};

/// Answers with the body it was given, the parameters in the answer's headers, and keeps the
/// parameters it was last given.
#[derive(Clone, Default)]
struct Echo(Arc<Mutex<Option<PutReadingParams>>>);

impl Echo {
    fn last(&self) -> Option<PutReadingParams> {
        self.0.lock().expect("not poisoned").clone()
    }
}

impl numbers::server::Api for Echo {
    async fn put_reading(&self, params: PutReadingParams, body: Reading) -> PutReadingResponse {
        *self.0.lock().expect("not poisoned") = Some(params.clone());
        PutReadingResponse::Ok {
            body,
            x_remaining: params.x_budget.unwrap_or_default(),
            x_scale: params.scale,
            x_gain: params.gain,
        }
    }

    async fn register_company(&self, body: Company) -> RegisterCompanyResponse {
        RegisterCompanyResponse::Created(body)
    }
}

/// `high` for the greatest end of a range, else `low`.
fn end<T>(greatest: bool, high: T, low: T) -> T {
    if greatest { high } else { low }
}

/// A reading with every field set to its type's greatest value (`greatest`) or least.
fn reading_at_the_end(greatest: bool) -> Reading {
    Reading {
        level: end(greatest, u8::MAX, 0),
        percent: Some(end(greatest, 100, 0)),
        port: Some(end(greatest, u16::MAX, 0)),
        count: Some(end(greatest, u32::MAX, 0)),
        bytes: Some(end(greatest, u64::MAX, 0)),
        delta: Some(end(greatest, i8::MAX, i8::MIN)),
        offset: Some(end(greatest, i16::MAX, -1000)),
        small: Some(end(greatest, i32::MAX, i32::MIN)),
        total: Some(end(greatest, i64::MAX, i64::MIN)),
        gain: Some(end(greatest, f32::MAX, f32::MIN)),
        ratio: Some(end(greatest, 1.5, -1.5)),
        precise: Some(end(greatest, f64::MAX, f64::MIN)),
        average: Some(end(greatest, 0.1, -0.1)),
        channels: Some(BTreeMap::from([(
            end(greatest, u8::MAX, 0),
            end(greatest, u32::MAX, 0),
        )])),
        shifts: Some(BTreeMap::from([(
            end(greatest, i16::MAX, i16::MIN),
            end(greatest, 0.1, -0.1),
        )])),
        history: Some(vec![end(greatest, i16::MAX, i16::MIN), 0]),
        weights: Some(vec![
            end(greatest, f32::MAX, f32::MIN),
            f32::MIN_POSITIVE,
            0.1,
        ]),
    }
}

#[tokio::test]
async fn numbers_carry_every_type_at_both_ends_of_its_range() {
    let echo = Echo::default();
    let addr = serve(numbers::server::router(echo.clone())).await;
    let client = Client::new(&base(addr)).expect("client");
    for greatest in [true, false] {
        let reading = reading_at_the_end(greatest);
        let answer = client
            .put_reading(end(greatest, u16::MAX, 0), reading.clone())
            .scale(end(greatest, i8::MAX, i8::MIN))
            .window(end(greatest, u32::MAX, 1))
            .gain(end(greatest, f32::MAX, f32::MIN))
            .samples(vec![end(greatest, u8::MAX, 0), 7])
            .x_budget(end(greatest, u64::MAX, 0))
            .await;
        let Ok(PutReadingResponse::Ok {
            body,
            x_remaining,
            x_scale,
            x_gain,
        }) = answer
        else {
            panic!("{answer:?}");
        };
        assert_eq!(body, reading);
        assert_eq!(x_remaining, end(greatest, u64::MAX, 0));
        assert_eq!(x_scale, Some(end(greatest, i8::MAX, i8::MIN)));
        assert_eq!(x_gain, Some(end(greatest, f32::MAX, f32::MIN)));
        let params = echo.last().expect("the server was called");
        assert_eq!(params.sensor, end(greatest, u16::MAX, 0));
        assert_eq!(params.window, end(greatest, u32::MAX, 1));
        assert_eq!(params.samples, Some(vec![end(greatest, u8::MAX, 0), 7]));
    }
}

#[tokio::test]
async fn numbers_in_form_fields_carry_their_ends_in_either_media() {
    let addr = serve(numbers::server::router(Echo::default())).await;
    let client = Client::new(&base(addr)).expect("client");
    for media in [RegisterCompanyMedia::Form, RegisterCompanyMedia::Multipart] {
        for greatest in [true, false] {
            let company = Company {
                company_id: end(greatest, u32::MAX, 0),
                rank: Some(end(greatest, i8::MAX, i8::MIN)),
                share: Some(end(greatest, f32::MAX, 0.0)),
                offices: Some(vec![end(greatest, u16::MAX, 0)]),
            };
            let answer = client.register_company(company.clone()).media(media).await;
            assert!(
                matches!(answer, Ok(RegisterCompanyResponse::Created(ref c)) if *c == company),
                "{media:?}: {answer:?}"
            );
        }
    }
}

/// The message of the failing input `(location, pointer)` of a 400.
fn message(reply: &Reply, location: &str, pointer: &str) -> String {
    assert_invalid(reply, location, pointer);
    let problem = reply.json();
    let found = problem["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|e| e["in"] == location && e["pointer"] == pointer);
    found
        .and_then(|e| e["message"].as_str())
        .unwrap_or_default()
        .to_owned()
}

/// A multipart/form-data body of text parts.
fn multipart(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut body = String::new();
    for (name, text) in parts {
        body.push_str(&format!(
            "--x\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{text}\r\n"
        ));
    }
    body.push_str("--x--\r\n");
    body.into_bytes()
}

const MULTIPART: (&str, &str) = ("Content-Type", "multipart/form-data; boundary=x");
const FORM: (&str, &str) = ("Content-Type", "application/x-www-form-urlencoded");

#[tokio::test]
async fn numbers_past_their_range_are_refused_naming_it() {
    let addr = serve(numbers::server::router(Echo::default())).await;
    let reading = "/sensors/1/reading";
    for (body, pointer, range) in [
        (json!({"level": 256}), "/level", "an integer from 0 to 255"),
        (json!({"level": -1}), "/level", "an integer from 0 to 255"),
        (
            json!({"level": 1, "delta": -129}),
            "/delta",
            "an integer from -128 to 127",
        ),
        (
            json!({"level": 1, "channels": {"256": 1}}),
            "/channels/256",
            "an integer from 0 to 255",
        ),
        (
            json!({"level": 1, "gain": 1e39}),
            "/gain",
            "a number from -3.4028235e38 to 3.4028235e38",
        ),
        (
            json!({"level": 1, "weights": [1, -1e39]}),
            "/weights/1",
            "a number from -3.4028235e38 to 3.4028235e38",
        ),
    ] {
        let reply = send(addr, "PUT", reading, &[], &body).await;
        assert_eq!(
            message(&reply, "body", pointer),
            format!("expected {range}"),
            "{body}"
        );
    }
    // A u64 overflow is no JSON integer at all: the body's text, written out.
    let overflow = br#"{"level": 1, "bytes": 18446744073709551616}"#;
    let json = [("Content-Type", "application/json")];
    let reply = exchange(addr, request("PUT", reading, &json, overflow)).await;
    assert_eq!(
        message(&reply, "body", "/bytes"),
        "expected an integer from 0 to 18446744073709551615"
    );
    let body = br#"{"level": 1}"#;
    for (target, headers, location, pointer, range) in [
        (
            "/sensors/1/reading?window=-1",
            vec![],
            "query",
            "/window",
            "an integer from 0 to 4294967295",
        ),
        (
            "/sensors/1/reading?samples=1&samples=256",
            vec![],
            "query",
            "/samples/1",
            "an integer from 0 to 255",
        ),
        (
            "/sensors/65536/reading",
            vec![],
            "path",
            "/sensor",
            "an integer from 0 to 65535",
        ),
        (
            reading,
            vec![("X-Budget", "18446744073709551616")],
            "header",
            "/X-Budget",
            "an integer from 0 to 18446744073709551615",
        ),
    ] {
        let headers = [json.as_slice(), headers.as_slice()].concat();
        let reply = exchange(addr, request("PUT", target, &headers, body)).await;
        assert_eq!(
            message(&reply, location, pointer),
            format!("expected {range}"),
            "{target}"
        );
        assert_eq!(failing(&reply).len(), 1, "{reply}");
    }
    // Within its range but not its constraint: the constraint's own message.
    let reply = send(
        addr,
        "PUT",
        reading,
        &[],
        &json!({"level": 1, "percent": 101}),
    )
    .await;
    assert_eq!(message(&reply, "body", "/percent"), "must be at most 100");
}

#[tokio::test]
async fn whole_numbers_are_integers_where_json_schema_reads_them_so() {
    let echo = Echo::default();
    let addr = serve(numbers::server::router(echo.clone())).await;
    let body = json!({"level": 200.0, "count": 85394.0, "channels": {"1": 2e0}, "history": [-1e2]});
    let target = "/sensors/7.0/reading?window=85394.0&scale=-1e2&samples=1.0";
    let reply = send(addr, "PUT", target, &[("X-Budget", "1e19")], &body).await;
    assert_eq!(reply.status, 200, "{reply}");
    assert_eq!(
        reply.json(),
        json!({"level": 200, "count": 85394, "channels": {"1": 2}, "history": [-100]})
    );
    assert_eq!(reply.header("X-Remaining"), Some("10000000000000000000"));
    let params = echo.last().expect("the server was called");
    assert_eq!(
        (params.sensor, params.window, params.scale, params.samples),
        (7, 85394, Some(-100), Some(vec![1]))
    );
    let form = b"companyId=85394.0&rank=-1e1&offices=80.0&offices=443";
    let reply = exchange(addr, request("POST", "/companies", &[FORM], form)).await;
    assert_eq!(reply.status, 201, "{reply}");
    assert_eq!(
        reply.json(),
        json!({"companyId": 85394, "rank": -10, "offices": [80, 443]})
    );
    let parts = multipart(&[("companyId", "85394.0"), ("offices", "8e1")]);
    let reply = exchange(addr, request("POST", "/companies", &[MULTIPART], &parts)).await;
    assert_eq!(reply.status, 201, "{reply}");
    assert_eq!(reply.json(), json!({"companyId": 85394, "offices": [80]}));
}

#[tokio::test]
async fn a_fraction_is_no_integer_anywhere() {
    let addr = serve(numbers::server::router(Echo::default())).await;
    let reply = send(
        addr,
        "PUT",
        "/sensors/1/reading",
        &[],
        &json!({"level": 1.5}),
    )
    .await;
    assert_invalid(&reply, "body", "/level");
    let target = "/sensors/1.5/reading?window=1.5";
    let reply = send(
        addr,
        "PUT",
        target,
        &[("X-Budget", "0.5")],
        &json!({"level": 1}),
    )
    .await;
    for (location, pointer) in [
        ("path", "/sensor"),
        ("query", "/window"),
        ("header", "/X-Budget"),
    ] {
        assert_invalid(&reply, location, pointer);
    }
    let reply = exchange(
        addr,
        request("POST", "/companies", &[FORM], b"companyId=1.5"),
    )
    .await;
    assert_invalid(&reply, "body", "/companyId");
    let parts = multipart(&[("companyId", "1"), ("offices", "80.5")]);
    let reply = exchange(addr, request("POST", "/companies", &[MULTIPART], &parts)).await;
    assert_invalid(&reply, "body", "/offices/0");
}

/// A reading of any values its types hold: finite `f32`s, any integers.
fn any_reading() -> impl Strategy<Value = Reading> {
    let integers = (
        any::<u8>(),
        any::<u16>(),
        any::<u32>(),
        any::<u64>(),
        any::<i8>(),
        any::<i16>(),
    );
    let floats = (
        any::<f32>().prop_filter("finite", |f| f.is_finite()),
        -1.5_f32..=1.5,
        any::<f64>().prop_filter("finite", |f| f.is_finite()),
    );
    let collections = (
        proptest::collection::btree_map(any::<u8>(), any::<u32>(), 0..3),
        proptest::collection::vec(any::<f32>().prop_filter("finite", |f| f.is_finite()), 0..3),
    );
    (integers, floats, collections, any::<i64>()).prop_map(
        |(
            (level, port, count, bytes, delta, offset),
            (gain, ratio, precise),
            (channels, weights),
            total,
        )| Reading {
            level,
            percent: Some(level % 101),
            port: Some(port),
            count: Some(count),
            bytes: Some(bytes),
            delta: Some(delta),
            offset: Some(offset.max(-1000)),
            small: None,
            total: Some(total),
            gain: Some(gain),
            ratio: Some(ratio),
            precise: Some(precise),
            average: None,
            channels: Some(channels),
            shifts: None,
            history: Some(vec![offset]),
            weights: Some(weights),
        },
    )
}

proptest! {
    /// Any reading written as JSON decodes, validates, and writes back the same JSON.
    #[test]
    fn numbers_decode_validate_and_encode_back(reading in any_reading()) {
        let json = serde_json::to_vec(&reading).expect("serialisable");
        let decoded: Reading = specgen_runtime::decode::from_json_slice(&json)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&decoded, &reading);
        let again: Value = serde_json::from_slice(&serde_json::to_vec(&decoded).expect("JSON"))
            .expect("JSON");
        prop_assert_eq!(again, serde_json::from_slice::<Value>(&json).expect("JSON"));
    }
}
