//! A paged call's `pages()` and `items()`: streams that send the call again with the next
//! page's parameter until the last page.

use proc_macro2::TokenStream;
use quote::quote;

use super::operations::{is_struct_variant, response_name, variant};
use super::tys::{ident, qualified_ty};
use crate::ir::{Operation, Pagination, Service, Status, Ty, TypeKind};

/// The call's `pages()` and `items()`, when the operation pages.
pub(super) fn methods(service: &Service, op: &Operation) -> TokenStream {
    let Some(p) = &op.pagination else {
        return TokenStream::new();
    };
    let Some(response) = op
        .responses
        .iter()
        .find(|r| r.status == Status::Code(p.status))
    else {
        return TokenStream::new();
    };
    let Some(body) = &response.body else {
        return TokenStream::new();
    };
    let page_ty = qualified_ty(body, service);
    let item_ty = qualified_ty(&p.item, service);
    let name = response_name(op);
    let v = variant(response.status);
    let matched = if is_struct_variant(response) {
        quote!(operations::#name::#v { body, .. })
    } else {
        quote!(operations::#name::#v(body))
    };
    let following = following(service, op, p, body);
    let items = ident(&p.items);
    quote! {
        /// Every page, from this call's parameters on: each is sent when the one before has
        /// been read, until the last. Another documented answer ends them with
        /// `Error::Pages`, as does a next page that is the one just read.
        pub fn pages(self) -> impl client::Stream<Item = Result<#page_ty, Error>> + 'a {
            client::pages(self, |call| async move {
                let mut next = call.clone();
                let page = match call.send().await? {
                    #matched => body,
                    other => return Err(Error::Pages(format!("a {} answer", other.status()))),
                };
                #following
                Ok((page, following))
            })
        }

        /// The items of every page, in order (see [`Self::pages`]).
        pub fn items(self) -> impl client::Stream<Item = Result<#item_ty, Error>> + 'a {
            client::items(self.pages(), |page| page.#items)
        }
    }
}

/// `let following = …;`: the call for the next page, or `None` after the last.
fn following(service: &Service, op: &Operation, p: &Pagination, body: &Ty) -> TokenStream {
    let param = ident(&p.parameter);
    let defaulted = op
        .parameters
        .iter()
        .any(|q| q.rust == p.parameter && q.default.is_some());
    let items = ident(&p.items);
    let Some(next) = &p.next else {
        // Page numbers: one more, until a page has no items.
        let advance = if defaulted {
            quote!(next.params.#param += 1;)
        } else {
            quote!(next.params.#param = Some(next.params.#param.unwrap_or(1) + 1);)
        };
        return quote! {
            let following = if page.#items.is_empty() {
                None
            } else {
                #advance
                Some(next)
            };
        };
    };
    let field = ident(next);
    let value = match next_shape(service, body, next) {
        (true, true) | (false, false) => quote!(page.#field.clone()),
        (false, true) => quote!(page.#field.clone().flatten()),
        // Checked: a next-page member can be absent or null.
        (true, false) => quote!(Some(page.#field.clone())),
    };
    let set = if defaulted {
        quote!(next.params.#param = value;)
    } else {
        quote!(next.params.#param = Some(value);)
    };
    let current = if defaulted {
        quote!(Some(&next.params.#param))
    } else {
        quote!(next.params.#param.as_ref())
    };
    quote! {
        let following = match #value {
            Some(value) if #current == Some(&value) => {
                return Err(Error::Pages("the next page is the one just read".into()));
            }
            Some(value) => {
                #set
                Some(next)
            }
            None => None,
        };
    }
}

/// Whether the body's member is required, and whether it is nullable.
fn next_shape(service: &Service, body: &Ty, rust: &str) -> (bool, bool) {
    let Ty::Named(i) = body else {
        return (false, false);
    };
    let TypeKind::Struct { fields, .. } = &service.types[*i].kind else {
        return (false, false);
    };
    fields
        .iter()
        .find(|f| f.rust == rust)
        .map_or((false, false), |f| (f.required, f.nullable))
}
