//! What generated servers share: reading and checking a request ([`Input`]), answering
//! with a typed response ([`respond`]), and rejecting bad requests ([`Rejection`]).
//!
//! A generated server is a trait with one method per operation and a function building an
//! [`axum::Router`] over any implementation; each route reads its input with [`Input`],
//! calls the implementation, and encodes the answer with [`respond`].

mod body;
mod files;
mod input;
mod reject;
pub mod respond;

pub use body::Body;
pub use files::Files;
pub use input::{Credentials, Input, PathArgs};
pub use reject::{Answers, Rejection, Template};

/// Settings of a generated router.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// The largest request body accepted, in bytes; a larger one gets 413. Default 2 MiB.
    pub body_limit: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            body_limit: 2 * 1024 * 1024,
        }
    }
}

/// The largest streamed request body a route reads, in bytes: the spec's `max_bytes` for the
/// route, else the router's [`Config::body_limit`]. Generated routers set it on the routes
/// that stream their body, as a request extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StreamLimit(pub u64);

impl Default for StreamLimit {
    fn default() -> Self {
        StreamLimit(Config::default().body_limit as u64)
    }
}

/// A documented example as a model value, for mocks. The example was checked against the
/// spec when the code was generated, so it always decodes.
pub fn example<T: serde::de::DeserializeOwned>(json: &'static str) -> T {
    serde_json::from_str(json).expect("specgen checked this example against the spec")
}

/// A documented example of a stream of items (a JSON list), as the stream, for mocks.
pub fn example_items<T>(json: &'static str) -> crate::ItemStream<T>
where
    T: serde::de::DeserializeOwned + Send + 'static,
{
    crate::ItemStream::from_items(example::<Vec<T>>(json))
}

/// A documented example of a stream of events (a JSON list of their items), as the stream,
/// for mocks.
pub fn example_events<T>(json: &'static str) -> crate::ItemStream<crate::Event<T>>
where
    T: serde::de::DeserializeOwned + Send + 'static,
{
    crate::ItemStream::from_items(example::<Vec<T>>(json).into_iter().map(crate::Event::new))
}

/// The answer to a path no operation has.
pub async fn not_found() -> axum::response::Response {
    Rejection::new(
        axum::http::StatusCode::NOT_FOUND,
        "no operation has this path",
    )
    .into_response(&Answers::NONE)
}

/// The answer to a method the path's operations do not take.
pub async fn method_not_allowed() -> axum::response::Response {
    Rejection::new(
        axum::http::StatusCode::METHOD_NOT_ALLOWED,
        "no operation at this path takes this method",
    )
    .into_response(&Answers::NONE)
}

/// A route serving a service's OpenAPI document (`GET`, `application/json`).
pub fn openapi_document(json: &'static str) -> axum::routing::MethodRouter {
    axum::routing::get(move || async move {
        (
            [(axum::http::header::CONTENT_TYPE, "application/json")],
            json,
        )
    })
}
