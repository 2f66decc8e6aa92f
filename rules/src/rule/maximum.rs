//! `maximum`: a number is at most a bound (inclusive); NaN is never in range.

use crate::{Definition, Derive, Kind, NumberValue};

pub(crate) const RULE: Definition = Definition {
    key: "maximum",
    kind: Kind::Number { holds, message },
    openapi: "maximum",
    openapi_on_map: None,
    derive: Derive::Range("max"),
    at_most: None,
};

fn holds(value: NumberValue, bound: NumberValue) -> bool {
    value.at_most(bound)
}

fn message(bound: NumberValue) -> String {
    format!("must be at most {bound}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bound_is_inclusive() {
        assert!(holds(NumberValue::Float(2.5), NumberValue::Float(2.5)));
        assert!(!holds(
            NumberValue::Int(u64::MAX.into()),
            NumberValue::Int(i64::MAX.into())
        ));
        assert_eq!(message(NumberValue::Float(2.5)), "must be at most 2.5");
    }
}
