//! Response headers: each a plain value or a list of them, named as HTTP allows, never one
//! the server derives from the body, and each with a Rust name of its own in the answer's
//! variant.

use super::bodies::is_scalar;
use super::constraints::constraints;
use super::names::snake;
use super::types::{Table, describe};
use super::{Cx, text};
use crate::ir::{self, Ty, media};
use crate::parse::ast::HeaderSpec;

/// Headers the generated server sets itself, from the body or the connection.
const DERIVED: &[&str] = &[
    "content-type",
    "content-length",
    "transfer-encoding",
    "connection",
];

/// Names the answer's variant uses for its own fields.
const RESERVED: &[&str] = &["status", "body"];

/// The headers that check out, in the order written.
pub(super) fn check(
    cx: &mut Cx<'_>,
    file: usize,
    specs: &[HeaderSpec],
    table: &Table,
    language: &str,
) -> Vec<ir::ResponseHeader> {
    let mut out: Vec<ir::ResponseHeader> = Vec::new();
    for spec in specs {
        if let Some(header) = header(cx, file, spec, &out, table, language) {
            out.push(header);
        }
    }
    out
}

fn header(
    cx: &mut Cx<'_>,
    file: usize,
    spec: &HeaderSpec,
    earlier: &[ir::ResponseHeader],
    table: &Table,
    language: &str,
) -> Option<ir::ResponseHeader> {
    let name = &spec.name;
    let problem = name_problem(&name.value, earlier);
    if let Some((message, help)) = problem {
        cx.at(file).error_help(name.pos, message, help);
        return None;
    }
    let rust = rust_name(cx, file, spec, earlier)?;
    let ty = table.resolve(cx, file, &spec.ty)?;
    let fits = match &ty {
        Ty::List(item) => is_scalar(item, table),
        other => is_scalar(other, table),
    };
    if !fits {
        cx.at(file).error_help(
            spec.ty.pos,
            format!("a header cannot be of type {}", describe(&ty, table)),
            "use string, a number type, boolean, uuid or an enum, or `list<…>` of those",
        );
        return None;
    }
    let constraints = constraints(cx, file, &spec.constraints, &ty, table);
    Some(ir::ResponseHeader {
        wire: name.value.clone(),
        rust,
        ty,
        required: spec.required,
        description: text(&spec.description, language),
        constraints,
    })
}

/// What is wrong with a header's name: not an HTTP token, a header the server derives, or one
/// documented already (names ignore letter case).
fn name_problem(name: &str, earlier: &[ir::ResponseHeader]) -> Option<(String, String)> {
    if !media::is_token(name) {
        return Some((
            format!("`{name}` is not a header name"),
            "use letters, digits and `-` (an HTTP token)".to_string(),
        ));
    }
    if DERIVED.contains(&name.to_ascii_lowercase().as_str()) {
        return Some((
            format!("the server sets `{name}` itself"),
            "describe the body with `media` instead".to_string(),
        ));
    }
    earlier
        .iter()
        .find(|h| h.wire.eq_ignore_ascii_case(name))
        .map(|other| {
            (
                format!("header `{name}` is documented twice"),
                format!(
                    "header names ignore letter case: `{}` is the same",
                    other.wire
                ),
            )
        })
}

/// The header's field name in the answer's variant, reported when the variant or an earlier
/// header takes it.
fn rust_name(
    cx: &mut Cx<'_>,
    file: usize,
    spec: &HeaderSpec,
    earlier: &[ir::ResponseHeader],
) -> Option<String> {
    let rust = snake(&spec.name.value);
    let taken = if RESERVED.contains(&rust.as_str()) {
        Some("the answer's own field".to_string())
    } else {
        earlier
            .iter()
            .find(|h| h.rust == rust)
            .map(|h| format!("header `{}`", h.wire))
    };
    match taken {
        None => Some(rust),
        Some(by) => {
            cx.at(file).error_help(
                spec.name.pos,
                format!(
                    "header `{}` becomes the Rust name `{rust}`, taken by {by}",
                    spec.name.value
                ),
                "rename it in the spec, or leave it undocumented",
            );
            None
        }
    }
}
