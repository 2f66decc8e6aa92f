//! The resolved model every emitter reads: names chosen, references resolved, constraints
//! normalised. Nothing here can be wrong; `check` made sure.

pub use crate::parse::ast::{ParamLocation, Status};
pub use specgen_rules::format::Held;
pub use specgen_rules::media::{self, Encoding};
/// How a query parameter travels (OpenAPI's `style` and `explode`).
pub use specgen_rules::pairs::Style as QueryStyle;
pub use specgen_rules::{Format, Limit, Numeric, Rule};

/// Every service found under the specs folder, by service name.
#[derive(Debug, Clone)]
pub struct Api {
    pub services: Vec<Service>,
    /// What the specs say that is likely not what was meant; nothing that stops generation.
    pub warnings: crate::diagnostics::Diagnostics,
}

#[derive(Debug, Clone)]
pub struct Service {
    /// The service name as written (`lineworks`); also its module name.
    pub name: String,
    pub title: Text,
    /// The language its plain-string texts are in.
    pub language: String,
    pub description: Text,
    pub servers: Vec<Server>,
    /// The auth schemes, in the order written; operations name them by index.
    pub auth: Vec<Auth>,
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
    /// The spec files it was built from, as shown in messages (for `@generated` headers).
    pub sources: Vec<String>,
    /// The same files on disk (for `cargo:rerun-if-changed`).
    pub source_paths: Vec<std::path::PathBuf>,
    /// How the bindings hold dates and times (chosen when the specs are loaded, as the
    /// examples' JSON depends on it).
    pub date_types: DateTypes,
}

/// How generated code holds the values of the calendar formats (`date`, `time`,
/// `date-time`): a choice of the generated code, not of the spec's meaning.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DateTypes {
    /// As `String`s, checked against their format.
    #[default]
    Strings,
    /// As `time` values in `specgen_runtime::Rfc3339`: `time::Date`, `time::Time` (in UTC),
    /// `time::OffsetDateTime`.
    Time,
}

impl DateTypes {
    /// The format a string of `ty` with `constraints` is held in other than as its text
    /// (`byte` always; `date`, `time` and `date-time` with [`DateTypes::Time`]), where it is.
    pub fn held(self, ty: &Ty, constraints: &Constraints) -> Option<Format> {
        let format = constraints.format().filter(|_| *ty == Ty::String)?;
        match format.held() {
            Held::Text => None,
            Held::Bytes { .. } => Some(format),
            Held::Calendar { .. } => (self == DateTypes::Time).then_some(format),
        }
    }
}

impl std::str::FromStr for DateTypes {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "strings" => Ok(DateTypes::Strings),
            "time" => Ok(DateTypes::Time),
            other => Err(format!(
                "unknown date types `{other}`; use `strings` or `time` (the `time` crate)"
            )),
        }
    }
}

/// The type a value of `ty` is on the wire: the wrapped type of a named scalar, else `ty`.
pub fn underlying<'t>(types: &'t [TypeDef], ty: &'t Ty) -> &'t Ty {
    match ty {
        Ty::Named(i) => match &types[*i].kind {
            TypeKind::Scalar { ty, .. } => ty,
            _ => ty,
        },
        _ => ty,
    }
}

impl Service {
    /// Whether any body of the service travels as XML (and so its objects' required lists
    /// are named for the XML reader).
    pub fn has_xml(&self) -> bool {
        self.operations.iter().any(|op| {
            op.request.as_ref().is_some_and(|r| r.xml.is_some())
                || op
                    .responses
                    .iter()
                    .any(|r| r.xml.is_some() || r.forms.iter().any(|f| f.xml.is_some()))
        })
    }

    /// Whether values of `ty` are objects or maps: as `name=value` pairs, their members
    /// travel in brackets or as pairs of their own.
    pub fn is_object_or_map(&self, ty: &Ty) -> bool {
        match ty {
            Ty::Map(..) => true,
            Ty::Named(i) => matches!(self.types[*i].kind, TypeKind::Struct { .. }),
            _ => false,
        }
    }
}

/// Text in several languages: `(code, text)` in the order written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Text(pub Vec<(String, String)>);

impl Eq for Text {}

impl Text {
    /// The text in `lang`, else English, else the first one written.
    pub fn pick(&self, lang: &str) -> Option<&str> {
        let find = |code: &str| {
            self.0
                .iter()
                .find(|(c, _)| c == code)
                .map(|(_, t)| t.as_str())
        };
        find(lang)
            .or_else(|| find("en"))
            .or_else(|| self.0.first().map(|(_, t)| t.as_str()))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A URL or path, split at its `{name}` placeholders, each with the Rust name of what fills it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Template(pub Vec<Piece>);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Var { wire: String, rust: String },
}

impl Template {
    /// The placeholders, in order: `(wire, rust)`.
    pub fn vars(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().filter_map(|piece| match piece {
            Piece::Var { wire, rust } => Some((wire.as_str(), rust.as_str())),
            Piece::Text(_) => None,
        })
    }

    pub fn has_vars(&self) -> bool {
        self.vars().next().is_some()
    }
}

#[derive(Debug, Clone)]
pub struct Server {
    pub url: String,
    /// The name of its client constructor (`for_<name>`), where the spec gives one.
    pub name: Option<String>,
    /// `url`, split at its variables.
    pub template: Template,
    pub description: Text,
    pub variables: Vec<ServerVariable>,
}

#[derive(Debug, Clone)]
pub struct ServerVariable {
    pub name: String,
    /// The Rust name of the argument that fills it.
    pub rust: String,
    pub default: String,
    pub description: Text,
    pub allowed: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthKind {
    /// `<prefix> <token>` (prefix `Bearer` unless the spec says otherwise).
    Bearer { prefix: String },
    /// `Basic <base64 of user:password>`.
    Basic,
    /// A bearer token obtained through OAuth2, with the scopes the scheme defines.
    OAuth2 {
        prefix: String,
        scopes: Vec<(String, Text)>,
        flows: Vec<Flow>,
    },
    /// A bearer token from an OpenID Connect provider, found by its discovery document.
    OpenIdConnect { prefix: String, url: String },
    /// The bare key.
    ApiKey,
}

impl AuthKind {
    /// The word before the token, for the schemes that send one.
    pub fn prefix(&self) -> Option<&str> {
        match self {
            AuthKind::Bearer { prefix }
            | AuthKind::OAuth2 { prefix, .. }
            | AuthKind::OpenIdConnect { prefix, .. } => Some(prefix),
            AuthKind::Basic => Some("Basic"),
            AuthKind::ApiKey => None,
        }
    }
}

/// An OAuth2 flow, with the endpoints it uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    /// `authorization_code`, `implicit`, `client_credentials`, `password` or `device`.
    pub name: String,
    pub authorization_url: Option<String>,
    pub token_url: Option<String>,
    pub refresh_url: Option<String>,
    pub device_authorization_url: Option<String>,
}

/// Where a credential travels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Carrier {
    Header(String),
    Query(String),
    Cookie(String),
}

/// One way the service authenticates.
#[derive(Debug, Clone)]
pub struct Auth {
    /// The scheme's name as the spec writes it (`auth` for a service with one scheme).
    pub name: String,
    /// Its Rust name, for the client's setter and the constant describing it.
    pub rust: String,
    pub kind: AuthKind,
    pub carrier: Carrier,
    pub description: Text,
}

#[derive(Debug, Clone)]
pub struct Deprecation {
    pub sunset: Option<String>,
    pub note: Text,
}

/// A type expression, resolved.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ty {
    String,
    /// An integer or floating-point number: one variant for the ten of them, so every reader
    /// handles them alike and reads what sets them apart (Rust type, format, range) from the
    /// one table, [`Numeric`].
    Numeric(Numeric),
    Boolean,
    Uuid,
    Any,
    File,
    /// A whole raw body (`application/octet-stream`, `image/png`): never inside another type.
    Bytes,
    List(Box<Ty>),
    Map(Box<Ty>, Box<Ty>),
    /// A list's item or a map's value that may be `null` (`nullable<T>`): never elsewhere.
    Nullable(Box<Ty>),
    /// Index into [`Service::types`].
    Named(usize),
}

impl Ty {
    /// The numeric type, where this is one.
    pub fn numeric(&self) -> Option<Numeric> {
        match self {
            Ty::Numeric(n) => Some(*n),
            _ => None,
        }
    }

    /// Whether this is an integer type (of any width or sign).
    pub fn is_integer(&self) -> bool {
        self.numeric().is_some_and(Numeric::is_integer)
    }
}

#[derive(Debug, Clone)]
pub struct TypeDef {
    /// The Rust name (`CustomField`).
    pub name: String,
    pub description: Text,
    pub deprecated: Option<Deprecation>,
    pub kind: TypeKind,
    /// For a request shape made from a type with read-only fields: the type it was made from.
    pub request_shape_of: Option<usize>,
}

#[derive(Debug, Clone)]
pub enum TypeKind {
    Struct {
        fields: Vec<Field>,
        /// The field that keeps the members the spec does not list, for open objects.
        extra: Option<Extra>,
    },
    StringEnum(Vec<StringVariant>),
    IntEnum(Vec<IntVariant>),
    Union(Vec<Alternative>),
    /// A named scalar: a type (never a named one) with its constraints, defined once and
    /// used by name; a newtype in Rust.
    Scalar {
        ty: Ty,
        constraints: Constraints,
    },
    /// A union whose alternative a member names (OpenAPI's `discriminator`).
    Tagged(Tagged),
}

/// Where an open object keeps the members its spec does not list, and their type (`any` for
/// `open: true`).
#[derive(Debug, Clone, PartialEq)]
pub struct Extra {
    pub rust: String,
    pub ty: Ty,
}

/// A tagged union: the member naming the alternative, where the alternative's value is, and
/// the alternatives by tag.
#[derive(Debug, Clone)]
pub struct Tagged {
    /// The member whose text names the alternative (`type`).
    pub tag: String,
    /// The member holding the alternative's value (adjacent tagging); `None` when the value
    /// is the rest of the object (internal tagging: every alternative is an object).
    pub content: Option<String>,
    pub alternatives: Vec<TaggedAlternative>,
}

#[derive(Debug, Clone)]
pub struct TaggedAlternative {
    /// The tag's value that names it.
    pub wire: String,
    /// Its variant's Rust name.
    pub rust: String,
    /// Its value's type; `None` when it is only its tag.
    pub ty: Option<Ty>,
    /// Held in a `Box`: the alternative contains the union again by value.
    pub boxed: bool,
}

#[derive(Debug, Clone)]
pub struct Field {
    pub rust: String,
    pub wire: String,
    pub ty: Ty,
    pub required: bool,
    pub nullable: bool,
    pub read_only: bool,
    pub description: Text,
    pub deprecated: Option<Deprecation>,
    pub constraints: Constraints,
    /// The value assumed when the field is absent, as the generated types write it; a field
    /// with one is always set in Rust.
    pub default: Option<serde_json::Value>,
    /// Held in a `Box`: the field's type contains the struct again by value (a cycle of
    /// types would otherwise have no size).
    pub boxed: bool,
    /// Written as an attribute of its object's element in XML (`xml_attribute: true`).
    pub xml_attribute: bool,
    /// A list in an element of its own in XML, each item in an element of this name
    /// (`xml_item`).
    pub xml_item: Option<String>,
    /// The field's element (or attribute) in XML, where it is not named as the field
    /// (`xml_name`).
    pub xml_name: Option<String>,
}

/// A field's or parameter's constraints, in the table's order (`specgen_rules::Rule`), each
/// checked against the type it is on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints(pub Vec<Constraint>);

#[derive(Debug, Clone, PartialEq)]
pub struct Constraint {
    pub rule: Rule,
    pub limit: Limit,
}

impl Constraints {
    pub fn iter(&self) -> std::slice::Iter<'_, Constraint> {
        self.0.iter()
    }

    /// The format, where there is one.
    pub fn format(&self) -> Option<Format> {
        self.0.iter().find_map(|c| match c.limit {
            Limit::Format(format) => Some(format),
            _ => None,
        })
    }

    /// The count limit of `rule`, where the field has it.
    pub fn count(&self, rule: Rule) -> Option<u64> {
        self.0.iter().find_map(|c| match c.limit {
            Limit::Count(n) if c.rule == rule => Some(n),
            _ => None,
        })
    }
}

#[derive(Debug, Clone)]
pub struct StringVariant {
    pub rust: String,
    pub wire: String,
    pub description: Text,
}

#[derive(Debug, Clone)]
pub struct IntVariant {
    pub rust: String,
    /// The documented name, accepted on the wire in any letter case.
    pub name: String,
    pub value: i64,
    pub description: Text,
}

#[derive(Debug, Clone)]
pub struct Alternative {
    pub rust: String,
    pub ty: Ty,
    /// Held in a `Box`: the alternative contains the union again by value.
    pub boxed: bool,
}

#[derive(Debug, Clone)]
pub struct Operation {
    /// The operation name as written, snake_case (`create_custom_field`).
    pub name: String,
    pub method: String,
    pub path: String,
    /// `path`, split at its parameters (each a declared path parameter).
    pub path_template: Template,
    pub summary: Text,
    pub description: Text,
    pub deprecated: Option<Deprecation>,
    pub scopes: Vec<String>,
    /// What the operation needs: any one of these alternatives, each a set of schemes (by
    /// index into [`Service::auth`]) sent together; empty for a public operation.
    pub auth: Vec<Vec<usize>>,
    /// How its answers page through a list, where they do.
    pub pagination: Option<Pagination>,
    pub parameters: Vec<Parameter>,
    pub request: Option<Request>,
    pub responses: Vec<Response>,
    pub examples: Vec<Example>,
}

impl Operation {
    /// The documented response an answer with `code` is: its own status, else its class
    /// (`4XX`), else `default` (responses are sorted in that order).
    pub fn response_for(&self, code: u16) -> Option<&Response> {
        self.responses.iter().find(|r| r.status.covers(code))
    }

    /// The word the generated server's 401 and 403 send in `WWW-Authenticate`: the scheme
    /// of the operation's first alternative, when it travels in a header with a word
    /// (`Bearer`, `Basic`, `OAuth`). `auth` is the service's schemes.
    pub fn challenge<'a>(&self, auth: &'a [Auth]) -> Option<&'a str> {
        let first = &auth[*self.auth.first()?.first()?];
        match first.carrier {
            Carrier::Header(_) => first.kind.prefix(),
            _ => None,
        }
    }
}

/// How an operation pages: its success answer (`status`) is a page, a named object holding
/// its items in the member `items`, or the list of them itself.
#[derive(Debug, Clone)]
pub struct Pagination {
    pub status: u16,
    /// The Rust name of the body's member holding the items; `None` where the body is the
    /// list of them.
    pub items: Option<String>,
    /// The item type.
    pub item: Ty,
    /// How the next page is asked for.
    pub next: NextPage,
    /// The spec's keys and values as written, in the order `items`, `parameter`, `next`,
    /// `link` (for the OpenAPI export).
    pub written: Vec<(&'static str, String)>,
}

/// How a paged call asks for the page after the one it read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NextPage {
    /// The body member `member` holds the next page's value of the query parameter
    /// `parameter` (both Rust names), absent or null on the last page.
    Cursor { parameter: String, member: String },
    /// The query parameter `parameter` (its Rust name) counts pages: the next is one more
    /// (from 1 when it is not set), until a page has no items.
    Number { parameter: String },
    /// The URL of the answer's `Link` header with `rel="next"`; `header` is the Rust name of
    /// that header's field in the answer. No such link: the last page.
    Link { header: String },
}

#[derive(Debug, Clone)]
pub struct Parameter {
    pub wire: String,
    pub rust: String,
    pub location: ParamLocation,
    pub ty: Ty,
    pub required: bool,
    /// `null` is one of its values: sent as the parameter left out (RFC 6570 leaves out
    /// undefined values), so only an optional parameter is nullable.
    pub nullable: bool,
    /// How it travels in a query.
    pub style: QueryStyle,
    /// The value the server assumes when the parameter is absent (as the generated types
    /// write it); a parameter with one is always set in `…Params`.
    pub default: Option<serde_json::Value>,
    pub description: Text,
    pub constraints: Constraints,
}

#[derive(Debug, Clone)]
pub struct Request {
    pub ty: Ty,
    pub media: Vec<String>,
    pub required: bool,
    /// The largest body the server reads for this operation, where the spec raises or lowers
    /// the router's limit.
    pub max_bytes: Option<u64>,
    /// A raw body sent and read as it comes (`stream: true`).
    pub stream: bool,
    /// The names of the XML form, when `media` has an XML type.
    pub xml: Option<XmlNames>,
    pub description: Text,
}

/// How a body travels as XML: the element that wraps it, and for a list the element each
/// item is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlNames {
    pub root: String,
    pub item: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Response {
    pub status: Status,
    pub description: Text,
    pub media: Vec<String>,
    /// The body's type; for a stream of items, the type of one item.
    pub body: Option<Ty>,
    /// How the body streams, when it is not read whole.
    pub stream: Option<Streaming>,
    /// What the generated server sends with this status when it rejects a request itself
    /// (400: invalid input; 401: missing credentials).
    pub reject_body: Option<RejectBody>,
    /// The names of the XML form, when `media` has an XML type.
    pub xml: Option<XmlNames>,
    /// The headers the answer carries.
    pub headers: Vec<ResponseHeader>,
    /// Bodies of different types by media type (`content:`), where `body` is `None` and
    /// `media` lists theirs; empty for a single body.
    pub forms: Vec<Form>,
}

/// One of a response's bodies by media type: `application/pdf` as `bytes`.
#[derive(Debug, Clone)]
pub struct Form {
    pub media: String,
    pub body: Ty,
    /// The names of the XML form, for an XML media type.
    pub xml: Option<XmlNames>,
}

/// How a body travels when it is not read whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Streaming {
    /// Raw bytes, a chunk at a time (`body: bytes` with `stream: true`).
    Bytes,
    /// JSON Lines, an item per line (`items:` in `application/x-ndjson`).
    Lines,
    /// Server-sent events, an item per event (`items:` in `text/event-stream`).
    Events,
}

/// A header of a documented answer.
#[derive(Debug, Clone)]
pub struct ResponseHeader {
    /// The name as the docs write it (`X-RateLimit-Remaining`).
    pub wire: String,
    /// The Rust name of its field in the answer's variant (`x_rate_limit_remaining`).
    pub rust: String,
    /// A plain value, or a list of them (one header line each).
    pub ty: Ty,
    pub required: bool,
    pub description: Text,
    /// What its values meet (a format, a pattern, a range), for examples, the mock and the
    /// export; the client reads answers leniently.
    pub constraints: Constraints,
}

impl Request {
    /// Whether the body may come in `encoding`.
    pub fn takes(&self, encoding: Encoding) -> bool {
        self.media.iter().any(|m| self::encoding(m) == encoding)
    }

    /// The first media type written in `encoding`.
    pub fn media_in(&self, encoding: Encoding) -> Option<&str> {
        first_in(&self.media, encoding)
    }
}

impl Response {
    /// Whether each event's `data` is the item's text itself (`items: string` in
    /// `text/event-stream`), not JSON.
    pub fn events_are_text(&self) -> bool {
        self.stream == Some(Streaming::Events) && self.body == Some(Ty::String)
    }

    pub fn is_json(&self) -> bool {
        self.media.iter().any(|m| is_json(m))
    }

    /// Whether the answer has a body: one, or one of several by media type.
    pub fn has_body(&self) -> bool {
        self.body.is_some() || !self.forms.is_empty()
    }

    /// The types its body may be: its one body's, or each form's.
    pub fn bodies(&self) -> impl Iterator<Item = &Ty> {
        self.body.iter().chain(self.forms.iter().map(|f| &f.body))
    }

    /// `form` as a response of that one body, for what encodes and decodes a single body.
    pub fn as_single(&self, form: &Form) -> Response {
        Response {
            media: vec![form.media.clone()],
            body: Some(form.body.clone()),
            xml: form.xml.clone(),
            forms: Vec::new(),
            ..self.clone()
        }
    }

    pub fn is_xml(&self) -> bool {
        self.media.iter().any(|m| is_xml(m))
    }

    /// The encoding of the body, by its first media type (several are of one encoding, or
    /// JSON and XML); `None` without a body.
    pub fn encoding(&self) -> Option<Encoding> {
        self.media.first().map(|m| encoding(m))
    }

    /// The first media type written in `encoding`.
    pub fn media_in(&self, encoding: Encoding) -> Option<&str> {
        first_in(&self.media, encoding)
    }
}

fn first_in(media: &[String], wanted: Encoding) -> Option<&str> {
    media
        .iter()
        .find(|m| encoding(m) == wanted)
        .map(String::as_str)
}

/// The encoding of a media type the check stage accepted.
pub fn encoding(media: &str) -> Encoding {
    Encoding::of(media).unwrap_or(Encoding::Bytes)
}

pub fn is_json(media: &str) -> bool {
    encoding(media) == Encoding::Json
}

pub fn is_xml(media: &str) -> bool {
    encoding(media) == Encoding::Xml
}

/// The statuses the generated server answers by itself, before the implementation runs:
/// 400 for invalid input, 401 for a missing credential, 403 for a token without the scopes
/// the operation needs, 413 and 415 for a body it cannot read.
pub fn server_rejections(op: &Operation) -> Vec<u16> {
    let mut statuses = Vec::new();
    if !op.parameters.is_empty() || op.request.is_some() {
        statuses.push(400);
    }
    if !op.auth.is_empty() {
        statuses.push(401);
    }
    if !op.scopes.is_empty() {
        statuses.push(403);
    }
    if op.request.is_some() {
        statuses.extend([413, 415]);
    }
    statuses
}

/// Why the generated server answers `code` itself (one of [`server_rejections`]).
pub fn rejection_reason(code: u16) -> &'static str {
    match code {
        400 => "invalid input",
        401 => "missing credentials",
        403 => "a token without the scopes the endpoint lists",
        413 => "a body over the limit",
        415 => "a body in a media type it does not read",
        _ => "a request it turns away",
    }
}

/// A documented body for a rejected request.
#[derive(Debug, Clone, PartialEq)]
pub enum RejectBody {
    /// JSON in which the strings `{message}` and `{errors}` stand for the reason and the list of
    /// failing inputs.
    Json(serde_json::Value),
    /// Fixed text.
    Text(String),
}

/// The placeholders a JSON reject body may use.
pub const REJECT_MESSAGE: &str = "{message}";
pub const REJECT_ERRORS: &str = "{errors}";

/// A documented example, checked against the schema.
#[derive(Debug, Clone)]
pub struct Example {
    /// A name usable in a Rust identifier (`example_1`, or the example's own name).
    pub name: String,
    pub parameters: Vec<(String, serde_json::Value)>,
    pub request: Option<ExampleBody>,
    pub response: Option<ExampleResponse>,
}

#[derive(Debug, Clone)]
pub struct ExampleBody {
    pub ty: Ty,
    /// The JSON as the docs write it.
    pub json: serde_json::Value,
    /// The JSON the generated types write for it (integer enum names become numbers, UUIDs
    /// lower-case, `number`s floating point).
    pub canonical: serde_json::Value,
}

#[derive(Debug, Clone)]
pub struct ExampleResponse {
    pub status: u16,
    pub media: String,
    pub body: Option<ExampleResponseBody>,
    /// Header values, by the documented header's wire name, in the response's order.
    pub headers: Vec<(String, serde_json::Value)>,
}

#[derive(Debug, Clone)]
pub enum ExampleResponseBody {
    Json(ExampleBody),
    Text(String),
}

pub const JSON: &str = "application/json";
