//! The rules a spec or `#[validate(...)]` can put on a value, in one table with one
//! implementation each, and how a body in each media type travels ([`media`]).
//!
//! Shared by the generator (which parses and checks constraints, checks the docs' examples and
//! exports them as JSON Schema) and the runtime (which checks values), so both agree on what
//! each rule is called, accepts and says.

#![warn(missing_docs)]

mod code;
mod dialect;
pub mod format;
pub mod media;
mod number;
mod numeric;
pub mod pairs;
mod pattern;
mod rule;
pub mod sample;
mod table;
pub mod xml;

pub use code::Code;
pub use format::{Format, is_date_time, is_email, is_uuid};
pub use number::NumberValue;
pub use numeric::{Numeric, NumericType};
pub use pattern::Pattern;
pub use rule::constant::Constant;
pub use table::{Definition, Derive, Kind, Limit, Rule, Subject};
