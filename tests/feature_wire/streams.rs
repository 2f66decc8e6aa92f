//! `streams`: raw downloads and uploads handed over as they come, JSON Lines and server-sent
//! events of typed items; each shown to arrive before the server has sent the next part, on
//! the wire as the media type says, bounded against a peer that never stops.

use std::sync::Arc;
use std::time::Duration;

use futures_util::{StreamExt, stream};
use specgen_runtime::axum::{self, Router, routing};
use specgen_runtime::{ByteStream, Bytes, Event, ItemStream, StreamError};
use streams::client::Client;
use streams::models::{Level, LogLine, Progress, Stored};
use streams::operations::{
    ChatResponse, DownloadArchiveResponse, FollowLogsResponse, UploadArchiveResponse,
    WatchProgressResponse,
};
use tokio::sync::Notify;
use tokio::time::timeout;
use workspace_tests::http::{chunked, exchange, request};

use feature_bindings::streams;

use super::{base, serve, serve_recording};

/// How long a test waits for the next part of a stream before it fails.
const WAIT: Duration = Duration::from_secs(10);

/// Streams whose second part waits for `gate`, so a part that arrives before the gate opens
/// was sent, not buffered with the rest.
#[derive(Default)]
struct Jobs {
    gate: Arc<Notify>,
}

/// `first`, then `second` once `gate` opens.
fn gated<T: Send + 'static>(
    gate: &Arc<Notify>,
    first: T,
    second: T,
) -> impl futures_util::Stream<Item = T> + Send + use<T> {
    let gate = gate.clone();
    stream::once(async move { first }).chain(stream::once(async move {
        gate.notified().await;
        second
    }))
}

impl streams::server::Api for Jobs {
    async fn attach_log(
        &self,
        _params: streams::operations::AttachLogParams,
        body: Option<ByteStream>,
    ) -> streams::operations::AttachLogResponse {
        let size = match body {
            Some(body) => body
                .read_to_end(1 << 20)
                .await
                .map_or(-1, |b| b.len() as i64),
            None => -2,
        };
        streams::operations::AttachLogResponse::Ok(Stored { size })
    }

    async fn chat(&self) -> ChatResponse {
        let events = vec![
            Event::new("two\nlines".to_string()).named("note"),
            Event::new(String::new()),
        ];
        ChatResponse::Ok(events.into())
    }

    async fn download_archive(
        &self,
        params: streams::operations::DownloadArchiveParams,
    ) -> DownloadArchiveResponse {
        if params.name != "gated" {
            return DownloadArchiveResponse::NotFound;
        }
        let chunks = gated(
            &self.gate,
            Bytes::from_static(b"PK\x03\x04"),
            Bytes::from_static(b"rest"),
        );
        DownloadArchiveResponse::Ok(ByteStream::new(chunks.map(Ok::<_, std::io::Error>)))
    }

    async fn follow_logs(
        &self,
        params: streams::operations::FollowLogsParams,
    ) -> FollowLogsResponse {
        if params.id != 1 {
            return FollowLogsResponse::NotFound;
        }
        let line = |level, message: &str| LogLine {
            level,
            message: message.into(),
        };
        let lines = gated(
            &self.gate,
            line(Level::Info, "started"),
            line(Level::Error, "failed"),
        );
        FollowLogsResponse::Ok(ItemStream::new(lines.map(Ok::<_, std::io::Error>)))
    }

    async fn upload_archive(
        &self,
        _params: streams::operations::UploadArchiveParams,
        mut body: ByteStream,
    ) -> UploadArchiveResponse {
        let mut size = 0;
        while let Some(chunk) = body.next().await {
            match chunk {
                Ok(chunk) => size += chunk.len() as i64,
                // The router answers 413 in place of this.
                Err(_) => break,
            }
        }
        UploadArchiveResponse::Created(Stored { size })
    }

    async fn watch_progress(
        &self,
        _params: streams::operations::WatchProgressParams,
    ) -> WatchProgressResponse {
        let first = Event::new(Progress { done: 1, total: 2 })
            .named("progress")
            .with_id("1");
        let events = gated(
            &self.gate,
            first,
            Event::new(Progress { done: 2, total: 2 }),
        );
        WatchProgressResponse::Ok(ItemStream::new(events.map(Ok::<_, std::io::Error>)))
    }
}

/// What `pick` takes from each item of `items`, all of which arrive.
async fn each<T: Send + 'static, U>(items: ItemStream<T>, pick: impl Fn(T) -> U) -> Vec<U> {
    let items = timeout(WAIT, items.read_all()).await.expect("in time");
    items
        .expect("every item arrives")
        .into_iter()
        .map(pick)
        .collect()
}

/// The next item of `stream`, failing the test after [`WAIT`].
async fn next<S: futures_util::Stream + Unpin>(stream: &mut S) -> Option<S::Item> {
    timeout(WAIT, stream.next())
        .await
        .expect("the next part arrives in time")
}

#[tokio::test]
async fn streams_a_download_arrives_as_the_server_sends_it() {
    let jobs = Jobs::default();
    let gate = jobs.gate.clone();
    let addr = serve(streams::server::router(jobs)).await;
    let client = Client::new(&super::base(addr)).expect("client");
    let DownloadArchiveResponse::Ok(mut body) =
        client.download_archive("gated").await.expect("answer")
    else {
        panic!("200 expected");
    };
    assert_eq!(next(&mut body).await.unwrap().unwrap(), &b"PK\x03\x04"[..]);
    gate.notify_one();
    assert_eq!(next(&mut body).await.unwrap().unwrap(), &b"rest"[..]);
    assert!(next(&mut body).await.is_none());
    let answer = client.download_archive("other").await.expect("answer");
    assert!(
        matches!(answer, DownloadArchiveResponse::NotFound),
        "{answer:?}"
    );
    let reply = exchange(addr, request("GET", "/archives/other", &[], b"")).await;
    assert_eq!(reply.status, 404, "{reply}");
}

#[tokio::test]
async fn streams_an_upload_is_sent_as_it_comes_and_read_within_its_limit() {
    let (addr, seen) = serve_recording(streams::server::router(Jobs::default())).await;
    let client = Client::new(&base(addr)).expect("client");
    let chunks =
        stream::iter([vec![1u8; 1000], vec![2; 1000], vec![3; 500]]).map(Ok::<_, std::io::Error>);
    let answer = client
        .upload_archive("a", ByteStream::new(chunks))
        .await
        .expect("answer");
    assert!(
        matches!(
            answer,
            UploadArchiveResponse::Created(Stored { size: 2500 })
        ),
        "{answer:?}"
    );
    let sent = super::only(&seen);
    assert_eq!(sent.content_type, "application/zip");
    assert_eq!(sent.body.len(), 2500);
    assert_eq!(&sent.body[999..1001], [1, 2]);

    let addr = serve(streams::server::router(Jobs::default())).await;
    let head = "PUT /archives/a HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/zip\r\n";
    let reply = exchange(addr, chunked(head, &[7; 65536], 4096)).await;
    assert_eq!(reply.status, 201, "the limit itself is allowed: {reply}");
    assert_eq!(reply.json()["size"], 65536);
    // Chunked, past the limit: the method read only part of it, and the router says so.
    let reply = exchange(addr, chunked(head, &[7; 65537], 4096)).await;
    assert_eq!(reply.status, 413, "{reply}");
    // A declared length past the limit is refused before the method runs.
    let headers = [("Content-Type", "application/octet-stream")];
    let reply = exchange(addr, request("PUT", "/archives/a", &headers, &[7; 70000])).await;
    assert_eq!(reply.status, 413, "{reply}");
    let headers = [("Content-Type", "text/plain")];
    let reply = exchange(addr, request("PUT", "/archives/a", &headers, b"abc")).await;
    assert_eq!(reply.status, 415, "{reply}");
}

#[tokio::test]
async fn streams_an_upload_that_may_be_left_out_is_none_or_a_stream() {
    use streams::operations::AttachLogResponse;
    let addr = serve(streams::server::router(Jobs::default())).await;
    let client = Client::new(&base(addr)).expect("client");
    let answer = client.attach_log(1).await.expect("answer");
    assert!(
        matches!(answer, AttachLogResponse::Ok(Stored { size: -2 })),
        "{answer:?}"
    );
    let chunks = stream::iter([Ok::<_, std::io::Error>(vec![1u8; 300])]);
    let answer = client
        .attach_log(1)
        .body(ByteStream::new(chunks))
        .await
        .expect("answer");
    assert!(
        matches!(answer, AttachLogResponse::Ok(Stored { size: 300 })),
        "{answer:?}"
    );
}

#[tokio::test]
async fn streams_json_lines_arrive_an_item_at_a_time() {
    let jobs = Jobs::default();
    let gate = jobs.gate.clone();
    let addr = serve(streams::server::router(jobs)).await;
    let client = Client::new(&base(addr)).expect("client");
    let FollowLogsResponse::Ok(mut lines) = client.follow_logs(1).await.expect("answer") else {
        panic!("200 expected");
    };
    let first = next(&mut lines).await.unwrap().unwrap();
    assert_eq!(
        (first.level, first.message.as_str()),
        (Level::Info, "started")
    );
    gate.notify_one();
    let second = next(&mut lines).await.unwrap().unwrap();
    assert_eq!(second.level, Level::Error);
    assert!(next(&mut lines).await.is_none());

    let jobs = Jobs::default();
    jobs.gate.notify_one();
    let addr = serve(streams::server::router(jobs)).await;
    let reply = exchange(addr, request("GET", "/jobs/1/logs", &[], b"")).await;
    assert_eq!(reply.content_type(), "application/x-ndjson");
    assert_eq!(
        reply.text(),
        "{\"level\":\"info\",\"message\":\"started\"}\n{\"level\":\"error\",\"message\":\"failed\"}\n"
    );
}

#[tokio::test]
async fn streams_events_carry_typed_items_and_their_fields() {
    let jobs = Jobs::default();
    let gate = jobs.gate.clone();
    let addr = serve(streams::server::router(jobs)).await;
    let client = Client::new(&base(addr)).expect("client");
    let WatchProgressResponse::Ok(mut events) = client.watch_progress(7).await.expect("answer");
    let first = next(&mut events).await.unwrap().unwrap();
    assert_eq!(
        first,
        Event::new(Progress { done: 1, total: 2 })
            .named("progress")
            .with_id("1")
    );
    gate.notify_one();
    assert_eq!(
        next(&mut events).await.unwrap().unwrap().data,
        Progress { done: 2, total: 2 }
    );
    assert!(next(&mut events).await.is_none());

    let reply = exchange(addr, request("GET", "/chat", &[], b"")).await;
    assert_eq!(reply.content_type(), "text/event-stream");
    assert_eq!(reply.header("cache-control"), Some("no-cache"));
    assert_eq!(
        reply.text(),
        "event: note\ndata: two\ndata: lines\n\ndata: \n\n"
    );
    let ChatResponse::Ok(chat) = client.chat().await.expect("answer");
    let texts: Vec<String> = each(chat, |e| e.data).await;
    assert_eq!(texts, ["two\nlines", ""]);
}

#[tokio::test]
async fn streams_the_mock_answers_its_examples_as_streams() {
    let addr = serve(streams::mock::router()).await;
    let client = Client::new(&base(addr)).expect("client");
    let FollowLogsResponse::Ok(lines) = client.follow_logs(7).await.expect("answer") else {
        panic!("200 expected");
    };
    let messages: Vec<String> = each(lines, |l| l.message).await;
    assert_eq!(messages, ["started", "disk 91% full"]);
    let WatchProgressResponse::Ok(events) = client.watch_progress(7).await.expect("answer");
    let done: Vec<i32> = each(events, |e| e.data.done).await;
    assert_eq!(done, [1, 3]);
    let DownloadArchiveResponse::Ok(body) = client.download_archive("any").await.expect("answer")
    else {
        panic!("200 expected");
    };
    assert_eq!(
        body.read_to_end(1 << 10).await.unwrap(),
        &b"PK archive bytes"[..]
    );
}

/// A server that answers every path with an endless body in `media`: the same chunk over
/// and over, up to `most` bytes, so the test itself stays bounded.
fn endless(media: &'static str, chunk: &'static [u8], most: usize) -> Router {
    let body = move || async move {
        let chunks =
            stream::repeat_with(move || Ok::<_, std::io::Error>(Bytes::from_static(chunk)))
                .take(most / chunk.len());
        (
            [("content-type", media)],
            axum::body::Body::from_stream(chunks),
        )
    };
    Router::new().fallback(routing::get(body))
}

#[tokio::test]
async fn streams_a_server_that_never_ends_a_line_cannot_flood_the_client() {
    let most = 32 << 20;
    let addr = serve(endless("application/x-ndjson", &[b' '; 64 << 10], most)).await;
    let client = Client::new(&base(addr)).expect("client");
    let FollowLogsResponse::Ok(lines) = client.follow_logs(1).await.expect("answer") else {
        panic!("200 expected");
    };
    let items: Vec<_> = timeout(WAIT, lines.collect()).await.expect("in time");
    assert_eq!(items.len(), 1, "{items:?}");
    assert!(
        matches!(items[0], Err(StreamError::TooLarge { .. })),
        "{items:?}"
    );
    let lines = "data: xxxxxxxxxxxxxxxx\n".repeat(4096).leak().as_bytes();
    let addr = serve(endless("text/event-stream", lines, most)).await;
    let client = Client::new(&base(addr)).expect("client");
    let WatchProgressResponse::Ok(events) = client.watch_progress(1).await.expect("answer");
    let items: Vec<_> = timeout(WAIT, events.collect()).await.expect("in time");
    assert_eq!(items.len(), 1, "{items:?}");
    assert!(
        matches!(items[0], Err(StreamError::TooLarge { .. })),
        "{items:?}"
    );
}
