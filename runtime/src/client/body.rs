//! Request bodies by media type: JSON (any `+json` type), XML, form-urlencoded, text and
//! raw bytes. Multipart bodies are built by [`super::Form`].

use bytes::Bytes;
use reqwest::RequestBuilder;
use reqwest::header::CONTENT_TYPE;
use serde::Serialize;
use specgen_rules::media;

use super::Error;
use crate::stream::ByteStream;
use crate::wire::{FormField, pairs};

/// Sets `body` as the JSON body of `request`, sent as `media` (`application/json`, or a
/// `+json` type such as `application/merge-patch+json`).
pub fn json_body<T: Serialize>(
    request: RequestBuilder,
    media: &'static str,
    body: &T,
) -> Result<RequestBuilder, Error> {
    let bytes = serde_json::to_vec(body).map_err(|e| Error::Encode(e.to_string()))?;
    Ok(request.header(CONTENT_TYPE, media).body(bytes))
}

/// Sets `body` as the XML body of `request` in `form`, sent as `media` ([`crate::xml`]'s
/// rules).
pub fn xml_body<T: Serialize>(
    request: RequestBuilder,
    media: &'static str,
    form: &crate::xml::Form,
    body: &T,
) -> Result<RequestBuilder, Error> {
    let text = crate::xml::to_string(form, body).map_err(|e| Error::Encode(e.to_string()))?;
    Ok(request
        .header(CONTENT_TYPE, media::with_charset(media))
        .body(text))
}

/// Sets `body` as an `application/x-www-form-urlencoded` body: one `name=value` pair per
/// member in `fields` order, a list as one pair per element, an object's or map's members
/// in brackets (`address[city]=Oslo`); absent and `null` members left out.
pub fn form_body<T: Serialize>(
    request: RequestBuilder,
    body: &T,
    fields: &[FormField],
) -> Result<RequestBuilder, Error> {
    let encoded = form_text(body, fields)?;
    Ok(request
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(encoded))
}

fn form_text<T: Serialize>(body: &T, fields: &[FormField]) -> Result<String, Error> {
    let value = serde_json::to_value(body).map_err(|e| Error::Encode(e.to_string()))?;
    let serde_json::Value::Object(members) = value else {
        return Err(Error::Encode("a form body must be an object".into()));
    };
    let mut pairs = Vec::new();
    for field in fields {
        if let Some(value) = members.get(field.name) {
            pairs::write(Some(field.name), value, &mut pairs)
                .map_err(|e| Error::Encode(format!("form member `{}`: {e}", field.name)))?;
        }
    }
    Ok(form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish())
}

/// Sets `body` as a text body in `media` (`text/plain; charset=utf-8` when it names no
/// charset: the text is UTF-8).
pub fn text_body(request: RequestBuilder, media: &'static str, body: String) -> RequestBuilder {
    request
        .header(CONTENT_TYPE, media::with_charset(media))
        .body(body)
}

/// Sets `body` as a raw body in `media`.
pub fn bytes_body(request: RequestBuilder, media: &'static str, body: Bytes) -> RequestBuilder {
    request.header(CONTENT_TYPE, media).body(body)
}

/// Sets `body` as a raw body in `media`, sent as it comes (chunked).
pub fn stream_body(
    request: RequestBuilder,
    media: &'static str,
    body: ByteStream,
) -> RequestBuilder {
    request
        .header(CONTENT_TYPE, media)
        .body(reqwest::Body::wrap_stream(body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::Kind;

    #[derive(Serialize)]
    struct Token {
        grant_type: &'static str,
        scope: Vec<&'static str>,
        client_secret: Option<&'static str>,
        expires: i32,
    }

    #[test]
    fn forms_encode_members_in_order_with_lists_repeated() {
        let fields = [
            FormField {
                name: "grant_type",
                kind: Kind::Text,
                many: false,
            },
            FormField {
                name: "scope",
                kind: Kind::Text,
                many: true,
            },
            FormField {
                name: "client_secret",
                kind: Kind::Text,
                many: false,
            },
            FormField {
                name: "expires",
                kind: Kind::Scalar,
                many: false,
            },
        ];
        let body = Token {
            grant_type: "client_credentials",
            scope: vec!["read:a", "write b&c"],
            client_secret: None,
            expires: 30,
        };
        assert_eq!(
            form_text(&body, &fields).unwrap(),
            "grant_type=client_credentials&scope=read%3Aa&scope=write+b%26c&expires=30"
        );
    }
}
