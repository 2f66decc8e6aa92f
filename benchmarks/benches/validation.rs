//! Validation cost, for each seed request body (the documented example): parsing alone, parsing
//! then `validate()`, and the same with the hand-written garde model. See BENCHMARKS.md.

use divan::{Bencher, black_box};
use specgen_benchmarks::seeds::{Kaiten, Lineworks, Onlyoffice, R7office, Seed, Yandex360};

fn main() {
    // Parsing a small body takes well under a microsecond, so many samples are needed for
    // medians steady enough to compare; command-line options still override these.
    divan::Divan::default()
        .sample_count(2_000)
        .sample_size(50)
        .config_with_args()
        .main();
}

/// `serde_json::from_slice` into the generated model, nothing else: the baseline.
#[divan::bench(types = [Kaiten, Lineworks, Yandex360, Onlyoffice, R7office])]
fn parse<S: Seed>(bencher: Bencher) {
    let body = S::body();
    bencher.bench(|| serde_json::from_slice::<S::Ours>(black_box(&body)).expect("parses"));
}

/// `serde_json::from_slice` into the generated model, then `validate()`.
#[divan::bench(types = [Kaiten, Lineworks, Yandex360, Onlyoffice, R7office])]
fn parse_and_validate<S: Seed>(bencher: Bencher) {
    use specgen_runtime::Validate;
    let body = S::body();
    bencher.bench(|| {
        let value = serde_json::from_slice::<S::Ours>(black_box(&body)).expect("parses");
        value.validate().expect("valid");
        value
    });
}

/// `serde_json::from_slice` into the hand-written model, then garde's `validate()`.
#[divan::bench(types = [Kaiten, Lineworks, Yandex360, Onlyoffice, R7office])]
fn garde_parse_and_validate<S: Seed>(bencher: Bencher) {
    use garde::Validate;
    let body = S::body();
    bencher.bench(|| {
        let value = serde_json::from_slice::<S::Garde>(black_box(&body)).expect("parses");
        value.validate().expect("valid");
        value
    });
}

/// `validate()` alone, on a parsed value.
#[divan::bench(types = [Kaiten, Lineworks, Yandex360, Onlyoffice, R7office])]
fn validate<S: Seed>(bencher: Bencher) {
    use specgen_runtime::Validate;
    let value = serde_json::from_slice::<S::Ours>(&S::body()).expect("parses");
    bencher.bench(|| black_box(&value).validate().expect("valid"));
}

/// garde's `validate()` alone, on a parsed value.
#[divan::bench(types = [Kaiten, Lineworks, Yandex360, Onlyoffice, R7office])]
fn garde_validate<S: Seed>(bencher: Bencher) {
    use garde::Validate;
    let value = serde_json::from_slice::<S::Garde>(&S::body()).expect("parses");
    bencher.bench(|| black_box(&value).validate().expect("valid"));
}

/// What a generated server runs on a body: `decode::from_json_slice`, which parses, tracks the
/// path for error messages, and validates.
#[divan::bench(types = [Kaiten, Lineworks, Yandex360, Onlyoffice, R7office])]
fn server_decode<S: Seed>(bencher: Bencher) {
    let body = S::body();
    bencher.bench(|| {
        specgen_runtime::decode::from_json_slice::<S::Ours>(black_box(&body)).expect("valid")
    });
}

/// The one pattern in the seeds, the LINE WORKS key pattern, matched alone against the
/// example's key: by the `Pattern` generated models use (a run of classes between anchors,
/// matched without the regex engine), and by the regex crate, which garde uses.
mod lineworks_pattern {
    use super::*;

    const SOURCE: &str = "^[A-Za-z][A-Za-z0-9]*$";
    const KEY: &str = "CUSTOMFIELDEXT01";

    #[divan::bench]
    fn ours(bencher: Bencher) {
        let pattern = specgen_runtime::Pattern::new(SOURCE).expect("a valid pattern");
        assert!(pattern.is_class_run());
        bencher.bench(|| pattern.is_match(black_box(KEY)));
    }

    #[divan::bench]
    fn regex_crate(bencher: Bencher) {
        let pattern = regex::Regex::new(SOURCE).expect("a valid pattern");
        bencher.bench(|| pattern.is_match(black_box(KEY)));
    }
}
