//! Every seed spec, cut off after each of its lines, and with each line removed: a variant that
//! breaks the language (a required key gone, a map cut short, a type whose definition went) is
//! rejected with a diagnostic positioned at the breach; any other variant is either rejected
//! with a positioned diagnostic in the file that was cut, or is still a valid spec and
//! generates code. Never a panic.

use std::path::Path;

use workspace_tests::{
    SERVICE_GROUPS, assert_answered, assert_generates, assert_rejected_in, breaches_under,
    copy_dir, spec_files, specs_dir,
};

#[derive(Default)]
struct Outcomes {
    /// Variants that break the language, and were rejected in the breached file.
    rejected_at_breach: usize,
    /// Of those, the ones with a diagnostic on the breached node's lines.
    on_the_line: usize,
    /// Other variants rejected with a diagnostic in the edited file.
    rejected_in_file: usize,
    /// Other variants rejected in another file of the same service.
    rejected_in_sibling: usize,
    /// Variants that are still valid specs, and generated code.
    generated: usize,
}

/// Loads the specs under `root`, of which `file` (relative to `root`) was edited, and asserts
/// the outcome the edit is due.
fn assert_due_outcome(root: &Path, file: &str, what: &str, outcomes: &mut Outcomes) {
    let breaches = breaches_under(root);
    let result = specgen::load_api(root, "specs");
    match result {
        Ok(api) => {
            assert!(breaches.is_empty(), "{what}: accepted, though {breaches:?}");
            assert_generates(&api, what);
            outcomes.generated += 1;
        }
        Err(error) if !breaches.is_empty() => {
            if assert_rejected_in(Err::<(), _>(error), &breaches, what) {
                outcomes.on_the_line += 1;
            }
            outcomes.rejected_at_breach += 1;
        }
        Err(error) => {
            let diags = match &error {
                specgen::Error::Spec(diags) => diags.clone(),
                other => panic!("{what}: {other}"),
            };
            assert_answered(Err::<(), _>(error), what);
            let service = file.split('/').next().unwrap_or_default();
            if diags.iter().any(|d| d.file.ends_with(&format!("/{file}"))) {
                outcomes.rejected_in_file += 1;
            } else {
                // The cut left the file consistent but at odds with a sibling (an endpoint's
                // scopes, once the service's auth went): the sibling names the conflict.
                assert!(
                    diags
                        .iter()
                        .any(|d| d.file.contains(&format!("/{service}/"))),
                    "{what}: rejected outside its service:\n{diags}"
                );
                outcomes.rejected_in_sibling += 1;
            }
        }
    }
}

#[test]
fn cut_or_missing_lines_are_rejected_or_still_generate() {
    let specs = specs_dir();
    let mut outcomes = Outcomes::default();
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
        for path in spec_files(&root) {
            let file = path
                .strip_prefix(&root)
                .expect("under root")
                .display()
                .to_string();
            let original = std::fs::read_to_string(&path).expect("text");
            let lines: Vec<&str> = original.lines().collect();
            for cut in 0..lines.len() {
                std::fs::write(&path, lines[..cut].join("\n")).expect("write");
                let what = format!("{file} cut after line {cut}");
                assert_due_outcome(&root, &file, &what, &mut outcomes);
                let mut without = lines.clone();
                without.remove(cut);
                std::fs::write(&path, without.join("\n")).expect("write");
                let what = format!("{file} without line {}", cut + 1);
                assert_due_outcome(&root, &file, &what, &mut outcomes);
            }
            std::fs::write(&path, &original).expect("restore");
        }
        let _ = std::fs::remove_dir_all(&root);
    }
    let Outcomes {
        rejected_at_breach,
        on_the_line,
        rejected_in_file,
        rejected_in_sibling,
        generated,
    } = outcomes;
    eprintln!(
        "{rejected_at_breach} break the language and were rejected ({on_the_line} on the \
         breached lines), {rejected_in_file} other variants rejected in the edited file, \
         {rejected_in_sibling} in a sibling file, {generated} generated"
    );
    assert!(
        on_the_line * 10 >= rejected_at_breach * 9,
        "only {on_the_line} of {rejected_at_breach} rejections name the breached lines"
    );
    let tried = rejected_at_breach + rejected_in_file + rejected_in_sibling + generated;
    assert!(tried > 500, "only {tried} variants tried");
    assert!(
        rejected_at_breach > tried / 4,
        "only {rejected_at_breach} of {tried} variants break the language"
    );
    assert!(generated > 0, "no variant is still a valid spec");
}

/// The oracle claims nothing of the real specs: they break no rule it knows.
#[test]
fn the_real_specs_break_no_rule_of_the_language() {
    assert!(
        breaches_under(&specs_dir()).is_empty(),
        "{:?}",
        breaches_under(&specs_dir())
    );
}
