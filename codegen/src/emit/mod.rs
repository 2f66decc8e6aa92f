//! IR → Rust tokens, one pure function per concern. Nothing here reads YAML or can fail on
//! user input.

mod docs;
mod examples;
mod models;
mod tys;

pub use examples::examples;
pub use models::models;

/// Choices that change the generated code but not its meaning.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The language of doc comments (`en`, `ru`, `ja`…); by default each service's own.
    pub language: Option<String>,
}

impl Options {
    pub(crate) fn language_for<'a>(&'a self, service: &'a crate::ir::Service) -> &'a str {
        self.language.as_deref().unwrap_or(&service.language)
    }
}
