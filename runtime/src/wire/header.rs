//! Header values: the elements of a list (RFC 9110, 5.6.1), and a documented header read as
//! its type, as generated clients read answers and the generated example tests check the
//! docs' values.

use serde::de::DeserializeOwned;

use super::Kind;

/// A documented header's value from every line sent under its name: a list's elements from
/// every line, a single value from its one line. `Err` says what is wrong (it is missing,
/// sent more than once, or not of its type) without quoting the value.
pub fn read<'l, T: DeserializeOwned>(
    lines: impl IntoIterator<Item = &'l str>,
    kind: Kind,
    many: bool,
) -> Result<T, String> {
    let mut values = Vec::new();
    for line in lines {
        if many {
            values.extend(elements(line).map(|element| kind.read(element)));
        } else {
            values.push(kind.read(line));
        }
    }
    let value = match (many, values.len()) {
        (true, _) => serde_json::Value::Array(values),
        (false, 0) => serde_json::Value::Null,
        (false, 1) => values.remove(0),
        (false, _) => return Err("is sent more than once".into()),
    };
    let missing = value.is_null();
    super::reading_from_texts(|| serde_json::from_value(value)).map_err(|e: serde_json::Error| {
        if missing {
            "is missing".into()
        } else {
            // serde's message quotes the value; keep what it expected, or the format's own
            // message (which quotes nothing).
            let message = e.to_string();
            if crate::formats::of_message(&message).is_some() {
                return message;
            }
            let expected = crate::decode::expected_part(&message).unwrap_or_default();
            format!("does not read as {expected}")
        }
    })
}

/// The elements of a header list value: split at commas outside double-quoted strings and
/// outside `<…>` (a `Link` target may hold commas), each trimmed, empty ones left out.
pub fn elements(value: &str) -> impl Iterator<Item = &str> {
    split_outside(value, ',')
        .map(str::trim)
        .filter(|element| !element.is_empty())
}

/// `value` split at `separator` where it stands outside double-quoted strings (with their
/// `\` escapes) and outside `<…>`.
pub(crate) fn split_outside(value: &str, separator: char) -> impl Iterator<Item = &str> {
    let mut pieces = Vec::new();
    let (mut start, mut quoted, mut escaped, mut bracketed) = (0, false, false, false);
    for (i, c) in value.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' if quoted => escaped = true,
            '"' if !bracketed => quoted = !quoted,
            '<' if !quoted => bracketed = true,
            '>' if !quoted => bracketed = false,
            c if c == separator && !quoted && !bracketed => {
                pieces.push(&value[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    pieces.push(&value[start..]);
    pieces.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(value: &str) -> Vec<&str> {
        elements(value).collect()
    }

    #[test]
    fn lists_split_at_commas_outside_quotes_and_brackets() {
        assert_eq!(listed("a, b,c"), ["a", "b", "c"]);
        assert_eq!(listed(" a ,, ,b, "), ["a", "b"]);
        assert_eq!(listed(r#""x, y", z"#), [r#""x, y""#, "z"]);
        assert_eq!(listed(r#""a \" , b", c"#), [r#""a \" , b""#, "c"]);
        assert_eq!(
            listed("</a?x=1,2>; rel=next, </b>"),
            ["</a?x=1,2>; rel=next", "</b>"]
        );
        assert!(listed("").is_empty());
        assert!(listed(" , ,").is_empty());
        assert_eq!(listed("é, ü"), ["é", "ü"]);
    }

    #[test]
    fn documented_headers_read_as_their_type() {
        assert_eq!(read::<i32>(["99"], Kind::Scalar, false), Ok(99));
        assert_eq!(
            read::<Vec<String>>(["a, b", "c"], Kind::Text, true),
            Ok(vec!["a".to_owned(), "b".to_owned(), "c".to_owned()])
        );
        assert_eq!(read::<Option<i32>>([], Kind::Scalar, false), Ok(None));
        assert_eq!(
            read::<i32>([], Kind::Scalar, false),
            Err("is missing".into())
        );
        assert_eq!(
            read::<i32>(["1", "2"], Kind::Scalar, false),
            Err("is sent more than once".into())
        );
        let wrong = read::<i32>(["secret"], Kind::Scalar, false).unwrap_err();
        assert!(
            wrong.starts_with("does not read as") && !wrong.contains("secret"),
            "{wrong}"
        );
    }
}
