//! The whole pipeline (load, check, emit every part, prettyplease) on the five real services,
//! and on synthetic services of 10 to 5,000 operations built from the seed endpoints' shapes.
//! Throughput is operations per second, so time per operation reads off directly.
//!
//! ```text
//! cargo bench -p specgen --bench generation
//! ```

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use divan::Bencher;
use divan::counter::ItemsCount;

fn main() {
    divan::main();
}

/// Loads, checks and renders every file of the crate `specgen generate` writes.
fn pipeline(specs: &Path) -> usize {
    let api = specgen::load_api(specs, "specs").expect("the specs check");
    let files = specgen::layout::crate_files(&api, &specgen::Options::default()).expect("renders");
    files.values().map(String::len).sum()
}

#[divan::bench(sample_count = 100)]
fn real_specs(bencher: Bencher) {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let api = specgen::load_api(&specs, "specs").expect("the specs check");
    let operations: usize = api.services.iter().map(|s| s.operations.len()).sum();
    bencher
        .counter(ItemsCount::new(operations))
        .bench(|| pipeline(&specs));
}

#[divan::bench(args = [10, 100, 1000, 5000], sample_count = 10, sample_size = 1)]
fn synthetic(bencher: Bencher, operations: usize) {
    let dir = synthetic_service(operations);
    bencher
        .counter(ItemsCount::new(operations))
        .bench(|| pipeline(&dir));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Where the time of the 1,000-operation service goes: loading and checking the YAML, then
/// emitting tokens and rendering them with prettyplease.
mod stages {
    use super::*;

    const OPERATIONS: usize = 1000;

    #[divan::bench(sample_count = 5, sample_size = 1)]
    fn load_and_check(bencher: Bencher) {
        let dir = synthetic_service(OPERATIONS);
        bencher
            .counter(ItemsCount::new(OPERATIONS))
            .bench(|| specgen::load_api(&dir, "specs").expect("the specs check"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[divan::bench(sample_count = 5, sample_size = 1)]
    fn emit_and_render(bencher: Bencher) {
        let dir = synthetic_service(OPERATIONS);
        let api = specgen::load_api(&dir, "specs").expect("the specs check");
        bencher.counter(ItemsCount::new(OPERATIONS)).bench(|| {
            specgen::layout::crate_files(&api, &specgen::Options::default()).expect("renders")
        });
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[divan::bench(sample_count = 5, sample_size = 1)]
    fn emit_only(bencher: Bencher) {
        let dir = synthetic_service(OPERATIONS);
        let api = specgen::load_api(&dir, "specs").expect("the specs check");
        let service = &api.services[0];
        let options = specgen::Options::default();
        bencher.counter(ItemsCount::new(OPERATIONS)).bench(|| {
            // Emitted into token writers: no formatting.
            let mut writer = specgen::render::Writer::tokens("bench");
            specgen::emit::models(service, &options, &mut writer).expect("emits");
            specgen::emit::operations(service, &options, &mut writer).expect("emits");
            specgen::emit::client(service, &options, &mut writer).expect("emits");
            specgen::emit::server(service, &options, &mut writer).expect("emits");
            specgen::emit::mock(service, &options, &mut writer).expect("emits");
            (writer.into_tokens(), specgen::emit::examples(service))
        });
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// A service of `operations` endpoints, one file each, cycling through the shapes of the seed
/// endpoints with names and types varied by index.
fn synthetic_service(operations: usize) -> PathBuf {
    let root =
        std::env::temp_dir().join(format!("specgen-bench-{operations}-{}", std::process::id()));
    let dir = root.join("bench");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("service.yaml"), SERVICE).expect("write");
    for i in 0..operations {
        let text = match i % 4 {
            0 => directory_record(i),
            1 => custom_field(i),
            2 => external_contact(i),
            _ => person(i),
        };
        std::fs::write(dir.join(format!("op_{i}.yaml")), text).expect("write");
    }
    root
}

const SERVICE: &str = "service: bench
title: Synthetic API
language: en
servers:
  - url: https://{tenant}.example.com/api/v1
    variables:
      tenant: { default: demo, description: The tenant }
auth:
  scheme: oauth2
  token_url: https://auth.example.com/token
  scopes:
    read: Read
    write: Write
";

/// Kaiten's shape: a uuid path parameter, an enum query parameter, a map of unions, a
/// text 401.
fn directory_record(i: usize) -> String {
    format!(
        "operation: create_record_{i}
method: POST
path: /directories{i}/{{directory_id}}/records
summary: Create record {i}
scopes: [write]
parameters:
  directory_id: {{ in: path, type: uuid, description: Directory }}
  profile_{i}: {{ in: query, type: Profile{i} }}
request: {{ body: CreateRecord{i} }}
responses:
  200: {{ description: Created, body: Record{i} }}
  401: {{ description: Invalid token, media: text/plain, body: string, reject_body: Invalid token }}
  404: {{ description: Not found, body: Problem{i} }}
types:
  Profile{i}:
    enum: [none, summary, full]
  CreateRecord{i}:
    fields:
      values: {{ type: 'map<uuid, Value{i}>', required: true }}
  Value{i}:
    one_of:
      single: Item{i}
      multiple: list<Item{i}>
  Item{i}:
    open: true
    fields:
      text_{i}: {{ type: string, max_length: {len} }}
  Record{i}:
    fields:
      id: {{ type: uuid, required: true }}
      display: {{ type: string, nullable: true }}
      created: {{ type: string, format: date-time }}
  Problem{i}:
    open: true
    fields: {{}}
",
        len = 50 + i % 200
    )
}

/// LINE WORKS' shape: int32, a pattern, a nullable key, a read-only id, deprecation.
fn custom_field(i: usize) -> String {
    format!(
        "operation: register_field_{i}
method: POST
path: /fields{i}
summary: Register field {i}
deprecated:
  sunset: '2030-01-01'
  note: Use another endpoint.
scopes: [write]
request: {{ body: Field{i} }}
responses:
  201: {{ description: OK, body: Field{i} }}
  400: {{ description: Bad request }}
types:
  Field{i}:
    fields:
      domainId: {{ type: int32, required: true, minimum: 1 }}
      fieldId: {{ type: string, read_only: true }}
      externalKey: {{ type: string, nullable: true, max_length: 100, pattern: '^[A-Za-z][A-Za-z0-9]*$' }}
      name: {{ type: string, required: true, max_length: 20 }}
      kind: {{ type: Kind{i}, required: true }}
      order: {{ type: int32 }}
  Kind{i}:
    enum: [STRING, LINK, NUMBER]
examples:
  - name: Register {i}
    request: {{ domainId: {i}, name: field{i}, kind: LINK }}
    response:
      status: 201
      body: {{ domainId: {i}, fieldId: f{i}, name: field{i}, kind: LINK }}
"
    )
}

/// Yandex 360's shape: an int64 path parameter, a list with a minimum, an email format, a
/// JSON reject body.
fn external_contact(i: usize) -> String {
    format!(
        "operation: add_contact_{i}
method: POST
path: /org/{{orgId}}/contacts{i}
summary: Add contact {i}
scopes: [write]
parameters:
  orgId: {{ in: path, type: int64 }}
request: {{ body: Contact{i} }}
responses:
  200: {{ description: OK, body: Created{i} }}
  400:
    description: Bad request
    body: Error{i}
    reject_body: {{ code: 3, message: '{{message}}', details: '{{errors}}' }}
types:
  Contact{i}:
    fields:
      firstName: {{ type: string }}
      lastName: {{ type: string }}
      emails: {{ type: list<Email{i}>, required: true, min_items: 1 }}
      phones: {{ type: list<string>, max_items: 10 }}
  Email{i}:
    fields:
      email: {{ type: string, format: email }}
      main: {{ type: boolean }}
  Created{i}:
    fields:
      id: {{ type: string }}
  Error{i}:
    fields:
      code: {{ type: int32 }}
      message: {{ type: string }}
      details: {{ type: list<Detail{i}> }}
  Detail{i}:
    open: true
    fields: {{}}
"
    )
}

/// ONLYOFFICE's shape: multipart with files, an integer enum with names, an XML answer.
fn person(i: usize) -> String {
    let mut text = String::new();
    let _ = write!(
        text,
        "operation: create_person_{i}
method: POST
path: /people{i}
summary: Create person {i}
scopes: [read, write]
request:
  body: Person{i}
  media: [application/json, multipart/form-data]
responses:
  200:
    description: Person
    media: [application/json, text/xml]
    body: Envelope{i}
    xml_root: result
types:
  Person{i}:
    fields:
      firstName: {{ type: string, required: true }}
      companyId: {{ type: int32 }}
      share: {{ type: Share{i}, required: true }}
      managers: {{ type: list<uuid> }}
      photo: {{ type: list<file> }}
  Share{i}:
    enum:
      - {{ value: 0, name: None }}
      - {{ value: 1, name: ReadWrite }}
      - {{ value: 2, name: Read }}
  Envelope{i}:
    fields:
      status: {{ type: int32, required: true }}
      response: {{ type: Person{i}Out, required: true }}
  Person{i}Out:
    fields:
      firstName: {{ type: string }}
      currency: {{ type: any, nullable: true }}
      id: {{ type: int32 }}
"
    );
    text
}
