//! The named types of an import that have members: objects (their fields), enums (their
//! values), unions (their alternatives, tagged by a `discriminator`) and compositions
//! (`allOf`).

use std::collections::{BTreeMap, BTreeSet};

use super::json::{Members, Value};
use super::refine;

use super::Importer;
use super::schema::{Shape, is_any};
use super::source::At;
use super::yaml::{Entry, Map, Yaml};
use crate::check::{camel, snake};

impl Importer<'_> {
    /// An object: its fields, each with what the schema says of it.
    pub(super) fn object(&mut self, name: &str, schema: &Value, at: &At) -> Map {
        let mut yaml = Map::new();
        let fields = self.fields(name, schema, &Places::of(at), &Inherited::new());
        match schema.get("additionalProperties") {
            Some(extra @ Value::Object(_)) if !is_any(extra) => {
                let extra_at = at.child("additionalProperties");
                let shape = self.shape(extra, &extra_at, &format!("{name}Value"));
                let ty = self.element(shape, &extra_at, &format!("{name}Value"));
                yaml.insert("open", ty.as_str());
            }
            Some(Value::Bool(false)) => self.gaps.note(
                &at.child("additionalProperties"),
                "closed-object",
                "members the object does not list are ignored, not refused",
            ),
            Some(Value::Bool(true)) => yaml.insert("open", true),
            Some(Value::Object(_)) => yaml.insert("open", true),
            _ => {}
        }
        yaml.insert("fields", fields);
        yaml
    }

    /// The fields of an object schema, in order, with Rust names that do not collide; a
    /// member required but not described is a field of any value. `inherited` are the fields
    /// a composition's parts already give; `places` where each member is described.
    fn fields(
        &mut self,
        owner: &str,
        schema: &Value,
        places: &Places,
        inherited: &Inherited,
    ) -> Map {
        let required: Vec<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let empty = Default::default();
        let properties = schema
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let mut fields = Map::new();
        let mut rust_names = BTreeSet::new();
        let described = properties
            .iter()
            .map(|(wire, property)| (wire.as_str(), Some(property)));
        let undescribed = required
            .iter()
            .filter(|r| !properties.contains_key(r))
            .map(|r| (*r, None));
        for (wire, property) in described.chain(undescribed) {
            if let Some(theirs) = inherited.get(wire) {
                self.report_redeclared(wire, property, theirs.as_ref(), &places.at(wire));
                continue;
            }
            let mark = self.gaps.mark();
            let field_at = places.at(wire);
            let attribute = property.is_some_and(|p| self.is_xml_attribute(p, &field_at));
            let shape = match property {
                // An attribute's value is a text; `type: object` with nothing more says no more.
                Some(property) if attribute && self.is_empty_object(property) => {
                    self.gaps.note(
                        &field_at,
                        "xml",
                        "an XML attribute described as an empty object: read as its text",
                    );
                    Shape {
                        ty: "string".into(),
                        ..Shape::default()
                    }
                }
                Some(property) => {
                    self.shape(property, &field_at, &format!("{owner}{}", camel(wire)))
                }
                None => Shape {
                    ty: "any".into(),
                    ..Shape::default()
                },
            };
            let required = required.contains(&wire);
            self.report_required(&shape, required, &field_at);
            let mut field = field_yaml(&shape, required);
            if attribute {
                field.insert("xml_attribute", true);
            }
            if let Some(item) = property.and_then(|p| self.xml_item(p, &field_at, wire)) {
                field.insert("xml_item", item);
            }
            if let Some(name) = property.and_then(|p| self.xml_name(p, &field_at, wire)) {
                field.insert("xml_name", name);
            }
            let rust = unique(&mut rust_names, &snake(wire));
            if rust != snake(wire) {
                field.insert("rust_name", rust.as_str());
            }
            let comment = self.gaps.claim_since(self.sources, mark);
            fields.0.push(Entry {
                key: wire.to_owned(),
                value: Yaml::Map(field),
                comment,
            });
        }
        fields
    }

    /// Whether a member's schema puts it in an attribute in XML (`xml: {attribute: true}`).
    pub(super) fn is_xml_attribute(&self, property: &Value, at: &At) -> bool {
        self.sources.resolve(property, at).is_ok_and(|(schema, _)| {
            schema
                .get("xml")
                .and_then(|xml| xml.get("attribute"))
                .is_some_and(Value::is_true)
        })
    }

    /// The element of each item of a member that is a list wrapped in an element of its own
    /// in XML (`xml: {wrapped: true}`): the items' `xml.name`, else the member's name, as
    /// OpenAPI reads it; `None` for a list not wrapped, or an item element the language
    /// cannot name (reported with the body).
    pub(super) fn xml_item(&self, property: &Value, at: &At, wire: &str) -> Option<String> {
        let (schema, at) = self.sources.resolve(property, at).ok()?;
        let wrapped = schema.get("xml").and_then(|x| x.get("wrapped"));
        if !wrapped.is_some_and(Value::is_true) {
            return None;
        }
        let items = schema.get("items")?;
        let (items, _) = self.sources.resolve(items, &at.child("items")).ok()?;
        let named = items
            .get("xml")
            .and_then(|x| x.get("name"))
            .and_then(Value::as_str);
        let item = named.unwrap_or(wire);
        let local = item.rsplit(':').next().unwrap_or(item);
        specgen_rules::xml::is_element_name(local).then(|| local.to_owned())
    }

    /// The element (or attribute) of a member in XML where its schema's `xml.name` names
    /// another than the member (a namespace prefix left out); `None` where it names none, the
    /// member's own, or one the language cannot write (reported with the body).
    pub(super) fn xml_name(&self, property: &Value, at: &At, wire: &str) -> Option<String> {
        let (schema, _) = self.sources.resolve(property, at).ok()?;
        let name = schema.get("xml")?.get("name")?.as_str()?;
        let local = name.rsplit(':').next().unwrap_or(name);
        (local != wire && specgen_rules::xml::is_element_name(local)).then(|| local.to_owned())
    }

    /// The fields a named object type has, its parts' included.
    fn fields_of(&self, ty: &str) -> Vec<String> {
        let Some(def) = self.types.def(ty) else {
            return Vec::new();
        };
        let mut out: Vec<String> = match def.yaml.get("fields") {
            Some(Yaml::Map(fields)) => fields.0.iter().map(|e| e.key.clone()).collect(),
            _ => Vec::new(),
        };
        if let Some(Yaml::Seq(parts)) = def.yaml.get("all_of") {
            for part in parts {
                if let Yaml::Str(part) = part
                    && part != ty
                {
                    out.extend(self.fields_of(part));
                }
            }
        }
        out
    }

    /// An enum: its string values, or its integer values with names; each with its
    /// description where `x-enum-descriptions` gives one.
    pub(super) fn enumeration(&mut self, schema: &Value, at: &At) -> Map {
        let values = schema
            .get("enum")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let texts = |key: &str| -> Vec<String> {
            let list = schema.get(key).and_then(Value::as_array);
            list.map(|n| {
                n.iter()
                    .map(|t| t.as_str().unwrap_or_default().trim().to_owned())
                    .collect()
            })
            .unwrap_or_default()
        };
        let (names, descriptions) = (texts("x-enum-varnames"), texts("x-enum-descriptions"));
        let integers = values.iter().all(|v| v.as_i64().is_some()) && !values.is_empty();
        let mut items = Vec::new();
        let mut seen = Vec::new();
        let mut rust_names = BTreeSet::new();
        for (i, value) in values.iter().enumerate() {
            if seen.contains(value) {
                continue;
            }
            seen.push(value.clone());
            let description = descriptions.get(i).filter(|d| !d.is_empty());
            let item = match (value, integers) {
                (Value::Number(n), true) => {
                    let wanted = names
                        .get(i)
                        .filter(|n| !n.is_empty())
                        .cloned()
                        .unwrap_or_else(|| number_name(n));
                    let rust = unique(&mut rust_names, &camel(&wanted));
                    enum_item(Yaml::Number(n.clone()), Some(rust), description)
                }
                (Value::String(text), false) => {
                    let wanted = camel(text);
                    let rust = unique(&mut rust_names, &wanted);
                    enum_item(
                        Yaml::Str(text.clone()),
                        (rust != wanted).then_some(rust),
                        description,
                    )
                }
                (other, _) => {
                    let what = format!(
                        "the enum value {}, not a text among texts or a whole number among numbers",
                        other.to_json()
                    );
                    self.gaps
                        .gap(&at.child("enum").index(i), "enum-value", what);
                    continue;
                }
            };
            items.push(item);
        }
        let mut yaml = Map::new();
        yaml.insert("enum", Yaml::Seq(items));
        yaml
    }

    /// A union: `oneOf`/`anyOf`'s alternatives, tagged where a `discriminator` names the
    /// member and every alternative is an object.
    pub(super) fn union(&mut self, name: &str, schema: &Value, at: &At) -> Map {
        let key = if schema.get("oneOf").is_some() {
            "oneOf"
        } else {
            "anyOf"
        };
        if schema.get("oneOf").is_some() && schema.get("anyOf").is_some() {
            self.gaps.gap(
                &at.child("anyOf"),
                "union",
                "`anyOf` beside `oneOf`; only `oneOf` is read",
            );
        }
        if schema.get("properties").is_some() {
            self.gaps.gap(
                &at.child("properties"),
                "union",
                format!("`properties` beside `{key}`; only the alternatives are read"),
            );
        }
        let alternatives = schema
            .get(key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let alternatives_at = at.child(key);
        let mut shapes = Vec::new();
        for (i, alternative) in alternatives.iter().enumerate() {
            let hint = format!("{name}{}", i + 1);
            let shape = self.alternative(alternative, &alternatives_at.index(i), &hint);
            let wanted = alternative_name(alternative, &shape);
            shapes.push((wanted, shape, alternative.clone()));
        }
        let implied = self.implied_tag(schema, &alternatives, &alternatives_at, &shapes);
        let tagged = match &implied {
            Some((member, _)) => Some(member.clone()),
            None => self.tag_of(schema, at, &shapes),
        };
        let mut one_of = Map::new();
        let mut names = BTreeSet::new();
        for (i, (wanted, shape, alternative)) in shapes.iter().enumerate() {
            let key = match (&implied, &tagged) {
                (Some((_, values)), _) => values[i].clone(),
                (None, Some(_)) => tag_value(schema, alternative, wanted),
                (None, None) => unique(&mut names, &snake(wanted)),
            };
            one_of.insert(key, shape.ty.as_str());
        }
        let mut yaml = Map::new();
        yaml.insert("one_of", one_of);
        if let Some(tag) = tagged {
            yaml.insert("tag", tag.as_str());
        }
        if key == "anyOf" {
            self.gaps.note(
                &alternatives_at,
                "any-of",
                "`anyOf` is read as `oneOf`: the first alternative that fits is taken",
            );
        }
        yaml
    }

    /// A union's alternative: an entry of `one_of` holds only a type.
    fn alternative(&mut self, schema: &Value, at: &At, hint: &str) -> Shape {
        let shape = self.shape(schema, at, hint);
        if shape.default.is_some() {
            let what = "a `default` of one alternative of a union; left out";
            self.gaps.note(&at.child("default"), "default", what);
        }
        self.held_by_name(shape, at, hint)
    }

    /// Without a `discriminator`, the member that tells the alternatives apart all the same:
    /// one every alternative (an object) requires, with one text of its own in each (as
    /// serde's internally tagged enums are described). The member, and each alternative's text.
    fn implied_tag(
        &self,
        schema: &Value,
        alternatives: &[Value],
        at: &At,
        shapes: &[(String, Shape, Value)],
    ) -> Option<(String, Vec<String>)> {
        let objects = shapes.iter().all(|(_, shape, _)| self.is_object(&shape.ty));
        if schema.get("discriminator").is_some() || alternatives.len() < 2 || !objects {
            return None;
        }
        let resolved: Vec<&Value> = alternatives
            .iter()
            .enumerate()
            .map(|(i, a)| self.sources.resolve(a, &at.index(i)).ok().map(|(v, _)| v))
            .collect::<Option<_>>()?;
        let required = resolved[0].get("required")?.as_array()?;
        required
            .iter()
            .filter_map(Value::as_str)
            .find_map(|member| {
                let values: Vec<String> = resolved
                    .iter()
                    .map(|alternative| self.only_text(alternative, member))
                    .collect::<Option<_>>()?;
                let distinct: BTreeSet<&String> = values.iter().collect();
                (distinct.len() == values.len()).then(|| (member.to_owned(), values))
            })
    }

    /// The one text an object's required `member` may be (`enum` of one, or `const`).
    fn only_text(&self, object: &Value, member: &str) -> Option<String> {
        let required = object.get("required")?.as_array()?;
        if !required.iter().any(|r| r.as_str() == Some(member)) {
            return None;
        }
        let property = object.get("properties")?.get(member)?;
        let property = self.sources.resolve(property, &At::root()).ok()?.0;
        match (property.get("enum"), property.get("const")) {
            (Some(Value::Array(values)), _) if values.len() == 1 => {
                values[0].as_str().map(str::to_owned)
            }
            (None, Some(constant)) => constant.as_str().map(str::to_owned),
            _ => None,
        }
    }

    /// The discriminator's member, where every alternative is a named object (which an
    /// internally tagged union needs).
    fn tag_of(
        &mut self,
        schema: &Value,
        at: &At,
        shapes: &[(String, Shape, Value)],
    ) -> Option<String> {
        let property = schema.get("discriminator")?.get("propertyName")?.as_str()?;
        let objects = shapes.iter().all(|(_, shape, _)| self.is_object(&shape.ty));
        if !objects {
            self.gaps.gap(
                &at.child("discriminator"),
                "discriminator",
                "a discriminator over alternatives that are not all objects; read untagged",
            );
            return None;
        }
        Some(property.to_owned())
    }

    /// A composition (`allOf`): the parts that are named objects, and the inline parts'
    /// fields as its own.
    pub(super) fn composition(&mut self, name: &str, schema: &Value, at: &At) -> Map {
        let parts = self.parts_spliced_where_narrowed(schema, at);
        let mut all_of = Vec::new();
        let mut own = schema.as_object().cloned().unwrap_or_default();
        let mut properties = own
            .get("properties")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let own_names: BTreeSet<String> = properties.keys().cloned().collect();
        let mut places = Places::of(at);
        let mut required: Vec<Value> = schema
            .get("required")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for (part, part_at) in &parts {
            if part.get("$ref").is_some() {
                all_of.extend(self.named_part(part, part_at, name).map(Yaml::Str));
                continue;
            }
            self.report_nested(part, part_at);
            // An inline part's members are the type's own.
            if let Some(p) = part.get("properties").and_then(Value::as_object) {
                let taken = self.merge_members(&mut properties, p, part_at, &own_names);
                places.add(taken.iter(), part_at);
            }
            if let Some(r) = part.get("required").and_then(Value::as_array) {
                required.extend(r.iter().cloned());
            }
            if let Some(extra) = part.get("additionalProperties") {
                own.insert("additionalProperties", extra.clone());
            }
        }
        own.insert("properties", Value::Object(properties));
        own.insert("required", Value::Array(required));
        let own = Value::Object(own);
        let mut inherited = Inherited::new();
        for part in &all_of {
            if let Yaml::Str(part) = part {
                inherited.extend(self.fields_of(part).into_iter().map(|f| (f, None)));
            }
        }
        for (part, part_at) in parts.iter().filter(|(p, _)| p.get("$ref").is_some()) {
            for (member, schema) in self.source_members(part, part_at, 0) {
                if let Some(slot) = inherited.get_mut(&member) {
                    slot.get_or_insert(schema);
                }
            }
        }
        let mut yaml = Map::new();
        if let Some(text) = self.parts_description(schema, &parts) {
            yaml.insert("description", text);
        }
        if !all_of.is_empty() {
            yaml.insert("all_of", Yaml::Seq(all_of));
        }
        let fields = self.fields(name, &own, &places, &inherited);
        if !fields.is_empty() || yaml.is_empty() {
            yaml.insert("fields", fields);
        }
        yaml
    }
}

impl Importer<'_> {
    /// A composition's parts, each named part that describes a member the composition narrows
    /// (in its own `properties` or an inline part's) spliced in as the parts it is made of:
    /// the language's `all_of` takes a part's fields as they are, and the composition's
    /// narrower description is the one that holds.
    fn parts_spliced_where_narrowed(&self, schema: &Value, at: &At) -> Vec<(Value, At)> {
        let parts = flattened_parts(schema, at);
        let mut declared = schema
            .get("properties")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        for (part, _) in parts.iter().filter(|(p, _)| p.get("$ref").is_none()) {
            if let Some(members) = part.get("properties").and_then(Value::as_object) {
                declared.extend(members);
            }
        }
        let mut out = Vec::new();
        self.splice_narrowed(parts, &declared, &mut BTreeSet::new(), &mut out);
        out
    }

    fn splice_narrowed(
        &self,
        parts: Vec<(Value, At)>,
        declared: &Members,
        spliced: &mut BTreeSet<At>,
        out: &mut Vec<(Value, At)>,
    ) {
        for (part, part_at) in parts {
            let target = (part.get("$ref").is_some()
                && spliced.len() < MAX_NESTED_PARTS
                && self.narrowed_in(&part, &part_at, declared))
            .then(|| self.sources.resolve(&part, &part_at).ok())
            .flatten()
            .filter(|(_, target_at)| spliced.insert(target_at.clone()));
            let Some((target, target_at)) = target else {
                out.push((part, part_at));
                continue;
            };
            let mut inner = flattened_parts(target, &target_at);
            let mut own = target.as_object().cloned().unwrap_or_default();
            own.remove("allOf");
            inner.push((Value::Object(own), target_at));
            self.splice_narrowed(inner, declared, spliced, out);
        }
    }

    /// Whether a named part describes a member that `declared` describes more narrowly.
    fn narrowed_in(&self, part: &Value, at: &At, declared: &Members) -> bool {
        let narrows = |a: &Value, b: &Value| refine::narrows(self.sources, a, b);
        self.source_members(part, at, 0)
            .iter()
            .any(|(member, theirs)| {
                declared
                    .get(member)
                    .is_some_and(|mine| narrows(mine, theirs) && !narrows(theirs, mine))
            })
    }

    /// Adds an inline part's members to a composition's; a member described already keeps
    /// the narrower description (the composition's own, else the later, where both say the
    /// same), and where neither narrows the other, the later is used and that is reported.
    /// The members taken.
    fn merge_members(
        &mut self,
        members: &mut Members,
        part: &Members,
        at: &At,
        own: &BTreeSet<String>,
    ) -> Vec<String> {
        let mut taken = Vec::new();
        for (name, schema) in part.iter() {
            if let Some(before) = members.get(name) {
                let kept = refine::narrows(self.sources, before, schema);
                let taken_over = refine::narrows(self.sources, schema, before);
                if kept && (!taken_over || own.contains(name)) {
                    continue;
                }
                if !kept && !taken_over {
                    let what = format!(
                        "`{name}` described in two parts of `allOf` by rules neither of which \
                         holds the other's; the later is used"
                    );
                    let place = at.child("properties").child(name);
                    self.gaps.gap(&place, "all-of", what);
                }
            }
            members.insert(name, schema.clone());
            taken.push(name.clone());
        }
        taken
    }
}

/// The members a composition's named parts give, each with the schema its part describes it
/// by in the source, where found.
type Inherited = BTreeMap<String, Option<Value>>;

impl Importer<'_> {
    /// A member a composition says again beside the part that has it: the part's is used,
    /// which loses nothing where only the documentation differs (a note); else it is a gap.
    fn report_redeclared(
        &mut self,
        wire: &str,
        mine: Option<&Value>,
        theirs: Option<&Value>,
        at: &At,
    ) {
        let same = match (mine, theirs) {
            (None, _) => true,
            (Some(mine), theirs) => {
                let mine = self.without_documentation(mine);
                mine.as_object().is_some_and(|m| m.is_empty())
                    || theirs.is_some_and(|theirs| {
                        Some(&mine) == Some(&self.without_documentation(theirs))
                    })
            }
        };
        let narrower = match (mine, theirs) {
            (Some(mine), Some(theirs)) => refine::narrows(self.sources, theirs, mine),
            _ => false,
        };
        if same {
            let what = format!(
                "`{wire}` said again beside the part of `allOf` that has it, \
                                 with other documentation; the part's is used"
            );
            self.gaps.note(at, "all-of", what);
        } else if narrower {
            let what = format!(
                "`{wire}` said again beside the part of `allOf` that has it, by rules the \
                 part's hold; the part's is used"
            );
            self.gaps.note(at, "all-of", what);
        } else {
            let what = format!(
                "`{wire}` said again beside the part of `allOf` that has it; the part's is used"
            );
            self.gaps.gap(at, "all-of", what);
        }
    }

    /// A schema, its reference followed, without the keys that only document it.
    fn without_documentation(&self, schema: &Value) -> Value {
        let resolved = self
            .sources
            .resolve(schema, &At::root())
            .map_or(schema, |(s, _)| s);
        let mut out = resolved.clone();
        if let Some(members) = out.as_object_mut() {
            for key in super::schema::DOCUMENTING
                .iter()
                .chain(&["description", "deprecated"])
            {
                members.remove(key);
            }
        }
        out
    }

    /// The members a part describes in the source (through its own parts), with their schemas.
    fn source_members(&self, part: &Value, at: &At, depth: usize) -> Vec<(String, Value)> {
        let Ok((part, at)) = self.sources.resolve(part, at) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        if depth < MAX_NESTED_PARTS {
            let parts = part.get("allOf").and_then(Value::as_array);
            for (i, nested) in parts.into_iter().flatten().enumerate() {
                out.extend(self.source_members(nested, &at.child("allOf").index(i), depth + 1));
            }
        }
        let properties = part.get("properties").and_then(Value::as_object);
        out.extend(
            properties
                .into_iter()
                .flatten()
                .map(|(k, v)| (k.clone(), v.clone())),
        );
        // A member required but not described is one of any value.
        let required = part.get("required").and_then(Value::as_array);
        for member in required.into_iter().flatten().filter_map(Value::as_str) {
            if !out.iter().any(|(k, _)| k == member) {
                out.push((member.to_owned(), Value::Object(Members::default())));
            }
        }
        out
    }

    /// What `required` takes from a field: its `default` (which never applies).
    fn report_required(&mut self, shape: &Shape, required: bool, at: &At) {
        if required && shape.default.is_some() {
            let what = "a `default` beside `required` never applies; left out";
            self.gaps.note(at, "default", what);
        }
    }
}

impl Importer<'_> {
    /// A part of `allOf` that names a type: that type, where it is an object.
    fn named_part(&mut self, part: &Value, at: &At, name: &str) -> Option<String> {
        let shape = self.shape(part, at, name);
        if self.is_object(&shape.ty) {
            return Some(shape.ty);
        }
        let what = format!("a part that is not an object (`{}`)", shape.ty);
        self.gaps.gap(at, "all-of", what);
        None
    }

    /// Alternatives inside an inline part of `allOf`, which are not read.
    fn report_nested(&mut self, part: &Value, at: &At) {
        for nested in ["oneOf", "anyOf"] {
            if part.get(nested).is_some() {
                let what = format!("`{nested}` inside a part of `allOf`");
                self.gaps.gap(&at.child(nested), "all-of", what);
            }
        }
    }

    /// A composition without a description of its own has its one described part's, as
    /// documents describe a type built on another (`allOf: [Integration, {…}]`).
    fn parts_description(&self, schema: &Value, parts: &[(Value, At)]) -> Option<String> {
        if schema.get("description").is_some() {
            return None;
        }
        let described: Vec<&str> = parts
            .iter()
            .filter_map(|(part, at)| self.sources.resolve(part, at).ok())
            .filter_map(|(part, _)| part.get("description").and_then(Value::as_str))
            .filter(|text| !text.trim().is_empty())
            .collect();
        match described.as_slice() {
            [only] => Some((*only).to_owned()),
            _ => None,
        }
    }
}

/// The parts of a composition with every inline part's own `allOf` spliced in before it
/// (`allOf: [{allOf: [A, B], properties: …}]` is `allOf: [A, B, {properties: …}]`), each
/// with where it stands.
fn flattened_parts(schema: &Value, at: &At) -> Vec<(Value, At)> {
    let mut out = Vec::new();
    splice_parts(schema, at, 0, &mut out);
    out
}

fn splice_parts(composed: &Value, at: &At, depth: usize, out: &mut Vec<(Value, At)>) {
    let parts = composed.get("allOf").and_then(Value::as_array);
    for (i, part) in parts.into_iter().flatten().enumerate() {
        let part_at = at.child("allOf").index(i);
        let nested = part.get("$ref").is_none() && part.get("allOf").is_some();
        if nested && depth < MAX_NESTED_PARTS {
            splice_parts(part, &part_at, depth + 1, out);
            let mut own = part.as_object().cloned().unwrap_or_default();
            own.remove("allOf");
            out.push((Value::Object(own), part_at));
        } else {
            out.push((part.clone(), part_at));
        }
    }
}

/// How deep inline parts of `allOf` are spliced in (documents nest two or three deep).
const MAX_NESTED_PARTS: usize = 16;

/// Where an object's members are described: under its `properties`, or, for a composition's,
/// under the `properties` of the part that brings them.
struct Places {
    own: At,
    parts: BTreeMap<String, At>,
}

impl Places {
    fn of(schema: &At) -> Places {
        Places {
            own: schema.child("properties"),
            parts: BTreeMap::new(),
        }
    }

    fn add<'k>(&mut self, members: impl Iterator<Item = &'k String>, part: &At) {
        for member in members {
            self.parts.insert(member.clone(), part.child("properties"));
        }
    }

    fn at(&self, member: &str) -> At {
        self.parts.get(member).unwrap_or(&self.own).child(member)
    }
}

/// A field's entry: its type and what the schema says of it.
pub fn field_yaml(shape: &Shape, required: bool) -> Map {
    let mut field = Map::new();
    field.insert("type", shape.ty.as_str());
    if required {
        field.insert("required", true);
    }
    if shape.nullable {
        field.insert("nullable", true);
    }
    if shape.read_only {
        field.insert("read_only", true);
    }
    if let Some(default) = &shape.default
        && !required
    {
        field.insert("default", Yaml::from_json(default));
    }
    field.0.extend(shape.keys.0.iter().cloned());
    if shape.deprecated {
        field.insert("deprecated", true);
    }
    if let Some(description) = &shape.description {
        field.insert("description", description.as_str());
    }
    field
}

/// The tag value that names an alternative: its key in the discriminator's `mapping`, else
/// the name of the schema it refers to (as OpenAPI says).
fn tag_value(schema: &Value, alternative: &Value, wanted: &str) -> String {
    let reference = alternative.get("$ref").and_then(Value::as_str);
    let mapping = schema
        .get("discriminator")
        .and_then(|d| d.get("mapping"))
        .and_then(Value::as_object);
    if let (Some(reference), Some(mapping)) = (reference, mapping)
        && let Some((value, _)) = mapping
            .iter()
            .find(|(_, target)| target.as_str() == Some(reference))
    {
        return value.clone();
    }
    reference
        .and_then(|r| r.rsplit('/').next())
        .map_or_else(|| wanted.to_owned(), str::to_owned)
}

/// An alternative's name: the schema its `$ref` names, else its type.
fn alternative_name(alternative: &Value, shape: &Shape) -> String {
    alternative
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.rsplit('/').next())
        .map_or_else(|| shape.ty.replace(['<', '>', ','], " "), str::to_owned)
}

/// An enum item: the value alone, or with its Rust name and description.
fn enum_item(value: Yaml, name: Option<String>, description: Option<&String>) -> Yaml {
    if name.is_none() && description.is_none() {
        return value;
    }
    let mut item = Map::new();
    item.insert("value", value);
    if let Some(name) = name {
        item.insert("name", name);
    }
    if let Some(description) = description {
        item.insert("description", description.as_str());
    }
    Yaml::Map(item)
}

/// A name for a number: `V7`, `Minus1`.
fn number_name(n: &serde_json::Number) -> String {
    let text = n.to_string();
    match text.strip_prefix('-') {
        Some(magnitude) => format!("Minus{magnitude}"),
        None => format!("V{text}"),
    }
}

/// `wanted`, or `wanted_2`…, not in `taken` (which it joins).
pub(super) fn unique(taken: &mut BTreeSet<String>, wanted: &str) -> String {
    let mut name = wanted.to_owned();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{wanted}_{n}");
        n += 1;
    }
    taken.insert(name.clone());
    name
}
