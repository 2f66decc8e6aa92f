//! Reads the `#[serde(...)]` attributes that decide a field's wire name and presence.
//!
//! Only what affects the JSON pointer is read; every other serde attribute is skipped.
//! Malformed serde attributes are ignored here: serde's own derive reports them.

use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::{Attribute, LitStr, Token};

use crate::case::RenameRule;

/// Container-level serde settings.
#[derive(Default)]
pub(crate) struct SerdeContainer {
    /// `rename_all`: on a struct it renames the fields (on an enum, the variants).
    pub(crate) rename_all: Option<RenameRule>,
    /// `rename_all_fields`: on an enum, renames the fields of every struct variant.
    pub(crate) rename_all_fields: Option<RenameRule>,
}

/// Variant-level serde settings.
#[derive(Default)]
pub(crate) struct SerdeVariant {
    /// `rename_all` on a variant renames that variant's fields.
    pub(crate) rename_all: Option<RenameRule>,
}

/// Field-level serde settings.
#[derive(Default)]
pub(crate) struct SerdeField {
    /// The deserialize name from `rename`.
    pub(crate) rename: Option<String>,
    /// `skip` or `skip_deserializing`: the value never comes from the input.
    pub(crate) skip: bool,
    /// `flatten`: the field's members sit in the parent object.
    pub(crate) flatten: bool,
}

pub(crate) fn container(attrs: &[Attribute]) -> SerdeContainer {
    let mut out = SerdeContainer::default();
    for_each_serde_meta(attrs, |meta| {
        if meta.path.is_ident("rename_all") {
            out.rename_all = deserialize_name(meta)?
                .and_then(|name| RenameRule::from_name(&name))
                .or(out.rename_all);
        } else if meta.path.is_ident("rename_all_fields") {
            out.rename_all_fields = deserialize_name(meta)?
                .and_then(|name| RenameRule::from_name(&name))
                .or(out.rename_all_fields);
        }
        Ok(())
    });
    out
}

pub(crate) fn variant(attrs: &[Attribute]) -> SerdeVariant {
    let mut out = SerdeVariant::default();
    for_each_serde_meta(attrs, |meta| {
        if meta.path.is_ident("rename_all") {
            out.rename_all = deserialize_name(meta)?
                .and_then(|name| RenameRule::from_name(&name))
                .or(out.rename_all);
        }
        Ok(())
    });
    out
}

pub(crate) fn field(attrs: &[Attribute]) -> SerdeField {
    let mut out = SerdeField::default();
    for_each_serde_meta(attrs, |meta| {
        if meta.path.is_ident("rename") {
            out.rename = deserialize_name(meta)?.or(out.rename.take());
        } else if meta.path.is_ident("skip") || meta.path.is_ident("skip_deserializing") {
            out.skip = true;
        } else if meta.path.is_ident("flatten") {
            out.flatten = true;
        }
        Ok(())
    });
    out
}

/// Calls `read` for every item of every `#[serde(...)]`, then skips whatever it left
/// unread of that item, so unknown items (`default = "..."`, `with = ...`) pass through.
fn for_each_serde_meta(
    attrs: &[Attribute],
    mut read: impl FnMut(&ParseNestedMeta<'_>) -> syn::Result<()>,
) {
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("serde")) {
        // Errors are serde's to report; a bad item only loses what it would have said.
        let _ = attr.parse_nested_meta(|meta| {
            read(&meta)?;
            skip_item(meta.input)
        });
    }
}

/// `name = "x"` → `Some("x")`; `name(serialize = "a", deserialize = "b")` → `Some("b")`;
/// `name(serialize = "a")` → `None` (the deserialize side keeps its default).
fn deserialize_name(meta: &ParseNestedMeta<'_>) -> syn::Result<Option<String>> {
    if meta.input.peek(Token![=]) {
        let name: LitStr = meta.value()?.parse()?;
        return Ok(Some(name.value()));
    }
    let mut name = None;
    if meta.input.peek(syn::token::Paren) {
        meta.parse_nested_meta(|inner| {
            if inner.path.is_ident("deserialize") {
                let value: LitStr = inner.value()?.parse()?;
                name = Some(value.value());
            }
            skip_item(inner.input)
        })?;
    }
    Ok(name)
}

/// Skips the rest of one comma-separated item (groups are single tokens, so nested
/// commas are skipped with them).
pub(crate) fn skip_item(input: ParseStream<'_>) -> syn::Result<()> {
    while !input.is_empty() && !input.peek(Token![,]) {
        input.parse::<proc_macro2::TokenTree>()?;
    }
    Ok(())
}
