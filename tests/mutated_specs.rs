//! Property tests: the real specs, mutated in their YAML trees (keys dropped or repeated,
//! values of another kind, unknown keys, broken type and `extends` references, deep nesting,
//! huge strings, odd Unicode) and in their text (odd characters, NUL included, anywhere).
//!
//! A mutated spec that breaks the language (a required key dropped, a value of the wrong kind
//! where the language demands one, an unknown key, a type reference to nothing, text YAML
//! cannot read: see `workspace_tests::breaches_under`) must be *rejected*, with a diagnostic
//! in the breached file. Any other mutation (odd text inside a description, a repeated key…)
//! may go either way and must be *answered*: success that generates code, or diagnostics that
//! each carry a line, a column and a message; never a panic. Every case goes through each way
//! specgen is used: `load_api` (the CLI), `Builder` (build.rs), and `builder::load_service` +
//! `layout::service_module`, the two calls `include_spec!` makes (a proc-macro itself cannot
//! be run from a test).

#[path = "mutated_specs/mutation.rs"]
mod mutation;
#[path = "mutated_specs/yaml_text.rs"]
mod yaml_text;

use std::cell::Cell;
use std::path::{Path, PathBuf};

use mutation::{Mutation, mutation, odd_text};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use specgen::layout::Parts;
use specgen::load::Node;
use workspace_tests::{
    FileBreach, SERVICE_GROUPS, assert_answered, assert_generates, assert_rejected_in,
    breaches_under, spec_files, specs_dir,
};

/// Cases per service group, so the four groups together stay within a few seconds of CI;
/// `PROPTEST_CASES` overrides it for a longer run.
const CASES: u32 = 96;

/// One real spec file, as read and as parsed.
struct Spec {
    /// `service/file.yaml`.
    relative: PathBuf,
    text: String,
    tree: Node,
}

#[derive(Debug, Clone)]
enum Edit {
    Tree {
        file: usize,
        mutation: Mutation,
    },
    /// Characters inserted into the text at a character offset, wherever that falls.
    Text {
        file: usize,
        at: usize,
        text: String,
    },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<usize>(), mutation()).prop_map(|(file, mutation)| Edit::Tree { file, mutation }),
        1 => (any::<usize>(), any::<usize>(), odd_text())
            .prop_map(|(file, at, text)| Edit::Text { file, at, text }),
    ]
}

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(CASES);
    Config {
        cases,
        // A failure is reported with its shrunk case; nothing is written into the repository.
        failure_persistence: None,
        ..Config::default()
    }
}

fn read_group(group: &[&str]) -> Vec<Spec> {
    let specs = specs_dir();
    let mut out = Vec::new();
    for service in group {
        for path in spec_files(&specs.join(service)) {
            let text = std::fs::read_to_string(&path).expect("spec text");
            let relative = path
                .strip_prefix(&specs)
                .expect("under specs")
                .to_path_buf();
            let mut diags = specgen::Diagnostics::default();
            let file = specgen::load::parse_source(
                relative.display().to_string(),
                path.clone(),
                text.clone(),
                &mut diags,
            );
            let tree = file
                .root
                .unwrap_or_else(|| panic!("{}: {diags}", path.display()));
            out.push(Spec {
                relative,
                text,
                tree,
            });
        }
    }
    out
}

/// Each file's text after the edits: a file a tree mutation touched is written out anew.
fn edited_texts(specs: &[Spec], edits: &[Edit]) -> Vec<String> {
    let mut texts = Vec::new();
    for (index, spec) in specs.iter().enumerate() {
        let mut tree = spec.tree.clone();
        let mut rewritten = false;
        for edit in edits {
            if let Edit::Tree { file, mutation } = edit
                && file % specs.len() == index
            {
                rewritten |= mutation.apply(&mut tree);
            }
        }
        let mut text = if rewritten {
            yaml_text::to_yaml(&tree)
        } else {
            spec.text.clone()
        };
        for edit in edits {
            if let Edit::Text {
                file,
                at,
                text: odd,
            } = edit
                && file % specs.len() == index
            {
                let offset = text
                    .char_indices()
                    .map(|(i, _)| i)
                    .nth(at % (text.chars().count() + 1))
                    .unwrap_or(text.len());
                text.insert_str(offset, odd);
            }
        }
        texts.push(text);
    }
    texts
}

fn write_specs(root: &Path, specs: &[Spec], texts: &[String]) {
    let _ = std::fs::remove_dir_all(root);
    for (spec, text) in specs.iter().zip(texts) {
        let path = root.join(&spec.relative);
        std::fs::create_dir_all(path.parent().expect("folder")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
}

/// What the cases of a run came to.
#[derive(Default)]
struct Tally {
    rejected: Cell<usize>,
    answered: Cell<usize>,
}

/// The CLI, build.rs and `include_spec!` paths each reject the specs under `root` when they
/// break the language (a per-service path, when the breach is in that service's folder), and
/// otherwise answer them. Returns whether the specs break the language.
fn assert_every_way_gives_due_outcome(root: &Path, group: &[&str], out_dir: &Path) -> bool {
    let breaches = breaches_under(root);
    let cli = specgen::load_api(root, "specs");
    if breaches.is_empty() {
        if let Some(api) = assert_answered(cli, "load_api (the CLI)") {
            assert_generates(&api, "load_api (the CLI)");
        }
    } else {
        assert_rejected_in(cli, &breaches, "load_api (the CLI)");
    }
    for service in group {
        let dir = root.join(service);
        let own: Vec<FileBreach> = breaches
            .iter()
            .filter(|b| b.file.starts_with(&format!("{service}/")))
            .cloned()
            .collect();
        let included = specgen::builder::load_service(&dir).and_then(|loaded| {
            let service = loaded.service;
            specgen::layout::service_module(&service, &specgen::Options::default(), Parts::ALL)
        });
        let built = specgen::Builder::new()
            .spec_dir(&dir)
            .out_dir(out_dir)
            .cargo_output(false)
            .generate();
        let include_spec = "load_service + service_module (include_spec!)";
        if own.is_empty() {
            assert_answered(included, include_spec);
            assert_answered(built, "Builder (build.rs)");
        } else {
            assert_rejected_in(included, &own, include_spec);
            assert_rejected_in(built, &own, "Builder (build.rs)");
        }
    }
    !breaches.is_empty()
}

fn scratch(name: &str, group: &[&str]) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "{name}-{}-{}",
        group.join("-"),
        std::process::id()
    ))
}

fn mutated_group_gets_due_outcomes(group: &[&str]) {
    let specs = read_group(group);
    let root = scratch("mutated", group);
    let out_dir = scratch("mutated-out", group);
    std::fs::create_dir_all(&out_dir).expect("out dir");
    let tally = Tally::default();
    let mut runner = TestRunner::new(config());
    let result = runner.run(&prop::collection::vec(edit(), 1..=3), |edits| {
        write_specs(&root, &specs, &edited_texts(&specs, &edits));
        let count = if assert_every_way_gives_due_outcome(&root, group, &out_dir) {
            &tally.rejected
        } else {
            &tally.answered
        };
        count.set(count.get() + 1);
        Ok(())
    });
    let _ = std::fs::remove_dir_all(&root);
    let _ = std::fs::remove_dir_all(&out_dir);
    if let Err(failure) = result {
        panic!("{}: {failure}", group.join("+"));
    }
    let (rejected, answered) = (tally.rejected.get(), tally.answered.get());
    eprintln!(
        "{}: {rejected} cases break the language and were rejected, {answered} answered",
        group.join("+")
    );
    // A quarter of the mutations at least drop a key, swap a kind or add a key: if none of
    // them is ever found to break the language, the classification is broken, not the specs.
    assert!(
        rejected * 5 >= rejected + answered,
        "{}: only {rejected} rejected of {}",
        group.join("+"),
        rejected + answered
    );
}

/// The writer the mutations go through keeps a spec's meaning: each real group, read and
/// written back untouched, still loads and generates. Without this, every mutated case could
/// fail for the writer's sake and the property would prove little.
#[test]
fn specs_written_back_unmutated_still_load() {
    for group in SERVICE_GROUPS {
        let specs = read_group(group);
        let texts: Vec<String> = specs.iter().map(|s| yaml_text::to_yaml(&s.tree)).collect();
        let root = scratch("rewritten", group);
        write_specs(&root, &specs, &texts);
        let api = specgen::load_api(&root, "specs")
            .unwrap_or_else(|e| panic!("{}: {e}", group.join("+")));
        assert_eq!(api.services.len(), group.len());
        let _ = std::fs::remove_dir_all(&root);
    }
}

#[test]
fn mutated_kaiten_gets_due_outcomes() {
    mutated_group_gets_due_outcomes(SERVICE_GROUPS[0]);
}

#[test]
fn mutated_lineworks_gets_due_outcomes() {
    mutated_group_gets_due_outcomes(SERVICE_GROUPS[1]);
}

#[test]
fn mutated_yandex360_gets_due_outcomes() {
    mutated_group_gets_due_outcomes(SERVICE_GROUPS[2]);
}

#[test]
fn mutated_onlyoffice_and_r7office_get_due_outcomes() {
    mutated_group_gets_due_outcomes(SERVICE_GROUPS[3]);
}

/// An edit of the real spec tree: drop the entry at a path of map keys from the root, set its
/// value, or add an entry to the map at that path.
enum TreeEdit {
    Drop,
    Set(specgen::load::Value),
    Add(&'static str),
}

fn edit_entry(tree: &mut Node, keys: &[&str], edit: &TreeEdit) {
    use specgen::load::Value;
    let (last, parents) = keys.split_last().expect("a key");
    let mut node = tree;
    for key in parents {
        let Value::Map(entries) = &mut node.value else {
            panic!("no map at {key}")
        };
        node = entries
            .iter_mut()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(_, v)| v)
            .unwrap_or_else(|| panic!("no `{key}`"));
    }
    let Value::Map(entries) = &mut node.value else {
        panic!("no map at {last}")
    };
    let found = entries.iter().position(|(k, _)| k.as_str() == Some(last));
    let bare = |value| Node {
        pos: specgen::diagnostics::Pos::default(),
        value,
    };
    match (edit, found) {
        (TreeEdit::Drop, Some(at)) => drop(entries.remove(at)),
        (TreeEdit::Set(value), Some(at)) => entries[at].1 = bare(value.clone()),
        (TreeEdit::Add(key), Some(at)) => {
            let Value::Map(inner) = &mut entries[at].1.value else {
                panic!("`{last}` is not a map")
            };
            inner.push((bare(Value::Str(key.to_string())), bare(Value::Bool(true))));
        }
        (_, None) => panic!("no `{last}`"),
    }
}

/// The breaches the language names, each made in a real spec on its own: a required key
/// dropped, a value of the wrong kind, an unknown key, a type's definition gone. Every way in
/// rejects the spec, with a diagnostic on the lines of the breached node (for a type's
/// definition, of the reference to it).
#[test]
fn each_named_breach_is_rejected_on_its_lines() {
    use specgen::load::Value;
    let group = SERVICE_GROUPS[0];
    let specs = read_group(group);
    let endpoint = specs
        .iter()
        .position(|s| s.relative.ends_with("create_custom_directory_record.yaml"))
        .expect("the kaiten endpoint");
    let service = specs
        .iter()
        .position(|s| s.relative.ends_with("service.yaml"))
        .expect("service.yaml");
    let field = ["types", "FieldValueItem", "fields", "value_text"];
    let list = Value::Seq(Vec::new());
    let edits: Vec<(usize, Vec<&str>, TreeEdit)> = vec![
        (service, vec!["service"], TreeEdit::Drop),
        (service, vec!["title"], TreeEdit::Drop),
        (endpoint, vec!["operation"], TreeEdit::Drop),
        (endpoint, vec!["method"], TreeEdit::Drop),
        (endpoint, vec!["path"], TreeEdit::Drop),
        (endpoint, vec!["request", "body"], TreeEdit::Drop),
        (endpoint, [&field[..], &["type"]].concat(), TreeEdit::Drop),
        (
            endpoint,
            vec!["types", "CreateCustomDirectoryRecordRequest"],
            TreeEdit::Drop,
        ),
        (endpoint, vec!["method"], TreeEdit::Set(list.clone())),
        (endpoint, vec!["responses"], TreeEdit::Set(list.clone())),
        (
            endpoint,
            [&field[..], &["type"]].concat(),
            TreeEdit::Set(Value::Null),
        ),
        (
            endpoint,
            vec!["types", "FieldValueItem", "open"],
            TreeEdit::Set(Value::Str("yes".into())),
        ),
        (endpoint, field.to_vec(), TreeEdit::Add("requierd")),
        (service, vec!["auth"], TreeEdit::Add("sheme")),
    ];
    let root = scratch("breached", group);
    let out_dir = scratch("breached-out", group);
    std::fs::create_dir_all(&out_dir).expect("out dir");
    for (file, keys, edit) in &edits {
        let mut texts: Vec<String> = specs.iter().map(|s| s.text.clone()).collect();
        let mut tree = specs[*file].tree.clone();
        edit_entry(&mut tree, keys, edit);
        texts[*file] = yaml_text::to_yaml(&tree);
        write_specs(&root, &specs, &texts);
        let breaches = breaches_under(&root);
        let what = format!("{} edited", keys.join("."));
        assert!(!breaches.is_empty(), "{what}: no breach found");
        assert!(
            assert_rejected_in(specgen::load_api(&root, "specs"), &breaches, &what),
            "{what}: no diagnostic on the breached lines"
        );
        assert!(assert_every_way_gives_due_outcome(&root, group, &out_dir));
    }
    let _ = std::fs::remove_dir_all(&root);
    let _ = std::fs::remove_dir_all(&out_dir);
}
