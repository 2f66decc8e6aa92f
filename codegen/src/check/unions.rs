//! Unions: untagged (`one_of:`, the first alternative that reads wins) and tagged (`tag:`, a
//! member naming the alternative; `content:`, the member holding its value when not the rest
//! of the object).

use super::Cx;
use super::names::{camel, is_identifier};
use super::types::{Table, describe};
use crate::ir::{self, Ty, TypeKind};
use crate::parse::ast::{self, At};

/// A union's alternatives, resolved; tagged when the spec names a `tag`.
pub(super) fn union(
    cx: &mut Cx<'_>,
    table: &Table,
    file: usize,
    alternatives: &[ast::Alternative],
    (tag, content): (Option<&At<String>>, Option<&At<String>>),
) -> TypeKind {
    match tag {
        Some(tag) => tagged(cx, table, file, alternatives, tag, content),
        None => {
            if let Some(content) = content {
                cx.at(file).error_help(
                    content.pos,
                    "`content` names where a tagged alternative's value is, and this union has no `tag`",
                    "add `tag:` with the member that names the alternative, or remove `content`",
                );
            }
            untagged(cx, table, file, alternatives)
        }
    }
}

fn untagged(
    cx: &mut Cx<'_>,
    table: &Table,
    file: usize,
    alternatives: &[ast::Alternative],
) -> TypeKind {
    let mut out: Vec<ir::Alternative> = Vec::new();
    for (name, ty) in alternatives {
        let Some(ty) = ty else {
            cx.at(file).error_help(
                name.pos,
                format!(
                    "alternative `{}` has no type, which only a tagged union allows",
                    name.value
                ),
                "give it a type, or give the union a `tag:` naming the alternative",
            );
            continue;
        };
        let Some(rust) = variant_name(cx, file, name, out.iter().map(|a| a.rust.as_str())) else {
            continue;
        };
        if let Some(ty) = table.resolve(cx, file, ty) {
            out.push(ir::Alternative {
                rust,
                ty,
                boxed: false,
            });
        }
    }
    TypeKind::Union(out)
}

fn tagged(
    cx: &mut Cx<'_>,
    table: &Table,
    file: usize,
    alternatives: &[ast::Alternative],
    tag: &At<String>,
    content: Option<&At<String>>,
) -> TypeKind {
    let mut out: Vec<ir::TaggedAlternative> = Vec::new();
    for (name, ty) in alternatives {
        let Some(rust) = variant_name(cx, file, name, out.iter().map(|a| a.rust.as_str())) else {
            continue;
        };
        let ty = match ty {
            Some(ty) => match table.resolve(cx, file, ty) {
                Some(ty) => Some(ty),
                None => continue,
            },
            None => None,
        };
        out.push(ir::TaggedAlternative {
            wire: name.value.clone(),
            rust,
            ty,
            boxed: false,
        });
    }
    TypeKind::Tagged(ir::Tagged {
        tag: tag.value.clone(),
        content: content.map(|c| c.value.clone()),
        alternatives: out,
    })
}

/// The variant's Rust name: the alternative's, in CamelCase (`V` before one that starts with
/// a digit, as a tag value may); `None` when an earlier alternative has it (reported).
fn variant_name<'a>(
    cx: &mut Cx<'_>,
    file: usize,
    name: &At<String>,
    mut taken: impl Iterator<Item = &'a str>,
) -> Option<String> {
    let mut rust = camel(&name.value);
    if !is_identifier(&rust) {
        rust = format!("V{rust}");
    }
    if taken.any(|t| t == rust) {
        cx.at(file).error_help(
            name.pos,
            format!(
                "alternative `{}` becomes the variant `{rust}` twice",
                name.value
            ),
            "rename one of the alternatives",
        );
        return None;
    }
    Some(rust)
}

/// Checks what needs every type known: an internally tagged union's alternatives are objects
/// (their members sit beside the tag).
pub(super) fn check_tagged(cx: &mut Cx<'_>, table: &Table, kept: &[&ast::TypeSpec]) {
    for (index, spec) in kept.iter().enumerate() {
        let TypeKind::Tagged(tagged) = &table.types[index].kind else {
            continue;
        };
        let ast::TypeSpecKind::OneOf { alternatives, .. } = &spec.kind else {
            continue;
        };
        if tagged.content.is_some() {
            continue;
        }
        for alternative in &tagged.alternatives {
            let Some(ty) = &alternative.ty else {
                continue;
            };
            let object = matches!(ty, Ty::Named(i) if matches!(table.types[*i].kind, TypeKind::Struct { .. }));
            if object {
                continue;
            }
            let written = alternatives
                .iter()
                .find(|(name, _)| name.value == alternative.wire)
                .and_then(|(_, ty)| ty.as_ref());
            if let Some(written) = written {
                cx.at(spec.file).error_help(
                    written.pos,
                    format!(
                        "an alternative of a union tagged in its own members is an object, not {}",
                        describe(ty, table)
                    ),
                    format!(
                        "use a type with `fields:`, or hold the value in a member of its own with `content:` (`{{\"{}\": \"{}\", \"value\": …}}`)",
                        tagged.tag, alternative.wire
                    ),
                );
            }
        }
    }
}

/// Warns where an untagged union's alternative is never chosen: decoding tries the
/// alternatives in order, leniently (unknown members are ignored, an enum keeps an unlisted
/// value), so an earlier alternative that every value of a later one also reads as takes them
/// all. A tag tells them apart.
pub(super) fn check_untagged(cx: &mut Cx<'_>, table: &Table, kept: &[&ast::TypeSpec]) {
    for (index, spec) in kept.iter().enumerate() {
        let TypeKind::Union(alternatives) = &table.types[index].kind else {
            continue;
        };
        let ast::TypeSpecKind::OneOf {
            alternatives: written,
            ..
        } = &spec.kind
        else {
            continue;
        };
        for (later, b) in alternatives.iter().enumerate() {
            let Some(a) = alternatives[..later]
                .iter()
                .find(|a| reads_as(table, &b.ty, &a.ty, 0))
            else {
                continue;
            };
            let Some((name, _)) = written
                .iter()
                .find(|(name, _)| camel(&name.value) == b.rust)
            else {
                continue;
            };
            cx.at(spec.file).warning_help(
                name.pos,
                format!(
                    "alternative `{}` of `{}` is never chosen: each of its values also reads as {}, which comes first",
                    name.value,
                    spec.name.value,
                    describe(&a.ty, table)
                ),
                "give the union a `tag:` (the member that names the alternative), or put the more particular alternative first",
            );
        }
    }
}

/// Whether every value of `b` decodes as `a`, as the generated types decode (leniently), and
/// so is taken by `a`: an `a` whose rules may refuse a value (a format, a pattern, an enum's
/// values, at any depth) lets it go on to `b`. `depth` bounds the walk through types that
/// contain themselves.
fn reads_as(table: &Table, b: &Ty, a: &Ty, depth: usize) -> bool {
    if a != b && may_refuse(table, a, depth) {
        return false;
    }
    let (a, b) = (
        ir::underlying(&table.types, a),
        ir::underlying(&table.types, b),
    );
    if a == b || *a == Ty::Any {
        return true;
    }
    if depth > 8 {
        return false;
    }
    let kind = |ty: &Ty| match ty {
        Ty::Named(i) => Some(&table.types[*i].kind),
        _ => None,
    };
    let text = |ty: &Ty| {
        matches!(ty, Ty::String | Ty::Uuid) || matches!(kind(ty), Some(TypeKind::StringEnum(_)))
    };
    match (a, kind(a)) {
        (Ty::String, _) => text(b),
        // A number type takes every value of one in its range (a float type, integers too).
        (Ty::Numeric(a), _) => b.numeric().is_some_and(|b| {
            let range = b.definition();
            (!a.is_integer() || b.is_integer()) && a.within(range.min) && a.within(range.max)
        }),
        (Ty::List(x), _) => matches!(b, Ty::List(y) if reads_as(table, y, x, depth + 1)),
        (_, Some(TypeKind::Struct { fields, extra })) => {
            object_reads_as(table, b, fields, extra.is_some(), depth)
        }
        _ => false,
    }
}

/// Whether validation may refuse a value that decodes as `ty`: a rule on it or inside it, or
/// an enum's list of values (decoding keeps an unlisted one; validation refuses it).
fn may_refuse(table: &Table, ty: &Ty, depth: usize) -> bool {
    if depth > 8 {
        return false;
    }
    match ty {
        Ty::List(item) | Ty::Nullable(item) => may_refuse(table, item, depth + 1),
        Ty::Map(_, value) => may_refuse(table, value, depth + 1),
        Ty::Named(i) => match &table.types[*i].kind {
            TypeKind::Scalar { ty, constraints } => {
                constraints.iter().next().is_some() || may_refuse(table, ty, depth + 1)
            }
            TypeKind::Struct { fields, .. } => fields.iter().any(|f| {
                f.constraints.iter().next().is_some() || may_refuse(table, &f.ty, depth + 1)
            }),
            TypeKind::Union(alternatives) => alternatives
                .iter()
                .any(|a| may_refuse(table, &a.ty, depth + 1)),
            TypeKind::StringEnum(_) | TypeKind::IntEnum(_) | TypeKind::Tagged(_) => true,
        },
        _ => false,
    }
}

/// Whether every value of `b` decodes as the struct with `fields` (open: keeping members it
/// does not list) and keeps as many members there: an object that has each of its required
/// members, no member it would drop, and every member of a type that decodes as the member's.
fn object_reads_as(table: &Table, b: &Ty, fields: &[ir::Field], open: bool, depth: usize) -> bool {
    let required: Vec<&ir::Field> = fields.iter().filter(|f| f.required).collect();
    let b_fields = match b {
        Ty::Named(i) => match &table.types[*i].kind {
            TypeKind::Struct { fields, .. } => fields,
            TypeKind::Tagged(_) => return required.is_empty(),
            _ => return false,
        },
        Ty::Map(..) => return required.is_empty(),
        _ => return false,
    };
    // A member `a` does not know (and, closed, drops) sends the value to `b`, which keeps it.
    let a_knows_all = open
        || b_fields
            .iter()
            .all(|g| fields.iter().any(|f| f.wire == g.wire));
    // A member both have, of a type `a` cannot read (strings where `a` has objects), sends
    // the values that have it to `b`.
    let shared_members_read = b_fields.iter().all(|g| {
        fields
            .iter()
            .filter(|f| f.wire == g.wire)
            .all(|f| reads_as(table, &g.ty, &f.ty, depth + 1))
    });
    a_knows_all
        && shared_members_read
        && required.iter().all(|f| {
            // `b` always sends the member, null only where `a` takes null, of a type `a` reads.
            b_fields.iter().any(|g| {
                g.wire == f.wire
                    && g.required
                    && (f.nullable || !g.nullable)
                    && reads_as(table, &g.ty, &f.ty, depth + 1)
            })
        })
}
