//! Bodies by media type: each media type a request or response names must be one the
//! generated client, server and mock can encode and decode for the body's type. A
//! combination they cannot honour is an error here, so nothing is sent in another form.

use std::collections::BTreeSet;

use specgen_rules::media::{self, Encoding};

use super::Cx;
use super::pairs::{self, Nesting};
use super::types::{Table, describe};
use crate::diagnostics::Pos;
use crate::ir::{self, Ty, TypeKind};
use crate::parse::ast::{At, RequestSpec, ResponseSpec};

/// A problem with one media type of a body: what is wrong, and how to fix it.
type Misfit = (String, String);

/// The request's media types (JSON by default), each checked against the body type.
pub(super) fn request_media(
    cx: &mut Cx<'_>,
    file: usize,
    r: &RequestSpec,
    body: &Ty,
    table: &Table,
) -> Vec<String> {
    let media = written_or_json(&r.media, r.body.pos);
    for (name, pos) in &media {
        // Parsing reported what is not a media type.
        let Some(encoding) = Encoding::of(name) else {
            continue;
        };
        if let Err((message, help)) = request_fits(encoding, name, body, table) {
            cx.at(file).error_help(*pos, message, help);
        }
    }
    let encodings: Vec<Encoding> = media.iter().filter_map(|(m, _)| Encoding::of(m)).collect();
    let has_files = contains_file(body, table, &mut BTreeSet::new());
    if has_files && !encodings.contains(&Encoding::Multipart) {
        cx.at(file).error_help(
            r.body.pos,
            "this body has `file` fields, which only multipart/form-data can send",
            format!("add `{}` to the request's `media`", media::MULTIPART),
        );
    }
    media.into_iter().map(|(m, _)| m).collect()
}

/// A response's media types (JSON by default, none without a body), each checked against
/// the body type; several are allowed when one encoding serves them all, or JSON and XML,
/// between which the server negotiates.
pub(super) fn response_media(
    cx: &mut Cx<'_>,
    file: usize,
    r: &ResponseSpec,
    body: Option<&Ty>,
    table: &Table,
) -> Vec<String> {
    let Some(body) = body else {
        if let Some(first) = r.media.first() {
            cx.at(file).error_help(
                first.pos,
                "a response with `media` needs a `body`",
                "add `body:` with its type, or remove `media`",
            );
        }
        return Vec::new();
    };
    let media = written_or_json(&r.media, r.status.pos);
    let mut first: Option<Encoding> = None;
    for (name, pos) in &media {
        // Parsing reported what is not a media type.
        let Some(encoding) = Encoding::of(name) else {
            continue;
        };
        let fits = response_fits(encoding, name, body, table)
            .and_then(|()| mixes_with(first, encoding, &media[0].0, name));
        if let Err((message, help)) = fits {
            cx.at(file).error_help(*pos, message, help);
        }
        first.get_or_insert(encoding);
    }
    media.into_iter().map(|(m, _)| m).collect()
}

/// The media types as written, or JSON placed at `pos` when none are.
fn written_or_json(written: &[At<String>], pos: Pos) -> Vec<(String, Pos)> {
    if written.is_empty() {
        return vec![(media::JSON.to_string(), pos)];
    }
    written.iter().map(|m| (m.value.clone(), m.pos)).collect()
}

fn request_fits(encoding: Encoding, media: &str, body: &Ty, table: &Table) -> Result<(), Misfit> {
    match encoding {
        Encoding::Json => not_raw(encoding, media, body),
        Encoding::Xml => xml_fits(media, body, table),
        Encoding::Form => form_fields_fit(body, table),
        Encoding::Multipart => object(encoding, media, body, table).map(|_| ()),
        Encoding::Text => string(media, body, table),
        Encoding::Bytes => raw(media, body, table),
        Encoding::Lines | Encoding::Events => Err((
            format!(
                "a request body of {} (`{media}`) is not supported",
                encoding.describe()
            ),
            "send raw bytes as they come (`body: bytes` with `stream: true`), or JSON".into(),
        )),
    }
}

pub(super) fn response_fits(
    encoding: Encoding,
    media: &str,
    body: &Ty,
    table: &Table,
) -> Result<(), Misfit> {
    match encoding {
        Encoding::Json => not_raw(encoding, media, body),
        Encoding::Xml => xml_fits(media, body, table),
        Encoding::Form | Encoding::Multipart => Err((
            format!("a response body in `{media}` is not supported"),
            "answer in JSON, text or raw bytes".into(),
        )),
        Encoding::Text => string(media, body, table),
        Encoding::Bytes => raw(media, body, table),
        // The items' type is any type; `streams` checks that `items:` is written.
        Encoding::Lines | Encoding::Events => Ok(()),
    }
}

/// Whether a response's later media type can be served beside its first one.
fn mixes_with(
    first: Option<Encoding>,
    encoding: Encoding,
    first_media: &str,
    media: &str,
) -> Result<(), Misfit> {
    let Some(first) = first else { return Ok(()) };
    let pair = [first, encoding];
    if first == encoding || pair.contains(&Encoding::Json) && pair.contains(&Encoding::Xml) {
        return Ok(());
    }
    Err((
        format!(
            "a response cannot come as both {} (`{first_media}`) and {} (`{media}`)",
            first.describe(),
            encoding.describe()
        ),
        "document one encoding per status (JSON and XML may be offered together)".into(),
    ))
}

fn not_raw(encoding: Encoding, media: &str, body: &Ty) -> Result<(), Misfit> {
    if *body == Ty::Bytes {
        return Err((
            format!(
                "a `bytes` body is sent as it is, not as {} (`{media}`)",
                encoding.describe()
            ),
            "give it a raw media type such as `application/octet-stream`, or another type".into(),
        ));
    }
    Ok(())
}

fn string(media: &str, body: &Ty, table: &Table) -> Result<(), Misfit> {
    if *body == Ty::String {
        return Ok(());
    }
    Err((
        format!(
            "a body in `{media}` is a string, not {}",
            describe(body, table)
        ),
        "write `body: string`".into(),
    ))
}

fn raw(media: &str, body: &Ty, table: &Table) -> Result<(), Misfit> {
    if *body != Ty::Bytes {
        return Err((
            format!(
                "a body in `{media}` is raw bytes, not {}",
                describe(body, table)
            ),
            "write `body: bytes`".into(),
        ));
    }
    if media::is_range(media) && media::essence(media) != "*/*" {
        return Err((
            format!("`{media}` is a range, so it does not say what to send"),
            "name the media type (`image/png`), or write `*/*` to send `application/octet-stream`"
                .into(),
        ));
    }
    Ok(())
}

/// The named object type a form or multipart body must be.
fn object<'t>(
    encoding: Encoding,
    media: &str,
    body: &Ty,
    table: &'t Table,
) -> Result<&'t [ir::Field], Misfit> {
    if let Ty::Named(i) = body
        && let TypeKind::Struct { fields, .. } = &table.types[*i].kind
    {
        return Ok(fields);
    }
    Err((
        format!(
            "a {} body (`{media}`) is an object, not {}",
            encoding.describe(),
            describe(body, table)
        ),
        "use a type with `fields:`, or send the body as JSON".into(),
    ))
}

/// A form-urlencoded body: an object whose members travel as pairs, objects and maps of
/// them in brackets.
fn form_fields_fit(body: &Ty, table: &Table) -> Result<(), Misfit> {
    object(Encoding::Form, media::FORM, body, table)?;
    match pairs::misfit(body, Nesting::Brackets, table) {
        None => Ok(()),
        Some((path, what)) => Err((
            format!(
                "a form-urlencoded body holds plain values, lists of them, and objects and maps \
                 of those; `{path}` is {what}"
            ),
            format!(
                "send this body as JSON, or make `{path}` a plain value, a list of them, or an \
                 object of those"
            ),
        )),
    }
}

/// Whether `ty` is written as one plain value: a primitive, an enum, or a union of those
/// (a number or a text: its text is the value's, whichever it holds).
pub(super) fn is_scalar(ty: &Ty, table: &Table) -> bool {
    is_plain(ty, table)
        || matches!(ir::underlying(&table.types, ty), Ty::Named(i)
            if matches!(&table.types[*i].kind, TypeKind::Union(alternatives)
                if alternatives.iter().all(|a| is_plain(&a.ty, table))))
}

/// Whether `ty` is a primitive or an enum.
fn is_plain(ty: &Ty, table: &Table) -> bool {
    let ty = ir::underlying(&table.types, ty);
    matches!(ty, Ty::String | Ty::Numeric(_) | Ty::Boolean | Ty::Uuid)
        || matches!(ty, Ty::Named(i) if matches!(table.types[*i].kind, TypeKind::StringEnum(_) | TypeKind::IntEnum(_)))
}

/// Whether values of `ty` can hold a file part.
pub(super) fn contains_file(ty: &Ty, table: &Table, seen: &mut BTreeSet<usize>) -> bool {
    reachable(ty, table, seen, &|t| *t == Ty::File).is_some()
}

/// The first type reachable from `ty` (itself, its items and values, its fields and
/// alternatives) for which `test` holds. Each named type is looked into once (`seen`): types
/// shared by many fields would otherwise be walked once per path to them.
fn reachable(
    ty: &Ty,
    table: &Table,
    seen: &mut BTreeSet<usize>,
    test: &dyn Fn(&Ty) -> bool,
) -> Option<Ty> {
    if test(ty) {
        return Some(ty.clone());
    }
    match ty {
        Ty::List(item) | Ty::Nullable(item) => reachable(item, table, seen, test),
        Ty::Map(_, value) => reachable(value, table, seen, test),
        Ty::Named(i) if seen.insert(*i) => {
            let inner: Vec<&Ty> = match &table.types[*i].kind {
                TypeKind::Struct { fields, extra } => fields
                    .iter()
                    .map(|f| &f.ty)
                    .chain(extra.iter().map(|e| &e.ty))
                    .collect(),
                TypeKind::Union(alts) => alts.iter().map(|a| &a.ty).collect(),
                TypeKind::Tagged(tagged) => tagged
                    .alternatives
                    .iter()
                    .filter_map(|a| a.ty.as_ref())
                    .collect(),
                TypeKind::Scalar { ty, .. } => vec![ty],
                _ => Vec::new(),
            };
            inner
                .into_iter()
                .find_map(|t| reachable(t, table, seen, test))
        }
        _ => None,
    }
}

/// Whether a body of `body` can travel as XML: any type but raw bytes, and no object open to
/// members of a type other than text (serde reads such members together, before their
/// type is known, so XML's texts could not be read as the numbers or booleans they spell).
fn xml_fits(media: &str, body: &Ty, table: &Table) -> Result<(), Misfit> {
    not_raw(Encoding::Xml, media, body)?;
    let open_to = |ty: &Ty| match ir::underlying(&table.types, ty) {
        Ty::Named(i) => match &table.types[*i].kind {
            TypeKind::Struct {
                extra: Some(extra), ..
            } => (!matches!(extra.ty, Ty::String | Ty::Any)).then(|| extra.ty.clone()),
            _ => None,
        },
        _ => None,
    };
    let Some(found) = reachable(body, table, &mut BTreeSet::new(), &|t| open_to(t).is_some())
    else {
        return Ok(());
    };
    let members = open_to(&found).unwrap_or(Ty::Any);
    Err((
        format!(
            "a body in `{media}` cannot hold {}, open to members of type {}: XML's texts are read as numbers or booleans only where a field says so",
            describe(&found, table),
            describe(&members, table)
        ),
        "open the object to `string` members, or send the body as JSON".into(),
    ))
}
