//! `Pattern` answers exactly as the regex crate does, for patterns built from random classes
//! and repetitions, on random text: both where it skips the regex engine and where it does not.

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use specgen_rules::Pattern;

const CLASSES: &[&str] = &[
    "a",
    "b",
    "[ab]",
    "[a-c]",
    "[^a]",
    r"\d",
    ".",
    "é",
    "[A-Za-z]",
    r"\p{Greek}",
];
const REPEATS: &[&str] = &["", "?", "*", "+", "{2}", "{1,3}", "{0,2}", "{2,}"];

fn pattern() -> impl Strategy<Value = String> {
    let piece = (0..CLASSES.len(), 0..REPEATS.len())
        .prop_map(|(class, repeat)| format!("{}{}", CLASSES[class], REPEATS[repeat]));
    prop::collection::vec(piece, 0..5).prop_map(|pieces| format!("^{}$", pieces.concat()))
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec!['a', 'b', 'c', 'A', '1', 'é', 'λ', ' ', '\n']),
        0..9,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn answers_as_the_regex_crate(source in pattern(), texts in prop::collection::vec(text(), 8)) {
        let pattern = Pattern::new(&source).expect("valid");
        let regex = regex::Regex::new(&source).expect("valid");
        for text in &texts {
            prop_assert_eq!(pattern.is_match(text), regex.is_match(text), "{} on {:?}", source, text);
        }
    }
}

/// The generator above reaches both matchers, so the property tests each of them.
#[test]
fn the_random_patterns_reach_both_matchers() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut classes, mut regexes) = (0, 0);
    for _ in 0..500 {
        let source = pattern()
            .new_tree(&mut runner)
            .expect("a pattern")
            .current();
        if Pattern::new(&source).expect("valid").is_class_run() {
            classes += 1;
        } else {
            regexes += 1;
        }
    }
    assert!(
        classes > 100 && regexes > 100,
        "{classes} class runs, {regexes} regexes"
    );
}
