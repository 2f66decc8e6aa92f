//! What can go wrong in a call, apart from a documented error status (those are typed
//! variants of the operation's response).

use bytes::Bytes;
use reqwest::StatusCode;

use crate::wire::InvalidInput;

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
    /// The request did not get an answer (connection, TLS, timeout).
    #[error("the request failed: {0}")]
    Transport(#[from] reqwest::Error),
    /// The server answered with a status the spec does not document.
    #[error("the server answered with undocumented status {status}")]
    UnexpectedStatus {
        /// The status.
        status: StatusCode,
        /// The raw body.
        body: Bytes,
    },
    /// The server answered with a documented status, but its body does not decode.
    #[error("the {status} answer's body does not decode: {message}")]
    UndecodableBody {
        /// The status.
        status: StatusCode,
        /// Why decoding failed.
        message: String,
        /// The raw body.
        body: Bytes,
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

impl Error {
    /// The status of the answer, when there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::UnexpectedStatus { status, .. }
            | Error::UndecodableBody { status, .. }
            | Error::UndecodableHeader { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The raw body of the answer, when there was one.
    pub fn body(&self) -> Option<&[u8]> {
        match self {
            Error::UnexpectedStatus { body, .. } | Error::UndecodableBody { body, .. } => {
                Some(body)
            }
            _ => None,
        }
    }
}
