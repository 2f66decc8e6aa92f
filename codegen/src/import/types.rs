//! The named types an import writes: one per component schema (and per other schema a `$ref`
//! names), and one per inline object, enum or union, each with a unique name a person would
//! give it.

use std::collections::{BTreeMap, BTreeSet};

use super::source::At;
use super::yaml::Map;
use crate::check::camel;

/// A named type to write.
#[derive(Debug, Clone)]
pub struct Def {
    pub name: String,
    /// Where its schema is.
    pub at: At,
    pub yaml: Map,
    /// What was left out of it.
    pub comment: Option<String>,
}

/// Names a Rust module of generated code already uses, which a model type must not take.
const RESERVED: &[&str] = &[
    "String",
    "Vec",
    "Option",
    "Box",
    "Result",
    "Some",
    "None",
    "Ok",
    "Err",
    "BTreeMap",
    "Value",
    "Default",
    "Serialize",
    "Deserialize",
    "Validate",
    "Self_",
];

#[derive(Debug, Default)]
pub struct Types {
    /// The type expression a place's schema is written as: a named type, or `any`.
    by_place: BTreeMap<At, String>,
    taken: BTreeSet<String>,
    /// Component schemas named but not yet defined, and each one's place among them.
    pending: BTreeSet<At>,
    rank: BTreeMap<String, usize>,
    /// The definitions, in the order made.
    pub defs: Vec<Def>,
}

impl Types {
    /// A fresh type name from `wanted` (a component's name, or an inline type's place):
    /// CamelCase, not reserved, and unique (`Pet2` after `Pet`).
    pub fn unique_name(&mut self, wanted: &str) -> String {
        let base = camel(wanted);
        let base = if RESERVED.contains(&base.as_str()) {
            format!("{base}Type")
        } else {
            base
        };
        let mut name = base.clone();
        let mut n = 2;
        while self.taken.contains(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        self.taken.insert(name.clone());
        name
    }

    /// The type expression already chosen for the schema at `at`.
    pub fn at(&self, at: &At) -> Option<&str> {
        self.by_place.get(at).map(String::as_str)
    }

    /// Says the schema at `at` is written as `expression` (before it is defined, so
    /// references to it inside its own definition resolve).
    pub fn place(&mut self, at: &At, expression: &str) {
        self.by_place.insert(at.clone(), expression.to_owned());
    }

    /// Names the component schema at `at`, to be defined when first used (or at the end).
    pub fn reserve(&mut self, at: &At, name: &str) {
        self.place(at, name);
        self.pending.insert(at.clone());
        self.rank.insert(name.to_owned(), self.rank.len());
    }

    /// Whether the schema at `at` was reserved and is still to be defined; from now on it is
    /// not.
    pub fn take_pending(&mut self, at: &At) -> bool {
        self.pending.remove(at)
    }

    /// A component's place among the components, in document order.
    pub fn rank(&self, name: &str) -> Option<usize> {
        self.rank.get(name).copied()
    }

    /// Adds a definition.
    pub fn define(&mut self, def: Def) {
        self.defs.push(def);
    }

    /// The definition named `name`.
    pub fn def(&self, name: &str) -> Option<&Def> {
        self.defs.iter().find(|d| d.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_camel_case_unique_and_never_a_std_name() {
        let mut types = Types::default();
        assert_eq!(types.unique_name("pet"), "Pet");
        assert_eq!(types.unique_name("Pet"), "Pet2");
        assert_eq!(types.unique_name("string"), "StringType");
        assert_eq!(types.unique_name("io.k8s.api.Pod"), "IoK8sApiPod");
        assert_eq!(types.unique_name("200-response"), "V200Response");
    }
}
