//! Hostile YAML is refused quickly and clearly: an alias bomb, nesting ten thousand deep, a file
//! over the size limit, megabyte lines, a hundred thousand aliases. Each gets a diagnostic with
//! its line and column, naming the limit and how to fix the spec, instead of exhausting memory,
//! time or the stack. The limits are `specgen::load::limits`.

use std::path::{Path, PathBuf};

use specgen::Diagnostic;
use specgen::load::limits::{MAX_ALIASES, MAX_DEPTH, MAX_FILE_BYTES};
use workspace_tests::specs_dir;

/// The problems of `text` as a spec file.
fn problems(text: String) -> Vec<Diagnostic> {
    let mut diags = specgen::Diagnostics::default();
    specgen::load::parse_source(
        "hostile.yaml".into(),
        "hostile.yaml".into(),
        text,
        &mut diags,
    );
    diags.iter().cloned().collect()
}

/// The one problem of `text`: it mentions `expected`, has a position and says how to fix it.
fn refused(text: String, expected: &str) -> Diagnostic {
    let mut problems = problems(text);
    assert_eq!(problems.len(), 1, "{:?}", messages(&problems));
    let problem = problems.remove(0);
    assert_positioned_with_help(&problem, expected);
    problem
}

fn assert_positioned_with_help(problem: &Diagnostic, expected: &str) {
    assert!(
        problem.message.contains(expected),
        "`{expected}` not in: {}",
        problem.message
    );
    assert!(problem.pos.line >= 1 && problem.pos.col >= 1, "{problem}");
    assert!(problem.help.as_deref().is_some_and(|h| !h.is_empty()));
}

/// Messages only: a diagnostic's line text can be megabytes long.
fn messages(problems: &[Diagnostic]) -> Vec<String> {
    problems
        .iter()
        .map(|p| p.message.chars().take(200).collect())
        .collect()
}

/// The LINE WORKS service with `endpoint` as its one endpoint file, loaded and checked.
fn load_endpoint(
    name: &str,
    endpoint: impl AsRef<[u8]>,
) -> (PathBuf, Result<specgen::ir::Api, specgen::Error>) {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("hostile-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let service = root.join("lineworks");
    std::fs::create_dir_all(&service).expect("mkdir");
    std::fs::copy(
        specs_dir().join("lineworks/service.yaml"),
        service.join("service.yaml"),
    )
    .expect("copy");
    std::fs::write(service.join("hostile.yaml"), endpoint).expect("write");
    let result = specgen::load_api(&root, "specs");
    (root, result)
}

/// The problems `load_endpoint` found.
fn endpoint_problems(name: &str, endpoint: impl AsRef<[u8]>) -> Vec<Diagnostic> {
    let (root, result) = load_endpoint(name, endpoint);
    let _ = std::fs::remove_dir_all(root);
    match result {
        Err(specgen::Error::Spec(diags)) => diags.iter().cloned().collect(),
        Ok(_) => panic!("{name}: loaded"),
        Err(other) => panic!("{name}: {other}"),
    }
}

/// An endpoint whose body type is `Deep`, defined after it.
const ENDPOINT: &str = "operation: hostile
method: POST
path: /hostile
scopes: [directory]
request: { body: Deep }
responses:
  200: { description: OK }
";

fn nested(open: &str, inner: &str, close: &str, depth: usize) -> String {
    format!("{}{inner}{}", open.repeat(depth), close.repeat(depth))
}

#[test]
fn an_alias_bomb_stops_at_the_replay_limit() {
    // Billion laughs: ten levels of ten aliases each would expand to 10^10 values.
    let mut bomb = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..10 {
        let aliases = vec![format!("*a{}", level - 1); 10].join(", ");
        bomb += &format!("a{level}: &a{level} [{aliases}]\n");
    }
    let problem = refused(bomb, "aliases expand to too much");
    assert!(problem.pos.line > 1, "points at an alias: {problem}");
}

#[test]
fn ten_thousand_nested_flow_lists_are_too_deep() {
    let problem = refused("[".repeat(10_000), "too deeply nested");
    assert_eq!(
        (problem.pos.line, problem.pos.col),
        (1, MAX_DEPTH as u32 + 1)
    );
}

#[test]
fn ten_thousand_nested_flow_maps_are_too_deep() {
    let problem = refused(nested("{a: ", "1", "}", 10_000), "too deeply nested");
    assert_eq!(problem.pos.line, 1);
}

#[test]
fn ten_thousand_nested_block_lists_are_too_deep() {
    refused("- ".repeat(10_000) + "x", "too deeply nested");
}

#[test]
fn nested_block_maps_are_too_deep() {
    // `a:` one space further in on each line: 2,000 levels is about as deep as a file under
    // the size limit can go (10,000 would take 50 MB).
    let text: String = (0..2_000)
        .map(|i| format!("{}a:\n", " ".repeat(i)))
        .collect();
    let problem = refused(text, "too deeply nested");
    assert_eq!(problem.pos.line, MAX_DEPTH as u32 + 1);
}

#[test]
fn aliases_cannot_nest_past_the_depth_limit() {
    let half = MAX_DEPTH / 2 + 1;
    let text = format!(
        "a: &deep {}\nb: {}\n",
        nested("[", "", "]", half),
        nested("[", "*deep", "]", half)
    );
    let problem = refused(text, "too deeply nested");
    assert_eq!(problem.pos.line, 2, "points at the alias: {problem}");
}

#[test]
fn nesting_up_to_the_limit_is_read() {
    assert!(problems(nested("[", "", "]", MAX_DEPTH)).is_empty());
    refused(nested("[", "", "]", MAX_DEPTH + 1), "too deeply nested");
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_parsing() {
    let text = format!("a: {}\n", "x".repeat(MAX_FILE_BYTES));
    let problem = refused(text, &format!("{MAX_FILE_BYTES}-byte limit"));
    assert_eq!((problem.pos.line, problem.pos.col), (1, 1));

    // From disk, the size is checked before the file is read.
    let endpoint = format!("{ENDPOINT}description: {}\n", "x".repeat(MAX_FILE_BYTES));
    let problems = endpoint_problems("big-file", &endpoint);
    assert_eq!(problems.len(), 1, "{:?}", messages(&problems));
    assert_positioned_with_help(&problems[0], &format!("{MAX_FILE_BYTES}-byte limit"));
    assert!(
        problems[0].file.ends_with("hostile.yaml"),
        "{}",
        problems[0].file
    );
}

#[test]
fn a_file_that_is_not_utf8_says_so() {
    let mut endpoint = ENDPOINT.as_bytes().to_vec();
    endpoint.extend_from_slice(b"description: caf\xe9\n");
    let problems = endpoint_problems("latin1", endpoint);
    assert_eq!(problems.len(), 1, "{:?}", messages(&problems));
    assert_positioned_with_help(&problems[0], "not UTF-8 text");
    assert_eq!(problems[0].help.as_deref(), Some("save the spec as UTF-8"));
}

#[test]
fn a_megabyte_long_value_is_read() {
    let long = "v".repeat(3_000_000);
    let mut diags = specgen::Diagnostics::default();
    let file = specgen::load::parse_source(
        "long.yaml".into(),
        "long.yaml".into(),
        format!("k: {long}\n"),
        &mut diags,
    );
    assert!(
        diags.is_empty(),
        "{:?}",
        messages(&diags.iter().cloned().collect::<Vec<_>>())
    );
    let root = file.root.expect("parsed");
    let specgen::load::Value::Map(entries) = &root.value else {
        panic!("not a map")
    };
    assert_eq!(entries[0].1.as_str().map(str::len), Some(long.len()));
}

#[test]
fn a_megabyte_long_key_is_refused_where_it_starts() {
    // YAML caps an implicit key at 1,024 characters.
    let problem = refused(format!("{}: 1\n", "k".repeat(3_000_000)), "invalid YAML");
    assert_eq!(problem.pos.line, 1);
}

#[test]
fn a_megabyte_long_type_name_is_reported() {
    let name = "Q".repeat(3_000_000);
    let endpoint = format!("{ENDPOINT}types:\n  Deep:\n    fields:\n      x: {{ type: {name} }}\n");
    let problems = endpoint_problems("long-type-name", &endpoint);
    assert_eq!(problems.len(), 1, "{:?}", messages(&problems));
    assert_positioned_with_help(&problems[0], "is not defined in this service");
    // The message, the line under it and its carets quote the name in part, not 3 MB of it.
    let printed = problems[0].to_string();
    assert!(printed.len() < 2_000, "{} bytes printed", printed.len());
    assert!(
        printed.contains("`QQQ") && printed.contains('…'),
        "{printed}"
    );
}

#[test]
fn a_hundred_thousand_aliases_are_refused() {
    let aliases = vec!["*x"; 100_000].join(", ");
    let problem = refused(format!("a: &x 1\nb: [{aliases}]\n"), "too many aliases");
    assert!(problem.message.contains(&MAX_ALIASES.to_string()));
}

#[test]
fn text_multiplied_by_aliases_is_limited() {
    let aliases = vec!["*x"; 100].join(", ");
    let text = format!("a: &x {}\nb: [{aliases}]\n", "v".repeat(1_000_000));
    refused(text, "too much text");
}

#[test]
fn a_type_nested_a_hundred_thousand_deep_is_refused() {
    let ty = nested("list<", "string", ">", 100_000);
    let endpoint =
        format!("{ENDPOINT}types:\n  Deep:\n    fields:\n      x: {{ type: \"{ty}\" }}\n");
    let problems = endpoint_problems("deep-type", &endpoint);
    assert_eq!(problems.len(), 1, "{:?}", messages(&problems));
    assert_positioned_with_help(&problems[0], "nested too deeply");
}

#[test]
fn ten_thousand_problems_in_one_file_are_all_reported() {
    let fields: String = (0..10_000)
        .map(|i| format!("      f{i}: {{ typo: string }}\n"))
        .collect();
    let endpoint = format!("{ENDPOINT}types:\n  Deep:\n    fields:\n{fields}");
    let problems = endpoint_problems("many-problems", &endpoint);
    // Each field has no `type`, and an unknown key.
    assert_eq!(problems.len(), 20_000);
    assert!(
        problems
            .iter()
            .all(|p| p.pos.line >= 11 && p.snippet.is_some())
    );
}

/// The nesting limits keep every recursion (the YAML reader, the checker, the emitters) within
/// the 2 MiB of stack a test thread has, in an unoptimised build.
#[test]
fn a_spec_at_the_nesting_limits_loads_and_generates() {
    // Four levels (the file, `examples`, the example, `request`) hold the nested value.
    let value_depth = MAX_DEPTH - 4;
    let ty = nested("list<", "string", ">", MAX_DEPTH);
    let endpoint = format!(
        "{ENDPOINT}types:\n  Deep:\n    fields:\n      x: {{ type: \"{ty}\" }}\n      y: {{ type: any }}\n\
         examples:\n  - request: {{ x: {}, y: {} }}\n",
        nested("[", "", "]", value_depth),
        nested("[", "1", "]", value_depth),
    );
    let (root, result) = load_endpoint("at-the-limits", &endpoint);
    let api = result.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(api.services.len(), 1);
    let out = root.join("out");
    std::fs::create_dir_all(&out).expect("out");
    specgen::Builder::new()
        .spec_dir(root.join("lineworks"))
        .out_dir(&out)
        .cargo_output(false)
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
    let code = std::fs::read_to_string(out.join("lineworks.rs")).expect("generated");
    let code: String = code.split_whitespace().collect();
    assert!(code.contains(&format!("pubx:Option<{}String", "Vec<".repeat(MAX_DEPTH))));
    let _ = std::fs::remove_dir_all(root);
}
