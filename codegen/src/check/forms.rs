//! A response whose body takes a different type in each media type (`content:`): a report as
//! JSON or as CSV, a certificate as JSON or as a PDF. Each form must be one the generated
//! client can tell by the answer's `Content-Type` and decode, and the server encode; it
//! stands in place of `body` and everything said of a single body.

use specgen_rules::media::{self, Encoding};

use super::Cx;
use super::types::Table;
use super::{bodies, xml};
use crate::ir::{self, Form};
use crate::parse::ast::{At, ResponseSpec};

/// The response's forms, checked; empty without `content`.
pub(super) fn check(cx: &mut Cx<'_>, file: usize, r: &ResponseSpec, table: &Table) -> Vec<Form> {
    let Some(first) = r.content.first() else {
        return Vec::new();
    };
    beside_content(cx, file, r, first.media.pos);
    let mut forms: Vec<Form> = Vec::new();
    for spec in &r.content {
        let Some(body) = table.resolve_body(cx, file, &spec.body) else {
            continue;
        };
        if let Some(form) = form(cx, file, &spec.media, body, &forms, table) {
            forms.push(form);
        }
    }
    // `xml_root` and `xml_item` name the elements of every XML form.
    let written = xml::written(r);
    let mut any_xml = false;
    for form in forms.iter_mut().filter(|f| ir::is_xml(&f.media)) {
        form.xml = xml::names(cx, file, &written, &form.body, table);
        any_xml = true;
    }
    if !any_xml {
        xml::unused(cx, file, &written);
    }
    forms
}

/// One form, where its media type can carry its body as one of several.
fn form(
    cx: &mut Cx<'_>,
    file: usize,
    media: &At<String>,
    body: ir::Ty,
    earlier: &[Form],
    table: &Table,
) -> Option<Form> {
    // Parsing reported what is not a media type.
    let encoding = Encoding::of(&media.value)?;
    let twice = earlier
        .iter()
        .any(|f| media::essence(&f.media).eq_ignore_ascii_case(media::essence(&media.value)));
    let misfit = if twice {
        Some((
            format!("`{}` is in `content` twice", media.value),
            "keep one body for each media type".to_owned(),
        ))
    } else {
        one_of_several(encoding, &media.value)
            .err()
            .or_else(|| bodies::response_fits(encoding, &media.value, &body, table).err())
            .map(|(message, help)| {
                // The fix is written as this form's entry, not as a `body:`.
                (
                    message,
                    help.replace("`body: ", &format!("`{}: ", media.value)),
                )
            })
    };
    if let Some((message, help)) = misfit {
        cx.at(file).error_help(media.pos, message, help);
        return None;
    }
    Some(Form {
        media: media.value.clone(),
        body,
        xml: None,
    })
}

/// Whether a body in `media` can be one of a response's several forms: it must be read
/// whole, and named by a media type the client can match and the server send.
fn one_of_several(encoding: Encoding, media: &str) -> Result<(), (String, String)> {
    let help = match encoding {
        Encoding::Lines | Encoding::Events => {
            "a stream of items is the response's only body: write `items:` and `media:`"
        }
        _ if media::is_range(media) => "name the media type the server sends (`image/png`)",
        _ => return Ok(()),
    };
    Err((
        format!("`{media}` cannot be one of a response's bodies by media type"),
        help.to_owned(),
    ))
}

/// Reports what a response says of a single body beside `content`, which replaces it.
fn beside_content(
    cx: &mut Cx<'_>,
    file: usize,
    r: &ResponseSpec,
    content: crate::diagnostics::Pos,
) {
    let single = [
        ("body", r.body.as_ref().map(|b| b.pos)),
        ("items", r.items.as_ref().map(|b| b.pos)),
        ("media", r.media.first().map(|m| m.pos)),
        ("stream", r.stream.as_ref().map(|s| s.pos)),
        ("reject_body", r.reject_body.as_ref().map(|n| n.pos)),
    ];
    for (key, pos) in single {
        if let Some(pos) = pos {
            cx.at(file).error_help(
                pos,
                format!("`{key}` says what a single body is, but `content` gives the bodies by media type"),
                format!("remove `{key}`, or `content` (at line {})", content.line),
            );
        }
    }
}
