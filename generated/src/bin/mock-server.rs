//! Serves every service's mock at once: each under `/<service>` followed by its documented
//! paths, answering with the documented examples.
//!
//! ```text
//! cargo run -p apis --bin mock-server -- --addr 127.0.0.1:8080
//! ```

use std::net::SocketAddr;

use clap::Parser;

/// Serve the mocks of every service in `specs/`.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Accept only this token (sent as each service's auth scheme says); without it, any
    /// well-formed token is accepted.
    #[arg(long)]
    token: Option<String>,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = Args::parse();
    let listener = match tokio::net::TcpListener::bind(args.addr).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("error: cannot listen on {}: {error}", args.addr);
            return std::process::ExitCode::FAILURE;
        }
    };
    let addr = listener.local_addr().unwrap_or(args.addr);
    println!("mock server listening on http://{addr}");
    if args.token.is_some() {
        println!("accepting only the token given with --token");
    }
    for (method, path) in apis::MOCK_ROUTES {
        println!("  {method:<6} {path}");
    }
    let shutdown = async {
        // If the signal cannot be installed, serve until killed.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
        println!("shutting down");
    };
    let router = apis::mock_router_accepting(args.token.as_deref());
    match axum_serve(listener, router, shutdown).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn axum_serve(
    listener: tokio::net::TcpListener,
    router: specgen_runtime::axum::Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    specgen_runtime::axum::serve(listener, router)
        .with_graceful_shutdown(shutdown)
        .await
}
