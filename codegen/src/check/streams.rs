//! Streamed bodies: `stream: true` on a raw body, and `items:` for a body of typed items
//! (JSON Lines, server-sent events). Each must name what the generated code can stream; a
//! stream written where it cannot be honoured is an error here, never a buffered body.

use specgen_rules::media::Encoding;

use super::Cx;
use crate::ir::{self, Streaming, Ty};
use crate::parse::ast::{At, RequestSpec, ResponseSpec};

/// Whether the request streams: `stream: true` is for a raw body only.
pub(super) fn request(cx: &mut Cx<'_>, file: usize, r: &RequestSpec, body: &Ty) -> bool {
    streams_bytes(cx, file, r.stream.as_ref(), Some(body))
}

/// How the response streams, from `stream:` and `items:` and its media types; `item` is the
/// resolved type of `body:` or `items:`.
pub(super) fn response(
    cx: &mut Cx<'_>,
    file: usize,
    r: &ResponseSpec,
    media: &[String],
    item: Option<&Ty>,
) -> Option<Streaming> {
    if let (Some(body), Some(items)) = (&r.body, &r.items) {
        cx.at(file).error_help(
            items.pos,
            "a response has a `body` or `items`, not both",
            format!(
                "keep `items: {}` for a stream of items, or `body: {}`",
                items.value, body.value
            ),
        );
        return None;
    }
    let Some(items) = &r.items else {
        if let Some(m) = media.iter().find(|m| ir::encoding(m).is_item_stream()) {
            let pos = r
                .media
                .iter()
                .find(|w| w.value == *m)
                .map_or(r.status.pos, |w| w.pos);
            let ty = r.body.as_ref().map_or("Item", |b| b.value.as_str());
            cx.at(file).error_help(
                pos,
                format!("a body in `{m}` is a stream of items"),
                format!("write `items: {ty}` in place of `body:`, the type of one item"),
            );
        }
        let raw = streams_bytes(cx, file, r.stream.as_ref(), item);
        return raw.then_some(Streaming::Bytes);
    };
    if let Some(stream) = &r.stream {
        cx.at(file).error_help(
            stream.pos,
            "`items:` always streams; `stream:` is for a raw body",
            "remove `stream:`",
        );
    }
    item_stream(cx, file, items, media, item)
}

/// The framing of an `items:` body, from its media type.
fn item_stream(
    cx: &mut Cx<'_>,
    file: usize,
    items: &At<String>,
    media: &[String],
    item: Option<&Ty>,
) -> Option<Streaming> {
    if item == Some(&Ty::File) {
        cx.at(file).error_help(
            items.pos,
            "an item of a stream cannot be a `file`",
            "stream raw bytes with `body: bytes` and `stream: true`",
        );
    }
    let framing = media.iter().find_map(|m| match ir::encoding(m) {
        Encoding::Lines => Some(Streaming::Lines),
        Encoding::Events => Some(Streaming::Events),
        _ => None,
    });
    if framing.is_none() {
        cx.at(file).error_help(
            items.pos,
            "`items:` needs a media type that streams items",
            "add `media: application/x-ndjson` (JSON Lines) or `media: text/event-stream` \
             (server-sent events)",
        );
    }
    framing
}

/// Whether `stream: true` is written, on a raw (`bytes`) body as it must be.
fn streams_bytes(
    cx: &mut Cx<'_>,
    file: usize,
    stream: Option<&At<bool>>,
    body: Option<&Ty>,
) -> bool {
    let Some(stream) = stream.filter(|s| s.value) else {
        return false;
    };
    if body != Some(&Ty::Bytes) {
        cx.at(file).error_help(
            stream.pos,
            "`stream: true` is for a raw body (`body: bytes`)",
            "write `body: bytes`, or `items:` for a stream of typed items, or remove `stream`",
        );
        return false;
    }
    true
}
