//! What generated servers share: reading and checking a request ([`Input`]), answering
//! with a typed response ([`respond`]), and rejecting bad requests ([`Rejection`]).
//!
//! A generated server is a trait with one method per operation and a function building an
//! [`axum::Router`] over any implementation; each route reads its input with [`Input`],
//! calls the implementation, and encodes the answer with [`respond`].

mod body;
mod exchange;
mod files;
mod input;
mod reject;
pub mod respond;
mod serve;

pub use body::Body;
pub use files::Files;
pub use input::{Credentials, Input, PathArgs};
pub use reject::{Answers, Rejection, Template};
pub use serve::{serve, serve_until, shutdown_signal};

use std::time::Duration;

use axum::Extension;
use axum::Router;
use axum::extract::DefaultBodyLimit;

/// The limits of a generated server, in one place: what the router checks of each request
/// ([`body_limit`](Config::body_limit), [`max_errors`](Config::max_errors); pass it to a
/// generated `router_with`), and what [`serve`] enforces on connections (the timeouts, the
/// connection cap, draining, shutdown). Pass the same `Config` to both.
///
/// ```
/// use std::time::Duration;
/// use specgen_runtime::server::Config;
///
/// let config = Config {
///     body_limit: 512 * 1024,
///     header_timeout: Duration::from_secs(5),
///     ..Config::default()
/// };
/// # let _ = config;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// The largest request body accepted, in bytes; a larger one gets 413. Default 2 MiB.
    pub body_limit: usize,
    /// The most failing inputs a 400 lists; the answer counts them all (`total`, and its
    /// detail). Default 100.
    pub max_errors: usize,
    /// How long a connection has to send a request's head (request line and headers), from
    /// when it is ready for one: accepted, or its previous answer sent (hyper's head timer).
    /// Past it the connection is closed. Default 10 s.
    pub header_timeout: Duration,
    /// The longest wait for the next bytes of a request body; past it the body is cut and
    /// the answer is 408. Default 10 s.
    pub body_timeout: Duration,
    /// The longest from a request's head to its answer's head, reading the body included;
    /// past it the answer is 408. Default 60 s: an implementation slower than that, or a
    /// streamed upload that takes longer, needs a larger one.
    pub request_timeout: Duration,
    /// How long a connection may stay silent with no request in flight (a kept-alive
    /// connection waiting for its next request) before it is closed, freeing its place
    /// under [`max_connections`](Config::max_connections). It is looked at once every
    /// `idle_timeout`, so a silent connection closes between one and two of them after its
    /// last byte (no clock is read per read or write). The head timer also runs while a
    /// connection waits, so a silent connection is closed after the shorter of the two.
    /// Default 5 s.
    pub idle_timeout: Duration,
    /// The most connections served at once. Past it, new connections wait in the
    /// listener's accept queue (the kernel's backlog) until one closes; keep it below the
    /// process's open-file limit. Default 512.
    pub max_connections: usize,
    /// How much of a body the server reads and drops before an early answer (413, 401,
    /// 415, any answer given before the body was read), within
    /// [`body_timeout`](Config::body_timeout), so the client, still writing, sees the answer
    /// rather than a reset connection. Such answers close the connection. Default 4 MiB.
    pub drain_limit: usize,
    /// After a shutdown signal, how long requests in flight have to finish before
    /// [`serve`] returns anyway. Default 10 s.
    pub shutdown_timeout: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            body_limit: 2 * 1024 * 1024,
            max_errors: crate::ValidationErrors::DEFAULT_LIMIT,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(60),
            idle_timeout: Duration::from_secs(5),
            max_connections: 512,
            drain_limit: 4 * 1024 * 1024,
            shutdown_timeout: Duration::from_secs(10),
        }
    }
}

impl Config {
    /// `router` with the limits it checks of every request: the body limit, and how many
    /// failing inputs a 400 lists. Generated `router_with` functions call it.
    pub fn apply_to<S: Clone + Send + Sync + 'static>(self, router: Router<S>) -> Router<S> {
        router
            .layer(DefaultBodyLimit::max(self.body_limit))
            .layer(Extension(self))
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

/// For mocks: which of the documented examples answers a request with `params`, given each
/// example's parameters (a JSON object, as the generated types write them): the one whose
/// parameters all equal the request's, the one naming the most where several do (the first
/// of those); the first example when none does.
pub fn example_for<P: serde::Serialize>(params: &P, examples: &[&str]) -> usize {
    let asked = serde_json::to_value(params).unwrap_or_default();
    examples
        .iter()
        .enumerate()
        .filter_map(|(i, shown)| {
            let shown: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(shown).ok()?;
            let all = shown
                .iter()
                .all(|(name, value)| asked.get(name) == Some(value));
            all.then_some((shown.len(), std::cmp::Reverse(i)))
        })
        .max()
        .map_or(0, |(_, std::cmp::Reverse(i))| i)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct Params {
        owner: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        page: Option<i32>,
        per_page: i32,
    }

    #[test]
    fn the_example_naming_the_most_equal_parameters_answers() {
        let examples = [
            r#"{"owner": "octo", "per_page": 2}"#,
            r#"{"owner": "octo", "page": 2, "per_page": 2}"#,
            r#"{"page": 2}"#,
            r#"{"owner": "octo", "page": 3, "per_page": 2}"#,
        ];
        let asked = |page, per_page| {
            let params = Params {
                owner: "octo",
                page,
                per_page,
            };
            example_for(&params, &examples)
        };
        assert_eq!(asked(None, 2), 0);
        assert_eq!(asked(Some(2), 2), 1, "three equal beat two and one");
        assert_eq!(asked(Some(2), 5), 2);
        assert_eq!(asked(Some(3), 2), 3);
        assert_eq!(asked(Some(4), 2), 0, "none equal: the first");
        assert_eq!(asked(None, 7), 0, "none equal: the first");
        assert_eq!(
            example_for(
                &Params {
                    owner: "o",
                    page: None,
                    per_page: 1
                },
                &["{}", "{}"]
            ),
            0
        );
    }
}
