//! Shared helpers for the workspace tests.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// The real service folders, grouped so each group loads on its own: a service, and the
/// service it extends.
pub const SERVICE_GROUPS: &[&[&str]] = &[
    &["kaiten"],
    &["lineworks"],
    &["yandex360"],
    &["onlyoffice", "r7office"],
];

/// The workspace's `specs/` folder.
pub fn specs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs")
}

/// Copies the folder `from` to `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("dir");
    for entry in std::fs::read_dir(from).expect("read") {
        let path = entry.expect("entry").path();
        let target = to.join(path.file_name().expect("name"));
        if path.is_dir() {
            copy_dir(&path, &target)
        } else {
            std::fs::copy(&path, &target).map(drop).expect("copy")
        }
    }
}

/// Every file under `dir`, sorted.
pub fn spec_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(spec_files(&path))
        } else {
            out.push(path)
        }
    }
    out.sort();
    out
}

#[path = "support/capture.rs"]
pub mod capture;
#[path = "support/feature_options.rs"]
mod feature_options;
#[path = "support/http.rs"]
pub mod http;
#[path = "support/openapi_facts.rs"]
pub mod openapi_facts;
#[path = "support/spec_shape.rs"]
pub mod spec_shape;

pub use feature_options::feature_options;

/// A breach of the spec language in one file: the file (`service/file.yaml`) and the breach.
#[derive(Debug, Clone)]
pub struct FileBreach {
    pub file: String,
    pub breach: spec_shape::Breach,
}

/// Every breach of the spec language ([`spec_shape`]) in the spec files under `root`, a specs
/// folder: a file YAML cannot read, a map without a required key, with an unknown key or with
/// a value of the wrong kind, a type expression naming a type no file defines. Empty when the
/// language promises no rejection (which does not mean the specs are valid).
pub fn breaches_under(root: &Path) -> Vec<FileBreach> {
    let mut trees = Vec::new();
    let mut out = Vec::new();
    for path in spec_files(root) {
        let file = path
            .strip_prefix(root)
            .expect("under root")
            .display()
            .to_string();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let mut diags = specgen::Diagnostics::default();
        let source = specgen::load::parse_source(file.clone(), path.clone(), text, &mut diags);
        if let Some(d) = diags.iter().next() {
            let lines: Vec<u32> = diags.iter().map(|d| d.pos.line).collect();
            let first = lines.iter().copied().min().unwrap_or(d.pos.line);
            let range = first..=lines.iter().copied().max().unwrap_or(first);
            out.push(FileBreach {
                file,
                breach: spec_shape::Breach {
                    what: format!("YAML: {}", d.message),
                    lines: range,
                },
            });
            continue;
        }
        if let Some(tree) = source.root {
            let service_file = path.file_name().is_some_and(|n| n == "service.yaml");
            for breach in spec_shape::breaches(&tree, service_file) {
                out.push(FileBreach {
                    file: file.clone(),
                    breach,
                });
            }
            trees.push((file, tree));
        }
    }
    let mut defined = Vec::new();
    for (_, tree) in &trees {
        spec_shape::defined_types(tree, &mut defined);
    }
    for (file, tree) in &trees {
        for breach in spec_shape::undefined_references(tree, &defined) {
            out.push(FileBreach {
                file: file.clone(),
                breach,
            });
        }
    }
    out
}

/// Every diagnostic says where (line and column from 1) and what.
fn assert_positioned(diags: &specgen::Diagnostics, what: &str) {
    assert!(!diags.is_empty(), "{what}: an error without diagnostics");
    for d in diags.iter() {
        assert!(
            d.pos.line >= 1 && d.pos.col >= 1,
            "{what}: unpositioned {d}"
        );
        assert!(!d.message.trim().is_empty(), "{what}: no message in {d}");
    }
}

/// Input the language allows either way (odd text inside a description, say) is answered,
/// never with a panic or an internal error: success, or diagnostics that each say where and
/// what. Returns the success.
pub fn assert_answered<T>(result: Result<T, specgen::Error>, what: &str) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(specgen::Error::Spec(diags)) => {
            assert_positioned(&diags, what);
            None
        }
        Err(other) => panic!("{what}: {other}"),
    }
}

/// A spec that breaks the language is rejected with positioned diagnostics, at least one of
/// them in a file with a breach. Returns whether one is also on a line the breached node
/// spans (another problem the edit made can stop the checker before it reaches the breach).
pub fn assert_rejected_in<T>(
    result: Result<T, specgen::Error>,
    breaches: &[FileBreach],
    what: &str,
) -> bool {
    let diags = match result {
        Ok(_) => panic!("{what}: accepted, though {breaches:?}"),
        Err(specgen::Error::Spec(diags)) => diags,
        Err(other) => panic!("{what}: {other}"),
    };
    assert_positioned(&diags, what);
    let in_file = |d: &specgen::diagnostics::Diagnostic, b: &FileBreach| {
        d.file == b.file || d.file.ends_with(&format!("/{}", b.file))
    };
    let in_a_breached_file = diags.iter().any(|d| breaches.iter().any(|b| in_file(d, b)));
    assert!(
        in_a_breached_file,
        "{what}: no diagnostic in the file of {breaches:?}; got:\n{diags}"
    );
    diags.iter().any(|d| {
        breaches
            .iter()
            .any(|b| in_file(d, b) && b.breach.lines.contains(&d.pos.line))
    })
}

/// Specs that load generate real output: every file of the crate renders, none empty.
pub fn assert_generates(api: &specgen::ir::Api, what: &str) {
    let files = specgen::layout::crate_files(api, &specgen::Options::default())
        .unwrap_or_else(|e| panic!("{what}: loads but does not generate: {e}"));
    for service in &api.services {
        let models = format!("{}/mod.rs", service.name);
        assert!(files.contains_key(&models), "{what}: no {models}");
    }
    assert!(
        files.values().all(|text| !text.trim().is_empty()),
        "{what}: an empty file"
    );
}

/// Serves `router` on a free loopback port, with the default [`specgen_runtime::server::Config`].
pub async fn serve(router: specgen_runtime::axum::Router) -> SocketAddr {
    serve_router(router).await
}

/// A request as it reached a recording server: its target, `Content-Type` and body, byte for byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    /// The request target: path and query, as sent.
    pub target: String,
    pub content_type: String,
    pub body: Vec<u8>,
}

/// Serves `router` on a free loopback port like [`serve`], and records every request's
/// target, `Content-Type` and body before the router reads it, so a test sees what a client sent.
pub async fn serve_recording(
    router: specgen_runtime::axum::Router,
) -> (SocketAddr, std::sync::Arc<std::sync::Mutex<Vec<Seen>>>) {
    use specgen_runtime::axum::{self, body::Body, extract::Request, middleware::Next};
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = seen.clone();
    let record = move |request: Request, next: Next| {
        let log = log.clone();
        async move {
            let (parts, body) = request.into_parts();
            let bytes = axum::body::to_bytes(body, http::MAX_RESPONSE)
                .await
                .unwrap_or_default();
            let content_type = parts
                .headers
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_owned();
            let target = parts
                .uri
                .path_and_query()
                .map_or_else(String::new, |t| t.as_str().to_owned());
            log.lock().expect("log").push(Seen {
                target,
                content_type,
                body: bytes.to_vec(),
            });
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
    };
    let router = router.layer(axum::middleware::from_fn(record));
    (serve_router(router).await, seen)
}

async fn serve_router(router: specgen_runtime::axum::Router) -> SocketAddr {
    serve_with(router, specgen_runtime::server::Config::default()).await
}

/// Serves `router` on a free loopback port with [`specgen_runtime::server::serve_until`] and
/// the connection limits of `config`, until the test's runtime ends.
pub async fn serve_with(
    router: specgen_runtime::axum::Router,
    config: specgen_runtime::server::Config,
) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let addr = listener.local_addr().expect("local address");
    let forever = std::future::pending::<()>();
    tokio::spawn(specgen_runtime::server::serve_until(
        listener, router, config, forever,
    ));
    addr
}
