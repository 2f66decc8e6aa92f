//! What a response says about the answers the generated server writes itself: the body it
//! sends when it rejects a request (`reject_body`).

use specgen_rules::{Limit, Rule};

use super::Cx;
use super::examples::fits;
use super::types::Table;
use crate::ir::{self, REJECT_ERRORS, REJECT_MESSAGE, RejectBody};
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
