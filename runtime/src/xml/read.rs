//! An XML document read into the JSON value it stands for, by the module's rules.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use serde_json::{Map, Value};

use super::XmlError;

/// How deep elements may nest: as deep as JSON may in a body.
const MAX_DEPTH: usize = 128;

/// The value of the document `bytes`: its root element's content; for a list body (`item`
/// named), the items, each an `item` element inside the root.
pub fn read(bytes: &[u8], item: Option<&str>) -> Result<Value, XmlError> {
    let root = Document::new(bytes).root()?;
    match item {
        None => Ok(root),
        Some(item) => items(root, item),
    }
}

/// An element whose end has not been read yet.
struct Open {
    name: String,
    members: Map<String, Value>,
    text: String,
    nil: bool,
}

impl Open {
    fn of(start: &BytesStart<'_>) -> Result<Open, XmlError> {
        let name = String::from_utf8_lossy(start.local_name().as_ref()).into_owned();
        let mut element = Open {
            name,
            members: Map::new(),
            text: String::new(),
            nil: false,
        };
        for attribute in start.attributes() {
            let attribute = attribute.map_err(|e| XmlError(format!("malformed XML: {e}")))?;
            let key = attribute.key;
            let value = attribute
                .unescape_value()
                .map_err(|e| XmlError(format!("malformed XML: {e}")))?;
            let local = String::from_utf8_lossy(key.local_name().as_ref()).into_owned();
            match key.prefix() {
                // `xsi:nil="true"`, under whatever prefix the document gives XML Schema's
                // instance namespace.
                Some(_) if local == "nil" => element.nil = matches!(value.trim(), "true" | "1"),
                // Namespace declarations and other namespaces' attributes say nothing of the
                // value.
                Some(_) => {}
                None if local == "xmlns" => {}
                None => {
                    element
                        .members
                        .insert(local, Value::String(value.into_owned()));
                }
            }
        }
        Ok(element)
    }

    /// The value of the element, its end read: `null`, its members, or its text (an
    /// element holding only text keeps no attribute).
    fn value(self, empty_tag: bool) -> Value {
        if self.nil {
            Value::Null
        } else if !self.text.trim().is_empty() || !empty_tag && self.members.is_empty() {
            Value::String(self.text)
        } else if self.members.is_empty() {
            Value::Null
        } else {
            Value::Object(self.members)
        }
    }
}

/// The reading of one document.
struct Document<'b> {
    bytes: &'b [u8],
    reader: Reader<&'b [u8]>,
    open: Vec<Open>,
    root: Option<Value>,
}

impl<'b> Document<'b> {
    fn new(bytes: &'b [u8]) -> Self {
        Document {
            bytes,
            reader: Reader::from_reader(bytes),
            open: Vec::new(),
            root: None,
        }
    }

    fn root(mut self) -> Result<Value, XmlError> {
        loop {
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(error) => return Err(self.malformed(&error.to_string())),
            };
            match event {
                Event::Start(start) => self.start(&start)?,
                Event::Empty(start) => {
                    let element = self.opened(&start)?;
                    self.place(element, true)?;
                }
                Event::End(_) => match self.open.pop() {
                    Some(element) => self.place(element, false)?,
                    None => return Err(self.malformed("an end tag that closes nothing")),
                },
                Event::Text(text) => {
                    let text = text
                        .xml10_content()
                        .map_err(|e| self.malformed(&e.to_string()))?;
                    self.text(&text)?;
                }
                Event::CData(data) => {
                    let text = data.decode().map_err(|e| self.malformed(&e.to_string()))?;
                    self.text(&text)?;
                }
                Event::GeneralRef(reference) => {
                    let text = resolve(&reference).map_err(|e| self.malformed(&e))?;
                    self.text(&text)?;
                }
                Event::DocType(_) => {
                    return Err(self.malformed("a document type declaration, which is not read"));
                }
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
                Event::Eof => break,
            }
        }
        if let Some(element) = self.open.last() {
            let what = format!("the document ends inside `<{}>`", element.name);
            return Err(self.malformed(&what));
        }
        self.root
            .ok_or_else(|| XmlError("malformed XML: no root element".into()))
    }

    fn start(&mut self, start: &BytesStart<'_>) -> Result<(), XmlError> {
        let element = self.opened(start)?;
        if self.open.len() >= MAX_DEPTH {
            return Err(self.malformed(&format!("elements nested deeper than {MAX_DEPTH}")));
        }
        self.open.push(element);
        Ok(())
    }

    fn opened(&self, start: &BytesStart<'_>) -> Result<Open, XmlError> {
        if self.open.is_empty() && self.root.is_some() {
            return Err(self.malformed("a second root element"));
        }
        Open::of(start)
    }

    /// Puts a read element in its parent: a member, or another occurrence of one (a list).
    fn place(&mut self, element: Open, empty_tag: bool) -> Result<(), XmlError> {
        let name = element.name.clone();
        let value = element.value(empty_tag);
        let Some(parent) = self.open.last_mut() else {
            self.root = Some(value);
            return Ok(());
        };
        match parent.members.get_mut(&name) {
            Some(Value::Array(items)) => items.push(value),
            Some(first) => {
                let first = first.take();
                parent
                    .members
                    .insert(name, Value::Array(vec![first, value]));
            }
            None => {
                parent.members.insert(name, value);
            }
        }
        Ok(())
    }

    fn text(&mut self, text: &str) -> Result<(), XmlError> {
        match self.open.last_mut() {
            Some(element) => element.text.push_str(text),
            None if text.trim().is_empty() => {}
            None => return Err(self.malformed("text outside the root element")),
        }
        Ok(())
    }

    /// The error for a document that is no well-formed XML, where the reader stands.
    fn malformed(&self, what: &str) -> XmlError {
        let at = usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX);
        let before = &self.bytes[..at.min(self.bytes.len())];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let column = before.iter().rev().take_while(|b| **b != b'\n').count() + 1;
        XmlError(format!(
            "malformed XML at line {line}, column {column}: {what}"
        ))
    }
}

/// The text of a reference: a character (`&#233;`) or one of XML's five entities; any other
/// entity would need a document type, which is not read.
fn resolve(reference: &quick_xml::events::BytesRef<'_>) -> Result<String, String> {
    if let Some(c) = reference.resolve_char_ref().map_err(|e| e.to_string())? {
        return Ok(c.to_string());
    }
    let name = reference.decode().map_err(|e| e.to_string())?;
    match quick_xml::escape::resolve_xml_entity(&name) {
        Some(text) => Ok(text.to_owned()),
        None => Err(format!("the entity `&{name};`, which XML does not define")),
    }
}

/// A list body's items: the root's `item` elements.
fn items(root: Value, item: &str) -> Result<Value, XmlError> {
    match root {
        Value::Object(mut members) => match members.remove(item) {
            Some(Value::Array(items)) if members.is_empty() => Ok(Value::Array(items)),
            Some(one) if members.is_empty() => Ok(Value::Array(vec![one])),
            _ => match members.keys().next() {
                Some(other) => Err(XmlError(format!(
                    "expected the list's items as `<{item}>` elements, found `<{other}>`"
                ))),
                None => Ok(Value::Array(Vec::new())),
            },
        },
        Value::Null => Ok(Value::Array(Vec::new())),
        Value::String(text) if text.trim().is_empty() => Ok(Value::Array(Vec::new())),
        _ => Err(XmlError(format!(
            "expected the list's items as `<{item}>` elements, found text"
        ))),
    }
}
