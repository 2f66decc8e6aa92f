//! String formats a spec can require: email, uuid, date-time. The same checks the generator
//! applies to the docs' examples, from the crate both share.

pub use specgen_rules::{Format, is_date_time, is_email, is_uuid};
