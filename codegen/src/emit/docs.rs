//! Doc comments and `#[deprecated]` attributes from spec texts.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Deprecation, Operation, Text};

/// `///` lines for the first text that has something in `language` (with fallback).
pub fn doc(language: &str, texts: &[&Text]) -> TokenStream {
    let mut lines: Vec<String> = Vec::new();
    for text in texts {
        if let Some(t) = text.pick(language) {
            if !lines.is_empty() {
                lines.push(String::new());
            }
            lines.extend(text_lines(t));
        }
    }
    doc_lines(&lines)
}

/// A spec text's lines for a doc comment: trimmed, its code blocks marked as text.
pub(crate) fn text_lines(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.trim().lines().map(str::trim_end).collect();
    code_as_text(&lines)
}

/// `lines` of a spec text with every code block that rustdoc would compile and run as a test
/// marked as `text`: a fence with no language or a Rust one, and an indented block (made a
/// fence). Spec texts quote code in any language; none of it is a test of the generated crate.
/// A fence left open is closed at the end of the text, so it cannot swallow the docs after it.
fn code_as_text(lines: &[&str]) -> Vec<String> {
    let mut out = Vec::with_capacity(lines.len());
    let mut fence: Option<&str> = None;
    let mut indented = false;
    let mut in_list = false;
    let mut previous_blank = true;
    for line in lines {
        let trimmed = line.trim_start_matches([' ', '\t']);
        let depth = columns(&line[..line.len() - trimmed.len()]);
        if let Some(open) = fence {
            let closes = trimmed.starts_with(open)
                && trimmed
                    .trim_start_matches(open.as_bytes()[0] as char)
                    .trim()
                    .is_empty();
            if closes {
                fence = None;
            }
            out.push(line.to_string());
            continue;
        }
        if indented && !line.is_empty() && depth < 4 {
            close_indented(&mut out);
            indented = false;
        }
        if depth < 4
            && let Some(marker) = fence_marker(trimmed)
        {
            let info = trimmed[marker.len()..].trim();
            fence = Some(marker);
            if tested_as_rust(info) {
                out.push(format!(
                    "{}{marker}text",
                    &line[..line.len() - trimmed.len()]
                ));
            } else {
                out.push(line.to_string());
            }
        } else if indented {
            out.push(dedent(line).to_string());
        } else if depth >= 4 && previous_blank && !in_list {
            out.push("```text".to_string());
            out.push(dedent(line).to_string());
            indented = true;
        } else {
            out.push(line.to_string());
        }
        if depth == 0 && !trimmed.is_empty() {
            in_list = starts_list_item(trimmed);
        }
        previous_blank = trimmed.is_empty();
    }
    if indented {
        close_indented(&mut out);
    } else if let Some(open) = fence {
        out.push(open.to_string());
    }
    out
}

/// How many columns leading spaces and tabs fill (a tab to the next multiple of 4).
fn columns(indent: &str) -> usize {
    indent
        .chars()
        .fold(0, |at, c| if c == '\t' { at / 4 * 4 + 4 } else { at + 1 })
}

/// `line` without the 4 columns of indentation that make it code.
fn dedent(line: &str) -> &str {
    let mut at = 0;
    for (i, c) in line.char_indices() {
        if at >= 4 || !(c == ' ' || c == '\t') {
            return &line[i..];
        }
        at = columns(&line[..i + 1]);
    }
    ""
}

/// Ends an indented block made a fence, before the blank lines that followed it.
fn close_indented(out: &mut Vec<String>) {
    let blanks = out.iter().rev().take_while(|l| l.is_empty()).count();
    out.insert(out.len() - blanks, "```".to_string());
}

/// The run of backticks or tildes (three or more) that opens a fenced code block.
fn fence_marker(trimmed: &str) -> Option<&str> {
    let first = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let run = trimmed.len() - trimmed.trim_start_matches(first).len();
    let marker = &trimmed[..run];
    let info = &trimmed[run..];
    (run >= 3 && !(first == '`' && info.contains('`'))).then_some(marker)
}

/// Whether rustdoc reads a fence with this info string as a Rust test: no language, `rust`,
/// or only rustdoc's own words.
fn tested_as_rust(info: &str) -> bool {
    const RUSTDOC: &[&str] = &[
        "rust",
        "ignore",
        "should_panic",
        "no_run",
        "compile_fail",
        "edition2015",
        "edition2018",
        "edition2021",
        "edition2024",
        "standalone_crate",
        "test_harness",
    ];
    info.split([',', ' ', '\t'])
        .filter(|w| !w.is_empty())
        .all(|w| RUSTDOC.contains(&w) || w.starts_with("edition") || w.starts_with('{'))
}

/// Whether a line begins an item of a Markdown list: `- `, `* `, `+ `, or `1. ` / `1) `.
fn starts_list_item(trimmed: &str) -> bool {
    if ["- ", "* ", "+ "].iter().any(|m| trimmed.starts_with(m)) {
        return true;
    }
    let digits = trimmed.len()
        - trimmed
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    digits > 0
        && [". ", ") "]
            .iter()
            .any(|m| trimmed[digits..].starts_with(m))
}

pub fn doc_lines(lines: &[String]) -> TokenStream {
    let attrs = lines.iter().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #line])
    });
    quote!(#(#attrs)*)
}

pub fn deprecated(language: &str, deprecation: Option<&Deprecation>) -> TokenStream {
    let Some(d) = deprecation else {
        return TokenStream::new();
    };
    let mut note = match &d.sunset {
        Some(sunset) => format!("Sunset {sunset}."),
        None => String::new(),
    };
    if let Some(text) = d.note.pick(language) {
        if !note.is_empty() {
            note.push(' ');
        }
        note.push_str(text.trim());
    }
    if note.is_empty() {
        quote!(#[deprecated])
    } else {
        quote!(#[deprecated(note = #note)])
    }
}

/// `POST /path`, scopes, summary and description, for the method's doc comment.
pub(super) fn operation_docs(op: &Operation, lang: &str) -> TokenStream {
    let docs = doc(lang, &[&op.summary, &op.description]);
    let mut lines = vec![String::new(), format!("`{} {}`", op.method, op.path)];
    if !op.scopes.is_empty() {
        let scopes: Vec<String> = op.scopes.iter().map(|s| format!("`{s}`")).collect();
        lines.push(String::new());
        lines.push(format!("OAuth2 scopes: {}.", scopes.join(", ")));
    }
    let extra = doc_lines(&lines);
    let deprecated = deprecated(lang, op.deprecated.as_ref());
    quote!(#docs #extra #deprecated)
}

#[cfg(test)]
mod tests {
    use super::code_as_text;

    fn marked(text: &str) -> String {
        let lines: Vec<&str> = text.lines().collect();
        code_as_text(&lines).join("\n")
    }

    #[test]
    fn a_fence_without_a_language_or_with_rust_is_text() {
        assert_eq!(
            marked("Call it:\n```\nfrom a import b\n```"),
            "Call it:\n```text\nfrom a import b\n```"
        );
        assert_eq!(marked("~~~~ rust,no_run\nx\n~~~~"), "~~~~text\nx\n~~~~");
        assert_eq!(marked("  ```\nx\n  ```"), "  ```text\nx\n  ```");
    }

    #[test]
    fn a_fence_in_another_language_stays_as_written() {
        let text = "```json\n{\"a\": 1}\n```\n\n```shell\ncurl -X POST\n```";
        assert_eq!(marked(text), text);
    }

    #[test]
    fn a_fence_inside_a_fence_is_its_content() {
        let text = "````markdown\n```\nnot a fence\n```\n````";
        assert_eq!(marked(text), text);
    }

    #[test]
    fn a_fence_left_open_is_closed_at_the_end() {
        assert_eq!(marked("```\nvar x = 1;"), "```text\nvar x = 1;\n```");
    }

    #[test]
    fn an_indented_block_becomes_a_text_fence() {
        assert_eq!(
            marked("Example:\n\n    var x = 1;\n      y();\n\nAfter."),
            "Example:\n\n```text\nvar x = 1;\n  y();\n```\n\nAfter."
        );
        assert_eq!(marked("\tcode()"), "```text\ncode()\n```");
    }

    #[test]
    fn indentation_that_continues_a_paragraph_or_a_list_stays() {
        let paragraph = "First line\n    still the paragraph";
        assert_eq!(marked(paragraph), paragraph);
        let list = "- item\n\n    more of the item\n\nNext.";
        assert_eq!(marked(list), list);
    }

    #[test]
    fn other_whitespace_and_wide_characters_are_not_indentation() {
        let text = "\u{3000}\u{3000}全角の字下げ\n\n\u{a0}\u{a0}\u{a0}\u{a0}x";
        assert_eq!(marked(text), text);
    }
}
