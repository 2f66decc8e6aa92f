//! The five seed endpoints' request bodies: the generated model, its hand-written garde twin,
//! and the documented example, read from the OpenAPI document the bindings carry so the bench
//! input follows the spec.
#![allow(deprecated)]

use serde::de::DeserializeOwned;

use crate::handwritten;

/// One seed endpoint's JSON request body.
pub trait Seed {
    /// The generated model of the body.
    type Ours: DeserializeOwned + specgen_runtime::Validate + Send + Sync;
    /// The same body and constraints, written by hand with garde.
    type Garde: DeserializeOwned + garde::Validate<Context = ()> + Send + Sync;
    /// The service's OpenAPI document, as the bindings crate carries it.
    const OPENAPI: &'static str;

    /// The documented example of the request body, as JSON bytes.
    fn body() -> Vec<u8> {
        request_example(Self::OPENAPI)
    }
}

/// Kaiten: create a custom directory record (a map of uuid keys to unions).
pub struct Kaiten;
/// LINE WORKS: register a custom field (max length 20, a pattern, an enum, nullable).
pub struct Lineworks;
/// Yandex 360: add an external contact (a list of at least one email, each an email format).
pub struct Yandex360;
/// ONLYOFFICE: create a CRM person (an integer enum that accepts names, nested lists).
pub struct Onlyoffice;
/// R7-Office: the same API as ONLYOFFICE, from its own spec.
pub struct R7office;

impl Seed for Kaiten {
    type Ours = apis::kaiten::models::CreateCustomDirectoryRecordRequest;
    type Garde = handwritten::kaiten::CreateRecordRequest;
    const OPENAPI: &'static str = include_str!("../../generated/src/kaiten/openapi.json");
}

impl Seed for Lineworks {
    type Ours = apis::lineworks::models::CustomFieldRequest;
    type Garde = handwritten::lineworks::CustomFieldRequest;
    const OPENAPI: &'static str = include_str!("../../generated/src/lineworks/openapi.json");
}

impl Seed for Yandex360 {
    type Ours = apis::yandex360::models::ExternalContact;
    type Garde = handwritten::yandex360::ExternalContact;
    const OPENAPI: &'static str = include_str!("../../generated/src/yandex360/openapi.json");
}

impl Seed for Onlyoffice {
    type Ours = apis::onlyoffice::models::CreatePersonRequest;
    type Garde = handwritten::crm::CreatePersonRequest;
    const OPENAPI: &'static str = include_str!("../../generated/src/onlyoffice/openapi.json");
}

impl Seed for R7office {
    type Ours = apis::r7office::models::CreatePersonRequest;
    type Garde = handwritten::crm::CreatePersonRequest;
    const OPENAPI: &'static str = include_str!("../../generated/src/r7office/openapi.json");
}

/// The first example of the first operation's JSON request body in `openapi`.
///
/// # Panics
/// When the document has no such example: every seed documents one.
pub fn request_example(openapi: &str) -> Vec<u8> {
    let document: serde_json::Value =
        serde_json::from_str(openapi).expect("the bindings carry valid JSON");
    let example = document["paths"]
        .as_object()
        .into_iter()
        .flat_map(|paths| paths.values())
        .filter_map(|path| path.as_object())
        .flat_map(|operations| operations.values())
        .filter_map(|operation| {
            let examples = operation
                .pointer("/requestBody/content/application~1json/examples")?
                .as_object()?;
            examples.values().next()?.get("value").cloned()
        })
        .next()
        .expect("every seed documents a JSON request example");
    serde_json::to_vec(&example).expect("a JSON value serializes")
}
