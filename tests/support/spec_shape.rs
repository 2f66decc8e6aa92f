//! What the spec language demands of a file's shape, read from docs/spec-language.md: the
//! keys each map takes, the ones it requires, the kind of value each key holds, and that every
//! type a type expression names is defined. The mutation and truncation tests use it to know
//! when an edited spec must be rejected; it is deliberately incomplete (it never claims a
//! rejection the language does not promise), never a second implementation of the checker.

use specgen::load::{Node, Value};

/// A breach of the language, and the lines (from 1) of the node it is about.
#[derive(Debug, Clone)]
pub struct Breach {
    pub what: String,
    pub lines: std::ops::RangeInclusive<u32>,
}

/// What a map is, by where it sits.
#[derive(Clone, Copy, PartialEq)]
enum Role {
    Service,
    Endpoint,
    Auth,
    Server,
    Variables,
    Variable,
    Types,
    Type,
    Fields,
    Field,
    Parameters,
    Parameter,
    Request,
    Responses,
    Response,
    Headers,
    Header,
    Deprecated,
    Pagination,
}

/// The kind of value a key holds.
#[derive(Clone, Copy)]
enum Kind {
    /// A string, number or boolean (read as its text).
    Scalar,
    /// A string, or a map of language code to string.
    Text,
    Bool,
    Unsigned,
    Number,
    Map(Role),
    List,
    /// `true`, or a map.
    Deprecation,
    /// A string or a list of strings.
    Strings,
    Any,
}

const CONSTRAINTS: &[(&str, Kind)] = &[
    ("max_length", Kind::Unsigned),
    ("min_length", Kind::Unsigned),
    ("pattern", Kind::Scalar),
    ("format", Kind::Scalar),
    ("min_items", Kind::Unsigned),
    ("max_items", Kind::Unsigned),
    ("minimum", Kind::Number),
    ("maximum", Kind::Number),
    ("const", Kind::Scalar),
];

/// The keys a map takes, each with its kind, and the ones it requires.
type Keys = (Vec<(&'static str, Kind)>, &'static [&'static str]);

/// The keys a map of `role` takes, and which of them it requires; `None` for maps whose keys
/// are names (types, fields, parameters…).
fn keys(role: Role) -> Option<Keys> {
    let (mut keys, required) = match role {
        Role::Service | Role::Endpoint | Role::Auth => file_keys(role),
        Role::Variables
        | Role::Types
        | Role::Fields
        | Role::Parameters
        | Role::Responses
        | Role::Headers => return None,
        _ => member_keys(role),
    };
    if matches!(
        role,
        Role::Field | Role::Parameter | Role::Header | Role::Type
    ) {
        keys.extend(CONSTRAINTS);
    }
    Some((keys, required))
}

/// The keys of a spec file's top level, and of `auth`.
fn file_keys(role: Role) -> Keys {
    use Kind::*;
    match role {
        Role::Service => (
            vec![
                ("service", Scalar),
                ("title", Text),
                ("language", Scalar),
                ("description", Text),
                ("servers", List),
                ("auth", Map(Role::Auth)),
                ("extends", Scalar),
                ("types", Map(Role::Types)),
            ],
            &["service", "title"],
        ),
        Role::Endpoint => (
            vec![
                ("operation", Scalar),
                ("method", Scalar),
                ("path", Scalar),
                ("summary", Text),
                ("description", Text),
                ("deprecated", Deprecation),
                ("scopes", Strings),
                ("auth", Any),
                ("pagination", Map(Role::Pagination)),
                ("parameters", Map(Role::Parameters)),
                ("request", Map(Role::Request)),
                ("responses", Map(Role::Responses)),
                ("types", Map(Role::Types)),
                ("examples", Any),
            ],
            &["operation", "method", "path"],
        ),
        Role::Auth => (
            vec![
                ("scheme", Scalar),
                ("prefix", Scalar),
                ("header", Scalar),
                ("scopes", Any),
                ("authorization_url", Scalar),
                ("token_url", Scalar),
                ("description", Text),
                ("query", Scalar),
                ("cookie", Scalar),
                ("flows", Any),
                ("url", Scalar),
                // The form with several schemes, by name.
                ("schemes", Any),
                ("default", Any),
            ],
            &["scheme"],
        ),
        _ => (Vec::new(), &[]),
    }
}

/// The keys of the maps inside a spec file.
fn member_keys(role: Role) -> Keys {
    use Kind::*;
    match role {
        Role::Server => (
            vec![
                ("url", Scalar),
                ("description", Text),
                ("variables", Map(Role::Variables)),
            ],
            &["url"],
        ),
        Role::Variable => (
            vec![("default", Scalar), ("description", Text), ("enum", Any)],
            &["default"],
        ),
        Role::Type => (
            vec![
                ("description", Text),
                ("deprecated", Deprecation),
                ("fields", Map(Role::Fields)),
                ("open", Bool),
                ("enum", Any),
                ("one_of", Any),
                ("type", Scalar),
                ("all_of", Any),
                ("tag", Scalar),
                ("content", Scalar),
            ],
            &[],
        ),
        Role::Field => (
            vec![
                ("type", Scalar),
                ("required", Bool),
                ("nullable", Bool),
                ("read_only", Bool),
                ("description", Text),
                ("deprecated", Deprecation),
                ("rust_name", Scalar),
            ],
            &["type"],
        ),
        Role::Parameter => (
            vec![
                ("in", Scalar),
                ("type", Scalar),
                ("required", Bool),
                ("nullable", Bool),
                ("description", Text),
                ("style", Scalar),
                ("explode", Bool),
                ("default", Any),
            ],
            &["in", "type"],
        ),
        Role::Request | Role::Response | Role::Header => exchange_keys(role),
        Role::Deprecated => (vec![("sunset", Scalar), ("note", Text)], &[]),
        // Which keys go together (`link`, or `parameter` with `next`) depends on the answer.
        Role::Pagination => (
            vec![
                ("items", Scalar),
                ("parameter", Scalar),
                ("next", Scalar),
                ("link", Scalar),
            ],
            &[],
        ),
        _ => (Vec::new(), &[]),
    }
}

/// The keys of a request, a response and a response header.
fn exchange_keys(role: Role) -> Keys {
    use Kind::*;
    match role {
        Role::Request => (
            vec![
                ("body", Scalar),
                ("media", Strings),
                ("required", Bool),
                ("max_bytes", Unsigned),
                ("stream", Bool),
                ("description", Text),
            ],
            &["body"],
        ),
        Role::Response => (
            vec![
                ("description", Text),
                ("media", Strings),
                ("body", Scalar),
                ("stream", Bool),
                ("items", Scalar),
                ("reject_body", Any),
                ("xml_root", Scalar),
                ("xml_item", Scalar),
                ("content", Any),
                ("headers", Map(Role::Headers)),
            ],
            &[],
        ),
        Role::Header => (
            vec![("type", Scalar), ("required", Bool), ("description", Text)],
            &["type"],
        ),
        _ => (Vec::new(), &[]),
    }
}

/// The role of every value of a name-keyed map.
fn member_role(role: Role) -> Option<Role> {
    match role {
        Role::Types => Some(Role::Type),
        Role::Fields => Some(Role::Field),
        Role::Parameters => Some(Role::Parameter),
        Role::Responses => Some(Role::Response),
        Role::Headers => Some(Role::Header),
        Role::Variables => Some(Role::Variable),
        _ => None,
    }
}

/// The last line `node` spans.
fn last_line(node: &Node) -> u32 {
    let children = match &node.value {
        Value::Map(entries) => entries.iter().map(|(_, v)| last_line(v)).max(),
        Value::Seq(items) => items.iter().map(last_line).max(),
        _ => None,
    };
    children.unwrap_or(0).max(node.pos.line)
}

fn breach(node: &Node, what: String) -> Breach {
    Breach {
        what,
        lines: node.pos.line..=last_line(node),
    }
}

fn kind_fits(kind: Kind, node: &Node) -> bool {
    let scalar = matches!(
        node.value,
        Value::Str(_) | Value::Number(_) | Value::Bool(_)
    );
    match kind {
        Kind::Scalar => scalar,
        Kind::Text => matches!(node.value, Value::Str(_) | Value::Map(_)),
        Kind::Bool => matches!(node.value, Value::Bool(_)),
        Kind::Unsigned => matches!(&node.value, Value::Number(n) if n.as_u64().is_some()),
        Kind::Number => matches!(node.value, Value::Number(_)),
        Kind::Map(_) => matches!(node.value, Value::Map(_)),
        Kind::List => matches!(node.value, Value::Seq(_)),
        Kind::Deprecation => matches!(node.value, Value::Bool(true) | Value::Map(_)),
        Kind::Strings => scalar || matches!(node.value, Value::Seq(_)),
        Kind::Any => true,
    }
}

/// Every breach of the language's shape in one file's tree; `service_file` says whether it is
/// the `service.yaml`.
pub fn breaches(root: &Node, service_file: bool) -> Vec<Breach> {
    let mut out = Vec::new();
    let role = if service_file {
        Role::Service
    } else {
        Role::Endpoint
    };
    if !matches!(root.value, Value::Map(_)) {
        out.push(breach(root, "the file is not a map".into()));
        return out;
    }
    walk(root, role, &mut out);
    out
}

fn walk(node: &Node, role: Role, out: &mut Vec<Breach>) {
    let Value::Map(entries) = &node.value else {
        return;
    };
    if let Some(member) = member_role(role) {
        for (key, value) in entries {
            if !matches!(value.value, Value::Map(_)) {
                let name = key.scalar_text().unwrap_or_default();
                out.push(breach(value, format!("`{name}` is not a map")));
            } else {
                walk(value, member, out);
            }
        }
        return;
    }
    let Some((known, required)) = keys(role) else {
        return;
    };
    for key in required {
        if !entries.iter().any(|(k, _)| k.as_str() == Some(key)) {
            out.push(breach(node, format!("no `{key}`")));
        }
    }
    for (key, value) in entries {
        let Some(name) = key.scalar_text() else {
            out.push(breach(key, "a key that is not a name".into()));
            continue;
        };
        let Some(&(_, kind)) = known.iter().find(|(k, _)| *k == name) else {
            out.push(breach(key, format!("unknown key `{name}`")));
            continue;
        };
        if !kind_fits(kind, value) {
            out.push(breach(value, format!("`{name}` holds the wrong kind")));
            continue;
        }
        match (kind, &value.value) {
            (Kind::Map(inner), _) => walk(value, inner, out),
            (Kind::Deprecation, Value::Map(_)) => walk(value, Role::Deprecated, out),
            (Kind::List, Value::Seq(items)) if name == "servers" => {
                for item in items.iter().filter(|i| matches!(i.value, Value::Map(_))) {
                    walk(item, Role::Server, out);
                }
            }
            _ => {}
        }
    }
}

/// The value under `key` of a map.
fn get<'n>(node: &'n Node, key: &str) -> Option<&'n Node> {
    match &node.value {
        Value::Map(entries) => entries
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(_, v)| v),
        _ => None,
    }
}

/// The names a type expression refers to, besides the built-in types.
fn named_types(expression: &str) -> impl Iterator<Item = &str> {
    const BUILT_IN: &[&str] = &[
        "string", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
        "float32", "float64", "number", "boolean", "uuid", "any", "file", "bytes", "list", "map",
    ];
    expression
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty() && !BUILT_IN.contains(w))
}

/// Every type name defined under a `types:` of `root`.
pub fn defined_types(root: &Node, out: &mut Vec<String>) {
    if let Some(types) = get(root, "types")
        && let Value::Map(entries) = &types.value
    {
        out.extend(entries.iter().filter_map(|(k, _)| k.scalar_text()));
    }
}

/// References (a field's or parameter's `type`, a request's or response's `body`) in `root`
/// that name a type `defined` does not hold.
pub fn undefined_references(root: &Node, defined: &[String]) -> Vec<Breach> {
    let mut out = Vec::new();
    let mut check = |node: &Node| {
        if let Value::Str(expression) = &node.value
            && let Some(name) = named_types(expression).find(|n| !defined.iter().any(|d| d == n))
        {
            out.push(breach(node, format!("`{name}` is defined nowhere")));
        }
    };
    fn members(node: Option<&Node>) -> Vec<&Node> {
        match node.map(|n| &n.value) {
            Some(Value::Map(entries)) => entries.iter().map(|(_, v)| v).collect(),
            _ => Vec::new(),
        }
    }
    for ty in members(get(root, "types")) {
        for field in members(get(ty, "fields")) {
            if let Some(node) = get(field, "type") {
                check(node);
            }
        }
    }
    for parameter in members(get(root, "parameters")) {
        if let Some(node) = get(parameter, "type") {
            check(node);
        }
    }
    if let Some(node) = get(root, "request").and_then(|request| get(request, "body")) {
        check(node);
    }
    for response in members(get(root, "responses")) {
        if let Some(node) = get(response, "body") {
            check(node);
        }
    }
    out
}
