//! Tests by feature: one folder per spec construct under `features/`, each holding a small
//! specs folder (`spec/<feature>/`, a service named as the feature), the code it generates
//! (`expected/`, insta snapshots), and, for a construct with wire behaviour, its wire test
//! below: the generated server (the `feature-bindings` crate, which builds every feature's
//! code with a build script) served on loopback and called with the generated client or with
//! raw HTTP.

#![allow(deprecated)] // `deprecation` generates deprecated items on purpose.

use std::path::Path;

/// The feature folders, each a spec construct.
fn features() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("features");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("features folder")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// Every feature's spec loads, its service is named as its folder, and every file it
/// generates matches the snapshot in the feature's `expected/` folder.
#[test]
fn every_feature_generates_its_expected_code() {
    let features = features();
    assert!(features.len() >= 10, "{features:?}");
    for feature in features {
        // Relative to the manifest directory (cargo runs tests there), so the generated
        // headers name `features/<feature>/spec/…` on every machine.
        let dir = format!("features/{feature}/spec/{feature}");
        let options = workspace_tests::feature_options(Path::new(&format!("features/{feature}")))
            .unwrap_or_else(|e| panic!("{feature}: {e}"));
        let api = specgen::load_service_api_with(Path::new(&dir), &options)
            .unwrap_or_else(|e| panic!("{feature}: {e}"));
        let [service] = &api.services[..] else {
            panic!("{feature}: one service expected");
        };
        assert_eq!(service.name, feature, "the service is named as its folder");
        let files = specgen::layout::service_files(service, &options)
            .unwrap_or_else(|e| panic!("{feature}: {e}"));
        let expected = format!("features/{feature}/expected");
        for (path, contents) in files {
            let name = path
                .trim_start_matches(&format!("{feature}/"))
                .trim_end_matches(".rs")
                .to_string();
            insta::with_settings!({
                snapshot_path => &expected,
                prepend_module_to_snapshot => false,
                omit_expression => true,
            }, {
                insta::assert_snapshot!(name, contents);
            });
        }
    }
}

/// The paged features' specs keep the shape the language demands: `support/spec_shape.rs`
/// knows `pagination:` and its keys.
#[test]
fn pagination_specs_keep_the_language_shape() {
    for feature in ["pagination", "link_pagination"] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("features")
            .join(feature)
            .join("spec");
        let breaches = workspace_tests::breaches_under(&dir);
        assert!(breaches.is_empty(), "{feature}: {breaches:?}");
    }
}

/// The numbers feature's spec keeps the shape the language demands: `support/spec_shape.rs`
/// knows every numeric type name.
#[test]
fn numbers_spec_keeps_the_language_shape() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("features/numbers/spec");
    let breaches = workspace_tests::breaches_under(&dir);
    assert!(breaches.is_empty(), "{breaches:?}");
}

// ---------------------------------------------------------------------------------------------
// Wire tests: the generated code of each feature, compiled, served on loopback and called.
// ---------------------------------------------------------------------------------------------

// Each feature's generated code, built as a user's crate builds it (`feature-bindings`).
use feature_bindings::*;

use std::net::SocketAddr;

use serde_json::{Value, json};
use workspace_tests::http::{Reply, exchange, request};
use workspace_tests::{Seen, serve, serve_recording};

/// The base URL of a server at `addr`.
fn base(addr: SocketAddr) -> String {
    format!("http://{addr}")
}

/// `method target` with `headers` and a JSON `body` (none when `Value::Null`), raw.
async fn send(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &Value,
) -> Reply {
    let mut headers = headers.to_vec();
    let body = if body.is_null() {
        Vec::new()
    } else {
        headers.push(("Content-Type", "application/json"));
        serde_json::to_vec(body).expect("JSON")
    };
    exchange(addr, request(method, target, &headers, &body)).await
}

/// The `(in, pointer)` of every failing input a 400 problem document lists.
fn failing(reply: &Reply) -> Vec<(String, String)> {
    reply.problem(400);
    reply
        .entries("errors")
        .into_iter()
        .map(|(location, pointer, _)| (location, pointer))
        .collect()
}

/// Asserts a 400 naming exactly `(in, pointer)` among its failing inputs.
fn assert_invalid(reply: &Reply, location: &str, pointer: &str) {
    let failing = failing(reply);
    assert!(
        failing.contains(&(location.to_owned(), pointer.to_owned())),
        "{location} {pointer} not among {failing:?}: {reply}"
    );
}

#[tokio::test]
async fn auth_bearer_sends_the_prefix_and_turns_bad_tokens_away() {
    use auth_bearer::{client::Client, mock::Mock, operations::GetProfileResponse, server};
    let addr = serve(server::router(Mock::accepting("t"))).await;
    // The routes sit under the server URL's path, `/v1`.
    let url = format!("{}/v1", base(addr));
    let answer = Client::new(&url, "t").expect("client").get_profile().await;
    assert!(
        matches!(answer, Ok(GetProfileResponse::Ok(_))),
        "{answer:?}"
    );
    let wrong = Client::new(&url, "u").expect("client").get_profile().await;
    assert!(
        matches!(wrong, Ok(GetProfileResponse::Unauthorized)),
        "{wrong:?}"
    );
    for authorization in [None, Some("Bearer t"), Some("t")] {
        let headers: Vec<(&str, &str)> = authorization
            .map(|a| ("Authorization", a))
            .into_iter()
            .collect();
        let reply = send(addr, "GET", "/v1/profile", &headers, &Value::Null).await;
        assert_eq!(reply.status, 401, "{authorization:?}: {reply}");
    }
    let reply = send(
        addr,
        "GET",
        "/v1/profile",
        &[("Authorization", "Token t")],
        &Value::Null,
    )
    .await;
    assert_eq!(reply.status, 200, "{reply}");
}

#[tokio::test]
async fn auth_api_key_sends_the_bare_key_in_its_header() {
    use auth_api_key::{client::Client, mock::Mock, operations::GetStatusResponse, server};
    let addr = serve(server::router(Mock::accepting("k"))).await;
    let answer = Client::new(&base(addr), "k")
        .expect("client")
        .get_status()
        .await;
    assert!(matches!(answer, Ok(GetStatusResponse::Ok(_))), "{answer:?}");
    let reply = send(addr, "GET", "/status", &[("X-Api-Key", "k")], &Value::Null).await;
    assert_eq!(reply.status, 200, "{reply}");
    let reply = send(
        addr,
        "GET",
        "/status",
        &[("Authorization", "k")],
        &Value::Null,
    )
    .await;
    assert_eq!(
        reply.status, 401,
        "the key travels in X-Api-Key only: {reply}"
    );
}

#[tokio::test]
async fn oauth2_scopes_call_with_a_bearer_token() {
    use oauth2_scopes::{client::Client, mock::Mock, operations::ListNotesResponse, server};
    let addr = serve(server::router(Mock::accepting("t"))).await;
    let answer = Client::new(&base(addr), "t")
        .expect("client")
        .list_notes()
        .await;
    assert!(matches!(answer, Ok(ListNotesResponse::Ok(_))), "{answer:?}");
    let reply = send(addr, "GET", "/notes", &[], &Value::Null).await;
    assert_eq!(reply.status, 401, "{reply}");
}

/// Tokens by the scopes they grant: `reader` reads notes, `writer` also writes them.
struct ScopedNotes;

impl oauth2_scopes::server::Api for ScopedNotes {
    async fn accepts(&self, token: &specgen_runtime::Secret) -> bool {
        matches!(token.expose(), "reader" | "writer")
    }

    async fn grants(
        &self,
        token: &specgen_runtime::Secret,
        scopes: &'static [&'static str],
    ) -> bool {
        let granted: &[&str] = match token.expose() {
            "writer" => &["notes.read", "notes.write"],
            _ => &["notes.read"],
        };
        scopes.iter().all(|s| granted.contains(s))
    }

    async fn delete_note(
        &self,
        _token: specgen_runtime::Secret,
        _params: oauth2_scopes::operations::DeleteNoteParams,
    ) -> oauth2_scopes::operations::DeleteNoteResponse {
        oauth2_scopes::operations::DeleteNoteResponse::NoContent
    }

    async fn list_notes(
        &self,
        _token: specgen_runtime::Secret,
    ) -> oauth2_scopes::operations::ListNotesResponse {
        oauth2_scopes::operations::ListNotesResponse::Ok(vec!["n".into()])
    }
}

#[tokio::test]
async fn oauth2_scopes_a_token_without_them_is_answered_403() {
    use oauth2_scopes::client::Client;
    use oauth2_scopes::operations::{DeleteNoteResponse, ListNotesResponse};
    let addr = serve(oauth2_scopes::server::router(ScopedNotes)).await;
    let reader = Client::new(&base(addr), "reader").expect("client");
    let answer = reader.list_notes().await;
    assert!(matches!(answer, Ok(ListNotesResponse::Ok(_))), "{answer:?}");
    let answer = reader.delete_note(1).await;
    let Ok(DeleteNoteResponse::Forbidden(problem)) = answer else {
        panic!("{answer:?}");
    };
    assert_eq!(
        problem.error,
        "the token does not grant the scopes notes.write"
    );
    let writer = Client::new(&base(addr), "writer").expect("client");
    let answer = writer.delete_note(1).await;
    assert!(
        matches!(answer, Ok(DeleteNoteResponse::NoContent)),
        "{answer:?}"
    );
    // On the wire: the documented body, and the challenge RFC 6750 gives for missing scopes.
    let headers = [("Authorization", "Bearer reader")];
    let reply = send(addr, "DELETE", "/notes/1", &headers, &Value::Null).await;
    assert_eq!(reply.status, 403, "{reply}");
    assert_eq!(
        reply.header("www-authenticate"),
        Some(r#"Bearer error="insufficient_scope", scope="notes.write""#),
        "{reply}"
    );
    assert_eq!(
        reply.json(),
        json!({"error": "the token does not grant the scopes notes.write"})
    );
    // A token the server does not accept at all is still a 401, not a 403.
    let headers = [("Authorization", "Bearer stranger")];
    let reply = send(addr, "DELETE", "/notes/1", &headers, &Value::Null).await;
    assert_eq!(reply.status, 401, "{reply}");
}

#[tokio::test]
async fn header_formats_are_met_by_the_mock_and_exported() {
    use header_formats::operations::LogInResponse;
    let addr = serve(header_formats::mock::router()).await;
    let client = header_formats::client::Client::new(&base(addr)).expect("client");
    let answer = client.log_in().await.expect("answer");
    let LogInResponse::Ok {
        x_expires_after,
        x_rate_limit,
        ..
    } = answer;
    assert!(
        specgen_runtime::formats::is_date_time(&x_expires_after),
        "{x_expires_after}"
    );
    assert!((1..=5000).contains(&x_rate_limit), "{x_rate_limit}");
}

#[tokio::test]
async fn server_variables_fill_the_documented_url() {
    use server_variables::{client::Client, mock, operations::PingResponse};
    let client = Client::for_server("acme").expect("client");
    assert_eq!(client.base_url(), "https://acme.example.com/api");
    let addr = serve(mock::router()).await;
    let answer = Client::new(&format!("{}/api", base(addr)))
        .expect("client")
        .ping()
        .await;
    // The mock serves the documented paths under the server URL's path.
    assert!(matches!(answer, Ok(PingResponse::NoContent)), "{answer:?}");
}

struct Items;

impl path_parameters::server::Api for Items {
    async fn get_item(
        &self,
        params: path_parameters::operations::GetItemParams,
    ) -> path_parameters::operations::GetItemResponse {
        path_parameters::operations::GetItemResponse::Ok(path_parameters::models::Item {
            shelf: params.shelf,
            id: params.item_id,
        })
    }
}

#[tokio::test]
async fn path_parameters_reach_the_server_typed_and_checked() {
    use path_parameters::{client::Client, operations::GetItemResponse, server};
    let addr = serve(server::router(Items)).await;
    let id = uuid::Uuid::from_u128(7);
    let answer = Client::new(&base(addr))
        .expect("client")
        .get_item(3, id)
        .await;
    let Ok(GetItemResponse::Ok(item)) = answer else {
        panic!("{answer:?}")
    };
    assert_eq!((item.shelf, item.id), (3, id));
    let reply = send(
        addr,
        "GET",
        &format!("/shelves/0/items/{id}"),
        &[],
        &Value::Null,
    )
    .await;
    assert_invalid(&reply, "path", "/shelf");
    let reply = send(addr, "GET", "/shelves/1/items/nope", &[], &Value::Null).await;
    assert_invalid(&reply, "path", "/item_id");
}

struct Search;

impl query_parameters::server::Api for Search {
    async fn search(
        &self,
        params: query_parameters::operations::SearchParams,
    ) -> query_parameters::operations::SearchResponse {
        let mut found = vec![params.q];
        found.extend(params.limit.map(|l| l.to_string()));
        found.extend(params.order.map(|o| format!("{o:?}")));
        found.extend(params.page_size.map(|n| format!("per-page {n}")));
        query_parameters::operations::SearchResponse::Ok(found)
    }
}

#[tokio::test]
async fn query_parameters_are_sent_and_checked() {
    use query_parameters::{client::Client, models::Order, operations::SearchResponse, server};
    let addr = serve(server::router(Search)).await;
    let client = Client::new(&base(addr)).expect("client");
    let answer = client
        .search("tea")
        .limit(5)
        .order(Order::Desc)
        .page_size(20)
        .await;
    let Ok(SearchResponse::Ok(found)) = answer else {
        panic!("{answer:?}")
    };
    assert_eq!(found, ["tea", "5", "Desc", "per-page 20"]);
    let answer = client.search("tea").await;
    assert!(
        matches!(&answer, Ok(SearchResponse::Ok(f)) if f == &["tea"]),
        "{answer:?}"
    );
    for (target, pointer) in [
        ("/search", "/q"),
        ("/search?q=", "/q"),
        ("/search?q=a&limit=0", "/limit"),
        ("/search?q=a&order=up", "/order"),
        ("/search?q=a&per-page=0", "/per-page"),
    ] {
        let reply = send(addr, "GET", target, &[], &Value::Null).await;
        assert_invalid(&reply, "query", pointer);
    }
}

struct Echo;

impl header_parameters::server::Api for Echo {
    async fn get_echo(
        &self,
        params: header_parameters::operations::GetEchoParams,
    ) -> header_parameters::operations::GetEchoResponse {
        header_parameters::operations::GetEchoResponse::Ok(params.x_request_id)
    }
}

#[tokio::test]
async fn header_parameters_are_sent_and_checked() {
    use header_parameters::{client::Client, operations::GetEchoResponse, server};
    let addr = serve(server::router(Echo)).await;
    let answer = Client::new(&base(addr))
        .expect("client")
        .get_echo("r-1")
        .await;
    assert!(
        matches!(&answer, Ok(GetEchoResponse::Ok(id)) if id == "r-1"),
        "{answer:?}"
    );
    let reply = send(addr, "GET", "/echo", &[], &Value::Null).await;
    assert_eq!(failing(&reply)[0].0, "header", "{reply}");
    let long = "x".repeat(37);
    let reply = send(
        addr,
        "GET",
        "/echo",
        &[("X-Request-Id", &long)],
        &Value::Null,
    )
    .await;
    assert_eq!(failing(&reply)[0].0, "header", "{reply}");
}

struct Users;

impl json_body::server::Api for Users {
    async fn create_user(
        &self,
        body: json_body::models::NewUser,
    ) -> json_body::operations::CreateUserResponse {
        json_body::operations::CreateUserResponse::Created(json_body::models::User {
            id: 1,
            name: body.name,
        })
    }
}

#[tokio::test]
async fn json_body_round_trips_and_invalid_members_are_named() {
    use json_body::{client::Client, models::NewUser, operations::CreateUserResponse, server};
    let addr = serve(server::router(Users)).await;
    let new = NewUser {
        name: "Anna".into(),
        age: Some(30),
    };
    let answer = Client::new(&base(addr))
        .expect("client")
        .create_user(new)
        .await;
    let Ok(CreateUserResponse::Created(user)) = answer else {
        panic!("{answer:?}")
    };
    assert_eq!((user.id, user.name.as_str()), (1, "Anna"));
    let reply = send(addr, "POST", "/users", &[], &json!({"name": "", "age": -1})).await;
    assert_invalid(&reply, "body", "/name");
    assert_invalid(&reply, "body", "/age");
    let reply = send(addr, "POST", "/users", &[], &json!({"age": 1})).await;
    assert_invalid(&reply, "body", "/name");
}

struct Uploads;

impl multipart_body::server::Api for Uploads {
    async fn upload(
        &self,
        body: multipart_body::models::Upload,
    ) -> multipart_body::operations::UploadResponse {
        let files = body.files.unwrap_or_default();
        let size = (files.iter().map(|f| f.bytes.len()).sum::<usize>() + body.title.len()) as i64;
        multipart_body::operations::UploadResponse::Ok(multipart_body::models::Uploaded { size })
    }

    async fn set_avatar(
        &self,
        body: Option<multipart_body::models::Avatar>,
    ) -> multipart_body::operations::SetAvatarResponse {
        // The size of the image sent; -1 where no body was sent at all.
        let size = body.map_or(-1, |avatar| avatar.image.bytes.len() as i64);
        multipart_body::operations::SetAvatarResponse::Ok(multipart_body::models::Uploaded { size })
    }
}

/// A body with a file that may be left out: sent as multipart with its file, or not at all.
#[tokio::test]
async fn multipart_body_that_may_be_left_out_is_none_or_carries_its_file() {
    use multipart_body::{client::Client, models::Avatar, operations::SetAvatarResponse, server};
    let addr = serve(server::router(Uploads)).await;
    let client = Client::new(&base(addr)).expect("client");
    let avatar = Avatar {
        image: specgen_runtime::FilePart {
            file_name: Some("me.png".into()),
            media_type: Some("image/png".into()),
            bytes: vec![137, 80, 78, 71],
        },
    };
    let sent = client.set_avatar().body(avatar).await;
    assert!(
        matches!(sent, Ok(SetAvatarResponse::Ok(ref u)) if u.size == 4),
        "{sent:?}"
    );
    let left_out = client.set_avatar().await;
    assert!(
        matches!(left_out, Ok(SetAvatarResponse::Ok(ref u)) if u.size == -1),
        "{left_out:?}"
    );
    // A multipart body without its required file is refused.
    let body = b"--x\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nab\r\n--x--\r\n";
    let headers = [("Content-Type", "multipart/form-data; boundary=x")];
    let reply = exchange(addr, request("PUT", "/avatar", &headers, body)).await;
    assert_eq!(reply.status, 400, "{reply}");
}

#[tokio::test]
async fn multipart_body_sends_the_file_as_a_part() {
    use multipart_body::{client::Client, models::Upload, operations::UploadResponse, server};
    let addr = serve(server::router(Uploads)).await;
    let upload = Upload {
        title: "ab".into(),
        files: Some(vec![specgen_runtime::FilePart {
            file_name: Some("a.bin".into()),
            media_type: Some("application/octet-stream".into()),
            bytes: vec![0, 1, 2, 255],
        }]),
    };
    let answer = Client::new(&base(addr))
        .expect("client")
        .upload(upload)
        .await;
    assert!(
        matches!(answer, Ok(UploadResponse::Ok(ref u)) if u.size == 6),
        "{answer:?}"
    );
    let body = b"--x\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nab\r\n\
        --x\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.bin\"\r\n\
        Content-Type: application/octet-stream\r\n\r\nabcd\r\n--x--\r\n";
    let headers = [("Content-Type", "multipart/form-data; boundary=x")];
    let reply = exchange(addr, request("POST", "/uploads", &headers, body)).await;
    assert_eq!(reply.status, 200, "{reply}");
    assert_eq!(reply.json(), json!({"size": 6}), "{reply}");
    // A part without a file name is a text field, not the file.
    let body = b"--x\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nab\r\n\
        --x\r\nContent-Disposition: form-data; name=\"files\"\r\n\r\nabc\r\n--x--\r\n";
    let headers = [("Content-Type", "multipart/form-data; boundary=x")];
    let reply = exchange(addr, request("POST", "/uploads", &headers, body)).await;
    assert_eq!(reply.status, 400, "{reply}");
}

#[tokio::test]
async fn text_response_is_plain_text() {
    use text_response::{client::Client, mock, operations::GetMotdResponse};
    let addr = serve(mock::router()).await;
    let answer = Client::new(&base(addr)).expect("client").get_motd().await;
    assert!(matches!(answer, Ok(GetMotdResponse::Ok(_))), "{answer:?}");
    let reply = send(addr, "GET", "/motd", &[], &Value::Null).await;
    assert_eq!(reply.status, 200, "{reply}");
    assert!(reply.content_type().starts_with("text/plain"), "{reply}");
}

struct Chats;

impl plain_unions::server::Api for Chats {
    async fn send_message(
        &self,
        params: plain_unions::operations::SendMessageParams,
        body: plain_unions::models::Message,
    ) -> plain_unions::operations::SendMessageResponse {
        use plain_unions::models::{ChatId, Via};
        let chat = |id: &ChatId| match id {
            ChatId::Id(n) => format!("id {n}"),
            ChatId::Username(name) => format!("username {name}"),
        };
        let mut seen = vec![chat(&params.chat), body.text];
        seen.extend(
            params
                .reply_to
                .iter()
                .map(|c| format!("reply to {}", chat(c))),
        );
        seen.extend(params.x_via.iter().map(|via| match via {
            Via::Name(name) => format!("via name {name}"),
            Via::Number(n) => format!("via number {n}"),
        }));
        let forwards = body.forward_to.iter().flatten();
        seen.extend(forwards.map(|c| format!("forward to {}", chat(c))));
        plain_unions::operations::SendMessageResponse::Ok(seen)
    }
}

/// A union of plain values travels as the text of the alternative it holds, in the path, the
/// query, a header and a form, and is read as the first alternative the text stands for.
#[tokio::test]
async fn plain_unions_travel_as_text_wherever_plain_values_do() {
    use plain_unions::models::{ChatId, Message, Via};
    use plain_unions::{client::Client, operations::SendMessageResponse, server};
    let addr = serve(server::router(Chats)).await;
    let client = Client::new(&base(addr)).expect("client");
    let message = Message {
        text: "hi".into(),
        forward_to: Some(vec![ChatId::Id(2), ChatId::Username("bo".into())]),
    };
    let answer = client
        .send_message(ChatId::Username("ann".into()), message)
        .reply_to(ChatId::Id(7))
        .x_via(Via::Number(3))
        .await;
    let Ok(SendMessageResponse::Ok(seen)) = answer else {
        panic!("{answer:?}")
    };
    assert_eq!(
        seen,
        [
            "username ann",
            "hi",
            "reply to id 7",
            // A text comes first in `Via`: `3` stands for the text.
            "via name 3",
            "forward to id 2",
            "forward to username bo",
        ]
    );
    // An integer comes first in `ChatId`: a whole number in its range is the integer, any
    // other text (a fraction, a number past `int64`) the user name.
    let form = [("Content-Type", "application/x-www-form-urlencoded")];
    let target = "/chats/42/messages?reply_to=99999999999999999999";
    let body = b"text=yo&forward_to=9&forward_to=1.5";
    let reply = exchange(addr, request("POST", target, &form, body)).await;
    assert_eq!(reply.status, 200, "{reply}");
    assert_eq!(
        reply.json(),
        json!([
            "id 42",
            "yo",
            "reply to username 99999999999999999999",
            "forward to id 9",
            "forward to username 1.5"
        ])
    );
}

struct Reports;

impl response_forms::server::Api for Reports {
    async fn get_report(
        &self,
        params: response_forms::operations::GetReportParams,
    ) -> response_forms::operations::GetReportResponse {
        use response_forms::models::{Problem, Report};
        use response_forms::operations::{
            GetReportClientErrorBody as Refused, GetReportOkBody as Body, GetReportResponse,
        };
        let ok = |body| GetReportResponse::Ok {
            body,
            x_rows: Some(2),
        };
        match params.id {
            1 => ok(Body::Json(Report {
                title: "Sales".into(),
                rows: 2,
            })),
            2 => ok(Body::Text("title,rows\nSales,2\n".into())),
            3 => ok(Body::ApplicationPdf(specgen_runtime::Bytes::from_static(
                b"%PDF-1.7",
            ))),
            4 => GetReportResponse::ClientError {
                status: 404,
                body: Refused::Json(Problem {
                    title: "No such report".into(),
                }),
            },
            _ => GetReportResponse::ClientError {
                status: 410,
                body: Refused::Text("gone".into()),
            },
        }
    }
}

/// Each form of an answer travels in its own media type, and the client reads the one the
/// answer's `Content-Type` names.
#[tokio::test]
async fn response_forms_are_told_apart_by_media_type() {
    use response_forms::operations::{
        GetReportClientErrorBody as Refused, GetReportOkBody as Body, GetReportResponse,
    };
    use response_forms::{client::Client, server};
    let addr = serve(server::router(Reports)).await;
    let client = Client::new(&base(addr)).expect("client");
    let body = |answer| match answer {
        Ok(GetReportResponse::Ok { body, x_rows }) => {
            assert_eq!(x_rows, Some(2));
            body
        }
        other => panic!("{other:?}"),
    };
    assert!(matches!(body(client.get_report(1).await), Body::Json(r) if r.rows == 2));
    assert_eq!(
        body(client.get_report(2).await),
        Body::Text("title,rows\nSales,2\n".into())
    );
    assert!(
        matches!(body(client.get_report(3).await), Body::ApplicationPdf(b) if &b[..] == b"%PDF-1.7")
    );
    assert!(matches!(
        client.get_report(4).await,
        Ok(GetReportResponse::ClientError { status: 404, body: Refused::Json(p) }) if p.title == "No such report"
    ));
    assert!(matches!(
        client.get_report(5).await,
        Ok(GetReportResponse::ClientError { status: 410, body: Refused::Text(t) }) if t == "gone"
    ));
    // On the wire: each form in its own media type; the client asks for every one.
    for (id, media) in [
        (1, "application/json"),
        (2, "text/csv"),
        (3, "application/pdf"),
    ] {
        let reply = send(addr, "GET", &format!("/reports/{id}"), &[], &Value::Null).await;
        assert!(reply.content_type().starts_with(media), "{reply}");
    }
    let reply = send(addr, "GET", "/reports/4", &[], &Value::Null).await;
    assert!(
        reply.content_type().starts_with("application/problem+json"),
        "{reply}"
    );
}

/// The mock answers each example in its own media type.
#[tokio::test]
async fn response_forms_mock_answers_each_example_in_its_media_type() {
    use response_forms::operations::{GetReportOkBody as Body, GetReportResponse};
    use response_forms::{client::Client, mock};
    let addr = serve(mock::router()).await;
    let client = Client::new(&base(addr)).expect("client");
    let csv = client.get_report(2).await;
    assert!(
        matches!(&csv, Ok(GetReportResponse::Ok { body: Body::Text(t), .. }) if t == "title,rows\nSales,2\n"),
        "{csv:?}"
    );
    let json = client.get_report(1).await;
    assert!(
        matches!(&json, Ok(GetReportResponse::Ok { body: Body::Json(r), .. }) if r.title == "Sales"),
        "{json:?}"
    );
}

struct Books;

impl xml_response::server::Api for Books {
    async fn get_book(&self) -> xml_response::operations::GetBookResponse {
        xml_response::operations::GetBookResponse::Ok(xml_response::models::Book {
            title: "Dune".into(),
            pages: 412,
        })
    }

    async fn list_books(&self) -> xml_response::operations::ListBooksResponse {
        let book = |title: &str, pages| xml_response::models::Book {
            title: title.into(),
            pages,
        };
        xml_response::operations::ListBooksResponse::Ok(vec![book("Dune", 412), book("Emma", 474)])
    }
}

#[tokio::test]
async fn xml_response_follows_the_accept_header() {
    use xml_response::{client::Client, operations::GetBookResponse, server};
    let addr = serve(server::router(Books)).await;
    let answer = Client::new(&base(addr)).expect("client").get_book().await;
    assert!(
        matches!(answer, Ok(GetBookResponse::Ok(ref b)) if b.pages == 412),
        "{answer:?}"
    );
    let reply = send(
        addr,
        "GET",
        "/book",
        &[("Accept", "text/xml")],
        &Value::Null,
    )
    .await;
    assert!(reply.content_type().starts_with("text/xml"), "{reply}");
    let text = reply.text();
    assert!(
        text.contains("<book>") && text.contains("<title>Dune</title>"),
        "{reply}"
    );
    let reply = send(
        addr,
        "GET",
        "/book",
        &[("Accept", "application/json")],
        &Value::Null,
    )
    .await;
    assert_eq!(reply.json(), json!({"title": "Dune", "pages": 412}));
}

#[tokio::test]
async fn xml_list_is_its_items_inside_the_root() {
    use xml_response::{client::Client, operations::ListBooksResponse, server};
    let addr = serve(server::router(Books)).await;
    let reply = send(
        addr,
        "GET",
        "/books",
        &[("Accept", "text/xml")],
        &Value::Null,
    )
    .await;
    assert!(reply.content_type().starts_with("text/xml"), "{reply}");
    assert_eq!(
        reply.text(),
        "<books><Book><title>Dune</title><pages>412</pages></Book>\
         <Book><title>Emma</title><pages>474</pages></Book></books>"
    );
    let reply = send(addr, "GET", "/books", &[], &Value::Null).await;
    assert_eq!(reply.json()[1], json!({"title": "Emma", "pages": 474}));
    let answer = Client::new(&base(addr)).expect("client").list_books().await;
    assert!(
        matches!(answer, Ok(ListBooksResponse::Ok(ref books)) if books.len() == 2),
        "{answer:?}"
    );
}

/// An echo server for a feature whose one operation takes a body and answers it back, and
/// `assert_round_trips`: the generated client sends `body` to it and gets `body` back.
macro_rules! echo {
    ($feature:ident, $server:ident, $operation:ident, $body:ident, $response:ident) => {
        struct $server;

        impl $feature::server::Api for $server {
            async fn $operation(
                &self,
                body: $feature::models::$body,
            ) -> $feature::operations::$response {
                $feature::operations::$response::Ok(body)
            }
        }

        impl $server {
            async fn assert_round_trips(addr: SocketAddr, body: $feature::models::$body) {
                let client = $feature::client::Client::new(&base(addr)).expect("client");
                let answer = client.$operation(body.clone()).await;
                assert!(
                    matches!(&answer, Ok($feature::operations::$response::Ok(b)) if *b == body),
                    "{answer:?}"
                );
            }
        }
    };
}

echo!(enums, Paints, set_color, Paint, SetColorResponse);
echo!(unions, Holders, put_value, Holder, PutValueResponse);
echo!(maps, Counts, put_counts, Counts, PutCountsResponse);
echo!(nullable, Notes, patch_note, NotePatch, PatchNoteResponse);
echo!(open_objects, Events, put_event, Event, PutEventResponse);

/// Sends each `(body, answer)`: a body answered back as `answer` (200), or, when `answer` is
/// a string, refused with a 400 naming that body pointer.
async fn assert_echoes(addr: SocketAddr, method: &str, path: &str, cases: &[(Value, Value)]) {
    for (body, answer) in cases {
        let reply = send(addr, method, path, &[], body).await;
        match answer.as_str() {
            Some(pointer) => assert_invalid(&reply, "body", pointer),
            None => {
                assert_eq!(reply.status, 200, "{body}: {reply}");
                assert_eq!(&reply.json(), answer, "{body}");
            }
        }
    }
}

#[tokio::test]
async fn enums_travel_as_their_values() {
    use enums::{models::*, server};
    let addr = serve(server::router(Paints)).await;
    let paint = Paint {
        color: Color::Green,
        finish: Finish::Gloss,
    };
    Paints::assert_round_trips(addr, paint).await;
    let sent = json!({"color": "GREEN", "finish": 1});
    assert_echoes(
        addr,
        "PUT",
        "/color",
        &[
            (sent.clone(), sent),
            // Integer enum names are accepted in any letter case; the number is what is sent.
            (
                json!({"color": "RED", "finish": "matte"}),
                json!({"color": "RED", "finish": 0}),
            ),
            (json!({"color": "BLUE", "finish": 0}), json!("/color")),
            (json!({"color": "RED", "finish": 7}), json!("/finish")),
        ],
    )
    .await;
}

#[tokio::test]
async fn unions_take_the_first_alternative_that_reads_and_keeps_its_rules() {
    use unions::models::*;
    let addr = serve(unions::server::router(Holders)).await;
    let holder = Holder {
        value: Value::Many(vec!["a".into()]),
        address: Some(Address::V6(Ipv6("::1".into()))),
    };
    Holders::assert_round_trips(addr, holder).await;
    assert_echoes(
        addr,
        "PUT",
        "/value",
        &[
            (json!({"value": "a"}), json!({"value": "a"})),
            (json!({"value": ["a", "b"]}), json!({"value": ["a", "b"]})),
            (json!({"value": 5}), json!("/value")),
            // Both alternatives read any text; the formats choose.
            (
                json!({"value": "a", "address": "10.0.0.1"}),
                json!({"value": "a", "address": "10.0.0.1"}),
            ),
            (
                json!({"value": "a", "address": "fe80::1"}),
                json!({"value": "a", "address": "fe80::1"}),
            ),
            // Neither keeps its rules: the first is taken, and its rule named.
            (json!({"value": "a", "address": "nope"}), json!("/address")),
        ],
    )
    .await;
    let decoded: Holder =
        serde_json::from_value(json!({"value": "a", "address": "fe80::1"})).expect("reads");
    assert_eq!(decoded.address, Some(Address::V6(Ipv6("fe80::1".into()))));
}

#[tokio::test]
async fn maps_keep_their_keys_and_sizes() {
    let addr = serve(maps::server::router(Counts)).await;
    let counts = maps::models::Counts {
        by_name: [("a".to_owned(), 1)].into(),
        by_id: Some([(7, "x".to_owned())].into()),
    };
    Counts::assert_round_trips(addr, counts).await;
    assert_echoes(
        addr,
        "PUT",
        "/counts",
        &[
            (
                json!({"by_name": {"a": 1}, "by_id": {"7": "x"}}),
                json!({"by_name": {"a": 1}, "by_id": {"7": "x"}}),
            ),
            (
                json!({"by_name": {"a": 1, "b": 2, "c": 3, "d": 4}}),
                json!("/by_name"),
            ),
        ],
    )
    .await;
    // A key that is not an integer does not even decode.
    let body = json!({"by_name": {}, "by_id": {"x": "y"}});
    send(addr, "PUT", "/counts", &[], &body).await.problem(400);
}

#[tokio::test]
async fn nullable_fields_keep_null_apart_from_absent() {
    use nullable::models::NotePatch;
    let addr = serve(nullable::server::router(Notes)).await;
    let clear = NotePatch {
        text: Some(None),
        title: None,
        scores: Some(vec![Some(1), None]),
        labels: Some(
            [
                ("color".to_owned(), None),
                ("size".to_owned(), Some("L".into())),
            ]
            .into(),
        ),
    };
    Notes::assert_round_trips(addr, clear).await;
    assert_echoes(
        addr,
        "PATCH",
        "/note",
        &[
            (json!({"text": null}), json!({"text": null})),
            (json!({}), json!({})),
            (json!({"title": null}), json!("/title")),
            (json!({"scores": [null, 2]}), json!({"scores": [null, 2]})),
            (json!({"scores": [null, "2"]}), json!("/scores/1")),
            (
                json!({"scores": [null, null, null, null]}),
                json!("/scores"),
            ),
            (
                json!({"labels": {"a": null}}),
                json!({"labels": {"a": null}}),
            ),
            (json!({"labels": {"a": 1}}), json!("/labels/a")),
        ],
    )
    .await;
}

struct Tickets;

impl read_only::server::Api for Tickets {
    async fn create_ticket(
        &self,
        body: read_only::models::TicketRequest,
    ) -> read_only::operations::CreateTicketResponse {
        read_only::operations::CreateTicketResponse::Created(read_only::models::Ticket {
            id: Some(9),
            created: "2026-12-07T10:00:00Z".parse().expect("a date-time"),
            subject: body.subject,
        })
    }
}

#[tokio::test]
async fn read_only_fields_come_back_but_are_never_sent() {
    use read_only::{client::Client, models::TicketRequest, operations::CreateTicketResponse};
    let addr = serve(read_only::server::router(Tickets)).await;
    let request = TicketRequest {
        subject: "help".into(),
    };
    let answer = Client::new(&base(addr))
        .expect("client")
        .create_ticket(request)
        .await;
    let Ok(CreateTicketResponse::Created(ticket)) = answer else {
        panic!("{answer:?}")
    };
    assert_eq!((ticket.id, ticket.subject.as_str()), (Some(9), "help"));
    assert_eq!(ticket.created.to_string(), "2026-12-07T10:00:00Z");
    // A request may leave the required read-only field out, and one that sends it is not
    // refused for it: the request shape does not read it.
    let reply = send(addr, "POST", "/tickets", &[], &json!({"subject": "s"})).await;
    assert_eq!(reply.status, 201, "{reply}");
}

#[tokio::test]
async fn open_objects_keep_unlisted_fields() {
    let addr = serve(open_objects::server::router(Events)).await;
    let event = open_objects::models::Event {
        type_url: "t".into(),
        detail: None,
        counts: Some(open_objects::models::Counts {
            total: Some(3),
            extra: [("a".to_owned(), open_objects::models::Level(1))].into(),
        }),
        extra: [("kept".to_owned(), json!(true))].into_iter().collect(),
    };
    Events::assert_round_trips(addr, event).await;
    assert_echoes(
        addr,
        "PUT",
        "/event",
        &[
            // The open object keeps `extra`; the closed `detail` drops `more`.
            (
                json!({"@type": "t", "extra": [1], "detail": {"code": 2, "more": true}}),
                json!({"@type": "t", "extra": [1], "detail": {"code": 2}}),
            ),
            (json!({"detail": {}}), json!("/@type")),
            // Each unlisted member of `counts` is a `Level`, checked as one.
            (
                json!({"@type": "t", "counts": {"total": 3, "a": 1, "b": 0}}),
                json!({"@type": "t", "counts": {"total": 3, "a": 1, "b": 0}}),
            ),
            (
                json!({"@type": "t", "counts": {"a": -1}}),
                json!("/counts/a"),
            ),
            // A member of the wrong type is read with the object's others (serde's `flatten`
            // gathers them first), so the object is named.
            (
                json!({"@type": "t", "counts": {"b": "x"}}),
                json!("/counts"),
            ),
        ],
    )
    .await;
}

#[tokio::test]
async fn constraints_are_each_named_by_pointer() {
    let addr = serve(constraints::mock::router()).await;
    let ok = json!({"slug": "tea", "weight": 0.5, "aliases": ["a"]});
    let reply = send(addr, "POST", "/tags", &[], &ok).await;
    assert_eq!(reply.status, 201, "{reply}");
    let bad = json!({"slug": "T", "weight": 2, "aliases": ["a", "b", "c"]});
    let reply = send(addr, "POST", "/tags", &[], &bad).await;
    for pointer in ["/slug", "/weight", "/aliases"] {
        assert_invalid(&reply, "body", pointer);
    }
    let distinct = json!({"slug": "tea", "scores": [3, 1, 2]});
    let reply = send(addr, "POST", "/tags", &[], &distinct).await;
    assert_eq!(reply.status, 201, "{reply}");
    let repeated = json!({"slug": "tea", "scores": [3, 1, 3]});
    let reply = send(addr, "POST", "/tags", &[], &repeated).await;
    assert_invalid(&reply, "body", "/scores");
    assert!(
        reply
            .to_string()
            .contains("must not hold the same item twice"),
        "{reply}"
    );
}

#[tokio::test]
async fn deprecation_is_announced_with_its_sunset() {
    let addr = serve(deprecation::mock::router()).await;
    let reply = send(addr, "GET", "/legacy", &[], &Value::Null).await;
    assert_eq!(reply.status, 200, "{reply}");
    assert_eq!(reply.header("deprecation"), Some("true"), "{reply}");
    assert_eq!(
        reply.header("sunset"),
        Some("Thu, 31 Jan 2030 00:00:00 GMT"),
        "{reply}"
    );
}

#[tokio::test]
async fn examples_are_what_the_mock_answers() {
    use examples::{client::Client, mock, models::Order, operations::CreateOrderResponse};
    let addr = serve(mock::router()).await;
    let order = Order {
        id: None,
        item: "tea".into(),
    };
    let answer = Client::new(&base(addr))
        .expect("client")
        .create_order(order)
        .await;
    let Ok(CreateOrderResponse::Created(created)) = answer else {
        panic!("{answer:?}")
    };
    assert_eq!((created.id, created.item.as_str()), (Some(7), "tea"));
}

struct Tokens;

impl form_body::server::Api for Tokens {
    async fn create_token(
        &self,
        body: form_body::models::TokenRequest,
    ) -> form_body::operations::CreateTokenResponse {
        form_body::operations::CreateTokenResponse::Ok(form_body::models::Token {
            access_token: format!("{}-{:?}", body.client_id, body.grant_type),
            scope: body.scope.unwrap_or_default(),
            expires_in: body.expires_in,
            offline: body.offline,
        })
    }
}

/// The one request a recording server saw.
fn only(seen: &std::sync::Mutex<Vec<Seen>>) -> Seen {
    let seen = seen.lock().expect("log");
    assert_eq!(seen.len(), 1, "{seen:?}");
    seen[0].clone()
}

#[tokio::test]
async fn form_body_is_sent_urlencoded_and_read_by_its_fields() {
    use form_body::client::{Client, CreateTokenMedia};
    use form_body::models::{GrantType, TokenRequest};
    use form_body::operations::CreateTokenResponse;
    let request = || TokenRequest {
        grant_type: GrantType::ClientCredentials,
        client_id: "app 1".into(),
        scope: Some(vec!["read".into(), "write:all".into()]),
        expires_in: Some(60),
        offline: Some(true),
    };
    let (addr, seen) = serve_recording(form_body::server::router(Tokens)).await;
    let client = Client::new(&base(addr)).expect("client");
    let answer = client.create_token(request()).await;
    let Ok(CreateTokenResponse::Ok(token)) = answer else {
        panic!("{answer:?}");
    };
    assert_eq!(token.access_token, "app 1-ClientCredentials");
    assert_eq!(token.scope, ["read", "write:all"]);
    assert_eq!((token.expires_in, token.offline), (Some(60), Some(true)));
    let sent = only(&seen);
    assert_eq!(sent.content_type, "application/x-www-form-urlencoded");
    assert_eq!(
        String::from_utf8(sent.body).expect("text"),
        "grant_type=client_credentials&client_id=app+1&scope=read&scope=write%3Aall&expires_in=60&offline=true"
    );
    // The caller may choose the other documented media type.
    let (addr, seen) = serve_recording(form_body::server::router(Tokens)).await;
    let client = Client::new(&base(addr)).expect("client");
    let answer = client
        .create_token(request())
        .media(CreateTokenMedia::Json)
        .await;
    assert!(
        matches!(answer, Ok(CreateTokenResponse::Ok(_))),
        "{answer:?}"
    );
    let sent = only(&seen);
    assert_eq!(sent.content_type, "application/json");
    let json: Value = serde_json::from_slice(&sent.body).expect("JSON");
    assert_eq!(json["scope"], json!(["read", "write:all"]));
}

#[tokio::test]
async fn form_body_names_every_wrong_field_and_refuses_other_media() {
    let addr = serve(form_body::server::router(Tokens)).await;
    let headers = [("Content-Type", "application/x-www-form-urlencoded")];
    let body = b"grant_type=password&client_id=&expires_in=zero&offline=yes&unknown=1";
    let reply = exchange(addr, request("POST", "/oauth/token", &headers, body)).await;
    for pointer in ["/grant_type", "/client_id", "/expires_in", "/offline"] {
        assert_invalid(&reply, "body", pointer);
    }
    // A single-valued field sent twice is the wrong type, not silently one of them.
    let body = b"grant_type=refresh_token&client_id=a&client_id=b";
    let reply = exchange(addr, request("POST", "/oauth/token", &headers, body)).await;
    assert_invalid(&reply, "body", "/client_id");
    let body = b"grant_type=refresh_token&client_id=a&scope=x";
    let reply = exchange(addr, request("POST", "/oauth/token", &headers, body)).await;
    assert_eq!(reply.status, 200, "{reply}");
    assert_eq!(reply.json()["scope"], json!(["x"]), "{reply}");
    let headers = [("Content-Type", "text/plain")];
    let reply = exchange(addr, request("POST", "/oauth/token", &headers, b"x")).await;
    assert_eq!(reply.status, 415, "{reply}");
    assert!(
        reply
            .text()
            .contains("application/x-www-form-urlencoded or application/json"),
        "{reply}"
    );
}

struct Markdown;

impl text_body::server::Api for Markdown {
    async fn render_markdown(&self, body: String) -> text_body::operations::RenderMarkdownResponse {
        let html = body.replace("**world**", "<strong>world</strong>");
        text_body::operations::RenderMarkdownResponse::Ok(format!("<p>{html}</p>"))
    }
}

#[tokio::test]
async fn text_body_is_sent_as_the_text_itself() {
    use text_body::{client::Client, operations::RenderMarkdownResponse};
    let (addr, seen) = serve_recording(text_body::server::router(Markdown)).await;
    let client = Client::new(&base(addr)).expect("client");
    let answer = client.render_markdown("Hello **world** \"é\"".into()).await;
    assert_eq!(
        answer.expect("answer"),
        RenderMarkdownResponse::Ok("<p>Hello <strong>world</strong> \"é\"</p>".into())
    );
    let sent = only(&seen);
    assert_eq!(sent.content_type, "text/plain; charset=utf-8");
    assert_eq!(sent.body, "Hello **world** \"é\"".as_bytes());
    let headers = [("Content-Type", "text/plain")];
    let reply = exchange(
        addr,
        request("POST", "/markdown/raw", &headers, b"a **world**"),
    )
    .await;
    assert_eq!(reply.status, 200, "{reply}");
    assert_eq!(reply.content_type(), "text/html; charset=utf-8");
    assert_eq!(reply.text(), "<p>a <strong>world</strong></p>");
    let reply = exchange(
        addr,
        request("POST", "/markdown/raw", &headers, b"\xff\xfe"),
    )
    .await;
    assert_eq!(reply.status, 400, "{reply}");
    let headers = [("Content-Type", "application/json")];
    let reply = exchange(addr, request("POST", "/markdown/raw", &headers, b"\"x\"")).await;
    assert_eq!(reply.status, 415, "{reply}");
}

struct Objects;

impl raw_body::server::Api for Objects {
    async fn upload_object(
        &self,
        params: raw_body::operations::UploadObjectParams,
        body: specgen_runtime::Bytes,
    ) -> raw_body::operations::UploadObjectResponse {
        let size = (body.len() + params.key.len()) as i64;
        raw_body::operations::UploadObjectResponse::Created(raw_body::models::Stored { size })
    }

    async fn download_object(
        &self,
        params: raw_body::operations::DownloadObjectParams,
    ) -> raw_body::operations::DownloadObjectResponse {
        match params.key.as_str() {
            "bin" => raw_body::operations::DownloadObjectResponse::Ok(
                specgen_runtime::Bytes::from_static(&[0, 159, 255]),
            ),
            _ => raw_body::operations::DownloadObjectResponse::NotFound,
        }
    }
}

#[tokio::test]
async fn raw_body_travels_byte_for_byte_both_ways() {
    use raw_body::client::{Client, UploadObjectMedia};
    use raw_body::operations::{DownloadObjectResponse, UploadObjectResponse};
    let bytes = specgen_runtime::Bytes::from_static(&[0, 159, 255, b'\r', b'\n']);
    let (addr, seen) = serve_recording(raw_body::server::router(Objects)).await;
    let client = Client::new(&base(addr)).expect("client");
    let answer = client.upload_object("k", bytes.clone()).await;
    assert!(
        matches!(answer, Ok(UploadObjectResponse::Created(ref s)) if s.size == 6),
        "{answer:?}"
    );
    let sent = only(&seen);
    assert_eq!(sent.content_type, "application/octet-stream");
    assert_eq!(sent.body, bytes);
    let answer = client.download_object("bin").await;
    assert_eq!(
        answer.expect("answer"),
        DownloadObjectResponse::Ok(specgen_runtime::Bytes::from_static(&[0, 159, 255]))
    );
    let answer = client.download_object("none").await;
    assert_eq!(answer.expect("answer"), DownloadObjectResponse::NotFound);
    // The caller may send it as the other documented type.
    let (addr, seen) = serve_recording(raw_body::server::router(Objects)).await;
    let client = Client::new(&base(addr)).expect("client");
    let answer = client
        .upload_object("k", bytes)
        .media(UploadObjectMedia::ImagePng)
        .await;
    assert!(
        matches!(answer, Ok(UploadObjectResponse::Created(_))),
        "{answer:?}"
    );
    assert_eq!(only(&seen).content_type, "image/png");
}

#[tokio::test]
async fn raw_body_accepts_only_its_media_types_and_the_mock_answers_bytes() {
    let addr = serve(raw_body::server::router(Objects)).await;
    let reply = exchange(addr, request("PUT", "/objects/k", &[], b"abc")).await;
    assert_eq!(
        reply.status, 201,
        "no Content-Type is octet-stream: {reply}"
    );
    let headers = [("Content-Type", "IMAGE/PNG")];
    let reply = exchange(addr, request("PUT", "/objects/k", &headers, b"abc")).await;
    assert_eq!(reply.status, 201, "{reply}");
    let headers = [("Content-Type", "text/plain")];
    let reply = exchange(addr, request("PUT", "/objects/k", &headers, b"abc")).await;
    assert_eq!(reply.status, 415, "{reply}");
    assert!(
        reply
            .text()
            .contains("application/octet-stream or image/png"),
        "{reply}"
    );
    // The route's own limit: 4096 bytes pass, 4097 are a 413.
    let reply = exchange(addr, request("PUT", "/objects/k", &[], &[7; 4096])).await;
    assert_eq!(reply.status, 201, "{reply}");
    let reply = exchange(addr, request("PUT", "/objects/k", &[], &[7; 4097])).await;
    assert_eq!(reply.status, 413, "{reply}");
    let reply = exchange(addr, request("GET", "/objects/bin", &[], b"")).await;
    assert_eq!(reply.content_type(), "application/octet-stream");
    assert_eq!(reply.body, [0, 159, 255]);
    let addr = serve(raw_body::mock::router()).await;
    let answer = raw_body::client::Client::new(&base(addr))
        .expect("client")
        .download_object("any")
        .await;
    assert_eq!(
        answer.expect("answer"),
        raw_body::operations::DownloadObjectResponse::Ok(specgen_runtime::Bytes::from_static(
            b"hello, bytes"
        ))
    );
}

struct ItemStore;

impl json_media::server::Api for ItemStore {
    async fn update_item(
        &self,
        params: json_media::operations::UpdateItemParams,
        body: json_media::models::ItemPatch,
    ) -> json_media::operations::UpdateItemResponse {
        use json_media::{models, operations::UpdateItemResponse};
        match body.name {
            Some(Some(name)) if name == "taken" => UpdateItemResponse::Conflict(models::Problem {
                title: "the name is taken".into(),
                status: Some(409),
                extra: Default::default(),
            }),
            name => UpdateItemResponse::Ok(models::Item {
                id: params.id,
                name: name.flatten(),
                tags: body.tags.flatten().unwrap_or_default(),
            }),
        }
    }
}

#[tokio::test]
async fn json_media_types_are_sent_and_answered_as_documented() {
    use json_media::{client::Client, models::ItemPatch, operations::UpdateItemResponse};
    let (addr, seen) = serve_recording(json_media::server::router(ItemStore)).await;
    let client = Client::new(&base(addr)).expect("client");
    let patch = ItemPatch {
        name: Some(None),
        tags: None,
    };
    let answer = client.update_item(7, patch).await;
    assert!(
        matches!(answer, Ok(UpdateItemResponse::Ok(ref item)) if item.id == 7 && item.name.is_none()),
        "{answer:?}"
    );
    let sent = only(&seen);
    assert_eq!(sent.content_type, "application/merge-patch+json");
    assert_eq!(sent.body, br#"{"name":null}"#);
    let patch = ItemPatch {
        name: Some(Some("taken".into())),
        tags: None,
    };
    let answer = client.update_item(7, patch).await;
    assert!(
        matches!(answer, Ok(UpdateItemResponse::Conflict(ref p)) if p.status == Some(409)),
        "{answer:?}"
    );
    let headers = [("Content-Type", "application/merge-patch+json")];
    let reply = exchange(
        addr,
        request("PATCH", "/items/1", &headers, br#"{"name":"taken"}"#),
    )
    .await;
    assert_eq!(reply.status, 409, "{reply}");
    assert_eq!(reply.content_type(), "application/problem+json");
    let reply = exchange(
        addr,
        request("PATCH", "/items/1", &headers, br#"{"tags":["a"]}"#),
    )
    .await;
    assert_eq!(reply.content_type(), "application/json; charset=utf-8");
    assert_eq!(reply.json(), json!({"id": 1, "tags": ["a"]}));
    let reply = exchange(
        addr,
        request("PATCH", "/items/1", &headers, br#"{"name":"elevenchars"}"#),
    )
    .await;
    assert_invalid(&reply, "body", "/name");
}

struct Jobs;

impl optional_body::server::Api for Jobs {
    async fn restart_job(
        &self,
        _params: optional_body::operations::RestartJobParams,
        body: Option<optional_body::models::RestartOptions>,
    ) -> optional_body::operations::RestartJobResponse {
        optional_body::operations::RestartJobResponse::Accepted(optional_body::models::Restarted {
            delay: body.as_ref().and_then(|b| b.delay).unwrap_or(0),
            defaulted: body.is_none(),
        })
    }
}

#[tokio::test]
async fn optional_body_may_be_left_out() {
    use optional_body::{client::Client, models::RestartOptions, operations::RestartJobResponse};
    let (addr, seen) = serve_recording(optional_body::server::router(Jobs)).await;
    let client = Client::new(&base(addr)).expect("client");
    let answer = client.restart_job(1).await;
    assert!(
        matches!(answer, Ok(RestartJobResponse::Accepted(ref r)) if r.defaulted),
        "{answer:?}"
    );
    let sent = only(&seen);
    assert_eq!((sent.content_type.as_str(), sent.body.len()), ("", 0));
    let answer = client
        .restart_job(1)
        .body(RestartOptions { delay: Some(5) })
        .await;
    assert!(
        matches!(answer, Ok(RestartJobResponse::Accepted(ref r)) if r.delay == 5 && !r.defaulted),
        "{answer:?}"
    );
    let reply = exchange(addr, request("POST", "/jobs/1/restart", &[], b"")).await;
    assert_eq!(reply.status, 202, "{reply}");
    assert_eq!(reply.json(), json!({"delay": 0, "defaulted": true}));
    let reply = send(addr, "POST", "/jobs/1/restart", &[], &json!({"delay": -1})).await;
    assert_invalid(&reply, "body", "/delay");
    // A body that is sent must still be one of the documented media types.
    let reply = exchange(addr, request("POST", "/jobs/1/restart", &[], b"{}")).await;
    assert_eq!(reply.status, 415, "{reply}");
}

#[tokio::test]
async fn a_required_body_left_out_is_a_400() {
    let addr = serve(raw_body::server::router(Objects)).await;
    let reply = exchange(addr, request("PUT", "/objects/k", &[], b"")).await;
    assert_eq!(reply.status, 400, "{reply}");
    assert!(reply.text().contains("the request needs a body"), "{reply}");
    let addr = serve(json_media::server::router(ItemStore)).await;
    let reply = exchange(addr, request("PATCH", "/items/1", &[], b"")).await;
    assert_eq!(reply.status, 400, "{reply}");
}

struct Things;

impl status_ranges::server::Api for Things {
    async fn get_thing(
        &self,
        params: status_ranges::operations::GetThingParams,
    ) -> status_ranges::operations::GetThingResponse {
        use status_ranges::{models, operations::GetThingResponse};
        let status = params.id as u16;
        match params.id {
            1 => GetThingResponse::Ok(models::Thing { id: 1 }),
            404 => GetThingResponse::NotFound,
            400..=499 => GetThingResponse::ClientError {
                status,
                body: models::Problem {
                    message: "taken".into(),
                },
            },
            500..=599 => GetThingResponse::ServerError { status },
            // A class answered with a code outside it is the implementation's mistake.
            -1 => GetThingResponse::ServerError { status: 404 },
            _ => GetThingResponse::Other {
                status,
                body: "see other".into(),
            },
        }
    }
}

#[tokio::test]
async fn status_ranges_and_default_carry_their_code() {
    use status_ranges::{client::Client, operations::GetThingResponse};
    let addr = serve(status_ranges::server::router(Things)).await;
    let client = Client::new(&base(addr)).expect("client");
    let cases = [
        (
            1,
            200,
            GetThingResponse::Ok(status_ranges::models::Thing { id: 1 }),
        ),
        (404, 404, GetThingResponse::NotFound),
        (
            409,
            409,
            GetThingResponse::ClientError {
                status: 409,
                body: status_ranges::models::Problem {
                    message: "taken".into(),
                },
            },
        ),
        (503, 503, GetThingResponse::ServerError { status: 503 }),
        (
            303,
            303,
            GetThingResponse::Other {
                status: 303,
                body: "see other".into(),
            },
        ),
    ];
    for (id, code, expected) in cases {
        let answer = client.get_thing(id).await.expect("a documented answer");
        assert_eq!((answer.status(), &answer), (code, &expected), "{id}");
        let reply = exchange(addr, request("GET", &format!("/things/{id}"), &[], b"")).await;
        assert_eq!(reply.status, code, "{reply}");
    }
    let reply = exchange(addr, request("GET", "/things/409", &[], b"")).await;
    assert_eq!(reply.json(), json!({"message": "taken"}));
    let reply = exchange(addr, request("GET", "/things/303", &[], b"")).await;
    assert_eq!(
        (reply.content_type(), reply.text().as_str()),
        ("text/plain; charset=utf-8", "see other")
    );
    let reply = exchange(addr, request("GET", "/things/-1", &[], b"")).await;
    assert_eq!(reply.status, 500, "404 is no 5XX: {reply}");
    // The mock answers the documented success with its example.
    let addr = serve(status_ranges::mock::router()).await;
    let answer = Client::new(&base(addr)).expect("client").get_thing(7).await;
    assert_eq!(
        answer.expect("answer"),
        GetThingResponse::Ok(status_ranges::models::Thing { id: 1 })
    );
}

struct Created;

impl response_headers::server::Api for Created {
    async fn create_thing(
        &self,
        body: response_headers::models::Thing,
    ) -> response_headers::operations::CreateThingResponse {
        use response_headers::operations::CreateThingResponse;
        match body.name.as_str() {
            "slow" => CreateThingResponse::TooManyRequests { retry_after: 120 },
            "same" => CreateThingResponse::NoContent {
                location: "/things/same".into(),
            },
            "bad" => CreateThingResponse::NoContent {
                location: "a\r\nSet-Cookie: x".into(),
            },
            name => CreateThingResponse::Created {
                location: format!("/things/{name}"),
                e_tag: Some("\"v1\"".into()),
                x_rate_limit_remaining: 41,
                link: vec![
                    "</things?page=2>; rel=next".into(),
                    "</things>; rel=first".into(),
                ],
                body,
            },
        }
    }
}

#[tokio::test]
async fn response_headers_are_sent_and_read_typed() {
    use response_headers::{client::Client, models::Thing, operations::CreateThingResponse};
    let addr = serve(response_headers::server::router(Created)).await;
    let client = Client::new(&base(addr)).expect("client");
    let thing = |name: &str| Thing { name: name.into() };
    let answer = client.create_thing(thing("a")).await.expect("answer");
    assert_eq!(
        answer,
        CreateThingResponse::Created {
            body: thing("a"),
            location: "/things/a".into(),
            e_tag: Some("\"v1\"".into()),
            x_rate_limit_remaining: 41,
            link: vec![
                "</things?page=2>; rel=next".into(),
                "</things>; rel=first".into()
            ],
        }
    );
    let answer = client.create_thing(thing("slow")).await.expect("answer");
    assert_eq!(
        answer,
        CreateThingResponse::TooManyRequests { retry_after: 120 }
    );
    let reply = send(addr, "POST", "/things", &[], &json!({"name": "a"})).await;
    assert_eq!(reply.status, 201, "{reply}");
    assert_eq!(reply.header("location"), Some("/things/a"));
    assert_eq!(reply.header("x-ratelimit-remaining"), Some("41"));
    let links: Vec<&str> = reply
        .headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("link"))
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(
        links,
        ["</things?page=2>; rel=next", "</things>; rel=first"]
    );
    let reply = send(addr, "POST", "/things", &[], &json!({"name": "same"})).await;
    assert_eq!(
        (reply.status, reply.header("location")),
        (204, Some("/things/same"))
    );
    // A value that is no header value never reaches the wire.
    let reply = send(addr, "POST", "/things", &[], &json!({"name": "bad"})).await;
    assert_eq!(reply.status, 500, "{reply}");
    assert_eq!(reply.header("set-cookie"), None, "{reply}");
}

#[tokio::test]
async fn response_headers_missing_or_wrong_are_errors_and_the_mock_sends_the_example() {
    use response_headers::client::Client;
    use specgen_runtime::axum::{self, http::StatusCode, routing::post};
    use specgen_runtime::client::Error;
    let server = axum::Router::new().route(
        "/things",
        post(|| async {
            (
                StatusCode::TOO_MANY_REQUESTS,
                [("retry-after", "Wed, 21 Oct 2026 07:28:00 GMT")],
            )
        }),
    );
    let addr = serve(server).await;
    let client = Client::new(&base(addr)).expect("client");
    let outcome = client
        .create_thing(response_headers::models::Thing { name: "a".into() })
        .await;
    let Err(Error::UndecodableHeader {
        status,
        name,
        message,
    }) = outcome
    else {
        panic!("{outcome:?}");
    };
    assert_eq!((status.as_u16(), name), (429, "retry-after"));
    assert!(
        !message.contains("2026"),
        "the value is not quoted: {message}"
    );
    let server = axum::Router::new().route("/things", post(|| async { StatusCode::NO_CONTENT }));
    let addr = serve(server).await;
    let client = Client::new(&base(addr)).expect("client");
    let outcome = client
        .create_thing(response_headers::models::Thing { name: "a".into() })
        .await;
    assert!(
        matches!(outcome, Err(Error::UndecodableHeader { ref message, .. }) if message == "is missing"),
        "{outcome:?}"
    );
    let addr = serve(response_headers::mock::router()).await;
    let reply = send(addr, "POST", "/things", &[], &json!({"name": "z"})).await;
    assert_eq!(reply.status, 201, "{reply}");
    assert_eq!(reply.header("location"), Some("/things/a"));
    assert_eq!(reply.header("x-ratelimit-remaining"), Some("99"));
    assert_eq!(reply.header("link"), Some("</things?page=2>; rel=next"));
    assert_eq!(reply.header("etag"), None);
}

#[tokio::test]
async fn response_header_lists_are_split_at_commas_outside_quotes_and_brackets() {
    use response_headers::{client::Client, models::Thing, operations::CreateThingResponse};
    use specgen_runtime::axum::{self, http::StatusCode, routing::post};
    let server = axum::Router::new().route(
        "/things",
        post(|| async {
            (
                StatusCode::CREATED,
                axum::response::AppendHeaders([
                    ("location", "/things/a"),
                    ("x-ratelimit-remaining", "1"),
                    (
                        "link",
                        r#"</a?x=1,2>; rel="next", </b>; title="p, q"; rel=last,"#,
                    ),
                    ("link", " </c>; rel=first "),
                ]),
                axum::Json(json!({"name": "a"})),
            )
        }),
    );
    let addr = serve(server).await;
    let client = Client::new(&base(addr)).expect("client");
    let answer = client
        .create_thing(Thing { name: "a".into() })
        .await
        .expect("answer");
    let CreateThingResponse::Created { link, .. } = answer else {
        panic!("{answer:?}");
    };
    assert_eq!(
        link,
        [
            r#"</a?x=1,2>; rel="next""#,
            r#"</b>; title="p, q"; rel=last"#,
            "</c>; rel=first"
        ]
    );
}

/// Answers with the schemes a request authenticated with (and the Basic pair).
struct Gate;

impl auth_per_operation::server::Api for Gate {
    async fn accepts(&self, _scheme: &'static str, token: &specgen_runtime::Secret) -> bool {
        token.expose() != "revoked"
    }

    async fn get_status(&self) -> auth_per_operation::operations::GetStatusResponse {
        auth_per_operation::operations::GetStatusResponse::Ok("up".into())
    }

    async fn list_items(
        &self,
        credentials: specgen_runtime::server::Credentials,
    ) -> auth_per_operation::operations::ListItemsResponse {
        auth_per_operation::operations::ListItemsResponse::Ok(used(&credentials))
    }

    async fn delete_item(
        &self,
        credentials: specgen_runtime::server::Credentials,
        _params: auth_per_operation::operations::DeleteItemParams,
    ) -> auth_per_operation::operations::DeleteItemResponse {
        auth_per_operation::operations::DeleteItemResponse::Ok(used(&credentials))
    }

    async fn log_in(
        &self,
        token: specgen_runtime::Secret,
    ) -> auth_per_operation::operations::LogInResponse {
        auth_per_operation::operations::LogInResponse::Ok(token.expose().to_owned())
    }

    async fn list_news(
        &self,
        credentials: specgen_runtime::server::Credentials,
    ) -> auth_per_operation::operations::ListNewsResponse {
        auth_per_operation::operations::ListNewsResponse::Ok(used(&credentials))
    }
}

/// Credentials that may be left out: none sent is fine, one sent is checked.
#[tokio::test]
async fn auth_per_operation_credentials_that_may_be_left_out() {
    use auth_per_operation::client::Client;
    use auth_per_operation::operations::ListNewsResponse;
    let addr = serve(auth_per_operation::server::router(Gate)).await;
    let schemes = |answer| match answer {
        Ok(ListNewsResponse::Ok(used)) => used.schemes,
        other => panic!("{other:?}"),
    };
    let bare = Client::new(&base(addr)).expect("client");
    assert!(schemes(bare.list_news().await).is_empty());
    let holding = Client::new(&base(addr)).expect("client").with_token("t");
    assert_eq!(schemes(holding.list_news().await), ["token=t"]);
    let revoked = Client::new(&base(addr))
        .expect("client")
        .with_token("revoked");
    let refused = revoked.list_news().await;
    assert!(
        matches!(refused, Ok(ListNewsResponse::Unauthorized)),
        "{refused:?}"
    );
}

fn used(credentials: &specgen_runtime::server::Credentials) -> auth_per_operation::models::Used {
    let schemes = credentials
        .iter()
        .map(|(scheme, token)| format!("{scheme}={}", token.expose()))
        .collect();
    auth_per_operation::models::Used { schemes }
}

#[tokio::test]
async fn auth_per_operation_sends_what_each_operation_needs() {
    use auth_per_operation::client::Client;
    use auth_per_operation::operations::{
        DeleteItemResponse, GetStatusResponse, ListItemsResponse, LogInResponse,
    };
    use specgen_runtime::client::Error;
    let addr = serve(auth_per_operation::server::router(Gate)).await;
    // A public operation needs nothing; others need a credential the client lacks.
    let bare = Client::new(&base(addr)).expect("client");
    assert_eq!(
        bare.get_status().await.expect("public"),
        GetStatusResponse::Ok("up".into())
    );
    let outcome = bare.list_items().await;
    assert!(
        matches!(outcome, Err(Error::Credentials(ref m)) if m.contains("token or key")),
        "{outcome:?}"
    );
    // The first alternative the client holds is sent.
    let keyed = Client::new(&base(addr)).expect("client").with_key("k&1");
    let answer = keyed.list_items().await.expect("answer");
    assert_eq!(
        answer,
        ListItemsResponse::Ok(auth_per_operation::models::Used {
            schemes: vec!["key=k&1".into()]
        })
    );
    let both = Client::new(&base(addr))
        .expect("client")
        .with_token("t")
        .with_session("s")
        .with_password("ali:open sesame");
    let ListItemsResponse::Ok(used) = both.list_items().await.expect("answer") else {
        panic!("not ok");
    };
    assert_eq!(used.schemes, ["token=t"]);
    let DeleteItemResponse::Ok(used) = both.delete_item(1).await.expect("answer") else {
        panic!("not ok");
    };
    assert_eq!(used.schemes, ["token=t", "session=s"]);
    assert_eq!(
        both.log_in().await.expect("answer"),
        LogInResponse::Ok("ali:open sesame".into())
    );
    // A token alone is not the pair; as a bearer token it is the OAuth2 alternative.
    let token_only = Client::new(&base(addr)).expect("client").with_oauth("o");
    let DeleteItemResponse::Ok(used) = token_only.delete_item(1).await.expect("answer") else {
        panic!("not ok");
    };
    assert_eq!(used.schemes, ["oauth=o"]);
}

#[tokio::test]
async fn auth_per_operation_is_checked_on_the_wire() {
    let addr = serve(auth_per_operation::server::router(Gate)).await;
    let get = |target: &str, headers: &[(&str, &str)]| {
        exchange(addr, request("GET", target, headers, b""))
    };
    assert_eq!(get("/status", &[]).await.status, 200);
    let reply = get("/items", &[]).await;
    assert_eq!(reply.status, 401, "{reply}");
    assert_eq!(reply.header("www-authenticate"), Some("Bearer"), "{reply}");
    let reply = get("/items?api_key=abc", &[]).await;
    assert_eq!(reply.json(), json!({"schemes": ["key=abc"]}), "{reply}");
    let reply = get("/items?api_key=a&api_key=b", &[]).await;
    assert_eq!(reply.status, 401, "a key sent twice: {reply}");
    let reply = get("/items", &[("Authorization", "Bearer revoked")]).await;
    assert_eq!(reply.status, 401, "{reply}");
    let delete =
        |headers: &[(&str, &str)]| exchange(addr, request("DELETE", "/items/1", headers, b""));
    let reply = delete(&[
        ("Cookie", "theme=dark; SESSION=s1"),
        ("Authorization", "Bearer t"),
    ])
    .await;
    assert_eq!(
        reply.json(),
        json!({"schemes": ["token=t", "session=s1"]}),
        "{reply}"
    );
    let reply = delete(&[("Cookie", "SESSION=s1")]).await;
    assert_eq!(
        reply.status, 401,
        "a session alone is half the pair: {reply}"
    );
    let reply = exchange(
        addr,
        request(
            "POST",
            "/login",
            &[("Authorization", "Basic YWxpOm9wZW4=")],
            b"",
        ),
    )
    .await;
    assert_eq!(
        (reply.status, reply.text().as_str()),
        (200, "ali:open"),
        "{reply}"
    );
    let reply = exchange(
        addr,
        request("POST", "/login", &[("Authorization", "Bearer x")], b""),
    )
    .await;
    assert_eq!(reply.status, 401, "{reply}");
    assert_eq!(reply.header("www-authenticate"), Some("Basic"), "{reply}");
    // The mock accepts only its token, for every scheme.
    let addr = serve(auth_per_operation::server::router(
        auth_per_operation::mock::Mock::accepting("m"),
    ))
    .await;
    let get = |target: &str, headers: &[(&str, &str)]| {
        exchange(addr, request("GET", target, headers, b""))
    };
    assert_eq!(get("/items?api_key=m", &[]).await.status, 200);
    assert_eq!(get("/items?api_key=x", &[]).await.status, 401);
    assert_eq!(
        get("/items", &[("Authorization", "Bearer m")]).await.status,
        200
    );
}

#[tokio::test]
async fn several_servers_each_get_a_constructor() {
    use several_servers::{client::Client, operations::GetPingResponse};
    assert_eq!(
        Client::for_server().expect("client").base_url(),
        "https://api.example.com/v1"
    );
    assert_eq!(
        Client::for_europe().expect("client").base_url(),
        "https://eu.api.example.com/v1"
    );
    assert_eq!(Client::SERVER_SANDBOX, "http://{host}:{port}/v1");
    let addr = serve(several_servers::mock::router()).await;
    let sandbox = Client::for_sandbox("127.0.0.1", &addr.port().to_string()).expect("client");
    assert_eq!(
        sandbox.get_ping().await.expect("answer"),
        GetPingResponse::Ok("pong".into())
    );
    // A variable cannot change the host.
    assert!(Client::for_sandbox("evil.com/x", "80").is_err());
}

struct Searcher;

impl parameter_styles::server::Api for Searcher {
    async fn search(
        &self,
        params: parameter_styles::operations::SearchParams,
    ) -> parameter_styles::operations::SearchResponse {
        parameter_styles::operations::SearchResponse::Ok(parameter_styles::models::Seen {
            tags: params.tags.unwrap_or_default(),
            ids: params.ids.unwrap_or_default(),
            words: params.words.unwrap_or_default(),
            levels: params.levels.unwrap_or_default(),
            theme: params.theme,
            per_page: params.per_page,
            order: params.order,
        })
    }
}

#[tokio::test]
async fn parameter_styles_travel_as_the_spec_says() {
    use parameter_styles::{client::Client, models::Level, operations::SearchResponse};
    let addr = serve(parameter_styles::server::router(Searcher)).await;
    let client = Client::new(&base(addr)).expect("client");
    let answer = client
        .search("dark")
        .tags(vec!["a b".into(), "c".into()])
        .ids(vec![1, 2, 3])
        .words(vec!["x".into(), "y".into()])
        .levels(vec![Level::Low, Level::High])
        .await
        .expect("answer");
    let SearchResponse::Ok(seen) = answer else {
        panic!("{answer:?}");
    };
    assert_eq!(
        (seen.tags, seen.ids, seen.words),
        (
            vec!["a b".to_string(), "c".into()],
            vec![1, 2, 3],
            vec!["x".to_string(), "y".into()],
        )
    );
    assert_eq!(
        (seen.levels, seen.theme.as_str()),
        (vec![Level::Low, Level::High], "dark")
    );
    // An element holding its list's joiner cannot travel.
    let outcome = client.search("dark").words(vec!["two words".into()]).await;
    assert!(
        matches!(outcome, Err(specgen_runtime::client::Error::Encode(_))),
        "{outcome:?}"
    );
    let get = |target: &str, cookie: &str| {
        exchange(addr, request("GET", target, &[("Cookie", cookie)], b""))
    };
    let reply = get(
        "/search?tags=a&tags=b&ids=4,5&words=p%20q&levels=high%7Clow",
        "theme=light",
    )
    .await;
    assert_eq!(
        reply.json(),
        json!({
            "tags": ["a", "b"], "ids": [4, 5], "words": ["p", "q"], "levels": ["high", "low"],
            "theme": "light", "per_page": 30, "order": "high"
        }),
        "{reply}"
    );
    let reply = get("/search?levels=&ids=", "theme=t").await;
    assert_eq!(
        (reply.json()["levels"].clone(), reply.json()["ids"].clone()),
        (json!([]), json!([])),
        "{reply}"
    );
    let reply = get("/search?tags=x", "theme=t").await;
    assert_eq!(
        reply.json()["tags"],
        json!(["x"]),
        "one pair is a list of one: {reply}"
    );
    let reply = get("/search?ids=7", "other=1; theme=t").await;
    assert_eq!(
        reply.json()["ids"],
        json!([7]),
        "one element is a list of one: {reply}"
    );
    let reply = get("/search?ids=1,x,3", "theme=t").await;
    assert_invalid(&reply, "query", "/ids/1");
    let reply = get("/search?ids=1,2,3,4", "theme=t").await;
    assert_invalid(&reply, "query", "/ids");
    let reply = exchange(addr, request("GET", "/search", &[], b"")).await;
    assert_invalid(&reply, "cookie", "/theme");
}

#[path = "feature_wire/streams.rs"]
mod streams_wire;

#[path = "feature_wire/formats.rs"]
mod formats_wire;

#[path = "feature_wire/objects.rs"]
mod objects_wire;

#[path = "feature_wire/pagination.rs"]
mod pagination_wire;

#[path = "feature_wire/numbers.rs"]
mod numbers_wire;

#[path = "feature_wire/types.rs"]
mod types_wire;

#[path = "feature_wire/xml.rs"]
mod xml_wire;
