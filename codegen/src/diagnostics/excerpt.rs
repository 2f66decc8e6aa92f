//! How much spec text a problem repeats: a spec with a 3 MB name gets a message of one line,
//! not of 3 MB, while every name of a normal spec is quoted whole.

use std::borrow::Cow;

use super::{Pos, Snippet};

/// The longest quoted name (between backticks) in a message or help.
const QUOTE_CHARS: usize = 60;
/// The longest message or help.
const MESSAGE_CHARS: usize = 1_000;
/// The most characters of the offending line shown under a problem.
const SNIPPET_CHARS: usize = 120;

/// `text` in at most `max` characters: a longer one keeps its start and its end around `…`.
fn clip(text: &str, max: usize) -> Cow<'_, str> {
    let count = text.chars().count();
    if count <= max {
        return Cow::Borrowed(text);
    }
    let head = (max - 1) * 2 / 3;
    let tail = max - 1 - head;
    let mut out: String = text.chars().take(head).collect();
    out.push('…');
    out.extend(text.chars().skip(count - tail));
    Cow::Owned(out)
}

/// `message` with each part between backticks clipped to [`QUOTE_CHARS`], then the whole to
/// [`MESSAGE_CHARS`].
pub(super) fn message(message: String) -> String {
    if message.len() <= QUOTE_CHARS {
        return message;
    }
    let parts: Vec<&str> = message.split('`').collect();
    let closed = parts.len() - parts.len().is_multiple_of(2) as usize;
    let quoted = |i: usize| i % 2 == 1 && i < closed;
    let mut out = String::with_capacity(message.len().min(MESSAGE_CHARS * 4));
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push('`');
        }
        if quoted(i) {
            out.push_str(&clip(part, QUOTE_CHARS));
        } else {
            out.push_str(part);
        }
    }
    match clip(&out, MESSAGE_CHARS) {
        Cow::Borrowed(_) => out,
        Cow::Owned(clipped) => clipped,
    }
}

/// The part of `line` shown under a problem at `pos`: the whole line when it is short, otherwise
/// [`SNIPPET_CHARS`] characters around the column, with `…` where it was cut.
pub(super) fn snippet(line: &str, pos: Pos) -> Snippet {
    let count = line.chars().count();
    let at = (pos.col.max(1) as usize - 1).min(count);
    let (start, end) = if count <= SNIPPET_CHARS {
        (0, count)
    } else {
        let start = at
            .saturating_sub(SNIPPET_CHARS / 3)
            .min(count - SNIPPET_CHARS);
        (start, start + SNIPPET_CHARS)
    };
    let mut text = String::new();
    if start > 0 {
        text.push('…');
    }
    text.extend(line.chars().skip(start).take(end - start));
    if end < count {
        text.push('…');
    }
    let col = at - start + 1 + usize::from(start > 0);
    let len = (pos.len as usize).clamp(1, end.saturating_sub(at).max(1));
    Snippet {
        text,
        col: col as u32,
        len: len as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(col: u32, len: u32) -> Pos {
        Pos { line: 1, col, len }
    }

    #[test]
    fn short_names_and_lines_are_kept_whole() {
        let text = "type `Contact` is not defined in this service; did you mean `Contacts`?";
        assert_eq!(message(text.to_string()), text);
        let line = "      x: { type: Contact }";
        let shown = snippet(line, at(18, 7));
        assert_eq!((shown.text.as_str(), shown.col, shown.len), (line, 18, 7));
    }

    #[test]
    fn a_long_quoted_name_keeps_its_start_and_end() {
        let name = format!("Start{}End", "Q".repeat(3_000_000));
        let shown = message(format!("type `{name}` is not defined in this service"));
        assert!(shown.starts_with("type `StartQQ"), "{shown}");
        assert!(
            shown.ends_with("QQEnd` is not defined in this service"),
            "{shown}"
        );
        assert_eq!(
            shown.chars().count(),
            "type `` is not defined in this service".len() + 60
        );
    }

    #[test]
    fn an_unclosed_backtick_quotes_nothing_and_the_whole_is_bounded() {
        let text = format!("cannot read `{}", "z".repeat(5_000));
        let shown = message(text);
        assert_eq!(shown.chars().count(), MESSAGE_CHARS);
        assert!(shown.starts_with("cannot read `zzz") && shown.contains('…'));
    }

    #[test]
    fn a_long_line_is_shown_around_the_column_with_the_caret_on_it() {
        let line = format!("x: {{ type: {}Tail }}", "Q".repeat(3_000_000));
        let col = 3_000_012;
        let shown = snippet(&line, at(col, 3_000_004));
        assert!(shown.text.starts_with('…') && shown.text.ends_with("QQQTail }"));
        assert!(shown.text.chars().count() <= SNIPPET_CHARS + 2);
        let under: String = shown.text.chars().skip(shown.col as usize - 1).collect();
        assert!(under.starts_with("Tail"), "{under}");
        assert_eq!(shown.len as usize, "Tail }".len());

        let head = snippet(&line, at(12, 3_000_004));
        assert!(head.text.starts_with("x: { type: QQQ") && head.text.ends_with('…'));
        assert_eq!((head.col, head.len as usize), (12, SNIPPET_CHARS - 11));
    }

    #[test]
    fn a_column_past_the_end_of_the_line_points_after_it() {
        let shown = snippet("key:", at(9, 1));
        assert_eq!((shown.col, shown.len), (5, 1));
    }
}
