//! Types and constraints → JSON Schema, in the dialect of the chosen OpenAPI version.

use serde_json::Value;

use super::Version;
use super::model::{Additional, Extensions, Ordered, Schema, Types, Xml};
use super::translations::Translations;
use crate::ir::{
    Constraint, Constraints, Field, Limit, Numeric, Rule, Service, Tagged, Ty, TypeDef, TypeKind,
};
use specgen_rules::NumberValue;

/// Where a value travels: inside a JSON document, or as a part of a multipart form (where a
/// file is its bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Json,
    Multipart,
}

/// What is said about a value besides its type.
#[derive(Debug, Default)]
pub struct Notes {
    pub description: Option<String>,
    /// The value assumed when the member is absent.
    pub default: Option<Value>,
    pub nullable: bool,
    pub read_only: bool,
    pub deprecated: bool,
    /// Written as an attribute of its object's element in XML, named so where not as the
    /// member.
    pub xml_attribute: Option<Option<String>>,
    pub extensions: Extensions,
}

/// Writes schemas for one service.
pub struct Schemas<'a> {
    pub service: &'a Service,
    pub lang: &'a str,
    pub version: Version,
}

impl Schemas<'_> {
    /// The component a type is exported as: a request shape (a type without its read-only
    /// fields) is its original type, whose read-only fields OpenAPI already keeps out of
    /// requests.
    pub fn component(&self, index: usize) -> &TypeDef {
        let def = &self.service.types[index];
        match def.request_shape_of {
            Some(original) => &self.service.types[original],
            None => def,
        }
    }

    /// A reference to the component of a named type.
    pub fn reference(&self, index: usize) -> Schema {
        Schema::reference(format!(
            "#/components/schemas/{}",
            self.component(index).name
        ))
    }

    pub fn ty(&self, ty: &Ty, form: Form) -> Schema {
        match ty {
            Ty::String => Schema::of_type("string"),
            Ty::Numeric(numeric) => number(*numeric),
            Ty::Boolean => Schema::of_type("boolean"),
            Ty::Uuid => Schema {
                format: Some("uuid"),
                ..Schema::of_type("string")
            },
            Ty::Any => Schema::default(),
            Ty::File => self.file(form),
            Ty::Bytes => self.raw(),
            Ty::List(item) => Schema {
                items: Some(Box::new(self.ty(item, form))),
                ..Schema::of_type("array")
            },
            Ty::Map(key, value) => {
                let mut schema = Schema {
                    additional_properties: Some(Additional::Schema(Box::new(self.ty(value, form)))),
                    ..Schema::of_type("object")
                };
                if let Some(names) = key_schema(key) {
                    self.name_members(&mut schema, names);
                }
                schema
            }
            Ty::Nullable(inner) => self.nullable(self.ty(inner, form)),
            Ty::Named(index) => self.reference(*index),
        }
    }

    /// Says what an object's member names must match.
    pub fn name_members(&self, schema: &mut Schema, names: Schema) {
        match self.version {
            Version::V3_1 => schema.property_names = Some(Box::new(names)),
            // 3.0 has no `propertyNames`; the same schema is kept as an extension.
            Version::V3_0 => {
                schema
                    .extensions
                    .insert("x-propertyNames".into(), to_value(&names));
            }
        }
    }

    /// A file: bytes in a multipart part; in JSON, nothing (a file never travels as JSON, so
    /// a list of files there can only be empty).
    fn file(&self, form: Form) -> Schema {
        match (form, self.version) {
            (Form::Json, _) => Schema {
                not: Some(Box::default()),
                ..Schema::default()
            },
            (Form::Multipart, _) => self.raw(),
        }
    }

    /// Bytes as they are: a file part's content, or a whole raw body.
    fn raw(&self) -> Schema {
        match self.version {
            Version::V3_1 => Schema {
                content_media_type: Some("application/octet-stream"),
                ..Schema::of_type("string")
            },
            Version::V3_0 => Schema {
                format: Some("binary"),
                ..Schema::of_type("string")
            },
        }
    }

    /// A type with its constraints. A number's own bound and its type's range (see
    /// [`number`]) make one keyword: the tighter bound stands.
    pub fn constrained(&self, ty: &Ty, constraints: &Constraints, form: Form) -> Schema {
        let mut schema = self.ty(ty, form);
        let on_map = matches!(ty, Ty::Map(..));
        for c in constraints.iter() {
            let Some(value) = c.limit.to_json() else {
                continue;
            };
            // OpenAPI 3.0 has no `const`: a one-value `enum` says it.
            if c.rule == Rule::Const && self.version == Version::V3_0 {
                schema.values = Some(vec![value]);
                continue;
            }
            let keyword = c.rule.openapi_keyword(on_map);
            match schema.constraints.get_mut(keyword) {
                Some(range) if !tighter(c, range) => {}
                Some(range) => *range = value,
                None => schema.constraints.insert(keyword, value),
            }
        }
        schema
    }

    /// A schema with what is said about it. In 3.0 nothing beside a `$ref` counts, so a
    /// reference that needs notes moves into an `allOf`.
    pub fn noted(&self, schema: Schema, notes: Notes) -> Schema {
        let mut schema = if notes.nullable {
            self.nullable(schema)
        } else {
            schema
        };
        let has_notes = notes.description.is_some()
            || notes.default.is_some()
            || notes.read_only
            || notes.deprecated
            || notes.xml_attribute.is_some()
            || !notes.extensions.is_empty();
        if self.version == Version::V3_0 && schema.reference.is_some() && has_notes {
            schema = Schema {
                all_of: vec![schema],
                ..Schema::default()
            };
        }
        schema.description = notes.description;
        if let Some(default) = notes.default {
            schema.constraints.insert("default", default);
        }
        schema.read_only = notes.read_only.then_some(true);
        schema.deprecated = notes.deprecated.then_some(true);
        if let Some(name) = notes.xml_attribute {
            schema.xml = Some(Xml {
                name,
                wrapped: false,
                attribute: true,
            });
        }
        schema.extensions.extend(notes.extensions);
        schema
    }

    /// The schema, or `null`.
    pub fn nullable(&self, mut schema: Schema) -> Schema {
        if schema == Schema::default() {
            // `any` already takes null.
            return schema;
        }
        if let Some(values) = &mut schema.values {
            values.push(Value::Null);
        }
        match (self.version, schema.types.take()) {
            (Version::V3_1, Some(Types::One(name))) => {
                schema.types = Some(Types::Many(vec![name, "null"]));
                schema
            }
            (Version::V3_0, Some(types)) => {
                schema.types = Some(types);
                schema.nullable = Some(true);
                schema
            }
            (Version::V3_1, types) => {
                schema.types = types;
                Schema {
                    any_of: vec![schema, Schema::of_type("null")],
                    ..Schema::default()
                }
            }
            // 3.0's `nullable` counts only beside a `type` (3.0.3 says so), so a reference
            // that may be null is either the reference or a schema holding only `null`.
            (Version::V3_0, types) => {
                schema.types = types;
                let null = Schema {
                    nullable: Some(true),
                    values: Some(vec![Value::Null]),
                    ..Schema::of_type("object")
                };
                Schema {
                    any_of: vec![schema, null],
                    ..Schema::default()
                }
            }
        }
    }

    /// `schema` whose XML form is the element `name` (the member's own, for `None`);
    /// `wrapped`: an array's items inside it.
    pub fn with_xml(&self, schema: Schema, name: Option<&str>, wrapped: bool) -> Schema {
        let xml = Some(Xml {
            name: name.map(str::to_owned),
            wrapped,
            attribute: false,
        });
        match self.version {
            Version::V3_1 => Schema { xml, ..schema },
            // Nothing beside a 3.0 `$ref` counts.
            Version::V3_0 if schema.reference.is_some() => Schema {
                all_of: vec![schema],
                xml,
                ..Schema::default()
            },
            Version::V3_0 => Schema { xml, ..schema },
        }
    }

    /// An array `schema` whose items are each in an element `item`, where one is named.
    pub fn wrapped_items(&self, mut schema: Schema, item: Option<&str>) -> Schema {
        if let (Some(item), Some(items)) = (item, schema.items.take()) {
            schema.items = Some(Box::new(self.with_xml(*items, Some(item), false)));
        }
        schema
    }

    /// A member of an object.
    pub fn field(&self, field: &Field, form: Form) -> Schema {
        let mut schema = self.constrained(&field.ty, &field.constraints, form);
        if let Some(item) = &field.xml_item {
            schema = self.wrapped_items(schema, Some(item));
        }
        // An attribute's `xml` is written with the notes below.
        if (field.xml_item.is_some() || field.xml_name.is_some()) && !field.xml_attribute {
            let wrapped = field.xml_item.is_some();
            schema = self.with_xml(schema, field.xml_name.as_deref(), wrapped);
        }
        let mut translations = Translations::new(self.lang);
        let description = translations.text("description", &field.description);
        self.noted(
            schema,
            Notes {
                description,
                default: field.default.clone(),
                nullable: field.nullable,
                read_only: field.read_only,
                deprecated: field.deprecated.is_some(),
                xml_attribute: field.xml_attribute.then(|| field.xml_name.clone()),
                extensions: translations.into_extensions(),
            },
        )
    }

    /// An object's members, in the order written, and which are required.
    pub fn object(&self, fields: &[Field], form: Form) -> Schema {
        let mut properties = Ordered::default();
        let mut required = Vec::new();
        for field in fields {
            properties.insert(field.wire.clone(), self.field(field, form));
            if field.required {
                required.push(field.wire.clone());
            }
        }
        Schema {
            properties: Some(properties),
            required,
            ..Schema::of_type("object")
        }
    }

    /// A tagged union: one branch per alternative, each an object whose tag has the
    /// alternative's value (so exactly one branch matches), with the alternative's members
    /// beside it (`allOf` with its schema) or its value in the content member.
    fn tagged(&self, tagged: &Tagged) -> Schema {
        let branches = tagged.alternatives.iter().map(|a| {
            let mut tag = Schema::of_type("string");
            match self.version {
                Version::V3_1 => {
                    tag.constraints.insert("const", Value::from(a.wire.clone()));
                }
                Version::V3_0 => tag.values = Some(vec![Value::from(a.wire.clone())]),
            }
            let mut properties = Ordered::default();
            properties.insert(tagged.tag.clone(), tag);
            let mut required = vec![tagged.tag.clone()];
            let value = a.ty.as_ref().map(|ty| self.ty(ty, Form::Json));
            if let (Some(content), Some(value)) = (&tagged.content, &value) {
                properties.insert(content.clone(), value.clone());
                required.push(content.clone());
            }
            let named = Schema {
                properties: Some(properties),
                required,
                ..Schema::of_type("object")
            };
            match (&tagged.content, value) {
                (None, Some(value)) => Schema {
                    all_of: vec![value, named],
                    ..Schema::default()
                },
                _ => named,
            }
        });
        let mut schema = Schema {
            one_of: branches.collect(),
            ..Schema::default()
        };
        let mut how = serde_json::Map::new();
        how.insert("tag".into(), Value::from(tagged.tag.clone()));
        if let Some(content) = &tagged.content {
            how.insert("content".into(), Value::from(content.clone()));
        }
        schema
            .extensions
            .insert("x-specgen-tagged".into(), Value::Object(how));
        schema
    }

    /// A named type's component.
    pub fn component_schema(&self, def: &TypeDef) -> Schema {
        let mut translations = Translations::new(self.lang);
        let description = translations.text("description", &def.description);
        let mut schema = match &def.kind {
            TypeKind::Struct { fields, extra } => {
                let mut schema = self.object(fields, Form::Json);
                // Members the spec does not list are ignored by a closed object, kept by an
                // open one; both accept them.
                match extra {
                    Some(crate::ir::Extra { ty: Ty::Any, .. }) => {
                        schema.additional_properties = Some(Additional::Allowed(true));
                    }
                    Some(extra) => {
                        let kept = self.ty(&extra.ty, Form::Json);
                        schema.additional_properties = Some(Additional::Schema(Box::new(kept)));
                    }
                    None => {}
                }
                schema
            }
            TypeKind::StringEnum(variants) => {
                let descriptions: Vec<_> = variants.iter().map(|v| &v.description).collect();
                let mut schema = Schema {
                    values: Some(
                        variants
                            .iter()
                            .map(|v| Value::from(v.wire.clone()))
                            .collect(),
                    ),
                    ..Schema::of_type("string")
                };
                translations.enum_descriptions(&mut schema.extensions, &descriptions);
                schema
            }
            TypeKind::IntEnum(variants) => {
                let fits_i32 = variants.iter().all(|v| i32::try_from(v.value).is_ok());
                let descriptions: Vec<_> = variants.iter().map(|v| &v.description).collect();
                let mut schema = Schema {
                    format: Some(if fits_i32 { "int32" } else { "int64" }),
                    values: Some(variants.iter().map(|v| Value::from(v.value)).collect()),
                    ..Schema::of_type("integer")
                };
                let names: Vec<Value> = variants.iter().map(|v| v.name.clone().into()).collect();
                schema
                    .extensions
                    .insert("x-enum-varnames".into(), names.into());
                // What JSON Schema cannot say: the generated server also accepts each name,
                // in any letter case, in place of its number.
                let by_name: serde_json::Map<String, Value> = variants
                    .iter()
                    .map(|v| (v.name.clone(), v.value.into()))
                    .collect();
                schema
                    .extensions
                    .insert("x-specgen-accepts-names".into(), Value::Object(by_name));
                translations.enum_descriptions(&mut schema.extensions, &descriptions);
                schema
            }
            TypeKind::Union(alternatives) => Schema {
                one_of: alternatives
                    .iter()
                    .map(|a| self.ty(&a.ty, Form::Json))
                    .collect(),
                ..Schema::default()
            },
            TypeKind::Scalar { ty, constraints } => self.constrained(ty, constraints, Form::Json),
            TypeKind::Tagged(tagged) => self.tagged(tagged),
        };
        schema.description = description;
        schema.deprecated = def.deprecated.is_some().then_some(true);
        schema.extensions.extend(translations.into_extensions());
        schema
    }
}

/// A number: its JSON type and format, and its range where the format alone does not tell
/// tools (`uint8`: `minimum: 0`, `maximum: 255`), so generated values stay in it.
fn number(numeric: Numeric) -> Schema {
    let row = numeric.definition();
    let mut schema = Schema {
        format: Some(row.format),
        ..Schema::of_type(if row.integer { "integer" } else { "number" })
    };
    if !row.known_from_format {
        for (rule, bound) in [(Rule::Minimum, row.min), (Rule::Maximum, row.max)] {
            if let Some(value) = bound.to_json() {
                schema
                    .constraints
                    .insert(rule.openapi_keyword(false), value.into());
            }
        }
    }
    schema
}

/// Whether the bound `c` allows less than `range`, the bound already written for its keyword.
fn tighter(c: &Constraint, range: &Value) -> bool {
    let (Limit::Number(own), Some(range)) = (&c.limit, range.as_number()) else {
        return true;
    };
    let range = NumberValue::from_json(range);
    match c.rule {
        Rule::Minimum => own.at_least(range),
        _ => own.at_most(range),
    }
}

/// The schema of a map's keys, when they are narrower than any string.
fn key_schema(key: &Ty) -> Option<Schema> {
    match key {
        Ty::Uuid => Some(Schema {
            format: Some("uuid"),
            ..Schema::of_type("string")
        }),
        Ty::Numeric(n) => match (n.definition().min, n.definition().max) {
            (NumberValue::Int(least), NumberValue::Int(most)) => {
                Some(Schema::of_type("string").with_pattern(&integer_pattern(least, most)))
            }
            _ => None,
        },
        _ => None,
    }
}

/// A pattern matching exactly the decimal integers from `least` (0, or `-(most + 1)`) to
/// `most` as JSON object keys write them: no sign on zero, no leading zeros, no `+`. Keys past
/// the range would fail to decode, so the schema must not allow them.
fn integer_pattern(least: i128, most: i128) -> String {
    let mut branches = vec!["0".to_string()];
    branches.extend(up_to("", most.unsigned_abs()));
    if least < 0 {
        branches.extend(up_to("-", least.unsigned_abs()));
    }
    format!("^({})$", branches.join("|"))
}

/// Branches matching `sign` and a decimal number from 1 to `limit` (of two digits or more).
fn up_to(sign: &str, limit: u128) -> Vec<String> {
    let limit = limit.to_string();
    let digits: Vec<u32> = limit.chars().filter_map(|c| c.to_digit(10)).collect();
    let n = digits.len();
    // Fewer digits than the limit: any such number fits.
    let mut branches = vec![format!("{sign}[1-9][0-9]{{0,{}}}", n.saturating_sub(2))];
    // As many digits: the limit's first `i` digits, then a smaller digit, then any.
    for (i, &digit) in digits.iter().enumerate() {
        let low = if i == 0 { 1 } else { 0 };
        if digit > low {
            let prefix = &limit[..i];
            let rest = n - i - 1;
            branches.push(format!(
                "{sign}{prefix}[{low}-{}][0-9]{{{rest}}}",
                digit - 1
            ));
        }
    }
    branches.push(format!("{sign}{limit}"));
    branches
}

pub fn to_value(schema: &Schema) -> Value {
    // A schema is plain data; serializing it cannot fail.
    serde_json::to_value(schema).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use specgen_rules::{NumberValue, Numeric, Pattern};

    use super::integer_pattern;

    /// Texts around every integer type's edges, and ones no integer key writes.
    fn cases() -> Vec<String> {
        let mut cases: Vec<String> = ["0", "-0", "00", "01", "+1", "", "-", "1a", " 1"]
            .map(String::from)
            .to_vec();
        let mut edges = vec![1_i128, 9, 10, 99, 9_999_999_999, 40_794_737_583_181_373_748];
        for numeric in Numeric::ALL {
            if let (NumberValue::Int(min), NumberValue::Int(max)) =
                (numeric.definition().min, numeric.definition().max)
            {
                edges.extend([min, max]);
            }
        }
        for n in edges {
            for value in [n, -n, n - 1, -(n - 1), n + 1, -(n + 1)] {
                cases.push(value.to_string());
            }
        }
        for digits in 1..=21 {
            cases.push("1".repeat(digits));
            cases.push(format!("2{}", "0".repeat(digits)));
            cases.push(format!("-{}", "9".repeat(digits)));
            cases.push(format!("21474836{}", "4".repeat(digits)));
        }
        cases
    }

    #[test]
    fn integer_keys_match_exactly_their_range() {
        let cases = cases();
        for numeric in Numeric::ALL.into_iter().filter(|n| n.is_integer()) {
            let row = numeric.definition();
            let (NumberValue::Int(min), NumberValue::Int(max)) = (row.min, row.max) else {
                unreachable!("an integer type's range is of integers");
            };
            let pattern = Pattern::new(&integer_pattern(min, max)).unwrap();
            let fits = |text: &str| {
                text.parse::<i128>()
                    .is_ok_and(|n| n.to_string() == text && (min..=max).contains(&n))
            };
            for case in &cases {
                assert_eq!(pattern.is_match(case), fits(case), "{numeric:?} {case:?}");
            }
        }
    }
}
