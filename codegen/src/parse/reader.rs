//! Reading YAML maps and scalars into the spec AST, reporting every problem found on the way.

use super::ast::{At, Text};
use crate::diagnostics::{Pos, Reporter, did_you_mean};
use crate::load::{Node, Value};

/// The entries of one YAML map, taken key by key; whatever is not taken is an unknown key.
pub struct Entries<'n> {
    pub pos: Pos,
    entries: Vec<(String, &'n Node, &'n Node, bool)>,
}

impl<'n> Entries<'n> {
    /// Read `node` as a map; reports and returns `None` when it is not one.
    pub fn of(node: &'n Node, what: &str, report: &mut Reporter<'_>) -> Option<Self> {
        let Value::Map(items) = &node.value else {
            report.error_help(
                node.pos,
                format!("{what} must be a map, found {}", node.kind()),
                format!("write {what} as `key: value` lines"),
            );
            return None;
        };
        let mut entries = Vec::with_capacity(items.len());
        for (key, value) in items {
            match key.scalar_text() {
                Some(text) => entries.push((text, key, value, false)),
                None => report.error_help(
                    key.pos,
                    format!("a key in {what} must be a plain name"),
                    "write the key as text",
                ),
            }
        }
        Some(Entries {
            pos: node.pos,
            entries,
        })
    }

    /// The value under `key`, marking it as known.
    pub fn take(&mut self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter_mut()
            .find(|(k, ..)| k == key)
            .map(|entry| {
                entry.3 = true;
                entry.2
            })
    }

    /// The value under `key`, reporting its absence.
    pub fn require(
        &mut self,
        key: &str,
        what: &str,
        report: &mut Reporter<'_>,
    ) -> Option<&'n Node> {
        let found = self.take(key);
        if found.is_none() {
            report.error_help(
                self.pos,
                format!("{what} has no `{key}`"),
                format!("add `{key}:` to {what}"),
            );
        }
        found
    }

    /// Every entry not yet taken, as (key, key node, value node); marks them taken.
    pub fn rest(&mut self) -> Vec<(String, &'n Node, &'n Node)> {
        self.entries
            .iter_mut()
            .filter(|e| !e.3)
            .map(|e| {
                e.3 = true;
                (e.0.clone(), e.1, e.2)
            })
            .collect()
    }

    /// Report every key that was not taken, suggesting the closest known key.
    pub fn finish(self, what: &str, known: &[&str], report: &mut Reporter<'_>) {
        for (key, key_node, _, taken) in &self.entries {
            if *taken {
                continue;
            }
            let pos = Pos {
                len: key.chars().count() as u32,
                ..key_node.pos
            };
            let message = format!("unknown key `{key}` in {what}");
            match did_you_mean(key, known.iter().copied()) {
                Some(close) => report.error_help(pos, message, format!("did you mean `{close}`?")),
                None => report.error_help(
                    pos,
                    message,
                    format!("the keys {what} takes are: {}", known.join(", ")),
                ),
            }
        }
    }
}

pub fn string(node: &Node, what: &str, report: &mut Reporter<'_>) -> Option<At<String>> {
    match &node.value {
        Value::Str(s) => Some(At {
            pos: string_pos(node, s, report),
            value: s.clone(),
        }),
        // A number or boolean where text is expected is read as its text (`version: 2`).
        Value::Number(_) | Value::Bool(_) => node.scalar_text().map(|value| At {
            pos: node.pos,
            value,
        }),
        _ => {
            report.error(
                node.pos,
                format!("{what} must be a string, found {}", node.kind()),
            );
            None
        }
    }
}

/// The position of a string's text: one character in for a quoted string, its length in chars.
fn string_pos(node: &Node, text: &str, report: &Reporter<'_>) -> Pos {
    let quoted = report
        .line(node.pos.line)
        .and_then(|line| line.chars().nth(node.pos.col.saturating_sub(1) as usize))
        .is_some_and(|c| c == '"' || c == '\'');
    let len = text.chars().count().max(1) as u32;
    if quoted {
        node.pos.shifted(1, len)
    } else {
        Pos { len, ..node.pos }
    }
}

pub fn boolean(node: &Node, what: &str, report: &mut Reporter<'_>) -> bool {
    match node.value {
        Value::Bool(b) => b,
        _ => {
            report.error_help(
                node.pos,
                format!("{what} must be true or false, found {}", node.kind()),
                "write `true` or `false`",
            );
            false
        }
    }
}

pub fn unsigned(node: &Node, what: &str, report: &mut Reporter<'_>) -> Option<At<u64>> {
    match &node.value {
        Value::Number(n) if n.as_u64().is_some() => n.as_u64().map(|value| At {
            pos: node.pos,
            value,
        }),
        _ => {
            report.error(
                node.pos,
                format!("{what} must be a whole number of 0 or more"),
            );
            None
        }
    }
}

pub fn number(
    node: &Node,
    what: &str,
    report: &mut Reporter<'_>,
) -> Option<At<serde_json::Number>> {
    match &node.value {
        Value::Number(n) => Some(At {
            pos: node.pos,
            value: n.clone(),
        }),
        _ => {
            report.error(
                node.pos,
                format!("{what} must be a number, found {}", node.kind()),
            );
            None
        }
    }
}

/// A list of strings; a single string is read as a list of one.
pub fn strings(node: &Node, what: &str, report: &mut Reporter<'_>) -> Vec<At<String>> {
    match &node.value {
        Value::Seq(items) => items
            .iter()
            .filter_map(|item| string(item, what, report))
            .collect(),
        _ => string(node, what, report).into_iter().collect(),
    }
}

/// Text: a string, or a map from language code to string.
pub fn text(node: &Node, what: &str, report: &mut Reporter<'_>) -> Text {
    match &node.value {
        Value::Str(s) => Text(vec![(String::new(), s.clone())]),
        Value::Map(_) => {
            let Some(mut entries) = Entries::of(node, what, report) else {
                return Text::default();
            };
            let mut out = Vec::new();
            for (lang, key_node, value) in entries.rest() {
                if !is_language_code(&lang) {
                    report.error_help(
                        key_node.pos,
                        format!("`{lang}` is not a language code"),
                        "use a code such as `en`, `ru` or `ja`",
                    );
                    continue;
                }
                if let Some(s) = string(value, what, report) {
                    out.push((lang, s.value));
                }
            }
            Text(out)
        }
        _ => {
            report.error_help(
                node.pos,
                format!("{what} must be text, found {}", node.kind()),
                "write a string, or a map of language code to string such as `{ en: …, ja: … }`",
            );
            Text::default()
        }
    }
}

pub fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_lowercase()))
        && parts.all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// An optional key read as text.
pub fn opt_text(
    entries: &mut Entries<'_>,
    key: &str,
    what: &str,
    report: &mut Reporter<'_>,
) -> Text {
    entries
        .take(key)
        .map(|n| text(n, what, report))
        .unwrap_or_default()
}
