//! Operations → path items: parameters, request bodies per media type, responses per status
//! and media type, examples, security, and the answers the generated server adds.

use serde_json::Value;
use std::borrow::Cow;

use super::PROBLEM;
use super::model::{
    Additional, Encoding, Example, Extensions, Header, MediaType, Operation, Ordered, Parameter,
    RequestBody, Response, Schema,
};
use super::schema::{Form, Schemas};
use super::translations::{Translations, joined};
use crate::ir::{
    self, ExampleResponseBody, Operation as Op, ParamLocation, QueryStyle, Request, Ty, TypeKind,
};

/// Every operation, grouped by path in the order first written.
pub fn paths(schemas: &Schemas<'_>) -> Ordered<Ordered<Operation>> {
    let mut paths: Ordered<Ordered<Operation>> = Ordered::default();
    for op in &schemas.service.operations {
        let method = op.method.to_ascii_lowercase();
        let operation = operation(schemas, op);
        match paths.get_mut(&op.path) {
            Some(item) => item.insert(method, operation),
            None => {
                let mut item = Ordered::default();
                item.insert(method, operation);
                paths.insert(op.path.clone(), item);
            }
        }
    }
    paths
}

fn operation(schemas: &Schemas<'_>, op: &Op) -> Operation {
    let mut translations = Translations::new(schemas.lang);
    let summary = translations.text("summary", &op.summary);
    let description = match &op.deprecated {
        Some(deprecation) if !deprecation.note.is_empty() => {
            translations.text("description", &joined(&op.description, &deprecation.note))
        }
        _ => translations.text("description", &op.description),
    };
    let mut extensions = translations.into_extensions();
    if let Some(sunset) = op.deprecated.as_ref().and_then(|d| d.sunset.as_ref()) {
        extensions.insert("x-sunset".into(), sunset.clone().into());
    }
    if let Some(p) = &op.pagination {
        let paging: serde_json::Map<String, serde_json::Value> = p
            .written
            .iter()
            .map(|(key, value)| ((*key).to_owned(), value.clone().into()))
            .collect();
        extensions.insert("x-specgen-pagination".into(), paging.into());
    }
    let security = super::security::requirement(schemas.service, op);
    Operation {
        operation_id: op.name.clone(),
        summary,
        description,
        deprecated: op.deprecated.is_some(),
        parameters: op
            .parameters
            .iter()
            .map(|p| parameter(schemas, op, p))
            .collect(),
        request_body: op.request.as_ref().map(|r| request_body(schemas, op, r)),
        responses: responses(schemas, op),
        security,
        extensions,
    }
}

fn parameter(schemas: &Schemas<'_>, op: &Op, p: &ir::Parameter) -> Parameter {
    let mut translations = Translations::new(schemas.lang);
    let description = translations.text("description", &p.description);
    let example = op
        .examples
        .iter()
        .flat_map(|e| &e.parameters)
        .find(|(name, _)| *name == p.wire)
        .map(|(_, value)| value.clone());
    Parameter {
        name: p.wire.clone(),
        location: match p.location {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Cookie => "cookie",
        },
        style: match p.style {
            QueryStyle::Exploded => None,
            QueryStyle::Joined(' ') => Some("spaceDelimited"),
            QueryStyle::Joined('|') => Some("pipeDelimited"),
            QueryStyle::Joined(_) => Some("form"),
            QueryStyle::Deep => Some("deepObject"),
        },
        explode: match p.style {
            QueryStyle::Exploded => None,
            QueryStyle::Joined(_) => Some(false),
            QueryStyle::Deep => Some(true),
        },
        description,
        required: p.required || p.location == ParamLocation::Path,
        schema: {
            let mut schema = match joined_object(schemas, p) {
                Some(schema) => schema,
                None => schemas.constrained(&p.ty, &p.constraints, Form::Json),
            };
            if p.nullable {
                schema = schemas.nullable(schema);
            }
            if let Some(default) = &p.default {
                schema.constraints.insert("default", default.clone());
            }
            schema
        },
        example,
        extensions: translations.into_extensions(),
    }
}

/// An object parameter joined in one value (`color=R,100,G,200`), whose line has room for
/// its members only: their schema inline, with no other member.
fn joined_object(schemas: &Schemas<'_>, p: &ir::Parameter) -> Option<Schema> {
    let QueryStyle::Joined(_) = p.style else {
        return None;
    };
    let Ty::Named(index) = &p.ty else {
        return None;
    };
    let TypeKind::Struct { fields, .. } = &schemas.service.types[*index].kind else {
        return None;
    };
    let mut schema = schemas.object(fields, Form::Json);
    schema.additional_properties = Some(Additional::Allowed(false));
    Some(schema)
}

fn request_body(schemas: &Schemas<'_>, op: &Op, request: &Request) -> RequestBody {
    let mut translations = Translations::new(schemas.lang);
    let description = translations.text("description", &request.description);
    let mut content = Ordered::default();
    for media in &request.media {
        let mut media_type = if ir::encoding(media) == ir::Encoding::Multipart {
            form(schemas, &request.ty)
        } else {
            let mut schema = schemas.ty(&request.ty, Form::Json);
            // A raw body's size is its length in bytes, which JSON Schema can say.
            if let (Ty::Bytes, Some(max)) = (&request.ty, request.max_bytes) {
                schema.constraints.insert("maxLength", max.into());
            }
            if let (true, Some(names)) = (ir::is_xml(media), &request.xml) {
                schema = xml_schema(schemas, schema, names);
            }
            MediaType {
                schema: Some(schema),
                encoding: nested_members(schemas, media, &request.ty),
                ..MediaType::default()
            }
        };
        if matches!(
            ir::encoding(media),
            ir::Encoding::Json | ir::Encoding::Form | ir::Encoding::Text
        ) {
            for example in &op.examples {
                if let Some(body) = &example.request {
                    media_type.examples.insert(
                        example.name.clone(),
                        Example {
                            summary: example.name.clone(),
                            value: body.canonical.clone(),
                        },
                    );
                }
            }
        }
        content.insert(media.clone(), media_type);
    }
    let mut extensions = translations.into_extensions();
    if let Some(max) = request.max_bytes {
        extensions.insert("x-specgen-max-bytes".into(), max.into());
    }
    if request.stream {
        extensions.insert("x-specgen-stream".into(), Value::Bool(true));
    }
    RequestBody {
        description,
        content,
        required: request.required,
        extensions,
    }
}

/// A multipart body: one part per member by wire name, files as bytes, objects as JSON text,
/// lists as one part per element.
fn form(schemas: &Schemas<'_>, ty: &Ty) -> MediaType {
    let fields = match ty {
        Ty::Named(index) => match &schemas.service.types[*index].kind {
            TypeKind::Struct { fields, .. } => Some(fields),
            _ => None,
        },
        _ => None,
    };
    let Some(fields) = fields else {
        return MediaType {
            schema: Some(schemas.ty(ty, Form::Multipart)),
            ..MediaType::default()
        };
    };
    let mut encoding = Ordered::default();
    for field in fields {
        if let Some(content_type) = part_type(schemas, &field.ty) {
            let content_type = Some(content_type);
            encoding.insert(
                field.wire.clone(),
                Encoding {
                    content_type,
                    ..Encoding::default()
                },
            );
        }
    }
    let mut schema = schemas.object(fields, Form::Multipart);
    // A part's name travels in its Content-Disposition header, which cannot hold control
    // characters; so can no member's name.
    schemas.name_members(
        &mut schema,
        Schema::default().with_pattern("^[^\\u0000-\\u0008\\u000a-\\u001f\\u007f]*$"),
    );
    MediaType {
        schema: Some(schema),
        encoding,
        ..MediaType::default()
    }
}

/// For a form-urlencoded body: its object and map members, which travel in brackets
/// (`address[city]=Oslo`, OpenAPI's `deepObject`).
fn nested_members(schemas: &Schemas<'_>, media: &str, ty: &Ty) -> Ordered<Encoding> {
    let mut encoding = Ordered::default();
    if ir::encoding(media) != ir::Encoding::Form {
        return encoding;
    }
    let Ty::Named(index) = ty else {
        return encoding;
    };
    let TypeKind::Struct { fields, .. } = &schemas.service.types[*index].kind else {
        return encoding;
    };
    for field in fields {
        if schemas.service.is_object_or_map(&field.ty) {
            let deep = Encoding {
                style: Some("deepObject"),
                explode: Some(true),
                ..Encoding::default()
            };
            encoding.insert(field.wire.clone(), deep);
        }
    }
    encoding
}

/// The media type of a member's parts, where it is not plain text.
fn part_type(schemas: &Schemas<'_>, ty: &Ty) -> Option<&'static str> {
    match ty {
        Ty::File => Some("application/octet-stream"),
        Ty::List(item) => part_type(schemas, item),
        Ty::Map(..) | Ty::Any => Some("application/json"),
        Ty::Named(index) => match &schemas.service.types[*index].kind {
            TypeKind::Struct { .. } | TypeKind::Union(_) | TypeKind::Tagged(_) => {
                Some("application/json")
            }
            TypeKind::StringEnum(_) | TypeKind::IntEnum(_) => None,
            TypeKind::Scalar { ty, .. } => part_type(schemas, ty),
        },
        _ => None,
    }
}

fn responses(schemas: &Schemas<'_>, op: &Op) -> Ordered<Response> {
    let mut responses = Ordered::default();
    for r in &op.responses {
        responses.insert(r.status.to_string(), documented(schemas, op, r));
    }
    add_rejections(op, &mut responses);
    responses
}

/// A documented response: its content per media type with the examples shown in each, and
/// its headers.
fn documented(schemas: &Schemas<'_>, op: &Op, r: &ir::Response) -> Response {
    let mut translations = Translations::new(schemas.lang);
    let description = translations
        .text("description", &r.description)
        .unwrap_or_else(|| r.status.to_string());
    let mut content = Ordered::default();
    // Bodies by media type are each a response of one body.
    let singles: Vec<Cow<'_, ir::Response>> = match r.forms.as_slice() {
        [] => vec![Cow::Borrowed(r)],
        forms => forms.iter().map(|f| Cow::Owned(r.as_single(f))).collect(),
    };
    for single in &singles {
        let Some(body) = &single.body else { continue };
        for media in &single.media {
            let single = single.as_ref();
            let mut media_type =
                streamed_media(schemas, single, body).unwrap_or_else(|| MediaType {
                    schema: Some(response_schema(schemas, single, body, media)),
                    ..MediaType::default()
                });
            for (name, answer) in answers(op, r) {
                let value = match &answer.body {
                    Some(ExampleResponseBody::Json(json)) => match r.stream {
                        Some(stream) => stream_text(stream, &json.canonical),
                        None => json.canonical.clone(),
                    },
                    Some(ExampleResponseBody::Text(text)) => Value::from(text.clone()),
                    None => continue,
                };
                if answer.media == *media {
                    let summary = name.to_string();
                    media_type.examples.insert(name, Example { summary, value });
                }
            }
            content.insert(media.clone(), media_type);
        }
    }
    Response {
        description,
        content,
        headers: headers(schemas, op, r),
        extensions: translations.into_extensions(),
    }
}

/// The media type of a streamed answer: a raw stream is bytes like any raw body, marked
/// `x-specgen-stream`; a stream of items has no schema of its own in 3.0 and 3.1 (3.2 calls
/// it `itemSchema`), so the item's schema is `x-specgen-items`.
fn streamed_media(schemas: &Schemas<'_>, r: &ir::Response, body: &Ty) -> Option<MediaType> {
    let mut extensions = Extensions::new();
    let schema = match r.stream? {
        ir::Streaming::Bytes => {
            extensions.insert("x-specgen-stream".into(), Value::Bool(true));
            Some(schemas.ty(body, Form::Json))
        }
        ir::Streaming::Lines | ir::Streaming::Events => {
            let item = serde_json::to_value(schemas.ty(body, Form::Json)).unwrap_or_default();
            extensions.insert("x-specgen-items".into(), item);
            None
        }
    };
    Some(MediaType {
        schema,
        extensions,
        ..MediaType::default()
    })
}

/// An example of a stream of items (a list of them) as the body's text: a JSON line per
/// item, or an event per item.
fn stream_text(stream: ir::Streaming, items: &Value) -> Value {
    let items = items.as_array().map(Vec::as_slice).unwrap_or_default();
    let text: String = items
        .iter()
        .map(|item| match (stream, item) {
            (ir::Streaming::Events, Value::String(text)) => {
                let lines: String = text.split('\n').map(|l| format!("data: {l}\n")).collect();
                format!("{lines}\n")
            }
            (ir::Streaming::Events, item) => format!("data: {item}\n\n"),
            (_, item) => format!("{item}\n"),
        })
        .collect();
    Value::String(text)
}

/// The examples' answers that are `r`'s, with the examples' names.
fn answers<'o>(
    op: &'o Op,
    r: &'o ir::Response,
) -> impl Iterator<Item = (String, &'o ir::ExampleResponse)> {
    op.examples.iter().filter_map(move |e| {
        let answer = e.response.as_ref()?;
        let documented = op.response_for(answer.status).map(|d| d.status);
        (documented == Some(r.status)).then(|| (e.name.clone(), answer))
    })
}

/// A response's headers, each with its schema and the first example's value.
fn headers(schemas: &Schemas<'_>, op: &Op, r: &ir::Response) -> Ordered<Header> {
    let mut out = Ordered::default();
    for h in &r.headers {
        let mut translations = Translations::new(schemas.lang);
        let description = translations.text("description", &h.description);
        let example = answers(op, r).find_map(|(_, answer)| {
            answer
                .headers
                .iter()
                .find(|(wire, _)| *wire == h.wire)
                .map(|(_, v)| v.clone())
        });
        let header = Header {
            description,
            required: h.required,
            schema: schemas.constrained(&h.ty, &h.constraints, Form::Json),
            example,
            extensions: translations.into_extensions(),
        };
        out.insert(h.wire.clone(), header);
    }
    out
}

/// The statuses the generated server answers by itself, where the spec does not document
/// its own body for them: a problem document, added to the documented status or as a status
/// of its own.
fn add_rejections(op: &Op, responses: &mut Ordered<Response>) {
    for status in ir::server_rejections(op) {
        let documented = op
            .responses
            .iter()
            .find(|r| r.status == ir::Status::Code(status));
        if documented.is_some_and(|r| r.reject_body.is_some()) {
            continue;
        }
        let problem = MediaType {
            schema: Some(Schema::reference(format!("#/components/schemas/{PROBLEM}"))),
            ..MediaType::default()
        };
        match responses.get_mut(&status.to_string()) {
            Some(response) => response.content.insert(PROBLEM_JSON, problem),
            None => {
                let mut content = Ordered::default();
                content.insert(PROBLEM_JSON, problem);
                let mut extensions = Extensions::new();
                extensions.insert("x-specgen-server".into(), Value::Bool(true));
                responses.insert(
                    status.to_string(),
                    Response {
                        description: rejection_description(status).into(),
                        content,
                        headers: Ordered::default(),
                        extensions,
                    },
                );
            }
        }
    }
}

const PROBLEM_JSON: &str = "application/problem+json";

/// What a status the generated server adds means.
fn rejection_description(status: u16) -> &'static str {
    match status {
        400 => {
            "Invalid input: every failing input is named by where it travels and its JSON pointer."
        }
        401 => "The credential is missing or malformed.",
        403 => "The token does not grant the scopes the operation needs.",
        413 => "The body is larger than the server accepts.",
        415 => "The body is not in a media type the operation accepts.",
        _ => "The server turned the request away.",
    }
}

fn response_schema(schemas: &Schemas<'_>, r: &ir::Response, body: &Ty, media: &str) -> Schema {
    if ir::encoding(media) == ir::Encoding::Text {
        return Schema::of_type("string");
    }
    let schema = schemas.ty(body, Form::Json);
    match (ir::is_xml(media), &r.xml) {
        (true, Some(names)) => xml_schema(schemas, schema, names),
        _ => schema,
    }
}

/// `schema` with its XML form's names: the root element, and a list's items' element.
fn xml_schema(schemas: &Schemas<'_>, schema: Schema, names: &ir::XmlNames) -> Schema {
    let schema = schemas.wrapped_items(schema, names.item.as_deref());
    schemas.with_xml(schema, Some(&names.root), names.item.is_some())
}
