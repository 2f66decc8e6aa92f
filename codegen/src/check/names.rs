//! Choosing Rust names for wire names: heck's case conversion, then keywords and symbols.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords (2024 edition, reserved ones included).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Only ASCII letters, digits and `_` survive: `@type` → `type`, `x-id` → `x_id`.
fn words(wire: &str) -> String {
    wire.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// A field, parameter or module name: snake_case, never a bare keyword.
pub fn snake(wire: &str) -> String {
    legal(words(wire).to_snake_case(), "value")
}

/// An operation's name: snake_case starting with a letter, since it also names the
/// operation's types (`{Name}Params`), its file and its function; a keyword gets a `_`.
pub fn operation_name(wire: &str) -> String {
    let name = words(wire).to_snake_case();
    let name = name.trim_start_matches('_');
    let name = match name.chars().next() {
        None => "operation".to_owned(),
        Some(c) if c.is_ascii_alphabetic() => name.to_owned(),
        Some(_) => format!("op_{name}"),
    };
    if KEYWORDS.contains(&name.as_str()) || NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// A type or variant name: UpperCamelCase.
pub fn camel(wire: &str) -> String {
    legal(words(wire).to_upper_camel_case(), "Value")
}

fn legal(name: String, empty: &str) -> String {
    let name = if name.is_empty() {
        empty.to_string()
    } else {
        name
    };
    let name = if name.starts_with(|c: char| c.is_ascii_digit()) {
        // `1st` → `_1st` as a field, `V1st` as a type: both read as names.
        if empty == "value" {
            format!("_{name}")
        } else {
            format!("V{name}")
        }
    } else {
        name
    };
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// The Rust name of a field or parameter: its `rust_name:` where given (reported, `None`, when
/// that is no Rust identifier), else made from its wire name.
pub(super) fn chosen_rust_name(
    cx: &mut super::Cx<'_>,
    file: usize,
    given: Option<&crate::parse::ast::At<String>>,
    wire: &str,
) -> Option<String> {
    match given {
        Some(name) if is_identifier(&name.value) => Some(name.value.clone()),
        Some(name) => {
            cx.at(file).error_help(
                name.pos,
                format!("`{}` is not a Rust identifier", name.value),
                format!("use a snake_case name such as `{}`", snake(&name.value)),
            );
            None
        }
        None => Some(snake(wire)),
    }
}

/// How to part two names that give the same Rust name.
pub(super) fn rust_name_help(rust: &str) -> String {
    format!(
        "give one of them a `rust_name:`, e.g. `rust_name: {}_2`",
        rust.trim_start_matches("r#")
    )
}

/// Whether `name` is a usable Rust identifier as given by a user (`rust_name:`).
pub fn is_identifier(name: &str) -> bool {
    let bare = name.strip_prefix("r#").unwrap_or(name);
    let mut chars = bare.chars();
    chars
        .next()
        .is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
        && (name.starts_with("r#") || !KEYWORDS.contains(&bare))
        && !NOT_RAW.contains(&bare)
        && bare != "_"
}

/// Two names of a kind (`fields`, `the Rust field`) that give the same Rust name: reported at
/// the second, with `help` saying how to part them.
pub(super) struct Collision<'a> {
    pub kinds: &'a str,
    pub noun: &'a str,
    pub first: &'a str,
    pub second: &'a str,
    pub rust: &'a str,
}

pub(super) fn report_collision(
    cx: &mut super::Cx<'_>,
    file: usize,
    pos: crate::diagnostics::Pos,
    c: Collision<'_>,
    help: String,
) {
    let Collision {
        kinds,
        noun,
        first,
        second,
        rust,
    } = c;
    cx.at(file).error_help(
        pos,
        format!("{kinds} `{first}` and `{second}` both become {noun} `{rust}`"),
        help,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_names_legal() {
        assert_eq!(snake("firstName"), "first_name");
        assert_eq!(snake("@type"), "r#type");
        assert_eq!(snake("Key"), "key");
        assert_eq!(snake("value_text"), "value_text");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("1st"), "_1st");
        assert_eq!(snake("@"), "value");
        assert_eq!(camel("STRING"), "String");
        assert_eq!(camel("ReadWrite"), "ReadWrite");
        assert_eq!(camel("none"), "None");
        assert_eq!(camel("v1ExternalContactEmail"), "V1ExternalContactEmail");
        assert!(
            is_identifier("type_url")
                && is_identifier("r#type")
                && !is_identifier("type")
                && !is_identifier("a-b")
        );
    }
}
