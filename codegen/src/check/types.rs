//! Named types: one namespace per service, every reference resolved, every constraint checked
//! against the type it is written on.

use std::collections::{BTreeMap, BTreeSet};

use super::constraints::constraints;
use super::names::{Collision, camel, chosen_rust_name, report_collision, rust_name_help};
use super::type_expr::{self, Expr};
use super::type_names::{built_in_list, numbers_list, states_a_width, suggestion};
use super::unions::union;
use super::{Cx, deprecation, examples, text};
use crate::ir::{self, Numeric, Ty};
use crate::parse::ast::{self, At};

/// The service's types, and their spec names for lookups.
pub(crate) struct Table {
    pub types: Vec<ir::TypeDef>,
    pub by_name: BTreeMap<String, usize>,
    /// The Rust name of every type, request shapes included.
    pub rust_names: BTreeSet<String>,
    /// A type's index → the index of its request shape, once made.
    pub shapes: BTreeMap<usize, usize>,
}

pub(crate) fn build(
    cx: &mut Cx<'_>,
    specs: &[&ast::TypeSpec],
    deprecated_files: &BTreeMap<usize, &ast::Deprecation>,
    language: &str,
) -> Table {
    let (mut table, kept) = declare(cx, specs, deprecated_files, language);
    for (index, spec) in kept.iter().enumerate() {
        if let Some(kind) = kind(cx, &table, spec, language) {
            table.types[index].kind = kind;
        }
    }
    for (index, spec) in kept.iter().enumerate() {
        if let ast::TypeSpecKind::Object { fields, .. } = &spec.kind {
            field_defaults(cx, &mut table, index, spec.file, fields);
            xml_fields(cx, &mut table, index, spec.file, fields);
        }
    }
    super::compose::compose_all(cx, &mut table, &kept);
    super::unions::check_tagged(cx, &table, &kept);
    super::unions::check_untagged(cx, &table, &kept);
    for cycle in super::recursion::endless(&table.types) {
        report_endless(cx, &kept, &cycle);
    }
    table
}

/// Every type's name, so any can name any other; what each is comes after. A name defined
/// twice, or two names with one Rust name, are errors, and the later one is left out.
fn declare<'s>(
    cx: &mut Cx<'_>,
    specs: &[&'s ast::TypeSpec],
    deprecated_files: &BTreeMap<usize, &ast::Deprecation>,
    language: &str,
) -> (Table, Vec<&'s ast::TypeSpec>) {
    let mut table = Table {
        types: Vec::new(),
        by_name: BTreeMap::new(),
        rust_names: BTreeSet::new(),
        shapes: BTreeMap::new(),
    };
    let mut rust_names: BTreeMap<String, &ast::TypeSpec> = BTreeMap::new();
    let mut kept: Vec<&ast::TypeSpec> = Vec::new();
    for spec in specs {
        if let Some(&first) = table.by_name.get(&spec.name.value) {
            let other = kept[first];
            let where_ = location(cx, other.file, other.name.pos);
            cx.at(spec.file).error_help(
                spec.name.pos,
                format!("type `{}` is defined twice", spec.name.value),
                format!("it is first defined at {where_}; rename one of them"),
            );
            continue;
        }
        let rust = camel(&spec.name.value);
        if let Some(other) = rust_names.get(&rust) {
            let where_ = location(cx, other.file, other.name.pos);
            let collision = Collision {
                kinds: "types",
                noun: "the Rust type",
                first: &other.name.value,
                second: &spec.name.value,
                rust: &rust,
            };
            let help = format!("rename one of them (the other is at {where_})");
            report_collision(cx, spec.file, spec.name.pos, collision, help);
            continue;
        }
        rust_names.insert(rust.clone(), spec);
        table.by_name.insert(spec.name.value.clone(), kept.len());
        table.rust_names.insert(rust.clone());
        kept.push(spec);
        // Types written in a deprecated endpoint's file go away with it.
        let deprecated = spec
            .deprecated
            .as_ref()
            .or(deprecated_files.get(&spec.file).copied());
        table.types.push(ir::TypeDef {
            name: rust,
            description: text(&spec.description, language),
            deprecated: deprecated.map(|d| deprecation(d, language)),
            kind: ir::TypeKind::Struct {
                fields: Vec::new(),
                extra: None,
            },
            request_shape_of: None,
        });
    }
    (table, kept)
}

/// What a declared type is, every name being known; `None` for a named scalar that does not
/// resolve (reported).
fn kind(
    cx: &mut Cx<'_>,
    table: &Table,
    spec: &ast::TypeSpec,
    language: &str,
) -> Option<ir::TypeKind> {
    Some(match &spec.kind {
        ast::TypeSpecKind::Object { open, fields, .. } => {
            object(cx, table, spec.file, fields, open, language)
        }
        ast::TypeSpecKind::Enum(items) => enumeration(cx, spec, items, language),
        ast::TypeSpecKind::OneOf {
            alternatives,
            tag,
            content,
        } => union(
            cx,
            table,
            spec.file,
            alternatives,
            (tag.as_ref(), content.as_ref()),
        ),
        ast::TypeSpecKind::Scalar { ty, constraints } => {
            scalar(cx, table, spec.file, ty, constraints)?
        }
    })
}

/// Where the field `wire` is among the fields of the struct `index`; `None` for a field
/// reported and left out already, or a type that is no struct.
fn field_position(table: &Table, index: usize, wire: &str) -> Option<usize> {
    match &table.types[index].kind {
        ir::TypeKind::Struct { fields, .. } => fields.iter().position(|f| f.wire == wire),
        _ => None,
    }
}

/// The defaults of a struct's fields, each checked against its field once every type is
/// known (a default may be a value of an enum defined later).
fn field_defaults(
    cx: &mut Cx<'_>,
    table: &mut Table,
    index: usize,
    file: usize,
    specs: &[ast::FieldSpec],
) {
    for spec in specs {
        let Some(node) = &spec.default else {
            continue;
        };
        // A field reported already has no place to take a default.
        let Some(position) = field_position(table, index, &spec.name.value) else {
            continue;
        };
        let ir::TypeKind::Struct { fields, .. } = &table.types[index].kind else {
            return;
        };
        let field = &fields[position];
        if spec.required {
            cx.at(file).error_help(
                node.pos,
                format!(
                    "field `{}` is always sent, so it has no default",
                    spec.name.value
                ),
                "remove `default`, or `required: true`",
            );
            continue;
        }
        let label = format!("the default of `{}`", spec.name.value);
        let help = "write a value of the field's type that meets its constraints";
        let (ty, constraints) = (field.ty.clone(), field.constraints.clone());
        let value = if node.value == crate::load::Value::Null && spec.nullable {
            Some(serde_json::Value::Null)
        } else {
            examples::canonical(
                cx,
                table,
                file,
                (&label, help),
                node,
                &ty,
                Some(&constraints),
            )
        };
        if let ir::TypeKind::Struct { fields, .. } = &mut table.types[index].kind {
            fields[position].default = value;
        }
    }
}

/// The fields whose XML form the spec gives (`xml_attribute`, `xml_item`, `xml_name`), each checked once
/// every type is known: an attribute holds one plain value, never `null`; a wrapped list is
/// a list that is there or left out, never `null`.
fn xml_fields(
    cx: &mut Cx<'_>,
    table: &mut Table,
    index: usize,
    file: usize,
    specs: &[ast::FieldSpec],
) {
    for spec in specs {
        let Some(position) = field_position(table, index, &spec.name.value) else {
            continue;
        };
        let ir::TypeKind::Struct { fields, .. } = &table.types[index].kind else {
            return;
        };
        let ty = fields[position].ty.clone();
        let attribute = match spec.xml_attribute {
            Some(At { pos, value: true }) => xml_attribute(cx, table, file, spec, &ty, pos),
            _ => false,
        };
        let item = spec
            .xml_item
            .as_ref()
            .and_then(|item| xml_item(cx, table, file, spec, &ty, item));
        let name = spec.xml_name.as_ref().and_then(|name| {
            if specgen_rules::xml::is_element_name(&name.value) {
                return Some(name.value.clone());
            }
            let message = format!("`{}` is not an XML element name", name.value);
            let help = "use letters, digits, `_`, `-` and `.`, starting with a letter";
            cx.at(file).error_help(name.pos, message, help);
            None
        });
        if let ir::TypeKind::Struct { fields, .. } = &mut table.types[index].kind {
            fields[position].xml_attribute = attribute;
            fields[position].xml_item = item;
            fields[position].xml_name = name;
        }
    }
}

/// Whether a field with `xml_attribute: true` can be an attribute (else reported).
fn xml_attribute(
    cx: &mut Cx<'_>,
    table: &Table,
    file: usize,
    spec: &ast::FieldSpec,
    ty: &Ty,
    pos: crate::diagnostics::Pos,
) -> bool {
    let problem = if !super::bodies::is_scalar(ty, table) {
        format!(
            "`xml_attribute` is for a plain value (a text, a number, a boolean, an enum), not {}",
            describe(ty, table)
        )
    } else if spec.nullable {
        "an XML attribute cannot be `null`: it is there with a value, or left out".into()
    } else {
        return true;
    };
    cx.at(file)
        .error_help(pos, problem, "remove `xml_attribute`");
    false
}

/// The element of each item of a field's list wrapped in XML (`xml_item`), where it can be.
fn xml_item(
    cx: &mut Cx<'_>,
    table: &Table,
    file: usize,
    spec: &ast::FieldSpec,
    ty: &Ty,
    item: &At<String>,
) -> Option<String> {
    let problem = if !matches!(ir::underlying(&table.types, ty), Ty::List(_)) {
        format!(
            "`xml_item` names the element of each item of a list, but this field is {}",
            describe(ty, table)
        )
    } else if spec.nullable {
        "a list wrapped in XML cannot be `null`: its element is there, empty or not".into()
    } else if spec.xml_attribute.as_ref().is_some_and(|a| a.value) {
        "a list cannot be an XML attribute".into()
    } else if !specgen_rules::xml::is_element_name(&item.value) {
        format!("`{}` is not an XML element name", item.value)
    } else {
        return Some(item.value.clone());
    };
    cx.at(file).error_help(
        item.pos,
        problem,
        "remove `xml_item`, or make the field a list",
    );
    None
}

/// Reports types whose every value must hold another of them, by required fields: no JSON
/// value of them can end, so no request or answer could be written.
fn report_endless(cx: &mut Cx<'_>, kept: &[&ast::TypeSpec], cycle: &[usize]) {
    let names: Vec<&str> = cycle.iter().map(|&i| kept[i].name.value.as_str()).collect();
    let first = kept[cycle[0]];
    let message = if names.len() == 1 {
        format!(
            "every `{}` must hold another `{}` by required fields, so no value of it can end",
            names[0], names[0]
        )
    } else {
        format!(
            "`{}` must hold one another by required fields, so no value of them can end",
            names.join("`, `")
        )
    };
    cx.at(first.file).error_help(
        first.name.pos,
        message,
        "make one field of the cycle optional or nullable",
    );
}

/// `file:line:col` of a position, for "first defined at" hints.
pub(crate) fn location(cx: &mut Cx<'_>, file: usize, pos: crate::diagnostics::Pos) -> String {
    format!("{}:{}:{}", cx.files[file].name, pos.line, pos.col)
}

/// Reports a type expression that does not parse.
fn unreadable(
    cx: &mut Cx<'_>,
    file: usize,
    expr: &At<String>,
    e: type_expr::SyntaxError,
) -> Option<Ty> {
    // `{ type: map<string, int32> }` is cut at the comma by YAML's flow map.
    let help = if expr.value.starts_with("map<") && !expr.value.contains(',') {
        "in a `{ … }` map, quote a type holding a comma: `type: \"map<string, Name>\"`"
    } else {
        "write a type such as `string`, `list<Name>` or `map<uuid, Name>`"
    };
    cx.at(file).error_help(
        e.pos,
        format!("cannot read type `{}`: {}", expr.value, e.message),
        help,
    );
    None
}

impl Table {
    /// Resolve a type expression written at `expr.pos` in `file`.
    /// `bytes` is not one: it is only ever a whole body (see [`Table::resolve_body`]).
    pub fn resolve(&self, cx: &mut Cx<'_>, file: usize, expr: &At<String>) -> Option<Ty> {
        self.resolve_at(cx, file, expr, false)
    }

    /// Resolve the type expression of a whole request or response body, which may be `bytes`.
    pub fn resolve_body(&self, cx: &mut Cx<'_>, file: usize, expr: &At<String>) -> Option<Ty> {
        self.resolve_at(cx, file, expr, true)
    }

    fn resolve_at(
        &self,
        cx: &mut Cx<'_>,
        file: usize,
        expr: &At<String>,
        whole_body: bool,
    ) -> Option<Ty> {
        match type_expr::parse(&expr.value, expr.pos) {
            Ok(Expr::Name(name, _)) if whole_body && name == "bytes" => Some(Ty::Bytes),
            Ok(parsed) => self.resolve_expr(cx, file, &parsed),
            Err(e) => unreadable(cx, file, expr, e),
        }
    }

    /// Resolve the type of values a container holds (an open object's unlisted members),
    /// which may be `nullable<T>` as a map's values may.
    pub fn resolve_value(&self, cx: &mut Cx<'_>, file: usize, expr: &At<String>) -> Option<Ty> {
        match type_expr::parse(&expr.value, expr.pos) {
            Ok(parsed) => self.resolve_element(cx, file, &parsed),
            Err(e) => unreadable(cx, file, expr, e),
        }
    }

    fn resolve_expr(&self, cx: &mut Cx<'_>, file: usize, expr: &Expr) -> Option<Ty> {
        match expr {
            Expr::List(item) => Some(Ty::List(Box::new(self.resolve_element(cx, file, item)?))),
            Expr::Nullable(_, pos) => {
                cx.at(file).error_help(
                    *pos,
                    "`nullable<…>` is a list's item or a map's value that may be null",
                    "write `nullable: true` beside the type of a field or parameter, or use it \
                     inside `list<…>` or `map<…>`",
                );
                None
            }
            Expr::Map(key, value, pos) => {
                let k = self.resolve_expr(cx, file, key);
                let v = self.resolve_element(cx, file, value);
                let k = k?;
                if !matches!(k, Ty::String | Ty::Uuid) && !k.is_integer() {
                    cx.at(file).error_help(
                        *pos,
                        "a map's keys must be `string`, `uuid` or an integer type",
                        "JSON object keys are strings: use one of those key types",
                    );
                    return None;
                }
                Some(Ty::Map(Box::new(k), Box::new(v?)))
            }
            Expr::Name(name, pos) => match name.as_str() {
                "string" => Some(Ty::String),
                "boolean" => Some(Ty::Boolean),
                "uuid" => Some(Ty::Uuid),
                "any" => Some(Ty::Any),
                "file" => Some(Ty::File),
                "bytes" => {
                    cx.at(file).error_help(
                        *pos,
                        "`bytes` is a whole raw body, not a value inside one",
                        "use it as a request's or response's `body` with a raw media type; a member holding a file is `file`",
                    );
                    None
                }
                "list" | "map" | "nullable" => {
                    let help = match name.as_str() {
                        "list" => "write `list<ItemType>`",
                        "map" => "write `map<KeyType, ValueType>`",
                        _ => "write `nullable<ItemType>`",
                    };
                    cx.at(file)
                        .error_help(*pos, format!("`{name}` needs its item types"), help);
                    None
                }
                _ => match (Numeric::from_name(name), self.by_name.get(name)) {
                    (Some(numeric), _) => Some(Ty::Numeric(numeric)),
                    (None, Some(&index)) => Some(Ty::Named(index)),
                    (None, None) => {
                        self.unknown(cx, file, name, *pos);
                        None
                    }
                },
            },
        }
    }

    /// A list's item or a map's value, which may be `nullable<T>` (of no `nullable<…>` again).
    fn resolve_element(&self, cx: &mut Cx<'_>, file: usize, expr: &Expr) -> Option<Ty> {
        match expr {
            Expr::Nullable(inner, _) => {
                Some(Ty::Nullable(Box::new(self.resolve_expr(cx, file, inner)?)))
            }
            _ => self.resolve_expr(cx, file, expr),
        }
    }

    /// Reports `name`, which names no type, with the closest name that keeps what it states
    /// (see [`super::type_names`]), or the types there are.
    fn unknown(&self, cx: &mut Cx<'_>, file: usize, name: &str, pos: crate::diagnostics::Pos) {
        let help = match suggestion(name, self.by_name.keys().map(String::as_str)) {
            Some(close) => format!("did you mean `{close}`?"),
            None if states_a_width(name) => format!(
                "no type of that width: the numbers are {}; a wider integer travels as a \
                 `string` with a `pattern`",
                numbers_list()
            ),
            None => format!(
                "define `{name}` under `types:`, or use one of: {}",
                built_in_list()
            ),
        };
        let message = if name.starts_with(|c: char| c.is_ascii_uppercase()) {
            format!("type `{name}` is not defined in this service")
        } else {
            format!("unknown type `{name}`")
        };
        cx.at(file).error_help(pos, message, help);
    }
}

fn object(
    cx: &mut Cx<'_>,
    table: &Table,
    file: usize,
    specs: &[ast::FieldSpec],
    open: &ast::Open,
    language: &str,
) -> ir::TypeKind {
    let mut fields: Vec<ir::Field> = Vec::new();
    let mut taken: BTreeMap<String, &ast::FieldSpec> = BTreeMap::new();
    for spec in specs {
        let Some(rust) = chosen_rust_name(cx, file, spec.rust_name.as_ref(), &spec.name.value)
        else {
            continue;
        };
        if let Some(other) = taken.get(&rust) {
            let collision = Collision {
                kinds: "fields",
                noun: "the Rust field",
                first: &other.name.value,
                second: &spec.name.value,
                rust: &rust,
            };
            report_collision(cx, file, spec.name.pos, collision, rust_name_help(&rust));
            continue;
        }
        taken.insert(rust.clone(), spec);
        let Some(ty) = table.resolve(cx, file, &spec.ty) else {
            continue;
        };
        let constraints = constraints(cx, file, &spec.constraints, &ty, table);
        fields.push(ir::Field {
            rust,
            wire: spec.name.value.clone(),
            ty,
            required: spec.required,
            nullable: spec.nullable,
            read_only: spec.read_only,
            description: text(&spec.description, language),
            deprecated: spec.deprecated.as_ref().map(|d| deprecation(d, language)),
            constraints,
            default: None,
            boxed: false,
            xml_attribute: false,
            xml_item: None,
            xml_name: None,
        });
    }
    let extra = match open {
        ast::Open::Closed => None,
        ast::Open::Any => Some(Ty::Any),
        ast::Open::Typed(expr) => table.resolve_value(cx, file, expr),
    }
    .map(|ty| ir::Extra {
        rust: super::compose::free_name(&fields),
        ty,
    });
    ir::TypeKind::Struct { fields, extra }
}

/// A named scalar: a type that is not a named one, nor a whole body (`file`, `bytes`), with its
/// constraints checked against it.
fn scalar(
    cx: &mut Cx<'_>,
    table: &Table,
    file: usize,
    ty: &At<String>,
    constraints: &ast::Constraints,
) -> Option<ir::TypeKind> {
    let resolved = table.resolve(cx, file, ty)?;
    if matches!(resolved, Ty::Named(_) | Ty::File | Ty::Any) {
        cx.at(file).error_help(
            ty.pos,
            format!(
                "a named scalar wraps a plain type, a list or a map, not {}",
                describe(&resolved, table)
            ),
            "use that type by its own name where it is needed",
        );
        return None;
    }
    let constraints = super::constraints::constraints(cx, file, constraints, &resolved, table);
    Some(ir::TypeKind::Scalar {
        ty: resolved,
        constraints,
    })
}

/// A type as the spec writes it, for messages.
pub(crate) fn describe(ty: &Ty, table: &Table) -> String {
    fn name(ty: &Ty, table: &Table) -> String {
        match ty {
            Ty::String => "string".into(),
            Ty::Numeric(n) => n.name().into(),
            Ty::Boolean => "boolean".into(),
            Ty::Uuid => "uuid".into(),
            Ty::Any => "any".into(),
            Ty::File => "file".into(),
            Ty::Bytes => "bytes".into(),
            Ty::List(item) => format!("list<{}>", name(item, table)),
            Ty::Map(k, v) => format!("map<{}, {}>", name(k, table), name(v, table)),
            Ty::Nullable(inner) => format!("nullable<{}>", name(inner, table)),
            Ty::Named(i) => table.types[*i].name.clone(),
        }
    }
    format!("`{}`", name(ty, table))
}

fn enumeration(
    cx: &mut Cx<'_>,
    spec: &ast::TypeSpec,
    items: &[ast::EnumItemSpec],
    language: &str,
) -> ir::TypeKind {
    let file = spec.file;
    if items.is_empty() {
        cx.at(file).error_help(
            spec.name.pos,
            format!("enum `{}` has no values", spec.name.value),
            "list its values: `enum: [A, B]`",
        );
    }
    let integer = items
        .iter()
        .any(|i| matches!(i.value, ast::EnumValue::Int(_)));
    let mut seen_rust: BTreeMap<String, String> = BTreeMap::new();
    let mut seen_values: Vec<&ast::EnumValue> = Vec::new();
    let mut strings = Vec::new();
    let mut ints = Vec::new();
    for item in items {
        if seen_values.contains(&&item.value) {
            cx.at(file).error_help(
                item.pos,
                "this enum value is listed twice",
                "remove the second one",
            );
            continue;
        }
        seen_values.push(&item.value);
        let description = text(&item.description, language);
        let (rust, shown) = match (&item.value, &item.name) {
            (_, Some(name)) => (camel(&name.value), name.value.clone()),
            (ast::EnumValue::Str(s), None) => (camel(s), s.clone()),
            (ast::EnumValue::Int(v), None) => {
                cx.at(file).error_help(
                    item.pos,
                    format!("integer enum value {v} has no name"),
                    "write it as `{ value: 0, name: None }`",
                );
                continue;
            }
        };
        if let Some(other) = seen_rust.insert(rust.clone(), shown.clone()) {
            cx.at(file).error_help(
                item.pos,
                format!("enum values `{other}` and `{shown}` both become the variant `{rust}`"),
                "give one of them a `name:`",
            );
            continue;
        }
        match (&item.value, integer) {
            (ast::EnumValue::Int(value), true) => ints.push(ir::IntVariant {
                rust,
                name: shown,
                value: *value,
                description,
            }),
            (ast::EnumValue::Str(value), false) => strings.push(ir::StringVariant {
                rust,
                wire: value.clone(),
                description,
            }),
            _ => cx.at(file).error_help(
                item.pos,
                "an enum mixes string and integer values",
                "make every value a string, or every value a number with a `name`",
            ),
        }
    }
    if integer {
        ir::TypeKind::IntEnum(ints)
    } else {
        ir::TypeKind::StringEnum(strings)
    }
}
