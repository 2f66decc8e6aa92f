//! A text that a pattern matches, made from the pattern itself: each class gives its first
//! plain character (`a`, else `0`, else the first printable one), each repetition its fewest
//! items (more where a minimum length asks), each alternation its first branch. Look-around is
//! left out while the text is made and checked after, with the lengths, against the pattern
//! itself: a text is only returned where it matches.

use regex_syntax::hir::{Class, Hir, HirKind};

use crate::Pattern;

/// The deepest a pattern is walked; real patterns nest a few levels.
const MAX_DEPTH: usize = 64;

/// A text of `min..=max` characters that `pattern` matches, where one can be made.
pub fn text_matching(pattern: &Pattern, min: usize, max: Option<usize>) -> Option<String> {
    let hir = regex_syntax::Parser::new()
        .parse(&without_look_around(pattern.regex_source()))
        .ok()?;
    let mut text = String::new();
    write(&hir, &mut 0, &mut text, 0)?;
    let short = min.saturating_sub(text.chars().count());
    if short > 0 {
        text.clear();
        write(&hir, &mut { short }, &mut text, 0)?;
    }
    let chars = text.chars().count();
    let fits = chars >= min && max.is_none_or(|max| chars <= max);
    (fits && pattern.is_match(&text)).then_some(text)
}

/// Appends the text `hir` stands for; `extra` is how many more repetitions to make.
fn write(hir: &Hir, extra: &mut usize, out: &mut String, depth: usize) -> Option<()> {
    if depth > MAX_DEPTH {
        return None;
    }
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(literal) => out.push_str(std::str::from_utf8(&literal.0).ok()?),
        HirKind::Class(class) => out.push(plain_char(class)?),
        HirKind::Capture(capture) => write(&capture.sub, extra, out, depth + 1)?,
        HirKind::Concat(items) => {
            for item in items {
                write(item, extra, out, depth + 1)?;
            }
        }
        HirKind::Alternation(branches) => write(branches.first()?, extra, out, depth + 1)?,
        HirKind::Repetition(repetition) => {
            let room = repetition
                .max
                .map_or(usize::MAX, |max| (max - repetition.min) as usize);
            let more = (*extra).min(room);
            *extra -= more;
            for _ in 0..repetition.min as usize + more {
                write(&repetition.sub, &mut 0, out, depth + 1)?;
            }
        }
    }
    Some(())
}

/// A plain character of the class: `a`, `0` or the first printable one it holds.
fn plain_char(class: &Class) -> Option<char> {
    let ranges: Vec<(char, char)> = match class {
        Class::Unicode(class) => class
            .ranges()
            .iter()
            .map(|r| (r.start(), r.end()))
            .collect(),
        Class::Bytes(class) => class
            .ranges()
            .iter()
            .filter(|r| r.start().is_ascii())
            .map(|r| (char::from(r.start()), char::from(r.end().min(0x7f))))
            .collect(),
    };
    let holds = |c: char| {
        ranges
            .iter()
            .any(|&(start, end)| (start..=end).contains(&c))
    };
    ['a', '0', 'A', '-', '_']
        .into_iter()
        .find(|&c| holds(c))
        .or_else(|| {
            ranges
                .iter()
                .find_map(|&(start, end)| (start..=end).find(|c| !c.is_control()))
        })
}

/// `source` with its look-around groups taken out (`(?=…)`, `(?!…)`, `(?<=…)`, `(?<!…)`).
fn without_look_around(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let rest: String = chars[i..chars.len().min(i + 4)].iter().collect();
        let look = ["(?<=", "(?<!", "(?=", "(?!"]
            .iter()
            .find(|opening| rest.starts_with(**opening));
        match (chars[i], look) {
            ('\\', _) => {
                out.extend(&chars[i..chars.len().min(i + 2)]);
                i += 2;
            }
            (_, Some(_)) => i = group_end(&chars, i),
            (c, None) => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// The index after the group that opens at `start`, skipping escapes and classes.
fn group_end(chars: &[char], start: usize) -> usize {
    let (mut depth, mut in_class, mut i) = (0usize, false, start);
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '[' if !in_class => in_class = true,
            ']' if in_class => in_class = false,
            '(' if !in_class => depth += 1,
            ')' if !in_class => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    chars.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(source: &str, min: usize, max: Option<usize>) -> Option<String> {
        text_matching(&Pattern::new(source).expect("valid"), min, max)
    }

    #[test]
    fn made_texts_match_their_pattern() {
        assert_eq!(
            sample("^[a-z][a-z0-9-]*[a-zA-Z0-9]$", 0, None).as_deref(),
            Some("aa")
        );
        assert_eq!(
            sample("^\\d{3}-\\d{4}$", 0, None).as_deref(),
            Some("000-0000")
        );
        assert_eq!(sample("^(cat|dog)s?$", 0, None).as_deref(), Some("cat"));
        // A name that must not be a UUID: the look-ahead is checked on the text made.
        let name = "^(?![0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$)^[a-z][a-z0-9-]*[a-zA-Z0-9]$";
        assert_eq!(sample(name, 0, Some(63)).as_deref(), Some("aa"));
    }

    #[test]
    fn a_minimum_length_lengthens_the_first_repetition_with_room() {
        assert_eq!(sample("^[a-z]+$", 4, None).as_deref(), Some("aaaa"));
        assert_eq!(sample("^x[0-9]*$", 3, None).as_deref(), Some("x00"));
    }

    #[test]
    fn no_text_where_none_can_be_made_plainly() {
        // The look-ahead wants a digit the rest never makes.
        assert_eq!(sample("^(?=.*\\d)[a-z]+$", 0, None), None);
        assert_eq!(sample("^[a-z]{5}$", 0, Some(3)), None);
    }
}
