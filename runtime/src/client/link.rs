//! The `Link` header (RFC 8288): the target of the link with a given relation type, from a
//! header list's elements ([`crate::wire::header`]).
//!
//! Nothing here fails: a value that does not read as the syntax says gives no link, never an
//! error or a panic.

use crate::wire::header::{elements, split_outside};

/// The target (the URI reference as written) of the first link in `values` whose `rel` lists
/// `relation` (compared in any letter case). Each value may hold several links.
pub(super) fn target<'v>(
    values: impl IntoIterator<Item = &'v str>,
    relation: &str,
) -> Option<&'v str> {
    values
        .into_iter()
        .flat_map(elements)
        .filter_map(link)
        .find(|(_, relations)| {
            relations
                .split_ascii_whitespace()
                .any(|r| r.eq_ignore_ascii_case(relation))
        })
        .map(|(target, _)| target)
}

/// One link-value, `<target>; param=value; …`: its target and its first `rel` (unquoted),
/// empty when it has none. `None` when it does not start with a target in `<…>`.
fn link(element: &str) -> Option<(&str, String)> {
    let rest = element.strip_prefix('<')?;
    let end = rest.find('>')?;
    let (target, params) = (&rest[..end], &rest[end + 1..]);
    let mut params = split_outside(params, ';').map(str::trim);
    // The text before the first `;` is not a parameter: anything there is garbage.
    if !params.next()?.is_empty() {
        return None;
    }
    // Only the first `rel` counts (RFC 8288, 3.3).
    let rel = params.find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("rel")
            .then(|| unquote(value.trim()))
    });
    Some((target.trim(), rel.unwrap_or_default()))
}

/// A parameter's value: a token as it is, a quoted string without its quotes and escapes.
fn unquote(value: &str) -> String {
    let Some(inner) = value.strip_prefix('"') else {
        return value.to_owned();
    };
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => break,
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn next(values: &[&str]) -> Option<String> {
        target(values.iter().copied(), "next").map(str::to_owned)
    }

    #[test]
    fn github_link_headers_give_their_next_page() {
        let github = r#"<https://api.github.com/repositories/1300192/issues?page=2>; rel="prev", <https://api.github.com/repositories/1300192/issues?page=4>; rel="next", <https://api.github.com/repositories/1300192/issues?page=515>; rel="last", <https://api.github.com/repositories/1300192/issues?page=1>; rel="first""#;
        assert_eq!(
            next(&[github]).as_deref(),
            Some("https://api.github.com/repositories/1300192/issues?page=4")
        );
        let last_page = r#"<https://api.github.com/x?page=1>; rel="first", <https://api.github.com/x?page=2>; rel="prev""#;
        assert_eq!(next(&[last_page]), None);
    }

    #[test]
    fn links_come_on_several_lines_and_in_several_forms() {
        assert_eq!(
            next(&["</a>; rel=prev", "</b>; rel=next"]).as_deref(),
            Some("/b")
        );
        assert_eq!(next(&["</b>;rel=NEXT"]).as_deref(), Some("/b"));
        assert_eq!(next(&["</b> ; rel = \"Next\""]).as_deref(), Some("/b"));
        assert_eq!(next(&[r#"</b>; rel="next last""#]).as_deref(), Some("/b"));
        assert_eq!(next(&[r#"</b>; rel="last  next""#]).as_deref(), Some("/b"));
        assert_eq!(
            next(&[r#"</a,b>; title="x, y"; rel="next", </c>; rel=last"#]).as_deref(),
            Some("/a,b")
        );
        assert_eq!(next(&["<?page=2>; rel=next"]).as_deref(), Some("?page=2"));
        // The first `rel` counts; a relation named like a word of another does not.
        assert_eq!(next(&["</a>; rel=prev; rel=next"]), None);
        assert_eq!(
            next(&["</a>; rel=nextpage", "</b>; rel=next"]).as_deref(),
            Some("/b")
        );
        assert_eq!(next(&[r#"</a>; title="rel=next""#]), None);
    }

    #[test]
    fn garbage_is_no_link() {
        for garbage in [
            "",
            "next",
            "rel=next",
            "/a; rel=next",
            "</a; rel=next",
            "x</a>; rel=next",
            "</a> junk; rel=next",
            "<",
            ">",
            "<>",
            ";;;",
            ",,,",
            "\"",
            "<\"",
            "</a>; rel",
            "</a>; =next",
            "ü<é>; rel=ñ",
        ] {
            assert_eq!(next(&[garbage]), None, "{garbage:?}");
        }
        // An unclosed quote still reads as the relation it holds.
        assert_eq!(next(&["</a>; rel=\"next"]).as_deref(), Some("/a"));
    }

    #[test]
    fn any_text_is_read_without_panicking() {
        let pieces = [
            "</a>", "<", ">", "; ", "rel=", "next", "\"", "\\", ",", " ", "é", "=",
        ];
        // Every text of up to five pieces of the syntax.
        let mut texts = vec![String::new()];
        let mut last = texts.clone();
        for _ in 0..5 {
            last = last
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            texts.extend(last.iter().cloned());
        }
        for text in &texts {
            for element in elements(text) {
                assert!(!element.is_empty() && element.trim() == element, "{text:?}");
            }
            if let Some(target) = next(&[text]) {
                assert!(
                    text.contains(&format!("<{target}")),
                    "{text:?} gave {target:?}"
                );
            }
        }
    }
}
