//! Documents made by editing a documented example (members replaced with values of any type,
//! removed, added; strings of any Unicode, numbers at the integer limits), and the round trip
//! every one of them that decodes must make. Shared by the property tests of the seed models
//! and of the feature specs' models.

use std::fmt::Debug;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use specgen_runtime::Validate;
use specgen_runtime::decode::from_json_slice;

/// Whether `bytes` decodes and validates as `T`; when it does, its JSON must decode to an
/// equal value that writes the same JSON again.
pub fn round_trips<T>(bytes: &[u8]) -> Result<bool, TestCaseError>
where
    T: DeserializeOwned + Validate + Serialize + PartialEq + Debug,
{
    let Ok(value) = from_json_slice::<T>(bytes) else {
        return Ok(false);
    };
    let written = serde_json::to_vec(&value).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let again = from_json_slice::<T>(&written).map_err(|e| {
        TestCaseError::fail(format!("{e}\nin {}", String::from_utf8_lossy(&written)))
    })?;
    prop_assert_eq!(&again, &value);
    let rewritten = serde_json::to_vec(&again).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(
        String::from_utf8_lossy(&rewritten),
        String::from_utf8_lossy(&written)
    );
    Ok(true)
}

/// One change to a document: at the node reached by following `path` (each step picks a
/// member or element by index, modulo their number), do `action`.
#[derive(Debug, Clone)]
struct Edit {
    path: Vec<usize>,
    action: Action,
}

#[derive(Debug, Clone)]
enum Action {
    /// Put this value in the node's place.
    Replace(Value),
    /// Remove a member or element of the node (picked by index).
    Remove(usize),
    /// Add a member (to an object) or an element (to a list).
    Insert(String, Value),
}

/// A JSON scalar, or an empty container, of any type: the values that break a model's types,
/// and those near its limits that keep it valid.
fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        prop::sample::select(vec![
            0_i64,
            1,
            2,
            3,
            -1,
            i64::from(i32::MAX),
            i64::from(i32::MAX) + 1,
            i64::from(i32::MIN),
            i64::MAX,
            i64::MIN,
        ])
        .prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        "\\PC{0,24}".prop_map(Value::from),
        "[A-Za-z][A-Za-z0-9]{0,22}".prop_map(Value::from),
        "[a-z0-9.]{1,10}@[a-z]{1,8}\\.[a-z]{2,4}".prop_map(Value::from),
        any::<u128>().prop_map(|n| Value::from(uuid::Uuid::from_u128(n).to_string())),
        prop::sample::select(vec![
            "STRING",
            "LINK",
            "none",
            "ReadWrite",
            "READ",
            "1",
            "full"
        ])
        .prop_map(Value::from),
        Just(json!([])),
        Just(json!({})),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    let action = prop_oneof![
        3 => leaf().prop_map(Action::Replace),
        1 => any::<usize>().prop_map(Action::Remove),
        1 => ("[a-zA-Z]{1,12}", leaf()).prop_map(|(k, v)| Action::Insert(k, v)),
    ];
    (prop::collection::vec(any::<usize>(), 0..4), action)
        .prop_map(|(path, action)| Edit { path, action })
}

fn apply(document: &mut Value, edit: &Edit) {
    let mut node = document;
    for &step in &edit.path {
        let len = match &*node {
            Value::Object(members) => members.len(),
            Value::Array(items) => items.len(),
            _ => 0,
        };
        if len == 0 {
            break;
        }
        node = match node {
            Value::Object(members) => members.values_mut().nth(step % len).expect("in range"),
            Value::Array(items) => &mut items[step % len],
            leaf => leaf,
        };
    }
    match (&edit.action, node) {
        (Action::Remove(i), Value::Object(members)) if !members.is_empty() => {
            let key = members
                .keys()
                .nth(i % members.len())
                .expect("in range")
                .clone();
            members.remove(&key);
        }
        (Action::Remove(i), Value::Array(items)) if !items.is_empty() => {
            items.remove(i % items.len());
        }
        (Action::Insert(key, value), Value::Object(members)) => {
            members.insert(key.clone(), value.clone());
        }
        (Action::Insert(_, value), Value::Array(items)) => items.push(value.clone()),
        (Action::Replace(value) | Action::Insert(_, value), node) => *node = value.clone(),
        (Action::Remove(_), _) => {}
    }
}

/// The example edited by up to four edits (none: the example itself).
pub fn edited(example: Value) -> impl Strategy<Value = Value> {
    prop::collection::vec(edit(), 0..5).prop_map(move |edits| {
        let mut document = example.clone();
        for edit in &edits {
            apply(&mut document, edit);
        }
        document
    })
}

pub fn config() -> Config {
    Config {
        // Failures are reported with the shrunk input; nothing is written to the tree.
        failure_persistence: None,
        ..Config::default()
    }
}

/// Runs `round_trips` over edits of `example`, failing with `name` and the shrunk document;
/// some edited document must be valid, or the property was never tried.
pub fn assert_edits_round_trip(
    name: &str,
    example: Value,
    round_trips: fn(&[u8]) -> Result<bool, TestCaseError>,
) {
    let accepted = std::cell::Cell::new(0_u32);
    let mut runner = proptest::test_runner::TestRunner::new(config());
    runner
        .run(&edited(example), |document| {
            let bytes = serde_json::to_vec(&document).expect("JSON");
            accepted.set(accepted.get() + u32::from(round_trips(&bytes)?));
            Ok(())
        })
        .unwrap_or_else(|failure| panic!("{name}: {failure}"));
    assert!(accepted.get() > 0, "{name}: no edited document was valid");
}
