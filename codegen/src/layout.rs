//! Which files a generated crate holds, and what is in each.

use std::collections::BTreeMap;

use quote::quote;

use crate::emit::{self, Options};
use crate::ir::{Api, Service};
use crate::render;

/// Relative path → file contents, for a crate's `src/` folder.
pub type Files = BTreeMap<String, String>;

/// Which parts of a service to emit besides its models and operations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    pub client: bool,
    pub server: bool,
    /// Needs `server`.
    pub mock: bool,
}

impl Parts {
    pub const ALL: Parts = Parts {
        client: true,
        server: true,
        mock: true,
    };
}

/// One service as a single file of inline modules, for `include!` (what the build-script
/// `Builder` writes to `$OUT_DIR/<service>.rs`). It has no inner attributes or `//!` docs,
/// which `include!` does not allow.
pub fn service_module(
    service: &Service,
    options: &Options,
    parts: Parts,
) -> Result<String, crate::Error> {
    let lang = options.language_for(service);
    let title = service.title.pick(lang).unwrap_or(&service.name);
    let module = |name: &str, doc: String, tokens: proc_macro2::TokenStream| {
        let name = emit_ident(name);
        let doc = format!(" {doc}");
        quote! {
            #[doc = #doc]
            pub mod #name {
                #tokens
            }
        }
    };
    let mut modules = vec![
        module(
            "models",
            format!("Models of {title}: request and response bodies, with validation."),
            emit::models(service, options),
        ),
        module(
            "operations",
            format!("What the client and the server of {title} share."),
            emit::operations(service, options),
        ),
    ];
    if parts.client {
        modules.push(module(
            "client",
            format!("A client of {title}."),
            emit::client(service, options),
        ));
    }
    if parts.server {
        modules.push(module(
            "server",
            format!("A server of {title}: implement `Api`, serve `router`."),
            emit::server(service, options),
        ));
    }
    if parts.server && parts.mock {
        modules.push(module(
            "mock",
            format!("{title}, answering with its documented examples."),
            emit::mock(service, options),
        ));
    }
    render::file(quote!(#(#modules)*), &service.sources, "")
}

/// The files of a crate holding every service: `lib.rs`, then `<service>/mod.rs`, `models.rs`,
/// `examples.rs` per service.
pub fn crate_files(api: &Api, options: &Options) -> Result<Files, crate::Error> {
    let mut files = Files::new();
    let mut all_sources = Vec::new();
    let mut modules = Vec::new();
    for service in &api.services {
        files.extend(service_files(service, options)?);
        all_sources.extend(service.sources.iter().cloned());
        let name = emit_ident(&service.name);
        // prettyplease's layout is the canonical one; rustfmt must not fight the drift check.
        modules.push(quote!(#[rustfmt::skip] pub mod #name;));
    }
    all_sources.sort();
    all_sources.dedup();
    let mocks = mock_router(api);
    let lib = quote!(#(#modules)* #mocks);
    let summary = "Bindings for every service under the specs folder, one module each.";
    files.insert(
        "lib.rs".to_string(),
        render::file(lib, &all_sources, summary)?,
    );
    Ok(files)
}

/// Every service's mock under `/<service>`, and the list of its routes.
fn mock_router(api: &Api) -> proc_macro2::TokenStream {
    let nests = api.services.iter().map(|service| {
        let name = emit_ident(&service.name);
        let prefix = format!("/{}", service.name);
        quote!(.nest(#prefix, #name::mock::router()))
    });
    let routes = api.services.iter().flat_map(|service| {
        let base = emit::base_path(service);
        service.operations.iter().map(move |op| {
            let method = &op.method;
            let path = format!("/{}{base}{}", service.name, op.path);
            quote!((#method, #path),)
        })
    });
    quote! {
        /// Every service's mock, each under `/<service>` followed by its documented paths.
        #[cfg(feature = "server")]
        #[rustfmt::skip]
        pub fn mock_router() -> specgen_runtime::axum::Router {
            specgen_runtime::axum::Router::new()
                #(#nests)*
                .fallback(specgen_runtime::server::not_found)
        }

        /// The method and path of every route of [`mock_router`].
        #[rustfmt::skip]
        pub const MOCK_ROUTES: &[(&str, &str)] = &[#(#routes)*];
    }
}

fn emit_ident(name: &str) -> proc_macro2::Ident {
    proc_macro2::Ident::new(name, proc_macro2::Span::call_site())
}

pub fn service_files(service: &Service, options: &Options) -> Result<Files, crate::Error> {
    let mut files = Files::new();
    let dir = &service.name;
    let lang = options.language_for(service);
    let title = service.title.pick(lang).unwrap_or(&service.name);
    let mut summary = title.to_string();
    if let Some(description) = service.description.pick(lang) {
        summary.push_str("\n\n");
        summary.push_str(description.trim());
    }
    let examples = emit::examples(service);
    let examples_mod = (!examples.is_empty()).then(|| {
        quote! {
            #[cfg(test)]
            mod examples;
        }
    });
    let module = quote! {
        pub mod models;
        pub mod operations;
        #[cfg(feature = "client")]
        pub mod client;
        #[cfg(feature = "server")]
        pub mod server;
        #[cfg(feature = "server")]
        pub mod mock;
        #examples_mod
    };
    files.insert(
        format!("{dir}/mod.rs"),
        render::file(module, &service.sources, &summary)?,
    );
    let models = emit::models(service, options);
    files.insert(
        format!("{dir}/models.rs"),
        render::file(
            models,
            &service.sources,
            &format!("Models of {title}: request and response bodies, with validation."),
        )?,
    );
    let parts = [
        (
            "operations",
            emit::operations(service, options),
            format!(
                "What the client and the server of {title} share: each operation's parameters and answers."
            ),
        ),
        (
            "client",
            emit::client(service, options),
            format!("A client of {title}."),
        ),
        (
            "server",
            emit::server(service, options),
            format!("A server of {title}: implement `Api`, serve `router`."),
        ),
        (
            "mock",
            emit::mock(service, options),
            format!("{title}, answering with its documented examples."),
        ),
    ];
    for (name, tokens, summary) in parts {
        files.insert(
            format!("{dir}/{name}.rs"),
            render::file(tokens, &service.sources, &summary)?,
        );
    }
    if !examples.is_empty() {
        files.insert(
            format!("{dir}/examples.rs"),
            render::file(
                examples,
                &service.sources,
                "The documented examples, as tests.",
            )?,
        );
    }
    Ok(files)
}
