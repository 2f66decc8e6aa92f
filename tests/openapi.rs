//! The OpenAPI export: snapshots of both versions, and the seed facts each document must say.
//! (The 3.1 documents are also snapshotted as files of the generated crate.)

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::{Value, json};
use specgen::openapi::Version;

fn documents(version: Version, language: Option<&str>) -> Vec<(String, Value)> {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let api = specgen::load_api(&specs, "specs").unwrap_or_else(|e| panic!("the specs check: {e}"));
    let options = specgen::Options {
        language: language.map(str::to_owned),
        ..specgen::Options::default()
    };
    specgen::openapi::files(&api, &options, version)
        .into_iter()
        .map(|(name, text)| {
            let value = serde_json::from_str(&text).expect("the export is JSON");
            (name.trim_end_matches(".openapi.json").to_owned(), value)
        })
        .collect()
}

fn document(service: &str, version: Version) -> Value {
    documents(version, None)
        .into_iter()
        .find(|(name, _)| name == service)
        .map(|(_, value)| value)
        .expect("a document per service")
}

/// The value at `pointer`, which must exist.
fn at<'a>(document: &'a Value, pointer: &str) -> &'a Value {
    document
        .pointer(pointer)
        .unwrap_or_else(|| panic!("nothing at {pointer}"))
}

const SCHEMAS: &str = "/components/schemas";

#[test]
fn openapi_3_0_snapshots() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let api = specgen::load_api(&specs, "specs").expect("the specs check");
    for (name, text) in specgen::openapi::files(&api, &specgen::Options::default(), Version::V3_0) {
        insta::assert_snapshot!(format!("openapi_3_0__{name}"), text);
    }
}

#[test]
fn export_is_byte_for_byte_deterministic() {
    for version in [Version::V3_0, Version::V3_1] {
        assert_eq!(documents(version, None), documents(version, None));
    }
}

#[test]
fn the_generated_crate_serves_the_3_1_export() {
    for (service, exported) in documents(Version::V3_1, None) {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("../generated/src/{service}/openapi.json"));
        let served: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert_eq!(exported, served, "{service}");
    }
}

#[test]
fn lineworks_says_oauth2_scopes_deprecation_and_every_constraint() {
    let doc = document("lineworks", Version::V3_1);
    assert_eq!(at(&doc, "/openapi"), "3.1.0");
    let flow = at(
        &doc,
        "/components/securitySchemes/auth/flows/authorizationCode",
    );
    assert_eq!(
        flow["tokenUrl"],
        "https://auth.worksmobile.com/oauth2/v2.0/token"
    );
    assert_eq!(flow["scopes"]["directory"], "ディレクトリの参照と更新");
    let op = at(&doc, "/paths/~1directory~1custom-fields/post");
    assert_eq!(op["security"], json!([{ "auth": ["directory"] }]));
    assert_eq!(op["deprecated"], true);
    assert_eq!(op["x-sunset"], "2026-07");
    assert_eq!(op["summary"], "カスタムフィールドを登録する。");
    assert_eq!(
        op["x-translations"]["en"]["summary"],
        "Register a custom field."
    );
    // The server's own 401 is documented, since the page documents none.
    assert_eq!(op["responses"]["401"]["x-specgen-server"], true);
    let fields = at(&doc, &format!("{SCHEMAS}/CustomField/properties"));
    assert_eq!(fields["customFieldName"]["maxLength"], 20);
    assert_eq!(fields["domainId"]["format"], "int32");
    assert_eq!(fields["customFieldId"]["readOnly"], true);
    let key = &fields["customFieldExternalKey"];
    assert_eq!(key["type"], json!(["string", "null"]));
    assert_eq!(key["pattern"], "^[A-Za-z][A-Za-z0-9]*$");
    assert_eq!(key["maxLength"], 100);
    assert_eq!(
        at(&doc, &format!("{SCHEMAS}/CustomFieldType/enum")),
        &json!(["STRING", "LINK"])
    );
}

#[test]
fn kaiten_says_its_text_401_uuid_keys_and_server_variables() {
    let doc = document("kaiten", Version::V3_1);
    let server = &at(&doc, "/servers")[0];
    assert_eq!(server["url"], "https://{company}.kaiten.ru/api/latest");
    assert_eq!(server["variables"]["company"]["default"], "example");
    assert_eq!(
        at(&doc, "/components/securitySchemes/auth"),
        &json!({
            "type": "http",
            "description": "The API token from your Kaiten profile, sent as `Authorization: Bearer <token>`.",
            "scheme": "bearer"
        })
    );
    let op = at(
        &doc,
        "/paths/~1company~1custom-directories~1{directory_id}~1records/post",
    );
    assert_eq!(
        op["responses"]["401"]["content"]["text/plain"]["schema"],
        json!({ "type": "string" })
    );
    // A documented 400 without a reject body: the server's problem document sits beside it.
    let bad = &op["responses"]["400"]["content"];
    assert!(bad.get("application/json").is_some() && bad.get("application/problem+json").is_some());
    let directory = &op["parameters"][0];
    assert_eq!(directory["in"], "path");
    assert_eq!(directory["required"], true);
    assert_eq!(directory["schema"]["format"], "uuid");
    let values = at(
        &doc,
        &format!("{SCHEMAS}/CreateCustomDirectoryRecordRequest/properties/values"),
    );
    assert_eq!(values["propertyNames"]["format"], "uuid");
    assert_eq!(
        values["additionalProperties"]["$ref"],
        "#/components/schemas/FieldValue"
    );
    assert_eq!(
        at(&doc, &format!("{SCHEMAS}/FieldValue/oneOf")),
        &json!([
            { "$ref": "#/components/schemas/FieldValueItem" },
            { "type": "array", "items": { "$ref": "#/components/schemas/FieldValueItem" } }
        ])
    );
    assert_eq!(
        at(
            &doc,
            &format!("{SCHEMAS}/FieldValueItem/additionalProperties")
        ),
        true
    );
}

#[test]
fn onlyoffice_says_multipart_files_xml_and_names_accepted_for_numbers() {
    let doc = document("onlyoffice", Version::V3_1);
    let body = at(
        &doc,
        "/paths/~1api~12.0~1crm~1contact~1person/post/requestBody/content",
    );
    let form = &body["multipart/form-data"];
    assert_eq!(
        form["schema"]["properties"]["photo"]["items"],
        json!({ "type": "string", "contentMediaType": "application/octet-stream" })
    );
    assert_eq!(
        form["encoding"],
        json!({
            "customFieldList": { "contentType": "application/json" },
            "photo": { "contentType": "application/octet-stream" }
        })
    );
    // In JSON a file cannot travel, so the list of photos can only be empty.
    assert_eq!(
        at(
            &doc,
            &format!("{SCHEMAS}/CreatePersonRequest/properties/photo/items")
        ),
        &json!({ "not": {} })
    );
    assert!(body["application/json"]["examples"].is_object());
    let ok = at(
        &doc,
        "/paths/~1api~12.0~1crm~1contact~1person/post/responses/200/content",
    );
    assert_eq!(ok["text/xml"]["schema"]["xml"]["name"], "result");
    assert!(ok["text/xml"]["examples"].is_object());
    let share = at(&doc, &format!("{SCHEMAS}/ShareType"));
    assert_eq!(share["enum"], json!([0, 1, 2]));
    assert_eq!(
        share["x-specgen-accepts-names"],
        json!({ "None": 0, "ReadWrite": 1, "Read": 2 })
    );
    assert_eq!(
        at(&doc, "/components/securitySchemes/auth"),
        &json!({
            "type": "apiKey",
            "description": "The token returned by POST api/2.0/authentication, sent as the Authorization header value with no prefix.",
            "name": "Authorization",
            "in": "header",
            "x-translations": { "ru": { "description": "Токен, полученный от POST api/2.0/authentication, передаётся в заголовке Authorization без префикса." } }
        })
    );
}

#[test]
fn yandex_says_its_oauth_scheme_and_list_and_format_rules() {
    let doc = document("yandex360", Version::V3_1);
    assert_eq!(at(&doc, "/components/securitySchemes/auth/scheme"), "OAuth");
    let contact = at(&doc, &format!("{SCHEMAS}/ExternalContact"));
    assert_eq!(contact["required"], json!(["emails"]));
    assert_eq!(contact["properties"]["emails"]["minItems"], 1);
    assert_eq!(
        at(
            &doc,
            &format!("{SCHEMAS}/ExternalContactEmail/properties/email/format")
        ),
        "email"
    );
    let org = &at(
        &doc,
        "/paths/~1directory~1v1~1org~1{orgId}~1external_contacts/post/parameters",
    )[0];
    assert_eq!(
        org["schema"],
        json!({ "type": "integer", "format": "int64" })
    );
    assert_eq!(org["example"], 1_234_567);
    // Its documented 400 carries the reject body, so no problem document is added.
    let bad = at(
        &doc,
        "/paths/~1directory~1v1~1org~1{orgId}~1external_contacts/post/responses/400/content",
    );
    assert_eq!(bad.as_object().unwrap().len(), 1);
    assert_eq!(at(&doc, "/info/title"), "API Яндекс 360 для бизнеса");
}

#[test]
fn r7office_speaks_russian_unless_asked() {
    let doc = document("r7office", Version::V3_1);
    let first = at(
        &doc,
        &format!("{SCHEMAS}/CreatePersonRequest/properties/firstName"),
    );
    assert_eq!(first["description"], "Имя");
    assert_eq!(first["x-translations"]["en"]["description"], "First name");
    let english = documents(Version::V3_1, Some("en"));
    let (_, doc) = english.iter().find(|(n, _)| n == "r7office").unwrap();
    assert_eq!(at(doc, "/info/title"), "R7-Office API");
}

/// The document of the feature spec `feature` (`features/<feature>/spec/<feature>`).
fn feature_document(feature: &str, version: Version) -> Value {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("features")
        .join(feature)
        .join("spec")
        .join(feature);
    let api = specgen::load_service_api(&dir).unwrap_or_else(|e| panic!("{feature}: {e}"));
    let (_, text) = specgen::openapi::files(&api, &specgen::Options::default(), version)
        .into_iter()
        .next()
        .expect("one document");
    serde_json::from_str(&text).expect("the export is JSON")
}

#[test]
fn paged_operations_say_how_they_page() {
    let paged = feature_document("pagination", Version::V3_1);
    let cases = [
        (
            "/events",
            json!({"items": "events", "parameter": "cursor", "next": "next_cursor"}),
        ),
        ("/numbers", json!({"items": "numbers", "parameter": "page"})),
        ("/tags", json!({"parameter": "page"})),
    ];
    for (path, expected) in cases {
        let pointer = format!(
            "/paths/{}/get/x-specgen-pagination",
            path.replace('/', "~1")
        );
        assert_eq!(at(&paged, &pointer), &expected, "{path}");
    }
    let linked = feature_document("link_pagination", Version::V3_1);
    let issues = "/paths/~1repos~1{owner}~1issues/get";
    assert_eq!(
        at(&linked, &format!("{issues}/x-specgen-pagination")),
        &json!({"link": "next"})
    );
    assert_eq!(
        at(
            &linked,
            &format!("{issues}/responses/200/headers/Link/schema")
        ),
        &json!({"type": "array", "items": {"type": "string"}})
    );
    assert_eq!(
        at(&linked, "/paths/~1events/get/x-specgen-pagination"),
        &json!({"items": "events", "link": "next"})
    );
}

#[test]
fn numbers_state_their_format_and_range_in_both_versions() {
    for version in [Version::V3_1, Version::V3_0] {
        let doc = feature_document("numbers", version);
        let fields = at(&doc, &format!("{SCHEMAS}/Reading/properties"));
        let number = |ty: &str, format: &str, range: Option<(Value, Value)>| {
            let mut schema = json!({"type": ty, "format": format});
            if let Some((min, max)) = range {
                schema["minimum"] = min;
                schema["maximum"] = max;
            }
            schema
        };
        let f32_max = 3.402_823_5e38;
        let cases = [
            (
                "level",
                number("integer", "uint8", Some((json!(0), json!(255)))),
            ),
            // The field's own bound and its type's: the tighter stands.
            (
                "percent",
                number("integer", "uint8", Some((json!(0), json!(100)))),
            ),
            (
                "offset",
                number("integer", "int16", Some((json!(-1000), json!(32767)))),
            ),
            (
                "bytes",
                number("integer", "uint64", Some((json!(0), json!(u64::MAX)))),
            ),
            (
                "delta",
                number("integer", "int8", Some((json!(-128), json!(127)))),
            ),
            // OpenAPI's own formats tell tools the range.
            ("small", number("integer", "int32", None)),
            ("total", number("integer", "int64", None)),
            (
                "gain",
                number("number", "float", Some((json!(-f32_max), json!(f32_max)))),
            ),
            (
                "ratio",
                number("number", "float", Some((json!(-1.5), json!(1.5)))),
            ),
            ("precise", number("number", "double", None)),
            ("average", number("number", "double", None)),
        ];
        for (field, expected) in cases {
            assert_eq!(fields[field], expected, "{version:?} {field}");
        }
        assert_eq!(
            fields["history"]["items"],
            number("integer", "int16", Some((json!(-32768), json!(32767))))
        );
        let keys = match version {
            Version::V3_1 => &fields["channels"]["propertyNames"],
            Version::V3_0 => &fields["channels"]["x-propertyNames"],
        };
        let pattern = keys["pattern"].as_str().expect("a pattern");
        assert!(
            pattern.ends_with("|255)$") && !pattern.contains("|-"),
            "{pattern}"
        );
        let window = &at(&doc, "/paths/~1sensors~1{sensor}~1reading/put/parameters")[2];
        assert_eq!(window["name"], "window");
        assert_eq!(
            window["schema"],
            json!({"type": "integer", "format": "uint32", "minimum": 1, "maximum": u32::MAX, "default": 60})
        );
    }
}

#[test]
fn every_format_is_stated_on_fields_parameters_and_headers() {
    let doc = feature_document("formats", Version::V3_1);
    let find = "/paths/~1contacts/get";
    let formats = [
        ("email", "email", "X-Email"),
        ("ref", "uuid", "X-Ref"),
        ("seen", "date-time", "X-Seen"),
        ("born", "date", "X-Born"),
        ("wakes", "time", "X-Wakes"),
        ("stay", "duration", "X-Stay"),
        ("site", "uri", "X-Site"),
        ("host", "hostname", "X-Host"),
        ("v4", "ipv4", "X-V4"),
        ("v6", "ipv6", "X-V6"),
        ("avatar", "byte", "X-Key"),
    ];
    let parameters = at(&doc, &format!("{find}/parameters")).as_array().unwrap();
    for (field, format, header) in formats {
        let stated = json!({"type": "string", "format": format});
        let property = at(&doc, &format!("{SCHEMAS}/Contact/properties/{field}"));
        assert_eq!(property["format"], format, "{field}");
        let name = if format == "byte" { "key" } else { field };
        let parameter = parameters.iter().find(|p| p["name"] == name).unwrap();
        assert_eq!(parameter["schema"], stated, "{name}");
        let header = at(
            &doc,
            &format!("{find}/responses/200/headers/{header}/schema"),
        );
        assert_eq!(header, &stated, "{header}");
    }
    // A date or time held as a `time` value is still a string in its format on the wire.
    let typed = feature_document("date_types", Version::V3_1);
    let day = at(&typed, &format!("{SCHEMAS}/Slot/properties/day"));
    assert_eq!(day, &json!({"type": "string", "format": "date"}));
}

#[test]
fn openapi_3_0_uses_its_own_dialect() {
    let doc = document("lineworks", Version::V3_0);
    assert_eq!(at(&doc, "/openapi"), "3.0.3");
    let key = at(
        &doc,
        &format!("{SCHEMAS}/CustomField/properties/customFieldExternalKey"),
    );
    assert_eq!(
        (&key["type"], &key["nullable"]),
        (&json!("string"), &json!(true))
    );
    let doc = document("onlyoffice", Version::V3_0);
    let photo = at(
        &doc,
        "/paths/~1api~12.0~1crm~1contact~1person/post/requestBody/content/multipart~1form-data/schema/properties/photo/items",
    );
    assert_eq!(photo, &json!({ "type": "string", "format": "binary" }));
    // Nothing beside a 3.0 `$ref` counts: the description moves beside an `allOf`.
    let share = at(
        &doc,
        &format!("{SCHEMAS}/CreatePersonRequest/properties/shareType"),
    );
    assert_eq!(
        share["allOf"],
        json!([{ "$ref": "#/components/schemas/ShareType" }])
    );
    let doc = document("kaiten", Version::V3_0);
    let values = at(
        &doc,
        &format!("{SCHEMAS}/CreateCustomDirectoryRecordRequest/properties/values"),
    );
    assert!(values.get("propertyNames").is_none());
    assert_eq!(values["x-propertyNames"]["format"], "uuid");
}

/// The `code`s the exported documents promise for a failing input.
fn documented_codes(document: &Value) -> BTreeSet<String> {
    at(
        document,
        "/components/schemas/specgen.InputError/properties/code/enum",
    )
    .as_array()
    .expect("the codes are listed")
    .iter()
    .map(|code| code.as_str().expect("a code is a string").to_owned())
    .collect()
}

/// A type that breaks every rule of the table once, through `#[derive(Validate)]`.
#[derive(specgen_runtime::Validate)]
struct EveryRuleBroken {
    #[validate(min_length = 2, pattern = "^[a-z]+$", email)]
    short: String,
    #[validate(max_length = 1)]
    long: String,
    #[validate(range(min = 1))]
    low: i32,
    #[validate(range(max = 1))]
    high: i32,
    #[validate(min_items = 1)]
    few: Vec<u8>,
    #[validate(max_items = 0, unique_items = true)]
    many: Vec<u8>,
    #[validate(const = true)]
    on: bool,
}

#[test]
fn the_documents_list_exactly_the_codes_the_runtime_sends() {
    use specgen_runtime::Validate;
    let broken = EveryRuleBroken {
        short: "A".into(),
        long: "ab".into(),
        low: 0,
        high: 2,
        few: Vec::new(),
        many: vec![1, 1],
        on: false,
    };
    let errors = broken.validate().expect_err("every rule is broken");
    let sent: BTreeSet<String> = errors.iter().map(|v| v.code.to_string()).collect();
    for rule in specgen_runtime::Rule::ALL {
        assert!(
            sent.contains(rule.key()),
            "no `{}` violation in {sent:?}",
            rule.key()
        );
    }
    let built_in: BTreeSet<String> = specgen_runtime::Code::built_in()
        .map(|code| code.to_string())
        .collect();
    for version in [Version::V3_0, Version::V3_1] {
        for (service, document) in documents(version, None) {
            let documented = documented_codes(&document);
            assert!(
                sent.is_subset(&documented),
                "{service}: {sent:?} vs {documented:?}"
            );
            assert_eq!(documented, built_in, "{service}");
        }
    }
}

#[tokio::test]
async fn a_rejection_by_the_generated_server_uses_documented_codes() {
    let documented = documented_codes(&document("lineworks", Version::V3_1));
    let addr = workspace_tests::serve(apis::mock_router()).await;
    // Too long, against the pattern, of the wrong type, and a required member missing.
    let body = json!({
        "customFieldExternalKey": "1".repeat(101),
        "customFieldName": "x".repeat(21),
        "customFieldType": "LINK",
        "domainId": "ten",
    });
    let reply = specgen_runtime::reqwest::Client::new()
        .post(format!(
            "http://{addr}/lineworks/v1.0/directory/custom-fields"
        ))
        .bearer_auth("token")
        .header("content-type", "application/json")
        .body(body.to_string())
        .timeout(std::time::Duration::from_secs(10))
        .send()
        .await
        .expect("the server answers");
    assert_eq!(reply.status(), 400);
    let text = reply.text().await.expect("a body");
    let problem: Value = serde_json::from_str(&text).expect("a problem document");
    let codes: Vec<&str> = at(&problem, "/errors")
        .as_array()
        .expect("every failing input")
        .iter()
        .map(|e| e["code"].as_str().expect("a code"))
        .collect();
    assert!(!codes.is_empty());
    for code in codes {
        assert!(
            documented.contains(code),
            "`{code}` is not in {documented:?}"
        );
    }
}
