//! `min_items`: a list or map has at least so many items.

use super::{counted, widen};
use crate::{Definition, Derive, Kind, Rule};

pub(crate) const RULE: Definition = Definition {
    key: "min_items",
    kind: Kind::Items { holds, message },
    openapi: "minItems",
    openapi_on_map: Some("minProperties"),
    derive: Derive::Assign,
    at_most: Some(Rule::MaxItems),
};

fn holds(count: usize, limit: u64) -> bool {
    widen(count) >= limit
}

fn message(limit: u64) -> String {
    format!("must have at least {}", counted(limit, "item"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_the_limit_holds() {
        assert!(holds(1, 1) && !holds(0, 1));
        assert_eq!(message(1), "must have at least 1 item");
    }
}
