//! An answer whose body is not read yet: a streamed answer is handed over as it comes, any
//! other is read whole into an [`Answer`].

use serde::de::DeserializeOwned;

use super::{Answer, Error, read_header};
use crate::Event;
use crate::stream::{ByteStream, ItemStream, StreamError, events, lines};
use crate::wire::Kind;

/// A status and headers, with the body still on the wire.
#[derive(Debug)]
pub struct Reply {
    response: reqwest::Response,
}

impl Reply {
    pub(super) fn new(response: reqwest::Response) -> Self {
        Reply { response }
    }

    /// The status code as a number.
    pub fn status_code(&self) -> u16 {
        self.response.status().as_u16()
    }

    /// A documented header's value (see [`Answer::header`]).
    pub fn header<T: DeserializeOwned>(
        &self,
        name: &'static str,
        kind: Kind,
        many: bool,
    ) -> Result<T, Error> {
        let status = self.response.status();
        read_header(status, self.response.headers(), name, kind, many)
    }

    /// Reads the whole body.
    pub async fn read(self) -> Result<Answer, Error> {
        let status = self.response.status();
        let headers = self.response.headers().clone();
        let body = self.response.bytes().await?;
        Ok(Answer {
            status,
            headers,
            body,
        })
    }

    /// The body as it comes.
    pub fn byte_stream(self) -> ByteStream {
        ByteStream::from_results(futures_util::TryStreamExt::map_err(
            self.response.bytes_stream(),
            StreamError::broken,
        ))
    }

    /// The body's JSON Lines, each decoded as `T`.
    pub fn lines<T: DeserializeOwned + Send + 'static>(self) -> ItemStream<T> {
        lines::decode(self.byte_stream())
    }

    /// The body's server-sent events, each `data` decoded as `T` (the text itself where
    /// `text`).
    pub fn events<T: DeserializeOwned + Send + 'static>(self, text: bool) -> ItemStream<Event<T>> {
        events::decode(self.byte_stream(), text)
    }
}
