//! Parameters: where each travels, its type there, its default, whether it may be null, and
//! how a list or object is spelt in a query (OpenAPI's `style` and `explode`).

use super::bodies::is_scalar;
use super::constraints::constraints;
use super::names::{Collision, chosen_rust_name, report_collision, rust_name_help};
use super::pairs::{self, Nesting, object_fields};
use super::types::{Table, describe};
use super::{Cx, examples, placeholders, text};
use crate::diagnostics::did_you_mean;
use crate::ir::{self, ParamLocation, QueryStyle, Ty};
use crate::load::Node;
use crate::parse::ast;

/// The declared parameters that check out, in order.
pub(super) fn parameters(
    cx: &mut Cx<'_>,
    spec: &ast::OperationSpec,
    table: &Table,
    language: &str,
) -> Vec<ir::Parameter> {
    let in_path = placeholders(&spec.path.value);
    undeclared_placeholders(cx, spec, &in_path);
    let mut out: Vec<ir::Parameter> = Vec::new();
    for p in &spec.parameters {
        if let Some(parameter) = parameter(cx, spec, p, &in_path, &out, table, language) {
            out.push(parameter);
        }
    }
    spread_collisions(cx, spec, &out, table);
    out
}

/// Reports each `{name}` in the path that no `in: path` parameter declares.
fn undeclared_placeholders(
    cx: &mut Cx<'_>,
    spec: &ast::OperationSpec,
    in_path: &[(String, usize)],
) {
    for (name, offset) in in_path {
        let declared = spec
            .parameters
            .iter()
            .any(|p| p.name.value == *name && p.location == ParamLocation::Path);
        if !declared {
            cx.at(spec.file).error_help(
                spec.path
                    .pos
                    .shifted(*offset as u32, name.chars().count() as u32 + 2),
                format!("path parameter `{{{name}}}` is not declared"),
                format!("add `{name}: {{ in: path, type: string }}` under `parameters:`"),
            );
        }
    }
}

/// One parameter; `None` when it is reported (not in the path, a Rust name taken by one of
/// `earlier`, or a type that does not resolve or fit its location).
fn parameter(
    cx: &mut Cx<'_>,
    spec: &ast::OperationSpec,
    p: &ast::ParameterSpec,
    in_path: &[(String, usize)],
    earlier: &[ir::Parameter],
    table: &Table,
    language: &str,
) -> Option<ir::Parameter> {
    let file = spec.file;
    if p.location == ParamLocation::Path && !in_path.iter().any(|(n, _)| *n == p.name.value) {
        cx.at(file).error_help(
            p.name.pos,
            format!(
                "path parameter `{}` does not appear in the path `{}`",
                p.name.value, spec.path.value
            ),
            format!(
                "write `{{{}}}` in the path, or declare it `in: query`",
                p.name.value
            ),
        );
        return None;
    }
    let rust = chosen_rust_name(cx, file, p.rust_name.as_ref(), &p.name.value)?;
    if let Some(other) = earlier.iter().find(|o| o.rust == rust) {
        let collision = Collision {
            kinds: "parameters",
            noun: "the Rust name",
            first: &other.wire,
            second: &p.name.value,
            rust: &rust,
        };
        report_collision(cx, file, p.name.pos, collision, rust_name_help(&rust));
        return None;
    }
    let ty = table.resolve(cx, file, &p.ty)?;
    if !fits_location(&ty, p.location, table) {
        cx.at(file).error_help(
            p.ty.pos,
            format!(
                "a {} parameter cannot be of type {}",
                location_name(p.location),
                describe(&ty, table)
            ),
            "use string, a number type, boolean, uuid or an enum (and in a query, \
             `list<…>` of those, an object or a map)",
        );
        return None;
    }
    let constraints = constraints(cx, file, &p.constraints, &ty, table);
    let style = query_style(cx, file, p, &ty, table)?;
    let nullable = nullable(cx, file, p);
    let default = p
        .default
        .as_ref()
        .and_then(|node| default(cx, file, p, node, &ty, &constraints, table));
    Some(ir::Parameter {
        wire: p.name.value.clone(),
        rust,
        location: p.location,
        ty,
        required: p.required || p.location == ParamLocation::Path,
        nullable,
        style,
        default,
        description: text(&p.description, language),
        constraints,
    })
}

/// Whether a parameter at `location` can be of type `ty`: a plain value; in a query also a
/// list of them, an object or a map (how they are spelt is [`query_style`]'s to check).
fn fits_location(ty: &Ty, location: ParamLocation, table: &Table) -> bool {
    match (ty, location) {
        (Ty::List(item), ParamLocation::Query) => is_scalar(item, table),
        (Ty::Map(..), ParamLocation::Query) => true,
        (t, ParamLocation::Query) if object_fields(t, table).is_some() => true,
        (t, _) => is_scalar(t, table),
    }
}

fn location_name(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}

/// A parameter's default: for one that may be absent, and of its type and constraints.
fn default(
    cx: &mut Cx<'_>,
    file: usize,
    p: &ast::ParameterSpec,
    node: &Node,
    ty: &Ty,
    constraints: &ir::Constraints,
    table: &Table,
) -> Option<serde_json::Value> {
    if p.required || p.location == ParamLocation::Path {
        cx.at(file).error_help(
            node.pos,
            format!("`{}` is always sent, so it has no default", p.name.value),
            "remove `default`, or `required: true`",
        );
        return None;
    }
    let label = format!("the default of `{}`", p.name.value);
    let help = "write a value of the parameter's type that meets its constraints";
    examples::canonical(cx, table, file, (&label, help), node, ty, Some(constraints))
}

/// The styles a query list or object may be written in, as the spec names them.
const STYLES: &[&str] = &["form", "space_delimited", "pipe_delimited", "deep_object"];

/// What a query parameter's value is, as far as its style goes.
enum Shape {
    Plain,
    List,
    Object,
    Map,
}

fn shape(ty: &Ty, table: &Table) -> Shape {
    match ty {
        Ty::List(_) => Shape::List,
        Ty::Map(..) => Shape::Map,
        _ if object_fields(ty, table).is_some() => Shape::Object,
        _ => Shape::Plain,
    }
}

/// How a query parameter travels: a plain value as one pair; a list or object as its
/// `style` and `explode` say (OpenAPI's defaults: `form`, exploded). `None` when reported.
fn query_style(
    cx: &mut Cx<'_>,
    file: usize,
    p: &ast::ParameterSpec,
    ty: &Ty,
    table: &Table,
) -> Option<QueryStyle> {
    let written = p
        .style
        .as_ref()
        .map(|s| s.pos)
        .or(p.explode.as_ref().map(|e| e.pos));
    let shape = shape(ty, table);
    if p.location != ParamLocation::Query || matches!(shape, Shape::Plain) {
        if let Some(pos) = written {
            cx.at(file).error_help(
                pos,
                "`style` and `explode` say how a list or an object travels in a query",
                "remove them, or make this a `list<…>`, object or map query parameter",
            );
            return None;
        }
        return Some(QueryStyle::Exploded);
    }
    let style = style_name(cx, file, p)?;
    // `form` and `deep_object` send a pair per value unless told otherwise; the delimited
    // styles join.
    let explode = p
        .explode
        .as_ref()
        .map_or(matches!(style, "form" | "deep_object"), |e| e.value);
    let style_pos = p.style.as_ref().map_or(p.ty.pos, |s| s.pos);
    let explode_pos = p.explode.as_ref().map_or(style_pos, |e| e.pos);
    let (chosen, nesting) = match (&shape, style, explode) {
        (Shape::List, "deep_object", _) => Err((
            style_pos,
            "`deep_object` spells objects and maps, not lists",
            "use `form`, `space_delimited` or `pipe_delimited`",
        )),
        (Shape::List, _, true) => Ok((QueryStyle::Exploded, None)),
        (Shape::List, _, false) => Ok((QueryStyle::Joined(joiner(style)), None)),
        (Shape::Object | Shape::Map, "deep_object", true) => {
            Ok((QueryStyle::Deep, Some(Nesting::Brackets)))
        }
        (Shape::Object | Shape::Map, "deep_object", false) => Err((
            explode_pos,
            "`deep_object` sends a pair per member, so it is always exploded",
            "remove `explode: false`",
        )),
        (Shape::Map, _, _) => Err((
            style_pos,
            "a map travels in a query only as `style: deep_object`, since its keys are not known \
             in advance",
            "write `style: deep_object` (`name[key]=value`)",
        )),
        (Shape::Object, "form", true) => Ok((QueryStyle::Exploded, Some(Nesting::Lists))),
        (Shape::Object, "form", false) => Ok((QueryStyle::Joined(','), Some(Nesting::Plain))),
        (Shape::Object, _, _) => Err((
            style_pos,
            "`space_delimited` and `pipe_delimited` join the elements of a list, not an object",
            "use `form` or `deep_object`",
        )),
        (Shape::Plain, _, _) => return Some(QueryStyle::Exploded),
    }
    .map_err(|(pos, message, help)| cx.at(file).error_help(pos, message, help))
    .ok()?;
    if let Some(nesting) = nesting {
        members_fit(cx, file, p, ty, nesting, table)?;
    }
    Some(chosen)
}

/// The style as written (`form` when not), reported when it is not one of [`STYLES`].
fn style_name<'s>(cx: &mut Cx<'_>, file: usize, p: &'s ast::ParameterSpec) -> Option<&'s str> {
    let Some(style) = &p.style else {
        return Some("form");
    };
    if STYLES.contains(&style.value.as_str()) {
        return Some(&style.value);
    }
    let help = match did_you_mean(&style.value, STYLES.iter().copied()) {
        Some(close) => format!("did you mean `{close}`?"),
        None => format!("use one of {}", STYLES.join(", ")),
    };
    cx.at(file)
        .error_help(style.pos, format!("unknown style `{}`", style.value), help);
    None
}

/// The character a style joins a list's elements with.
fn joiner(style: &str) -> char {
    match style {
        "space_delimited" => ' ',
        "pipe_delimited" => '|',
        _ => ',',
    }
}

/// Every member of an object or map parameter can travel as its style nests them.
fn members_fit(
    cx: &mut Cx<'_>,
    file: usize,
    p: &ast::ParameterSpec,
    ty: &Ty,
    nesting: Nesting,
    table: &Table,
) -> Option<()> {
    let Some((path, what)) = pairs::misfit(ty, nesting, table) else {
        return Some(());
    };
    let (how, help) = match nesting {
        Nesting::Plain => (
            "as one joined value",
            "make it a plain value, or send the object with `style: deep_object`",
        ),
        Nesting::Lists => (
            "as query parameters of its own",
            "make it a plain value or a list of them, or send the object with \
             `style: deep_object`, which nests objects in brackets",
        ),
        Nesting::Brackets => (
            "in brackets",
            "make it a plain value, a list of them, or an object or map of those",
        ),
    };
    cx.at(file).error_help(
        p.ty.pos,
        format!(
            "`{}` travels {how}, but its member `{path}` is {what}",
            p.name.value
        ),
        help,
    );
    None
}

/// Whether the parameter may be `null`: only one that may be left out, since `null` travels
/// as the parameter left out (RFC 6570 leaves out undefined values).
fn nullable(cx: &mut Cx<'_>, file: usize, p: &ast::ParameterSpec) -> bool {
    let Some(nullable) = &p.nullable else {
        return false;
    };
    if nullable.value && (p.required || p.location == ParamLocation::Path) {
        cx.at(file).error_help(
            nullable.pos,
            format!(
                "`{}` is always sent, so it is never null: `null` travels as the parameter left out",
                p.name.value
            ),
            "remove `nullable`, or `required: true`",
        );
        return false;
    }
    nullable.value
}

/// Reports two query parameters that would send pairs of the same name: an object sent as
/// its members (`form`, exploded) and another parameter, or two such objects.
fn spread_collisions(
    cx: &mut Cx<'_>,
    spec: &ast::OperationSpec,
    params: &[ir::Parameter],
    table: &Table,
) {
    let query = params.iter().filter(|p| p.location == ParamLocation::Query);
    let spread = |p: &ir::Parameter| {
        (p.style == QueryStyle::Exploded)
            .then(|| object_fields(&p.ty, table))
            .flatten()
    };
    let mut names: Vec<(&str, &str)> = query
        .clone()
        .filter(|p| spread(p).is_none())
        .map(|p| (p.wire.as_str(), p.wire.as_str()))
        .collect();
    for p in query {
        let Some(fields) = spread(p) else {
            continue;
        };
        for f in fields {
            if let Some((_, other)) = names.iter().find(|(name, _)| *name == f.wire) {
                let pos = spec
                    .parameters
                    .iter()
                    .find(|s| s.name.value == p.wire)
                    .map_or(spec.name.pos, |s| s.ty.pos);
                cx.at(spec.file).error_help(
                    pos,
                    format!(
                        "member `{}` of `{}` travels as query parameter `{}`, as `{other}` does",
                        f.wire, p.wire, f.wire
                    ),
                    format!(
                        "rename one of them, or send `{}` with `style: deep_object`",
                        p.wire
                    ),
                );
                return;
            }
            names.push((&f.wire, &p.wire));
        }
    }
}
