//! The requests both routers are driven with: each endpoint's documented example, with a token.

use axum::body::{Body, Bytes};
use axum::http::Request;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};

use crate::seeds::{Lineworks, Seed, Yandex360};

/// One valid request, ready to be sent any number of times.
#[derive(Debug, Clone)]
pub struct Endpoint {
    uri: &'static str,
    authorization: &'static str,
    body: Bytes,
}

impl Endpoint {
    /// LINE WORKS: register a custom field.
    pub fn lineworks() -> Self {
        Endpoint {
            uri: "/v1.0/directory/custom-fields",
            authorization: "Bearer token",
            body: Lineworks::body().into(),
        }
    }

    /// Yandex 360: add an external contact.
    pub fn yandex360() -> Self {
        Endpoint {
            uri: "/directory/v1/org/1234567/external_contacts",
            authorization: "OAuth token",
            body: Yandex360::body().into(),
        }
    }

    /// The request, with `body` in place of the documented example.
    pub fn with_body(&self, body: impl Into<Bytes>) -> Self {
        Endpoint {
            body: body.into(),
            ..self.clone()
        }
    }

    /// The request as HTTP/1.1 bytes, its path under `prefix` (`/lineworks` on the mock
    /// server, which serves each service under its name), for a client writing to a socket.
    pub fn wire(&self, prefix: &str) -> Vec<u8> {
        let head = format!(
            "POST {prefix}{} HTTP/1.1\r\nHost: localhost\r\n{AUTHORIZATION}: {}\r\n\
             {CONTENT_TYPE}: application/json\r\ncontent-length: {}\r\n\r\n",
            self.uri,
            self.authorization,
            self.body.len()
        );
        [head.as_bytes(), &self.body].concat()
    }

    /// The request (the body is shared, not copied).
    pub fn request(&self) -> Request<Body> {
        Request::post(self.uri)
            .header(AUTHORIZATION, self.authorization)
            .header(CONTENT_TYPE, "application/json")
            .body(Body::from(self.body.clone()))
            .expect("a well-formed request")
    }
}
