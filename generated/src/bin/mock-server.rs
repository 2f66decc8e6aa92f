//! Serves every service's mock at once: each under `/<service>` followed by its documented
//! paths, answering with the documented examples.
//!
//! ```text
//! cargo run -p apis --bin mock-server -- --addr 127.0.0.1:8080
//! ```

use std::net::SocketAddr;
use std::time::Duration;

use clap::Parser;
use specgen_runtime::server::{self, Config};

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
    /// After SIGTERM or Ctrl-C, how many seconds requests in flight have to finish.
    #[arg(long, value_name = "SECONDS", default_value_t = Config::default().shutdown_timeout.as_secs_f64())]
    shutdown_timeout: f64,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = Args::parse();
    let Ok(shutdown_timeout) = Duration::try_from_secs_f64(args.shutdown_timeout) else {
        eprintln!("error: --shutdown-timeout must be a number of seconds");
        return std::process::ExitCode::FAILURE;
    };
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
    let config = Config {
        shutdown_timeout,
        ..Config::default()
    };
    let shutdown = async {
        server::shutdown_signal().await;
        println!("shutting down");
    };
    let router = apis::mock_router_accepting(args.token.as_deref());
    match server::serve_until(listener, router, config, shutdown).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
