//! Reading a request body by its media type: the operation's documented media types decide
//! which `Content-Type`s are read and how ([`specgen_rules::media`] classifies both alike).

use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::StatusCode;
use specgen_rules::media::{self, Encoding};

use super::input::violation;
use super::{Files, Rejection};
use crate::error::{Code, ValidationErrors};
use crate::file::FilePart;
use crate::wire::{FormField, pairs};

/// The media types an operation's body may come in.
#[derive(Debug, Clone, Copy)]
pub struct Body {
    /// The documented media types, as the spec writes them.
    pub media: &'static [&'static str],
    /// The members of the body, when it may come as a form (urlencoded or multipart).
    pub form: Option<&'static [FormField]>,
    /// How the body is read when it comes as XML; `None` where no XML media type is
    /// documented.
    pub xml: Option<crate::xml::Form>,
}

impl Body {
    /// How a body sent with `content_type` is read: the documented media type of the same
    /// essence (JSON and its `+json` kin read alike, and so do XML's), else 415.
    pub(super) fn encoding_of(&self, content_type: Option<&str>) -> Result<Encoding, Rejection> {
        let sent = content_type
            .and_then(Encoding::of)
            .ok_or_else(|| self.unsupported())?;
        let documented = self.media.iter().any(|m| match Encoding::of(m) {
            Some(kind @ (Encoding::Json | Encoding::Xml)) => sent == kind,
            Some(_) => content_type.is_some_and(|c| media::covers(m, c)),
            None => false,
        });
        if documented {
            Ok(sent)
        } else {
            Err(self.unsupported())
        }
    }

    /// Whether a raw body sent with `content_type` is one the operation documents; a body
    /// without one is `application/octet-stream` (RFC 9110, 8.3).
    pub(super) fn covers_raw(&self, content_type: Option<&str>) -> bool {
        let sent = content_type.unwrap_or(media::OCTET_STREAM);
        Encoding::of(sent).is_some() && self.media.iter().any(|m| media::covers(m, sent))
    }

    /// The members a form is read into.
    pub(super) fn fields(&self) -> &'static [FormField] {
        self.form.unwrap_or_default()
    }

    /// 415, naming the media types the operation reads.
    pub(super) fn unsupported(&self) -> Rejection {
        Rejection::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("send the body as {}", self.media.join(" or ")),
        )
    }
}

/// The whole body, within the route's limit.
pub(super) async fn bytes(request: Request) -> Result<Bytes, Rejection> {
    Bytes::from_request(request, &())
        .await
        .map_err(|r| unreadable(&r, r.status(), r.body_text()))
}

/// The rejection of a body that could not be read: 408 when it stopped coming for longer than
/// [`super::Config::body_timeout`], else as axum tells (`status`, `text`).
fn unreadable(
    error: &(dyn std::error::Error + 'static),
    status: StatusCode,
    text: String,
) -> Rejection {
    let mut cause = Some(error);
    while let Some(error) = cause {
        if error.is::<super::exchange::BodyTimeout>() {
            return Rejection::new(
                StatusCode::REQUEST_TIMEOUT,
                "the body stopped coming for longer than the server waits",
            );
        }
        cause = error.source();
    }
    Rejection::new(status, text)
}

/// A text body as a JSON string, for decoding into the body's type; text that is not UTF-8
/// is a 400.
pub(super) async fn text(request: Request) -> Result<serde_json::Value, Rejection> {
    let bytes = bytes(request).await?;
    match String::from_utf8(bytes.to_vec()) {
        Ok(text) => Ok(serde_json::Value::String(text)),
        Err(_) => Err(Rejection::new(
            StatusCode::BAD_REQUEST,
            "the text body is not UTF-8",
        )),
    }
}

/// A form-urlencoded body as a JSON object, read by its members ([`pairs::read`]).
pub(super) async fn urlencoded(
    request: Request,
    fields: &[FormField],
) -> Result<serde_json::Value, Rejection> {
    let bytes = bytes(request).await?;
    let pairs = form_urlencoded::parse(&bytes);
    Ok(serde_json::Value::Object(pairs::read(pairs, fields)))
}

/// The members of a multipart body as a JSON object, its files, and the parts that break the
/// form's rules (a single-valued member sent more than once, a file without a file name).
pub(super) async fn multipart(
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
        |e: axum::extract::multipart::MultipartError| unreadable(&e, e.status(), e.body_text());
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
            if !field.many {
                // The file's place in the body, which the generated server fills from `files`.
                object.insert(name.clone(), serde_json::Value::Null);
            }
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
        add_member(&mut object, &mut broken, field, name, value);
    }
    Ok((object, files, broken))
}

/// Adds a text part's value: to its list for a list member (a list of objects may also come
/// as one JSON array part), else as the member, which may come once.
fn add_member(
    object: &mut serde_json::Map<String, serde_json::Value>,
    broken: &mut ValidationErrors,
    field: &FormField,
    name: String,
    value: serde_json::Value,
) {
    if field.many {
        let slot = object
            .entry(name)
            .or_insert_with(|| serde_json::Value::Array(Vec::new()));
        if let serde_json::Value::Array(items) = slot {
            match value {
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
