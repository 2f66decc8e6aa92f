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
