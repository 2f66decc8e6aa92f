//! `pagination:`: the success answer is a named object whose `items` member is a list, the
//! `parameter` is an optional query parameter, and `next` (when given) is a member of the
//! answer of the parameter's type; without `next`, the parameter is an integer page number.

use super::Cx;
use super::types::{Table, describe};
use crate::ir::{self, ParamLocation, Ty, TypeKind};
use crate::parse::ast::{At, PaginationSpec};

pub(super) fn check(
    cx: &mut Cx<'_>,
    file: usize,
    spec: &PaginationSpec,
    op: &ir::Operation,
    table: &Table,
) -> Option<ir::Pagination> {
    let streamed = op
        .responses
        .iter()
        .any(|r| r.status.is_success() && r.stream.is_some());
    if streamed {
        cx.at(file).error_help(
            spec.pos,
            "a paged endpoint answers with one page at a time, not a stream",
            "page a JSON body with `body:`, or remove `pagination` (a stream needs no pages)",
        );
        return None;
    }
    let Some((status, fields)) = success_object(op, table) else {
        cx.at(file).error_help(
            spec.pos,
            "a paged endpoint answers its success with an object holding the page",
            "document a 2xx response whose `body` is a type with `fields:`",
        );
        return None;
    };
    let items = member(cx, file, &spec.items, fields)?;
    let Ty::List(item) = &items.ty else {
        cx.at(file).error_help(
            spec.items.pos,
            format!(
                "`{}` holds the page's items, so it is a list, not {}",
                spec.items.value,
                describe(&items.ty, table)
            ),
            "name the member that is a `list<…>`",
        );
        return None;
    };
    let parameter = parameter(cx, file, &spec.parameter, op)?;
    let next = next_member(cx, file, spec, fields, parameter, table)?;
    Some(ir::Pagination {
        status,
        items: items.rust.clone(),
        parameter: parameter.rust.clone(),
        item: (**item).clone(),
        next,
        wire: (
            spec.items.value.clone(),
            spec.parameter.value.clone(),
            spec.next.as_ref().map(|n| n.value.clone()),
        ),
    })
}

/// The body member holding the next page's value (`Some(None)` for page numbers): of the
/// parameter's type, and absent or null on the last page.
fn next_member(
    cx: &mut Cx<'_>,
    file: usize,
    spec: &PaginationSpec,
    fields: &[ir::Field],
    parameter: &ir::Parameter,
    table: &Table,
) -> Option<Option<String>> {
    match &spec.next {
        Some(next) => {
            let field = member(cx, file, next, fields)?;
            if field.ty != parameter.ty {
                cx.at(file).error_help(
                    next.pos,
                    format!(
                        "`{}` is {}, but it fills `{}`, which is {}",
                        next.value,
                        describe(&field.ty, table),
                        parameter.wire,
                        describe(&parameter.ty, table)
                    ),
                    "give both the same type",
                );
                return None;
            }
            if field.required && !field.nullable {
                cx.at(file).error_help(
                    next.pos,
                    format!(
                        "`{}` is always there, so no page would be the last",
                        next.value
                    ),
                    "make it optional, or nullable: absent or `null` on the last page",
                );
                return None;
            }
            Some(Some(field.rust.clone()))
        }
        None if matches!(parameter.ty, Ty::Int32 | Ty::Int64) => Some(None),
        None => {
            cx.at(file).error_help(
                spec.pos,
                format!(
                    "without `next`, `{}` counts pages, so it is an integer",
                    parameter.wire
                ),
                "add `next:` with the answer's member that holds the next page's value",
            );
            None
        }
    }
}

/// The first success response with a named object body: its code and fields.
fn success_object<'t>(op: &ir::Operation, table: &'t Table) -> Option<(u16, &'t [ir::Field])> {
    op.responses.iter().find_map(|r| {
        let code = r.status.code().filter(|c| (200..300).contains(c))?;
        match r.body.as_ref()? {
            Ty::Named(i) => match &table.types[*i].kind {
                TypeKind::Struct { fields, .. } => Some((code, fields.as_slice())),
                _ => None,
            },
            _ => None,
        }
    })
}

fn member<'f>(
    cx: &mut Cx<'_>,
    file: usize,
    name: &At<String>,
    fields: &'f [ir::Field],
) -> Option<&'f ir::Field> {
    let found = fields.iter().find(|f| f.wire == name.value);
    if found.is_none() {
        let names: Vec<&str> = fields.iter().map(|f| f.wire.as_str()).collect();
        cx.at(file).error_help(
            name.pos,
            format!("the answer has no member `{}`", name.value),
            format!("use one of: {}", names.join(", ")),
        );
    }
    found
}

/// The optional query parameter that asks for a page.
fn parameter<'o>(
    cx: &mut Cx<'_>,
    file: usize,
    name: &At<String>,
    op: &'o ir::Operation,
) -> Option<&'o ir::Parameter> {
    let found = op.parameters.iter().find(|p| p.wire == name.value);
    match found {
        Some(p)
            if p.location == ParamLocation::Query
                && !p.required
                && matches!(p.ty, Ty::String | Ty::Int32 | Ty::Int64) =>
        {
            Some(p)
        }
        _ => {
            cx.at(file).error_help(
                name.pos,
                format!(
                    "`{}` is not an optional string or integer query parameter of this endpoint",
                    name.value
                ),
                "declare it under `parameters:` with `in: query`",
            );
            None
        }
    }
}
