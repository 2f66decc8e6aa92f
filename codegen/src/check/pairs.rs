//! What can travel as `name=value` pairs (form-urlencoded bodies, object query parameters),
//! and how deep: the generated code writes plain values as one pair, lists as one pair per
//! element, and objects and maps as their members in brackets (`address[city]=Oslo`).

use super::bodies::is_scalar;
use super::types::{Table, describe};
use crate::ir::{Field, Ty, TypeKind};

/// How much nesting a place allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Nesting {
    /// Plain values only (an object's members joined in one value: `R,100,G,200`).
    Plain,
    /// Plain values and lists of them (an object's members as query parameters of their own).
    Lists,
    /// Also objects and maps of those, at any depth, in brackets (`deepObject`, form bodies).
    Brackets,
}

/// The first member of the object or map `ty` that cannot travel as pairs with `nesting`,
/// as `(its path, what it is)`: `("address.lines", "a list of `Line`")`.
pub(super) fn misfit(ty: &Ty, nesting: Nesting, table: &Table) -> Option<(String, String)> {
    let mut visiting = Vec::new();
    match ty {
        Ty::Named(i) => match &table.types[*i].kind {
            TypeKind::Struct { fields, .. } => {
                visiting.push(*i);
                members_misfit(fields, nesting, table, &mut visiting)
            }
            _ => value_misfit(ty, nesting, table, &mut visiting),
        },
        _ => value_misfit(ty, nesting, table, &mut visiting),
    }
}

fn members_misfit(
    fields: &[Field],
    nesting: Nesting,
    table: &Table,
    visiting: &mut Vec<usize>,
) -> Option<(String, String)> {
    fields.iter().find_map(|f| {
        value_misfit(&f.ty, nesting, table, visiting)
            .map(|(path, what)| (join(&f.wire, &path), what))
    })
}

/// Why a value of `ty` cannot travel as pairs, with the path below it that is to blame
/// (empty when it is the value itself).
fn value_misfit(
    ty: &Ty,
    nesting: Nesting,
    table: &Table,
    visiting: &mut Vec<usize>,
) -> Option<(String, String)> {
    if is_scalar(ty, table) {
        return None;
    }
    let whole = |what: String| Some((String::new(), what));
    match (ty, nesting) {
        (Ty::List(item), Nesting::Lists | Nesting::Brackets) if is_scalar(item, table) => None,
        (Ty::List(item), Nesting::Lists | Nesting::Brackets) => {
            whole(format!("a list of {}", describe(item, table)))
        }
        (Ty::Map(_, value), Nesting::Brackets) if matches!(**value, Ty::List(_)) => {
            whole(format!("a map of lists ({})", describe(ty, table)))
        }
        (Ty::Map(_, value), Nesting::Brackets) => value_misfit(value, nesting, table, visiting)
            .map(|(path, what)| (join("<key>", &path), what)),
        (Ty::Named(i), Nesting::Brackets) => match &table.types[*i].kind {
            TypeKind::Struct { .. } if visiting.contains(i) => {
                whole(format!("{}, which contains itself", describe(ty, table)))
            }
            TypeKind::Struct { fields, .. } => {
                visiting.push(*i);
                let found = members_misfit(fields, nesting, table, visiting);
                visiting.pop();
                found
            }
            _ => whole(describe(ty, table)),
        },
        _ => whole(describe(ty, table)),
    }
}

fn join(head: &str, rest: &str) -> String {
    if rest.is_empty() {
        head.to_owned()
    } else {
        format!("{head}.{rest}")
    }
}

/// The fields of `ty`, when it is a named object.
pub(super) fn object_fields<'t>(ty: &Ty, table: &'t Table) -> Option<&'t [Field]> {
    match ty {
        Ty::Named(i) => match &table.types[*i].kind {
            TypeKind::Struct { fields, .. } => Some(fields),
            _ => None,
        },
        _ => None,
    }
}
