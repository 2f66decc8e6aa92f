//! Reading a request's inputs: credentials, parameters and body, each checked against the
//! spec. Every failing field is recorded; the route asks for [`Input::invalid`] at the end,
//! so one answer names all of them.

use axum::body::Bytes;
use axum::extract::rejection::RawPathParamsRejection;
use axum::extract::{RawPathParams, Request};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE, COOKIE, TRANSFER_ENCODING};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use specgen_rules::media::Encoding;

use super::body::{self, Body};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use futures_util::TryStreamExt;

use super::{Answers, Config, Files, Rejection, StreamLimit};
use crate::decode::{self, DecodeError};
use crate::error::{Code, ValidationErrors, Violation};
use crate::secret::{AuthScheme, Carrier, Secret};
use crate::stream::{ByteStream, StreamError};
use crate::validate::Validate;
use crate::wire::{FormField, InvalidInput, Kind, Location, Param, Style, pairs};

/// The path parameters as axum matched them (percent-decoded), or why they could not be.
pub type PathArgs = Result<RawPathParams, RawPathParamsRejection>;

/// A request being read.
pub struct Input {
    parts: Parts,
    body: Option<axum::body::Body>,
    path: Option<Vec<(String, String)>>,
    invalid: InvalidInput,
    /// Set once a streamed body has grown past the route's limit.
    overflowed: Arc<AtomicBool>,
}

/// How many violations a 400 lists: the router's [`Config::max_errors`], which
/// [`Config::apply_to`] puts in every request's extensions.
fn max_errors(parts: &Parts) -> usize {
    parts
        .extensions
        .get::<Config>()
        .copied()
        .unwrap_or_default()
        .max_errors
}

impl Input {
    /// Starts reading `request`.
    pub fn new(request: Request, path: PathArgs) -> Self {
        let (parts, body) = request.into_parts();
        // Parameters that are not percent-encoded UTF-8 have no text; `params` names them.
        let path = path.ok().map(|params| {
            params
                .iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect()
        });
        Input {
            invalid: InvalidInput::with_limit(max_errors(&parts)),
            parts,
            body: Some(body),
            path,
            overflowed: Arc::default(),
        }
    }

    /// The request headers (until the body is read: reading it takes the request apart).
    pub fn headers(&self) -> &axum::http::HeaderMap {
        &self.parts.headers
    }

    /// The credential of `scheme`, if it is sent once, where the scheme says, in its form.
    pub fn credentials(&self, scheme: &AuthScheme) -> Result<Secret, Rejection> {
        let (values, place) = match scheme.carrier {
            Carrier::Header(name) => (self.header_values(name), format!("the `{name}` header")),
            Carrier::Query(name) => (
                self.query_values(name),
                format!("the `{name}` query parameter"),
            ),
            Carrier::Cookie(name) => (self.cookie_values(name), format!("the `{name}` cookie")),
        };
        let value = match values.as_slice() {
            [one] => one,
            [] => return Err(Rejection::unauthorized(format!("{place} is missing"))),
            _ => return Err(Rejection::unauthorized(format!("send {place} once"))),
        };
        value
            .as_deref()
            .and_then(|v| scheme.token_in(v))
            .ok_or_else(|| {
                let expected = match scheme.prefix {
                    Some(prefix) => format!("`{prefix} <token>`"),
                    None => "the token".to_owned(),
                };
                Rejection::unauthorized(format!("{place} must be {expected}"))
            })
    }

    /// The credentials of the first of `alternatives` (each a set of schemes sent together)
    /// whose every credential is sent in its form; else the first alternative's rejection.
    pub fn credentials_for(
        &self,
        alternatives: &[&[AuthScheme]],
    ) -> Result<Credentials, Rejection> {
        let mut first_failure = None;
        for all in alternatives {
            let found: Result<Vec<(&'static str, Secret)>, Rejection> = all
                .iter()
                .map(|scheme| self.credentials(scheme).map(|token| (scheme.name, token)))
                .collect();
            match found {
                Ok(found) => return Ok(Credentials(found)),
                Err(rejection) => {
                    first_failure.get_or_insert(rejection);
                }
            }
        }
        Err(first_failure.unwrap_or_else(|| Rejection::unauthorized("no credential is sent")))
    }

    /// Every value of header `name`, `None` for one that is not visible ASCII.
    fn header_values(&self, name: &str) -> Vec<Option<String>> {
        self.parts
            .headers
            .get_all(name)
            .iter()
            .map(|v| v.to_str().ok().map(str::to_owned))
            .collect()
    }

    /// Every value of query parameter `name`.
    fn query_values(&self, name: &str) -> Vec<Option<String>> {
        let query = self.parts.uri.query().unwrap_or("");
        form_urlencoded::parse(query.as_bytes())
            .filter(|(k, _)| k == name)
            .map(|(_, v)| Some(v.into_owned()))
            .collect()
    }

    /// Every value of cookie `name`, across the `Cookie` headers.
    fn cookie_values(&self, name: &str) -> Vec<Option<String>> {
        let mut out = Vec::new();
        for header in self.parts.headers.get_all(COOKIE) {
            let Ok(text) = header.to_str() else {
                continue;
            };
            for pair in text.split(';') {
                if let Some((k, v)) = pair.trim().split_once('=')
                    && k == name
                {
                    out.push(Some(v.trim_matches('"').to_owned()));
                }
            }
        }
        out
    }

    /// The parameters, decoded and validated; `None` when any of them fails (recorded).
    pub fn params<P: DeserializeOwned + Validate>(&mut self, params: &[Param]) -> Option<P> {
        let mut object = serde_json::Map::new();
        let mut errors = ValidationErrors::with_limit(self.invalid.limit());
        let query: Vec<(String, String)> = self
            .parts
            .uri
            .query()
            .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
            .unwrap_or_default();
        for param in params {
            let value = match param.kind {
                Kind::Object(_) | Kind::Map(_) => object_param(param, &query, &mut errors),
                _ => match self.texts(param, &query, &mut errors) {
                    Some(texts) => plain_param(param, &texts),
                    None => continue,
                },
            };
            // Absent, with a documented default: the default.
            let value = value.or_else(|| {
                param
                    .default
                    .map(|json| serde_json::from_str(json).unwrap_or(serde_json::Value::Null))
            });
            if let Some(value) = value {
                object.insert(param.name.to_owned(), value);
            }
        }
        if !errors.is_empty() {
            self.invalid.params(errors, params);
            return None;
        }
        let limit = self.invalid.limit();
        let decoded = crate::wire::reading_from_texts(|| {
            decode::from_json_value_keeping(serde_json::Value::Object(object), limit)
        });
        match decoded {
            Ok(value) => Some(value),
            Err(error) => {
                self.invalid.params(into_errors(error), params);
                None
            }
        }
    }

    /// Every text sent for a plain (or list) parameter where it travels; `None` when it cannot
    /// be read (recorded).
    fn texts(
        &self,
        param: &Param,
        query: &[(String, String)],
        errors: &mut ValidationErrors,
    ) -> Option<Vec<String>> {
        let pointer = || format!("/{}", param.name);
        Some(match param.location {
            Location::Path => match &self.path {
                Some(path) => named(path, param.name),
                None => {
                    errors.push(violation(
                        &pointer(),
                        Code::Type,
                        "is not percent-encoded UTF-8",
                    ));
                    return None;
                }
            },
            Location::Query => named(query, param.name),
            Location::Cookie => self
                .cookie_values(param.name)
                .into_iter()
                .flatten()
                .collect(),
            Location::Header | Location::Body => {
                let mut texts = Vec::new();
                for value in self.parts.headers.get_all(param.name) {
                    match value.to_str() {
                        Ok(text) => texts.push(text.to_owned()),
                        Err(_) => {
                            errors.push(violation(&pointer(), Code::Type, "is not visible ASCII"))
                        }
                    }
                }
                texts
            }
        })
    }

    /// The body, decoded and validated, with its files when it came as multipart.
    /// A body the operation cannot read at all (wrong media type, too large, malformed) is
    /// an `Err`; a body that breaks the spec is `Ok(None)` (recorded).
    pub async fn body<B: DeserializeOwned + Validate>(
        &mut self,
        accepts: &Body,
    ) -> Result<Option<(B, Files)>, Rejection> {
        if !self.sent_body() {
            return Err(no_body());
        }
        let content_type = self.content_type();
        let encoding = accepts.encoding_of(content_type.as_deref())?;
        let request = self.take_request();
        let limit = self.invalid.limit();
        let (value, files) = match (encoding, accepts.xml) {
            (Encoding::Json, _) => {
                let bytes = body::bytes(request).await?;
                let decoded = decode::from_json_slice_keeping::<B>(&bytes, limit);
                return self.decoded(decoded);
            }
            (Encoding::Xml, Some(xml)) => {
                let bytes = body::bytes(request).await?;
                let decoded = decode::from_xml_slice_keeping::<B>(&bytes, &xml, limit);
                return self.decoded(decoded);
            }
            (Encoding::Form, _) => (
                body::urlencoded(request, accepts.fields()).await?,
                Files::default(),
            ),
            (Encoding::Multipart, _) => {
                let (object, files, broken) = body::multipart(request, accepts.fields()).await?;
                if !broken.is_empty() {
                    self.invalid.body(broken);
                    return Ok(None);
                }
                (serde_json::Value::Object(object), files)
            }
            (Encoding::Text, _) => (body::text(request).await?, Files::default()),
            (Encoding::Xml | Encoding::Bytes | Encoding::Lines | Encoding::Events, _) => {
                return Err(accepts.unsupported());
            }
        };
        // A multipart body holds `null` where a file came as a part of its own; a form's
        // members are texts.
        let decoded = crate::file::with_file_places(|| {
            crate::wire::reading_from_texts(|| decode::from_json_value_keeping::<B>(value, limit))
        });
        match decoded {
            Ok(body) => Ok(Some((body, files))),
            Err(error) => {
                self.invalid.body(into_errors(error));
                Ok(None)
            }
        }
    }

    /// A whole document's decoding: the body; 400 for one that is not well-formed; `None`
    /// for one that breaks the spec (recorded).
    fn decoded<B>(
        &mut self,
        decoded: Result<B, DecodeError>,
    ) -> Result<Option<(B, Files)>, Rejection> {
        match decoded {
            Ok(body) => Ok(Some((body, Files::default()))),
            Err(error @ (DecodeError::Syntax { .. } | DecodeError::Xml(_))) => {
                Err(Rejection::new(StatusCode::BAD_REQUEST, error.to_string()))
            }
            Err(error) => {
                self.invalid.body(into_errors(error));
                Ok(None)
            }
        }
    }

    /// A raw body, as it came, when its `Content-Type` is one the operation documents.
    pub async fn raw_body(&mut self, accepts: &Body) -> Result<Option<(Bytes, Files)>, Rejection> {
        self.raw_sent(accepts)?;
        let bytes = body::bytes(self.take_request()).await?;
        Ok(Some((bytes, Files::default())))
    }

    /// A raw body, as it comes, when its `Content-Type` is one the operation documents. A
    /// `Content-Length` over the route's [`StreamLimit`] is a 413 at once; a body that grows
    /// past it ends with [`StreamError::TooLarge`](crate::StreamError::TooLarge).
    pub fn byte_stream(
        &mut self,
        accepts: &Body,
    ) -> Result<Option<(ByteStream, Files)>, Rejection> {
        self.raw_sent(accepts)?;
        let limit = self
            .parts
            .extensions
            .get::<StreamLimit>()
            .copied()
            .unwrap_or_default()
            .0;
        let declared = self.parts.headers.get(CONTENT_LENGTH);
        if let Some(length) = declared.and_then(|v| v.to_str().ok()?.parse::<u64>().ok())
            && length > limit
        {
            return Err(Rejection::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("the body may be at most {limit} bytes"),
            ));
        }
        let body = self.body.take().unwrap_or_default().into_data_stream();
        let overflowed = self.overflowed.clone();
        let body = ByteStream::new(body)
            .limited(limit)
            .inspect_err(move |error| {
                if matches!(error, StreamError::TooLarge { .. }) {
                    overflowed.store(true, Ordering::Relaxed);
                }
            });
        Ok(Some((ByteStream::from_results(body), Files::default())))
    }

    /// `response`, or 413 in its place when the streamed body grew past the route's limit
    /// while the implementation read it: whatever it answered, it did not have the whole body.
    pub fn bounded(
        &self,
        response: axum::response::Response,
        answers: &Answers,
    ) -> axum::response::Response {
        if !self.overflowed.load(Ordering::Relaxed) {
            return response;
        }
        Rejection::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "the body is larger than this operation reads",
        )
        .into_response(answers)
    }

    /// A raw body is sent, in a media type the operation documents: else 400 or 415.
    fn raw_sent(&self, accepts: &Body) -> Result<(), Rejection> {
        if !self.sent_body() {
            return Err(no_body());
        }
        if !accepts.covers_raw(self.content_type().as_deref()) {
            return Err(accepts.unsupported());
        }
        Ok(())
    }

    /// Whether the request carries a body: a `Content-Type`, a chunked body, or a non-zero
    /// `Content-Length`. Without one, an operation whose body may be left out gets `None`,
    /// and any other answers 400.
    pub fn sent_body(&self) -> bool {
        let headers = &self.parts.headers;
        headers.contains_key(CONTENT_TYPE)
            || headers.contains_key(TRANSFER_ENCODING)
            || headers
                .get(CONTENT_LENGTH)
                .is_some_and(|length| length.as_bytes() != b"0")
    }

    /// The request's `Content-Type`, if it is visible ASCII.
    fn content_type(&self) -> Option<String> {
        self.parts
            .headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }

    /// The request with its parts (the body limit is among its extensions) and its body. The
    /// body is read last, so the parts move out rather than being copied.
    fn take_request(&mut self) -> Request {
        let (empty, ()) = Request::new(()).into_parts();
        let parts = std::mem::replace(&mut self.parts, empty);
        Request::from_parts(parts, self.body.take().unwrap_or_default())
    }

    /// 400 naming every failing input recorded so far.
    pub fn invalid(self) -> Rejection {
        Rejection::invalid(self.invalid)
    }
}

/// Every value sent under `name`.
fn named(pairs: &[(String, String)], name: &str) -> Vec<String> {
    pairs
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .collect()
}

/// The JSON value of a plain parameter or list from its texts; `None` when it is absent.
fn plain_param(param: &Param, texts: &[String]) -> Option<serde_json::Value> {
    let read = |text: &str| param.kind.read(text);
    Some(match (param.style, texts) {
        (_, []) => return None,
        // A list sent as one value: its elements, whatever their number.
        // (`ids=` is the empty list, as OpenAPI writes one).
        (Style::Joined(_), [one]) if one.is_empty() => serde_json::Value::Array(Vec::new()),
        (Style::Joined(joiner), [one]) => one.split(joiner).map(read).collect(),
        (_, [one]) if param.many => vec![read(one)].into(),
        (_, [one]) => read(one),
        (_, many) => many.iter().map(|t| read(t)).collect(),
    })
}

/// The JSON value of an object or map parameter from the query, as its style spells it;
/// `None` when nothing of it is sent (or it cannot be read: recorded).
fn object_param(
    param: &Param,
    query: &[(String, String)],
    errors: &mut ValidationErrors,
) -> Option<serde_json::Value> {
    let found = |object: serde_json::Map<String, serde_json::Value>| {
        (!object.is_empty()).then_some(serde_json::Value::Object(object))
    };
    let members = match param.kind {
        Kind::Object(members) => members,
        _ => &[],
    };
    match param.style {
        Style::Deep => {
            let whole = [FormField {
                name: param.name,
                kind: param.kind,
                many: false,
            }];
            pairs::read(query.iter().map(|(k, v)| (k, v)), &whole).remove(param.name)
        }
        Style::Exploded => found(pairs::read(query.iter().map(|(k, v)| (k, v)), members)),
        Style::Joined(joiner) => {
            let pointer = format!("/{}", param.name);
            match named(query, param.name).as_slice() {
                [] => None,
                [line] => match pairs::pairs_in_line(line, joiner) {
                    Some(pairs) => {
                        // The line has room for the members only: another name is refused.
                        let unknown = pairs
                            .iter()
                            .filter(|(name, _)| !members.iter().any(|m| m.name == *name));
                        for (name, _) in unknown {
                            let mut at = pointer.clone();
                            crate::path::push_segment(&mut at, name);
                            errors.push(violation(&at, Code::Type, "is not a member"));
                        }
                        Some(serde_json::Value::Object(pairs::read(pairs, members)))
                    }
                    None => {
                        let message =
                            format!("is not member names and values in turn, joined by `{joiner}`");
                        errors.push(violation(&pointer, Code::Type, &message));
                        None
                    }
                },
                _ => {
                    errors.push(violation(&pointer, Code::Type, "is sent more than once"));
                    None
                }
            }
        }
    }
}

/// The credentials a request carries for an operation with several schemes, by scheme name.
#[derive(Debug, Clone, Default)]
pub struct Credentials(Vec<(&'static str, Secret)>);

impl Credentials {
    /// The credential sent for `scheme`, if the alternative taken has it.
    pub fn get(&self, scheme: &str) -> Option<&Secret> {
        self.0.iter().find(|(s, _)| *s == scheme).map(|(_, t)| t)
    }

    /// Each `(scheme, credential)` sent.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &Secret)> {
        self.0.iter().map(|(s, t)| (*s, t))
    }
}

/// 400 for a request without the body its operation needs.
fn no_body() -> Rejection {
    Rejection::new(StatusCode::BAD_REQUEST, "the request needs a body")
}

pub(super) fn violation(pointer: &str, code: Code, message: &str) -> Violation {
    Violation {
        pointer: pointer.to_owned(),
        code,
        limit: None,
        message: message.to_owned(),
    }
}

fn into_errors(error: DecodeError) -> ValidationErrors {
    match error {
        DecodeError::Invalid(errors) => errors,
        syntax @ (DecodeError::Syntax { .. } | DecodeError::Xml(_)) => {
            let mut errors = ValidationErrors::new();
            errors.push(violation("", Code::Syntax, &syntax.to_string()));
            errors
        }
    }
}
