//! Spec AST → IR. Resolves every name and reference, and reports every problem with its
//! position and a fix. Nothing after this stage can fail on user input.

mod auth;
mod bodies;
mod compose;
mod constraints;
mod examples;
mod forms;
mod headers;
mod names;
mod operations;
mod pagination;
mod pairs;
mod parameters;
mod recursion;
pub(crate) mod rejections;
mod shapes;
mod streams;
mod type_expr;
mod type_names;
mod types;
mod unions;
mod xml;

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostics, ErrorScope, Reporter, did_you_mean};
use crate::ir;
use crate::load::SourceFile;
use crate::parse::ParsedFolder;
use crate::parse::ast;

pub use names::{camel, operation_name, snake};

/// Check every parsed service folder; the API holds the services that had no problem, their
/// examples as the generated types write them with `date_types`.
pub fn check(
    parsed: &[ParsedFolder],
    date_types: ir::DateTypes,
    diags: &mut Diagnostics,
) -> ir::Api {
    let files: Vec<&SourceFile> = parsed
        .iter()
        .flat_map(|p| p.folder.service_file.iter().chain(&p.folder.endpoint_files))
        .collect();
    let by_folder: BTreeMap<&str, &ParsedFolder> = parsed
        .iter()
        .map(|p| (p.folder.folder.as_str(), p))
        .collect();
    let mut services = Vec::new();
    let mut seen_names: BTreeMap<String, String> = BTreeMap::new();
    for p in parsed {
        let Some(service) = &p.service else { continue };
        let mut cx = Cx {
            files: &files,
            diags: &mut *diags,
            date_types,
        };
        let scope = ErrorScope::open(cx.diags);
        check_name(&mut cx, p, service, &mut seen_names);
        let built = endpoints_from(&mut cx, p, service, &by_folder)
            .map(|source| service_ir(&mut cx, p, service, source));
        if scope.close(cx.diags)
            && let Some(built) = built
        {
            services.push(built);
        }
    }
    ir::Api {
        services,
        warnings: Diagnostics::default(),
    }
}

/// The service's name: its folder's, snake_case, and not taken by another folder.
fn check_name(
    cx: &mut Cx<'_>,
    p: &ParsedFolder,
    service: &ast::ServiceSpec,
    seen_names: &mut BTreeMap<String, String>,
) {
    let name = &service.name;
    let folder = &p.folder.folder;
    if name.value != *folder {
        cx.at(service.file).error_help(
            name.pos,
            format!("service `{}` is in folder `{folder}`", name.value),
            format!(
                "name the folder `{}`, or the service `{folder}`",
                name.value
            ),
        );
    }
    let module = snake(&name.value);
    if module != name.value {
        cx.at(service.file).error_help(
            name.pos,
            format!("service name `{}` is not a snake_case name", name.value),
            format!("use `{module}`"),
        );
    }
    if let Some(first) = seen_names.insert(name.value.clone(), folder.clone()) {
        cx.at(service.file).error(
            name.pos,
            format!(
                "service `{}` is also defined in folder `{first}`",
                name.value
            ),
        );
    }
}

/// The folder whose endpoints and types a service has: its own, or, for another vendor of
/// the same API, the one it `extends`. `None` when `extends` names no such service.
fn endpoints_from<'a>(
    cx: &mut Cx<'_>,
    p: &'a ParsedFolder,
    service: &ast::ServiceSpec,
    by_folder: &BTreeMap<&str, &'a ParsedFolder>,
) -> Option<&'a ParsedFolder> {
    let Some(base) = &service.extends else {
        return Some(p);
    };
    let mut report = cx.at(service.file);
    if !crate::load::is_sibling_name(&base.value) {
        report.error_help(
            base.pos,
            format!(
                "`extends` names a folder beside this one, not a path: `{}`",
                base.value
            ),
            "write the name of a sibling folder under the specs folder, such as `onlyoffice`",
        );
        return None;
    }
    let Some(&b) = by_folder.get(base.value.as_str()) else {
        let names = by_folder.keys().copied().filter(|n| *n != p.folder.folder);
        let help = match did_you_mean(&base.value, names) {
            Some(close) => format!("did you mean `{close}`?"),
            None => "name a sibling folder under the specs folder".to_string(),
        };
        report.error_help(
            base.pos,
            format!("no service `{}` to extend", base.value),
            help,
        );
        return None;
    };
    if b.service.as_ref().is_some_and(|s| s.extends.is_none()) {
        return Some(b);
    }
    report.error_help(
        base.pos,
        format!("service `{}` itself extends another service", base.value),
        "extend the service that defines the endpoints",
    );
    None
}

/// The service, resolved: its types, header and operations.
fn service_ir(
    cx: &mut Cx<'_>,
    p: &ParsedFolder,
    service: &ast::ServiceSpec,
    source: &ParsedFolder,
) -> ir::Service {
    let vendor = service.extends.is_some();
    if vendor && let Some(op) = p.operations.first() {
        cx.at(op.file).error_help(
            op.name.pos,
            "a service that `extends` another cannot add endpoints of its own",
            "describe the endpoint in the service it extends",
        );
    }
    let base = source.service.as_ref().filter(|_| vendor);
    let language = service
        .language
        .as_ref()
        .map(|l| l.value.clone())
        .unwrap_or_else(|| "en".into());
    let mut table = type_table(cx, service, base, source, &language);
    // Another vendor of the same API authenticates the same way unless it says otherwise.
    let header = match (&service.auth, base) {
        (None, Some(base)) => {
            let inherited = ast::ServiceSpec {
                auth: base.auth.clone(),
                ..service.clone()
            };
            header(cx, &inherited, &language)
        }
        _ => header(cx, service, &language),
    };
    let operations = operations::build(cx, &source.operations, &mut table, &header, &language);
    // After the request shapes are made: they may close cycles of their own.
    recursion::box_cycles(&mut table.types);
    let mut sources = p.files.clone();
    if vendor {
        sources.extend(&source.files);
    }
    ir::Service {
        name: service.name.value.clone(),
        title: header.title,
        language,
        description: header.description,
        servers: header.servers,
        auth: header.auth,
        types: table.types,
        operations,
        sources: sources.iter().map(|&i| cx.files[i].name.clone()).collect(),
        source_paths: sources.iter().map(|&i| cx.files[i].path.clone()).collect(),
        date_types: cx.date_types,
    }
}

/// The service's types: the base service's (for a vendor), its own, and its endpoints'.
fn type_table(
    cx: &mut Cx<'_>,
    service: &ast::ServiceSpec,
    base: Option<&ast::ServiceSpec>,
    source: &ParsedFolder,
    language: &str,
) -> types::Table {
    let mut type_specs: Vec<&ast::TypeSpec> = Vec::new();
    type_specs.extend(base.iter().flat_map(|b| b.types.iter()));
    type_specs.extend(service.types.iter());
    type_specs.extend(source.operations.iter().flat_map(|o| o.types.iter()));
    let deprecated_files: BTreeMap<usize, &ast::Deprecation> = source
        .operations
        .iter()
        .filter_map(|o| o.deprecated.as_ref().map(|d| (o.file, d)))
        .collect();
    types::build(cx, &type_specs, &deprecated_files, language)
}

/// Shared state of one service's check: the files (for messages) and the problems found.
pub(crate) struct Cx<'a> {
    files: &'a [&'a SourceFile],
    diags: &'a mut Diagnostics,
    /// How the generated code will hold dates and times.
    date_types: ir::DateTypes,
}

impl Cx<'_> {
    fn at(&mut self, file: usize) -> Reporter<'_> {
        let f = self.files[file];
        Reporter::new(&f.name, &f.text, &f.lines, self.diags)
    }
}

/// What `service.yaml` says, resolved.
pub(crate) struct Header {
    title: ir::Text,
    description: ir::Text,
    servers: Vec<ir::Server>,
    auth: Vec<ir::Auth>,
    /// What an endpoint needs unless it says otherwise.
    default_auth: Vec<Vec<usize>>,
}

fn header(cx: &mut Cx<'_>, service: &ast::ServiceSpec, language: &str) -> Header {
    let servers = service
        .servers
        .iter()
        .map(|server| {
            check_server_variables(cx, service.file, server);
            server_ir(server, language)
        })
        .collect();
    check_server_names(cx, service);
    let (auth, default_auth) = match &service.auth {
        Some(a) => auth::service(cx, service.file, a, language),
        None => (Vec::new(), Vec::new()),
    };
    Header {
        title: text(&service.title, language),
        description: text(&service.description, language),
        servers,
        auth,
        default_auth,
    }
}

/// A server's name, for its client constructor (`for_<name>`), is snake_case and its own;
/// `server` and `server_<n>` name the first and the unnamed ones.
fn check_server_names(cx: &mut Cx<'_>, service: &ast::ServiceSpec) {
    let mut seen: Vec<&str> = Vec::new();
    for name in service.servers.iter().filter_map(|s| s.name.as_ref()) {
        let reserved = name.value == "server"
            || name
                .value
                .strip_prefix("server_")
                .is_some_and(|n| n.parse::<usize>().is_ok());
        let problem = if snake(&name.value) != name.value {
            Some(format!("use `{}`", snake(&name.value)))
        } else if reserved {
            Some("`server` and `server_<n>` name the first and the unnamed servers".to_string())
        } else if seen.contains(&name.value.as_str()) {
            Some("give each server a name of its own".to_string())
        } else {
            None
        };
        if let Some(help) = problem {
            cx.at(service.file).error_help(
                name.pos,
                format!("`{}` cannot name a server's constructor", name.value),
                help,
            );
        }
        seen.push(&name.value);
    }
}

/// Every `{variable}` in a server's url is declared, and every declared one is used.
fn check_server_variables(cx: &mut Cx<'_>, file: usize, server: &ast::ServerSpec) {
    let declared: Vec<&str> = server
        .variables
        .iter()
        .map(|v| v.name.value.as_str())
        .collect();
    let used = placeholders(&server.url.value);
    for (name, offset) in &used {
        if !declared.contains(&name.as_str()) {
            cx.at(file).error_help(
                server
                    .url
                    .pos
                    .shifted(*offset as u32, name.chars().count() as u32 + 2),
                format!("server variable `{{{name}}}` is not declared"),
                format!("add `variables: {{ {name}: {{ default: … }} }}` to this server"),
            );
        }
    }
    for var in &server.variables {
        if !used.iter().any(|(n, _)| *n == var.name.value) {
            cx.at(file).error_help(
                var.name.pos,
                format!(
                    "server variable `{}` is not used in the url",
                    var.name.value
                ),
                format!(
                    "write `{{{}}}` in the url, or remove the variable",
                    var.name.value
                ),
            );
        }
    }
}

fn server_ir(server: &ast::ServerSpec, language: &str) -> ir::Server {
    ir::Server {
        url: server.url.value.clone(),
        name: server.name.as_ref().map(|n| n.value.clone()),
        template: template(&server.url.value, snake),
        description: text(&server.description, language),
        variables: server
            .variables
            .iter()
            .map(|v| ir::ServerVariable {
                name: v.name.value.clone(),
                rust: snake(&v.name.value),
                default: v.default.clone(),
                description: text(&v.description, language),
                allowed: v.allowed.clone(),
            })
            .collect(),
    }
}

/// `{name}` placeholders in a url or path, with their character offsets.
pub(crate) fn placeholders(template: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut open = None;
    for (i, c) in template.chars().enumerate() {
        match c {
            '{' => open = Some(i),
            '}' => {
                if let Some(start) = open.take() {
                    out.push((
                        template
                            .chars()
                            .skip(start + 1)
                            .take(i - start - 1)
                            .collect(),
                        start,
                    ));
                }
            }
            _ => {}
        }
    }
    out
}

/// `text` split at its placeholders, each named in Rust by `rust`.
pub(crate) fn template(text: &str, rust: impl Fn(&str) -> String) -> ir::Template {
    let mut pieces = Vec::new();
    let mut rest = text;
    for (name, _) in placeholders(text) {
        let marker = format!("{{{name}}}");
        if let Some((before, after)) = rest.split_once(&marker) {
            if !before.is_empty() {
                pieces.push(ir::Piece::Text(before.to_string()));
            }
            pieces.push(ir::Piece::Var {
                rust: rust(&name),
                wire: name,
            });
            rest = after;
        }
    }
    if !rest.is_empty() {
        pieces.push(ir::Piece::Text(rest.to_string()));
    }
    ir::Template(pieces)
}

/// Plain-string text is in the service's language.
pub(crate) fn text(t: &ast::Text, language: &str) -> ir::Text {
    ir::Text(
        t.0.iter()
            .map(|(code, s)| {
                (
                    if code.is_empty() {
                        language.to_string()
                    } else {
                        code.clone()
                    },
                    s.clone(),
                )
            })
            .collect(),
    )
}

pub(crate) fn deprecation(d: &ast::Deprecation, language: &str) -> ir::Deprecation {
    ir::Deprecation {
        sunset: d.sunset.clone(),
        note: text(&d.note, language),
    }
}
