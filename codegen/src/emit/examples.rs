//! Tests generated from the documented examples: each parses into its model, validates, and
//! writes back the JSON the spec says it means.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::tys::{raw_string, rust_ty};
use crate::ir::{ExampleBody, ExampleResponseBody, Service};

pub fn examples(service: &Service) -> TokenStream {
    let mut names = BTreeSet::new();
    let mut tests = Vec::new();
    for op in &service.operations {
        for example in &op.examples {
            if let Some(body) = &example.request {
                let name = unique(&mut names, format!("{}_{}_request", op.name, example.name));
                tests.push(round_trip(service, &name, body));
            }
            if let Some(response) = &example.response
                && let Some(ExampleResponseBody::Json(body)) = &response.body
            {
                let name = unique(
                    &mut names,
                    format!("{}_{}_response_{}", op.name, example.name, response.status),
                );
                tests.push(round_trip(service, &name, body));
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
    quote! {
        #deprecated
        use super::models::*;
        #(#tests)*
    }
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
            assert_eq!(serde_json::to_value(&value).expect("serialisable"), expected);
        }
    }
}

/// Pretty JSON; `Value`'s alternate `Display` is `to_string_pretty`, which cannot fail.
fn pretty(json: &serde_json::Value) -> String {
    format!("{json:#}")
}
