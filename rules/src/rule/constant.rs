//! `const`: a value is one given value (a text, a number or a boolean), as JSON Schema's
//! `const` says; numbers compare by value, so `3.0` is `3`.

use std::borrow::Cow;

use crate::{Definition, Derive, Kind, NumberValue, Subject};

pub(crate) const RULE: Definition = Definition {
    key: "const",
    kind: Kind::Constant { holds, message },
    openapi: "const",
    openapi_on_map: None,
    derive: Derive::Assign,
    at_most: None,
};

/// The one value a `const` allows.
#[derive(Debug, Clone, PartialEq)]
pub enum Constant {
    /// A text (`Cow`, so generated code names one without allocating).
    Text(Cow<'static, str>),
    /// A number.
    Number(NumberValue),
    /// A boolean.
    Bool(bool),
}

impl Constant {
    /// The value as JSON writes it.
    pub fn to_json(&self) -> Option<serde_json::Value> {
        match self {
            Constant::Text(text) => Some(serde_json::Value::String(text.to_string())),
            Constant::Number(number) => number.to_json().map(serde_json::Value::Number),
            Constant::Bool(b) => Some(serde_json::Value::Bool(*b)),
        }
    }
}

impl std::fmt::Display for Constant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Constant::Text(text) => write!(f, "`{text}`"),
            Constant::Number(number) => number.fmt(f),
            Constant::Bool(b) => b.fmt(f),
        }
    }
}

fn holds(value: Subject<'_>, constant: &Constant) -> bool {
    match (value, constant) {
        (Subject::Text(text), Constant::Text(expected)) => text == expected,
        (Subject::Number(number), Constant::Number(expected)) => {
            number.at_least(*expected) && number.at_most(*expected)
        }
        (Subject::Bool(b), Constant::Bool(expected)) => b == *expected,
        _ => false,
    }
}

fn message(constant: &Constant) -> String {
    format!("must be {constant}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_one_value_holds() {
        let attached = Constant::Text(Cow::Borrowed("attached"));
        assert!(holds(Subject::Text("attached"), &attached));
        assert!(!holds(Subject::Text("Attached"), &attached));
        let three = Constant::Number(NumberValue::Int(3));
        assert!(holds(Subject::Number(NumberValue::Float(3.0)), &three));
        assert!(!holds(Subject::Number(NumberValue::Int(4)), &three));
        assert!(holds(Subject::Bool(true), &Constant::Bool(true)));
        assert!(!holds(Subject::Text("true"), &Constant::Bool(true)));
        assert_eq!(message(&attached), "must be `attached`");
        assert_eq!(message(&three), "must be 3");
    }
}
