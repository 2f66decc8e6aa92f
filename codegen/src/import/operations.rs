//! Paths and their operations as endpoint files: method and path, texts, auth, parameters,
//! request body, responses and examples, each operation named from its `operationId`.

use std::collections::BTreeSet;

use super::json::Value;

use super::Importer;
use super::auth::Schemes;
use super::examples::ExampleSources;
use super::objects::field_yaml;
use super::schema::text;
use super::source::At;
use super::yaml::{Entry, Map, Yaml};
use crate::check::{camel, operation_name, snake};

/// The HTTP methods an OpenAPI path item may hold, as the spec language writes them.
const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch"];

/// One endpoint file: its operation name and content.
#[derive(Debug)]
pub struct Endpoint {
    pub name: String,
    /// The operation's place in the source.
    pub at: At,
    pub yaml: Map,
    /// What was left out of it that no entry of the file holds.
    pub comment: Option<String>,
}

/// An operation found in `paths`.
struct Found<'a> {
    name: String,
    method: &'a str,
    path: &'a str,
    operation: &'a Value,
    /// Its path item, whose parameters it shares.
    item: &'a Value,
    item_at: &'a At,
}

impl Importer<'_> {
    /// Every operation of every path, in document order.
    pub(super) fn endpoints(&mut self, schemes: &mut Schemes) -> Vec<Endpoint> {
        let paths_at = At::root().child("paths");
        let Some(paths) = self
            .sources
            .get(&paths_at)
            .and_then(Value::as_object)
            .cloned()
        else {
            return Vec::new();
        };
        let mut names = BTreeSet::new();
        let mut out = Vec::new();
        let first_tagged = paths.iter().find_map(|(path, item)| {
            let (method, _) = item
                .as_object()?
                .iter()
                .find(|(_, o)| o.get("tags").is_some())?;
            Some(paths_at.child(path).child(method).child("tags"))
        });
        if let Some(at) = first_tagged {
            // Said once, at the first: the grouping is on every operation of most documents.
            let what = "the operations' `tags` (here and on every other operation)";
            self.gaps.note(&at, "documentation", what);
        }
        for (path, item) in &paths {
            let Some((item, item_at)) = self.resolved(item, &paths_at.child(path), "path item")
            else {
                continue;
            };
            for ignored in ["trace", "query"] {
                if item.get(ignored).is_some() {
                    self.gaps.gap(
                        &item_at.child(ignored),
                        "method",
                        format!("the `{}` method", ignored.to_ascii_uppercase()),
                    );
                }
            }
            for method in METHODS {
                let Some(operation) = item.get(method) else {
                    continue;
                };
                if self.is_upgrade(operation, &item_at.child(method)) {
                    continue;
                }
                let found = Found {
                    name: endpoint_name(&mut names, operation, method, path),
                    method,
                    path,
                    operation,
                    item: &item,
                    item_at: &item_at,
                };
                out.push(self.endpoint(&found, schemes));
            }
        }
        out
    }

    fn endpoint(&mut self, found: &Found<'_>, schemes: &mut Schemes) -> Endpoint {
        let mark = self.gaps.mark();
        let (name, operation) = (found.name.as_str(), found.operation);
        let at = found.item_at.child(found.method);
        let mut yaml = Map::new();
        yaml.insert("operation", name);
        yaml.insert("method", found.method.to_ascii_uppercase());
        yaml.insert("path", found.path);
        for key in ["summary", "description"] {
            if let Some(t) = text(operation, key) {
                yaml.insert(key, t);
            }
        }
        if operation.get("deprecated").is_some_and(Value::is_true) {
            yaml.insert("deprecated", true);
        }
        self.operation_auth(schemes, operation, &at, &mut yaml);
        if let Some(pagination) = operation
            .get("x-specgen-pagination")
            .filter(|p| p.as_object().is_some())
        {
            yaml.insert("pagination", Yaml::from_json(pagination));
        }
        let (parameters, parameter_places) = self.parameters(found, &at);
        if !parameters.is_empty() {
            yaml.insert("parameters", parameters);
        }
        let mut from = ExampleSources {
            request: None,
            responses: Vec::new(),
            parameters: parameter_places,
        };
        if let Some(request) = operation.get("requestBody") {
            let request_mark = self.gaps.mark();
            if let Some((request, primary)) = self.request(name, request, &at.child("requestBody"))
            {
                let comment = self.gaps.claim_since(self.sources, request_mark);
                yaml.0.push(Entry {
                    key: "request".into(),
                    value: Yaml::Map(request),
                    comment,
                });
                from.request = Some(primary);
            }
        }
        let (responses, primaries) = self.responses(name, operation, &at);
        yaml.insert("responses", responses);
        from.responses = primaries;
        let examples = self.examples(&from);
        if !examples.is_empty() {
            yaml.insert("examples", Yaml::Seq(examples));
        }
        self.report_operation_keys(operation, &at);
        let comment = self.gaps.claim_since(self.sources, mark);
        Endpoint {
            name: name.to_owned(),
            at,
            yaml,
            comment,
        }
    }

    /// Whether the operation succeeds only with an informational status (`101`: a protocol
    /// upgrade, such as WebSocket), which no generated server or client can give or take:
    /// reported, and the operation is not written. (Beside a final success, a `1xx` is only
    /// a response the import reports.)
    fn is_upgrade(&mut self, operation: &Value, at: &At) -> bool {
        let statuses: Vec<&String> = operation
            .get("responses")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(status, _)| status)
            .collect();
        let succeeds = statuses.iter().any(|s| s.starts_with(['2', '3']));
        let Some(status) = statuses.into_iter().find(|s| s.starts_with('1')) else {
            return false;
        };
        if succeeds {
            return false;
        }
        let what = format!(
            "the operation, which answers `{status}` (a protocol upgrade, such as WebSocket): \
             the generated code gives and takes only final answers"
        );
        let mark = self.gaps.mark();
        self.gaps.gap(at, "upgrade", what);
        let line = self.gaps.claim_since(self.sources, mark);
        self.unwritten.extend(line);
        true
    }

    /// Reports what an operation says that its endpoint file cannot.
    fn report_operation_keys(&mut self, operation: &Value, at: &At) {
        for key in ["callbacks", "servers"] {
            if operation.get(key).is_some() {
                self.gaps.gap(
                    &at.child(key),
                    "operation",
                    format!("the operation's `{key}`"),
                );
            }
        }
        if let Some(docs) = operation.get("externalDocs") {
            let url = docs.get("url").and_then(Value::as_str).unwrap_or_default();
            self.gaps.note(
                &at.child("externalDocs"),
                "documentation",
                format!("the documentation link {url}"),
            );
        }
    }

    /// The operation's parameters and its path item's (the operation's win by name and
    /// place), a string parameter for each path placeholder that declares none; and each
    /// parameter's place, where its examples are.
    fn parameters(&mut self, found: &Found<'_>, at: &At) -> (Map, Vec<(String, At)>) {
        let mut declared: Vec<(Value, At)> = Vec::new();
        let owners = [
            (found.item, found.item_at.child("parameters")),
            (found.operation, at.child("parameters")),
        ];
        for (owner, list_at) in owners {
            for (i, parameter) in owner
                .get("parameters")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
            {
                let Some((parameter, place)) =
                    self.resolved(parameter, &list_at.index(i), "parameter")
                else {
                    continue;
                };
                let key = (parameter.get("name").cloned(), parameter.get("in").cloned());
                declared.retain(|(p, _)| (p.get("name").cloned(), p.get("in").cloned()) != key);
                declared.push((parameter, place));
            }
        }
        let mut parameters = Map::new();
        let mut places = Vec::new();
        let mut rust_names = BTreeSet::new();
        for (parameter, place) in &declared {
            let mark = self.gaps.mark();
            let Some((wire, yaml)) = self.parameter(&found.name, parameter, place) else {
                continue;
            };
            if parameters.get(&wire).is_some() {
                self.gaps.gap(
                    place,
                    "parameter",
                    format!("`{wire}`, whose name another parameter has"),
                );
                self.gaps.claim_since(self.sources, mark);
                continue;
            }
            let mut yaml = yaml;
            let rust = super::objects::unique(&mut rust_names, &snake(&wire));
            if rust != snake(&wire) {
                yaml.insert("rust_name", rust.as_str());
            }
            let comment = self.gaps.claim_since(self.sources, mark);
            places.push((wire.clone(), place.clone()));
            parameters.0.push(Entry {
                key: wire,
                value: Yaml::Map(yaml),
                comment,
            });
        }
        for placeholder in placeholders(found.path) {
            let declared = declared.iter().any(|(p, _)| {
                p.get("in").and_then(Value::as_str) == Some("path")
                    && p.get("name").and_then(Value::as_str) == Some(placeholder)
            });
            if !declared {
                self.gaps.gap(
                    at,
                    "path-parameter",
                    format!("`{{{placeholder}}}` has no parameter; declared as a string"),
                );
                let mut yaml = Map::new();
                yaml.insert("in", "path");
                yaml.insert("type", "string");
                parameters.insert(placeholder, yaml);
            }
        }
        (parameters, places)
    }

    /// One parameter: its name and entry; `None` where it cannot be said (reported).
    fn parameter(&mut self, op: &str, parameter: &Value, at: &At) -> Option<(String, Map)> {
        let name = parameter.get("name").and_then(Value::as_str)?.to_owned();
        let location = parameter.get("in").and_then(Value::as_str)?;
        if !["path", "query", "header", "cookie"].contains(&location) {
            self.gaps
                .gap(at, "parameter", format!("a parameter `in: {location}`"));
            return None;
        }
        if location == "header"
            && ["accept", "content-type", "authorization"]
                .contains(&name.to_ascii_lowercase().as_str())
        {
            self.gaps.note(
                at,
                "parameter",
                format!("the `{name}` header, which the generated code sets itself"),
            );
            return None;
        }
        let shape = match parameter.get("schema") {
            Some(schema) => {
                let schema_at = at.child("schema");
                self.texts = Some(schema_at.clone());
                let hint = format!("{}{}", camel(op), camel(&name));
                let shape = self.shape(schema, &schema_at, &hint);
                self.texts = None;
                shape
            }
            None => {
                if parameter.get("content").is_some() {
                    let what = "a parameter described by `content`; read as text";
                    self.gaps.gap(at, "parameter-content", what);
                } else {
                    let what = "a parameter with no schema: read as text, as every parameter is";
                    self.gaps.note(at, "text-value", what);
                }
                super::schema::Shape {
                    ty: "string".into(),
                    ..Default::default()
                }
            }
        };
        let required = location == "path" || parameter.get("required") == Some(&Value::Bool(true));
        let mut yaml = Map::new();
        yaml.insert("in", location);
        let ty = self.parameter_type(&shape, location, at);
        yaml.insert("type", ty.as_str());
        if required && location != "path" {
            yaml.insert("required", true);
        }
        if shape.nullable && !required {
            yaml.insert("nullable", true);
        }
        if let Some(default) = shape.default.as_ref().filter(|_| !required) {
            yaml.insert("default", Yaml::from_json(default));
        }
        if ty == shape.ty {
            yaml.0.extend(shape.keys.0.iter().cloned());
        }
        self.style(parameter, location, at, &mut yaml);
        if let Some(description) = text(parameter, "description").or(shape.description) {
            yaml.insert("description", description);
        }
        if parameter.get("deprecated") == Some(&Value::Bool(true)) {
            self.gaps
                .note(at, "deprecated-parameter", "`deprecated` on a parameter");
        }
        Some((name, yaml))
    }

    /// A parameter's type where its place allows it: lists only in a query, objects and maps
    /// only there too; elsewhere read as text (reported).
    fn parameter_type(&mut self, shape: &super::schema::Shape, location: &str, at: &At) -> String {
        if shape.read_only {
            let what = "`readOnly` on a parameter, which says nothing there; left out";
            self.gaps.note(at, "read-only", what);
        }
        let ty = &shape.ty;
        let structured = ty.starts_with("list<") || ty.starts_with("map<") || self.is_object(ty);
        if structured && location != "query" {
            self.gaps.gap(
                at,
                "parameter-type",
                format!("a {location} parameter of type `{ty}`; read as text"),
            );
            return "string".to_owned();
        }
        if self.is_union(ty) && !self.is_plain_union(ty) {
            self.gaps.gap(
                at,
                "parameter-type",
                format!("a parameter that is one of several types (`{ty}`); read as text"),
            );
            return "string".to_owned();
        }
        if ty == "any" {
            self.gaps.note(
                at,
                "parameter-type",
                "a parameter of no stated type; read as text",
            );
            return "string".to_owned();
        }
        self.never_null_items(ty, at)
    }

    /// A list of text values (a query's, a header's) whose items may be null: read as never
    /// null, since null has no text (reported).
    pub(super) fn never_null_items(&mut self, ty: &str, at: &At) -> String {
        let Some(item) = ty
            .strip_prefix("list<nullable<")
            .and_then(|t| t.strip_suffix(">>"))
        else {
            return ty.to_owned();
        };
        let what = "a list of text values whose items may be null; read as never null";
        self.gaps.gap(at, "nullable-item", what);
        format!("list<{item}>")
    }

    /// Whether `ty` names an object type.
    pub(super) fn is_object(&self, ty: &str) -> bool {
        self.types
            .def(ty)
            .is_some_and(|d| d.yaml.get("fields").is_some() || d.yaml.get("all_of").is_some())
    }

    /// `style` and `explode` for a query parameter, as the spec language names them.
    fn style(&mut self, parameter: &Value, location: &str, at: &At, yaml: &mut Map) {
        let style = parameter.get("style").and_then(Value::as_str);
        let explode = parameter.get("explode").and_then(Value::as_bool);
        if location != "query" {
            if style.is_some_and(|s| s != "simple" && s != "form") {
                self.gaps.gap(
                    at,
                    "style",
                    format!("`style: {}` outside a query", style.unwrap_or_default()),
                );
            }
            return;
        }
        let ty = yaml.get("type").cloned();
        let structured = matches!(&ty, Some(Yaml::Str(t)) if t.starts_with("list<") || t.starts_with("map<") || self.is_object(t));
        if !structured {
            return;
        }
        let name = match style {
            None | Some("form") => None,
            Some("spaceDelimited") => Some("space_delimited"),
            Some("pipeDelimited") => Some("pipe_delimited"),
            Some("deepObject") => Some("deep_object"),
            Some(other) => {
                self.gaps.gap(at, "style", format!("`style: {other}`"));
                return;
            }
        };
        let is_map = matches!(&ty, Some(Yaml::Str(t)) if t.starts_with("map<"));
        let name = if is_map { Some("deep_object") } else { name };
        if let Some(name) = name {
            yaml.insert("style", name);
        }
        if let Some(explode) = explode {
            let default = name.is_none() || name == Some("deep_object");
            if explode != default && name != Some("deep_object") {
                yaml.insert("explode", explode);
            }
        }
    }
}

/// The longest operation name written, in characters.
const MAX_NAME: usize = 96;

/// The operation's name: its `operationId` in snake_case, else its method and path; unique,
/// and never `service` (whose file is the service's).
fn endpoint_name(
    taken: &mut BTreeSet<String>,
    operation: &Value,
    method: &str,
    path: &str,
) -> String {
    let wanted = match operation.get("operationId").and_then(Value::as_str) {
        Some(id) if !snake(id).trim_matches('_').is_empty() => operation_name(id),
        _ => operation_name(&format!("{method} {}", path.replace(['{', '}'], " "))),
    };
    // It names a file, and file systems take 255 bytes.
    let wanted = match wanted.char_indices().nth(MAX_NAME) {
        Some((end, _)) => wanted[..end].trim_end_matches('_').to_owned(),
        None => wanted,
    };
    let mut name = wanted.clone();
    let mut n = 2;
    while name == "service" || !taken.insert(name.clone()) {
        name = format!("{wanted}_{n}");
        n += 1;
    }
    name
}

/// The `{name}`s of a path.
pub fn placeholders(path: &str) -> Vec<&str> {
    path.split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .collect()
}

/// A field entry for a header or form member; shared with responses.
pub fn header_yaml(shape: &super::schema::Shape, required: bool) -> Map {
    let mut yaml = field_yaml(shape, required);
    yaml.0
        .retain(|e| !["nullable", "read_only", "default", "deprecated"].contains(&e.key.as_str()));
    yaml
}
