//! What the generated code is measured against: the same request bodies, constraints and
//! answers written by hand, as a user without specgen would write them (garde models, axum
//! handlers). The benches under `benches/` time both in one run; the tests under `tests/`
//! check that both sides accept, refuse and answer the same.

pub mod generated_server;
pub mod handwritten;
pub mod handwritten_server;
pub mod requests;
pub mod seeds;
