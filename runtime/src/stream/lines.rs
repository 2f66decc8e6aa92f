//! JSON Lines (`application/x-ndjson`, `application/jsonl`): one JSON value per line.

use bytes::Bytes;
use futures_util::StreamExt;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{ByteStream, ItemStream, StreamError, split_lines};

/// The items of a JSON Lines body, decoded leniently like any answer (unknown members
/// ignored). Blank lines are skipped; a line that does not decode is an
/// [`StreamError::Undecodable`] item, and the stream goes on.
pub fn decode<T: DeserializeOwned + Send + 'static>(body: ByteStream) -> ItemStream<T> {
    ItemStream::from_results(split_lines(body, false).filter_map(|line| async move {
        match line {
            Ok(line) if line.iter().all(u8::is_ascii_whitespace) => None,
            Ok(line) => Some(serde_json::from_slice(&line).map_err(undecodable)),
            Err(error) => Some(Err(error)),
        }
    }))
}

/// `items` as a JSON Lines body, each item on a line of its own. An error from `items` ends
/// the body there (a reader sees it cut short, never a partial line as a whole one).
pub fn encode<T: Serialize + Send + 'static>(items: ItemStream<T>) -> ByteStream {
    super::until_error(items.map(|item| {
        let mut line = serde_json::to_vec(&item?).map_err(StreamError::broken)?;
        line.push(b'\n');
        Ok(Bytes::from(line))
    }))
}

pub(super) fn undecodable(error: serde_json::Error) -> StreamError {
    StreamError::Undecodable {
        message: error.to_string(),
    }
}
