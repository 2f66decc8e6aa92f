//! Composed types (`all_of`): an object made of the fields of other objects, in order, then its
//! own, flattened into one struct that validates as a whole. A read-only field of a part stays
//! read-only, so the composed type's request shape leaves it out too.

use std::collections::BTreeMap;

use super::Cx;
use super::types::{Table, describe};
use crate::ir::{self, Ty, TypeKind};
use crate::parse::ast::{self, At};

/// Composes every type written with `all_of`, parts before the types made of them.
pub(super) fn compose_all(cx: &mut Cx<'_>, table: &mut Table, kept: &[&ast::TypeSpec]) {
    let mut done = vec![false; kept.len()];
    for index in 0..kept.len() {
        compose(cx, table, kept, index, &mut done, &mut Vec::new());
    }
}

/// Composes `index` once its parts are; `path` holds the types being composed, to find a type
/// made of itself.
fn compose(
    cx: &mut Cx<'_>,
    table: &mut Table,
    kept: &[&ast::TypeSpec],
    index: usize,
    done: &mut [bool],
    path: &mut Vec<usize>,
) {
    let spec = kept[index];
    let ast::TypeSpecKind::Object { all_of, .. } = &spec.kind else {
        return;
    };
    if done[index] || all_of.is_empty() {
        done[index] = true;
        return;
    }
    path.push(index);
    let mut parts = Vec::new();
    for part in all_of {
        if let Some(part) = part_of(cx, table, kept, spec, part, path) {
            compose(cx, table, kept, part, done, path);
            parts.push(part);
        }
    }
    path.pop();
    done[index] = true;
    flatten(cx, table, spec, index, &parts);
}

/// The object type a part names; `None` when it is reported (unknown, not an object, or the
/// type itself again).
fn part_of(
    cx: &mut Cx<'_>,
    table: &Table,
    kept: &[&ast::TypeSpec],
    spec: &ast::TypeSpec,
    part: &At<String>,
    path: &[usize],
) -> Option<usize> {
    let ty = table.resolve(cx, spec.file, part)?;
    let index = match ty {
        Ty::Named(i)
            if i < kept.len() && matches!(kept[i].kind, ast::TypeSpecKind::Object { .. }) =>
        {
            i
        }
        other => {
            cx.at(spec.file).error_help(
                part.pos,
                format!(
                    "`all_of` takes the fields of objects; {} is not one",
                    describe(&other, table)
                ),
                "name a type with `fields:`",
            );
            return None;
        }
    };
    if path.contains(&index) {
        cx.at(spec.file).error_help(
            part.pos,
            format!("`{}` is made of itself through `all_of`", spec.name.value),
            "remove the part that leads back to it",
        );
        return None;
    }
    Some(index)
}

/// The parts' fields, in order, then the type's own; a wire or Rust name that two of them
/// share is reported once, at the type.
fn flatten(
    cx: &mut Cx<'_>,
    table: &mut Table,
    spec: &ast::TypeSpec,
    index: usize,
    parts: &[usize],
) {
    let mut fields: Vec<ir::Field> = Vec::new();
    let mut extra: Option<(Ty, String)> = None;
    let mut from: BTreeMap<String, String> = BTreeMap::new();
    let own = match &table.types[index].kind {
        TypeKind::Struct { fields, extra } => {
            (fields.clone(), extra.as_ref().map(|e| e.ty.clone()))
        }
        _ => return,
    };
    let sources = parts
        .iter()
        .map(|&p| (table.types[p].name.clone(), struct_of(table, p)))
        .chain([(spec.name.value.clone(), Some(own))]);
    for (source, part) in sources {
        let Some((part_fields, part_extra)) = part else {
            continue;
        };
        if let Some(ty) = part_extra {
            extra = kept_members(cx, table, spec, extra, (ty, source.clone()));
        }
        for field in part_fields {
            let clash = fields
                .iter()
                .find(|f| f.wire == field.wire || f.rust == field.rust);
            if let Some(earlier) = clash {
                let first = &from[&earlier.wire];
                cx.at(spec.file).error_help(
                    spec.name.pos,
                    format!(
                        "`{}` gets the field `{}` from both `{first}` and `{source}`",
                        spec.name.value, field.wire
                    ),
                    "keep the field in one of them",
                );
                continue;
            }
            from.insert(field.wire.clone(), source.clone());
            fields.push(field);
        }
    }
    let extra = extra.map(|(ty, _)| ir::Extra {
        rust: free_name(&fields),
        ty,
    });
    table.types[index].kind = TypeKind::Struct { fields, extra };
}

/// The type of the members a composition keeps that its parts do not list, given what the
/// parts before said (`kept`) and one more part's (`part`), each with the part it is from:
/// any JSON where every part says so, else the one type a part gives (two are an error).
fn kept_members(
    cx: &mut Cx<'_>,
    table: &Table,
    spec: &ast::TypeSpec,
    kept: Option<(Ty, String)>,
    part: (Ty, String),
) -> Option<(Ty, String)> {
    match kept {
        None => Some(part),
        Some((Ty::Any, _)) => Some(part),
        Some(kept) if part.0 == Ty::Any || part.0 == kept.0 => Some(kept),
        Some(kept) => {
            cx.at(spec.file).error_help(
                spec.name.pos,
                format!(
                    "`{}` keeps the members it does not list as {} (from `{}`) and as {} (from `{}`)",
                    spec.name.value,
                    describe(&kept.0, table),
                    kept.1,
                    describe(&part.0, table),
                    part.1
                ),
                "give one type of unlisted members, in one of them",
            );
            Some(kept)
        }
    }
}

/// A struct's fields, and the type of the members it keeps that it does not list.
fn struct_of(table: &Table, index: usize) -> Option<(Vec<ir::Field>, Option<Ty>)> {
    match &table.types[index].kind {
        TypeKind::Struct { fields, extra } => {
            Some((fields.clone(), extra.as_ref().map(|e| e.ty.clone())))
        }
        _ => None,
    }
}

/// The Rust name for the fields an open object keeps, not taken by a field.
pub(super) fn free_name(fields: &[ir::Field]) -> String {
    ["extra", "additional_properties", "extra_fields"]
        .into_iter()
        .find(|name| !fields.iter().any(|f| f.rust == *name))
        .unwrap_or("extra_")
        .to_string()
}
