//! What can go wrong in a call, apart from a documented error status (those are typed
//! variants of the operation's response).

use std::time::Duration;

use bytes::Bytes;
use reqwest::StatusCode;

use crate::stream::BoxError;
use crate::wire::InvalidInput;

/// The most of an answer's body an error keeps ([`Error::UnexpectedStatus`],
/// [`Error::UndecodableBody`]): enough to read what a server said, never the whole of a large
/// body kept alive in an error value.
pub const MAX_ERROR_BODY: usize = 4 << 10;

/// Why a call produced no documented answer.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The base URL is not an absolute http(s) URL.
    #[error("`{0}` is not an http(s) base URL")]
    BaseUrl(String),
    /// The request breaks the spec; nothing was sent.
    #[error("the request breaks the spec; nothing was sent:\n{0}")]
    Invalid(InvalidInput),
    /// The request could not be encoded (a file in a JSON body, a `..` path parameter).
    #[error("the request cannot be encoded: {0}")]
    Encode(String),
    /// The operation needs credentials the client was not given; nothing was sent.
    #[error("{0}; nothing was sent")]
    Credentials(String),
    /// A paged call got a documented answer that is not a page (its status), a next page
    /// that is the one just read, or a `Link` to a next page away from the base URL (which is
    /// not followed).
    #[error("the pages end with: {0}")]
    Pages(String),
    /// The request did not get an answer (connection, TLS, a timeout of your own
    /// `reqwest::Client`). The error names no URL, so a credential sent in the query never
    /// reaches a log through it.
    #[error("the request failed: {0}")]
    Transport(#[source] reqwest::Error),
    /// A middleware of the client's stack failed the request.
    #[error("a middleware failed the request: {0}")]
    Middleware(BoxError),
    /// The call did not end within its timeout (the client's, or the call's own
    /// `.timeout(…)`): no answer yet, or its body still arriving. Nothing more is read.
    #[error("the call did not end within {after:?}")]
    Timeout {
        /// The timeout.
        after: Duration,
    },
    /// The answer's body is longer than the client's limit: announced so by its
    /// `Content-Length` (nothing of it is read), or found so while reading (nothing past the
    /// limit is kept).
    #[error("the {status} answer's body is over the limit of {limit} bytes")]
    TooLarge {
        /// The status.
        status: StatusCode,
        /// The limit, in bytes.
        limit: u64,
    },
    /// The server answered with a status the spec does not document.
    #[error("the server answered with undocumented status {status} ({length} bytes of body)")]
    UnexpectedStatus {
        /// The status.
        status: StatusCode,
        /// The body's first bytes, at most [`MAX_ERROR_BODY`].
        body: Bytes,
        /// How long the whole body was, in bytes.
        length: usize,
    },
    /// The server answered with a documented status, but its body does not decode.
    #[error("the {status} answer's body ({length} bytes) does not decode: {message}")]
    UndecodableBody {
        /// The status.
        status: StatusCode,
        /// Why decoding failed.
        message: String,
        /// The body's first bytes, at most [`MAX_ERROR_BODY`].
        body: Bytes,
        /// How long the whole body was, in bytes.
        length: usize,
    },
    /// The server answered with a documented status, but a documented header is missing or
    /// does not decode.
    #[error("the {status} answer's `{name}` header {message}")]
    UndecodableHeader {
        /// The status.
        status: StatusCode,
        /// The header.
        name: &'static str,
        /// What is wrong, without quoting the value.
        message: String,
    },
}

impl From<reqwest::Error> for Error {
    fn from(error: reqwest::Error) -> Self {
        Error::Transport(error.without_url())
    }
}

impl Error {
    /// The status of the answer, when there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::UnexpectedStatus { status, .. }
            | Error::UndecodableBody { status, .. }
            | Error::UndecodableHeader { status, .. }
            | Error::TooLarge { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The first bytes of the answer's body (at most [`MAX_ERROR_BODY`]), when there was one.
    pub fn body(&self) -> Option<&[u8]> {
        match self {
            Error::UnexpectedStatus { body, .. } | Error::UndecodableBody { body, .. } => {
                Some(body)
            }
            _ => None,
        }
    }
}

/// The first bytes of `body` an error keeps, copied so the rest of it can be freed.
pub(super) fn excerpt(body: &[u8]) -> Bytes {
    Bytes::copy_from_slice(&body[..body.len().min(MAX_ERROR_BODY)])
}
