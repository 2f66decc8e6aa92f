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

use axum::Extension;
use axum::Router;
use axum::extract::DefaultBodyLimit;

/// The limits of a generated router: pass it to a generated `router_with`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// The largest request body accepted, in bytes; a larger one gets 413. Default 2 MiB.
    pub body_limit: usize,
    /// The most failing inputs a 400 lists; the answer counts them all (`total`, and its
    /// detail). Default 100.
    pub max_errors: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            body_limit: 2 * 1024 * 1024,
            max_errors: crate::ValidationErrors::DEFAULT_LIMIT,
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
