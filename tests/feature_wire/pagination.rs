//! `pagination` and `link_pagination`: `.pages()` and `.items()` fetch every page and end on
//! the last, by a cursor from the answer, by page numbers, or by the URL of the answer's
//! `Link` header; a link away from the client's base URL or back to the page just read ends
//! them with `Error::Pages`, and nothing reaches another host.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use futures_util::StreamExt;
use specgen_runtime::Secret;
use specgen_runtime::axum::Router;
use specgen_runtime::client::{Error, Stream};

use feature_bindings::{link_pagination, pagination};

use super::{base, serve, serve_recording};

/// How long a test waits for a stream to end before it fails.
const WAIT: Duration = Duration::from_secs(10);

/// Every item of a stream, each error as its text: at most 50, within [`WAIT`], so a stream
/// that never ends fails the test instead of hanging it.
async fn collect<T>(stream: impl Stream<Item = Result<T, Error>>) -> Vec<Result<T, String>> {
    let items = stream.take(50).map(|item| item.map_err(|e| e.to_string()));
    tokio::time::timeout(WAIT, items.collect())
        .await
        .expect("the stream ends in time")
}

/// The items of a stream that has no error.
async fn all<T: std::fmt::Debug>(stream: impl Stream<Item = Result<T, Error>>) -> Vec<T> {
    collect(stream)
        .await
        .into_iter()
        .map(|item| item.expect("an item"))
        .collect()
}

/// Five events, two a page by default; numbers 1 to 5, two a page; tags `a` to `c`, two a
/// page.
struct Paged;

/// The items of page `page` (from 1), `size` a page.
fn page_of<T: Clone>(items: &[T], page: i64, size: i64) -> Vec<T> {
    let skipped = page.saturating_sub(1).saturating_mul(size).max(0);
    let skipped = usize::try_from(skipped).unwrap_or(usize::MAX);
    items
        .iter()
        .skip(skipped)
        .take(size as usize)
        .cloned()
        .collect()
}

impl pagination::server::Api for Paged {
    async fn list_events(
        &self,
        params: pagination::operations::ListEventsParams,
    ) -> pagination::operations::ListEventsResponse {
        use pagination::models::{Event, EventPage};
        let start: i32 = params
            .cursor
            .as_deref()
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        let end = (start + params.limit).min(5);
        let events = (start..end).map(|id| Event { id }).collect();
        let next_cursor = Some((end < 5).then(|| end.to_string()));
        pagination::operations::ListEventsResponse::Ok(EventPage {
            events,
            next_cursor,
        })
    }

    async fn list_pages(
        &self,
        params: pagination::operations::ListPagesParams,
    ) -> pagination::operations::ListPagesResponse {
        let numbers = page_of(&[1, 2, 3, 4, 5], params.page.unwrap_or(1).into(), 2);
        pagination::operations::ListPagesResponse::Ok(pagination::models::NumberPage { numbers })
    }

    async fn list_tags(
        &self,
        params: pagination::operations::ListTagsParams,
    ) -> pagination::operations::ListTagsResponse {
        let tags = page_of(&["a", "b", "c"], params.page, 2);
        pagination::operations::ListTagsResponse::Ok(tags.into_iter().map(String::from).collect())
    }
}

#[tokio::test]
async fn pagination_streams_every_page_and_item() {
    use pagination::client::Client;
    let addr = serve(pagination::server::router(Paged)).await;
    let client = Client::new(&base(addr)).expect("client");
    let ids: Vec<i32> = all(client.list_events().items())
        .await
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(ids, [0, 1, 2, 3, 4]);
    let sizes: Vec<usize> = all(client.list_events().limit(4).pages())
        .await
        .iter()
        .map(|p| p.events.len())
        .collect();
    assert_eq!(sizes, [4, 1], "the limit is kept for every page");
    assert_eq!(all(client.list_pages().items()).await, [1, 2, 3, 4, 5]);
    assert_eq!(all(client.list_pages().page(2).items()).await, [3, 4, 5]);
    assert_eq!(
        all(client.list_tags().items()).await,
        ["a", "b", "c"],
        "a page that is the list itself"
    );
    assert_eq!(
        all(client.list_tags().page(2).pages()).await,
        [vec!["c"], vec![]]
    );
}

/// A request for a page of issues, as the server read it.
#[derive(Debug, Clone, PartialEq)]
struct Asked {
    page: Option<i32>,
    per_page: i32,
    version: Option<String>,
    token: String,
}

/// Five issues of any owner, `per_page` a page, each page linked to the next as `links` says;
/// every request recorded.
struct Issues {
    links: Links,
    asked: Arc<Mutex<Vec<Asked>>>,
}

/// How [`Issues`] links a page to the next.
enum Links {
    /// GitHub's way: absolute URLs on the server's own origin (known once it listens), the
    /// next page's beside the last's on one line.
    Absolute(Arc<OnceLock<SocketAddr>>),
    /// A reference relative to the page asked for.
    Relative,
    /// The next page on another server.
    Away(SocketAddr),
    /// The first page again, which is the one a call without `page` just read.
    Same,
}

impl Links {
    /// The `Link` line pointing from a page of `owner`'s issues to page `next`, of `last`.
    fn to(&self, owner: &str, next: i64, last: i64, per_page: i32) -> String {
        let path = format!("/repos/{owner}/issues");
        match self {
            Links::Absolute(origin) => {
                let origin = format!("http://{}", origin.get().expect("listening"));
                format!(
                    r#"<{origin}{path}?per_page={per_page}&page={next}>; rel="next", <{origin}{path}?per_page={per_page}&page={last}>; rel="last""#
                )
            }
            Links::Relative => format!("<issues?page={next}&per_page={per_page}>; rel=next"),
            Links::Away(addr) => format!(r#"<http://{addr}{path}?page={next}>; rel="next""#),
            Links::Same => format!(r#"<{path}?per_page={per_page}>; rel="next""#),
        }
    }
}

impl link_pagination::server::Api for Issues {
    async fn list_events(
        &self,
        _token: Secret,
        params: link_pagination::operations::ListEventsParams,
    ) -> link_pagination::operations::ListEventsResponse {
        let after = params.after.unwrap_or(9);
        let events: Vec<i32> = (after.saturating_add(1)..=12).take(2).collect();
        // Always a `Link`: with the next page's while there is one.
        let link = match events.last() {
            Some(&last) if last < 12 => format!("<events?after={last}>; rel=next"),
            _ => "<events>; rel=first".into(),
        };
        link_pagination::operations::ListEventsResponse::Ok {
            body: link_pagination::models::EventPage {
                events,
                total: Some(3),
            },
            link,
        }
    }

    async fn list_issues(
        &self,
        token: Secret,
        params: link_pagination::operations::ListIssuesParams,
    ) -> link_pagination::operations::ListIssuesResponse {
        use link_pagination::models::Issue;
        self.asked.lock().expect("log").push(Asked {
            page: params.page,
            per_page: params.per_page,
            version: params.x_git_hub_api_version.clone(),
            token: token.expose().to_owned(),
        });
        let page = params.page.unwrap_or(1).into();
        let numbers: Vec<i32> = (1..=5).collect();
        let body = page_of(&numbers, page, params.per_page.into())
            .into_iter()
            .map(|number| Issue {
                number,
                title: format!("Issue {number}"),
            })
            .collect();
        let last = (5 + i64::from(params.per_page) - 1) / i64::from(params.per_page);
        let link = (page < last)
            .then(|| {
                self.links
                    .to(&params.owner, page + 1, last, params.per_page)
            })
            .into_iter()
            .collect();
        link_pagination::operations::ListIssuesResponse::Ok { body, link }
    }
}

/// Serves [`Issues`] linking as `links` says, under `prefix` (`""` for none); the client's
/// base URL and the requests the server read.
async fn issues(links: Links, prefix: &str) -> (String, Arc<Mutex<Vec<Asked>>>) {
    let origin = match &links {
        Links::Absolute(origin) => Some(origin.clone()),
        _ => None,
    };
    let asked = Arc::new(Mutex::new(Vec::new()));
    let api = Issues {
        links,
        asked: asked.clone(),
    };
    let router = link_pagination::server::router(api);
    let router = match prefix {
        "" => router,
        prefix => Router::new().nest(prefix, router),
    };
    let addr = serve(router).await;
    if let Some(origin) = origin {
        origin.set(addr).expect("set once");
    }
    (format!("{}{prefix}", base(addr)), asked)
}

fn issue_numbers(
    issues: &[Result<link_pagination::models::Issue, String>],
) -> Vec<Result<i32, String>> {
    issues
        .iter()
        .map(|i| i.as_ref().map(|i| i.number).map_err(Clone::clone))
        .collect()
}

#[tokio::test]
async fn link_pagination_follows_the_next_link_keeping_headers_and_credentials() {
    use link_pagination::client::Client;
    let (base_url, asked) = issues(Links::Absolute(Arc::default()), "").await;
    let client = Client::new(&base_url, "t0ken").expect("client");
    let call = client
        .list_issues("octo")
        .per_page(2)
        .x_git_hub_api_version("2022-11-28".into());
    let found = collect(call.clone().items()).await;
    assert_eq!(issue_numbers(&found), [Ok(1), Ok(2), Ok(3), Ok(4), Ok(5)]);
    let asked = asked.lock().expect("log").clone();
    let pages: Vec<(Option<i32>, i32)> = asked.iter().map(|a| (a.page, a.per_page)).collect();
    assert_eq!(
        pages,
        [(None, 2), (Some(2), 2), (Some(3), 2)],
        "each link's query, as the server wrote it"
    );
    for a in &asked {
        assert_eq!(a.version.as_deref(), Some("2022-11-28"), "{a:?}");
        assert_eq!(a.token, "t0ken", "{a:?}");
    }
    let sizes: Vec<usize> = all(call.pages()).await.iter().map(Vec::len).collect();
    assert_eq!(sizes, [2, 2, 1]);
}

#[tokio::test]
async fn link_pagination_resolves_a_relative_link_under_the_base_path() {
    use link_pagination::client::Client;
    let (base_url, asked) = issues(Links::Relative, "/gh/v3").await;
    let client = Client::new(&base_url, "t").expect("client");
    let found = collect(client.list_issues("o o").per_page(3).items()).await;
    assert_eq!(issue_numbers(&found), [Ok(1), Ok(2), Ok(3), Ok(4), Ok(5)]);
    let pages: Vec<Option<i32>> = asked.lock().expect("log").iter().map(|a| a.page).collect();
    assert_eq!(pages, [None, Some(2)]);
    // A `Link` that is always sent, one line: the last page's has no rel="next".
    let events = all(client.list_events().items()).await;
    assert_eq!(events, [10, 11, 12]);
}

#[tokio::test]
async fn link_pagination_never_follows_a_link_to_another_host() {
    use link_pagination::client::Client;
    let (elsewhere, reached) = serve_recording(Router::new().fallback(|| async { "[]" })).await;
    let (base_url, asked) = issues(Links::Away(elsewhere), "").await;
    let client = Client::new(&base_url, "secret").expect("client");
    let found = collect(client.list_issues("octo").per_page(2).items()).await;
    let [Ok(1), Ok(2), Err(error)] = &issue_numbers(&found)[..] else {
        panic!("{found:?}");
    };
    assert!(error.contains("leads away from the base URL"), "{error}");
    assert!(
        reached.lock().expect("log").is_empty(),
        "nothing reaches the other host"
    );
    assert_eq!(asked.lock().expect("log").len(), 1);
}

#[tokio::test]
async fn link_pagination_ends_on_a_link_to_the_page_just_read() {
    use link_pagination::client::Client;
    let (base_url, asked) = issues(Links::Same, "").await;
    let client = Client::new(&base_url, "t").expect("client");
    let found = collect(client.list_issues("octo").per_page(2).items()).await;
    assert_eq!(
        issue_numbers(&found),
        [
            Ok(1),
            Ok(2),
            Err("the pages end with: the next page is the one just read".into())
        ]
    );
    assert_eq!(asked.lock().expect("log").len(), 1);
}

#[tokio::test]
async fn pagination_mock_pages_through_its_examples() {
    use pagination::client::Client;
    let addr = serve(Router::new().nest("/pagination", pagination::mock::router())).await;
    let client = Client::new(&format!("{}/pagination", base(addr))).expect("client");
    let ids: Vec<i32> = all(client.list_events().items())
        .await
        .iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(
        ids,
        [1, 2, 3, 4, 5],
        "each example asked for by the cursor before"
    );
    assert_eq!(
        all(client.list_pages().items()).await,
        [1, 2, 3],
        "past the last example's page, a page with no numbers"
    );
    assert_eq!(
        all(client.list_tags().items()).await,
        ["alpha", "beta", "gamma"]
    );
    assert_eq!(all(client.list_pages().page(9).pages()).await.len(), 1);
}

#[tokio::test]
async fn link_pagination_mock_links_each_example_to_the_next() {
    use link_pagination::client::Client;
    use workspace_tests::http::{exchange, request};
    let addr = serve(Router::new().nest("/link_pagination", link_pagination::mock::router())).await;
    let client = Client::new(&format!("{}/link_pagination", base(addr)), "t").expect("client");
    let found = collect(client.list_issues("octo").per_page(2).items()).await;
    assert_eq!(issue_numbers(&found), [Ok(1), Ok(2), Ok(3), Ok(4), Ok(5)]);
    assert_eq!(all(client.list_events().items()).await, [10, 11, 12]);
    let get = |target: &'static str| {
        let bytes = request("GET", target, &[("Authorization", "Bearer t")], b"");
        exchange(addr, bytes)
    };
    let reply = get("/link_pagination/repos/octo/issues?per_page=2").await;
    assert_eq!(reply.status, 200, "{reply}");
    assert_eq!(
        reply.header("link"),
        Some(r#"<?page=2&per_page=2>; rel="next""#),
        "relative to the request's own path, under any prefix"
    );
    let reply = get("/link_pagination/repos/octo/issues?page=3&per_page=2").await;
    assert_eq!(reply.header("link"), None, "the last example links nowhere");
    let reply = get("/link_pagination/events?after=11").await;
    assert_eq!(
        reply.header("link"),
        Some(""),
        "a required `Link` is sent empty"
    );
}
