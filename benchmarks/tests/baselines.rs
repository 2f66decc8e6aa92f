//! The baselines do the same work as the generated code: on the documented examples and on
//! bodies that break each stated constraint, both sides accept and refuse alike, and both
//! routers give the same answers.

use axum::Router;
use serde_json::{Value, json};
use specgen_benchmarks::requests::Endpoint;
use specgen_benchmarks::seeds::{Kaiten, Lineworks, Onlyoffice, R7office, Seed, Yandex360};
use specgen_benchmarks::{generated_server, handwritten_server};
use tower::ServiceExt;

/// The seed's documented example with the member at `pointer` set to `value`.
fn example_with<S: Seed>(pointer: &str, value: Value) -> Vec<u8> {
    let mut body: Value = serde_json::from_slice(&S::body()).expect("JSON");
    *body.pointer_mut(pointer).expect("the member exists") = value;
    serde_json::to_vec(&body).expect("JSON")
}

fn ours_accepts<S: Seed>(body: &[u8]) -> bool {
    use specgen_runtime::Validate;
    serde_json::from_slice::<S::Ours>(body).is_ok_and(|value| value.validate().is_ok())
}

fn garde_accepts<S: Seed>(body: &[u8]) -> bool {
    use garde::Validate;
    serde_json::from_slice::<S::Garde>(body).is_ok_and(|value| value.validate().is_ok())
}

/// Both sides give `expected` for the example with `pointer` set to `value`.
fn both<S: Seed>(pointer: &str, value: Value, expected: bool) {
    let body = example_with::<S>(pointer, value.clone());
    assert_eq!(
        ours_accepts::<S>(&body),
        expected,
        "generated, {pointer} = {value}"
    );
    assert_eq!(
        garde_accepts::<S>(&body),
        expected,
        "garde, {pointer} = {value}"
    );
}

#[test]
fn every_documented_example_is_valid_on_both_sides() {
    fn check<S: Seed>() {
        let body = S::body();
        assert!(
            ours_accepts::<S>(&body),
            "generated: {}",
            String::from_utf8_lossy(&body)
        );
        assert!(
            garde_accepts::<S>(&body),
            "garde: {}",
            String::from_utf8_lossy(&body)
        );
    }
    check::<Kaiten>();
    check::<Lineworks>();
    check::<Yandex360>();
    check::<Onlyoffice>();
    check::<R7office>();
}

#[test]
fn lineworks_constraints_agree() {
    both::<Lineworks>("/customFieldName", json!("表".repeat(20)), true);
    both::<Lineworks>("/customFieldName", json!("表".repeat(21)), false);
    both::<Lineworks>("/customFieldExternalKey", json!("1abc"), false);
    both::<Lineworks>("/customFieldExternalKey", json!("a".repeat(101)), false);
    both::<Lineworks>("/customFieldExternalKey", json!(null), true);
    both::<Lineworks>("/customFieldType", json!("STRING"), true);
    both::<Lineworks>("/customFieldType", json!("DATE"), false);
    both::<Lineworks>("/domainId", json!(i64::from(i32::MAX) + 1), false);
}

#[test]
fn yandex360_constraints_agree() {
    both::<Yandex360>("/emails", json!([]), false);
    both::<Yandex360>("/emails/0/email", json!("example"), false);
    both::<Yandex360>("/emails/0/email", json!("a.b@example.co.jp"), true);
    both::<Yandex360>("/phones", json!([{ "phone": "+7 495 000-00-00" }]), true);
}

#[test]
fn kaiten_and_crm_constraints_agree() {
    both::<Kaiten>(
        "/values",
        json!({ "not-a-uuid": { "value_text": "x" } }),
        false,
    );
    both::<Kaiten>(
        "/values",
        json!({ "c1d2e3f4-1111-4aaa-8bbb-ccccdddd0001": [{ "value_text": "x" }] }),
        true,
    );
    for seed in [both::<Onlyoffice>, both::<R7office>] {
        seed("/shareType", json!("readwrite"), true);
        seed("/shareType", json!(2), true);
        seed("/shareType", json!(3), false);
        seed("/shareType", json!("everyone"), false);
        seed("/managerList", json!(["not-a-uuid"]), false);
    }
}

/// The status and the body `router` answers `endpoint` with.
async fn answer(router: Router, endpoint: &Endpoint) -> (u16, Option<Value>) {
    let response = router
        .oneshot(endpoint.request())
        .await
        .expect("infallible");
    let status = response.status().as_u16();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("a body");
    (status, serde_json::from_slice(&bytes).ok())
}

#[tokio::test]
async fn both_routers_answer_alike() {
    let cases = [
        (
            Endpoint::lineworks(),
            generated_server::lineworks(),
            handwritten_server::lineworks(),
        ),
        (
            Endpoint::yandex360(),
            generated_server::yandex360(),
            handwritten_server::yandex360(),
        ),
    ];
    for (endpoint, generated, handwritten) in cases {
        let ours = answer(generated.clone(), &endpoint).await;
        let theirs = answer(handwritten.clone(), &endpoint).await;
        assert!(ours.0 == 200 || ours.0 == 201, "{ours:?}");
        assert_eq!(ours, theirs);

        let invalid = endpoint.with_body(r#"{"emails": [], "customFieldName": 1}"#);
        let (ours, _) = answer(generated, &invalid).await;
        let (theirs, _) = answer(handwritten, &invalid).await;
        assert!((400..500).contains(&ours), "generated: {ours}");
        assert!((400..500).contains(&theirs), "hand-written: {theirs}");
    }
}

#[tokio::test]
async fn lineworks_marks_the_answer_deprecated_on_both_sides() {
    let endpoint = Endpoint::lineworks();
    for router in [
        generated_server::lineworks(),
        handwritten_server::lineworks(),
    ] {
        let response = router
            .oneshot(endpoint.request())
            .await
            .expect("infallible");
        assert_eq!(response.headers()["deprecation"], "true");
    }
}
