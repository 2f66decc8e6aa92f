//! An operation's examples: each named example of a response's first media type becomes one
//! example of the endpoint, with the request example of the same name beside it; parameters'
//! examples go with the first one. The checker tests each against the types; one that does
//! not fit is taken out and reported by `prune`.

use std::collections::BTreeSet;

use super::Importer;
use super::json::Value;
use super::source::At;
use super::yaml::{Map, Yaml};
use crate::check::snake;

/// One example value of a media type or parameter, with its name where it has one.
struct Sample {
    name: Option<String>,
    value: Value,
}

/// What the examples are read from: the request's media type and each response's, by status.
pub struct ExampleSources {
    pub request: Option<At>,
    /// Each documented status with an exact code and a body, and its body's media type.
    pub responses: Vec<(u16, At)>,
    /// Each parameter's place, by its wire name.
    pub parameters: Vec<(String, At)>,
}

impl Importer<'_> {
    /// The examples of an operation, from the places `from` names.
    pub(super) fn examples(&mut self, from: &ExampleSources) -> Vec<Yaml> {
        let requests = from
            .request
            .as_ref()
            .map(|at| self.samples(at))
            .unwrap_or_default();
        let mut used_requests = BTreeSet::new();
        let mut names = BTreeSet::new();
        let mut out = Vec::new();
        for (status, at) in &from.responses {
            for sample in self.samples(at) {
                let mut example = Map::new();
                if let Some(name) = &sample.name {
                    example.insert("name", unique(&mut names, name));
                }
                // The request example of the same name (or the unnamed one) goes with a success.
                let request = (200..300).contains(status).then(|| {
                    (0..requests.len())
                        .find(|i| requests[*i].name == sample.name && !used_requests.contains(i))
                });
                let request = request.flatten();
                if let Some(i) = request {
                    used_requests.insert(i);
                    example.insert("request", Yaml::from_json(&requests[i].value));
                }
                let mut response = Map::new();
                response.insert("status", u64::from(*status));
                response.insert("body", Yaml::from_json(&sample.value));
                example.insert("response", response);
                out.push(example);
            }
        }
        for (_, sample) in requests
            .iter()
            .enumerate()
            .filter(|(i, _)| !used_requests.contains(i))
        {
            let mut example = Map::new();
            if let Some(name) = &sample.name {
                example.insert("name", unique(&mut names, name));
            }
            example.insert("request", Yaml::from_json(&sample.value));
            out.push(example);
        }
        self.with_parameters(out, &from.parameters)
    }

    /// The examples with the parameters' example values in the first (or in one of their own).
    fn with_parameters(
        &mut self,
        mut examples: Vec<Map>,
        parameters: &[(String, At)],
    ) -> Vec<Yaml> {
        let mut values = Map::new();
        for (name, at) in parameters {
            if let Some(sample) = self.samples(at).into_iter().next() {
                values.insert(name.as_str(), Yaml::from_json(&sample.value));
            }
        }
        if !values.is_empty() {
            match examples.first_mut() {
                Some(first) => first.0.insert(
                    usize::from(first.get("name").is_some()),
                    entry("parameters", values),
                ),
                None => {
                    let mut example = Map::new();
                    example.insert("parameters", values);
                    examples.push(example);
                }
            }
        }
        examples.into_iter().map(Yaml::Map).collect()
    }

    /// The example values at a media type or parameter: `example`, or each of `examples`
    /// (references followed; `externalValue`s, which are not read, reported).
    fn samples(&mut self, at: &At) -> Vec<Sample> {
        let Some(owner) = self.sources.get(at).cloned() else {
            return Vec::new();
        };
        if let Some(value) = owner.get("example") {
            return vec![Sample {
                name: None,
                value: value.clone(),
            }];
        }
        let Some(examples) = owner.get("examples").and_then(Value::as_object) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (name, example) in examples {
            let example_at = at.child("examples").child(name);
            let Some((example, example_at)) = self.resolved(example, &example_at, "example") else {
                continue;
            };
            match example.get("value") {
                Some(value) => out.push(Sample {
                    name: Some(name.clone()),
                    value: value.clone(),
                }),
                None if example.get("externalValue").is_some() => {
                    self.gaps.note(
                        &example_at,
                        "example",
                        "an example in another file (`externalValue`)",
                    );
                }
                None => {}
            }
        }
        out
    }
}

/// A map entry without a comment.
fn entry(key: &str, value: Map) -> super::yaml::Entry {
    super::yaml::Entry {
        key: key.to_owned(),
        value: Yaml::Map(value),
        comment: None,
    }
}

/// An example name, snake_case as the generated test is named, not taken before.
fn unique(taken: &mut BTreeSet<String>, wanted: &str) -> String {
    let base = snake(wanted).trim_start_matches("r#").to_owned();
    let mut name = base.clone();
    let mut n = 2;
    while !taken.insert(name.clone()) {
        name = format!("{base}_{n}");
        n += 1;
    }
    name
}
