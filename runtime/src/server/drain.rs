//! Answers given before the body was read (413, 401, 415, or any implementation that does
//! not read it), made readable by the client still writing the body: the rest of the body is
//! read and dropped, within bounds, before the answer goes out, and the connection closes.
//!
//! A server that answers and closes while the client is still sending makes the client's
//! kernel see a reset, and a client that writes before it reads then reports a broken pipe,
//! never the answer. Reading what is still coming lets the client finish writing and read.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::header::{CONNECTION, EXPECT};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use futures_util::StreamExt;
use tokio::sync::oneshot;

use super::Config;

/// How much of an unread body is drained, and for how long at most.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    bytes: usize,
    time: Duration,
}

impl Limits {
    /// [`Config::drain_limit`] bytes, within [`Config::body_timeout`].
    pub(super) fn of(config: &Config) -> Self {
        Limits {
            bytes: config.drain_limit,
            time: config.body_timeout,
        }
    }
}

/// Runs the request; when the answer came before its body was read to the end, drains the
/// rest (unless the client waits for `100 Continue`, and so sends nothing, or the body timed
/// out) and closes the connection after the answer.
pub(super) async fn before_early_answers(
    State(limits): State<Limits>,
    request: Request,
    next: Next,
) -> Response {
    let waits_to_continue = request
        .headers()
        .get(EXPECT)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"100-continue"));
    let (back, mut unread) = oneshot::channel();
    let request = request.map(|body| Body::new(Returning::new(body, back)));
    let mut response = next.run(request).await;
    // Sent only when the body was dropped before its end; a body still held (by a streamed
    // answer) is not waited for.
    if let Ok(unread) = unread.try_recv() {
        let timed_out = response.status() == StatusCode::REQUEST_TIMEOUT;
        if !timed_out && !unread.broken && (unread.polled || !waits_to_continue) {
            drain(unread.body, limits).await;
        }
        response
            .headers_mut()
            .insert(CONNECTION, HeaderValue::from_static("close"));
    }
    response
}

/// Reads and drops `body` up to the limits.
async fn drain(body: Body, limits: Limits) {
    let mut data = body.into_data_stream();
    let mut read = 0;
    let reading = async {
        while let Some(Ok(chunk)) = data.next().await {
            read += chunk.len();
            if read > limits.bytes {
                break;
            }
        }
    };
    let _ = tokio::time::timeout(limits.time, reading).await;
}

/// The rest of a body dropped before its end, whether it was ever read (without that, a
/// client waiting for `100 Continue` has not sent it), and whether it broke (timed out, or
/// the client went away): then there is nothing to drain.
struct Unread {
    body: Body,
    polled: bool,
    broken: bool,
}

/// A request body that, dropped before its end, sends what is left back to
/// [`before_early_answers`].
struct Returning {
    body: Option<Body>,
    back: Option<oneshot::Sender<Unread>>,
    polled: bool,
    broken: bool,
}

impl Returning {
    fn new(body: Body, back: oneshot::Sender<Unread>) -> Self {
        Returning {
            body: Some(body),
            back: Some(back),
            polled: false,
            broken: false,
        }
    }
}

impl HttpBody for Returning {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, axum::Error>>> {
        let this = &mut *self;
        this.polled = true;
        let Some(body) = this.body.as_mut() else {
            return Poll::Ready(None);
        };
        let frame = std::task::ready!(Pin::new(body).poll_frame(cx));
        match &frame {
            // The end: nothing is left.
            None => this.back = None,
            Some(Err(_)) => this.broken = true,
            Some(Ok(_)) => {}
        }
        Poll::Ready(frame)
    }

    fn is_end_stream(&self) -> bool {
        self.body.as_ref().is_none_or(Body::is_end_stream)
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body
            .as_ref()
            .map_or_else(|| http_body::SizeHint::with_exact(0), Body::size_hint)
    }
}

impl Drop for Returning {
    fn drop(&mut self) {
        if let (Some(back), Some(body)) = (self.back.take(), self.body.take())
            && !body.is_end_stream()
        {
            let _ = back.send(Unread {
                body,
                polled: self.polled,
                broken: self.broken,
            });
        }
    }
}
