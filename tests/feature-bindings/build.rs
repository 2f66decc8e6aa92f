//! Generates every feature spec (`../features/<feature>/spec/<feature>`) into `OUT_DIR`, as a
//! user's build script would (with the options of the feature's `options.yaml`, where it has
//! one), and writes `features.rs` for `lib.rs` to include: one module per feature, `FEATURES`,
//! and `mocks`, the router serving every feature's mock. A new feature folder needs no code
//! anywhere.

use std::fmt::Write as _;
use std::path::Path;

#[path = "../support/feature_options.rs"]
mod feature_options;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let features = Path::new("../features");
    println!("cargo:rerun-if-changed={}", features.display());
    let mut names: Vec<String> = std::fs::read_dir(features)?
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut modules = String::new();
    let mut nests = String::new();
    for name in &names {
        let dir = features.join(name).join("spec").join(name);
        let options = feature_options::feature_options(&features.join(name))?;
        let mut builder = specgen::Builder::new()
            .spec_dir(&dir)
            .date_types(options.date_types);
        if let Some(language) = &options.language {
            builder = builder.language(language);
        }
        builder.generate()?;
        writeln!(
            modules,
            "pub mod {name} {{ specgen_runtime::include_generated!({name:?}); }}"
        )?;
        let api = specgen::load_service_api_with(&dir, &options)?;
        let mock = if api.services.iter().all(|s| s.auth.is_empty()) {
            format!("{name}::mock::router()")
        } else {
            format!(
                "{name}::server::router(token.map_or_else({name}::mock::Mock::default, {name}::mock::Mock::accepting))"
            )
        };
        writeln!(nests, "        .nest(\"/{name}\", {mock})")?;
    }
    writeln!(modules, "\n/// Every feature, by name.")?;
    writeln!(modules, "pub const FEATURES: &[&str] = &{names:?};")?;
    writeln!(
        modules,
        "\n/// Every feature's mock under `/<feature>`; those with auth accept only `token` when \
         one is given.\npub fn mocks(token: Option<&str>) -> specgen_runtime::axum::Router {{\n    \
         specgen_runtime::axum::Router::new()\n{nests}}}"
    )?;
    let out = std::env::var("OUT_DIR")?;
    std::fs::write(Path::new(&out).join("features.rs"), modules)?;
    Ok(())
}
