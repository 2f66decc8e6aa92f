//! The mocks of the feature specs (`features/<feature>/spec/<feature>`), each under
//! `/<feature>` followed by its documented paths, and its OpenAPI document at
//! `/<feature>/openapi.json`, read from `--documents DIR` (`<feature>.openapi.json`, as
//! `specgen openapi` names them). The conformance run points schemathesis at it.
//!
//! ```text
//! feature-mocks --addr 127.0.0.1:0 --documents target/openapi/features/3.1 [--token T]
//! feature-mocks --list     # the features it serves, one per line
//! ```

#![allow(deprecated)] // `deprecation` generates deprecated items on purpose.

use std::net::SocketAddr;
use std::path::PathBuf;

use specgen_runtime::axum::Router;

/// `mod <feature> { include_spec!(…) }` for each feature, and the router serving them all;
/// features with auth take the token to accept.
macro_rules! features {
    (auth: [$($auth:ident => $auth_spec:literal,)*], plain: [$($plain:ident => $plain_spec:literal,)*]) => {
        $(mod $auth {
            specgen_runtime::include_spec!($auth_spec);
        })*
        $(mod $plain {
            specgen_runtime::include_spec!($plain_spec);
        })*

        const FEATURES: &[&str] = &[$(stringify!($auth),)* $(stringify!($plain),)*];

        fn mocks(token: Option<&str>) -> Router {
            let router = Router::new();
            $(let router = router.nest(
                concat!("/", stringify!($auth)),
                $auth::server::router(token.map_or_else($auth::mock::Mock::default, $auth::mock::Mock::accepting)),
            );)*
            $(let router = router.nest(concat!("/", stringify!($plain)), $plain::mock::router());)*
            router
        }
    };
}

features!(
    auth: [
        auth_per_operation => "features/auth_per_operation/spec/auth_per_operation",
        auth_api_key => "features/auth_api_key/spec/auth_api_key",
        auth_bearer => "features/auth_bearer/spec/auth_bearer",
        oauth2_scopes => "features/oauth2_scopes/spec/oauth2_scopes",
    ],
    plain: [
        constraints => "features/constraints/spec/constraints",
        deprecation => "features/deprecation/spec/deprecation",
        enums => "features/enums/spec/enums",
        examples => "features/examples/spec/examples",
        form_body => "features/form_body/spec/form_body",
        formats => "features/formats/spec/formats",
        header_parameters => "features/header_parameters/spec/header_parameters",
        json_body => "features/json_body/spec/json_body",
        json_media => "features/json_media/spec/json_media",
        maps => "features/maps/spec/maps",
        multipart_body => "features/multipart_body/spec/multipart_body",
        nullable => "features/nullable/spec/nullable",
        open_objects => "features/open_objects/spec/open_objects",
        optional_body => "features/optional_body/spec/optional_body",
        path_parameters => "features/path_parameters/spec/path_parameters",
        query_parameters => "features/query_parameters/spec/query_parameters",
        raw_body => "features/raw_body/spec/raw_body",
        read_only => "features/read_only/spec/read_only",
        response_headers => "features/response_headers/spec/response_headers",
        server_variables => "features/server_variables/spec/server_variables",
        status_ranges => "features/status_ranges/spec/status_ranges",
        text_body => "features/text_body/spec/text_body",
        text_response => "features/text_response/spec/text_response",
        texts => "features/texts/spec/texts",
        unions => "features/unions/spec/unions",
        xml_response => "features/xml_response/spec/xml_response",
    ]
);

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
    specgen_runtime::axum::serve(listener, router)
        .await
        .map_err(|e| e.to_string())
}
