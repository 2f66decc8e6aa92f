//! Reading a request's inputs: credentials, parameters and body, each checked against the
//! spec. Every failing field is recorded; the route asks for [`Input::invalid`] at the end,
//! so one answer names all of them.

use axum::body::Bytes;
use axum::extract::rejection::RawPathParamsRejection;
use axum::extract::{FromRequest, Multipart, RawPathParams, Request};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use super::{Files, Rejection};
use crate::decode::{self, DecodeError};
use crate::error::{Code, ValidationErrors, Violation};
use crate::file::FilePart;
use crate::secret::{AuthScheme, Secret};
use crate::validate::Validate;
use crate::wire::{FormField, InvalidInput, Location, Param};

/// The path parameters as axum matched them (percent-decoded), or why they could not be.
pub type PathArgs = Result<RawPathParams, RawPathParamsRejection>;

/// The media types an operation's body may come in.
#[derive(Debug, Clone, Copy)]
pub struct Body {
    /// Whether `application/json` (or any `+json` type) is accepted.
    pub json: bool,
    /// The members of a multipart/form-data body, if that is accepted.
    pub form: Option<&'static [FormField]>,
}

/// A request being read.
pub struct Input {
    parts: Parts,
    body: Option<axum::body::Body>,
    path: Option<Vec<(String, String)>>,
    invalid: InvalidInput,
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
            parts,
            body: Some(body),
            path,
            invalid: InvalidInput::new(),
        }
    }

    /// The request headers (until the body is read: reading it takes the request apart).
    pub fn headers(&self) -> &axum::http::HeaderMap {
        &self.parts.headers
    }

    /// The token, if the credential header is present and has the scheme's form.
    pub fn credentials(&self, scheme: &AuthScheme) -> Result<Secret, Rejection> {
        // Read on every request: nothing is allocated unless the credential is turned away.
        let mut values = self.parts.headers.get_all(scheme.header).iter();
        let value = match (values.next(), values.next()) {
            (Some(value), None) => value,
            (None, _) => {
                return Err(Rejection::unauthorized(format!(
                    "the `{}` header is missing",
                    scheme.header
                )));
            }
            (Some(_), Some(_)) => {
                return Err(Rejection::unauthorized(format!(
                    "send the `{}` header once",
                    scheme.header
                )));
            }
        };
        value
            .to_str()
            .ok()
            .and_then(|v| scheme.token_in(v))
            .ok_or_else(|| {
                let expected = match scheme.prefix {
                    Some(prefix) => format!("`{prefix} <token>`"),
                    None => "the token".to_owned(),
                };
                Rejection::unauthorized(format!(
                    "the `{}` header must be {expected}",
                    scheme.header
                ))
            })
    }

    /// The parameters, decoded and validated; `None` when any of them fails (recorded).
    pub fn params<P: DeserializeOwned + Validate>(&mut self, params: &[Param]) -> Option<P> {
        let mut object = serde_json::Map::new();
        let mut errors = ValidationErrors::new();
        let query: Vec<(String, String)> = self
            .parts
            .uri
            .query()
            .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
            .unwrap_or_default();
        for param in params {
            let texts: Vec<String> = match param.location {
                Location::Path => match &self.path {
                    Some(path) => named(path, param.name),
                    None => {
                        errors.push(violation(
                            &format!("/{}", param.name),
                            Code::Type,
                            "is not percent-encoded UTF-8",
                        ));
                        continue;
                    }
                },
                Location::Query => named(&query, param.name),
                Location::Header | Location::Body => {
                    let mut texts = Vec::new();
                    for value in self.parts.headers.get_all(param.name) {
                        match value.to_str() {
                            Ok(text) => texts.push(text.to_owned()),
                            Err(_) => errors.push(violation(
                                &format!("/{}", param.name),
                                Code::Type,
                                "is not visible ASCII",
                            )),
                        }
                    }
                    texts
                }
            };
            let value = match texts.as_slice() {
                [] => continue,
                [one] => param.kind.read(one),
                many => many.iter().map(|t| param.kind.read(t)).collect(),
            };
            object.insert(param.name.to_owned(), value);
        }
        if !errors.is_empty() {
            self.invalid.params(errors, params);
            return None;
        }
        match decode::from_json_value(serde_json::Value::Object(object)) {
            Ok(value) => Some(value),
            Err(error) => {
                self.invalid.params(into_errors(error), params);
                None
            }
        }
    }

    /// The body, decoded and validated, with its files when it came as multipart.
    /// A body the operation cannot read at all (wrong media type, too large, malformed) is
    /// an `Err`; a body that breaks the spec is `Ok(None)` (recorded).
    pub async fn body<B: DeserializeOwned + Validate>(
        &mut self,
        accepts: &Body,
    ) -> Result<Option<(B, Files)>, Rejection> {
        let media = self
            .parts
            .headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| essence(v).to_ascii_lowercase());
        let request = self.take_request();
        match media.as_deref() {
            Some(m) if accepts.json && (m == "application/json" || m.ends_with("+json")) => {
                let bytes = Bytes::from_request(request, &())
                    .await
                    .map_err(|r| Rejection::new(r.status(), r.body_text()))?;
                match decode::from_json_slice::<B>(&bytes) {
                    Ok(body) => Ok(Some((body, Files::default()))),
                    Err(error @ DecodeError::Syntax { .. }) => {
                        Err(Rejection::new(StatusCode::BAD_REQUEST, error.to_string()))
                    }
                    Err(error) => {
                        self.invalid.body(into_errors(error));
                        Ok(None)
                    }
                }
            }
            Some("multipart/form-data") if accepts.form.is_some() => {
                let fields = accepts.form.unwrap_or_default();
                let (object, files, broken) = read_form(request, fields).await?;
                if !broken.is_empty() {
                    self.invalid.body(broken);
                    return Ok(None);
                }
                match decode::from_json_value::<B>(serde_json::Value::Object(object)) {
                    Ok(body) => Ok(Some((body, files))),
                    Err(error) => {
                        self.invalid.body(into_errors(error));
                        Ok(None)
                    }
                }
            }
            _ => {
                let mut accepted = Vec::new();
                if accepts.json {
                    accepted.push("application/json");
                }
                if accepts.form.is_some() {
                    accepted.push("multipart/form-data");
                }
                Err(Rejection::new(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    format!("send the body as {}", accepted.join(" or ")),
                ))
            }
        }
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

/// The media type without its parameters.
fn essence(content_type: &str) -> &str {
    content_type.split(';').next().unwrap_or("").trim()
}

fn violation(pointer: &str, code: Code, message: &str) -> Violation {
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
        syntax @ DecodeError::Syntax { .. } => {
            let mut errors = ValidationErrors::new();
            errors.push(violation("", Code::Syntax, &syntax.to_string()));
            errors
        }
    }
}

/// The members of a multipart body as a JSON object, its files, and the parts that break the
/// form's rules (a single-valued member sent more than once, a file without a file name).
async fn read_form(
    request: Request,
    fields: &[FormField],
) -> Result<
    (
        serde_json::Map<String, serde_json::Value>,
        Files,
        ValidationErrors,
    ),
    Rejection,
> {
    let reject =
        |e: axum::extract::multipart::MultipartError| Rejection::new(e.status(), e.body_text());
    let mut multipart = Multipart::from_request(request, &())
        .await
        .map_err(|r| Rejection::new(r.status(), r.body_text()))?;
    let mut object = serde_json::Map::new();
    let mut files = Files::default();
    let mut broken = ValidationErrors::new();
    while let Some(part) = multipart.next_field().await.map_err(reject)? {
        let name = part.name().unwrap_or("").to_owned();
        let Some(field) = fields.iter().find(|f| f.name == name) else {
            // Undocumented parts are read and dropped, as unknown JSON members are.
            part.bytes().await.map_err(reject)?;
            continue;
        };
        if field.kind == crate::wire::Kind::File {
            if part.file_name().is_none() {
                // A part without a file name is a text field (RFC 7578, 4.2), not a file.
                part.bytes().await.map_err(reject)?;
                broken.push(violation(
                    &format!("/{name}"),
                    Code::Type,
                    "is a file: send it as a part with a filename",
                ));
                continue;
            }
            let file = FilePart {
                file_name: part.file_name().map(str::to_owned),
                media_type: part.content_type().map(str::to_owned),
                bytes: Vec::new(),
            };
            let bytes = part.bytes().await.map_err(reject)?;
            files.push(
                name,
                FilePart {
                    bytes: bytes.to_vec(),
                    ..file
                },
            );
            continue;
        }
        let bytes = part.bytes().await.map_err(reject)?;
        let value = match std::str::from_utf8(&bytes) {
            Ok(text) => field.kind.read(text),
            // Not text: a type error at the member, reported by decoding.
            Err(_) => serde_json::Value::Array(Vec::new()),
        };
        if field.many {
            let slot = object
                .entry(name)
                .or_insert_with(|| serde_json::Value::Array(Vec::new()));
            if let serde_json::Value::Array(items) = slot {
                match value {
                    // A list of objects may also come as one JSON array part.
                    serde_json::Value::Array(objects) if objects.iter().all(|o| o.is_object()) => {
                        items.extend(objects);
                    }
                    value => items.push(value),
                }
            }
        } else if object.contains_key(&name) {
            broken.push(violation(
                &format!("/{name}"),
                Code::Type,
                "is sent more than once",
            ));
        } else {
            object.insert(name, value);
        }
    }
    Ok((object, files, broken))
}
