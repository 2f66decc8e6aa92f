//! How a generated client sends a request body: in each documented media type, with the
//! caller choosing among several through a `…Media` enum, and files as multipart.

use heck::ToUpperCamelCase;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::operations::{file_fields, form_name};
use super::tys::ident;
use crate::ir::{Encoding, Field, Operation, Request, Service, Ty, encoding, media};

/// `CreateTokenMedia`, when the body may be sent in several media types.
pub(super) fn media_name(op: &Operation) -> Option<Ident> {
    let request = op.request.as_ref()?;
    (request.media.len() > 1).then(|| format_ident!("{}Media", op.name.to_upper_camel_case()))
}

/// The enum of an operation's request media types, for the call's `.media(…)` option.
pub(super) fn media_enum(op: &Operation) -> TokenStream {
    let (Some(name), Some(request)) = (media_name(op), &op.request) else {
        return TokenStream::new();
    };
    let variants = request.media.iter().map(|m| {
        let v = media_variant(&request.media, m);
        let doc = format!(" `{m}`");
        quote!(#[doc = #doc] #v,)
    });
    let doc = format!(" The media types the `{}` body can be sent in.", op.name);
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum #name {
            #(#variants)*
        }
    }
}

/// A media type's variant among `all` of a body's: its encoding's name where no other of
/// them shares the encoding, else the whole media type (`ApplicationMergePatchJson`).
pub(super) fn media_variant(all: &[String], media: &str) -> Ident {
    let kind = encoding(media);
    let shared = all.iter().filter(|m| encoding(m) == kind).count() > 1;
    let name = match kind {
        _ if shared => media::essence(media).replace(['/', '+', '.'], "-"),
        Encoding::Json => "json".into(),
        Encoding::Form => "form".into(),
        Encoding::Multipart => "multipart".into(),
        Encoding::Xml => "xml".into(),
        Encoding::Text => "text".into(),
        Encoding::Lines => "lines".into(),
        Encoding::Events => "events".into(),
        Encoding::Bytes => media::essence(media).replace(['/', '+', '.'], "-"),
    };
    format_ident!("{}", name.to_upper_camel_case())
}

/// The call's `media` field and setter, when there is a choice.
pub(super) fn media_option(op: &Operation) -> (TokenStream, TokenStream) {
    let Some(name) = media_name(op) else {
        return (TokenStream::new(), TokenStream::new());
    };
    let field = quote!(media: Option<#name>,);
    let default = if op
        .request
        .as_ref()
        .is_some_and(|r| r.takes(Encoding::Multipart))
    {
        " (by default multipart when the body holds files, else the first other documented one)."
    } else {
        " (by default the first documented one)."
    };
    let doc = format!(" The media type to send the body in{default}");
    let setter = quote! {
        #[doc = #doc]
        pub fn media(mut self, media: #name) -> Self {
            self.media = Some(media);
            self
        }
    };
    (field, setter)
}

/// Sets the request's body in the chosen (or only) media type, when there is one.
pub(super) fn body_expr(service: &Service, op: &Operation) -> TokenStream {
    let Some(request) = &op.request else {
        return TokenStream::new();
    };
    let set = with_body(service, op, request);
    if request.required {
        return quote!(let request = #set;);
    }
    quote! {
        let request = match body {
            Some(body) => #set,
            None => request,
        };
    }
}

/// The request with the body set, in the chosen media type where there is a choice.
fn with_body(service: &Service, op: &Operation, request: &Request) -> TokenStream {
    let Some(name) = media_name(op) else {
        return send_as(service, op, &request.media[0]);
    };
    let arms = request.media.iter().map(|m| {
        let v = media_variant(&request.media, m);
        let send = send_as(service, op, m);
        quote!(#name::#v => #send,)
    });
    let default = default_media(service, op, request, &name);
    quote! {
        match #default {
            #(#arms)*
        }
    }
}

/// The media type chosen, or when the caller does not choose: multipart when the body holds
/// files and may go as multipart, else the first documented one that is not multipart.
fn default_media(
    service: &Service,
    op: &Operation,
    request: &Request,
    name: &Ident,
) -> TokenStream {
    let first = request
        .media
        .iter()
        .find(|m| encoding(m) != Encoding::Multipart)
        .unwrap_or(&request.media[0]);
    let first = media_variant(&request.media, first);
    let files = file_fields(service, op);
    match request.media_in(Encoding::Multipart) {
        Some(multipart) if !files.is_empty() => {
            let multipart = media_variant(&request.media, multipart);
            let any = files.iter().map(|f| {
                let field = ident(&f.rust);
                quote!(body.#field.has_files())
            });
            quote! {
                media.unwrap_or_else(|| if #(#any)||* { #name::#multipart } else { #name::#first })
            }
        }
        _ => quote!(media.unwrap_or(#name::#first)),
    }
}

/// The request with the body set as `media` says.
fn send_as(service: &Service, op: &Operation, media: &str) -> TokenStream {
    match encoding(media) {
        Encoding::Json => quote!(client::json_body(request, #media, &body)?),
        Encoding::Form => {
            let form = form_name(op);
            quote!(client::form_body(request, &body, operations::#form)?)
        }
        Encoding::Multipart => multipart(service, op),
        Encoding::Text => quote!(client::text_body(request, #media, body)),
        Encoding::Bytes => {
            let media = media::sent_as(media);
            if op.request.as_ref().is_some_and(|r| r.stream) {
                quote!(client::stream_body(request, #media, body))
            } else {
                quote!(client::bytes_body(request, #media, body))
            }
        }
        Encoding::Xml => {
            let names = op.request.as_ref().and_then(|r| r.xml.as_ref());
            let form = super::xml::form(names);
            quote!(client::xml_body(request, #media, &#form, &body)?)
        }
        // The check stage refuses item-stream request bodies.
        Encoding::Lines | Encoding::Events => {
            quote!(compile_error!(
                "a request body of streamed items cannot be sent"
            ))
        }
    }
}

/// A multipart body: the files taken out of the body into file parts, the rest as text parts.
fn multipart(service: &Service, op: &Operation) -> TokenStream {
    let form = form_name(op);
    let files = file_fields(service, op);
    if files.is_empty() {
        return quote! {
            request.multipart(client::Form::new(&body, operations::#form)?.into_inner())
        };
    }
    let takes = files.iter().map(|f| take_files(f));
    let added = files.iter().map(|f| {
        let field = ident(&f.rust);
        let wire = &f.wire;
        quote!(.files(#wire, #field)?)
    });
    quote! {
        {
            let mut body = body;
            #(#takes)*
            request.multipart(client::Form::new(&body, operations::#form)? #(#added)* .into_inner())
        }
    }
}

/// Moves a file field's files out of the body, as a list.
fn take_files(f: &Field) -> TokenStream {
    let field = ident(&f.rust);
    let list = matches!(f.ty, Ty::List(_));
    let taken = match (f.required, f.nullable, list) {
        (true, false, true) => quote!(std::mem::take(&mut body.#field)),
        (true, false, false) => quote!(vec![std::mem::take(&mut body.#field)]),
        (false, false, true) => quote!(body.#field.take().into_iter().flatten().collect()),
        (false, false, false) | (true, true, false) => {
            quote!(body.#field.take().into_iter().collect())
        }
        (false, true, true) => {
            quote!(body.#field.take().flatten().into_iter().flatten().collect())
        }
        (true, true, true) => quote!(body.#field.take().into_iter().flatten().collect()),
        (false, true, false) => quote!(body.#field.take().flatten().into_iter().collect()),
    };
    quote!(let #field: Vec<specgen_runtime::FilePart> = #taken;)
}
