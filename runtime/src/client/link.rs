//! Header lists (RFC 9110, 5.6.1): the elements of a list value.
//!
//! Nothing here fails: a value that does not read as the syntax says gives fewer elements,
//! never an error or a panic.

/// The elements of a header list value: split at commas outside double-quoted strings and
/// outside `<…>` (a `Link` target may hold commas), each trimmed, empty ones left out.
pub(super) fn elements(value: &str) -> impl Iterator<Item = &str> {
    split_outside(value, ',')
        .map(str::trim)
        .filter(|element| !element.is_empty())
}

/// `value` split at `separator` where it stands outside double-quoted strings (with their
/// `\` escapes) and outside `<…>`.
fn split_outside(value: &str, separator: char) -> impl Iterator<Item = &str> {
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
    fn any_text_is_read_without_panicking() {
        let alphabet = [
            '<', '>', ';', ',', '"', '\\', '=', ' ', 'r', 'e', 'l', 'n', 'x', 't', 'é',
        ];
        // Every string of up to four characters from the syntax's own alphabet.
        let mut texts = vec![String::new()];
        let mut last = texts.clone();
        for _ in 0..4 {
            last = last
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(last.iter().cloned());
        }
        for text in &texts {
            for element in listed(text) {
                assert!(!element.is_empty() && element.trim() == element, "{text:?}");
            }
        }
    }
}
