//! Properties of the types of real APIs (tagged unions, composition, defaults, named scalars,
//! recursion, constants, numbers, formats), over documents proptest derives from each feature
//! spec's documented examples by editing them: every document that decodes and validates
//! round-trips through JSON (decode → validate → encode → decode gives the same value and the
//! same JSON).
//!
//! `PROPTEST_CASES` sets the number of cases (256 by default).

use std::path::Path;

use feature_bindings::{
    composition, constants, defaults, named_scalars, numbers, recursion, tagged_unions,
};
use proptest::test_runner::TestCaseError;
use serde_json::Value;

#[path = "support/edits.rs"]
mod edits;

use edits::{assert_edits_round_trip, round_trips};

/// The first documented request example of the feature's operation `operation`.
fn request_example(feature: &str, operation: &str) -> Value {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("features")
        .join(feature)
        .join("spec")
        .join(feature);
    let api = specgen::load_service_api(&dir).expect("the feature spec loads");
    api.services[0]
        .operations
        .iter()
        .find(|op| op.name == operation)
        .and_then(|op| op.examples.iter().find_map(|e| e.request.as_ref()))
        .map(|body| body.json.clone())
        .unwrap_or_else(|| panic!("{feature}: no request example for {operation}"))
}

/// A model, the example it is edited from, and its round-trip check.
struct Model {
    feature: &'static str,
    operation: &'static str,
    round_trips: fn(&[u8]) -> Result<bool, TestCaseError>,
}

const MODELS: &[Model] = &[
    Model {
        feature: "tagged_unions",
        operation: "put_disk",
        round_trips: round_trips::<tagged_unions::models::Disk>,
    },
    Model {
        feature: "composition",
        operation: "add_pet",
        round_trips: round_trips::<composition::models::PetRequest>,
    },
    Model {
        feature: "defaults",
        operation: "create_repo",
        round_trips: round_trips::<defaults::models::NewRepo>,
    },
    Model {
        feature: "named_scalars",
        operation: "create_disk",
        round_trips: round_trips::<named_scalars::models::DiskCreate>,
    },
    Model {
        feature: "recursion",
        operation: "create_volume",
        round_trips: round_trips::<recursion::models::Volume>,
    },
    Model {
        feature: "constants",
        operation: "post_event",
        round_trips: round_trips::<constants::models::Event>,
    },
    Model {
        feature: "top_level_bodies",
        operation: "put_labels",
        round_trips: round_trips::<std::collections::BTreeMap<String, i32>>,
    },
    Model {
        feature: "numbers",
        operation: "put_reading",
        round_trips: round_trips::<numbers::models::Reading>,
    },
];

#[test]
fn valid_values_of_every_type_round_trip_through_json() {
    for model in MODELS {
        let example = request_example(model.feature, model.operation);
        assert_edits_round_trip(model.feature, example, model.round_trips);
    }
}
