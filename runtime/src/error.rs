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

/// The violations found in one value, in the order they were found: the first
/// [`limit`](ValidationErrors::limit) of them kept, every one counted
/// ([`total`](ValidationErrors::total)).
///
/// A document can break a rule once per element (133,000 invalid emails in one list), so
/// what is kept is bounded: at most `limit` violations, and no more once those kept hold
/// [`KEPT_BYTES`](Self::KEPT_BYTES) of pointers and messages (the first is always kept). Past either bound a
/// violation is only counted, without rendering its pointer or message. Serialized, it is the
/// list of those kept.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidationErrors {
    kept: Vec<Violation>,
    /// Bytes of the pointers and messages kept.
    kept_bytes: usize,
    total: usize,
    limit: usize,
    /// Pointers whose values (and everything under them) are not the input's: what decoding
    /// put in place of a missing or unreadable member to read on. Nothing found there counts.
    ignored: Vec<String>,
}

impl Default for ValidationErrors {
    fn default() -> Self {
        Self::new()
    }
}

impl ValidationErrors {
    /// How many violations are kept unless told otherwise ([`ValidationErrors::with_limit`]);
    /// the generated servers' default too (`server::Config::max_errors`).
    pub const DEFAULT_LIMIT: usize = 100;

    /// The most bytes of pointers and messages kept (a pointer is as long as the keys the
    /// input chose): past them, violations are only counted.
    pub const KEPT_BYTES: usize = 64 * 1024;

    /// No violations yet, keeping at most [`DEFAULT_LIMIT`](Self::DEFAULT_LIMIT); does not
    /// allocate.
    pub const fn new() -> Self {
        Self::with_limit(Self::DEFAULT_LIMIT)
    }

    /// No violations yet, keeping at most `limit` of them (at least one); does not allocate.
    pub const fn with_limit(limit: usize) -> Self {
        ValidationErrors {
            kept: Vec::new(),
            kept_bytes: 0,
            total: 0,
            limit: if limit == 0 { 1 } else { limit },
            ignored: Vec::new(),
        }
    }

    /// Records a violation: kept while there is room, counted in any case.
    pub fn push(&mut self, violation: Violation) {
        if self.is_ignored(&violation.pointer) {
            return;
        }
        self.total += 1;
        if self.has_room() {
            self.kept_bytes += violation.pointer.len() + violation.message.len();
            self.kept.push(violation);
        }
    }

    /// Records a violation at `path`, rendering its pointer.
    pub fn add(
        &mut self,
        path: &Path<'_>,
        code: Code,
        limit: Option<Limit>,
        message: impl Into<String>,
    ) {
        self.add_with(path, code, || (limit, message.into()));
    }

    /// Records a violation at `path` whose limit and message `details` makes, calling it only
    /// when the violation is kept: past the bounds it is only counted.
    pub fn add_with(
        &mut self,
        path: &Path<'_>,
        code: Code,
        details: impl FnOnce() -> (Option<Limit>, String),
    ) {
        if !self.has_room() && self.ignored.is_empty() {
            self.total += 1;
            return;
        }
        let (limit, message) = details();
        self.push(Violation {
            pointer: path.to_string(),
            code,
            limit,
            message,
        });
    }

    /// Records every violation of `other`, those it only counted included.
    pub fn append(&mut self, other: ValidationErrors) {
        let uncounted = other.total - other.kept.len();
        for violation in other.kept {
            self.push(violation);
        }
        self.total += uncounted;
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// How many violations are kept.
    pub fn len(&self) -> usize {
        self.kept.len()
    }

    /// How many violations were found, those only counted included.
    pub fn total(&self) -> usize {
        self.total
    }

    /// The most violations kept.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// The violations kept, in the order they were found.
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.kept.iter()
    }

    /// The violations kept, in the order they were found.
    pub fn violations(&self) -> &[Violation] {
        &self.kept
    }

    /// `Ok(())` when nothing was found, otherwise `Err(self)`.
    pub fn into_result(self) -> Result<(), Self> {
        if self.is_empty() { Ok(()) } else { Err(self) }
    }

    /// Whether another violation is kept rather than only counted.
    fn has_room(&self) -> bool {
        self.kept.len() < self.limit && (self.kept.is_empty() || self.kept_bytes < Self::KEPT_BYTES)
    }

    /// From now on, nothing found at `pointer` or under it counts.
    pub(crate) fn ignore(&mut self, pointer: String) {
        self.ignored.push(pointer);
    }

    fn is_ignored(&self, pointer: &str) -> bool {
        self.ignored
            .iter()
            .any(|at| crate::path::is_at_or_under(pointer, at))
    }
}

impl Serialize for ValidationErrors {
    /// The violations kept, as a list.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.kept.serialize(serializer)
    }
}

impl IntoIterator for ValidationErrors {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.kept.into_iter()
    }
}

impl<'a> IntoIterator for &'a ValidationErrors {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.kept.iter()
    }
}

impl Extend<Violation> for ValidationErrors {
    fn extend<I: IntoIterator<Item = Violation>>(&mut self, iter: I) {
        iter.into_iter().for_each(|violation| self.push(violation));
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} [{}]", self.pointer, self.message, self.code)
    }
}

impl fmt::Display for ValidationErrors {
    /// One `pointer: message [code]` line per violation kept, and a last line counting those
    /// left out.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, violation) in self.kept.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            violation.fmt(f)?;
        }
        match self.total - self.kept.len() {
            0 => Ok(()),
            left_out => write!(f, "\n… and {left_out} more"),
        }
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
    fn keeps_the_first_violations_up_to_its_limit_and_counts_every_one() {
        let mut errors = ValidationErrors::with_limit(2);
        let root = Path::root();
        for i in 0..5 {
            errors.add(&root.index(i), Code::Enum, None, "x");
        }
        assert_eq!((errors.len(), errors.total()), (2, 5));
        assert_eq!(
            serde_json::to_value(&errors)
                .expect("json")
                .as_array()
                .map(Vec::len),
            Some(2)
        );
        let mut more = ValidationErrors::with_limit(10);
        more.add(&root, Code::Enum, None, "y");
        more.append(errors);
        assert_eq!((more.len(), more.total()), (3, 6));
    }

    #[test]
    fn keeps_no_more_than_its_bytes_of_pointers_but_always_the_first() {
        let mut errors = ValidationErrors::new();
        let key = "k".repeat(ValidationErrors::KEPT_BYTES);
        let root = Path::root();
        for i in 0..3 {
            errors.add(&root.field(&key).index(i), Code::Enum, None, "x");
        }
        assert_eq!((errors.len(), errors.total()), (1, 3));
    }

    #[test]
    fn into_result() {
        assert_eq!(ValidationErrors::new().into_result(), Ok(()));
        let mut errors = ValidationErrors::new();
        errors.add(&Path::root(), Code::Enum, None, "x");
        assert_eq!(errors.clone().into_result(), Err(errors));
    }
}
