//! YAML text → [`Node`] tree, through serde-saphyr, which gives every value its line and column.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};

use super::limits::{self, MAX_FILE_BYTES};
use super::node::{Node, Value};
use crate::diagnostics::{Pos, Reporter};

/// Parse one file. A syntax error or a breached limit is reported (with its position) and
/// yields `None`.
pub fn parse(text: &str, report: &mut Reporter<'_>) -> Option<Node> {
    if text.len() > MAX_FILE_BYTES {
        too_large(text.len() as u64, report);
        return None;
    }
    let mut options = limits::options();
    // YAML 1.2 booleans only: an enum value `NO` or `off` stays a string.
    options.strict_booleans = true;
    options.with_snippet = false;
    match serde_saphyr::from_str_with_options::<Spanned<Raw>>(text, options) {
        Ok(root) => Some(convert(root)),
        Err(error) => {
            let error = error.without_snippet();
            let pos = error.location().map_or(Pos::FILE_START, |l| position(l, 1));
            let (message, help) = describe(error);
            report.error_help(pos, message, help);
            None
        }
    }
}

/// What went wrong, and how to fix it.
fn describe(error: &serde_saphyr::Error) -> (String, &'static str) {
    if let Some(breach) = limits::breach(error) {
        return breach;
    }
    if let serde_saphyr::Error::DuplicateMappingKey { key, .. } = error {
        let key = key
            .as_deref()
            .map(|k| format!(" `{k}`"))
            .unwrap_or_default();
        return (
            format!("duplicate key{key}: a map holds each key once"),
            "remove or rename one of the two entries",
        );
    }
    let message = error.to_string();
    // serde-saphyr appends "at line L, column C"; the position is already in front.
    let message = match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    };
    (
        format!("invalid YAML: {message}"),
        "fix the YAML syntax at this position",
    )
}

/// Reports a file over [`MAX_FILE_BYTES`] (`bytes` long).
pub fn too_large(bytes: u64, report: &mut Reporter<'_>) {
    report.error_help(
        Pos::FILE_START,
        format!("file is {bytes} bytes, more than the {MAX_FILE_BYTES}-byte limit for a spec"),
        "split the service into one file per endpoint",
    );
}

/// A diagnostic position: serde-saphyr leaves line and column 0 where it knows none.
fn position(location: Location, len: u32) -> Pos {
    Pos {
        line: (location.line() as u32).max(1),
        col: (location.column() as u32).max(1),
        len,
    }
}

fn convert(spanned: Spanned<Raw>) -> Node {
    let location = spanned.referenced;
    let pos = position(location, location.span().len() as u32);
    let value = match spanned.value {
        Raw::Null => Value::Null,
        Raw::Bool(b) => Value::Bool(b),
        Raw::Number(n) => Value::Number(n),
        Raw::Str(s) => Value::Str(s),
        Raw::Seq(items) => Value::Seq(items.into_iter().map(convert).collect()),
        Raw::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| (convert(k), convert(v)))
                .collect(),
        ),
    };
    Node { pos, value }
}

/// What serde-saphyr hands us: any YAML value, every child with its span.
enum Raw {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    Str(String),
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<Raw>, Spanned<Raw>)>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        Raw::deserialize(d)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Raw, E> {
        Ok(Raw::Number(n.into()))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Raw, E> {
        Ok(Raw::Number(n.into()))
    }
    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Raw, E> {
        serde_json::Number::from_f64(n)
            .map(Raw::Number)
            .ok_or_else(|| E::custom("a number must be finite"))
    }
    fn visit_str<E>(self, s: &str) -> Result<Raw, E> {
        Ok(Raw::Str(s.to_string()))
    }
    fn visit_string<E>(self, s: String) -> Result<Raw, E> {
        Ok(Raw::Str(s))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Raw::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key()? {
            entries.push((key, map.next_value()?));
        }
        Ok(Raw::Map(entries))
    }
}
