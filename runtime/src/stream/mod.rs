//! Bodies that are not read whole: raw bytes as they come ([`ByteStream`]), and a typed item
//! at a time ([`ItemStream`]) in JSON Lines ([`lines`]) or as server-sent events ([`events`]).
//!
//! Client and server share these types, as they share the models: a generated client hands a
//! streamed answer over as one, a generated server's method returns one.

pub mod events;
pub mod lines;

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::{Bytes, BytesMut};
use futures_util::stream::{self, BoxStream, StreamExt, TryStreamExt};

pub use futures_util::Stream;

/// An error from a stream a user hands over (a file being read, an upstream call).
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The most one item of a stream may take (a JSON line, an event): more is
/// [`StreamError::TooLarge`], so a peer that never ends a line cannot exhaust memory.
pub const MAX_ITEM_BYTES: usize = 16 << 20;

/// Why a streamed body stopped, or one of its items could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StreamError {
    /// The connection failed, or the stream the body came from did.
    #[error("the stream broke: {0}")]
    Broken(#[source] BoxError),
    /// The body, or one item of it, grew past its limit; the stream ends here.
    #[error("the stream is over its limit of {limit} bytes")]
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// Nothing arrived for `idle` (a client's read timeout); the stream ends here.
    #[error("the stream was idle for {idle:?}")]
    Idle {
        /// How long nothing arrived.
        idle: std::time::Duration,
    },
    /// One item does not decode as its type; the stream goes on with the next.
    #[error("an item does not decode: {message}")]
    Undecodable {
        /// Why it does not.
        message: String,
    },
}

impl StreamError {
    /// The error of a broken stream, from any error.
    pub fn broken(error: impl Into<BoxError>) -> Self {
        StreamError::Broken(error.into())
    }
}

/// A raw body, a chunk at a time.
pub struct ByteStream(BoxStream<'static, Result<Bytes, StreamError>>);

impl ByteStream {
    /// The bytes of `stream`; its errors end the body as [`StreamError::Broken`].
    pub fn new<S, B, E>(stream: S) -> Self
    where
        S: Stream<Item = Result<B, E>> + Send + 'static,
        B: Into<Bytes> + 'static,
        E: Into<BoxError> + 'static,
    {
        ByteStream(
            stream
                .map_ok(Into::into)
                .map_err(StreamError::broken)
                .boxed(),
        )
    }

    /// The chunks of `stream`, errors as they are.
    pub fn from_results(
        stream: impl Stream<Item = Result<Bytes, StreamError>> + Send + 'static,
    ) -> Self {
        ByteStream(stream.boxed())
    }

    /// A body that is all here already.
    pub fn from_bytes(bytes: impl Into<Bytes>) -> Self {
        let bytes: Bytes = bytes.into();
        ByteStream(stream::iter((!bytes.is_empty()).then_some(Ok(bytes))).boxed())
    }

    /// Reads the whole body, refusing one of more than `limit` bytes.
    pub async fn read_to_end(mut self, limit: usize) -> Result<Bytes, StreamError> {
        let mut whole = Vec::new();
        while let Some(chunk) = self.0.next().await {
            let chunk = chunk?;
            if whole.len() + chunk.len() > limit {
                return Err(StreamError::TooLarge {
                    limit: limit as u64,
                });
            }
            whole.extend_from_slice(&chunk);
        }
        Ok(whole.into())
    }

    /// The body, ended with [`StreamError::TooLarge`] once it has brought more than `limit`
    /// bytes.
    pub fn limited(self, limit: u64) -> Self {
        let mut seen = 0u64;
        until_error(self.0.map(move |chunk| {
            let bytes = chunk?;
            seen = seen.saturating_add(bytes.len() as u64);
            if seen > limit {
                return Err(StreamError::TooLarge { limit });
            }
            Ok(bytes)
        }))
    }
}

impl From<Bytes> for ByteStream {
    fn from(bytes: Bytes) -> Self {
        ByteStream::from_bytes(bytes)
    }
}

impl From<Vec<u8>> for ByteStream {
    fn from(bytes: Vec<u8>) -> Self {
        ByteStream::from_bytes(bytes)
    }
}

impl Stream for ByteStream {
    type Item = Result<Bytes, StreamError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.as_mut().poll_next(cx)
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ByteStream")
    }
}

/// A body of typed items (JSON Lines, server-sent events), one at a time.
pub struct ItemStream<T>(BoxStream<'static, Result<T, StreamError>>);

impl<T: Send + 'static> ItemStream<T> {
    /// The items of `stream`; an error ends the body as [`StreamError::Broken`].
    pub fn new<S, E>(stream: S) -> Self
    where
        S: Stream<Item = Result<T, E>> + Send + 'static,
        E: Into<BoxError> + 'static,
    {
        ItemStream(stream.map_err(StreamError::broken).boxed())
    }

    /// The items of `stream`, errors as they are.
    pub fn from_results(
        stream: impl Stream<Item = Result<T, StreamError>> + Send + 'static,
    ) -> Self {
        ItemStream(stream.boxed())
    }

    /// Items that are all here already.
    pub fn from_items<I>(items: I) -> Self
    where
        I: IntoIterator<Item = T>,
        I::IntoIter: Send + 'static,
    {
        ItemStream(stream::iter(items.into_iter().map(Ok)).boxed())
    }

    /// Reads every item; the first error is the answer.
    pub async fn read_all(self) -> Result<Vec<T>, StreamError> {
        self.0.try_collect().await
    }
}

impl<T: Send + 'static> From<Vec<T>> for ItemStream<T> {
    fn from(items: Vec<T>) -> Self {
        ItemStream::from_items(items)
    }
}

impl<T> Stream for ItemStream<T> {
    type Item = Result<T, StreamError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.0.as_mut().poll_next(cx)
    }
}

impl<T> fmt::Debug for ItemStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ItemStream")
    }
}

/// Cuts `body` into lines (without their ends: `\n` and `\r\n`, and a lone `\r` where
/// `cr`), each at most [`MAX_ITEM_BYTES`]; a longer one ends the stream with
/// [`StreamError::TooLarge`]. The last line needs no end.
pub(crate) fn split_lines(
    body: ByteStream,
    cr: bool,
) -> impl Stream<Item = Result<Bytes, StreamError>> + Send {
    let state = Some((body, Buffer::default()));
    stream::unfold(state, move |state| async move {
        let (mut body, mut buffer) = state?;
        loop {
            if let Some(line) = buffer.take_line(cr, false) {
                return Some((Ok(line), Some((body, buffer))));
            }
            if buffer.bytes.len() > MAX_ITEM_BYTES {
                let limit = MAX_ITEM_BYTES as u64;
                return Some((Err(StreamError::TooLarge { limit }), None));
            }
            match body.next().await {
                Some(Ok(chunk)) => buffer.bytes.extend_from_slice(&chunk),
                Some(Err(error)) => return Some((Err(error), None)),
                None => return buffer.take_line(cr, true).map(|line| (Ok(line), None)),
            }
        }
    })
}

/// Bytes read but not yet cut into lines, and how far they hold no line end.
#[derive(Default)]
struct Buffer {
    bytes: BytesMut,
    scanned: usize,
}

impl Buffer {
    /// The first whole line, taken out; once the body has `ended`, what is left is the last
    /// line. A `\r` at the very end may be the first half of `\r\n`, so it waits for more.
    fn take_line(&mut self, cr: bool, ended: bool) -> Option<Bytes> {
        let found = self.bytes[self.scanned..]
            .iter()
            .position(|&b| b == b'\n' || (cr && b == b'\r'))
            .map(|at| at + self.scanned);
        let (at, end) = match found {
            Some(at) if self.bytes[at] == b'\n' => (at, at + 1),
            Some(at) => match self.bytes.get(at + 1) {
                Some(b'\n') => (at, at + 2),
                Some(_) => (at, at + 1),
                None if ended => (at, at + 1),
                None => {
                    self.scanned = at;
                    return None;
                }
            },
            None if ended && !self.bytes.is_empty() => (self.bytes.len(), self.bytes.len()),
            None => {
                self.scanned = self.bytes.len();
                return None;
            }
        };
        let mut line = self.bytes.split_to(end);
        self.scanned = 0;
        line.truncate(at);
        if !cr && line.last() == Some(&b'\r') {
            line.truncate(at - 1);
        }
        Some(line.freeze())
    }
}

/// A body from `chunks` that ends after the first error, which it passes on.
pub(crate) fn until_error(
    chunks: impl Stream<Item = Result<Bytes, StreamError>> + Send + 'static,
) -> ByteStream {
    let mut failed = false;
    ByteStream::from_results(chunks.scan((), move |(), chunk| {
        let next = (!failed).then_some(chunk);
        failed = next.as_ref().is_none_or(Result::is_err);
        futures_util::future::ready(next)
    }))
}
