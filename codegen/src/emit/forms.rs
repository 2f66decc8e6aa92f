//! A response whose body takes a different type in each media type: an enum of the bodies
//! (`GetReportOkBody::Json(Report)`, `::TextCsv(String)`), which the client fills by the
//! answer's `Content-Type` and the server encodes by the variant the implementation returns.

use heck::ToUpperCamelCase;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::docs::doc;
use super::operations::variant;
use super::request_body::media_variant;
use super::tys::qualified_ty;
use crate::ir::{Form, Operation, Response, Service};

/// `GetReportOkBody`: the enum of the bodies of `r`, a response with forms.
pub(super) fn forms_name(op: &Operation, r: &Response) -> Ident {
    format_ident!("{}{}Body", op.name.to_upper_camel_case(), variant(r.status))
}

/// The variant of `form` among the response's forms (`Json`, `TextCsv`, `ApplicationPdf`).
pub(super) fn form_variant(r: &Response, form: &Form) -> Ident {
    media_variant(&r.media, &form.media)
}

/// The enum of a response's bodies by media type; nothing for a response of one body.
pub(super) fn forms_enum(
    service: &Service,
    op: &Operation,
    r: &Response,
    lang: &str,
) -> TokenStream {
    if r.forms.is_empty() {
        return TokenStream::new();
    }
    let name = forms_name(op, r);
    let variants = r.forms.iter().map(|form| {
        let v = form_variant(r, form);
        let ty = qualified_ty(&form.body, service);
        let media = format!(" `{}`", form.media);
        quote!(#[doc = #media] #v(#ty),)
    });
    let docs = doc(lang, &[&r.description]);
    let summary = format!(
        " The body of `{}`'s `{}` answer, one variant per media type it comes in.",
        op.name, r.status
    );
    let separated = (!docs.is_empty()).then(|| quote!(#[doc = ""]));
    quote! {
        #docs
        #separated
        #[doc = #summary]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name {
            #(#variants)*
        }
    }
}

/// The client's decoding of a response with forms: the form of the answer's media type, the
/// first form where it names none of them. `single` decodes one form's body.
pub(super) fn decoded(
    op: &Operation,
    r: &Response,
    single: impl Fn(&Response) -> TokenStream,
) -> TokenStream {
    let name = forms_name(op, r);
    let decode = |form: &Form| {
        let v = form_variant(r, form);
        let body = single(&r.as_single(form));
        quote!(operations::#name::#v(#body))
    };
    let arms = r.forms.iter().skip(1).map(|form| {
        let media = specgen_rules::media::essence(&form.media).to_ascii_lowercase();
        let body = decode(form);
        quote!(#media => #body,)
    });
    let first = decode(&r.forms[0]);
    quote! {
        match answer.media_type().as_str() {
            #(#arms)*
            _ => #first,
        }
    }
}

/// The server's encoding of a response with forms: each variant as its media type says.
/// `single` encodes one form's `body`.
pub(super) fn encoded(
    op: &Operation,
    r: &Response,
    single: impl Fn(&Response) -> TokenStream,
) -> TokenStream {
    let name = forms_name(op, r);
    let arms = r.forms.iter().map(|form| {
        let v = form_variant(r, form);
        let encode = single(&r.as_single(form));
        quote!(operations::#name::#v(body) => #encode,)
    });
    quote! {
        match body {
            #(#arms)*
        }
    }
}
