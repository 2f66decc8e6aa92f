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
}

/// The keys of a spec whose text values are type expressions.
const TYPE_KEYS: &[&str] = &["type", "body", "items"];
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
    if !shared.is_empty() {
        service.insert(
            "types",
            Map(shared.into_iter().map(|(_, _, e)| e).collect()),
        );
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
        endpoints: std::mem::take(endpoints),
        type_places: types
            .defs
            .iter()
            .map(|d| (d.name.clone(), d.at.clone()))
            .collect(),
        dropped: Vec::new(),
    }
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
            (Yaml::Map(inner), "one_of") => {
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
