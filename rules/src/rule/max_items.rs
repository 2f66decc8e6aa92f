//! `max_items`: a list or map has at most so many items.

use super::{counted, widen};
use crate::{Definition, Derive, Kind};

pub(crate) const RULE: Definition = Definition {
    key: "max_items",
    kind: Kind::Items { holds, message },
    openapi: "maxItems",
    openapi_on_map: Some("maxProperties"),
    derive: Derive::Assign,
    at_most: None,
};

fn holds(count: usize, limit: u64) -> bool {
    widen(count) <= limit
}

fn message(limit: u64) -> String {
    format!("must have at most {}", counted(limit, "item"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_the_limit_holds() {
        assert!(holds(2, 2) && !holds(3, 2));
        assert_eq!(message(2), "must have at most 2 items");
    }
}
