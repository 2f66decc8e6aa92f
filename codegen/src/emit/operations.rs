//! The `operations` module: what the client and the server of a service share for each
//! operation: its parameters (`…Params`), its documented answers (`…Response`, one variant
//! per status), and how a form body is split into fields.

use crate::render::Writer;
use heck::{ToShoutySnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::Options;
use super::docs::doc;
use super::forms;
use super::models::member;
use super::tys::{ident, qualified_ty, value_ty};
use crate::ir::{
    Encoding, Field, Operation, ParamLocation, QueryStyle, Request, Response, ResponseHeader,
    Service, Status, Streaming, Ty, TypeKind,
};

pub fn operations(
    service: &Service,
    options: &Options,
    out: &mut Writer<'_>,
) -> Result<(), crate::Error> {
    let lang = options.language_for(service);
    let uses_params = service
        .operations
        .iter()
        .any(|op| !op.parameters.is_empty());
    // Objects travel as pairs, described member by member (a map of plain values needs none).
    let uses_pairs = service
        .operations
        .iter()
        .flat_map(|op| &op.parameters)
        .any(|p| pairs_name_members(&p.ty, service));
    let form_field = uses_pairs.then(|| quote!(FormField,));
    let imports = uses_params.then(|| {
        quote! {
            use serde::{Deserialize, Serialize};
            use specgen_runtime::Validate;
            use specgen_runtime::wire::{#form_field Kind, Location, Param, Style};
        }
    });
    let uses_models = service.operations.iter().any(|op| {
        op.responses.iter().any(|r| r.bodies().any(mentions_named))
            || op.parameters.iter().any(|p| mentions_named(&p.ty))
    });
    let models = uses_models.then(|| {
        quote!(
            use super::models;
        )
    });
    let allow = super::allow_deprecated(service);
    out.items(quote! {
        #allow
        #imports
        #models
    })?;
    for op in &service.operations {
        let params = params_struct(service, op, lang);
        let response = response_enum(service, op, lang);
        let forms = op
            .responses
            .iter()
            .map(|r| forms::forms_enum(service, op, r, lang));
        let form = form_fields(service, op);
        out.items(quote!(#params #response #(#forms)* #form))?;
    }
    Ok(())
}

pub(super) fn mentions_named(ty: &Ty) -> bool {
    match ty {
        Ty::Named(_) => true,
        Ty::List(item) | Ty::Nullable(item) => mentions_named(item),
        Ty::Map(key, value) => mentions_named(key) || mentions_named(value),
        _ => false,
    }
}

/// `CreateCustomFieldParams`, when the operation has parameters.
pub(super) fn params_name(op: &Operation) -> Option<Ident> {
    (!op.parameters.is_empty()).then(|| format_ident!("{}Params", op.name.to_upper_camel_case()))
}

/// `CreateCustomFieldResponse`.
pub(super) fn response_name(op: &Operation) -> Ident {
    format_ident!("{}Response", op.name.to_upper_camel_case())
}

/// `CREATE_PERSON_FORM`, when the body can come as a form (multipart or urlencoded).
pub(super) fn form_name(op: &Operation) -> Ident {
    format_ident!("{}_FORM", op.name.to_shouty_snake_case())
}

/// The variant of a status: a code's reason phrase (or `Status418`), a class's name
/// (`ClientError` for `4XX`), `Other` for `default`.
pub(super) fn variant(status: Status) -> Ident {
    let status = match status {
        Status::Code(code) => code,
        Status::Range(class) => return format_ident!("{}", class_name(class)),
        Status::Default => return format_ident!("Other"),
    };
    let name = match status {
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        204 => "NoContent",
        301 => "MovedPermanently",
        302 => "Found",
        304 => "NotModified",
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        409 => "Conflict",
        410 => "Gone",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        415 => "UnsupportedMediaType",
        422 => "UnprocessableEntity",
        429 => "TooManyRequests",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        _ => return format_ident!("Status{}", status),
    };
    format_ident!("{}", name)
}

/// RFC 9110's name of a status class.
fn class_name(class: u16) -> &'static str {
    match class {
        1 => "Informational",
        2 => "Success",
        3 => "Redirection",
        4 => "ClientError",
        _ => "ServerError",
    }
}

/// Whether a response's variant is a struct (`{ status, body, <headers> }`): it carries the
/// answer's code (a class or `default` does) or headers; else it is `V(body)` or `V`.
pub(super) fn is_struct_variant(r: &Response) -> bool {
    r.status.code().is_none() || !r.headers.is_empty()
}

/// The Rust type of a header's field: a list is a `Vec` (empty when absent), an optional
/// value an `Option`.
pub(super) fn header_ty(header: &ResponseHeader, service: &Service) -> TokenStream {
    let ty = value_ty(&header.ty, &header.constraints, service, true);
    if header.required || matches!(header.ty, Ty::List(_)) {
        ty
    } else {
        quote!(Option<#ty>)
    }
}

/// The variant of `response` built from `body`, `code` (where it carries one; `None`: a
/// `status` variable in scope) and `headers`, one field initialiser each.
pub(super) fn construct(
    name: &Ident,
    response: &Response,
    code: Option<TokenStream>,
    body: Option<TokenStream>,
    headers: &[TokenStream],
) -> TokenStream {
    let v = variant(response.status);
    if !is_struct_variant(response) {
        return match body {
            None => quote!(operations::#name::#v),
            Some(body) => quote!(operations::#name::#v(#body)),
        };
    }
    let status = response.status.code().is_none().then(|| match code {
        Some(code) => quote!(status: #code,),
        None => quote!(status,),
    });
    let body = body.map(|body| quote!(body: #body,));
    quote!(operations::#name::#v { #status #body #(#headers,)* })
}

/// The pattern matching `response`'s variant, binding `body`, `status` (where it carries
/// one) and each header by its field name.
pub(super) fn pattern(name: &Ident, response: &Response) -> TokenStream {
    let v = variant(response.status);
    let body = response.has_body().then(|| quote!(body,));
    if !is_struct_variant(response) {
        return match body {
            None => quote!(operations::#name::#v),
            Some(_) => quote!(operations::#name::#v(body)),
        };
    }
    let status = response.status.code().is_none().then(|| quote!(status,));
    let headers = response.headers.iter().map(|h| ident(&h.rust));
    quote!(operations::#name::#v { #status #body #(#headers,)* })
}

/// The fields of a struct variant, documented.
fn variant_fields(service: &Service, op: &Operation, r: &Response, lang: &str) -> TokenStream {
    let status = r.status.code().is_none().then(|| {
        quote! {
            /// The answer's status code.
            status: u16,
        }
    });
    let body = response_body_ty(service, op, r).map(|ty| {
        quote! {
            /// The body.
            body: #ty,
        }
    });
    let headers = r.headers.iter().map(|h| {
        let field = ident(&h.rust);
        let ty = header_ty(h, service);
        let docs = doc(lang, &[&h.description]);
        let wire = format!(" The `{}` header.", h.wire);
        quote! {
            #docs
            #[doc = #wire]
            #field: #ty,
        }
    });
    quote!({ #status #body #(#headers)* })
}

/// How a parameter's or form field's text is read (`Kind::Text`…), and whether it is a list.
pub(super) fn kind(ty: &Ty, service: &Service) -> (TokenStream, bool) {
    let ty = crate::ir::underlying(&service.types, ty);
    let single = |ty: &Ty| match crate::ir::underlying(&service.types, ty) {
        Ty::String | Ty::Uuid => quote!(Kind::Text),
        Ty::Numeric(_) | Ty::Boolean => quote!(Kind::Scalar),
        Ty::File => quote!(Kind::File),
        Ty::Named(i) => match &service.types[*i].kind {
            TypeKind::StringEnum(_) => quote!(Kind::Text),
            TypeKind::IntEnum(_) => quote!(Kind::Scalar),
            // A union of plain values: the text itself, which each alternative then reads as
            // it stands for it (`specgen_runtime::wire::reading_from_texts`).
            TypeKind::Union(_) => quote!(Kind::Text),
            _ => quote!(Kind::Json),
        },
        _ => quote!(Kind::Json),
    };
    match ty {
        Ty::List(item) => (single(item), true),
        other => (single(other), false),
    }
}

/// How a value's texts are read when it travels as `name=value` pairs: plain values as
/// [`kind`] says, objects by their members and maps by their values, nested as the pairs
/// nest (`Kind::Object(&[…])`, `Kind::Map(&…)`). The check stage let no type that contains
/// itself travel so.
pub(super) fn pairs_kind(ty: &Ty, service: &Service) -> (TokenStream, bool) {
    match ty {
        Ty::List(item) => (pairs_kind(item, service).0, true),
        Ty::Map(_, value) => {
            let (value, _) = pairs_kind(value, service);
            (quote!(Kind::Map(&#value)), false)
        }
        Ty::Named(i) => match &service.types[*i].kind {
            TypeKind::Struct { fields, .. } => {
                let members = fields.iter().map(|f| form_field(f, service, true));
                (quote!(Kind::Object(&[#(#members)*])), false)
            }
            _ => kind(ty, service),
        },
        _ => kind(ty, service),
    }
}

/// Whether [`pairs_kind`] of `ty` describes an object's members (`FormField`s).
fn pairs_name_members(ty: &Ty, service: &Service) -> bool {
    match ty {
        Ty::List(item) | Ty::Map(_, item) => pairs_name_members(item, service),
        Ty::Named(i) => matches!(service.types[*i].kind, TypeKind::Struct { .. }),
        _ => false,
    }
}

/// A body member's or object member's `FormField`, its kind nested where it travels as pairs.
fn form_field(f: &Field, service: &Service, as_pairs: bool) -> TokenStream {
    let wire = &f.wire;
    let (kind, many) = if as_pairs {
        pairs_kind(&f.ty, service)
    } else {
        kind(&f.ty, service)
    };
    quote!(FormField { name: #wire, kind: #kind, many: #many },)
}

/// The fields of the request body, when it is a struct.
pub(super) fn body_fields<'a>(service: &'a Service, op: &Operation) -> &'a [Field] {
    match op.request.as_ref().map(|r| &r.ty) {
        Some(Ty::Named(i)) => match &service.types[*i].kind {
            TypeKind::Struct { fields, .. } => fields,
            _ => &[],
        },
        _ => &[],
    }
}

/// The member of the object type `ty` whose Rust name is `rust`.
pub(super) fn member_of<'s>(service: &'s Service, ty: &Ty, rust: &str) -> Option<&'s Field> {
    let Ty::Named(i) = ty else {
        return None;
    };
    match &service.types[*i].kind {
        TypeKind::Struct { fields, .. } => fields.iter().find(|f| f.rust == rust),
        _ => None,
    }
}

/// The body's fields that hold files.
pub(super) fn file_fields<'a>(service: &'a Service, op: &Operation) -> Vec<&'a Field> {
    body_fields(service, op)
        .iter()
        .filter(|f| is_file(&f.ty))
        .collect()
}

/// Whether any answer of `op` streams its body.
pub(super) fn streams(op: &Operation) -> bool {
    op.responses.iter().any(|r| r.stream.is_some())
}

/// The Rust type of a response's body: its type, or the stream that carries it (raw
/// chunks, items, or events of items).
pub(super) fn response_body_ty(
    service: &Service,
    op: &Operation,
    r: &Response,
) -> Option<TokenStream> {
    if !r.forms.is_empty() {
        let name = forms::forms_name(op, r);
        return Some(quote!(#name));
    }
    let ty = qualified_ty(r.body.as_ref()?, service);
    Some(match r.stream {
        None => ty,
        Some(Streaming::Bytes) => quote!(specgen_runtime::ByteStream),
        Some(Streaming::Lines) => quote!(specgen_runtime::ItemStream<#ty>),
        Some(Streaming::Events) => {
            quote!(specgen_runtime::ItemStream<specgen_runtime::Event<#ty>>)
        }
    })
}

/// The body's type: a stream where the spec says so.
pub(super) fn body_value_ty(service: &Service, request: &Request) -> TokenStream {
    if request.stream {
        quote!(specgen_runtime::ByteStream)
    } else {
        qualified_ty(&request.ty, service)
    }
}

/// The body's type as the trait method and the client take it: `Option` when the spec lets
/// the body be left out.
pub(super) fn body_ty(service: &Service, request: &Request) -> TokenStream {
    let ty = body_value_ty(service, request);
    if request.required {
        ty
    } else {
        quote!(Option<#ty>)
    }
}

pub(super) fn is_file(ty: &Ty) -> bool {
    matches!(ty, Ty::File) || matches!(ty, Ty::List(item) if **item == Ty::File)
}

/// Whether the body may come as multipart/form-data.
pub(super) fn takes_multipart(op: &Operation) -> bool {
    takes(op, Encoding::Multipart)
}

/// Whether the body may come as a form, multipart or urlencoded: then its members are
/// listed in `…_FORM`.
pub(super) fn takes_form(op: &Operation) -> bool {
    takes(op, Encoding::Multipart) || takes(op, Encoding::Form)
}

fn takes(op: &Operation, encoding: Encoding) -> bool {
    op.request.as_ref().is_some_and(|r| r.takes(encoding))
}

fn params_struct(service: &Service, op: &Operation, lang: &str) -> TokenStream {
    let Some(name) = params_name(op) else {
        return TokenStream::new();
    };
    let fields = op.parameters.iter().map(|p| {
        let field = Field {
            rust: p.rust.clone(),
            wire: p.wire.clone(),
            ty: p.ty.clone(),
            // A parameter with a default is always set.
            required: p.required || p.default.is_some(),
            nullable: false,
            read_only: false,
            description: p.description.clone(),
            deprecated: None,
            constraints: p.constraints.clone(),
            default: None,
            boxed: false,
            xml_attribute: false,
            xml_item: None,
            xml_name: None,
        };
        member(service, &field, false, lang, true, None)
    });
    let wire = op.parameters.iter().map(|p| {
        let wire_name = &p.wire;
        let location = match p.location {
            ParamLocation::Path => quote!(Location::Path),
            ParamLocation::Query => quote!(Location::Query),
            ParamLocation::Header => quote!(Location::Header),
            ParamLocation::Cookie => quote!(Location::Cookie),
        };
        let (kind, many) = pairs_kind(&p.ty, service);
        let style = match p.style {
            QueryStyle::Exploded => quote!(Style::Exploded),
            QueryStyle::Joined(joiner) => quote!(Style::Joined(#joiner)),
            QueryStyle::Deep => quote!(Style::Deep),
        };
        let default = match &p.default {
            Some(value) => {
                let json = value.to_string();
                quote!(Some(#json))
            }
            None => quote!(None),
        };
        quote!(Param { name: #wire_name, location: #location, kind: #kind, many: #many, style: #style, default: #default },)
    });
    let summary = format!(
        " The parameters of `{}`: path, query, header and cookie.",
        op.name
    );
    // A documented default is not `T::default()`.
    let default = op
        .parameters
        .iter()
        .all(|p| !p.required && p.default.is_none())
        .then(|| quote!(Default,));
    quote! {
        #[doc = #summary]
        #[derive(Debug, Clone, #default PartialEq, Serialize, Deserialize, Validate)]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            /// Where each parameter travels, and how its text is read.
            pub const WIRE: &'static [Param] = &[#(#wire)*];
        }
    }
}

fn response_enum(service: &Service, op: &Operation, lang: &str) -> TokenStream {
    let name = response_name(op);
    let variants = op.responses.iter().map(|r| {
        let v = variant(r.status);
        let mut lines = format!(" `{}`", r.status);
        if !r.media.is_empty() {
            lines.push_str(&format!(" ({})", r.media.join(" or ")));
        }
        let docs = doc(lang, &[&r.description]);
        let payload = if is_struct_variant(r) {
            variant_fields(service, op, r, lang)
        } else {
            match response_body_ty(service, op, r) {
                Some(ty) => quote!((#ty)),
                None => TokenStream::new(),
            }
        };
        quote! {
            #docs
            #[doc = ""]
            #[doc = #lines]
            #v #payload,
        }
    });
    let statuses = op.responses.iter().map(|r| {
        let v = variant(r.status);
        match (r.status.code(), is_struct_variant(r), r.has_body()) {
            (Some(code), true, _) => quote!(Self::#v { .. } => #code,),
            (Some(code), false, true) => quote!(Self::#v(_) => #code,),
            (Some(code), false, false) => quote!(Self::#v => #code,),
            (None, _, _) => quote!(Self::#v { status, .. } => *status,),
        }
    });
    let summary = format!(
        " The documented answers of `{}`, one variant per status.",
        op.name
    );
    // A stream is read once: it can be neither copied nor compared.
    let derives = if streams(op) {
        quote!(#[derive(Debug)])
    } else {
        quote!(#[derive(Debug, Clone, PartialEq)])
    };
    quote! {
        #[doc = #summary]
        #derives
        // An answer is matched once, where it arrives; boxing the large variant would only
        // make that match harder to write.
        #[allow(clippy::large_enum_variant)]
        pub enum #name {
            #(#variants)*
        }

        impl #name {
            /// The HTTP status of this answer.
            pub fn status(&self) -> u16 {
                match self {
                    #(#statuses)*
                }
            }
        }
    }
}

fn form_fields(service: &Service, op: &Operation) -> TokenStream {
    if !takes_form(op) {
        return TokenStream::new();
    }
    let name = form_name(op);
    // Urlencoded pairs nest objects in brackets; multipart sends them as JSON parts.
    let as_pairs = takes(op, Encoding::Form);
    let fields = body_fields(service, op)
        .iter()
        .map(|f| form_field(f, service, as_pairs));
    let doc = format!(
        " The members of the `{}` body as form fields (multipart parts or urlencoded pairs).",
        op.name
    );
    quote! {
        #[doc = #doc]
        pub const #name: &[specgen_runtime::wire::FormField] = {
            use specgen_runtime::wire::{FormField, Kind};
            &[#(#fields)*]
        };
    }
}

/// The response documented with exactly the status `code`.
pub(super) fn response(op: &Operation, code: u16) -> Option<&Response> {
    op.responses.iter().find(|r| r.status == Status::Code(code))
}
