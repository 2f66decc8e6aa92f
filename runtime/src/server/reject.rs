//! Requests a router turns away before the implementation sees them, and how each
//! operation words its answer.

use axum::http::header::{CONTENT_TYPE, WWW_AUTHENTICATE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::wire::InvalidInput;

/// Why a request was turned away: its status, a one-line reason, and every failing input.
#[derive(Debug, Clone)]
pub struct Rejection {
    status: StatusCode,
    detail: String,
    errors: InvalidInput,
    /// For a 403: the OAuth2 scopes the token lacks one of.
    scopes: &'static [&'static str],
}

impl Rejection {
    /// A rejection with `status` and a reason; client errors only (a 5xx becomes 400).
    pub fn new(status: StatusCode, detail: impl Into<String>) -> Self {
        let status = if status.is_client_error() {
            status
        } else {
            StatusCode::BAD_REQUEST
        };
        Rejection {
            status,
            detail: detail.into(),
            errors: InvalidInput::new(),
            scopes: &[],
        }
    }

    /// 400 for inputs that break the spec, naming each of them (the first
    /// [`InvalidInput::limit`]; the detail counts them all).
    pub fn invalid(errors: InvalidInput) -> Self {
        let detail = match (errors.total(), errors.errors().len()) {
            (1, _) => "1 input breaks the spec".to_owned(),
            (total, listed) if listed < total => {
                format!("{total} inputs break the spec; the first {listed} are listed")
            }
            (total, _) => format!("{total} inputs break the spec"),
        };
        Rejection {
            status: StatusCode::BAD_REQUEST,
            detail,
            errors,
            scopes: &[],
        }
    }

    /// 401 for a missing or malformed credential.
    pub fn unauthorized(detail: impl Into<String>) -> Self {
        Rejection::new(StatusCode::UNAUTHORIZED, detail)
    }

    /// 403 for a token that does not grant every one of `scopes`, the OAuth2 scopes the
    /// operation needs (RFC 6750, 3.1: `insufficient_scope`).
    pub fn forbidden(scopes: &'static [&'static str]) -> Self {
        Rejection {
            scopes,
            ..Rejection::new(
                StatusCode::FORBIDDEN,
                format!("the token does not grant the scopes {}", scopes.join(", ")),
            )
        }
    }

    /// The status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Why, in one line.
    pub fn detail(&self) -> &str {
        &self.detail
    }

    /// The failing inputs, by location and JSON pointer (the first
    /// [`InvalidInput::limit`] of [`InvalidInput::total`]).
    pub fn errors(&self) -> &InvalidInput {
        &self.errors
    }

    /// The answer: the operation's documented body for this status if it has one, else an
    /// RFC 9457 problem document.
    pub fn into_response(self, answers: &Answers) -> Response {
        let template = match self.status {
            StatusCode::BAD_REQUEST => answers.invalid.as_ref(),
            StatusCode::UNAUTHORIZED => answers.unauthorized.as_ref(),
            StatusCode::FORBIDDEN => answers.forbidden.as_ref(),
            _ => None,
        };
        let mut response = match template {
            Some(Template::Json(fill)) => {
                let body = fill(&self);
                (
                    self.status,
                    [(CONTENT_TYPE, "application/json")],
                    body.to_string(),
                )
                    .into_response()
            }
            Some(Template::Text(text)) => (
                self.status,
                [(CONTENT_TYPE, "text/plain; charset=utf-8")],
                *text,
            )
                .into_response(),
            None => self.problem(),
        };
        if let Some(challenge) = self.challenge(answers) {
            response.headers_mut().insert(WWW_AUTHENTICATE, challenge);
        }
        response
    }

    /// The `WWW-Authenticate` header of a 401 (the scheme's word), or of a 403 for missing
    /// scopes (with `error="insufficient_scope"` and the scopes needed).
    fn challenge(&self, answers: &Answers) -> Option<HeaderValue> {
        let scheme = answers.challenge?;
        match self.status {
            StatusCode::UNAUTHORIZED => Some(HeaderValue::from_static(scheme)),
            StatusCode::FORBIDDEN if !self.scopes.is_empty() => {
                let scopes = self.scopes.join(" ");
                let value = format!(r#"{scheme} error="insufficient_scope", scope="{scopes}""#);
                HeaderValue::from_str(&value).ok()
            }
            _ => None,
        }
    }

    fn problem(&self) -> Response {
        #[derive(Serialize)]
        struct Problem<'a> {
            r#type: &'static str,
            title: &'static str,
            status: u16,
            detail: &'a str,
            #[serde(skip_serializing_if = "InvalidInput::is_empty")]
            errors: &'a InvalidInput,
            /// How many inputs fail, those not listed in `errors` included.
            #[serde(skip_serializing_if = "Option::is_none")]
            total: Option<usize>,
        }
        let body = Problem {
            r#type: "about:blank",
            title: self.status.canonical_reason().unwrap_or("Client Error"),
            status: self.status.as_u16(),
            detail: &self.detail,
            errors: &self.errors,
            total: (!self.errors.is_empty()).then(|| self.errors.total()),
        };
        let json = serde_json::to_string(&body).unwrap_or_default();
        (
            self.status,
            [(CONTENT_TYPE, "application/problem+json")],
            json,
        )
            .into_response()
    }
}

/// How an operation answers the requests its router turns away, where its spec documents
/// the body of that status.
#[derive(Debug, Clone, Copy)]
pub struct Answers {
    /// The documented 400 body, for invalid input.
    pub invalid: Option<Template>,
    /// The documented 401 body, for a missing or malformed credential.
    pub unauthorized: Option<Template>,
    /// The documented 403 body, for a token without the scopes the operation needs.
    pub forbidden: Option<Template>,
    /// The `WWW-Authenticate` challenge sent with a 401 and a 403 (`Bearer`, `OAuth`).
    pub challenge: Option<&'static str>,
}

impl Answers {
    /// Problem documents for everything.
    pub const NONE: Answers = Answers {
        invalid: None,
        unauthorized: None,
        forbidden: None,
        challenge: None,
    };
}

/// A documented body for a rejection.
#[derive(Debug, Clone, Copy)]
pub enum Template {
    /// A JSON body built from the rejection (its detail and its errors).
    Json(fn(&Rejection) -> serde_json::Value),
    /// A fixed text body.
    Text(&'static str),
}
