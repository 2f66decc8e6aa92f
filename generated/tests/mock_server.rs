//! The `mock-server` binary as a user runs it: it prints its routes, answers on them (with
//! the one token it was given), serves each service's OpenAPI document, stops cleanly on
//! Ctrl-C (SIGINT) and SIGTERM, letting requests in flight finish, and keeps serving new
//! clients when idle ones hold every file descriptor it may open.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `mock-server`, its address, and the rest of its standard output.
struct Running {
    child: Child,
    addr: String,
    stdout: BufReader<ChildStdout>,
}

impl Running {
    /// Starts `mock-server` on a free loopback port with `args`, through `sh -c` with
    /// `limits` (shell commands such as `ulimit -n 64`) run first.
    fn start(limits: &str, args: &[&str]) -> Self {
        let program = env!("CARGO_BIN_EXE_mock-server");
        let mut child = Command::new("sh")
            .args(["-c", &format!("{limits} exec \"$0\" \"$@\""), program])
            .args(["--addr", "127.0.0.1:0"])
            .args(args)
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
        Running {
            child,
            addr,
            stdout,
        }
    }

    /// Sends `signal` (`INT`, `TERM`) to the server.
    fn signal(&self, signal: &str) {
        let sent = Command::new("kill")
            .args([&format!("-{signal}"), &self.child.id().to_string()])
            .status()
            .expect("send a signal");
        assert!(sent.success());
    }

    /// Waits for the server to exit, at most `bound`: its status and how long it took.
    fn exit_within(&mut self, bound: Duration) -> (std::process::ExitStatus, Duration) {
        let start = Instant::now();
        while start.elapsed() < bound {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return (status, start.elapsed());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!("mock-server still runs {bound:?} after the signal");
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn serves_every_route_and_stops_on_ctrl_c() {
    let mut server = Running::start("", &["--token", "t"]);
    let addr = server.addr.clone();
    let stdout = &mut server.stdout;
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

    server.signal("INT");
    let (status, _) = server.exit_within(Duration::from_secs(30));
    assert!(status.success(), "exit status {status}");
    let mut rest = String::new();
    server.stdout.read_to_string(&mut rest).expect("last lines");
    assert!(rest.contains("shutting down"), "{rest:?}");
}

/// A valid LINE WORKS request whose body is `Content-Length` long but not sent yet.
fn lineworks_head(addr: &str) -> (String, &'static str) {
    let body = r#"{"domainId":10000001,"customFieldName":"custom01","customFieldType":"LINK"}"#;
    let head = format!(
        "POST /lineworks/v1.0/directory/custom-fields HTTP/1.1\r\nHost: {addr}\r\n\
         Authorization: Bearer t\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    (head, body)
}

/// Connects to `addr`, with reads bounded in time.
fn connect(addr: &str) -> TcpStream {
    let stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("read timeout");
    stream
}

#[test]
fn sigterm_lets_requests_in_flight_finish_and_exits_by_the_deadline() {
    let mut server = Running::start("", &["--shutdown-timeout", "2"]);
    let (head, body) = lineworks_head(&server.addr);
    // One request in flight that will finish, one that never will.
    let mut finishing = connect(&server.addr);
    finishing.write_all(head.as_bytes()).expect("head");
    finishing
        .write_all(&body.as_bytes()[..10])
        .expect("part of the body");
    let mut stuck = connect(&server.addr);
    stuck.write_all(head.as_bytes()).expect("head");
    std::thread::sleep(Duration::from_millis(200));

    server.signal("TERM");
    std::thread::sleep(Duration::from_millis(300));
    finishing
        .write_all(&body.as_bytes()[10..])
        .expect("the rest of the body");
    let mut answer = String::new();
    finishing.read_to_string(&mut answer).expect("answer");
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
    // The listener is closed: a new client is refused.
    assert!(TcpStream::connect(&server.addr).is_err(), "still accepting");

    let (status, took) = server.exit_within(Duration::from_secs(20));
    assert!(status.success(), "exit status {status}");
    assert!(
        took < Duration::from_secs(10),
        "exited {took:?} after the signal, past the 2 s deadline"
    );
    drop(stuck);
}

#[test]
fn idle_sockets_holding_every_file_descriptor_do_not_starve_a_new_client() {
    // 64 descriptors, and 80 clients connected that send nothing: the server runs out of
    // descriptors until its idle timeout closes them.
    let server = Running::start("ulimit -n 64 &&", &[]);
    let idle: Vec<TcpStream> = (0..80).map(|_| connect(&server.addr)).collect();
    std::thread::sleep(Duration::from_millis(200));
    let (head, body) = lineworks_head(&server.addr);
    let start = Instant::now();
    let mut client = connect(&server.addr);
    client.write_all(head.as_bytes()).expect("head");
    client.write_all(body.as_bytes()).expect("body");
    let mut answer = String::new();
    client.read_to_string(&mut answer).expect("answer in time");
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "answered after {:?}",
        start.elapsed()
    );
    drop(idle);
}

/// Sends one raw HTTP/1.1 request and reads the whole answer.
fn send(addr: &str, request: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.write_all(request.as_bytes()).expect("send");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("answer");
    answer
}
