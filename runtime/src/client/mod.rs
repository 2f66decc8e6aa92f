//! What generated clients share: the HTTP plumbing, auth, encoding of parameters and bodies,
//! and the error of a call.
//!
//! A generated client holds a [`Core`] and adds one method per operation; everything that
//! does not depend on the spec lives here.

mod body;
mod call;
mod config;
mod error;
mod form;
mod http;
mod link;
mod pages;
mod reply;
mod retry;
mod trace;

use bytes::Bytes;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::header::{ACCEPT, CONTENT_TYPE, COOKIE, HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, RequestBuilder, StatusCode, Url};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::secret::{AuthScheme, Carrier, Secret};
use crate::wire::{self, InvalidInput, Kind, Style};

pub use body::{bytes_body, form_body, json_body, stream_body, text_body, xml_body};
pub use call::Operation;
pub use config::{CallOptions, ClientConfig};
pub use error::{Error, MAX_ERROR_BODY};
pub use form::{Form, HasFiles};
pub use http::Http;
pub use pages::{Stream, items, pages};
pub use reply::Reply;
pub use retry::RetryPolicy;

/// Everything but the unreserved characters of RFC 3986 is escaped in a path segment, so a
/// value like `../x/y` stays one segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The connection, base URL, credentials and settings of a client.
#[derive(Debug, Clone)]
pub struct Core {
    /// The client's own `reqwest::Client`, built with the config's connect timeout: every
    /// request is built with it, and sent through it unless `given` is set.
    http: reqwest::Client,
    /// What requests are sent through, when given (`with_http_client`).
    given: Option<Http>,
    config: ClientConfig,
    base_url: String,
    /// The credentials given, one per scheme.
    auth: Vec<(AuthScheme, Secret)>,
    validate: bool,
}

impl Core {
    /// A client of the service at `base_url` (scheme, host and the path the operations'
    /// paths are relative to), with the default [`ClientConfig`]. Requests are validated
    /// before they are sent.
    pub fn new(base_url: &str, auth: Option<(AuthScheme, Secret)>) -> Result<Self, Error> {
        let base_url = base_url.trim_end_matches('/').to_owned();
        match Url::parse(&base_url) {
            Ok(url) if matches!(url.scheme(), "http" | "https") && url.query().is_none() => {}
            _ => return Err(Error::BaseUrl(base_url)),
        }
        let config = ClientConfig::default();
        Ok(Core {
            http: own_http(&config)?,
            given: None,
            config,
            base_url,
            auth: auth.into_iter().collect(),
            validate: true,
        })
    }

    /// Bounds and retries calls as `config` says.
    pub fn with_config(mut self, config: ClientConfig) -> Self {
        if config.connect_timeout != self.config.connect_timeout {
            // Building fails only where `new` failed already (no TLS backend, a broken proxy
            // setting), so the client in hand stays then.
            if let Ok(http) = own_http(&config) {
                self.http = http;
            }
        }
        self.config = config;
        self
    }

    /// How calls are bounded and retried.
    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// Sends `secret` wherever an operation takes `scheme` (replacing one given before).
    pub fn with_credential(mut self, scheme: AuthScheme, secret: Secret) -> Self {
        self.auth.retain(|(s, _)| s.name != scheme.name);
        self.auth.push((scheme, secret));
        self
    }

    /// Sends through `http` (a `reqwest::Client` with its proxies, TLS settings and
    /// timeouts, or a middleware stack) instead of the client's own; the config's bounds and
    /// retries still wrap each call.
    pub fn with_http_client(mut self, http: impl Into<Http>) -> Self {
        self.given = Some(http.into());
        self
    }

    /// Whether requests are validated against the spec before they are sent (on by default).
    pub fn validate_requests(mut self, on: bool) -> Self {
        self.validate = on;
        self
    }

    /// The base URL operations are relative to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Runs `checks` when validation is on; any violation it records fails the call before
    /// anything is sent.
    pub fn check(&self, checks: impl FnOnce(&mut InvalidInput)) -> Result<(), Error> {
        if !self.validate {
            return Ok(());
        }
        let mut invalid = InvalidInput::new();
        checks(&mut invalid);
        invalid.into_result().map_err(Error::Invalid)
    }

    /// The URL of `path` (already encoded, see [`path_segment`]) and `query` under the base
    /// URL.
    pub fn url(&self, path: &str, query: &[(String, String)]) -> Result<Url, Error> {
        let mut url = Url::parse(&format!("{}{path}", self.base_url))
            .map_err(|_| Error::BaseUrl(self.base_url.clone()))?;
        if !query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        }
        Ok(url)
    }

    /// A request for `path` (already encoded, see [`path_segment`]) with `query`, `headers`,
    /// an `Accept` header when the answer has a media type, and the credentials of the first
    /// alternative of `auth` (each a set of schemes sent together, by name) that the client
    /// holds; none for a public operation (`auth` empty).
    pub fn request(
        &self,
        method: Method,
        path: &str,
        query: &[(String, String)],
        headers: HeaderMap,
        accept: Option<&'static str>,
        auth: &[&[&'static str]],
    ) -> Result<RequestBuilder, Error> {
        self.request_to(method, self.url(path, query)?, headers, accept, auth)
    }

    /// A request for the whole `url` (a next page's, say), as [`Core::request`] makes one; a
    /// credential sent in the query takes the place of any pair of its name in `url`.
    pub fn request_to(
        &self,
        method: Method,
        mut url: Url,
        headers: HeaderMap,
        accept: Option<&'static str>,
        auth: &[&[&'static str]],
    ) -> Result<RequestBuilder, Error> {
        let credentials = self.credentials_for(auth)?;
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        let mut headers = headers;
        let mut cookies = Vec::new();
        let values: Vec<(AuthScheme, String)> = credentials
            .iter()
            .map(|(scheme, token)| (*scheme, scheme.value(token)))
            .collect();
        for (scheme, value) in &values {
            match scheme.carrier {
                Carrier::Header(name) => {
                    let mut value = HeaderValue::from_str(value).map_err(|_| bad_token(scheme))?;
                    value.set_sensitive(true);
                    let name = HeaderName::from_bytes(name.as_bytes())
                        .map_err(|_| Error::Encode(format!("`{name}` is not a header name")))?;
                    headers.insert(name, value);
                }
                Carrier::Query(name) => pairs.push((name, value)),
                Carrier::Cookie(name) => {
                    if !value.bytes().all(is_cookie_octet) {
                        return Err(bad_token(scheme));
                    }
                    cookies.push(format!("{name}={value}"));
                }
            }
        }
        if !cookies.is_empty() {
            // One `Cookie` header (RFC 6265, 5.4): the parameters' cookies, then the credentials'.
            if let Some(given) = headers.get(COOKIE).and_then(|v| v.to_str().ok()) {
                cookies.insert(0, given.to_owned());
            }
            let mut value = HeaderValue::from_str(&cookies.join("; "))
                .map_err(|_| Error::Encode("the cookies are not a header value".into()))?;
            value.set_sensitive(true);
            headers.insert(COOKIE, value);
        }
        if !pairs.is_empty() {
            set_query_pairs(&mut url, &pairs);
        }
        let mut request = self.http.request(method, url).headers(headers);
        if let Some(accept) = accept {
            request = request.header(ACCEPT, accept);
        }
        Ok(request)
    }

    /// The credentials of the first alternative the client holds every credential of.
    fn credentials_for(
        &self,
        auth: &[&[&'static str]],
    ) -> Result<Vec<&(AuthScheme, Secret)>, Error> {
        if auth.is_empty() {
            return Ok(Vec::new());
        }
        for alternative in auth {
            let held: Vec<&(AuthScheme, Secret)> = alternative
                .iter()
                .filter_map(|name| self.auth.iter().find(|(s, _)| s.name == *name))
                .collect();
            if held.len() == alternative.len() {
                return Ok(held);
            }
        }
        let wanted: Vec<String> = auth.iter().map(|all| all.join(" + ")).collect();
        Err(Error::Credentials(format!(
            "the operation needs credentials for {}",
            wanted.join(" or ")
        )))
    }

    /// Sends `request` once through the given stack, or the client's own.
    async fn execute(&self, request: reqwest::Request) -> Result<reqwest::Response, Error> {
        match &self.given {
            Some(http) => http.execute(request).await,
            None => Ok(self.http.execute(request).await?),
        }
    }

    /// How the body of a call's answer is read, for a call that must be over by `deadline`.
    fn limits(&self, deadline: call::Deadline) -> reply::Limits {
        reply::Limits {
            deadline,
            max_bytes: self.config.max_response_bytes,
            read_timeout: self.config.read_timeout,
        }
    }
}

/// The client's own `reqwest::Client`, with `config`'s connect timeout.
fn own_http(config: &ClientConfig) -> Result<reqwest::Client, Error> {
    Ok(reqwest::Client::builder()
        .connect_timeout(config.connect_timeout)
        .build()?)
}

/// Adds `pairs` to `url`'s query in place of the pairs of their names; the other pairs stay
/// as they are written.
fn set_query_pairs(url: &mut Url, pairs: &[(&str, &str)]) {
    let replaced = |piece: &str| {
        form_urlencoded::parse(piece.as_bytes())
            .next()
            .is_some_and(|(name, _)| pairs.iter().any(|(n, _)| *n == name))
    };
    let kept: Vec<&str> = url
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|piece| !piece.is_empty() && !replaced(piece))
        .collect();
    let kept = kept.join("&");
    url.set_query((!kept.is_empty()).then_some(kept.as_str()));
    url.query_pairs_mut().extend_pairs(pairs);
}

/// The error for a token that cannot travel where its scheme puts it.
fn bad_token(scheme: &AuthScheme) -> Error {
    Error::Encode(format!(
        "the `{}` credential cannot be sent as its scheme says (a line break or a `;` in it?)",
        scheme.name
    ))
}

/// A byte allowed in a cookie value (RFC 6265, 4.1.1).
fn is_cookie_octet(b: u8) -> bool {
    matches!(b, 0x21 | 0x23..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E)
}

/// A value for a variable of the documented server URL (a subdomain, a portal name): letters,
/// digits, `-`, `_` and `.` only, so it cannot change the host or add a path.
pub fn server_variable<'a>(name: &str, value: &'a str) -> Result<&'a str, Error> {
    let valid = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
    if valid {
        Ok(value)
    } else {
        Err(Error::Encode(format!(
            "server variable `{name}` may hold only letters, digits, `-`, `_` and `.`"
        )))
    }
}

/// A path parameter as one percent-encoded path segment.
pub fn path_segment<T: Serialize + ?Sized>(name: &str, value: &T) -> Result<String, Error> {
    let text = wire::texts(value).map_err(encode_error)?.join(",");
    // `.` and `..` would be read as a step in the path, and an empty segment removes one.
    if text.is_empty() || text == "." || text == ".." {
        return Err(Error::Encode(format!(
            "path parameter `{name}` cannot be empty, `.` or `..`"
        )));
    }
    Ok(utf8_percent_encode(&text, SEGMENT).to_string())
}

/// The query pairs of a request, by name.
pub type Query = Vec<(String, String)>;

/// Adds a query parameter as its style says ([`wire::pairs::query`]): nothing for `None` or
/// an empty list. A value that would read back as something else (a joined text holding its
/// joiner, a member name holding a bracket) is refused rather than sent.
fn push_styled<T: Serialize + ?Sized>(
    query: &mut Query,
    name: &'static str,
    value: &T,
    style: Style,
) -> Result<(), Error> {
    let value = serde_json::to_value(value).map_err(encode_error)?;
    let pairs = wire::pairs::query(name, &value, style)
        .map_err(|e| Error::Encode(format!("query parameter `{name}`: {e}")))?;
    query.extend(pairs);
    Ok(())
}

/// Adds a query parameter a pair per value: one for a plain value, one per element of a
/// list (`tags=a&tags=b`), and an object's members as pairs of their own
/// (`state=open&sort=asc`, OpenAPI's exploded `form`).
pub fn push_query<T: Serialize + ?Sized>(
    query: &mut Query,
    name: &'static str,
    value: &T,
) -> Result<(), Error> {
    push_styled(query, name, value, Style::Exploded)
}

/// Adds a query parameter sent as one value (`ids=1,2`), its texts joined by `joiner`: a
/// list's elements, or an object's member names and values in turn (`color=R,100,G,200`).
pub fn push_query_joined<T: Serialize + ?Sized>(
    query: &mut Query,
    name: &'static str,
    value: &T,
    joiner: char,
) -> Result<(), Error> {
    push_styled(query, name, value, Style::Joined(joiner))
}

/// Adds an object or map parameter as its members under its name in brackets
/// (`filter[state]=open`, OpenAPI's `deepObject`).
pub fn push_query_deep<T: Serialize + ?Sized>(
    query: &mut Query,
    name: &'static str,
    value: &T,
) -> Result<(), Error> {
    push_styled(query, name, value, Style::Deep)
}

fn encode_error(error: serde_json::Error) -> Error {
    Error::Encode(error.to_string())
}

/// Adds a cookie parameter to `cookies` (`name=value`): nothing for `None`. A value that a
/// cookie cannot hold (a `;`, a space, a quote) is refused rather than cut.
pub fn push_cookie<T: Serialize + ?Sized>(
    cookies: &mut Vec<String>,
    name: &'static str,
    value: &T,
) -> Result<(), Error> {
    for text in wire::texts(value).map_err(encode_error)? {
        if !text.bytes().all(is_cookie_octet) {
            return Err(Error::Encode(format!(
                "cookie `{name}` holds a character a cookie cannot carry"
            )));
        }
        cookies.push(format!("{name}={text}"));
    }
    Ok(())
}

/// Sets the `Cookie` header from the cookie parameters, when there are any.
pub fn cookie_header(headers: &mut HeaderMap, cookies: &[String]) -> Result<(), Error> {
    if !cookies.is_empty() {
        let value = HeaderValue::from_str(&cookies.join("; "))
            .map_err(|_| Error::Encode("the cookies are not a header value".into()))?;
        headers.insert(COOKIE, value);
    }
    Ok(())
}

/// Adds a header parameter: nothing for `None`, one header line per element of a list.
pub fn push_header<T: Serialize + ?Sized>(
    headers: &mut HeaderMap,
    name: &'static str,
    value: &T,
) -> Result<(), Error> {
    let header = HeaderName::from_static(name);
    for text in wire::texts(value).map_err(encode_error)? {
        let value = HeaderValue::from_str(&text)
            .map_err(|_| Error::Encode(format!("header `{name}` is not a valid header value")))?;
        headers.append(header.clone(), value);
    }
    Ok(())
}

/// A whole HTTP answer, before it is decoded.
#[derive(Debug)]
pub struct Answer {
    /// The status.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The body.
    pub body: Bytes,
}

impl Answer {
    /// The status code as a number.
    pub fn status_code(&self) -> u16 {
        self.status.as_u16()
    }

    /// Decodes a documented JSON body leniently: unknown members are ignored, and unknown
    /// enum values become `Unknown` variants. Nothing is validated.
    pub fn json<T: DeserializeOwned>(self) -> Result<T, Error> {
        serde_json::from_slice(&self.body).map_err(|e| self.undecodable(e.to_string()))
    }

    /// Decodes a documented XML body in `form` leniently, as [`Answer::json`] does JSON: the
    /// body is inside the document's root element, a list's items each in an `item` element.
    pub fn xml<T: DeserializeOwned>(self, form: &crate::xml::Form) -> Result<T, Error> {
        let read = crate::xml::read(&self.body, form.item)
            .and_then(|value| crate::xml::from_value(&value, form.objects));
        read.map_err(|e| self.undecodable(e.to_string()))
    }

    /// Decodes a body documented both as JSON and as XML by the answer's media type: XML
    /// (in `form`) where it names an XML type, else JSON.
    pub fn json_or_xml<T: DeserializeOwned>(self, form: &crate::xml::Form) -> Result<T, Error> {
        if specgen_rules::media::Encoding::of(&self.media_type())
            == Some(specgen_rules::media::Encoding::Xml)
        {
            self.xml(form)
        } else {
            self.json()
        }
    }

    /// Decodes a documented text body.
    pub fn text(self) -> Result<String, Error> {
        match String::from_utf8(self.body.to_vec()) {
            Ok(text) => Ok(text),
            Err(_) => Err(self.undecodable("the text is not UTF-8".into())),
        }
    }

    /// The error for a body that does not decode, for `message`.
    fn undecodable(&self, message: String) -> Error {
        Error::UndecodableBody {
            status: self.status,
            message,
            body: error::excerpt(&self.body),
            length: self.body.len(),
        }
    }

    /// A documented header's value: `None` (for an optional one) when absent; when `many`, a
    /// list of the elements of every line with the name (each line split at commas outside
    /// quoted strings and `<…>`, as RFC 9110 reads a list). A required header that is absent, or a value that
    /// does not read as `T`, is [`Error::UndecodableHeader`].
    pub fn header<T: DeserializeOwned>(
        &self,
        name: &'static str,
        kind: Kind,
        many: bool,
    ) -> Result<T, Error> {
        read_header(self.status, &self.headers, name, kind, many)
    }

    /// The answer's media type, without parameters and in lower case (`text/csv` for
    /// `Text/CSV; charset=utf-8`): how a body documented in several media types is told apart.
    /// Empty when the answer names none.
    pub fn media_type(&self) -> String {
        let value = self.headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok());
        specgen_rules::media::essence(value.unwrap_or("")).to_ascii_lowercase()
    }

    /// A documented raw body, as it came.
    pub fn bytes(self) -> Bytes {
        self.body
    }

    /// The error for a status the spec does not document.
    pub fn unexpected(self) -> Error {
        Error::UnexpectedStatus {
            status: self.status,
            body: error::excerpt(&self.body),
            length: self.body.len(),
        }
    }
}

/// A documented header's value (see [`Answer::header`]).
fn read_header<T: DeserializeOwned>(
    status: StatusCode,
    headers: &HeaderMap,
    name: &'static str,
    kind: Kind,
    many: bool,
) -> Result<T, Error> {
    let fail = |message: &str| Error::UndecodableHeader {
        status,
        name,
        message: message.to_owned(),
    };
    let lines = headers
        .get_all(name)
        .iter()
        .map(|value| value.to_str().map_err(|_| fail("is not visible ASCII")))
        .collect::<Result<Vec<&str>, Error>>()?;
    wire::header::read(lines, kind, many).map_err(|message| fail(&message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_cannot_change_the_path() {
        assert_eq!(path_segment("id", "../x/y").unwrap(), "..%2Fx%2Fy");
        assert_eq!(path_segment("id", "a b?#").unwrap(), "a%20b%3F%23");
        assert_eq!(path_segment("id", &42_i64).unwrap(), "42");
        for bad in ["", ".", ".."] {
            assert!(matches!(path_segment("id", bad), Err(Error::Encode(_))));
        }
    }

    #[test]
    fn server_variables_cannot_change_the_host() {
        assert_eq!(server_variable("company", "acme-1").unwrap(), "acme-1");
        for bad in ["", "evil.com/", "a@b", "a:1"] {
            assert!(server_variable("company", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_answers_media_type_is_its_essence_in_lower_case() {
        let answer = |content_type: Option<&'static str>| {
            let mut headers = HeaderMap::new();
            if let Some(value) = content_type {
                headers.insert(CONTENT_TYPE, HeaderValue::from_static(value));
            }
            Answer {
                status: StatusCode::OK,
                headers,
                body: Bytes::new(),
            }
        };
        assert_eq!(
            answer(Some("Text/CSV; charset=utf-8")).media_type(),
            "text/csv"
        );
        assert_eq!(
            answer(Some("application/pdf")).media_type(),
            "application/pdf"
        );
        assert_eq!(answer(None).media_type(), "");
    }

    #[test]
    fn base_urls_are_checked() {
        assert!(Core::new("https://acme.kaiten.ru/api/latest/", None).is_ok());
        assert!(matches!(Core::new("acme", None), Err(Error::BaseUrl(_))));
        assert!(matches!(Core::new("ftp://x", None), Err(Error::BaseUrl(_))));
    }

    #[test]
    fn a_query_credential_takes_the_place_of_its_name_in_a_whole_url() {
        let scheme = AuthScheme {
            name: "key",
            carrier: Carrier::Query("api_key"),
            prefix: None,
            basic: false,
        };
        let core = Core::new("http://127.0.0.1:1/v1", Some((scheme, "s3cret".into()))).unwrap();
        let url = Url::parse("http://127.0.0.1:1/v1/items?page=2&api_key=old&q=a,b+c&api%5Fkey=x")
            .unwrap();
        let request = core
            .request_to(Method::GET, url, HeaderMap::new(), None, &[&["key"]])
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(
            request.url().query(),
            Some("page=2&q=a,b+c&api_key=s3cret"),
            "the other pairs stay as written"
        );
        let request = core
            .request(
                Method::GET,
                "/items",
                &[("page".into(), "2".into())],
                HeaderMap::new(),
                None,
                &[&["key"]],
            )
            .unwrap()
            .build()
            .unwrap();
        assert_eq!(
            request.url().as_str(),
            "http://127.0.0.1:1/v1/items?page=2&api_key=s3cret"
        );
    }

    #[test]
    fn debug_hides_the_token() {
        let scheme = AuthScheme {
            name: "auth",
            carrier: Carrier::Header("authorization"),
            prefix: Some("Bearer"),
            basic: false,
        };
        let core = Core::new("http://127.0.0.1:1", Some((scheme, "hunter2".into()))).unwrap();
        let shown = format!("{core:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
    }
}
