//! IR → an OpenAPI document per service (3.1, or 3.0.3 for tools that read only 3.0).
//!
//! The document describes the API as the spec does, plus what the generated server does on
//! its own (the 400/401/413/415 answers it sends before an implementation runs), so that a
//! tool checking the server against the document finds them documented. What OpenAPI cannot
//! say is kept in `x-` extensions, listed in `docs/openapi.md`.

mod model;
mod paths;
mod schema;
mod security;
mod translations;

use std::str::FromStr;

use serde::Serialize;
use serde_json::Value;
use specgen_rules::Code;

use crate::emit::Options;
use crate::ir::{Api, Service};
use crate::layout::Files;
use model::{Components, Document, Info, Ordered, Schema, Server, ServerVariable};
use schema::Schemas;
use translations::Translations;

/// Which OpenAPI version to write.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Version {
    /// OpenAPI 3.0.3: `nullable`, `format: binary`, no `propertyNames`.
    V3_0,
    /// OpenAPI 3.1.0: JSON Schema 2020-12.
    #[default]
    V3_1,
}

impl Version {
    fn openapi(self) -> &'static str {
        match self {
            Version::V3_0 => "3.0.3",
            Version::V3_1 => "3.1.0",
        }
    }
}

impl FromStr for Version {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "3.1" | "3.1.0" => Ok(Version::V3_1),
            "3.0" | "3.0.3" => Ok(Version::V3_0),
            other => Err(format!("unknown OpenAPI version `{other}`; use 3.1 or 3.0")),
        }
    }
}

/// The component describing the generated server's own answers (a `.` keeps it apart from
/// every spec type name, which is a Rust identifier).
const PROBLEM: &str = "specgen.Problem";
const INPUT_ERROR: &str = "specgen.InputError";

/// One service's document.
fn document(service: &Service, options: &Options, version: Version) -> Document {
    let lang = options.language_for(service);
    let schemas = Schemas {
        service,
        lang,
        version,
    };
    let mut translations = Translations::new(lang);
    let title = translations
        .text("title", &service.title)
        .unwrap_or_else(|| service.name.clone());
    let description = translations.text("description", &service.description);
    let mut components = Components::default();
    for def in &service.types {
        if def.request_shape_of.is_none() {
            components
                .schemas
                .insert(def.name.clone(), schemas.component_schema(def));
        }
    }
    let rejects = service
        .operations
        .iter()
        .any(|op| !crate::ir::server_rejections(op).is_empty());
    if rejects {
        components.schemas.insert(PROBLEM, problem());
        components.schemas.insert(INPUT_ERROR, input_error());
    }
    components.security_schemes = security::schemes(service, lang);
    Document {
        openapi: version.openapi(),
        info: Info {
            title,
            description,
            // The specs carry no version of their own.
            version: "unversioned".into(),
            extensions: translations.into_extensions(),
        },
        json_schema_dialect: None,
        servers: service.servers.iter().map(|s| server(s, lang)).collect(),
        paths: paths::paths(&schemas),
        components,
    }
}

/// One service's document as JSON text: two-space indents, a final newline.
pub fn json(service: &Service, options: &Options, version: Version) -> String {
    let mut text = to_json(&document(service, options, version));
    text.push('\n');
    text
}

/// `<service>.openapi.json` for every service.
pub fn files(api: &Api, options: &Options, version: Version) -> Files {
    api.services
        .iter()
        .map(|s| {
            (
                format!("{}.openapi.json", s.name),
                json(s, options, version),
            )
        })
        .collect()
}

fn to_json(value: &impl Serialize) -> String {
    // The model is plain data with string keys; serializing it cannot fail.
    serde_json::to_string_pretty(value).unwrap_or_default()
}

fn server(s: &crate::ir::Server, lang: &str) -> Server {
    let mut translations = Translations::new(lang);
    let description = translations.text("description", &s.description);
    let mut variables = Ordered::default();
    for v in &s.variables {
        let mut translations = Translations::new(lang);
        let description = translations.text("description", &v.description);
        variables.insert(
            v.name.clone(),
            ServerVariable {
                allowed: v.allowed.clone(),
                default: v.default.clone(),
                description,
                extensions: translations.into_extensions(),
            },
        );
    }
    Server {
        url: s.url.clone(),
        description,
        variables,
        extensions: translations.into_extensions(),
    }
}

/// The RFC 9457 problem document the generated server answers with where the spec documents
/// no body of its own.
fn problem() -> Schema {
    let value = serde_json::json!({
        "type": "object",
        "description": "An RFC 9457 problem document, sent by the generated server for a request it turns away.",
        "required": ["type", "title", "status", "detail"],
        "properties": {
            "type": { "type": "string" },
            "title": { "type": "string" },
            "status": { "type": "integer", "format": "int32" },
            "detail": { "type": "string" },
            "errors": {
                "type": "array",
                "description": "The failing inputs, in the order they were found: every one, up to the server's `max_errors` (100 by default); `total` counts them all.",
                "items": { "$ref": format!("#/components/schemas/{INPUT_ERROR}") }
            },
            "total": {
                "type": "integer",
                "minimum": 1,
                "description": "How many inputs fail, those left out of `errors` included; sent with `errors`."
            }
        }
    });
    raw(value)
}

/// One failing input of a problem document.
fn input_error() -> Schema {
    let codes: Vec<&str> = Code::built_in().map(|code| code.as_str()).collect();
    let value = serde_json::json!({
        "type": "object",
        "required": ["in", "pointer", "code", "message"],
        "properties": {
            "in": { "type": "string", "enum": ["path", "query", "header", "cookie", "body"] },
            "pointer": {
                "type": "string",
                "description": "RFC 6901 JSON pointer to the value; for a parameter, `/<name>`."
            },
            "code": {
                "type": "string",
                "description": "The broken rule: a constraint's key in the spec (`max_length`), or `required`, `type`, `enum`, `syntax`.",
                "enum": codes
            },
            "limit": { "description": "The rule's limit, when it has one." },
            "message": { "type": "string" }
        }
    });
    raw(value)
}

/// A fixed schema written as JSON, kept in an all-extensions schema so it serializes as is.
fn raw(value: Value) -> Schema {
    let Value::Object(members) = value else {
        return Schema::default();
    };
    Schema {
        extensions: members.into_iter().collect(),
        ..Schema::default()
    }
}
