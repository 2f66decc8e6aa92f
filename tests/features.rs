//! Tests by feature: one folder per spec construct under `features/`, each holding a small
//! specs folder (`spec/<feature>/`, a service named as the feature), the code it generates (`expected/`, insta snapshots), and, for a construct
//! with wire behaviour, its wire test below: the generated server (through `include_spec!`)
//! served on loopback and called with the generated client or with raw HTTP.

#![allow(deprecated)] // `deprecation` generates deprecated items on purpose.

use std::path::Path;

/// The feature folders, each a spec construct.
fn features() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("features");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("features folder")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// Every feature's spec loads, its service is named as its folder, and every file it
/// generates matches the snapshot in the feature's `expected/` folder.
#[test]
fn every_feature_generates_its_expected_code() {
    let features = features();
    assert!(features.len() >= 10, "{features:?}");
    for feature in features {
        // Relative to the manifest directory (cargo runs tests there), so the generated
        // headers name `features/<feature>/spec/…` on every machine.
        let dir = format!("features/{feature}/spec/{feature}");
        let api =
            specgen::load_service_api(Path::new(&dir)).unwrap_or_else(|e| panic!("{feature}: {e}"));
        let [service] = &api.services[..] else {
            panic!("{feature}: one service expected");
        };
        assert_eq!(service.name, feature, "the service is named as its folder");
        let files = specgen::layout::service_files(service, &specgen::Options::default())
            .unwrap_or_else(|e| panic!("{feature}: {e}"));
        let expected = format!("features/{feature}/expected");
        for (path, contents) in files {
            let name = path
                .trim_start_matches(&format!("{feature}/"))
                .trim_end_matches(".rs")
                .to_string();
            insta::with_settings!({
                snapshot_path => &expected,
                prepend_module_to_snapshot => false,
                omit_expression => true,
            }, {
                insta::assert_snapshot!(name, contents);
            });
        }
    }
}
