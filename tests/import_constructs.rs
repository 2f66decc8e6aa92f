//! `specgen import` on small documents, one OpenAPI construct each: what the spec language
//! says of it, and what is still reported as a gap.

use serde_json::{Value, json};
use specgen::import::gaps::Severity;
use specgen::import::{Imported, source::Sources};

/// Imports `paths` and `schemas` as a document of its own, from a file of its own.
fn import(name: &str, paths: Value, schemas: Value) -> Imported {
    let document = json!({
        "openapi": "3.0.3",
        "info": {"title": name, "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas},
    });
    import_document(name, &document)
}

/// Imports `document`, written to a file of its own.
fn import_document(name: &str, document: &Value) -> Imported {
    let dir = std::env::temp_dir().join(format!("specgen-import-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("api.json");
    std::fs::write(&path, document.to_string()).expect("write");
    let sources = Sources::read(&path).unwrap_or_else(|e| panic!("{}", e.0));
    let imported = specgen::import::translate(&sources, name).unwrap_or_else(|e| panic!("{e}"));
    std::fs::remove_dir_all(&dir).ok();
    imported
}

/// An operation answering `200` with `schema`.
fn answering(schema: Value) -> Value {
    json!({"/things": {"get": {"operationId": "getThing", "responses": {"200": {
        "description": "ok", "content": {"application/json": {"schema": schema}}}}}}})
}

fn gaps(imported: &Imported) -> Vec<String> {
    imported
        .gaps
        .iter()
        .filter(|g| g.severity == Severity::Gap)
        .map(|g| format!("{}: {}", g.kind, g.what))
        .collect()
}

/// How many gaps and notes of `kind` the import reported.
fn of_kind(imported: &Imported, kind: &str) -> usize {
    imported.gaps.iter().filter(|g| g.kind == kind).count()
}

/// Every file written, one after another.
fn written(imported: &Imported) -> String {
    imported
        .files
        .values()
        .cloned()
        .collect::<Vec<_>>()
        .join("\n")
}

/// The definition of the type `name` in written YAML: its line and those indented under it.
fn type_yaml<'y>(yaml: &'y str, name: &str) -> &'y str {
    let start = yaml
        .find(&format!("\n  {name}:"))
        .unwrap_or_else(|| panic!("no type {name} in {yaml}"))
        + 1;
    let rest = &yaml[start..];
    let mut end = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if i > 0 && !line.starts_with("   ") {
            break;
        }
        end += line.len();
    }
    &rest[..end]
}

fn file<'i>(imported: &'i Imported, name: &str) -> &'i str {
    imported
        .files
        .get(name)
        .unwrap_or_else(|| panic!("no {name} in {:?}", imported.files.keys()))
}

#[test]
fn an_all_of_inside_a_part_of_all_of_is_spliced_in() {
    let schemas = json!({
        "Named": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}}},
        "Dated": {"type": "object", "properties": {"created": {"type": "string"}}},
        "Thing": {"allOf": [{
            "allOf": [{"$ref": "#/components/schemas/Named"}, {"$ref": "#/components/schemas/Dated"}],
            "type": "object",
            "properties": {"size": {"type": "integer"}},
        }]},
    });
    let imported = import(
        "nested_all_of",
        answering(json!({"$ref": "#/components/schemas/Thing"})),
        schemas,
    );
    assert!(gaps(&imported).is_empty(), "{:?}", gaps(&imported));
    let yaml = written(&imported);
    assert!(yaml.contains("all_of: [Named, Dated]"), "{yaml}");
    assert!(yaml.contains("size: { type: int64 }"), "{yaml}");
}

#[test]
fn parameters_whose_rust_names_collide_get_a_rust_name() {
    let paths = json!({"/statements/{statementID}": {"get": {
        "operationId": "getStatement",
        "parameters": [
            {"name": "statementId", "in": "query", "schema": {"type": "string"}},
            {"name": "statementID", "in": "path", "required": true, "schema": {"type": "string"}},
        ],
        "responses": {"204": {"description": "found"}},
    }}});
    let imported = import("parameter_names", paths, json!({}));
    assert!(gaps(&imported).is_empty(), "{:?}", gaps(&imported));
    let yaml = file(&imported, "get_statement.yaml");
    assert!(yaml.contains("rust_name: statement_id_2"), "{yaml}");
}

#[test]
fn a_union_alternative_another_would_take_is_put_first() {
    let schemas = json!({
        "Cat": {"type": "object", "required": ["name"],
            "properties": {"name": {"type": "string"}, "mane": {"type": "string"}}},
        "Lion": {"type": "object", "required": ["name", "mane"],
            "properties": {"name": {"type": "string"}, "mane": {"type": "string"}}},
        "Animal": {"oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Lion"}]},
    });
    let imported = import(
        "union_order",
        answering(json!({"$ref": "#/components/schemas/Animal"})),
        schemas,
    );
    assert!(gaps(&imported).is_empty(), "{:?}", gaps(&imported));
    let yaml = written(&imported);
    let lion = yaml.find("lion: Lion").expect("Lion is an alternative");
    let cat = yaml.find("cat: Cat").expect("Cat is an alternative");
    assert!(lion < cat, "{yaml}");
}

#[test]
fn a_union_alternative_no_order_can_choose_is_a_gap() {
    let schemas = json!({
        "Draft": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
        "Released": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
        "Doc": {"oneOf": [{"$ref": "#/components/schemas/Draft"}, {"$ref": "#/components/schemas/Released"}]},
    });
    let imported = import(
        "union_shadowed",
        answering(json!({"$ref": "#/components/schemas/Doc"})),
        schemas,
    );
    let reported = gaps(&imported);
    assert!(
        reported
            .iter()
            .any(|g| g.starts_with("union: alternative `released` of `Doc` is never chosen")),
        "{reported:?}"
    );
    assert!(written(&imported).contains("# not imported: alternative"));
}

#[test]
fn a_look_around_pattern_is_kept() {
    let schema = json!({"type": "object", "properties": {
        "slug": {"type": "string", "pattern": "^(?!-)[a-z0-9-]+(?<!-)$"}}});
    let imported = import("look_around", answering(schema), json!({}));
    assert!(gaps(&imported).is_empty(), "{:?}", gaps(&imported));
    assert!(file(&imported, "get_thing.yaml").contains("(?!-)[a-z0-9-]+(?<!-)"));
}

#[test]
fn a_pattern_in_ecma_or_java_dialect_is_kept() {
    let schema = json!({"type": "object", "properties": {
        "name": {"type": "string", "pattern": "\\p{Print}+"},
        "email": {"type": "string", "pattern": "^[\\w-.+]+@[\\w-.+]+$"},
        "note": {"type": "string", "pattern": "\\S{1,8192}"}}});
    let imported = import("dialect_pattern", answering(schema), json!({}));
    assert!(gaps(&imported).is_empty(), "{:?}", gaps(&imported));
    let yaml = file(&imported, "get_thing.yaml");
    // As written, in YAML's double quotes.
    for written in [
        r#""\\p{Print}+""#,
        r#""^[\\w-.+]+@[\\w-.+]+$""#,
        r#""\\S{1,8192}""#,
    ] {
        assert!(yaml.contains(written), "{written} in {yaml}");
    }
}

#[test]
fn an_answer_in_json_and_xml_of_any_type_keeps_both() {
    let both = |schema: Value| {
        json!({"application/json": {"schema": schema.clone()},
        "application/xml": {"schema": schema}})
    };
    let paths = json!({
        "/books": {"get": {"operationId": "listBooks", "responses": {"200": {
            "description": "ok", "content": both(json!({"type": "array",
                "xml": {"name": "books", "wrapped": true},
                "items": {"$ref": "#/components/schemas/Book"}}))}}}},
        "/titles": {"get": {"operationId": "listTitles", "responses": {"200": {
            "description": "ok", "content": both(json!({"type": "array",
                "items": {"type": "string", "xml": {"name": "title"}}}))}}}},
        "/count": {"get": {"operationId": "getCount", "responses": {"200": {
            "description": "ok", "content": both(json!({"type": "integer"}))}}}},
        "/pets": {"get": {"operationId": "listPets", "responses": {"200": {
            "description": "ok", "content": both(json!({"type": "array",
                "xml": {"name": "ns:pets"}, "items": {"type": "string"}}))}}}},
    });
    let schemas = json!({"Book": {"type": "object", "xml": {"name": "Book"},
        "properties": {"title": {"type": "string"}}}});
    let imported = import("xml_answers", paths, schemas);
    let books = file(&imported, "list_books.yaml");
    assert!(
        books.contains("xml_root: books") && !books.contains("xml_item"),
        "{books}"
    );
    let titles = file(&imported, "list_titles.yaml");
    assert!(titles.contains("xml_item: title"), "{titles}");
    assert!(file(&imported, "get_count.yaml").contains("application/xml"));
    // A namespace is left out, and reported: the generated code reads any prefix.
    assert!(file(&imported, "list_pets.yaml").contains("xml_root: pets"));
    assert_eq!(
        gaps(&imported),
        [
            "xml: an XML element in a namespace (the generated code reads any prefix, and writes none)"
        ]
    );
}

#[test]
fn a_body_in_xml_alone_is_read_sent_and_answered_in_xml() {
    let order = json!({"$ref": "#/components/schemas/Order"});
    let paths = json!({
        "/orders": {"post": {"operationId": "createOrder",
            "requestBody": {"required": true, "content": {
                "application/xml": {"schema": order}, "application/json": {"schema": order}}},
            "responses": {"201": {"description": "created", "content": {
                "application/xml": {"schema": order}}}}}},
        "/orders/{id}/receipt": {"get": {"operationId": "getReceipt",
            "parameters": [{"name": "id", "in": "path", "required": true,
                "schema": {"type": "integer", "format": "int32"}}],
            "responses": {"200": {"description": "the receipt", "content": {
                "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                "application/xml": {"schema": {"$ref": "#/components/schemas/Receipt"}}}}}}},
    });
    let schemas = json!({
        "Order": {"type": "object", "xml": {"name": "order"}, "required": ["lines"],
            "properties": {"lines": {"type": "array", "items": {"type": "string"}}}},
        "Receipt": {"type": "object", "properties": {
            "code": {"type": "string", "xml": {"attribute": true}},
            "paidAt": {"type": "string", "xml": {"name": "paid-at"}},
            "tags": {"type": "array", "xml": {"wrapped": true}, "items": {"type": "string"}}}},
    });
    let imported = import("xml_alone", paths, schemas);
    let create = file(&imported, "create_order.yaml");
    assert!(
        create.contains("media: [application/json, application/xml]"),
        "{create}"
    );
    assert!(create.matches("xml_root: order").count() == 2, "{create}");
    assert!(create.contains("media: application/xml"), "{create}");
    let receipt = file(&imported, "get_receipt.yaml");
    assert!(
        receipt.contains("application/xml: Receipt") && receipt.contains("xml_root: Receipt"),
        "{receipt}"
    );
    // An attribute is the field's `xml_attribute`, a wrapped list its `xml_item` (the items
    // in elements named as the member, where the items name none).
    let types = written(&imported);
    assert!(
        types.contains("code: { type: string, xml_attribute: true }"),
        "{types}"
    );
    assert!(
        types.contains("tags: { type: list<string>, xml_item: tags }"),
        "{types}"
    );
    assert!(
        types.contains("paidAt: { type: string, xml_name: paid-at }"),
        "{types}"
    );
    assert!(gaps(&imported).is_empty(), "{:?}", gaps(&imported));
}

#[test]
fn a_binary_member_of_a_json_body_is_text_and_a_note() {
    let schema = json!({"type": "object", "properties": {
        "content": {"type": "string", "format": "binary"}}});
    let imported = import("binary_member", answering(schema), json!({}));
    assert!(gaps(&imported).is_empty(), "{:?}", gaps(&imported));
    assert!(
        imported
            .gaps
            .iter()
            .any(|g| g.kind == "binary" && g.severity == Severity::Note)
    );
    assert!(file(&imported, "get_thing.yaml").contains("content: { type: string }"));
}

#[test]
fn text_json_is_json() {
    let paths = json!({"/things": {"get": {"operationId": "getThing", "responses": {"200": {
        "description": "ok", "content": {
            "application/json": {"schema": {"type": "array", "items": {"type": "string"}}},
            "text/json": {"schema": {"type": "array", "items": {"type": "string"}}}}}}}}});
    let imported = import("text_json", paths, json!({}));
    assert!(gaps(&imported).is_empty(), "{:?}", gaps(&imported));
    assert!(file(&imported, "get_thing.yaml").contains("text/json"));
}

#[test]
fn a_member_said_again_beside_its_part_keeps_the_narrower_rules() {
    let schemas = json!({
        "Base": {"type": "object", "properties": {
            "kind": {"type": "string", "description": "What it is."},
            "size": {"type": "integer", "format": "int32"},
            "items": {"type": "array", "items": {}}}},
        "Tag": {"type": "object", "properties": {"name": {"type": "string"}}},
        // Narrower than its part: the part's members are spliced in, with these rules.
        "Thing": {"allOf": [{"$ref": "#/components/schemas/Base"}, {"type": "object", "properties": {
            "kind": {"type": "string", "description": "What this thing is."},
            "size": {"type": "integer", "format": "int32", "maximum": 10},
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/Tag"}}}}]},
        "State": {"type": "object", "properties": {"state": {"type": "string", "enum": ["on", "off"]}}},
        // Wider than its part: the part's rules hold (a note).
        "Switch": {"allOf": [{"$ref": "#/components/schemas/State"},
            {"properties": {"state": {"type": "string", "nullable": true}}}]},
        // A member the part requires without describing it, and one the part describes by a
        // type the composition's is made from: both narrowed.
        "Page": {"type": "object", "required": ["items"], "properties": {
            "lookup": {"$ref": "#/components/schemas/Lookup"}}},
        "Lookup": {"type": "object", "properties": {"id": {"type": "string"}}},
        "Full": {"allOf": [{"$ref": "#/components/schemas/Lookup"},
            {"properties": {"name": {"type": "string"}}}]},
        "TagPage": {"allOf": [{"$ref": "#/components/schemas/Page"}, {"properties": {
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/Tag"}},
            "lookup": {"$ref": "#/components/schemas/Full"}}}]},
        "Mixed": {"allOf": [{"properties": {"v": {"type": "string"}}},
            {"properties": {"v": {"type": "integer"}}}]},
        "Count": {"type": "object", "properties": {"n": {"type": "string"}}},
        // Neither: reported.
        "Counter": {"allOf": [{"$ref": "#/components/schemas/Count"},
            {"properties": {"n": {"type": "integer"}}}]},
    });
    let things = json!({"type": "array", "items": {"oneOf": [
        {"$ref": "#/components/schemas/Thing"}, {"$ref": "#/components/schemas/Switch"},
        {"$ref": "#/components/schemas/Counter"}, {"$ref": "#/components/schemas/TagPage"},
        {"$ref": "#/components/schemas/Mixed"}]}});
    let imported = import("redeclared", answering(things), schemas);
    assert_eq!(
        gaps(&imported),
        [
            "all-of: `n` said again beside the part of `allOf` that has it; the part's is used",
            "all-of: `v` described in two parts of `allOf` by rules neither of which holds the \
             other's; the later is used",
        ]
    );
    let yaml = written(&imported);
    let thing = type_yaml(&yaml, "Thing");
    assert!(!thing.contains("all_of"), "{thing}");
    for field in [
        "kind: { type: string, description: What this thing is. }",
        "size: { type: int32, maximum: 10 }",
        "items: { type: list<Tag> }",
    ] {
        assert!(thing.contains(field), "{field} in {thing}");
    }
    let page = type_yaml(&yaml, "TagPage");
    assert!(
        page.contains("items: { type: list<Tag>, required: true }")
            && page.contains("lookup: { type: Full }")
            && !page.contains("all_of"),
        "{page}"
    );
    assert!(yaml.contains("all_of: [State]"), "{yaml}");
    assert!(
        imported
            .gaps
            .iter()
            .any(|g| g.kind == "all-of" && g.what.contains("by rules the part's hold")),
        "{:?}",
        imported.gaps
    );
}

#[test]
fn unique_items_is_kept() {
    let schema = json!({"type": "object", "properties": {
        "tags": {"type": "array", "items": {"type": "string"}, "uniqueItems": true}}});
    let imported = import("unique_items", answering(schema), json!({}));
    assert!(gaps(&imported).is_empty(), "{:?}", gaps(&imported));
    assert!(file(&imported, "get_thing.yaml").contains("unique_items: true"));
}

#[test]
fn a_required_read_only_member_stays_required() {
    let schema = json!({"type": "object", "required": ["id"], "properties": {
        "id": {"type": "integer", "format": "int64", "readOnly": true}}});
    let imported = import("read_only_required", answering(schema), json!({}));
    assert!(gaps(&imported).is_empty(), "{:?}", gaps(&imported));
    let yaml = file(&imported, "get_thing.yaml");
    assert!(
        yaml.contains("id: { type: int64, required: true, read_only: true }"),
        "{yaml}"
    );
}

#[test]
fn a_raw_body_described_as_a_plain_string_is_bytes() {
    let paths = json!({"/files": {"get": {"operationId": "getFile", "responses": {"200": {
        "description": "the file", "content": {
            "application/octet-stream": {"schema": {"type": "string"}}}}}},
        "put": {"operationId": "putFile", "requestBody": {"content": {
            "application/octet-stream": {"schema": {"type": "object",
                "properties": {"name": {"type": "string"}}}}}},
        "responses": {"204": {"description": "stored"}}}}});
    let imported = import("raw_string", paths, json!({}));
    // A string in no format is 3.1's way to say bytes; an object with members is no bytes.
    assert_eq!(
        gaps(&imported),
        ["raw-body: a schema for the raw bytes of `application/octet-stream`; read as bytes"]
    );
    assert!(file(&imported, "get_file.yaml").contains("body: bytes"));
}

#[test]
fn an_operation_that_only_upgrades_the_protocol_is_reported_not_written() {
    let paths = json!({"/stream": {"get": {"operationId": "stream", "responses": {
        "101": {"description": "Switching to WebSocket"},
        "4XX": {"description": "Refused"}}}},
        "/things": {"get": {"operationId": "getThing", "responses": {"200": {"description": "ok"}}}}});
    let imported = import("upgrade", paths, json!({}));
    assert_eq!((imported.endpoints, imported.operations), (1, 2));
    let reported = gaps(&imported);
    assert!(
        reported.len() == 1
            && reported[0].starts_with("upgrade: the operation, which answers `101`"),
        "{reported:?}"
    );
}

#[test]
fn a_default_written_as_another_json_type_is_read_as_the_value_meant() {
    let schema = json!({"type": "object", "properties": {
        "page": {"type": "integer", "format": "int64", "default": "2"},
        "ratio": {"type": "number", "default": "0.5"},
        "strict": {"type": "boolean", "default": "true"},
        "code": {"type": "string", "default": 7},
        "sort": {"type": "array", "items": {"type": "string"}, "default": "name"},
        "label": {"type": "string", "default": null},
        "size": {"type": "integer", "format": "int32", "default": "many"}}});
    let imported = import("defaults", answering(schema), json!({}));
    let yaml = file(&imported, "get_thing.yaml");
    for field in [
        "page: { type: int64, default: 2 }",
        "ratio: { type: number, default: 0.5 }",
        "strict: { type: boolean, default: true }",
        "code: { type: string, default: \"7\" }",
        "sort: { type: list<string>, default: [name] }",
        "label: { type: string }",
    ] {
        assert!(yaml.contains(field), "no `{field}` in {yaml}");
    }
    // A text that is no number of the type is still refused, and the gap says so.
    assert_eq!(gaps(&imported).len(), 1, "{:?}", gaps(&imported));
    assert!(
        gaps(&imported)[0].contains("the default of `size`"),
        "{:?}",
        gaps(&imported)
    );
    assert!(!yaml.contains("many\n"), "{yaml}");
}

#[test]
fn an_answer_of_another_type_in_each_media_type_is_content_by_media_type() {
    let report = json!({"type": "object", "required": ["rows"], "properties": {
        "rows": {"type": "integer", "format": "int32"}}});
    let paths = json!({"/report": {"get": {"operationId": "getReport", "responses": {"200": {
        "description": "the report", "content": {
            "application/json": {"schema": report},
            "text/csv": {"schema": {"type": "string"}},
            "application/pdf": {"schema": {"type": "string", "format": "binary"}}}}}}}});
    let imported = import("forms", paths, json!({}));
    assert!(gaps(&imported).is_empty(), "{:?}", gaps(&imported));
    let yaml = file(&imported, "get_report.yaml");
    // (`json!` writes members in sorted order.)
    let content = "content: { application/json: GetReportResponse, application/pdf: bytes, \
                   text/csv: string }";
    assert!(yaml.contains(content), "{yaml}");
}

#[test]
fn a_text_or_raw_media_type_repeating_the_json_schema_is_the_json_body() {
    let schemas = json!({"Report": {"type": "object", "properties": {
        "rows": {"type": "integer", "format": "int32"}}}});
    let report = json!({"$ref": "#/components/schemas/Report"});
    let paths = json!({"/report": {"get": {"operationId": "getReport", "responses": {"200": {
        "description": "the report", "content": {
            "application/json": {"schema": report},
            "text/json": {"schema": report},
            "text/plain": {"schema": report},
            "application/octet-stream": {"schema": report}}}}},
        "put": {"operationId": "putReport", "requestBody": {"content": {
            "application/json": {"schema": report},
            "text/plain": {"schema": report}}},
        "responses": {"204": {"description": "stored"}}}}});
    let imported = import("echoes", paths, schemas);
    assert!(gaps(&imported).is_empty(), "{:?}", gaps(&imported));
    let echoes = of_kind(&imported, "media-echo");
    assert_eq!(echoes, 3);
    let answer = file(&imported, "get_report.yaml");
    assert!(
        answer.contains("media: [application/json, text/json]"),
        "{answer}"
    );
    assert!(
        answer.contains("body: Report") && !answer.contains("content:"),
        "{answer}"
    );
    let request = file(&imported, "put_report.yaml");
    assert!(
        request.contains("body: Report") && !request.contains("media:"),
        "{request}"
    );
}

#[test]
fn a_placeholder_schema_on_a_text_or_raw_body_is_its_text_or_bytes() {
    let paths = json!({"/tx": {"post": {"operationId": "sendTx", "requestBody": {"content": {
            "text/plain": {"schema": {"type": "object", "properties": {}}}}},
        "responses": {"200": {"description": "the receipt", "content": {
            "image/png": {"schema": {"type": "string", "format": "byte"}}}}}}}});
    let imported = import("placeholders", paths, json!({}));
    assert!(gaps(&imported).is_empty(), "{:?}", gaps(&imported));
    let yaml = file(&imported, "send_tx.yaml");
    assert!(
        yaml.contains("body: string") && yaml.contains("body: bytes"),
        "{yaml}"
    );
}

#[test]
fn a_form_the_language_cannot_say_keeps_the_gap_at_its_media_type() {
    // A list in text/plain (of other items than the JSON's) is no text: the form is a string,
    // and the gap says so.
    let paths = json!({"/report": {"get": {"operationId": "getReport", "responses": {"200": {
        "description": "the report", "content": {
            "application/json": {"schema": {"type": "array", "items": {"type": "string"}}},
            "text/plain": {"schema": {"type": "array", "items": {"type": "integer"}}}}}}}}});
    let imported = import("forms_text", paths, json!({}));
    assert_eq!(
        gaps(&imported),
        ["text-body: a schema that is not text for `text/plain`; read as a string"]
    );
    assert!(file(&imported, "get_report.yaml").contains("text/plain: string"));
}

#[test]
fn credentials_that_may_be_left_out_are_none_among_the_alternatives() {
    let document = json!({
        "openapi": "3.0.3",
        "info": {"title": "optional auth", "version": "1"},
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
        "security": [{"bearer": []}],
        "paths": {"/news": {"get": {"operationId": "listNews", "security": [{}, {"bearer": []}],
            "responses": {"200": {"description": "ok"}}}}},
    });
    let imported = import_document("news", &document);
    assert!(gaps(&imported).is_empty(), "{:?}", gaps(&imported));
    let yaml = file(&imported, "list_news.yaml");
    // The service's one scheme, described alone, is `auth` to its endpoints.
    assert!(yaml.contains("auth: [auth, none]"), "{yaml}");
}

#[test]
fn a_bound_at_or_past_the_end_of_the_types_range_is_left_out_as_a_note() {
    let schema = json!({"type": "object", "properties": {
        "id": {"type": "integer", "format": "int64", "maximum": 9_223_372_036_854_776_000_u64},
        "ratio": {"type": "number", "format": "float", "minimum": -1e300, "maximum": 1}}});
    let imported = import("vacuous_bounds", answering(schema), json!({}));
    assert!(gaps(&imported).is_empty(), "{:?}", gaps(&imported));
    let yaml = file(&imported, "get_thing.yaml");
    assert!(yaml.contains("id: { type: int64 }"), "{yaml}");
    assert!(
        yaml.contains("ratio: { type: float32, maximum: 1 }"),
        "{yaml}"
    );
}

#[test]
fn items_and_map_values_that_may_be_null_are_nullable() {
    let schema = json!({"type": "object", "properties": {
        "scores": {"type": "array", "items": {"type": "integer", "format": "int32", "nullable": true}},
        "labels": {"type": "object", "additionalProperties": {"type": "string", "nullable": true}}}});
    let paths = json!({"/things": {"get": {"operationId": "getThing",
        "parameters": [{"name": "ids", "in": "query", "schema": {"type": "array",
            "items": {"type": "string", "nullable": true}}}],
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": schema}}}}}}});
    let imported = import("nullable_items", paths, json!({}));
    let yaml = file(&imported, "get_thing.yaml");
    assert!(
        yaml.contains("scores: { type: list<nullable<int32>> }"),
        "{yaml}"
    );
    assert!(
        yaml.contains("labels: { type: \"map<string, nullable<string>>\" }"),
        "{yaml}"
    );
    // A query list's items are text, and null has none: read as never null, and said so.
    assert!(
        yaml.contains("ids: { in: query, type: list<string> }"),
        "{yaml}"
    );
    assert_eq!(
        gaps(&imported),
        ["nullable-item: a list of text values whose items may be null; read as never null"]
    );
}

#[test]
fn the_type_of_members_an_object_does_not_list_is_kept() {
    let schema = json!({"type": "object", "properties": {"total": {"type": "integer"}},
        "additionalProperties": {"type": "integer", "format": "int32", "minimum": 0}});
    let imported = import("typed_open", answering(schema), json!({}));
    assert!(gaps(&imported).is_empty(), "{:?}", gaps(&imported));
    let yaml = file(&imported, "get_thing.yaml");
    // The members' constraints go with a named scalar, as a list's item's do.
    assert!(yaml.contains("open: GetThingResponseValue"), "{yaml}");
    assert!(
        yaml.contains("GetThingResponseValue: { type: int32, minimum: 0 }"),
        "{yaml}"
    );
}

#[test]
fn a_union_of_plain_values_travels_in_parameters_and_forms() {
    let chat = json!({"oneOf": [{"type": "integer"}, {"type": "string"}]});
    let object = json!({"type": "object", "required": ["text"], "properties": {
        "chat_id": {"$ref": "#/components/schemas/ChatId"}, "text": {"type": "string"}}});
    let paths = json!({"/send": {"post": {"operationId": "send",
        "parameters": [{"name": "reply_to", "in": "query",
            "schema": {"$ref": "#/components/schemas/ChatId"}}],
        "requestBody": {"required": true, "content": {
            "application/x-www-form-urlencoded": {"schema": object}}},
        "responses": {"204": {"description": "sent"}}}}});
    let imported = import("plain_unions", paths, json!({"ChatId": chat}));
    assert!(gaps(&imported).is_empty(), "{:?}", gaps(&imported));
    let yaml = file(&imported, "send.yaml");
    assert!(
        yaml.contains("reply_to: { in: query, type: ChatId }"),
        "{yaml}"
    );
    assert!(yaml.contains("chat_id: { type: ChatId }"), "{yaml}");
}

#[test]
fn a_value_with_no_schema_in_a_form_body_is_text() {
    let schemas = json!({"Note": {"type": "object", "properties": {"data": {}}}});
    let form = json!({"type": "object", "properties": {
        "Data": {"description": "A JSON string"},
        "Headers": {"type": "object"},
        "Tags": {"type": "array"}}});
    let posting = |schema: Value| {
        json!({"requestBody": {"content": {"application/x-www-form-urlencoded": {"schema": schema}}},
            "responses": {"204": {"description": "stored"}}})
    };
    let mut note = posting(json!({"$ref": "#/components/schemas/Note"}));
    note["operationId"] = json!("createNote");
    note["responses"] = json!({"200": {"description": "the note", "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/Note"}}}}});
    let mut document = posting(form);
    document["operationId"] = json!("createDocument");
    let paths = json!({"/documents": {"post": document}, "/notes": {"post": note}});
    let imported = import("form_texts", paths, schemas);
    let texts = of_kind(&imported, "text-value");
    assert_eq!(texts, 3, "{:?}", imported.gaps);
    let yaml = file(&imported, "create_document.yaml");
    for field in [
        "Data: { type: string",
        "Headers: { type: \"map<string, string>\"",
        "Tags: { type: list<string>",
    ] {
        assert!(yaml.contains(field), "{field} in {yaml}");
    }
    // A schema the form names by `$ref` is shared with JSON, where `data` is any value: as a
    // form member that is reported, and the operation left out.
    let gaps = gaps(&imported);
    assert!(
        gaps.len() == 1 && gaps[0].contains("`data` is `any`"),
        "{gaps:?}"
    );
}

#[test]
fn a_response_header_with_no_schema_is_text() {
    let paths = json!({"/things": {"get": {"operationId": "getThing", "responses": {"200": {
        "description": "ok",
        "headers": {
            "Date": {"description": "When it was sent"},
            "X-Meta": {"content": {"application/json": {"schema": {"type": "object"}}}}},
        "content": {"application/json": {"schema": {"type": "string"}}}}}}}});
    let imported = import("header_texts", paths, json!({}));
    assert_eq!(
        gaps(&imported),
        ["header: a header described by `content`; read as text"]
    );
    assert!(
        imported
            .gaps
            .iter()
            .any(|g| g.kind == "header" && g.what.contains("no schema")),
        "{:?}",
        imported.gaps
    );
    let yaml = file(&imported, "get_thing.yaml");
    assert!(yaml.contains("Date: { type: string"), "{yaml}");
}

#[test]
fn a_parameter_value_with_no_schema_is_text() {
    let paths = json!({"/things": {"get": {"operationId": "listThings", "parameters": [
        {"name": "filter", "in": "query", "style": "deepObject", "explode": true,
            "schema": {"type": "object"}},
        {"name": "cursor", "in": "query", "schema": {}},
        {"name": "trace", "in": "header"},
        {"name": "where", "in": "query",
            "content": {"application/json": {"schema": {"type": "object"}}}}],
        "responses": {"204": {"description": "none"}}}}});
    let imported = import("parameter_texts", paths, json!({}));
    assert_eq!(
        gaps(&imported),
        ["parameter-content: a parameter described by `content`; read as text"]
    );
    let texts = of_kind(&imported, "text-value");
    assert_eq!(texts, 3, "{:?}", imported.gaps);
    let yaml = file(&imported, "list_things.yaml");
    for parameter in [
        "filter: { in: query, type: \"map<string, string>\", style: deep_object",
        "cursor: { in: query, type: string",
        "trace: { in: header, type: string",
    ] {
        assert!(yaml.contains(parameter), "{parameter} in {yaml}");
    }
}
