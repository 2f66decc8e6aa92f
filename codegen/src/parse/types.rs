//! `types:` sections and the constraint keys of fields and parameters.

use super::ast::*;
use super::reader::{Entries, boolean, number, opt_text, string, strings, unsigned};
use specgen_rules::{Constant, Kind, NumberValue, Rule};

use crate::diagnostics::{Pos, Reporter, did_you_mean};
use crate::load::{Node, Value};

const TYPE_KEYS: &[&str] = &[
    "description",
    "deprecated",
    "fields",
    "open",
    "enum",
    "one_of",
    "type",
    "all_of",
    "tag",
    "content",
];
const FIELD_KEYS: &[&str] = &[
    "type",
    "required",
    "nullable",
    "read_only",
    "default",
    "description",
    "deprecated",
    "rust_name",
    "xml_attribute",
    "xml_item",
    "xml_name",
];

pub fn types(node: &Node, file: usize, report: &mut Reporter<'_>) -> Vec<TypeSpec> {
    let Some(mut e) = Entries::of(node, "`types`", report) else {
        return Vec::new();
    };
    e.rest()
        .into_iter()
        .filter_map(|(name, key_node, value)| {
            let name = At {
                pos: Pos {
                    len: name.chars().count() as u32,
                    ..key_node.pos
                },
                value: name,
            };
            type_def(name, value, file, report)
        })
        .collect()
}

fn type_def(
    name: At<String>,
    node: &Node,
    file: usize,
    report: &mut Reporter<'_>,
) -> Option<TypeSpec> {
    let what = format!("type `{}`", name.value);
    let mut e = Entries::of(node, &what, report)?;
    let description = opt_text(&mut e, "description", "`description`", report);
    let deprecated = e
        .take("deprecated")
        .and_then(|n| super::deprecation(n, report));
    if let Some(ty) = e.take("type") {
        return scalar(name, ty, e, file, (description, deprecated), report);
    }
    let fields = e.take("fields");
    let items = e.take("enum");
    let one_of = e.take("one_of");
    let open = e.take("open").map(|n| open_members(n, report));
    let all_of = e.take("all_of").map(|n| strings(n, "`all_of`", report));
    let tag = e.take("tag").and_then(|n| string(n, "`tag`", report));
    let content = e
        .take("content")
        .and_then(|n| string(n, "`content`", report));
    let object =
        fields.is_some() || all_of.is_some() || open.as_ref().is_some_and(|o| *o != Open::Closed);
    let kind = match (fields, items, one_of) {
        (fields, None, None) if object => TypeSpecKind::Object {
            open: open.unwrap_or(Open::Closed),
            fields: fields.map_or_else(Vec::new, |f| object_fields(f, report)),
            all_of: all_of.unwrap_or_default(),
        },
        (None, Some(items), None) => TypeSpecKind::Enum(enum_items(items, report)),
        (None, None, Some(alternatives)) => TypeSpecKind::OneOf {
            alternatives: one_of_items(alternatives, report),
            tag: tag.clone(),
            content: content.clone(),
        },
        (None, None, None) => {
            e.finish(&what, TYPE_KEYS, report);
            report.error_help(
                name.pos,
                format!("{what} has no `fields`, `all_of`, `enum`, `one_of` or `type`"),
                "an object lists `fields:`, an enum lists `enum:`, a union lists `one_of:`, a \
                 named scalar gives its `type:` and constraints",
            );
            return None;
        }
        _ => {
            report.error_help(
                name.pos,
                format!("{what} has more than one of `fields` (or `all_of`), `enum` and `one_of`"),
                "a type is an object, an enum or a union: keep one of them",
            );
            return None;
        }
    };
    if !matches!(kind, TypeSpecKind::OneOf { .. }) {
        for (key, node) in [("tag", tag), ("content", content)] {
            if let Some(node) = node {
                report.error_help(
                    node.pos,
                    format!("`{key}` tells a union's alternatives apart, and {what} is no union"),
                    "remove it, or list the alternatives under `one_of:`",
                );
            }
        }
    }
    e.finish(&what, TYPE_KEYS, report);
    Some(TypeSpec {
        file,
        name,
        description,
        deprecated,
        kind,
    })
}

/// A named scalar: `Name: { type: string, pattern: …, max_length: 63 }`, a type with its
/// constraints, defined once and used by name.
fn scalar(
    name: At<String>,
    ty: &Node,
    mut e: Entries<'_>,
    file: usize,
    (description, deprecated): (Text, Option<Deprecation>),
    report: &mut Reporter<'_>,
) -> Option<TypeSpec> {
    let what = format!("type `{}`", name.value);
    let ty = string(ty, "`type`", report);
    let constraints = constraints_from(&mut e, report);
    let mut known = vec!["description", "deprecated", "type"];
    known.extend(constraint_keys());
    e.finish(&what, &known, report);
    Some(TypeSpec {
        file,
        name,
        description,
        deprecated,
        kind: TypeSpecKind::Scalar {
            ty: ty?,
            constraints,
        },
    })
}

fn object_fields(node: &Node, report: &mut Reporter<'_>) -> Vec<FieldSpec> {
    let Some(mut e) = Entries::of(node, "`fields`", report) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (name, key_node, value) in e.rest() {
        let name = At {
            pos: Pos {
                len: name.chars().count() as u32,
                ..key_node.pos
            },
            value: name,
        };
        let what = format!("field `{}`", name.value);
        let Some(mut fe) = Entries::of(value, &what, report) else {
            continue;
        };
        let ty = fe
            .require("type", &what, report)
            .and_then(|n| string(n, "`type`", report));
        let required = fe
            .take("required")
            .map(|n| boolean(n, "`required`", report))
            .unwrap_or(false);
        let nullable = fe
            .take("nullable")
            .map(|n| boolean(n, "`nullable`", report))
            .unwrap_or(false);
        let read_only = fe
            .take("read_only")
            .map(|n| boolean(n, "`read_only`", report))
            .unwrap_or(false);
        let description = opt_text(&mut fe, "description", "`description`", report);
        let deprecated = fe
            .take("deprecated")
            .and_then(|n| super::deprecation(n, report));
        let rust_name = fe
            .take("rust_name")
            .and_then(|n| string(n, "`rust_name`", report));
        let default = fe.take("default").cloned();
        let xml_attribute = fe.take("xml_attribute").map(|n| At {
            pos: n.pos,
            value: boolean(n, "`xml_attribute`", report),
        });
        let xml_item = fe
            .take("xml_item")
            .and_then(|n| string(n, "`xml_item`", report));
        let xml_name = fe
            .take("xml_name")
            .and_then(|n| string(n, "`xml_name`", report));
        let constraints = constraints_from(&mut fe, report);
        let mut known = FIELD_KEYS.to_vec();
        known.extend(constraint_keys());
        fe.finish(&what, &known, report);
        if let Some(ty) = ty {
            out.push(FieldSpec {
                name,
                ty,
                required,
                nullable,
                read_only,
                description,
                deprecated,
                rust_name,
                default,
                xml_attribute,
                xml_item,
                xml_name,
                constraints,
            });
        }
    }
    out
}

/// Take the constraint keys out of a field's or parameter's entries, each read as its rule's
/// kind needs.
pub fn constraints_from(e: &mut Entries<'_>, report: &mut Reporter<'_>) -> Constraints {
    let mut out = Vec::new();
    for rule in Rule::ALL {
        let Some(node) = e.take(rule.key()) else {
            continue;
        };
        let what = format!("`{}`", rule.key());
        let limit = match rule.kind() {
            Kind::Length { .. } | Kind::Items { .. } => {
                unsigned(node, &what, report).map(|a| (a.pos, LimitSpec::Count(a.value)))
            }
            Kind::Number { .. } => number(node, &what, report)
                .map(|a| (a.pos, LimitSpec::Number(NumberValue::from_json(&a.value)))),
            Kind::Pattern { .. } => {
                string(node, &what, report).map(|a| (a.pos, LimitSpec::Pattern(a.value)))
            }
            Kind::Format { .. } => format(node, &what, report),
            Kind::Constant { .. } => constant(node, report),
            // `false` is JSON Schema's default: no rule at all.
            Kind::Distinct { .. } => {
                boolean(node, &what, report).then_some((node.pos, LimitSpec::Distinct))
            }
        };
        if let Some((pos, limit)) = limit {
            out.push(ConstraintSpec { rule, pos, limit });
        }
    }
    Constraints(out)
}

/// `const:`'s value: a text, a number or a boolean.
fn constant(node: &Node, report: &mut Reporter<'_>) -> Option<(Pos, LimitSpec)> {
    let constant = match &node.value {
        Value::Str(text) => Constant::Text(text.clone().into()),
        Value::Number(n) => Constant::Number(NumberValue::from_json(n)),
        Value::Bool(b) => Constant::Bool(*b),
        _ => {
            report.error_help(
                node.pos,
                format!(
                    "`const` is one text, number or boolean, not {}",
                    node.kind()
                ),
                "write the one value the field may have",
            );
            return None;
        }
    };
    Some((node.pos, LimitSpec::Constant(constant)))
}

/// The keys `constraints_from` takes.
pub fn constraint_keys() -> impl Iterator<Item = &'static str> {
    Rule::ALL.into_iter().map(Rule::key)
}

fn format(node: &Node, what: &str, report: &mut Reporter<'_>) -> Option<(Pos, LimitSpec)> {
    let s = string(node, what, report)?;
    if let Some(format) = Format::from_name(&s.value) {
        return Some((s.pos, LimitSpec::Format(format)));
    }
    if s.value == "binary" {
        let (message, help) = specgen_rules::format::BINARY;
        report.error_help(s.pos, message, help);
        return None;
    }
    let names = Format::ALL.map(Format::as_str);
    let help = match did_you_mean(&s.value, names) {
        Some(close) => format!("did you mean `{close}`?"),
        None => format!("the formats are: {}", names.join(", ")),
    };
    report.error_help(s.pos, format!("unknown format `{}`", s.value), help);
    None
}

fn enum_items(node: &Node, report: &mut Reporter<'_>) -> Vec<EnumItemSpec> {
    let Value::Seq(items) = &node.value else {
        report.error_help(node.pos, "`enum` must be a list", "write `enum: [A, B]`");
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        match &item.value {
            Value::Str(s) => out.push(EnumItemSpec {
                pos: item.pos,
                value: EnumValue::Str(s.clone()),
                name: None,
                description: Text::default(),
            }),
            Value::Map(_) => {
                let Some(mut e) = Entries::of(item, "an enum item", report) else {
                    continue;
                };
                let value =
                    e.require("value", "an enum item", report)
                        .and_then(|v| match &v.value {
                            Value::Str(s) => Some(EnumValue::Str(s.clone())),
                            Value::Number(n) if n.as_i64().is_some() => {
                                n.as_i64().map(EnumValue::Int)
                            }
                            _ => {
                                report.error(
                                    v.pos,
                                    "an enum value must be a string or a whole number",
                                );
                                None
                            }
                        });
                let name = e.take("name").and_then(|n| string(n, "`name`", report));
                let description = opt_text(&mut e, "description", "`description`", report);
                e.finish("an enum item", &["value", "name", "description"], report);
                if let Some(value) = value {
                    out.push(EnumItemSpec {
                        pos: item.pos,
                        value,
                        name,
                        description,
                    });
                }
            }
            _ => report.error_help(
                item.pos,
                format!(
                    "an enum item must be a string or a map, found {}",
                    item.kind()
                ),
                "write `- VALUE` or `- { value: 0, name: None }`",
            ),
        }
    }
    out
}

/// `one_of:`'s alternatives: name (a tag value, when tagged) → type expression, or nothing
/// (`~`) for an alternative that is only its tag.
fn one_of_items(node: &Node, report: &mut Reporter<'_>) -> Vec<Alternative> {
    let Some(mut e) = Entries::of(node, "`one_of`", report) else {
        return Vec::new();
    };
    e.rest()
        .into_iter()
        .filter_map(|(name, key_node, value)| {
            let ty = match &value.value {
                Value::Null => None,
                _ => Some(string(value, "an alternative's type", report)?),
            };
            Some((
                At {
                    pos: Pos {
                        len: name.chars().count() as u32,
                        ..key_node.pos
                    },
                    value: name,
                },
                ty,
            ))
        })
        .collect()
}

/// `open:`: `true`, `false`, or the type of the members `fields` does not list.
fn open_members(node: &Node, report: &mut Reporter<'_>) -> Open {
    match &node.value {
        Value::Str(text) if text != "true" && text != "false" => Open::Typed(At {
            pos: node.pos,
            value: text.clone(),
        }),
        _ => {
            if boolean(node, "`open`", report) {
                Open::Any
            } else {
                Open::Closed
            }
        }
    }
}
