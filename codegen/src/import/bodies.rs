//! Request and response bodies: the body's type from the schema of the media type that says
//! most (JSON first), and the other media types that carry the same schema in an encoding
//! the language gives that type; response headers.

use specgen_rules::media::{self, Encoding};

use super::Importer;
use super::json::Value;
use super::operations::header_yaml;
use super::schema::text;
use super::source::{At, Sources};
use super::yaml::{Entry, Map, Yaml};
use crate::check::camel;

/// The encodings a body's type is read from, in the order preferred.
const PREFERRED: &[Encoding] = &[
    Encoding::Json,
    Encoding::Form,
    Encoding::Multipart,
    Encoding::Text,
    Encoding::Bytes,
    Encoding::Lines,
    Encoding::Events,
    Encoding::Xml,
];

/// One `content` entry.
struct Content {
    media: String,
    encoding: Encoding,
    schema: Option<Value>,
    at: At,
}

/// The root element of an XML body, and the element of each item of a list.
type XmlNames = (Option<String>, Option<String>);

/// A body: its type (or item type), its media types, and the entry it was read from.
pub struct Body {
    pub ty: String,
    pub media: Vec<String>,
    /// A stream of items (`items:` in place of `body:`).
    pub items: bool,
    /// The XML element wrapping the XML form, where XML is offered beside JSON.
    pub xml_root: Option<String>,
    /// The element of each item of a list's XML form, where it is not the item type's name.
    pub xml_item: Option<String>,
    /// The `content` entry the type was read from (its examples are the body's).
    pub primary: At,
    /// A response's bodies of different types by media type (`content:`), the primary's
    /// first; empty where one body serves every media type.
    pub forms: Vec<(String, String)>,
}

/// Headers the generated code writes itself, never documented as a response's own.
const DERIVED_HEADERS: &[&str] = &[
    "content-type",
    "content-length",
    "transfer-encoding",
    "connection",
];

impl Importer<'_> {
    /// The request body, and the media type its examples are in; `None` where it has no
    /// media type the language can say.
    pub(super) fn request(&mut self, op: &str, request: &Value, at: &At) -> Option<(Map, At)> {
        let (request, at) = self.resolved(request, at, "request body")?;
        let body = self.body(&request, &at, &format!("{}Request", camel(op)), true)?;
        let optional = !request.get("required").is_some_and(Value::is_true);
        let mut yaml = Map::new();
        yaml.insert("body", body.ty.as_str());
        if body.media != [media::JSON] {
            yaml.insert("media", media_yaml(&body.media));
        }
        if optional {
            yaml.insert("required", false);
        }
        xml_yaml(&mut yaml, &body);
        if let Some(max) = request.get("x-specgen-max-bytes").and_then(Value::as_u64) {
            yaml.insert("max_bytes", max);
        }
        if request.get("x-specgen-stream").is_some_and(Value::is_true) && body.ty == "bytes" {
            yaml.insert("stream", true);
        }
        if let Some(description) = text(&request, "description") {
            yaml.insert("description", description);
        }
        Some((yaml, body.primary))
    }

    /// Every response, by status as the language writes it; and for each exact status with a
    /// body, the media type its examples are in.
    pub(super) fn responses(
        &mut self,
        op: &str,
        operation: &Value,
        at: &At,
    ) -> (Map, Vec<(u16, At)>) {
        let mut out = Map::new();
        let mut primaries = Vec::new();
        let responses_at = at.child("responses");
        let Some(responses) = operation.get("responses").and_then(Value::as_object) else {
            self.gaps
                .gap(at, "responses", "an operation without `responses`");
            return (out, primaries);
        };
        let first_success = responses.keys().find(|k| k.starts_with('2')).cloned();
        for (status, response) in responses {
            let response_at = responses_at.child(status);
            let mark = self.gaps.mark();
            let Some(key) = status_key(status) else {
                self.gaps
                    .gap(&response_at, "status", format!("the status `{status}`"));
                continue;
            };
            if out.get(&key).is_some() {
                self.gaps.gap(
                    &response_at,
                    "status",
                    format!("`{status}`, written twice in other letter cases"),
                );
                continue;
            }
            let hint = if Some(status) == first_success.as_ref() {
                format!("{}Response", camel(op))
            } else {
                format!("{}Response{}", camel(op), key)
            };
            let Some((yaml, primary)) = self.response(response, &response_at, &hint) else {
                continue;
            };
            if let (Ok(code), Some(primary)) = (key.parse::<u16>(), primary) {
                primaries.push((code, primary));
            }
            let comment = self.gaps.claim_since(self.sources, mark);
            out.0.push(Entry {
                key,
                value: Yaml::Map(yaml),
                comment,
            });
        }
        if out.is_empty() {
            self.gaps.gap(
                &responses_at,
                "responses",
                "no response is documented; any answer is read as `default`, without a body",
            );
            let comment = self.gaps.claim_since(self.sources, self.gaps.mark() - 1);
            out.0.push(Entry {
                key: "default".into(),
                value: Yaml::Map(Map::new()),
                comment,
            });
        }
        (out, primaries)
    }

    fn response(&mut self, response: &Value, at: &At, hint: &str) -> Option<(Map, Option<At>)> {
        let (response, at) = self.resolved(response, at, "response")?;
        let mut yaml = Map::new();
        if let Some(description) = text(&response, "description") {
            yaml.insert("description", description);
        }
        let body = self.body(&response, &at, hint, false);
        let primary = body
            .as_ref()
            .filter(|b| !b.items)
            .map(|b| b.primary.clone());
        if let Some(body) = body.as_ref().filter(|b| !b.forms.is_empty()) {
            let forms = body.forms.iter().map(|(media, ty)| Entry {
                key: media.clone(),
                value: Yaml::Str(ty.clone()),
                comment: None,
            });
            yaml.insert("content", Yaml::Map(Map(forms.collect())));
            xml_yaml(&mut yaml, body);
        } else if let Some(body) = body {
            if body.media != [media::JSON] {
                yaml.insert("media", media_yaml(&body.media));
            }
            yaml.insert(if body.items { "items" } else { "body" }, body.ty.as_str());
            xml_yaml(&mut yaml, &body);
        }
        let headers = self.headers(&response, &at, hint);
        if !headers.is_empty() {
            yaml.insert("headers", headers);
        }
        if response.get("links").is_some() {
            self.gaps
                .note(&at.child("links"), "documentation", "`links`");
        }
        Some((yaml, primary))
    }

    /// The body of a request or response's `content`: `None` where it has none the language
    /// can say (reported).
    fn body(&mut self, owner: &Value, at: &At, hint: &str, request: bool) -> Option<Body> {
        let contents: Vec<Content> = self
            .contents(owner, at)
            .into_iter()
            .filter(|c| self.sayable(c, request))
            .collect();
        let contents = self.without_echoes(contents);
        let primary = PREFERRED
            .iter()
            .find_map(|e| contents.iter().find(|c| c.encoding == *e))?;
        let (ty, items) = self.body_type(primary, hint)?;
        let mut body = Body {
            ty,
            media: vec![primary.media.clone()],
            items,
            xml_root: None,
            xml_item: None,
            primary: primary.at.clone(),
            forms: Vec::new(),
        };
        if primary.encoding == Encoding::Xml {
            (body.xml_root, body.xml_item) = self.xml_form(primary, &body.ty)?;
        }
        let misfits: Vec<&Content> = contents
            .iter()
            .filter(|c| c.at != primary.at)
            .filter(|other| !self.add_media(&mut body, primary, other, request))
            .collect();
        if misfits.is_empty() {
            return Some(body);
        }
        if !request && contents.iter().all(|c| is_form(c.encoding)) {
            self.forms(&mut body, &contents, hint);
            return Some(body);
        }
        for other in misfits {
            let what = format!(
                "`{}`, whose schema or encoding differs from `{}`'s; only that is read",
                other.media, primary.media
            );
            self.gaps.gap(&other.at, "media", what);
        }
        Some(body)
    }

    /// The entries less those in a text or raw media type that repeat a JSON entry's schema of
    /// structured data (`text/plain` beside `application/json`, both `Report`, as some
    /// frameworks list every media type they know): a server asked for such a type answers the
    /// JSON it has, so the JSON entry says the body (noted).
    fn without_echoes(&mut self, contents: Vec<Content>) -> Vec<Content> {
        let json: Vec<(String, Value)> = contents
            .iter()
            .filter(|c| c.encoding == Encoding::Json)
            .filter_map(|c| Some((c.media.clone(), c.schema.clone()?)))
            .collect();
        let mut kept = Vec::with_capacity(contents.len());
        for content in contents {
            let echoed = matches!(content.encoding, Encoding::Text | Encoding::Bytes)
                .then_some(content.schema.as_ref())
                .flatten()
                .filter(|schema| self.is_structured(schema))
                .and_then(|schema| json.iter().find(|(_, s)| s == schema));
            match echoed {
                Some((json_media, _)) => self.gaps.note(
                    &content.at,
                    "media-echo",
                    format!(
                        "`{}` repeats the schema of `{json_media}`, which is not text or bytes: the same JSON body, read as `{json_media}`",
                        content.media
                    ),
                ),
                None => kept.push(content),
            }
        }
        kept
    }

    /// Whether a schema describes structured data rather than a string or anything at all.
    fn is_structured(&self, schema: &Value) -> bool {
        let Ok((resolved, _)) = self.sources.resolve(schema, &At::root()) else {
            return false;
        };
        resolved.get("type").and_then(Value::as_str) != Some("string")
            && !super::schema::is_any(resolved)
    }

    /// Whether a schema is an object that says nothing of its members (`type: object` and no
    /// more): a placeholder, which a text or raw body reads as its text or bytes.
    pub(super) fn is_empty_object(&self, schema: &Value) -> bool {
        let Ok((resolved, _)) = self.sources.resolve(schema, &At::root()) else {
            return false;
        };
        let Some(members) = resolved.as_object() else {
            return false;
        };
        let free = |key: &str| match members.get(key) {
            None | Some(Value::Bool(true)) => true,
            Some(value) => value.as_object().is_some_and(|m| m.is_empty()),
        };
        resolved.get("type").and_then(Value::as_str) == Some("object")
            && free("properties")
            && free("additionalProperties")
            && members.keys().all(|k| {
                super::schema::DOCUMENTING.contains(&k.as_str())
                    || matches!(
                        k.as_str(),
                        "type" | "description" | "properties" | "additionalProperties"
                    )
            })
    }

    /// Whether a schema is a string in base64 (`format: byte`), which on a raw media type's
    /// body (`image/png`) its authors meant as the bytes the media type names.
    fn is_base64_string(&self, schema: &Value) -> bool {
        let Ok((resolved, _)) = self.sources.resolve(schema, &At::root()) else {
            return false;
        };
        resolved.get("type").and_then(Value::as_str) == Some("string")
            && matches!(
                resolved.get("format").and_then(Value::as_str),
                Some("byte" | "base64")
            )
    }

    /// A response's bodies by media type (`body.forms`): the body's media types with its
    /// type, then each other entry's own, in the order written. The XML forms share the
    /// response's element names, the first XML form's.
    fn forms(&mut self, body: &mut Body, contents: &[Content], hint: &str) {
        let essence = |m: &str| media::essence(m).to_ascii_lowercase();
        let mut forms: Vec<(String, String)> = Vec::new();
        // Media types of one body differing only in parameters (`; charset=utf-8`) carry the
        // same schema in the same encoding: one form says them all.
        for m in &body.media {
            if !forms.iter().any(|(f, _)| essence(f) == essence(m)) {
                forms.push((m.clone(), body.ty.clone()));
            }
        }
        let mut named_xml = body
            .media
            .iter()
            .any(|m| Encoding::of(m) == Some(Encoding::Xml));
        for other in contents.iter().filter(|c| !body.media.contains(&c.media)) {
            if forms
                .iter()
                .any(|(m, _)| essence(m) == essence(&other.media))
            {
                // One media type with other parameters (`; version=2`): one body each.
                let what = format!(
                    "`{}`, the media type of another entry with other parameters; only that is read",
                    other.media
                );
                self.gaps.gap(&other.at, "media", what);
                continue;
            }
            let Some((ty, _)) = self.body_type(other, hint) else {
                continue;
            };
            if other.encoding == Encoding::Xml {
                match self.xml_form(other, &ty) {
                    Some(names) if !named_xml => (body.xml_root, body.xml_item) = names,
                    Some(names) if names == (body.xml_root.clone(), body.xml_item.clone()) => {}
                    Some(_) => {
                        let what = format!(
                            "`{}`, whose elements are named otherwise than another XML form's; only that is read",
                            other.media
                        );
                        self.gaps.gap(&other.at, "media", what);
                        continue;
                    }
                    None => continue,
                }
                named_xml = true;
            }
            forms.push((other.media.clone(), ty));
        }
        body.forms = forms;
    }

    /// The `content` entries, with `*/*` over a schema that is no raw body read as JSON.
    fn contents(&mut self, owner: &Value, at: &At) -> Vec<Content> {
        let content_at = at.child("content");
        let Some(content) = owner.get("content").and_then(Value::as_object) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (media, entry) in content {
            let entry_at = content_at.child(media);
            let schema = entry.get("schema").cloned();
            let Some(mut encoding) = Encoding::of(media) else {
                self.gaps.gap(
                    &entry_at,
                    "media",
                    format!("`{media}`, which is not a media type"),
                );
                continue;
            };
            let mut media = media.clone();
            if encoding == Encoding::Bytes
                && media::is_range(&media)
                && !schema.as_ref().is_none_or(|s| self.is_binary(s))
            {
                self.gaps.note(
                    &entry_at,
                    "media-range",
                    format!("`{media}` with a schema: read as `application/json`"),
                );
                media = media::JSON.to_owned();
                encoding = Encoding::Json;
            }
            out.push(Content {
                media,
                encoding,
                schema,
                at: entry_at,
            });
        }
        out
    }

    /// Whether the language can say a body in this media type (else it is reported).
    fn sayable(&mut self, content: &Content, request: bool) -> bool {
        let problem = match (content.encoding, request) {
            (Encoding::Lines | Encoding::Events, true) => Some("a request body of streamed items"),
            (Encoding::Form | Encoding::Multipart, false) => Some("a form response"),
            (Encoding::Bytes, _)
                if media::is_range(&content.media) && media::essence(&content.media) != "*/*" =>
            {
                Some("a media range other than `*/*`, which names no type to send")
            }
            _ => None,
        };
        if let Some(problem) = problem {
            self.gaps.gap(
                &content.at,
                "media",
                format!("`{}`: {problem}", content.media),
            );
        }
        problem.is_none()
    }

    /// The type a body in `content` is: its schema's type, `string` for text, `bytes` for raw
    /// bytes; and whether it is a stream of items.
    fn body_type(&mut self, content: &Content, hint: &str) -> Option<(String, bool)> {
        let schema_at = content.at.child("schema");
        match content.encoding {
            Encoding::Bytes => {
                self.report_raw_schema(content, &schema_at);
                Some(("bytes".to_owned(), false))
            }
            Encoding::Text => {
                self.report_text_schema(content, &schema_at, hint);
                Some(("string".to_owned(), false))
            }
            Encoding::Lines | Encoding::Events => {
                let entry = self.sources.get(&content.at).cloned().unwrap_or_default();
                let item = entry
                    .get("itemSchema")
                    .or_else(|| entry.get("x-specgen-items"));
                let ty = match item {
                    Some(item) => self.value_type(
                        item,
                        &content.at.child("itemSchema"),
                        &format!("{hint}Item"),
                    ),
                    None => {
                        self.gaps.note(
                            &content.at,
                            "stream",
                            "a stream without an item schema: items read as text",
                        );
                        "string".to_owned()
                    }
                };
                Some((ty, true))
            }
            _ => {
                self.multipart = content.encoding == Encoding::Multipart;
                self.texts = (content.encoding == Encoding::Form).then(|| schema_at.clone());
                let ty = match &content.schema {
                    Some(schema) => self.value_type(schema, &schema_at, hint),
                    None => "any".to_owned(),
                };
                (self.multipart, self.texts) = (false, None);
                Some((ty, false))
            }
        }
    }

    /// Reports a raw body's schema that says more than bytes (a note where it names no more
    /// than the media type does: an empty object, a base64 string).
    fn report_raw_schema(&mut self, content: &Content, schema_at: &At) {
        let Some(schema) = content.schema.as_ref().filter(|s| !self.says_bytes(s)) else {
            return;
        };
        if self.is_empty_object(schema) || self.is_base64_string(schema) {
            let what = format!(
                "a schema for the raw bytes of `{}` that names no more than their media type does (an empty object, or a base64 string): read as bytes",
                content.media
            );
            self.gaps.note(schema_at, "raw-body", what);
        } else {
            let what = format!(
                "a schema for the raw bytes of `{}`; read as bytes",
                content.media
            );
            self.gaps.gap(schema_at, "raw-body", what);
        }
    }

    /// Reports a text body's schema that is not text (a note for an empty object).
    fn report_text_schema(&mut self, content: &Content, schema_at: &At, hint: &str) {
        let Some(schema) = &content.schema else {
            return;
        };
        let ty = self.shape(schema, schema_at, hint).ty;
        if ty == "string" || ty == "any" {
            return;
        }
        if self.is_empty_object(schema) {
            let what = format!(
                "an empty object schema for `{}`: read as a string",
                content.media
            );
            self.gaps.note(schema_at, "text-body", what);
        } else {
            let what = format!(
                "a schema that is not text for `{}`; read as a string",
                content.media
            );
            self.gaps.gap(schema_at, "text-body", what);
        }
    }

    /// A schema as one type expression: a named scalar holds constraints a body's type
    /// cannot have beside it.
    pub(super) fn value_type(&mut self, schema: &Value, at: &At, hint: &str) -> String {
        let mut shape = self.shape(schema, at, hint);
        if shape.nullable && shape.ty != "any" {
            self.gaps
                .note(at, "nullable-body", "a body that may be `null`");
        }
        shape.nullable = false;
        self.element(shape, at, hint)
    }

    /// Adds `other`'s media type to the body where it carries the same schema in an encoding
    /// the body's type travels in; whether it does (an XML element name the language cannot
    /// write is reported here).
    fn add_media(
        &mut self,
        body: &mut Body,
        primary: &Content,
        other: &Content,
        request: bool,
    ) -> bool {
        let same_schema = other.schema == primary.schema || other.schema.is_none();
        let fits = match (primary.encoding, other.encoding) {
            (a, b) if a == b => same_schema,
            (
                Encoding::Json | Encoding::Form | Encoding::Multipart,
                Encoding::Json | Encoding::Form | Encoding::Multipart,
            ) => request && same_schema && self.is_object(&body.ty),
            (Encoding::Json, Encoding::Xml) if same_schema && body.ty != "bytes" => {
                match self.xml_form(other, &body.ty) {
                    Some(names) => {
                        (body.xml_root, body.xml_item) = names;
                        true
                    }
                    // Reported; the XML form is left out, and the JSON one read.
                    None => return true,
                }
            }
            _ => false,
        };
        if fits {
            body.media.push(other.media.clone());
        }
        fits
    }

    /// The elements of an XML body of type `ty` in `content` ([`Self::xml_names`]), with what
    /// its schema says of XML that the language cannot (element names it cannot write,
    /// namespaces) reported; `None` where the root or the items cannot be named (reported).
    fn xml_form(&mut self, content: &Content, ty: &str) -> Option<XmlNames> {
        if let Some(schema) = &content.schema {
            self.xml_keywords(schema, &content.at.child("schema"), &mut Vec::new());
        }
        match self.xml_names(content, ty) {
            Ok(names) => Some(names),
            Err(name) => {
                let what = format!(
                    "`{}`, whose element `{name}` the spec language cannot name (letters, digits, `_`, `-` and `.`)",
                    content.media
                );
                self.gaps.gap(&content.at, "media", what);
                None
            }
        }
    }

    /// The elements of an XML body of type `ty`: the root, the schema's `xml.name`, else a
    /// named type's name (a plain value or a list without one is in the language's `result`);
    /// and for a list, its items' `xml.name` where that is not the item type's name. A
    /// namespace prefix (`ns:Pet`) is left out: the generated code reads any. A name the
    /// language cannot write otherwise is the error.
    fn xml_names(&self, content: &Content, ty: &str) -> Result<XmlNames, String> {
        fn followed<'s>(sources: &'s Sources, s: &'s Value, at: &At) -> Option<&'s Value> {
            sources.resolve(s, at).ok().map(|(s, _)| s)
        }
        let named = |schema: Option<&Value>| -> Result<Option<String>, String> {
            let Some(schema) = schema.and_then(|s| followed(self.sources, s, &content.at)) else {
                return Ok(None);
            };
            match schema
                .get("xml")
                .and_then(|x| x.get("name"))
                .and_then(Value::as_str)
            {
                Some(name) => {
                    let local = name.rsplit(':').next().unwrap_or(name);
                    if specgen_rules::xml::is_element_name(local) {
                        Ok(Some(local.to_owned()))
                    } else {
                        Err(name.to_owned())
                    }
                }
                None => Ok(None),
            }
        };
        let schema = (content.schema.as_ref()).and_then(|s| followed(self.sources, s, &content.at));
        let root = named(schema)?.or_else(|| self.types.def(ty).map(|_| ty.to_owned()));
        let Some(item_ty) = ty.strip_prefix("list<").and_then(|t| t.strip_suffix('>')) else {
            return Ok((root, None));
        };
        let item = named(schema.and_then(|s| s.get("items")))?;
        let default = if self.types.def(item_ty).is_some() {
            item_ty
        } else {
            specgen_rules::xml::PLAIN_ITEM
        };
        Ok((root, item.filter(|name| name != default)))
    }

    /// Reports what the members of an XML body's schema say of their XML form that the
    /// language cannot: elements (a member's, a wrapped list's items') named as it cannot
    /// write, a namespace. (Each named schema is looked at once.)
    fn xml_keywords(&mut self, schema: &Value, at: &At, seen: &mut Vec<String>) {
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            if seen.iter().any(|s| s == reference) || seen.len() > 256 {
                return;
            }
            seen.push(reference.to_owned());
        }
        let Ok((schema, at)) = self.sources.resolve(schema, at) else {
            return;
        };
        let (schema, at) = (schema.clone(), at.clone());
        if let Some(xml) = schema.get("xml")
            && in_namespace(xml)
        {
            let what = "an XML element in a namespace (the generated code reads any prefix, and writes none)";
            self.gaps.gap(&at.child("xml"), "xml", what);
        }
        if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
            for (name, member) in properties {
                let member_at = at.child("properties").child(name);
                self.xml_member(name, member, &member_at);
                self.xml_keywords(member, &member_at, seen);
            }
        }
        for key in ["items", "additionalProperties"] {
            if let Some(inner) = schema.get(key).filter(|v| v.as_object().is_some()) {
                self.xml_keywords(inner, &at.child(key), seen);
            }
        }
        for key in ["allOf", "oneOf", "anyOf"] {
            for (i, part) in schema
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
            {
                self.xml_keywords(part, &at.child(key).child(&i.to_string()), seen);
            }
        }
    }

    /// Reports a member's `xml` that changes its form on the wire.
    fn xml_member(&mut self, name: &str, member: &Value, at: &At) {
        let Ok((member, _)) = self.sources.resolve(member, at) else {
            return;
        };
        let Some(xml) = member.get("xml") else {
            return;
        };
        let element = xml.get("name").and_then(Value::as_str);
        // A namespace on the member's own schema is reported where that schema is looked at.
        // An attribute is a field's `xml_attribute`, a wrapped list its `xml_item`, another
        // element name its `xml_name` (see `objects`), where the language can write them.
        let wrapped = xml.get("wrapped").is_some_and(Value::is_true);
        let said = if wrapped && self.xml_item(member, at, name).is_none() {
            "a list wrapped in an element the spec language cannot name"
        } else if element.is_some_and(|e| e.rsplit(':').next() != Some(name))
            && self.xml_name(member, at, name).is_none()
        {
            "an XML element named as the spec language cannot write"
        } else {
            return;
        };
        self.gaps
            .gap(&at.child("xml"), "xml", format!("`{name}`: {said}"));
    }

    /// Whether a schema describes raw bytes (`format: binary`, 3.1's `contentMediaType`, or
    /// nothing at all).
    fn is_binary(&self, schema: &Value) -> bool {
        let Ok((schema, _)) = self.sources.resolve(schema, &At::root()) else {
            return false;
        };
        schema.get("format").and_then(Value::as_str) == Some("binary")
            || schema.get("contentMediaType").is_some()
            || schema.get("contentEncoding").is_none() && super::schema::is_any(schema)
    }

    /// Whether the schema of a body in a raw media type (`application/octet-stream`) says it is
    /// bytes: as [`Self::is_binary`], or Swagger 2's `format: file`, or a string in no format
    /// or encoding (3.1's way to say bytes).
    fn says_bytes(&self, schema: &Value) -> bool {
        let Ok((resolved, _)) = self.sources.resolve(schema, &At::root()) else {
            return false;
        };
        let format = resolved.get("format").and_then(Value::as_str);
        let plain_string = resolved.get("type").and_then(Value::as_str) == Some("string")
            && format.is_none()
            && resolved.get("contentEncoding").is_none();
        self.is_binary(schema) || format == Some("file") || plain_string
    }

    /// A response's headers, each as a header parameter is written.
    fn headers(&mut self, response: &Value, at: &At, hint: &str) -> Map {
        let mut out = Map::new();
        let headers_at = at.child("headers");
        let Some(headers) = response.get("headers").and_then(Value::as_object) else {
            return out;
        };
        let mut seen: Vec<String> = Vec::new();
        for (name, header) in headers {
            let header_at = headers_at.child(name);
            let mark = self.gaps.mark();
            if DERIVED_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
                self.gaps.note(
                    &header_at,
                    "header",
                    format!("`{name}`, which the generated code sets itself"),
                );
                continue;
            }
            if seen.contains(&name.to_ascii_lowercase()) || !is_token(name) {
                self.gaps.gap(
                    &header_at,
                    "header",
                    format!("the header `{name}`: not a header name, or written twice"),
                );
                continue;
            }
            seen.push(name.to_ascii_lowercase());
            let Some((header, header_at)) = self.resolved(header, &header_at, "header") else {
                continue;
            };
            let Some(yaml) = self.header(&header, &header_at, &format!("{hint}{}", camel(name)))
            else {
                continue;
            };
            let comment = self.gaps.claim_since(self.sources, mark);
            out.0.push(Entry {
                key: name.clone(),
                value: Yaml::Map(yaml),
                comment,
            });
        }
        out
    }

    /// One response header: a plain value or a list of them.
    fn header(&mut self, header: &Value, at: &At, hint: &str) -> Option<Map> {
        let Some(schema) = header.get("schema") else {
            if header.get("content").is_some() {
                let what = "a header described by `content`; read as text";
                self.gaps.gap(at, "header", what);
            } else {
                let what = "a header with no schema: read as text, as every header is";
                self.gaps.note(at, "header", what);
            }
            let mut yaml = Map::new();
            yaml.insert("type", "string");
            return Some(yaml);
        };
        let mut shape = self.shape(schema, &at.child("schema"), hint);
        shape.ty = self.never_null_items(&shape.ty, at);
        if shape.ty == "any" {
            shape.ty = "string".to_owned();
        }
        let structured = shape.ty.starts_with("map<")
            || self.is_object(&shape.ty)
            || (self.is_union(&shape.ty) && !self.is_plain_union(&shape.ty));
        if structured {
            self.gaps.gap(
                at,
                "header",
                format!("a header of type `{}`, which has no header form", shape.ty),
            );
            return None;
        }
        shape.description = text(header, "description").or(shape.description);
        Some(header_yaml(
            &shape,
            header.get("required").is_some_and(Value::is_true),
        ))
    }

    /// `value`, or what its `$ref` names, and its place; reported when it cannot be read.
    pub(super) fn resolved(&mut self, value: &Value, at: &At, what: &str) -> Option<(Value, At)> {
        match self.sources.resolve(value, at) {
            Ok((value, place)) => Some((value.clone(), place)),
            Err(problem) => {
                self.gaps.gap(
                    at,
                    "reference",
                    format!("a {what} that cannot be read: {}", problem.0),
                );
                None
            }
        }
    }

    /// Whether `ty` names a union.
    pub(super) fn is_union(&self, ty: &str) -> bool {
        self.types
            .def(ty)
            .is_some_and(|d| d.yaml.get("one_of").is_some())
    }

    /// Whether `ty` names a union whose alternatives are all plain values (primitives, enums,
    /// named scalars), which travels as text as they do.
    pub(super) fn is_plain_union(&self, ty: &str) -> bool {
        let Some(Yaml::Map(alternatives)) = self.types.def(ty).and_then(|d| d.yaml.get("one_of"))
        else {
            return false;
        };
        alternatives.0.iter().all(|a| match &a.value {
            Yaml::Str(alternative) => self.is_plain(alternative),
            _ => false,
        })
    }

    /// Whether `ty` is a primitive other than `any`, an enum or a named scalar.
    fn is_plain(&self, ty: &str) -> bool {
        let primitive = matches!(ty, "string" | "boolean" | "uuid")
            || specgen_rules::Numeric::from_name(ty).is_some();
        primitive
            || self
                .types
                .def(ty)
                .is_some_and(|d| d.yaml.get("enum").is_some() || d.yaml.get("type").is_some())
    }
}

/// A status as the language writes it: `200`, `4XX`, `default`.
fn status_key(status: &str) -> Option<String> {
    match status.as_bytes() {
        [b'2'..=b'5', b'0'..=b'9', b'0'..=b'9'] => Some(status.to_owned()),
        [b'2'..=b'5', x, y] if x.eq_ignore_ascii_case(&b'x') && y.eq_ignore_ascii_case(&b'x') => {
            Some(format!("{}XX", &status[..1]))
        }
        _ if status == "default" => Some(status.to_owned()),
        _ => None,
    }
}

/// One media type as itself, several as a list.
/// Whether a body in this encoding can be one of a response's bodies by media type: read
/// whole, and not XML, which the generated client reads only beside JSON of the same body.
fn is_form(encoding: Encoding) -> bool {
    !matches!(
        encoding,
        Encoding::Lines | Encoding::Events | Encoding::Form | Encoding::Multipart
    )
}

/// Whether an `xml` object puts its element in a namespace (`namespace`, `prefix`, or a
/// prefixed `name`).
fn in_namespace(xml: &Value) -> bool {
    xml.get("namespace").is_some()
        || xml.get("prefix").is_some()
        || xml
            .get("name")
            .and_then(Value::as_str)
            .is_some_and(|n| n.contains(':'))
}

/// A body's `xml_root` and `xml_item`, where its XML form has them.
fn xml_yaml(yaml: &mut Map, body: &Body) {
    if let Some(root) = &body.xml_root {
        yaml.insert("xml_root", root.as_str());
    }
    if let Some(item) = &body.xml_item {
        yaml.insert("xml_item", item.as_str());
    }
}

fn media_yaml(media: &[String]) -> Yaml {
    match media {
        [one] => Yaml::Str(one.clone()),
        _ => Yaml::Seq(media.iter().cloned().map(Yaml::Str).collect()),
    }
}

/// Whether `name` is an HTTP token (RFC 9110), as a header name must be.
fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}
