//! Paged calls as streams: each page fetched when the one before has been read, until the
//! last; the items of every page, one after another; and the next page's URL from an
//! answer's `Link` header.

use std::future::Future;

pub use futures_util::Stream;
use futures_util::stream::{self, StreamExt};
use reqwest::Url;

use super::{Core, Error, link};

/// The pages from `first` on: `fetch` sends a call and gives its page and what follows it:
/// the call for the next page, `None` after the last, or the error that ends the pages after
/// this one. A failed call ends the stream after its error.
pub fn pages<C, P, F, Fut>(first: C, mut fetch: F) -> impl Stream<Item = Result<P, Error>>
where
    F: FnMut(C) -> Fut,
    Fut: Future<Output = Result<(P, Result<Option<C>, Error>), Error>>,
{
    stream::unfold(Following::Call(first), move |state| {
        let (sent, failed) = match state {
            Following::Call(call) => (Some(fetch(call)), None),
            Following::Failed(error) => (None, Some(error)),
            Following::Done => (None, None),
        };
        async move {
            if let Some(error) = failed {
                return Some((Err(error), Following::Done));
            }
            match sent?.await {
                Ok((page, Ok(Some(call)))) => Some((Ok(page), Following::Call(call))),
                Ok((page, Ok(None))) => Some((Ok(page), Following::Done)),
                Ok((page, Err(error))) => Some((Ok(page), Following::Failed(error))),
                Err(error) => Some((Err(error), Following::Done)),
            }
        }
    })
}

/// What comes after a page.
enum Following<C> {
    /// The call for the next page.
    Call(C),
    /// The error that ends the pages after it.
    Failed(Error),
    /// Nothing: it was the last, or its call failed.
    Done,
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

impl Core {
    /// The next page's URL from the `Link` header `values` of the page just read from
    /// `asked`: the target of its link with `rel="next"`, resolved against `asked`; `None`
    /// without one (the last page). A target outside the base URL (another scheme, host or
    /// port, or a path outside the base's) is [`Error::Pages`], so the credentials never go
    /// elsewhere; so is `asked` itself, so a server linking a page to itself cannot loop the
    /// client.
    pub fn next_page<S: AsRef<str>>(
        &self,
        values: impl IntoIterator<Item = S>,
        asked: &Url,
    ) -> Result<Option<Url>, Error> {
        let values: Vec<S> = values.into_iter().collect();
        let Some(target) = link::target(values.iter().map(AsRef::as_ref), "next") else {
            return Ok(None);
        };
        let mut next = asked
            .join(target)
            .map_err(|_| Error::Pages(format!("the next page's link `{target}` is not a URL")))?;
        next.set_fragment(None);
        if !self.holds(&next) {
            return Err(Error::Pages(format!(
                "the next page's link `{next}` leads away from the base URL `{}`; it is not followed",
                self.base_url
            )));
        }
        if next == *asked {
            return Err(Error::Pages("the next page is the one just read".into()));
        }
        Ok(Some(next))
    }

    /// Whether `url` is under the base URL: the same scheme, host and port, and a path that
    /// is the base's or below it.
    fn holds(&self, url: &Url) -> bool {
        let Ok(base) = Url::parse(&self.base_url) else {
            return false;
        };
        let below = url
            .path()
            .strip_prefix(base.path().trim_end_matches('/'))
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
        below
            && url.scheme() == base.scheme()
            && url.host() == base.host()
            && url.port_or_known_default() == base.port_or_known_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn core(base: &str) -> Core {
        Core::new(base, None).expect("base URL")
    }

    fn url(text: &str) -> Url {
        Url::parse(text).expect("URL")
    }

    /// The next page after `asked` under `base`, by the `Link` header `values`.
    fn next(base: &str, asked: &str, values: &[&str]) -> Result<Option<String>, String> {
        core(base)
            .next_page(values, &url(asked))
            .map(|next| next.map(String::from))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn the_next_link_is_resolved_against_the_url_asked() {
        let base = "https://api.example.com/v1";
        let asked = "https://api.example.com/v1/repos/o/issues?per_page=2";
        let cases = [
            (
                "<?page=2>; rel=next",
                "https://api.example.com/v1/repos/o/issues?page=2",
            ),
            (
                "<issues?page=2>; rel=next",
                "https://api.example.com/v1/repos/o/issues?page=2",
            ),
            (
                "</v1/x?a=1,2>; rel=next",
                "https://api.example.com/v1/x?a=1,2",
            ),
            ("<../p>; rel=next", "https://api.example.com/v1/repos/p"),
            (
                "<//api.example.com/v1/y>; rel=next",
                "https://api.example.com/v1/y",
            ),
            (
                "<https://api.example.com:443/v1/z#frag>; rel=next",
                "https://api.example.com/v1/z",
            ),
        ];
        for (link, expected) in cases {
            assert_eq!(
                next(base, asked, &[link]),
                Ok(Some(expected.into())),
                "{link}"
            );
        }
    }

    #[test]
    fn no_next_link_is_the_last_page() {
        let asked = "http://127.0.0.1:1/x";
        assert_eq!(next("http://127.0.0.1:1", asked, &[]), Ok(None));
        assert_eq!(
            next("http://127.0.0.1:1", asked, &["</y>; rel=prev"]),
            Ok(None)
        );
        assert_eq!(next("http://127.0.0.1:1", asked, &["garbage"]), Ok(None));
    }

    #[test]
    fn a_link_away_from_the_base_url_is_not_followed() {
        let base = "https://api.example.com/v1";
        let asked = "https://api.example.com/v1/items";
        for away in [
            "https://evil.example.com/v1/items?page=2",
            "http://api.example.com/v1/items?page=2",
            "https://api.example.com:8443/v1/items?page=2",
            "https://api.example.com/v2/items?page=2",
            "https://api.example.com/v1x/items",
            "/items?page=2",
            "../../v2",
            "//evil.example.com/v1/items",
            "https://user@evil.example.com/v1/items",
        ] {
            let found = next(base, asked, &[&format!("<{away}>; rel=next")]);
            assert!(
                matches!(&found, Err(e) if e.contains("leads away from the base URL")),
                "{away}: {found:?}"
            );
        }
    }

    #[test]
    fn a_link_to_the_page_just_read_ends_the_pages() {
        let asked = "http://127.0.0.1:1/base/items?page=2";
        for same in [
            "<>; rel=next",
            "<?page=2>; rel=next",
            "<#top>; rel=next",
            "<items?page=2>; rel=next",
        ] {
            let found = next("http://127.0.0.1:1/base", asked, &[same]);
            assert_eq!(
                found,
                Err("the pages end with: the next page is the one just read".into()),
                "{same}"
            );
        }
    }

    #[test]
    fn a_link_that_is_no_url_ends_the_pages() {
        let found = next(
            "http://127.0.0.1:1",
            "http://127.0.0.1:1/x",
            &["<http://[::1>; rel=next"],
        );
        assert!(
            matches!(&found, Err(e) if e.contains("is not a URL")),
            "{found:?}"
        );
    }
}
