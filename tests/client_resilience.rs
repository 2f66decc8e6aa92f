//! The generated clients against servers that misbehave, on loopback: one that never answers,
//! one that drips its answer a byte at a time, one whose body never ends, one that asks to
//! be called again later, one that hangs up. Each call ends with an error value within its
//! timeout and size limit, or is sent again as its retry policy says; its spans name the
//! operation and never a credential; a middleware stack sends it. Every server here is
//! bounded in what it writes and how long it lasts, and every call in time.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use feature_bindings::{auth_bearer, auth_per_operation, json_body, streams};
use futures_util::StreamExt;
use specgen_runtime::axum::{self, Router, http::StatusCode};
use specgen_runtime::client::{ClientConfig, Error, MAX_ERROR_BODY, RetryPolicy};
use specgen_runtime::{ByteStream, StreamError};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use workspace_tests::capture::Capture;
use workspace_tests::serve;

/// The timeout the calls here are given: short, so the tests are quick.
const SHORT: Duration = Duration::from_millis(500);

/// How long a call may take before the test calls it stuck: far above any timeout here, so
/// a slow machine never fails a test that works.
const STUCK: Duration = Duration::from_secs(20);

/// The size limit the calls here are given.
const LIMIT: u64 = 1 << 20;

/// How long a hand-written server keeps a connection at most.
const SERVER_LIFETIME: Duration = Duration::from_secs(60);

/// The most a hand-written server writes on a connection: far above [`LIMIT`], so a client
/// that buffered the whole answer would be seen to.
const SERVER_MOST: u64 = 256 << 20;

/// The most connections a hand-written server accepts.
const SERVER_CONNECTIONS: usize = 8;

const PROFILE: &str = r#"{"name":"Ann"}"#;

// ---- Hand-written servers ----

/// What a hand-written server does on a connection once it has read the request's head.
#[derive(Debug, Clone, Copy)]
enum Conduct {
    /// Reads on and never writes.
    Silent,
    /// Writes its answer's head a byte every 200 ms.
    DripHead,
    /// Writes a whole head announcing 1000 bytes of body, then the body a byte every 200 ms.
    DripBody,
    /// Announces a body of one tebibyte (`Content-Length`) and sends it.
    EndlessAnnounced,
    /// Sends a chunked body that never ends.
    EndlessChunked,
    /// Sends a head and one JSON line of a streamed answer, then nothing.
    OneLineThenSilence,
    /// Closes the connection without an answer.
    HangUp,
    /// Answers 200 with a profile.
    Profile,
}

/// A server on a free loopback port treating its `n`th connection as `conduct(n)` says; the
/// receiver gets, as each connection ends, how many bytes the server wrote on it.
async fn hand_written(
    conduct: impl Fn(usize) -> Conduct + Send + 'static,
) -> (SocketAddr, mpsc::UnboundedReceiver<u64>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    let (written, ended) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        for n in 0..SERVER_CONNECTIONS {
            let Ok((socket, _)) = listener.accept().await else {
                return;
            };
            let written = written.clone();
            let conduct = conduct(n);
            tokio::spawn(async move {
                let run = behave(socket, conduct);
                let sent = tokio::time::timeout(SERVER_LIFETIME, run)
                    .await
                    .unwrap_or(0);
                let _ = written.send(sent);
            });
        }
    });
    (addr, ended)
}

/// Reads a request's head, then does as `conduct` says; the bytes written.
async fn behave(mut socket: TcpStream, conduct: Conduct) -> u64 {
    if !read_head(&mut socket).await {
        return 0;
    }
    let mut out = Written::default();
    match conduct {
        Conduct::Silent => {
            let mut sink = [0_u8; 1024];
            while let Ok(1..) = socket.read(&mut sink).await {}
        }
        Conduct::DripHead => {
            let head = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n";
            drip(&mut socket, head.iter().copied().cycle(), &mut out).await;
        }
        Conduct::DripBody => {
            let head =
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n";
            if out.write(&mut socket, head.as_bytes()).await {
                drip(&mut socket, std::iter::repeat(b' '), &mut out).await;
            }
        }
        Conduct::EndlessAnnounced => {
            let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1099511627776\r\n\r\n";
            if out.write(&mut socket, head.as_bytes()).await {
                flood(&mut socket, &[b' '; 64 << 10], &mut out).await;
            }
        }
        Conduct::EndlessChunked => {
            let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
            let mut chunk = b"10000\r\n".to_vec();
            chunk.extend_from_slice(&[b' '; 64 << 10]);
            chunk.extend_from_slice(b"\r\n");
            if out.write(&mut socket, head.as_bytes()).await {
                flood(&mut socket, &chunk, &mut out).await;
            }
        }
        Conduct::OneLineThenSilence => {
            let line = "{\"level\":\"info\",\"message\":\"one\"}\n";
            let answer = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/x-ndjson\r\ntransfer-encoding: chunked\r\n\r\n{:x}\r\n{line}\r\n",
                line.len()
            );
            out.write(&mut socket, answer.as_bytes()).await;
            tokio::time::sleep(SERVER_LIFETIME).await;
        }
        Conduct::HangUp => {}
        Conduct::Profile => {
            let answer = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{PROFILE}",
                PROFILE.len()
            );
            out.write(&mut socket, answer.as_bytes()).await;
        }
    }
    out.0
}

/// Reads up to the end of a request's head (at most 64 KiB); whether it came.
async fn read_head(socket: &mut TcpStream) -> bool {
    let mut head = Vec::new();
    let mut byte = [0_u8; 1];
    while head.len() < 64 << 10 {
        match socket.read(&mut byte).await {
            Ok(1) => head.push(byte[0]),
            _ => return false,
        }
        if head.ends_with(b"\r\n\r\n") {
            return true;
        }
    }
    false
}

/// The bytes a server wrote on a connection so far.
#[derive(Default)]
struct Written(u64);

impl Written {
    /// Writes `bytes`; whether the peer still took them.
    async fn write(&mut self, socket: &mut TcpStream, bytes: &[u8]) -> bool {
        let taken = socket.write_all(bytes).await.is_ok();
        if taken {
            self.0 += bytes.len() as u64;
        }
        taken
    }
}

/// Writes `bytes` one every 200 ms until the peer goes or [`SERVER_LIFETIME`] is up.
async fn drip(socket: &mut TcpStream, bytes: impl Iterator<Item = u8>, out: &mut Written) {
    let most = SERVER_LIFETIME.as_millis() / 200;
    for byte in bytes.take(most as usize) {
        if !out.write(socket, &[byte]).await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Writes `chunk` over and over until the peer goes or [`SERVER_MOST`] is written.
async fn flood(socket: &mut TcpStream, chunk: &[u8], out: &mut Written) {
    while out.0 < SERVER_MOST && out.write(socket, chunk).await {}
}

// ---- Clients ----

fn profiles(addr: SocketAddr) -> auth_bearer::client::Client {
    auth_bearer::client::Client::new(&format!("http://{addr}/v1"), "t").expect("client")
}

/// A client of `addr` whose calls time out after [`SHORT`] and read at most [`LIMIT`].
fn bounded(addr: SocketAddr) -> auth_bearer::client::Client {
    profiles(addr).with_config(ClientConfig {
        timeout: SHORT,
        max_response_bytes: LIMIT,
        ..ClientConfig::default()
    })
}

/// The outcome of `call`, and how long it took; fails the test when it takes [`STUCK`].
async fn timed<T>(call: impl std::future::IntoFuture<Output = T>) -> (T, Duration) {
    let started = Instant::now();
    let outcome = tokio::time::timeout(STUCK, call.into_future())
        .await
        .expect("the call returned");
    (outcome, started.elapsed())
}

// ---- Timeouts ----

#[tokio::test]
async fn a_server_that_never_answers_times_the_call_out() {
    let (addr, _) = hand_written(|_| Conduct::Silent).await;
    let (outcome, took) = timed(profiles(addr).get_profile().timeout(SHORT)).await;
    assert!(
        matches!(outcome, Err(Error::Timeout { after }) if after == SHORT),
        "{outcome:?}"
    );
    assert!(took >= SHORT, "{took:?}");

    let (outcome, _) = timed(bounded(addr).get_profile()).await;
    assert!(
        matches!(outcome, Err(Error::Timeout { .. })),
        "the client's timeout, {outcome:?}"
    );
}

#[tokio::test]
async fn a_server_that_drips_its_answer_times_the_call_out() {
    for conduct in [Conduct::DripHead, Conduct::DripBody] {
        let (addr, _) = hand_written(move |_| conduct).await;
        let (outcome, _) = timed(bounded(addr).get_profile()).await;
        assert!(
            matches!(outcome, Err(Error::Timeout { after }) if after == SHORT),
            "{conduct:?}: {outcome:?}"
        );
    }
}

#[tokio::test]
async fn a_streamed_answer_that_goes_quiet_ends_after_the_read_timeout() {
    let (addr, _) = hand_written(|_| Conduct::OneLineThenSilence).await;
    let client = streams::client::Client::new(&format!("http://{addr}"))
        .expect("client")
        .with_config(ClientConfig {
            read_timeout: SHORT,
            ..ClientConfig::default()
        });
    let (outcome, _) = timed(client.follow_logs(1)).await;
    let Ok(streams::operations::FollowLogsResponse::Ok(lines)) = outcome else {
        panic!("a streamed 200, got {outcome:?}");
    };
    let (items, _) = timed(lines.collect::<Vec<_>>()).await;
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(items[0].as_ref().expect("the line").message, "one");
    assert!(
        matches!(items[1], Err(StreamError::Idle { idle }) if idle == SHORT),
        "{items:?}"
    );
}

#[tokio::test]
async fn a_streamed_answer_that_never_starts_times_the_call_out() {
    let (addr, _) = hand_written(|_| Conduct::Silent).await;
    let client = streams::client::Client::new(&format!("http://{addr}")).expect("client");
    let (outcome, _) = timed(client.follow_logs(1).timeout(SHORT)).await;
    assert!(matches!(outcome, Err(Error::Timeout { .. })), "{outcome:?}");
}

// ---- The size limit ----

#[tokio::test]
async fn an_endless_body_is_refused_at_the_limit_without_being_read_past_it() {
    for conduct in [Conduct::EndlessAnnounced, Conduct::EndlessChunked] {
        let (addr, mut written) = hand_written(move |_| conduct).await;
        let (outcome, _) = timed(bounded(addr).get_profile()).await;
        assert!(
            matches!(outcome, Err(Error::TooLarge { status, limit }) if status == 200 && limit == LIMIT),
            "{conduct:?}: {outcome:?}"
        );
        // Once the client lets go, the server's writes fail: what it got out is what the
        // client read and what the sockets' buffers held, far from all it had to send.
        let sent = tokio::time::timeout(STUCK, written.recv())
            .await
            .expect("the server saw the client go")
            .expect("a count");
        assert!(
            sent < 64 << 20,
            "{conduct:?}: the server wrote {sent} bytes"
        );
    }
}

/// A server answering every request with `status` and a body of `size` bytes of `byte`.
async fn sized(status: u16, byte: u8, size: usize) -> SocketAddr {
    let body = vec![byte; size];
    let answer = move || {
        let body = body.clone();
        async move {
            let status = StatusCode::from_u16(status).expect("status");
            (status, [("content-type", "application/json")], body)
        }
    };
    serve(Router::new().fallback(answer)).await
}

#[tokio::test]
async fn error_values_keep_a_bounded_prefix_of_the_body_and_its_length() {
    let size = 100 << 10;
    let addr = sized(418, b'x', size).await;
    let (outcome, _) = timed(profiles(addr).get_profile()).await;
    let Err(Error::UnexpectedStatus {
        status,
        body,
        length,
    }) = outcome
    else {
        panic!("an undocumented status, got {outcome:?}");
    };
    assert_eq!(status, 418);
    assert_eq!((body.len(), length), (MAX_ERROR_BODY, size));

    let addr = sized(200, b'[', size).await;
    let (outcome, _) = timed(profiles(addr).get_profile()).await;
    let Err(error @ Error::UndecodableBody { length, .. }) = outcome else {
        panic!("an undecodable body, got {outcome:?}");
    };
    assert_eq!(length, size);
    assert_eq!(error.body().map(<[u8]>::len), Some(MAX_ERROR_BODY));
}

#[tokio::test]
async fn a_body_within_the_limit_is_read_whole() {
    let addr = serve(
        Router::new().fallback(|| async { ([("content-type", "application/json")], PROFILE) }),
    )
    .await;
    let client = profiles(addr).with_config(ClientConfig {
        max_response_bytes: PROFILE.len() as u64,
        ..ClientConfig::default()
    });
    let (outcome, _) = timed(client.get_profile()).await;
    assert!(
        matches!(&outcome, Ok(auth_bearer::operations::GetProfileResponse::Ok(p)) if p.name == "Ann"),
        "{outcome:?}"
    );
}

// ---- Retries ----

/// What a scripted server answers, in order; the last answer repeats.
type Script = &'static [(u16, Option<&'static str>)];

/// A server answering its `n`th request with the `n`th status of `script` (and its
/// `Retry-After`), a 2xx with `body`; and the number of requests it got.
async fn scripted(script: Script, body: &'static str) -> (SocketAddr, Arc<AtomicUsize>) {
    let count = Arc::new(AtomicUsize::new(0));
    let counted = count.clone();
    let answer = move || {
        let n = counted.fetch_add(1, Ordering::SeqCst);
        let (status, retry_after) = script[n.min(script.len() - 1)];
        async move {
            let status = StatusCode::from_u16(status).expect("status");
            let mut headers = axum::http::HeaderMap::new();
            headers.insert("content-type", "application/json".parse().expect("value"));
            if let Some(seconds) = retry_after {
                headers.insert("retry-after", seconds.parse().expect("value"));
            }
            let body = if status.is_success() { body } else { "" };
            (status, headers, body)
        }
    };
    (serve(Router::new().fallback(answer)).await, count)
}

/// A policy whose backoff is short, so the tests are quick.
fn quick() -> RetryPolicy {
    RetryPolicy {
        initial_backoff: Duration::from_millis(20),
        ..RetryPolicy::default()
    }
}

/// Asserts that a call gave up with the undocumented `status` once its server, counting in
/// `count`, had got `requests` requests; `why` says why that many.
fn assert_gave_up<T: std::fmt::Debug>(
    outcome: &Result<T, Error>,
    status: u16,
    count: &AtomicUsize,
    requests: usize,
    why: &str,
) {
    assert!(
        matches!(outcome, Err(Error::UnexpectedStatus { status: got, .. }) if *got == status),
        "{outcome:?}"
    );
    assert_eq!(count.load(Ordering::SeqCst), requests, "{why}");
}

#[tokio::test]
async fn a_429_with_retry_after_is_retried_after_it_when_the_policy_allows() {
    const SCRIPT: Script = &[(429, Some("1")), (200, None)];
    let (addr, count) = scripted(SCRIPT, PROFILE).await;
    let (outcome, took) = timed(profiles(addr).get_profile()).await;
    assert!(outcome.is_ok(), "{outcome:?}");
    assert_eq!(count.load(Ordering::SeqCst), 2);
    assert!(
        took >= Duration::from_secs(1),
        "Retry-After honoured: {took:?}"
    );

    let (addr, count) = scripted(SCRIPT, PROFILE).await;
    let client = profiles(addr);
    let (outcome, _) = timed(client.get_profile().retry(RetryPolicy::never())).await;
    assert_gave_up(&outcome, 429, &count, 1, "not retried when switched off");
}

#[tokio::test]
async fn a_post_is_retried_only_when_the_caller_opts_in() {
    const SCRIPT: Script = &[(429, Some("1")), (201, None)];
    const USER: &str = r#"{"id":1,"name":"Ann"}"#;
    let new_user = || json_body::models::NewUser {
        name: "Ann".into(),
        age: None,
    };
    let (addr, count) = scripted(SCRIPT, USER).await;
    let client = json_body::client::Client::new(&format!("http://{addr}")).expect("client");
    let (outcome, _) = timed(client.create_user(new_user())).await;
    assert_gave_up(&outcome, 429, &count, 1, "a POST is not retried by default");

    let (addr, count) = scripted(SCRIPT, USER).await;
    let client = json_body::client::Client::new(&format!("http://{addr}")).expect("client");
    let opted_in = RetryPolicy {
        non_idempotent: true,
        ..quick()
    };
    let (outcome, _) = timed(client.create_user(new_user()).retry(opted_in)).await;
    assert!(
        matches!(
            &outcome,
            Ok(json_body::operations::CreateUserResponse::Created(_))
        ),
        "{outcome:?}"
    );
    assert_eq!(count.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn two_503s_then_a_200_give_the_200_within_the_budget() {
    const SCRIPT: Script = &[(503, None), (503, None), (200, None)];
    let (addr, count) = scripted(SCRIPT, PROFILE).await;
    let client = profiles(addr).with_config(ClientConfig {
        retry: quick(),
        ..ClientConfig::default()
    });
    let (outcome, _) = timed(client.get_profile()).await;
    assert!(outcome.is_ok(), "{outcome:?}");
    assert_eq!(count.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_budget_of_two_attempts_gives_the_last_answer() {
    const SCRIPT: Script = &[(503, None), (503, None), (200, None)];
    let (addr, count) = scripted(SCRIPT, PROFILE).await;
    let two = RetryPolicy {
        max_attempts: 2,
        ..quick()
    };
    let (outcome, _) = timed(profiles(addr).get_profile().retry(two)).await;
    assert_gave_up(&outcome, 503, &count, 2, "the budget spent");
}

#[tokio::test]
async fn a_retry_after_past_the_budget_is_not_waited_for() {
    const SCRIPT: Script = &[(503, Some("3600")), (200, None)];
    let (addr, count) = scripted(SCRIPT, PROFILE).await;
    let (outcome, took) = timed(profiles(addr).get_profile()).await;
    assert_gave_up(&outcome, 503, &count, 1, "the wait is past the budget");
    assert!(took < Duration::from_secs(10), "{took:?}");
}

#[tokio::test]
async fn a_streamed_request_body_is_never_sent_again() {
    const SCRIPT: Script = &[(503, None), (200, None)];
    let (addr, count) = scripted(SCRIPT, r#"{"size":3}"#).await;
    let client = streams::client::Client::new(&format!("http://{addr}")).expect("client");
    let upload = ByteStream::from_bytes(&b"log"[..]);
    let (outcome, _) = timed(client.attach_log(1).body(upload).retry(quick())).await;
    assert_gave_up(&outcome, 503, &count, 1, "a PUT, but its body is gone");
}

#[tokio::test]
async fn a_connection_closed_before_an_answer_is_retried() {
    let (addr, _) = hand_written(|n| {
        if n == 0 {
            Conduct::HangUp
        } else {
            Conduct::Profile
        }
    })
    .await;
    let client = profiles(addr).with_config(ClientConfig {
        retry: quick(),
        ..ClientConfig::default()
    });
    let (outcome, _) = timed(client.get_profile()).await;
    assert!(outcome.is_ok(), "{outcome:?}");

    let (addr, _) = hand_written(|_| Conduct::HangUp).await;
    let strict = RetryPolicy {
        connection_errors: false,
        ..quick()
    };
    let (outcome, _) = timed(profiles(addr).get_profile().retry(strict)).await;
    assert!(matches!(outcome, Err(Error::Transport(_))), "{outcome:?}");
}

// ---- Spans ----

#[tokio::test]
async fn each_call_and_attempt_has_a_span_naming_the_operation_and_never_the_credentials() {
    use std::future::IntoFuture;
    use tracing::instrument::WithSubscriber;
    const SECRET: &str = "s3cret-key-never-logged";
    const SCRIPT: Script = &[(503, None), (200, None)];
    let used = r#"{"schemes":["key"]}"#;
    let (addr, _) = scripted(SCRIPT, used).await;
    let client = auth_per_operation::client::Client::new(&format!("http://{addr}"))
        .expect("client")
        .with_key(SECRET)
        .with_config(ClientConfig {
            retry: quick(),
            ..ClientConfig::default()
        });
    let capture = Capture::default();
    let (outcome, _) = timed(
        client
            .list_items()
            .into_future()
            .with_subscriber(capture.clone()),
    )
    .await;
    assert!(outcome.is_ok(), "{outcome:?}");

    let calls = capture.spans("call");
    assert_eq!(calls.len(), 1, "{:#?}", capture.lines());
    for field in [
        r#"operation="list_items""#,
        r#"method="GET""#,
        r#"path="/items""#,
        "status=200",
        "attempts=2",
    ] {
        assert!(calls[0].contains(field), "{field} in {}", calls[0]);
    }
    let attempts = capture.spans("attempt");
    assert_eq!(attempts.len(), 2, "{attempts:#?}");
    assert!(attempts[0].contains("attempt=1") && attempts[0].contains("status=503"));
    assert!(attempts[1].contains("attempt=2") && attempts[1].contains("status=200"));

    // A call that fails to connect: neither its spans nor its error name the key.
    let closed = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let gone = closed.local_addr().expect("address");
    drop(closed);
    let client = auth_per_operation::client::Client::new(&format!("http://{gone}"))
        .expect("client")
        .with_key(SECRET);
    let call = client.list_items().retry(RetryPolicy::never());
    let (outcome, _) = timed(call.into_future().with_subscriber(capture.clone())).await;
    let error = outcome.expect_err("nothing listens");
    assert!(!format!("{error} {error:?}").contains(SECRET), "{error:?}");
    assert!(capture.spans("call")[1].contains(r#"error="connect""#));
    let captured = capture.lines().join("\n");
    assert!(!captured.contains(SECRET), "{captured}");
}

// ---- A middleware stack ----

/// What a middleware written as a function returns: its request's outcome, to come.
type Handled<'a> = std::pin::Pin<
    Box<
        dyn std::future::Future<
                Output = reqwest_middleware::Result<specgen_runtime::reqwest::Response>,
            > + Send
            + 'a,
    >,
>;

/// A middleware that tags each request with `x-request-id: 7`.
fn tag<'a>(
    mut request: specgen_runtime::reqwest::Request,
    extensions: &'a mut http::Extensions,
    next: reqwest_middleware::Next<'a>,
) -> Handled<'a> {
    request
        .headers_mut()
        .insert("x-request-id", http::HeaderValue::from_static("7"));
    Box::pin(next.run(request, extensions))
}

/// A middleware that refuses every request.
fn refuse<'a>(
    _: specgen_runtime::reqwest::Request,
    _: &'a mut http::Extensions,
    _: reqwest_middleware::Next<'a>,
) -> Handled<'a> {
    let refused = std::io::Error::other("refused by policy");
    Box::pin(async move { Err(reqwest_middleware::Error::middleware(refused)) })
}

/// A reqwest client wrapped in `middleware`.
fn stack(
    middleware: impl reqwest_middleware::Middleware,
) -> reqwest_middleware::ClientWithMiddleware {
    reqwest_middleware::ClientBuilder::new(specgen_runtime::reqwest::Client::new())
        .with(middleware)
        .build()
}

#[tokio::test]
async fn calls_go_through_a_middleware_stack() {
    let tagged = |headers: axum::http::HeaderMap| async move {
        if headers.get("x-request-id").is_some_and(|v| v == "7") {
            (
                StatusCode::OK,
                [("content-type", "application/json")],
                PROFILE,
            )
        } else {
            (
                StatusCode::IM_A_TEAPOT,
                [("content-type", "text/plain")],
                "untagged",
            )
        }
    };
    let addr = serve(Router::new().fallback(tagged)).await;
    let client = profiles(addr).with_http_client(stack(tag));
    let (outcome, _) = timed(client.get_profile()).await;
    assert!(
        outcome.is_ok(),
        "the middleware tagged the request: {outcome:?}"
    );

    let client = profiles(addr).with_http_client(stack(refuse));
    let (outcome, _) = timed(client.get_profile()).await;
    assert!(
        matches!(&outcome, Err(Error::Middleware(e)) if e.to_string() == "refused by policy"),
        "{outcome:?}"
    );
}
