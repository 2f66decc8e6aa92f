//! When a call is sent again: which methods, after which answers and failures, how long to
//! wait (the server's `Retry-After`, or a backoff with jitter), and within what budget.

use std::hash::BuildHasher;
use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{Method, Response, StatusCode};

use super::Error;

/// When a call is sent again. By default an idempotent call (GET, HEAD, PUT, DELETE,
/// OPTIONS, TRACE) is, up to 3 attempts, after a 429 or a 503 or a connection that failed
/// before an answer: sending such a call twice does no more than sending it once. POST and
/// PATCH are sent again only with [`Self::non_idempotent`], since the server may have acted on
/// the first. A request whose body is a stream is never sent again: it cannot be replayed.
///
/// ```
/// use std::time::Duration;
/// use specgen_runtime::client::RetryPolicy;
///
/// let patient = RetryPolicy {
///     max_attempts: 5,
///     max_total_delay: Duration::from_secs(60),
///     ..RetryPolicy::default()
/// };
/// # assert!(!patient.non_idempotent);
/// let off = RetryPolicy::never();
/// # assert_eq!(off.max_attempts, 1);
/// ```
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// How many times a call is sent at most, the first time included: 3 by default; 1
    /// never sends it again.
    pub max_attempts: u32,
    /// How long the waits between attempts may add up to: 10 s by default. A wait that would
    /// pass it, or pass the call's timeout (a long `Retry-After`), is not waited: the answer
    /// that asked for it is the call's.
    pub max_total_delay: Duration,
    /// The wait after the first attempt when the server names none: 200 ms by default,
    /// doubled after each further attempt. Half of each wait is random, so clients that
    /// failed together do not come back together.
    pub initial_backoff: Duration,
    /// The longest wait the doubling reaches: 5 s by default.
    pub max_backoff: Duration,
    /// The statuses after which a call is sent again: 429 (Too Many Requests) and 503
    /// (Service Unavailable) by default, the two that say "later". Their `Retry-After`, in
    /// seconds or as an HTTP date, is the wait when given.
    pub statuses: Vec<u16>,
    /// Whether a call is sent again when its connection failed or closed before an answer:
    /// yes by default. A call that ran out of its timeout is not.
    pub connection_errors: bool,
    /// Whether calls with a method that is not idempotent (POST, PATCH) are sent again too:
    /// no by default.
    pub non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            max_total_delay: Duration::from_secs(10),
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            statuses: vec![429, 503],
            connection_errors: true,
            non_idempotent: false,
        }
    }
}

/// How an attempt ended, as far as sending the call again goes.
pub(super) enum Ended<'a> {
    /// With an answer: its status and headers.
    Answer(StatusCode, &'a HeaderMap),
    /// Without one: the connection failed or closed before an answer came.
    Unconnected,
    /// Otherwise (a middleware's error, a request that cannot be sent): final.
    Failed,
}

impl<'a> Ended<'a> {
    /// How `outcome` ended.
    pub(super) fn of(outcome: &'a Result<Response, Error>) -> Self {
        match outcome {
            Ok(response) => Ended::Answer(response.status(), response.headers()),
            Err(Error::Transport(e)) if e.is_connect() || (e.is_request() && !e.is_timeout()) => {
                Ended::Unconnected
            }
            Err(_) => Ended::Failed,
        }
    }
}

impl RetryPolicy {
    /// A policy that never sends a call again.
    pub fn never() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// Whether a call with `method` may be sent again: an idempotent method (RFC 9110,
    /// 9.2.2), or any with [`Self::non_idempotent`].
    pub(super) fn covers(&self, method: &Method) -> bool {
        self.non_idempotent
            || [
                Method::GET,
                Method::HEAD,
                Method::PUT,
                Method::DELETE,
                Method::OPTIONS,
                Method::TRACE,
            ]
            .contains(method)
    }

    /// The wait before the next attempt, after attempt `attempt` (from 1) `ended` so with
    /// `waited` spent waiting already; `None` when the call ends with this attempt.
    pub(super) fn wait(
        &self,
        attempt: u32,
        ended: Ended<'_>,
        waited: Duration,
    ) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        let wait = match ended {
            Ended::Answer(status, headers) if self.statuses.contains(&status.as_u16()) => {
                retry_after(headers, SystemTime::now()).unwrap_or_else(|| self.backoff(attempt))
            }
            Ended::Unconnected if self.connection_errors => self.backoff(attempt),
            _ => return None,
        };
        (waited.saturating_add(wait) <= self.max_total_delay).then_some(wait)
    }

    /// The backoff after attempt `attempt` (from 1): [`Self::initial_backoff`] doubled for
    /// each attempt after the first, at most [`Self::max_backoff`], its second half random.
    fn backoff(&self, attempt: u32) -> Duration {
        let doubled = 2_u32.saturating_pow(attempt.saturating_sub(1));
        let full = self
            .initial_backoff
            .saturating_mul(doubled)
            .min(self.max_backoff);
        full / 2 + full.mul_f64(random_fraction() / 2.0)
    }
}

/// How long an answer's `Retry-After` asks to wait: its seconds, or the time until its HTTP
/// date (none when that is past). `None` without the header or with a value that is neither.
fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// A number from 0 to 1, random enough for jitter: the standard library seeds each hasher it
/// builds with new random keys, so hashing the same value gives a new number each time.
fn random_fraction() -> f64 {
    let bits = std::collections::hash_map::RandomState::new().hash_one(0_u8);
    (bits >> 11) as f64 / (1_u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(retry_after: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, retry_after.parse().expect("header value"));
        headers
    }

    fn after(status: u16, headers: &HeaderMap) -> Ended<'_> {
        Ended::Answer(StatusCode::from_u16(status).expect("status"), headers)
    }

    #[test]
    fn retry_after_is_read_in_seconds_and_as_an_http_date() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").expect("date");
        let wait = |value: &str| retry_after(&headers(value), now);
        assert_eq!(wait("1"), Some(Duration::from_secs(1)));
        assert_eq!(wait(" 120 "), Some(Duration::from_secs(120)));
        assert_eq!(
            wait("Sun, 06 Nov 1994 08:49:39 GMT"),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            wait("Sunday, 06-Nov-94 08:49:40 GMT"),
            Some(Duration::from_secs(3))
        );
        assert_eq!(wait("Sun, 06 Nov 1994 08:00:00 GMT"), Some(Duration::ZERO));
        for garbage in ["-1", "1.5", "soon", ""] {
            assert_eq!(wait(garbage), None, "{garbage}");
        }
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn only_idempotent_methods_are_covered_unless_asked() {
        let policy = RetryPolicy::default();
        for method in [Method::GET, Method::PUT, Method::DELETE, Method::HEAD] {
            assert!(policy.covers(&method), "{method}");
        }
        assert!(!policy.covers(&Method::POST));
        assert!(!policy.covers(&Method::PATCH));
        let all = RetryPolicy {
            non_idempotent: true,
            ..RetryPolicy::default()
        };
        assert!(all.covers(&Method::POST));
    }

    #[test]
    fn the_named_statuses_are_retried_after_their_retry_after() {
        let policy = RetryPolicy::default();
        let one_second = headers("1");
        assert_eq!(
            policy.wait(1, after(429, &one_second), Duration::ZERO),
            Some(Duration::from_secs(1))
        );
        assert_eq!(
            policy.wait(1, after(500, &one_second), Duration::ZERO),
            None
        );
        assert_eq!(policy.wait(1, Ended::Failed, Duration::ZERO), None);
        assert!(policy.wait(1, Ended::Unconnected, Duration::ZERO).is_some());
        let strict = RetryPolicy {
            connection_errors: false,
            ..RetryPolicy::default()
        };
        assert_eq!(strict.wait(1, Ended::Unconnected, Duration::ZERO), None);
    }

    #[test]
    fn the_budget_ends_the_attempts() {
        let policy = RetryPolicy::default();
        let none = HeaderMap::new();
        assert!(policy.wait(2, after(503, &none), Duration::ZERO).is_some());
        assert_eq!(
            policy.wait(3, after(503, &none), Duration::ZERO),
            None,
            "3 attempts"
        );
        assert_eq!(
            policy.wait(1, after(503, &headers("11")), Duration::ZERO),
            None,
            "a wait past the total delay is not waited"
        );
        assert_eq!(
            policy.wait(1, after(503, &headers("2")), Duration::from_secs(9)),
            None,
            "nor one that adds up past it"
        );
        assert_eq!(
            RetryPolicy::never().wait(1, after(503, &none), Duration::ZERO),
            None
        );
    }

    #[test]
    fn backoff_doubles_up_to_its_cap_with_half_of_it_random() {
        let policy = RetryPolicy::default();
        for (attempt, full) in [(1, 200), (2, 400), (3, 800), (6, 5000), (40, 5000)] {
            let full = Duration::from_millis(full);
            for _ in 0..20 {
                let wait = policy.backoff(attempt);
                assert!(wait >= full / 2 && wait <= full, "{attempt}: {wait:?}");
            }
        }
        let waits: Vec<Duration> = (0..20).map(|_| policy.backoff(3)).collect();
        assert!(waits.iter().any(|w| *w != waits[0]), "jittered: {waits:?}");
    }
}
