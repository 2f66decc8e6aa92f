//! Which files a generated crate holds, and what is in each.

use std::collections::BTreeMap;

use quote::quote;

use crate::emit::{self, Options};
use crate::ir::{Api, Service};
use crate::render;

/// Relative path → file contents, for a crate's `src/` folder.
pub type Files = BTreeMap<String, String>;

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
    let lib = quote!(#(#modules)*);
    let summary = "Bindings for every service under the specs folder, one module each.";
    files.insert(
        "lib.rs".to_string(),
        render::file(lib, &all_sources, summary)?,
    );
    Ok(files)
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
