//! The `models` module: one serde type per named type, with doc comments and validation rules.

use crate::render::Writer;
use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens, quote};
use specgen_rules::{Constant, Derive, NumberValue};

use super::Options;
use super::docs::{deprecated, doc, doc_lines};
use super::tys::{ident, is_eq, needs_nested, raw_string, rust_ty, uses_map, value_ty};
use crate::ir::{
    Alternative, Constraints, Extra, Field, IntVariant, Limit, Service, StringVariant, Ty, TypeDef,
    TypeKind,
};

pub fn models(
    service: &Service,
    options: &Options,
    out: &mut Writer<'_>,
) -> Result<(), crate::Error> {
    let lang = options.language_for(service);
    let map_import = service.types.iter().any(|t| match &t.kind {
        TypeKind::Struct { fields, extra } => {
            // A typed `open:` keeps its members in a `BTreeMap`.
            extra.as_ref().is_some_and(|e| e.ty != Ty::Any)
                || fields.iter().any(|f| uses_map(&f.ty))
        }
        TypeKind::Union(alts) => alts.iter().any(|a| uses_map(&a.ty)),
        TypeKind::Scalar { ty, .. } => uses_map(ty),
        TypeKind::Tagged(tagged) => tagged
            .alternatives
            .iter()
            .any(|a| a.ty.as_ref().is_some_and(uses_map)),
        _ => false,
    });
    // A service whose bodies are all plain types has no models to derive.
    let derives = (!service.types.is_empty()).then(|| {
        quote! {
            use serde::{Deserialize, Serialize};
            use specgen_runtime::Validate;
        }
    });
    let map_import = map_import.then(|| {
        quote!(
            use std::collections::BTreeMap;
        )
    });
    // The derives and impls below name deprecated items themselves; users still get the warning.
    let allow = super::allow_deprecated(service);
    out.items(quote! {
        #allow
        #map_import
        #derives
    })?;
    for (index, def) in service.types.iter().enumerate() {
        out.items(type_def(service, index, def, lang))?;
    }
    out.items(super::xml::objects(service))
}

fn type_def(service: &Service, index: usize, def: &TypeDef, lang: &str) -> TokenStream {
    let mut extra_doc = Vec::new();
    if let Some(original) = def.request_shape_of {
        extra_doc.push(String::new());
        extra_doc.push(format!(
            "The request form of [`{}`]: the fields the server sets are left out.",
            service.types[original].name
        ));
    }
    let docs = doc(lang, &[&def.description]);
    let extra_doc = doc_lines(&extra_doc);
    let deprecated = deprecated(lang, def.deprecated.as_ref());
    let name = ident(&def.name);
    let body = match &def.kind {
        TypeKind::Struct { fields, extra } => {
            structure(service, index, &name, fields, extra.as_ref(), lang)
        }
        TypeKind::StringEnum(variants) => string_enum(&name, variants, lang),
        TypeKind::IntEnum(variants) => int_enum(&name, variants, lang),
        TypeKind::Scalar { ty, constraints } => scalar(service, index, &name, ty, constraints),
        TypeKind::Tagged(tagged) => super::tagged::tagged_union(service, index, &name, tagged),
        TypeKind::Union(alternatives) => untagged_union(service, index, &name, alternatives),
    };
    quote! {
        #docs
        #extra_doc
        #deprecated
        #body
    }
}

/// An untagged union: written as its alternative's value, read as the first alternative that
/// reads and keeps its rules (`specgen_runtime::untagged`).
fn untagged_union(
    service: &Service,
    index: usize,
    name: &proc_macro2::Ident,
    alternatives: &[Alternative],
) -> TokenStream {
    let eq = is_eq(&Ty::Named(index), service, &mut Vec::new()).then(|| quote!(Eq,));
    let variants = alternatives.iter().map(|a| {
        let v = ident(&a.rust);
        let ty = rust_ty(&a.ty, service);
        let ty = if a.boxed { quote!(Box<#ty>) } else { ty };
        let nested = needs_nested(&a.ty).then(|| quote!(#[validate(nested)]));
        quote!(#v(#nested #ty),)
    });
    let reads = alternatives.iter().map(|a| {
        let v = ident(&a.rust);
        quote!(|value| specgen_runtime::untagged::alternative(value).map(Self::#v),)
    });
    let count = proc_macro2::Literal::usize_unsuffixed(alternatives.len());
    let written = name.to_string();
    quote! {
        #[derive(Debug, Clone, PartialEq, #eq Serialize, Validate)]
        #[serde(untagged)]
        pub enum #name { #(#variants)* }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let alternatives: [specgen_runtime::untagged::Alternative<Self>; #count] = [#(#reads)*];
                specgen_runtime::untagged::first_valid(deserializer, #written, &alternatives)
            }
        }
    }
}

fn structure(
    service: &Service,
    index: usize,
    name: &proc_macro2::Ident,
    fields: &[Field],
    extra: Option<&Extra>,
    lang: &str,
) -> TokenStream {
    let camel = fields.len() > 1
        && fields
            .iter()
            .all(|f| f.wire == heck::ToLowerCamelCase::to_lower_camel_case(bare(&f.rust)));
    let rename_all = camel.then(|| quote!(#[serde(rename_all = "camelCase")]));
    let members = fields
        .iter()
        .map(|f| member(service, f, camel, lang, false, Some(name)));
    let defaults = fields
        .iter()
        .any(|f| f.default.is_some())
        .then(|| field_defaults(service, name, fields, extra));
    let extra = extra.map(|e| extra_member(service, e));
    // With documented defaults, `Default` is written out from them.
    let derive_default = fields.iter().all(|f| !f.required) && defaults.is_none();
    let default = derive_default.then(|| quote!(Default,));
    let eq = is_eq(&Ty::Named(index), service, &mut Vec::new()).then(|| quote!(Eq,));
    quote! {
        #[derive(Debug, Clone, #default PartialEq, #eq Serialize, Deserialize, Validate)]
        #rename_all
        pub struct #name {
            #(#members)*
            #extra
        }

        #defaults
    }
}

/// The field keeping the members the spec does not list: as sent (any JSON), or each of the
/// type `open:` gives, checked as that type is.
fn extra_member(service: &Service, extra: &Extra) -> TokenStream {
    let field = ident(&extra.rust);
    if extra.ty == Ty::Any {
        return quote! {
            /// Fields the spec does not list, kept as sent.
            #[serde(flatten)]
            pub #field: serde_json::Map<String, serde_json::Value>,
        };
    }
    let ty = rust_ty(&extra.ty, service);
    let nested = needs_nested(&extra.ty).then(|| quote!(#[validate(nested)]));
    quote! {
        /// Fields the spec does not list, each of the type it gives them.
        #[serde(flatten)]
        #nested
        pub #field: BTreeMap<String, #ty>,
    }
}

/// The documented default of each field that has one, as a function serde calls for an
/// absent field; and `Default`, when no field is required, from those defaults.
fn field_defaults(
    service: &Service,
    name: &proc_macro2::Ident,
    fields: &[Field],
    extra: Option<&Extra>,
) -> TokenStream {
    let functions = fields.iter().filter_map(|f| {
        let json = raw_string(&f.default.as_ref()?.to_string());
        let function = default_fn(f);
        let ty = value_ty(&f.ty, &f.constraints, service, false);
        let ty = if f.boxed { quote!(Box<#ty>) } else { ty };
        // A nullable field's default may be `null`: the value is an `Option`.
        let ty = if f.nullable { quote!(Option<#ty>) } else { ty };
        let doc = format!(" The documented default of `{}`.", f.wire);
        Some(quote! {
            #[doc = #doc]
            fn #function() -> #ty {
                specgen_runtime::wire::default_value(#json)
            }
        })
    });
    let default = fields.iter().all(|f| !f.required).then(|| {
        let inits = fields.iter().map(|f| {
            let field = ident(&f.rust);
            match &f.default {
                Some(_) => {
                    let function = default_fn(f);
                    quote!(#field: Self::#function(),)
                }
                None => quote!(#field: None,),
            }
        });
        let extra = extra.map(|e| {
            let field = ident(&e.rust);
            quote!(#field: Default::default(),)
        });
        quote! {
            impl Default for #name {
                fn default() -> Self {
                    Self { #(#inits)* #extra }
                }
            }
        }
    });
    quote! {
        impl #name {
            #(#functions)*
        }

        #default
    }
}

/// `default_per_page`: the function giving a field's documented default.
fn default_fn(f: &Field) -> proc_macro2::Ident {
    quote::format_ident!("default_{}", bare(&f.rust))
}

/// A named scalar: a newtype over its type, validated by its constraints, converted from and
/// dereferenced to the value it wraps, and on the wire exactly that value.
fn scalar(
    service: &Service,
    index: usize,
    name: &proc_macro2::Ident,
    ty: &Ty,
    constraints: &Constraints,
) -> TokenStream {
    let held = service.date_types.held(ty, constraints).is_some();
    let inner = value_ty(ty, constraints, service, false);
    let rules = rules(constraints, needs_nested(ty), held);
    let eq = is_eq(&Ty::Named(index), service, &mut Vec::new()).then(|| quote!(Eq,));
    // Plain values print as themselves; lists and maps have no one text.
    let display = (!matches!(ty, Ty::List(_) | Ty::Map(..))).then(|| {
        quote! {
            impl std::fmt::Display for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    self.0.fmt(f)
                }
            }
        }
    });
    let from_str = (*ty == Ty::String && !held).then(|| {
        quote! {
            impl From<&str> for #name {
                fn from(value: &str) -> Self {
                    Self(value.to_owned())
                }
            }
        }
    });
    quote! {
        #[derive(Debug, Clone, PartialEq, #eq Serialize, Deserialize, Validate)]
        #[serde(transparent)]
        pub struct #name(#rules pub #inner);

        impl From<#inner> for #name {
            fn from(value: #inner) -> Self {
                Self(value)
            }
        }

        #from_str

        impl std::ops::Deref for #name {
            type Target = #inner;

            fn deref(&self) -> &#inner {
                &self.0
            }
        }

        #display
    }
}

fn bare(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// A struct field; `qualified` names model types from outside the `models` module; `owner`
/// is the struct, whose functions give the fields' defaults.
pub(super) fn member(
    service: &Service,
    f: &Field,
    camel: bool,
    lang: &str,
    qualified: bool,
    owner: Option<&proc_macro2::Ident>,
) -> TokenStream {
    let mut notes = Vec::new();
    if f.read_only {
        notes.push("Set by the server; never sent in a request.".to_string());
    }
    if let Some(default) = &f.default {
        notes.push(format!("`{default}` when absent."));
    }
    let docs = doc(lang, &[&f.description]);
    let notes = if notes.is_empty() {
        TokenStream::new()
    } else {
        let mut lines = if f.description.pick(lang).is_some() {
            vec![String::new()]
        } else {
            Vec::new()
        };
        lines.extend(notes);
        doc_lines(&lines)
    };
    let deprecated = deprecated(lang, f.deprecated.as_ref());
    let rename = (!camel && f.wire != bare(&f.rust)).then(|| {
        let wire = &f.wire;
        quote!(#[serde(rename = #wire)])
    });
    let inner = value_ty(&f.ty, &f.constraints, service, qualified);
    // A field in a cycle of types needs a box to have a size.
    let inner = if f.boxed { quote!(Box<#inner>) } else { inner };
    let (ty, presence) = match (f.required, f.nullable) {
        (true, false) => (inner, TokenStream::new()),
        // Absent: the documented default (and `null` is `None`, for a nullable field).
        (false, nullable) if f.default.is_some() => {
            let path = owner.map(|o| format!("{o}::{}", default_fn(f)));
            if nullable {
                let presence =
                    quote!(#[serde(default = #path, deserialize_with = "Option::deserialize")]);
                (quote!(Option<#inner>), presence)
            } else {
                (inner, quote!(#[serde(default = #path)]))
            }
        }
        // Required but nullable: present, maybe null. `deserialize_with` makes absence an error.
        (true, true) => (
            quote!(Option<#inner>),
            quote!(#[serde(deserialize_with = "Option::deserialize")]),
        ),
        // Absent or a value; `null` is refused, as the spec does not allow it.
        (false, false) => (
            quote!(Option<#inner>),
            quote!(#[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "specgen_runtime::optional::deserialize")]),
        ),
        // Absent, null and a value are three different things here.
        (false, true) => (
            quote!(Option<Option<#inner>>),
            quote!(#[serde(default, skip_serializing_if = "Option::is_none", with = "specgen_runtime::nullable")]),
        ),
    };
    let held = service.date_types.held(&f.ty, &f.constraints).is_some();
    let rules = rules(&f.constraints, needs_nested(&f.ty), held);
    let name = ident(&f.rust);
    quote! {
        #docs
        #notes
        #deprecated
        #rename
        #presence
        #rules
        pub #name: #ty,
    }
}

/// `#[validate(...)]` for a field's constraints, each written as the table's row says; the
/// bounds of `range(...)` go together where the first of them stands. A format `held` in a
/// type of its own (bytes, a `time` value) was checked when the value was read, and is left
/// out.
pub(crate) fn rules(c: &Constraints, nested: bool, held: bool) -> TokenStream {
    let mut rules = Vec::new();
    let mut range = Vec::new();
    let mut range_at = None;
    for constraint in c.iter() {
        let value = limit_tokens(&constraint.limit);
        match constraint.rule.definition().derive {
            Derive::Assign => {
                let key = ident(constraint.rule.key());
                rules.push(quote!(#key = #value));
            }
            Derive::Range(bound) => {
                let bound = ident(bound);
                range.push(quote!(#bound = #value));
                range_at.get_or_insert(rules.len());
            }
            Derive::FormatWord if held => {}
            Derive::FormatWord => rules.push(value),
        }
    }
    if let Some(at) = range_at {
        rules.insert(at, quote!(range(#(#range),*)));
    }
    if nested {
        rules.push(quote!(nested));
    }
    if rules.is_empty() {
        TokenStream::new()
    } else {
        quote!(#[validate(#(#rules),*)])
    }
}

/// A limit as `#[validate(...)]` writes it: `20`, `-1.5`, `"^[a-z]+$"`, `email`.
fn limit_tokens(limit: &Limit) -> TokenStream {
    match limit {
        Limit::Count(n) => Literal::u64_unsuffixed(*n).to_token_stream(),
        Limit::Number(NumberValue::Int(n)) => {
            let magnitude = Literal::u128_unsuffixed(n.unsigned_abs());
            let sign = (*n < 0).then(|| quote!(-));
            quote!(#sign #magnitude)
        }
        Limit::Number(NumberValue::Float(n)) => {
            let magnitude = Literal::f64_unsuffixed(n.abs());
            let sign = n.is_sign_negative().then(|| quote!(-));
            quote!(#sign #magnitude)
        }
        Limit::Pattern(pattern) => Literal::string(pattern.as_str()).to_token_stream(),
        Limit::Format(format) => ident(format.derive_name()).to_token_stream(),
        Limit::Constant(Constant::Text(text)) => Literal::string(text).to_token_stream(),
        Limit::Constant(Constant::Number(number)) => limit_tokens(&Limit::Number(*number)),
        Limit::Constant(Constant::Bool(b)) => quote!(#b),
        Limit::Distinct => quote!(true),
    }
}

/// A catch-all variant name no documented value uses.
pub(super) fn unknown_name(taken: impl Fn(&str) -> bool) -> proc_macro2::Ident {
    let name = ["Unknown", "Other", "UnknownValue", "Unlisted"]
        .into_iter()
        .find(|n| !taken(n))
        .unwrap_or("UnknownValue_");
    ident(name)
}

fn string_enum(name: &proc_macro2::Ident, variants: &[StringVariant], lang: &str) -> TokenStream {
    let unknown = unknown_name(|n| variants.iter().any(|v| v.rust == n));
    let defs = variants.iter().map(|v| {
        let docs = doc(lang, &[&v.description]);
        let id = ident(&v.rust);
        quote!(#docs #id,)
    });
    let to_wire = variants.iter().map(|v| {
        let id = ident(&v.rust);
        let wire = &v.wire;
        quote!(Self::#id => #wire,)
    });
    let from_wire = variants.iter().map(|v| {
        let id = ident(&v.rust);
        let wire = &v.wire;
        quote!(#wire => Self::#id,)
    });
    quote! {
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Validate)]
        pub enum #name {
            #(#defs)*
            /// A value the spec does not list (yet): kept when decoding, rejected by validation.
            #[validate(unknown)]
            #unknown(String),
        }

        impl #name {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_wire)*
                    Self::#unknown(value) => value,
                }
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_wire)*
                    other => Self::#unknown(other.to_string()),
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = std::borrow::Cow::<str>::deserialize(deserializer)?;
                Ok(Self::from(value.as_ref()))
            }
        }
    }
}

/// An integer enum: the variants, a catch-all for unlisted numbers, conversions and serde.
fn int_enum(name: &proc_macro2::Ident, variants: &[IntVariant], lang: &str) -> TokenStream {
    let unknown = unknown_name(|n| variants.iter().any(|v| v.rust == n));
    let defs = variants.iter().map(|v| int_variant(v, lang));
    let conversions = int_conversions(variants, &unknown);
    let serde = int_serde(name, variants);
    quote! {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Validate)]
        pub enum #name {
            #(#defs)*
            /// A number the spec does not list (yet): kept when decoding, rejected by validation.
            #[validate(unknown)]
            #unknown(i64),
        }

        impl #name {
            #conversions
        }

        #serde
    }
}

/// An integer enum's variant, its docs ending with its number and name on the wire.
fn int_variant(v: &IntVariant, lang: &str) -> TokenStream {
    let docs = doc(lang, &[&v.description]);
    let id = ident(&v.rust);
    let wire = format!(
        " `{}` on the wire; `\"{}\"` is accepted too.",
        v.value, v.name
    );
    let docs = if v.description.pick(lang).is_some() {
        quote!(#docs #[doc = ""] #[doc = #wire])
    } else {
        quote!(#[doc = #wire])
    };
    quote!(#docs #id,)
}

/// `value`, `from_value` and `from_name`: an integer enum to and from its numbers and names.
fn int_conversions(variants: &[IntVariant], unknown: &proc_macro2::Ident) -> TokenStream {
    let to_value = variants.iter().map(|v| {
        let id = ident(&v.rust);
        let value = Literal::i64_unsuffixed(v.value);
        quote!(Self::#id => #value,)
    });
    let from_value = variants.iter().map(|v| {
        let id = ident(&v.rust);
        let value = Literal::i64_unsuffixed(v.value);
        quote!(#value => Self::#id,)
    });
    let names = variants.iter().map(|v| {
        let id = ident(&v.rust);
        let n = &v.name;
        quote!((#n, Self::#id))
    });
    quote! {
        /// The number sent on the wire.
        pub fn value(self) -> i64 {
            match self {
                #(#to_value)*
                Self::#unknown(value) => value,
            }
        }

        pub fn from_value(value: i64) -> Self {
            match value {
                #(#from_value)*
                other => Self::#unknown(other),
            }
        }

        /// The variant with this documented name, in any letter case.
        pub fn from_name(name: &str) -> Option<Self> {
            [#(#names),*]
                .into_iter()
                .find(|(known, _)| known.eq_ignore_ascii_case(name))
                .map(|(_, variant)| variant)
        }
    }
}

/// Serde for an integer enum: sent as its number, read from its number or its name.
fn int_serde(name: &proc_macro2::Ident, variants: &[IntVariant]) -> TokenStream {
    let expected = variants
        .iter()
        .map(|v| format!("{} ({})", v.value, v.name))
        .collect::<Vec<_>>()
        .join(", ");
    let expected = format!("one of {expected}");
    quote! {
        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                specgen_runtime::enums::deserialize_int_or_name(deserializer, Self::from_value, Self::from_name, #expected)
            }
        }
    }
}
