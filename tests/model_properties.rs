//! Properties of the generated models and servers, over documents proptest derives from each
//! seed endpoint's documented examples by editing them (members replaced with values of any
//! type, removed, added; strings of any Unicode, numbers at the integer limits):
//!
//! - every document that decodes and validates round-trips through JSON unchanged;
//! - the mock server never answers 5xx, whatever the body, credentials or media type, and with
//!   good credentials and a JSON body it answers 2xx exactly when the body decodes and
//!   validates.
//!
//! `PROPTEST_CASES` sets the number of cases (256 by default).

#![allow(deprecated)]

use std::fmt::Debug;
use std::sync::LazyLock;

use apis::{kaiten, lineworks, onlyoffice, r7office, yandex360};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use serde::de::DeserializeOwned;
use serde_json::Value;
use specgen_runtime::Validate;
use specgen_runtime::axum::body::Body;
use specgen_runtime::axum::http::Request;
use specgen_runtime::decode::from_json_slice;
use tower::ServiceExt;

#[path = "support/edits.rs"]
mod edits;

use edits::{assert_edits_round_trip, config, edited, round_trips};

/// The bindings of the real specs, for their documented examples.
static API: LazyLock<specgen::ir::Api> = LazyLock::new(|| {
    specgen::load_api(&workspace_tests::specs_dir(), "specs").expect("the real specs load")
});

/// The documented JSON request example of `service`'s first operation, or its first JSON
/// answer with a 2xx status.
fn example(service: &str, request: bool) -> Value {
    let service = API
        .services
        .iter()
        .find(|s| s.name == service)
        .expect("a known service");
    service.operations[0]
        .examples
        .iter()
        .find_map(|example| {
            if request {
                return example.request.as_ref().map(|body| body.json.clone());
            }
            let response = example.response.as_ref()?;
            match &response.body {
                Some(specgen::ir::ExampleResponseBody::Json(body))
                    if (200..300).contains(&response.status) =>
                {
                    Some(body.json.clone())
                }
                _ => None,
            }
        })
        .unwrap_or_else(|| panic!("{}: no documented example", service.name))
}

/// A model, the example it is edited from, and its round-trip check.
struct Model {
    name: &'static str,
    service: &'static str,
    request: bool,
    round_trips: fn(&[u8]) -> Result<bool, TestCaseError>,
}

const MODELS: &[Model] = &[
    Model {
        name: "kaiten CreateCustomDirectoryRecordRequest",
        service: "kaiten",
        request: true,
        round_trips: round_trips::<kaiten::models::CreateCustomDirectoryRecordRequest>,
    },
    Model {
        name: "lineworks CustomFieldRequest",
        service: "lineworks",
        request: true,
        round_trips: round_trips::<lineworks::models::CustomFieldRequest>,
    },
    Model {
        name: "lineworks CustomField",
        service: "lineworks",
        request: false,
        round_trips: round_trips::<lineworks::models::CustomField>,
    },
    Model {
        name: "yandex360 ExternalContact",
        service: "yandex360",
        request: true,
        round_trips: round_trips::<yandex360::models::ExternalContact>,
    },
    Model {
        name: "yandex360 ExternalContactCreated",
        service: "yandex360",
        request: false,
        round_trips: round_trips::<yandex360::models::ExternalContactCreated>,
    },
    Model {
        name: "onlyoffice CreatePersonRequest",
        service: "onlyoffice",
        request: true,
        round_trips: round_trips::<onlyoffice::models::CreatePersonRequest>,
    },
    Model {
        name: "onlyoffice PersonResponse",
        service: "onlyoffice",
        request: false,
        round_trips: round_trips::<onlyoffice::models::PersonResponse>,
    },
    Model {
        name: "r7office CreatePersonRequest",
        service: "r7office",
        request: true,
        round_trips: round_trips::<r7office::models::CreatePersonRequest>,
    },
];

#[test]
fn valid_values_round_trip_through_json() {
    for model in MODELS {
        let example = example(model.service, model.request);
        assert_edits_round_trip(model.name, example, model.round_trips);
    }
}

/// A seed operation as the mock router serves it.
struct Endpoint {
    service: &'static str,
    uri: &'static str,
    /// The `Authorization` header the spec's scheme expects.
    authorization: &'static str,
    /// Whether a body decodes and validates as the operation's request.
    valid: fn(&[u8]) -> bool,
}

fn valid<T: DeserializeOwned + Validate>(bytes: &[u8]) -> bool {
    from_json_slice::<T>(bytes).is_ok()
}

const ENDPOINTS: &[Endpoint] = &[
    Endpoint {
        service: "kaiten",
        uri: "/kaiten/api/latest/company/custom-directories/3fa85f64-5717-4562-b3fc-2c963f66afa6/records",
        authorization: "Bearer token",
        valid: valid::<kaiten::models::CreateCustomDirectoryRecordRequest>,
    },
    Endpoint {
        service: "lineworks",
        uri: "/lineworks/v1.0/directory/custom-fields",
        authorization: "Bearer token",
        valid: valid::<lineworks::models::CustomFieldRequest>,
    },
    Endpoint {
        service: "yandex360",
        uri: "/yandex360/directory/v1/org/1234567/external_contacts",
        authorization: "OAuth token",
        valid: valid::<yandex360::models::ExternalContact>,
    },
    Endpoint {
        service: "onlyoffice",
        uri: "/onlyoffice/api/2.0/crm/contact/person",
        authorization: "token",
        valid: valid::<onlyoffice::models::CreatePersonRequest>,
    },
    Endpoint {
        service: "r7office",
        uri: "/r7office/api/2.0/crm/contact/person",
        authorization: "token",
        valid: valid::<r7office::models::CreatePersonRequest>,
    },
];

/// What is sent besides the body.
#[derive(Debug, Clone)]
struct Envelope {
    /// `None`: the endpoint's own well-formed header.
    authorization: Option<Option<String>>,
    content_type: Option<&'static str>,
    /// Cut the body to this many bytes, when set.
    truncate: Option<usize>,
}

fn envelope() -> impl Strategy<Value = Envelope> {
    let authorization = prop_oneof![
        6 => Just(None),
        1 => Just(Some(None)),
        1 => "\\PC{0,20}".prop_map(|v| Some(Some(v))),
    ];
    let content_type = prop_oneof![
        6 => Just(Some("application/json")),
        1 => prop::sample::select(vec![
            Some("text/plain"),
            Some("multipart/form-data"),
            Some("multipart/form-data; boundary=x"),
            Some("application/merge-patch+json"),
            None,
        ]),
    ];
    let truncate = prop_oneof![6 => Just(None), 1 => any::<usize>().prop_map(Some)];
    (authorization, content_type, truncate).prop_map(|(authorization, content_type, truncate)| {
        Envelope {
            authorization,
            content_type,
            truncate,
        }
    })
}

#[test]
fn the_server_never_answers_5xx_and_accepts_exactly_the_valid_bodies() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    let router = apis::mock_router();
    for endpoint in ENDPOINTS {
        // (valid bodies accepted, invalid bodies refused), with good credentials and JSON.
        let tried = std::cell::Cell::new((0_u32, 0_u32));
        let mut runner = proptest::test_runner::TestRunner::new(config());
        let cases = (edited(example(endpoint.service, true)), envelope());
        runner
            .run(&cases, |(document, envelope)| {
                let mut body = serde_json::to_vec(&document).expect("JSON");
                if let Some(at) = envelope.truncate {
                    body.truncate(at % (body.len() + 1));
                }
                let mut request = Request::post(endpoint.uri);
                match &envelope.authorization {
                    None => request = request.header("authorization", endpoint.authorization),
                    Some(Some(value)) => request = request.header("authorization", value.as_str()),
                    Some(None) => {}
                }
                if let Some(media) = envelope.content_type {
                    request = request.header("content-type", media);
                }
                let Ok(request) = request.body(Body::from(body.clone())) else {
                    // A header value HTTP cannot carry never reaches a server.
                    return Ok(());
                };
                let status = runtime
                    .block_on(router.clone().oneshot(request))
                    .expect("infallible")
                    .status();
                prop_assert!(status.as_u16() < 500, "answered {status}");
                let well_formed = envelope.authorization.is_none()
                    && envelope.content_type == Some("application/json");
                if well_formed {
                    let valid = (endpoint.valid)(&body);
                    let (accepted, refused) = tried.get();
                    tried.set((accepted + u32::from(valid), refused + u32::from(!valid)));
                    prop_assert_eq!(
                        status.is_success(),
                        valid,
                        "answered {} to {}",
                        status,
                        String::from_utf8_lossy(&body)
                    );
                }
                Ok(())
            })
            .unwrap_or_else(|failure| panic!("{}: {failure}", endpoint.service));
        let (accepted, refused) = tried.get();
        assert!(
            accepted > 0 && refused > 0,
            "{}: {accepted} valid and {refused} invalid bodies: both kinds must be tried",
            endpoint.service
        );
    }
}

/// Found by `valid_values_round_trip_through_json`: serde_json's default float parsing is
/// off by one unit in the last place for some numbers, so a member kept as sent came back
/// changed. The runtime turns on `float_roundtrip`.
#[test]
fn a_float_kept_as_sent_round_trips() {
    let body =
        br#"{"values":{"c1d2e3f4-1111-4aaa-8bbb-ccccdddd0001":{"A":7.544888170528663e-97}}}"#;
    let accepted = round_trips::<kaiten::models::CreateCustomDirectoryRecordRequest>(body);
    assert!(matches!(accepted, Ok(true)), "{accepted:?}");
}
