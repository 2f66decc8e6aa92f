//! Bad input never panics: every seed spec, cut off after each of its lines, and with each line
//! removed, is answered with positioned diagnostics or success.

use std::path::Path;

use workspace_tests::{SERVICE_GROUPS, assert_answered, copy_dir, spec_files, specs_dir};

fn assert_loads_or_explains(specs: &Path, what: &str) {
    assert_answered(specgen::load_api(specs, "specs"), what);
}

#[test]
fn mutilated_specs_are_answered_without_panics() {
    let specs = specs_dir();
    let mut tried = 0;
    for group in SERVICE_GROUPS {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
            "mutilated-{}-{}",
            group[0],
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&root);
        for service in *group {
            copy_dir(&specs.join(service), &root.join(service));
        }
        for file in spec_files(&root) {
            let original = std::fs::read_to_string(&file).expect("text");
            let lines: Vec<&str> = original.lines().collect();
            for cut in 0..lines.len() {
                std::fs::write(&file, lines[..cut].join("\n")).expect("write");
                assert_loads_or_explains(
                    &root,
                    &format!("{} cut after line {cut}", file.display()),
                );
                let mut without = lines.clone();
                without.remove(cut);
                std::fs::write(&file, without.join("\n")).expect("write");
                assert_loads_or_explains(
                    &root,
                    &format!("{} without line {}", file.display(), cut + 1),
                );
                tried += 2;
            }
            std::fs::write(&file, &original).expect("restore");
        }
        let _ = std::fs::remove_dir_all(&root);
    }
    assert!(tried > 500, "only {tried} variants tried");
}
