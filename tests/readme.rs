//! The README's snippets for the ways in are the consumer crates' own files, which CI builds
//! and tests: a snippet cannot drift from working code unnoticed.

use std::path::Path;

fn read(relative: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::read_to_string(root.join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// The file without its `//!` header, as the README quotes it.
fn body(relative: &str) -> String {
    read(relative)
        .lines()
        .skip_while(|l| l.starts_with("//!") || l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn readme_snippets_are_the_consumer_crates_files() {
    let readme = read("README.md");
    for file in [
        "tests/consumers/lineworks-build/build.rs",
        "tests/consumers/lineworks-build/src/lib.rs",
        "tests/consumers/yandex-include/src/lib.rs",
    ] {
        let code = body(file);
        assert!(
            readme.contains(code.trim()),
            "README does not show {file}:\n{code}"
        );
    }
    // The dependency lines the build.rs section shows are the crate's own.
    let manifest = read("tests/consumers/lineworks-build/Cargo.toml");
    for line in [
        r#"specgen-runtime = { path = "../../../runtime", features = ["client", "server"] }"#,
        r#"specgen = { path = "../../../codegen", default-features = false }"#,
    ] {
        assert!(manifest.contains(line) && readme.contains(line), "{line}");
    }
}
