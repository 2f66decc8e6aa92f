//! The `mock` module: an implementation of the server trait that answers every operation
//! with its documented success: the first example with a 2xx answer, or, where the docs
//! show none, the smallest body that fits the schema.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value as Json;

use super::Options;
use super::operations::{response_name, variant};
use super::tys::ident;
use crate::ir::{Constraints, ExampleResponseBody, Limit, Operation, Rule, Service, Ty, TypeKind};

pub fn mock(service: &Service, options: &Options) -> TokenStream {
    let lang = options.language_for(service);
    let title = service.title.pick(lang).unwrap_or(&service.name);
    let methods = service.operations.iter().map(|op| method(service, op));
    let doc = format!(" {title}, answering every operation with its documented success.");
    let allow = super::allow_deprecated(service);
    let (secret, models) = super::trait_imports(service);
    let (mock, accepts) = match &service.auth {
        Some(_) => (
            quote! {
                /// It accepts any well-formed token, or only the one given to [`Mock::accepting`].
                #[derive(Debug, Clone, Default)]
                pub struct Mock {
                    token: Option<Secret>,
                }

                impl Mock {
                    /// A mock that turns away every token but `token`, with the documented 401.
                    pub fn accepting(token: impl Into<Secret>) -> Self {
                        Mock {
                            token: Some(token.into()),
                        }
                    }
                }
            },
            quote! {
                async fn accepts(&self, token: &Secret) -> bool {
                    self.token
                        .as_ref()
                        .is_none_or(|accepted| accepted.expose() == token.expose())
                }
            },
        ),
        None => (
            quote! {
                #[derive(Debug, Clone, Copy, Default)]
                pub struct Mock;
            },
            TokenStream::new(),
        ),
    };
    quote! {
        #allow
        #secret
        use specgen_runtime::axum::Router;
        use super::{operations, server};
        #models

        #[doc = #doc]
        ///
        /// The answer is the first documented example with a 2xx status; where the docs show
        /// no such example, the smallest body that fits the schema.
        #mock

        impl server::Api for Mock {
            #accepts
            #(#methods)*
        }

        /// A router serving [`Mock`].
        pub fn router() -> Router {
            server::router(Mock::default())
        }
    }
}

fn method(service: &Service, op: &Operation) -> TokenStream {
    let name = ident(&op.name);
    let response = response_name(op);
    // The trait's inputs, unused: the answer does not depend on them.
    let args = super::server::inputs(service, op)
        .into_iter()
        .map(|(arg, ty)| {
            let arg = format_ident!("_{}", arg);
            quote!(#arg: #ty)
        });
    let answer = success(service, op);
    quote! {
        async fn #name(&self, #(#args),*) -> operations::#response {
            #answer
        }
    }
}

/// The documented success as an expression of the response enum.
fn success(service: &Service, op: &Operation) -> TokenStream {
    let response = response_name(op);
    let documented = op
        .responses
        .iter()
        .find(|r| (200..300).contains(&r.status))
        .or_else(|| op.responses.first());
    let Some(documented) = documented else {
        // Nothing is documented: the check stage requires a response, so this is unreachable
        // for checked specs; answer 501 rather than guess.
        return quote!(unreachable!("an operation documents at least one response"));
    };
    let v = variant(documented.status);
    let Some(ty) = &documented.body else {
        return quote!(operations::#response::#v);
    };
    let example = op.examples.iter().find_map(|e| {
        let r = e.response.as_ref()?;
        if r.status != documented.status {
            return None;
        }
        match &r.body {
            Some(ExampleResponseBody::Json(body)) => Some(body.canonical.clone()),
            Some(ExampleResponseBody::Text(text)) if matches!(ty, Ty::String | Ty::Bytes) => {
                Some(Json::String(text.clone()))
            }
            _ => None,
        }
    });
    let value = example.unwrap_or_else(|| smallest(service, ty, &mut Vec::new()));
    if *ty == Ty::Bytes {
        let text = value.as_str().unwrap_or_default();
        let bytes = proc_macro2::Literal::byte_string(text.as_bytes());
        return quote!(operations::#response::#v(specgen_runtime::Bytes::from_static(#bytes)));
    }
    if *ty == Ty::String
        && let Json::String(text) = &value
    {
        return quote!(operations::#response::#v(#text.to_owned()));
    }
    let json = raw_string(&format!("{value:#}"));
    quote!(operations::#response::#v(specgen_runtime::server::example(#json)))
}

/// The smallest JSON value that fits `ty`: required members only, lists of their minimum
/// length, the first enum value, strings of their minimum length.
fn smallest(service: &Service, ty: &Ty, visiting: &mut Vec<usize>) -> Json {
    match ty {
        Ty::String => Json::String(String::new()),
        Ty::Int32 | Ty::Int64 | Ty::Number => Json::from(0),
        Ty::Boolean => Json::Bool(false),
        Ty::Uuid => Json::String(uuid::Uuid::nil().to_string()),
        Ty::Any | Ty::File | Ty::Bytes => Json::Null,
        Ty::List(_) => Json::Array(Vec::new()),
        Ty::Map(..) => Json::Object(serde_json::Map::new()),
        Ty::Named(i) => {
            if visiting.contains(i) {
                return Json::Null;
            }
            visiting.push(*i);
            let value = match &service.types[*i].kind {
                TypeKind::Struct { fields, .. } => {
                    let mut object = serde_json::Map::new();
                    for f in fields.iter().filter(|f| f.required) {
                        let value = if f.nullable {
                            Json::Null
                        } else {
                            let mut v = smallest(service, &f.ty, visiting);
                            if f.ty == Ty::String {
                                v = Json::String(smallest_text(&f.constraints));
                            }
                            if let (Json::Array(items), Some(n), Ty::List(item)) =
                                (&mut v, f.constraints.count(Rule::MinItems), &f.ty)
                            {
                                let one = smallest(service, item, visiting);
                                items.extend(std::iter::repeat_n(one, n as usize));
                            }
                            v
                        };
                        object.insert(f.wire.clone(), value);
                    }
                    Json::Object(object)
                }
                TypeKind::StringEnum(variants) => variants
                    .first()
                    .map_or(Json::Null, |v| Json::String(v.wire.clone())),
                TypeKind::IntEnum(variants) => {
                    variants.first().map_or(Json::Null, |v| Json::from(v.value))
                }
                TypeKind::Union(alternatives) => alternatives
                    .first()
                    .map_or(Json::Null, |a| smallest(service, &a.ty, visiting)),
            };
            visiting.pop();
            value
        }
    }
}

/// The shortest text a string field's constraints allow, as far as they can be met without a
/// search: a sample of its format, else its minimum length of `a`s.
fn smallest_text(constraints: &Constraints) -> String {
    let format = constraints.iter().find_map(|c| match c.limit {
        Limit::Format(format) => Some(format),
        _ => None,
    });
    match format {
        Some(format) => format.sample().to_owned(),
        None => "a".repeat(constraints.count(Rule::MinLength).unwrap_or(0) as usize),
    }
}

/// `r#"…"#` with enough `#`s that the text cannot end it.
fn raw_string(text: &str) -> proc_macro2::Literal {
    let mut hashes = String::from("#");
    while text.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{text}\"{hashes}")
        .parse()
        .unwrap_or_else(|_| proc_macro2::Literal::string(text))
}
