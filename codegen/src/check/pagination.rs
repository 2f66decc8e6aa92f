//! `pagination:`: the success answer is a page, a named object whose `items` member is a
//! list, or (without `items`) the list itself. The next page comes from the answer's `Link`
//! header (`link: next`), or from an optional query `parameter`: filled from the answer's
//! `next` member (a cursor, of the parameter's type), or, without `next`, counting pages (an
//! integer).

use super::Cx;
use super::types::{Table, describe};
use crate::ir::{self, NextPage, ParamLocation, Status, Ty, TypeKind};
use crate::parse::ast::{At, PaginationSpec};

/// The relation of the `Link` header that the client follows.
const FOLLOWED: &str = "next";

/// What a page is: an object holding the items, or the list of them.
#[derive(Clone, Copy)]
enum Page<'t> {
    Object(&'t [ir::Field]),
    List(&'t Ty),
}

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
    let Some((status, page)) = success_page(op, table) else {
        cx.at(file).error_help(
            spec.pos,
            "a paged endpoint answers its success with a page: an object holding the items, or the list of them",
            "document a 2xx response whose `body` is a type with `fields:`, or a `list<…>`",
        );
        return None;
    };
    let (items, item) = items(cx, file, spec, page, table)?;
    let next = next_page(cx, file, spec, op, (status, page), table)?;
    Some(ir::Pagination {
        status,
        items,
        item,
        next,
        written: written(spec),
    })
}

/// The Rust name of the member holding the items (`None` where the page is the list), and
/// the item type.
fn items(
    cx: &mut Cx<'_>,
    file: usize,
    spec: &PaginationSpec,
    page: Page<'_>,
    table: &Table,
) -> Option<(Option<String>, Ty)> {
    match (&spec.items, page) {
        (None, Page::List(item)) => Some((None, item.clone())),
        (None, Page::Object(_)) => {
            cx.at(file).error_help(
                spec.pos,
                "without `items`, the answer is the page's list of items, but it is an object",
                "add `items:` with the answer's member that holds the page's items",
            );
            None
        }
        (Some(items), Page::List(_)) => {
            cx.at(file).error_help(
                items.pos,
                format!(
                    "the answer is a list, the page itself, so it has no member `{}`",
                    items.value
                ),
                "remove `items`",
            );
            None
        }
        (Some(items), Page::Object(fields)) => {
            let field = member(cx, file, items, fields)?;
            let Ty::List(item) = &field.ty else {
                cx.at(file).error_help(
                    items.pos,
                    format!(
                        "`{}` holds the page's items, so it is a list, not {}",
                        items.value,
                        describe(&field.ty, table)
                    ),
                    "name the member that is a `list<…>`",
                );
                return None;
            };
            if !field.required || field.nullable {
                cx.at(file).error_help(
                    items.pos,
                    format!(
                        "`{}` holds the page's items, so every page has it",
                        items.value
                    ),
                    "make it `required: true` and not nullable (an empty page has `[]`)",
                );
                return None;
            }
            Some((Some(field.rust.clone()), (**item).clone()))
        }
    }
}

/// How the next page is asked for: by the `Link` header, else by the `parameter`, from a
/// cursor or counting pages.
fn next_page(
    cx: &mut Cx<'_>,
    file: usize,
    spec: &PaginationSpec,
    op: &ir::Operation,
    (status, page): (u16, Page<'_>),
    table: &Table,
) -> Option<NextPage> {
    if let Some(link) = &spec.link {
        return link_header(cx, file, spec, link, op, status, table);
    }
    let Some(name) = &spec.parameter else {
        cx.at(file).error_help(
            spec.pos,
            "a paged endpoint says how to ask for the next page",
            "add `link: next` to follow the answer's `Link` header, or `parameter:` with the query parameter that asks for a page",
        );
        return None;
    };
    let parameter = parameter(cx, file, name, op)?;
    match &spec.next {
        Some(next) => cursor(cx, file, next, parameter, page, table),
        None if parameter.ty.is_integer() => Some(NextPage::Number {
            parameter: parameter.rust.clone(),
        }),
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

/// `link: next`: on its own, and with the success answer declaring its `Link` header as text.
fn link_header(
    cx: &mut Cx<'_>,
    file: usize,
    spec: &PaginationSpec,
    link: &At<String>,
    op: &ir::Operation,
    status: u16,
    table: &Table,
) -> Option<NextPage> {
    if let Some(other) = spec.parameter.as_ref().or(spec.next.as_ref()) {
        let key = if spec.parameter.is_some() {
            "parameter"
        } else {
            "next"
        };
        cx.at(file).error_help(
            other.pos,
            format!("`{key}` has no part where the next page comes from the `Link` header"),
            "remove `parameter` and `next`, or `link`",
        );
        return None;
    }
    if link.value != FOLLOWED {
        cx.at(file).error_help(
            link.pos,
            format!(
                "the client follows the link with `rel=\"{FOLLOWED}\"`, not `{}`",
                link.value
            ),
            format!("write `link: {FOLLOWED}`"),
        );
        return None;
    }
    let header = op
        .responses
        .iter()
        .find(|r| r.status == Status::Code(status))
        .and_then(|r| {
            r.headers
                .iter()
                .find(|h| h.wire.eq_ignore_ascii_case("link"))
        });
    let Some(header) = header else {
        cx.at(file).error_help(
            link.pos,
            format!(
                "the next page comes from the `Link` header, but response {status} does not declare it"
            ),
            format!("add `Link: {{ type: list<string> }}` under the `headers:` of response {status}"),
        );
        return None;
    };
    let text = match &header.ty {
        Ty::List(item) => **item == Ty::String,
        ty => *ty == Ty::String && cx.date_types.held(ty, &header.constraints).is_none(),
    };
    if !text {
        cx.at(file).error_help(
            link.pos,
            format!(
                "the `{}` header of response {status} is {}, but links are text",
                header.wire,
                describe(&header.ty, table)
            ),
            format!(
                "declare `{}` with `type: list<string>` (or `string`)",
                header.wire
            ),
        );
        return None;
    }
    Some(NextPage::Link {
        header: header.rust.clone(),
    })
}

/// A cursor from the body member `next`: of the parameter's type, and absent or null on the
/// last page.
fn cursor(
    cx: &mut Cx<'_>,
    file: usize,
    next: &At<String>,
    parameter: &ir::Parameter,
    page: Page<'_>,
    table: &Table,
) -> Option<NextPage> {
    let Page::Object(fields) = page else {
        cx.at(file).error_help(
            next.pos,
            format!(
                "`{}` would be a member of the answer, but the answer is a list",
                next.value
            ),
            format!(
                "count pages in `{}` (leave out `next`), or answer with an object holding the items and `{}`",
                parameter.wire, next.value
            ),
        );
        return None;
    };
    let field = member(cx, file, next, fields)?;
    let held = |ty, constraints| cx.date_types.held(ty, constraints);
    let (field_held, parameter_held) = (
        held(&field.ty, &field.constraints),
        held(&parameter.ty, &parameter.constraints),
    );
    if field.ty != parameter.ty || field_held != parameter_held {
        cx.at(file).error_help(
            next.pos,
            format!(
                "`{}` is {}, but it fills `{}`, which is {}",
                next.value,
                held_described(&field.ty, field_held, table),
                parameter.wire,
                held_described(&parameter.ty, parameter_held, table)
            ),
            "give both the same type and format",
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
    Some(NextPage::Cursor {
        parameter: parameter.rust.clone(),
        member: field.rust.clone(),
    })
}

/// The first success response whose body is a page: its code, and the page.
fn success_page<'t>(op: &'t ir::Operation, table: &'t Table) -> Option<(u16, Page<'t>)> {
    op.responses.iter().find_map(|r| {
        let code = r.status.code().filter(|c| (200..300).contains(c))?;
        let page = match r.body.as_ref()? {
            Ty::List(item) => Page::List(item),
            Ty::Named(i) => match &table.types[*i].kind {
                TypeKind::Struct { fields, .. } => Page::Object(fields),
                _ => return None,
            },
            _ => return None,
        };
        Some((code, page))
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
                && (p.ty == Ty::String || p.ty.is_integer()) =>
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

/// The keys the spec gives, with their values as written.
fn written(spec: &PaginationSpec) -> Vec<(&'static str, String)> {
    [
        ("items", &spec.items),
        ("parameter", &spec.parameter),
        ("next", &spec.next),
        ("link", &spec.link),
    ]
    .into_iter()
    .filter_map(|(key, value)| Some((key, value.as_ref()?.value.clone())))
    .collect()
}

/// `ty` as messages name it, with the format it is held in where that is not its text.
fn held_described(ty: &Ty, held: Option<ir::Format>, table: &Table) -> String {
    match held {
        Some(format) => format!("{} (`format: {}`)", describe(ty, table), format.as_str()),
        None => describe(ty, table),
    }
}
