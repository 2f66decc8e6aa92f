//! Which documented example the mock answers with: the success example whose parameters all
//! equal the request's (the one naming the most), else the first. A paged mock pages through
//! its examples: past the last example's page number it answers the page with no items, and
//! where the next page is the `Link` header's, each answer links to the next example's
//! parameters.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value as Json;
use specgen_rules::pairs;

use super::operations::member_of;
use super::tys::{ident, raw_string};
use crate::ir::{
    Example, ExampleResponse, ExampleResponseBody, NextPage, Operation, ParamLocation, Response,
    Service, Ty,
};

/// The examples of the documented success `documented`, in order, each with its answer as
/// the mock sends it: where the next page is the `Link` header's, that header links to the
/// next example (and is left out after the last), whatever the example shows.
pub(super) fn success_examples<'o>(
    op: &'o Operation,
    documented: &Response,
) -> Vec<(&'o Example, ExampleResponse)> {
    let examples: Vec<(&Example, &ExampleResponse)> = op
        .examples
        .iter()
        .filter_map(|e| {
            let r = e.response.as_ref()?;
            let of_documented =
                op.response_for(r.status).map(|d| d.status) == Some(documented.status);
            of_documented.then_some((e, r))
        })
        .collect();
    let link = match op.pagination.as_ref().map(|p| &p.next) {
        Some(NextPage::Link { header }) => documented.headers.iter().find(|h| h.rust == *header),
        _ => None,
    };
    let mut shown: Vec<(&Example, ExampleResponse)> =
        examples.iter().map(|(e, r)| (*e, (*r).clone())).collect();
    if let Some(header) = link {
        for (i, (_, answer)) in shown.iter_mut().enumerate() {
            answer.headers.retain(|(wire, _)| *wire != header.wire);
            if let Some((next, _)) = examples.get(i + 1) {
                let value = Json::String(link_to(op, next));
                let value = match header.ty {
                    Ty::List(_) => Json::Array(vec![value]),
                    _ => value,
                };
                answer.headers.push((header.wire.clone(), value));
            }
        }
    }
    shown
}

/// `match` on the example whose parameters the request's equal, from the answers to each of
/// `examples` (the first where none is picked); `None` where only the first can answer: no
/// later example names a parameter.
pub(super) fn pick(
    examples: &[(&Example, ExampleResponse)],
    answers: &[TokenStream],
) -> Option<TokenStream> {
    if !examples
        .iter()
        .skip(1)
        .any(|(e, _)| !e.parameters.is_empty())
    {
        return None;
    }
    let shown = examples.iter().map(|(e, _)| {
        let parameters: serde_json::Map<String, Json> = e.parameters.iter().cloned().collect();
        raw_string(&Json::Object(parameters).to_string())
    });
    let arms = answers.iter().enumerate().skip(1).map(|(i, answer)| {
        let i = Literal::usize_unsuffixed(i);
        quote!(#i => #answer,)
    });
    let first = answers.first()?;
    Some(quote! {
        match specgen_runtime::server::example_for(&params, &[#(#shown),*]) {
            #(#arms)*
            _ => #first,
        }
    })
}

/// Where the operation counts pages and has examples: the test of a request for a page past
/// the last example's, and the answer to it, the first example's with no items.
pub(super) fn past_last(
    service: &Service,
    op: &Operation,
    documented: &Response,
    examples: &[(&Example, ExampleResponse)],
) -> Option<(TokenStream, ExampleResponse)> {
    let p = op.pagination.as_ref()?;
    let NextPage::Number { parameter } = &p.next else {
        return None;
    };
    let param = op.parameters.iter().find(|q| q.rust == *parameter)?;
    // The page a request without the parameter asks for: its default, else the first.
    let unset = param.default.as_ref().and_then(Json::as_i64).unwrap_or(1);
    let last = examples
        .iter()
        .map(|(e, _)| {
            e.parameters
                .iter()
                .find(|(name, _)| *name == param.wire)
                .and_then(|(_, value)| value.as_i64())
                .unwrap_or(unset)
        })
        .max()?;
    let mut empty = examples.first()?.1.clone();
    if let (Some(ExampleResponseBody::Json(body)), Some(ty)) = (&mut empty.body, &documented.body) {
        match &p.items {
            None => body.canonical = Json::Array(Vec::new()),
            Some(items) => {
                if let (Some(member), Json::Object(members)) =
                    (member_of(service, ty, items), &mut body.canonical)
                {
                    members.insert(member.wire.clone(), Json::Array(Vec::new()));
                }
            }
        }
    }
    let field = ident(&param.rust);
    let asked = match param.default {
        Some(_) => quote!(params.#field),
        None => quote!(params.#field.unwrap_or(1)),
    };
    let last = Literal::i64_unsuffixed(last);
    Some((quote!(#asked > #last), empty))
}

/// The `Link` header value pointing to the answer of `next`: a reference to the request's
/// own path (so it holds under any prefix the mock is served at) with `next`'s query
/// parameters, written as the client writes them.
fn link_to(op: &Operation, next: &Example) -> String {
    let pairs: Vec<String> = op
        .parameters
        .iter()
        .filter(|p| p.location == ParamLocation::Query)
        .filter_map(|p| {
            let (_, value) = next.parameters.iter().find(|(name, _)| *name == p.wire)?;
            // The check stage made every example value one the client can send.
            pairs::query(&p.wire, value, p.style).ok()
        })
        .flatten()
        .map(|(name, text)| format!("{}={}", encode(&name), encode(&text)))
        .collect();
    format!("<?{}>; rel=\"next\"", pairs.join("&"))
}

/// `text` with every byte but RFC 3986's unreserved characters percent-encoded.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
