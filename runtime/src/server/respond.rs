//! Encoding a typed response: JSON, text, raw bytes (whole or streamed), JSON Lines,
//! server-sent events, XML by content negotiation, and the
//! headers of a deprecated operation.

use axum::http::header::{ACCEPT, CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::Event;
use crate::stream::{self, ByteStream, ItemStream};

fn status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// `code` when it is of `class` (`4` for 4xx), else 500: an implementation answering a
/// documented class with a code outside it has made a mistake the client must not mistake
/// for a documented answer.
pub fn in_class(code: u16, class: u16) -> u16 {
    if code / 100 == class { code } else { 500 }
}

/// A JSON answer. A body that cannot be serialized (a file in it) is the implementation's
/// fault, answered with 500.
pub fn json<T: Serialize>(code: u16, body: &T) -> Response {
    json_as(code, "application/json", body)
}

/// A JSON answer sent as `media`, a `+json` type (`application/problem+json`).
pub fn json_as<T: Serialize>(code: u16, media: &'static str, body: &T) -> Response {
    match serde_json::to_vec(body) {
        Ok(bytes) => (status(code), [(CONTENT_TYPE, media)], bytes).into_response(),
        Err(error) => server_error(&error.to_string()),
    }
}

/// A raw answer, sent as it is.
pub fn bytes(code: u16, media_type: &'static str, body: bytes::Bytes) -> Response {
    (status(code), [(CONTENT_TYPE, media_type)], body).into_response()
}

/// A raw answer, sent as it comes. A stream that fails cuts the answer short.
pub fn byte_stream(code: u16, media_type: &'static str, body: ByteStream) -> Response {
    let body = axum::body::Body::from_stream(body);
    (status(code), [(CONTENT_TYPE, media_type)], body).into_response()
}

/// An answer of JSON Lines, an item a line, each sent as it comes.
pub fn lines<T: Serialize + Send + 'static>(
    code: u16,
    media_type: &'static str,
    items: ItemStream<T>,
) -> Response {
    byte_stream(code, media_type, stream::lines::encode(items))
}

/// An answer of server-sent events, each `data` as JSON, or as the text itself where
/// `text`; marked `Cache-Control: no-cache`, as proxies must not hold it back.
pub fn events<T: Serialize + Send + 'static>(
    code: u16,
    events: ItemStream<Event<T>>,
    text: bool,
) -> Response {
    let body = stream::events::encode(events, text);
    let mut response = byte_stream(code, "text/event-stream", body);
    let no_cache = HeaderValue::from_static("no-cache");
    response.headers_mut().insert(CACHE_CONTROL, no_cache);
    response
}

/// A text answer.
pub fn text(code: u16, media_type: &'static str, body: String) -> Response {
    (status(code), [(CONTENT_TYPE, media_type)], body).into_response()
}

/// An answer without a body.
pub fn empty(code: u16) -> Response {
    status(code).into_response()
}

/// An XML answer in `media`, in `form` ([`crate::xml`]'s rules).
pub fn xml<T: Serialize + ?Sized>(
    code: u16,
    media: &'static str,
    form: &crate::xml::Form,
    body: &T,
) -> Response {
    match crate::xml::to_string(form, body) {
        Ok(text) => {
            let media = specgen_rules::media::with_charset(media);
            (status(code), [(CONTENT_TYPE, media)], text).into_response()
        }
        Err(error) => server_error(&error.to_string()),
    }
}

/// How an answer documented both as JSON and as XML is sent: the documented media type of
/// each, and the root element of the XML form.
#[derive(Debug, Clone, Copy)]
pub struct Negotiated {
    /// The JSON media type (`application/json`, or a `+json` type).
    pub json: &'static str,
    /// The XML media type (`text/xml`, `application/xml`, or a `+xml` type).
    pub xml: &'static str,
    /// The names of the XML form.
    pub form: crate::xml::Form,
}

/// JSON or XML, whichever the request's `Accept` header prefers (JSON when it does not say),
/// each in its documented media type.
pub fn json_or_xml<T: Serialize>(
    headers: &HeaderMap,
    code: u16,
    forms: &Negotiated,
    body: &T,
) -> Response {
    if prefers_xml(headers, forms) {
        xml(code, forms.xml, &forms.form, body)
    } else {
        json_as(code, forms.json, body)
    }
}

fn server_error(detail: &str) -> Response {
    let body = serde_json::json!({
        "type": "about:blank",
        "title": "Internal Server Error",
        "status": 500,
        "detail": format!("the answer cannot be encoded: {detail}"),
    });
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(CONTENT_TYPE, "application/problem+json")],
        body.to_string(),
    )
        .into_response()
}

/// Whether `Accept` ranks XML above JSON. Each media range's weight counts; at equal weight
/// the more specific range wins (a documented type or the plain `…/json`, `…/xml` ones, then
/// its `type/*`, then `*/*`), and JSON wins a tie.
pub fn prefers_xml(headers: &HeaderMap, forms: &Negotiated) -> bool {
    let mut json = (0_u16, 0_u8);
    let mut xml = (0_u16, 0_u8);
    for value in headers.get_all(ACCEPT) {
        let Ok(value) = value.to_str() else { continue };
        for range in value.split(',') {
            let mut pieces = range.split(';');
            let media = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
            let weight = pieces
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .map_or(1000, |q| (q.clamp(0.0, 1.0) * 1000.0) as u16);
            if let Some(r) = rank(&media, forms.json, &["application/json"]) {
                json = json.max((weight, r));
            }
            if let Some(r) = rank(&media, forms.xml, &["text/xml", "application/xml"]) {
                xml = xml.max((weight, r));
            }
        }
    }
    xml > json
}

/// How closely the media range `asked` names `documented`: 3 for it (or one of `plain`), 2
/// for its `type/*`, 1 for `*/*`.
fn rank(asked: &str, documented: &str, plain: &[&str]) -> Option<u8> {
    let documented = specgen_rules::media::essence(documented).to_ascii_lowercase();
    let kind = documented.split('/').next().unwrap_or("");
    if asked == documented || plain.contains(&asked) {
        Some(3)
    } else if asked.strip_suffix("/*") == Some(kind) {
        Some(2)
    } else if asked == "*/*" {
        Some(1)
    } else {
        None
    }
}

/// `response` with the header `name` set to `value`: nothing for `None`, one line per element
/// of a list. A value that is no header value (a line break in it) is the implementation's
/// mistake, answered with 500.
pub fn header<T: Serialize>(mut response: Response, name: &'static str, value: &T) -> Response {
    let texts = match crate::wire::texts(value) {
        Ok(texts) => texts,
        Err(error) => return server_error(&error.to_string()),
    };
    let name = axum::http::HeaderName::from_static(name);
    for text in texts {
        match HeaderValue::from_str(&text) {
            Ok(value) => {
                response.headers_mut().append(name.clone(), value);
            }
            Err(_) => return server_error(&format!("`{name}` is not a valid header value")),
        }
    }
    response
}

/// Marks the answer of a deprecated operation: `Deprecation: true`, and `Sunset` when the
/// spec gives the date as an HTTP date.
pub fn deprecated(mut response: Response, sunset: Option<&'static str>) -> Response {
    let headers = response.headers_mut();
    headers.insert("deprecation", HeaderValue::from_static("true"));
    if let Some(sunset) = sunset {
        headers.insert("sunset", HeaderValue::from_static(sunset));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_str(value).unwrap());
        headers
    }

    const TEXT_XML: Negotiated = Negotiated {
        json: "application/json",
        xml: "text/xml",
        form: crate::xml::Form::PLAIN,
    };

    #[test]
    fn negotiates() {
        let prefers = |value: &str| prefers_xml(&accept(value), &TEXT_XML);
        assert!(!prefers_xml(&HeaderMap::new(), &TEXT_XML));
        assert!(prefers("text/xml"));
        assert!(prefers("application/xml, application/json;q=0.5"));
        assert!(!prefers("application/json, text/xml"));
        assert!(!prefers("*/*"));
        assert!(prefers("text/*, */*;q=0.1"));
    }

    #[test]
    fn negotiates_the_documented_types() {
        let vendor = Negotiated {
            json: "application/vnd.acme+json",
            xml: "application/vnd.acme+xml",
            form: crate::xml::Form::PLAIN,
        };
        let prefers = |value: &str| prefers_xml(&accept(value), &vendor);
        assert!(prefers("application/vnd.acme+xml"));
        assert!(!prefers(
            "application/vnd.acme+json, application/vnd.acme+xml"
        ));
        assert!(!prefers("application/*"), "a tie goes to JSON");
        let answer = json_or_xml(&accept("application/xml"), 200, &vendor, &1);
        assert_eq!(
            answer.headers()[CONTENT_TYPE],
            "application/vnd.acme+xml; charset=utf-8"
        );
        let answer = json_or_xml(&HeaderMap::new(), 200, &vendor, &1);
        assert_eq!(answer.headers()[CONTENT_TYPE], "application/vnd.acme+json");
    }
}
