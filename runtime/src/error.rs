//! What a failed validation reports: every violation, each with its JSON pointer.

use std::fmt;

use serde::Serialize;

pub use specgen_rules::Code;

use crate::path::Path;

/// One broken rule: where, which rule, its limit, and a message.
///
/// The message states the rule and its limit, never the offending value, because the
/// value may be a secret (a password, a token) and errors end up in logs and responses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    /// RFC 6901 JSON pointer to the value, using wire (serialized) names.
    pub pointer: String,
    /// A stable, machine-readable name of the broken rule.
    pub code: Code,
    /// The rule's limit (a length, a bound, a pattern or a format), when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<Limit>,
    /// A human-readable explanation that never contains the value.
    pub message: String,
}

/// The limit of a broken rule, serialized as the bare value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Limit {
    /// A length or item count.
    Length(u64),
    /// A numeric bound.
    Number(serde_json::Number),
    /// A regular expression, as written in the spec.
    Pattern(&'static str),
    /// A format name: `"email"`, `"uuid"`, `"date-time"`.
    Format(&'static str),
    /// The one value allowed (`const`).
    Constant(serde_json::Value),
}

/// Every violation found in one value, in the order they were found.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct ValidationErrors(Vec<Violation>);

impl ValidationErrors {
    /// No violations yet; does not allocate.
    pub const fn new() -> Self {
        ValidationErrors(Vec::new())
    }

    /// Records a violation.
    pub fn push(&mut self, violation: Violation) {
        self.0.push(violation);
    }

    /// Records a violation at `path`, rendering its pointer.
    pub fn add(
        &mut self,
        path: &Path<'_>,
        code: Code,
        limit: Option<Limit>,
        message: impl Into<String>,
    ) {
        self.push(Violation {
            pointer: path.to_string(),
            code,
            limit,
            message: message.into(),
        });
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many violations were found.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The violations, in the order they were found.
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.0.iter()
    }

    /// The violations, in the order they were found.
    pub fn violations(&self) -> &[Violation] {
        &self.0
    }

    /// `Ok(())` when nothing was found, otherwise `Err(self)`.
    pub fn into_result(self) -> Result<(), Self> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }
}

impl IntoIterator for ValidationErrors {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a ValidationErrors {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl Extend<Violation> for ValidationErrors {
    fn extend<I: IntoIterator<Item = Violation>>(&mut self, iter: I) {
        self.0.extend(iter);
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} [{}]", self.pointer, self.message, self.code)
    }
}

impl fmt::Display for ValidationErrors {
    /// One `pointer: message [code]` line per violation.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, violation) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            violation.fmt(f)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_codes_and_limits_as_bare_values() {
        let mut errors = ValidationErrors::new();
        let root = Path::root();
        errors.add(
            &root.field("name"),
            Code::Rule(specgen_rules::Rule::MaxLength),
            Some(Limit::Length(20)),
            "must be at most 20 characters",
        );
        errors.add(&root, Code::Custom("weekday"), None, "must be a weekday");
        let json = serde_json::to_value(&errors).expect("serializable");
        assert_eq!(
            json,
            serde_json::json!([
                {"pointer": "/name", "code": "max_length", "limit": 20, "message": "must be at most 20 characters"},
                {"pointer": "", "code": "weekday", "message": "must be a weekday"},
            ])
        );
        assert_eq!(
            errors.to_string(),
            "/name: must be at most 20 characters [max_length]\n: must be a weekday [weekday]"
        );
    }

    #[test]
    fn into_result() {
        assert_eq!(ValidationErrors::new().into_result(), Ok(()));
        let mut errors = ValidationErrors::new();
        errors.add(&Path::root(), Code::Enum, None, "x");
        assert_eq!(errors.clone().into_result(), Err(errors));
    }
}
