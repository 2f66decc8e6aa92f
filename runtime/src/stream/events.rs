//! Server-sent events (`text/event-stream`, the WHATWG HTML standard, 9.2): blocks of
//! `field: value` lines, each block one [`Event`] whose `data` is a typed item.

use bytes::Bytes;
use futures_util::{StreamExt, stream};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{ByteStream, ItemStream, MAX_ITEM_BYTES, StreamError, split_lines};

/// One server-sent event: its item, and the event fields beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Event<T> {
    /// The item, from the event's `data` lines (JSON, or the text itself for a string item).
    pub data: T,
    /// The event's type (`event:`), where it names one.
    pub event: Option<String>,
    /// The event's `id:`, where it carries one.
    pub id: Option<String>,
    /// How long a reader should wait before it reconnects (`retry:`), in milliseconds.
    pub retry: Option<u64>,
}

impl<T> Event<T> {
    /// An event carrying `data`, with no other field.
    pub fn new(data: T) -> Self {
        Event {
            data,
            event: None,
            id: None,
            retry: None,
        }
    }

    /// The event, of type `event`.
    pub fn named(mut self, event: impl Into<String>) -> Self {
        self.event = Some(event.into());
        self
    }

    /// The event, with `id`.
    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }
}

/// The fields of the event being read.
#[derive(Default)]
struct Block {
    /// Each `data` line's value followed by `\n`.
    data: String,
    has_data: bool,
    event: Option<String>,
    id: Option<String>,
    retry: Option<u64>,
}

impl Block {
    /// Takes in one line; `Some` with the finished block when the line is the blank one
    /// that ends it (a block without `data` is no event, as the standard says).
    fn read(&mut self, line: &str) -> Result<Option<Block>, StreamError> {
        if line.is_empty() {
            let mut block = std::mem::take(self);
            block.data.pop();
            return Ok(block.has_data.then_some(block));
        }
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line, ""),
        };
        match field {
            "data" => {
                if self.data.len() + value.len() >= MAX_ITEM_BYTES {
                    let limit = MAX_ITEM_BYTES as u64;
                    return Err(StreamError::TooLarge { limit });
                }
                self.has_data = true;
                self.data.push_str(value);
                self.data.push('\n');
            }
            "event" => self.event = Some(value.to_owned()),
            "id" if !value.contains('\0') => self.id = Some(value.to_owned()),
            "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                self.retry = value.parse().ok();
            }
            // Comments (`: keep-alive`) and fields the standard does not know are ignored.
            _ => {}
        }
        Ok(None)
    }

    /// The event, its data decoded as JSON, or taken as the text itself where `text`.
    fn into_event<T: DeserializeOwned>(self, text: bool) -> Result<Event<T>, StreamError> {
        let data = if text {
            serde_json::from_value(serde_json::Value::String(self.data))
        } else {
            serde_json::from_str(&self.data)
        };
        Ok(Event {
            data: data.map_err(super::lines::undecodable)?,
            event: self.event,
            id: self.id,
            retry: self.retry,
        })
    }
}

/// The events of a `text/event-stream` body, each `data` decoded as `T`: JSON, or the text
/// itself where `text` (a string item). An event whose data does not decode is an
/// [`StreamError::Undecodable`] item, and the stream goes on; one of more than
/// [`MAX_ITEM_BYTES`] ends it. A last block without its blank line is dropped, as the
/// standard says.
pub fn decode<T: DeserializeOwned + Send + 'static>(
    body: ByteStream,
    text: bool,
) -> ItemStream<Event<T>> {
    let lines = split_lines(body, true);
    let events = stream::unfold(
        Some((lines.boxed(), Block::default())),
        move |state| async move {
            let (mut lines, mut block) = state?;
            while let Some(line) = lines.next().await {
                let read = line.and_then(|line| match std::str::from_utf8(&line) {
                    Ok(line) => block.read(line.strip_prefix('\u{feff}').unwrap_or(line)),
                    Err(_) => Err(StreamError::Undecodable {
                        message: "an event stream line is not UTF-8".into(),
                    }),
                });
                match read {
                    Ok(None) => continue,
                    Ok(Some(done)) => return Some((done.into_event(text), Some((lines, block)))),
                    Err(error @ StreamError::Undecodable { .. }) => {
                        return Some((Err(error), Some((lines, block))));
                    }
                    Err(error) => return Some((Err(error), None)),
                }
            }
            None
        },
    );
    ItemStream::from_results(events)
}

/// `events` as a `text/event-stream` body, each `data` as JSON, or as the text itself where
/// `text` (a string item, one `data:` line per line of it). An error from `events`, or an
/// event name or id with a line break, ends the body there.
pub fn encode<T: Serialize + Send + 'static>(
    events: ItemStream<Event<T>>,
    text: bool,
) -> ByteStream {
    super::until_error(events.map(move |event| encode_one(&event?, text).map(Bytes::from)))
}

fn encode_one<T: Serialize>(event: &Event<T>, text: bool) -> Result<String, StreamError> {
    let data = match serde_json::to_value(&event.data).map_err(StreamError::broken)? {
        serde_json::Value::String(data) if text => data,
        value => value.to_string(),
    };
    let mut out = String::new();
    for (field, value) in [("event", &event.event), ("id", &event.id)] {
        if let Some(value) = value {
            if value.contains(['\n', '\r', '\0']) {
                return Err(StreamError::broken(format!(
                    "an event's `{field}` cannot hold a line break"
                )));
            }
            out.push_str(&format!("{field}: {value}\n"));
        }
    }
    if let Some(retry) = event.retry {
        out.push_str(&format!("retry: {retry}\n"));
    }
    for line in data.replace("\r\n", "\n").split(['\n', '\r']) {
        out.push_str("data: ");
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    Ok(out)
}
