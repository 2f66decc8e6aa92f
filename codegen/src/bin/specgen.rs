//! `specgen`: regenerate checked-in bindings from specs, or check that they are current.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "specgen",
    version,
    about = "Generate Rust bindings from hand-written YAML endpoint specs",
    long_about = "Generate Rust bindings from hand-written YAML endpoint specs: serde models with \
                  validation, a reqwest client, an axum server trait and router, and a mock, per \
                  service. A broken spec is reported with every problem as file:line:col."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate the bindings crate's `src/` from the specs; writes only files whose bytes change.
    Generate(Paths),
    /// Exit non-zero, naming every stale, missing or orphaned file, when the bindings differ from
    /// what the specs produce. Writes nothing.
    Check(Paths),
    /// Write one OpenAPI document per service, `<out>/<service>.openapi.json`.
    Openapi(OpenapiArgs),
    /// Turn an OpenAPI 3.0/3.1 document (JSON or YAML) into a spec folder: `service.yaml` and
    /// one file per operation. What the spec language cannot say is reported with its JSON
    /// pointer and commented where it stood.
    Import(ImportArgs),
}

#[derive(Args)]
struct ImportArgs {
    /// The OpenAPI document; files its `$ref`s name are read from beside it.
    file: PathBuf,
    /// The service folder to write (`specs/<name>`); its name is the service's.
    #[arg(long)]
    out: PathBuf,
    /// Replace files edited since the last import (or not written by one).
    #[arg(long)]
    force: bool,
    /// Also list what only documentation lost (`title`, `externalDocs`, …).
    #[arg(long)]
    notes: bool,
}

#[derive(Args)]
struct OpenapiArgs {
    /// The specs folder: one sub-folder per service.
    #[arg(long, default_value = "specs")]
    specs: PathBuf,
    /// The folder to write the documents to.
    #[arg(long)]
    out: PathBuf,
    /// The OpenAPI version: `3.1` (JSON Schema 2020-12), or `3.0` (3.0.3) for tools that read
    /// only 3.0.
    #[arg(long, default_value = "3.1", value_parser = parse_version)]
    version: specgen::openapi::Version,
    /// Language of descriptions; the others are kept in `x-translations`. By default each
    /// service's own.
    #[arg(long)]
    lang: Option<String>,
}

fn parse_version(s: &str) -> Result<specgen::openapi::Version, String> {
    s.parse()
}

#[derive(Args)]
struct Paths {
    /// The specs folder: one sub-folder per service.
    #[arg(long, default_value = "specs")]
    specs: PathBuf,
    /// The bindings crate; generated files go to its `src/` folder.
    #[arg(long, default_value = "generated")]
    out: PathBuf,
    /// Language of doc comments (`en`, `ru`, `ja`, …); by default each service's own, falling
    /// back to English, then to the first language a text is written in.
    #[arg(long)]
    lang: Option<String>,
    /// Only this service (its folder under `<out>/src/` and `lib.rs`); every spec is still
    /// checked, since services can extend each other.
    #[arg(long, value_name = "NAME")]
    service: Option<String>,
    /// How dates and times are held: `strings` (`String`, checked against the format), or
    /// `time` (`time::Date`, `time::Time`, `time::OffsetDateTime`, each in
    /// `specgen_runtime::Rfc3339`; the bindings crate then depends on `time`).
    #[arg(long, value_name = "KIND", default_value = "strings", value_parser = parse_date_types)]
    date_types: specgen::DateTypes,
}

fn parse_date_types(s: &str) -> Result<specgen::DateTypes, String> {
    s.parse()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<ExitCode, specgen::Error> {
    let (paths, write) = match command {
        Command::Generate(paths) => (paths, true),
        Command::Check(paths) => (paths, false),
        Command::Openapi(args) => return openapi(args),
        Command::Import(args) => return import(args),
    };
    let display = shown(&paths.specs);
    let options = specgen::Options {
        language: paths.lang,
        date_types: paths.date_types,
    };
    let api = load(&paths.specs, &display, &options)?;
    let src = paths.out.join("src");
    let service = match &paths.service {
        Some(name) if !api.services.iter().any(|s| s.name == *name) => {
            let known: Vec<&str> = api.services.iter().map(|s| s.name.as_str()).collect();
            eprintln!(
                "error: no service `{name}` under {display}; the services are: {}",
                known.join(", ")
            );
            return Ok(ExitCode::from(2));
        }
        other => other.as_deref(),
    };
    if write && service.is_none() {
        write_manifest(&paths.out, options.date_types)?;
    }
    // The check is scoped to the service's folder; `lib.rs` declares every service.
    let folder_dir = service.map_or_else(|| src.clone(), |name| src.join(name));
    let folder = specgen::generate::Folder::new(&folder_dir, write);
    let lib_written = std::sync::Mutex::new(Ok(false));
    // Each file is compared (and written) as it is rendered, none kept.
    specgen::layout::crate_files_each(&api, &options, &|path, text| match service {
        None => folder.file(&path, &text),
        Some(_) if path == "lib.rs" && write => {
            *lib_written.lock().unwrap_or_else(|e| e.into_inner()) =
                specgen::generate::write_file(&src.join("lib.rs"), &text);
        }
        Some(name) => {
            if let Some(relative) = path.strip_prefix(&format!("{name}/")) {
                folder.file(relative, &text);
            }
        }
    })?;
    if lib_written
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())?
    {
        println!("written: {}", src.join("lib.rs").display());
    }
    let count = folder.count();
    let changes = folder.finish()?;
    report(write, count, &changes)
}

/// A starting manifest, written once: from then on it is the user's to edit.
fn write_manifest(out: &Path, date_types: specgen::DateTypes) -> Result<(), specgen::Error> {
    let manifest = out.join("Cargo.toml");
    if manifest.exists() {
        return Ok(());
    }
    let text = starter_manifest(out, date_types);
    specgen::generate::write_file(&manifest, &text)?;
    println!(
        "written: {} (yours to edit; never rewritten)",
        manifest.display()
    );
    Ok(())
}

/// What `generate` changed, or what `check` found different.
fn report(
    write: bool,
    count: usize,
    changes: &[specgen::generate::Drift],
) -> Result<ExitCode, specgen::Error> {
    if write {
        for change in changes {
            println!("{change}");
        }
        println!(
            "{} file(s) written, {} up to date",
            changes.len(),
            count - changes.len().min(count)
        );
        return Ok(ExitCode::SUCCESS);
    }
    if changes.is_empty() {
        println!("{count} generated file(s) match the specs");
        return Ok(ExitCode::SUCCESS);
    }
    for d in changes {
        eprintln!("{d}");
    }
    eprintln!(
        "error: {} file(s) differ from what the specs produce; run `cargo run -p specgen -- generate`",
        changes.len()
    );
    Ok(ExitCode::FAILURE)
}

/// The specs folder as messages name it.
fn shown(specs: &std::path::Path) -> String {
    specs.to_string_lossy().trim_end_matches('/').to_string()
}

/// The checked specs, their warnings shown on stderr.
fn load(
    specs: &Path,
    display: &str,
    options: &specgen::Options,
) -> Result<specgen::ir::Api, specgen::Error> {
    let api = specgen::load_api_with(specs, display, options)?;
    if !api.warnings.is_empty() {
        eprintln!("{}", api.warnings);
    }
    Ok(api)
}

fn openapi(args: OpenapiArgs) -> Result<ExitCode, specgen::Error> {
    let options = specgen::Options {
        language: args.lang,
        ..specgen::Options::default()
    };
    let api = load(&args.specs, &shown(&args.specs), &options)?;
    let files = specgen::openapi::files(&api, &options, args.version);
    let mut written = 0;
    for (name, text) in &files {
        let path = args.out.join(name);
        if specgen::generate::write_file(&path, text)? {
            println!("written: {}", path.display());
            written += 1;
        }
    }
    println!(
        "{written} document(s) written, {} up to date",
        files.len() - written
    );
    Ok(ExitCode::SUCCESS)
}

/// The manifest of a bindings crate a user could publish: the runtime and what generated code
/// names (`time` where dates and times are held as its types), with the client and the server
/// as features.
fn starter_manifest(out: &std::path::Path, date_types: specgen::DateTypes) -> String {
    let name = out
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "bindings".to_owned())
        .replace(
            |c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '_',
            "-",
        );
    format!(
        r#"[package]
name = "{name}"
version = "0.1.0"
edition = "2024"
description = "Rust bindings generated by specgen"
license = "MIT OR Apache-2.0"

[features]
default = ["client", "server"]
# The generated clients (reqwest, HTTPS through rustls).
client = ["specgen-runtime/client"]
# The generated servers and mocks (axum).
server = ["specgen-runtime/server"]

[dependencies]
specgen-runtime = "{version}"
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
uuid = {{ version = "1", features = ["serde"] }}
{time}"#,
        version = env!("CARGO_PKG_VERSION"),
        time = match date_types {
            // Generated code only names its types; `specgen_runtime::Rfc3339` reads and
            // writes them.
            specgen::DateTypes::Time => "time = \"0.3\"\n",
            specgen::DateTypes::Strings => "",
        },
    )
}

fn import(args: ImportArgs) -> Result<ExitCode, specgen::Error> {
    use specgen::import::gaps::Severity;
    let service = args
        .out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if service.is_empty() || specgen::check::snake(&service) != service {
        eprintln!(
            "error: the folder name `{service}` is the service's name, and must be snake_case (`{}`)",
            specgen::check::snake(&service)
        );
        return Ok(ExitCode::from(2));
    }
    let shown = args.file.display().to_string();
    // A file that cannot be read is named by its message.
    let sources = match specgen::import::source::Sources::read(&args.file) {
        Ok(sources) => sources,
        Err(problem) => {
            eprintln!("error: {}", problem.0);
            return Ok(ExitCode::FAILURE);
        }
    };
    let imported = match specgen::import::translate(&sources, &service) {
        Ok(imported) => imported,
        Err(failure) => {
            eprintln!("error: {shown}: {failure}");
            return Ok(ExitCode::FAILURE);
        }
    };
    for (gap, place) in imported.gaps.iter().zip(&imported.places) {
        if gap.severity == Severity::Gap || args.notes {
            eprintln!("{}", specgen::import::gaps::message(&shown, place, gap));
        }
    }
    let written = match specgen::import::write::write(&args.out, &imported.files, args.force) {
        Ok(written) => written,
        Err(error) => {
            eprintln!("error: {error}");
            return Ok(ExitCode::FAILURE);
        }
    };
    for path in &written.written {
        println!("written: {}", path.display());
    }
    for path in &written.removed {
        println!("removed: {}", path.display());
    }
    let gaps = imported
        .gaps
        .iter()
        .filter(|g| g.severity == Severity::Gap)
        .count();
    let notes = imported.gaps.len() - gaps;
    println!(
        "{} of {} operation(s) imported into {}; {gaps} gap(s) reported, {notes} note(s){}",
        imported.endpoints,
        imported.operations,
        args.out.display(),
        if args.notes || notes == 0 {
            ""
        } else {
            " (--notes lists them)"
        }
    );
    Ok(ExitCode::SUCCESS)
}
