//! Serving a router on a listener with the connection limits of a [`Config`]: hyper's HTTP/1
//! connections with its head timer, the body and request timeouts and the draining before
//! early answers of each [`exchange`], a cap on open connections, an idle timeout, and
//! graceful shutdown.

use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::task::{Context, Poll};

use axum::Router;
use axum::body::{Body, HttpBody};
use axum::extract::Request;
use axum::serve::Listener;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};
use tokio::task::JoinSet;

use super::Config;
use super::exchange;

/// Serves `router` on `listener` with the limits of `config` until SIGTERM or Ctrl-C
/// ([`shutdown_signal`]), then shuts down gracefully: see [`serve_until`].
///
/// ```no_run
/// # async fn run(router: axum::Router) -> std::io::Result<()> {
/// use specgen_runtime::server::{self, Config};
///
/// let config = Config::default();
/// let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
/// server::serve(listener, router, config).await
/// # }
/// ```
pub async fn serve(listener: TcpListener, router: Router, config: Config) -> std::io::Result<()> {
    serve_until(listener, router, config, shutdown_signal()).await
}

/// Serves `router` on `listener` with the limits of `config` until `shutdown` completes.
///
/// Each connection speaks HTTP/1.1 (with upgrades) and must send each request's head within
/// [`Config::header_timeout`]; a body waits at most [`Config::body_timeout`] for its next
/// bytes, a request at most [`Config::request_timeout`] for its answer (408 past either); a
/// connection silent for [`Config::idle_timeout`] with no request in flight is closed. At most
/// [`Config::max_connections`] are served at once: the next ones wait in the listener's accept
/// queue. An answer given before the body was read (413, 401, 415…) is sent after reading
/// and dropping up to [`Config::drain_limit`] bytes of it, with `Connection: close`. Each
/// request is a `tracing` span, `request`, with its method, its path (not the query) and its
/// answer's status.
///
/// When `shutdown` completes, the listener is closed (new connections are refused), idle
/// connections are closed, and requests in flight get [`Config::shutdown_timeout`] to finish;
/// then this returns, closing whatever is left. The router stays a plain [`Router`]: add your
/// own layers to it before serving.
pub async fn serve_until(
    listener: TcpListener,
    router: Router,
    config: Config,
    shutdown: impl Future<Output = ()> + Send,
) -> std::io::Result<()> {
    let http = http1(config);
    let places = Arc::new(Semaphore::new(config.max_connections.max(1)));
    let (stop, stopping) = watch::channel(false);
    let mut connections = JoinSet::new();
    let mut listener = listener;
    let mut shutdown = pin!(shutdown);
    loop {
        let (stream, place) = tokio::select! {
            () = &mut shutdown => break,
            accepted = accept(&mut listener, &places) => accepted,
        };
        let connection = Connection {
            app: router.clone(),
            http: http.clone(),
            config,
            stopping: stopping.clone(),
            _place: place,
        };
        connections.spawn(connection.serve(stream));
        // Finished connections are reaped as new ones come, so the set stays small.
        while connections.try_join_next().is_some() {}
    }
    drop(listener);
    let _ = stop.send(true);
    let finished = async { while connections.join_next().await.is_some() {} };
    let _ = tokio::time::timeout(config.shutdown_timeout, finished).await;
    // Dropping the set ends the connections still open.
    Ok(())
}

/// Completes on SIGTERM (on Unix) or Ctrl-C (SIGINT); never, where neither can be watched.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                terminate.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}

/// The next connection, once there is a place for it: until then it waits in the listener's
/// queue. axum's listener retries failed accepts itself (waiting a second when the process is
/// out of file descriptors).
async fn accept(
    listener: &mut TcpListener,
    places: &Arc<Semaphore>,
) -> (TcpStream, OwnedSemaphorePermit) {
    let place = places
        .clone()
        .acquire_owned()
        .await
        .expect("the semaphore of places is never closed");
    let (stream, _) = Listener::accept(listener).await;
    (stream, place)
}

/// hyper's HTTP/1 connection settings: keep-alive, and the head timer.
fn http1(config: Config) -> hyper::server::conn::http1::Builder {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(config.header_timeout)
        .keep_alive(true);
    http
}

/// One accepted connection and what it is served with.
struct Connection {
    app: Router,
    http: hyper::server::conn::http1::Builder,
    config: Config,
    stopping: watch::Receiver<bool>,
    /// The connection's place under the cap, given back when it closes.
    _place: OwnedSemaphorePermit,
}

impl Connection {
    /// Serves the connection until it closes, it stays idle too long, or shutdown has let
    /// its request in flight finish.
    async fn serve(mut self, stream: TcpStream) {
        // Answers are written whole; waiting to fill packets only delays them.
        let _ = stream.set_nodelay(true);
        let activity = Arc::new(Activity::default());
        let io = TokioIo::new(Watched {
            inner: stream,
            activity: activity.clone(),
        });
        // Each request is counted in flight from its head until its answer's body has been
        // sent (or dropped).
        let (app, limits) = (self.app, exchange::Limits::of(&self.config));
        let counted = activity.clone();
        let service = hyper::service::service_fn(move |request: Request<Incoming>| {
            let in_flight = InFlight::begin(counted.clone());
            let answer = exchange::answer(app.clone(), request, limits);
            async move {
                let response = answer.await;
                Ok::<_, std::convert::Infallible>(response.map(|body| Holding {
                    body,
                    _in_flight: in_flight,
                }))
            }
        });
        let mut connection = pin!(self.http.serve_connection(io, service).with_upgrades());
        let mut shutting_down = false;
        let mut seen = activity.events();
        loop {
            tokio::select! {
                _ = connection.as_mut() => return,
                changed = self.stopping.changed(), if !shutting_down => {
                    // Finish the request in flight, if any, then close; an idle connection
                    // closes at once. A dropped sender means the server is gone too.
                    if changed.is_err() || *self.stopping.borrow() {
                        connection.as_mut().graceful_shutdown();
                        shutting_down = true;
                    }
                }
                () = tokio::time::sleep(self.config.idle_timeout) => {
                    if !activity.since(&mut seen) {
                        return;
                    }
                }
            }
        }
    }
}

/// What happened on a connection: a count of the times bytes went either way or a request
/// ended (no clock is read for them), and how many requests are in flight.
#[derive(Default)]
struct Activity {
    events: AtomicU64,
    in_flight: AtomicUsize,
}

impl Activity {
    fn touch(&self) {
        self.events.fetch_add(1, Ordering::Relaxed);
    }

    fn events(&self) -> u64 {
        self.events.load(Ordering::Relaxed)
    }

    /// Whether anything happened since `seen` events, or a request is in flight; `seen`
    /// becomes the count now.
    fn since(&self, seen: &mut u64) -> bool {
        let now = self.events();
        let active = now != *seen || self.in_flight.load(Ordering::Relaxed) > 0;
        *seen = now;
        active
    }
}

/// A request in flight on a connection, counted until dropped.
struct InFlight(Arc<Activity>);

impl InFlight {
    fn begin(activity: Arc<Activity>) -> Self {
        activity.in_flight.fetch_add(1, Ordering::Relaxed);
        InFlight(activity)
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::Relaxed);
        self.0.touch();
    }
}

/// An answer's body, keeping its request counted in flight until it is sent: a slow stream
/// of events is not an idle connection. hyper sends it as it is, without boxing it again.
struct Holding {
    body: Body,
    _in_flight: InFlight,
}

impl HttpBody for Holding {
    type Data = axum::body::Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.body.size_hint()
    }
}

/// A connection's socket, noting on its [`Activity`] each time bytes go either way.
struct Watched {
    inner: TcpStream,
    activity: Arc<Activity>,
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let read = Pin::new(&mut self.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.activity.touch();
        }
        read
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let written = Pin::new(&mut self.inner).poll_write(cx, buf);
        self.touched_by(&written);
        written
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let written = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        self.touched_by(&written);
        written
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

impl Watched {
    fn touched_by(&self, written: &Poll<std::io::Result<usize>>) {
        if matches!(written, Poll::Ready(Ok(1..))) {
            self.activity.touch();
        }
    }
}
