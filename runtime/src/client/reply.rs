//! An answer whose body is not read yet: a streamed answer is handed over as it comes, any
//! other is read whole into an [`Answer`].

use std::time::Duration;

use bytes::BytesMut;
use futures_util::stream::{self, Stream, StreamExt, TryStreamExt};
use serde::de::DeserializeOwned;

use super::call::Deadline;
use super::{Answer, Error, read_header};
use crate::Event;
use crate::stream::{ByteStream, ItemStream, StreamError, events, lines};
use crate::wire::Kind;

/// How the body of an answer is read: whole by its call's deadline and within a size limit,
/// or as a stream that may pause for at most `read_timeout`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    pub(super) deadline: Deadline,
    pub(super) max_bytes: u64,
    pub(super) read_timeout: Duration,
}

/// A status and headers, with the body still on the wire.
#[derive(Debug)]
pub struct Reply {
    response: reqwest::Response,
    limits: Limits,
}

impl Reply {
    pub(super) fn new(response: reqwest::Response, limits: Limits) -> Self {
        Reply { response, limits }
    }

    /// The status code as a number.
    pub fn status_code(&self) -> u16 {
        self.response.status().as_u16()
    }

    /// A documented header's value (see [`Answer::header`]).
    pub fn header<T: DeserializeOwned>(
        &self,
        name: &'static str,
        kind: Kind,
        many: bool,
    ) -> Result<T, Error> {
        let status = self.response.status();
        read_header(status, self.response.headers(), name, kind, many)
    }

    /// Reads the whole body, by the call's deadline ([`Error::Timeout`]) and within the
    /// client's size limit ([`Error::TooLarge`]: at once when the `Content-Length` is over
    /// it, else as soon as the body passes it).
    pub async fn read(self) -> Result<Answer, Error> {
        let deadline = self.limits.deadline;
        deadline.bound(self.read_within_limit()).await
    }

    async fn read_within_limit(mut self) -> Result<Answer, Error> {
        let status = self.response.status();
        let limit = self.limits.max_bytes;
        let too_large = || Error::TooLarge { status, limit };
        let announced = self.response.content_length().unwrap_or(0);
        if announced > limit {
            return Err(too_large());
        }
        let mut body = BytesMut::with_capacity(announced as usize);
        while let Some(chunk) = self.response.chunk().await? {
            if (body.len() + chunk.len()) as u64 > limit {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Answer {
            status,
            headers: std::mem::take(self.response.headers_mut()),
            body: body.freeze(),
        })
    }

    /// The body as it comes; a pause longer than the client's read timeout ends it with
    /// [`StreamError::Idle`].
    pub fn byte_stream(self) -> ByteStream {
        let chunks = self.response.bytes_stream().map_err(StreamError::broken);
        ByteStream::from_results(ended_when_idle(chunks, self.limits.read_timeout))
    }

    /// The body's JSON Lines, each decoded as `T`.
    pub fn lines<T: DeserializeOwned + Send + 'static>(self) -> ItemStream<T> {
        lines::decode(self.byte_stream())
    }

    /// The body's server-sent events, each `data` decoded as `T` (the text itself where
    /// `text`).
    pub fn events<T: DeserializeOwned + Send + 'static>(self, text: bool) -> ItemStream<Event<T>> {
        events::decode(self.byte_stream(), text)
    }
}

/// `chunks`, ended with [`StreamError::Idle`] when the next takes longer than `idle`.
fn ended_when_idle<S>(chunks: S, idle: Duration) -> impl Stream<Item = S::Item> + Send + use<S>
where
    S: Stream<Item = Result<bytes::Bytes, StreamError>> + Send + 'static,
{
    stream::unfold(Some(chunks.boxed()), move |chunks| async move {
        let mut chunks = chunks?;
        match tokio::time::timeout(idle, chunks.next()).await {
            Ok(Some(chunk)) => Some((chunk, Some(chunks))),
            Ok(None) => None,
            Err(_) => Some((Err(StreamError::Idle { idle }), None)),
        }
    })
}
