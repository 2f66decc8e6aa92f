//! `minimum`: a number is at least a bound (inclusive); NaN is never in range.

use crate::{Definition, Derive, Kind, NumberValue, Rule};

pub(crate) const RULE: Definition = Definition {
    key: "minimum",
    kind: Kind::Number { holds, message },
    openapi: "minimum",
    openapi_on_map: None,
    derive: Derive::Range("min"),
    at_most: Some(Rule::Maximum),
};

fn holds(value: NumberValue, bound: NumberValue) -> bool {
    value.at_least(bound)
}

fn message(bound: NumberValue) -> String {
    format!("must be at least {bound}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bound_is_inclusive() {
        assert!(holds(NumberValue::Int(-5), NumberValue::Int(-5)));
        assert!(!holds(NumberValue::Int(-6), NumberValue::Int(-5)));
        assert!(!holds(NumberValue::Float(f64::NAN), NumberValue::Int(0)));
        assert_eq!(message(NumberValue::Int(-5)), "must be at least -5");
    }
}
