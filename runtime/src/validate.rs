//! The `Validate` trait and its implementations for standard containers and leaf types.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Display;
use std::hash::BuildHasher;

use crate::error::ValidationErrors;
use crate::path::Path;

/// A value that can check the constraints its spec declares.
///
/// Usually derived with `#[derive(Validate)]`; containers validate each element at its
/// own path, leaf types (strings, numbers, ...) have nothing to check by themselves.
pub trait Validate {
    /// Checks the whole value, returning every violation found.
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::new();
        self.validate_at(&Path::root(), &mut errors);
        errors.into_result()
    }

    /// Checks the value found at `path`, appending every violation to `errors`.
    fn validate_at(&self, path: &Path<'_>, errors: &mut ValidationErrors);
}

impl<T: Validate + ?Sized> Validate for &T {
    fn validate_at(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
        (**self).validate_at(path, errors);
    }
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    fn validate_at(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
        (**self).validate_at(path, errors);
    }
}

/// An absent value has nothing to check: whether it may be absent is the deserializer's job.
impl<T: Validate> Validate for Option<T> {
    fn validate_at(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
        if let Some(value) = self {
            value.validate_at(path, errors);
        }
    }
}

impl<T: Validate> Validate for [T] {
    fn validate_at(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
        for (index, item) in self.iter().enumerate() {
            item.validate_at(&path.index(index), errors);
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_at(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
        self.as_slice().validate_at(path, errors);
    }
}

/// Entries are checked in key order, so reports are deterministic.
impl<K: Display, V: Validate> Validate for BTreeMap<K, V> {
    fn validate_at(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
        for (key, value) in self {
            value.validate_at(&path.key(key), errors);
        }
    }
}

impl<K: Display, V: Validate, S: BuildHasher> Validate for HashMap<K, V, S> {
    fn validate_at(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
        for (key, value) in self {
            value.validate_at(&path.key(key), errors);
        }
    }
}

/// Leaf types: they carry no nested constraints, so `nested` on containers of them compiles.
macro_rules! no_nested_rules {
    ($($ty:ty),* $(,)?) => {
        $(
            impl Validate for $ty {
                #[inline]
                fn validate_at(&self, _path: &Path<'_>, _errors: &mut ValidationErrors) {}
            }
        )*
    };
}

no_nested_rules!(
    String,
    bytes::Bytes,
    str,
    bool,
    char,
    i8,
    i16,
    i32,
    i64,
    i128,
    isize,
    u8,
    u16,
    u32,
    u64,
    u128,
    usize,
    f64,
    (),
    uuid::Uuid,
    crate::Base64,
    serde_json::Value,
    serde_json::Map<String, serde_json::Value>,
);

/// An `f32` is the one number with something to check by itself: serde reads a JSON number
/// past its range as an infinity instead of failing, so here it is refused, as decoding
/// refuses an integer past its type's range.
impl Validate for f32 {
    fn validate_at(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
        if !self.is_finite() {
            let message = format!("expected {}", specgen_rules::Numeric::Float32.values());
            errors.add(path, crate::error::Code::Type, None, message);
        }
    }
}

/// A date or time that read as its type is in its format: nothing is left to check.
impl<T> Validate for crate::Rfc3339<T> {
    #[inline]
    fn validate_at(&self, _path: &Path<'_>, _errors: &mut ValidationErrors) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Code;

    struct AlwaysBad;

    impl Validate for AlwaysBad {
        fn validate_at(&self, path: &Path<'_>, errors: &mut ValidationErrors) {
            errors.add(path, Code::Custom("bad"), None, "is bad");
        }
    }

    fn pointers(errors: &ValidationErrors) -> Vec<&str> {
        errors.iter().map(|v| v.pointer.as_str()).collect()
    }

    #[test]
    fn containers_descend_with_segments() {
        let list = vec![AlwaysBad, AlwaysBad];
        let errors = list.validate().expect_err("two violations");
        assert_eq!(pointers(&errors), ["/0", "/1"]);

        let map = BTreeMap::from([
            ("b", Some(AlwaysBad)),
            ("a", None),
            ("c/d", Some(AlwaysBad)),
        ]);
        let errors = map.validate().expect_err("two violations");
        assert_eq!(pointers(&errors), ["/b", "/c~1d"]);

        let boxed: Box<[AlwaysBad]> = Box::new([AlwaysBad]);
        // Through the `&T` impl, as generic code holding a reference would call it.
        fn by_value<T: Validate>(value: T) -> Result<(), ValidationErrors> {
            value.validate()
        }
        let errors = by_value(&boxed).expect_err("one violation");
        assert_eq!(pointers(&errors), ["/0"]);
    }

    #[test]
    fn an_f32_past_its_range_is_refused() {
        assert_eq!(vec![f32::MAX, -f32::MAX, 0.1].validate(), Ok(()));
        let errors = vec![1.0, f32::INFINITY]
            .validate()
            .expect_err("one violation");
        assert_eq!(pointers(&errors), ["/1"]);
        assert_eq!(
            errors.iter().next().map(|v| v.message.as_str()),
            Some("expected a number from -3.4028235e38 to 3.4028235e38")
        );
    }

    #[test]
    fn leaves_are_valid() {
        assert_eq!("x".validate(), Ok(()));
        assert_eq!(vec![1_u8].validate(), Ok(()));
        assert_eq!(serde_json::json!({"a": 1}).validate(), Ok(()));
    }
}
