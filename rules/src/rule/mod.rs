//! One file per rule: its row of the table, its test and its message.

pub(crate) mod constant;
pub(crate) mod format;
pub(crate) mod max_items;
pub(crate) mod max_length;
pub(crate) mod maximum;
pub(crate) mod min_items;
pub(crate) mod min_length;
pub(crate) mod minimum;
pub(crate) mod pattern;
pub(crate) mod unique_items;

/// `count` and `noun`, with the noun's plural for every count but one: "1 item", "20 items".
fn counted(count: u64, noun: &str) -> String {
    let plural = if count == 1 { "" } else { "s" };
    format!("{count} {noun}{plural}")
}

/// A `usize` count as the `u64` limits are written in; `usize` is at most 64 bits.
fn widen(count: usize) -> u64 {
    u64::try_from(count).unwrap_or(u64::MAX)
}
