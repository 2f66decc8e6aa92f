//! Paged calls as streams: each page fetched when the one before has been read, until the
//! last; and the items of every page, one after another.

use std::future::Future;

pub use futures_util::Stream;
use futures_util::stream::{self, StreamExt};

use super::Error;

/// The pages from `first` on: `fetch` sends a call and gives its page and the call for the
/// next one (`None` after the last). A failed call ends the stream after its error.
pub fn pages<C, P, F, Fut>(first: C, mut fetch: F) -> impl Stream<Item = Result<P, Error>>
where
    F: FnMut(C) -> Fut,
    Fut: Future<Output = Result<(P, Option<C>), Error>>,
{
    stream::unfold(Some(first), move |call| {
        let sent = call.map(&mut fetch);
        async move {
            match sent?.await {
                Ok((page, next)) => Some((Ok(page), next)),
                Err(error) => Some((Err(error), None)),
            }
        }
    })
}

/// The items of every page, in order; an error is passed on and ends the stream.
pub fn items<P, T>(
    pages: impl Stream<Item = Result<P, Error>>,
    items_of: fn(P) -> Vec<T>,
) -> impl Stream<Item = Result<T, Error>> {
    pages.flat_map(move |page| {
        let items: Vec<Result<T, Error>> = match page {
            Ok(page) => items_of(page).into_iter().map(Ok).collect(),
            Err(error) => vec![Err(error)],
        };
        stream::iter(items)
    })
}
