//! Types of real APIs on the wire: recursive types, tagged unions, composed types, defaults,
//! named scalars and constants, each generated, served on loopback and called with the
//! generated client, with raw HTTP where the client would refuse the input.

use feature_bindings::{
    composition, constants, defaults, named_scalars, recursion, tagged_unions, top_level_bodies,
};
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

/// Makes a disk of what it was sent.
struct Disks;

impl named_scalars::server::Api for Disks {
    async fn create_disk(
        &self,
        params: named_scalars::operations::CreateDiskParams,
        body: named_scalars::models::DiskCreate,
    ) -> named_scalars::operations::CreateDiskResponse {
        named_scalars::operations::CreateDiskResponse::Created {
            x_disk_name: body.name.clone(),
            body: named_scalars::models::Disk {
                name: body.name,
                project: params.project,
                size: body.size,
                tags: body.tags,
            },
        }
    }
}

#[tokio::test]
async fn named_scalars_carry_their_constraints_wherever_they_are_used() {
    use named_scalars::models::{ByteCount, DiskCreate, Name, Tags};
    use named_scalars::operations::CreateDiskResponse;
    let addr = serve(named_scalars::server::router(Disks)).await;
    let client = named_scalars::client::Client::new(&base(addr)).expect("client");
    let disk = DiskCreate {
        name: "disk-1".into(),
        size: ByteCount(1024),
        tags: Some(Tags(vec![Name::from("fast")])),
    };
    let answer = client.create_disk("web", disk).await;
    let Ok(CreateDiskResponse::Created { body, x_disk_name }) = answer else {
        panic!("{answer:?}");
    };
    assert_eq!(
        (body.project.as_str(), x_disk_name.as_str()),
        ("web", "disk-1")
    );
    assert_eq!(*body.size, 1024);
    // The client checks the scalar's constraints before sending.
    let bad = DiskCreate {
        name: "Disk 1".into(),
        size: ByteCount(-1),
        tags: None,
    };
    let answer = client.create_disk("web", bad).await;
    assert!(
        matches!(answer, Err(specgen_runtime::client::Error::Invalid(_))),
        "{answer:?}"
    );
    // The server names each broken use of a scalar by its pointer.
    let body = json!({"name": "Disk 1", "size": -1, "tags": ["ok", "NOT OK", "c", "d"]});
    let headers = [("Content-Type", "application/json")];
    let bytes = serde_json::to_vec(&body).expect("JSON");
    let reply = exchange(
        addr,
        request("POST", "/projects/Web_1/disks", &headers, &bytes),
    )
    .await;
    assert_invalid(&reply, "path", "/project");
    for pointer in ["/name", "/size", "/tags", "/tags/1"] {
        assert_invalid(&reply, "body", pointer);
    }
}

/// Answers with the repository it was given.
struct Repos;

impl defaults::server::Api for Repos {
    async fn create_repo(
        &self,
        body: defaults::models::NewRepo,
    ) -> defaults::operations::CreateRepoResponse {
        defaults::operations::CreateRepoResponse::Created(body)
    }
}

#[tokio::test]
async fn defaults_fill_what_is_left_out() {
    use defaults::models::{NewRepo, Settings, Visibility};
    let addr = serve(defaults::server::router(Repos)).await;
    // Left out on the wire: the server's method sees each default as a plain value.
    let headers = [("Content-Type", "application/json")];
    let body = br#"{"name": "hello", "settings": {"note": "hi"}}"#;
    let reply = exchange(addr, request("POST", "/user/repos", &headers, body)).await;
    assert_eq!(reply.status, 201, "{reply}");
    assert_eq!(
        reply.json(),
        json!({
            "name": "hello", "private": false, "has_issues": true, "visibility": "public",
            "topics": [], "settings": {
                "per_page": 30, "sort": "created", "note": "hi", "label": null, "color": "blue"
            }
        })
    );
    // A nullable field with a default: `null` stays `null`, absent is the default.
    let body = br#"{"name": "x", "settings": {"color": null}}"#;
    let reply = exchange(addr, request("POST", "/user/repos", &headers, body)).await;
    assert_eq!(reply.json()["settings"]["color"], json!(null), "{reply}");
    // A default is checked like any value: a sent `per_page` of 0 is below the minimum.
    let body = br#"{"name": "x", "settings": {"per_page": 0}}"#;
    let reply = exchange(addr, request("POST", "/user/repos", &headers, body)).await;
    assert_invalid(&reply, "body", "/settings/per_page");
    // The client starts from the defaults and sends them.
    let client = defaults::client::Client::new(&base(addr)).expect("client");
    let settings = Settings::default();
    assert_eq!((settings.per_page, settings.sort.as_str()), (30, "created"));
    assert_eq!(
        (settings.label, settings.color.as_deref()),
        (None, Some("blue"))
    );
    let settings = Settings::default();
    let repo = NewRepo {
        name: "hello".into(),
        private: true,
        has_issues: true,
        visibility: Visibility::Internal,
        topics: vec!["rust".into()],
        settings: Some(settings),
    };
    let answer = client.create_repo(repo.clone()).await;
    let Ok(defaults::operations::CreateRepoResponse::Created(echoed)) = answer else {
        panic!("{answer:?}");
    };
    assert_eq!(echoed, repo);
}

/// Stores a pet, stamping when.
struct Pets;

impl composition::server::Api for Pets {
    async fn add_pet(
        &self,
        body: composition::models::PetRequest,
    ) -> composition::operations::AddPetResponse {
        composition::operations::AddPetResponse::Created(composition::models::Pet {
            name: body.name,
            tag: body.tag,
            created_at: Some("2026-12-07T00:00:00Z".into()),
            id: body.id,
        })
    }
}

#[tokio::test]
async fn composition_flattens_the_parts_into_one_type() {
    use composition::models::PetRequest;
    let addr = serve(composition::server::router(Pets)).await;
    let client = composition::client::Client::new(&base(addr)).expect("client");
    let pet = PetRequest {
        name: "Rex".into(),
        tag: None,
        id: 7,
    };
    let answer = client.add_pet(pet).await;
    let Ok(composition::operations::AddPetResponse::Created(stored)) = answer else {
        panic!("{answer:?}");
    };
    assert_eq!((stored.name.as_str(), stored.id), ("Rex", 7));
    assert!(
        stored.created_at.is_some(),
        "the part's read-only field comes back"
    );
    // Every part's rules hold on the whole: a name too long (from `NewPet`), an id missing
    // (its own).
    let headers = [("Content-Type", "application/json")];
    let reply = exchange(
        addr,
        request(
            "POST",
            "/pets",
            &headers,
            br#"{"name": "far too long for a pet", "id": 1}"#,
        ),
    )
    .await;
    assert_invalid(&reply, "body", "/name");
    let reply = exchange(
        addr,
        request("POST", "/pets", &headers, br#"{"name": "Rex"}"#),
    )
    .await;
    assert_invalid(&reply, "body", "/id");
}

/// Answers with the disk it was given.
struct TaggedDisks;

impl tagged_unions::server::Api for TaggedDisks {
    async fn put_disk(
        &self,
        _params: tagged_unions::operations::PutDiskParams,
        body: tagged_unions::models::Disk,
    ) -> tagged_unions::operations::PutDiskResponse {
        tagged_unions::operations::PutDiskResponse::Ok(body)
    }
}

#[tokio::test]
async fn tagged_unions_travel_by_their_tag() {
    use tagged_unions::models::{Attached, Cat, Datum, Disk, DiskState, Faulted, Pet};
    let addr = serve(tagged_unions::server::router(TaggedDisks)).await;
    let client = tagged_unions::client::Client::new(&base(addr)).expect("client");
    let disks = [
        Disk {
            state: DiskState::Creating,
            reading: Some(Datum::Missing),
            pet: None,
        },
        Disk {
            state: DiskState::Attached(Attached {
                instance: uuid::Uuid::nil(),
            }),
            reading: Some(Datum::F64(7.5)),
            pet: Some(Pet::Cat(Cat {
                pet_type: "cat".into(),
                lives: Some(7),
            })),
        },
        Disk {
            state: DiskState::Faulted(Faulted {
                reason: "worn".into(),
            }),
            reading: Some(Datum::String("x".into())),
            pet: None,
        },
    ];
    for disk in disks {
        let answer = client.put_disk("d1", disk.clone()).await;
        let Ok(tagged_unions::operations::PutDiskResponse::Ok(echoed)) = answer else {
            panic!("{answer:?}");
        };
        assert_eq!(echoed, disk);
    }
    // On the wire: the tag beside the members, or the value in its own member.
    let headers = [("Content-Type", "application/json")];
    let body = json!({
        "state": {"state": "attached", "instance": uuid::Uuid::nil()},
        "reading": {"type": "i64", "datum": 42},
        "pet": {"pet_type": "dog", "barks": true}
    });
    let bytes = serde_json::to_vec(&body).expect("JSON");
    let reply = exchange(addr, request("PUT", "/disks/d1", &headers, &bytes)).await;
    assert_eq!(reply.status, 200, "{reply}");
    assert_eq!(reply.json(), body);
    // JSON Schema reads `7.0` as an integer, inside an alternative too.
    let body = br#"{"state": {"state": "creating"}, "pet": {"pet_type": "cat", "lives": 7.0}}"#;
    let reply = exchange(addr, request("PUT", "/disks/d1", &headers, body)).await;
    assert_eq!(reply.json()["pet"]["lives"], json!(7), "{reply}");
}

#[tokio::test]
async fn tagged_unions_name_an_unlisted_tag_and_each_alternative_s_rules() {
    let addr = serve(tagged_unions::server::router(TaggedDisks)).await;
    let headers = [("Content-Type", "application/json")];
    let put = |body: serde_json::Value| {
        let bytes = serde_json::to_vec(&body).expect("JSON");
        exchange(addr, request("PUT", "/disks/d1", &headers, &bytes))
    };
    // An unlisted tag decodes (kept as it came) and validation names the tag.
    let reply = put(json!({"state": {"state": "exploded"}, "pet": {"pet_type": "fish"}})).await;
    assert_invalid(&reply, "body", "/state/state");
    assert_invalid(&reply, "body", "/pet/pet_type");
    // Each alternative's rules hold where it sits: beside the tag, or in the content member.
    let reply = put(json!({
        "state": {"state": "faulted", "reason": "a reason far too long to keep"},
        "pet": {"pet_type": "cat", "lives": 10}
    }))
    .await;
    assert_invalid(&reply, "body", "/state/reason");
    assert_invalid(&reply, "body", "/pet/lives");
    // A missing tag, a tag that is not text, a value of the wrong type: each a 400 at the union.
    for (body, pointer) in [
        (json!({"state": {"instance": "x"}}), "/state/state"),
        (json!({"state": {"state": 7}}), "/state"),
        (
            json!({"state": {"state": "creating"}, "reading": {"type": "i64", "datum": "x"}}),
            "/reading",
        ),
    ] {
        let reply = put(body).await;
        assert_invalid(&reply, "body", pointer);
    }
}

/// Turns a map of counts into a list of labels.
struct Labels;

impl top_level_bodies::server::Api for Labels {
    async fn put_labels(
        &self,
        body: std::collections::BTreeMap<String, i32>,
    ) -> top_level_bodies::operations::PutLabelsResponse {
        let labels = body
            .into_iter()
            .map(|(name, count)| top_level_bodies::models::Label { name, count })
            .collect();
        top_level_bodies::operations::PutLabelsResponse::Ok(labels)
    }
}

#[tokio::test]
async fn top_level_bodies_are_a_map_in_and_a_list_out() {
    let addr = serve(top_level_bodies::server::router(Labels)).await;
    let client = top_level_bodies::client::Client::new(&base(addr)).expect("client");
    let counts = std::collections::BTreeMap::from([("bug".to_owned(), 3), ("ui".to_owned(), 1)]);
    let answer = client.put_labels(counts).await;
    let Ok(top_level_bodies::operations::PutLabelsResponse::Ok(labels)) = answer else {
        panic!("{answer:?}");
    };
    let names: Vec<&str> = labels.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["bug", "ui"]);
    let headers = [("Content-Type", "application/json")];
    let reply = exchange(
        addr,
        request("PUT", "/labels", &headers, br#"{"bug": "three"}"#),
    )
    .await;
    assert_invalid(&reply, "body", "/bug");
}

/// Takes an event as it came.
struct Events;

impl constants::server::Api for Events {
    async fn post_event(
        &self,
        body: constants::models::Event,
    ) -> constants::operations::PostEventResponse {
        constants::operations::PostEventResponse::Accepted(body)
    }
}

#[tokio::test]
async fn constants_allow_their_one_value() {
    use constants::models::Event;
    let addr = serve(constants::server::router(Events)).await;
    let client = constants::client::Client::new(&base(addr)).expect("client");
    let event = Event {
        kind: "disk.created".into(),
        version: 2,
        dry_run: Some(false),
        note: None,
    };
    let answer = client.post_event(event.clone()).await;
    assert!(
        matches!(&answer, Ok(constants::operations::PostEventResponse::Accepted(e)) if *e == event),
        "{answer:?}"
    );
    // Another value is refused before it is sent, and by the server, each named.
    let wrong = Event {
        version: 3,
        ..event
    };
    let answer = client.post_event(wrong).await;
    assert!(
        matches!(answer, Err(specgen_runtime::client::Error::Invalid(_))),
        "{answer:?}"
    );
    let headers = [("Content-Type", "application/json")];
    let body = br#"{"kind": "disk.deleted", "version": 2.0, "dry_run": true}"#;
    let reply = exchange(addr, request("POST", "/events", &headers, body)).await;
    assert_invalid(&reply, "body", "/kind");
    assert_invalid(&reply, "body", "/dry_run");
    let errors = reply.entries("errors");
    assert!(
        errors.iter().all(|(_, pointer, _)| pointer != "/version"),
        "2.0 is 2: {reply}"
    );
    // The mock answers with each constant's value.
    let addr = serve(constants::mock::router()).await;
    let client = constants::client::Client::new(&base(addr)).expect("client");
    let answer = client.post_event(Event {
        kind: "disk.created".into(),
        version: 2,
        dry_run: None,
        note: None,
    });
    let Ok(constants::operations::PostEventResponse::Accepted(echoed)) = answer.await else {
        panic!("mock");
    };
    assert_eq!((echoed.kind.as_str(), echoed.version), ("disk.created", 2));
}
