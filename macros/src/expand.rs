//! Generates `impl Validate` from the [`Container`] model.

use proc_macro2::{Ident, Literal, Span, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::{DeriveInput, GenericParam, Type};

use crate::ast::{Container, Data, Field, Segment, Variant};
use specgen_rules::{Constant, Kind, Limit, NumberValue};
use syn::LitStr;

use crate::attr::Check;
use crate::ctxt::Ctxt;

pub(crate) fn derive(input: &DeriveInput) -> syn::Result<TokenStream> {
    let mut cx = Ctxt::default();
    let container = Container::from_ast(&mut cx, input);
    cx.check()?;
    let Some(container) = container else {
        // Unreachable in practice: no model means an error was recorded.
        return Ok(TokenStream::new());
    };

    let ident = container.ident;
    let body = match &container.data {
        Data::Struct(fields) => struct_body(fields),
        Data::Enum(variants) => enum_body(variants),
    };
    let mut generics = container.generics.clone();
    add_nested_bounds(&mut generics, &container.data);
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();

    Ok(quote! {
        #[doc(hidden)]
        // `deprecated`: models may deprecate fields and types; checking them is still right.
        // `trivial_regex`: spec patterns are data, not code to simplify.
        #[allow(non_upper_case_globals, unused_qualifications, deprecated, clippy::trivial_regex)]
        const _: () = {
            #[automatically_derived]
            impl #impl_generics ::specgen_runtime::Validate for #ident #ty_generics #where_clause {
                fn validate_at(
                    &self,
                    __path: &::specgen_runtime::Path<'_>,
                    __errors: &mut ::specgen_runtime::ValidationErrors,
                ) {
                    #body
                }
            }
        };
    })
}

fn struct_body(fields: &[Field<'_>]) -> TokenStream {
    if fields.is_empty() {
        return TokenStream::new();
    }
    let pattern = bindings(fields);
    let checks = fields
        .iter()
        .enumerate()
        .map(|(i, field)| field_checks(i, field));
    quote! {
        let Self { #pattern .. } = self;
        #(#checks)*
    }
}

fn enum_body(variants: &[Variant<'_>]) -> TokenStream {
    if variants.is_empty() {
        return quote!(match *self {});
    }
    let arms = variants.iter().map(|variant| {
        let ident = variant.ident;
        let pattern = bindings(&variant.fields);
        let unknown = variant.unknown.map(|span| {
            quote_spanned!(span=> ::specgen_runtime::rules::unknown_variant(__path, __errors);)
        });
        let checks = variant
            .fields
            .iter()
            .enumerate()
            .map(|(i, field)| field_checks(i, field));
        quote! {
            Self::#ident { #pattern .. } => {
                #unknown
                #(#checks)*
            }
        }
    });
    // Untagged-style: a variant's fields sit at the enum's own path.
    quote! {
        match self {
            #(#arms)*
        }
    }
}

/// `member: __field0, ...` for a brace pattern, which also matches tuple members (`0: x`).
fn bindings(fields: &[Field<'_>]) -> TokenStream {
    let entries = fields.iter().enumerate().map(|(i, field)| {
        let member = &field.member;
        let binding = binding(i, Span::call_site());
        quote!(#member: #binding,)
    });
    quote!(#(#entries)*)
}

/// The local holding a reference to field `i`. Uses of it carry the rule's span, so a
/// rule applied to a field type that cannot take it is reported at the attribute.
fn binding(i: usize, span: Span) -> Ident {
    format_ident!("__field{}", i, span = span)
}

fn field_checks(i: usize, field: &Field<'_>) -> TokenStream {
    let field_path = match &field.segment {
        Segment::Name(name) => quote!(&::specgen_runtime::Path::field(__path, #name)),
        Segment::Index(index) => {
            let index = Literal::usize_unsuffixed(*index);
            quote!(&::specgen_runtime::Path::index(__path, #index))
        }
        Segment::Same => quote!(__path),
    };
    let checks = field.rules.checks.iter().map(|check| check_call(i, check));
    let nested = field.rules.nested.map(|span| {
        let value = binding(i, span);
        quote_spanned!(span=> ::specgen_runtime::Validate::validate_at(#value, __field_path, __errors);)
    });
    let custom = field.rules.custom.iter().map(|function| {
        let span = path_span(function);
        let value = binding(i, span);
        quote_spanned!(span=> #function(#value, __field_path, __errors);)
    });
    quote! {
        {
            let __field_path: &::specgen_runtime::Path<'_> = #field_path;
            #(#checks)*
            #nested
            #(#custom)*
        }
    }
}

fn check_call(i: usize, check: &Check) -> TokenStream {
    let span = check.span;
    let value = binding(i, span);
    let rules = quote_spanned!(span=> ::specgen_runtime::rules);
    // A fieldless enum's `Debug` is its variant's name, so the call names the table's row.
    let rule = Ident::new(&format!("{:?}", check.rule), span);
    let rule = quote_spanned!(span=> #rules::Rule::#rule);
    match (check.rule.kind(), &check.limit) {
        (Kind::Length { .. }, Limit::Count(limit)) => {
            let limit = Literal::u64_suffixed(*limit);
            quote_spanned!(span=> #rules::length(#rule, #value, #limit, __field_path, __errors);)
        }
        (Kind::Items { .. }, Limit::Count(limit)) => {
            let limit = Literal::u64_suffixed(*limit);
            quote_spanned!(span=> #rules::items(#rule, #value, #limit, __field_path, __errors);)
        }
        (Kind::Number { .. }, Limit::Number(bound)) => {
            let bound = number(*bound);
            quote_spanned!(span=> #rules::number(#rule, #value, #bound, __field_path, __errors);)
        }
        (Kind::Pattern { .. }, Limit::Pattern(pattern)) => {
            let source = LitStr::new(pattern.as_str(), span);
            quote_spanned! {span=>
                {
                    const __SOURCE: &str = #source;
                    // Compiled once, on first use; the macro already checked it compiles.
                    static __PATTERN: ::specgen_runtime::__private::LazyLock<
                        ::specgen_runtime::Pattern,
                    > = ::specgen_runtime::__private::LazyLock::new(|| {
                        ::specgen_runtime::Pattern::new(__SOURCE).expect("checked at compile time")
                    });
                    #rules::pattern(#value, &__PATTERN, __SOURCE, __field_path, __errors);
                }
            }
        }
        (Kind::Format { .. }, Limit::Format(format)) => {
            let format = Ident::new(&format!("{format:?}"), span);
            quote_spanned! {span=>
                #rules::format(#value, ::specgen_runtime::Format::#format, __field_path, __errors);
            }
        }
        (Kind::Distinct { .. }, Limit::Distinct) => {
            quote_spanned!(span=> #rules::distinct(#rule, #value, __field_path, __errors);)
        }
        (Kind::Constant { .. }, Limit::Constant(constant)) => {
            let constant = constant_tokens(constant);
            quote_spanned! {span=>
                #rules::constant(#value, &#constant, __field_path, __errors);
            }
        }
        // The parser reads each rule's limit by its kind, so the two always agree.
        _ => {
            quote_spanned!(span=> ::core::compile_error!("specgen: a rule's limit does not fit its kind");)
        }
    }
}

/// A `const` value as the runtime names it, without allocating.
fn constant_tokens(constant: &Constant) -> TokenStream {
    match constant {
        Constant::Text(text) => {
            let text = text.as_ref();
            quote!(::specgen_runtime::Constant::Text(::std::borrow::Cow::Borrowed(#text)))
        }
        Constant::Number(number) => {
            let number = self::number(*number);
            quote!(::specgen_runtime::Constant::Number(#number))
        }
        Constant::Bool(b) => quote!(::specgen_runtime::Constant::Bool(#b)),
    }
}

fn number(bound: NumberValue) -> TokenStream {
    match bound {
        NumberValue::Int(value) => {
            let magnitude = Literal::u128_unsuffixed(value.unsigned_abs());
            let sign = (value < 0).then(|| quote!(-));
            quote!(::specgen_runtime::NumberValue::Int(#sign #magnitude))
        }
        NumberValue::Float(value) => {
            let magnitude = Literal::f64_unsuffixed(value.abs());
            let sign = value.is_sign_negative().then(|| quote!(-));
            quote!(::specgen_runtime::NumberValue::Float(#sign #magnitude))
        }
    }
}

fn path_span(path: &syn::Path) -> Span {
    path.segments
        .last()
        .map_or_else(Span::call_site, |segment| segment.ident.span())
}

/// `T: Validate` for every `nested` field whose type mentions a type parameter, like
/// serde infers `T: Deserialize`; concrete types need no bound.
fn add_nested_bounds(generics: &mut syn::Generics, data: &Data<'_>) {
    let params: Vec<Ident> = generics
        .params
        .iter()
        .filter_map(|param| match param {
            GenericParam::Type(param) => Some(param.ident.clone()),
            _ => None,
        })
        .collect();
    if params.is_empty() {
        return;
    }
    let fields: Vec<&Field<'_>> = match data {
        Data::Struct(fields) => fields.iter().collect(),
        Data::Enum(variants) => variants.iter().flat_map(|v| &v.fields).collect(),
    };
    let where_clause = generics.make_where_clause();
    for field in fields {
        if field.rules.nested.is_some() && mentions_any(field.ty, &params) {
            let ty = field.ty;
            where_clause
                .predicates
                .push(syn::parse_quote!(#ty: ::specgen_runtime::Validate));
        }
    }
}

fn mentions_any(ty: &Type, params: &[Ident]) -> bool {
    fn walk(tokens: TokenStream, params: &[Ident]) -> bool {
        tokens.into_iter().any(|token| match token {
            TokenTree::Ident(ident) => params.contains(&ident),
            TokenTree::Group(group) => walk(group.stream(), params),
            _ => false,
        })
    }
    walk(ty.to_token_stream(), params)
}
