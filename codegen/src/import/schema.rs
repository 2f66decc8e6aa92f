//! JSON Schemas (OpenAPI 3.0's dialect and 3.1's) as the spec language says them: a type
//! expression with the keys that go beside it (`type: string, max_length: 20`), and the named
//! types that objects, enums, unions, compositions and constrained scalars become.

use super::json::{Members, Value};
use specgen_rules::{Numeric, Pattern};

use super::Importer;
use super::source::At;
use super::types::Def;
use super::yaml::{Map, Yaml};

/// A schema as a field, parameter or header writes it.
#[derive(Debug, Clone, Default)]
pub struct Shape {
    /// The type expression (`string`, `list<Pet>`, `Name`).
    pub ty: String,
    /// Keys beside `type`: constraints and `format`, in the table's order.
    pub keys: Map,
    pub nullable: bool,
    pub read_only: bool,
    pub deprecated: bool,
    pub default: Option<Value>,
    pub description: Option<String>,
}

impl Shape {
    fn of(ty: &str) -> Shape {
        Shape {
            ty: ty.to_owned(),
            ..Shape::default()
        }
    }
}

/// JSON Schema keywords the language has no word for, which change what a value may be.
const UNSAID: &[&str] = &[
    "not",
    "if",
    "then",
    "else",
    "patternProperties",
    "dependentSchemas",
    "dependentRequired",
    "prefixItems",
    "contains",
    "minContains",
    "maxContains",
    "unevaluatedProperties",
    "unevaluatedItems",
    "propertyNames",
    "multipleOf",
    "writeOnly",
];

/// Keywords that only document.
pub(super) const DOCUMENTING: &[&str] = &[
    "title",
    "externalDocs",
    "xml",
    "example",
    "examples",
    "$comment",
];

impl Importer<'_> {
    /// The shape of the schema `schema` found at `at`; an object, enum or union in it becomes
    /// a named type called after `hint`.
    pub fn shape(&mut self, schema: &Value, at: &At, hint: &str) -> Shape {
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            return self.referenced(schema, reference, at);
        }
        self.report_unsaid(schema, at);
        let (schema, nullable) = self.without_null(schema, at);
        let mut shape = self.shape_of_kind(&schema, at, hint);
        shape.nullable |= nullable;
        self.common_keys(&schema, at, &mut shape);
        shape
    }

    /// A `$ref`: the named type its target is written as, with what is said beside it (3.1
    /// allows `description` there) and whether the target may be null.
    fn referenced(&mut self, schema: &Value, reference: &str, at: &At) -> Shape {
        // Nullability and `readOnly` are said of uses in the spec language, so a target's
        // are its uses'.
        let (ty, nullable, read_only) = match self.sources.target(reference, at.file) {
            Ok(target) => {
                let resolved = self
                    .sources
                    .get(&target)
                    .and_then(|t| self.sources.resolve(t, &target).ok());
                let nullable = resolved.as_ref().is_some_and(|(t, _)| is_nullable(t));
                let read_only = resolved.is_some_and(|(t, _)| is_read_only(t));
                (self.named(&target), nullable, read_only)
            }
            Err(problem) => {
                self.gaps
                    .gap(at, "reference", format!("{}; read as `any`", problem.0));
                ("any".to_owned(), false, false)
            }
        };
        let mut shape = Shape::of(&ty);
        shape.nullable = nullable || schema.get("nullable").is_some_and(Value::is_true);
        shape.description = text(schema, "description");
        shape.read_only = read_only || is_read_only(schema);
        shape.default = schema
            .get("default")
            .and_then(|d| self.read_default(d, &ty, shape.nullable, at));
        shape
    }

    /// The type expression of the schema at `target`, defined (once) as a named type.
    pub fn named(&mut self, target: &At) -> String {
        if let Some(ty) = self.types.at(target).map(str::to_owned) {
            if self.types.take_pending(target)
                && let Some(schema) = self.sources.get(target).cloned()
            {
                self.define(&ty, &schema, target);
            }
            return ty;
        }
        let Some(schema) = self.sources.get(target).cloned() else {
            self.gaps.gap(
                target,
                "reference",
                "this reference names nothing; read as `any`",
            );
            return "any".to_owned();
        };
        // Placed before it is followed, so a circle of references ends.
        self.types.place(target, "any");
        let ty = match self.sources.resolve(&schema, target) {
            Ok((_, place)) if place != *target => self.named(&place),
            Ok((value, _)) => {
                let value = value.clone();
                self.named_schema(&value, target)
            }
            Err(problem) => {
                self.gaps
                    .gap(target, "reference", format!("{}; read as `any`", problem.0));
                "any".to_owned()
            }
        };
        self.types.place(target, &ty);
        ty
    }

    /// A schema a `$ref` names that no component reserved a name for: `any`, the type its
    /// one part is (an alias), or a type of its own named after its place.
    fn named_schema(&mut self, schema: &Value, target: &At) -> String {
        if is_untyped(schema) {
            return "any".to_owned();
        }
        if let Some((key, part)) = alias_of(schema) {
            let part_at = target.child(key).index(0);
            self.gaps.note(
                target,
                "alias",
                "a schema that is only another one: uses of it name that one",
            );
            return self.shape(&part, &part_at, &target.last()).ty;
        }
        let name = self.types.unique_name(&target.last());
        self.types.place(target, &name);
        self.define(&name, schema, target);
        name
    }

    /// Defines `name` from `schema`: an object, enum, union, composition, or a named scalar.
    /// Its uses say whether it may be null.
    pub fn define(&mut self, name: &str, schema: &Value, at: &At) {
        let mark = self.gaps.mark();
        self.report_unsaid(schema, at);
        let (schema, _) = self.without_null(schema, at);
        let mut yaml = match kind(&schema) {
            Kind::Object if has_properties(&schema) => self.object(name, &schema, at),
            Kind::Enum => self.enumeration(&schema, at),
            Kind::Union => self.union(name, &schema, at),
            Kind::Composition => self.composition(name, &schema, at),
            Kind::Object | Kind::Plain => self.scalar(name, &schema, at),
        };
        if let Some(description) = text(&schema, "description") {
            yaml.0.insert(
                0,
                super::yaml::Entry {
                    key: "description".into(),
                    value: Yaml::Str(description),
                    comment: None,
                },
            );
        }
        if schema.get("deprecated").is_some_and(Value::is_true) {
            yaml.insert("deprecated", true);
        }
        let comment = self.gaps.claim_since(self.sources, mark);
        self.types.define(Def {
            name: name.to_owned(),
            at: at.clone(),
            yaml,
            comment,
        });
    }

    /// A named scalar: a plain type, list or map, with its constraints.
    fn scalar(&mut self, name: &str, schema: &Value, at: &At) -> Map {
        let shape = self.shape_of_kind(schema, at, &format!("{name}Item"));
        let mut yaml = Map::new();
        yaml.insert("type", shape.ty.as_str());
        yaml.0.extend(shape.keys.0);
        yaml
    }

    /// The shape of a schema that is no reference, by what it is.
    fn shape_of_kind(&mut self, schema: &Value, at: &At, hint: &str) -> Shape {
        match kind(schema) {
            Kind::Object if has_properties(schema) => self.inline(schema, at, hint),
            Kind::Enum | Kind::Union | Kind::Composition => {
                if let Some(shape) = self.single_part(schema, at, hint) {
                    return shape;
                }
                self.inline(schema, at, hint)
            }
            Kind::Object => self.map(schema, at, hint),
            Kind::Plain => self.plain(schema, at, hint),
        }
    }

    /// An object, enum or union written where it is used: a named type of its own.
    fn inline(&mut self, schema: &Value, at: &At, hint: &str) -> Shape {
        let name = self.types.unique_name(hint);
        self.types.place(at, &name);
        self.define(&name, schema, at);
        Shape::of(&name)
    }

    /// `allOf: [X]` (or `oneOf`/`anyOf` of one), as OpenAPI documents write a reference with a
    /// description beside it: the one part.
    fn single_part(&mut self, schema: &Value, at: &At, hint: &str) -> Option<Shape> {
        for key in ["allOf", "oneOf", "anyOf"] {
            let Some([only]) = schema.get(key).and_then(Value::as_array).map(Vec::as_slice) else {
                continue;
            };
            if has_properties(schema) {
                return None;
            }
            return Some(self.shape(only, &at.child(key).index(0), hint));
        }
        None
    }

    /// An object without properties: a map of its `additionalProperties`, or of any value.
    fn map(&mut self, schema: &Value, at: &At, hint: &str) -> Shape {
        let value = match schema.get("additionalProperties") {
            Some(values @ Value::Object(_)) if !is_any(values) => {
                let values_at = at.child("additionalProperties");
                let shape = self.shape(values, &values_at, &format!("{hint}Value"));
                self.element(shape, &values_at, &format!("{hint}Value"))
            }
            Some(Value::Bool(false)) => {
                let what = "an object with no members, which the language cannot close: \
                            members are ignored, not refused";
                self.gaps
                    .note(&at.child("additionalProperties"), "closed-object", what);
                "any".to_owned()
            }
            _ => self.untyped(at),
        };
        let mut shape = Shape::of(&format!("map<string, {value}>"));
        count(&mut shape.keys, schema, "minProperties", "min_items");
        count(&mut shape.keys, schema, "maxProperties", "max_items");
        shape
    }

    /// A list's item or a map's value: a type expression, `nullable<…>` where it may be null;
    /// where the item has constraints, which a list cannot say of its items, a named scalar
    /// holds them.
    pub(super) fn element(&mut self, shape: Shape, at: &At, hint: &str) -> String {
        let nullable = shape.nullable;
        let ty = self.held_by_name(shape, at, hint).ty;
        if nullable && ty != "any" {
            format!("nullable<{ty}>")
        } else {
            ty
        }
    }

    /// Where only a type expression can be written (a list's item, a union's alternative), a
    /// plain type with constraints or a description as a named scalar that holds them.
    pub(super) fn held_by_name(&mut self, shape: Shape, at: &At, hint: &str) -> Shape {
        // Named types are PascalCase, and hold their own description; plain types are not.
        let plain = shape.ty.starts_with(|c: char| c.is_ascii_lowercase());
        if !plain || (shape.keys.is_empty() && shape.description.is_none()) {
            return shape;
        }
        let name = self.types.unique_name(hint);
        self.types.place(at, &name);
        let mut yaml = Map::new();
        if let Some(description) = &shape.description {
            yaml.insert("description", description.as_str());
        }
        yaml.insert("type", shape.ty.as_str());
        yaml.0.extend(shape.keys.0);
        self.types.define(Def {
            name: name.clone(),
            at: at.clone(),
            yaml,
            comment: None,
        });
        Shape {
            ty: name,
            keys: Map::new(),
            description: None,
            ..shape
        }
    }

    /// A string, number, boolean or array.
    fn plain(&mut self, schema: &Value, at: &At, hint: &str) -> Shape {
        match type_name(schema) {
            Some("string") => self.string(schema, at),
            Some("integer") => self.integer(schema, at),
            Some("number") => self.number(schema, at),
            Some("boolean") => Shape::of("boolean"),
            Some("array") => self.array(schema, at, hint),
            Some(other) if other != "null" => {
                self.gaps
                    .gap(at, "type", format!("type `{other}`; read as `any`"));
                Shape::of("any")
            }
            _ => Shape::of(&self.untyped(at)),
        }
    }

    /// The type of a value with no schema: `any`, but a text inside a form body's or a
    /// parameter's own schema.
    fn untyped(&mut self, at: &At) -> String {
        let in_texts = self.texts.as_ref().is_some_and(|texts| {
            at.file == texts.file && at.pointer.starts_with(texts.pointer.as_str())
        });
        if !in_texts {
            return "any".to_owned();
        }
        let what = "a value with no schema in a form-urlencoded body or a parameter: read as \
                    text, as every value there is";
        self.gaps.note(at, "text-value", what);
        "string".to_owned()
    }

    fn array(&mut self, schema: &Value, at: &At, hint: &str) -> Shape {
        let item = match schema.get("items") {
            Some(items @ Value::Object(_)) => {
                let items_at = at.child("items");
                let shape = self.shape(items, &items_at, &format!("{hint}Item"));
                self.element(shape, &items_at, &format!("{hint}Item"))
            }
            _ => self.untyped(at),
        };
        let mut shape = Shape::of(&format!("list<{item}>"));
        count(&mut shape.keys, schema, "minItems", "min_items");
        count(&mut shape.keys, schema, "maxItems", "max_items");
        if schema.get("uniqueItems").is_some_and(Value::is_true) {
            shape.keys.insert("unique_items", true);
        }
        shape
    }

    fn string(&mut self, schema: &Value, at: &At) -> Shape {
        let format = schema.get("format").and_then(Value::as_str);
        let mut shape = match format {
            Some("uuid") => return Shape::of("uuid"),
            Some(name) if specgen_rules::Format::from_name(name).is_some() => {
                let mut shape = Shape::of("string");
                shape.keys.insert("format", name);
                shape
            }
            Some("binary") if self.multipart => return Shape::of("file"),
            // JSON, a form, a header or a query carries text, never raw octets: any string the
            // document allows there, the generated code takes.
            Some("binary") => {
                self.gaps.note(
                    at,
                    "binary",
                    "`format: binary` where only text travels (JSON, a form, a parameter); read as text",
                );
                Shape::of("string")
            }
            Some(other) => {
                self.gaps.note(
                    at,
                    "format",
                    format!("`format: {other}`, which specgen does not check"),
                );
                Shape::of("string")
            }
            None => Shape::of("string"),
        };
        // A format the runtime holds in a type of its own takes no length or pattern.
        if !matches!(format, Some("byte" | "date" | "time" | "date-time")) {
            count(&mut shape.keys, schema, "minLength", "min_length");
            count(&mut shape.keys, schema, "maxLength", "max_length");
            self.pattern(schema, at, &mut shape.keys);
        }
        shape
    }

    /// `pattern`, when the Rust `regex` crate reads it (no look-around, no back-references).
    fn pattern(&mut self, schema: &Value, at: &At, keys: &mut Map) {
        let Some(pattern) = schema.get("pattern").and_then(Value::as_str) else {
            return;
        };
        match Pattern::new(pattern) {
            Ok(_) => keys.insert("pattern", pattern),
            Err(_) => self.gaps.gap(
                &at.child("pattern"),
                "pattern",
                format!("the pattern `{pattern}`, which Rust's regex syntax cannot read"),
            ),
        }
    }

    fn integer(&mut self, schema: &Value, at: &At) -> Shape {
        let format = schema.get("format").and_then(Value::as_str);
        let known = format
            .and_then(Numeric::from_name)
            .filter(|n| n.is_integer());
        if let (Some(other), None) = (format, known) {
            let what =
                format!("`format: {other}`, not an integer format specgen knows; read as int64");
            self.gaps.note(at, "format", what);
        }
        let numeric = known.unwrap_or(Numeric::Int64);
        let mut shape = Shape::of(numeric.name());
        self.bounds(schema, at, numeric, &mut shape.keys);
        shape
    }

    fn number(&mut self, schema: &Value, at: &At) -> Shape {
        let numeric = match schema.get("format").and_then(Value::as_str) {
            Some("float") => Numeric::Float32,
            _ => Numeric::Number,
        };
        let mut shape = Shape::of(numeric.name());
        self.bounds(schema, at, numeric, &mut shape.keys);
        shape
    }
}

/// What a schema that is no reference becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Object,
    Enum,
    Union,
    Composition,
    Plain,
}

fn kind(schema: &Value) -> Kind {
    if schema.get("enum").is_some() && !has_properties(schema) {
        return Kind::Enum;
    }
    if schema.get("allOf").is_some() {
        return Kind::Composition;
    }
    if schema.get("oneOf").is_some() || schema.get("anyOf").is_some() {
        return Kind::Union;
    }
    let object = type_name(schema) == Some("object")
        || (type_name(schema).is_none()
            && (schema.get("properties").is_some()
                || schema.get("additionalProperties").is_some()));
    if object { Kind::Object } else { Kind::Plain }
}

fn has_properties(schema: &Value) -> bool {
    schema
        .get("properties")
        .and_then(Value::as_object)
        .is_some_and(|p| !p.is_empty())
}

/// The schema's one type (3.1 writes `["string", "null"]`; the null is taken out before);
/// where it states none, the type its keywords are about (`pattern`: a string).
fn type_name(schema: &Value) -> Option<&str> {
    match schema.get("type") {
        Some(Value::String(name)) => Some(name),
        Some(Value::Array(names)) => names
            .iter()
            .filter_map(Value::as_str)
            .find(|n| *n != "null"),
        Some(_) => None,
        None => {
            let has = |keys: &[&str]| keys.iter().any(|k| schema.get(k).is_some());
            if has(&["format", "pattern", "minLength", "maxLength"]) {
                Some("string")
            } else if has(&["items", "minItems", "maxItems"]) {
                Some("array")
            } else if has(&["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]) {
                Some("number")
            } else {
                None
            }
        }
    }
}

/// Whether a schema reads as `any`: it says nothing of its values, or gives no type the
/// language has.
pub fn is_untyped(schema: &Value) -> bool {
    let stripped = strip_null(schema);
    let schema = &stripped.schema;
    let typed = matches!(
        type_name(schema),
        Some("string" | "integer" | "number" | "boolean" | "array")
    );
    stripped.several_types || is_any(schema) || kind(schema) == Kind::Plain && !typed
}

/// Whether a schema says nothing of its values (`{}`, or only documentation).
pub fn is_any(schema: &Value) -> bool {
    match schema {
        Value::Bool(true) => true,
        Value::Object(members) => members
            .keys()
            .all(|k| DOCUMENTING.contains(&k.as_str()) || k == "description" || k == "nullable"),
        _ => false,
    }
}

/// A text member.
pub fn text(value: &Value, key: &str) -> Option<String> {
    value
        .get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// A count keyword (`maxLength`) as its spec key (`max_length`), where it is a whole number.
fn count(keys: &mut Map, schema: &Value, keyword: &str, key: &str) {
    if let Some(n) = schema.get(keyword).and_then(Value::as_u64) {
        keys.insert(key, n);
    }
}

impl Importer<'_> {
    /// Reports the keywords of `schema` the language cannot say.
    fn report_unsaid(&mut self, schema: &Value, at: &At) {
        let Value::Object(members) = schema else {
            return;
        };
        for key in members.keys() {
            if UNSAID.contains(&key.as_str()) {
                self.gaps.gap(
                    &at.child(key),
                    "keyword",
                    format!("`{key}`, which specgen cannot say"),
                );
            } else if ["title", "externalDocs", "xml"].contains(&key.as_str()) {
                self.gaps
                    .note(&at.child(key), "documentation", format!("`{key}`"));
            }
        }
    }

    /// The schema without its `null`, and whether it had one; several types at once are
    /// reported and read as `any`.
    fn without_null(&mut self, schema: &Value, at: &At) -> (Value, bool) {
        let stripped = strip_null(schema);
        if stripped.several_types {
            self.gaps.gap(
                &at.child("type"),
                "type",
                "several types at once; read as `any`",
            );
            return (Value::Object(Default::default()), stripped.nullable);
        }
        let only_null = schema.get("type").and_then(Value::as_str) == Some("null")
            || schema
                .get("enum")
                .and_then(Value::as_array)
                .is_some_and(|v| v.iter().all(Value::is_null));
        if stripped.nullable && only_null {
            self.gaps.note(
                at,
                "null",
                "a value that can only be `null`; read as any value",
            );
        }
        let mut schema = merged_enum(&stripped.schema).unwrap_or(stripped.schema);
        self.without_member_rules(&mut schema, at);
        (schema, stripped.nullable)
    }

    /// An object's `oneOf`/`anyOf` whose alternatives only constrain its own members (which
    /// are required, which values they take), reported and taken out: the object is read.
    fn without_member_rules(&mut self, schema: &mut Value, at: &At) {
        if !has_properties(schema) {
            return;
        }
        let Some(members) = schema.as_object_mut() else {
            return;
        };
        for key in ["oneOf", "anyOf"] {
            let rules = members
                .get(key)
                .and_then(Value::as_array)
                .is_some_and(|alternatives| {
                    alternatives.iter().all(|a| {
                        a.as_object().is_some_and(|m| {
                            m.get("$ref").is_none()
                                && m.get("type").is_none_or(|t| t.as_str() == Some("object"))
                                && !["enum", "items", "allOf", "oneOf", "anyOf", "const"]
                                    .iter()
                                    .any(|k| m.contains_key(k))
                        })
                    })
                });
            if rules {
                members.remove(key);
                let what = format!(
                    "`{key}` of rules on the object's own members (which are required, what they hold)"
                );
                self.gaps.gap(&at.child(key), "keyword", what);
            }
        }
    }

    /// `minimum`, `maximum` and their exclusive forms, within the range of `numeric`.
    fn bounds(&mut self, schema: &Value, at: &At, numeric: Numeric, keys: &mut Map) {
        let bound = |key: &str| schema.get(key).and_then(Value::as_number).cloned();
        let mut low = bound("minimum").map(|n| (n, false));
        let mut high = bound("maximum").map(|n| (n, false));
        // 3.1 writes an exclusive bound as a number; 3.0 as a flag on the inclusive one.
        if let Some(n) = bound("exclusiveMinimum") {
            low = Some((n, true));
        } else if schema.get("exclusiveMinimum") == Some(&Value::Bool(true)) {
            low = low.map(|(n, _)| (n, true));
        }
        if let Some(n) = bound("exclusiveMaximum") {
            high = Some((n, true));
        } else if schema.get("exclusiveMaximum") == Some(&Value::Bool(true)) {
            high = high.map(|(n, _)| (n, true));
        }
        for (key, bound, step) in [("minimum", low, 1_i64), ("maximum", high, -1)] {
            let Some((number, exclusive)) = bound else {
                continue;
            };
            if beyond_range(&number, exclusive, step, numeric) {
                let what = format!(
                    "the bound {number} ({key}), at or past the end of a `{}`'s own range",
                    numeric.name()
                );
                self.gaps.note(at, "bound", what);
                continue;
            }
            match inclusive(&number, exclusive, step, numeric) {
                Some(value) => keys.insert(key, Yaml::Number(value)),
                None => self.gaps.gap(
                    at,
                    "bound",
                    format!(
                        "the bound {number} ({key}), which a `{}` cannot hold as written",
                        numeric.name()
                    ),
                ),
            }
        }
    }

    /// `description`, `default`, `readOnly`, `deprecated` and `const`.
    fn common_keys(&mut self, schema: &Value, at: &At, shape: &mut Shape) {
        shape.description = shape
            .description
            .take()
            .or_else(|| text(schema, "description"));
        shape.read_only |= is_read_only(schema);
        shape.deprecated |= schema.get("deprecated") == Some(&Value::Bool(true));
        shape.default = schema
            .get("default")
            .and_then(|d| self.read_default(d, &shape.ty, shape.nullable, at));
        if let Some(constant) = schema.get("const") {
            let plain = matches!(shape.ty.as_str(), "string" | "boolean")
                || Numeric::from_name(&shape.ty).is_some();
            let scalar = matches!(
                constant,
                Value::String(_) | Value::Number(_) | Value::Bool(_)
            );
            if plain && scalar {
                shape.keys.insert("const", Yaml::from_json(constant));
            } else {
                self.gaps.gap(
                    &at.child("const"),
                    "const",
                    "a `const` that is not a text, number or boolean of the type",
                );
            }
        }
    }
}

/// Whether a bound leaves every value of the type in: a least bound at or below its least
/// value (`step` 1), a greatest at or above its greatest (`step` -1), as `2^63 - 1` written as
/// a float is; an exclusive one only past that end.
fn beyond_range(number: &serde_json::Number, exclusive: bool, step: i64, numeric: Numeric) -> bool {
    let value = specgen_rules::NumberValue::from_json(number);
    let row = numeric.definition();
    let (end, past) = if step > 0 {
        (row.min, value.at_most(row.min))
    } else {
        (row.max, value.at_least(row.max))
    };
    past && (!exclusive || value != end)
}

/// A bound as an inclusive one the type holds: an exclusive integer bound is the next whole
/// number; an exclusive bound on a float type cannot be said (`None`).
fn inclusive(
    number: &serde_json::Number,
    exclusive: bool,
    step: i64,
    numeric: Numeric,
) -> Option<serde_json::Number> {
    let value = specgen_rules::NumberValue::from_json(number);
    let value = match (exclusive, numeric.is_integer()) {
        (false, _) => value,
        (true, true) => specgen_rules::NumberValue::Int(value.integral()? + i128::from(step)),
        (true, false) => return None,
    };
    let value = match (numeric.is_integer(), value.integral()) {
        (true, Some(whole)) => specgen_rules::NumberValue::Int(whole),
        (true, None) => return None,
        (false, _) => value,
    };
    numeric.within(value).then(|| value.to_json()).flatten()
}

/// A schema with its `null` taken out.
struct Stripped {
    schema: Value,
    nullable: bool,
    /// `type` lists more than one type besides `null`.
    several_types: bool,
}

/// The schema without its `null`: 3.0's `nullable: true`, 3.1's `type: [T, "null"]`, a `null`
/// alternative of `oneOf`/`anyOf`, a `null` among the `enum` values.
fn strip_null(schema: &Value) -> Stripped {
    let mut schema = schema.clone();
    let Some(members) = schema.as_object_mut() else {
        return Stripped {
            schema,
            nullable: false,
            several_types: false,
        };
    };
    let mut nullable = members.remove("nullable").is_some_and(|n| n.is_true());
    let mut several_types = false;
    if let Some(Value::Array(types)) = members.get("type").cloned() {
        let others: Vec<Value> = types
            .iter()
            .filter(|t| t.as_str() != Some("null"))
            .cloned()
            .collect();
        nullable |= others.len() < types.len();
        match others.as_slice() {
            [one] => members.insert("type", one.clone()),
            [] => {
                members.remove("type");
            }
            _ => several_types = true,
        }
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(Value::Array(items)) = members.get_mut(key) {
            nullable |= take_null_from_alternatives(items);
        }
    }
    for key in ["oneOf", "anyOf", "enum"] {
        if let Some(Value::Array(items)) = members.get(key).cloned() {
            let others: Vec<Value> = items
                .iter()
                .filter(|a| !(is_null_schema(a) && key != "enum" || a.is_null() && key == "enum"))
                .cloned()
                .collect();
            if others.len() < items.len() {
                nullable = true;
                if others.is_empty() && key == "enum" {
                    // Only `null`: a value that says nothing.
                    members.remove("enum");
                    members.remove("type");
                } else {
                    members.insert(key, Value::Array(others));
                }
            }
        }
    }
    merge_annotation_parts(members);
    boolean_enum_as_const(members);
    Stripped {
        schema,
        nullable,
        several_types,
    }
}

/// A boolean `enum`: both values say nothing beyond `boolean`; one is a `const`.
fn boolean_enum_as_const(members: &mut Members) {
    let Some(Value::Array(values)) = members.get("enum") else {
        return;
    };
    if values.is_empty() || !values.iter().all(|v| matches!(v, Value::Bool(_))) {
        return;
    }
    let first = values[0].clone();
    let one = values.iter().all(|v| *v == first);
    members.remove("enum");
    if !members.contains_key("type") {
        members.insert("type", Value::String("boolean".into()));
    }
    if one && !members.contains_key("const") {
        members.insert("const", first);
    }
}

/// Keys that describe a value without changing which values are valid.
const ANNOTATIONS: &[&str] = &[
    "description",
    "title",
    "xml",
    "example",
    "examples",
    "externalDocs",
    "deprecated",
    "readOnly",
    "writeOnly",
    "default",
];

/// The parts of `allOf` that only annotate (`allOf: [{$ref: String}, {description: …, xml: …}]`,
/// as many generated documents put words beside a reference), taken into the schema itself:
/// what they say is kept where the schema has not said it already.
fn merge_annotation_parts(members: &mut Members) {
    let Some(Value::Array(parts)) = members.get("allOf") else {
        return;
    };
    let only_annotates = |part: &Value| {
        part.as_object()
            .is_some_and(|m| m.keys().all(|k| ANNOTATIONS.contains(&k.as_str())))
    };
    if !parts.iter().any(only_annotates) {
        return;
    }
    let (annotations, kept): (Vec<Value>, Vec<Value>) =
        parts.iter().cloned().partition(only_annotates);
    for part in annotations.iter().filter_map(Value::as_object) {
        for (key, value) in part {
            if !members.contains_key(key) {
                members.insert(key, value.clone());
            }
        }
    }
    if kept.is_empty() {
        members.remove("allOf");
    } else {
        members.insert("allOf", Value::Array(kept));
    }
}

/// Alternatives written in place that allow `null` themselves, made not to: the union does.
fn take_null_from_alternatives(items: &mut [Value]) -> bool {
    let mut nullable = false;
    for item in items {
        if item.get("$ref").is_none() && !is_null_schema(item) {
            let stripped = strip_null(item);
            if stripped.nullable && !stripped.schema.as_object().is_some_and(|m| m.is_empty()) {
                nullable = true;
                *item = stripped.schema;
            }
        }
    }
    nullable
}

/// `oneOf` (or `anyOf`) of string enums, as documents give each value its description: one
/// enum of every value, each with its alternative's description.
fn merged_enum(schema: &Value) -> Option<Value> {
    let alternatives = schema
        .get("oneOf")
        .or_else(|| schema.get("anyOf"))?
        .as_array()?;
    if has_properties(schema) || alternatives.is_empty() {
        return None;
    }
    let mut values = Vec::new();
    let mut descriptions = Vec::new();
    for alternative in alternatives {
        let members = alternative.as_object()?;
        let plain = members
            .keys()
            .all(|k| ["enum", "type", "description", "title", "const"].contains(&k.as_str()));
        let texts = match (members.get("enum"), members.get("const")) {
            (Some(Value::Array(items)), _) => items.clone(),
            (None, Some(constant)) => vec![constant.clone()],
            _ => return None,
        };
        if !plain
            || !texts.iter().all(|t| t.as_str().is_some())
            || members
                .get("type")
                .is_some_and(|t| t.as_str() != Some("string"))
        {
            return None;
        }
        let description = members
            .get("description")
            .cloned()
            .unwrap_or(Value::String(String::new()));
        for text in texts {
            values.push(text);
            descriptions.push(description.clone());
        }
    }
    let mut merged = schema.as_object()?.clone();
    merged.remove("oneOf");
    merged.remove("anyOf");
    merged.insert("type", Value::String("string".into()));
    merged.insert("enum", Value::Array(values));
    merged.insert("x-enum-descriptions", Value::Array(descriptions));
    Some(Value::Object(merged))
}

/// Whether a schema allows `null` (besides its other values).
pub fn is_nullable(schema: &Value) -> bool {
    strip_null(schema).nullable
}

fn is_read_only(schema: &Value) -> bool {
    schema.get("readOnly").is_some_and(Value::is_true)
}

/// `allOf`, `oneOf` or `anyOf` of one `$ref` and nothing else that changes values: another
/// name for that schema (the key and the part).
pub fn alias_of(schema: &Value) -> Option<(&'static str, Value)> {
    let stripped = strip_null(schema);
    if has_properties(&stripped.schema) || kind_of_members(&stripped.schema) {
        return None;
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        if let Some([only]) = stripped
            .schema
            .get(key)
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            && only.get("$ref").is_some()
        {
            return Some((key, only.clone()));
        }
    }
    None
}

/// Whether the schema says more than its parts: a `type` of its own other than object, an
/// `enum`, or constraints.
fn kind_of_members(schema: &Value) -> bool {
    let Some(members) = schema.as_object() else {
        return false;
    };
    members.keys().any(|k| {
        !(DOCUMENTING.contains(&k.as_str())
            || [
                "description",
                "allOf",
                "oneOf",
                "anyOf",
                "type",
                "readOnly",
                "deprecated",
                "default",
                "discriminator",
            ]
            .contains(&k.as_str()))
    }) || members
        .get("type")
        .is_some_and(|t| t.as_str() != Some("object"))
}

fn is_null_schema(schema: &Value) -> bool {
    schema.get("type").and_then(Value::as_str) == Some("null")
        || schema
            .get("enum")
            .and_then(Value::as_array)
            .is_some_and(|e| e.len() == 1 && e[0].is_null())
}
