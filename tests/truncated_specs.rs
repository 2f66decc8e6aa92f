//! Bad input never panics: every seed spec, cut off after each of its lines, and with each line
//! removed, is answered with positioned diagnostics or success.

use std::path::{Path, PathBuf};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("dir");
    for entry in std::fs::read_dir(from).expect("read") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            copy_dir(&path, &target)
        } else {
            std::fs::copy(&path, &target).map(drop).expect("copy")
        }
    }
}

fn spec_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(spec_files(&path))
        } else {
            out.push(path)
        }
    }
    out.sort();
    out
}

fn assert_answered(specs: &Path, what: &str) {
    match specgen::load_api(specs, "specs") {
        Ok(_) => {}
        Err(specgen::Error::Spec(diags)) => {
            for d in diags.iter() {
                assert!(
                    d.pos.line >= 1 && d.pos.col >= 1,
                    "{what}: unpositioned {d}"
                );
            }
        }
        Err(other) => panic!("{what}: {other}"),
    }
}

/// The folders one service needs: itself, and the service it extends.
const GROUPS: &[&[&str]] = &[
    &["kaiten"],
    &["lineworks"],
    &["yandex360"],
    &["onlyoffice", "r7office"],
];

#[test]
fn mutilated_specs_are_answered_without_panics() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let mut tried = 0;
    for group in GROUPS {
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
                assert_answered(&root, &format!("{} cut after line {cut}", file.display()));
                let mut without = lines.clone();
                without.remove(cut);
                std::fs::write(&file, without.join("\n")).expect("write");
                assert_answered(
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
