//! The generated LINE WORKS and Yandex 360 routers against hand-written axum handlers doing the
//! same work, each driven in-process with `tower::ServiceExt::oneshot` on the documented
//! example. See BENCHMARKS.md.

use axum::Router;
use axum::body::Body;
use axum::http::Request;
use divan::{Bencher, black_box};
use specgen_benchmarks::requests::Endpoint;
use specgen_benchmarks::{generated_server, handwritten_server};
use tower::ServiceExt;

fn main() {
    // A request takes a few microseconds; enough samples for steady medians, which the
    // command line can still override.
    divan::Divan::default()
        .sample_count(1_000)
        .sample_size(20)
        .config_with_args()
        .main();
}

/// Sends `endpoint`'s request through `router` and reads the whole answer.
fn drive(bencher: Bencher, router: Router, endpoint: Endpoint) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    let send = |request: Request<Body>| {
        runtime.block_on(async {
            let response = router.clone().oneshot(request).await.expect("infallible");
            assert!(response.status().is_success());
            axum::body::to_bytes(black_box(response).into_body(), usize::MAX)
                .await
                .expect("a body")
        })
    };
    // Compiled patterns, the allocator's pools and the caches are warm before timing starts,
    // whichever bench runs first.
    for _ in 0..10_000 {
        send(endpoint.request());
    }
    bencher
        .with_inputs(|| endpoint.request())
        .bench_local_values(send);
}

#[divan::bench_group]
mod lineworks {
    use super::*;

    #[divan::bench]
    fn generated(bencher: Bencher) {
        drive(
            bencher,
            generated_server::lineworks(),
            Endpoint::lineworks(),
        );
    }

    #[divan::bench]
    fn handwritten(bencher: Bencher) {
        drive(
            bencher,
            handwritten_server::lineworks(),
            Endpoint::lineworks(),
        );
    }
}

#[divan::bench_group]
mod yandex360 {
    use super::*;

    #[divan::bench]
    fn generated(bencher: Bencher) {
        drive(
            bencher,
            generated_server::yandex360(),
            Endpoint::yandex360(),
        );
    }

    #[divan::bench]
    fn handwritten(bencher: Bencher) {
        drive(
            bencher,
            handwritten_server::yandex360(),
            Endpoint::yandex360(),
        );
    }
}
