//! The table of rules: every constraint a spec or `#[validate(...)]` can state, declared once.
//!
//! The generator reads it to parse, check and export constraints and to check the docs'
//! examples; the derive reads it to parse `#[validate(...)]`; the runtime reads it to check
//! values. Each rule's test and message live in its own file under `rule/`.
//!
//! Adding a rule takes a variant of [`Rule`], its row in [`Rule::definition`] and in
//! [`Rule::ALL`], and its file under `rule/`; every reader picks it up from here.

use crate::rule::constant::Constant;
use crate::{Format, NumberValue, Pattern, rule};

/// A constraint on a value, in the order rules are written and run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// A text has at least so many characters.
    MinLength,
    /// A text has at most so many characters.
    MaxLength,
    /// A text matches a regular expression.
    Pattern,
    /// A text is in a named format.
    Format,
    /// A number is at least a bound.
    Minimum,
    /// A number is at most a bound.
    Maximum,
    /// A collection has at least so many items.
    MinItems,
    /// A collection has at most so many items.
    MaxItems,
    /// A list holds no item twice.
    UniqueItems,
    /// A value is one given value.
    Const,
}

/// What one rule is, in every place it shows.
#[derive(Debug)]
pub struct Definition {
    /// The key in a spec (`max_length: 20`), the name in `#[validate(max_length = 20)]` unless
    /// [`Definition::derive`] says otherwise, and the code of its violations.
    pub key: &'static str,
    /// What the rule looks at and how it decides.
    pub kind: Kind,
    /// The JSON Schema keyword.
    pub openapi: &'static str,
    /// The JSON Schema keyword on a map (a JSON object), where it differs.
    pub openapi_on_map: Option<&'static str>,
    /// How `#[validate(...)]` writes it.
    pub derive: Derive,
    /// A rule whose limit this one's may not exceed (`min_length` ≤ `max_length`).
    pub at_most: Option<Rule>,
}

/// What a rule looks at, its test and its message. A test answers whether the value keeps
/// the rule; a message states the rule and its limit, never the value.
#[derive(Debug)]
pub enum Kind {
    /// The characters (Unicode scalar values) of a text, against a count.
    Length {
        /// Whether the text keeps the rule.
        holds: fn(&str, u64) -> bool,
        /// The message for a text that does not.
        message: fn(u64) -> String,
    },
    /// The items of a collection, against a count.
    Items {
        /// Whether a collection of this many items keeps the rule.
        holds: fn(usize, u64) -> bool,
        /// The message for one that does not.
        message: fn(u64) -> String,
    },
    /// A number, against a bound.
    Number {
        /// Whether the number keeps the rule.
        holds: fn(NumberValue, NumberValue) -> bool,
        /// The message for one that does not.
        message: fn(NumberValue) -> String,
    },
    /// A text, against a regular expression.
    Pattern {
        /// Whether the text keeps the rule.
        holds: fn(&str, &Pattern) -> bool,
        /// The message for a text that does not, given the pattern as written.
        message: fn(&str) -> String,
    },
    /// A text, against a named format.
    Format {
        /// Whether the text keeps the rule.
        holds: fn(&str, Format) -> bool,
        /// The message for a text that does not.
        message: fn(Format) -> String,
    },
    /// The items of a list, each as its canonical JSON text, against one another.
    Distinct {
        /// Whether no text is there twice.
        holds: fn(&[String]) -> bool,
        /// The message for a list that has an item twice.
        message: fn() -> String,
    },
    /// A text, number or boolean, against the one value allowed.
    Constant {
        /// Whether the value keeps the rule.
        holds: fn(Subject<'_>, &Constant) -> bool,
        /// The message for a value that does not.
        message: fn(&Constant) -> String,
    },
}

/// How `#[validate(...)]` writes a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Derive {
    /// `key = limit`.
    Assign,
    /// One bound of `range(min = …, max = …)`, with its name there.
    Range(&'static str),
    /// The format's own word, bare: `email`, `uuid`, `date_time`.
    FormatWord,
}

/// A rule's limit: a count, a bound, a pattern or a format.
#[derive(Debug, Clone, PartialEq)]
pub enum Limit {
    /// A number of characters or items.
    Count(u64),
    /// A numeric bound.
    Number(NumberValue),
    /// A compiled pattern.
    Pattern(Pattern),
    /// A format.
    Format(Format),
    /// No item twice (`unique_items: true`).
    Distinct,
    /// The one value allowed.
    Constant(Constant),
}

/// A value as a rule sees it.
#[derive(Debug, Clone, Copy)]
pub enum Subject<'a> {
    /// A text.
    Text(&'a str),
    /// A collection of this many items.
    Items(usize),
    /// A list's items, each as its canonical JSON text.
    ItemTexts(&'a [String]),
    /// A number.
    Number(NumberValue),
    /// A boolean.
    Bool(bool),
}

impl Rule {
    /// Every rule, in order.
    pub const ALL: [Rule; 10] = [
        Rule::MinLength,
        Rule::MaxLength,
        Rule::Pattern,
        Rule::Format,
        Rule::Minimum,
        Rule::Maximum,
        Rule::MinItems,
        Rule::MaxItems,
        Rule::UniqueItems,
        Rule::Const,
    ];

    /// The table's row for this rule.
    pub const fn definition(self) -> &'static Definition {
        match self {
            Rule::MinLength => &rule::min_length::RULE,
            Rule::MaxLength => &rule::max_length::RULE,
            Rule::Pattern => &rule::pattern::RULE,
            Rule::Format => &rule::format::RULE,
            Rule::Minimum => &rule::minimum::RULE,
            Rule::Maximum => &rule::maximum::RULE,
            Rule::MinItems => &rule::min_items::RULE,
            Rule::MaxItems => &rule::max_items::RULE,
            Rule::UniqueItems => &rule::unique_items::RULE,
            Rule::Const => &rule::constant::RULE,
        }
    }

    /// The rule's key in specs, and the code of its violations.
    pub const fn key(self) -> &'static str {
        self.definition().key
    }

    /// The rule a spec key names.
    pub fn from_key(key: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|rule| rule.key() == key)
    }

    /// What the rule looks at and how it decides.
    pub const fn kind(self) -> &'static Kind {
        &self.definition().kind
    }

    /// The JSON Schema keyword, on a map or on anything else.
    pub fn openapi_keyword(self, on_map: bool) -> &'static str {
        let definition = self.definition();
        match definition.openapi_on_map {
            Some(keyword) if on_map => keyword,
            _ => definition.openapi,
        }
    }

    /// How the rule reads in `#[validate(...)]`, for messages: `max_length`, `range(min)`,
    /// `email`.
    pub fn derive_name(self, limit: Option<&Limit>) -> String {
        match (self.definition().derive, limit) {
            (Derive::Assign, _) => self.key().to_owned(),
            (Derive::Range(bound), _) => format!("range({bound})"),
            (Derive::FormatWord, Some(Limit::Format(format))) => format.derive_name().to_owned(),
            (Derive::FormatWord, _) => self.key().to_owned(),
        }
    }

    /// Whether `value` keeps the rule with `limit`; `None` where the rule does not look at
    /// such a value (a length on a number) or the limit is not of its kind.
    pub fn holds(self, value: Subject<'_>, limit: &Limit) -> Option<bool> {
        match (self.kind(), value, limit) {
            (Kind::Length { holds, .. }, Subject::Text(text), Limit::Count(n)) => {
                Some(holds(text, *n))
            }
            (Kind::Items { holds, .. }, Subject::Items(count), Limit::Count(n)) => {
                Some(holds(count, *n))
            }
            (Kind::Number { holds, .. }, Subject::Number(number), Limit::Number(bound)) => {
                Some(holds(number, *bound))
            }
            (Kind::Pattern { holds, .. }, Subject::Text(text), Limit::Pattern(pattern)) => {
                Some(holds(text, pattern))
            }
            (Kind::Format { holds, .. }, Subject::Text(text), Limit::Format(format)) => {
                Some(holds(text, *format))
            }
            (Kind::Distinct { holds, .. }, Subject::ItemTexts(texts), Limit::Distinct) => {
                Some(holds(texts))
            }
            (Kind::Constant { holds, .. }, value, Limit::Constant(constant)) => {
                Some(holds(value, constant))
            }
            _ => None,
        }
    }

    /// The message for a value that breaks the rule with `limit`; `None` where the limit is
    /// not of the rule's kind.
    pub fn message(self, limit: &Limit) -> Option<String> {
        match (self.kind(), limit) {
            (Kind::Length { message, .. } | Kind::Items { message, .. }, Limit::Count(n)) => {
                Some(message(*n))
            }
            (Kind::Number { message, .. }, Limit::Number(bound)) => Some(message(*bound)),
            (Kind::Pattern { message, .. }, Limit::Pattern(pattern)) => {
                Some(message(pattern.as_str()))
            }
            (Kind::Format { message, .. }, Limit::Format(format)) => Some(message(*format)),
            (Kind::Distinct { message, .. }, Limit::Distinct) => Some(message()),
            (Kind::Constant { message, .. }, Limit::Constant(constant)) => Some(message(constant)),
            _ => None,
        }
    }
}

impl Limit {
    /// Whether this limit is above `other`, for a lower limit that must not exceed its upper
    /// one; limits of different kinds are never compared.
    pub fn exceeds(&self, other: &Limit) -> bool {
        match (self, other) {
            (Limit::Count(low), Limit::Count(high)) => low > high,
            (Limit::Number(low), Limit::Number(high)) => !low.at_most(*high),
            _ => false,
        }
    }

    /// The limit as JSON Schema writes it.
    pub fn to_json(&self) -> Option<serde_json::Value> {
        match self {
            Limit::Count(n) => Some((*n).into()),
            Limit::Number(bound) => bound.to_json().map(serde_json::Value::Number),
            Limit::Pattern(pattern) => Some(pattern.as_str().into()),
            Limit::Format(format) => Some(format.as_str().into()),
            Limit::Distinct => Some(true.into()),
            Limit::Constant(constant) => constant.to_json(),
        }
    }
}

impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Limit::Count(n) => n.fmt(f),
            Limit::Number(bound) => bound.fmt(f),
            Limit::Pattern(pattern) => f.write_str(pattern.as_str()),
            Limit::Format(format) => f.write_str(format.as_str()),
            Limit::Distinct => f.write_str("true"),
            Limit::Constant(constant) => constant.fmt(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_in_the_list_once_and_in_order() {
        let mut sorted = Rule::ALL;
        sorted.sort();
        assert_eq!(sorted, Rule::ALL);
        for rule in Rule::ALL {
            assert_eq!(Rule::from_key(rule.key()), Some(rule));
        }
    }

    #[test]
    fn lower_limits_name_an_upper_limit_of_their_kind() {
        for rule in Rule::ALL {
            if let Some(upper) = rule.definition().at_most {
                assert_eq!(
                    std::mem::discriminant(rule.kind()),
                    std::mem::discriminant(upper.kind()),
                    "{rule:?}"
                );
            }
        }
    }

    #[test]
    fn a_limit_of_another_kind_is_no_answer() {
        let count = Limit::Count(3);
        assert_eq!(Rule::MaxLength.holds(Subject::Items(5), &count), None);
        assert_eq!(Rule::Minimum.message(&count), None);
        assert_eq!(Rule::MaxItems.holds(Subject::Items(4), &count), Some(false));
    }
}
