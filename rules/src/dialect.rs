//! Patterns as API descriptions write them, in the regex crate's syntax.
//!
//! JSON Schema's patterns are ECMA-262 regular expressions, and many published descriptions
//! (AWS's among them) carry Java's. Most read the same in the regex crate; a few constructs do
//! not, and are rewritten here to what they mean in those dialects:
//!
//! - Java's POSIX classes `\p{Alpha}`, `\p{Print}`, `\p{XDigit}`… (ASCII, as in Java) become
//!   the regex crate's `[[:alpha:]]`, `[[:print:]]`, `[[:xdigit:]]`…;
//! - in a class, a `-` next to a class escape or after a range is a plain `-` (`[\w-.]`,
//!   `[a-z0-9-_]`), and a `[` that does not open a Java intersection (`&&[…]`) is a plain `[`;
//! - Java's categories `\p{LD}` (letters and digits), `\p{L1}` (Latin-1) and `\p{all}`
//!   become the classes they name;
//! - an octal escape `\0nn` is the character it names;
//! - a surrogate pair written as two escapes (`\uD83D\uDE00`) is the character it encodes,
//!   and a lone surrogate in a class (`[\u0020-\uD7FF\uD800\uDBFF-\uDC00]`) is left out of
//!   it: Java matches it only against a lone surrogate, which no well-formed text holds.
//!
//! A pattern the rewrite cannot make readable (a lone surrogate outside a class, a class that
//! never closes) stays unreadable, and its error is the regex crate's on the pattern as written.

/// `source` rewritten where it uses a construct of ECMA-262 or Java that the regex crate reads
/// otherwise or not at all; `None` when nothing needed rewriting.
pub fn to_rust_syntax(source: &str) -> Option<String> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len() + 8);
    let mut class: Option<Class> = None;
    let mut at = 0;
    while at < chars.len() {
        let c = chars[at];
        at = match (&mut class, c) {
            (_, '\\') => escape(&chars, at, class.as_mut(), &mut out),
            (None, '[') => {
                out.push('[');
                class = Some(Class::default());
                // A `]` or `^]` first is a member, not the end.
                let mut next = at + 1;
                if chars.get(next) == Some(&'^') {
                    out.push('^');
                    next += 1;
                }
                if chars.get(next) == Some(&']') {
                    out.push(']');
                    class = Some(Class {
                        last: Last::Char,
                        outer: None,
                    });
                    next += 1;
                }
                next
            }
            (Some(_), ']') => {
                out.push(']');
                class = class.and_then(|c| c.outer.map(|o| *o));
                at + 1
            }
            (Some(_), '[') => open_in_class(&chars, at, &mut class, &mut out),
            (Some(inside), '-') => {
                dash(&chars, at, inside, &mut out);
                at + 1
            }
            (Some(inside), _) => {
                inside.after(Last::Char);
                out.push(c);
                at + 1
            }
            (None, _) => {
                out.push(c);
                at + 1
            }
        };
    }
    (out != source).then_some(out)
}

/// `source` (in the regex crate's syntax) with `\w`, `\W`, `\d` and `\D` as ECMA-262 and Java
/// read them, ASCII only: for a pattern whose Unicode classes, repeated, make it too large for
/// the regex crate to compile (`[\w+=,.@-]{1,512}`). `None` when it has none of them.
pub fn ascii_classes(source: &str) -> Option<String> {
    let mut out = String::with_capacity(source.len() + 16);
    let mut depth = 0usize;
    let mut chars = source.chars().peekable();
    let mut changed = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(kind) = chars.next() else {
                    out.push(c);
                    break;
                };
                let ascii = match kind {
                    'w' => Some("[:word:]"),
                    'W' => Some("[:^word:]"),
                    'd' => Some("[:digit:]"),
                    'D' => Some("[:^digit:]"),
                    _ => None,
                };
                match ascii {
                    Some(class) if depth > 0 => out.push_str(class),
                    Some(class) => out.push_str(&format!("[{class}]")),
                    None => {
                        out.push(c);
                        out.push(kind);
                    }
                }
                changed |= ascii.is_some();
            }
            '[' => {
                depth += 1;
                out.push(c);
                // A `]` first (after any `^`) is a member, not the end.
                if chars.peek() == Some(&'^') {
                    out.extend(chars.next());
                }
                if chars.peek() == Some(&']') {
                    out.extend(chars.next());
                }
            }
            ']' => {
                depth = depth.saturating_sub(1);
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    changed.then_some(out)
}

/// Where the scan is inside a class: what came last, and the class it is nested in (Java's
/// `[a-z&&[^aeiou]]`).
#[derive(Debug, Default, Clone)]
struct Class {
    last: Last,
    outer: Option<Box<Class>>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Last {
    /// Nothing yet, or a set operator (`&&`).
    #[default]
    Start,
    /// One character, which a `-` may make the start of a range.
    Char,
    /// A `-` after a character: the range's end comes next.
    RangeDash,
    /// A class escape (`\w`, `\p{…}`) or a finished range: a `-` after it is a plain `-`.
    Set,
}

impl Class {
    fn after(&mut self, last: Last) {
        self.last = if self.last == Last::RangeDash && last == Last::Char {
            Last::Set
        } else {
            last
        };
    }
}

/// A `-` in a class: a range's dash after a single character (unless a class escape follows),
/// else a plain `-`.
fn dash(chars: &[char], at: usize, inside: &mut Class, out: &mut String) {
    let next = chars.get(at + 1).copied();
    let closes = next == Some(']');
    let escape_follows =
        next == Some('\\') && chars.get(at + 2).is_some_and(|e| "dDwWsSpP".contains(*e));
    if inside.last == Last::Char && !closes && !escape_follows {
        out.push('-');
        inside.last = Last::RangeDash;
    } else if closes || inside.last == Last::Start {
        // First or last in a class, a `-` is plain in every dialect.
        out.push('-');
        inside.last = Last::Char;
    } else {
        out.push_str("\\-");
        inside.last = Last::Char;
    }
}

/// A `[` inside a class: Java's nested class after `&&` (or a POSIX `[:name:]`), else a plain
/// `[`.
fn open_in_class(chars: &[char], at: usize, class: &mut Option<Class>, out: &mut String) -> usize {
    let Some(inside) = class.as_mut() else {
        out.push('[');
        return at + 1;
    };
    if chars.get(at + 1) == Some(&':')
        && let Some(end) = posix_end(chars, at)
    {
        out.extend(&chars[at..=end]);
        inside.after(Last::Set);
        return end + 1;
    }
    if out.ends_with("&&") {
        out.push('[');
        let outer = class.take().map(Box::new);
        *class = Some(Class {
            last: Last::Start,
            outer,
        });
    } else {
        out.push_str("\\[");
        inside.after(Last::Char);
    }
    at + 1
}

/// The index of the `]` ending a POSIX class `[:name:]` that starts at `at`.
fn posix_end(chars: &[char], at: usize) -> Option<usize> {
    let close = (at + 2..chars.len().saturating_sub(1))
        .find(|&i| chars[i] == ':' && chars[i + 1] == ']')?;
    chars[at + 2..close]
        .iter()
        .all(|c| c.is_ascii_alphabetic() || *c == '^')
        .then_some(close + 1)
}

/// An escape at `at` (a `\`), copied or rewritten; the index after it.
fn escape(chars: &[char], at: usize, mut class: Option<&mut Class>, out: &mut String) -> usize {
    let Some(&kind) = chars.get(at + 1) else {
        out.push('\\');
        return at + 1;
    };
    if let Some((name, end)) = property(chars, at) {
        if let Some(members) = java_category(&name) {
            let negated = if kind == 'P' { "^" } else { "" };
            out.push_str(&format!("[{negated}{members}]"));
            if let Some(inside) = class {
                inside.after(Last::Set);
            }
            return end;
        }
        if let Some(posix) = java_posix(&name) {
            let negated = if kind == 'P' { "^" } else { "" };
            match class.as_deref_mut() {
                Some(inside) => {
                    out.push_str(&format!("[:{negated}{posix}:]"));
                    inside.after(Last::Set);
                }
                None => out.push_str(&format!("[[:{negated}{posix}:]]")),
            }
            return end;
        }
        out.extend(&chars[at..end]);
        if let Some(inside) = class {
            inside.after(Last::Set);
        }
        return end;
    }
    if let Some(end) = surrogates(chars, at, class.as_deref_mut(), out) {
        return end;
    }
    if kind == '0' {
        let digits: String = chars[at + 2..]
            .iter()
            .take(2)
            .take_while(|c| ('0'..='7').contains(*c))
            .collect();
        let value = u32::from_str_radix(&format!("0{digits}"), 8).unwrap_or(0);
        out.push_str(&format!("\\x{{{value:X}}}"));
        if let Some(inside) = class {
            inside.after(Last::Char);
        }
        return at + 2 + digits.len();
    }
    out.push('\\');
    out.push(kind);
    if let Some(inside) = class {
        inside.after(if "dDwWsS".contains(kind) {
            Last::Set
        } else {
            Last::Char
        });
    }
    // `\x{…}`, `\u{…}` and `\uXXXX` are one character: copied whole, so no `-` or `[` in them
    // is read as a class's.
    at + 2
}

/// A surrogate escape at `at` (`\uD800`–`\uDFFF`): a pair written as two escapes becomes the
/// character it encodes; in a class, a lone one, or a range of them, is left out. The index
/// after what was read, or `None` where there is no surrogate, or it is the end of a range that
/// starts elsewhere (left as written).
fn surrogates(
    chars: &[char],
    at: usize,
    class: Option<&mut Class>,
    out: &mut String,
) -> Option<usize> {
    let first = unit(chars, at).filter(|u| (0xD800..=0xDFFF).contains(u))?;
    if let Some(second) = unit(chars, at + 6).filter(|u| (0xDC00..=0xDFFF).contains(u))
        && first < 0xDC00
    {
        let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
        out.push_str(&format!("\\x{{{code:X}}}"));
        if let Some(inside) = class {
            inside.after(Last::Char);
        }
        return Some(at + 12);
    }
    let inside = class?;
    if inside.last == Last::RangeDash {
        return None;
    }
    let range_end = (chars.get(at + 6) == Some(&'-'))
        .then(|| unit(chars, at + 7))
        .flatten();
    Some(match range_end {
        Some(end) if (0xD800..=0xDFFF).contains(&end) => at + 13,
        Some(_) => return None,
        None => at + 6,
    })
}

/// The UTF-16 unit a `\uXXXX` escape at `at` names.
fn unit(chars: &[char], at: usize) -> Option<u32> {
    if chars.get(at) != Some(&'\\') || chars.get(at + 1) != Some(&'u') {
        return None;
    }
    let digits: String = chars.get(at + 2..at + 6)?.iter().collect();
    if !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(&digits, 16).ok()
}

/// The members of one of Java's own categories, as the regex crate writes them in a class.
fn java_category(name: &str) -> Option<&'static str> {
    Some(match name {
        "LD" => r"\p{L}\p{Nd}",
        "L1" => r"\x00-\xFF",
        "all" => r"\x{0}-\x{10FFFF}",
        _ => return None,
    })
}

/// `\p{Name}` or `\P{Name}` at `at`: the name and the index after the `}`.
fn property(chars: &[char], at: usize) -> Option<(String, usize)> {
    if !matches!(chars.get(at + 1), Some('p' | 'P')) || chars.get(at + 2) != Some(&'{') {
        return None;
    }
    let close = (at + 3..chars.len()).find(|&i| chars[i] == '}')?;
    Some((chars[at + 3..close].iter().collect(), close + 1))
}

/// The regex crate's POSIX class for one of Java's (`Alpha` → `alpha`).
fn java_posix(name: &str) -> Option<&'static str> {
    Some(match name {
        "Lower" => "lower",
        "Upper" => "upper",
        "ASCII" => "ascii",
        "Alpha" => "alpha",
        "Digit" => "digit",
        "Alnum" => "alnum",
        "Punct" => "punct",
        "Graph" => "graph",
        "Print" => "print",
        "Blank" => "blank",
        "Cntrl" => "cntrl",
        "XDigit" => "xdigit",
        "Space" => "space",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::to_rust_syntax;

    fn rewritten(source: &str) -> String {
        to_rust_syntax(source).unwrap_or_else(|| source.to_owned())
    }

    #[test]
    fn patterns_the_regex_crate_reads_alike_are_left_alone() {
        for source in [
            "^[a-z0-9-]+$",
            "^[A-Za-z][A-Za-z0-9_]{0,63}$",
            r"^\d{3}-\d{4}$",
            r"[\x{41}-\x{5A}]",
            r"^\p{L}+$",
            "[^]a]",
        ] {
            assert_eq!(to_rust_syntax(source), None, "{source}");
        }
    }

    #[test]
    fn java_posix_classes_become_the_regex_crates() {
        assert_eq!(rewritten(r"\p{Print}+"), "[[:print:]]+");
        assert_eq!(rewritten(r"[\p{Graph}\x20]*"), r"[[:graph:]\x20]*");
        assert_eq!(rewritten(r"\P{XDigit}"), "[[:^xdigit:]]");
        assert_eq!(rewritten(r"[\p{Print}&&[^|:/]]+"), "[[:print:]&&[^|:/]]+");
    }

    #[test]
    fn a_dash_beside_a_class_escape_or_after_a_range_is_plain() {
        assert_eq!(rewritten(r"[\w-.]"), r"[\w\-.]");
        assert_eq!(rewritten(r"[a-zA-Z0-9\s-_()]"), r"[a-zA-Z0-9\s\-_()]");
        assert_eq!(rewritten(r"[a-z0-9-_]"), r"[a-z0-9\-_]");
        assert_eq!(rewritten(r"[.-\w]"), r"[.\-\w]");
    }

    #[test]
    fn a_bracket_inside_a_class_is_plain() {
        assert_eq!(rewritten("[[A-Z0-9]{1,18}"), r"[\[A-Z0-9]{1,18}");
        assert_eq!(rewritten(r"[a-zA-Z0-9\[\]]"), r"[a-zA-Z0-9\[\]]");
    }

    #[test]
    fn surrogates_in_a_class_are_left_out_and_pairs_are_their_character() {
        assert_eq!(
            rewritten(r"[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDBFF-\uDC00\uDFFF\t\r\n]*"),
            r"[\u0020-\uD7FF\uE000-\uFFFD\t\r\n]*"
        );
        assert_eq!(rewritten(r"^\uD83D\uDE00+$"), r"^\x{1F600}+$");
        assert_eq!(rewritten(r"[a\uD83D\uDE00]"), r"[a\x{1F600}]");
        // Where a range runs into the surrogates, or one stands alone outside a class, the
        // pattern is left as written (and stays unreadable).
        assert_eq!(to_rust_syntax(r"[\u0020-\uDBFF]"), None);
        assert_eq!(to_rust_syntax(r"^\uD800$"), None);
    }

    #[test]
    fn java_categories_become_classes() {
        assert_eq!(
            rewritten(r"^(\p{LD}|\p{Punct}| )+$"),
            r"^([\p{L}\p{Nd}]|[[:punct:]]| )+$"
        );
        assert_eq!(rewritten(r"[\p{all}]*"), r"[[\x{0}-\x{10FFFF}]]*");
        assert_eq!(rewritten(r"\P{L1}"), r"[^\x00-\xFF]");
    }

    #[test]
    fn word_and_digit_classes_can_be_read_as_ascii() {
        assert_eq!(
            super::ascii_classes(r"^(\w|\.|-){1,255}$").as_deref(),
            Some(r"^([[:word:]]|\.|-){1,255}$")
        );
        assert_eq!(
            super::ascii_classes(r"[\w+=,.@-]{1,64}\D[^\d]").as_deref(),
            Some(r"[[:word:]+=,.@-]{1,64}[[:^digit:]][^[:digit:]]")
        );
        assert_eq!(super::ascii_classes(r"^[a-z\s]+\p{L}$"), None);
    }

    #[test]
    fn octal_escapes_name_their_character() {
        assert_eq!(rewritten(r"[^/:|\000-\037]+"), r"[^/:|\x{0}-\x{1F}]+");
    }
}
