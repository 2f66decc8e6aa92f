//! The `pattern` rule's matcher.
//!
//! A regex search has a fixed cost of some 30 ns, more than checking a short value takes. Most
//! spec patterns are a run of character classes between `^` and `$` (`^[A-Za-z][A-Za-z0-9]*$`,
//! `^\d{3}-\d{4}$`), and those are matched here by one pass over the characters. Every other
//! pattern runs on the regex crate, which also defines what every pattern means: the pass is
//! used only where taking each class's characters greedily cannot change the answer.
//!
//! A pattern the regex crate cannot read, because it looks around (`(?=…)`, `(?!…)`, `(?<=…)`,
//! `(?<!…)`) or refers back (`\1`), runs on fancy-regex, which hands every part without those
//! to the regex crate. It backtracks, so each match is bounded: a text that would take more
//! than [`BACKTRACK_LIMIT`] steps does not match, and a hostile value costs about a millisecond.

use regex::Regex;
use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// A compiled `pattern` rule, with the spec text it was compiled from.
#[derive(Debug, Clone)]
pub struct Pattern {
    source: String,
    /// The source as the regex crate reads it, where it had to be rewritten (a dialect's
    /// construct, a bound that cannot change the answer).
    rewritten: Option<String>,
    matcher: Matcher,
}

/// Two patterns are the same rule when they are written the same.
impl PartialEq for Pattern {
    fn eq(&self, other: &Pattern) -> bool {
        self.source == other.source
    }
}

#[derive(Debug, Clone)]
enum Matcher {
    Classes(Vec<Piece>),
    Regex(Regex),
    Backtracking(Box<fancy_regex::Regex>),
}

/// The most backtracking steps one match of a look-around pattern may take.
pub const BACKTRACK_LIMIT: usize = 100_000;

/// A character class repeated `min..=max` times (`max: None` is unbounded).
#[derive(Debug, Clone)]
struct Piece {
    class: CharClass,
    min: u32,
    max: Option<u32>,
}

impl Piece {
    fn once(class: CharClass) -> Piece {
        Piece {
            class,
            min: 1,
            max: Some(1),
        }
    }
}

/// Sorted, non-overlapping ranges, with the ASCII ones also as a table.
#[derive(Debug, Clone)]
struct CharClass {
    ascii: [bool; 128],
    ranges: Vec<(char, char)>,
}

impl Pattern {
    /// Compiles `source` with the regex crate's syntax, or where that fails with fancy-regex's
    /// (look-around, back-references), or else as ECMA-262 or Java write it (see
    /// [`crate::dialect`]) with any bound that cannot change the answer dropped (`\S{1,8192}`
    /// unanchored is `\S`); the error of a pattern none of them reads is the regex crate's on
    /// the pattern as written.
    pub fn new(source: &str) -> Result<Pattern, regex::Error> {
        let error = match matcher(source) {
            Ok(matcher) => {
                return Ok(Pattern {
                    source: source.to_owned(),
                    rewritten: None,
                    matcher,
                });
            }
            Err(error) => error,
        };
        let dialect = crate::dialect::to_rust_syntax(source);
        let readable = dialect.as_deref().unwrap_or(source);
        // Too large with Unicode's word and digit classes: as ECMA-262 and Java read them.
        let ascii = crate::dialect::ascii_classes(readable);
        let ascii_unbounded = ascii.as_deref().and_then(unbounded_ends);
        let candidates = [
            dialect.clone(),
            unbounded_ends(readable),
            ascii,
            ascii_unbounded,
        ];
        for candidate in candidates.into_iter().flatten() {
            if let Ok(matcher) = matcher(&candidate) {
                return Ok(Pattern {
                    source: source.to_owned(),
                    rewritten: Some(candidate),
                    matcher,
                });
            }
        }
        Err(error)
    }

    /// The pattern in the regex crate's syntax: as written, or as rewritten to be read.
    pub fn regex_source(&self) -> &str {
        self.rewritten.as_deref().unwrap_or(&self.source)
    }

    /// The pattern as the spec writes it.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Whether `text` matches (anywhere, as `Regex::is_match` answers).
    pub fn is_match(&self, text: &str) -> bool {
        match &self.matcher {
            Matcher::Classes(pieces) => matches_pieces(pieces, text),
            Matcher::Regex(regex) => regex.is_match(text),
            // Past the step limit the answer is unknown, and an unknown text is refused.
            Matcher::Backtracking(regex) => regex.is_match(text).unwrap_or(false),
        }
    }

    /// Whether the pattern looks around or refers back, and so runs on the backtracking engine.
    pub fn is_backtracking(&self) -> bool {
        matches!(self.matcher, Matcher::Backtracking(_))
    }

    /// Whether the pattern runs without the regex engine.
    pub fn is_class_run(&self) -> bool {
        matches!(self.matcher, Matcher::Classes(_))
    }
}

/// The matcher of a pattern in the regex crate's syntax: a run of classes where one is enough,
/// else the regex crate, else (looking around, referring back) fancy-regex.
fn matcher(source: &str) -> Result<Matcher, regex::Error> {
    if let Some(pieces) = class_run(source) {
        return Ok(Matcher::Classes(pieces));
    }
    match Regex::new(source) {
        Ok(regex) => Ok(Matcher::Regex(regex)),
        Err(error) => Ok(Matcher::Backtracking(Box::new(
            fancy_regex::RegexBuilder::new(source)
                .backtrack_limit(BACKTRACK_LIMIT)
                .build()
                .map_err(|_| error)?,
        ))),
    }
}

/// `source` with the bound of a repetition at an unanchored end taken down to its least
/// (`\S{1,8192}` → `\S{1}`, `^.{1,2097152}` → `^.{1}`): a search finds a match of the least
/// wherever it finds one of more, so the answer is the same, and the regex crate can compile
/// it. `None` when there is no such bound.
fn unbounded_ends(source: &str) -> Option<String> {
    let hir = regex_syntax::Parser::new().parse(source).ok()?;
    let mut items = match hir.kind() {
        HirKind::Concat(items) => items.clone(),
        _ => vec![hir.clone()],
    };
    let mut changed = false;
    let last = items.len().checked_sub(1)?;
    for index in [0, last] {
        let anchor = if index == 0 { Look::Start } else { Look::End };
        let anchored = items
            .iter()
            .any(|item| matches!(item.kind(), HirKind::Look(look) if *look == anchor));
        if let (false, HirKind::Repetition(r)) = (anchored, items[index].kind())
            && r.max != Some(r.min)
        {
            items[index] = Hir::repetition(regex_syntax::hir::Repetition {
                max: Some(r.min),
                ..r.clone()
            });
            changed = true;
        }
    }
    changed.then(|| Hir::concat(items).to_string())
}

/// The pieces of `^piece…piece$`, when greedy matching of them is exact.
fn class_run(source: &str) -> Option<Vec<Piece>> {
    let hir = regex_syntax::Parser::new().parse(source).ok()?;
    let HirKind::Concat(items) = hir.kind() else {
        return None;
    };
    let (first, rest) = items.split_first()?;
    let (last, middle) = rest.split_last()?;
    let anchored = matches!(first.kind(), HirKind::Look(Look::Start))
        && matches!(last.kind(), HirKind::Look(Look::End));
    if !anchored {
        return None;
    }
    let mut pieces = Vec::new();
    for item in middle {
        push_pieces(item, &mut pieces)?;
    }
    greedy_is_exact(&pieces).then_some(pieces)
}

fn push_pieces(hir: &Hir, out: &mut Vec<Piece>) -> Option<()> {
    match hir.kind() {
        HirKind::Empty => {}
        HirKind::Concat(items) => {
            for item in items {
                push_pieces(item, out)?;
            }
        }
        HirKind::Capture(capture) => push_pieces(&capture.sub, out)?,
        HirKind::Repetition(repetition) => out.push(Piece {
            class: one_char(&repetition.sub)?,
            min: repetition.min,
            max: repetition.max,
        }),
        HirKind::Literal(literal) => {
            let text = std::str::from_utf8(&literal.0).ok()?;
            out.extend(
                text.chars()
                    .map(|c| Piece::once(CharClass::new(vec![(c, c)]))),
            );
        }
        HirKind::Class(_) => out.push(Piece::once(one_char(hir)?)),
        HirKind::Look(_) | HirKind::Alternation(_) => return None,
    }
    Some(())
}

/// The class of an expression matching exactly one character.
fn one_char(hir: &Hir) -> Option<CharClass> {
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => Some(CharClass::new(
            class
                .ranges()
                .iter()
                .map(|r| (r.start(), r.end()))
                .collect(),
        )),
        HirKind::Literal(literal) => {
            let mut chars = std::str::from_utf8(&literal.0).ok()?.chars();
            let c = chars.next()?;
            chars.next().is_none().then(|| CharClass::new(vec![(c, c)]))
        }
        HirKind::Capture(capture) => one_char(&capture.sub),
        _ => None,
    }
}

/// Taking as many characters as each piece allows gives the only possible match when no
/// repeated class shares a character with a class that could follow it directly: a piece
/// that stopped early would leave a character of its own class to a piece that cannot take it.
fn greedy_is_exact(pieces: &[Piece]) -> bool {
    pieces.iter().enumerate().all(|(i, piece)| {
        if piece.max == Some(piece.min) {
            return true;
        }
        for next in &pieces[i + 1..] {
            if !piece.class.is_disjoint(&next.class) {
                return false;
            }
            if next.min > 0 {
                break;
            }
        }
        true
    })
}

fn matches_pieces(pieces: &[Piece], text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    for piece in pieces {
        let most = piece.max.map_or(usize::MAX, |max| max as usize);
        let mut taken = 0;
        while taken < most && at < bytes.len() {
            let byte = bytes[at];
            if byte.is_ascii() {
                // The mask keeps the index in the table without a bounds check.
                if !piece.class.ascii[usize::from(byte & 0x7f)] {
                    break;
                }
                at += 1;
            } else {
                // `at` is always on a character boundary.
                let c = text[at..].chars().next().unwrap_or_default();
                if !piece.class.contains(c) {
                    break;
                }
                at += c.len_utf8();
            }
            taken += 1;
        }
        if taken < piece.min as usize {
            return false;
        }
    }
    at == bytes.len()
}

impl CharClass {
    fn new(ranges: Vec<(char, char)>) -> CharClass {
        let mut ascii = [false; 128];
        for (c, inside) in ascii.iter_mut().enumerate() {
            *inside = ranges
                .iter()
                .any(|&(start, end)| (start as usize..=end as usize).contains(&c));
        }
        CharClass { ascii, ranges }
    }

    fn contains(&self, c: char) -> bool {
        self.ranges
            .binary_search_by(|&(start, end)| {
                if end < c {
                    std::cmp::Ordering::Less
                } else if start > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
    }

    fn is_disjoint(&self, other: &CharClass) -> bool {
        let (mut a, mut b) = (
            self.ranges.iter().peekable(),
            other.ranges.iter().peekable(),
        );
        while let (Some(&&(a_start, a_end)), Some(&&(b_start, b_end))) = (a.peek(), b.peek()) {
            if a_end < b_start {
                a.next();
            } else if b_end < a_start {
                b.next();
            } else {
                return false;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_classes_between_anchors_skip_the_regex_engine() {
        for source in [
            "^[A-Za-z][A-Za-z0-9]*$",
            r"^\d{3}-\d{4}$",
            "^[a-z]+$",
            "^$",
            "^(?i)abc[0-9]{2,4}$",
            r"^\p{Hiragana}{1,20}$",
            "^([a-z])x?$",
        ] {
            assert!(Pattern::new(source).unwrap().is_class_run(), "{source}");
        }
    }

    #[test]
    fn other_patterns_run_on_the_regex_crate() {
        for source in [
            // A repeated class overlapping what may follow it: greedy would be wrong.
            "^a*a$",
            "^[a-z]*x?[a-z]$",
            // Unanchored, alternation, word boundary, multi-line anchors.
            "[a-z]+",
            "^[a-z]+",
            "^(ab|cd)$",
            r"^\bword$",
            "(?m)^a$",
            // A repeated group of more than one character.
            "^(ab)+$",
        ] {
            assert!(!Pattern::new(source).unwrap().is_class_run(), "{source}");
        }
    }

    #[test]
    fn answers_as_the_regex_crate_does() {
        let cases: &[(&str, &[&str])] = &[
            (
                "^[A-Za-z][A-Za-z0-9]*$",
                &[
                    "CUSTOMFIELDEXT01",
                    "a",
                    "",
                    "1abc",
                    "ab-c",
                    "abc\n",
                    "Ärger",
                ],
            ),
            (
                r"^\d{3}-\d{4}$",
                &["123-4567", "12-34567", "123-45678", "١٢٣-٤٥٦٧"],
            ),
            ("^x{2,3}y?z$", &["xxz", "xxxyz", "xz", "xxxxz", "xxyyz"]),
            ("^(?i)straße$", &["STRASSE", "Straße", "STRAẞE", "strasse"]),
            ("^$", &["", " "]),
        ];
        for (source, texts) in cases {
            let pattern = Pattern::new(source).unwrap();
            let regex = Regex::new(source).unwrap();
            for text in *texts {
                assert_eq!(
                    pattern.is_match(text),
                    regex.is_match(text),
                    "{source} on {text:?}"
                );
            }
        }
    }

    #[test]
    fn patterns_as_ecma_262_and_java_write_them_mean_what_they_mean_there() {
        let cases: &[(&str, &[&str], &[&str])] = &[
            (r"\p{Print}+", &["abc def"], &["\u{7}", ""]),
            (r"^[\w-.+]+@[\w-.+]+$", &["a.b-c+d@x.y"], &["a b@x", "@x"]),
            ("[[A-Z0-9]{1,18}", &["[", "a1"], &["abc"]),
            (r"[^/:|\000-\037]+", &["abc"], &["\u{1}", "/:"]),
            (r"^\p{XDigit}{4}-\p{XDigit}{2}$", &["09aF-1b"], &["09aG-1b"]),
            (
                r"^[\p{Alnum}\p{Punct}\p{Blank}]*$",
                &["a-b c!"],
                &["é", "a\nb"],
            ),
        ];
        for (source, matching, other) in cases {
            let pattern = Pattern::new(source).unwrap_or_else(|e| panic!("{source}: {e}"));
            for text in *matching {
                assert!(pattern.is_match(text), "{source} should match {text:?}");
            }
            for text in *other {
                assert!(
                    !pattern.is_match(text),
                    "{source} should not match {text:?}"
                );
            }
            assert_eq!(pattern.as_str(), *source, "kept as written");
        }
    }

    #[test]
    fn bounds_too_large_to_compile_are_matched_by_their_meaning() {
        let whole = Pattern::new("^.{0,262144}$").expect("a run of one class");
        assert!(whole.is_class_run());
        assert!(whole.is_match(&"x".repeat(262_144)));
        assert!(!whole.is_match(&"x".repeat(262_145)));
        let unanchored = Pattern::new(r"\S{1,8192}").expect("its bound cannot change the answer");
        assert!(unanchored.is_match("  x  "));
        assert!(!unanchored.is_match("   "));
        let start = Pattern::new("^.{1,2097152}").expect("anchored at the start only");
        assert!(start.is_match(&"y".repeat(3_000_000)));
        assert!(!start.is_match(""));
    }

    #[test]
    fn a_lone_surrogate_is_left_out_of_a_class_and_unreadable_outside_one() {
        let xml = r"(?!\s*$)[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDBFF-\uDC00\uDFFF\t\r\n]*";
        let pattern = Pattern::new(xml).unwrap_or_else(|e| panic!("{e}"));
        assert!(pattern.is_match("any text\there"));
        assert!(!pattern.is_match("  "));
        assert!(Pattern::new(r"^\uD800$").is_err());
    }

    #[test]
    fn a_pattern_too_large_with_unicode_classes_reads_them_as_ascii() {
        let role =
            r"^arn:(aws|aws-cn):iam::\d{12}:role/([\w+=,.@-]{1,512}[/:])*([\w+=,.@-]{1,64})$";
        let pattern = Pattern::new(role).unwrap_or_else(|e| panic!("{e}"));
        assert!(pattern.is_match("arn:aws:iam::123456789012:role/service-role/Admin_1"));
        assert!(!pattern.is_match("arn:aws:iam::123456789012:role/Adminé"));
        let name = Pattern::new(r"^(\w|\.|-){1,255}$").unwrap_or_else(|e| panic!("{e}"));
        assert!(name.is_match("a.b-c_d") && !name.is_match("a b"));
        // One small enough keeps the regex crate's Unicode classes.
        assert!(Pattern::new(r"^\w+$").expect("small").is_match("é"));
    }

    #[test]
    fn java_categories_are_read() {
        let ld = Pattern::new(r"^(\p{LD}|\p{Punct}| )+$").unwrap_or_else(|e| panic!("{e}"));
        assert!(ld.is_match("Zoë 42!") && !ld.is_match("tab\t"));
        assert!(Pattern::new(r"[\p{all}]*").is_ok());
    }

    #[test]
    fn a_broken_pattern_is_the_regex_crates_error() {
        let error = Pattern::new("^[a-z$").unwrap_err();
        assert!(error.to_string().contains("unclosed character class"));
    }

    #[test]
    fn look_around_runs_on_the_backtracking_engine() {
        // A password rule: a digit and a capital letter somewhere, 8 characters at least.
        let pattern = Pattern::new("^(?=.*\\d)(?=.*[A-Z]).{8,}$").expect("valid");
        assert!(pattern.is_backtracking());
        assert!(pattern.is_match("abcdefG1"));
        assert!(!pattern.is_match("abcdefgh") && !pattern.is_match("aG1"));
        let not_numeric = Pattern::new("^(?!^[0-9]+$)[a-z0-9-]+$").expect("valid");
        assert!(not_numeric.is_match("web-1") && !not_numeric.is_match("123"));
        let no_trailing_dash = Pattern::new("^[a-z0-9-]+(?<!-)$").expect("valid");
        assert!(no_trailing_dash.is_match("a-b") && !no_trailing_dash.is_match("ab-"));
    }

    #[test]
    fn back_references_run_on_the_backtracking_engine() {
        let pattern = Pattern::new("^(['\"]).*\\1$").expect("valid");
        assert!(pattern.is_match("'quoted'") && !pattern.is_match("'mixed\""));
    }

    #[test]
    fn a_match_past_the_step_limit_is_refused_promptly() {
        // Nested repetition with a look-ahead: exponential on a near miss.
        let pattern = Pattern::new("^(?=(a+)+$)(a+)+b$").expect("valid");
        let start = std::time::Instant::now();
        assert!(!pattern.is_match(&"a".repeat(64)));
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn plain_patterns_stay_on_the_regex_crate() {
        assert!(
            !Pattern::new("^[a-z]+(-[a-z]+)*$")
                .expect("valid")
                .is_backtracking()
        );
    }
}
