//! What a response says about the answers the generated server writes itself: the body it
//! sends when it rejects a request (`reject_body`), and the root of its XML form (`xml_root`).

use specgen_rules::{Limit, Rule};

use super::Cx;
use super::examples::fits;
use super::types::Table;
use crate::diagnostics::Pos;
use crate::ir::{self, REJECT_ERRORS, REJECT_MESSAGE, RejectBody, Ty};
use crate::load::{Node, Value};
use crate::parse::ast;

/// The statuses whose body the router fills in when it answers by itself.
const TEMPLATED: &[u16] = &[400, 401, 403];

pub(crate) fn reject_body(
    cx: &mut Cx<'_>,
    table: &Table,
    file: usize,
    spec: &ast::ResponseSpec,
    response: &ir::Response,
) -> Option<RejectBody> {
    let node = spec.reject_body.as_ref()?;
    if !TEMPLATED.iter().any(|s| response.status.code() == Some(*s)) {
        let known: Vec<String> = TEMPLATED
            .iter()
            .map(|&s| format!("{s} ({})", ir::rejection_reason(s)))
            .collect();
        cx.at(file).error_help(
            node.pos,
            format!(
                "status {} is never sent by the server itself",
                response.status
            ),
            format!("`reject_body` belongs to {}", known.join(" or ")),
        );
        return None;
    }
    let Some(ty) = &response.body else {
        cx.at(file).error_help(
            node.pos,
            "`reject_body` needs the response's `body` type",
            "add `body:` to the response",
        );
        return None;
    };
    if !response.is_json() {
        return match node.as_str() {
            Some(text) => Some(RejectBody::Text(text.to_string())),
            None => {
                cx.at(file).error_help(
                    node.pos,
                    format!("a `{}` reject body is a string", response.media.join(", ")),
                    "write the text the server should send",
                );
                None
            }
        };
    }
    let label = format!("the {} reject body", response.status);
    let help = "make it fit the response's `body` type; `{message}` stands for a string and \
                `{errors}` for a list of `{in, pointer, code, limit, message}` objects";
    fits(cx, table, file, &label, help, &filled(node), ty).then(|| RejectBody::Json(node.to_json()))
}

/// The template with sample values in place of its placeholders, to check it against the
/// body's schema.
fn filled(node: &Node) -> Node {
    let at = |value| Node {
        pos: node.pos,
        value,
    };
    let text = |s: &str| at(Value::Str(s.to_string()));
    let sample = Rule::MaxLength;
    let value = match &node.value {
        Value::Str(s) if s == REJECT_MESSAGE => Value::Str("1 input breaks the spec".into()),
        Value::Str(s) if s == REJECT_ERRORS => Value::Seq(vec![at(Value::Map(vec![
            (text("in"), text("body")),
            (text("pointer"), text("/name")),
            (text("code"), text(sample.key())),
            (text("limit"), at(Value::Number(20.into()))),
            (
                text("message"),
                text(&sample.message(&Limit::Count(20)).unwrap_or_default()),
            ),
        ]))]),
        Value::Seq(items) => Value::Seq(items.iter().map(filled).collect()),
        Value::Map(entries) => Value::Map(
            entries
                .iter()
                .map(|(k, v)| (k.clone(), filled(v)))
                .collect(),
        ),
        other => other.clone(),
    };
    Node {
        pos: node.pos,
        value,
    }
}

/// Reports a header documented as required on an answer the generated server also sends
/// itself (400 for invalid input, 401, 403, 413, 415, by code or class): its own answer
/// cannot carry it, and a client would take the answer for a broken one. `WWW-Authenticate`
/// on 401 and 403 is the server's own, where it sends a challenge.
pub(crate) fn own_answers(
    cx: &mut Cx<'_>,
    spec: &ast::OperationSpec,
    op: &ir::Operation,
    auth: &[ir::Auth],
) {
    let own = ir::server_rejections(op);
    for response in &op.responses {
        // The first status the server sends itself that lands on this response.
        let Some(code) = own.iter().copied().find(|&code| {
            op.response_for(code)
                .is_some_and(|r| r.status == response.status)
        }) else {
            continue;
        };
        let challenged = matches!(code, 401 | 403) && op.challenge(auth).is_some();
        let lacking = response.headers.iter().filter(|h| {
            h.required && !(challenged && h.wire.eq_ignore_ascii_case("www-authenticate"))
        });
        for header in lacking {
            let written = spec
                .responses
                .iter()
                .filter(|r| r.status.value == response.status)
                .flat_map(|r| &r.headers)
                .find(|h| h.name.value == header.wire);
            if let Some(written) = written {
                cx.at(spec.file).error_help(
                    written.name.pos,
                    format!(
                        "`{}` is required on {}, but the generated server answers {code} itself \
                         ({}) without it",
                        header.wire,
                        response.status,
                        ir::rejection_reason(code)
                    ),
                    "make it `required: false`",
                );
            }
        }
    }
}

pub(crate) fn xml_root(
    cx: &mut Cx<'_>,
    file: usize,
    spec: &ast::ResponseSpec,
    response: &ir::Response,
) -> Option<String> {
    let pos = spec.status.pos;
    match (&spec.xml_root, response.is_xml()) {
        (Some(root), true) => element_name(cx, file, root),
        (Some(root), false) => {
            cx.at(file).error_help(
                root.pos,
                "`xml_root` needs an XML media type",
                "add `text/xml` to the response's `media`, or remove `xml_root`",
            );
            None
        }
        (None, true) if matches!(response.body, Some(Ty::Named(_))) => {
            cx.at(file).error_help(
                pos,
                format!(
                    "status {} has an XML form but no root element",
                    response.status
                ),
                "add `xml_root:` with the name of the element that wraps the body",
            );
            None
        }
        (None, _) => None,
    }
}

/// The element of each item of a list of plain values in its XML form, unless `xml_item` names
/// another.
pub(crate) const PLAIN_XML_ITEM: &str = "item";

/// The element each item of a list body is written in, in its XML form: `xml_item` as written,
/// else the item type's name, else `item`. `None` where the body is no list or has no XML form.
pub(crate) fn xml_item(
    cx: &mut Cx<'_>,
    file: usize,
    spec: &ast::ResponseSpec,
    response: &ir::Response,
    table: &Table,
) -> Option<String> {
    let item = match &response.body {
        Some(Ty::List(item)) if response.is_xml() => item,
        _ => {
            if let Some(written) = &spec.xml_item {
                cx.at(file).error_help(
                    written.pos,
                    "`xml_item` names the element of each item of a list answered in XML",
                    "give the response a list body and an XML media type, or remove `xml_item`",
                );
            }
            return None;
        }
    };
    match (&spec.xml_item, item.as_ref()) {
        (Some(written), _) => element_name(cx, file, written),
        (None, Ty::Named(index)) => Some(table.types[*index].name.clone()),
        (None, _) => Some(PLAIN_XML_ITEM.to_owned()),
    }
}

/// `name` when it is a valid XML element name; an error at it otherwise.
fn element_name(cx: &mut Cx<'_>, file: usize, name: &ast::At<String>) -> Option<String> {
    if is_element_name(&name.value) {
        return Some(name.value.clone());
    }
    cx.at(file).error_help(
        name.pos,
        format!("`{}` is not an XML element name", name.value),
        "use letters, digits, `_`, `-` and `.`, starting with a letter",
    );
    None
}

/// Whether `name` is an XML element name the language accepts: letters, digits, `_`, `-` and
/// `.`, starting with a letter or `_`.
pub(crate) fn is_element_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().enumerate().all(|(i, c)| {
            c.is_ascii_alphabetic()
                || c == '_'
                || (i > 0 && (c.is_ascii_digit() || "-.".contains(c)))
        })
}

/// The root element name of an XML document, for comparing with `xml_root`.
pub(crate) fn root_of(xml: &str) -> Option<&str> {
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

/// Reports an XML example whose root is not the response's `xml_root`.
pub(crate) fn example_root(cx: &mut Cx<'_>, file: usize, pos: Pos, xml: &str, root: &str) {
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
