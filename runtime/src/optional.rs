//! Optional members that are not nullable: absent is `None`, and `null` is refused like any
//! other value of the wrong type.
//!
//! Use on an `Option<T>` field as
//! `#[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "::specgen_runtime::optional::deserialize")]`.
//! Plain `Option<T>` would read `null` as absent, accepting what the spec forbids.

use serde::{Deserialize, Deserializer};

/// Reads a value as `Some(v)`; `null` fails as the wrong type. An absent member never
/// reaches this function and becomes `None` through `#[serde(default)]`.
pub fn deserialize<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Contact {
        #[serde(default, deserialize_with = "super::deserialize")]
        title: Option<String>,
    }

    #[test]
    fn absent_is_none_and_a_value_is_some() {
        let absent: Contact = serde_json::from_str("{}").unwrap();
        assert_eq!(absent.title, None);
        let given: Contact = serde_json::from_str(r#"{"title":"CTO"}"#).unwrap();
        assert_eq!(given.title.as_deref(), Some("CTO"));
    }

    #[test]
    fn null_is_the_wrong_type() {
        let error = serde_json::from_str::<Contact>(r#"{"title":null}"#).unwrap_err();
        assert!(error.to_string().contains("invalid type: null"), "{error}");
    }
}
