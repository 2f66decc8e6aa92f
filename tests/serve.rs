//! `specgen_runtime::server::serve` and its connection limits, on loopback: clients that send
//! their head or body too slowly are cut off, idle connections past the cap do not starve a new
//! client, and a client writing a body over the limit reads the 413. Short limits come from
//! the [`Config`], so each test takes a few seconds at most; every loop is bounded.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use specgen_runtime::server::Config;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use workspace_tests::http::{self, exchange_bytes, parse};
use workspace_tests::serve_with;

/// The LINE WORKS mock's operation, and a valid body for it.
const PATH: &str = "/lineworks/v1.0/directory/custom-fields";
const BODY: &str = r#"{"domainId":10000001,"customFieldName":"custom01","customFieldType":"LINK"}"#;

/// The head of a valid request to [`PATH`] announcing a body of `length` bytes.
fn head(length: usize) -> String {
    format!(
        "POST {PATH} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer t\r\n\
         Content-Type: application/json\r\nContent-Length: {length}\r\n\r\n"
    )
}

/// A connection to `addr` on which the head of a valid request has been sent, and none of its
/// body.
async fn headed(addr: SocketAddr) -> TcpStream {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    stream
        .write_all(head(BODY.len()).as_bytes())
        .await
        .expect("head");
    stream
}

/// Asserts that the server at `addr` answers a valid request with 201.
async fn assert_still_serving(addr: SocketAddr) {
    let reply = http::post(
        addr,
        PATH,
        Some("Bearer t"),
        Some("application/json"),
        BODY.as_bytes(),
    )
    .await;
    assert_eq!(reply.status, 201, "{reply}");
}

/// Every mock, served with `config`.
async fn mocks_with(config: Config) -> SocketAddr {
    serve_with(apis::mock_router(), config).await
}

/// Writes `bytes` on `stream` one at a time, `pause` apart, until the server stops reading
/// (closes) or all are sent; then waits for what the server sends until it closes. Returns
/// what arrived and how long after the first byte the connection was closed.
async fn drip(stream: TcpStream, bytes: &[u8], pause: Duration) -> (Vec<u8>, Duration) {
    let start = Instant::now();
    let (mut reader, mut writer) = stream.into_split();
    let bytes = bytes.to_vec();
    let writing = tokio::spawn(async move {
        for byte in bytes {
            if writer.write_all(&[byte]).await.is_err() {
                return;
            }
            tokio::time::sleep(pause).await;
        }
        // Kept open: the server must close on its own.
        std::future::pending::<()>().await;
    });
    let mut received = Vec::new();
    let read = reader.read_to_end(&mut received);
    let _ = tokio::time::timeout(Duration::from_secs(30), read).await;
    writing.abort();
    (received, start.elapsed())
}

#[tokio::test]
async fn a_head_sent_a_byte_at_a_time_is_cut_off_at_the_header_timeout() {
    let config = Config {
        header_timeout: Duration::from_millis(500),
        idle_timeout: Duration::from_secs(30),
        ..Config::default()
    };
    let addr = mocks_with(config).await;
    let stream = TcpStream::connect(addr).await.expect("connect");
    // 100 bytes of head, one every 50 ms: 5 s if the server let it.
    let endless = format!("{}X-Padding: {}", head(BODY.len()), "a".repeat(100));
    let (_, closed_after) = drip(
        stream,
        &endless.as_bytes()[..100],
        Duration::from_millis(50),
    )
    .await;
    assert!(
        closed_after < Duration::from_secs(4),
        "closed after {closed_after:?}"
    );
    // The server goes on serving.
    assert_still_serving(addr).await;
}

#[tokio::test]
async fn a_body_that_stops_or_drips_is_cut_off_with_408() {
    let config = Config {
        body_timeout: Duration::from_millis(300),
        request_timeout: Duration::from_secs(1),
        ..Config::default()
    };
    let addr = mocks_with(config).await;

    // A pause longer than the body timeout.
    let stream = headed(addr).await;
    let (received, closed_after) = drip(stream, BODY.as_bytes(), Duration::from_secs(1)).await;
    let reply = parse(&received).expect("an answer");
    reply.problem(408);
    assert_eq!(reply.header("connection"), Some("close"), "{reply}");
    assert!(closed_after < Duration::from_secs(5), "{closed_after:?}");

    // Bytes coming often enough, but the whole body slower than the request timeout.
    let stream = headed(addr).await;
    let (received, closed_after) = drip(stream, BODY.as_bytes(), Duration::from_millis(100)).await;
    let reply = parse(&received).expect("an answer");
    assert_eq!(reply.status, 408, "{reply}");
    assert!(closed_after < Duration::from_secs(5), "{closed_after:?}");

    assert_still_serving(addr).await;
}

#[tokio::test]
async fn idle_connections_past_the_cap_wait_and_do_not_starve_a_new_client() {
    const CAP: usize = 4;
    let config = Config {
        max_connections: CAP,
        idle_timeout: Duration::from_millis(500),
        ..Config::default()
    };
    let addr = mocks_with(config).await;
    // Twice the cap of clients that connect and send nothing: the first take every place,
    // the rest wait in the accept queue.
    let mut idle = Vec::new();
    for _ in 0..2 * CAP {
        idle.push(TcpStream::connect(addr).await.expect("connect"));
    }
    let start = Instant::now();
    assert_still_serving(addr).await;
    let waited = start.elapsed();
    // Two rounds of idle clients are closed before it gets a place.
    assert!(
        waited >= Duration::from_millis(500),
        "no wait: {waited:?}, the cap is not kept"
    );
    assert!(
        waited < Duration::from_secs(10),
        "answered after {waited:?}"
    );
    // The idle ones were closed by the server.
    for mut stream in idle {
        let mut byte = [0_u8; 1];
        let read = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut byte)).await;
        assert!(matches!(read, Ok(Ok(0) | Err(_))), "{read:?}");
    }
}

/// A JSON body of `size` bytes for [`PATH`] (a valid document padded with spaces).
fn padded_body(size: usize) -> Vec<u8> {
    let mut body = BODY.as_bytes().to_vec();
    body.resize(size, b' ');
    body
}

#[tokio::test]
async fn a_client_writing_a_body_over_the_limit_reads_the_413() {
    let addr = mocks_with(Config::default()).await;
    let body = padded_body(5 * 1024 * 1024);
    for attempt in 0..20 {
        // Raw, writing while reading.
        let mut bytes = head(body.len()).into_bytes();
        bytes.extend_from_slice(&body);
        let received = exchange_bytes(addr, bytes, false).await;
        let reply = parse(&received).unwrap_or_else(|| {
            panic!(
                "attempt {attempt}: no answer in {:?}",
                String::from_utf8_lossy(&received)
            )
        });
        reply.problem(413);
        assert_eq!(reply.header("connection"), Some("close"), "{reply}");
    }
    let client = specgen_runtime::reqwest::Client::new();
    for attempt in 0..20 {
        let answer = client
            .post(format!("http://{addr}{PATH}"))
            .header("Authorization", "Bearer t")
            .header("Content-Type", "application/json")
            .body(body.clone())
            .send()
            .await
            .unwrap_or_else(|e| panic!("attempt {attempt}: {e:?}"));
        assert_eq!(answer.status(), 413, "attempt {attempt}");
    }
}

#[tokio::test]
async fn each_request_has_a_span_with_its_method_path_and_status_and_never_its_credentials() {
    const SECRET: &str = "s3cret-never-recorded";
    // Global: the server's connections run in tasks of their own. Other tests of this file
    // add their spans too; this one's path is its own.
    let capture = workspace_tests::capture::Capture::global();
    let addr = mocks_with(Config::default()).await;
    let path = format!("{PATH}?traced=1&key={SECRET}");
    let bearer = format!("Bearer {SECRET}");
    let reply = http::post(
        addr,
        &path,
        Some(&bearer),
        Some("application/json"),
        BODY.as_bytes(),
    )
    .await;
    assert_eq!(reply.status, 201, "{reply}");
    let unauthorized = http::post(addr, &path, None, Some("application/json"), b"{}").await;
    assert_eq!(unauthorized.status, 401, "{unauthorized}");

    let ours: Vec<String> = capture
        .spans("request")
        .into_iter()
        .filter(|span| span.contains(&format!(r#"path="{PATH}""#)))
        .collect();
    let statuses: Vec<bool> = [201, 401]
        .iter()
        .map(|status| {
            ours.iter().any(|span| {
                span.contains(r#"method="POST""#) && span.contains(&format!("status={status}"))
            })
        })
        .collect();
    assert_eq!(statuses, [true, true], "{ours:#?}");
    let captured = capture.lines().join("\n");
    assert!(!captured.contains(SECRET), "{captured}");
}
