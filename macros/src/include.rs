//! `include_spec!("specs/lineworks")`: the bindings of one service, generated at compile time
//! by the same code the CLI and the build-script `Builder` run.

use std::path::Path;

use proc_macro2::TokenStream;
use quote::quote;
use syn::LitStr;

pub fn expand(folder: &LitStr) -> syn::Result<TokenStream> {
    let Some(manifest) = std::env::var_os("CARGO_MANIFEST_DIR") else {
        return Err(syn::Error::new(
            folder.span(),
            "CARGO_MANIFEST_DIR is not set: include_spec! runs under cargo",
        ));
    };
    let dir = Path::new(&manifest).join(folder.value());
    let (service, read) = specgen::builder::load_service(&dir).map_err(|e| error(folder, e))?;
    let text = specgen::layout::service_module(
        &service,
        &specgen::Options::default(),
        specgen::layout::Parts::ALL,
    )
    .map_err(|e| error(folder, e))?;
    let code: TokenStream = text
        .parse()
        .map_err(|e| syn::Error::new(folder.span(), format!("internal error: {e}")))?;
    // Reading each spec file with `include_bytes!` makes cargo rebuild the crate when one
    // changes.
    let tracked = read.iter().filter(|p| p.is_file()).map(|p| {
        let path = p.display().to_string();
        quote!(
            const _: &[u8] = include_bytes!(#path);
        )
    });
    Ok(quote!(#(#tracked)* #code))
}

/// Every problem of a broken spec as its own error at the macro call, each carrying the
/// `file:line:col` text the CLI prints.
fn error(at: &LitStr, error: specgen::Error) -> syn::Error {
    match error {
        specgen::Error::Spec(diagnostics) => {
            let mut all: Option<syn::Error> = None;
            for diagnostic in diagnostics.iter() {
                let one = syn::Error::new(at.span(), diagnostic.to_string());
                match all.as_mut() {
                    Some(all) => all.combine(one),
                    None => all = Some(one),
                }
            }
            all.unwrap_or_else(|| syn::Error::new(at.span(), "the spec has problems"))
        }
        other => syn::Error::new(at.span(), other.to_string()),
    }
}
