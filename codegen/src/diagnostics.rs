//! Problems found in specs: collected, never thrown, rendered all at once.

mod excerpt;

use std::fmt;

/// A position in a spec file: 1-based line and column (in characters), and how many characters
/// the offending token spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
    pub len: u32,
}

impl Pos {
    /// The first character of a file: where a problem with the whole file is reported.
    pub const FILE_START: Pos = Pos {
        line: 1,
        col: 1,
        len: 1,
    };

    /// The position `chars` characters to the right, `len` characters long.
    pub fn shifted(self, chars: u32, len: u32) -> Pos {
        Pos {
            line: self.line,
            col: self.col + chars,
            len,
        }
    }
}

/// One problem: where, what is wrong, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user named it (relative to where specgen was pointed).
    pub file: String,
    pub pos: Pos,
    /// A warning: the spec means something, but likely not what was meant. Warnings do not
    /// stop generation.
    pub warning: bool,
    pub message: String,
    pub help: Option<String>,
    /// The offending line, for the caret display.
    pub snippet: Option<Snippet>,
}

/// The offending line, or the part of a long one around the problem, and where in that text
/// the carets go (1-based column and length, in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub col: u32,
    pub len: u32,
}

impl Diagnostic {
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(excerpt::message(help.into()));
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = if self.warning { "warning" } else { "error" };
        writeln!(
            f,
            "{}:{}:{}: {severity}: {}",
            self.file, self.pos.line, self.pos.col, self.message
        )?;
        if let Some(snippet) = &self.snippet {
            let number = self.pos.line.to_string();
            let gutter = " ".repeat(number.len());
            let text = &snippet.text;
            let caret_pad: String = text
                .chars()
                .take(snippet.col.saturating_sub(1) as usize)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let carets = "^".repeat(snippet.len.max(1) as usize);
            writeln!(f, "{gutter} |")?;
            writeln!(f, "{number} | {text}")?;
            writeln!(f, "{gutter} | {caret_pad}{carets}")?;
        }
        if let Some(help) = &self.help {
            writeln!(f, "  = help: {help}")?;
        }
        Ok(())
    }
}

/// Every problem found so far, in a stable order.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

/// Counts the problems recorded from where it is opened. It must be closed, which answers
/// whether that part of the check was clean: dropping it open is a bug in specgen and panics,
/// as serde_derive's `Ctxt` does, so no check can forget to ask.
#[must_use = "close the scope to learn whether it recorded a problem"]
pub struct ErrorScope {
    before: usize,
    closed: bool,
}

impl ErrorScope {
    pub fn open(diags: &Diagnostics) -> ErrorScope {
        ErrorScope {
            before: diags.errors(),
            closed: false,
        }
    }

    /// Whether no error was recorded since the scope was opened (warnings do not count).
    pub fn close(mut self, diags: &Diagnostics) -> bool {
        self.closed = true;
        diags.errors() == self.before
    }
}

impl Drop for ErrorScope {
    fn drop(&mut self) {
        if !self.closed && !std::thread::panicking() {
            panic!("specgen bug: an ErrorScope was dropped without being closed");
        }
    }
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many of the problems are errors.
    pub fn errors(&self) -> usize {
        self.items.iter().filter(|d| !d.warning).count()
    }

    /// Whether any problem is an error (warnings alone do not stop generation).
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| !d.warning)
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Drop the problems found after the first `len` (a trial check that is not reported).
    pub fn truncate(&mut self, len: usize) {
        self.items.truncate(len);
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Sorted by file and position, duplicates dropped, so output is the same on every run.
    pub fn sorted(mut self) -> Self {
        self.items
            .sort_by(|a, b| (&a.file, a.pos, &a.message).cmp(&(&b.file, b.pos, &b.message)));
        self.items.dedup();
        self
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for item in &self.items {
            writeln!(f, "{item}")?;
        }
        let n = self.errors();
        let warnings = self.items.len() - n;
        match (n, warnings) {
            (0, w) => write!(f, "warning: {w} warning{} in the specs", plural(w)),
            (n, 0) => write!(f, "error: {n} problem{} found in the specs", plural(n)),
            (n, w) => write!(
                f,
                "error: {n} problem{} found in the specs, and {w} warning{}",
                plural(n),
                plural(w)
            ),
        }
    }
}

impl std::error::Error for Diagnostics {}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Where each line of a text starts. A diagnostic finds its line by binary search: rescanning
/// the text for each one made a file with thousands of problems take minutes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineStarts(Vec<usize>);

impl LineStarts {
    pub fn of(text: &str) -> Self {
        let breaks = text.bytes().enumerate().filter(|(_, b)| *b == b'\n');
        LineStarts(
            std::iter::once(0)
                .chain(breaks.map(|(i, _)| i + 1))
                .collect(),
        )
    }

    /// Line `number` (1-based) of `text`, as `str::lines` yields it.
    pub fn line<'t>(&self, text: &'t str, number: u32) -> Option<&'t str> {
        let index = (number as usize).checked_sub(1)?;
        let start = *self.0.get(index)?;
        if start >= text.len() {
            return None;
        }
        Some(match self.0.get(index + 1) {
            Some(&next) => {
                let line = text.get(start..next - 1)?;
                line.strip_suffix('\r').unwrap_or(line)
            }
            None => text.get(start..)?,
        })
    }
}

/// Reports problems in one file; knows the file's name and text.
pub struct Reporter<'a> {
    pub file: &'a str,
    text: &'a str,
    lines: &'a LineStarts,
    out: &'a mut Diagnostics,
}

impl<'a> Reporter<'a> {
    pub fn new(
        file: &'a str,
        text: &'a str,
        lines: &'a LineStarts,
        out: &'a mut Diagnostics,
    ) -> Self {
        Reporter {
            file,
            text,
            lines,
            out,
        }
    }

    /// Line `number` (1-based) of the file.
    pub fn line(&self, number: u32) -> Option<&'a str> {
        self.lines.line(self.text, number)
    }

    /// Record a problem at `pos`; returns it so a hint can be added.
    pub fn error(&mut self, pos: Pos, message: impl Into<String>) -> &mut Diagnostic {
        let snippet = self
            .line(pos.line)
            .filter(|_| pos.line > 0)
            .map(|l| excerpt::snippet(l.trim_end(), pos));
        self.out.push(Diagnostic {
            file: self.file.to_string(),
            pos,
            warning: false,
            message: excerpt::message(message.into()),
            help: None,
            snippet,
        });
        let last = self.out.items.len() - 1;
        &mut self.out.items[last]
    }

    /// Record a problem with a hint on how to fix it.
    pub fn error_help(&mut self, pos: Pos, message: impl Into<String>, help: impl Into<String>) {
        self.error(pos, message).help = Some(excerpt::message(help.into()));
    }

    /// Record a warning (the spec means something, likely not what was meant) with a hint.
    pub fn warning_help(&mut self, pos: Pos, message: impl Into<String>, help: impl Into<String>) {
        let diagnostic = self.error(pos, message);
        diagnostic.warning = true;
        diagnostic.help = Some(excerpt::message(help.into()));
    }
}

/// The closest candidate to `name`, when one is close enough to be a likely typo.
pub fn did_you_mean<'c>(
    name: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let name_len = name.chars().count();
    let name = name.to_lowercase();
    let name_letters = letters(&name);
    candidates
        .into_iter()
        .filter_map(|c| {
            let c_len = c.chars().count();
            let allowed = (c_len / 3).max(1);
            // The distance is at least the difference in length, and at least half the
            // letters the two do not share: skipping hopeless pairs first keeps a long name,
            // or thousands of candidates, from costing seconds.
            if name_len.abs_diff(c_len) > allowed {
                return None;
            }
            let c = (c, c.to_lowercase());
            let unshared: u32 = name_letters
                .iter()
                .zip(letters(&c.1))
                .map(|(a, b)| a.abs_diff(b))
                .sum();
            if unshared as usize > 2 * allowed {
                return None;
            }
            let (c, lower) = c;
            let distance = strsim::damerau_levenshtein(&name, &lower);
            (distance <= allowed).then_some((distance, c))
        })
        .min_by_key(|(distance, c)| (*distance, *c))
        .map(|(_, c)| c)
}

/// How many times each ASCII character occurs (every other character counted as one).
fn letters(text: &str) -> [u32; 128] {
    let mut counts = [0; 128];
    for c in text.chars() {
        counts[if c.is_ascii() { c as usize } else { 127 }] += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_starts_find_the_lines_str_lines_yields() {
        for text in [
            "",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "\n\nc",
            "x\n\n",
            "é\u{2028}\nß",
        ] {
            let starts = LineStarts::of(text);
            let expected: Vec<&str> = text.lines().collect();
            let found: Vec<&str> = (1..).map_while(|n| starts.line(text, n)).collect();
            assert_eq!(found, expected, "{text:?}");
            assert_eq!(starts.line(text, 0), None);
        }
    }
}
