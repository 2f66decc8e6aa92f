//! A tree back to YAML text, in block style. Keys and values that read back the same stay
//! plain; every other string is double-quoted, with escapes for what YAML cannot hold raw, so a
//! NUL or a lone line separator survives as a value.

use specgen::load::{Node, Value};

pub fn to_yaml(root: &Node) -> String {
    let mut out = String::new();
    block(root, 0, &mut out);
    out
}

fn block(node: &Node, indent: usize, out: &mut String) {
    match &node.value {
        Value::Map(entries) if !entries.is_empty() => {
            for (key, value) in entries {
                out.push_str(&" ".repeat(indent));
                out.push_str(&inline(key));
                out.push(':');
                child(value, indent, out);
            }
        }
        Value::Seq(items) if !items.is_empty() => {
            for item in items {
                out.push_str(&" ".repeat(indent));
                out.push('-');
                child(item, indent, out);
            }
        }
        _ => {
            out.push_str(&" ".repeat(indent));
            out.push_str(&inline(node));
            out.push('\n');
        }
    }
}

/// What follows `key:` or `-`: a scalar on the same line, a collection on the lines below.
fn child(node: &Node, indent: usize, out: &mut String) {
    if is_collection(node) {
        out.push('\n');
        block(node, indent + 2, out);
    } else {
        out.push(' ');
        out.push_str(&inline(node));
        out.push('\n');
    }
}

fn is_collection(node: &Node) -> bool {
    match &node.value {
        Value::Map(entries) => !entries.is_empty(),
        Value::Seq(items) => !items.is_empty(),
        _ => false,
    }
}

/// One line, in flow style.
fn inline(node: &Node) -> String {
    match &node.value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Str(s) => string(s),
        Value::Seq(items) => format!(
            "[{}]",
            items.iter().map(inline).collect::<Vec<_>>().join(", ")
        ),
        Value::Map(entries) => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|(k, v)| format!("{}: {}", inline(k), inline(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn string(s: &str) -> String {
    if reads_back_as_string(s) {
        s.to_string()
    } else {
        quoted(s)
    }
}

/// A plain scalar that YAML 1.2 reads as this same string (not a number, boolean or null).
fn reads_back_as_string(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '/')
        && chars.all(|c| c.is_ascii_alphanumeric() || "_-./".contains(c))
        && !["null", "true", "false"].contains(&s.to_ascii_lowercase().as_str())
}

fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            c if printable(c) => out.push(c),
            c if (c as u32) <= 0xFFFF => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// YAML's printable set, less the characters some readers take as line breaks.
fn printable(c: char) -> bool {
    matches!(c as u32, 0x20..=0x7E | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
        && !matches!(c, '\u{2028}' | '\u{2029}')
}
