//! Request shapes: a type with read-only fields gets a sibling without them for request bodies,
//! so a client can never send what the server owns.

use super::types::Table;
use crate::ir::{self, Ty};

/// The type to use for `ty` in a request body: `ty` itself, unless read-only fields are
/// reachable from it, in which case request shapes are made (once) and used instead.
pub(crate) fn request_shape(table: &mut Table, ty: &Ty) -> Ty {
    match ty {
        Ty::List(item) => Ty::List(Box::new(request_shape(table, item))),
        Ty::Map(k, v) => Ty::Map(k.clone(), Box::new(request_shape(table, v))),
        Ty::Nullable(inner) => Ty::Nullable(Box::new(request_shape(table, inner))),
        Ty::Named(i) if has_read_only(table, *i, &mut Vec::new()) => Ty::Named(shape_of(table, *i)),
        other => other.clone(),
    }
}

fn has_read_only(table: &Table, index: usize, visiting: &mut Vec<usize>) -> bool {
    if visiting.contains(&index) {
        return false;
    }
    visiting.push(index);
    let ty_has = |ty: &Ty, visiting: &mut Vec<usize>| {
        named_in(ty)
            .into_iter()
            .any(|i| has_read_only(table, i, visiting))
    };
    let found = match &table.types[index].kind {
        ir::TypeKind::Struct { fields, .. } => fields
            .iter()
            .any(|f| f.read_only || ty_has(&f.ty, visiting)),
        ir::TypeKind::Union(alts) => alts.iter().any(|a| ty_has(&a.ty, visiting)),
        ir::TypeKind::Tagged(tagged) => tagged
            .alternatives
            .iter()
            .filter_map(|a| a.ty.as_ref())
            .any(|ty| ty_has(ty, visiting)),
        _ => false,
    };
    visiting.pop();
    found
}

fn named_in(ty: &Ty) -> Vec<usize> {
    match ty {
        Ty::List(item) | Ty::Nullable(item) => named_in(item),
        Ty::Map(_, v) => named_in(v),
        Ty::Named(i) => vec![*i],
        _ => Vec::new(),
    }
}

fn shape_of(table: &mut Table, index: usize) -> usize {
    if let Some(&existing) = table.shapes.get(&index) {
        return existing;
    }
    let original = table.types[index].clone();
    let name = ["Request", "Input", "Body", "RequestShape"]
        .iter()
        .map(|suffix| format!("{}{suffix}", original.name))
        .find(|candidate| !table.rust_names.contains(candidate))
        .unwrap_or_else(|| format!("{}Request{index}", original.name));
    // Reserve the slot first so recursive types point at the shape, not back at the original.
    let slot = table.types.len();
    table.shapes.insert(index, slot);
    table.rust_names.insert(name.clone());
    table.types.push(ir::TypeDef {
        name,
        request_shape_of: Some(index),
        ..original.clone()
    });
    let kind = match original.kind {
        ir::TypeKind::Struct { fields, extra } => ir::TypeKind::Struct {
            fields: fields
                .into_iter()
                .filter(|f| !f.read_only)
                .map(|f| ir::Field {
                    ty: request_shape(table, &f.ty),
                    ..f
                })
                .collect(),
            extra,
        },
        ir::TypeKind::Union(alts) => ir::TypeKind::Union(
            alts.into_iter()
                .map(|a| ir::Alternative {
                    ty: request_shape(table, &a.ty),
                    ..a
                })
                .collect(),
        ),
        ir::TypeKind::Tagged(tagged) => ir::TypeKind::Tagged(ir::Tagged {
            alternatives: tagged
                .alternatives
                .into_iter()
                .map(|a| ir::TaggedAlternative {
                    ty: a.ty.map(|ty| request_shape(table, &ty)),
                    ..a
                })
                .collect(),
            ..tagged
        }),
        other => other,
    };
    table.types[slot].kind = kind;
    slot
}
