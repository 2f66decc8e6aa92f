//! Streamed bodies: JSON Lines and server-sent events cut at any chunk boundary, their
//! limits, and what a writer sends reads back the same.

use futures_util::{StreamExt, stream};
use serde::{Deserialize, Serialize};
use specgen_runtime::stream::{MAX_ITEM_BYTES, events, lines};
use specgen_runtime::{ByteStream, Bytes, Event, ItemStream, StreamError};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Progress {
    done: u32,
}

fn run<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(future)
}

/// `body` as chunks cut at `cuts`.
fn chunked(body: &[u8], cuts: &[usize]) -> ByteStream {
    let mut chunks = Vec::new();
    let mut from = 0;
    for &cut in cuts.iter().chain([&body.len()]) {
        chunks.push(Ok::<_, std::io::Error>(Bytes::copy_from_slice(
            &body[from..cut],
        )));
        from = cut;
    }
    ByteStream::new(stream::iter(chunks))
}

/// Every item, with errors shown as their message.
async fn all<T>(items: ItemStream<T>) -> Vec<Result<T, String>> {
    items
        .map(|item| item.map_err(|e| e.to_string()))
        .collect()
        .await
}

#[test]
fn json_lines_read_the_same_wherever_the_chunks_are_cut() {
    let body = b"{\"done\":1}\r\n\n{\"done\":22}\n  \n{\"done\":3}";
    let want = vec![
        Ok(Progress { done: 1 }),
        Ok(Progress { done: 22 }),
        Ok(Progress { done: 3 }),
    ];
    for a in 0..=body.len() {
        for b in a..=body.len() {
            let got = run(all(lines::decode::<Progress>(chunked(body, &[a, b]))));
            assert_eq!(got, want, "cut at {a} and {b}");
        }
    }
}

#[test]
fn a_json_line_that_does_not_decode_is_an_error_and_the_stream_goes_on() {
    let body = chunked(b"{\"done\":1}\n{\"done\":\"x\"}\n{\"done\":2}\n", &[]);
    let got = run(all(lines::decode::<Progress>(body)));
    assert_eq!(got.len(), 3);
    assert_eq!(got[0], Ok(Progress { done: 1 }));
    assert!(
        got[1]
            .as_ref()
            .unwrap_err()
            .starts_with("an item does not decode"),
        "{got:?}"
    );
    assert_eq!(got[2], Ok(Progress { done: 2 }));
}

#[test]
fn a_line_that_never_ends_stops_the_stream_at_the_item_limit() {
    let endless = stream::repeat_with(|| Ok::<_, std::io::Error>(Bytes::from(vec![b' '; 1 << 20])));
    let got = run(lines::decode::<Progress>(ByteStream::new(endless)).collect::<Vec<_>>());
    assert_eq!(got.len(), 1);
    let limit = MAX_ITEM_BYTES as u64;
    assert!(matches!(got[0], Err(StreamError::TooLarge { limit: l }) if l == limit));
}

#[test]
fn json_lines_written_read_back() {
    let items = vec![Progress { done: 1 }, Progress { done: 2 }];
    let body = lines::encode(ItemStream::from_items(items.clone()));
    let bytes = run(body.read_to_end(1 << 10)).unwrap();
    assert_eq!(&bytes[..], b"{\"done\":1}\n{\"done\":2}\n");
    let back = run(lines::decode::<Progress>(ByteStream::from_bytes(bytes)).read_all()).unwrap();
    assert_eq!(back, items);
}

#[test]
fn events_read_the_same_wherever_the_chunks_are_cut() {
    let body = "\u{feff}: keep-alive\r\nevent: progress\rid: 7\nretry: 300\ndata: {\"done\"\ndata: :1}\n\n\
                data\n\ndata: {\"done\":2}\n\nevent: no-data\n\ndata: {\"done\":3}";
    let want = vec![
        Ok(Event {
            data: Progress { done: 1 },
            event: Some("progress".into()),
            id: Some("7".into()),
            retry: Some(300),
        }),
        Err("an item does not decode: EOF while parsing a value at line 1 column 0".into()),
        Ok(Event::new(Progress { done: 2 })),
    ];
    let body = body.as_bytes();
    for a in 0..=body.len() {
        let got = run(all(events::decode::<Progress>(chunked(body, &[a]), false)));
        assert_eq!(got, want, "cut at {a}");
    }
}

#[test]
fn text_events_keep_their_lines_and_round_trip() {
    let sent = vec![
        Event::new("one line".to_string()).named("note"),
        Event::new("two\nlines".to_string()).with_id("b"),
        Event::new(String::new()),
    ];
    let body = events::encode(ItemStream::from_items(sent.clone()), true);
    let bytes = run(body.read_to_end(1 << 10)).unwrap();
    assert_eq!(
        std::str::from_utf8(&bytes).unwrap(),
        "event: note\ndata: one line\n\nid: b\ndata: two\ndata: lines\n\ndata: \n\n"
    );
    let back = run(events::decode::<String>(ByteStream::from_bytes(bytes), true).read_all());
    assert_eq!(back.unwrap(), sent);
}

#[test]
fn json_events_round_trip() {
    let sent = vec![Event::new(Progress { done: 1 }).named("p").with_id("1")];
    let body = events::encode(ItemStream::from_items(sent.clone()), false);
    let bytes = run(body.read_to_end(1 << 10)).unwrap();
    let back = run(events::decode::<Progress>(ByteStream::from_bytes(bytes), false).read_all());
    assert_eq!(back.unwrap(), sent);
}

#[test]
fn an_event_name_with_a_line_break_ends_the_body() {
    let sent = vec![Event::new(1).named("a\nb"), Event::new(2)];
    let chunks = run(events::encode(ItemStream::from_items(sent), false).collect::<Vec<_>>());
    assert_eq!(chunks.len(), 1, "{chunks:?}");
    assert!(matches!(chunks[0], Err(StreamError::Broken(_))));
}

#[test]
fn an_event_that_grows_past_the_item_limit_ends_the_stream() {
    let line = Bytes::from(format!("data: {}\n", "x".repeat(1 << 20)));
    let endless = stream::repeat_with(move || Ok::<_, std::io::Error>(line.clone()));
    let got = run(events::decode::<String>(ByteStream::new(endless), true).collect::<Vec<_>>());
    assert_eq!(got.len(), 1);
    assert!(matches!(got[0], Err(StreamError::TooLarge { .. })));
}

#[test]
fn a_limited_body_ends_once_it_brings_more_than_its_limit() {
    let body = chunked(b"0123456789", &[4, 8]).limited(6);
    let got = run(body.collect::<Vec<_>>());
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].as_ref().unwrap(), &Bytes::from_static(b"0123"));
    assert!(matches!(got[1], Err(StreamError::TooLarge { limit: 6 })));
    let whole = run(chunked(b"0123456789", &[3]).read_to_end(9));
    assert!(matches!(whole, Err(StreamError::TooLarge { limit: 9 })));
}
