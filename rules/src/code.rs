//! The stable names of broken rules, as violations carry them.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::Rule;

/// The rule a violation broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Code {
    /// A required member is missing.
    Required,
    /// The value has the wrong JSON type or does not fit the Rust type (e.g. int32 overflow).
    Type,
    /// The value is not one of the documented enum values.
    Enum,
    /// A constraint of the spec: its code is the rule's key (`max_length`).
    Rule(Rule),
    /// A rule defined by a custom validation function, named by it.
    Custom(&'static str),
    /// The document is not well-formed.
    Syntax,
}

impl Code {
    /// Every code specgen itself reports (all but [`Code::Custom`]), in a fixed order.
    pub fn built_in() -> impl Iterator<Item = Code> {
        let rules = Rule::ALL.into_iter().map(Code::Rule);
        [Code::Required, Code::Type, Code::Enum]
            .into_iter()
            .chain(rules)
            .chain([Code::Syntax])
    }

    /// The stable name of the code, as serialized: `"max_length"`, `"required"`, ...
    pub const fn as_str(&self) -> &'static str {
        match self {
            Code::Required => "required",
            Code::Type => "type",
            Code::Enum => "enum",
            Code::Rule(rule) => rule.key(),
            Code::Custom(name) => name,
            Code::Syntax => "syntax",
        }
    }
}

impl From<Rule> for Code {
    fn from(rule: Rule) -> Code {
        Code::Rule(rule)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_code_has_its_own_name() {
        let names: Vec<&str> = Code::built_in().map(|c| c.as_str()).collect();
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "{names:?}");
        assert_eq!(names.first(), Some(&"required"));
        assert!(names.contains(&"max_length") && names.contains(&"syntax"));
    }
}
