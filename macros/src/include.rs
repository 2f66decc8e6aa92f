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
    // A proc-macro cannot show a warning on stable Rust; the CLI and build scripts do.
    let specgen::builder::LoadedService { service, read, .. } =
        specgen::builder::load_service(&dir).map_err(|e| error(folder, e))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(path: &str) -> LitStr {
        LitStr::new(path, proc_macro2::Span::call_site())
    }

    #[test]
    fn a_broken_spec_is_one_compile_error_per_problem_with_its_position() {
        let error = expand(&folder("../tests/fixtures/unknown_key/shop")).expect_err("broken");
        let errors: Vec<String> = error.into_iter().map(|e| e.to_string()).collect();
        assert_eq!(errors.len(), 2, "{errors:#?}");
        assert!(errors[0].contains("create_order.yaml:10:"), "{}", errors[0]);
        assert!(
            errors[0].contains("did you mean `required`?"),
            "{}",
            errors[0]
        );
        assert!(errors[1].contains("create_order.yaml:11:"), "{}", errors[1]);
        let tokens = expand(&folder("../tests/fixtures/unknown_key/shop"))
            .unwrap_err()
            .to_compile_error()
            .to_string();
        assert_eq!(tokens.matches("compile_error").count(), 2);
    }

    #[test]
    fn a_good_spec_expands_to_its_modules_and_tracks_its_files() {
        let tokens = expand(&folder("../specs/lineworks"))
            .expect("expands")
            .to_string();
        assert_eq!(tokens.matches("include_bytes !").count(), 2, "{tokens}");
        for module in ["models", "operations", "client", "server", "mock"] {
            assert!(tokens.contains(&format!("pub mod {module}")), "{module}");
        }
    }
}
