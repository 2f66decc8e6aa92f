//! How a body in a given media type travels. The generator picks the Rust type and the
//! encoding from it; generated servers classify what arrives with the same function, so both
//! sides agree on what `application/merge-patch+json` or `text/csv` means.

/// The ways a body can be encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Encoding {
    /// `application/json`, `text/json` and every `+json` type (`application/merge-patch+json`).
    Json,
    /// `application/x-www-form-urlencoded`: `name=value` pairs, a list as repeated names.
    Form,
    /// `multipart/form-data`: one part per member, files as file parts.
    Multipart,
    /// `text/xml`, `application/xml` and every `+xml` type.
    Xml,
    /// Any other `text/*` type: the body is a string.
    Text,
    /// JSON Lines (`application/x-ndjson`, `application/jsonl`): a stream of JSON values,
    /// one per line.
    Lines,
    /// Server-sent events (`text/event-stream`): a stream of events, each with a value.
    Events,
    /// Anything else (`application/octet-stream`, `image/png`, `*/*`): the body is bytes.
    Bytes,
}

/// The form-urlencoded media type.
pub const FORM: &str = "application/x-www-form-urlencoded";
/// The multipart media type.
pub const MULTIPART: &str = "multipart/form-data";
/// The JSON media type.
pub const JSON: &str = "application/json";
/// What raw bytes of no stated type are sent as.
pub const OCTET_STREAM: &str = "application/octet-stream";

impl Encoding {
    /// The encoding of `media` (parameters such as `charset` are ignored, letter case too), or
    /// `None` when it is not a media type (`type/subtype`).
    pub fn of(media: &str) -> Option<Encoding> {
        let essence = essence(media).to_ascii_lowercase();
        let (kind, subtype) = essence.split_once('/')?;
        if !is_token(kind) || !is_token(subtype) {
            return None;
        }
        Some(match (kind, subtype) {
            ("application" | "text", "json" | "x-json") => Encoding::Json,
            (_, s) if s.ends_with("+json") => Encoding::Json,
            ("application", "x-www-form-urlencoded") => Encoding::Form,
            ("application", "x-ndjson" | "ndjson" | "jsonl" | "x-jsonlines" | "jsonlines") => {
                Encoding::Lines
            }
            ("text", "event-stream") => Encoding::Events,
            ("multipart", "form-data") => Encoding::Multipart,
            ("text" | "application", "xml") => Encoding::Xml,
            (_, s) if s.ends_with("+xml") => Encoding::Xml,
            ("text", _) => Encoding::Text,
            _ => Encoding::Bytes,
        })
    }

    /// Whether a body in this encoding is a stream of typed items.
    pub fn is_item_stream(self) -> bool {
        matches!(self, Encoding::Lines | Encoding::Events)
    }

    /// How the spec language names it, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Encoding::Json => "JSON",
            Encoding::Form => "form-urlencoded",
            Encoding::Multipart => "multipart/form-data",
            Encoding::Xml => "XML",
            Encoding::Text => "text",
            Encoding::Lines => "JSON Lines",
            Encoding::Events => "server-sent events",
            Encoding::Bytes => "raw bytes",
        }
    }
}

/// The media type without its parameters (`text/plain; charset=utf-8` → `text/plain`).
pub fn essence(media: &str) -> &str {
    media.split(';').next().unwrap_or("").trim()
}

/// Whether `media` names a range rather than one type (`*/*`, `image/*`).
pub fn is_range(media: &str) -> bool {
    essence(media).split('/').any(|part| part == "*")
}

/// The media type a raw body documented as `media` is sent as: itself, or
/// `application/octet-stream` for `*/*` (the checker refuses other ranges).
pub fn sent_as(media: &str) -> &str {
    if is_range(media) { OCTET_STREAM } else { media }
}

/// Whether the media type `actual` (as a request's `Content-Type` gives it) is one that
/// `declared` covers: the same essence in any letter case, or inside its range.
pub fn covers(declared: &str, actual: &str) -> bool {
    let declared = essence(declared);
    let actual = essence(actual);
    let Some((kind, subtype)) = declared.split_once('/') else {
        return false;
    };
    let Some((actual_kind, actual_subtype)) = actual.split_once('/') else {
        return false;
    };
    let matches = |want: &str, got: &str| want == "*" || want.eq_ignore_ascii_case(got);
    matches(kind, actual_kind) && matches(subtype, actual_subtype)
}

/// A text media type with `charset=utf-8` added when it names no charset (generated code
/// writes text as UTF-8).
pub fn with_charset(media: &str) -> String {
    if media.to_ascii_lowercase().contains("charset=") {
        media.to_owned()
    } else {
        format!("{media}; charset=utf-8")
    }
}

/// An RFC 9110 token (a header name, a media type's part; `*` is one).
pub fn is_token(part: &str) -> bool {
    !part.is_empty()
        && part
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_media_types() {
        let cases = [
            ("application/json", Encoding::Json),
            ("application/json; charset=utf-8", Encoding::Json),
            ("Application/Merge-Patch+JSON", Encoding::Json),
            ("application/problem+json", Encoding::Json),
            ("text/json", Encoding::Json),
            ("application/x-json", Encoding::Json),
            ("application/x-www-form-urlencoded", Encoding::Form),
            ("multipart/form-data", Encoding::Multipart),
            ("text/xml", Encoding::Xml),
            ("application/atom+xml", Encoding::Xml),
            ("text/plain", Encoding::Text),
            ("text/csv; charset=utf-8", Encoding::Text),
            ("application/x-ndjson", Encoding::Lines),
            ("application/jsonl", Encoding::Lines),
            ("text/event-stream", Encoding::Events),
            ("application/octet-stream", Encoding::Bytes),
            ("image/png", Encoding::Bytes),
            ("*/*", Encoding::Bytes),
        ];
        for (media, encoding) in cases {
            assert_eq!(Encoding::of(media), Some(encoding), "{media}");
        }
        for bad in ["json", "", "/json", "text/", "text/pl ain", "a/b/c"] {
            assert_eq!(Encoding::of(bad), None, "{bad}");
        }
    }

    #[test]
    fn ranges_cover_their_types() {
        assert!(covers("*/*", "image/png"));
        assert!(covers("image/*", "IMAGE/PNG; q=1"));
        assert!(covers(
            "application/octet-stream",
            "application/octet-stream"
        ));
        assert!(!covers("image/*", "text/plain"));
        assert!(!covers("image/png", "image/jpeg"));
        assert!(!covers("image/png", "garbage"));
        assert!(is_range("image/*") && is_range("*/*") && !is_range("image/png"));
    }

    #[test]
    fn text_gets_a_charset_once() {
        assert_eq!(with_charset("text/plain"), "text/plain; charset=utf-8");
        assert_eq!(
            with_charset("text/csv; Charset=UTF-8"),
            "text/csv; Charset=UTF-8"
        );
    }
}
