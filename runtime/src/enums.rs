//! Deserializing integer enums that also accept their names.

use std::fmt;

use serde::Deserializer;
use serde::de::{self, Visitor};

/// Deserializes an integer enum from its number, or from one of its names in any letter case.
///
/// Some APIs document an integer enum but their own examples send the name (`"none"` for
/// `0`), so both are accepted. Integers go through `from_value` (which decides what an
/// undocumented number becomes); strings go through `from_name`, which decides how names
/// compare. A string that is not a name fails with `expected {expected}`, without quoting
/// the input.
pub fn deserialize_int_or_name<'de, D, T>(
    deserializer: D,
    from_value: fn(i64) -> T,
    from_name: fn(&str) -> Option<T>,
    expected: &'static str,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    deserializer.deserialize_any(IntOrName {
        from_value,
        from_name,
        expected,
    })
}

struct IntOrName<T> {
    from_value: fn(i64) -> T,
    from_name: fn(&str) -> Option<T>,
    expected: &'static str,
}

impl<T> IntOrName<T> {
    fn mismatch<E: de::Error>(&self) -> E {
        E::custom(format_args!("expected {}", self.expected))
    }
}

impl<'de, T> Visitor<'de> for IntOrName<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.expected)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<T, E> {
        Ok((self.from_value)(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<T, E> {
        match i64::try_from(value) {
            Ok(value) => Ok((self.from_value)(value)),
            Err(_) => Err(self.mismatch()),
        }
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        // XML writes the number as text.
        if crate::xml::is_reading()
            && let Ok(number) = value.trim().parse::<i64>()
        {
            return Ok((self.from_value)(number));
        }
        (self.from_name)(value).ok_or_else(|| self.mismatch())
    }
}
