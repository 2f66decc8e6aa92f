//! The crate-wide mock router: every service's mock under `/<service>`, its OpenAPI
//! document beside it, and the list of routes.

use proc_macro2::TokenStream;
use quote::quote;

use super::server::base_path;
use super::tys::ident;
use crate::ir::Api;

/// Every service's mock under `/<service>`, and the list of its routes.
pub fn mock_router(api: &Api) -> TokenStream {
    let nests = api.services.iter().map(|service| {
        let name = ident(&service.name);
        let prefix = format!("/{}", service.name);
        let document = format!("/{}/openapi.json", service.name);
        let file = format!("{}/openapi.json", service.name);
        let mock = if !service.auth.is_empty() {
            quote!(#name::server::router(
                token.map_or_else(#name::mock::Mock::default, #name::mock::Mock::accepting)
            ))
        } else {
            quote!(#name::mock::router())
        };
        quote! {
            .nest(#prefix, #mock)
            .route(#document, specgen_runtime::server::openapi_document(include_str!(#file)))
        }
    });
    let routes = api.services.iter().flat_map(|service| {
        let base = base_path(service);
        let document = format!("/{}/openapi.json", service.name);
        let operations = service.operations.iter().map(move |op| {
            let method = &op.method;
            let path = format!("/{}{base}{}", service.name, op.path);
            quote!((#method, #path),)
        });
        operations.chain(std::iter::once(quote!(("GET", #document),)))
    });
    // Without a service that checks tokens, the parameter is there for the signature only.
    let token = if api.services.iter().any(|service| !service.auth.is_empty()) {
        quote!(token)
    } else {
        quote!(_token)
    };
    quote! {
        /// Every service's mock, each under `/<service>` followed by its documented paths, and
        /// its OpenAPI document at `/<service>/openapi.json`.
        #[cfg(feature = "server")]
        #[rustfmt::skip]
        pub fn mock_router() -> specgen_runtime::axum::Router {
            mock_router_accepting(None)
        }

        /// [`mock_router`], where the mocks of services with auth accept only `token` when one
        /// is given (any well-formed token otherwise).
        #[cfg(feature = "server")]
        #[rustfmt::skip]
        pub fn mock_router_accepting(#token: Option<&str>) -> specgen_runtime::axum::Router {
            specgen_runtime::axum::Router::new()
                #(#nests)*
                .fallback(specgen_runtime::server::not_found)
        }

        /// The method and path of every route of [`mock_router`].
        #[rustfmt::skip]
        pub const MOCK_ROUTES: &[(&str, &str)] = &[#(#routes)*];
    }
}
