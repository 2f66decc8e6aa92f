//! specgen: hand-written YAML descriptions of HTTP endpoints → Rust models, validation, clients
//! and servers.
//!
//! The pipeline: [`load`] reads YAML into positioned trees, [`parse`] reads those into the spec
//! AST, [`check`] resolves it into the [`ir`] (or reports every problem), [`emit`] turns the IR
//! into tokens, and [`render`] formats them. [`generate`] writes the files of a crate.

pub mod check;
pub mod diagnostics;
pub mod emit;
pub mod generate;
pub mod ir;
pub mod layout;
pub mod load;
pub mod parse;
pub mod render;

use std::path::Path;

pub use diagnostics::{Diagnostic, Diagnostics};
pub use emit::Options;

/// What can go wrong running specgen.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The specs have problems; every one is listed.
    #[error("{0}")]
    Spec(Diagnostics),
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    /// A bug in specgen itself: please report it with the spec that caused it.
    #[error("internal error: {0}")]
    Internal(String),
}

/// Load and check every service under `specs_dir`; `display_root` is how messages name it.
pub fn load_api(specs_dir: &Path, display_root: &str) -> Result<ir::Api, Error> {
    let mut diags = Diagnostics::default();
    let folders = load::load_dir(specs_dir, display_root, &mut diags);
    let api = check::check(&folders, &mut diags);
    if diags.is_empty() {
        Ok(api)
    } else {
        Err(Error::Spec(diags.sorted()))
    }
}
