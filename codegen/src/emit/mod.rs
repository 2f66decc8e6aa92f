//! IR → Rust tokens, one pure function per concern. Nothing here reads YAML or can fail on
//! user input.

mod auth;
mod client;
mod docs;
mod examples;
mod forms;
mod mock;
mod mock_examples;
mod mock_router;
mod models;
mod operations;
mod pages;
mod request_body;
mod server;
mod tagged;
mod tys;
mod xml;

pub use client::client;
pub(crate) use docs::text_lines;
pub use examples::examples;
pub use mock::mock;
pub use mock_router::mock_router;
pub use models::models;
pub use operations::operations;
pub use server::{base_path, server};

/// Choices that change the generated code but not its meaning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The language of doc comments (`en`, `ru`, `ja`…); by default each service's own.
    pub language: Option<String>,
    /// How dates and times are held (`String`s by default). Read when the specs are loaded
    /// ([`crate::load_api_with`]), since the examples' JSON depends on it; the IR keeps it
    /// ([`crate::ir::Service::date_types`]) and the emitters read it there.
    pub date_types: crate::ir::DateTypes,
}

impl Options {
    pub(crate) fn language_for<'a>(&'a self, service: &'a crate::ir::Service) -> &'a str {
        self.language.as_deref().unwrap_or(&service.language)
    }
}

/// `Some(value)` or `None`, as the expression of an `Option` in generated code.
pub(crate) fn option<T: quote::ToTokens>(value: Option<T>) -> proc_macro2::TokenStream {
    match value {
        Some(value) => quote::quote!(Some(#value)),
        None => quote::quote!(None),
    }
}

/// `#![allow(deprecated)]` for a module that names the service's deprecated items itself
/// (users of those items still get the warning).
pub(crate) fn allow_deprecated(service: &crate::ir::Service) -> proc_macro2::TokenStream {
    use crate::ir::TypeKind;
    let inside = service.operations.iter().any(|op| op.deprecated.is_some())
        || service.types.iter().any(|t| {
            t.deprecated.is_some()
                || matches!(&t.kind, TypeKind::Struct { fields, .. } if fields.iter().any(|f| f.deprecated.is_some()))
        });
    if inside {
        quote::quote!(#![allow(deprecated)])
    } else {
        proc_macro2::TokenStream::new()
    }
}

/// The imports a module implementing or serving the server trait needs beyond its own:
/// `Secret` when the service has auth, `models` when an operation's body is a named type.
pub(crate) fn trait_imports(
    service: &crate::ir::Service,
) -> (proc_macro2::TokenStream, proc_macro2::TokenStream) {
    let secret = (!service.auth.is_empty()).then(|| {
        quote::quote!(
            use specgen_runtime::Secret;
        )
    });
    let models = service
        .operations
        .iter()
        .any(|op| {
            op.request
                .as_ref()
                .is_some_and(|r| operations::mentions_named(&r.ty))
        })
        .then(|| {
            quote::quote!(
                use super::models;
            )
        });
    (secret.unwrap_or_default(), models.unwrap_or_default())
}
