//! A tagged union: an enum with a variant per alternative and one for tags the spec does not
//! list, read, written and validated through `specgen_runtime::tagged`, which knows where the
//! tag and the alternative's value sit.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::tys::{ident, is_eq, rust_ty};
use crate::ir::{Service, Tagged, TaggedAlternative, Ty};

pub(super) fn tagged_union(
    service: &Service,
    index: usize,
    name: &Ident,
    tagged: &Tagged,
) -> TokenStream {
    let unknown = super::models::unknown_name(|n| tagged.alternatives.iter().any(|a| a.rust == n));
    let variants = tagged.alternatives.iter().map(|a| variant(service, a));
    let eq = is_eq(&Ty::Named(index), service, &mut Vec::new()).then(|| quote!(Eq,));
    let tag = &tagged.tag;
    let content = super::option(tagged.content.as_ref());
    let doc = match &tagged.content {
        Some(content) => format!(" Told apart by `{tag}`; the value is in `{content}`."),
        None => format!(" Told apart by `{tag}`, beside the alternative's members."),
    };
    let serde = serde_impls(name, tagged, &unknown);
    let validate = validate_impl(name, tagged, &unknown);
    quote! {
        #[derive(Debug, Clone, PartialEq, #eq)]
        pub enum #name {
            #(#variants)*
            /// A tag the spec does not list (yet): kept as it came when decoding, rejected by
            /// validation.
            #unknown(serde_json::Value),
        }

        impl #name {
            #[doc = #doc]
            pub const TAGGING: specgen_runtime::tagged::Tagging = specgen_runtime::tagged::Tagging {
                tag: #tag,
                content: #content,
            };
        }

        #serde
        #validate
    }
}

fn variant(service: &Service, a: &TaggedAlternative) -> TokenStream {
    let v = ident(&a.rust);
    let doc = format!(" `{}`", a.wire);
    match &a.ty {
        None => quote!(#[doc = #doc] #v,),
        Some(ty) => {
            let ty = rust_ty(ty, service);
            let ty = if a.boxed { quote!(Box<#ty>) } else { ty };
            quote!(#[doc = #doc] #v(#ty),)
        }
    }
}

fn serde_impls(name: &Ident, tagged: &Tagged, unknown: &Ident) -> TokenStream {
    let writes = tagged.alternatives.iter().map(|a| {
        let v = ident(&a.rust);
        let wire = &a.wire;
        match a.ty {
            None => quote!(Self::#v => Self::TAGGING.write(serializer, #wire, None::<&()>),),
            Some(_) => {
                quote!(Self::#v(value) => Self::TAGGING.write(serializer, #wire, Some(value)),)
            }
        }
    });
    let reads = tagged.alternatives.iter().map(|a| {
        let v = ident(&a.rust);
        let wire = &a.wire;
        match (&a.ty, a.boxed) {
            (None, _) => quote!(#wire => Ok(Self::#v),),
            (Some(_), false) => quote!(#wire => tagged.value().map(Self::#v),),
            (Some(_), true) => quote!(#wire => tagged.value().map(|v| Self::#v(Box::new(v))),),
        }
    });
    quote! {
        impl Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    #(#writes)*
                    Self::#unknown(value) => value.serialize(serializer),
                }
            }
        }

        impl<'de> Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let tagged = Self::TAGGING.read(deserializer)?;
                match tagged.tag() {
                    #(#reads)*
                    _ => Ok(Self::#unknown(tagged.into_unknown())),
                }
            }
        }
    }
}

fn validate_impl(name: &Ident, tagged: &Tagged, unknown: &Ident) -> TokenStream {
    let arms = tagged.alternatives.iter().map(|a| {
        let v = ident(&a.rust);
        match a.ty {
            None => quote!(Self::#v => {}),
            Some(_) => quote!(Self::#v(value) => Self::TAGGING.validate(value, path, errors),),
        }
    });
    quote! {
        impl Validate for #name {
            fn validate_at(
                &self,
                path: &specgen_runtime::Path<'_>,
                errors: &mut specgen_runtime::ValidationErrors,
            ) {
                match self {
                    #(#arms)*
                    Self::#unknown(_) => Self::TAGGING.unknown(path, errors),
                }
            }
        }
    }
}
