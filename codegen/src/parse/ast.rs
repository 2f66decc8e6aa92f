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
    /// What the client calls it (`sandbox` gives `Client::for_sandbox`).
    pub name: Option<At<String>>,
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
    Basic,
    OpenIdConnect,
}

/// `auth:` of a service: its schemes, by name, and what an endpoint needs by default.
#[derive(Debug, Clone)]
pub struct AuthSpec {
    pub pos: Pos,
    pub schemes: Vec<SchemeSpec>,
    /// `default:`; `None` where the spec leaves it out.
    pub default: Option<RequirementSpec>,
    /// Written as one scheme (`auth: { scheme: … }`), named `auth`.
    pub single: bool,
}

/// Where a credential travels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CarrierSpec {
    Header(String),
    Query(String),
    Cookie(String),
}

/// One way to authenticate.
#[derive(Debug, Clone)]
pub struct SchemeSpec {
    pub name: At<String>,
    pub pos: Pos,
    pub scheme: AuthScheme,
    pub prefix: Option<String>,
    /// `header:`, `query:` or `cookie:` as written; every one given, to report more than one.
    pub carriers: Vec<At<CarrierSpec>>,
    pub scopes: Vec<(At<String>, Text)>,
    /// OAuth2: where a user grants access (the authorization-code flow), the short form.
    pub authorization_url: Option<At<String>>,
    /// OAuth2: where a token is obtained, the short form.
    pub token_url: Option<At<String>>,
    /// OAuth2: `flows:`, by name.
    pub flows: Vec<FlowSpec>,
    /// OpenID Connect: the discovery document.
    pub url: Option<At<String>>,
    pub description: Text,
}

/// An OAuth2 flow and its endpoints.
#[derive(Debug, Clone)]
pub struct FlowSpec {
    pub name: At<String>,
    pub authorization_url: Option<At<String>>,
    pub token_url: Option<At<String>>,
    pub refresh_url: Option<At<String>>,
    pub device_authorization_url: Option<At<String>>,
}

/// What an endpoint needs: nothing, or any one of several alternatives, each a set of
/// schemes sent together.
#[derive(Debug, Clone)]
pub enum RequirementSpec {
    None(Pos),
    AnyOf(Vec<Vec<At<String>>>),
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
    /// `auth:`, where the endpoint does not need the service's default.
    pub auth: Option<RequirementSpec>,
    /// `pagination:`, where the answer is one page of a list.
    pub pagination: Option<PaginationSpec>,
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
    Cookie,
}

#[derive(Debug, Clone)]
pub struct ParameterSpec {
    pub name: At<String>,
    /// `rust_name:`: the Rust name, where the one made from the wire name is not wanted.
    pub rust_name: Option<At<String>>,
    pub location: ParamLocation,
    pub ty: At<String>,
    pub required: bool,
    /// `nullable:`: `null` is a value of it (sent as the parameter left out).
    pub nullable: Option<At<bool>>,
    /// How a list or object travels in a query (`form`, `space_delimited`, `pipe_delimited`,
    /// `deep_object`).
    pub style: Option<At<String>>,
    /// Whether a list or object is one pair per value or one joined value.
    pub explode: Option<At<bool>>,
    /// The value the server assumes when the parameter is absent.
    pub default: Option<Node>,
    pub description: Text,
    pub constraints: Constraints,
}

#[derive(Debug, Clone)]
pub struct RequestSpec {
    pub pos: Pos,
    pub body: At<String>,
    pub media: Vec<At<String>>,
    pub required: bool,
    /// The largest body this endpoint's server reads, in bytes, where not the router's.
    pub max_bytes: Option<At<u64>>,
    /// `stream: true`: a raw body sent and read as it comes, never whole in memory.
    pub stream: Option<At<bool>>,
    /// The root element of the XML form of the body.
    pub xml_root: Option<At<String>>,
    /// The element each item of a list body is written in, in its XML form.
    pub xml_item: Option<At<String>>,
    pub description: Text,
}

#[derive(Debug, Clone)]
pub struct ResponseSpec {
    pub status: At<Status>,
    pub description: Text,
    pub media: Vec<At<String>>,
    pub body: Option<At<String>>,
    /// `stream: true`: a raw body handed over as it comes.
    pub stream: Option<At<bool>>,
    /// The type of each item of a streamed body (JSON Lines, server-sent events).
    pub items: Option<At<String>>,
    /// The body the generated server sends when it rejects a request itself with this status.
    pub reject_body: Option<Node>,
    /// The root element of the XML form of the body.
    pub xml_root: Option<At<String>>,
    /// The element each item of a list body is written in, in its XML form.
    pub xml_item: Option<At<String>>,
    /// The headers the answer carries, by wire name.
    pub headers: Vec<HeaderSpec>,
    /// Bodies of different types, one per media type (`content:`), in place of `body`.
    pub content: Vec<FormSpec>,
}

/// One of a response's bodies by media type: `application/pdf: bytes`.
#[derive(Debug, Clone)]
pub struct FormSpec {
    pub media: At<String>,
    pub body: At<String>,
}

/// A response header.
#[derive(Debug, Clone)]
pub struct HeaderSpec {
    pub name: At<String>,
    pub ty: At<String>,
    pub required: bool,
    pub description: Text,
    pub constraints: Constraints,
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
    /// Header name → value, as the docs show them.
    pub headers: Option<Node>,
}

#[derive(Debug, Clone)]
pub struct TypeSpec {
    pub file: usize,
    pub name: At<String>,
    pub description: Text,
    pub deprecated: Option<Deprecation>,
    pub kind: TypeSpecKind,
}

/// What an object does with members its `fields` do not list (`open:`).
#[derive(Debug, Clone, PartialEq)]
pub enum Open {
    /// `false` (the default): they are ignored.
    Closed,
    /// `true`: kept as any JSON.
    Any,
    /// A type expression: kept, each of that type.
    Typed(At<String>),
}

#[derive(Debug, Clone)]
pub enum TypeSpecKind {
    Object {
        open: Open,
        fields: Vec<FieldSpec>,
        /// The types whose fields come first, in order (`all_of`).
        all_of: Vec<At<String>>,
    },
    Enum(Vec<EnumItemSpec>),
    /// A union: its alternatives, and for a tagged one the member naming the alternative
    /// (`tag`) and the member holding its value (`content`, when not the rest of the object).
    OneOf {
        alternatives: Vec<Alternative>,
        tag: Option<At<String>>,
        content: Option<At<String>>,
    },
    /// A named scalar: a type expression and its constraints.
    Scalar {
        ty: At<String>,
        constraints: Constraints,
    },
}

/// A union's alternative: its name (a tag value, when the union is tagged) and its type;
/// `None` for an alternative that is only its tag.
pub type Alternative = (At<String>, Option<At<String>>);

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
    /// The value a reader assumes when the field is absent.
    pub default: Option<Node>,
    /// `xml_attribute: true`: an attribute of its object's element in XML.
    pub xml_attribute: Option<At<bool>>,
    /// `xml_item: tag`: a list in an element of its own in XML, each item in a `tag` element.
    pub xml_item: Option<At<String>>,
    /// `xml_name: Name`: the field's element (or attribute) in XML, where not its name.
    pub xml_name: Option<At<String>>,
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
    Constant(specgen_rules::Constant),
    /// `unique_items: true`.
    Distinct,
}

/// The constraint keys of a field or parameter, in the table's order.
#[derive(Debug, Clone, Default)]
pub struct Constraints(pub Vec<ConstraintSpec>);

/// A documented status: one code, every code of a class (`4XX`), or every status the others
/// leave (`default`). Ordered as a client matches them: codes, then classes, then `default`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Code(u16),
    /// A class, by its first digit: `4` for `4XX`.
    Range(u16),
    Default,
}

impl Status {
    /// A `responses:` key: `200`, `4XX` (or `4xx`), `default`.
    pub fn from_key(key: &str) -> Option<Status> {
        if key == "default" {
            return Some(Status::Default);
        }
        if let [class @ b'2'..=b'5', x, y] = key.as_bytes()
            && x.eq_ignore_ascii_case(&b'x')
            && y.eq_ignore_ascii_case(&b'x')
        {
            return Some(Status::Range(u16::from(class - b'0')));
        }
        match key.parse::<u16>() {
            Ok(code) if (200..=599).contains(&code) => Some(Status::Code(code)),
            _ => None,
        }
    }

    /// Whether an answer with `code` is this status.
    pub fn covers(self, code: u16) -> bool {
        match self {
            Status::Code(c) => c == code,
            Status::Range(class) => code / 100 == class,
            Status::Default => true,
        }
    }

    /// The one code, for `Code`.
    pub fn code(self) -> Option<u16> {
        match self {
            Status::Code(code) => Some(code),
            _ => None,
        }
    }

    /// Whether it can be a success (2xx).
    pub fn is_success(self) -> bool {
        match self {
            Status::Code(code) => (200..300).contains(&code),
            Status::Range(class) => class == 2,
            Status::Default => false,
        }
    }
}

impl std::fmt::Display for Status {
    /// As the spec and OpenAPI write it: `404`, `4XX`, `default`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Status::Code(code) => write!(f, "{code}"),
            Status::Range(class) => write!(f, "{class}XX"),
            Status::Default => f.write_str("default"),
        }
    }
}

/// How an endpoint's answers page through a list.
#[derive(Debug, Clone)]
pub struct PaginationSpec {
    pub pos: Pos,
    /// The member of the success body holding the page's items; `None` where the body is
    /// the list itself.
    pub items: Option<At<String>>,
    /// The query parameter that asks for a page.
    pub parameter: Option<At<String>>,
    /// The body member holding the next page's value of `parameter`; `None` when the
    /// parameter counts pages (the next is one more, until a page has no items).
    pub next: Option<At<String>>,
    /// The relation of the answer's `Link` header whose URL is the next page (`next`).
    pub link: Option<At<String>>,
}
