//! What the client and the server share about auth: one `AuthScheme` constant per scheme, and
//! what each operation needs, by scheme.

use heck::ToShoutySnakeCase;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::ir::{Auth, Carrier, Operation, Service};

/// What an operation's method takes for its credentials.
pub(super) enum Needs {
    /// Nothing: the operation is public.
    Nothing,
    /// One scheme's token (`token: Secret`).
    One(usize),
    /// Alternatives or several schemes together (`credentials: server::Credentials`).
    Several,
}

pub(super) fn needs(op: &Operation) -> Needs {
    match op.auth.as_slice() {
        [] => Needs::Nothing,
        [only] if only.len() == 1 => Needs::One(only[0]),
        _ => Needs::Several,
    }
}

/// Whether the service has several schemes: then `accepts` is told which one a token is for,
/// and the client takes each credential with a `with_…` method.
pub(super) fn several(service: &Service) -> bool {
    service.auth.len() > 1
}

/// `AUTH` for a service's one scheme, `AUTH_<NAME>` for each of several.
pub(super) fn const_name(service: &Service, index: usize) -> Ident {
    if several(service) {
        format_ident!("AUTH_{}", service.auth[index].rust.to_shouty_snake_case())
    } else {
        format_ident!("AUTH")
    }
}

/// One `const` per scheme: how its credential is sent, for the client (which takes every
/// scheme's credential) and, with `used_only`, for the server (which checks only the schemes
/// some operation asks for: a declared scheme no operation uses would be dead code there).
pub(super) fn scheme_consts(service: &Service, used_only: bool) -> TokenStream {
    let used = |i: usize| {
        !used_only
            || service
                .operations
                .iter()
                .any(|op| op.auth.iter().flatten().any(|&s| s == i))
    };
    let consts = service
        .auth
        .iter()
        .enumerate()
        .filter(|(i, _)| used(*i))
        .map(|(i, auth)| {
            let name = const_name(service, i);
            let scheme = scheme(auth);
            let doc = format!(" How the `{}` credential is sent.", auth.name);
            quote! {
                #[doc = #doc]
                const #name: specgen_runtime::AuthScheme = #scheme;
            }
        });
    quote!(#(#consts)*)
}

fn scheme(auth: &Auth) -> TokenStream {
    let name = &auth.name;
    let carrier = match &auth.carrier {
        Carrier::Header(h) => quote!(specgen_runtime::Carrier::Header(#h)),
        Carrier::Query(q) => quote!(specgen_runtime::Carrier::Query(#q)),
        Carrier::Cookie(c) => quote!(specgen_runtime::Carrier::Cookie(#c)),
    };
    let prefix = super::option(auth.kind.prefix());
    let basic = matches!(auth.kind, crate::ir::AuthKind::Basic);
    quote! {
        specgen_runtime::AuthScheme { name: #name, carrier: #carrier, prefix: #prefix, basic: #basic }
    }
}

/// The operation's alternatives by scheme name, as the client's `request` takes them.
pub(super) fn requirement_names(service: &Service, op: &Operation) -> TokenStream {
    let alternatives = op.auth.iter().map(|all| {
        let names = all.iter().map(|&i| &service.auth[i].name);
        quote!(&[#(#names),*])
    });
    quote!(&[#(#alternatives),*])
}

/// The operation's alternatives by scheme constant, as the server's `credentials_for` takes
/// them.
pub(super) fn requirement_consts(service: &Service, op: &Operation) -> TokenStream {
    let alternatives = op.auth.iter().map(|all| {
        let consts = all.iter().map(|&i| const_name(service, i));
        quote!(&[#(#consts),*])
    });
    quote!(&[#(#alternatives),*])
}
