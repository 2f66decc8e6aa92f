//! Raw HTTP/1.1 on a loopback socket, for the tests that bypass the generated clients: a
//! request is written byte for byte, and the response (status line, headers, a body by
//! `Content-Length`, chunked, or up to the end) is parsed from what arrives. Every exchange is
//! bounded in time ([`TIMEOUT`]) and in size ([`MAX_RESPONSE`]).

use std::net::SocketAddr;
use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// How long one exchange may take before the test fails instead of hanging.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// The most bytes read from one connection; a server sending more fails the test.
pub const MAX_RESPONSE: usize = 16 * 1024 * 1024;

/// A response as read off the socket.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    /// The first value of header `name` (any letter case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The `Content-Type`, or `""` when there is none.
    pub fn content_type(&self) -> &str {
        self.header("content-type").unwrap_or("")
    }

    /// The body as text (lossy).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON; fails the test, showing the response, when it is not.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("the body is not JSON ({e}): {self}"))
    }

    /// `(in, pointer, code)` of every entry of the error list at `key` of the JSON body
    /// (`errors` in a problem document, `details` in Yandex's template).
    pub fn entries(&self, key: &str) -> Vec<(String, String, String)> {
        let body = self.json();
        let Some(list) = body[key].as_array() else {
            panic!("no `{key}` list in {self}");
        };
        list.iter()
            .map(|e| {
                let field = |name: &str| e[name].as_str().unwrap_or("<missing>").to_owned();
                (field("in"), field("pointer"), field("code"))
            })
            .collect()
    }

    /// Asserts an RFC 9457 problem document with `status`, and returns it.
    pub fn problem(&self, status: u16) -> Value {
        assert_eq!(self.status, status, "{self}");
        assert_eq!(self.content_type(), "application/problem+json", "{self}");
        let problem = self.json();
        assert_eq!(problem["status"], status, "{self}");
        assert_eq!(problem["type"], "about:blank", "{self}");
        assert!(problem["title"].is_string(), "{self}");
        assert!(problem["detail"].is_string(), "{self}");
        problem
    }
}

impl std::fmt::Display for Reply {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HTTP {} {:?} {}", self.status, self.headers, self.text())
    }
}

/// The bytes of an HTTP/1.1 request: the request line, `Host`, `Connection: close`, the
/// given headers as they are, and `Content-Length` when there is a body or the method is
/// `POST`.
pub fn request(method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut head =
        format!("{method} {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if !body.is_empty() || method == "POST" {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// Writes `bytes` on a new connection (then, with `half_close`, shuts down the sending side)
/// and reads until the server closes it. Writing runs alongside reading, so an answer sent
/// before the whole request was read (413) is heard; a write error, or a read error after
/// the answer, is not the test's concern: what arrived is returned.
pub async fn exchange_bytes(addr: SocketAddr, bytes: Vec<u8>, half_close: bool) -> Vec<u8> {
    let exchange = async {
        let stream = TcpStream::connect(addr).await.expect("connect");
        let (mut reader, mut writer) = stream.into_split();
        let write = tokio::spawn(async move {
            if writer.write_all(&bytes).await.is_ok() && half_close {
                let _ = writer.shutdown().await;
            }
            writer
        });
        let mut received = Vec::new();
        let mut chunk = vec![0_u8; 64 * 1024];
        while let Ok(n @ 1..) = reader.read(&mut chunk).await {
            received.extend_from_slice(&chunk[..n]);
            assert!(
                received.len() <= MAX_RESPONSE,
                "the server sent more than {MAX_RESPONSE} bytes"
            );
        }
        drop(write.await);
        received
    };
    tokio::time::timeout(TIMEOUT, exchange)
        .await
        .expect("the server did not answer in time")
}

/// Sends `bytes` and parses the one response; fails the test when there is none (a
/// connection closed without an answer is what a panicking handler looks like).
pub async fn exchange(addr: SocketAddr, bytes: Vec<u8>) -> Reply {
    let received = exchange_bytes(addr, bytes, false).await;
    parse(&received).unwrap_or_else(|| {
        panic!(
            "no complete HTTP response; received {:?}",
            String::from_utf8_lossy(&received)
        )
    })
}

/// Parses one response: status line, headers, and the body by `Content-Length` (or chunked,
/// or up to the end). `None` when the bytes do not hold a complete response.
pub fn parse(bytes: &[u8]) -> Option<Reply> {
    let end = bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&bytes[..end]).ok()?;
    let rest = &bytes[end + 4..];
    let mut lines = head.split("\r\n");
    let mut status_line = lines.next()?.splitn(3, ' ');
    if !status_line.next()?.starts_with("HTTP/1.") {
        return None;
    }
    let status = status_line.next()?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .map(|line| {
            let (name, value) = line.split_once(':').unwrap_or((line, ""));
            (name.trim().to_owned(), value.trim().to_owned())
        })
        .collect();
    let find = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    let body = if let Some(length) = find("content-length") {
        let length: usize = length.parse().ok()?;
        rest.get(..length)?.to_vec()
    } else if find("transfer-encoding").is_some_and(|t| t.eq_ignore_ascii_case("chunked")) {
        dechunk(rest)?
    } else {
        rest.to_vec()
    };
    Some(Reply {
        status,
        headers,
        body,
    })
}

/// The body of a chunked message; `None` until the last chunk has arrived.
pub fn dechunk(mut bytes: &[u8]) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let line_end = bytes.windows(2).position(|w| w == b"\r\n")?;
        let size = std::str::from_utf8(&bytes[..line_end]).ok()?;
        let size = usize::from_str_radix(size.split(';').next()?.trim(), 16).ok()?;
        bytes = &bytes[line_end + 2..];
        if size == 0 {
            return Some(body);
        }
        body.extend_from_slice(bytes.get(..size)?);
        bytes = bytes.get(size + 2..)?;
    }
}

/// `POST path` with an optional `Authorization` value, an optional `Content-Type`, and `body`.
pub async fn post(
    addr: SocketAddr,
    path: &str,
    authorization: Option<&str>,
    content_type: Option<&str>,
    body: &[u8],
) -> Reply {
    let mut headers = Vec::new();
    if let Some(value) = authorization {
        headers.push(("Authorization", value));
    }
    if let Some(value) = content_type {
        headers.push(("Content-Type", value));
    }
    exchange(addr, request("POST", path, &headers, body)).await
}

/// A chunked request: `head` (request line and headers, without the blank line), then
/// `body` in chunks of `chunk` bytes.
pub fn chunked(head: &str, body: &[u8], chunk: usize) -> Vec<u8> {
    let mut bytes = format!("{head}Transfer-Encoding: chunked\r\n\r\n").into_bytes();
    for piece in body.chunks(chunk) {
        bytes.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
        bytes.extend_from_slice(piece);
        bytes.extend_from_slice(b"\r\n");
    }
    bytes.extend_from_slice(b"0\r\n\r\n");
    bytes
}
