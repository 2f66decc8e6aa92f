//! The mocks of the feature specs (`features/<feature>/spec/<feature>`, built by the
//! `feature-bindings` crate), each under
//! `/<feature>` followed by its documented paths, and its OpenAPI document at
//! `/<feature>/openapi.json`, read from `--documents DIR` (`<feature>.openapi.json`, as
//! `specgen openapi` names them). The conformance run points schemathesis at it.
//!
//! ```text
//! feature-mocks --addr 127.0.0.1:0 --documents target/openapi/features/3.1 [--token T]
//! feature-mocks --list     # the features it serves, one per line
//! ```

use std::net::SocketAddr;
use std::path::PathBuf;

use specgen_runtime::axum::Router;

use feature_bindings::{FEATURES, mocks};

#[derive(Debug, Default)]
struct Args {
    addr: Option<SocketAddr>,
    token: Option<String>,
    documents: Option<PathBuf>,
    list: bool,
}

fn args() -> Result<Args, String> {
    let mut args = Args::default();
    let mut given = std::env::args().skip(1);
    while let Some(flag) = given.next() {
        let mut value = || given.next().ok_or(format!("`{flag}` needs a value"));
        match flag.as_str() {
            "--addr" => args.addr = Some(value()?.parse().map_err(|e| format!("--addr: {e}"))?),
            "--token" => args.token = Some(value()?),
            "--documents" => args.documents = Some(value()?.into()),
            "--list" => args.list = true,
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(args)
}

/// Each feature's document from `dir`, served beside its mock.
fn with_documents(mut router: Router, dir: &std::path::Path) -> Result<Router, String> {
    for feature in FEATURES {
        let path = dir.join(format!("{feature}.openapi.json"));
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let document: &'static str = Box::leak(text.into_boxed_str());
        router = router.route(
            &format!("/{feature}/openapi.json"),
            specgen_runtime::server::openapi_document(document),
        );
    }
    Ok(router)
}

#[tokio::main]
async fn main() -> Result<(), String> {
    let args = args()?;
    if args.list {
        FEATURES.iter().for_each(|f| println!("{f}"));
        return Ok(());
    }
    let mut router = mocks(args.token.as_deref());
    if let Some(dir) = &args.documents {
        router = with_documents(router, dir)?;
    }
    let addr = args
        .addr
        .unwrap_or(SocketAddr::from(([127, 0, 0, 1], 8080)));
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    println!("feature mocks listening on http://{addr}");
    let router = router.fallback(specgen_runtime::server::not_found);
    let config = specgen_runtime::server::Config::default();
    specgen_runtime::server::serve(listener, router, config)
        .await
        .map_err(|e| e.to_string())
}
