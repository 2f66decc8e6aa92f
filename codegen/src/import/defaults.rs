//! A schema's `default`, read as the value its author meant where the document writes it in
//! another JSON type: `"10"` for an integer is 10, `5` for a text is `"5"`, `"true"` for a
//! boolean is `true`, one value for a list is a list of it, and `null` where the value cannot
//! be null says there is none. Each such reading is a note; a default that still does not fit
//! its schema is refused by the check and reported there.

use specgen_rules::{NumberValue, Numeric};

use super::Importer;
use super::json::Value;
use super::source::At;

impl Importer<'_> {
    /// `default` as a value of the type expression `ty`, where the document writes it as
    /// another JSON type; `None` where it says there is no default.
    pub(super) fn read_default(
        &mut self,
        default: &Value,
        ty: &str,
        nullable: bool,
        at: &At,
    ) -> Option<Value> {
        if default.is_null() && !nullable {
            let what = "a `default` of null where the value cannot be null: there is none";
            self.gaps.note(&at.child("default"), "default", what);
            return None;
        }
        let Some(read) = as_type(default, ty) else {
            return Some(default.clone());
        };
        let what = format!(
            "the `default` {} read as the `{ty}` {}",
            default.to_json(),
            read.to_json()
        );
        self.gaps.note(&at.child("default"), "default", what);
        Some(read)
    }
}

/// `value` written as the type `ty`, where it is written as another JSON type and reads
/// unambiguously as one of `ty`; `None` where it is already of that type or does not read.
fn as_type(value: &Value, ty: &str) -> Option<Value> {
    if let Some(item) = ty.strip_prefix("list<").and_then(|t| t.strip_suffix('>')) {
        return match value {
            Value::Array(_) | Value::Null => None,
            one => Some(Value::Array(vec![
                as_type(one, item).unwrap_or(one.clone()),
            ])),
        };
    }
    match (value, ty) {
        (Value::String(text), "boolean") => match text.as_str() {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
        (Value::Number(n), "string") => Some(Value::String(n.to_string())),
        (Value::Bool(b), "string") => Some(Value::String(b.to_string())),
        (Value::String(text), _) => number(text.trim(), Numeric::from_name(ty)?),
        _ => None,
    }
}

/// `text` as a number of `numeric`, where it is one the type holds.
fn number(text: &str, numeric: Numeric) -> Option<Value> {
    let value = if numeric.is_integer() {
        NumberValue::Int(text.parse::<i128>().ok()?)
    } else {
        let float = text.parse::<f64>().ok().filter(|f| f.is_finite())?;
        match text.parse::<i64>() {
            Ok(whole) => NumberValue::Int(whole.into()),
            Err(_) => NumberValue::Float(float),
        }
    };
    if !numeric.holds(value) {
        return None;
    }
    value.to_json().map(Value::Number)
}
