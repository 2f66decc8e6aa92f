//! The written specs pass `specgen check`: the files are checked as it checks them, and each
//! thing the checker refuses is taken out (the smallest entry that holds the problem: an
//! example, a constraint, a field, a header, a response; an endpoint whose own keys are at
//! fault), reported as a gap with the checker's message, and commented where it stood. A
//! union alternative the checker warns is never chosen is moved ahead of the one that takes
//! its values; one that no order helps is reported the same way.

use std::collections::{BTreeMap, BTreeSet};

use super::Importer;
use super::placement::Files;
use super::source::At;
use super::yaml::{Entry, Map, Span, Step, Yaml, render_with_spans};
use crate::diagnostics::Diagnostic;
use specgen_rules::Rule;

/// The most rounds of checking: each takes out every problem found, and a later one only
/// what taking those out revealed.
const ROUNDS: usize = 64;

/// Keys of a field, parameter or header that can be taken out alone, beside the rules'.
const OTHER_KEYS: &[&str] = &[
    "default",
    "nullable",
    "read_only",
    "required",
    "rust_name",
    "style",
    "explode",
    "xml_attribute",
    "xml_item",
    "xml_name",
];

/// What the checker still refuses after every round, when it refuses something.
pub type Refused = Vec<Diagnostic>;

/// A file of the import: `service.yaml` (`None`) or an endpoint's, by its index.
type FileKey = Option<usize>;

impl Importer<'_> {
    /// Checks `files` and takes out what the checker refuses, until it refuses nothing.
    pub(super) fn until_checked(
        &mut self,
        service: &str,
        files: &mut Files,
    ) -> Result<(), Refused> {
        let mut promoted = BTreeSet::new();
        for _ in 0..ROUNDS {
            let (texts, spans) = rendered(files);
            let errors = match crate::check_service_texts(service, &texts) {
                Ok(api) => {
                    let warnings: Vec<&Diagnostic> = api.warnings.iter().collect();
                    let places = warning_places(files, service, &texts, &spans, &warnings);
                    if promote_shadowed(files, &places, &mut promoted) {
                        continue;
                    }
                    self.report_warnings(files, places);
                    return Ok(());
                }
                Err(errors) => errors,
            };
            // What to take out, each with the first problem found in it.
            let mut cuts: BTreeMap<(FileKey, Vec<Step>), &Diagnostic> = BTreeMap::new();
            let mut dropped: BTreeMap<usize, &Diagnostic> = BTreeMap::new();
            for error in &errors {
                let Some((file, name)) = file_of(files, service, &error.file) else {
                    continue;
                };
                let path = deepest(
                    &spans[&name],
                    &texts[&name],
                    error.pos.line as usize,
                    error.pos.col as usize,
                );
                match (cut_point(&path, file.is_some()), file) {
                    (Some(cut), _) => {
                        cuts.entry((file, path[..cut].to_vec())).or_insert(error);
                    }
                    (None, Some(i)) => {
                        dropped.entry(i).or_insert(error);
                    }
                    (None, None) => {}
                }
            }
            if cuts.is_empty() && dropped.is_empty() {
                return Err(errors);
            }
            // Deepest and latest first, so an item's index still names it when it goes.
            for ((file, path), error) in cuts.into_iter().rev() {
                self.cut(files, file, &path, error);
            }
            for (i, error) in dropped.into_iter().rev() {
                let endpoint = files.endpoints.remove(i);
                let what = format!("the operation `{}`", endpoint.name);
                let line = self.record(&endpoint.at, &what, error, false);
                files.dropped.push(line);
            }
        }
        let (texts, spans) = rendered(files);
        let api = crate::check_service_texts(service, &texts)?;
        let warnings: Vec<&Diagnostic> = api.warnings.iter().collect();
        let places = warning_places(files, service, &texts, &spans, &warnings);
        self.report_warnings(files, places);
        Ok(())
    }

    /// Reports what the checker still warns of in specs it accepts (an alternative of a union
    /// that no order lets be chosen): the generated code would read such values otherwise
    /// than the source says, so each is a gap, commented where it stands.
    fn report_warnings(&mut self, files: &mut Files, places: Vec<WarningPlace<'_>>) {
        for (file, path, warning) in places {
            let type_place = match path.as_slice() {
                [Step::Key(types), Step::Key(ty), ..] if types == "types" => {
                    files.type_places.get(ty).cloned()
                }
                _ => None,
            };
            let (map, at) = match file {
                Some(i) => {
                    let endpoint = &mut files.endpoints[i];
                    (&mut endpoint.yaml, endpoint.at.clone())
                }
                None => (&mut files.service, At::root()),
            };
            let mark = self.gaps.mark();
            self.gaps
                .gap(&type_place.unwrap_or(at), "union", warning.message.clone());
            let line = self.gaps.claim_since(self.sources, mark);
            comment(map, &path, &line.unwrap_or_default());
        }
    }

    /// Takes out the entry at `path` of a file, reports it and comments its place.
    fn cut(&mut self, files: &mut Files, file: FileKey, path: &[Step], error: &Diagnostic) {
        let (map, at) = match file {
            Some(i) => {
                let endpoint = &mut files.endpoints[i];
                (&mut endpoint.yaml, endpoint.at.clone())
            }
            None => {
                let at = match path {
                    [Step::Key(types), Step::Key(name), ..] if types == "types" => {
                        files.type_places.get(name).cloned()
                    }
                    _ => None,
                };
                (&mut files.service, at.unwrap_or_else(At::root))
            }
        };
        if !remove(map, path) {
            return;
        }
        let example = path
            .iter()
            .any(|s| matches!(s, Step::Key(k) if k == "examples"));
        let line = self.record(&at, &describe(path), error, example);
        comment(map, &path[..path.len() - 1], &line);
    }

    /// Reports what was taken out, and returns the comment line for it.
    /// An example is documentation (its value changes no type or rule), so one taken out is a
    /// note; anything else is a gap.
    fn record(&mut self, at: &At, what: &str, error: &Diagnostic, example: bool) -> String {
        let mark = self.gaps.mark();
        let what = format!("{what}: {}", error.message);
        if example {
            self.gaps.note(at, "example", what);
        } else {
            self.gaps.gap(at, "refused", what);
        }
        self.gaps
            .claim_since(self.sources, mark)
            .unwrap_or_default()
    }
}

/// A warning, with the file and the entry it is at.
type WarningPlace<'d> = (FileKey, Vec<Step>, &'d Diagnostic);

fn warning_places<'d>(
    files: &Files,
    service: &str,
    texts: &BTreeMap<String, String>,
    spans: &BTreeMap<String, Vec<Span>>,
    warnings: &[&'d Diagnostic],
) -> Vec<WarningPlace<'d>> {
    let mut out = Vec::new();
    for warning in warnings {
        let Some((file, name)) = file_of(files, service, &warning.file) else {
            continue;
        };
        let (line, col) = (warning.pos.line as usize, warning.pos.col as usize);
        let mut path = deepest(&spans[&name], &texts[&name], line, col);
        // An alternative of a union written as a flow map: its key is where the warning is.
        if matches!(path.last(), Some(Step::Key(k)) if k == "one_of")
            && let Some(key) = key_at(&texts[&name], line, col)
        {
            path.push(Step::Key(key));
        }
        out.push((file, path, *warning));
    }
    out
}

/// The key written at `line` and column `col` (from 1): the text up to its `:`.
fn key_at(text: &str, line: usize, col: usize) -> Option<String> {
    let rest: String = text.lines().nth(line - 1)?.chars().skip(col - 1).collect();
    let (key, _) = rest.split_once(':')?;
    let key = key.trim().trim_matches('"');
    (!key.is_empty()).then(|| key.to_owned())
}

/// Moves each union alternative the checker finds shadowed by an earlier one to the front
/// of its union, once each: OpenAPI's `oneOf` has no order, and the particular alternative
/// first lets both be chosen. Whether anything moved.
fn promote_shadowed(
    files: &mut Files,
    places: &[WarningPlace<'_>],
    promoted: &mut BTreeSet<(FileKey, Vec<Step>)>,
) -> bool {
    let mut moved = false;
    for (file, path, _) in places {
        let [
            Step::Key(types),
            _,
            Step::Key(one_of),
            Step::Key(alternative),
        ] = path.as_slice()
        else {
            continue;
        };
        if types != "types" || one_of != "one_of" || !promoted.insert((*file, path.clone())) {
            continue;
        }
        let map = match file {
            Some(i) => &mut files.endpoints[*i].yaml,
            None => &mut files.service,
        };
        if let Some(Yaml::Map(alternatives)) = find(map, &path[..3])
            && let Some(i) = alternatives.0.iter().position(|e| e.key == *alternative)
        {
            let entry = alternatives.0.remove(i);
            alternatives.0.insert(0, entry);
            moved = true;
        }
    }
    moved
}

/// How many steps of `path` name what to take out: an example, a constraint key, a field, a
/// header, a parameter, a response, a server, a type; `None` where only the whole file (or,
/// for `service.yaml`, nothing) can go.
fn cut_point(path: &[Step], endpoint: bool) -> Option<usize> {
    let keys: Vec<&str> = path
        .iter()
        .map(|s| match s {
            Step::Key(k) => k.as_str(),
            Step::Index(_) => "#",
        })
        .collect();
    // The deepest constraint key of a field, parameter or header.
    for n in (2..keys.len()).rev() {
        if ["fields", "parameters", "headers"].contains(&keys[n - 2]) && is_removable(keys[n]) {
            return Some(n + 1);
        }
    }
    match keys.as_slice() {
        ["examples", "#", ..] => Some(2),
        ["types", _, "fields", _, ..] => Some(4),
        ["types", _, "one_of", _, ..] => Some(4),
        ["types", _, "enum", "#", ..] => Some(4),
        ["types", _, ..] => Some(2),
        ["responses", _, "headers", _, ..] => Some(4),
        ["responses", _, "xml_root" | "media", ..] => Some(3),
        ["responses", _, "content", _, ..] => Some(4),
        ["responses", _, ..] => Some(2),
        ["parameters", _, ..] if endpoint => Some(2),
        ["auth" | "scopes" | "pagination", ..] if endpoint => Some(1),
        ["servers", "#", ..] if !endpoint => Some(2),
        ["auth", ..] if !endpoint => Some(1),
        _ => None,
    }
}

/// The files' texts and spans, by file name.
fn rendered(files: &Files) -> (BTreeMap<String, String>, BTreeMap<String, Vec<Span>>) {
    let mut texts = BTreeMap::new();
    let mut spans = BTreeMap::new();
    let (text, s) = render_with_spans("", &files.service);
    texts.insert("service.yaml".to_owned(), text);
    spans.insert("service.yaml".to_owned(), s);
    for endpoint in &files.endpoints {
        let name = format!("{}.yaml", endpoint.name);
        let (text, s) = render_with_spans("", &endpoint.yaml);
        texts.insert(name.clone(), text);
        spans.insert(name, s);
    }
    (texts, spans)
}

/// The file a message names (`petstore/list_pets.yaml`), and its file name.
fn file_of(files: &Files, service: &str, shown: &str) -> Option<(FileKey, String)> {
    let name = shown.strip_prefix(service)?.trim_start_matches('/');
    if name == "service.yaml" {
        return Some((None, name.to_owned()));
    }
    let i = files
        .endpoints
        .iter()
        .position(|e| format!("{}.yaml", e.name) == name)?;
    Some((Some(i), name.to_owned()))
}

/// The path of the innermost entry or item written on `line`; on a line holding a flow map,
/// the key written before `col`, where it is a constraint.
fn deepest(spans: &[Span], text: &str, line: usize, col: usize) -> Vec<Step> {
    let Some(span) = spans
        .iter()
        .filter(|s| s.first <= line && line <= s.last)
        .max_by_key(|s| s.path.len())
    else {
        return Vec::new();
    };
    let mut path = span.path.clone();
    if span.first == span.last
        && let Some(key) = text.lines().nth(line - 1).and_then(|l| flow_key(l, col))
    {
        path.push(Step::Key(key));
    }
    path
}

/// The keys of a field, parameter or header that can be taken out alone: every rule's, and
/// the others'.
fn removable_keys() -> impl Iterator<Item = &'static str> {
    Rule::ALL
        .into_iter()
        .map(Rule::key)
        .chain(OTHER_KEYS.iter().copied())
}

fn is_removable(key: &str) -> bool {
    removable_keys().any(|k| k == key)
}

/// The key of the flow map entry at column `col` (from 1) of `line`: the last `{ key:` or
/// `, key:` before it, where it is a constraint.
fn flow_key(line: &str, col: usize) -> Option<String> {
    let before: String = line.chars().take(col.saturating_sub(1)).collect();
    removable_keys()
        .filter_map(|key| {
            let found = [format!("{{ {key}: "), format!(", {key}: ")]
                .iter()
                .filter_map(|pattern| before.rfind(pattern.as_str()))
                .max()?;
            Some((found, key))
        })
        .max()
        .map(|(_, key)| key.to_owned())
}

/// Takes out the entry or item at `path`; whether there was one.
fn remove(map: &mut Map, path: &[Step]) -> bool {
    let Some((last, parents)) = path.split_last() else {
        return false;
    };
    let Some(parent) = find(map, parents) else {
        return false;
    };
    match (parent, last) {
        (Yaml::Map(m), Step::Key(k)) => {
            let before = m.0.len();
            m.0.retain(|e| e.key != *k);
            m.0.len() < before
        }
        (Yaml::Seq(items), Step::Index(i)) if *i < items.len() => {
            items.remove(*i);
            true
        }
        _ => false,
    }
}

/// The value at `path` (the whole map for an empty one), as a `Yaml` to edit.
fn find<'m>(map: &'m mut Map, path: &[Step]) -> Option<&'m mut Yaml> {
    let (first, rest) = path.split_first()?;
    let Step::Key(key) = first else { return None };
    let mut value = &mut map.0.iter_mut().find(|e| e.key == *key)?.value;
    for step in rest {
        value = match (value, step) {
            (Yaml::Map(m), Step::Key(k)) => &mut m.0.iter_mut().find(|e| e.key == *k)?.value,
            (Yaml::Seq(items), Step::Index(i)) => items.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(value)
}

/// Adds `line` to the comment of the entry at `path` (the nearest map entry holding what
/// was taken out).
fn comment(map: &mut Map, path: &[Step], line: &str) {
    let keys = path.iter().rposition(|s| matches!(s, Step::Key(_)));
    let Some(last) = keys else {
        return;
    };
    let (parents, step) = (&path[..last], &path[last]);
    let Step::Key(key) = step else { return };
    let entries = if parents.is_empty() {
        Some(map)
    } else {
        match find(map, parents) {
            Some(Yaml::Map(m)) => Some(m),
            _ => None,
        }
    };
    if let Some(entry) = entries.and_then(|m| m.0.iter_mut().find(|e| e.key == *key)) {
        append(entry, line);
    }
}

fn append(entry: &mut Entry, line: &str) {
    entry.comment = Some(match entry.comment.take() {
        Some(comment) => format!("{comment}\n{line}"),
        None => line.to_owned(),
    });
}

/// What a path names, for messages: `examples[2]`, `fields.name.default`.
fn describe(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) if out.is_empty() => out.push_str(k),
            Step::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{}]", i + 1)),
        }
    }
    format!("`{out}`")
}
