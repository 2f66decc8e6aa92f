//! Optional and nullable members: absent, `null`, and a value are three different things.
//!
//! Use on an `Option<Option<T>>` field as
//! `#[serde(default, skip_serializing_if = "Option::is_none", with = "::specgen_runtime::nullable")]`:
//! `None` is absent (not sent), `Some(None)` is `null` (e.g. "clear this value"),
//! `Some(Some(v))` is the value.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Writes `null` for `Some(None)` and the value for `Some(Some(v))`.
///
/// `None` is normally skipped by `skip_serializing_if`; if it is not, it is written as `null`.
pub fn serialize<S, T>(value: &Option<Option<T>>, serializer: S) -> Result<S::Ok, S::Error>
where
    S: Serializer,
    T: Serialize,
{
    match value {
        Some(Some(value)) => serializer.serialize_some(value),
        Some(None) | None => serializer.serialize_none(),
    }
}

/// Reads `null` as `Some(None)` and a value as `Some(Some(v))`; an absent member never
/// reaches this function and becomes `None` through `#[serde(default)]`.
pub fn deserialize<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}
