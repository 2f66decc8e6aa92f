//! The code each feature spec of `tests/features/` generates, one module per feature, built as
//! a user's crate builds its bindings (`build.rs` and `include_generated!`), so the compiler and
//! clippy see every generated line: generated code must be warning-free for any valid spec.

// `deprecation` generates deprecated items on purpose; using them is the user's concern.
#![allow(deprecated)]

include!(concat!(env!("OUT_DIR"), "/features.rs"));
