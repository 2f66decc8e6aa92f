//! Tests generated from the documented examples: each body parses into its model, validates,
//! and writes back the JSON the spec says it means; each answer's headers, written as the
//! server writes them, read back as their types the way the client reads them.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use specgen_rules::pairs;

use super::operations::{kind, mentions_named};
use super::tys::{raw_string, rust_ty, uses_map, value_ty};
use crate::ir::{
    Example, ExampleBody, ExampleResponse, ExampleResponseBody, Operation, Response, Service, Ty,
};

pub fn examples(service: &Service) -> TokenStream {
    let mut names = BTreeSet::new();
    let mut tests = Vec::new();
    for op in &service.operations {
        for example in &op.examples {
            if let Some(body) = &example.request {
                let name = unique(&mut names, format!("{}_{}_request", op.name, example.name));
                tests.push(round_trip(service, &name, body));
            }
            let Some(response) = &example.response else {
                continue;
            };
            let name = format!("{}_{}_response_{}", op.name, example.name, response.status);
            if let Some(ExampleResponseBody::Json(body)) = &response.body {
                let name = unique(&mut names, name.clone());
                tests.push(round_trip(service, &name, body));
            }
            let documented = op.response_for(response.status);
            if let Some(documented) = documented.filter(|_| !response.headers.is_empty()) {
                let name = unique(&mut names, format!("{name}_headers"));
                tests.push(headers_read_back(service, &name, documented, response));
            }
        }
    }
    if tests.is_empty() {
        return TokenStream::new();
    }
    let deprecated = service
        .types
        .iter()
        .any(|t| t.deprecated.is_some())
        .then(|| quote!(#![allow(deprecated)]));
    // The tests name model types (and maps) only where a body or header is of one.
    let models = uses_models(service).then(|| {
        quote!(
            use super::models::*;
        )
    });
    let maps = every_example_type(service).any(uses_map).then(|| {
        quote!(
            use std::collections::BTreeMap;
        )
    });
    quote! {
        #deprecated
        #maps
        #models
        #(#tests)*
    }
}

/// Whether any example's body or shown header is of a model type (or holds one).
fn uses_models(service: &Service) -> bool {
    every_example_type(service).any(mentions_named)
}

/// The types every example's tests read.
fn every_example_type(service: &Service) -> impl Iterator<Item = &Ty> {
    service
        .operations
        .iter()
        .flat_map(|op| op.examples.iter().flat_map(move |e| example_types(op, e)))
}

/// The types an example's tests read: its bodies', and its answer's shown headers'.
fn example_types<'a>(op: &'a Operation, example: &'a Example) -> impl Iterator<Item = &'a Ty> {
    let request = example.request.as_ref().map(|b| &b.ty);
    let response = example.response.iter().flat_map(move |r| {
        let body = match &r.body {
            Some(ExampleResponseBody::Json(body)) => Some(&body.ty),
            _ => None,
        };
        let documented = op.response_for(r.status).into_iter();
        let headers = documented.flat_map(move |d| {
            d.headers
                .iter()
                .filter(move |h| r.headers.iter().any(|(wire, _)| *wire == h.wire))
                .map(|h| &h.ty)
        });
        body.into_iter().chain(headers)
    });
    request.into_iter().chain(response)
}

fn unique(names: &mut BTreeSet<String>, name: String) -> String {
    let mut candidate = name.clone();
    let mut n = 2;
    while !names.insert(candidate.clone()) {
        candidate = format!("{name}_{n}");
        n += 1;
    }
    candidate
}

fn round_trip(service: &Service, name: &str, body: &ExampleBody) -> TokenStream {
    let test = format_ident!("{}", name);
    let ty = rust_ty(&body.ty, service);
    let written = raw_string(&pretty(&body.json));
    let canonical = raw_string(&pretty(&body.canonical));
    quote! {
        #[test]
        fn #test() {
            let value: #ty = specgen_runtime::decode::from_json_slice(#written.as_bytes())
                .expect("the documented example parses and validates");
            let expected: serde_json::Value = serde_json::from_str(#canonical).expect("valid JSON");
            assert_eq!(serde_json::to_value(value).expect("serialisable"), expected);
        }
    }
}

/// The example's header values, each written as the server writes a header (a line per
/// element of a list) and read back as its type by the client's reader, giving the JSON the
/// spec says it means.
fn headers_read_back(
    service: &Service,
    name: &str,
    documented: &Response,
    example: &ExampleResponse,
) -> TokenStream {
    let test = format_ident!("{}", name);
    let checks = example.headers.iter().filter_map(|(wire, value)| {
        let header = documented.headers.iter().find(|h| h.wire == *wire)?;
        let ty = value_ty(&header.ty, &header.constraints, service, false);
        let (kind, many) = kind(&header.ty, service);
        let lines = pairs::texts(value);
        let expected = raw_string(&value.to_string());
        let message = format!("the documented `{wire}` reads as its type");
        Some(quote! {
            let value: #ty = specgen_runtime::wire::header::read([#(#lines),*], specgen_runtime::wire::#kind, #many)
                .expect(#message);
            let expected: serde_json::Value = serde_json::from_str(#expected).expect("valid JSON");
            assert_eq!(serde_json::to_value(value).expect("serialisable"), expected);
        })
    });
    quote! {
        #[test]
        fn #test() {
            #(#checks)*
        }
    }
}

/// Pretty JSON; `Value`'s alternate `Display` is `to_string_pretty`, which cannot fail.
fn pretty(json: &serde_json::Value) -> String {
    format!("{json:#}")
}
