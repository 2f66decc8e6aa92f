//! Values as `name=value` pairs, the one form of form-urlencoded bodies and query strings:
//! written as [`specgen_rules::pairs`] says (plain values as one pair, lists as one per
//! element, objects and maps in brackets), and read back here, which needs the
//! [`FormField`]s to know which texts are numbers and which names are lists.

use serde_json::{Map, Value};

pub use specgen_rules::pairs::{Style, members_in_line, query, texts, write};

use super::{FormField, Kind};

/// The JSON object that `pairs` spell for `members`: each text read by its member's kind, a
/// list from every pair of its name, objects and maps from bracketed names. Names that no
/// member has are dropped, as unknown JSON members are; a single value sent twice, or a bare
/// value where an object belongs, is kept as it came, so decoding reports it at its pointer.
pub fn read<K, V>(
    pairs: impl IntoIterator<Item = (K, V)>,
    members: &[FormField],
) -> Map<String, Value>
where
    K: AsRef<str>,
    V: AsRef<str>,
{
    let mut object = Map::new();
    for (key, text) in pairs {
        let (head, path) = split_key(key.as_ref());
        if let Some(member) = members.iter().find(|m| m.name == head) {
            insert(
                &mut object,
                head,
                member.kind,
                member.many,
                &path,
                text.as_ref(),
            );
        }
    }
    object
}

/// `a[b][c]` as `("a", ["b", "c"])`; a name whose brackets do not pair up is all head, so
/// it matches no member.
fn split_key(key: &str) -> (&str, Vec<&str>) {
    let Some(open) = key.find('[') else {
        return (key, Vec::new());
    };
    let (head, mut rest) = key.split_at(open);
    let mut path = Vec::new();
    while !rest.is_empty() {
        let Some(segment) = rest.strip_prefix('[').and_then(|r| r.split_once(']')) else {
            return (key, Vec::new());
        };
        path.push(segment.0);
        rest = segment.1;
    }
    (head, path)
}

/// Puts one pair's text at `path` under `name` in `object`, by the kind found there.
fn insert(
    object: &mut Map<String, Value>,
    name: &str,
    kind: Kind,
    many: bool,
    path: &[&str],
    text: &str,
) {
    match (kind, path) {
        (Kind::Object(members), [member, rest @ ..]) => {
            let Some(member) = members.iter().find(|m| m.name == *member) else {
                return;
            };
            if let Some(inner) = object_at(object, name) {
                insert(inner, member.name, member.kind, member.many, rest, text);
            }
        }
        (Kind::Map(values), [key, rest @ ..]) => {
            if let Some(inner) = object_at(object, name) {
                insert(inner, key, *values, false, rest, text);
            }
        }
        // Brackets after a plain value: no name of this form.
        (_, [_, ..]) => {}
        (Kind::Object(_) | Kind::Map(_), []) => {
            add(object, name, false, Value::String(text.into()))
        }
        (kind, []) => add(object, name, many, kind.read(text)),
    }
}

/// The object under `name`, made when it is not there yet; `None` when a bare value took the
/// place first (it stays, and decoding reports it).
fn object_at<'m>(
    object: &'m mut Map<String, Value>,
    name: &str,
) -> Option<&'m mut Map<String, Value>> {
    match object
        .entry(name)
        .or_insert_with(|| Value::Object(Map::new()))
    {
        Value::Object(inner) => Some(inner),
        _ => None,
    }
}

/// Adds a value under `name`: to its list for a list, else as the value, which may come
/// once (a second one makes a list of both, so decoding reports the wrong type).
pub(crate) fn add(object: &mut Map<String, Value>, name: &str, many: bool, value: Value) {
    match object.get_mut(name) {
        None if many => {
            object.insert(name.to_owned(), Value::Array(vec![value]));
        }
        None => {
            object.insert(name.to_owned(), value);
        }
        Some(Value::Array(items)) if many => items.push(value),
        Some(slot) => {
            let first = slot.take();
            *slot = Value::Array(vec![first, value]);
        }
    }
}

/// The pairs of an object sent as one joined value (`R,100,G,200`); `None` when the texts do
/// not pair up.
pub fn pairs_in_line(line: &str, joiner: char) -> Option<Vec<(&str, &str)>> {
    if line.is_empty() {
        return Some(Vec::new());
    }
    let texts: Vec<&str> = line.split(joiner).collect();
    if !texts.len().is_multiple_of(2) {
        return None;
    }
    Some(texts.chunks(2).map(|pair| (pair[0], pair[1])).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const GEO: &[FormField] = &[
        FormField {
            name: "lat",
            kind: Kind::Scalar,
            many: false,
        },
        FormField {
            name: "tags",
            kind: Kind::Text,
            many: true,
        },
    ];
    const ADDRESS: &[FormField] = &[
        FormField {
            name: "city",
            kind: Kind::Text,
            many: false,
        },
        FormField {
            name: "geo",
            kind: Kind::Object(GEO),
            many: false,
        },
    ];
    const BODY: &[FormField] = &[
        FormField {
            name: "name",
            kind: Kind::Text,
            many: false,
        },
        FormField {
            name: "address",
            kind: Kind::Object(ADDRESS),
            many: false,
        },
        FormField {
            name: "metadata",
            kind: Kind::Map(&Kind::Scalar),
            many: false,
        },
    ];

    #[test]
    fn what_is_written_reads_back() {
        let value = json!({
            "name": "a",
            "address": {"city": "Oslo", "geo": {"lat": 59.9, "tags": ["x", "y"]}},
            "metadata": {"k": 1}
        });
        let mut pairs = Vec::new();
        write(None, &value, &mut pairs).expect("no brackets in names");
        assert_eq!(Value::Object(read(pairs, BODY)), value);
    }

    #[test]
    fn unknown_names_and_broken_brackets_are_dropped() {
        let pairs = [
            ("name", "a"),
            ("other", "x"),
            ("address[town]", "x"),
            ("address[city", "x"),
            ("name[x]", "y"),
            ("address]city[", "x"),
        ];
        assert_eq!(Value::Object(read(pairs, BODY)), json!({"name": "a"}));
    }

    #[test]
    fn a_value_sent_twice_or_bare_in_place_of_an_object_is_kept_for_decoding_to_report() {
        let pairs = [("name", "a"), ("name", "b"), ("address", "Oslo")];
        assert_eq!(
            Value::Object(read(pairs, BODY)),
            json!({"name": ["a", "b"], "address": "Oslo"})
        );
        let pairs = [("address", "Oslo"), ("address[city]", "x")];
        assert_eq!(Value::Object(read(pairs, BODY)), json!({"address": "Oslo"}));
        let pairs = [("address[city]", "x"), ("address", "Oslo")];
        assert_eq!(
            Value::Object(read(pairs, BODY)),
            json!({"address": [{"city": "x"}, "Oslo"]})
        );
    }

    #[test]
    fn objects_in_one_line_pair_up() {
        assert_eq!(
            pairs_in_line("R,100,G,200", ','),
            Some(vec![("R", "100"), ("G", "200")])
        );
        assert_eq!(pairs_in_line("R,100,G", ','), None);
        assert_eq!(pairs_in_line("", ','), Some(Vec::new()));
    }
}
