//! `#[derive(Validate)]` for specgen models, and `include_spec!` for a service's bindings.
//!
//! Reads `#[validate(...)]` on fields (and `#[validate(unknown)]` on enum variants) plus
//! the `#[serde(...)]` attributes that decide wire names, and generates an
//! `impl ::specgen_runtime::Validate` that reports every violation by JSON pointer.
//! Use it through `specgen_runtime::Validate`, which re-exports it.
//!
//! Field rules: `max_length = N`, `min_length = N` (Unicode characters),
//! `pattern = "regex"`, `min_items = N`, `max_items = N`, `unique_items = true`,
//! `range(min = X, max = Y)`,
//! `email`, `uuid`, `date_time`, `nested`, `custom = path::to::function`.

mod ast;
mod attr;
mod case;
mod ctxt;
mod expand;
mod include;
mod serde_attr;

use proc_macro::TokenStream;
use syn::{DeriveInput, LitStr, parse_macro_input};

/// Derives `specgen_runtime::Validate`; see the crate documentation for the rules.
#[proc_macro_derive(Validate, attributes(validate))]
pub fn derive_validate(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// The bindings of the service in a spec folder (relative to the calling crate's manifest
/// directory), generated at compile time: exactly what `specgen::Builder` writes for it.
///
/// ```ignore
/// pub mod yandex360 {
///     specgen_runtime::include_spec!("specs/yandex360");
/// }
/// ```
///
/// Editing a spec file rebuilds the crate; a broken spec is a compile error per problem,
/// each with its `file:line:col`.
#[proc_macro]
pub fn include_spec(input: TokenStream) -> TokenStream {
    let folder = parse_macro_input!(input as LitStr);
    include::expand(&folder)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
