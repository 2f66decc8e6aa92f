//! A paged call's `pages()` and `items()`: streams that send the call again for the next
//! page until the last, with the next cursor or page number in its parameter, or to the URL
//! of the answer's `Link` header.

use proc_macro2::TokenStream;
use quote::quote;

use super::operations::{is_struct_variant, member_of, response, response_name, variant};
use super::tys::{ident, qualified_ty};
use crate::ir::{NextPage, Operation, Pagination, Response, Service, Ty};

/// The call's `pages()` and `items()`, when the operation pages.
pub(super) fn methods(service: &Service, op: &Operation) -> TokenStream {
    let Some(p) = &op.pagination else {
        return TokenStream::new();
    };
    let Some(response) = response(op, p.status) else {
        return TokenStream::new();
    };
    let Some(body) = &response.body else {
        return TokenStream::new();
    };
    let page_ty = qualified_ty(body, service);
    let item_ty = qualified_ty(&p.item, service);
    let Fetch {
        doc,
        first,
        state,
        body: fetch,
    } = match &p.next {
        NextPage::Link { header } => linked(op, response, header),
        _ => by_parameter(service, op, p, response, body),
    };
    let items = items_of(p);
    quote! {
        #doc
        pub fn pages(self) -> impl client::Stream<Item = Result<#page_ty, Error>> + 'a {
            client::pages(#first, |#state| async move {
                #fetch
                Ok((page, following))
            })
        }

        /// The items of every page, in order (see [`Self::pages`]).
        pub fn items(self) -> impl client::Stream<Item = Result<#item_ty, Error>> + 'a {
            client::items(self.pages(), |page| #items)
        }
    }
}

/// How a paged call fetches its pages: the doc of `pages()`, the stream's first state, the
/// pattern of a state, and the fetch of one page, binding `page` and `following`.
struct Fetch {
    doc: TokenStream,
    first: TokenStream,
    state: TokenStream,
    body: TokenStream,
}

/// The items of `page`: its member holding them, or the page itself.
fn items_of(p: &Pagination) -> TokenStream {
    match &p.items {
        Some(items) => {
            let items = ident(items);
            quote!(page.#items)
        }
        None => quote!(page),
    }
}

/// `let #bound = …;` from the answer `sent`, whose page's answer `pattern` binds it: where
/// the operation documents other answers, one of them (`other` in `others`) ends the pages.
fn page_answer(
    op: &Operation,
    sent: TokenStream,
    pattern: TokenStream,
    bound: TokenStream,
    others: TokenStream,
) -> TokenStream {
    if op.responses.len() == 1 {
        return quote!(let #pattern = #sent;);
    }
    quote! {
        let #bound = match #sent {
            #pattern => #bound,
            #others => return Err(Error::Pages(format!("a {} answer", other.status()))),
        };
    }
}

/// Whether the operation's next page is the URL of its answer's `Link` header: its call is
/// then sent to that URL, in place of its path and query.
pub(super) fn follows_link(op: &Operation) -> bool {
    matches!(
        op.pagination.as_ref().map(|p| &p.next),
        Some(NextPage::Link { .. })
    )
}

/// The pattern of the page's answer, binding its body as `page` (and the header field
/// `header`).
fn matched(op: &Operation, response: &Response, header: Option<&str>) -> TokenStream {
    let name = response_name(op);
    let v = variant(response.status);
    let header = header.map(|h| {
        let field = ident(h);
        quote!(#field,)
    });
    if is_struct_variant(response) {
        quote!(operations::#name::#v { body: page, #header .. })
    } else {
        quote!(operations::#name::#v(page))
    }
}

/// The fetch of a call whose next page is in a parameter: the stream's state is the call,
/// with that parameter set for the next page.
fn by_parameter(
    service: &Service,
    op: &Operation,
    p: &Pagination,
    response: &Response,
    body: &Ty,
) -> Fetch {
    let answer = page_answer(
        op,
        quote!(call.send().await?),
        matched(op, response, None),
        quote!(page),
        quote!(other),
    );
    let following = following(service, op, p, body);
    Fetch {
        doc: quote! {
            /// Every page, from this call's parameters on: each is sent when the one before
            /// has been read, until the last. Another documented answer ends them with
            /// `Error::Pages`; so does a next page that is the one just read, after it.
        },
        first: quote!(self),
        state: quote!(call),
        body: quote! {
            let mut next = call.clone();
            #answer
            #following
        },
    }
}

/// The fetch of a call whose next page is the `Link` header's: the stream's state is the
/// call and the URL to send it to (`None`: its own path and query).
fn linked(op: &Operation, response: &Response, header: &str) -> Fetch {
    let field = ident(header);
    let matched = matched(op, response, Some(header));
    let answer = page_answer(
        op,
        quote!(call.send_to(page_url).await?),
        quote!((#matched, asked)),
        quote!((page, #field, asked)),
        quote!((other, _)),
    );
    // The header's field is a list, an option, or (required) the value itself.
    let links = match response.headers.iter().find(|h| h.rust == header) {
        Some(h) if h.required && !matches!(h.ty, Ty::List(_)) => quote!([&#field]),
        _ => quote!(&#field),
    };
    Fetch {
        doc: quote! {
            /// Every page, from this call on: each next one is sent, when the one before has
            /// been read, to the URL of that page's `Link` header with `rel="next"`, until a
            /// page has none. Another documented answer ends them with `Error::Pages`; so
            /// does, after the page, a link to the page just read or away from the client's
            /// base URL, which is never followed.
        },
        first: quote!((self, None)),
        state: quote!((call, page_url)),
        body: quote! {
            let next = call.clone();
            #answer
            let following = next
                .client
                .core
                .next_page(#links, &asked)
                .map(|url| url.map(|url| (next, Some(url))));
        },
    }
}

/// `let following = …;`: the call for the next page, `None` after the last, or the error
/// that ends the pages.
fn following(service: &Service, op: &Operation, p: &Pagination, body: &Ty) -> TokenStream {
    let (param, member) = match &p.next {
        NextPage::Cursor { parameter, member } => (parameter, Some(member)),
        NextPage::Number { parameter } => (parameter, None),
        NextPage::Link { .. } => return TokenStream::new(),
    };
    let defaulted = op
        .parameters
        .iter()
        .any(|q| q.rust == *param && q.default.is_some());
    let param = ident(param);
    let Some(member) = member else {
        let items = items_of(p);
        // Page numbers: one more, until a page has no items or the parameter's type has no
        // greater number.
        let (page, set) = if defaulted {
            (
                quote!(next.params.#param),
                quote!(next.params.#param = number;),
            )
        } else {
            (
                quote!(next.params.#param.unwrap_or(1)),
                quote!(next.params.#param = Some(number);),
            )
        };
        return quote! {
            let following = match #page.checked_add(1) {
                Some(number) if !#items.is_empty() => {
                    #set
                    Ok(Some(next))
                }
                _ => Ok(None),
            };
        };
    };
    let field = ident(member);
    let shape = member_of(service, body, member).map(|f| (f.required, f.nullable));
    let value = match shape.unwrap_or_default() {
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
                Err(Error::Pages("the next page is the one just read".into()))
            }
            Some(value) => {
                #set
                Ok(Some(next))
            }
            None => Ok(None),
        };
    }
}
