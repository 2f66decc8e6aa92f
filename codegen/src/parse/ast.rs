//! The spec as written: what each YAML file says, every value with its position.
//! Names are not resolved here; that is `check`'s job.

pub use specgen_rules::Format;
use specgen_rules::{NumberValue, Rule};

use crate::diagnostics::Pos;
use crate::load::Node;

/// A value and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct At<T> {
    pub pos: Pos,
    pub value: T,
}

/// Text in one or more languages, in the order written. A plain string is in the service's
/// language (recorded as the empty code, resolved by `check`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Text(pub Vec<(String, String)>);

#[derive(Debug, Clone)]
pub struct ServiceSpec {
    pub file: usize,
    pub name: At<String>,
    pub title: Text,
    pub language: Option<At<String>>,
    pub description: Text,
    pub servers: Vec<ServerSpec>,
    pub auth: Option<AuthSpec>,
    pub extends: Option<At<String>>,
    pub types: Vec<TypeSpec>,
}

#[derive(Debug, Clone)]
pub struct ServerSpec {
    pub url: At<String>,
    pub description: Text,
    pub variables: Vec<ServerVariableSpec>,
}

#[derive(Debug, Clone)]
pub struct ServerVariableSpec {
    pub name: At<String>,
    pub default: String,
    pub description: Text,
    pub allowed: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthScheme {
    Bearer,
    OAuth2,
    ApiKey,
}

#[derive(Debug, Clone)]
pub struct AuthSpec {
    pub pos: Pos,
    pub scheme: AuthScheme,
    pub prefix: Option<String>,
    pub header: Option<String>,
    pub scopes: Vec<(At<String>, Text)>,
    /// OAuth2: where a user grants access (the authorization-code flow).
    pub authorization_url: Option<At<String>>,
    /// OAuth2: where a token is obtained.
    pub token_url: Option<At<String>>,
    pub description: Text,
}

#[derive(Debug, Clone)]
pub struct Deprecation {
    pub pos: Pos,
    pub sunset: Option<String>,
    pub note: Text,
}

#[derive(Debug, Clone)]
pub struct OperationSpec {
    pub file: usize,
    pub name: At<String>,
    pub method: At<String>,
    pub path: At<String>,
    pub summary: Text,
    pub description: Text,
    pub deprecated: Option<Deprecation>,
    pub scopes: Vec<At<String>>,
    pub parameters: Vec<ParameterSpec>,
    pub request: Option<RequestSpec>,
    pub responses: Vec<ResponseSpec>,
    pub types: Vec<TypeSpec>,
    pub examples: Vec<ExampleSpec>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
}

#[derive(Debug, Clone)]
pub struct ParameterSpec {
    pub name: At<String>,
    pub location: ParamLocation,
    pub ty: At<String>,
    pub required: bool,
    pub description: Text,
    pub constraints: Constraints,
}

#[derive(Debug, Clone)]
pub struct RequestSpec {
    pub pos: Pos,
    pub body: At<String>,
    pub media: Vec<At<String>>,
    pub required: bool,
    pub description: Text,
}

#[derive(Debug, Clone)]
pub struct ResponseSpec {
    pub status: At<u16>,
    pub description: Text,
    pub media: Vec<At<String>>,
    pub body: Option<At<String>>,
    /// The body the generated server sends when it rejects a request itself with this status.
    pub reject_body: Option<Node>,
    /// The root element of the XML form of the body.
    pub xml_root: Option<At<String>>,
}

#[derive(Debug, Clone)]
pub struct ExampleSpec {
    pub pos: Pos,
    pub name: Option<String>,
    pub parameters: Vec<(At<String>, Node)>,
    pub request: Option<Node>,
    pub response: Option<ExampleResponseSpec>,
}

#[derive(Debug, Clone)]
pub struct ExampleResponseSpec {
    pub status: At<u16>,
    pub media: Option<At<String>>,
    pub body: Option<Node>,
}

#[derive(Debug, Clone)]
pub struct TypeSpec {
    pub file: usize,
    pub name: At<String>,
    pub description: Text,
    pub deprecated: Option<Deprecation>,
    pub kind: TypeSpecKind,
}

#[derive(Debug, Clone)]
pub enum TypeSpecKind {
    Object { open: bool, fields: Vec<FieldSpec> },
    Enum(Vec<EnumItemSpec>),
    OneOf(Vec<(At<String>, At<String>)>),
}

#[derive(Debug, Clone)]
pub struct EnumItemSpec {
    pub pos: Pos,
    pub value: EnumValue,
    pub name: Option<At<String>>,
    pub description: Text,
}

#[derive(Debug, Clone, PartialEq)]
pub enum EnumValue {
    Str(String),
    Int(i64),
}

#[derive(Debug, Clone)]
pub struct FieldSpec {
    pub name: At<String>,
    pub ty: At<String>,
    pub required: bool,
    pub nullable: bool,
    pub read_only: bool,
    pub description: Text,
    pub deprecated: Option<Deprecation>,
    pub rust_name: Option<At<String>>,
    pub constraints: Constraints,
}

/// One constraint as written: its rule (from the table in `specgen_rules`), where, and its
/// limit as the spec gives it.
#[derive(Debug, Clone)]
pub struct ConstraintSpec {
    pub rule: Rule,
    pub pos: Pos,
    pub limit: LimitSpec,
}

/// A limit as written; `check` compiles patterns.
#[derive(Debug, Clone)]
pub enum LimitSpec {
    Count(u64),
    Number(NumberValue),
    Pattern(String),
    Format(Format),
}

/// The constraint keys of a field or parameter, in the table's order.
#[derive(Debug, Clone, Default)]
pub struct Constraints(pub Vec<ConstraintSpec>);
