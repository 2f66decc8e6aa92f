//! One request's exchange on a connection served by [`super::serve`]: its body read within
//! [`Config::body_timeout`], its answer within [`Config::request_timeout`], and an answer
//! given before the body was read (413, 401, 415, or any implementation that does not read
//! it) made readable by the client still writing the body: the rest of the body is read and
//! dropped, within bounds, before the answer goes out, and the connection closes.
//!
//! A server that answers and closes while the client is still sending makes the client's
//! kernel see a reset, and a client that writes before it reads then reports a broken pipe,
//! never the answer. Reading what is still coming lets the client finish writing and read.
//!
//! The timers are armed only while something is awaited: a request whose body is already in
//! and whose answer is ready at once, the common case, sets none.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::body::{Bytes, HttpBody};
use axum::extract::Request;
use axum::http::header::{CONNECTION, EXPECT};
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;
use hyper::body::Incoming;
use tokio::sync::oneshot;
use tokio::time::{Instant, Sleep};
use tower::ServiceExt;
use tracing::Instrument;

use super::{Answers, Config, Rejection};

/// The limits of one exchange, from a [`Config`].
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    drain_bytes: usize,
    body_timeout: Duration,
    request_timeout: Duration,
}

impl Limits {
    pub(super) fn of(config: &Config) -> Self {
        Limits {
            drain_bytes: config.drain_limit,
            body_timeout: config.body_timeout,
            request_timeout: config.request_timeout,
        }
    }
}

/// The error of a body that stopped coming for longer than [`Config::body_timeout`].
#[derive(Debug)]
pub(super) struct BodyTimeout;

impl std::fmt::Display for BodyTimeout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the body stopped coming for longer than the server waits")
    }
}

impl std::error::Error for BodyTimeout {}

/// `app`'s answer to `request` within `limits`, in a `request` span (INFO) naming the method,
/// the path and the answer's status. Nothing else of the request is recorded: not the query
/// (a credential may travel in it), no header, no body.
pub(super) async fn answer(app: Router, request: Request<Incoming>, limits: Limits) -> Response {
    let span = tracing::info_span!(
        "request",
        method = request.method().as_str(),
        path = request.uri().path(),
        status = tracing::field::Empty,
    );
    let response = within(app, request, limits).instrument(span.clone()).await;
    span.record("status", response.status().as_u16());
    response
}

/// `app`'s answer to `request` within `limits`: 408 when it takes longer than the request
/// timeout. When the answer came before the body was read to the end, the rest is drained
/// first (unless the client waits for `100 Continue`, and so sends nothing, or the body broke)
/// and the connection closes after the answer.
async fn within(app: Router, request: Request<Incoming>, limits: Limits) -> Response {
    let waits_to_continue = request
        .headers()
        .get(EXPECT)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"100-continue"));
    let (back, mut unread) = oneshot::channel();
    let request = request.map(|body| Returning::new(body, back, limits.body_timeout));
    let answered = tokio::time::timeout(limits.request_timeout, app.oneshot(request)).await;
    let (mut response, timed_out) = match answered {
        Ok(Ok(response)) => (response, false),
        Ok(Err(never)) => match never {},
        Err(_) => (too_slow(), true),
    };
    // Sent only when the body was dropped before its end; a body still held (by a streamed
    // answer) is not waited for.
    if let Ok(unread) = unread.try_recv() {
        if !timed_out && !unread.broken && (unread.polled || !waits_to_continue) {
            drain(unread.body, limits).await;
        }
        response
            .headers_mut()
            .insert(CONNECTION, HeaderValue::from_static("close"));
    }
    response
}

/// The answer to a request not answered within the request timeout.
fn too_slow() -> Response {
    Rejection::new(
        StatusCode::REQUEST_TIMEOUT,
        "the request took longer than the server waits",
    )
    .into_response(&Answers::NONE)
}

/// Reads and drops `body` up to the limits.
async fn drain(mut body: Incoming, limits: Limits) {
    let mut read = 0;
    let reading = async {
        while let Some(Ok(frame)) =
            std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await
        {
            read += frame.data_ref().map_or(0, Bytes::len);
            if read > limits.drain_bytes {
                break;
            }
        }
    };
    let _ = tokio::time::timeout(limits.body_timeout, reading).await;
}

/// The rest of a body dropped before its end, whether it was ever read (without that, a
/// client waiting for `100 Continue` has not sent it), and whether it broke (timed out, or
/// the client went away): then there is nothing to drain.
struct Unread {
    body: Incoming,
    polled: bool,
    broken: bool,
}

/// A request body that waits at most its timeout for each next frame and, dropped before its
/// end, sends what is left back to [`answer`].
struct Returning {
    body: Option<Incoming>,
    back: Option<oneshot::Sender<Unread>>,
    polled: bool,
    broken: bool,
    timeout: Duration,
    /// The deadline of the frame awaited, set when a poll first finds none ready.
    waiting: Option<Pin<Box<Sleep>>>,
    armed: bool,
}

impl Returning {
    fn new(body: Incoming, back: oneshot::Sender<Unread>, timeout: Duration) -> Self {
        Returning {
            body: Some(body),
            back: Some(back),
            polled: false,
            broken: false,
            timeout,
            waiting: None,
            armed: false,
        }
    }

    /// Whether the frame awaited is past its deadline, arming the deadline first if this is
    /// the first poll that found none ready.
    fn expired(&mut self, cx: &mut Context<'_>) -> bool {
        if !self.armed {
            let deadline = Instant::now() + self.timeout;
            match self.waiting.as_mut() {
                Some(waiting) => waiting.as_mut().reset(deadline),
                None => self.waiting = Some(Box::pin(tokio::time::sleep_until(deadline))),
            }
            self.armed = true;
        }
        self.waiting
            .as_mut()
            .is_some_and(|waiting| waiting.as_mut().poll(cx).is_ready())
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
        if let Poll::Ready(frame) = Pin::new(body).poll_frame(cx) {
            this.armed = false;
            match &frame {
                // The end: nothing is left.
                None => this.back = None,
                Some(Err(_)) => this.broken = true,
                Some(Ok(_)) => {}
            }
            return Poll::Ready(frame.map(|frame| frame.map_err(axum::Error::new)));
        }
        if this.expired(cx) {
            this.broken = true;
            return Poll::Ready(Some(Err(axum::Error::new(BodyTimeout))));
        }
        Poll::Pending
    }

    fn is_end_stream(&self) -> bool {
        self.body.as_ref().is_none_or(Incoming::is_end_stream)
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body
            .as_ref()
            .map_or_else(|| http_body::SizeHint::with_exact(0), Incoming::size_hint)
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
