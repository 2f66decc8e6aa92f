//! The `client` module: a `Client` with one method per operation. Each method takes the
//! required parameters and the body and returns a call to set optional parameters on and
//! `.await`; the answer is the operation's `…Response`, one variant per documented status.

use heck::ToUpperCamelCase;
use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};

use super::docs::{doc, doc_lines, operation_docs};
use super::forms;
use super::operations::{
    body_ty, body_value_ty, construct, file_fields, header_ty, kind, mentions_named, params_name,
    response_name, streams,
};
use super::pages::follows_link;
use super::request_body::{body_expr, media_enum, media_name, media_option};
use super::tys::{ident, qualified_ty, value_ty};
use super::{Options, auth};
use crate::ir::{
    Encoding, Operation, ParamLocation, Parameter, Piece, QueryStyle, Response, Server, Service,
    Status, Streaming, Ty, TypeKind, encoding,
};
use crate::render::Writer;

pub fn client(
    service: &Service,
    options: &Options,
    out: &mut Writer<'_>,
) -> Result<(), crate::Error> {
    let lang = options.language_for(service);
    let title = service.title.pick(lang).unwrap_or(&service.name);
    let imports = imports(service);
    let auth_const = auth::scheme_consts(service, false);
    let doc = format!(" A client of {title}.");
    out.items(quote! {
        #imports

        #[doc = #doc]
        ///
        /// Requests are checked against the spec before they are sent; answers are decoded
        /// leniently (unknown members are ignored, unknown enum values kept as `Unknown`).
        #[derive(Debug, Clone)]
        pub struct Client {
            core: Core,
        }

        #auth_const
    })?;
    let for_server = for_server(service, lang).unwrap_or_default();
    let setup = [for_server, constructor(service), settings()];
    let methods = service
        .operations
        .iter()
        .map(|op| method(service, op, lang));
    out.block(quote!(impl Client), setup.into_iter().chain(methods))?;
    for op in &service.operations {
        out.items(call(service, op, lang))?;
    }
    Ok(())
}

/// The client's methods that set it up and say how it is set up.
fn settings() -> TokenStream {
    quote! {
        /// Sends through `http`: a `reqwest::Client` (its proxies and TLS settings), or
        /// a `reqwest_middleware::ClientWithMiddleware` stack with the runtime's feature
        /// `middleware`. The config's timeouts, size limit and retries still apply.
        pub fn with_http_client(self, http: impl Into<client::Http>) -> Self {
            Client { core: self.core.with_http_client(http) }
        }

        /// Bounds and retries calls as `config` says: timeouts, the size of an answer,
        /// the retry policy.
        pub fn with_config(self, config: client::ClientConfig) -> Self {
            Client { core: self.core.with_config(config) }
        }

        /// How calls are bounded and retried.
        pub fn config(&self) -> &client::ClientConfig {
            self.core.config()
        }

        /// Whether requests are checked against the spec before they are sent (on by default).
        pub fn validate_requests(self, on: bool) -> Self {
            Client { core: self.core.validate_requests(on) }
        }

        /// The base URL operations are relative to.
        pub fn base_url(&self) -> &str {
            self.core.base_url()
        }
    }
}

/// The module's `use`s: `Secret` when the service takes a token, `HasFiles` when a body
/// may carry files as multipart or go in another media type.
fn imports(service: &Service) -> TokenStream {
    let allow = super::allow_deprecated(service);
    let secret = (!service.auth.is_empty()).then(|| {
        quote!(
            use specgen_runtime::Secret;
        )
    });
    let has_files = service
        .operations
        .iter()
        .any(|op| media_name(op).is_some() && !file_fields(service, op).is_empty())
        .then(|| {
            quote!(
                use specgen_runtime::client::HasFiles;
            )
        });
    // `client::` names the config, the call options and the helpers encoding parameters,
    // bodies and server variables.
    let client = quote!(
        use specgen_runtime::client::{self, Core, Error};
    );
    // Parameters, bodies, and the pages and items of paged calls name models.
    let uses_models = service.operations.iter().any(|op| {
        op.parameters.iter().any(|p| mentions_named(&p.ty))
            || op.request.as_ref().is_some_and(|r| mentions_named(&r.ty))
            || op.pagination.is_some()
    });
    let models = uses_models.then(|| quote!(models,));
    quote! {
        #allow
        #client
        #has_files
        use specgen_runtime::reqwest::{self, Method};
        #secret
        use super::{#models operations};
    }
}

/// `Client::new`, taking the token when the service has one scheme; with several, one
/// `with_<scheme>` method each.
fn constructor(service: &Service) -> TokenStream {
    let (token_arg, token_value) = match service.auth.len() {
        1 => (
            quote!(, token: impl Into<Secret>),
            quote!(Some((AUTH, token.into()))),
        ),
        _ => (TokenStream::new(), quote!(None)),
    };
    let setters = service
        .auth
        .iter()
        .enumerate()
        .filter(|_| auth::several(service))
        .map(|(i, a)| {
            let method = format_ident!("with_{}", a.rust);
            let scheme = auth::const_name(service, i);
            let doc = format!(
                " Sends `secret` wherever an operation takes the `{}` credential.",
                a.name
            );
            quote! {
                #[doc = #doc]
                pub fn #method(self, secret: impl Into<Secret>) -> Self {
                    Client { core: self.core.with_credential(#scheme, secret.into()) }
                }
            }
        });
    quote! {
        /// A client of the service at `base_url`: the documented server, a proxy, or a
        /// test server (`http://127.0.0.1:8080/...`).
        pub fn new(base_url: &str #token_arg) -> Result<Self, Error> {
            Ok(Client { core: Core::new(base_url, #token_value)? })
        }

        #(#setters)*
    }
}

/// `SERVER` and `Client::for_server` for the first documented server, `SERVER_<NAME>` and
/// `Client::for_<name>` for each named one, `SERVER_<N>` and `Client::for_server_<n>` for each
/// other: each fills in its server's variables.
fn for_server(service: &Service, lang: &str) -> Option<TokenStream> {
    let first = service.servers.first()?;
    // Every other server by its name, or by its place (`for_server_2`).
    let named = service
        .servers
        .iter()
        .enumerate()
        .filter_map(|(i, server)| {
            let name = match &server.name {
                Some(name) => name.clone(),
                None if i > 0 => format!("server_{}", i + 1),
                None => return None,
            };
            let method = format_ident!("for_{}", name);
            let constant = format_ident!("{}", name.to_uppercase());
            let constant = if server.name.is_some() {
                format_ident!("SERVER_{}", constant)
            } else {
                constant
            };
            Some(server_constructor(
                service, server, &method, &constant, lang,
            ))
        });
    let first = server_constructor(
        service,
        first,
        &format_ident!("for_server"),
        &format_ident!("SERVER"),
        lang,
    );
    Some(quote!(#first #(#named)*))
}

/// A server's URL constant and the constructor filling in its variables.
fn server_constructor(
    service: &Service,
    server: &Server,
    method: &proc_macro2::Ident,
    constant: &proc_macro2::Ident,
    lang: &str,
) -> TokenStream {
    let one = (service.auth.len() == 1).then_some(());
    let token_param = one.map(|_| quote!(token: impl Into<Secret>));
    let token_pass = one.map(|_| quote!(, token));
    let args = server.template.vars().map(|(_, rust)| {
        let arg = ident(rust);
        quote!(#arg: &str)
    });
    let pieces = server.template.0.iter().map(|piece| match piece {
        Piece::Text(text) => quote!(#text),
        Piece::Var { wire, rust } => {
            let arg = ident(rust);
            quote!(client::server_variable(#wire, #arg)?)
        }
    });
    let url = &server.url;
    let docs = server_docs(server, lang);
    let url_expr = if server.template.has_vars() {
        quote!(&[#(#pieces),*].concat())
    } else {
        quote!(Self::#constant)
    };
    quote! {
        /// The documented base URL; `{name}` marks a part that is yours to fill in.
        pub const #constant: &'static str = #url;

        #docs
        pub fn #method(#(#args,)* #token_param) -> Result<Self, Error> {
            Self::new(#url_expr #token_pass)
        }
    }
}

/// `for_server`'s doc comment: the URL, then each variable with its documented default.
fn server_docs(server: &Server, lang: &str) -> TokenStream {
    let url = &server.url;
    let mut lines = vec![format!("A client of the documented server, `{url}`.")];
    if let Some(description) = server.description.pick(lang) {
        lines.push(String::new());
        lines.extend(super::docs::text_lines(description));
        lines.push(String::new());
    }
    for v in &server.variables {
        let mut line = format!("- `{}`", v.rust);
        if let Some(d) = v.description.pick(lang) {
            line.push_str(&format!(": {}", d.trim()));
        }
        line.push_str(&format!(" (the docs use `{}`)", v.default));
        lines.push(line);
    }
    doc_lines(&lines)
}

fn call_name(op: &Operation) -> proc_macro2::Ident {
    format_ident!("{}", op.name.to_upper_camel_case())
}

/// The `Client` method: required parameters and the body in, a call out.
fn method(service: &Service, op: &Operation, lang: &str) -> TokenStream {
    let name = ident(&op.name);
    let call = call_name(op);
    let docs = operation_docs(op, lang);
    let mut args = Vec::new();
    let mut inits = Vec::new();
    for p in &op.parameters {
        let field = ident(&p.rust);
        if p.required {
            // Text and named scalars take what converts into them (`&str`, the wrapped value);
            // a format held as its own type (`Base64`, a date) takes that type.
            let held = service.date_types.held(&p.ty, &p.constraints);
            let scalar = matches!(&p.ty, Ty::Named(i)
                if matches!(service.types[*i].kind, TypeKind::Scalar { .. }));
            if (p.ty == Ty::String || scalar) && held.is_none() {
                let ty = qualified_ty(&p.ty, service);
                args.push(quote!(#field: impl Into<#ty>));
                inits.push(quote!(#field: #field.into(),));
            } else {
                let ty = value_ty(&p.ty, &p.constraints, service, true);
                args.push(quote!(#field: #ty));
                inits.push(quote!(#field,));
            }
        } else if let Some(value) = &p.default {
            let json = value.to_string();
            inits.push(quote!(#field: specgen_runtime::wire::default_value(#json),));
        } else {
            inits.push(quote!(#field: None,));
        }
    }
    let params = params_name(op).map(|params| quote!(params: operations::#params { #(#inits)* },));
    let body = op.request.as_ref().map(|r| {
        if !r.required {
            return quote!(body: None,);
        }
        let ty = body_ty(service, r);
        args.push(quote!(body: #ty));
        quote!(body,)
    });
    let media = media_name(op).map(|_| quote!(media: None,));
    quote! {
        #docs
        pub fn #name(&self, #(#args),*) -> #call<'_> {
            #call { client: self, #params #body #media options: client::CallOptions::default() }
        }
    }
}

/// The call struct: optional parameter setters, `send`, and `IntoFuture`.
fn call(service: &Service, op: &Operation, lang: &str) -> TokenStream {
    let call = call_name(op);
    let response = response_name(op);
    let params_field = params_name(op).map(|p| quote!(params: operations::#p,));
    let body_field = op.request.as_ref().map(|r| {
        let ty = body_ty(service, r);
        quote!(body: #ty,)
    });
    let body_setter = optional_body_setter(service, op);
    let setters = op
        .parameters
        .iter()
        .filter(|p| !p.required)
        .map(|p| setter(service, p, lang));
    let send = send(service, op);
    let pages = super::pages::methods(service, op);
    // A paged call is sent again for each page.
    let clone = op.pagination.as_ref().map(|_| quote!(Clone,));
    let (media_field, media_setter) = media_option(op);
    let media_enum = media_enum(op);
    let xml_setter = xml_option(op);
    let doc = format!(
        " A `{}` call: set optional parameters, then `.await` it.",
        op.name
    );
    quote! {
        #[doc = #doc]
        #[derive(Debug, #clone)]
        #[must_use = "a call does nothing until it is awaited"]
        pub struct #call<'a> {
            client: &'a Client,
            #params_field
            #body_field
            #media_field
            options: client::CallOptions,
        }

        #media_enum

        impl<'a> #call<'a> {
            #(#setters)*

            #body_setter

            #media_setter

            #xml_setter

            /// This call's own timeout, in place of the client's (`ClientConfig::timeout`).
            pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
                self.options = self.options.timeout(timeout);
                self
            }

            /// This call's own retry policy, in place of the client's (`ClientConfig::retry`).
            pub fn retry(mut self, retry: client::RetryPolicy) -> Self {
                self.options = self.options.retry(retry);
                self
            }

            #send

            #pages
        }

        impl<'a> std::future::IntoFuture for #call<'a> {
            type Output = Result<operations::#response, Error>;
            type IntoFuture = std::pin::Pin<Box<dyn std::future::Future<Output = Self::Output> + Send + 'a>>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.send())
            }
        }
    }
}

/// `.xml()` on a call whose answers may come as XML or as JSON, where asking for XML first
/// changes what is asked.
fn xml_option(op: &Operation) -> Option<TokenStream> {
    (accept(op, false) != accept(op, true)).then(|| {
        quote! {
            /// Asks for the answer in XML rather than JSON, where both are offered (the
            /// server chooses by `Accept`); either is decoded into the same types.
            pub fn xml(mut self) -> Self {
                self.options = self.options.prefer_xml();
                self
            }
        }
    })
}

/// `.body(…)` on a call whose request body may be left out.
fn optional_body_setter(service: &Service, op: &Operation) -> Option<TokenStream> {
    let request = op.request.as_ref().filter(|r| !r.required)?;
    let ty = body_value_ty(service, request);
    Some(quote! {
        /// The request body, which the operation lets you leave out.
        pub fn body(mut self, body: #ty) -> Self {
            self.body = Some(body);
            self
        }
    })
}

/// The methods a call has of its own, whatever its parameters.
const CALL_METHODS: &[&str] = &[
    "body",
    "media",
    "timeout",
    "retry",
    "send",
    "pages",
    "items",
    "into_future",
];

/// A call's setter for an optional parameter: named as the parameter, or `<name>_param`
/// where that is one of the call's own methods (a `timeout` query parameter).
fn setter(service: &Service, p: &Parameter, lang: &str) -> TokenStream {
    let field = ident(&p.rust);
    let name = if CALL_METHODS.contains(&p.rust.as_str()) {
        format_ident!("{}_param", p.rust)
    } else {
        field.clone()
    };
    let ty = value_ty(&p.ty, &p.constraints, service, true);
    let docs = doc(lang, &[&p.description]);
    let value = if p.default.is_some() {
        quote!(value)
    } else {
        quote!(Some(value))
    };
    quote! {
        #docs
        pub fn #name(mut self, value: #ty) -> Self {
            self.params.#field = #value;
            self
        }
    }
}

/// `send`: check the request, build and send it, and decode the answer by its status.
fn send(service: &Service, op: &Operation) -> TokenStream {
    let response = response_name(op);
    let destructure = {
        let params = params_name(op).map(|_| quote!(params,));
        let body = op.request.as_ref().map(|_| quote!(body,));
        let media = media_name(op).map(|_| quote!(media,));
        quote!(let Self { client, #params #body #media options } = self;)
    };
    let checks = checks(op);
    let (segments, path) = path_expr(op);
    let query = query_decl(op);
    let headers = headers_decl(op);
    let request = request_decl(service, op);
    let send_body = body_expr(service, op);
    let opened = streams(op);
    // An operation that may stream its answer opens it; each other answer is read whole.
    let send = if opened { quote!(open) } else { quote!(send) };
    let name = &op.name;
    let template = &op.path;
    let sent = quote! {
        #destructure
        #checks
        #segments
        let path = #path;
        #query
        #headers
        #request
        #send_body
        let operation = client::Operation { name: #name, path: #template };
        let answer = client.core.#send(operation, &options, request).await?;
    };
    let decoded = decoded(service, op, opened);
    if !follows_link(op) {
        return quote! {
            /// Checks the request (unless switched off), sends it, and decodes the answer.
            pub async fn send(self) -> Result<operations::#response, Error> {
                #sent
                #decoded
            }
        };
    }
    quote! {
        /// Checks the request (unless switched off), sends it, and decodes the answer.
        pub async fn send(self) -> Result<operations::#response, Error> {
            Ok(self.send_to(None).await?.0)
        }

        /// [`Self::send`], to `page_url` (a next page's, from an answer's `Link` header) in
        /// place of the call's path and query where it is given: the answer, and the URL
        /// asked (without credentials).
        async fn send_to(
            self,
            page_url: Option<reqwest::Url>,
        ) -> Result<(operations::#response, reqwest::Url), Error> {
            #sent
            let decoded = #decoded;
            Ok((decoded?, asked))
        }
    }
}

/// `let request = …;`: the request for the path and query, with the headers and credentials;
/// where the next page is a `Link` header's, for `page_url` when given (`asked` keeps the URL).
fn request_decl(service: &Service, op: &Operation) -> TokenStream {
    let path = if op.path_template.has_vars() {
        quote!(&path)
    } else {
        quote!(path)
    };
    let method = format_ident!("{}", op.method);
    let accept = match (accept(op, false), accept(op, true)) {
        (json, xml) if json != xml => {
            let (json, xml) = (super::option(json), super::option(xml));
            quote!(if options.prefers_xml() { #xml } else { #json })
        }
        (json, _) => super::option(json),
    };
    let needs = auth::requirement_names(service, op);
    if !follows_link(op) {
        return quote! {
            let request = client.core.request(Method::#method, #path, &query, headers, #accept, #needs)?;
        };
    }
    quote! {
        let asked = match page_url {
            Some(url) => url,
            None => client.core.url(#path, &query)?,
        };
        let request = client.core.request_to(Method::#method, asked.clone(), headers, #accept, #needs)?;
    }
}

/// Checks the parameters and the body against the spec (unless the client is told not to);
/// nothing for an operation that takes neither.
fn checks(op: &Operation) -> TokenStream {
    if op.parameters.is_empty() && op.request.is_none() {
        return TokenStream::new();
    }
    let params =
        params_name(op).map(|p| quote!(invalid.check_params(&params, operations::#p::WIRE);));
    // A stream is checked by the server as it comes; nothing of it is here yet.
    let body = op
        .request
        .as_ref()
        .filter(|r| !r.stream)
        .map(|_| quote!(invalid.check_body(&body);));
    quote! {
        client.core.check(|invalid| {
            #params
            #body
        })?;
    }
}

/// `query`: the query parameters that are set, encoded.
fn query_decl(op: &Operation) -> TokenStream {
    let query = located(op, ParamLocation::Query)
        .map(|p| {
            let wire = &p.wire;
            let field = ident(&p.rust);
            match p.style {
                QueryStyle::Joined(joiner) => {
                    quote!(client::push_query_joined(&mut query, #wire, &params.#field, #joiner)?;)
                }
                QueryStyle::Deep => {
                    quote!(client::push_query_deep(&mut query, #wire, &params.#field)?;)
                }
                QueryStyle::Exploded => {
                    quote!(client::push_query(&mut query, #wire, &params.#field)?;)
                }
            }
        })
        .collect::<Vec<_>>();
    if query.is_empty() {
        quote!(let query = [];)
    } else {
        quote!(let mut query = Vec::new(); #(#query)*)
    }
}

/// `headers`: the header and cookie parameters that are set, encoded.
fn headers_decl(op: &Operation) -> TokenStream {
    let headers = located(op, ParamLocation::Header)
        .map(|p| {
            let wire = p.wire.to_ascii_lowercase();
            let field = ident(&p.rust);
            quote!(client::push_header(&mut headers, #wire, &params.#field)?;)
        })
        .collect::<Vec<_>>();
    let cookies = located(op, ParamLocation::Cookie)
        .map(|p| {
            let wire = &p.wire;
            let field = ident(&p.rust);
            quote!(client::push_cookie(&mut cookies, #wire, &params.#field)?;)
        })
        .collect::<Vec<_>>();
    let cookies = (!cookies.is_empty()).then(|| {
        quote! {
            let mut cookies = Vec::new();
            #(#cookies)*
            client::cookie_header(&mut headers, &cookies)?;
        }
    });
    if headers.is_empty() && cookies.is_none() {
        quote!(let headers = reqwest::header::HeaderMap::new();)
    } else {
        quote!(let mut headers = reqwest::header::HeaderMap::new(); #(#headers)* #cookies)
    }
}

/// The operation's parameters sent in `location`.
fn located(op: &Operation, location: ParamLocation) -> impl Iterator<Item = &Parameter> {
    op.parameters.iter().filter(move |p| p.location == location)
}

/// The answer decoded by its status: each documented response's arm, then an error for any
/// other status unless `default` takes it.
fn decoded(service: &Service, op: &Operation, opened: bool) -> TokenStream {
    if let [only] = op.responses.as_slice()
        && only.status == Status::Default
    {
        // One `default` answer takes every status: no match to make.
        let value = decoded_answer(service, op, only, opened);
        return quote!({
            let status = answer.status_code();
            #value
        });
    }
    let arms = op
        .responses
        .iter()
        .map(|r| decode_arm(service, op, r, opened));
    // `default` takes every other status; without it, another status is an error.
    let read = opened.then(|| quote!(.read().await?));
    let unexpected = (!op.responses.iter().any(|r| r.status == Status::Default))
        .then(|| quote!(_ => Err(answer #read .unexpected()),));
    quote!(match answer.status_code() {
        #(#arms)*
        #unexpected
    })
}

/// The match arm decoding an answer with the response's status, by its encoding: JSON
/// (where XML is offered too, JSON is asked for), text, the raw bytes, or a stream of them
/// or of items. A class (`4XX`) or `default` binds the code, which its variant keeps. Where
/// the answer was `opened` (the operation may stream), an answer that does not stream is
/// read whole first.
/// The body of a response of several media types is the one of the answer's.
fn decode_arm(service: &Service, op: &Operation, r: &Response, opened: bool) -> TokenStream {
    let matched = match r.status {
        Status::Code(code) => {
            let code = proc_macro2::Literal::u16_unsuffixed(code);
            quote!(#code)
        }
        Status::Range(class) => {
            let low = proc_macro2::Literal::u16_unsuffixed(class * 100);
            let high = proc_macro2::Literal::u16_unsuffixed(class * 100 + 99);
            quote!(status @ #low..=#high)
        }
        Status::Default => quote!(status),
    };
    let value = decoded_answer(service, op, r, opened);
    quote!(#matched => #value,)
}

/// The decoded answer of one response (its headers, then its body), as an expression.
fn decoded_answer(service: &Service, op: &Operation, r: &Response, opened: bool) -> TokenStream {
    let response = &response_name(op);
    let body = if r.forms.is_empty() {
        decoded_body(r)
    } else {
        Some(forms::decoded(op, r, |form| {
            decoded_body(form).unwrap_or_default()
        }))
    };
    let read = (opened && r.stream.is_none() && body.is_some())
        .then(|| quote!(let answer = answer.read().await?;));
    let reads = r.headers.iter().map(|h| {
        let field = ident(&h.rust);
        let wire = h.wire.to_ascii_lowercase();
        let ty = header_ty(h, service);
        let (kind, many) = kind(&h.ty, service);
        quote!(let #field: #ty = answer.header(#wire, specgen_runtime::wire::#kind, #many)?;)
    });
    let fields: Vec<TokenStream> = r
        .headers
        .iter()
        .map(|h| ident(&h.rust).into_token_stream())
        .collect();
    let value = construct(response, r, None, body, &fields);
    if fields.is_empty() && read.is_none() {
        return quote!(Ok(#value));
    }
    // Headers are read before the body, which decoding consumes.
    quote!({
        #read
        #(#reads)*
        Ok(#value)
    })
}

/// The body of an answer of one body, decoded as its media type says; `None` without one.
fn decoded_body(r: &Response) -> Option<TokenStream> {
    Some(match (r.stream, r.encoding()?) {
        (Some(Streaming::Bytes), _) => quote!(answer.byte_stream()),
        (Some(Streaming::Lines), _) => quote!(answer.lines()),
        (Some(Streaming::Events), _) => {
            let text = r.events_are_text();
            quote!(answer.events(#text))
        }
        (None, Encoding::Text) => quote!(answer.text()?),
        (None, Encoding::Bytes) => quote!(answer.bytes()),
        (None, Encoding::Json | Encoding::Xml) if r.is_xml() => {
            let form = super::xml::form(r.xml.as_ref());
            let read = if r.is_json() {
                quote!(json_or_xml)
            } else {
                quote!(xml)
            };
            quote!(answer.#read(&#form)?)
        }
        (None, _) => quote!(answer.json()?),
    })
}

/// Binds each path parameter's encoded segment, then `format!`s the path; a literal path
/// without parameters stays a literal.
fn path_expr(op: &Operation) -> (TokenStream, TokenStream) {
    if !op.path_template.has_vars() {
        let path = &op.path;
        return (TokenStream::new(), quote!(#path));
    }
    let mut template = String::new();
    let mut bindings = Vec::new();
    for piece in &op.path_template.0 {
        match piece {
            Piece::Text(text) => template.push_str(&text.replace('{', "{{").replace('}', "}}")),
            Piece::Var { wire, rust } => {
                let field = ident(rust);
                let local = if rust.starts_with("r#") {
                    format_ident!("segment_{}", bindings.len())
                } else {
                    field.clone()
                };
                template.push_str(&format!("{{{local}}}"));
                bindings.push(quote!(let #local = client::path_segment(#wire, &params.#field)?;));
            }
        }
    }
    (quote!(#(#bindings)*), quote!(format!(#template)))
}

/// What the client asks for: every media type it can read an answer in, JSON ones first (or
/// XML ones, where the call prefers XML), then the others in order, later ones at `q=0.9`.
fn accept(op: &Operation, prefer_xml: bool) -> Option<String> {
    let mut first: Vec<&str> = Vec::new();
    let mut others: Vec<&str> = Vec::new();
    let offers_xml = op
        .responses
        .iter()
        .any(|r| r.media.iter().any(|m| encoding(m) == Encoding::Xml));
    let preferred = if prefer_xml && offers_xml {
        Encoding::Xml
    } else {
        Encoding::Json
    };
    for m in op.responses.iter().flat_map(|r| r.media.iter()) {
        let list = if encoding(m) == preferred {
            &mut first
        } else {
            &mut others
        };
        if !list.contains(&m.as_str()) {
            list.push(m);
        }
    }
    others.sort();
    let ranges: Vec<String> = first
        .into_iter()
        .chain(others)
        .enumerate()
        .map(|(i, m)| {
            if i == 0 {
                m.to_string()
            } else {
                format!("{m};q=0.9")
            }
        })
        .collect();
    (!ranges.is_empty()).then(|| ranges.join(", "))
}
