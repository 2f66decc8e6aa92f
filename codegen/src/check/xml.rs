//! The XML form of a body: the element that wraps it (`xml_root`) and, for a list, the element
//! of each item (`xml_item`), for a request, a response, and a response's XML form among its
//! bodies by media type (`content:`).

use super::Cx;
use super::types::Table;
use crate::diagnostics::Pos;
use crate::ir::{Ty, XmlNames};
use crate::parse::ast::{At, ResponseSpec};

/// What a spec writes of a body's XML form, and where.
pub(super) struct Written<'a> {
    pub root: Option<&'a At<String>>,
    pub item: Option<&'a At<String>>,
    /// Where the body is written, for an error that has no key of its own.
    pub at: Pos,
    /// The body's owner in messages: `status 200`, `the request`.
    pub what: String,
    /// Whose `media` an XML type goes in: `response`, `request`.
    pub whose: &'static str,
    /// Where the media types are listed: `media`, or a response's `content`.
    pub listed_in: &'static str,
}

/// What a response writes of its XML form (or its XML forms, beside `content:`).
pub(super) fn written(r: &ResponseSpec) -> Written<'_> {
    Written {
        root: r.xml_root.as_ref(),
        item: r.xml_item.as_ref(),
        at: r.status.pos,
        what: format!("status {}", r.status.value),
        whose: "response",
        listed_in: if r.content.is_empty() {
            "media"
        } else {
            "content"
        },
    }
}

/// The XML names of a body of type `body` that has an XML form; an error where a named type
/// has no root written (the element is the API's, not the type's name).
pub(super) fn names(
    cx: &mut Cx<'_>,
    file: usize,
    written: &Written<'_>,
    body: &Ty,
    table: &Table,
) -> Option<XmlNames> {
    let root = match written.root {
        Some(root) => element_name(cx, file, root)?,
        None if matches!(body, Ty::Named(_)) => {
            cx.at(file).error_help(
                written.at,
                format!("{} has an XML form but no root element", written.what),
                "add `xml_root:` with the name of the element that wraps the body",
            );
            return None;
        }
        None => "result".to_owned(),
    };
    let item = match body {
        Ty::List(item) => Some(match (written.item, item.as_ref()) {
            (Some(written), _) => element_name(cx, file, written)?,
            (None, Ty::Named(index)) => table.types[*index].name.clone(),
            (None, _) => specgen_rules::xml::PLAIN_ITEM.to_owned(),
        }),
        _ => {
            if let Some(item) = written.item {
                not_a_list(cx, file, item, written.whose);
            }
            None
        }
    };
    Some(XmlNames { root, item })
}

/// Reports names written for a body that has no XML form.
pub(super) fn unused(cx: &mut Cx<'_>, file: usize, written: &Written<'_>) {
    if let Some(root) = written.root {
        cx.at(file).error_help(
            root.pos,
            "`xml_root` needs an XML media type",
            format!(
                "add `text/xml` to the {}'s `{}`, or remove `xml_root`",
                written.whose, written.listed_in
            ),
        );
    }
    if let Some(item) = written.item {
        not_a_list(cx, file, item, written.whose);
    }
}

fn not_a_list(cx: &mut Cx<'_>, file: usize, item: &At<String>, whose: &str) {
    cx.at(file).error_help(
        item.pos,
        "`xml_item` names the element of each item of a list body in XML",
        format!("give the {whose} a list body and an XML media type, or remove `xml_item`"),
    );
}

/// `name` when it is a valid XML element name; an error at it otherwise.
fn element_name(cx: &mut Cx<'_>, file: usize, name: &At<String>) -> Option<String> {
    if specgen_rules::xml::is_element_name(&name.value) {
        return Some(name.value.clone());
    }
    cx.at(file).error_help(
        name.pos,
        format!("`{}` is not an XML element name", name.value),
        "use letters, digits, `_`, `-` and `.`, starting with a letter",
    );
    None
}

/// The root element name of an XML document, for comparing with `xml_root`.
fn root_of(xml: &str) -> Option<&str> {
    let mut rest = xml;
    loop {
        let start = rest.find('<')?;
        rest = &rest[start + 1..];
        if rest.starts_with('?') || rest.starts_with('!') {
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        return Some(&rest[..end]);
    }
}

/// Reports an XML example whose root is not the body's `xml_root`.
pub(super) fn example_root(cx: &mut Cx<'_>, file: usize, pos: Pos, xml: &str, root: &str) {
    if let Some(found) = root_of(xml)
        && found != root
    {
        cx.at(file).error_help(
            pos,
            format!("the XML example's root element is `{found}`, but `xml_root` is `{root}`"),
            "make them agree",
        );
    }
}
