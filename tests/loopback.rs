//! The generated clients calling the generated servers over loopback: every documented
//! endpoint with the docs' example, every documented status as its typed variant, multipart
//! files, the XML form, missing tokens, server-side validation, and path encoding.

#![allow(deprecated)] // LINE WORKS' endpoint is deprecated; it is still served and called.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use apis::{kaiten, lineworks, onlyoffice, r7office, yandex360};
use serde::de::DeserializeOwned;
use serde_json::json;
use specgen_runtime::axum::{self, Router};
use specgen_runtime::client::Error;
use specgen_runtime::{FilePart, Secret};
use workspace_tests::serve;

/// The base URL of a service served at `addr`: its documented path prefix included.
fn base(addr: SocketAddr, base_path: &str) -> String {
    format!("http://{addr}{base_path}")
}

/// The documented examples of one operation, as the spec states them.
struct Examples {
    requests: Vec<serde_json::Value>,
    responses: Vec<(u16, String, specgen::ir::ExampleResponseBody)>,
    parameters: Vec<(String, serde_json::Value)>,
}

fn examples(service: &str) -> Examples {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let api = specgen::load_api(&root, "specs").expect("the specs check");
    let service = api
        .services
        .iter()
        .find(|s| s.name == service)
        .expect("service exists");
    let op = &service.operations[0];
    let mut out = Examples {
        requests: Vec::new(),
        responses: Vec::new(),
        parameters: Vec::new(),
    };
    for example in &op.examples {
        if let Some(request) = &example.request {
            out.requests.push(request.canonical.clone());
        }
        if let Some(response) = &example.response
            && let Some(body) = &response.body
        {
            out.responses
                .push((response.status, response.media.clone(), body.clone()));
        }
        out.parameters.extend(example.parameters.iter().cloned());
    }
    out
}

fn decode<T: DeserializeOwned>(value: &serde_json::Value) -> T {
    serde_json::from_value(value.clone()).expect("the example decodes")
}

fn json_response<T: DeserializeOwned>(examples: &Examples, status: u16) -> T {
    examples
        .responses
        .iter()
        .find_map(|(s, _, body)| match body {
            specgen::ir::ExampleResponseBody::Json(b) if *s == status => Some(decode(&b.canonical)),
            _ => None,
        })
        .expect("a JSON example for the status")
}

/// A test implementation of a server trait: records every call, answers with what the test
/// set.
struct Recorder<I, R> {
    calls: Mutex<Vec<I>>,
    answer: Mutex<R>,
}

#[derive(Clone)]
struct Shared<I, R>(Arc<Recorder<I, R>>);

impl<I, R: Clone> Shared<I, R> {
    fn new(answer: R) -> Self {
        Shared(Arc::new(Recorder {
            calls: Mutex::new(Vec::new()),
            answer: Mutex::new(answer),
        }))
    }

    fn record(&self, input: I) -> R {
        self.0.calls.lock().expect("lock").push(input);
        self.0.answer.lock().expect("lock").clone()
    }

    fn answer_with(&self, answer: R) {
        *self.0.answer.lock().expect("lock") = answer;
    }

    fn calls(&self) -> std::sync::MutexGuard<'_, Vec<I>> {
        self.0.calls.lock().expect("lock")
    }
}

type LineworksCall = (Secret, lineworks::models::CustomFieldRequest);
type Lineworks = Shared<LineworksCall, lineworks::operations::CreateCustomFieldResponse>;

impl lineworks::server::Api for Lineworks {
    async fn create_custom_field(
        &self,
        token: Secret,
        body: lineworks::models::CustomFieldRequest,
    ) -> lineworks::operations::CreateCustomFieldResponse {
        self.record((token, body))
    }
}

type KaitenCall = (
    Secret,
    kaiten::operations::CreateCustomDirectoryRecordParams,
    kaiten::models::CreateCustomDirectoryRecordRequest,
);
type Kaiten = Shared<KaitenCall, kaiten::operations::CreateCustomDirectoryRecordResponse>;

impl kaiten::server::Api for Kaiten {
    async fn create_custom_directory_record(
        &self,
        token: Secret,
        params: kaiten::operations::CreateCustomDirectoryRecordParams,
        body: kaiten::models::CreateCustomDirectoryRecordRequest,
    ) -> kaiten::operations::CreateCustomDirectoryRecordResponse {
        self.record((token, params, body))
    }
}

type YandexCall = (
    Secret,
    yandex360::operations::AddExternalContactParams,
    yandex360::models::ExternalContact,
);
type Yandex = Shared<YandexCall, yandex360::operations::AddExternalContactResponse>;

impl yandex360::server::Api for Yandex {
    async fn add_external_contact(
        &self,
        token: Secret,
        params: yandex360::operations::AddExternalContactParams,
        body: yandex360::models::ExternalContact,
    ) -> yandex360::operations::AddExternalContactResponse {
        self.record((token, params, body))
    }
}

type OnlyofficeCall = (Secret, onlyoffice::models::CreatePersonRequest);
type Onlyoffice = Shared<OnlyofficeCall, onlyoffice::operations::CreatePersonResponse>;

impl onlyoffice::server::Api for Onlyoffice {
    async fn create_person(
        &self,
        token: Secret,
        body: onlyoffice::models::CreatePersonRequest,
    ) -> onlyoffice::operations::CreatePersonResponse {
        self.record((token, body))
    }
}

type R7Call = (Secret, r7office::models::CreatePersonRequest);
type R7 = Shared<R7Call, r7office::operations::CreatePersonResponse>;

impl r7office::server::Api for R7 {
    async fn create_person(
        &self,
        token: Secret,
        body: r7office::models::CreatePersonRequest,
    ) -> r7office::operations::CreatePersonResponse {
        self.record((token, body))
    }
}

// ---- LINE WORKS ----

#[tokio::test]
async fn lineworks_example_round_trips_as_its_typed_success() {
    use lineworks::operations::CreateCustomFieldResponse as R;
    let docs = examples("lineworks");
    let created: lineworks::models::CustomField = json_response(&docs, 201);
    let api = Lineworks::new(R::Created(created.clone()));
    let addr = serve(lineworks::server::router(api.clone())).await;
    let client = lineworks::client::Client::new(&base(addr, lineworks::server::BASE_PATH), "t0k")
        .expect("client");

    let request: lineworks::models::CustomFieldRequest = decode(&docs.requests[0]);
    let answer = client
        .create_custom_field(request.clone())
        .await
        .expect("call");
    assert_eq!(answer, R::Created(created));
    let calls = api.calls();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].0.expose(), "t0k", "Authorization: Bearer <token>");
    assert_eq!(calls[0].1, request);
}

#[tokio::test]
async fn lineworks_documented_400_has_no_body_and_deprecation_is_announced() {
    use lineworks::operations::CreateCustomFieldResponse as R;
    let api = Lineworks::new(R::BadRequest);
    let addr = serve(lineworks::server::router(api.clone())).await;
    let url = base(addr, lineworks::server::BASE_PATH);
    let client = lineworks::client::Client::new(&url, "t").expect("client");
    let request: lineworks::models::CustomFieldRequest = decode(&examples("lineworks").requests[0]);
    assert_eq!(
        client
            .create_custom_field(request.clone())
            .await
            .expect("call"),
        R::BadRequest
    );

    // The deprecated endpoint says so on every answer.
    let raw = specgen_runtime::reqwest::Client::new()
        .post(format!("{url}/directory/custom-fields"))
        .header("authorization", "Bearer t")
        .header("content-type", "application/json")
        .body(serde_json::to_vec(&request).expect("json"))
        .send()
        .await
        .expect("raw call");
    assert_eq!(raw.status(), 400);
    assert_eq!(raw.headers()["deprecation"], "true");
}

#[tokio::test]
async fn lineworks_max_length_counts_characters_on_both_sides() {
    use lineworks::operations::CreateCustomFieldResponse as R;
    let docs = examples("lineworks");
    let api = Lineworks::new(R::Created(json_response(&docs, 201)));
    let addr = serve(lineworks::server::router(api.clone())).await;
    let url = base(addr, lineworks::server::BASE_PATH);
    let mut request: lineworks::models::CustomFieldRequest = decode(&docs.requests[0]);

    request.custom_field_name = "カ".repeat(20);
    let client = lineworks::client::Client::new(&url, "t").expect("client");
    let answer = client.create_custom_field(request.clone()).await;
    assert!(matches!(answer, Ok(R::Created(_))), "{answer:?}");

    // Client-side validation (on by default) stops 21 characters before anything is sent.
    request.custom_field_name = "カ".repeat(21);
    match client.create_custom_field(request.clone()).await {
        Err(Error::Invalid(invalid)) => {
            let errors = invalid.errors();
            assert_eq!(errors.len(), 1);
            assert_eq!(errors[0].violation.pointer, "/customFieldName");
            assert_eq!(errors[0].violation.code.as_str(), "max_length");
        }
        other => panic!("expected a client-side validation error, got {other:?}"),
    }
    assert_eq!(api.calls().len(), 1, "the invalid request was not sent");

    // With validation off the server rejects it; LINE WORKS documents 400 without a body.
    let client = client.validate_requests(false);
    let answer = client.create_custom_field(request).await.expect("call");
    assert_eq!(answer, R::BadRequest);
    assert_eq!(api.calls().len(), 1, "the implementation never saw it");
}

// ---- Kaiten ----

fn kaiten_request() -> kaiten::models::CreateCustomDirectoryRecordRequest {
    decode(&examples("kaiten").requests[0])
}

fn kaiten_directory() -> String {
    let docs = examples("kaiten");
    let (_, id) = docs
        .parameters
        .iter()
        .find(|(name, _)| name == "directory_id")
        .expect("the example names a directory");
    id.as_str().expect("a string").to_owned()
}

fn kaiten_record() -> kaiten::models::CustomDirectoryRecord {
    decode(&json!({
        "id": "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
        "custom_directory_id": kaiten_directory(),
        "display_value": null,
        "condition": "active",
        "values": [{"value_text": "Alice"}]
    }))
}

/// A Kaiten server on loopback first answering `answer`, and a client of it sending `token`.
async fn kaiten_served(
    answer: kaiten::operations::CreateCustomDirectoryRecordResponse,
    token: &str,
) -> (Kaiten, kaiten::client::Client) {
    let api = Kaiten::new(answer);
    let addr = serve(kaiten::server::router(api.clone())).await;
    let client =
        kaiten::client::Client::new(&base(addr, kaiten::server::BASE_PATH), token).expect("client");
    (api, client)
}

#[tokio::test]
async fn kaiten_example_round_trips_with_path_and_query_parameters() {
    use kaiten::models::ResponseProfile;
    use kaiten::operations::CreateCustomDirectoryRecordResponse as R;
    let (api, client) = kaiten_served(R::Ok(kaiten_record()), "k").await;

    let answer = client
        .create_custom_directory_record(kaiten_directory(), kaiten_request())
        .response_profile(ResponseProfile::Full)
        .await
        .expect("call");
    assert_eq!(answer, R::Ok(kaiten_record()));
    let calls = api.calls();
    assert_eq!(calls[0].1.directory_id, kaiten_directory());
    assert_eq!(calls[0].1.response_profile, Some(ResponseProfile::Full));
    assert_eq!(calls[0].2, kaiten_request());
}

#[tokio::test]
async fn kaiten_error_statuses_round_trip_as_typed_variants() {
    use kaiten::operations::CreateCustomDirectoryRecordResponse as R;
    let error: kaiten::models::ErrorObject = decode(&json!({"message": "no such field"}));
    let answers = [
        R::BadRequest(error.clone()),
        R::Unauthorized("Invalid token".to_owned()),
        R::NotFound(error),
    ];
    let (api, client) = kaiten_served(answers[0].clone(), "k").await;
    for answer in answers {
        api.answer_with(answer.clone());
        let got = client
            .create_custom_directory_record(kaiten_directory(), kaiten_request())
            .await
            .expect("call");
        assert_eq!(got, answer);
    }
}

#[tokio::test]
async fn kaiten_missing_token_gets_the_documented_text_401() {
    use kaiten::operations::CreateCustomDirectoryRecordResponse as R;
    // An empty token sends `Authorization: Bearer `, which carries no token.
    let (api, client) = kaiten_served(R::Ok(kaiten_record()), "").await;
    let answer = client
        .create_custom_directory_record(kaiten_directory(), kaiten_request())
        .await
        .expect("call");
    assert_eq!(answer, R::Unauthorized("Invalid token".to_owned()));
    assert!(api.calls().is_empty());
}

#[tokio::test]
async fn kaiten_path_parameters_are_encoded_not_interpreted() {
    use kaiten::operations::CreateCustomDirectoryRecordResponse as R;
    let (api, client) = kaiten_served(R::Ok(kaiten_record()), "k").await;
    let client = client.validate_requests(false);
    // Had `../x/y` changed the path, the server would answer 404 (or 405). It reaches the
    // same route as one segment, and is rejected there as a parameter that is not a UUID.
    let answer = client
        .create_custom_directory_record("../x/y", kaiten_request())
        .await
        .expect("call");
    let R::BadRequest(problem) = answer else {
        panic!("expected the documented 400, got {answer:?}");
    };
    let errors = &problem.extra["errors"];
    assert_eq!(errors[0]["in"], "path");
    assert_eq!(errors[0]["pointer"], "/directory_id");
    assert_eq!(errors[0]["code"], "format");
    assert!(api.calls().is_empty());

    // `..` alone cannot be one path segment; the client refuses to send it.
    let refused = client
        .create_custom_directory_record("..", kaiten_request())
        .await;
    assert!(matches!(refused, Err(Error::Encode(_))), "{refused:?}");
}

#[tokio::test]
async fn kaiten_server_validation_names_every_failing_field() {
    use kaiten::operations::CreateCustomDirectoryRecordResponse as R;
    let (_api, client) = kaiten_served(R::Ok(kaiten_record()), "k").await;
    let client = client.validate_requests(false);
    let answer = client
        .create_custom_directory_record("not-a-uuid", kaiten_request())
        .await
        .expect("call");
    let R::BadRequest(problem) = answer else {
        panic!("expected 400, got {answer:?}");
    };
    // Kaiten documents its 400 as any object: the router sends an RFC 9457 problem.
    assert_eq!(problem.extra["status"], 400);
    assert_eq!(problem.extra["errors"][0]["pointer"], "/directory_id");
}

// ---- Yandex 360 ----

fn yandex_request() -> yandex360::models::ExternalContact {
    decode(&examples("yandex360").requests[0])
}

#[tokio::test]
async fn yandex_example_round_trips_and_every_error_status_is_typed() {
    use yandex360::operations::AddExternalContactResponse as R;
    let docs = examples("yandex360");
    let created: yandex360::models::ExternalContactCreated = json_response(&docs, 200);
    let api = Yandex::new(R::Ok(created.clone()));
    let addr = serve(yandex360::server::router(api.clone())).await;
    let client = yandex360::client::Client::new(&base(addr, yandex360::server::BASE_PATH), "y")
        .expect("client");
    let org_id = docs.parameters[0].1.as_i64().expect("orgId");

    let answer = client
        .add_external_contact(org_id, yandex_request())
        .await
        .expect("call");
    assert_eq!(answer, R::Ok(created));
    {
        let calls = api.calls();
        assert_eq!(calls[0].0.expose(), "y", "Authorization: OAuth <token>");
        assert_eq!(calls[0].1.org_id, org_id);
        assert_eq!(calls[0].2, yandex_request());
    }

    let error = |status| -> yandex360::models::ApiError { json_response(&docs, status) };
    let answers = [
        R::BadRequest(error(400)),
        R::Unauthorized(error(401)),
        R::Forbidden(error(403)),
        R::NotFound(error(404)),
        R::InternalServerError(error(500)),
    ];
    for answer in answers {
        api.answer_with(answer.clone());
        let got = client
            .add_external_contact(org_id, yandex_request())
            .await
            .expect("call");
        assert_eq!(got, answer);
    }
}

#[tokio::test]
async fn yandex_invalid_input_gets_the_documented_error_object_naming_each_field() {
    use yandex360::operations::AddExternalContactResponse as R;
    let api = Yandex::new(R::Ok(Default::default()));
    let addr = serve(yandex360::server::router(api.clone())).await;
    let client = yandex360::client::Client::new(&base(addr, yandex360::server::BASE_PATH), "y")
        .expect("client")
        .validate_requests(false);
    let mut request = yandex_request();
    let mut bad_email = request.emails[0].clone();
    bad_email.email = Some("not an email".into());
    request.emails = vec![bad_email];
    let mut empty = yandex_request();
    empty.emails.clear();

    let answer = client.add_external_contact(1, empty).await.expect("call");
    let R::BadRequest(error) = answer else {
        panic!("expected the documented 400, got {answer:?}");
    };
    assert_eq!(error.code, Some(3), "gRPC INVALID_ARGUMENT");
    let pointers: Vec<_> = error
        .details
        .expect("details")
        .iter()
        .map(|d| (d.extra["in"].clone(), d.extra["pointer"].clone()))
        .collect();
    assert_eq!(pointers, [(json!("body"), json!("/emails"))]);

    let answer = client.add_external_contact(1, request).await.expect("call");
    let R::BadRequest(error) = answer else {
        panic!("expected the documented 400, got {answer:?}");
    };
    let detail = &error.details.expect("details")[0];
    assert_eq!(detail.extra["pointer"], "/emails/0/email");
    assert_eq!(detail.extra["code"], "format");
    assert!(api.calls().is_empty());
}

#[tokio::test]
async fn yandex_missing_token_gets_the_documented_401_object() {
    use yandex360::operations::AddExternalContactResponse as R;
    let api = Yandex::new(R::Ok(Default::default()));
    let addr = serve(yandex360::server::router(api.clone())).await;
    let client = yandex360::client::Client::new(&base(addr, yandex360::server::BASE_PATH), "")
        .expect("client");
    let answer = client
        .add_external_contact(1, yandex_request())
        .await
        .expect("call");
    let R::Unauthorized(error) = answer else {
        panic!("expected the documented 401, got {answer:?}");
    };
    assert_eq!(error.code, Some(16), "gRPC UNAUTHENTICATED");
    assert!(api.calls().is_empty());
}

// ---- ONLYOFFICE and R7-Office ----

fn person_request() -> onlyoffice::models::CreatePersonRequest {
    decode(&examples("onlyoffice").requests[0])
}

#[tokio::test]
async fn onlyoffice_and_r7office_examples_round_trip() {
    let docs = examples("onlyoffice");
    let person: onlyoffice::models::PersonResponse = json_response(&docs, 200);
    let api = Onlyoffice::new(onlyoffice::operations::CreatePersonResponse::Ok(
        person.clone(),
    ));
    let addr = serve(onlyoffice::server::router(api.clone())).await;
    let client =
        onlyoffice::client::Client::new(&base(addr, onlyoffice::server::BASE_PATH), "o-tok")
            .expect("client");
    let answer = client.create_person(person_request()).await.expect("call");
    // The client asks for JSON, though the endpoint also answers in XML.
    assert_eq!(
        answer,
        onlyoffice::operations::CreatePersonResponse::Ok(person)
    );
    assert_eq!(api.calls()[0].0.expose(), "o-tok", "the bare token header");
    assert_eq!(api.calls()[0].1, person_request());

    // R7-Office: the same API from the same definition, another vendor.
    let r7docs = examples("r7office");
    let person: r7office::models::PersonResponse = json_response(&r7docs, 200);
    let api = R7::new(r7office::operations::CreatePersonResponse::Ok(
        person.clone(),
    ));
    let addr = serve(r7office::server::router(api.clone())).await;
    let client = r7office::client::Client::new(&base(addr, r7office::server::BASE_PATH), "r7")
        .expect("client");
    let request: r7office::models::CreatePersonRequest = decode(&r7docs.requests[0]);
    let answer = client.create_person(request).await.expect("call");
    assert_eq!(
        answer,
        r7office::operations::CreatePersonResponse::Ok(person)
    );
}

#[tokio::test]
async fn onlyoffice_photo_arrives_byte_for_byte_as_multipart() {
    let docs = examples("onlyoffice");
    let api = Onlyoffice::new(onlyoffice::operations::CreatePersonResponse::Ok(
        json_response(&docs, 200),
    ));
    let addr = serve(onlyoffice::server::router(api.clone())).await;
    let client = onlyoffice::client::Client::new(&base(addr, onlyoffice::server::BASE_PATH), "o")
        .expect("client");

    // A real file: written to disk, read back, uploaded.
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("loopback-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch dir");
    let path = dir.join("photo.png");
    let content: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    std::fs::write(&path, &content).expect("write photo");
    let photo = FilePart {
        file_name: Some("photo.png".into()),
        media_type: Some("image/png".into()),
        bytes: std::fs::read(&path).expect("read photo"),
    };
    let mut request = person_request();
    request.photo = Some(vec![photo.clone()]);
    let answer = client.create_person(request.clone()).await.expect("call");
    assert!(matches!(
        answer,
        onlyoffice::operations::CreatePersonResponse::Ok(_)
    ));
    let calls = api.calls();
    let received = &calls[0].1;
    let received_photo = &received.photo.as_ref().expect("photo")[0];
    assert_eq!(received_photo.bytes, content, "byte for byte");
    assert_eq!(received_photo.file_name.as_deref(), Some("photo.png"));
    assert_eq!(received_photo.media_type.as_deref(), Some("image/png"));
    // Every other member survived the form encoding too.
    assert_eq!(*received, request);
}

/// The events of an XML document without formatting whitespace. `<a/>` (null) stays apart
/// from `<a></a>` (the empty text), as the vendor's documents tell them apart.
fn xml_events(xml: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().trim_text(true);
    let mut events = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) => {
                events.push(format!("<{}>", String::from_utf8_lossy(e.name().as_ref())))
            }
            Event::Empty(e) => {
                events.push(format!("<{}/>", String::from_utf8_lossy(e.name().as_ref())))
            }
            Event::End(e) => {
                events.push(format!("</{}>", String::from_utf8_lossy(e.name().as_ref())))
            }
            Event::Text(t) => events.push(t.decode().expect("text").into_owned()),
            _ => {}
        }
    }
    events
}

#[tokio::test]
async fn onlyoffice_answers_in_the_documented_xml_when_asked() {
    let docs = examples("onlyoffice");
    let documented_xml = docs
        .responses
        .iter()
        .find_map(|(_, media, body)| match body {
            specgen::ir::ExampleResponseBody::Text(text) if media == "text/xml" => Some(text),
            _ => None,
        })
        .expect("the docs show the XML form");
    // The mock answers with the documented JSON example; asked for XML, the server encodes
    // the same value as the docs' XML.
    let addr = serve(onlyoffice::mock::router()).await;
    let url = format!(
        "{}/api/2.0/crm/contact/person",
        base(addr, onlyoffice::server::BASE_PATH)
    );
    let http = specgen_runtime::reqwest::Client::new();
    let send = |accept: &'static str| {
        http.post(&url)
            .header("authorization", "token")
            .header("accept", accept)
            .header("content-type", "application/json")
            .body(docs.requests[0].to_string())
            .send()
    };
    let xml = send("text/xml").await.expect("call");
    assert_eq!(xml.status(), 200);
    assert_eq!(xml.headers()["content-type"], "text/xml; charset=utf-8");
    let text = xml.text().await.expect("body");
    assert_eq!(xml_events(&text), xml_events(documented_xml));

    let json = send("application/json").await.expect("call");
    assert_eq!(json.headers()["content-type"], "application/json");

    // The generated client asks for XML where told to, and reads it into the same types as
    // the JSON: nulls (`<displayName />`) and empty texts (`<about></about>`) included.
    let client =
        onlyoffice::client::Client::new(&base(addr, onlyoffice::server::BASE_PATH), "token")
            .expect("client");
    let in_json = client.create_person(person_request()).await.expect("call");
    let in_xml = client
        .create_person(person_request())
        .xml()
        .await
        .expect("call");
    assert_eq!(in_xml, in_json);
    let onlyoffice::operations::CreatePersonResponse::Ok(person) = in_xml;
    assert_eq!(person.response.display_name, Some(None));
    assert_eq!(person.response.about.as_deref(), Some(""));
}

// ---- Undocumented answers, lenient decoding, credentials ----

/// A server answering every request to LINE WORKS' path with `status` and `body`.
async fn canned(status: u16, body: &'static str) -> String {
    let handler = move || async move {
        (
            axum::http::StatusCode::from_u16(status).expect("status"),
            [("content-type", "application/json")],
            body,
        )
    };
    let router = Router::new().route(
        "/v1.0/directory/custom-fields",
        axum::routing::post(handler),
    );
    base(serve(router).await, lineworks::server::BASE_PATH)
}

fn lineworks_request() -> lineworks::models::CustomFieldRequest {
    decode(&examples("lineworks").requests[0])
}

#[tokio::test]
async fn undocumented_status_and_undecodable_body_are_error_values() {
    let url = canned(418, "short and stout").await;
    let client = lineworks::client::Client::new(&url, "t").expect("client");
    match client.create_custom_field(lineworks_request()).await {
        Err(Error::UnexpectedStatus {
            status,
            body,
            length,
        }) => {
            assert_eq!(status, 418);
            assert_eq!(&body[..], b"short and stout");
            assert_eq!(length, 15);
        }
        other => panic!("expected an undocumented status, got {other:?}"),
    }

    let url = canned(201, "{\"domainId\": \"not a number\"}").await;
    let client = lineworks::client::Client::new(&url, "t").expect("client");
    match client.create_custom_field(lineworks_request()).await {
        Err(error @ Error::UndecodableBody { .. }) => {
            assert_eq!(error.status().map(|s| s.as_u16()), Some(201));
            assert_eq!(error.body(), Some(&b"{\"domainId\": \"not a number\"}"[..]));
        }
        other => panic!("expected an undecodable body, got {other:?}"),
    }
}

#[tokio::test]
async fn answers_are_decoded_leniently() {
    use lineworks::models::CustomFieldType;
    let url = canned(
        201,
        r#"{"domainId": 1, "customFieldName": "x", "customFieldType": "DATE", "addedLater": true}"#,
    )
    .await;
    let client = lineworks::client::Client::new(&url, "t").expect("client");
    let answer = client
        .create_custom_field(lineworks_request())
        .await
        .expect("an unknown value and an unknown member do not fail the call");
    let lineworks::operations::CreateCustomFieldResponse::Created(field) = answer else {
        panic!("expected 201, got {answer:?}");
    };
    assert_eq!(
        field.custom_field_type,
        CustomFieldType::Unknown("DATE".into())
    );
}

#[test]
fn clients_are_built_for_the_documented_servers_and_hide_their_tokens() {
    let kaiten = kaiten::client::Client::for_server("acme", "secret-token").expect("client");
    assert_eq!(kaiten.base_url(), "https://acme.kaiten.ru/api/latest");
    assert!(!format!("{kaiten:?}").contains("secret-token"));
    assert!(kaiten::client::Client::for_server("evil.com/x", "t").is_err());

    let r7 = r7office::client::Client::for_server("yourportal", "t").expect("client");
    assert_eq!(r7.base_url(), "https://yourportal.r7-office.ru");
    let oo = onlyoffice::client::Client::for_server("yourportal", "t").expect("client");
    assert_eq!(oo.base_url(), "https://yourportal.onlyoffice.com");
    let lw = lineworks::client::Client::for_server("t").expect("client");
    assert_eq!(lw.base_url(), "https://www.worksapis.com/v1.0");
    let y = yandex360::client::Client::for_server("t").expect("client");
    assert_eq!(y.base_url(), "https://api360.yandex.net");

    // A caller-supplied reqwest client (timeouts, proxies) is used as given.
    let http = specgen_runtime::reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(5))
        .build()
        .expect("https client");
    let with_http = y.with_http_client(http);
    assert_eq!(with_http.base_url(), "https://api360.yandex.net");
}

#[tokio::test]
async fn the_mock_server_answers_every_endpoint_with_its_documented_success() {
    let addr = serve(apis::mock_router()).await;
    let root = format!("http://{addr}");
    let lw = lineworks::client::Client::new(&format!("{root}/lineworks/v1.0"), "t").expect("c");
    let created = lw
        .create_custom_field(lineworks_request())
        .await
        .expect("lineworks");
    assert_eq!(created.status(), 201);

    let k = kaiten::client::Client::new(&format!("{root}/kaiten/api/latest"), "t").expect("c");
    let record = k
        .create_custom_directory_record(kaiten_directory(), kaiten_request())
        .await
        .expect("kaiten");
    assert_eq!(record.status(), 200);

    let y = yandex360::client::Client::new(&format!("{root}/yandex360"), "t").expect("c");
    let answer = y
        .add_external_contact(7, yandex_request())
        .await
        .expect("yandex");
    assert_eq!(
        answer,
        yandex360::operations::AddExternalContactResponse::Ok(json_response(
            &examples("yandex360"),
            200
        ))
    );

    let o = onlyoffice::client::Client::new(&format!("{root}/onlyoffice"), "t").expect("c");
    assert_eq!(
        o.create_person(person_request())
            .await
            .expect("oo")
            .status(),
        200
    );
    let r = r7office::client::Client::new(&format!("{root}/r7office"), "t").expect("c");
    let request: r7office::models::CreatePersonRequest = decode(&examples("r7office").requests[0]);
    assert_eq!(r.create_person(request).await.expect("r7").status(), 200);
}

#[tokio::test]
async fn clients_speak_https_out_of_the_box() {
    use tokio::io::AsyncReadExt;
    // No certificate is needed to see it: the first bytes a client sends to an https URL are
    // a TLS handshake record (content type 22, version 3.x), not an HTTP request line.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let addr = listener.local_addr().expect("local address");
    let client = yandex360::client::Client::new(&format!("https://{addr}"), "t").expect("client");
    let call = tokio::spawn(async move { client.add_external_contact(1, yandex_request()).await });
    let (mut socket, _) = listener.accept().await.expect("the client connects");
    let mut first = [0_u8; 3];
    socket
        .read_exact(&mut first)
        .await
        .expect("the client sends a first record");
    assert_eq!(first[..2], [22, 3], "a TLS handshake record");
    drop(socket);
    let outcome = call.await.expect("the call ends");
    assert!(matches!(outcome, Err(Error::Transport(_))), "{outcome:?}");
}
