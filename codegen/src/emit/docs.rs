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
            lines.extend(t.trim().lines().map(|l| l.trim_end().to_string()));
        }
    }
    doc_lines(&lines)
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
