//! What an import could not carry over, with where it stands in the source document. A gap
//! changes what the generated code checks or sends (a `not` schema, an XML request); a note
//! loses only documentation (a `title`, an `externalDocs` link). Each is written as a comment
//! on the output entry it was found in; gaps are also reported as diagnostics.

use super::source::{At, Sources};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Only documentation is lost.
    Note,
    /// What the generated code checks or sends differs from the source.
    Gap,
}

/// One thing the import left out or changed, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    pub at: At,
    pub severity: Severity,
    /// A short, stable kind for counting (`not`, `xml-request`, `mutual-tls`).
    pub kind: &'static str,
    /// What was left out, and why.
    pub what: String,
    /// Whether an output entry has taken it as its comment.
    claimed: bool,
}

/// The gaps found so far, in the order found.
#[derive(Debug, Default)]
pub struct Gaps(pub Vec<Gap>);

impl Gaps {
    pub fn gap(&mut self, at: &At, kind: &'static str, what: impl Into<String>) {
        self.push(at, Severity::Gap, kind, what.into());
    }

    pub fn note(&mut self, at: &At, kind: &'static str, what: impl Into<String>) {
        self.push(at, Severity::Note, kind, what.into());
    }

    fn push(&mut self, at: &At, severity: Severity, kind: &'static str, what: String) {
        self.0.push(Gap {
            at: at.clone(),
            severity,
            kind,
            what,
            claimed: false,
        });
    }

    /// Where the next gap will be recorded, to claim the ones an entry's translation finds.
    pub fn mark(&self) -> usize {
        self.0.len()
    }

    /// The comment for the entry translated since `mark`: the gaps found then that no entry
    /// inside it has claimed; they are claimed now.
    pub fn claim_since(&mut self, sources: &Sources, mark: usize) -> Option<String> {
        let mut lines = Vec::new();
        for gap in self.0.iter_mut().skip(mark).filter(|g| !g.claimed) {
            gap.claimed = true;
            lines.push(line(sources, gap));
        }
        (!lines.is_empty()).then(|| lines.join("\n"))
    }
}

/// `not imported: … (#/pointer)`.
pub fn line(sources: &Sources, gap: &Gap) -> String {
    format!("{}: {} ({})", label(gap), gap.what, sources.show(&gap.at))
}

/// How a gap or a note is introduced where it is shown.
fn label(gap: &Gap) -> &'static str {
    match gap.severity {
        Severity::Gap => "not imported",
        Severity::Note => "note",
    }
}

/// A gap as the command line reports it: `api.json#/paths/~1pets/get: not imported: …`.
pub fn message(document: &str, place: &str, gap: &Gap) -> String {
    let place = place
        .strip_prefix('#')
        .map_or_else(|| place.to_owned(), |p| format!("{document}#{p}"));
    format!("{place}: {}: {} [{}]", label(gap), gap.what, gap.kind)
}
