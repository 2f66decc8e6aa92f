//! `specgen import` on real OpenAPI documents (`../shared/openapi/`, read in place): every
//! operation written, the output checked, deterministic and hand-editable, every gap pointing
//! into the source and commented in the output, and the round trip import → check → export
//! saying everything the source says that the import did not report.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;
use specgen::import::gaps::Severity;
use specgen::import::{Imported, source::Sources};
use specgen::openapi::Version;
use workspace_tests::openapi_facts::{Fact, Facts, under};

/// The shared corpus: each document, and the service it is imported as.
const CORPUS: &[(&str, &str)] = &[
    ("petstore.yaml", "petstore"),
    ("petstore-expanded.yaml", "petstore_expanded"),
    ("keeper.json", "keeper"),
    ("buildomat.json", "buildomat"),
    ("propolis-server.json", "propolis"),
    ("nexus.json", "nexus"),
    ("api.github.com.json", "github"),
];

fn corpus(name: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/openapi")
        .join(name);
    assert!(
        path.exists(),
        "{} is missing: the OpenAPI test documents live beside the repository",
        path.display()
    );
    path
}

fn import(file: &str, service: &str) -> (Sources, Imported) {
    let sources = Sources::read(&corpus(file)).unwrap_or_else(|e| panic!("{file}: {}", e.0));
    let imported =
        specgen::import::translate(&sources, service).unwrap_or_else(|e| panic!("{file}: {e}"));
    (sources, imported)
}

/// An imported document, the export of what was imported, and what the import reported.
struct RoundTrip {
    source: Facts,
    export: Facts,
    /// The JSON pointers of every reported gap and note.
    places: Vec<String>,
}

fn round_trip(file: &str, service: &str) -> RoundTrip {
    let (sources, imported) = import(file, service);
    let api = specgen::check_service_texts(service, &imported.files)
        .unwrap_or_else(|e| panic!("{file}: the import does not check: {e:?}"));
    let source = sources.documents[0].value.to_json();
    let version = match source["openapi"].as_str() {
        Some(v) if v.starts_with("3.0") => Version::V3_0,
        _ => Version::V3_1,
    };
    let text = specgen::openapi::json(&api.services[0], &specgen::Options::default(), version);
    let export: Value = serde_json::from_str(&text).expect("the export is JSON");
    let places = imported
        .places
        .iter()
        .map(|p| {
            p.split_once('#')
                .map_or(p.clone(), |(_, pointer)| pointer.to_owned())
        })
        .collect();
    RoundTrip {
        source: Facts::of(&source),
        export: Facts::of(&export),
        places,
    }
}

impl RoundTrip {
    fn reported(&self, trail: &[String]) -> bool {
        trail
            .iter()
            .any(|pointer| self.places.iter().any(|place| under(pointer, place)))
    }

    /// The source's facts the export lacks, where no reported place explains them.
    fn lost(&self) -> Vec<String> {
        self.source
            .missing_from(&self.export)
            .into_iter()
            .filter(|(_, trail)| !self.reported(trail))
            .map(|((key, value), trail)| format!("{key} = {value}  ({})", trail.join(" → ")))
            .collect()
    }

    /// The export's facts the source lacks, beyond what the language adds by itself and
    /// what a reported place explains.
    fn invented(&self) -> Vec<String> {
        let explained: BTreeSet<&str> = self
            .source
            .facts
            .iter()
            .filter(|(_, trail)| self.reported(trail))
            .map(|((key, _), _)| key.as_str())
            .collect();
        self.export
            .missing_from(&self.source)
            .into_iter()
            .map(|(fact, _)| fact)
            .filter(|fact| !self.added_by_the_language(fact))
            .filter(|(key, _)| {
                let starts = |prefix: &str| {
                    explained
                        .range(prefix..)
                        .next()
                        .is_some_and(|k| k.starts_with(prefix))
                };
                // A fact beside a reported one, or under a media type the source did not
                // have where its body or answer was reported (`*/*` read as JSON).
                let media = key.splitn(4, " › ").take(3).collect::<Vec<_>>();
                let new_media = media.len() == 3 && !self.source.has_under(&media.join(" › "));
                !(starts(parent(key))
                    || new_media && starts(&format!("{} › {} › ", media[0], media[1])))
            })
            .map(|(key, value)| format!("{key} = {value}"))
            .collect()
    }

    /// What every export says that a source need not: the generated server's own answers
    /// (400, 401, 413, 415 problem documents), the sizes of numbers (the language's numbers
    /// are sized: `int64` where the source says `integer`, a `uint8`'s `maximum`), a raw
    /// body's bytes, and the deprecation of what only a deprecated operation uses.
    fn added_by_the_language(&self, (key, value): &Fact) -> bool {
        let segments: Vec<&str> = key.split(" › ").collect();
        let operation = segments[0];
        let parent = parent(key);
        let source_type = self.source.value(&format!("{parent} › type"));
        match (segments.as_slice(), segments.last().copied()) {
            ([_, status, media, ..], _) if *media == PROBLEM => {
                ROUTER_ANSWERS.contains(status)
                    && !self
                        .source
                        .has_under(&format!("{operation} › {status} › {media}"))
            }
            (_, Some("format")) => {
                let sized = matches!(source_type, Some("\"integer\"" | "\"number\""));
                let raw = self.source.value(parent) == Some("true") && value == "\"binary\"";
                (sized && self.source.value(&format!("{parent} › format")).is_none()) || raw
            }
            (_, Some("maximum" | "minimum")) => {
                let format = self.export.value(&format!("{parent} › format"));
                format.is_some_and(|f| {
                    f.starts_with("\"uint") || f.starts_with("\"int8") || f.starts_with("\"int16")
                })
            }
            (_, Some("type")) => value == "\"string\"" && self.source.value(parent) == Some("true"),
            (_, Some("deprecated")) => {
                self.source.value(&format!("{operation} › deprecated")) == Some("true")
            }
            _ => false,
        }
    }
}

/// The statuses a generated server answers by itself, and the body it gives them.
const ROUTER_ANSWERS: &[&str] = &["400", "401", "403", "413", "415"];
const PROBLEM: &str = "application/problem+json";

fn parent(key: &str) -> &str {
    key.rsplit_once(" › ").map_or(key, |(parent, _)| parent)
}

fn assert_round_trip(file: &str, service: &str) {
    let trip = round_trip(file, service);
    let lost = trip.lost();
    let invented = trip.invented();
    assert!(
        lost.is_empty() && invented.is_empty(),
        "{file}: {} fact(s) lost without a report, {} invented:\n- {}\n+ {}",
        lost.len(),
        invented.len(),
        lost.iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n- "),
        invented
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n+ "),
    );
}

#[test]
fn round_trip_of_the_small_documents_says_everything_not_reported() {
    for (file, service) in &CORPUS[..5] {
        assert_round_trip(file, service);
    }
}

#[test]
fn round_trip_of_nexus_says_everything_not_reported() {
    assert_round_trip("nexus.json", "nexus");
}

#[test]
fn round_trip_of_github_says_everything_not_reported() {
    assert_round_trip("api.github.com.json", "github");
}

#[test]
fn every_operation_of_the_corpus_is_written() {
    for (file, service) in CORPUS {
        let (_, imported) = import(file, service);
        // Only an operation that upgrades the protocol (WebSocket) is not written, reported.
        let upgrades = imported.gaps.iter().filter(|g| g.kind == "upgrade").count();
        assert_eq!(imported.endpoints + upgrades, imported.operations, "{file}");
        assert!(imported.operations > 0, "{file}");
        assert_eq!(
            imported.files.len(),
            imported.endpoints + 1,
            "{file}: one file per operation and service.yaml"
        );
    }
}

#[test]
fn every_gap_points_into_the_source_and_is_commented_where_it_was() {
    for (file, service) in &CORPUS[..6] {
        let (sources, imported) = import(file, service);
        let source = sources.documents[0].value.to_json();
        let written: String = imported.files.values().cloned().collect();
        for (gap, place) in imported.gaps.iter().zip(&imported.places) {
            let pointer = place.trim_start_matches('#');
            assert!(
                source.pointer(pointer).is_some(),
                "{file}: `{place}` ({}) is no place in the source",
                gap.what
            );
            if gap.severity == Severity::Gap {
                assert!(
                    written.contains(&format!("({place})")),
                    "{file}: the gap at {place} has no comment in the output"
                );
            }
        }
    }
}

#[test]
fn import_is_deterministic() {
    let (_, first) = import("nexus.json", "nexus");
    let (_, second) = import("nexus.json", "nexus");
    assert_eq!(first.files, second.files);
    assert_eq!(first.places, second.places);
}

#[test]
fn petstore_reads_as_written_by_hand() {
    let (_, imported) = import("petstore.yaml", "petstore");
    let files: Vec<String> = imported
        .files
        .iter()
        .map(|(name, text)| format!("=== {name}\n{text}"))
        .collect();
    insta::assert_snapshot!("petstore", files.join("\n"));
}

/// The comparison itself: layouts that say the same compare equal, and a lost or changed
/// constraint does not.
mod comparison {
    use serde_json::{Value, json};
    use workspace_tests::openapi_facts::Facts;

    fn document(schema: Value, components: Value) -> Value {
        json!({
            "openapi": "3.1.0",
            "paths": {"/pets": {"post": {
                "requestBody": {"content": {"application/json": {"schema": schema}}},
                "responses": {}
            }}},
            "components": {"schemas": components}
        })
    }

    fn same(a: Value, b: Value) -> bool {
        let (a, b) = (Facts::of(&a), Facts::of(&b));
        a.missing_from(&b).is_empty() && b.missing_from(&a).is_empty()
    }

    #[test]
    fn layouts_that_say_the_same_compare_equal() {
        let inline = json!({"type": "object", "required": ["name"], "properties": {
            "name": {"type": "string", "maxLength": 5, "nullable": true}}});
        let referenced = document(
            json!({"$ref": "#/components/schemas/Pet"}),
            json!({"Pet": {"type": "object", "required": ["name"], "properties": {
                "name": {"type": ["string", "null"], "maxLength": 5}}}}),
        );
        assert!(same(document(inline, json!({})), referenced));
        let one_of = json!({"oneOf": [
            {"const": "a", "description": "first"}, {"enum": ["b"], "description": "second"}]});
        let described = json!({"type": "string", "enum": ["a", "b"],
            "x-enum-descriptions": ["first", "second"]});
        assert!(same(
            document(one_of, json!({})),
            document(described, json!({}))
        ));
    }

    #[test]
    fn a_lost_or_changed_constraint_is_noticed() {
        let schema = |max: Value| {
            document(
                json!({"type": "object", "properties": {"name": {"type": "string", "maxLength": max}}}),
                json!({}),
            )
        };
        let facts = Facts::of(&schema(json!(5)));
        let changed = Facts::of(&schema(json!(6)));
        let missing = facts.missing_from(&changed);
        assert_eq!(missing.len(), 1, "{missing:?}");
        assert_eq!(
            missing[0].0.0,
            "POST /pets › body › application/json › .name › maxLength"
        );
        let nothing = document(json!({"type": "object"}), json!({}));
        assert_eq!(facts.missing_from(&Facts::of(&nothing)).len(), 2);
    }
}
