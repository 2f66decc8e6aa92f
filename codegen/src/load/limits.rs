//! How much one spec file may make the YAML parser do. Hand-written specs stay far below every
//! limit (the real ones are at most 14 KB, nest at most 7 levels deep, hold under 800 values
//! and use no aliases); hostile input (alias bombs, thousands of `[`, huge files) stops at the
//! first breach with a positioned message, instead of running out of memory, time or stack.

use serde_saphyr::budget::{Budget, BudgetBreach};
use serde_saphyr::granit_parser::ErrorKind;
use serde_saphyr::options::AliasLimits;
use serde_saphyr::{Error, ExternalMessageSource};

/// Larger files are refused before they are parsed.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// Lists and maps inside each other, aliases expanded. The YAML deserializer recurses once per
/// level, using up to ~46 KB of stack per level in an unoptimised build; 32 levels fit in the
/// 2 MiB a test thread gets. Every later recursion over the tree (parse, check, emit) is bounded
/// by this too.
pub const MAX_DEPTH: usize = 32;

/// Scalars, lists and maps in one file, aliases expanded.
pub const MAX_NODES: usize = 100_000;

/// `*alias` references written in one file.
pub const MAX_ALIASES: usize = 1_000;

/// Parser events that aliases may replay in total: a billion-laughs bomb (10 levels of 10
/// aliases each) stops here, after a few milliseconds, instead of expanding to 10^9 values.
pub const MAX_ALIAS_REPLAYED_EVENTS: usize = 10_000;

/// Bytes of text in all scalars, aliases expanded: no more than a file of the largest size holds.
pub const MAX_SCALAR_BYTES: usize = MAX_FILE_BYTES;

/// Parser options with every limit above set.
pub(super) fn options() -> serde_saphyr::Options {
    let mut budget = Budget::default();
    budget.max_depth = MAX_DEPTH;
    // The scanner counts flow collections (`[[[…`) on its own, ahead of the depth budget.
    budget.flow_nesting_limit = MAX_DEPTH;
    budget.max_nodes = MAX_NODES;
    budget.max_aliases = MAX_ALIASES;
    budget.max_anchors = MAX_ALIASES;
    // Anchors keep copies of the values they name, for aliases to replay.
    budget.max_recorded_anchor_events = MAX_ALIAS_REPLAYED_EVENTS;
    budget.max_total_scalar_bytes = MAX_SCALAR_BYTES;
    budget.max_recorded_anchor_bytes = MAX_SCALAR_BYTES;
    budget.max_documents = 1;
    budget.max_merge_keys = MAX_ALIASES;

    let mut alias_limits = AliasLimits::default();
    alias_limits.max_total_replayed_events = MAX_ALIAS_REPLAYED_EVENTS;
    alias_limits.max_replay_stack_depth = MAX_DEPTH;

    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.alias_limits = alias_limits;
    options
}

/// What to say when `error` is one of the limits above: the problem, and how to fix it.
pub(super) fn breach(mut error: &Error) -> Option<(String, &'static str)> {
    // A limit breached while replaying an alias comes wrapped with the alias's position.
    while let Error::AliasError { error: inner, .. } = error {
        error = inner;
    }
    let too_deep = || {
        (
            format!("too deeply nested: more than {MAX_DEPTH} levels of lists and maps"),
            "flatten the structure: name an inner object as a type under `types:` and refer to it",
        )
    };
    const TOO_MUCH_ALIASING: &str = "aliases expand to too much";
    const WRITE_OUT: &str = "write the values out, or reuse fewer and smaller anchors (`&name`)";
    let said = match error {
        Error::AliasReplayLimitExceeded { .. } | Error::AliasExpansionLimitExceeded { .. } => (
            format!("{TOO_MUCH_ALIASING}: more than {MAX_ALIAS_REPLAYED_EVENTS} values replayed"),
            WRITE_OUT,
        ),
        Error::AliasReplayStackDepthExceeded { .. } => (
            format!("aliases nest too deeply: more than {MAX_DEPTH} aliases inside each other"),
            WRITE_OUT,
        ),
        Error::ExternalMessage { source, .. }
            if matches!(&**source, ExternalMessageSource::Parser(e)
                if matches!(e.kind(), ErrorKind::RecursionLimitExceeded)) =>
        {
            too_deep()
        }
        Error::Budget { breach, .. } => match breach {
            BudgetBreach::Depth { .. } => too_deep(),
            BudgetBreach::Nodes { .. } => (
                format!("too many values: more than {MAX_NODES} scalars, lists and maps"),
                "split the service into one file per endpoint",
            ),
            BudgetBreach::Aliases { .. } | BudgetBreach::AliasAnchorRatio { .. } => (
                format!("too many aliases: more than {MAX_ALIASES}, or ten per anchor"),
                WRITE_OUT,
            ),
            BudgetBreach::Anchors { .. } => (
                format!("too many anchors: more than {MAX_ALIASES}"),
                "remove anchors (`&name`) that nothing refers to",
            ),
            BudgetBreach::RecordedAnchorEvents { .. }
            | BudgetBreach::RecordedAnchorBytes { .. } => (
                format!("{TOO_MUCH_ALIASING}: anchors hold too many values"),
                WRITE_OUT,
            ),
            BudgetBreach::ScalarBytes { .. } => (
                format!("too much text: more than {MAX_SCALAR_BYTES} bytes, aliases expanded"),
                "shorten the texts, or reuse long ones less",
            ),
            BudgetBreach::Documents { .. } => (
                "more than one YAML document (`---`) in one file".to_string(),
                "put each endpoint in its own file",
            ),
            BudgetBreach::MergeKeys { .. } => (
                format!("too many merge keys (`<<`): more than {MAX_ALIASES}"),
                WRITE_OUT,
            ),
            _ => return None,
        },
        _ => return None,
    };
    Some(said)
}
