//! YAML trees → spec AST. Every problem is reported; what can be read is kept, so one pass
//! finds as many mistakes as possible.

pub mod ast;
pub(crate) mod auth;
mod folder;
mod reader;
mod types;

use ast::*;
use reader::{Entries, boolean, opt_text, string, strings, text, unsigned};

use crate::diagnostics::{Pos, Reporter};
use crate::load::{Node, Value};

pub use folder::{ParsedFolder, folder, folders};
pub use types::{constraint_keys, constraints_from};

const SERVICE_KEYS: &[&str] = &[
    "service",
    "title",
    "language",
    "description",
    "servers",
    "auth",
    "extends",
    "types",
];
const OPERATION_KEYS: &[&str] = &[
    "operation",
    "method",
    "path",
    "summary",
    "description",
    "deprecated",
    "scopes",
    "auth",
    "pagination",
    "parameters",
    "request",
    "responses",
    "types",
    "examples",
];

pub fn service(root: &Node, file: usize, report: &mut Reporter<'_>) -> Option<ServiceSpec> {
    let mut e = Entries::of(root, "service.yaml", report)?;
    let name = e
        .require("service", "service.yaml", report)
        .and_then(|n| string(n, "`service`", report));
    let title = e
        .require("title", "service.yaml", report)
        .map(|n| text(n, "`title`", report));
    let language = e
        .take("language")
        .and_then(|n| string(n, "`language`", report));
    if let Some(lang) = &language
        && !reader::is_language_code(&lang.value)
    {
        report.error_help(
            lang.pos,
            format!("`{}` is not a language code", lang.value),
            "use a code such as `en`, `ru` or `ja`",
        );
    }
    let description = opt_text(&mut e, "description", "`description`", report);
    let servers = e
        .take("servers")
        .map(|n| servers(n, report))
        .unwrap_or_default();
    let auth = e.take("auth").and_then(|n| auth::auth(n, report));
    let extends = e
        .take("extends")
        .and_then(|n| string(n, "`extends`", report));
    let types = e
        .take("types")
        .map(|n| types::types(n, file, report))
        .unwrap_or_default();
    e.finish("service.yaml", SERVICE_KEYS, report);
    Some(ServiceSpec {
        file,
        name: name?,
        title: title.unwrap_or_default(),
        language,
        description,
        servers,
        auth,
        extends,
        types,
    })
}

fn servers(node: &Node, report: &mut Reporter<'_>) -> Vec<ServerSpec> {
    let Value::Seq(items) = &node.value else {
        report.error_help(
            node.pos,
            "`servers` must be a list",
            "write `servers: [https://api.example.com]`",
        );
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| server(item, report))
        .collect()
}

fn server(node: &Node, report: &mut Reporter<'_>) -> Option<ServerSpec> {
    if let Value::Str(_) = node.value {
        let url = string(node, "a server", report)?;
        return Some(ServerSpec {
            url,
            name: None,
            description: Text::default(),
            variables: Vec::new(),
        });
    }
    let mut e = Entries::of(node, "a server", report)?;
    let url = e
        .require("url", "a server", report)
        .and_then(|n| string(n, "`url`", report));
    let name = e.take("name").and_then(|n| string(n, "`name`", report));
    let description = opt_text(&mut e, "description", "`description`", report);
    let mut variables = Vec::new();
    if let Some(vars) = e.take("variables")
        && let Some(mut ve) = Entries::of(vars, "`variables`", report)
    {
        for (name, key_node, value) in ve.rest() {
            let name = At {
                pos: key_node.pos,
                value: name,
            };
            if let Some(var) = server_variable(name, value, report) {
                variables.push(var);
            }
        }
    }
    e.finish(
        "a server",
        &["url", "name", "description", "variables"],
        report,
    );
    Some(ServerSpec {
        url: url?,
        name,
        description,
        variables,
    })
}

fn server_variable(
    name: At<String>,
    node: &Node,
    report: &mut Reporter<'_>,
) -> Option<ServerVariableSpec> {
    let mut e = Entries::of(node, "a server variable", report)?;
    let default = e
        .require("default", "a server variable", report)
        .and_then(|n| string(n, "`default`", report));
    let description = opt_text(&mut e, "description", "`description`", report);
    let allowed = e
        .take("enum")
        .map(|n| strings(n, "`enum`", report))
        .unwrap_or_default();
    e.finish(
        "a server variable",
        &["default", "description", "enum"],
        report,
    );
    Some(ServerVariableSpec {
        name,
        default: default?.value,
        description,
        allowed: allowed.into_iter().map(|a| a.value).collect(),
    })
}

pub(crate) fn deprecation(node: &Node, report: &mut Reporter<'_>) -> Option<Deprecation> {
    match &node.value {
        Value::Bool(false) => None,
        Value::Bool(true) => Some(Deprecation {
            pos: node.pos,
            sunset: None,
            note: Text::default(),
        }),
        _ => {
            let mut e = Entries::of(node, "`deprecated`", report)?;
            let sunset = e
                .take("sunset")
                .and_then(|n| string(n, "`sunset`", report))
                .map(|s| s.value);
            let note = opt_text(&mut e, "note", "`note`", report);
            e.finish("`deprecated`", &["sunset", "note"], report);
            Some(Deprecation {
                pos: node.pos,
                sunset,
                note,
            })
        }
    }
}

pub fn operation(root: &Node, file: usize, report: &mut Reporter<'_>) -> Option<OperationSpec> {
    let what = "an endpoint file";
    let mut e = Entries::of(root, what, report)?;
    let name = e
        .require("operation", what, report)
        .and_then(|n| string(n, "`operation`", report));
    let method = e
        .require("method", what, report)
        .and_then(|n| string(n, "`method`", report));
    let path = e
        .require("path", what, report)
        .and_then(|n| string(n, "`path`", report));
    let summary = opt_text(&mut e, "summary", "`summary`", report);
    let description = opt_text(&mut e, "description", "`description`", report);
    let deprecated = e.take("deprecated").and_then(|n| deprecation(n, report));
    let scopes = e
        .take("scopes")
        .map(|n| strings(n, "`scopes`", report))
        .unwrap_or_default();
    let auth = e.take("auth").and_then(|n| auth::requirement(n, report));
    let pagination = e.take("pagination").and_then(|n| pagination(n, report));
    let parameters = e
        .take("parameters")
        .map(|n| parameters(n, report))
        .unwrap_or_default();
    let request = e.take("request").and_then(|n| request(n, report));
    let responses = e
        .take("responses")
        .map(|n| responses(n, report))
        .unwrap_or_default();
    let types = e
        .take("types")
        .map(|n| types::types(n, file, report))
        .unwrap_or_default();
    let examples = e
        .take("examples")
        .map(|n| examples(n, report))
        .unwrap_or_default();
    e.finish(what, OPERATION_KEYS, report);
    Some(OperationSpec {
        file,
        name: name?,
        method: method?,
        path: path?,
        summary,
        description,
        deprecated,
        scopes,
        auth,
        pagination,
        parameters,
        request,
        responses,
        types,
        examples,
    })
}

/// A map of wire name → map (`parameters:`, a response's `headers:`): each name, positioned,
/// with the entries of its map (`what` names one in messages).
fn named_maps<'n>(
    node: &'n Node,
    map: &str,
    what: &str,
    report: &mut Reporter<'_>,
) -> Vec<(At<String>, Entries<'n>)> {
    let Some(mut e) = Entries::of(node, map, report) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (name, key_node, value) in e.rest() {
        let name = At {
            pos: key_pos(key_node, &name),
            value: name,
        };
        if let Some(entries) = Entries::of(value, what, report) {
            out.push((name, entries));
        }
    }
    out
}

fn parameters(node: &Node, report: &mut Reporter<'_>) -> Vec<ParameterSpec> {
    let mut out = Vec::new();
    for (name, mut pe) in named_maps(node, "`parameters`", "a parameter", report) {
        let location = pe
            .require("in", "a parameter", report)
            .and_then(|n| string(n, "`in`", report))
            .and_then(|s| match s.value.as_str() {
                "path" => Some(ParamLocation::Path),
                "query" => Some(ParamLocation::Query),
                "header" => Some(ParamLocation::Header),
                "cookie" => Some(ParamLocation::Cookie),
                other => {
                    report.error_help(
                        s.pos,
                        format!("`{other}` is not a parameter location"),
                        "use `path`, `query`, `header` or `cookie`",
                    );
                    None
                }
            });
        let ty = pe
            .require("type", "a parameter", report)
            .and_then(|n| string(n, "`type`", report));
        let required = pe
            .take("required")
            .map(|n| boolean(n, "`required`", report))
            .unwrap_or(false);
        let description = opt_text(&mut pe, "description", "`description`", report);
        let style = pe.take("style").and_then(|n| string(n, "`style`", report));
        let explode = pe.take("explode").map(|n| At {
            pos: n.pos,
            value: boolean(n, "`explode`", report),
        });
        let nullable = pe.take("nullable").map(|n| At {
            pos: n.pos,
            value: boolean(n, "`nullable`", report),
        });
        let default = pe.take("default").cloned();
        let rust_name = pe
            .take("rust_name")
            .and_then(|n| string(n, "`rust_name`", report));
        let constraints = constraints_from(&mut pe, report);
        let mut known = vec![
            "in",
            "rust_name",
            "type",
            "required",
            "nullable",
            "description",
            "style",
            "explode",
            "default",
        ];
        known.extend(constraint_keys());
        pe.finish("a parameter", &known, report);
        if let (Some(location), Some(ty)) = (location, ty) {
            out.push(ParameterSpec {
                name,
                rust_name,
                location,
                ty,
                required,
                nullable,
                style,
                explode,
                default,
                description,
                constraints,
            });
        }
    }
    out
}

fn key_pos(node: &Node, text: &str) -> Pos {
    Pos {
        len: text.chars().count() as u32,
        ..node.pos
    }
}

fn media_list(e: &mut Entries<'_>, report: &mut Reporter<'_>) -> Vec<At<String>> {
    let media = e
        .take("media")
        .map(|n| strings(n, "`media`", report))
        .unwrap_or_default();
    for m in &media {
        media_type(&m.value, m.pos, report);
    }
    media
}

/// Whether `name` is a media type; an error at `pos` where it is not.
fn media_type(name: &str, pos: Pos, report: &mut Reporter<'_>) -> bool {
    let known = specgen_rules::media::Encoding::of(name).is_some();
    if !known {
        report.error_help(
            pos,
            format!("`{name}` is not a media type"),
            "write `type/subtype`, such as `application/json` or `text/plain`",
        );
    }
    known
}

fn request(node: &Node, report: &mut Reporter<'_>) -> Option<RequestSpec> {
    let mut e = Entries::of(node, "`request`", report)?;
    let body = e
        .require("body", "`request`", report)
        .and_then(|n| string(n, "`body`", report));
    let media = media_list(&mut e, report);
    let required = e
        .take("required")
        .map(|n| boolean(n, "`required`", report))
        .unwrap_or(true);
    let max_bytes = e
        .take("max_bytes")
        .and_then(|n| unsigned(n, "`max_bytes`", report));
    let stream = flag(&mut e, "stream", report);
    let (xml_root, xml_item) = xml_names(&mut e, report);
    let description = opt_text(&mut e, "description", "`description`", report);
    let known = [
        "body",
        "media",
        "required",
        "max_bytes",
        "stream",
        "xml_root",
        "xml_item",
        "description",
    ];
    e.finish("`request`", &known, report);
    Some(RequestSpec {
        pos: node.pos,
        body: body?,
        media,
        required,
        max_bytes,
        stream,
        xml_root,
        xml_item,
        description,
    })
}

/// A body's `xml_root` and `xml_item`.
fn xml_names(
    e: &mut Entries<'_>,
    report: &mut Reporter<'_>,
) -> (Option<At<String>>, Option<At<String>>) {
    let root = e
        .take("xml_root")
        .and_then(|n| string(n, "`xml_root`", report));
    let item = e
        .take("xml_item")
        .and_then(|n| string(n, "`xml_item`", report));
    (root, item)
}

/// A `true`/`false` key, kept with its position.
fn flag(e: &mut Entries<'_>, key: &'static str, report: &mut Reporter<'_>) -> Option<At<bool>> {
    let node = e.take(key)?;
    let name = format!("`{key}`");
    Some(At {
        pos: node.pos,
        value: boolean(node, &name, report),
    })
}

fn status(key: &str, node: &Node, report: &mut Reporter<'_>) -> Option<At<u16>> {
    match key.parse::<u16>() {
        Ok(code) if (100..=599).contains(&code) => Some(At {
            pos: node.pos,
            value: code,
        }),
        _ => {
            report.error_help(
                node.pos,
                format!("`{key}` is not an HTTP status"),
                "use a status code from 100 to 599, such as `200`",
            );
            None
        }
    }
}

fn responses(node: &Node, report: &mut Reporter<'_>) -> Vec<ResponseSpec> {
    let Some(mut e) = Entries::of(node, "`responses`", report) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, key_node, value) in e.rest() {
        let Some(status) = Status::from_key(&key) else {
            report.error_help(
                key_node.pos,
                format!("`{key}` is not an HTTP status"),
                "use a status code from 200 to 599 (`200`), a class (`4XX`), or `default`: an \
                 informational status (1xx) is no answer an operation gives",
            );
            continue;
        };
        let status = At {
            pos: key_node.pos,
            value: status,
        };
        let Some(mut re) = Entries::of(value, "a response", report) else {
            continue;
        };
        let description = opt_text(&mut re, "description", "`description`", report);
        let media = media_list(&mut re, report);
        let body = re.take("body").and_then(|n| string(n, "`body`", report));
        let stream = flag(&mut re, "stream", report);
        let items = re.take("items").and_then(|n| string(n, "`items`", report));
        let reject_body = re.take("reject_body").cloned();
        let (xml_root, xml_item) = xml_names(&mut re, report);
        let headers = re
            .take("headers")
            .map(|n| headers(n, report))
            .unwrap_or_default();
        let content = re
            .take("content")
            .map(|n| content(n, report))
            .unwrap_or_default();
        let known = [
            "description",
            "media",
            "body",
            "content",
            "stream",
            "items",
            "reject_body",
            "xml_root",
            "xml_item",
            "headers",
        ];
        re.finish("a response", &known, report);
        out.push(ResponseSpec {
            status,
            description,
            media,
            body,
            stream,
            items,
            reject_body,
            xml_root,
            xml_item,
            headers,
            content,
        });
    }
    out
}

/// `content:`, media type → the body's type expression.
fn content(node: &Node, report: &mut Reporter<'_>) -> Vec<FormSpec> {
    let Some(mut e) = Entries::of(node, "`content`", report) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (media, key_node, value) in e.rest() {
        if !media_type(&media, key_node.pos, report) {
            continue;
        }
        let Some(body) = string(value, "the body's type", report) else {
            continue;
        };
        let media = At {
            pos: key_node.pos,
            value: media,
        };
        out.push(FormSpec { media, body });
    }
    out
}

/// `pagination: { items, parameter, next, link }`; which of them go together is checked
/// against the endpoint.
fn pagination(node: &Node, report: &mut Reporter<'_>) -> Option<PaginationSpec> {
    let what = "`pagination`";
    let mut e = Entries::of(node, what, report)?;
    let mut key = |name: &str| {
        e.take(name)
            .and_then(|n| string(n, &format!("`{name}`"), report))
    };
    let spec = PaginationSpec {
        pos: node.pos,
        items: key("items"),
        parameter: key("parameter"),
        next: key("next"),
        link: key("link"),
    };
    e.finish(what, &["items", "parameter", "next", "link"], report);
    Some(spec)
}

/// A response's `headers:`: name (as on the wire) → `{ type, required, description }`.
fn headers(node: &Node, report: &mut Reporter<'_>) -> Vec<HeaderSpec> {
    let mut out = Vec::new();
    for (name, mut he) in named_maps(node, "`headers`", "a header", report) {
        let ty = he
            .require("type", "a header", report)
            .and_then(|n| string(n, "`type`", report));
        let required = he
            .take("required")
            .map(|n| boolean(n, "`required`", report))
            .unwrap_or(false);
        let description = opt_text(&mut he, "description", "`description`", report);
        let constraints = constraints_from(&mut he, report);
        let mut known = vec!["type", "required", "description"];
        known.extend(constraint_keys());
        he.finish("a header", &known, report);
        if let Some(ty) = ty {
            out.push(HeaderSpec {
                name,
                ty,
                required,
                description,
                constraints,
            });
        }
    }
    out
}

fn examples(node: &Node, report: &mut Reporter<'_>) -> Vec<ExampleSpec> {
    let Value::Seq(items) = &node.value else {
        report.error_help(
            node.pos,
            "`examples` must be a list",
            "start each example with `- `",
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        let Some(mut e) = Entries::of(item, "an example", report) else {
            continue;
        };
        let name = e
            .take("name")
            .and_then(|n| string(n, "`name`", report))
            .map(|s| s.value);
        let mut parameters = Vec::new();
        if let Some(p) = e.take("parameters")
            && let Some(mut pe) = Entries::of(p, "example `parameters`", report)
        {
            for (key, key_node, value) in pe.rest() {
                parameters.push((
                    At {
                        pos: key_pos(key_node, &key),
                        value: key,
                    },
                    value.clone(),
                ));
            }
        }
        let request = e.take("request").cloned();
        let response = e.take("response").and_then(|n| {
            let mut re = Entries::of(n, "an example response", report)?;
            let status = re
                .require("status", "an example response", report)
                .and_then(|s| status(&s.scalar_text().unwrap_or_default(), s, report));
            let media = re.take("media").and_then(|m| string(m, "`media`", report));
            let body = re.take("body").cloned();
            let headers = re.take("headers").cloned();
            let known = ["status", "media", "body", "headers"];
            re.finish("an example response", &known, report);
            Some(ExampleResponseSpec {
                status: status?,
                media,
                body,
                headers,
            })
        });
        e.finish(
            "an example",
            &["name", "parameters", "request", "response"],
            report,
        );
        out.push(ExampleSpec {
            pos: item.pos,
            name,
            parameters,
            request,
            response,
        });
    }
    out
}
