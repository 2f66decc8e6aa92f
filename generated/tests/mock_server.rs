//! The `mock-server` binary as a user runs it: it prints its routes, answers on them (with
//! the one token it was given), serves each service's OpenAPI document, and stops cleanly on
//! Ctrl-C (SIGINT).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

#[test]
fn serves_every_route_and_stops_on_ctrl_c() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mock-server"))
        .args(["--addr", "127.0.0.1:0", "--token", "t"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("start mock-server");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    stdout.read_line(&mut first).expect("first line");
    let addr = first
        .trim()
        .strip_prefix("mock server listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
        .to_owned();
    let mut accepting = String::new();
    stdout.read_line(&mut accepting).expect("token line");
    assert_eq!(
        accepting.trim(),
        "accepting only the token given with --token"
    );
    let mut routes = Vec::new();
    for _ in apis::MOCK_ROUTES {
        let mut line = String::new();
        stdout.read_line(&mut line).expect("route line");
        routes.push(line.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    assert_eq!(
        routes,
        [
            "POST /kaiten/api/latest/company/custom-directories/{directory_id}/records",
            "GET /kaiten/openapi.json",
            "POST /lineworks/v1.0/directory/custom-fields",
            "GET /lineworks/openapi.json",
            "POST /onlyoffice/api/2.0/crm/contact/person",
            "GET /onlyoffice/openapi.json",
            "POST /r7office/api/2.0/crm/contact/person",
            "GET /r7office/openapi.json",
            "POST /yandex360/directory/v1/org/{orgId}/external_contacts",
            "GET /yandex360/openapi.json",
        ]
    );

    let document = send(
        &addr,
        &format!(
            "GET /lineworks/openapi.json HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
        ),
    );
    assert!(document.starts_with("HTTP/1.1 200"), "{document}");
    assert!(
        document.contains("content-type: application/json"),
        "{document}"
    );
    assert!(document.contains(r#""openapi": "3.1.0""#), "{document}");

    let body = r#"{"domainId":10000001,"customFieldName":"custom01","customFieldType":"LINK"}"#;
    let create = |token: &str| {
        format!(
            "POST /lineworks/v1.0/directory/custom-fields HTTP/1.1\r\nHost: {addr}\r\n\
             Authorization: Bearer {token}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
    };
    let refused = send(&addr, &create("not-t"));
    assert!(refused.starts_with("HTTP/1.1 401"), "{refused}");
    assert!(refused.contains("www-authenticate: Bearer"), "{refused}");
    let answer = send(&addr, &create("t"));
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
    assert!(
        answer.contains("customfd-fc09-4a57-ab38-03dc6c425e09"),
        "{answer}"
    );

    let interrupted = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("send SIGINT");
    assert!(interrupted.success());
    let status = child.wait().expect("exit");
    assert!(status.success(), "exit status {status}");
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).expect("last lines");
    assert!(rest.contains("shutting down"), "{rest:?}");
}

/// Sends one raw HTTP/1.1 request and reads the whole answer.
fn send(addr: &str, request: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.write_all(request.as_bytes()).expect("send");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("answer");
    answer
}
