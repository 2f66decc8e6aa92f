//! One call on the wire: sent, sent again as its retry policy allows, all within its
//! timeout, inside its span.

use std::future::Future;
use std::time::Duration;

use reqwest::{Request, RequestBuilder, Response};
use tokio::time::Instant;
use tracing::{Instrument, Span};

use super::retry::{Ended, RetryPolicy};
use super::{Answer, CallOptions, Core, Error, Reply, trace};

/// Which operation a call is of, for its span: the operation's name and path template
/// (`/users/{id}`, never the values in it).
#[derive(Debug, Clone, Copy)]
pub struct Operation {
    /// The operation's name in the spec (`create_custom_field`).
    pub name: &'static str,
    /// The operation's path template.
    pub path: &'static str,
}

/// When a call must be over: its timeout, counted from when it was sent.
#[derive(Debug, Clone, Copy)]
pub(super) struct Deadline {
    at: Instant,
    timeout: Duration,
}

impl Deadline {
    /// The deadline `timeout` from now.
    fn after(timeout: Duration) -> Self {
        Deadline {
            at: Instant::now() + timeout,
            timeout,
        }
    }

    /// Whether waiting `wait` from now would pass it.
    fn passed_after(&self, wait: Duration) -> bool {
        Instant::now() + wait >= self.at
    }

    /// `work`'s outcome, or [`Error::Timeout`] when it is not done by the deadline (it is
    /// dropped then, which stops it).
    pub(super) async fn bound<T>(
        self,
        work: impl Future<Output = Result<T, Error>>,
    ) -> Result<T, Error> {
        tokio::time::timeout_at(self.at, work)
            .await
            .unwrap_or(Err(Error::Timeout {
                after: self.timeout,
            }))
    }
}

impl Core {
    /// Sends `request`, a call of `operation` with `options`, and reads its whole answer,
    /// within the call's timeout and the client's size limit.
    pub async fn send(
        &self,
        operation: Operation,
        options: &CallOptions,
        request: RequestBuilder,
    ) -> Result<Answer, Error> {
        self.open(operation, options, request).await?.read().await
    }

    /// Sends `request`, a call of `operation` with `options` (again, as its retry policy
    /// allows), and gives the answer with its body not yet read, for an operation whose
    /// answer may be streamed. The call's timeout covers every attempt and wait up to the
    /// answer's headers, and [`Reply::read`] after them.
    pub async fn open(
        &self,
        operation: Operation,
        options: &CallOptions,
        request: RequestBuilder,
    ) -> Result<Reply, Error> {
        let request = request.build()?;
        let span = trace::call(operation, request.method());
        let deadline = Deadline::after(options.timeout_under(&self.config));
        let retry = options.retry_under(&self.config);
        let attempts = deadline.bound(self.attempts(request, retry, deadline, &span));
        let outcome = attempts.instrument(span.clone()).await;
        trace::ended(&span, outcome.as_ref().map(Response::status));
        let limits = self.limits(deadline);
        outcome.map(|response| Reply::new(response, limits))
    }

    /// Sends `request` until an attempt's outcome is final under `retry`, or waiting for the
    /// next would pass `deadline`; records the number of attempts on the call's `span`.
    async fn attempts(
        &self,
        request: Request,
        retry: &RetryPolicy,
        deadline: Deadline,
        span: &Span,
    ) -> Result<Response, Error> {
        let covered = retry.covers(request.method());
        let mut next = request;
        let mut waited = Duration::ZERO;
        let mut attempt = 1;
        loop {
            // A body that is a stream cannot be cloned, so such a request is sent once.
            let again = covered.then(|| next.try_clone()).flatten();
            let outcome = self.attempt(attempt, next).await;
            let wait = again.and_then(|again| {
                let wait = retry.wait(attempt, Ended::of(&outcome), waited)?;
                (!deadline.passed_after(wait)).then_some((wait, again))
            });
            let Some((wait, again)) = wait else {
                span.record("attempts", attempt);
                return outcome;
            };
            trace::waiting(attempt, wait);
            tokio::time::sleep(wait).await;
            waited += wait;
            attempt += 1;
            next = again;
        }
    }

    /// Sends `request` once, as attempt `number`, inside its span.
    async fn attempt(&self, number: u32, request: Request) -> Result<Response, Error> {
        let span = trace::attempt(number);
        let outcome = self.execute(request).instrument(span.clone()).await;
        trace::ended(&span, outcome.as_ref().map(Response::status));
        outcome
    }
}
