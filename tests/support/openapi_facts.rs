//! What an OpenAPI document says, as a set of facts that do not depend on how it is laid out:
//! `$ref`s followed (a schema met again inside itself is one `recursive` fact), `allOf`
//! members merged, 3.0's `nullable` and 3.1's `null` types read alike, defaults spelled out,
//! and every fact keyed by the operation it belongs to (`GET /pets/{id} › query:limit ›
//! maximum`), so two documents compare by set difference whatever their order, component
//! names or `$ref` placement.
//!
//! Each fact keeps the JSON pointers it was read through (its place, and the target of every
//! `$ref` on the way), so a difference can be matched with a reported place.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

/// One statement of a document: where (`key`) and what (`value`, as JSON text).
pub type Fact = (String, String);

/// Every fact of a document, with the pointers each was read through.
#[derive(Debug, Default)]
pub struct Facts {
    pub facts: BTreeMap<Fact, Vec<String>>,
}

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The schema keywords compared as they are (after the normalisations below).
const PLAIN_KEYWORDS: &[&str] = &[
    "format",
    "pattern",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "multipleOf",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
    "default",
    "const",
    "readOnly",
    "writeOnly",
    "deprecated",
];

impl Facts {
    /// The facts of `document`.
    pub fn of(document: &Value) -> Facts {
        let mut reader = Reader {
            document,
            facts: Facts::default(),
            part: false,
        };
        let empty = serde_json::Map::new();
        let paths = document["paths"].as_object().unwrap_or(&empty);
        for (path, item) in paths {
            let at = format!("/paths/{}", escape(path));
            for method in METHODS {
                if let Some(operation) = item.get(*method) {
                    let key = format!("{} {path}", method.to_uppercase());
                    let trail = vec![format!("{at}/{method}")];
                    reader.operation(&key, item, operation, &trail);
                }
            }
        }
        reader.facts
    }

    /// Whether any fact's key starts with `prefix`.
    pub fn has_under(&self, prefix: &str) -> bool {
        let start = (prefix.to_owned(), String::new());
        self.facts
            .range(start..)
            .next()
            .is_some_and(|((key, _), _)| key.starts_with(prefix))
    }

    /// The value of the fact at `key`, if there is one.
    pub fn value(&self, key: &str) -> Option<&str> {
        let start = (key.to_owned(), String::new());
        let ((found, value), _) = self.facts.range(start..).next()?;
        (found == key).then_some(value.as_str())
    }

    /// The facts of `self` that `other` lacks, with their pointers.
    pub fn missing_from<'a>(&'a self, other: &Facts) -> Vec<(&'a Fact, &'a [String])> {
        self.facts
            .iter()
            .filter(|(fact, _)| !other.facts.contains_key(*fact))
            .map(|(fact, trail)| (fact, trail.as_slice()))
            .collect()
    }
}

/// Whether the place `pointer` is at or under `place` (both JSON pointers).
pub fn under(pointer: &str, place: &str) -> bool {
    pointer == place
        || (pointer.starts_with(place) && pointer[place.len()..].starts_with('/'))
        || place.is_empty()
}

fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

struct Reader<'d> {
    document: &'d Value,
    facts: Facts,
    /// The schema read next is a part of `allOf`, whose description is not the whole's.
    part: bool,
}

/// The place being read: each `$ref` on the way starts a new pointer; the last grows.
type Trail = Vec<String>;

fn step(trail: &Trail, segment: &str) -> Trail {
    let mut next = trail.clone();
    let last = next.last_mut().expect("a trail has a place");
    last.push('/');
    last.push_str(&escape(segment));
    next
}

impl<'d> Reader<'d> {
    fn fact(&mut self, key: &str, value: &Value, trail: &Trail) {
        let value = serde_json::to_string(value).expect("JSON");
        self.facts
            .facts
            .entry((key.to_owned(), value))
            .or_insert_with(|| trail.clone());
    }

    /// Follows `value`'s `$ref`s to what they name, adding each target to the trail.
    /// A schema with its references followed and an `allOf` of one part (a `$ref` wrapped
    /// to carry a description) taken as that part.
    fn unwrapped<'v>(&self, mut value: &'v Value, trail: &Trail) -> &'v Value
    where
        'd: 'v,
    {
        for _ in 0..8 {
            value = self.resolve(value, trail).0;
            match list(value, "allOf") {
                [only] if value.get("properties").is_none() => value = only,
                _ => break,
            }
        }
        value
    }

    fn resolve<'v>(&self, mut value: &'v Value, trail: &Trail) -> (&'v Value, Trail)
    where
        'd: 'v,
    {
        let document: &'d Value = self.document;
        let mut trail = trail.clone();
        for _ in 0..32 {
            let Some(target) = value.get("$ref").and_then(Value::as_str) else {
                break;
            };
            let pointer = target.trim_start_matches('#');
            let Some(found) = document.pointer(pointer) else {
                break;
            };
            trail.push(pointer.to_owned());
            value = found;
        }
        (value, trail)
    }

    fn operation(&mut self, key: &str, item: &Value, operation: &Value, trail: &Trail) {
        for word in ["summary", "description", "deprecated"] {
            if let Some(value) = operation.get(word).filter(|v| !is_blank(v)) {
                self.fact(&format!("{key} › {word}"), &trim(value), &step(trail, word));
            }
        }
        let path_level = item.get("parameters").and_then(Value::as_array);
        let own = operation.get("parameters").and_then(Value::as_array);
        for (index, parameter) in path_level.into_iter().flatten().enumerate() {
            let at = vec![trail[0].rsplit_once('/').expect("a method").0.to_owned()];
            self.parameter(
                key,
                parameter,
                &step(&step(&at, "parameters"), &index.to_string()),
            );
        }
        for (index, parameter) in own.into_iter().flatten().enumerate() {
            self.parameter(
                key,
                parameter,
                &step(&step(trail, "parameters"), &index.to_string()),
            );
        }
        if let Some(body) = operation.get("requestBody") {
            self.request(key, body, &step(trail, "requestBody"));
        }
        let empty = serde_json::Map::new();
        let responses = operation["responses"].as_object().unwrap_or(&empty);
        for (status, response) in responses {
            let at = step(&step(trail, "responses"), status);
            self.response(&format!("{key} › {status}"), response, &at);
        }
    }

    fn parameter(&mut self, operation: &str, parameter: &Value, trail: &Trail) {
        let (parameter, trail) = self.resolve(parameter, trail);
        let place = parameter["in"].as_str().unwrap_or("?");
        let name = parameter["name"].as_str().unwrap_or("?");
        let key = format!("{operation} › {place}:{name}");
        let required = parameter["required"].as_bool().unwrap_or(place == "path");
        self.fact(&format!("{key} › required"), &Value::Bool(required), &trail);
        for word in ["description", "deprecated"] {
            if let Some(value) = parameter.get(word).filter(|v| !is_blank(v)) {
                self.fact(
                    &format!("{key} › {word}"),
                    &trim(value),
                    &step(&trail, word),
                );
            }
        }
        if let Some(schema) = parameter.get("schema") {
            self.schema(&key, schema, &step(&trail, "schema"), &mut Vec::new());
        }
        let media = parameter.get("content").and_then(Value::as_object);
        for (media, content) in media.into_iter().flatten() {
            let at = step(&step(&trail, "content"), media);
            self.media(&format!("{key} › {media}"), content, &at);
        }
    }

    fn request(&mut self, operation: &str, body: &Value, trail: &Trail) {
        let (body, trail) = self.resolve(body, trail);
        let key = format!("{operation} › body");
        let required = body["required"].as_bool().unwrap_or(false);
        self.fact(&format!("{key} › required"), &Value::Bool(required), &trail);
        self.contents(&key, body, &trail);
    }

    fn response(&mut self, key: &str, response: &Value, trail: &Trail) {
        let (response, trail) = self.resolve(response, trail);
        self.contents(key, response, &trail);
        let headers = response.get("headers").and_then(Value::as_object);
        for (name, header) in headers.into_iter().flatten() {
            let at = step(&step(&trail, "headers"), name);
            let (header, at) = self.resolve(header, &at);
            let key = format!("{key} › header:{}", name.to_ascii_lowercase());
            if let Some(schema) = header.get("schema") {
                self.schema(&key, schema, &step(&at, "schema"), &mut Vec::new());
            }
        }
    }

    fn contents(&mut self, key: &str, holder: &Value, trail: &Trail) {
        let content = holder.get("content").and_then(Value::as_object);
        for (media, content) in content.into_iter().flatten() {
            let at = step(&step(trail, "content"), media);
            self.media(&format!("{key} › {media}"), content, &at);
        }
    }

    fn media(&mut self, key: &str, content: &Value, trail: &Trail) {
        self.fact(key, &Value::Bool(true), trail);
        if let Some(schema) = content.get("schema") {
            self.schema(key, schema, &step(trail, "schema"), &mut Vec::new());
        }
    }
}

/// Schemas: the keywords compared, read through `$ref`, `allOf` and nullability.
impl Reader<'_> {
    fn schema(&mut self, key: &str, schema: &Value, trail: &Trail, seen: &mut Vec<String>) {
        if let Some(target) = schema.get("$ref").and_then(Value::as_str) {
            if seen.iter().any(|s| s == target) || seen.len() > 24 {
                self.fact(&format!("{key} › recursive"), &Value::Bool(true), trail);
                return;
            }
            seen.push(target.to_owned());
            let (found, at) = self.resolve(schema, trail);
            self.schema(key, found, &at, seen);
            seen.pop();
            // 3.1 allows keywords beside a `$ref`.
            let mut rest = schema.clone();
            rest.as_object_mut().map(|m| m.remove("$ref"));
            self.keywords(key, &rest, trail, seen);
            return;
        }
        self.keywords(key, schema, trail, seen);
    }

    fn keywords(&mut self, key: &str, schema: &Value, trail: &Trail, seen: &mut Vec<String>) {
        let part = std::mem::take(&mut self.part);
        let Some(map) = schema.as_object() else {
            return;
        };
        // A part's description is the part's, not the whole's, unless the whole has none
        // and it is the one part that has one (`allOf: [Integration, {…}]`).
        let parts = list(schema, "allOf");
        let described = parts
            .iter()
            .filter(|part| has_text(&self.resolve(part, trail).0["description"]))
            .count();
        let own = map.get("description").is_some_and(has_text);
        for (index, member) in parts.iter().enumerate() {
            let at = step(&step(trail, "allOf"), &index.to_string());
            self.part = own || described > 1;
            self.schema(key, member, &at, seen);
        }
        self.types(key, schema, trail, seen);
        for word in PLAIN_KEYWORDS {
            let said = |value: &&Value| **value != Value::Bool(false) && applies(word, schema);
            if let Some(value) = map.get(*word).filter(said) {
                self.fact(&format!("{key} › {word}"), value, &step(trail, word));
            }
        }
        self.bounds(key, schema, trail);
        if let Some(text) = map.get("description").filter(|v| !is_blank(v) && !part) {
            self.fact(
                &format!("{key} › description"),
                &trim(text),
                &step(trail, "description"),
            );
        }
        for value in list(schema, "enum") {
            if !value.is_null() {
                self.fact(&format!("{key} › enum"), value, &step(trail, "enum"));
            }
        }
        self.members(key, schema, trail, seen);
    }

    /// `type` as a set, `null` (3.1) and `nullable` (3.0) as one `nullable` fact, and `oneOf`
    /// or `anyOf` alternatives (a `null` alternative also as `nullable`).
    fn types(&mut self, key: &str, schema: &Value, trail: &Trail, seen: &mut Vec<String>) {
        // Without a `type`, `items` and `properties` say it, as generators read them.
        let types: Vec<&str> = match &schema["type"] {
            Value::String(one) => vec![one.as_str()],
            Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
            _ if schema.get("items").is_some() => vec!["array"],
            _ if schema.get("properties").is_some() => vec!["object"],
            _ => Vec::new(),
        };
        let null_enum = list(schema, "enum").iter().any(Value::is_null);
        if types.contains(&"null") || schema["nullable"] == Value::Bool(true) || null_enum {
            self.fact(&format!("{key} › nullable"), &Value::Bool(true), trail);
        }
        // Beside alternatives, a type only repeats what they say.
        let alternatives = schema.get("oneOf").or(schema.get("anyOf")).is_some();
        for kind in types.iter().filter(|t| **t != "null" && !alternatives) {
            self.fact(&format!("{key} › type"), &Value::from(*kind), trail);
        }
        self.enum_descriptions(key, schema, trail);
        for word in ["oneOf", "anyOf"] {
            let alternatives = list(schema, word);
            let (null, others): (Vec<_>, Vec<_>) = alternatives
                .iter()
                .enumerate()
                .partition(|(_, alternative)| is_null(alternative));
            if !null.is_empty() {
                self.fact(&format!("{key} › nullable"), &Value::Bool(true), trail);
            }
            // An alternative written in place that allows `null` makes the union allow it.
            let others: Vec<(usize, Value)> = others
                .into_iter()
                .map(|(index, alternative)| {
                    let (alternative, nullable) = without_null(alternative);
                    if nullable {
                        self.fact(&format!("{key} › nullable"), &Value::Bool(true), trail);
                    }
                    (index, alternative)
                })
                .collect();
            let resolved: Vec<_> = others
                .iter()
                .map(|(i, a)| (*i, self.resolve(a, trail).0))
                .collect();
            if let Some(values) = one_value_each(&resolved) {
                self.enumeration(key, &values, &step(trail, word));
                continue;
            }
            let single = others.len() == 1;
            let unwrapped: Vec<&Value> = resolved
                .iter()
                .map(|(_, alternative)| self.unwrapped(alternative, trail))
                .collect();
            let labels = alternative_labels(&unwrapped);
            for ((index, alternative), label) in others.iter().zip(labels) {
                let at = step(&step(trail, word), &index.to_string());
                let key = if single {
                    key.to_owned()
                } else {
                    format!("{key} › |{label}")
                };
                // The one alternative is the whole: its description gives way to the whole's.
                self.part = single && schema.get("description").is_some_and(has_text);
                self.schema(&key, alternative, &at, seen);
            }
        }
    }

    /// An enumeration's values with their descriptions (the export's `x-enum-descriptions`).
    fn enum_descriptions(&mut self, key: &str, schema: &Value, trail: &Trail) {
        let values = list(schema, "enum");
        let texts = list(schema, "x-enum-descriptions");
        let described = values.iter().zip(texts).map(|(v, t)| (v, Some(t)));
        let described: Vec<_> = described.collect();
        self.enumeration(key, &described, &step(trail, "enum"));
    }

    /// Values, each with its description, as `enum` facts (the `type` a fact of its own).
    fn enumeration(&mut self, key: &str, values: &[(&Value, Option<&Value>)], trail: &Trail) {
        for (value, text) in values {
            self.fact(&format!("{key} › enum"), value, trail);
            if let Some(text) = text.filter(|t| !is_blank(t)) {
                let value = serde_json::to_string(value).expect("JSON");
                self.fact(
                    &format!("{key} › enum {value} › description"),
                    &trim(text),
                    trail,
                );
            }
        }
        if !values.is_empty() {
            self.fact(&format!("{key} › type"), &Value::from("string"), trail);
        }
    }

    /// 3.0's boolean `exclusiveMinimum` beside `minimum` as 3.1's number.
    fn bounds(&mut self, key: &str, schema: &Value, trail: &Trail) {
        for (word, bound) in [
            ("exclusiveMinimum", "minimum"),
            ("exclusiveMaximum", "maximum"),
        ] {
            let value = match &schema[word] {
                Value::Bool(true) => schema[bound].clone(),
                Value::Number(n) => Value::Number(n.clone()),
                _ => continue,
            };
            self.fact(&format!("{key} › {word}"), &value, &step(trail, word));
        }
    }

    fn members(&mut self, key: &str, schema: &Value, trail: &Trail, seen: &mut Vec<String>) {
        let required: BTreeSet<&str> = list(schema, "required")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let properties = schema.get("properties").and_then(Value::as_object);
        let undescribed = required
            .iter()
            .filter(|name| properties.is_none_or(|p| !p.contains_key(**name)));
        for name in undescribed {
            let at = step(trail, "required");
            self.fact(
                &format!("{key} › .{name} › required"),
                &Value::Bool(true),
                &at,
            );
        }
        for (name, member) in properties.into_iter().flatten() {
            let member_key = format!("{key} › .{name}");
            let at = step(&step(trail, "properties"), name);
            if required.contains(name.as_str()) {
                self.fact(&format!("{member_key} › required"), &Value::Bool(true), &at);
            }
            self.schema(&member_key, member, &at, seen);
        }
        if let Some(items) = schema.get("items") {
            self.schema(&format!("{key} › []"), items, &step(trail, "items"), seen);
        }
        match schema.get("additionalProperties") {
            Some(Value::Bool(false)) => {
                let at = step(trail, "additionalProperties");
                self.fact(&format!("{key} › closed"), &Value::Bool(true), &at)
            }
            Some(value @ Value::Object(_)) => {
                let at = step(trail, "additionalProperties");
                self.schema(&format!("{key} › {{}}"), value, &at, seen)
            }
            _ => {}
        }
    }
}

/// An alternative written in place without what makes it allow `null` (3.0's `nullable`,
/// 3.1's `null` among its types), and whether it did.
fn without_null(schema: &Value) -> (Value, bool) {
    let mut schema = schema.clone();
    let Some(map) = schema.as_object_mut().filter(|m| !m.contains_key("$ref")) else {
        return (schema, false);
    };
    let mut nullable = map.remove("nullable") == Some(Value::Bool(true));
    if let Some(Value::Array(types)) = map.get_mut("type") {
        let before = types.len();
        types.retain(|t| t != "null");
        nullable |= types.len() < before;
    }
    (schema, nullable)
}

/// Whether a keyword constrains values of the schema's type (JSON Schema ignores `minItems`
/// on a string, say): always when the type is not given.
fn applies(word: &str, schema: &Value) -> bool {
    let family: &[&str] = match word {
        "minLength" | "maxLength" | "pattern" => &["string"],
        "minimum" | "maximum" | "multipleOf" => &["integer", "number"],
        "minItems" | "maxItems" | "uniqueItems" => &["array"],
        "minProperties" | "maxProperties" => &["object"],
        _ => return true,
    };
    match &schema["type"] {
        Value::String(one) => family.contains(&one.as_str()),
        Value::Array(many) => many
            .iter()
            .any(|t| t.as_str().is_some_and(|t| family.contains(&t))),
        _ => true,
    }
}

/// A `null` alternative: 3.1's `type: null`, or 3.0's `enum: [null]`.
fn is_null(schema: &Value) -> bool {
    schema["type"] == "null" || list(schema, "enum") == [Value::Null]
}

/// Alternatives that each allow one text (`enum` of one, or `const`): one enumeration, each
/// value with its alternative's description.
fn one_value_each<'v>(
    alternatives: &[(usize, &'v Value)],
) -> Option<Vec<(&'v Value, Option<&'v Value>)>> {
    let one = |schema: &'v Value| match (list(schema, "enum"), schema.get("const")) {
        ([value], None) | ([], Some(value)) if value.is_string() => Some(value),
        _ => None,
    };
    let values: Option<Vec<_>> = alternatives
        .iter()
        .map(|(_, schema)| one(schema).map(|value| (value, schema.get("description"))))
        .collect();
    values.filter(|values| !values.is_empty())
}

fn list<'v>(schema: &'v Value, word: &str) -> &'v [Value] {
    schema
        .get(word)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn is_blank(value: &Value) -> bool {
    value.as_str().is_some_and(|text| text.trim().is_empty())
}

fn has_text(value: &Value) -> bool {
    value.as_str().is_some_and(|text| !text.trim().is_empty())
}

/// Texts compared without the whitespace around them or at the ends of their lines.
fn trim(value: &Value) -> Value {
    match value.as_str() {
        Some(text) => {
            let lines: Vec<&str> = text.trim().lines().map(str::trim_end).collect();
            Value::from(lines.join("\n"))
        }
        None => value.clone(),
    }
}

/// A label for each alternative of a union that does not depend on their order (`oneOf` has
/// none): the value of its tag where a member has one text only, else its type and member
/// names; numbered where two alternatives share one.
fn alternative_labels(schemas: &[&Value]) -> Vec<String> {
    let mut labels: Vec<String> = Vec::new();
    for schema in schemas {
        let base = tag_label(schema).unwrap_or_else(|| shape_label(schema));
        let before = labels
            .iter()
            .filter(|l| l.split('#').next() == Some(base.as_str()))
            .count();
        labels.push(if before == 0 {
            base
        } else {
            format!("{base}#{before}")
        });
    }
    labels
}

/// `member=text` for the first member (by name) that holds one text only, in the schema or
/// in an inline part of its `allOf`.
fn tag_label(schema: &Value) -> Option<String> {
    let parts = std::iter::once(schema).chain(list(schema, "allOf"));
    let mut tags: Vec<String> = parts
        .filter_map(|part| part.get("properties").and_then(Value::as_object))
        .flatten()
        .filter_map(|(member, property)| {
            let only = match (property.get("const"), property.get("enum")) {
                (Some(Value::String(text)), _) => Some(text.as_str()),
                (_, Some(Value::Array(values))) if values.len() == 1 => values[0].as_str(),
                _ => None,
            }?;
            Some(format!("{member}={only}"))
        })
        .collect();
    tags.sort();
    tags.into_iter().next()
}

/// The type, pattern and sorted member names: `object{id,name}`, `string/^[a-z]+${}`.
fn shape_label(schema: &Value) -> String {
    let ty = match &schema["type"] {
        Value::String(one) => one.clone(),
        Value::Array(many) => many
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("/"),
        _ if schema.get("properties").is_some() => "object".into(),
        _ if schema.get("items").is_some() => "array".into(),
        _ => String::new(),
    };
    let mut members: Vec<&str> = schema
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().map(String::as_str).collect())
        .unwrap_or_default();
    members.sort_unstable();
    // A format is not part of it: an export may add one (`int64`) the source left out.
    let pattern = schema.get("pattern").and_then(Value::as_str);
    let pattern = pattern.map(|p| format!("/{p}")).unwrap_or_default();
    format!("{ty}{pattern}{{{}}}", members.join(","))
}
