//! Generating bindings from a build script, in the style of prost-build and tonic-build:
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), specgen::Error> {
//!     specgen::Builder::new().spec_dir("specs/lineworks").generate()
//! }
//! ```
//!
//! and in the crate, `mod lineworks { specgen_runtime::include_generated!("lineworks"); }`.

use std::path::{Path, PathBuf};

use crate::emit::Options;
use crate::ir::DateTypes;
use crate::layout::{self, Parts};
use crate::{Error, ir};

/// Generates `<out_dir>/<service>.rs` for each spec folder, and tells cargo to rerun when one
/// of the spec files it read changes.
#[derive(Debug, Clone)]
pub struct Builder {
    spec_dirs: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    options: Options,
    parts: Parts,
    cargo_output: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Builder::new()
    }
}

impl Builder {
    /// Every part (models, client, server, mock), into `$OUT_DIR`.
    pub fn new() -> Self {
        Builder {
            spec_dirs: Vec::new(),
            out_dir: None,
            options: Options::default(),
            parts: Parts::ALL,
            cargo_output: true,
        }
    }

    /// A service folder to generate (`specs/lineworks`); call again for more. A service that
    /// `extends` another reads the other's folder beside it too.
    pub fn spec_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.spec_dirs.push(dir.into());
        self
    }

    /// Where to write (default: `$OUT_DIR`).
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.out_dir = Some(dir.into());
        self
    }

    /// The language of doc comments (default: each service's own), with fallback to English,
    /// then the first text written.
    pub fn language(mut self, language: impl Into<String>) -> Self {
        self.options.language = Some(language.into());
        self
    }

    /// How dates and times are held (default: [`DateTypes::Strings`]). With
    /// [`DateTypes::Time`], `date`, `time` and `date-time` values are `time::Date`,
    /// `time::Time` (in UTC) and `time::OffsetDateTime`, each in `specgen_runtime::Rfc3339`,
    /// and the crate depends on `time` (`time = "0.3"`, no features needed).
    pub fn date_types(mut self, date_types: DateTypes) -> Self {
        self.options.date_types = date_types;
        self
    }

    /// Whether to emit the client (needs `specgen-runtime` feature `client`).
    pub fn client(mut self, on: bool) -> Self {
        self.parts.client = on;
        self
    }

    /// Whether to emit the server (needs `specgen-runtime` feature `server`).
    pub fn server(mut self, on: bool) -> Self {
        self.parts.server = on;
        self
    }

    /// Whether to emit the mock (needs the server).
    pub fn mock(mut self, on: bool) -> Self {
        self.parts.mock = on;
        self
    }

    /// Whether to print `cargo:rerun-if-changed` lines (on by default; off outside build
    /// scripts).
    pub fn cargo_output(mut self, on: bool) -> Self {
        self.cargo_output = on;
        self
    }

    /// Generates every service. A broken spec fails with every problem, each with
    /// `file:line:col`; files whose bytes would not change are left untouched.
    pub fn generate(self) -> Result<(), Error> {
        let out_dir = match self
            .out_dir
            .clone()
            .or_else(|| std::env::var_os("OUT_DIR").map(PathBuf::from))
        {
            Some(dir) => dir,
            None => {
                return Err(Error::Internal(
                    "OUT_DIR is not set: call `out_dir(…)` outside a build script".into(),
                ));
            }
        };
        let mut parts = self.parts;
        parts.mock &= parts.server;
        for dir in &self.spec_dirs {
            let LoadedService {
                service,
                read,
                warnings,
            } = load_service_with(dir, &self.options)?;
            if self.cargo_output {
                for path in &read {
                    println!("cargo:rerun-if-changed={}", path.display());
                }
                // Cargo shows a build script's warnings a line each.
                for line in warnings
                    .iter()
                    .flat_map(|w| w.to_string().lines().map(str::to_owned).collect::<Vec<_>>())
                {
                    println!("cargo:warning={line}");
                }
            }
            let text = layout::service_module(&service, &self.options, parts)?;
            crate::generate::write_file(&out_dir.join(format!("{}.rs", service.name)), &text)?;
        }
        Ok(())
    }
}

/// A service loaded on its own, as a build script or `include_spec!` loads it.
#[derive(Debug)]
pub struct LoadedService {
    pub service: ir::Service,
    /// Every path read: the folders and their spec files.
    pub read: Vec<PathBuf>,
    /// What the specs say that is likely not what was meant.
    pub warnings: crate::Diagnostics,
}

/// Loads the service in `dir`, and the folders of the services it extends (siblings of
/// `dir`).
pub fn load_service(dir: &Path) -> Result<LoadedService, Error> {
    load_service_with(dir, &Options::default())
}

/// [`load_service`], for code generated with `options` (its [`Options::date_types`]).
pub fn load_service_with(dir: &Path, options: &Options) -> Result<LoadedService, Error> {
    let api = crate::load_service_api_with(dir, options)?;
    let warnings = api.warnings;
    let wanted = dir.join("service.yaml");
    let service = api
        .services
        .into_iter()
        .find(|s| s.source_paths.contains(&wanted))
        .ok_or_else(|| Error::Internal(format!("no service in {}", dir.display())))?;
    let mut read: Vec<PathBuf> = service
        .source_paths
        .iter()
        .filter_map(|p| p.parent().map(Path::to_path_buf))
        .collect();
    read.extend(service.source_paths.iter().cloned());
    read.sort();
    read.dedup();
    Ok(LoadedService {
        service,
        read,
        warnings,
    })
}
