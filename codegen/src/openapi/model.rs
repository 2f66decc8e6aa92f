//! The part of the OpenAPI object model the export writes, as serde types: fields serialize
//! in declaration order, maps in insertion order, so the document reads like the spec.

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};
use serde_json::Value;

/// A JSON object whose members keep the order they were added in.
#[derive(Debug, Clone, PartialEq)]
pub struct Ordered<T>(pub Vec<(String, T)>);

impl<T> Default for Ordered<T> {
    fn default() -> Self {
        Ordered(Vec::new())
    }
}

impl<T> Ordered<T> {
    pub fn insert(&mut self, key: impl Into<String>, value: T) {
        self.0.push((key.into(), value));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut T> {
        self.0.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

impl<T: Serialize> Serialize for Ordered<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// `x-…` members, sorted by name.
pub type Extensions = BTreeMap<String, Value>;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Document {
    pub openapi: &'static str,
    pub info: Info,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json_schema_dialect: Option<&'static str>,
    pub servers: Vec<Server>,
    pub paths: Ordered<Ordered<Operation>>,
    pub components: Components,
}

#[derive(Debug, Serialize)]
pub struct Info {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub version: String,
    #[serde(flatten)]
    pub extensions: Extensions,
}

#[derive(Debug, Serialize)]
pub struct Server {
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Ordered::is_empty")]
    pub variables: Ordered<ServerVariable>,
    #[serde(flatten)]
    pub extensions: Extensions,
}

#[derive(Debug, Serialize)]
pub struct ServerVariable {
    #[serde(rename = "enum", skip_serializing_if = "Vec::is_empty")]
    pub allowed: Vec<String>,
    pub default: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(flatten)]
    pub extensions: Extensions,
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Components {
    pub schemas: Ordered<Schema>,
    #[serde(skip_serializing_if = "Ordered::is_empty")]
    pub security_schemes: Ordered<SecurityScheme>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SecurityScheme {
    #[serde(rename = "type")]
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `http`: the auth scheme (`bearer`, `OAuth`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    /// `apiKey`: the header's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `apiKey`: `header`, `query` or `cookie`.
    #[serde(rename = "in", skip_serializing_if = "Option::is_none")]
    pub location: Option<&'static str>,
    /// `openIdConnect`: the discovery document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open_id_connect_url: Option<String>,
    /// `oauth2`: how tokens are obtained.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flows: Option<Ordered<OAuthFlow>>,
    #[serde(flatten)]
    pub extensions: Extensions,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OAuthFlow {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authorization_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_url: Option<String>,
    /// The device flow's (RFC 8628) endpoint, where 3.2 names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_authorization_url: Option<String>,
    pub scopes: Ordered<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    pub operation_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub deprecated: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Parameter>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_body: Option<RequestBody>,
    pub responses: Ordered<Response>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub security: Vec<Ordered<Vec<String>>>,
    #[serde(flatten)]
    pub extensions: Extensions,
}

#[derive(Debug, Serialize)]
pub struct Parameter {
    pub name: String,
    #[serde(rename = "in")]
    pub location: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub required: bool,
    /// How a query list or object travels, where not as OpenAPI's default (`form`, exploded).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub style: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explode: Option<bool>,
    pub schema: Schema,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<Value>,
    #[serde(flatten)]
    pub extensions: Extensions,
}

#[derive(Debug, Serialize)]
pub struct RequestBody {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub content: Ordered<MediaType>,
    pub required: bool,
    #[serde(flatten)]
    pub extensions: Extensions,
}

#[derive(Debug, Default, Serialize)]
pub struct MediaType {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<Schema>,
    #[serde(skip_serializing_if = "Ordered::is_empty")]
    pub examples: Ordered<Example>,
    #[serde(skip_serializing_if = "Ordered::is_empty")]
    pub encoding: Ordered<Encoding>,
    #[serde(flatten)]
    pub extensions: Extensions,
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Encoding {
    /// A multipart member's part type, where it is not text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<&'static str>,
    /// How a form member nests (`deepObject` for objects and maps in brackets).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub style: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explode: Option<bool>,
}

#[derive(Debug, Serialize)]
pub struct Example {
    pub summary: String,
    pub value: Value,
}

#[derive(Debug, Serialize)]
pub struct Response {
    pub description: String,
    #[serde(skip_serializing_if = "Ordered::is_empty")]
    pub headers: Ordered<Header>,
    #[serde(skip_serializing_if = "Ordered::is_empty")]
    pub content: Ordered<MediaType>,
    #[serde(flatten)]
    pub extensions: Extensions,
}

/// A response header.
#[derive(Debug, Serialize)]
pub struct Header {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    pub schema: Schema,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<Value>,
    #[serde(flatten)]
    pub extensions: Extensions,
}

/// A JSON Schema `type`: one name, or (3.1) several, for `["string", "null"]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Types {
    One(&'static str),
    Many(Vec<&'static str>),
}

/// `additionalProperties`: allowed or not, or the schema every other member has.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Additional {
    Allowed(bool),
    Schema(Box<Schema>),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Xml {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// An array's items inside one element named `name` (each item in its own element).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub wrapped: bool,
    /// A member written as an attribute of its object's element.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub attribute: bool,
}

/// A schema object: the keywords of JSON Schema 2020-12 (3.1) and of OpenAPI 3.0's subset
/// that the spec language can say.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Schema {
    #[serde(rename = "$ref", skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub types: Option<Types>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_media_type: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(rename = "enum", skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<Value>>,
    /// 3.0 only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nullable: Option<bool>,
    /// The constraints' keywords (`maxLength: 20`), in the order of the table of rules.
    #[serde(flatten)]
    pub constraints: Ordered<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Box<Schema>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub properties: Option<Ordered<Schema>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub required: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub additional_properties: Option<Additional>,
    /// 3.1 only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub property_names: Option<Box<Schema>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub one_of: Vec<Schema>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub any_of: Vec<Schema>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub all_of: Vec<Schema>,
    /// The schema nothing matches (`{"not": {}}`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not: Option<Box<Schema>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_only: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub xml: Option<Xml>,
    /// `x-…` members; and the members of a fixed schema written as JSON.
    #[serde(flatten)]
    pub extensions: Extensions,
}

impl Schema {
    pub fn reference(to: impl Into<String>) -> Self {
        Schema {
            reference: Some(to.into()),
            ..Schema::default()
        }
    }

    /// This schema, with the `pattern` constraint.
    pub fn with_pattern(mut self, source: &str) -> Self {
        let keyword = specgen_rules::Rule::Pattern.openapi_keyword(false);
        self.constraints.insert(keyword, Value::from(source));
        self
    }

    pub fn of_type(name: &'static str) -> Self {
        Schema {
            types: Some(Types::One(name)),
            ..Schema::default()
        }
    }
}
