//! How rules see a field: as text, a character count, an item count or a number.
//!
//! Rules are generic over these traits rather than over concrete types, so a rule on an
//! `Option<Option<String>>` or a `Box<Vec<T>>` field works unchanged; an absent value
//! (`None`) reports `None` and the rule skips it.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// A value whose length is counted in Unicode scalar values, like `max_length` counts.
#[diagnostic::on_unimplemented(
    message = "`max_length`/`min_length` apply to text, and `{Self}` is not text",
    label = "this rule needs a string field (or an Option/Box of one)"
)]
pub trait Chars {
    /// The number of `char`s, or `None` when the value is absent.
    fn char_count(&self) -> Option<usize>;

    /// Whether there are more than `limit` `char`s, or `None` when the value is absent.
    fn has_more_chars_than(&self, limit: usize) -> Option<bool> {
        self.char_count().map(|count| count > limit)
    }
}

/// A value that is text, for `pattern` and format rules.
#[diagnostic::on_unimplemented(
    message = "`pattern` and formats apply to text, and `{Self}` is not text",
    label = "this rule needs a string field (or an Option/Box of one)"
)]
pub trait Text {
    /// The text, or `None` when the value is absent.
    fn text(&self) -> Option<&str>;
}

/// A collection, for `min_items` and `max_items`.
#[diagnostic::on_unimplemented(
    message = "`min_items`/`max_items` apply to collections, and `{Self}` is not one",
    label = "this rule needs a list, set or map field (or an Option/Box of one)"
)]
pub trait Items {
    /// The number of items, or `None` when the value is absent.
    fn item_count(&self) -> Option<usize>;
}

/// A number, for `range`.
#[diagnostic::on_unimplemented(
    message = "`range` applies to numbers, and `{Self}` is not a number",
    label = "this rule needs a numeric field (or an Option/Box of one)"
)]
pub trait Number {
    /// The number, or `None` when the value is absent.
    fn number(&self) -> Option<NumberValue>;
}

/// A number as rules compare it: integers exactly, floats as `f64`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NumberValue {
    /// Any Rust integer up to 64 bits fits without loss.
    Int(i128),
    /// A floating-point number.
    Float(f64),
}

impl NumberValue {
    /// The value as JSON would carry it, for [`Limit::Number`](crate::Limit::Number).
    pub fn to_json(self) -> Option<serde_json::Number> {
        match self {
            NumberValue::Int(value) => i64::try_from(value)
                .map(serde_json::Number::from)
                .or_else(|_| u64::try_from(value).map(serde_json::Number::from))
                .ok()
                // Beyond 64 bits JSON numbers are approximate anyway.
                .or_else(|| serde_json::Number::from_f64(value as f64)),
            NumberValue::Float(value) => serde_json::Number::from_f64(value),
        }
    }

    fn as_f64(self) -> f64 {
        match self {
            NumberValue::Int(value) => value as f64,
            NumberValue::Float(value) => value,
        }
    }

    /// `self >= other`; NaN compares as out of every range.
    pub(crate) fn at_least(self, other: NumberValue) -> bool {
        match (self, other) {
            (NumberValue::Int(a), NumberValue::Int(b)) => a >= b,
            (a, b) => a.as_f64() >= b.as_f64(),
        }
    }

    /// `self <= other`; NaN compares as out of every range.
    pub(crate) fn at_most(self, other: NumberValue) -> bool {
        match (self, other) {
            (NumberValue::Int(a), NumberValue::Int(b)) => a <= b,
            (a, b) => a.as_f64() <= b.as_f64(),
        }
    }
}

impl std::fmt::Display for NumberValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NumberValue::Int(value) => value.fmt(f),
            NumberValue::Float(value) => value.fmt(f),
        }
    }
}

/// Implements a trait for the wrappers that forward to their content.
macro_rules! forward_wrappers {
    ($trait:ident, $method:ident, $out:ty $(, $limited:ident)?) => {
        impl<T: $trait + ?Sized> $trait for &T {
            fn $method(&self) -> Option<$out> {
                (**self).$method()
            }
            $(fn $limited(&self, limit: usize) -> Option<bool> {
                (**self).$limited(limit)
            })?
        }

        impl<T: $trait + ?Sized> $trait for Box<T> {
            fn $method(&self) -> Option<$out> {
                (**self).$method()
            }
            $(fn $limited(&self, limit: usize) -> Option<bool> {
                (**self).$limited(limit)
            })?
        }

        impl<T: $trait> $trait for Option<T> {
            fn $method(&self) -> Option<$out> {
                self.as_ref().and_then($trait::$method)
            }
            $(fn $limited(&self, limit: usize) -> Option<bool> {
                self.as_ref().and_then(|value| value.$limited(limit))
            })?
        }
    };
}

forward_wrappers!(Chars, char_count, usize, has_more_chars_than);
forward_wrappers!(Items, item_count, usize);
forward_wrappers!(Number, number, NumberValue);

// `Text` returns a borrow, so its wrappers are written out.
impl<T: Text + ?Sized> Text for &T {
    fn text(&self) -> Option<&str> {
        (**self).text()
    }
}

impl<T: Text + ?Sized> Text for Box<T> {
    fn text(&self) -> Option<&str> {
        (**self).text()
    }
}

impl<T: Text> Text for Option<T> {
    fn text(&self) -> Option<&str> {
        self.as_ref().and_then(Text::text)
    }
}

impl Text for str {
    fn text(&self) -> Option<&str> {
        Some(self)
    }
}

impl Text for String {
    fn text(&self) -> Option<&str> {
        Some(self)
    }
}

impl Text for Cow<'_, str> {
    fn text(&self) -> Option<&str> {
        Some(self)
    }
}

impl Chars for str {
    fn char_count(&self) -> Option<usize> {
        Some(self.chars().count())
    }

    /// Counts only text longer than `limit` bytes: a `char` takes at least one byte.
    fn has_more_chars_than(&self, limit: usize) -> Option<bool> {
        Some(self.len() > limit && self.chars().count() > limit)
    }
}

impl Chars for String {
    fn char_count(&self) -> Option<usize> {
        self.as_str().char_count()
    }

    fn has_more_chars_than(&self, limit: usize) -> Option<bool> {
        self.as_str().has_more_chars_than(limit)
    }
}

impl Chars for Cow<'_, str> {
    fn char_count(&self) -> Option<usize> {
        (**self).char_count()
    }

    fn has_more_chars_than(&self, limit: usize) -> Option<bool> {
        (**self).has_more_chars_than(limit)
    }
}

impl<T> Items for [T] {
    fn item_count(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl<T> Items for Vec<T> {
    fn item_count(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl<K, V> Items for BTreeMap<K, V> {
    fn item_count(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl<K, V, S> Items for HashMap<K, V, S> {
    fn item_count(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl<T> Items for BTreeSet<T> {
    fn item_count(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl<T, S> Items for HashSet<T, S> {
    fn item_count(&self) -> Option<usize> {
        Some(self.len())
    }
}

macro_rules! integers {
    ($($ty:ty),*) => {
        $(
            impl Number for $ty {
                fn number(&self) -> Option<NumberValue> {
                    Some(NumberValue::Int(i128::from(*self)))
                }
            }
        )*
    };
}

integers!(i8, i16, i32, i64, u8, u16, u32, u64);

impl Number for isize {
    fn number(&self) -> Option<NumberValue> {
        // isize is at most 64 bits on every supported target, so this is lossless.
        Some(NumberValue::Int(*self as i128))
    }
}

impl Number for usize {
    fn number(&self) -> Option<NumberValue> {
        Some(NumberValue::Int(*self as i128))
    }
}

impl Number for f32 {
    fn number(&self) -> Option<NumberValue> {
        Some(NumberValue::Float(f64::from(*self)))
    }
}

impl Number for f64 {
    fn number(&self) -> Option<NumberValue> {
        Some(NumberValue::Float(*self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrappers_forward_and_absent_is_none() {
        let nested: Option<Option<String>> = Some(Some("日本".to_owned()));
        assert_eq!(nested.char_count(), Some(2));
        assert_eq!(Some(None::<String>).char_count(), None);
        assert_eq!(Box::new(vec![1, 2, 3]).item_count(), Some(3));
        assert_eq!(Some(Box::new(-3_i32)).number(), Some(NumberValue::Int(-3)));
        assert_eq!(None::<&str>.text(), None);
    }

    #[test]
    fn comparisons_are_exact_for_integers() {
        let big = NumberValue::Int(i64::MAX as i128);
        let just_below = NumberValue::Int(i64::MAX as i128 - 1);
        assert!(!just_below.at_least(big));
        assert!(NumberValue::Float(1.5).at_least(NumberValue::Int(1)));
        assert!(!NumberValue::Float(f64::NAN).at_least(NumberValue::Int(0)));
        assert!(!NumberValue::Float(f64::NAN).at_most(NumberValue::Int(0)));
    }

    #[test]
    fn limits_convert_to_json_numbers() {
        assert_eq!(NumberValue::Int(-5).to_json(), Some((-5).into()));
        assert_eq!(
            NumberValue::Int(u64::MAX.into()).to_json(),
            Some(u64::MAX.into())
        );
        assert_eq!(
            NumberValue::Float(0.5).to_json(),
            serde_json::Number::from_f64(0.5)
        );
    }
}
