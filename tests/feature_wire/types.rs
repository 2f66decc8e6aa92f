//! Types of real APIs on the wire: recursive types, tagged unions, composed types, defaults,
//! named scalars and constants, each generated, served on loopback and called with the
//! generated client, with raw HTTP where the client would refuse the input.

use feature_bindings::recursion;
use serde_json::json;
use workspace_tests::http::{exchange, request};

use super::{assert_invalid, base, serve};

/// Answers with the volume it was given.
struct Volumes;

impl recursion::server::Api for Volumes {
    async fn create_volume(
        &self,
        body: recursion::models::Volume,
    ) -> recursion::operations::CreateVolumeResponse {
        recursion::operations::CreateVolumeResponse::Created(body)
    }
}

#[tokio::test]
async fn recursion_round_trips_a_type_that_contains_itself() {
    use recursion::models::{Employee, Manager, Source, Volume};
    let addr = serve(recursion::server::router(Volumes)).await;
    let client = recursion::client::Client::new(&base(addr)).expect("client");
    let leaf = |id: &str| Volume {
        id: id.into(),
        read_only_parent: None,
        sub_volumes: None,
        owner: None,
        source: None,
    };
    let volume = Volume {
        read_only_parent: Some(Some(Box::new(leaf("base")))),
        sub_volumes: Some(vec![leaf("a")]),
        owner: Some(Employee {
            name: "ann".into(),
            manager: Some(Box::new(Manager {
                name: "bob".into(),
                assistant: Box::new(Employee {
                    name: "cy".into(),
                    manager: None,
                }),
            })),
        }),
        source: Some(Box::new(Source::Volume(Box::new(leaf("inner"))))),
        ..leaf("top")
    };
    let answer = client.create_volume(volume.clone()).await;
    let Ok(recursion::operations::CreateVolumeResponse::Created(echoed)) = answer else {
        panic!("{answer:?}");
    };
    assert_eq!(echoed, volume);
    // Validation follows the cycle down: a name too long three types deep is named there.
    let body = json!({
        "id": "top",
        "owner": {"name": "ann", "manager": {"name": "bob", "assistant": {"name": "far too long"}}},
        "read_only_parent": {"id": "p", "owner": {"name": "also far too long"}}
    });
    let headers = [("Content-Type", "application/json")];
    let bytes = serde_json::to_vec(&body).expect("JSON");
    let reply = exchange(addr, request("POST", "/volumes", &headers, &bytes)).await;
    assert_invalid(&reply, "body", "/owner/manager/assistant/name");
    assert_invalid(&reply, "body", "/read_only_parent/owner/name");
}
