//! Where each type is written: in the file of the one endpoint that uses it (directly or
//! through other types), else in `service.yaml`, components in document order first.

use std::collections::{BTreeMap, BTreeSet};

use super::operations::Endpoint;
use super::source::{At, Sources};
use super::types::Types;
use super::yaml::{Entry, Map, Yaml, render};

/// The spec files of an import, as trees.
#[derive(Debug)]
pub struct Files {
    /// `service.yaml`.
    pub service: Map,
    /// One per endpoint, in document order.
    pub endpoints: Vec<Endpoint>,
    /// Where each type of `service.yaml` was read from.
    pub type_places: BTreeMap<String, At>,
    /// The comment lines for operations not written.
    pub dropped: Vec<String>,
    /// Types no endpoint uses, left out as `service.yaml` had no room for them.
    pub left_out: Vec<String>,
}

/// The keys of a spec whose text values are type expressions.
const TYPE_KEYS: &[&str] = &["type", "body", "items", "open"];
/// The keys whose values map names (a field's, a parameter's) to what is said of them.
const NAMED_KEYS: &[&str] = &["fields", "parameters", "headers", "responses", "types"];
/// The keys whose values are never types (examples, values, texts).
const VALUE_KEYS: &[&str] = &[
    "examples",
    "default",
    "const",
    "description",
    "summary",
    "enum",
    "reject_body",
];

/// Puts each type in its file.
pub fn files(mut service: Map, endpoints: &mut Vec<Endpoint>, types: &Types) -> Files {
    let names: BTreeSet<&str> = types.defs.iter().map(|d| d.name.as_str()).collect();
    let uses: BTreeMap<&str, BTreeSet<String>> = types
        .defs
        .iter()
        .map(|d| (d.name.as_str(), referenced(&d.yaml, &names)))
        .collect();
    // The endpoints reaching each type.
    let mut reached_by: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (i, endpoint) in endpoints.iter().enumerate() {
        let mut stack: Vec<String> = referenced(&endpoint.yaml, &names).into_iter().collect();
        let mut seen = BTreeSet::new();
        while let Some(name) = stack.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            reached_by.entry(name.clone()).or_default().insert(i);
            stack.extend(uses.get(name.as_str()).into_iter().flatten().cloned());
        }
    }
    let mut shared: Vec<(usize, usize, Entry)> = Vec::new();
    let mut own: Vec<Map> = vec![Map::new(); endpoints.len()];
    for (order, def) in types.defs.iter().enumerate() {
        let entry = Entry {
            key: def.name.clone(),
            value: Yaml::Map(def.yaml.clone()),
            comment: def.comment.clone(),
        };
        match reached_by
            .get(&def.name)
            .map(|r| r.iter().copied().collect::<Vec<_>>())
            .as_deref()
        {
            Some([only]) => own[*only].0.push(entry),
            _ => shared.push((types.rank(&def.name).unwrap_or(usize::MAX), order, entry)),
        }
    }
    shared.sort_by_key(|(rank, order, _)| (*rank, *order));
    let (shared, left_out) = within_budget(shared, &reached_by, &mut own);
    let (shared, left_out) = without_dangling(shared, left_out, &names);
    if !shared.is_empty() {
        service.insert("types", Map(shared));
    }
    for (endpoint, types) in endpoints.iter_mut().zip(own) {
        if !types.is_empty() {
            let at = endpoint
                .yaml
                .0
                .iter()
                .position(|e| e.key == "examples")
                .unwrap_or(endpoint.yaml.0.len());
            endpoint.yaml.0.insert(
                at,
                Entry {
                    key: "types".into(),
                    value: Yaml::Map(types),
                    comment: None,
                },
            );
        }
    }
    Files {
        service,
        left_out,
        endpoints: std::mem::take(endpoints),
        type_places: types
            .defs
            .iter()
            .map(|d| (d.name.clone(), d.at.clone()))
            .collect(),
        dropped: Vec::new(),
    }
}

/// How much of the spec reader's limits (`crate::load::limits`) the shared types may take in
/// `service.yaml`, leaving room for the rest of it.
const SERVICE_TYPES_NODES: usize = crate::load::limits::MAX_NODES * 6 / 10;
const SERVICE_TYPES_BYTES: usize = crate::load::limits::MAX_FILE_BYTES * 6 / 10;

/// The shared types that fit in `service.yaml`, in order, and those no endpoint uses that do
/// not. Each used one past the budget goes to the file of the first endpoint that uses it (all
/// types of a service share one namespace).
fn within_budget(
    shared: Vec<(usize, usize, Entry)>,
    reached_by: &BTreeMap<String, BTreeSet<usize>>,
    own: &mut [Map],
) -> (Vec<Entry>, Vec<String>) {
    let (mut nodes, mut bytes) = (0, 0);
    let mut kept = Vec::new();
    let mut left_out = Vec::new();
    for (_, _, mut entry) in shared {
        let (n, b) = weight(&entry.value);
        let full = nodes + n > SERVICE_TYPES_NODES || bytes + b > SERVICE_TYPES_BYTES;
        let first_user = reached_by.get(&entry.key).and_then(|r| r.first().copied());
        match first_user {
            None if full => left_out.push(entry.key),
            Some(i) if full => {
                let note = "shared with other endpoints; written here as `service.yaml` is full";
                entry.comment = Some(match entry.comment.take() {
                    Some(comment) => format!("{note}\n{comment}"),
                    None => note.to_owned(),
                });
                own[i].0.push(entry);
            }
            _ => {
                (nodes, bytes) = (nodes + n, bytes + b);
                kept.push(entry);
            }
        }
    }
    (kept, left_out)
}

/// Leaves out, too, each kept type that uses one left out (only types no endpoint uses are
/// left out, and only such types use them), so no name is left undefined.
fn without_dangling(
    mut kept: Vec<Entry>,
    mut left_out: Vec<String>,
    names: &BTreeSet<&str>,
) -> (Vec<Entry>, Vec<String>) {
    loop {
        let gone: BTreeSet<&str> = left_out.iter().map(String::as_str).collect();
        let (dangling, whole): (Vec<Entry>, Vec<Entry>) = kept.into_iter().partition(|entry| {
            let Yaml::Map(def) = &entry.value else {
                return false;
            };
            referenced(def, names)
                .iter()
                .any(|n| gone.contains(n.as_str()))
        });
        kept = whole;
        if dangling.is_empty() {
            return (kept, left_out);
        }
        left_out.extend(dangling.into_iter().map(|e| e.key));
    }
}

/// The values a tree holds (maps, lists, scalars and keys, as the reader counts them) and
/// about how many bytes it takes written.
fn weight(yaml: &Yaml) -> (usize, usize) {
    const LINE: usize = 8;
    match yaml {
        Yaml::Str(text) => (1, text.len() + LINE),
        Yaml::Number(_) | Yaml::Bool(_) | Yaml::Null => (1, LINE),
        Yaml::Seq(items) => items.iter().map(weight).fold((1, LINE), add),
        Yaml::Map(map) => map
            .0
            .iter()
            .map(|e| add(weight(&e.value), (1, e.key.len() + LINE)))
            .fold((1, LINE), add),
    }
}

fn add(a: (usize, usize), b: (usize, usize)) -> (usize, usize) {
    (a.0 + b.0, a.1 + b.1)
}

/// The named types a spec tree uses.
pub fn referenced(map: &Map, names: &BTreeSet<&str>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    walk(map, names, &mut found);
    found
}

fn walk(map: &Map, names: &BTreeSet<&str>, found: &mut BTreeSet<String>) {
    for entry in &map.0 {
        if VALUE_KEYS.contains(&entry.key.as_str()) {
            continue;
        }
        match (&entry.value, entry.key.as_str()) {
            (Yaml::Str(expression), key) if TYPE_KEYS.contains(&key) => {
                words(expression, names, found)
            }
            // Maps keyed by names (which may be `description` or `default`) of keyword maps.
            (Yaml::Map(named), key) if NAMED_KEYS.contains(&key) => {
                for item in &named.0 {
                    if let Yaml::Map(inner) = &item.value {
                        walk(inner, names, found);
                    }
                }
            }
            // Maps whose values are type expressions: alternatives, bodies by media type.
            (Yaml::Map(inner), "one_of" | "content") => {
                for alternative in &inner.0 {
                    if let Yaml::Str(expression) = &alternative.value {
                        words(expression, names, found);
                    }
                }
            }
            (Yaml::Seq(parts), "all_of") => {
                for part in parts {
                    if let Yaml::Str(expression) = part {
                        words(expression, names, found);
                    }
                }
            }
            (Yaml::Map(inner), _) => walk(inner, names, found),
            _ => {}
        }
    }
}

/// The defined names in a type expression (`map<string, list<Pet>>` → `Pet`).
fn words(expression: &str, names: &BTreeSet<&str>, found: &mut BTreeSet<String>) {
    for word in expression.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
        if names.contains(word) {
            found.insert(word.to_owned());
        }
    }
}

impl Files {
    /// Every file's text, by file name: each begins with where it came from and what its
    /// endpoint left out.
    pub fn render(&self, sources: &Sources) -> BTreeMap<String, String> {
        let source = sources.documents[0]
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let header = format!("Imported from {source} by `specgen import`; yours to edit.");
        let mut out = BTreeMap::new();
        let service_header = std::iter::once(header.clone())
            .chain(self.dropped.iter().cloned())
            .collect::<Vec<_>>();
        out.insert(
            "service.yaml".to_owned(),
            render(&service_header.join("\n"), &self.service),
        );
        for endpoint in &self.endpoints {
            let header = match &endpoint.comment {
                Some(comment) => format!("{header}\n{comment}"),
                None => header.clone(),
            };
            out.insert(
                format!("{}.yaml", endpoint.name),
                render(&header, &endpoint.yaml),
            );
        }
        out
    }
}
