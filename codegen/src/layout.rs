//! Which files a generated crate holds, and what is in each.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Mutex, PoisonError};

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::{self, Options};
use crate::ir::{Api, Service};
use crate::parallel::{self, Job};
use crate::render::{self, Writer};

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

/// One generated module of a service: its name, what it is, the crate feature the CLI's crate
/// gates it behind, and the emitter of its code (run on the thread that renders it: tokens
/// cannot move between threads).
struct Module {
    name: &'static str,
    summary: String,
    feature: Option<&'static str>,
    emit: Emit,
}

/// A module's emitter: its items handed to the writer, as few at a time as it can.
type Emit = fn(&Service, &Options, &mut Writer<'_>) -> Result<(), crate::Error>;

/// A job rendering one file: its path and text, or nothing when the file has no content.
type FileJob<'a> = Job<'a, Result<Option<(String, String)>, crate::Error>>;

/// A job that renders a file, hands it on and answers its path.
type PathJob<'a> = Job<'a, Result<Option<String>, crate::Error>>;

/// The modules of a service, in order: models and operations always, then the parts asked for
/// (a mock only with its server).
fn modules(service: &Service, options: &Options, parts: Parts) -> Vec<Module> {
    let lang = options.language_for(service);
    let title = service.title.pick(lang).unwrap_or(&service.name);
    let mut modules = vec![
        Module {
            name: "models",
            summary: format!("Models of {title}: request and response bodies, with validation."),
            feature: None,
            emit: emit::models,
        },
        Module {
            name: "operations",
            summary: format!(
                "What the client and the server of {title} share: each operation's parameters and answers."
            ),
            feature: None,
            emit: emit::operations,
        },
    ];
    if parts.client {
        modules.push(Module {
            name: "client",
            summary: format!("A client of {title}."),
            feature: Some("client"),
            emit: emit::client,
        });
    }
    if parts.server {
        modules.push(Module {
            name: "server",
            summary: format!("A server of {title}: implement `Api`, serve `router`."),
            feature: Some("server"),
            emit: emit::server,
        });
    }
    if parts.server && parts.mock {
        modules.push(Module {
            name: "mock",
            summary: format!("{title}, answering with its documented examples."),
            feature: Some("server"),
            emit: emit::mock,
        });
    }
    modules
}

/// One service as a single file of inline modules, for `include!` (what the build-script
/// `Builder` writes to `$OUT_DIR/<service>.rs`). It has no inner attributes or `//!` docs,
/// which `include!` does not allow.
pub fn service_module(
    service: &Service,
    options: &Options,
    parts: Parts,
) -> Result<String, crate::Error> {
    let jobs = modules(service, options, parts)
        .into_iter()
        .map(|m| {
            Box::new(move || {
                let name = emit_ident(m.name);
                let doc = format!(" {}", m.summary);
                let mut writer = Writer::tokens(&m.summary);
                (m.emit)(service, options, &mut writer)?;
                let tokens = writer.into_tokens();
                let inception = inception(service, m.name);
                let lints = spec_lints();
                let module = quote! {
                    #[doc = #doc]
                    #inception
                    pub mod #name {
                        #![#lints]
                        #tokens
                    }
                };
                render::items(module, &m.summary)
            }) as Job<'_, _>
        })
        .collect();
    let mut modules = parallel::run(jobs)
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?;
    let examples = emit::examples(service);
    if !examples.is_empty() {
        let summary = "The documented examples, as tests.";
        let inception = inception(service, "examples");
        let module = quote! {
            #[doc = " The documented examples, as tests."]
            #[cfg(test)]
            #inception
            mod examples {
                #examples
            }
        };
        modules.push(render::items(module, summary)?);
    }
    let mut out = render::header(&service.sources, "");
    out.push_str(&modules.join("\n\n"));
    out.push('\n');
    Ok(out)
}

/// The files of a crate holding every service: `lib.rs`, then `<service>/mod.rs`, `models.rs`,
/// `examples.rs`… and `openapi.json` per service. Files render on every core.
pub fn crate_files(api: &Api, options: &Options) -> Result<Files, crate::Error> {
    let files = Mutex::new(Files::new());
    crate_files_each(api, options, &|path, text| {
        files
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(path, text);
    })?;
    Ok(files.into_inner().unwrap_or_else(PoisonError::into_inner))
}

/// The files [`crate_files`] makes, each handed to `sink` (from any thread) as soon as it is
/// rendered, so a caller that only writes or measures them never holds them all: a service of
/// 20,000 operations is 400 MB of them.
pub fn crate_files_each(
    api: &Api,
    options: &Options,
    sink: &(dyn Fn(String, String) + Sync),
) -> Result<(), crate::Error> {
    let mut jobs = Vec::new();
    for service in &api.services {
        jobs.extend(module_jobs(service, options));
        // Served by the mock router; the same document `specgen openapi` writes.
        jobs.push(Box::new(move || {
            let path = format!("{}/openapi.json", service.name);
            let document = crate::openapi::json(service, options, crate::openapi::Version::V3_1);
            Ok(Some((path, document)))
        }) as FileJob<'_>);
    }
    let handed: Vec<PathJob<'_>> = jobs
        .into_iter()
        .map(|job| {
            Box::new(move || {
                let file = job()?;
                Ok(file.map(|(path, text)| {
                    sink(path.clone(), text);
                    path
                }))
            }) as PathJob<'_>
        })
        .collect();
    let mut paths = BTreeSet::new();
    for path in parallel::run(handed) {
        paths.extend(path?);
    }
    let mut all_sources = Vec::new();
    let mut modules = Vec::new();
    for service in &api.services {
        let (path, text) = mod_file(service, options, &paths)?;
        sink(path, text);
        all_sources.extend(service.sources.iter().cloned());
        let name = emit_ident(&service.name);
        // prettyplease's layout is the canonical one; rustfmt must not fight the drift check.
        let lints = spec_lints();
        modules.push(quote!(#[rustfmt::skip] #[#lints] pub mod #name;));
    }
    all_sources.sort();
    all_sources.dedup();
    let mocks = emit::mock_router(api);
    let lib = quote!(#(#modules)* #mocks);
    let summary = "Bindings for every service under the specs folder, one module each.";
    sink(
        "lib.rs".to_string(),
        render::file(lib, &all_sources, summary)?,
    );
    Ok(())
}

/// The files of one service's folder: `mod.rs`, a file per module, and `examples.rs` when the
/// spec documents examples.
pub fn service_files(service: &Service, options: &Options) -> Result<Files, crate::Error> {
    let mut files = collect(parallel::run(module_jobs(service, options)))?;
    let paths = files.keys().cloned().collect();
    let (path, text) = mod_file(service, options, &paths)?;
    files.insert(path, text);
    Ok(files)
}

/// A job per module file of `service`, then one for its examples.
fn module_jobs<'a>(service: &'a Service, options: &'a Options) -> Vec<FileJob<'a>> {
    let mut jobs: Vec<FileJob<'a>> = modules(service, options, Parts::ALL)
        .into_iter()
        .map(|m| {
            Box::new(move || {
                let path = format!("{}/{}.rs", service.name, m.name);
                let mut writer = Writer::text(&m.summary);
                (m.emit)(service, options, &mut writer)?;
                let text = render::with_header(&writer.finish()?, &service.sources, &m.summary);
                Ok(Some((path, text)))
            }) as FileJob<'a>
        })
        .collect();
    jobs.push(Box::new(move || {
        let examples = emit::examples(service);
        if examples.is_empty() {
            return Ok(None);
        }
        let summary = "The documented examples, as tests.";
        let text = render::file(examples, &service.sources, summary)?;
        Ok(Some((format!("{}/examples.rs", service.name), text)))
    }));
    jobs
}

/// The rendered files, in job order; the first job's error if any failed.
fn collect(
    rendered: Vec<Result<Option<(String, String)>, crate::Error>>,
) -> Result<Files, crate::Error> {
    let mut files = Files::new();
    for file in rendered {
        files.extend(file?);
    }
    Ok(files)
}

/// `<service>/mod.rs`: the service's docs and the modules among the files at `paths`.
fn mod_file(
    service: &Service,
    options: &Options,
    paths: &BTreeSet<String>,
) -> Result<(String, String), crate::Error> {
    let dir = &service.name;
    let lang = options.language_for(service);
    let title = service.title.pick(lang).unwrap_or(&service.name);
    let mut summary = title.to_string();
    if let Some(description) = service.description.pick(lang) {
        summary.push_str("\n\n");
        summary.push_str(&emit::text_lines(description).join("\n"));
    }
    let declarations = modules(service, options, Parts::ALL).into_iter().map(|m| {
        let name = emit_ident(m.name);
        let gate = m.feature.map(|f| quote!(#[cfg(feature = #f)]));
        let inception = inception(service, m.name);
        quote!(#gate #inception pub mod #name;)
    });
    let examples = paths.contains(&format!("{dir}/examples.rs")).then(|| {
        let inception = inception(service, "examples");
        quote! {
            #[cfg(test)]
            #inception
            mod examples;
        }
    });
    let module = quote! {
        #(#declarations)*
        #examples
    };
    let text = render::file(module, &service.sources, &summary)?;
    Ok((format!("{dir}/mod.rs"), text))
}

/// For a module named as its service (a service called `client` has a `client` module): the
/// name is the spec's to choose, so clippy's `module_inception` is not the reader's concern.
/// Lints no generator can satisfy for every valid spec: doc comments carry the spec's prose
/// as written (a Markdown list item's next line may not be indented), and a union's
/// alternatives are as large as the spec's types make them.
fn spec_lints() -> TokenStream {
    quote!(allow(
        clippy::doc_lazy_continuation,
        clippy::large_enum_variant
    ))
}

fn inception(service: &Service, module: &str) -> Option<TokenStream> {
    (service.name == module).then(|| quote!(#[allow(clippy::module_inception)]))
}

fn emit_ident(name: &str) -> proc_macro2::Ident {
    proc_macro2::Ident::new(name, proc_macro2::Span::call_site())
}
