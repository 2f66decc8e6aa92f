//! Shared helpers for the workspace tests.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

#[path = "support/http.rs"]
pub mod http;

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

/// Bad input is answered, never with a panic or an internal error: success, or diagnostics
/// that each say where (line and column from 1) and what.
pub fn assert_answered<T>(result: Result<T, specgen::Error>, what: &str) {
    match result {
        Ok(_) => {}
        Err(specgen::Error::Spec(diags)) => {
            assert!(!diags.is_empty(), "{what}: an error without diagnostics");
            for d in diags.iter() {
                assert!(
                    d.pos.line >= 1 && d.pos.col >= 1,
                    "{what}: unpositioned {d}"
                );
                assert!(!d.message.trim().is_empty(), "{what}: no message in {d}");
            }
        }
        Err(other) => panic!("{what}: {other}"),
    }
}

/// Serves `router` on a free loopback port.
pub async fn serve(router: specgen_runtime::axum::Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let addr = listener.local_addr().expect("local address");
    tokio::spawn(specgen_runtime::axum::serve(listener, router).into_future());
    addr
}
