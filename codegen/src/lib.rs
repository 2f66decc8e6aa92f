//! specgen: hand-written YAML descriptions of HTTP endpoints → Rust models, validation, clients
//! and servers.
//!
//! The pipeline: [`load`] reads YAML into positioned trees, [`parse`] reads those into the spec
//! AST, [`check`] resolves it into the [`ir`] (or reports every problem), [`emit`] turns the IR
//! into tokens, and [`render`] formats them. [`generate`] writes the files of a crate.

pub mod builder;
pub mod check;
pub mod diagnostics;
pub mod emit;
pub mod generate;
pub mod import;
pub mod ir;
pub mod layout;
pub mod load;
pub mod openapi;
mod parallel;
pub mod parse;
pub mod render;

use std::path::Path;

pub use builder::Builder;
pub use diagnostics::{Diagnostic, Diagnostics};
pub use emit::Options;
pub use ir::DateTypes;

/// What can go wrong running specgen.
#[derive(thiserror::Error)]
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
    load_api_with(specs_dir, display_root, &Options::default())
}

/// [`load_api`], for code generated with `options` (its [`Options::date_types`]).
pub fn load_api_with(
    specs_dir: &Path,
    display_root: &str,
    options: &Options,
) -> Result<ir::Api, Error> {
    let mut diags = Diagnostics::default();
    let folders = load::load_dir(specs_dir, display_root, &mut diags);
    let parsed = parse::folders(folders, &mut diags);
    let api = check::check(&parsed, options.date_types, &mut diags);
    checked(api, diags)
}

/// The API when the specs have no error, with their warnings; else every problem.
fn checked(mut api: ir::Api, diags: Diagnostics) -> Result<ir::Api, Error> {
    if diags.has_errors() {
        Err(Error::Spec(diags.sorted()))
    } else {
        api.warnings = diags.sorted();
        Ok(api)
    }
}

/// As `Display`: a build script returning `Err` prints the error with `Debug`, and the
/// diagnostics must read the same there as on the command line.
impl std::fmt::Debug for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(self, f)
    }
}

/// Load and check the service in `service_dir`, with the services it `extends` (folders
/// beside it), and nothing else.
pub fn load_service_api(service_dir: &Path) -> Result<ir::Api, Error> {
    load_service_api_with(service_dir, &Options::default())
}

/// [`load_service_api`], for code generated with `options` (its [`Options::date_types`]).
pub fn load_service_api_with(service_dir: &Path, options: &Options) -> Result<ir::Api, Error> {
    let mut diags = Diagnostics::default();
    let mut parsed: Vec<parse::ParsedFolder> = Vec::new();
    let mut next = Some(service_dir.to_path_buf());
    let mut first_file = 0;
    while let Some(dir) = next.take() {
        let display = dir.display().to_string();
        let folder = load::load_service(&dir, &display, &mut diags);
        if parsed.iter().any(|p| p.folder.folder == folder.folder) {
            break;
        }
        let folder = parse::folder(folder, first_file, &mut diags);
        first_file += folder.files.len();
        // The check reports an `extends` that is not a sibling folder's name.
        next = folder
            .extends()
            .filter(|b| load::is_sibling_name(b))
            .and_then(|b| dir.parent().map(|p| p.join(b)));
        parsed.push(folder);
    }
    let api = check::check(&parsed, options.date_types, &mut diags);
    checked(api, diags)
}

/// Check one service's spec files given as texts (`service.yaml` and endpoint files, by file
/// name), as `specgen check` checks a folder named `service`: the API, or every error.
pub fn check_service_texts(
    service: &str,
    texts: &std::collections::BTreeMap<String, String>,
) -> Result<ir::Api, Vec<Diagnostic>> {
    let mut diags = Diagnostics::default();
    let mut folder = load::ServiceFolder {
        folder: service.to_string(),
        service_file: None,
        endpoint_files: Vec::new(),
    };
    for (name, text) in texts {
        let shown = format!("{service}/{name}");
        let file = load::parse_source(shown, name.into(), text.clone(), &mut diags);
        if name == "service.yaml" {
            folder.service_file = Some(file);
        } else {
            folder.endpoint_files.push(file);
        }
    }
    let parsed = parse::folder(folder, 0, &mut diags);
    let api = check::check(&[parsed], ir::DateTypes::default(), &mut diags);
    match checked(api, diags) {
        Ok(api) => Ok(api),
        Err(Error::Spec(diags)) => Err(diags.iter().filter(|d| !d.warning).cloned().collect()),
        Err(other) => Err(vec![Diagnostic {
            file: service.to_string(),
            pos: diagnostics::Pos::FILE_START,
            warning: false,
            message: other.to_string(),
            help: None,
            snippet: None,
        }]),
    }
}
