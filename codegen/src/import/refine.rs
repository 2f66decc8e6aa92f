//! Whether one schema narrows another: every value the first accepts, the second accepts too.
//! `allOf` asks a value to fit each part, so where a member is described in two parts and one
//! description narrows the other (`items: {}` and `items: Pet`, a text and the same text with
//! an `enum`), the narrower one says all there is. The test is conservative: a `false` only
//! means the two could not be shown to nest.

use super::json::{Members, Value};
use super::source::{At, Sources};

/// How deep `items` and `properties` are followed.
const MAX_DEPTH: usize = 8;

/// Keywords that only document, or that say nothing of the values.
const SILENT: &[&str] = &[
    "title",
    "description",
    "externalDocs",
    "xml",
    "example",
    "examples",
    "$comment",
    "deprecated",
    "default",
    "readOnly",
    "discriminator",
];

/// Whether every value `narrow` accepts, `wide` accepts (references followed).
pub fn narrows(sources: &Sources, narrow: &Value, wide: &Value) -> bool {
    narrows_at(sources, narrow, wide, 0)
}

fn narrows_at(sources: &Sources, narrow: &Value, wide: &Value, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    let (Some(narrow), Some(wide)) = (said(sources, narrow), said(sources, wide)) else {
        return false;
    };
    if narrow == wide || wide.is_empty() {
        return true;
    }
    if narrow.get("nullable").is_some_and(Value::is_true)
        && !wide.get("nullable").is_some_and(Value::is_true)
    {
        return false;
    }
    // A value fits every part of an `allOf`: one part narrow enough makes the whole so.
    let parts = narrow.get("allOf").and_then(Value::as_array);
    if parts.is_some_and(|parts| {
        parts
            .iter()
            .any(|part| narrows_at(sources, part, &Value::Object(wide.clone()), depth + 1))
    }) {
        return true;
    }
    wide.iter()
        .all(|(key, rule)| keyword_narrows(sources, &narrow, key, rule, depth))
}

/// Whether `narrow` says `key` as strictly as `rule`, the wide schema's, says it.
fn keyword_narrows(
    sources: &Sources,
    narrow: &Members,
    key: &str,
    rule: &Value,
    depth: usize,
) -> bool {
    let mine = narrow.get(key);
    match key {
        "nullable" => true,
        "type" => mine == Some(rule) || untyped_fits(sources, narrow, rule, depth),
        "items" => mine.is_some_and(|m| narrows_at(sources, m, rule, depth + 1)),
        "enum" => match (mine.and_then(Value::as_array), rule.as_array()) {
            (Some(mine), Some(rule)) => mine.iter().all(|v| rule.contains(v)),
            _ => false,
        },
        "required" => match (mine.and_then(Value::as_array), rule.as_array()) {
            (Some(mine), Some(rule)) => rule.iter().all(|r| mine.contains(r)),
            _ => false,
        },
        "properties" => match (mine.and_then(Value::as_object), rule.as_object()) {
            (Some(mine), Some(rule)) => rule.iter().all(|(name, wide)| {
                mine.get(name)
                    .is_some_and(|m| narrows_at(sources, m, wide, depth + 1))
            }),
            _ => false,
        },
        _ if key.starts_with("x-") => true,
        _ => mine == Some(rule),
    }
}

/// A schema without `type` that still only holds values of `ty`: an `enum` of them; for an
/// object, one with members, or made of parts one of which is an object.
fn untyped_fits(sources: &Sources, narrow: &Members, ty: &Value, depth: usize) -> bool {
    if narrow.get("type").is_some() {
        return false;
    }
    match ty.as_str() {
        Some("object") => {
            let mut object = Members::default();
            object.insert("type", ty.clone());
            let object = Value::Object(object);
            narrow.get("properties").is_some()
                || narrow.get("additionalProperties").is_some()
                || narrow
                    .get("allOf")
                    .and_then(Value::as_array)
                    .is_some_and(|parts| {
                        parts
                            .iter()
                            .any(|part| narrows_at(sources, part, &object, depth + 1))
                    })
        }
        Some(ty) => narrow
            .get("enum")
            .and_then(Value::as_array)
            .is_some_and(|values| !values.is_empty() && values.iter().all(|v| is_of(v, ty))),
        None => false,
    }
}

/// Whether a JSON value is of the JSON Schema type `ty`.
fn is_of(value: &Value, ty: &str) -> bool {
    match value {
        Value::String(_) => ty == "string",
        Value::Bool(_) => ty == "boolean",
        Value::Number(n) => ty == "number" || ty == "integer" && (n.is_i64() || n.is_u64()),
        Value::Null => ty == "null",
        Value::Array(_) => ty == "array",
        Value::Object(_) => ty == "object",
    }
}

/// What a schema says of its values: its reference followed, without the keywords that say
/// nothing of them; `None` for a reference that names nothing or a schema that is no object.
fn said(sources: &Sources, schema: &Value) -> Option<Members> {
    let (resolved, _) = sources.resolve(schema, &At::root()).ok()?;
    let mut members = match resolved {
        Value::Bool(true) => Members::default(),
        Value::Object(members) => members.clone(),
        _ => return None,
    };
    for key in SILENT {
        members.remove(key);
    }
    if members.get("nullable").is_some_and(|n| !n.is_true()) {
        members.remove("nullable");
    }
    Some(members)
}
