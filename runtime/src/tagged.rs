//! Tagged unions (OpenAPI's `discriminator`): one member, the tag, names the alternative, and
//! the alternative's value is the rest of the object (internally tagged:
//! `{"state": "attached", "instance": "…"}`) or another member (adjacently tagged:
//! `{"type": "f64", "datum": 7}`).
//!
//! Generated unions read and write through [`Tagging`]. A tag the spec does not list keeps the
//! object as it came (decoding stays lenient, as for enums), and validation names the tag.
//! Each alternative is validated where it sits on the wire.

use serde::de::{self, DeserializeOwned, Deserializer};
use serde::ser::{Error as _, SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{Code, ValidationErrors};
use crate::path::Path;
use crate::validate::Validate;

/// How a union's alternatives are told apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tagging {
    /// The member whose text names the alternative.
    pub tag: &'static str,
    /// The member holding the alternative's value; `None` when the value is the rest of the
    /// object.
    pub content: Option<&'static str>,
}

/// A union's object as read, before its alternative is decoded.
#[derive(Debug)]
pub struct Tagged {
    tagging: Tagging,
    tag: String,
    object: Map<String, Value>,
}

impl Tagging {
    /// Reads an object and its tag, which must be there and be text.
    pub fn read<'de, D: Deserializer<'de>>(self, deserializer: D) -> Result<Tagged, D::Error> {
        let object = Map::<String, Value>::deserialize(deserializer)?;
        let tag = match object.get(self.tag) {
            Some(Value::String(tag)) => tag.clone(),
            Some(_) => {
                let message = format!("expected the tag `{}` to be a string", self.tag);
                return Err(de::Error::custom(message));
            }
            None => return Err(de::Error::missing_field(self.tag)),
        };
        Ok(Tagged {
            tagging: self,
            tag,
            object,
        })
    }

    /// Writes the alternative `tag` with its value: the value's members beside the tag, or
    /// the value under the content member. `None` for an alternative that is only its tag.
    pub fn write<S: Serializer, T: Serialize + ?Sized>(
        self,
        serializer: S,
        tag: &str,
        value: Option<&T>,
    ) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry(self.tag, tag)?;
        match (self.content, value) {
            (_, None) => {}
            (Some(content), Some(value)) => map.serialize_entry(content, value)?,
            (None, Some(value)) => {
                let Value::Object(members) =
                    serde_json::to_value(value).map_err(S::Error::custom)?
                else {
                    return Err(S::Error::custom(
                        "an internally tagged alternative is an object",
                    ));
                };
                for (name, member) in members.iter().filter(|(name, _)| *name != self.tag) {
                    map.serialize_entry(name, member)?;
                }
            }
        }
        map.end()
    }

    /// Validates an alternative's value where it sits: the object itself, or its content
    /// member.
    pub fn validate<T: Validate + ?Sized>(
        self,
        value: &T,
        path: &Path<'_>,
        errors: &mut ValidationErrors,
    ) {
        match self.content {
            Some(content) => value.validate_at(&path.field(content), errors),
            None => value.validate_at(path, errors),
        }
    }

    /// The violation of a tag the spec does not list.
    pub fn unknown(self, path: &Path<'_>, errors: &mut ValidationErrors) {
        errors.add(
            &path.field(self.tag),
            Code::Enum,
            None,
            "is not one of the documented tags",
        );
    }
}

impl Tagged {
    /// The tag, naming the alternative.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// The alternative's value: the object itself (with its tag, which an alternative may
    /// declare as a field of its own, as OpenAPI's `discriminator` does), or the content
    /// member. Objects inside are read only from JSON objects, as everywhere else.
    pub fn value<T: DeserializeOwned, E: de::Error>(mut self) -> Result<T, E> {
        let value = match self.tagging.content {
            None => Value::Object(self.object),
            Some(content) => self
                .object
                .remove(content)
                .ok_or_else(|| E::missing_field(content))?,
        };
        crate::xml::value_into(&value).map_err(E::custom)
    }

    /// The whole object as it came, for a tag the spec does not list.
    pub fn into_unknown(self) -> Value {
        Value::Object(self.object)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Attached {
        instance: String,
    }

    /// A union as generated code writes one, internally or adjacently tagged.
    #[derive(Debug, PartialEq)]
    enum State {
        Creating,
        Attached(Attached),
        Unknown(Value),
    }

    fn decode(tagging: Tagging, value: Value) -> Result<State, serde_json::Error> {
        let tagged = tagging.read(value)?;
        match tagged.tag() {
            "creating" => Ok(State::Creating),
            "attached" => tagged.value().map(State::Attached),
            _ => Ok(State::Unknown(tagged.into_unknown())),
        }
    }

    fn encode(tagging: Tagging, state: &State) -> Value {
        let serializer = serde_json::value::Serializer;
        match state {
            State::Creating => tagging.write(serializer, "creating", None::<&()>),
            State::Attached(value) => tagging.write(serializer, "attached", Some(value)),
            State::Unknown(value) => value.serialize(serializer),
        }
        .expect("encodes")
    }

    const INTERNAL: Tagging = Tagging {
        tag: "state",
        content: None,
    };
    const ADJACENT: Tagging = Tagging {
        tag: "state",
        content: Some("value"),
    };

    #[test]
    fn internally_tagged_alternatives_round_trip() {
        for value in [
            json!({"state": "creating"}),
            json!({"state": "attached", "instance": "i-1"}),
            json!({"state": "moved", "to": "elsewhere"}),
        ] {
            let state = decode(INTERNAL, value.clone()).expect("decodes");
            assert_eq!(encode(INTERNAL, &state), value);
        }
        assert_eq!(
            decode(INTERNAL, json!({"state": "attached", "instance": "i-1"})).unwrap(),
            State::Attached(Attached {
                instance: "i-1".into()
            })
        );
    }

    #[test]
    fn adjacently_tagged_alternatives_round_trip() {
        for value in [
            json!({"state": "creating"}),
            json!({"state": "attached", "value": {"instance": "i-1"}}),
        ] {
            let state = decode(ADJACENT, value.clone()).expect("decodes");
            assert_eq!(encode(ADJACENT, &state), value);
        }
    }

    #[test]
    fn a_missing_or_wrong_tag_or_value_is_an_error() {
        for (tagging, value) in [
            (INTERNAL, json!({"instance": "i-1"})),
            (INTERNAL, json!({"state": 7})),
            (INTERNAL, json!({"state": "attached"})),
            (INTERNAL, json!(["attached"])),
            (ADJACENT, json!({"state": "attached", "instance": "i-1"})),
        ] {
            assert!(decode(tagging, value.clone()).is_err(), "{value}");
        }
    }

    #[test]
    fn validation_names_the_tag_of_an_unlisted_alternative() {
        let mut errors = ValidationErrors::new();
        INTERNAL.unknown(&Path::root().field("disk"), &mut errors);
        assert_eq!(errors.violations()[0].pointer, "/disk/state");
    }
}
