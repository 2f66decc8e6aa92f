//! How a client's calls are bounded: how long connecting, a call and a pause in a streamed
//! answer may take, how large an answer read whole may be, and when a call is sent again. One
//! [`ClientConfig`] per client; a call may change its timeout and its retries
//! ([`CallOptions`]).

use std::time::Duration;

use super::retry::RetryPolicy;

/// The bounds and the retry policy of a client's calls. Each default is chosen for the JSON
/// APIs specgen describes: calls that answer in well under a second with a few kilobytes.
///
/// ```
/// use std::time::Duration;
/// use specgen_runtime::client::ClientConfig;
///
/// let config = ClientConfig {
///     timeout: Duration::from_secs(5),
///     ..ClientConfig::default()
/// };
/// # assert_eq!(config.max_response_bytes, 8 << 20);
/// ```
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// How long opening a connection (TCP and TLS) may take: 10 s by default. A working path
    /// connects in well under a second; 10 s leaves room for a few lost SYNs on a poor
    /// network, and fails a dead host long before the system's own limit (minutes). It is a
    /// setting of the `reqwest::Client` the client builds; one given with
    /// `with_http_client` keeps its own.
    pub connect_timeout: Duration,
    /// How long a call may take in all: from sending it to the last byte of its answer, its
    /// retries and the waits between them included; past it the call is
    /// [`Error::Timeout`](super::Error::Timeout). 30 s by default: far above what the
    /// documented calls take, and as long as the gateways in front of most APIs wait before
    /// answering 504 themselves. For an answer that is streamed, the time until its status
    /// and headers (the stream then has [`Self::read_timeout`]).
    pub timeout: Duration,
    /// How long a streamed answer ([`ByteStream`](crate::ByteStream),
    /// [`ItemStream`](crate::ItemStream)) may bring nothing before it ends with
    /// [`StreamError::Idle`](crate::StreamError::Idle). A stream may rightly last for hours, so
    /// it has no total timeout; 60 s by default, twice the keep-alive interval that servers of
    /// server-sent events and log streams commonly use.
    pub read_timeout: Duration,
    /// The longest answer body read whole, in bytes: 8 MiB by default. The documented answers
    /// are kilobytes and a page of a list rarely reaches one megabyte, so 8 MiB is far above
    /// any of them while 64 calls at once still hold at most half a gigabyte. A body over it
    /// is [`Error::TooLarge`](super::Error::TooLarge): at once when its `Content-Length` says
    /// so, otherwise as soon as it passes the limit, never buffered further. A streamed answer
    /// has no total limit; each of its items is bounded by
    /// [`MAX_ITEM_BYTES`](crate::stream::MAX_ITEM_BYTES).
    pub max_response_bytes: u64,
    /// When a call is sent again: [`RetryPolicy::default`], idempotent calls only.
    pub retry: RetryPolicy,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            read_timeout: Duration::from_secs(60),
            max_response_bytes: 8 << 20,
            retry: RetryPolicy::default(),
        }
    }
}

/// What one call changes of its client's [`ClientConfig`]: the generated call's
/// `.timeout(…)` and `.retry(…)`; and, with `.xml()`, which form of an answer it asks for.
#[derive(Debug, Clone, Default)]
pub struct CallOptions {
    timeout: Option<Duration>,
    retry: Option<RetryPolicy>,
    prefer_xml: bool,
}

impl CallOptions {
    /// The call's own timeout, in place of [`ClientConfig::timeout`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The call's own retry policy, in place of [`ClientConfig::retry`].
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = Some(retry);
        self
    }

    /// Asks for the answer in XML where the operation offers it beside JSON.
    pub fn prefer_xml(mut self) -> Self {
        self.prefer_xml = true;
        self
    }

    /// Whether the call asks for XML rather than JSON.
    pub fn prefers_xml(&self) -> bool {
        self.prefer_xml
    }

    /// The call's timeout under `config`.
    pub(super) fn timeout_under(&self, config: &ClientConfig) -> Duration {
        self.timeout.unwrap_or(config.timeout)
    }

    /// The call's retry policy under `config`.
    pub(super) fn retry_under<'a>(&'a self, config: &'a ClientConfig) -> &'a RetryPolicy {
        self.retry.as_ref().unwrap_or(&config.retry)
    }
}
