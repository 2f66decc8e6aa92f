//! The spans of a client's calls (`tracing`). One `call` span per call (INFO): the
//! operation's name, the method, the path template, and how the call ended (`status`, or
//! `error`, the kind of failure) after how many `attempts`; inside it one `attempt` span per
//! time the call is sent (DEBUG), with its number and how it ended, and a DEBUG event before
//! each wait to send again. Nothing else of a request is recorded: no URL (a credential may
//! travel in the query), no header, no body, no error text (it may quote the server).

use std::time::Duration;

use reqwest::{Method, StatusCode};
use tracing::Span;
use tracing::field::Empty;

use super::{Error, Operation};

/// The span of a call of `operation` with `method`.
pub(super) fn call(operation: Operation, method: &Method) -> Span {
    tracing::info_span!(
        "call",
        operation = operation.name,
        method = method.as_str(),
        path = operation.path,
        status = Empty,
        error = Empty,
        attempts = Empty,
    )
}

/// The span of attempt `number` (from 1) of a call.
pub(super) fn attempt(number: u32) -> Span {
    tracing::debug_span!("attempt", attempt = number, status = Empty, error = Empty)
}

/// Records on `span` how a call or an attempt ended: the status of its answer, or the kind
/// of its error.
pub(super) fn ended(span: &Span, outcome: Result<StatusCode, &Error>) {
    match outcome {
        Ok(status) => span.record("status", status.as_u16()),
        Err(error) => span.record("error", kind(error)),
    };
}

/// Tells that attempt `number` is followed by another after `wait`.
pub(super) fn waiting(number: u32, wait: Duration) {
    tracing::debug!(
        attempt = number,
        wait_ms = wait.as_millis() as u64,
        "sending the call again"
    );
}

/// What kind of failure `error` is, in words that quote nothing of the request or answer.
fn kind(error: &Error) -> &'static str {
    match error {
        Error::BaseUrl(_) => "base URL",
        Error::Invalid(_) => "invalid request",
        Error::Encode(_) => "unencodable request",
        Error::Credentials(_) => "missing credentials",
        Error::Pages(_) => "pages",
        Error::Transport(e) if e.is_connect() => "connect",
        Error::Transport(_) => "transport",
        Error::Middleware(_) => "middleware",
        Error::Timeout { .. } => "timeout",
        Error::TooLarge { .. } => "too large",
        Error::UnexpectedStatus { .. } => "unexpected status",
        Error::UndecodableBody { .. } => "undecodable body",
        Error::UndecodableHeader { .. } => "undecodable header",
    }
}
