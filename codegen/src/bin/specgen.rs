//! `specgen`: regenerate checked-in bindings from specs, or check that they are current.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "specgen",
    version,
    about = "Generate Rust bindings from hand-written YAML endpoint specs"
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
}

#[derive(Args)]
struct Paths {
    /// The specs folder: one sub-folder per service.
    #[arg(long, default_value = "specs")]
    specs: PathBuf,
    /// The bindings crate; generated files go to its `src/` folder.
    #[arg(long, default_value = "generated")]
    out: PathBuf,
    /// Language of doc comments (`en`, `ru`, `ja`, …); by default each service's own.
    #[arg(long)]
    lang: Option<String>,
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
    };
    let display = paths
        .specs
        .to_string_lossy()
        .trim_end_matches('/')
        .to_string();
    let api = specgen::load_api(&paths.specs, &display)?;
    let options = specgen::Options {
        language: paths.lang,
    };
    let files = specgen::layout::crate_files(&api, &options)?;
    let src = paths.out.join("src");
    if write {
        let changes = specgen::generate::write(&src, &files)?;
        for change in &changes {
            println!("{change}");
        }
        println!(
            "{} file(s) written, {} up to date",
            changes.len(),
            files.len() - changes.len().min(files.len())
        );
        return Ok(ExitCode::SUCCESS);
    }
    let drift = specgen::generate::drift(&src, &files)?;
    if drift.is_empty() {
        println!("{} generated file(s) match the specs", files.len());
        return Ok(ExitCode::SUCCESS);
    }
    for d in &drift {
        eprintln!("{d}");
    }
    eprintln!(
        "error: {} file(s) differ from what the specs produce; run `cargo run -p specgen -- generate`",
        drift.len()
    );
    Ok(ExitCode::FAILURE)
}
