//! `specgen import`: an OpenAPI 3.0/3.1 document (JSON or YAML, with the files its `$ref`s
//! name) as a spec folder a person then owns: `service.yaml` with what the endpoints share,
//! one file per operation with the types only it uses.
//!
//! Read straight from the top: the document is read ([`source`]); its component schemas are
//! given names; each operation becomes an endpoint ([`operations`], [`bodies`],
//! [`examples`]) and each schema a type ([`schema`], [`objects`]); the service's texts,
//! servers and auth are read ([`service`], [`auth`]); each type goes to the file of the one
//! endpoint that uses it, or to `service.yaml` ([`placement`]). The files are checked as
//! `specgen check` checks them, and what the checker refuses is taken out and reported
//! ([`prune`]), so what is written always passes. Everything left out is a [`gaps::Gap`]:
//! a diagnostic with the JSON pointer into the source, and a comment at its place.

mod auth;
mod bodies;
mod defaults;
mod examples;
pub mod gaps;
pub mod json;
mod objects;
mod operations;
mod placement;
mod prune;
mod refine;
mod schema;
mod service;
pub mod source;
mod types;
pub mod write;
mod yaml;

use std::collections::BTreeMap;

use json::Value;

use gaps::{Gap, Gaps};
use source::{At, Sources, Unreadable};
use types::Types;

/// Translates one document: the state shared by every step.
pub struct Importer<'s> {
    sources: &'s Sources,
    gaps: Gaps,
    types: Types,
    /// Inside a multipart body's schema, where `format: binary` members are files.
    multipart: bool,
    /// The schema being read of a form-urlencoded body or a parameter, inside which (but not
    /// in a schema it names by `$ref`) a value with no schema is a text, as every value a form
    /// or a parameter carries is.
    texts: Option<At>,
    /// The comment line of each operation found that cannot be written at all (reported).
    unwritten: Vec<String>,
}

/// What an import produced: the spec files by name, and what they leave out.
#[derive(Debug)]
pub struct Imported {
    /// `service.yaml` and one `<operation>.yaml` per endpoint, with their texts.
    pub files: BTreeMap<String, String>,
    pub gaps: Vec<Gap>,
    /// How each gap's place is shown (`#/paths/~1pets/get`), in the order of `gaps`.
    pub places: Vec<String>,
    /// How many operations the document has, and how many were written.
    pub operations: usize,
    pub endpoints: usize,
}

/// The OpenAPI versions read: 3.0 and 3.1 (and 3.2, whose additions are read where the
/// language says them).
fn version(document: &Value) -> Result<(), Unreadable> {
    match document.get("openapi").and_then(Value::as_str) {
        Some(v) if ["3.0", "3.1", "3.2"].iter().any(|p| v.starts_with(p)) => Ok(()),
        Some(v) => Err(Unreadable(format!(
            "OpenAPI {v} is not read; 3.0, 3.1 and 3.2 are"
        ))),
        None if document.get("swagger").is_some() => Err(Unreadable(
            "a Swagger 2.0 document; convert it to OpenAPI 3 first".into(),
        )),
        None => Err(Unreadable(
            "not an OpenAPI document: it has no `openapi` version".into(),
        )),
    }
}

/// Why a document was not imported.
#[derive(Debug)]
pub enum Failure {
    /// It could not be read, or is no OpenAPI 3 document.
    Unreadable(String),
    /// What the checker still refused after every part it named was taken out (a bug in the
    /// import: please report it with the document).
    Refused(Vec<crate::Diagnostic>),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Unreadable(why) => f.write_str(why),
            Failure::Refused(problems) => {
                writeln!(f, "the imported specs do not pass the check:")?;
                for problem in problems {
                    writeln!(f, "{problem}")?;
                }
                Ok(())
            }
        }
    }
}

impl From<Unreadable> for Failure {
    fn from(problem: Unreadable) -> Self {
        Failure::Unreadable(problem.0)
    }
}

/// Imports the document in `sources` as the service `service` (its folder's name).
pub fn translate(sources: &Sources, service: &str) -> Result<Imported, Failure> {
    let document = &sources.documents[0].value;
    version(document)?;
    let mut importer = Importer {
        sources,
        gaps: Gaps::default(),
        types: Types::default(),
        multipart: false,
        texts: None,
        unwritten: Vec::new(),
    };
    let mut schemes = importer.schemes();
    importer.reserve_components();
    let mut endpoints = importer.endpoints(&mut schemes);
    let operations = endpoints.len() + importer.unwritten.len();
    importer.define_components();
    let service_yaml = importer.service(service, &mut schemes);
    let mut files = placement::files(service_yaml, &mut endpoints, &importer.types);
    files.dropped.append(&mut importer.unwritten);
    for name in &files.left_out {
        let what = "a schema no operation uses, left out: `service.yaml` has no room for it";
        importer
            .gaps
            .note(&files.type_places[name], "unused-schema", what);
    }
    importer
        .until_checked(service, &mut files)
        .map_err(Failure::Refused)?;
    let texts = files.render(sources);
    // A shared part (a component response, a parameter) reports its gaps at each use; listed once.
    let mut gaps = importer.gaps.0;
    let mut seen = std::collections::BTreeSet::new();
    gaps.retain(|g| seen.insert((g.at.clone(), g.kind, g.what.clone())));
    let places = gaps.iter().map(|g| sources.show(&g.at)).collect();
    Ok(Imported {
        endpoints: files.endpoints.len(),
        files: texts,
        gaps,
        places,
        operations,
    })
}

impl Importer<'_> {
    /// Names every component schema first, in document order, so a type met inline never
    /// takes a name a component has.
    fn reserve_components(&mut self) {
        for (name, at) in self.components() {
            let Some(schema) = self.sources.get(&at) else {
                continue;
            };
            if schema.get("$ref").is_some()
                || schema::alias_of(schema).is_some()
                || schema::is_untyped(schema)
            {
                continue;
            }
            let name = self.types.unique_name(&name);
            self.types.reserve(&at, &name);
        }
    }

    /// Defines the component schemas no endpoint reached.
    fn define_components(&mut self) {
        for (_, at) in self.components() {
            self.named(&at);
        }
    }

    /// The component schemas: name and place, in document order.
    fn components(&self) -> Vec<(String, At)> {
        let at = At::root().child("components").child("schemas");
        let Some(schemas) = self.sources.get(&at).and_then(Value::as_object) else {
            return Vec::new();
        };
        schemas
            .keys()
            .map(|name| (name.clone(), at.child(name)))
            .collect()
    }
}
