//! Validating a valid value allocates nothing once the lazily compiled regexes exist:
//! paths live on the stack and pointers are rendered only when a violation is recorded.
//!
//! This file has its own test binary, because the counting allocator is global to it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::BTreeMap;

use specgen_runtime::Validate;

/// Counts allocations made by the thread that switched counting on, so the test
/// harness's own threads cannot disturb the count.
struct CountingAllocator;

thread_local! {
    // `const` initialisation: reading it never allocates, even from inside `alloc`.
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn note_allocation() {
    // `try_with`: the allocator also runs while thread-locals are being torn down.
    if COUNTING.try_with(Cell::get).unwrap_or(false) {
        let _ = ALLOCATIONS.try_with(|count| count.set(count.get() + 1));
    }
}

// SAFETY: every call is forwarded unchanged to the system allocator; the only addition
// is a thread-local counter that itself never allocates. (A global allocator cannot be
// written without `unsafe`; this is test-only code.)
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note_allocation();
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note_allocation();
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note_allocation();
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

/// Runs `f` and returns how many allocations this thread made meanwhile.
fn allocations_during(f: impl FnOnce()) -> usize {
    ALLOCATIONS.with(|count| count.set(0));
    COUNTING.with(|counting| counting.set(true));
    f();
    COUNTING.with(|counting| counting.set(false));
    ALLOCATIONS.with(Cell::get)
}

#[derive(Validate, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Directory {
    #[validate(min_items = 1, max_items = 10, nested)]
    contacts: Vec<Contact>,
    #[validate(nested)]
    records: BTreeMap<uuid::Uuid, Vec<Contact>>,
    #[validate(nested)]
    owner: Option<Box<Contact>>,
}

#[derive(Validate, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct Contact {
    #[validate(min_length = 1, max_length = 20, pattern = "^[A-Za-z][A-Za-z0-9]*$")]
    external_key: String,
    #[validate(email)]
    email: Option<String>,
    #[validate(uuid)]
    id: String,
    #[validate(date_time)]
    created_at: String,
    #[validate(range(min = 0, max = 2147483647))]
    display_order: Option<i64>,
}

fn contact(key: &str) -> Contact {
    Contact {
        external_key: key.to_owned(),
        email: Some(format!("{key}@example.com")),
        id: "0f6e4fba-0a4a-4d3c-9b5c-2b8d8f8e1a01".to_owned(),
        created_at: "2021-11-26T04:36:28.5400491Z".to_owned(),
        display_order: Some(3),
    }
}

#[test]
fn validating_a_valid_value_does_not_allocate() {
    let directory = Directory {
        contacts: vec![contact("First"), contact("Second")],
        records: BTreeMap::from([
            (uuid::Uuid::from_u128(1), vec![contact("Third")]),
            (
                uuid::Uuid::from_u128(2),
                vec![contact("Fourth"), contact("Fifth")],
            ),
        ]),
        owner: Some(Box::new(contact("Owner"))),
    };
    // The first call compiles the regexes and warms their match caches.
    assert!(directory.validate().is_ok());

    let count = allocations_during(|| {
        for _ in 0..10 {
            assert!(directory.validate().is_ok());
        }
    });
    assert_eq!(count, 0, "validation of a valid value allocated");

    // The counter works: an invalid value allocates its report.
    let mut invalid = contact("ok");
    invalid.external_key = "9 not valid".to_owned();
    let count = allocations_during(|| assert!(invalid.validate().is_err()));
    assert!(count > 0, "the counting allocator saw nothing");
}
