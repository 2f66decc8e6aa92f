//! `unique_items`: a list holds no item twice (JSON Schema's `uniqueItems: true`).
//!
//! Items are compared as their canonical JSON texts (what the generated types write: members
//! in a fixed order, numbers as their type writes them), sorted, so a list of n items takes
//! n log n comparisons however hostile it is.

use crate::{Definition, Derive, Kind};

pub(crate) const RULE: Definition = Definition {
    key: "unique_items",
    kind: Kind::Distinct { holds, message },
    openapi: "uniqueItems",
    openapi_on_map: None,
    derive: Derive::Assign,
    at_most: None,
};

fn holds(texts: &[String]) -> bool {
    let mut sorted: Vec<&str> = texts.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    sorted.windows(2).all(|pair| pair[0] != pair[1])
}

fn message() -> String {
    "must not hold the same item twice".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_twice_anywhere_breaks_it() {
        let texts = |items: &[&str]| items.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>();
        assert!(holds(&texts(&["1", "2", "3"])) && holds(&[]));
        assert!(!holds(&texts(&["\"a\"", "{\"b\":1}", "\"a\""])));
        assert_eq!(message(), "must not hold the same item twice");
    }
}
