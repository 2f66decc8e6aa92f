//! Raw HTTP against the generated servers, bypassing the generated clients: every request is
//! written byte for byte on a TCP socket, so malformed input reaches the server as it is.
//!
//! Each bad request must get its 4xx (never a 5xx, never a connection dropped by a panic),
//! and every test ends by sending a valid request to the same server, which must still get
//! its 2xx.

use std::net::SocketAddr;

use apis::{onlyoffice, yandex360};
use serde_json::{Value, json};
use specgen_runtime::server::Config;
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;
use workspace_tests::http::{Reply, chunked, exchange, exchange_bytes, parse, post, request};
use workspace_tests::serve;

/// Yandex 360's own answers.
trait YandexReply {
    /// Asserts Yandex's documented 400 body (`code` 3, the errors under `details`) and
    /// returns it.
    fn yandex_invalid(&self) -> Value;
}

impl YandexReply for Reply {
    fn yandex_invalid(&self) -> Value {
        assert_eq!(self.status, 400, "{self}");
        assert_eq!(self.content_type(), "application/json", "{self}");
        let body = self.json();
        assert_eq!(body["code"], 3, "{self}");
        assert!(body["message"].is_string(), "{self}");
        assert!(body["details"].is_array(), "{self}");
        body
    }
}

// ---------------------------------------------------------------------------------------------
// Servers and valid requests
// ---------------------------------------------------------------------------------------------

/// Serves every service's mock ([`apis::mock_router`]).
async fn serve_mocks() -> SocketAddr {
    serve(apis::mock_router()).await
}

/// One operation of the mock router, and what a valid request to it looks like.
struct Service {
    /// The service's folder name, which prefixes its paths in the mock router.
    name: &'static str,
    /// A concrete path (path parameters filled in) under the mock router.
    path: &'static str,
    /// The word before the token in `Authorization`, or `None` for a bare token.
    scheme: Option<&'static str>,
    /// A valid `Authorization` value.
    auth: &'static str,
    /// A valid JSON body.
    body: &'static str,
    /// The status of the documented success.
    ok: u16,
}

const KAITEN_DIRECTORY: &str = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

const YANDEX: Service = Service {
    name: "yandex360",
    path: "/yandex360/directory/v1/org/1/external_contacts",
    scheme: Some("OAuth"),
    auth: "OAuth t",
    body: r#"{"firstName":"Anna","emails":[{"email":"anna@example.com","main":true}]}"#,
    ok: 200,
};

const KAITEN: Service = Service {
    name: "kaiten",
    path: concat!(
        "/kaiten/api/latest/company/custom-directories/",
        "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "/records"
    ),
    scheme: Some("Bearer"),
    auth: "Bearer t",
    body: r#"{"values":{}}"#,
    ok: 200,
};

const LINEWORKS: Service = Service {
    name: "lineworks",
    path: "/lineworks/v1.0/directory/custom-fields",
    scheme: Some("Bearer"),
    auth: "Bearer t",
    body: r#"{"domainId":10000001,"customFieldName":"custom01","customFieldType":"LINK"}"#,
    ok: 201,
};

const ONLYOFFICE: Service = Service {
    name: "onlyoffice",
    path: "/onlyoffice/api/2.0/crm/contact/person",
    scheme: None,
    auth: "t",
    body: r#"{"firstName":"Tadjeddine","lastName":"Bachir","shareType":0}"#,
    ok: 200,
};

const R7OFFICE: Service = Service {
    name: "r7office",
    path: "/r7office/api/2.0/crm/contact/person",
    scheme: None,
    auth: "t",
    body: r#"{"firstName":"Tadjeddine","lastName":"Bachir","shareType":0}"#,
    ok: 200,
};

const SERVICES: [&Service; 5] = [&KAITEN, &LINEWORKS, &ONLYOFFICE, &R7OFFICE, &YANDEX];

/// The Kaiten records path for `directory_id`, sent as it is.
fn kaiten_path(directory_id: &str) -> String {
    format!("/kaiten/api/latest/company/custom-directories/{directory_id}/records")
}

/// The Yandex 360 path for `org_id`, sent as it is.
fn yandex_path(org_id: &str) -> String {
    format!("/yandex360/directory/v1/org/{org_id}/external_contacts")
}

/// `POST path` of `service` with its credential and `application/json`.
async fn post_json(addr: SocketAddr, service: &Service, path: &str, body: &[u8]) -> Reply {
    post(
        addr,
        path,
        Some(service.auth),
        Some("application/json"),
        body,
    )
    .await
}

/// Asserts the server at `addr` still answers `service`'s valid request with its success.
async fn assert_still_serves(addr: SocketAddr, service: &Service) {
    let reply = post_json(addr, service, service.path, service.body.as_bytes()).await;
    assert_eq!(reply.status, service.ok, "{}: {reply}", service.name);
    assert_eq!(reply.content_type(), "application/json", "{reply}");
    reply.json();
}

const MULTIPART: &str = "multipart/form-data; boundary=x";

/// A multipart/form-data body with boundary `x` holding `parts` as text parts.
fn multipart(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in parts {
        body.extend_from_slice(
            format!("--x\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(value);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(b"--x--\r\n");
    body
}

/// A valid ONLYOFFICE JSON body of exactly `size` bytes, padded with a long `about`.
fn onlyoffice_body_of_size(size: usize) -> Vec<u8> {
    let head = br#"{"firstName":"A","lastName":"B","shareType":0,"about":""#;
    let tail = br#""}"#;
    let mut body = head.to_vec();
    body.resize(size - tail.len(), b'a');
    body.extend_from_slice(tail);
    assert_eq!(body.len(), size);
    body
}

// ---------------------------------------------------------------------------------------------
// 1. Malformed JSON
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn malformed_json_gets_yandex_400_template() {
    let addr = serve_mocks().await;

    let reply = post_json(addr, &YANDEX, YANDEX.path, br#"{"emails": ["#).await;
    let body = reply.yandex_invalid();
    assert_eq!(
        body["message"], "malformed JSON at line 1, column 12: EOF while parsing a list",
        "{reply}"
    );
    assert_eq!(body["details"], json!([]), "{reply}");

    // Trailing bytes after a complete document, and a byte-order mark, are malformed too.
    let trailing = format!("{} x", YANDEX.body);
    let with_bom = [b"\xEF\xBB\xBF", YANDEX.body.as_bytes()].concat();
    for bytes in [trailing.as_bytes(), &with_bom] {
        let reply = post_json(addr, &YANDEX, YANDEX.path, bytes).await;
        let body = reply.yandex_invalid();
        let message = body["message"].as_str().unwrap_or_default();
        assert!(
            message.starts_with("malformed JSON at line 1, column "),
            "{reply}"
        );
    }

    assert_still_serves(addr, &YANDEX).await;
}

// ---------------------------------------------------------------------------------------------
// 2. Wrong content type
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn wrong_or_missing_content_type_gets_415() {
    let addr = serve_mocks().await;
    let body = LINEWORKS.body.as_bytes();
    for content_type in [
        Some("text/plain"),
        None,
        Some(""),
        Some("application/x-www-form-urlencoded"),
        Some(MULTIPART),
        Some("application/jsonx"),
        Some("application/json\u{e9}"),
    ] {
        let reply = post(
            addr,
            LINEWORKS.path,
            Some(LINEWORKS.auth),
            content_type,
            body,
        )
        .await;
        let problem = reply.problem(415);
        assert_eq!(problem["title"], "Unsupported Media Type", "{reply}");
        assert_eq!(
            problem["detail"], "send the body as application/json",
            "{reply}"
        );
    }

    // The media type is compared without its parameters and in any letter case.
    for content_type in ["application/json; charset=utf-8", "Application/JSON"] {
        let reply = post(
            addr,
            LINEWORKS.path,
            Some(LINEWORKS.auth),
            Some(content_type),
            body,
        )
        .await;
        assert_eq!(reply.status, 201, "{content_type}: {reply}");
    }

    assert_still_serves(addr, &LINEWORKS).await;
}

// ---------------------------------------------------------------------------------------------
// 3. Body size limit
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn body_over_a_configured_limit_gets_413() {
    let config = Config {
        body_limit: 1024,
        ..Config::default()
    };
    let yandex = serve(yandex360::server::router_with(
        yandex360::mock::Mock::default(),
        config,
    ))
    .await;
    let yandex_path = "/directory/v1/org/1/external_contacts";
    let office = serve(onlyoffice::server::router_with(
        onlyoffice::mock::Mock::default(),
        config,
    ))
    .await;
    let office_path = "/api/2.0/crm/contact/person";

    let big = json!({ "firstName": "a".repeat(4096), "emails": [{ "email": "anna@example.com" }] });
    let big = big.to_string().into_bytes();
    assert!(big.len() > 4096);
    let reply = post_json(yandex, &YANDEX, yandex_path, &big).await;
    let problem = reply.problem(413);
    assert_eq!(problem["title"], "Payload Too Large", "{reply}");

    // A chunked body, whose size is not announced, is cut off at the limit as well.
    let head = format!(
        "POST {yandex_path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\
         Authorization: OAuth t\r\nContent-Type: application/json\r\n"
    );
    exchange(yandex, chunked(&head, &big, 100))
        .await
        .problem(413);

    // Multipart bodies have the same limit.
    let about = "a".repeat(4096);
    let form = multipart(&[
        ("firstName", b"A"),
        ("lastName", b"B"),
        ("shareType", b"0"),
        ("about", about.as_bytes()),
    ]);
    let reply = post(office, office_path, Some("t"), Some(MULTIPART), &form).await;
    reply.problem(413);

    let small = post_json(yandex, &YANDEX, yandex_path, YANDEX.body.as_bytes()).await;
    assert_eq!(small.status, 200, "{small}");
    let small = post_json(office, &ONLYOFFICE, office_path, ONLYOFFICE.body.as_bytes()).await;
    assert_eq!(small.status, 200, "{small}");
}

#[tokio::test]
async fn default_limit_is_two_mebibytes() {
    const LIMIT: usize = 2 * 1024 * 1024;
    let addr = serve_mocks().await;

    let over = onlyoffice_body_of_size(LIMIT + 1);
    let reply = post_json(addr, &ONLYOFFICE, ONLYOFFICE.path, &over).await;
    let problem = reply.problem(413);
    assert_eq!(problem["title"], "Payload Too Large", "{reply}");

    for size in [LIMIT - 100 * 1024, LIMIT] {
        let body = onlyoffice_body_of_size(size);
        let reply = post_json(addr, &ONLYOFFICE, ONLYOFFICE.path, &body).await;
        assert_eq!(reply.status, 200, "{size} bytes: {reply}");
        assert_eq!(reply.json()["status"], 0, "{reply}");
    }

    // Whitespace counts too: a small document padded to the limit, and one byte past it.
    let mut padded = LINEWORKS.body.as_bytes().to_vec();
    padded.resize(LIMIT + 1, b' ');
    let reply = post_json(addr, &LINEWORKS, LINEWORKS.path, &padded).await;
    reply.problem(413);
    padded.truncate(LIMIT);
    let reply = post_json(addr, &LINEWORKS, LINEWORKS.path, &padded).await;
    assert_eq!(reply.status, 201, "{reply}");

    assert_still_serves(addr, &ONLYOFFICE).await;
}

// ---------------------------------------------------------------------------------------------
// 4. Wrong types, by parameter kind
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn path_parameter_of_the_wrong_type_gets_400() {
    let addr = serve_mocks().await;
    // `%` alone is not an escape: it stays in the text, which is no integer.
    for org_id in [
        "abc",
        "1.5",
        "1e-3",
        "+1",
        "0x10",
        "99999999999999999999",
        "%",
    ] {
        let reply = post_json(addr, &YANDEX, &yandex_path(org_id), YANDEX.body.as_bytes()).await;
        let body = reply.yandex_invalid();
        assert_eq!(
            body["message"], "1 input breaks the spec",
            "{org_id}: {reply}"
        );
        assert_eq!(
            reply.entries("details"),
            [("path".into(), "/orgId".into(), "type".into())],
            "{org_id}: {reply}"
        );
        assert_eq!(
            body["details"][0]["message"],
            "expected an integer from -9223372036854775808 to 9223372036854775807",
            "{org_id}: {reply}"
        );
    }

    let reply = post_json(addr, &YANDEX, &yandex_path("-5"), YANDEX.body.as_bytes()).await;
    assert_eq!(reply.status, 200, "a negative int64 fits: {reply}");
    // A whole number is the integer, as JSON Schema reads it.
    for org_id in ["5.0", "1e3"] {
        let reply = post_json(addr, &YANDEX, &yandex_path(org_id), YANDEX.body.as_bytes()).await;
        assert_eq!(reply.status, 200, "{org_id}: {reply}");
    }

    assert_still_serves(addr, &YANDEX).await;
}

#[tokio::test]
async fn query_parameter_outside_its_enum_gets_400() {
    let addr = serve_mocks().await;
    for (query, code) in [
        ("response_profile=bogus", "enum"),
        ("response_profile=", "enum"),
        ("response_profile", "enum"),
        ("response_profile=%FF", "enum"),
        ("response_profile=none&response_profile=full", "type"),
    ] {
        let path = format!("{}?{query}", KAITEN.path);
        let reply = post_json(addr, &KAITEN, &path, KAITEN.body.as_bytes()).await;
        let problem = reply.problem(400);
        assert_eq!(
            problem["detail"], "1 input breaks the spec",
            "{query}: {reply}"
        );
        assert_eq!(
            reply.entries("errors"),
            [("query".into(), "/response_profile".into(), code.into())],
            "{query}: {reply}"
        );
        assert!(
            !reply.text().contains("bogus"),
            "the value is echoed: {reply}"
        );
    }

    // Documented values are accepted, and undocumented query parameters are ignored.
    for query in ["response_profile=none", "response_profile=full", "%FF=1&x"] {
        let path = format!("{}?{query}", KAITEN.path);
        let reply = post_json(addr, &KAITEN, &path, KAITEN.body.as_bytes()).await;
        assert_eq!(reply.status, 200, "{query}: {reply}");
    }

    assert_still_serves(addr, &KAITEN).await;
}

#[tokio::test]
async fn path_parameter_that_is_not_a_uuid_gets_400() {
    let addr = serve_mocks().await;
    for directory_id in ["not-a-uuid", "", "3fa85f64-5717-4562-b3fc-2c963f66afa"] {
        let path = kaiten_path(directory_id);
        let reply = post_json(addr, &KAITEN, &path, KAITEN.body.as_bytes()).await;
        reply.problem(400);
        assert_eq!(
            reply.entries("errors"),
            [("path".into(), "/directory_id".into(), "format".into())],
            "{path}: {reply}"
        );
        let error = &reply.json()["errors"][0];
        assert_eq!(error["limit"], "uuid", "{reply}");
        assert_eq!(error["message"], "must be a valid UUID", "{reply}");
    }

    assert_still_serves(addr, &KAITEN).await;
}

/// The `Authorization` values `service` must turn away with 401 (`None`: no header), and a
/// description of each.
fn bad_credentials(service: &Service) -> Vec<(String, Option<String>)> {
    let mut values = vec![
        ("missing".to_owned(), None),
        ("wrong scheme".to_owned(), Some("Basic x".to_owned())),
        ("empty".to_owned(), Some(String::new())),
    ];
    match service.scheme {
        Some(scheme) => {
            let other = if scheme == "Bearer" {
                "OAuth t"
            } else {
                "Bearer t"
            };
            values.push(("no token".to_owned(), Some(format!("{scheme} "))));
            values.push(("two tokens".to_owned(), Some(format!("{scheme} a b"))));
            values.push(("other scheme".to_owned(), Some(other.to_owned())));
            values.push(("no space".to_owned(), Some(format!("{scheme}t"))));
        }
        None => values.push(("two tokens".to_owned(), Some("a b".to_owned()))),
    }
    values
}

/// Every 401 `service` gives to [`bad_credentials`], and to the header sent twice.
async fn unauthorized_replies(addr: SocketAddr, service: &Service) -> Vec<(String, Reply)> {
    let mut replies = Vec::new();
    for (what, value) in bad_credentials(service) {
        let reply = post(
            addr,
            service.path,
            value.as_deref(),
            Some("application/json"),
            service.body.as_bytes(),
        )
        .await;
        assert_eq!(reply.status, 401, "{}, {what}: {reply}", service.name);
        replies.push((what, reply));
    }
    let twice = request(
        "POST",
        service.path,
        &[
            ("Authorization", service.auth),
            ("Authorization", service.auth),
            ("Content-Type", "application/json"),
        ],
        service.body.as_bytes(),
    );
    let reply = exchange(addr, twice).await;
    assert_eq!(reply.status, 401, "{}, twice: {reply}", service.name);
    replies.push(("twice".to_owned(), reply));
    replies
}

#[tokio::test]
async fn bad_credentials_get_each_services_401() {
    let addr = serve_mocks().await;

    for (what, reply) in unauthorized_replies(addr, &KAITEN).await {
        assert_eq!(
            reply.content_type(),
            "text/plain; charset=utf-8",
            "{what}: {reply}"
        );
        assert_eq!(reply.text(), "Invalid token", "{what}: {reply}");
        assert_eq!(
            reply.header("www-authenticate"),
            Some("Bearer"),
            "{what}: {reply}"
        );
    }

    for (what, reply) in unauthorized_replies(addr, &YANDEX).await {
        assert_eq!(reply.content_type(), "application/json", "{what}: {reply}");
        let body = reply.json();
        assert_eq!(body["code"], 16, "{what}: {reply}");
        assert_eq!(body["details"], json!([]), "{what}: {reply}");
        let message = body["message"].as_str().unwrap_or_default();
        assert!(
            message.contains("`Authorization` header"),
            "{what}: {reply}"
        );
        assert_eq!(
            reply.header("www-authenticate"),
            Some("OAuth"),
            "{what}: {reply}"
        );
    }

    for (what, reply) in unauthorized_replies(addr, &LINEWORKS).await {
        let problem = reply.problem(401);
        assert_eq!(problem["title"], "Unauthorized", "{what}: {reply}");
        let detail = problem["detail"].as_str().unwrap_or_default();
        assert!(detail.contains("`Authorization` header"), "{what}: {reply}");
        assert_eq!(
            reply.header("www-authenticate"),
            Some("Bearer"),
            "{what}: {reply}"
        );
    }

    for service in [&ONLYOFFICE, &R7OFFICE] {
        for (what, reply) in unauthorized_replies(addr, service).await {
            let problem = reply.problem(401);
            assert_eq!(problem["title"], "Unauthorized", "{what}: {reply}");
            let detail = problem["detail"].as_str().unwrap_or_default();
            assert!(detail.contains("`Authorization` header"), "{what}: {reply}");
        }
    }

    // A token that is not visible ASCII is no token.
    let reply = post(
        addr,
        YANDEX.path,
        Some("OAuth t\u{e9}"),
        Some("application/json"),
        b"{}",
    )
    .await;
    assert_eq!(reply.status, 401, "{reply}");

    // The scheme word is matched in any letter case, with any number of spaces.
    let reply = post(
        addr,
        YANDEX.path,
        Some("oauth   t"),
        Some("application/json"),
        YANDEX.body.as_bytes(),
    )
    .await;
    assert_eq!(reply.status, 200, "{reply}");

    for service in SERVICES {
        assert_still_serves(addr, service).await;
    }
}

#[tokio::test]
async fn body_members_of_the_wrong_type_or_size_get_400() {
    let addr = serve_mocks().await;
    let cases = [
        (
            r#"{"domainId":"x","customFieldName":"a","customFieldType":"LINK"}"#,
            "/domainId",
            "type",
        ),
        (
            r#"{"domainId":2147483648,"customFieldName":"a","customFieldType":"LINK"}"#,
            "/domainId",
            "type",
        ),
        (
            r#"{"domainId":-2147483649,"customFieldName":"a","customFieldType":"LINK"}"#,
            "/domainId",
            "type",
        ),
        (
            r#"{"customFieldName":"a","customFieldType":"LINK"}"#,
            "/domainId",
            "required",
        ),
        (
            r#"{"domainId":1,"customFieldName":"a","customFieldType":"DATE"}"#,
            "/customFieldType",
            "enum",
        ),
        (
            r#"{"domainId":1,"customFieldName":"a","customFieldType":"LINK",
                "customFieldExternalKey":"1abc"}"#,
            "/customFieldExternalKey",
            "pattern",
        ),
    ];
    for (body, pointer, code) in cases {
        let reply = post_json(addr, &LINEWORKS, LINEWORKS.path, body.as_bytes()).await;
        let problem = reply.problem(400);
        assert_eq!(
            problem["detail"], "1 input breaks the spec",
            "{body}: {reply}"
        );
        assert_eq!(
            reply.entries("errors"),
            [("body".into(), pointer.into(), code.into())],
            "{body}: {reply}"
        );
    }
    let reply = post_json(addr, &LINEWORKS, LINEWORKS.path, cases[1].0.as_bytes()).await;
    assert_eq!(
        reply.json()["errors"][0]["message"],
        "expected an integer from -2147483648 to 2147483647",
        "{reply}"
    );
    let max = r#"{"domainId":2147483647,"customFieldName":"a","customFieldType":"LINK"}"#;
    let reply = post_json(addr, &LINEWORKS, LINEWORKS.path, max.as_bytes()).await;
    assert_eq!(reply.status, 201, "{reply}");

    // customFieldName counts Unicode characters: 20 Japanese characters fit, 21 do not.
    let body = |n: usize| {
        let name = "カ".repeat(n);
        json!({ "domainId": 10000001, "customFieldName": name, "customFieldType": "STRING" })
            .to_string()
    };
    let reply = post_json(addr, &LINEWORKS, LINEWORKS.path, body(21).as_bytes()).await;
    reply.problem(400);
    assert_eq!(
        reply.entries("errors"),
        [(
            "body".into(),
            "/customFieldName".into(),
            "max_length".into()
        )],
        "{reply}"
    );
    assert_eq!(reply.json()["errors"][0]["limit"], 20, "{reply}");
    assert!(!reply.text().contains('カ'), "the value is echoed: {reply}");
    let reply = post_json(addr, &LINEWORKS, LINEWORKS.path, body(20).as_bytes()).await;
    assert_eq!(reply.status, 201, "{reply}");
    assert_eq!(reply.header("deprecation"), Some("true"), "{reply}");

    assert_still_serves(addr, &LINEWORKS).await;
}

// ---------------------------------------------------------------------------------------------
// 5. Several failures in one answer
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn failures_in_path_and_body_are_all_named() {
    let addr = serve_mocks().await;
    let reply = post_json(addr, &YANDEX, &yandex_path("abc"), br#"{"emails":[]}"#).await;

    let body = reply.yandex_invalid();
    assert_eq!(body["message"], "2 inputs break the spec", "{reply}");
    assert_eq!(
        reply.entries("details"),
        [
            ("path".into(), "/orgId".into(), "type".into()),
            ("body".into(), "/emails".into(), "min_items".into()),
        ],
        "{reply}"
    );
    assert_eq!(body["details"][1]["limit"], 1, "{reply}");

    // Kaiten: a path, a query and a body failure together.
    let path = format!("{}?response_profile=bogus", kaiten_path("not-a-uuid"));
    let reply = post_json(addr, &KAITEN, &path, br#"{"values":[]}"#).await;
    let problem = reply.problem(400);
    assert_eq!(problem["detail"], "3 inputs break the spec", "{reply}");
    assert_eq!(
        reply.entries("errors"),
        [
            ("path".into(), "/directory_id".into(), "format".into()),
            ("query".into(), "/response_profile".into(), "enum".into()),
            ("body".into(), "/values".into(), "type".into()),
        ],
        "{reply}"
    );

    assert_still_serves(addr, &YANDEX).await;
    assert_still_serves(addr, &KAITEN).await;
}

// ---------------------------------------------------------------------------------------------
// 6. Percent-encoding that is not UTF-8
// ---------------------------------------------------------------------------------------------

/// The message of the violation recorded when a path parameter is not UTF-8.
const NOT_UTF8: &str = "is not percent-encoded UTF-8";

#[tokio::test]
async fn path_parameter_that_is_not_utf8_gets_400() {
    let addr = serve_mocks().await;

    for org_id in ["%FF", "%C3%28", "1%FF"] {
        let reply = post_json(addr, &YANDEX, &yandex_path(org_id), YANDEX.body.as_bytes()).await;
        let body = reply.yandex_invalid();
        let details = body["details"].as_array().cloned().unwrap_or_default();
        assert!(
            details
                .iter()
                .any(|d| d["message"] == NOT_UTF8 && d["code"] == "type"),
            "{org_id}: {reply}"
        );
    }

    for directory_id in ["%FF", "%C3%28"] {
        let path = kaiten_path(directory_id);
        let reply = post_json(addr, &KAITEN, &path, KAITEN.body.as_bytes()).await;
        let problem = reply.problem(400);
        let errors = problem["errors"].as_array().cloned().unwrap_or_default();
        assert!(
            errors
                .iter()
                .any(|e| e["message"] == NOT_UTF8 && e["code"] == "type"),
            "{path}: {reply}"
        );
    }

    // Raw bytes that are not a valid request target at all: hyper's bare 400.
    let bytes = b"POST /yandex360/directory/v1/org/\xff/external_contacts HTTP/1.1\r\n\
                  Host: localhost\r\nConnection: close\r\n\r\n";
    let reply = exchange(addr, bytes.to_vec()).await;
    assert_eq!((reply.status, reply.body.len()), (400, 0), "{reply}");

    assert_still_serves(addr, &YANDEX).await;
    assert_still_serves(addr, &KAITEN).await;
}

// ---------------------------------------------------------------------------------------------
// 7. Unknown paths and methods
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn unknown_path_gets_404_and_wrong_method_405() {
    let addr = serve_mocks().await;
    for path in [
        "/",
        "/nope",
        "/yandex360",
        "/yandex360/",
        "/yandex360/nope",
        "/yandex360/directory/v1/org/1/external_contacts/",
        "/yandex360/directory/v1/org/1/external_contacts/extra",
        "/directory/v1/org/1/external_contacts",
        "/YANDEX360/directory/v1/org/1/external_contacts",
        "/kaiten/api/latest/company/custom-directories/records",
    ] {
        let reply = post_json(addr, &YANDEX, path, YANDEX.body.as_bytes()).await;
        let problem = reply.problem(404);
        assert_eq!(problem["title"], "Not Found", "{path}: {reply}");
        assert_eq!(
            problem["detail"], "no operation has this path",
            "{path}: {reply}"
        );
    }

    for service in SERVICES {
        for method in ["GET", "PUT", "DELETE", "PATCH", "OPTIONS"] {
            let bytes = request(
                method,
                service.path,
                &[("Authorization", service.auth)],
                b"",
            );
            let reply = exchange(addr, bytes).await;
            let problem = reply.problem(405);
            assert_eq!(problem["title"], "Method Not Allowed", "{reply}");
            assert_eq!(
                problem["detail"], "no operation at this path takes this method",
                "{method} {}: {reply}",
                service.path
            );
            assert_eq!(
                reply.header("allow"),
                Some("POST"),
                "{method} {}: {reply}",
                service.path
            );
        }
    }

    for service in SERVICES {
        assert_still_serves(addr, service).await;
    }
}

// ---------------------------------------------------------------------------------------------
// 8. Multipart
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn malformed_or_incomplete_multipart_gets_400() {
    let addr = serve_mocks().await;

    for (content_type, body, detail) in [
        (
            MULTIPART,
            &b"\x00\xffgarbage that is not multipart\r\n"[..],
            "incomplete multipart stream",
        ),
        (MULTIPART, b"", "incomplete multipart stream"),
        (
            MULTIPART,
            b"--x\r\nno end of headers",
            "incomplete multipart stream",
        ),
        (
            MULTIPART,
            b"--x\r\nContent-Disposition: form-data; name=\"firstName\"\r\n\r\nA",
            "field \"firstName\" received with incomplete data",
        ),
        (
            "multipart/form-data",
            b"--x\r\n\r\n--x--\r\n",
            "Invalid `boundary` for `multipart/form-data` request",
        ),
    ] {
        let reply = post(
            addr,
            ONLYOFFICE.path,
            Some(ONLYOFFICE.auth),
            Some(content_type),
            body,
        )
        .await;
        let problem = reply.problem(400);
        assert_eq!(problem["detail"], detail, "{reply}");
    }

    // Well-formed multipart that breaks the spec names the member.
    for (parts, pointer, code) in [
        (
            &[("lastName", &b"B"[..]), ("shareType", b"0")][..],
            "/firstName",
            "required",
        ),
        (
            &[
                ("firstName", &b"\xff\xfe"[..]),
                ("lastName", b"B"),
                ("shareType", b"0"),
            ],
            "/firstName",
            "type",
        ),
        (
            &[
                ("firstName", &b"A"[..]),
                ("lastName", b"B"),
                ("shareType", b"7"),
            ],
            "/shareType",
            "enum",
        ),
        (
            &[
                ("firstName", &b"A"[..]),
                ("lastName", b"B"),
                ("shareType", b"0"),
                ("companyId", b"abc"),
            ],
            "/companyId",
            "type",
        ),
        (
            &[
                ("firstName", &b"A"[..]),
                ("lastName", b"B"),
                ("shareType", b"0"),
                ("customFieldList", b"{"),
            ],
            "/customFieldList/0",
            "type",
        ),
    ] {
        let form = multipart(parts);
        let reply = post(
            addr,
            ONLYOFFICE.path,
            Some(ONLYOFFICE.auth),
            Some(MULTIPART),
            &form,
        )
        .await;
        reply.problem(400);
        assert_eq!(
            reply.entries("errors"),
            [("body".into(), pointer.into(), code.into())],
            "{reply}"
        );
    }

    let form = multipart(&[
        ("firstName", b"A"),
        ("lastName", b"B"),
        ("shareType", b"ReadWrite"),
    ]);
    let reply = post(
        addr,
        ONLYOFFICE.path,
        Some(ONLYOFFICE.auth),
        Some(MULTIPART),
        &form,
    )
    .await;
    assert_eq!(reply.status, 200, "{reply}");
    assert_eq!(reply.json()["status"], 0, "{reply}");

    assert_still_serves(addr, &ONLYOFFICE).await;
}

// ---------------------------------------------------------------------------------------------
// 9. Not HTTP at all
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn garbage_bytes_do_not_stop_the_server() {
    let addr = serve_mocks().await;

    // A request that never finishes, held open while everything else runs.
    let mut stalled = TcpStream::connect(addr).await.expect("connect");
    stalled
        .write_all(b"POST /yandex360/directory/v1/org/1/exter")
        .await
        .expect("write");

    // What hyper cannot parse gets its bare 400 (or 431), before any route sees it.
    let long = "a".repeat(1024 * 1024);
    let many: String = (0..200).map(|i| format!("X-H{i}: v\r\n")).collect();
    let cases: [(Vec<u8>, u16); 9] = [
        (b"\x00\x01\x02\x03\xff\xfe\r\n\r\n".to_vec(), 400),
        (b"HELLO\r\n\r\n".to_vec(), 400),
        (b"POST / HTTP/9.9\r\n\r\n".to_vec(), 400),
        (
            b"POST /x HTTP/1.1\r\nContent-Length: abc\r\n\r\n".to_vec(),
            400,
        ),
        (
            b"POST /x HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n{}  ".to_vec(),
            400,
        ),
        (b"POST /x HTTP/1.1\r\nno colon here\r\n\r\n".to_vec(), 400),
        (b"GET /x HTTP/1.1\r\nHost\x00: b\r\n\r\n".to_vec(), 400),
        (
            format!("POST /x HTTP/1.1\r\nX-Long: {long}\r\n\r\n").into_bytes(),
            431,
        ),
        (format!("POST /x HTTP/1.1\r\n{many}\r\n").into_bytes(), 431),
    ];
    for (bytes, status) in cases {
        let shown = String::from_utf8_lossy(&bytes[..bytes.len().min(40)]).into_owned();
        let reply = exchange(addr, bytes).await;
        assert_eq!(reply.status, status, "{shown:?}: {reply}");
        assert!(reply.body.is_empty(), "{shown:?}: {reply}");
    }

    // A chunked body with a chunk size that is not hex, and a body cut short by the client,
    // reach the route as a body that cannot be read.
    let head = format!(
        "POST {} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\
         Authorization: OAuth t\r\nContent-Type: application/json\r\n",
        YANDEX.path
    );
    let bad_chunk = format!("{head}Transfer-Encoding: chunked\r\n\r\nzz\r\n{{}}\r\n0\r\n\r\n");
    let reply = exchange(addr, bad_chunk.into_bytes()).await;
    let cut_short = format!("{head}Content-Length: 100\r\n\r\n{{\"emails\"");
    let received = exchange_bytes(addr, cut_short.into_bytes(), true).await;
    let cut_reply = parse(&received).expect("an answer to the cut-short body");
    for reply in [reply, cut_reply] {
        let body = reply.yandex_invalid();
        assert_eq!(
            body["message"],
            "Failed to buffer the request body: error reading a body from connection",
            "{reply}"
        );
    }

    // Connections opened and dropped without a byte.
    for _ in 0..50 {
        drop(TcpStream::connect(addr).await.expect("connect"));
    }

    for service in SERVICES {
        assert_still_serves(addr, service).await;
    }
    drop(stalled);
    assert_still_serves(addr, &YANDEX).await;
}

// ---------------------------------------------------------------------------------------------
// 10. No 5xx on any route
// ---------------------------------------------------------------------------------------------

/// The service a [`apis::MOCK_ROUTES`] path belongs to.
fn service_of(route: &str) -> &'static Service {
    SERVICES
        .into_iter()
        .find(|s| route.starts_with(&format!("/{}/", s.name)))
        .unwrap_or_else(|| panic!("no service for {route}"))
}

#[tokio::test]
async fn hostile_bodies_never_get_5xx() {
    let addr = serve_mocks().await;
    let nested_arrays = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let nested_objects = format!("{}1{}", r#"{"a":"#.repeat(10_000), "}".repeat(10_000));
    let hostile: [&[u8]; 13] = [
        b"",
        b"null",
        b"[]",
        b"\"x\"",
        b"{}",
        b"1e999999",
        b"-1e999999",
        nested_arrays.as_bytes(),
        nested_objects.as_bytes(),
        b"\xff\xfe\x00",
        br#"{"firstName":"\ud800","emails":"#,
        b"{\"firstName\":\"\xff\"}",
        br#"{"values":{"3fa85f64-5717-4562-b3fc-2c963f66afa6":[[[[[[]]]]]]},"domainId":1e999}"#,
    ];

    // Every operation route; the others serve OpenAPI documents.
    let operations: Vec<_> = apis::MOCK_ROUTES
        .iter()
        .filter(|(method, _)| *method != "GET")
        .collect();
    assert_eq!(operations.len(), SERVICES.len());
    for (method, route) in operations {
        assert_eq!(*method, "POST");
        let service = service_of(route);
        let path = route
            .replace("{orgId}", "1")
            .replace("{directory_id}", KAITEN_DIRECTORY);
        assert_eq!(path, service.path);
        for body in hostile {
            let shown = String::from_utf8_lossy(&body[..body.len().min(40)]).into_owned();
            let reply = post_json(addr, service, &path, body).await;
            assert!(
                !(500..600).contains(&reply.status),
                "{route} {shown:?}: {reply}"
            );
            assert_eq!(reply.status, 400, "{route} {shown:?}: {reply}");
            let content_type = reply.content_type();
            assert!(
                ["application/json", "application/problem+json"].contains(&content_type),
                "{route} {shown:?}: {reply}"
            );
            reply.json();
        }
        assert_still_serves(addr, service).await;
    }
}

// ---------------------------------------------------------------------------------------------
// Edge cases found by earlier runs of these tests, each fixed in the server.
// ---------------------------------------------------------------------------------------------

/// A path parameter that is not UTF-8 is reported once, at the path and its name.
#[tokio::test]
async fn non_utf8_path_parameter_is_named_at_the_path() {
    let addr = serve_mocks().await;
    let reply = post_json(addr, &YANDEX, &yandex_path("%FF"), YANDEX.body.as_bytes()).await;
    let body = reply.yandex_invalid();
    assert_eq!(body["message"], "1 input breaks the spec", "{reply}");
    assert_eq!(
        reply.entries("details"),
        [("path".into(), "/orgId".into(), "type".into())],
        "{reply}"
    );
}

/// A path parameter with whitespace around the number is not an integer.
#[tokio::test]
async fn integer_path_parameter_with_whitespace_gets_400() {
    let addr = serve_mocks().await;
    for org_id in ["%201", "1%0A", "%091%20"] {
        let reply = post_json(addr, &YANDEX, &yandex_path(org_id), YANDEX.body.as_bytes()).await;
        reply.yandex_invalid();
        assert_eq!(
            reply.entries("details"),
            [("path".into(), "/orgId".into(), "type".into())],
            "{org_id}: {reply}"
        );
    }
}

/// Every member of the wrong type in one body is named.
#[tokio::test]
async fn several_body_members_of_the_wrong_type_are_all_named() {
    let addr = serve_mocks().await;
    let body = br#"{"domainId":"x","customFieldName":123,"customFieldType":"LINK"}"#;
    let reply = post_json(addr, &LINEWORKS, LINEWORKS.path, body).await;
    reply.problem(400);
    assert_eq!(
        reply.entries("errors"),
        [
            ("body".into(), "/domainId".into(), "type".into()),
            ("body".into(), "/customFieldName".into(), "type".into()),
        ],
        "{reply}"
    );
}

/// A required member missing, or of the wrong type, hides no other failure of the body.
#[tokio::test]
async fn a_missing_or_mistyped_required_member_hides_no_other_failure() {
    let addr = serve_mocks().await;
    let long = "x".repeat(21);
    for (domain_id, code) in [("", "required"), (r#""domainId":"x","#, "type")] {
        let body = format!(r#"{{{domain_id}"customFieldName":"{long}","customFieldType":"LINK"}}"#);
        let reply = post_json(addr, &LINEWORKS, LINEWORKS.path, body.as_bytes()).await;
        let problem = reply.problem(400);
        assert_eq!(
            reply.entries("errors"),
            [
                ("body".into(), "/domainId".into(), code.into()),
                (
                    "body".into(),
                    "/customFieldName".into(),
                    "max_length".into()
                ),
            ],
            "{reply}"
        );
        assert_eq!(problem["total"], 2, "{reply}");
    }
    assert_still_serves(addr, &LINEWORKS).await;
}

/// The number of invalid emails 1.87 MB of JSON holds: each is a failing input.
const INVALID_EMAILS: usize = 133_000;

/// A body with a failure per element gets an answer listing the first `max_errors` and
/// counting them all, small whatever the body: in the documented template and in a problem
/// document alike.
#[tokio::test]
async fn an_answer_lists_at_most_max_errors_failures_and_counts_them_all() {
    let addr = serve_mocks().await;
    let emails = vec![r#"{"email":"x"}"#; INVALID_EMAILS].join(",");
    let body = format!(r#"{{"firstName":"A","emails":[{emails}]}}"#);
    assert!(
        body.len() < 2 * 1024 * 1024,
        "within the default body limit"
    );
    let reply = post_json(addr, &YANDEX, YANDEX.path, body.as_bytes()).await;
    let answer = reply.yandex_invalid();
    assert_eq!(
        answer["details"].as_array().map(Vec::len),
        Some(100),
        "{reply}"
    );
    assert_eq!(
        answer["message"],
        format!("{INVALID_EMAILS} inputs break the spec; the first 100 are listed")
    );
    assert_eq!(answer["details"][99]["pointer"], "/emails/99/email");
    assert!(reply.body.len() < 32 * 1024, "{} bytes", reply.body.len());

    // A router of a smaller limit, answering with a problem document.
    let config = Config {
        max_errors: 2,
        ..Config::default()
    };
    let kaiten = serve(apis::kaiten::server::router_with(
        apis::kaiten::mock::Mock::default(),
        config,
    ))
    .await;
    let path = format!(
        "{}?response_profile=bogus",
        kaiten_path("not-a-uuid").trim_start_matches("/kaiten")
    );
    let reply = post_json(kaiten, &KAITEN, &path, br#"{"values":[]}"#).await;
    let problem = reply.problem(400);
    assert_eq!(problem["total"], 3, "{reply}");
    assert_eq!(
        problem["detail"],
        "3 inputs break the spec; the first 2 are listed"
    );
    assert_eq!(
        reply.entries("errors"),
        [
            ("path".into(), "/directory_id".into(), "format".into()),
            ("query".into(), "/response_profile".into(), "enum".into()),
        ],
        "{reply}"
    );
    assert_still_serves(addr, &YANDEX).await;
}

/// A single-valued member sent as two multipart parts is rejected, as the same member twice
/// in JSON is.
#[tokio::test]
async fn repeated_single_valued_multipart_part_gets_400() {
    let addr = serve_mocks().await;
    let json = br#"{"firstName":"A","firstName":"Z","lastName":"B","shareType":0}"#;
    let reply = post_json(addr, &ONLYOFFICE, ONLYOFFICE.path, json).await;
    reply.problem(400);
    let form = multipart(&[
        ("firstName", b"A"),
        ("firstName", b"Z"),
        ("lastName", b"B"),
        ("shareType", b"0"),
    ]);
    let reply = post(
        addr,
        ONLYOFFICE.path,
        Some(ONLYOFFICE.auth),
        Some(MULTIPART),
        &form,
    )
    .await;
    reply.problem(400);
}
