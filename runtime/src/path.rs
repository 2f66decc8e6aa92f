//! Where a value sits inside the document being validated, rendered as a JSON pointer.

use std::fmt::{self, Display, Write};

/// The location of a value inside a document, as a chain of borrowed segments.
///
/// Each segment borrows its parent, so building a path while descending into a value
/// lives on the stack and never allocates; the pointer text is only rendered when a
/// violation is recorded.
#[derive(Clone, Copy)]
pub enum Path<'a> {
    /// The document itself (pointer `""`).
    Root,
    /// An object member, by its wire name.
    Field(&'a Path<'a>, &'a str),
    /// A list element, by its position.
    Index(&'a Path<'a>, usize),
    /// A map entry, by its key rendered with `Display`.
    Key(&'a Path<'a>, &'a dyn Display),
}

impl Path<'static> {
    /// The path of the document itself.
    pub const fn root() -> Self {
        Path::Root
    }
}

impl Path<'_> {
    /// The path of the member `name` of the object at `self`.
    pub fn field<'b>(&'b self, name: &'b str) -> Path<'b> {
        Path::Field(self, name)
    }

    /// The path of element `index` of the list at `self`.
    pub fn index(&self, index: usize) -> Path<'_> {
        Path::Index(self, index)
    }

    /// The path of the entry `key` of the map at `self`.
    pub fn key<'b>(&'b self, key: &'b dyn Display) -> Path<'b> {
        Path::Key(self, key)
    }
}

impl Display for Path<'_> {
    /// Renders an RFC 6901 JSON pointer: `""` for the root, `/emails/0` below it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Field(parent, name) => {
                parent.fmt(f)?;
                f.write_char('/')?;
                EscapeSegment(f).write_str(name)
            }
            Path::Index(parent, index) => {
                parent.fmt(f)?;
                write!(f, "/{index}")
            }
            Path::Key(parent, key) => {
                parent.fmt(f)?;
                f.write_char('/')?;
                write!(EscapeSegment(f), "{key}")
            }
        }
    }
}

impl fmt::Debug for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Path({:?})", self.to_string())
    }
}

/// Whether JSON pointer `pointer` is `at` or points inside the value at `at`.
pub(crate) fn is_at_or_under(pointer: &str, at: &str) -> bool {
    pointer
        .strip_prefix(at)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Appends `/segment` to a JSON pointer being built, escaping it per RFC 6901.
pub(crate) fn push_segment(pointer: &mut String, segment: &str) {
    pointer.push('/');
    // Writing to a String cannot fail.
    let _ = EscapeSegment(pointer).write_str(segment);
}

/// Forwards text to the inner writer with `~` written as `~0` and `/` as `~1` (RFC 6901),
/// so keys rendered through `Display` are escaped without an intermediate String.
struct EscapeSegment<W>(W);

impl<W: Write> Write for EscapeSegment<W> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let mut rest = s;
        while let Some(at) = rest.find(['~', '/']) {
            self.0.write_str(&rest[..at])?;
            self.0.write_str(if rest.as_bytes()[at] == b'~' {
                "~0"
            } else {
                "~1"
            })?;
            rest = &rest[at + 1..];
        }
        self.0.write_str(rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_json_pointers() {
        let root = Path::root();
        assert_eq!(root.to_string(), "");
        let values = root.field("values");
        let key = "a/b~c";
        let entry = values.key(&key);
        let first = entry.index(0);
        assert_eq!(first.to_string(), "/values/a~1b~0c/0");
        assert_eq!(root.field("~/").to_string(), "/~0~1");
    }

    #[test]
    fn push_segment_escapes() {
        let mut pointer = String::new();
        push_segment(&mut pointer, "x/y");
        push_segment(&mut pointer, "0");
        assert_eq!(pointer, "/x~1y/0");
    }
}
