//! Documented examples, checked against the schema they illustrate. A mismatch points at the
//! failing value inside the example; a match yields the JSON the generated types will write.

use serde_json::Value as Json;
use specgen_rules::{Limit, NumberValue, Numeric, Subject};

use super::Cx;
use super::names::snake;
use super::types::{Table, describe};
use crate::diagnostics::Pos;
use crate::ir::{
    self, Alternative, Constraints, Field, IntVariant, StringVariant, Tagged, Ty, TypeDef, TypeKind,
};
use crate::load::{Node, Value};
use crate::parse::ast;

/// `request_as_written` is the body type before read-only fields were split off, so a request
/// example that sets one is told so.
pub(crate) fn check(
    cx: &mut Cx<'_>,
    spec: &ast::OperationSpec,
    op: &ir::Operation,
    table: &Table,
    request_as_written: Option<&Ty>,
) -> Vec<ir::Example> {
    let mut out = Vec::new();
    for (index, spec_example) in spec.examples.iter().enumerate() {
        let label = label(spec_example, index);
        let mut walker = Walker::new(
            cx,
            table,
            spec.file,
            &label,
            "correct the example, or the schema if the docs' example is right",
        );
        if let Some(example) = example(&mut walker, spec_example, index, op, request_as_written) {
            out.push(example);
        }
    }
    out
}

/// How messages name an example: by its name, or by its place in the list.
fn label(example: &ast::ExampleSpec, index: usize) -> String {
    match &example.name {
        Some(name) => format!("example `{name}`"),
        None => format!("example {}", index + 1),
    }
}

/// One example; `None` when any part of it does not match the endpoint.
fn example(
    walker: &mut Walker<'_, '_>,
    example: &ast::ExampleSpec,
    index: usize,
    op: &ir::Operation,
    request_as_written: Option<&Ty>,
) -> Option<ir::Example> {
    let parameters = parameters(walker, example, op);
    let request = example
        .request
        .as_ref()
        .and_then(|node| request(walker, node, op, request_as_written));
    let response = example
        .response
        .as_ref()
        .and_then(|r| response(walker, r, op));
    if walker.failed {
        return None;
    }
    let name = match &example.name {
        Some(name) => snake(name).trim_start_matches("r#").to_string(),
        None => format!("example_{}", index + 1),
    };
    Some(ir::Example {
        name,
        parameters,
        request,
        response,
    })
}

/// The example's parameter values, each checked against the parameter it names.
fn parameters(
    walker: &mut Walker<'_, '_>,
    example: &ast::ExampleSpec,
    op: &ir::Operation,
) -> Vec<(String, Json)> {
    let mut out = Vec::new();
    for (name, node) in &example.parameters {
        match op.parameters.iter().find(|p| p.wire == name.value) {
            Some(p) => {
                let value = walker.value(
                    node,
                    &p.ty,
                    Some(&p.constraints),
                    p.nullable,
                    &format!("parameter {}", name.value),
                );
                // A null parameter is one left out.
                if !value.is_null() {
                    out.push((name.value.clone(), value));
                }
            }
            None => walker.fail(
                name.pos,
                format!("`{}` is not a parameter of `{}`", name.value, op.name),
                "use a parameter the endpoint declares",
            ),
        }
    }
    out
}

/// The example's request body, checked against the body type as written.
fn request(
    walker: &mut Walker<'_, '_>,
    node: &Node,
    op: &ir::Operation,
    request_as_written: Option<&Ty>,
) -> Option<ir::ExampleBody> {
    let Some(request) = &op.request else {
        let message = format!(
            "{} has a request body, but `{}` takes none",
            walker.label, op.name
        );
        walker.fail(
            node.pos,
            message,
            "add `request:` to the endpoint, or remove the example's `request`",
        );
        return None;
    };
    if request.ty == Ty::Bytes {
        walker.fail(
            node.pos,
            format!(
                "{} shows a raw body, which has no JSON form to check",
                walker.label
            ),
            "remove the example's `request`; raw bytes are sent as they are",
        );
        return None;
    }
    walker.in_request = true;
    let canonical = walker.value(
        node,
        request_as_written.unwrap_or(&request.ty),
        None,
        false,
        "",
    );
    walker.in_request = false;
    Some(ir::ExampleBody {
        ty: request.ty.clone(),
        json: node.to_json(),
        canonical,
    })
}

/// Checks `node` against `ty` outside any example (a reject body, say); `label` names it in
/// messages. Whether it fits.
pub(crate) fn fits(
    cx: &mut Cx<'_>,
    table: &Table,
    file: usize,
    label: &str,
    help: &str,
    node: &Node,
    ty: &Ty,
) -> bool {
    canonical(cx, table, file, (label, help), node, ty, None).is_some()
}

/// The JSON the generated types write for `node`, checked against `ty` and `constraints`
/// (a parameter's default, say); `None` when it does not fit.
pub(crate) fn canonical(
    cx: &mut Cx<'_>,
    table: &Table,
    file: usize,
    (label, help): (&str, &str),
    node: &Node,
    ty: &Ty,
    constraints: Option<&ir::Constraints>,
) -> Option<Json> {
    let mut walker = Walker::new(cx, table, file, label, help);
    let value = walker.value(node, ty, constraints, false, "");
    (!walker.failed).then_some(value)
}

/// The example's response, checked against the one documented with its status.
fn response(
    walker: &mut Walker<'_, '_>,
    r: &ast::ExampleResponseSpec,
    op: &ir::Operation,
) -> Option<ir::ExampleResponse> {
    let documented = documented(walker, r, op)?;
    let media = media(walker, r, documented)?;
    // Of bodies by media type, the example shows the one in its media type.
    let single;
    let documented = match documented.forms.iter().find(|f| f.media == media) {
        Some(form) => {
            single = documented.as_single(form);
            &single
        }
        None => documented,
    };
    let body = r
        .body
        .as_ref()
        .and_then(|node| response_body(walker, node, documented, &media));
    let headers = r
        .headers
        .as_ref()
        .map(|node| headers(walker, node, documented))
        .unwrap_or_default();
    Some(ir::ExampleResponse {
        status: r.status.value,
        media,
        body,
        headers,
    })
}

/// The example's header values, each checked against the documented header it names (in
/// any letter case), in the response's order.
fn headers(
    walker: &mut Walker<'_, '_>,
    node: &Node,
    documented: &ir::Response,
) -> Vec<(String, Json)> {
    let Value::Map(entries) = &node.value else {
        walker.fail(
            node.pos,
            format!(
                "{}'s `headers` is a map of header name to value",
                walker.label
            ),
            "write `headers: { Location: /things/1 }`",
        );
        return Vec::new();
    };
    let mut values = Vec::new();
    for (key, value) in entries {
        let name = key.scalar_text().unwrap_or_default();
        match documented
            .headers
            .iter()
            .position(|h| h.wire.eq_ignore_ascii_case(&name))
        {
            Some(index) => {
                let header = &documented.headers[index];
                let label = format!("header {}", header.wire);
                let checked =
                    walker.value(value, &header.ty, Some(&header.constraints), false, &label);
                values.push((index, header.wire.clone(), checked));
            }
            None => walker.fail(
                key.pos,
                format!("status {} documents no header `{name}`", documented.status),
                "add it under the response's `headers:`, or remove it from the example",
            ),
        }
    }
    values.sort_by_key(|(index, _, _)| *index);
    values
        .into_iter()
        .map(|(_, wire, value)| (wire, value))
        .collect()
}

/// The documented response with the example's status.
fn documented<'o>(
    walker: &mut Walker<'_, '_>,
    r: &ast::ExampleResponseSpec,
    op: &'o ir::Operation,
) -> Option<&'o ir::Response> {
    let found = op.response_for(r.status.value);
    if found.is_none() {
        let mut statuses: Vec<String> = op.responses.iter().map(|d| d.status.to_string()).collect();
        statuses.dedup();
        walker.fail(
            r.status.pos,
            format!(
                "status {} is not documented for `{}`",
                r.status.value, op.name
            ),
            format!(
                "use a documented status ({}), or add it under `responses:`",
                statuses.join(", ")
            ),
        );
    }
    found
}

/// The example's media type, which the response must document; its first one by default.
fn media(
    walker: &mut Walker<'_, '_>,
    r: &ast::ExampleResponseSpec,
    documented: &ir::Response,
) -> Option<String> {
    match &r.media {
        Some(m) if documented.media.contains(&m.value) => Some(m.value.clone()),
        Some(m) => {
            walker.fail(
                m.pos,
                format!(
                    "status {} is not documented as `{}`",
                    documented.status, m.value
                ),
                format!("use one of: {}", documented.media.join(", ")),
            );
            None
        }
        None => Some(
            documented
                .media
                .first()
                .cloned()
                .unwrap_or_else(|| ir::JSON.to_string()),
        ),
    }
}

/// The example's response body: JSON (or an XML body's value) checked against the documented
/// type, other media as text.
fn response_body(
    walker: &mut Walker<'_, '_>,
    node: &Node,
    documented: &ir::Response,
    media: &str,
) -> Option<ir::ExampleResponseBody> {
    let Some(ty) = &documented.body else {
        walker.fail(
            node.pos,
            format!("status {} is documented without a body", documented.status),
            "add `body:` to the response, or remove the example's body",
        );
        return None;
    };
    // A stream of items is shown as the list of them.
    let ty = match documented.stream {
        Some(ir::Streaming::Lines | ir::Streaming::Events) => &Ty::List(Box::new(ty.clone())),
        _ => ty,
    };
    // An XML body is shown as its document, or as the value it holds (which the mock
    // answers, written as XML).
    let xml_value = ir::is_xml(media) && node.as_str().is_none();
    if ir::is_json(media) || ir::encoding(media).is_item_stream() || xml_value {
        let canonical = walker.value(node, ty, None, false, "");
        return Some(ir::ExampleResponseBody::Json(ir::ExampleBody {
            ty: ty.clone(),
            json: node.to_json(),
            canonical,
        }));
    }
    text_body(walker, node, documented, media)
}

/// A non-JSON body, which is written as a string; an XML one is checked for its root.
fn text_body(
    walker: &mut Walker<'_, '_>,
    node: &Node,
    documented: &ir::Response,
    media: &str,
) -> Option<ir::ExampleResponseBody> {
    let Some(s) = node.as_str() else {
        walker.fail(
            node.pos,
            format!("a `{media}` example body is written as a string"),
            "write the body as a YAML block string (`body: |`)",
        );
        return None;
    };
    if let (true, Some(names)) = (ir::is_xml(media), &documented.xml) {
        super::xml::example_root(walker.cx, walker.file, node.pos, s, &names.root);
    }
    Some(ir::ExampleResponseBody::Text(s.to_string()))
}

struct Walker<'c, 'a> {
    cx: &'c mut Cx<'a>,
    table: &'c Table,
    file: usize,
    label: &'c str,
    failed: bool,
    in_request: bool,
    /// How to fix a mismatch.
    help: &'c str,
}

impl<'c, 'a> Walker<'c, 'a> {
    fn new(
        cx: &'c mut Cx<'a>,
        table: &'c Table,
        file: usize,
        label: &'c str,
        help: &'c str,
    ) -> Self {
        Walker {
            cx,
            table,
            file,
            label,
            failed: false,
            in_request: false,
            help,
        }
    }
}

impl Walker<'_, '_> {
    fn fail(&mut self, pos: Pos, message: String, help: impl Into<String>) {
        self.failed = true;
        self.cx.at(self.file).error_help(pos, message, help);
    }

    fn mismatch(&mut self, node: &Node, pointer: &str, what: String) {
        let at = if pointer.is_empty() {
            String::new()
        } else {
            format!(" at `{pointer}`")
        };
        let message = format!("{} does not match its schema{at}: {what}", self.label);
        let help = self.help;
        self.fail(node.pos, message, help);
    }

    /// [`Self::mismatch`], for a value that then writes as null.
    fn null_mismatch(&mut self, node: &Node, pointer: &str, what: String) -> Json {
        self.mismatch(node, pointer, what);
        Json::Null
    }

    /// Check `node` against `ty`; returns the JSON the generated types would write for it.
    fn value(
        &mut self,
        node: &Node,
        ty: &Ty,
        constraints: Option<&Constraints>,
        nullable: bool,
        pointer: &str,
    ) -> Json {
        // An item or map value that may be null is its inner type, or null.
        let (ty, nullable) = match ty {
            Ty::Nullable(inner) => (&**inner, true),
            ty => (ty, nullable),
        };
        if node.value == Value::Null {
            if !nullable && *ty != Ty::Any {
                self.mismatch(
                    node,
                    pointer,
                    "null is not allowed here (the field is not `nullable`)".into(),
                );
            }
            return Json::Null;
        }
        let Some(c) = constraints else {
            return self.non_null(node, ty, pointer);
        };
        self.constraints(node, c, pointer);
        let json = self.non_null(node, ty, pointer);
        // A format held other than as its text (bytes, a `time` value) is written back in
        // its own way: `aGk` as `aGk=`.
        match (self.cx.date_types.held(ty, c), json) {
            (Some(format), Json::String(text)) => {
                Json::String(format.written(&text).unwrap_or(text))
            }
            (_, json) => json,
        }
    }

    /// [`Self::value`] for a `node` that is not null, once its constraints are checked.
    fn non_null(&mut self, node: &Node, ty: &Ty, pointer: &str) -> Json {
        match (ty, &node.value) {
            (Ty::Any, _) => node.to_json(),
            (Ty::String, Value::Str(s)) => Json::String(s.clone()),
            (Ty::Boolean, Value::Bool(b)) => Json::Bool(*b),
            (Ty::Numeric(numeric), Value::Number(n)) => {
                let value = NumberValue::from_json(n);
                if numeric.holds(value) {
                    written_number(*numeric, value)
                } else {
                    let what = format!("expected `{}`, {}", numeric.name(), numeric.values());
                    self.null_mismatch(node, pointer, what)
                }
            }
            (Ty::Uuid, Value::Str(s)) => match uuid_text(s) {
                Some(canonical) => Json::String(canonical),
                None => self.null_mismatch(node, pointer, "not a UUID".into()),
            },
            (Ty::File, _) => self.null_mismatch(
                node,
                pointer,
                "a file cannot be written in a JSON example".into(),
            ),
            (Ty::List(item), Value::Seq(items)) => items
                .iter()
                .enumerate()
                .map(|(i, n)| self.value(n, item, None, false, &format!("{pointer}/{i}")))
                .collect(),
            (Ty::Map(key, value), Value::Map(entries)) => self.map(entries, key, value, pointer),
            (Ty::Named(index), _) => self.named(node, *index, pointer),
            (_, _) => {
                let expected = describe(ty, self.table);
                let what = format!("expected {expected}, found {}", node.kind());
                self.null_mismatch(node, pointer, what)
            }
        }
    }

    /// A map's entries, each key checked against `key` and each value against `value`.
    fn map(&mut self, entries: &[(Node, Node)], key: &Ty, value: &Ty, pointer: &str) -> Json {
        let mut out = serde_json::Map::new();
        for (k, v) in entries {
            let text = k.scalar_text().unwrap_or_default();
            let key_json = self.map_key(k, &text, key, pointer);
            let child = self.value(
                v,
                value,
                None,
                false,
                &format!("{pointer}/{}", escape(&text)),
            );
            out.insert(key_json, child);
        }
        Json::Object(out)
    }

    fn map_key(&mut self, node: &Node, text: &str, key: &Ty, pointer: &str) -> String {
        match key {
            Ty::Uuid => uuid_text(text).unwrap_or_else(|| {
                self.mismatch(node, pointer, format!("map key `{text}` is not a UUID"));
                text.to_string()
            }),
            Ty::Numeric(numeric) => match text.parse::<i128>() {
                Ok(value) if numeric.holds(NumberValue::Int(value)) => value.to_string(),
                _ => {
                    let what = format!(
                        "map key `{text}` is not `{}`, {}",
                        numeric.name(),
                        numeric.values()
                    );
                    self.mismatch(node, pointer, what);
                    text.to_string()
                }
            },
            _ => text.to_string(),
        }
    }

    /// A value of the named type at `index` in the table.
    fn named(&mut self, node: &Node, index: usize, pointer: &str) -> Json {
        let def = &self.table.types[index];
        match &def.kind {
            TypeKind::Struct { fields, extra } => {
                let kept = extra.as_ref().map(|e| e.ty.clone());
                self.structure(node, def, fields, kept.as_ref(), pointer)
            }
            TypeKind::StringEnum(variants) => self.string_enum(node, def, variants, pointer),
            TypeKind::IntEnum(variants) => self.int_enum(node, def, variants, pointer),
            TypeKind::Union(alternatives) => self.union(node, def, alternatives, pointer),
            TypeKind::Scalar { ty, constraints } => {
                let (ty, constraints) = (ty.clone(), constraints.clone());
                self.value(node, &ty, Some(&constraints), false, pointer)
            }
            TypeKind::Tagged(tagged) => self.tagged(node, def, tagged, pointer),
        }
    }

    /// A tagged union's object: its tag names a documented alternative, whose value is the
    /// rest of the object or the content member.
    fn tagged(&mut self, node: &Node, def: &TypeDef, tagged: &Tagged, pointer: &str) -> Json {
        let Value::Map(entries) = &node.value else {
            let what = format!("expected a `{}` object, found {}", def.name, node.kind());
            return self.null_mismatch(node, pointer, what);
        };
        let tag_pointer = format!("{pointer}/{}", escape(&tagged.tag));
        let tag = entries
            .iter()
            .find(|(k, _)| k.scalar_text().as_deref() == Some(tagged.tag.as_str()));
        let Some((_, tag_node)) = tag else {
            let what = format!("the tag `{}` is missing", tagged.tag);
            return self.null_mismatch(node, pointer, what);
        };
        let found = tag_node
            .scalar_text()
            .and_then(|t| tagged.alternatives.iter().find(|a| a.wire == t));
        let Some(alternative) = found else {
            let tags: Vec<&str> = tagged
                .alternatives
                .iter()
                .map(|a| a.wire.as_str())
                .collect();
            let what = format!("expected one of the tags {}", tags.join(", "));
            return self.null_mismatch(tag_node, &tag_pointer, what);
        };
        let mut out = serde_json::Map::new();
        out.insert(tagged.tag.clone(), Json::String(alternative.wire.clone()));
        let Some(ty) = alternative.ty.clone() else {
            return Json::Object(out);
        };
        match &tagged.content {
            Some(content) => {
                let value = entries
                    .iter()
                    .find(|(k, _)| k.scalar_text().as_deref() == Some(content.as_str()));
                let content_pointer = format!("{pointer}/{}", escape(content));
                match value {
                    Some((_, value)) => {
                        let json = self.value(value, &ty, None, false, &content_pointer);
                        out.insert(content.clone(), json);
                    }
                    None => {
                        let what = format!("the value `{content}` is missing");
                        self.mismatch(node, pointer, what);
                    }
                }
            }
            None => {
                // The alternative's members sit beside the tag; it may declare the tag too.
                let rest = self.without_undeclared(node, entries, &tagged.tag, &ty);
                if let Json::Object(members) = self.value(&rest, &ty, None, false, pointer) {
                    out.extend(members);
                }
            }
        }
        Json::Object(out)
    }

    /// `node` without its `tag` member, unless the struct `ty` declares one of that name.
    fn without_undeclared(
        &self,
        node: &Node,
        entries: &[(Node, Node)],
        tag: &str,
        ty: &Ty,
    ) -> Node {
        let declares = match ty {
            Ty::Named(i) => matches!(&self.table.types[*i].kind,
                TypeKind::Struct { fields, .. } if fields.iter().any(|f| f.wire == tag)),
            _ => false,
        };
        if declares {
            return node.clone();
        }
        let kept = entries
            .iter()
            .filter(|(k, _)| k.scalar_text().as_deref() != Some(tag))
            .cloned()
            .collect();
        Node {
            pos: node.pos,
            value: Value::Map(kept),
        }
    }

    /// An object of the struct `def`; `kept` is the type of the members it keeps that it
    /// does not declare, where it is open (`any` for `open: true`).
    fn structure(
        &mut self,
        node: &Node,
        def: &TypeDef,
        fields: &[Field],
        kept: Option<&Ty>,
        pointer: &str,
    ) -> Json {
        let Value::Map(entries) = &node.value else {
            let what = format!("expected a `{}` object, found {}", def.name, node.kind());
            return self.null_mismatch(node, pointer, what);
        };
        let mut out = serde_json::Map::new();
        for field in fields {
            if let Some(json) = self.field(node, entries, field, pointer) {
                out.insert(field.wire.clone(), json);
            }
        }
        for (key, value) in entries {
            let name = key.scalar_text().unwrap_or_default();
            if fields.iter().any(|f| f.wire == name) {
                continue;
            }
            if let Some(kept) = kept {
                let child = format!("{pointer}/{}", escape(&name));
                let json = self.value(value, kept, None, false, &child);
                out.insert(name, json);
            } else {
                self.unknown_field(key, &name, def, fields, pointer);
            }
        }
        Json::Object(out)
    }

    /// The JSON for `field` of the object `node`, if it is set and allowed.
    fn field(
        &mut self,
        node: &Node,
        entries: &[(Node, Node)],
        field: &Field,
        pointer: &str,
    ) -> Option<Json> {
        let found = entries
            .iter()
            .find(|(k, _)| k.scalar_text().as_deref() == Some(field.wire.as_str()));
        let child_pointer = format!("{pointer}/{}", escape(&field.wire));
        match found {
            Some((key, _)) if self.in_request && field.read_only => {
                let what = format!("`{}` is read-only: a request does not send it", field.wire);
                self.mismatch(key, &child_pointer, what);
                None
            }
            Some((_, v)) => Some(self.value(
                v,
                &field.ty,
                Some(&field.constraints),
                field.nullable,
                &child_pointer,
            )),
            // A request leaves a read-only field out, required or not.
            None if field.required && !(self.in_request && field.read_only) => {
                let what = format!("required field `{}` is missing", field.wire);
                self.mismatch(node, pointer, what);
                None
            }
            // The generated types fill in a default, and write it back.
            None => field.default.clone(),
        }
    }

    /// Reports the key `name`, which the closed struct `def` does not declare.
    fn unknown_field(
        &mut self,
        key: &Node,
        name: &str,
        def: &TypeDef,
        fields: &[Field],
        pointer: &str,
    ) {
        let known: Vec<&str> = fields.iter().map(|f| f.wire.as_str()).collect();
        let close = crate::diagnostics::did_you_mean(name, known.iter().copied());
        let what = match close {
            Some(c) => format!(
                "`{name}` is not a field of `{}` (did you mean `{c}`?)",
                def.name
            ),
            None => format!("`{name}` is not a field of `{}`", def.name),
        };
        self.mismatch(key, &format!("{pointer}/{}", escape(name)), what);
    }

    /// A string enum, written as one of its wire values.
    fn string_enum(
        &mut self,
        node: &Node,
        def: &TypeDef,
        variants: &[StringVariant],
        pointer: &str,
    ) -> Json {
        match &node.value {
            Value::Str(s) if variants.iter().any(|v| v.wire == *s) => Json::String(s.clone()),
            _ => {
                let values: Vec<&str> = variants.iter().map(|v| v.wire.as_str()).collect();
                let what = format!("expected one of {} (`{}`)", values.join(", "), def.name);
                self.null_mismatch(node, pointer, what)
            }
        }
    }

    /// An int enum, written as its number or (case-insensitively) its name.
    fn int_enum(
        &mut self,
        node: &Node,
        def: &TypeDef,
        variants: &[IntVariant],
        pointer: &str,
    ) -> Json {
        let found = match &node.value {
            Value::Number(n) => variants.iter().find(|v| n.as_i64() == Some(v.value)),
            Value::Str(s) => variants.iter().find(|v| v.name.eq_ignore_ascii_case(s)),
            _ => None,
        };
        if let Some(v) = found {
            return Json::from(v.value);
        }
        let values: Vec<String> = variants
            .iter()
            .map(|v| format!("{} ({})", v.value, v.name))
            .collect();
        let what = format!("expected one of {} (`{}`)", values.join(", "), def.name);
        self.null_mismatch(node, pointer, what)
    }

    /// A union, written as the first alternative it matches.
    fn union(
        &mut self,
        node: &Node,
        def: &TypeDef,
        alternatives: &[Alternative],
        pointer: &str,
    ) -> Json {
        // The first alternative that matches wins, as it will at run time.
        for alternative in alternatives {
            if let Some(json) =
                self.quietly(|w| w.value(node, &alternative.ty, None, false, pointer))
            {
                return json;
            }
        }
        let names: Vec<String> = alternatives
            .iter()
            .map(|a| describe(&a.ty, self.table))
            .collect();
        let what = format!(
            "matches none of the alternatives of `{}` ({})",
            def.name,
            names.join(", ")
        );
        self.null_mismatch(node, pointer, what)
    }

    /// Run `check` without reporting; `None` when it found a problem.
    fn quietly(&mut self, check: impl FnOnce(&mut Self) -> Json) -> Option<Json> {
        let (before_failed, before_len) = (self.failed, self.cx.diags.len());
        self.failed = false;
        let json = check(self);
        let ok = !self.failed;
        self.cx.diags.truncate(before_len);
        self.failed = before_failed;
        ok.then_some(json)
    }

    /// Each constraint's own test and message, from the table the runtime uses too.
    fn constraints(&mut self, node: &Node, c: &Constraints, pointer: &str) {
        let Some(subject) = subject(node) else {
            return;
        };
        // Only `unique_items` compares items: their texts are made for it alone.
        let distinct = c.iter().any(|c| matches!(c.limit, Limit::Distinct));
        let texts = distinct.then(|| item_texts(node)).flatten();
        for constraint in c.iter() {
            let subject = match (&texts, &constraint.limit) {
                (Some(texts), Limit::Distinct) => Subject::ItemTexts(texts),
                _ => subject,
            };
            if constraint.rule.holds(subject, &constraint.limit) == Some(false)
                && let Some(message) = constraint.rule.message(&constraint.limit)
            {
                self.mismatch(node, pointer, message);
            }
        }
    }
}

/// A list's items as canonical JSON texts, for `unique_items`.
fn item_texts(node: &Node) -> Option<Vec<String>> {
    let Value::Seq(items) = &node.value else {
        return None;
    };
    Some(
        items
            .iter()
            .map(|item| item.to_json().to_string())
            .collect(),
    )
}

/// A YAML value as the rules see it.
fn subject(node: &Node) -> Option<Subject<'_>> {
    match &node.value {
        Value::Str(s) => Some(Subject::Text(s)),
        Value::Seq(items) => Some(Subject::Items(items.len())),
        Value::Map(entries) => Some(Subject::Items(entries.len())),
        Value::Number(n) => Some(Subject::Number(NumberValue::from_json(n))),
        Value::Bool(b) => Some(Subject::Bool(*b)),
        _ => None,
    }
}

/// The JSON a value of `numeric` writes for `value`, which it holds: an integer as the
/// integer (`3.0` is 3), a `number` as a float, a `float32` as serde_json's values carry an
/// `f32` (widened to `f64`, as the generated example tests compare it).
fn written_number(numeric: Numeric, value: NumberValue) -> Json {
    let float = match value {
        NumberValue::Int(v) => v as f64,
        NumberValue::Float(v) => v,
    };
    match numeric {
        Numeric::Float32 => Json::from(float as f32),
        Numeric::Number => serde_json::Number::from_f64(float).map_or(Json::Null, Json::Number),
        _ => value
            .integral()
            .and_then(|v| NumberValue::Int(v).to_json())
            .map_or(Json::Null, Json::Number),
    }
}

/// A UUID in the form the `uuid` crate writes (lower-case, hyphenated).
fn uuid_text(text: &str) -> Option<String> {
    uuid::Uuid::try_parse(text)
        .ok()
        .map(|u| u.hyphenated().to_string())
}

/// RFC 6901 escaping of one pointer segment.
fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}
