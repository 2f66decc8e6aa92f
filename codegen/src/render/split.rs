//! A file's tokens cut into its items without parsing them, so each can be parsed and formatted
//! on its own. Only the shapes the emitters write need to be known: after its attributes and
//! visibility, a `use`, `const`, `static` or `type` item runs to its `;`; any other item runs to
//! its first `;` or `{…}`.

use proc_macro2::{Delimiter, TokenStream, TokenTree, token_stream};

/// What a cut piece of a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// The file's inner attributes (`#![…]`).
    Inner,
    Use,
    Item,
}

/// The pieces of a file, in order: its inner attributes, then one item at a time.
pub(super) struct Items {
    tokens: std::iter::Peekable<token_stream::IntoIter>,
    /// A token taken to look past it that begins the next piece.
    pending: Option<TokenTree>,
}

impl Items {
    pub(super) fn new(tokens: TokenStream) -> Items {
        Items {
            tokens: tokens.into_iter().peekable(),
            pending: None,
        }
    }

    fn take(&mut self) -> Option<TokenTree> {
        self.pending.take().or_else(|| self.tokens.next())
    }

    /// Every `#![…]` that comes next.
    fn inner_attributes(&mut self) -> Vec<TokenTree> {
        let mut piece = Vec::new();
        while let Some(first) = self.take() {
            let inner =
                is_punct(&first, '#') && self.tokens.peek().is_some_and(|next| is_punct(next, '!'));
            if !inner {
                self.pending = Some(first);
                break;
            }
            piece.push(first);
            piece.extend(self.tokens.by_ref().take(2));
        }
        piece
    }
}

impl Iterator for Items {
    type Item = (Kind, TokenStream);

    fn next(&mut self) -> Option<(Kind, TokenStream)> {
        let inner = self.inner_attributes();
        if !inner.is_empty() {
            return Some((Kind::Inner, inner.into_iter().collect()));
        }
        let mut piece = Vec::new();
        let mut kind = None;
        let mut to_semicolon = false;
        while let Some(token) = self.take() {
            let ends = match &token {
                TokenTree::Punct(p) => p.as_char() == ';',
                TokenTree::Group(g) => g.delimiter() == Delimiter::Brace && !to_semicolon,
                TokenTree::Ident(word) if kind.is_none() => {
                    let word = word.to_string();
                    if word != "pub" {
                        kind = Some(if word == "use" { Kind::Use } else { Kind::Item });
                        to_semicolon = runs_to_semicolon(&word, self.tokens.peek());
                    }
                    false
                }
                _ => false,
            };
            piece.push(token);
            if ends {
                break;
            }
        }
        (!piece.is_empty()).then(|| (kind.unwrap_or(Kind::Item), piece.into_iter().collect()))
    }
}

fn is_punct(token: &TokenTree, c: char) -> bool {
    matches!(token, TokenTree::Punct(p) if p.as_char() == c)
}

/// Whether an item that begins with `word` (then `next`) ends only at its `;`: its value or
/// path may hold braces (`use a::{b, c};`, `const X: S = S { … };`). A `const fn` does not.
fn runs_to_semicolon(word: &str, next: Option<&TokenTree>) -> bool {
    match word {
        "use" | "static" | "type" => true,
        "const" => {
            !matches!(next, Some(TokenTree::Ident(i)) if i == "fn" || i == "unsafe" || i == "async")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn pieces(tokens: TokenStream) -> Vec<(Kind, String)> {
        Items::new(tokens)
            .map(|(k, t)| (k, t.to_string()))
            .collect()
    }

    #[test]
    fn inner_attributes_come_first_as_one_piece() {
        let got = pieces(quote!(#![allow(a)] #![allow(b)] fn f() {}));
        assert_eq!(
            got[0],
            (Kind::Inner, "# ! [allow (a)] # ! [allow (b)]".into())
        );
        assert_eq!(got[1].0, Kind::Item);
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn each_item_ends_at_its_body_or_semicolon() {
        let got = pieces(quote! {
            use a::{b, c};
            #[derive(Debug)]
            pub struct S { x: u8 }
            pub(crate) struct T(u8);
            impl S where S: Debug { fn f(&self) {} }
            const X: S = S { x: 1 };
            pub const fn g() -> u8 { 1 }
            static Y: [u8; 2] = [1, 2];
            type Z = S;
            mod m;
        });
        let kinds: Vec<Kind> = got.iter().map(|(k, _)| *k).collect();
        assert_eq!(kinds[0], Kind::Use);
        assert!(kinds[1..].iter().all(|k| *k == Kind::Item), "{got:?}");
        assert_eq!(got.len(), 9, "{got:#?}");
        assert_eq!(got[1].1, "# [derive (Debug)] pub struct S { x : u8 }");
        assert!(got[3].1.ends_with("{ fn f (& self) { } }"), "{got:#?}");
        assert!(got[4].1.ends_with("S { x : 1 } ;"), "{got:#?}");
        assert!(got[5].1.starts_with("pub const fn g"), "{got:#?}");
        assert_eq!(got[8].1, "mod m ;");
    }
}
