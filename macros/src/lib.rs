//! `#[derive(Validate)]` for specgen models.
//!
//! Reads `#[validate(...)]` on fields (and `#[validate(unknown)]` on enum variants) plus
//! the `#[serde(...)]` attributes that decide wire names, and generates an
//! `impl ::specgen_runtime::Validate` that reports every violation by JSON pointer.
//! Use it through `specgen_runtime::Validate`, which re-exports it.
//!
//! Field rules: `max_length = N`, `min_length = N` (Unicode characters),
//! `pattern = "regex"`, `min_items = N`, `max_items = N`, `range(min = X, max = Y)`,
//! `email`, `uuid`, `date_time`, `nested`, `custom = path::to::function`.

mod ast;
mod attr;
mod case;
mod ctxt;
mod expand;
mod serde_attr;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Derives `specgen_runtime::Validate`; see the crate documentation for the rules.
#[proc_macro_derive(Validate, attributes(validate))]
pub fn derive_validate(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
