//! The `mock` module: an implementation of the server trait that answers every operation
//! with its documented success: the example with a 2xx answer that the request's parameters
//! pick (see [`super::mock_examples`]), or, where the docs show none, the smallest body that
//! fits the schema.

use crate::render::Writer;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value as Json;

use super::Options;
use super::forms;
use super::mock_examples;
use super::operations::{construct, response_name};
use super::tys::{ident, raw_string};
use crate::ir::{
    Constraints, ExampleResponse, ExampleResponseBody, Limit, Numeric, Operation, Response,
    ResponseHeader, Rule, Service, Status, Streaming, Tagged, Ty, TypeKind,
};
use specgen_rules::NumberValue;

pub fn mock(
    service: &Service,
    options: &Options,
    out: &mut Writer<'_>,
) -> Result<(), crate::Error> {
    let lang = options.language_for(service);
    let title = service.title.pick(lang).unwrap_or(&service.name);
    let methods = service.operations.iter().map(|op| method(service, op));
    let doc = format!(" {title}, answering every operation with its documented success.");
    let allow = super::allow_deprecated(service);
    let (secret, models) = super::trait_imports(service);
    let scheme = super::auth::several(service).then(|| quote!(_scheme: &'static str,));
    let (mock, accepts) = match service.auth.is_empty() {
        false => (
            quote! {
                /// It accepts any well-formed token, or only the one given to [`Mock::accepting`]
                /// (compared in constant time).
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
                async fn accepts(&self, #scheme token: &Secret) -> bool {
                    self.token
                        .as_ref()
                        .is_none_or(|accepted| accepted.matches(token))
                }
            },
        ),
        true => (
            quote! {
                #[derive(Debug, Clone, Copy, Default)]
                pub struct Mock;
            },
            TokenStream::new(),
        ),
    };
    // A unit struct is its own value.
    let mock_value = if service.auth.is_empty() {
        quote!(Mock)
    } else {
        quote!(Mock::default())
    };
    out.items(quote! {
        #allow
        #secret
        use specgen_runtime::axum::Router;
        use super::{operations, server};
        #models

        #[doc = #doc]
        ///
        /// The answer is the documented example with a 2xx status whose parameters all equal
        /// the request's (the one naming the most), else the first; where the docs show no
        /// such example, the smallest body that fits the schema. A paged operation pages
        /// through its examples.
        #mock
    })?;
    out.block(
        quote!(impl server::Api for Mock),
        std::iter::once(accepts).chain(methods),
    )?;
    out.items(quote! {
        /// A router serving [`Mock`].
        pub fn router() -> Router {
            server::router(#mock_value)
        }
    })
}

fn method(service: &Service, op: &Operation) -> TokenStream {
    let name = ident(&op.name);
    let response = response_name(op);
    let (answer, reads_params) = success(service, op);
    // The trait's inputs, unused but for the parameters that pick an example.
    let args = super::server::inputs(service, op)
        .into_iter()
        .map(|(arg, ty)| {
            let arg = if reads_params && arg == "params" {
                arg
            } else {
                format_ident!("_{}", arg)
            };
            quote!(#arg: #ty)
        });
    quote! {
        async fn #name(&self, #(#args),*) -> operations::#response {
            #answer
        }
    }
}

/// The documented success as an expression of the response enum (see [`mock_examples`]), and
/// whether it reads the request's parameters (`params`) to choose.
fn success(service: &Service, op: &Operation) -> (TokenStream, bool) {
    let documented = op
        .responses
        .iter()
        .find(|r| r.status.is_success())
        .or_else(|| op.responses.first());
    let Some(documented) = documented else {
        // The check stage requires a response, so this is unreachable for checked specs.
        return (
            quote!(unreachable!("an operation documents at least one response")),
            false,
        );
    };
    let examples = mock_examples::success_examples(op, documented);
    let answers: Vec<TokenStream> = examples
        .iter()
        .map(|(_, shown)| answer(service, op, documented, Some(shown)))
        .collect();
    let picked = mock_examples::pick(&examples, &answers);
    let past_last =
        mock_examples::past_last(service, op, documented, &examples).map(|(asked_past, empty)| {
            let empty = answer(service, op, documented, Some(&empty));
            quote!(if #asked_past { return #empty; })
        });
    let reads_params = picked.is_some() || past_last.is_some();
    let chosen = picked
        .or_else(|| answers.first().cloned())
        .unwrap_or_else(|| answer(service, op, documented, None));
    (quote!(#past_last #chosen), reads_params)
}

/// The answer `documented` with what `example` shows: its status, body and headers, each
/// where given (a class or `default` without one answers its representative code).
fn answer(
    service: &Service,
    op: &Operation,
    documented: &Response,
    example: Option<&ExampleResponse>,
) -> TokenStream {
    let response = response_name(op);
    let code = example.map_or_else(|| representative(documented.status), |e| e.status);
    let code = proc_macro2::Literal::u16_unsuffixed(code);
    let shown = example.and_then(|e| e.body.as_ref());
    let body = match documented.forms.as_slice() {
        [] => documented.body.as_ref().map(|ty| match documented.stream {
            None => body_value(service, ty, shown),
            Some(stream) => stream_value(service, ty, stream, shown),
        }),
        // Of bodies by media type, the example's, else the first.
        [first, ..] => {
            let form = example
                .and_then(|e| documented.forms.iter().find(|f| f.media == e.media))
                .unwrap_or(first);
            let name = forms::forms_name(op, documented);
            let v = forms::form_variant(documented, form);
            let value = body_value(service, &form.body, shown);
            Some(quote!(operations::#name::#v(#value)))
        }
    };
    let headers: Vec<TokenStream> = documented
        .headers
        .iter()
        .map(|h| header_value(service, h, example))
        .collect();
    construct(&response, documented, Some(quote!(#code)), body, &headers)
}

/// A header field's initialiser: the example's value, else none for an optional header or
/// a list, else the smallest value of its type.
fn header_value(
    service: &Service,
    header: &ResponseHeader,
    example: Option<&ExampleResponse>,
) -> TokenStream {
    let field = ident(&header.rust);
    let shown = example.and_then(|e| {
        e.headers
            .iter()
            .find(|(wire, _)| *wire == header.wire)
            .map(|(_, v)| v.clone())
    });
    let value = match (shown, &header.ty) {
        (Some(value), _) => value,
        (None, Ty::List(_)) => Json::Array(Vec::new()),
        (None, _) if !header.required => Json::Null,
        (None, ty) => smallest_constrained(service, ty, &header.constraints, &mut Vec::new()),
    };
    let json = raw_string(&value.to_string());
    quote!(#field: specgen_runtime::server::example(#json))
}

/// The code the mock answers a class or `default` with when no example shows one: the
/// class's first (`200` for `2XX`), or 200.
fn representative(status: Status) -> u16 {
    match status {
        Status::Code(code) => code,
        Status::Range(class) => class * 100,
        Status::Default => 200,
    }
}

/// The body value: the example's where it has one, else the smallest that fits.
fn body_value(service: &Service, ty: &Ty, example: Option<&ExampleResponseBody>) -> TokenStream {
    let value = match example {
        Some(ExampleResponseBody::Json(body)) => Some(body.canonical.clone()),
        Some(ExampleResponseBody::Text(text)) if matches!(ty, Ty::String | Ty::Bytes) => {
            Some(Json::String(text.clone()))
        }
        _ => None,
    };
    let value = value.unwrap_or_else(|| smallest(service, ty, &mut Vec::new()));
    if *ty == Ty::Bytes {
        let text = value.as_str().unwrap_or_default();
        let bytes = proc_macro2::Literal::byte_string(text.as_bytes());
        return quote!(specgen_runtime::Bytes::from_static(#bytes));
    }
    if *ty == Ty::String
        && let Json::String(text) = &value
    {
        return quote!(#text.to_owned());
    }
    let json = raw_string(&format!("{value:#}"));
    quote!(specgen_runtime::server::example(#json))
}

/// A streamed body from the example: its bytes, or its list of items (one item, the
/// smallest, where no example shows the list), each item an event where the stream is of
/// events.
fn stream_value(
    service: &Service,
    ty: &Ty,
    stream: Streaming,
    example: Option<&ExampleResponseBody>,
) -> TokenStream {
    if stream == Streaming::Bytes {
        let bytes = body_value(service, ty, example);
        return quote!(specgen_runtime::ByteStream::from(#bytes));
    }
    let items = match example {
        Some(ExampleResponseBody::Json(body)) => body.canonical.clone(),
        _ => Json::Array(vec![smallest(service, ty, &mut Vec::new())]),
    };
    let json = raw_string(&format!("{items:#}"));
    match stream {
        Streaming::Events => quote!(specgen_runtime::server::example_events(#json)),
        _ => quote!(specgen_runtime::server::example_items(#json)),
    }
}

/// The smallest JSON value that fits `ty`: required members only, lists of their minimum
/// length, the first enum value, strings of their minimum length.
fn smallest(service: &Service, ty: &Ty, visiting: &mut Vec<usize>) -> Json {
    match ty {
        Ty::String => Json::String(String::new()),
        Ty::Numeric(_) => Json::from(0),
        Ty::Boolean => Json::Bool(false),
        Ty::Uuid => Json::String(uuid::Uuid::nil().to_string()),
        Ty::Any | Ty::File | Ty::Bytes => Json::Null,
        Ty::List(_) => Json::Array(Vec::new()),
        Ty::Map(..) => Json::Object(serde_json::Map::new()),
        Ty::Nullable(inner) => smallest(service, inner, visiting),
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
                            smallest_constrained(service, &f.ty, &f.constraints, visiting)
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
                TypeKind::Scalar { ty, constraints } => {
                    smallest_constrained(service, ty, constraints, visiting)
                }
                TypeKind::Tagged(tagged) => smallest_tagged(service, tagged, visiting),
            };
            visiting.pop();
            value
        }
    }
}

/// A tagged union's first alternative: its tag, and its smallest value beside it or in the
/// content member.
fn smallest_tagged(service: &Service, tagged: &Tagged, visiting: &mut Vec<usize>) -> Json {
    let mut object = serde_json::Map::new();
    let Some(first) = tagged.alternatives.first() else {
        return Json::Null;
    };
    let value = first.ty.as_ref().map(|ty| smallest(service, ty, visiting));
    match (&tagged.content, value) {
        (_, None) => {}
        (Some(content), Some(value)) => {
            object.insert(content.clone(), value);
        }
        (None, Some(Json::Object(members))) => object.extend(members),
        (None, Some(_)) => {}
    }
    object.insert(tagged.tag.clone(), Json::String(first.wire.clone()));
    Json::Object(object)
}

/// The smallest value of `ty` that meets `constraints`, as far as they can be met without a
/// search: a string's format or length, a number's minimum, a list's least number of items.
fn smallest_constrained(
    service: &Service,
    ty: &Ty,
    constraints: &Constraints,
    visiting: &mut Vec<usize>,
) -> Json {
    // A `const` leaves one value.
    if let Some(value) = constraints
        .iter()
        .find(|c| c.rule == Rule::Const)
        .and_then(|c| c.limit.to_json())
    {
        return value;
    }
    let mut value = smallest(service, ty, visiting);
    match (&mut value, ty) {
        (_, Ty::String) => value = Json::String(smallest_text(constraints)),
        (_, Ty::Numeric(numeric)) => value = nearest_zero(*numeric, constraints),
        (Json::Array(items), Ty::List(item)) => {
            if let Some(n) = constraints.count(Rule::MinItems) {
                let one = smallest(service, item, visiting);
                items.extend(std::iter::repeat_n(one, n as usize));
                if constraints.iter().any(|c| c.rule == Rule::UniqueItems) {
                    make_distinct(items, item);
                }
            }
        }
        _ => {}
    }
    value
}

/// Items of a plain text or whole-number type made different from one another (`a`, `b`, …;
/// the made-up number, then one more each), for a list with `unique_items` and `min_items`.
fn make_distinct(items: &mut [Json], item: &Ty) {
    for (i, value) in items.iter_mut().enumerate() {
        match item {
            Ty::String => *value = Json::String(letters(i)),
            Ty::Numeric(numeric) if numeric.is_integer() => {
                *value = Json::from(value.as_i64().unwrap_or(0).saturating_add(i as i64));
            }
            _ => {}
        }
    }
}

/// `a`…`z`, then `ba`, `bb`…: a different text for each index.
fn letters(mut i: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(char::from(b'a' + (i % 26) as u8));
        i /= 26;
        if i == 0 {
            break;
        }
    }
    out.iter().rev().collect()
}

/// The value of `numeric` nearest to zero that its range and `constraints` allow: zero where
/// it lies between the bounds, else the bound on zero's side (rounded inwards to a whole
/// number for an integer type).
fn nearest_zero(numeric: Numeric, constraints: &Constraints) -> Json {
    let row = numeric.definition();
    let bound = |rule: Rule, otherwise: NumberValue| {
        let written = constraints.iter().find_map(|c| match c.limit {
            Limit::Number(n) if c.rule == rule => Some(n),
            _ => None,
        });
        written.unwrap_or(otherwise)
    };
    let (low, high) = (bound(Rule::Minimum, row.min), bound(Rule::Maximum, row.max));
    let zero = NumberValue::Int(0);
    let value = if !low.at_most(zero) {
        rounded(low, row.integer, f64::ceil)
    } else if !high.at_least(zero) {
        rounded(high, row.integer, f64::floor)
    } else {
        zero
    };
    value.to_json().map_or(Json::Null, Json::Number)
}

/// `value`, made whole with `round` where it must be an integer.
fn rounded(value: NumberValue, integer: bool, round: fn(f64) -> f64) -> NumberValue {
    match value {
        NumberValue::Float(v) if integer => NumberValue::Int(round(v) as i128),
        other => other,
    }
}

/// The shortest text a string field's constraints allow, as far as they can be met without a
/// search: a sample of its format, else a text made from its pattern, else its minimum length
/// of `a`s.
fn smallest_text(constraints: &Constraints) -> String {
    let min = constraints.count(Rule::MinLength).unwrap_or(0) as usize;
    let max = constraints.count(Rule::MaxLength).map(|n| n as usize);
    let pattern = constraints.iter().find_map(|c| match &c.limit {
        Limit::Pattern(pattern) => Some(pattern),
        _ => None,
    });
    match (constraints.format(), pattern) {
        (Some(format), _) => format.sample().to_owned(),
        (None, Some(pattern)) => specgen_rules::sample::text_matching(pattern, min, max)
            .unwrap_or_else(|| "a".repeat(min)),
        (None, None) => "a".repeat(min),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::ir::Constraint;

    fn bounded(bounds: &[(Rule, NumberValue)]) -> Constraints {
        Constraints(
            bounds
                .iter()
                .map(|(rule, n)| Constraint {
                    rule: *rule,
                    limit: Limit::Number(*n),
                })
                .collect(),
        )
    }

    #[test]
    fn made_up_texts_keep_their_pattern_and_lengths() {
        let rules = |pattern: &str, min: u64| {
            Constraints(vec![
                Constraint {
                    rule: Rule::MinLength,
                    limit: Limit::Count(min),
                },
                Constraint {
                    rule: Rule::Pattern,
                    limit: Limit::Pattern(specgen_rules::Pattern::new(pattern).expect("valid")),
                },
            ])
        };
        // Oxide's names: a letter first, no UUID, no `-` last.
        let name = "^(?![0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$)^[a-z][a-z0-9-]*[a-zA-Z0-9]$";
        assert_eq!(smallest_text(&rules(name, 0)), "aa");
        assert_eq!(smallest_text(&rules("^[A-Z]{2}[0-9]+$", 4)), "AA00");
        // A pattern no text is made for plainly falls back to the minimum length.
        assert_eq!(smallest_text(&rules("^(?=.*[0-9])[a-z]+$", 3)), "aaa");
    }

    #[test]
    fn made_up_unique_items_differ() {
        let mut texts = vec![Json::Null; 28];
        make_distinct(&mut texts, &Ty::String);
        let distinct: std::collections::BTreeSet<String> =
            texts.iter().map(|t| t.to_string()).collect();
        assert_eq!(distinct.len(), 28);
        let mut numbers = vec![json!(5); 3];
        make_distinct(&mut numbers, &Ty::Numeric(Numeric::Int32));
        assert_eq!(numbers, [json!(5), json!(6), json!(7)]);
    }

    #[test]
    fn made_up_numbers_lie_within_range_and_bounds() {
        use NumberValue::{Float, Int};
        let cases = [
            (Numeric::Uint8, vec![], json!(0)),
            (Numeric::Uint64, vec![(Rule::Minimum, Int(3))], json!(3)),
            (Numeric::Int16, vec![(Rule::Maximum, Int(-5))], json!(-5)),
            (Numeric::Int32, vec![(Rule::Minimum, Float(0.5))], json!(1)),
            (Numeric::Int8, vec![(Rule::Maximum, Float(-0.5))], json!(-1)),
            (
                Numeric::Float32,
                vec![(Rule::Minimum, Float(0.25))],
                json!(0.25),
            ),
            (
                Numeric::Number,
                vec![(Rule::Maximum, Float(-1.5))],
                json!(-1.5),
            ),
            (
                Numeric::Int64,
                vec![(Rule::Minimum, Int(-9)), (Rule::Maximum, Int(9))],
                json!(0),
            ),
        ];
        for (numeric, bounds, expected) in cases {
            assert_eq!(
                nearest_zero(numeric, &bounded(&bounds)),
                expected,
                "{numeric:?}"
            );
        }
    }
}
