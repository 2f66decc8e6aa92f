//! How values are written as `name=value` pairs, the one form of form-urlencoded bodies and
//! query strings; shared by generated clients (which send them) and the generator (whose mock
//! writes the query of a next page's link).
//!
//! A plain value is one pair, a list one pair per element, and an object or map its members
//! under the name in brackets, at any depth: `address[city]=Oslo&address[lines]=a&address[lines]=b`
//! (OpenAPI's `deepObject`, and what form encoders in most languages write for nested data).
//! How a query parameter's value becomes pairs is its [`Style`].

use serde_json::Value;

/// How a query parameter's values travel (OpenAPI's `style` and `explode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// A pair per value: `id=7`, a list as `tags=a&tags=b`, an object's members as pairs of
    /// their own, `state=open&sort=asc` (`form`, exploded; also every parameter outside a
    /// query).
    Exploded,
    /// One pair, its values joined by the character: a list as `ids=1,2`, an object's member
    /// names and values as `color=R,100,G,200` (`form` unexploded, and the delimited styles).
    Joined(char),
    /// An object's or map's members under the parameter's name in brackets:
    /// `filter[state]=open` (`deepObject`).
    Deep,
}

/// The pairs the query parameter `name` with `value` travels as, in `style`: none for `null`
/// or an empty list. `Err` says why a value cannot travel so: a joined text holding its
/// joiner, or a member name holding a bracket, would be read back as something else.
pub fn query(name: &str, value: &Value, style: Style) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    match style {
        Style::Exploded if value.is_object() => write(None, value, &mut out)?,
        Style::Exploded | Style::Deep => write(Some(name), value, &mut out)?,
        Style::Joined(joiner) => {
            let texts = match members_in_line(value) {
                Some(texts) => texts,
                None => texts(value),
            };
            if texts.iter().any(|t| t.contains(joiner)) {
                return Err(format!("a value holds `{joiner}`, which joins them"));
            }
            if !texts.is_empty() || value.is_object() {
                out.push((name.to_owned(), texts.join(&joiner.to_string())));
            }
        }
    }
    Ok(out)
}

/// Appends the pairs of `value` to `out`, under `name`; with `name` `None`, an object's
/// members each under their own name (`state=open&sort=asc`). `null` gives no pair. A member
/// name holding a bracket cannot be told apart from nesting, so it is refused (`Err` names it).
pub fn write(
    name: Option<&str>,
    value: &Value,
    out: &mut Vec<(String, String)>,
) -> Result<(), String> {
    match value {
        Value::Array(items) => {
            for item in items {
                write(name, item, out)?;
            }
        }
        Value::Object(members) => {
            for (key, member) in members {
                if key.contains(['[', ']']) {
                    return Err(format!(
                        "the name `{key}` holds a bracket, which nests names"
                    ));
                }
                let key = match name {
                    Some(name) => format!("{name}[{key}]"),
                    None => key.clone(),
                };
                write(Some(&key), member, out)?;
            }
        }
        plain => {
            if let (Some(name), Some(text)) = (name, text(plain)) {
                out.push((name.to_owned(), text));
            }
        }
    }
    Ok(())
}

/// The text form of a plain value (strings as they are, numbers and booleans as JSON writes
/// them); `None` for `null`, lists and objects.
pub fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The texts of a plain value or a list of them (`null` and objects have none).
pub fn texts(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items.iter().filter_map(text).collect(),
        other => text(other).into_iter().collect(),
    }
}

/// An object's member names and values as one list of texts (`R,100,G,200`, before joining);
/// `None` for a value that is not an object of plain values.
pub fn members_in_line(value: &Value) -> Option<Vec<String>> {
    let Value::Object(members) = value else {
        return None;
    };
    let mut texts = Vec::new();
    for (name, member) in members {
        if member.is_null() {
            continue;
        }
        texts.push(name.clone());
        texts.push(text(member)?);
    }
    Some(texts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pairs(name: &str, value: Value, style: Style) -> Vec<String> {
        query(name, &value, style)
            .expect("travels")
            .into_iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect()
    }

    #[test]
    fn nested_objects_and_maps_go_in_brackets() {
        let value = json!({
            "address": {"city": "Oslo", "geo": {"lat": 59.9, "tags": ["x", "y"]}},
            "metadata": {"k": 1},
            "gone": null
        });
        let mut out = Vec::new();
        write(Some("body"), &value, &mut out).expect("no brackets in names");
        let written: Vec<String> = out.iter().map(|(k, v)| format!("{k}={v}")).collect();
        assert_eq!(
            written,
            [
                "body[address][city]=Oslo",
                "body[address][geo][lat]=59.9",
                "body[address][geo][tags]=x",
                "body[address][geo][tags]=y",
                "body[metadata][k]=1",
            ]
        );
    }

    #[test]
    fn each_style_spells_its_pairs() {
        let tags = json!(["a", "b"]);
        assert_eq!(
            pairs("tags", tags.clone(), Style::Exploded),
            ["tags=a", "tags=b"]
        );
        assert_eq!(pairs("tags", tags, Style::Joined('|')), ["tags=a|b"]);
        assert_eq!(
            pairs("tags", json!([]), Style::Joined(',')),
            Vec::<String>::new()
        );
        let sort = json!({"field": "created", "direction": "desc"});
        assert_eq!(
            pairs("sort", sort.clone(), Style::Exploded),
            ["direction=desc", "field=created"]
        );
        assert_eq!(
            pairs("sort", sort.clone(), Style::Deep),
            ["sort[direction]=desc", "sort[field]=created"]
        );
        assert_eq!(
            pairs("sort", sort, Style::Joined(',')),
            ["sort=direction,desc,field,created"]
        );
        assert_eq!(pairs("id", json!(7), Style::Exploded), ["id=7"]);
        assert_eq!(pairs("id", Value::Null, Style::Deep), Vec::<String>::new());
    }

    #[test]
    fn what_would_read_back_as_something_else_is_refused() {
        assert!(query("tags", &json!(["a,b"]), Style::Joined(',')).is_err());
        assert!(query("color", &json!({"R": "1,2"}), Style::Joined(',')).is_err());
        let refused = query("meta", &json!({"a]b": 1}), Style::Deep).unwrap_err();
        assert!(refused.contains("`a]b`"), "{refused}");
    }

    #[test]
    fn objects_in_one_line_pair_their_names_and_values() {
        let line = members_in_line(&json!({"R": 100, "G": 200, "B": null})).unwrap();
        assert_eq!(line, ["G", "200", "R", "100"]);
        assert_eq!(members_in_line(&json!({"R": [1]})), None);
    }
}
