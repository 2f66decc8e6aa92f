//! The derive input reduced to what validation needs: which fields, at which wire path,
//! with which rules.

use proc_macro2::Span;
use syn::{DeriveInput, Fields, Generics, Ident, Member, Type};

use crate::attr::{self, Rules};
use crate::case::RenameRule;
use crate::ctxt::Ctxt;
use crate::serde_attr;

pub(crate) struct Container<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) generics: &'a Generics,
    pub(crate) data: Data<'a>,
}

pub(crate) enum Data<'a> {
    Struct(Vec<Field<'a>>),
    Enum(Vec<Variant<'a>>),
}

pub(crate) struct Variant<'a> {
    pub(crate) ident: &'a Ident,
    /// The span of `#[validate(unknown)]`, when the variant stands for undocumented values.
    pub(crate) unknown: Option<Span>,
    pub(crate) fields: Vec<Field<'a>>,
}

/// A field that has rules (fields without rules or skipped by serde are left out).
pub(crate) struct Field<'a> {
    pub(crate) member: Member,
    pub(crate) ty: &'a Type,
    /// Where the field's value sits relative to its parent's path.
    pub(crate) segment: Segment,
    pub(crate) rules: Rules,
}

pub(crate) enum Segment {
    /// An object member, by wire name.
    Name(String),
    /// A position in a JSON array (tuple structs and variants with several fields).
    Index(usize),
    /// The parent's own path: newtypes and `#[serde(flatten)]`.
    Same,
}

impl<'a> Container<'a> {
    pub(crate) fn from_ast(cx: &mut Ctxt, input: &'a DeriveInput) -> Option<Self> {
        attr::reject_container_attrs(cx, &input.attrs);
        let serde = serde_attr::container(&input.attrs);
        let data = match &input.data {
            syn::Data::Struct(data) => Data::Struct(fields(cx, &data.fields, serde.rename_all)),
            syn::Data::Enum(data) => Data::Enum(
                data.variants
                    .iter()
                    .map(|variant| {
                        // A variant's own rename_all wins over the enum's rename_all_fields.
                        let rename = serde_attr::variant(&variant.attrs)
                            .rename_all
                            .or(serde.rename_all_fields);
                        Variant {
                            ident: &variant.ident,
                            unknown: attr::variant_unknown(cx, &variant.attrs),
                            fields: fields(cx, &variant.fields, rename),
                        }
                    })
                    .collect(),
            ),
            syn::Data::Union(data) => {
                cx.error_spanned_by(
                    data.union_token,
                    "`Validate` cannot be derived for unions: serde cannot deserialize them",
                );
                return None;
            }
        };
        Some(Container {
            ident: &input.ident,
            generics: &input.generics,
            data,
        })
    }
}

fn fields<'a>(cx: &mut Ctxt, fields: &'a Fields, rename_all: Option<RenameRule>) -> Vec<Field<'a>> {
    let newtype = matches!(fields, Fields::Unnamed(_)) && fields.len() == 1;
    let mut out = Vec::new();
    // serde leaves skipped fields out of a tuple's array, so positions count the others.
    let mut position = 0;
    for (member, field) in fields.members().zip(fields) {
        // Rules are read even on skipped fields, so mistakes in them are still reported.
        let rules = attr::field_rules(cx, &field.attrs);
        let serde = serde_attr::field(&field.attrs);
        if serde.skip {
            continue;
        }
        let segment = match &member {
            _ if serde.flatten || newtype => Segment::Same,
            Member::Named(ident) => Segment::Name(serde.rename.unwrap_or_else(|| {
                let name = syn::ext::IdentExt::unraw(ident).to_string();
                match rename_all {
                    Some(rule) => rule.apply_to_field(&name),
                    None => name,
                }
            })),
            Member::Unnamed(_) => Segment::Index(position),
        };
        position += 1;
        if !rules.is_empty() {
            out.push(Field {
                member,
                ty: &field.ty,
                segment,
                rules,
            });
        }
    }
    out
}
