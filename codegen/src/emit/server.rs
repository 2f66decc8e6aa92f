//! The `server` module: a trait with one async method per operation, and a function
//! building an axum `Router` over any implementation. Each route checks the credentials,
//! reads and validates the parameters and the body, calls the implementation, and encodes
//! its answer; a request it turns away gets the operation's documented 400/401 body where the
//! spec gives one, an RFC 9457 problem document otherwise.

use crate::render::Writer;
use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};
use serde_json::Value as Json;

use super::Options;
use super::auth;
use super::docs::operation_docs;
use super::forms;
use super::operations::{
    body_ty, file_fields, form_name, params_name, pattern, response, response_name, takes_form,
    takes_multipart,
};
use super::tys::{ident, qualified_ty};
use crate::ir::{
    AuthKind, Encoding, Field, JSON, Operation, REJECT_ERRORS, REJECT_MESSAGE, RejectBody, Request,
    Response, Service, Status, Ty, media,
};

/// The path the documented server URL puts before every operation (`/v1.0`), or `""`.
pub fn base_path(service: &Service) -> String {
    let Some(server) = service.servers.first() else {
        return String::new();
    };
    let after_scheme = server
        .url
        .split_once("://")
        .map_or(server.url.as_str(), |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].trim_end_matches('/').to_string(),
        None => String::new(),
    }
}

pub fn server(
    service: &Service,
    options: &Options,
    out: &mut Writer<'_>,
) -> Result<(), crate::Error> {
    let lang = options.language_for(service);
    let title = service.title.pick(lang).unwrap_or(&service.name);
    let base = base_path(service);
    out.items(server_imports(service))?;
    out.items(quote! {
        /// The path of the documented server URL, which every route starts with.
        pub const BASE_PATH: &str = #base;
    })?;
    let trait_doc = format!(" {title}, served: implement this, then serve [`router`].");
    let methods = service
        .operations
        .iter()
        .map(|op| trait_method(service, op, lang));
    out.block(
        quote! {
            #[doc = #trait_doc]
            ///
            /// The router has checked the credentials and validated every input before a method
            /// is called; the method decides the answer.
            pub trait Api: Send + Sync + 'static
        },
        std::iter::once(accepts(service)).chain(methods),
    )?;
    out.items(routers(service, &base))?;
    out.items(auth::scheme_consts(service, true))?;
    for op in &service.operations {
        out.items(handler(service, op))?;
    }
    Ok(())
}

/// The server module's `use`s: the runtime's names only the service's operations need.
fn server_imports(service: &Service) -> TokenStream {
    let allow = super::allow_deprecated(service);
    let (secret, models) = super::trait_imports(service);
    let ops = &service.operations;
    let answers_import = ops.iter().any(may_reject).then(|| quote!(Answers,));
    let input_import = ops.iter().any(reads_input).then(|| quote!(Input,));
    let streams_request = ops
        .iter()
        .any(|op| op.request.as_ref().is_some_and(|r| r.stream));
    let extension_import = streams_request.then(|| quote!(Extension,));
    // A route of its own body limit replaces the router's.
    let own_limit = ops.iter().any(|op| {
        op.request
            .as_ref()
            .is_some_and(|r| !r.stream && r.max_bytes.is_some())
    });
    let limit_import = own_limit.then(|| quote!(DefaultBodyLimit,));
    quote! {
        #allow
        use std::sync::Arc;

        use specgen_runtime::axum::extract::{#limit_import Request, State};
        use specgen_runtime::axum::response::Response;
        use specgen_runtime::axum::{#extension_import Router, routing};
        use specgen_runtime::server::{self, #answers_import #input_import PathArgs, respond};
        #secret
        use super::operations;
        #models
    }
}

/// `router` and `router_with`: a route per operation under `base`.
fn routers(service: &Service, base: &str) -> TokenStream {
    let routes = service.operations.iter().map(|op| {
        let path = format!("{base}{}", op.path);
        let method = format_ident!("{}", op.method.to_ascii_lowercase());
        let handler = ident(&op.name);
        let limit = op.request.as_ref().map(route_limit);
        quote!(.route(#path, routing::#method(#handler::<A>)#limit))
    });
    quote! {
        /// A router serving `api`, with the default [`server::Config`].
        pub fn router<A: Api>(api: A) -> Router {
            router_with(api, server::Config::default())
        }

        /// A router serving `api`, with the request limits of `config` (its body limit, and
        /// how many failing inputs a 400 lists); serve it with [`server::serve`] for the
        /// connection limits.
        pub fn router_with<A: Api>(api: A, config: server::Config) -> Router {
            let router = Router::new()
                #(#routes)*
                .fallback(server::not_found)
                .method_not_allowed_fallback(server::method_not_allowed);
            config.apply_to(router).with_state(Arc::new(api))
        }
    }
}

/// The spec's own limit for a route's body, in place of the router's; a streamed body is
/// counted as it comes, against the limit the route hands it.
fn route_limit(request: &Request) -> TokenStream {
    let max = request.max_bytes.map(proc_macro2::Literal::u64_unsuffixed);
    match (request.stream, max) {
        (true, Some(n)) => quote!(.layer(Extension(server::StreamLimit(#n)))),
        (true, None) => quote!(.layer(Extension(server::StreamLimit(config.body_limit as u64)))),
        (false, Some(n)) => quote!(.layer(DefaultBodyLimit::max(#n))),
        (false, None) => TokenStream::new(),
    }
}

/// The trait's `accepts`, and `grants` where operations need OAuth2 scopes: told the scheme
/// too when the service has several.
fn accepts(service: &Service) -> TokenStream {
    if service.auth.is_empty() {
        return TokenStream::new();
    }
    let scheme = auth::several(service).then(|| quote!(scheme: &'static str,));
    let unused = auth::several(service).then(|| quote!(let _ = scheme;));
    let grants = service
        .operations
        .iter()
        .any(|op| !op.scopes.is_empty())
        .then(|| {
            quote! {
                /// Whether `token`, let through by `accepts`, grants every one of `scopes`, the
                /// OAuth2 scopes the operation needs: a token that does not gets 403
                /// (`insufficient_scope`) before any method runs. By default every token grants
                /// every scope.
                fn grants(
                    &self,
                    #scheme
                    token: &Secret,
                    scopes: &'static [&'static str],
                ) -> impl Future<Output = bool> + Send {
                    let _ = (token, scopes);
                    #unused
                    std::future::ready(true)
                }
            }
        });
    quote! {
        /// Whether the router lets `token` through: a token turned away gets the documented
        /// 401 answer before any method runs. By default every well-formed token passes.
        fn accepts(&self, #scheme token: &Secret) -> impl Future<Output = bool> + Send {
            let _ = token;
            #unused
            std::future::ready(true)
        }

        #grants
    }
}

/// The inputs a method takes: its credentials (one token, or several), parameters, body
/// (each when the operation has it).
pub(super) fn inputs(service: &Service, op: &Operation) -> Vec<(proc_macro2::Ident, TokenStream)> {
    let mut inputs = Vec::new();
    match auth::needs(op) {
        auth::Needs::Nothing => {}
        auth::Needs::One(_) => inputs.push((format_ident!("token"), quote!(Secret))),
        auth::Needs::Several => {
            let ty = quote!(specgen_runtime::server::Credentials);
            inputs.push((format_ident!("credentials"), ty));
        }
    }
    if let Some(params) = params_name(op) {
        inputs.push((format_ident!("params"), quote!(operations::#params)));
    }
    if let Some(request) = &op.request {
        inputs.push((format_ident!("body"), body_ty(service, request)));
    }
    inputs
}

fn trait_method(service: &Service, op: &Operation, lang: &str) -> TokenStream {
    let docs = operation_docs(op, lang);
    let name = ident(&op.name);
    let response = response_name(op);
    let args = inputs(service, op)
        .into_iter()
        .map(|(arg, ty)| quote!(#arg: #ty));
    quote! {
        #docs
        fn #name(&self, #(#args),*) -> impl Future<Output = operations::#response> + Send;
    }
}

/// A route's handler: check the credentials, read and validate the inputs, call the
/// implementation, encode its answer.
fn handler(service: &Service, op: &Operation) -> TokenStream {
    let name = ident(&op.name);
    let answers = answers(service, op);
    let credentials = credentials(service, op);
    let params = params_name(op).map(|p| quote!(let params = input.params(operations::#p::WIRE);));
    let files = file_fields(service, op);
    let form = takes_multipart(op) && !files.is_empty();
    let body = op.request.as_ref().map(|r| read_body(service, op, r));
    let checked = unwrap_inputs(op, form);
    let attach_files = attach_files(op, &files, form);
    let encoded = answer(service, op);
    let mutable = (params.is_some() || body.is_some()).then(|| quote!(mut));
    let uses_headers = negotiates(op);
    let headers = uses_headers.then(|| quote!(let headers = input.headers().clone();));
    let reads = may_reject(op);
    if !reads_input(op) {
        // Nothing to read and nothing to turn away: the request goes unread.
        return quote! {
            async fn #name<A: Api>(State(api): State<Arc<A>>, _path: PathArgs, _request: Request) -> Response {
                #encoded
            }
        };
    }
    // Only what can turn a request away reads how to word it.
    let answers = reads.then_some(answers);
    quote! {
        async fn #name<A: Api>(State(api): State<Arc<A>>, path: PathArgs, request: Request) -> Response {
            #answers
            let #mutable input = Input::new(request, path);
            #headers
            #credentials
            #params
            #body
            #checked
            #attach_files
            #encoded
        }
    }
}

/// Whether the answer depends on `Accept` (JSON or XML).
fn negotiates(op: &Operation) -> bool {
    op.responses.iter().any(|r| r.is_json() && r.is_xml())
}

/// Whether the router may turn a request away before the implementation runs: it reads
/// credentials, parameters or a body.
fn may_reject(op: &Operation) -> bool {
    !op.auth.is_empty() || !op.parameters.is_empty() || op.request.is_some()
}

/// Whether the handler reads the request at all.
fn reads_input(op: &Operation) -> bool {
    may_reject(op) || negotiates(op)
}

/// Ends the handler with the rejection's answer.
fn reject() -> TokenStream {
    quote!(return rejection.into_response(&ANSWERS))
}

/// Reads the credentials the operation needs and turns them away unless the implementation
/// accepts each.
fn credentials(service: &Service, op: &Operation) -> TokenStream {
    let reject = reject();
    let refused = quote! {
        return server::Rejection::unauthorized("the credential is not accepted")
            .into_response(&ANSWERS);
    };
    let scheme_arg = |name: &str| auth::several(service).then(|| quote!(#name,));
    let scopes = &op.scopes;
    let lacking = quote!(return server::Rejection::forbidden(SCOPES).into_response(&ANSWERS););
    match auth::needs(op) {
        auth::Needs::Nothing => TokenStream::new(),
        auth::Needs::One(index) => {
            let scheme = auth::const_name(service, index);
            let name = scheme_arg(&service.auth[index].name);
            let granted = needs_scopes(service, op, index).then(|| {
                quote! {
                    const SCOPES: &[&str] = &[#(#scopes),*];
                    if !api.grants(#name &token, SCOPES).await {
                        #lacking
                    }
                }
            });
            quote! {
                let token = match input.credentials(&#scheme) {
                    Ok(token) => token,
                    Err(rejection) => #reject,
                };
                if !api.accepts(#name &token).await {
                    #refused
                }
                #granted
            }
        }
        auth::Needs::Several => {
            let alternatives = auth::requirement_consts(service, op);
            let scoped: Vec<&str> = (0..service.auth.len())
                .filter(|&i| needs_scopes(service, op, i))
                .map(|i| service.auth[i].name.as_str())
                .collect();
            let granted = (!scoped.is_empty()).then(|| {
                quote! {
                    const SCOPES: &[&str] = &[#(#scopes),*];
                    for (scheme, token) in credentials.iter() {
                        let scoped = matches!(scheme, #(#scoped)|*);
                        if scoped && !api.grants(scheme, token, SCOPES).await {
                            #lacking
                        }
                    }
                }
            });
            quote! {
                let credentials = match input.credentials_for(#alternatives) {
                    Ok(credentials) => credentials,
                    Err(rejection) => #reject,
                };
                for (scheme, token) in credentials.iter() {
                    if !api.accepts(scheme, token).await {
                        #refused
                    }
                }
                #granted
            }
        }
    }
}

/// Whether a token of scheme `index` must grant the operation's scopes: it lists some, and
/// the scheme issues scoped tokens (OAuth2, OpenID Connect) and is one the operation takes.
fn needs_scopes(service: &Service, op: &Operation, index: usize) -> bool {
    !op.scopes.is_empty()
        && op.auth.iter().flatten().any(|&i| i == index)
        && matches!(
            service.auth[index].kind,
            AuthKind::OAuth2 { .. } | AuthKind::OpenIdConnect { .. }
        )
}

/// Reads the body in whichever documented media type it comes: decoded into its type, or
/// as it is for a raw body; a body that may be left out is `None` when none is sent.
fn read_body(service: &Service, op: &Operation, request: &Request) -> TokenStream {
    let ty = qualified_ty(&request.ty, service);
    let media = &request.media;
    let form_fields = if takes_form(op) {
        let form = form_name(op);
        quote!(Some(operations::#form))
    } else {
        quote!(None)
    };
    let xml = super::option(
        request
            .xml
            .as_ref()
            .map(|names| super::xml::form(Some(names))),
    );
    let read = if request.stream {
        quote!(input.byte_stream(&accepts))
    } else if request.ty == Ty::Bytes {
        quote!(input.raw_body(&accepts).await)
    } else {
        quote!(input.body::<#ty>(&accepts).await)
    };
    let reject = reject();
    let read = quote! {
        match #read {
            Ok(body) => body,
            Err(rejection) => #reject,
        }
    };
    let read = if request.required {
        read
    } else {
        quote! {
            if input.sent_body() {
                #read.map(|(body, files)| (Some(body), files))
            } else {
                Some((None, server::Files::default()))
            }
        }
    };
    quote! {
        let accepts = server::Body { media: &[#(#media),*], form: #form_fields, xml: #xml };
        let body = #read;
    }
}

/// Answers 400 unless the parameters and the body read are all valid, and binds them (the
/// body with its files when a form may carry some).
fn unwrap_inputs(op: &Operation, form: bool) -> TokenStream {
    let mut patterns = Vec::new();
    let mut values = Vec::new();
    if params_name(op).is_some() {
        patterns.push(quote!(Some(params)));
        values.push(quote!(params));
    }
    if op.request.is_some() {
        if form {
            patterns.push(quote!(Some((mut body, mut files))));
        } else {
            patterns.push(quote!(Some((body, _))));
        }
        values.push(quote!(body));
    }
    match patterns.len() {
        0 => TokenStream::new(),
        1 => {
            let (pattern, value) = (&patterns[0], &values[0]);
            quote! {
                let #pattern = #value else {
                    return input.invalid().into_response(&ANSWERS);
                };
            }
        }
        _ => quote! {
            let (#(#patterns),*) = (#(#values),*) else {
                return input.invalid().into_response(&ANSWERS);
            };
        },
    }
}

/// Moves each file field's parts from the form into the body, where one was sent.
fn attach_files(op: &Operation, files: &[&Field], form: bool) -> TokenStream {
    if !form {
        return TokenStream::new();
    }
    let optional = op.request.as_ref().is_some_and(|r| !r.required);
    let attach = files.iter().map(|f| attach_file(f, optional));
    quote!(#(#attach)*)
}

/// Moves a file field's parts from the form into the body (where one was sent, when it may
/// be left out).
fn attach_file(f: &Field, optional: bool) -> TokenStream {
    let field = ident(&f.rust);
    let wire = &f.wire;
    let take = match f.ty {
        Ty::List(_) => quote!(take_list),
        _ => quote!(take_one),
    };
    let value = match (f.required, f.nullable) {
        (true, false) => quote!(value),
        (true, true) | (false, false) => quote!(Some(value)),
        (false, true) => quote!(Some(Some(value))),
    };
    if optional {
        return quote! {
            if let (Some(body), Some(value)) = (body.as_mut(), files.#take(#wire)) {
                body.#field = #value;
            }
        };
    }
    quote! {
        if let Some(value) = files.#take(#wire) {
            body.#field = #value;
        }
    }
}

/// Calls the implementation and encodes its answer, marked deprecated (with the sunset
/// date, if any) when the operation is.
fn answer(service: &Service, op: &Operation) -> TokenStream {
    let name = ident(&op.name);
    let args = inputs(service, op).into_iter().map(|(arg, _)| arg);
    let arms = op.responses.iter().map(|r| encode_arm(op, r));
    let mut encoded = quote! {
        match api.#name(#(#args),*).await {
            #(#arms)*
        }
    };
    if op.request.as_ref().is_some_and(|r| r.stream) {
        // Bound first: a borrow of `input` must not live across the call's `.await`.
        encoded = quote! {{
            let answer = #encoded;
            input.bounded(answer, &ANSWERS)
        }};
    }
    let Some(d) = &op.deprecated else {
        return encoded;
    };
    let sunset = super::option(d.sunset.as_deref().and_then(http_date));
    quote!(respond::deprecated(#encoded, #sunset))
}

fn encode_arm(op: &Operation, r: &Response) -> TokenStream {
    let pattern = pattern(&response_name(op), r);
    let status = match r.status {
        Status::Code(code) => {
            let code = proc_macro2::Literal::u16_unsuffixed(code);
            quote!(#code)
        }
        // A code outside its class is the implementation's mistake: answered as one (500).
        Status::Range(class) => {
            let class = proc_macro2::Literal::u16_unsuffixed(class);
            quote!(respond::in_class(status, #class))
        }
        Status::Default => quote!(status),
    };
    let body = if r.forms.is_empty() {
        encode_body(r, status)
    } else {
        forms::encoded(op, r, |form| encode_body(form, status.clone()))
    };
    let encode = r.headers.iter().fold(body, |encoded, h| {
        let wire = h.wire.to_ascii_lowercase();
        let field = ident(&h.rust);
        quote!(respond::header(#encoded, #wire, &#field))
    });
    quote!(#pattern => #encode,)
}

/// The answer with its body encoded as its media type says, with `status`.
fn encode_body(r: &Response, status: TokenStream) -> TokenStream {
    let (Some(encoding), Some(media)) = (r.encoding(), r.media.first()) else {
        return quote!(respond::empty(#status));
    };
    let form = super::xml::form(r.xml.as_ref());
    match encoding {
        Encoding::Json | Encoding::Xml if r.is_json() && r.is_xml() => {
            let json = r.media_in(Encoding::Json).unwrap_or(JSON);
            let xml = r.media_in(Encoding::Xml).unwrap_or("text/xml");
            quote! {{
                const FORMS: respond::Negotiated = respond::Negotiated {
                    json: #json,
                    xml: #xml,
                    form: #form,
                };
                respond::json_or_xml(&headers, #status, &FORMS, &body)
            }}
        }
        Encoding::Json if media == JSON => quote!(respond::json(#status, &body)),
        Encoding::Json => quote!(respond::json_as(#status, #media, &body)),
        Encoding::Xml => quote!(respond::xml(#status, #media, &#form, &body)),
        Encoding::Text => {
            let media = media::with_charset(media);
            quote!(respond::text(#status, #media, body))
        }
        Encoding::Bytes if r.stream.is_some() => {
            let media = media::sent_as(media);
            quote!(respond::byte_stream(#status, #media, body))
        }
        Encoding::Bytes => {
            let media = media::sent_as(media);
            quote!(respond::bytes(#status, #media, body))
        }
        Encoding::Lines => quote!(respond::lines(#status, #media, body)),
        Encoding::Events => {
            let text = r.events_are_text();
            quote!(respond::events(#status, body, #text))
        }
        // The check stage allows no form or multipart response.
        Encoding::Form | Encoding::Multipart => quote!(respond::json(#status, &body)),
    }
}

/// How the operation words the requests its router turns away.
fn answers(service: &Service, op: &Operation) -> TokenStream {
    let template = |status: u16| match response(op, status).and_then(|r| r.reject_body.as_ref()) {
        Some(RejectBody::Text(text)) => quote!(Some(server::Template::Text(#text))),
        Some(RejectBody::Json(json)) => {
            let json = json_tokens(json);
            quote!(Some(server::Template::Json(
                |rejection| serde_json::json!(#json)
            )))
        }
        None => quote!(None),
    };
    let invalid = template(400);
    let unauthorized = template(401);
    let forbidden = template(403);
    let challenge = super::option(op.challenge(&service.auth));
    quote! {
        const ANSWERS: Answers = Answers {
            invalid: #invalid,
            unauthorized: #unauthorized,
            forbidden: #forbidden,
            challenge: #challenge,
        };
    }
}

/// `serde_json::json!` input for a reject body, its placeholders replaced by the rejection's
/// reason and errors.
fn json_tokens(json: &Json) -> TokenStream {
    match json {
        Json::Null => quote!(null),
        Json::Bool(b) => quote!(#b),
        Json::Number(n) => number_tokens(n),
        Json::String(s) if s == REJECT_MESSAGE => quote!(rejection.detail()),
        Json::String(s) if s == REJECT_ERRORS => quote!(rejection.errors()),
        Json::String(s) => quote!(#s),
        Json::Array(items) => {
            let items = items.iter().map(json_tokens);
            quote!([#(#items),*])
        }
        Json::Object(members) => {
            let members = members.iter().map(|(k, v)| {
                let v = json_tokens(v);
                quote!(#k: #v)
            });
            quote!({#(#members),*})
        }
    }
}

/// A JSON number as a literal: integers exactly, anything else as the float it is.
fn number_tokens(n: &serde_json::Number) -> TokenStream {
    if let Some(n) = n.as_u64() {
        return proc_macro2::Literal::u64_unsuffixed(n).into_token_stream();
    }
    if let Some(n) = n.as_i64() {
        let magnitude = proc_macro2::Literal::u64_unsuffixed(n.unsigned_abs());
        return quote!(-#magnitude);
    }
    // A serde_json number that is no integer is a finite f64.
    let f = n.as_f64().unwrap_or_default();
    let magnitude = proc_macro2::Literal::f64_unsuffixed(f.abs());
    if f.is_sign_negative() {
        quote!(-#magnitude)
    } else {
        magnitude.into_token_stream()
    }
}

/// The `Sunset` header value (an HTTP date) for a full `YYYY-MM-DD` date; a month alone
/// names no day, so it gives none.
fn http_date(date: &str) -> Option<String> {
    let parse = time::format_description::parse_borrowed::<2>;
    let date = time::Date::parse(date, &parse("[year]-[month]-[day]").ok()?).ok()?;
    let http = parse("[weekday repr:short], [day] [month repr:short] [year] 00:00:00 GMT").ok()?;
    date.format(&http).ok()
}

#[cfg(test)]
mod tests {
    use super::http_date;

    #[test]
    fn http_dates() {
        assert_eq!(
            http_date("2026-07-31").as_deref(),
            Some("Fri, 31 Jul 2026 00:00:00 GMT")
        );
        assert_eq!(
            http_date("1970-01-01").as_deref(),
            Some("Thu, 01 Jan 1970 00:00:00 GMT")
        );
        assert_eq!(http_date("2026-07"), None);
    }
}
