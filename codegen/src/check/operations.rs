//! Endpoints: methods, paths and their parameters, scopes, bodies, responses, examples.

use std::collections::BTreeMap;

use super::bodies;
use super::names::{operation_name, snake};
use super::types::{Table, location};
use super::{
    Cx, Header, deprecation, examples, forms, rejections, shapes, streams, template, text,
};
use super::{auth, headers, pagination, parameters, xml};
use crate::diagnostics::did_you_mean;
use crate::ir::{self, ParamLocation, Ty};
use crate::parse::ast;

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

pub(crate) fn build(
    cx: &mut Cx<'_>,
    specs: &[ast::OperationSpec],
    table: &mut Table,
    header: &Header,
    language: &str,
) -> Vec<ir::Operation> {
    let mut seen: BTreeMap<String, &ast::OperationSpec> = BTreeMap::new();
    let mut out = Vec::new();
    for spec in specs {
        let name = operation_name(&spec.name.value);
        if let Some(first) = seen.get(&name) {
            let where_ = location(cx, first.file, first.name.pos);
            cx.at(spec.file).error_help(
                spec.name.pos,
                format!("operation `{}` is defined twice", spec.name.value),
                format!("it is first defined at {where_}; rename one of them"),
            );
            continue;
        }
        seen.insert(name.clone(), spec);
        if name != spec.name.value {
            cx.at(spec.file).error_help(
                spec.name.pos,
                format!(
                    "operation name `{}` is not snake_case starting with a letter",
                    spec.name.value
                ),
                format!("use `{name}`"),
            );
        }
        if let Some(op) = operation(cx, spec, name, table, header, language) {
            out.push(op);
        }
    }
    out
}

/// One endpoint, checked part by part in the order its diagnostics are reported.
fn operation(
    cx: &mut Cx<'_>,
    spec: &ast::OperationSpec,
    name: String,
    table: &mut Table,
    header: &Header,
    language: &str,
) -> Option<ir::Operation> {
    let method = method(cx, spec);
    path(cx, spec);
    let parameters = parameters::parameters(cx, spec, table, language);
    let auth = auth::requirement(cx, spec, header);
    scopes(cx, spec, header, &auth);
    let (request, request_as_written) = match &spec.request {
        Some(r) => request(cx, spec.file, r, table, language).unzip(),
        None => (None, None),
    };
    let responses = responses(cx, spec, table, language);
    let mut op = ir::Operation {
        name,
        method,
        path: spec.path.value.clone(),
        path_template: path_template(&spec.path.value, &parameters),
        summary: text(&spec.summary, language),
        description: text(&spec.description, language),
        deprecated: spec.deprecated.as_ref().map(|d| deprecation(d, language)),
        scopes: spec.scopes.iter().map(|s| s.value.clone()).collect(),
        auth,
        pagination: None,
        parameters,
        request,
        responses,
        examples: Vec::new(),
    };
    rejections::own_answers(cx, spec, &op, &header.auth);
    op.examples = examples::check(cx, spec, &op, table, request_as_written.as_ref());
    op.pagination = spec
        .pagination
        .as_ref()
        .and_then(|p| pagination::check(cx, spec.file, p, &op, table));
    Some(op)
}

/// The upper-cased HTTP method, reported when it is not one of [`METHODS`].
fn method(cx: &mut Cx<'_>, spec: &ast::OperationSpec) -> String {
    let method = spec.method.value.to_ascii_uppercase();
    if !METHODS.contains(&method.as_str()) {
        let help = match did_you_mean(&method, METHODS.iter().copied()) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!("use one of {}", METHODS.join(", ")),
        };
        cx.at(spec.file).error_help(
            spec.method.pos,
            format!("`{}` is not an HTTP method", spec.method.value),
            help,
        );
    }
    method
}

/// Reports a path that does not start with `/` or has unbalanced braces.
fn path(cx: &mut Cx<'_>, spec: &ast::OperationSpec) {
    let path = &spec.path;
    if !path.value.starts_with('/') {
        cx.at(spec.file).error_help(
            path.pos,
            "an endpoint path starts with `/`",
            format!("write `/{}`", path.value),
        );
    }
    if path.value.matches('{').count() != path.value.matches('}').count() {
        cx.at(spec.file).error_help(
            path.pos,
            "unbalanced `{` `}` in the path",
            "write each path parameter as `{name}`",
        );
    }
}

/// The path with each placeholder named by its parameter's Rust name.
fn path_template(path: &str, parameters: &[ir::Parameter]) -> ir::Template {
    template(path, |wire| {
        parameters
            .iter()
            .find(|p| p.wire == wire && p.location == ParamLocation::Path)
            .map_or_else(|| snake(wire), |p| p.rust.clone())
    })
}

/// The request body, and its type as written (before read-only fields are split off).
fn request(
    cx: &mut Cx<'_>,
    file: usize,
    r: &ast::RequestSpec,
    table: &mut Table,
    language: &str,
) -> Option<(ir::Request, Ty)> {
    let as_written = table.resolve_body(cx, file, &r.body)?;
    let media = bodies::request_media(cx, file, r, &as_written, table);
    let stream = streams::request(cx, file, r, &as_written);
    let written = xml::Written {
        root: r.xml_root.as_ref(),
        item: r.xml_item.as_ref(),
        at: r.body.pos,
        what: "the request".into(),
        whose: "request",
        listed_in: "media",
    };
    let xml = if media.iter().any(|m| ir::is_xml(m)) {
        xml::names(cx, file, &written, &as_written, table)
    } else {
        xml::unused(cx, file, &written);
        None
    };
    let request = ir::Request {
        ty: shapes::request_shape(table, &as_written),
        media,
        required: r.required,
        max_bytes: r
            .max_bytes
            .as_ref()
            .and_then(|m| max_bytes(cx, file, m, stream)),
        stream,
        xml,
        description: text(&r.description, language),
    };
    Some((request, as_written))
}

/// The largest body to read: at least a byte, and at most what reading a whole body into
/// memory should take (1 GiB), or 1 TiB for a body that streams.
fn max_bytes(cx: &mut Cx<'_>, file: usize, m: &ast::At<u64>, stream: bool) -> Option<u64> {
    let (most, unit) = if stream {
        (1 << 40, "TiB")
    } else {
        (1 << 30, "GiB")
    };
    if (1..=most).contains(&m.value) {
        return Some(m.value);
    }
    let help = if stream {
        "give a size in bytes up to 1 TiB".to_string()
    } else {
        "this body is read into memory whole: give a size in bytes up to 1 GiB, or stream \
         a raw body with `stream: true`"
            .to_string()
    };
    cx.at(file).error_help(
        m.pos,
        format!("`max_bytes: {}` is outside 1 to {most} (1 {unit})", m.value),
        help,
    );
    None
}

/// The documented responses, sorted by status; at least one is required.
fn responses(
    cx: &mut Cx<'_>,
    spec: &ast::OperationSpec,
    table: &Table,
    language: &str,
) -> Vec<ir::Response> {
    if spec.responses.is_empty() {
        cx.at(spec.file).error_help(
            spec.name.pos,
            format!("operation `{}` documents no response", spec.name.value),
            "add `responses:` with at least its success status, e.g. `200: { body: Result }`",
        );
    }
    let mut responses: Vec<ir::Response> = spec
        .responses
        .iter()
        .filter_map(|r| response(cx, spec.file, r, table, language))
        .collect();
    responses.sort_by_key(|r| r.status);
    twice_documented(cx, spec, &responses);
    responses
}

/// Reports a status written twice (`4XX` and `4xx`).
fn twice_documented(cx: &mut Cx<'_>, spec: &ast::OperationSpec, responses: &[ir::Response]) {
    for pair in responses.windows(2) {
        if pair[0].status == pair[1].status {
            let pos = spec
                .responses
                .iter()
                .rev()
                .find(|r| r.status.value == pair[1].status)
                .map_or(spec.name.pos, |r| r.status.pos);
            cx.at(spec.file).error_help(
                pos,
                format!("status {} is documented twice", pair[1].status),
                "keep one of them",
            );
        }
    }
}

/// One response; `None` when its body type does not resolve.
fn response(
    cx: &mut Cx<'_>,
    file: usize,
    r: &ast::ResponseSpec,
    table: &Table,
    language: &str,
) -> Option<ir::Response> {
    if !r.content.is_empty() {
        let forms = forms::check(cx, file, r, table);
        return Some(ir::Response {
            status: r.status.value,
            description: text(&r.description, language),
            media: forms.iter().map(|f| f.media.clone()).collect(),
            body: None,
            stream: None,
            reject_body: None,
            xml: None,
            headers: headers::check(cx, file, &r.headers, table, language),
            forms,
        });
    }
    // A stream's item is a type like any other; only a whole body may be `bytes`.
    let body = match (&r.body, &r.items) {
        (Some(b), _) => Some(table.resolve_body(cx, file, b)?),
        (None, Some(items)) => Some(table.resolve(cx, file, items)?),
        (None, None) => None,
    };
    let media = bodies::response_media(cx, file, r, body.as_ref(), table);
    let stream = streams::response(cx, file, r, &media, body.as_ref());
    let mut response = ir::Response {
        status: r.status.value,
        description: text(&r.description, language),
        media,
        body,
        stream,
        reject_body: None,
        xml: None,
        headers: headers::check(cx, file, &r.headers, table, language),
        forms: Vec::new(),
    };
    response.reject_body = rejections::reject_body(cx, table, file, r, &response);
    let written = xml::written(r);
    match &response.body {
        Some(body) if response.is_xml() => {
            response.xml = xml::names(cx, file, &written, body, table);
        }
        _ => xml::unused(cx, file, &written),
    }
    Some(response)
}

/// The endpoint's scopes, each declared by an oauth2 scheme it may authenticate with (an
/// OpenID Connect provider declares its own).
fn scopes(cx: &mut Cx<'_>, spec: &ast::OperationSpec, header: &Header, auth: &[Vec<usize>]) {
    let schemes = auth.iter().flatten().map(|&i| &header.auth[i].kind);
    if schemes
        .clone()
        .any(|k| matches!(k, ir::AuthKind::OpenIdConnect { .. }))
    {
        return;
    }
    let declared: Vec<&str> = schemes
        .filter_map(|k| match k {
            ir::AuthKind::OAuth2 { scopes, .. } => Some(scopes),
            _ => None,
        })
        .flatten()
        .map(|(n, _)| n.as_str())
        .collect();
    if declared.is_empty() {
        if let Some(first) = spec.scopes.first() {
            cx.at(spec.file).error_help(
                first.pos,
                "this endpoint lists scopes, but none of its auth schemes is oauth2",
                "set `auth: { scheme: oauth2, scopes: … }` in service.yaml",
            );
        }
        return;
    }
    for scope in &spec.scopes {
        if !declared.contains(&scope.value.as_str()) {
            let help = match did_you_mean(&scope.value, declared.iter().copied()) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!(
                    "declare it under `auth.scopes` in service.yaml (declared: {})",
                    declared.join(", ")
                ),
            };
            cx.at(spec.file).error_help(
                scope.pos,
                format!("scope `{}` is not declared", scope.value),
                help,
            );
        }
    }
}
