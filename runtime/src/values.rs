//! How rules see a field: as text, a character count, an item count or a number.
//!
//! Rules are generic over these traits rather than over concrete types, so a rule on an
//! `Option<Option<String>>` or a `Box<Vec<T>>` field works unchanged; an absent value
//! (`None`) reports `None` and the rule skips it.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

pub use specgen_rules::NumberValue;
use specgen_rules::Subject;

/// A value whose length is counted in Unicode scalar values, like `max_length` counts.
#[diagnostic::on_unimplemented(
    message = "`max_length`/`min_length` apply to text, and `{Self}` is not text",
    label = "this rule needs a string field (or an Option/Box of one)"
)]
pub trait Chars {
    /// The text whose characters are counted, or `None` when the value is absent.
    fn counted_text(&self) -> Option<&str>;
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

/// A list whose items can be compared, for `unique_items`: each item as its JSON text
/// (what serde writes for it, which is canonical for the generated types).
#[diagnostic::on_unimplemented(
    message = "`unique_items` applies to lists of serializable items, and `{Self}` is not one",
    label = "this rule needs a list field (or an Option/Box of one)"
)]
pub trait Distinct {
    /// Each item's JSON text, or `None` when the value is absent.
    fn item_texts(&self) -> Option<Vec<String>>;
}

impl<T: serde::Serialize> Distinct for [T] {
    fn item_texts(&self) -> Option<Vec<String>> {
        // An item serde cannot write is written as nothing: it still counts as an item.
        let text = |item: &T| serde_json::to_string(item).unwrap_or_default();
        Some(self.iter().map(text).collect())
    }
}

impl<T: serde::Serialize> Distinct for Vec<T> {
    fn item_texts(&self) -> Option<Vec<String>> {
        self.as_slice().item_texts()
    }
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

/// A text, number or boolean, for `const`.
#[diagnostic::on_unimplemented(
    message = "`const` applies to text, numbers and booleans, and `{Self}` is none of them",
    label = "this rule needs a string, number or boolean field (or an Option/Box of one)"
)]
pub trait Plain {
    /// The value as a rule sees it, or `None` when it is absent.
    fn plain(&self) -> Option<Subject<'_>>;
}

impl<T: Plain + ?Sized> Plain for &T {
    fn plain(&self) -> Option<Subject<'_>> {
        (**self).plain()
    }
}

impl<T: Plain + ?Sized> Plain for Box<T> {
    fn plain(&self) -> Option<Subject<'_>> {
        (**self).plain()
    }
}

impl<T: Plain> Plain for Option<T> {
    fn plain(&self) -> Option<Subject<'_>> {
        self.as_ref().and_then(Plain::plain)
    }
}

impl Plain for str {
    fn plain(&self) -> Option<Subject<'_>> {
        Some(Subject::Text(self))
    }
}

impl Plain for String {
    fn plain(&self) -> Option<Subject<'_>> {
        Some(Subject::Text(self))
    }
}

impl Plain for bool {
    fn plain(&self) -> Option<Subject<'_>> {
        Some(Subject::Bool(*self))
    }
}

/// Numbers are plain values as their [`Number`] view sees them.
macro_rules! plain_numbers {
    ($($ty:ty),*) => {
        $(
            impl Plain for $ty {
                fn plain(&self) -> Option<Subject<'_>> {
                    self.number().map(Subject::Number)
                }
            }
        )*
    };
}

plain_numbers!(i8, i16, i32, i64, u8, u16, u32, u64, isize, usize, f32, f64);

/// Implements a view for the wrappers that forward to their content.
macro_rules! forward_wrappers {
    ($trait:ident, $method:ident, $out:ty) => {
        impl<T: $trait + ?Sized> $trait for &T {
            fn $method(&self) -> Option<$out> {
                (**self).$method()
            }
        }

        impl<T: $trait + ?Sized> $trait for Box<T> {
            fn $method(&self) -> Option<$out> {
                (**self).$method()
            }
        }

        impl<T: $trait> $trait for Option<T> {
            fn $method(&self) -> Option<$out> {
                self.as_ref().and_then($trait::$method)
            }
        }
    };
}

/// Implements a text view (which returns a borrow) for the wrappers and the string types.
macro_rules! text_view {
    ($trait:ident, $method:ident) => {
        impl<T: $trait + ?Sized> $trait for &T {
            fn $method(&self) -> Option<&str> {
                (**self).$method()
            }
        }

        impl<T: $trait + ?Sized> $trait for Box<T> {
            fn $method(&self) -> Option<&str> {
                (**self).$method()
            }
        }

        impl<T: $trait> $trait for Option<T> {
            fn $method(&self) -> Option<&str> {
                self.as_ref().and_then($trait::$method)
            }
        }

        impl $trait for str {
            fn $method(&self) -> Option<&str> {
                Some(self)
            }
        }

        impl $trait for String {
            fn $method(&self) -> Option<&str> {
                Some(self)
            }
        }

        impl $trait for Cow<'_, str> {
            fn $method(&self) -> Option<&str> {
                Some(self)
            }
        }
    };
}

forward_wrappers!(Items, item_count, usize);
forward_wrappers!(Distinct, item_texts, Vec<String>);
forward_wrappers!(Number, number, NumberValue);
text_view!(Text, text);
text_view!(Chars, counted_text);

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
    /// The number its shortest decimal writes (as JSON carries it): `0.1_f32` is 0.1, not the
    /// 0.10000000149011612 it widens to, so it keeps a `maximum: 0.1`.
    fn number(&self) -> Option<NumberValue> {
        let decimal = self.to_string().parse().unwrap_or(f64::from(*self));
        Some(NumberValue::Float(decimal))
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
        assert_eq!(nested.counted_text(), Some("日本"));
        assert_eq!(Some(None::<String>).counted_text(), None);
        assert_eq!(Box::new(vec![1, 2, 3]).item_count(), Some(3));
        assert_eq!(Some(Box::new(-3_i32)).number(), Some(NumberValue::Int(-3)));
        assert_eq!(None::<&str>.text(), None);
        assert_eq!(0.1_f32.number(), Some(NumberValue::Float(0.1)));
        assert_eq!(f32::MAX.number(), Some(NumberValue::Float(3.402_823_5e38)));
    }
}
