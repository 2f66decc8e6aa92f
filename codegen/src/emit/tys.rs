//! Rust types for IR types.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ir::{Constraints, Format, Numeric, Service, Ty, TypeKind};

pub fn ident(name: &str) -> proc_macro2::Ident {
    match name.strip_prefix("r#") {
        Some(raw) => proc_macro2::Ident::new_raw(raw, proc_macro2::Span::call_site()),
        None => format_ident!("{}", name),
    }
}

pub fn rust_ty(ty: &Ty, service: &Service) -> TokenStream {
    ty_tokens(ty, service, false)
}

/// The Rust type as named from a sibling module of `models` (`models::CustomField`).
pub fn qualified_ty(ty: &Ty, service: &Service) -> TokenStream {
    ty_tokens(ty, service, true)
}

fn ty_tokens(ty: &Ty, service: &Service, qualified: bool) -> TokenStream {
    match ty {
        Ty::String => quote!(String),
        Ty::Numeric(n) => {
            let rust = format_ident!("{}", n.definition().rust);
            quote!(#rust)
        }
        Ty::Boolean => quote!(bool),
        Ty::Uuid => quote!(uuid::Uuid),
        Ty::Any => quote!(serde_json::Value),
        Ty::File => quote!(specgen_runtime::FilePart),
        Ty::Bytes => quote!(specgen_runtime::Bytes),
        Ty::List(item) => {
            let item = ty_tokens(item, service, qualified);
            quote!(Vec<#item>)
        }
        Ty::Map(key, value) => {
            let key = ty_tokens(key, service, qualified);
            let value = ty_tokens(value, service, qualified);
            if qualified {
                quote!(std::collections::BTreeMap<#key, #value>)
            } else {
                quote!(BTreeMap<#key, #value>)
            }
        }
        Ty::Nullable(inner) => {
            let inner = ty_tokens(inner, service, qualified);
            quote!(Option<#inner>)
        }
        Ty::Named(index) => {
            let name = ident(&service.types[*index].name);
            if qualified {
                quote!(models::#name)
            } else {
                quote!(#name)
            }
        }
    }
}

/// The Rust type of a field's, parameter's or header's value: its type's, or the type its
/// format is held in where that is not its text (`specgen_runtime::Base64`,
/// `specgen_runtime::Rfc3339<time::Date>`…). `qualified` as for [`qualified_ty`].
pub fn value_ty(
    ty: &Ty,
    constraints: &Constraints,
    service: &Service,
    qualified: bool,
) -> TokenStream {
    match service.date_types.held(ty, constraints) {
        Some(format) => held_ty(format),
        None => ty_tokens(ty, service, qualified),
    }
}

/// The type a value of `format` is held in, for a format not held as its text.
fn held_ty(format: Format) -> TokenStream {
    match format {
        Format::Byte => quote!(specgen_runtime::Base64),
        Format::Date => quote!(specgen_runtime::Rfc3339<time::Date>),
        Format::Time => quote!(specgen_runtime::Rfc3339<time::Time>),
        Format::DateTime => quote!(specgen_runtime::Rfc3339<time::OffsetDateTime>),
        // The other formats are held as their text.
        _ => quote!(String),
    }
}

/// Whether validating a value of `ty` must look inside it: it holds a named type, or a
/// `float32`, whose range serde does not enforce (a JSON number past it reads as an infinite
/// `f32`, which its own `Validate` refuses).
pub fn needs_nested(ty: &Ty) -> bool {
    match ty {
        Ty::List(item) | Ty::Nullable(item) => needs_nested(item),
        Ty::Map(_, value) => needs_nested(value),
        Ty::Named(_) | Ty::Numeric(Numeric::Float32) => true,
        _ => false,
    }
}

/// Whether `ty` mentions a map (so the module imports `BTreeMap`).
pub fn uses_map(ty: &Ty) -> bool {
    match ty {
        Ty::List(item) | Ty::Nullable(item) => uses_map(item),
        Ty::Map(..) => true,
        _ => false,
    }
}

/// Whether values of `ty` support `Eq` (no floats, no JSON values inside).
pub fn is_eq(ty: &Ty, service: &Service, visiting: &mut Vec<usize>) -> bool {
    match ty {
        Ty::Any => false,
        Ty::Numeric(n) => n.is_integer(),
        Ty::List(item) | Ty::Nullable(item) => is_eq(item, service, visiting),
        Ty::Map(_, value) => is_eq(value, service, visiting),
        Ty::Named(i) => {
            if visiting.contains(i) {
                return true;
            }
            visiting.push(*i);
            let eq = match &service.types[*i].kind {
                TypeKind::Struct { fields, extra } => {
                    extra.is_none() && fields.iter().all(|f| is_eq(&f.ty, service, visiting))
                }
                TypeKind::Union(alts) => alts.iter().all(|a| is_eq(&a.ty, service, visiting)),
                TypeKind::StringEnum(_) | TypeKind::IntEnum(_) => true,
                TypeKind::Scalar { ty, .. } => is_eq(ty, service, visiting),
                // An unlisted alternative is kept as a JSON value, which has no `Eq`.
                TypeKind::Tagged(_) => false,
            };
            visiting.pop();
            eq
        }
        _ => true,
    }
}

/// `r#"…"#` holding `text`, with enough `#`s that the text cannot end it.
pub fn raw_string(text: &str) -> proc_macro2::Literal {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}")
        .parse()
        .unwrap_or_else(|_| proc_macro2::Literal::string(text))
}
