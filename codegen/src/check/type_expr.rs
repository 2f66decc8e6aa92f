//! Type expressions: `string`, `list<T>`, `map<K, V>`, `nullable<T>`, `Name`, parsed with
//! positions.

use crate::diagnostics::Pos;
use crate::load::limits::MAX_DEPTH;

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A primitive or named type, with its position.
    Name(String, Pos),
    List(Box<Expr>),
    Map(Box<Expr>, Box<Expr>, Pos),
    /// `nullable<T>`: a list's item or a map's value that may be `null`.
    Nullable(Box<Expr>, Pos),
}

/// A syntax problem: where, and what.
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
}

/// Parse `text`, written at `pos` (the position of its first character).
pub fn parse(text: &str, pos: Pos) -> Result<Expr, SyntaxError> {
    let chars: Vec<char> = text.chars().collect();
    let mut parser = Parser {
        chars: &chars,
        at: 0,
        pos,
        depth: 0,
    };
    let expr = parser.expr()?;
    parser.skip_spaces();
    if parser.at < chars.len() {
        return Err(parser.error(format!("unexpected `{}` after the type", chars[parser.at])));
    }
    Ok(expr)
}

struct Parser<'a> {
    chars: &'a [char],
    at: usize,
    pos: Pos,
    /// `list<`/`map<` levels open: the parser, and everything after it that walks the
    /// type, recurses once per level, so a type string of 100,000 `list<` must stop early.
    depth: usize,
}

impl Parser<'_> {
    fn here(&self, len: usize) -> Pos {
        self.pos.shifted(self.at as u32, len.max(1) as u32)
    }

    fn error(&self, message: String) -> SyntaxError {
        SyntaxError {
            pos: self.here(1),
            message,
        }
    }

    fn skip_spaces(&mut self) {
        while self.chars.get(self.at).is_some_and(|c| c.is_whitespace()) {
            self.at += 1;
        }
    }

    fn expect(&mut self, c: char) -> Result<(), SyntaxError> {
        self.skip_spaces();
        if self.chars.get(self.at) == Some(&c) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.error(format!("expected `{c}`")))
        }
    }

    fn expr(&mut self) -> Result<Expr, SyntaxError> {
        self.skip_spaces();
        let start = self.at;
        while self
            .chars
            .get(self.at)
            .is_some_and(|c| c.is_alphanumeric() || *c == '_' || *c == '-' || *c == '.')
        {
            self.at += 1;
        }
        if start == self.at {
            return Err(self.error("expected a type name".to_string()));
        }
        let name: String = self.chars[start..self.at].iter().collect();
        let name_pos = self.pos.shifted(start as u32, (self.at - start) as u32);
        if !matches!(name.as_str(), "list" | "map" | "nullable") {
            return Ok(Expr::Name(name, name_pos));
        }
        if self.depth == MAX_DEPTH {
            return Err(SyntaxError {
                pos: name_pos,
                message: format!(
                    "nested too deeply: more than {MAX_DEPTH} levels of `list<…>`, `map<…>` and \
                     `nullable<…>`"
                ),
            });
        }
        self.depth += 1;
        let expr = self.arguments(&name, name_pos);
        self.depth -= 1;
        expr
    }

    /// `<Item>` after `list` and `nullable`, `<Key, Value>` after `map`.
    fn arguments(&mut self, name: &str, name_pos: Pos) -> Result<Expr, SyntaxError> {
        self.expect('<')?;
        let first = self.expr()?;
        let expr = if name == "list" {
            Expr::List(Box::new(first))
        } else if name == "nullable" {
            Expr::Nullable(Box::new(first), name_pos)
        } else {
            self.expect(',')?;
            let value = self.expr()?;
            Expr::Map(Box::new(first), Box::new(value), name_pos)
        };
        self.expect('>')?;
        Ok(expr)
    }
}
