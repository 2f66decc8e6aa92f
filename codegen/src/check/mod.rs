//! Spec AST → IR. Resolves every name and reference, and reports every problem with its
//! position and a fix. Nothing after this stage can fail on user input.

mod constraints;
mod examples;
mod names;
mod operations;
mod rejections;
mod shapes;
mod type_expr;
mod types;

use std::collections::BTreeMap;

use crate::diagnostics::{Diagnostics, Pos, Reporter, did_you_mean};
use crate::ir;
use crate::load::{ServiceFolder, SourceFile};
use crate::parse::{self, ast};

pub use names::{camel, snake};

/// One service folder, parsed.
struct Parsed<'a> {
    folder: &'a ServiceFolder,
    service: Option<ast::ServiceSpec>,
    operations: Vec<ast::OperationSpec>,
    /// Global indexes of this folder's files, service.yaml first.
    files: Vec<usize>,
}

/// Check every service folder; the API holds the services that had no problem.
pub fn check(folders: &[ServiceFolder], diags: &mut Diagnostics) -> ir::Api {
    let files: Vec<&SourceFile> = folders
        .iter()
        .flat_map(|f| f.service_file.iter().chain(f.endpoint_files.iter()))
        .collect();
    let mut parsed = Vec::new();
    let mut next = 0;
    for folder in folders {
        let mut p = Parsed {
            folder,
            service: None,
            operations: Vec::new(),
            files: Vec::new(),
        };
        if let Some(file) = &folder.service_file {
            let mut report = Reporter::new(&file.name, &file.text, &file.lines, diags);
            p.service = file
                .root
                .as_ref()
                .and_then(|root| parse::service(root, next, &mut report));
            p.files.push(next);
            next += 1;
        } else {
            diags.push(crate::diagnostics::Diagnostic {
                file: format!("{}/service.yaml", folder_display(folder)),
                pos: Pos::FILE_START,
                message: format!("service folder `{}` has no service.yaml", folder.folder),
                help: Some("add a service.yaml with at least `service:` and `title:`".to_string()),
                snippet: None,
            });
        }
        for file in &folder.endpoint_files {
            let mut report = Reporter::new(&file.name, &file.text, &file.lines, diags);
            if let Some(op) = file
                .root
                .as_ref()
                .and_then(|root| parse::operation(root, next, &mut report))
            {
                p.operations.push(op);
            }
            p.files.push(next);
            next += 1;
        }
        parsed.push(p);
    }

    let by_folder: BTreeMap<&str, usize> = parsed
        .iter()
        .enumerate()
        .map(|(i, p)| (p.folder.folder.as_str(), i))
        .collect();
    let mut services = Vec::new();
    let mut seen_names: BTreeMap<String, String> = BTreeMap::new();
    for p in &parsed {
        let Some(service) = &p.service else { continue };
        let mut cx = Cx {
            files: &files,
            diags: &mut *diags,
            errors_before: 0,
        };
        cx.errors_before = cx.diags.len();
        if service.name.value != p.folder.folder {
            cx.at(service.file).error_help(
                service.name.pos,
                format!(
                    "service `{}` is in folder `{}`",
                    service.name.value, p.folder.folder
                ),
                format!(
                    "name the folder `{}`, or the service `{}`",
                    service.name.value, p.folder.folder
                ),
            );
        }
        let module = snake(&service.name.value);
        if module != service.name.value {
            cx.at(service.file).error_help(
                service.name.pos,
                format!(
                    "service name `{}` is not a snake_case name",
                    service.name.value
                ),
                format!("use `{module}`"),
            );
        }
        if let Some(first) = seen_names.insert(service.name.value.clone(), p.folder.folder.clone())
        {
            cx.at(service.file).error(
                service.name.pos,
                format!(
                    "service `{}` is also defined in folder `{first}`",
                    service.name.value
                ),
            );
        }
        // A vendor of another service's API uses that service's endpoints and types.
        let (ops_from, extra_files) = match &service.extends {
            None => (p, Vec::new()),
            Some(base) if !crate::load::is_sibling_name(&base.value) => {
                cx.at(service.file).error_help(
                    base.pos,
                    format!("`extends` names a folder beside this one, not a path: `{}`", base.value),
                    "write the name of a sibling folder under the specs folder, such as `onlyoffice`",
                );
                continue;
            }
            Some(base) => match by_folder.get(base.value.as_str()).map(|&i| &parsed[i]) {
                Some(b) if b.service.as_ref().is_some_and(|s| s.extends.is_none()) => {
                    (b, b.files.clone())
                }
                Some(_) => {
                    cx.at(service.file).error_help(
                        base.pos,
                        format!("service `{}` itself extends another service", base.value),
                        "extend the service that defines the endpoints",
                    );
                    continue;
                }
                None => {
                    let names = by_folder.keys().copied().filter(|n| *n != p.folder.folder);
                    let help = match did_you_mean(&base.value, names) {
                        Some(close) => format!("did you mean `{close}`?"),
                        None => "name a sibling folder under the specs folder".to_string(),
                    };
                    cx.at(service.file).error_help(
                        base.pos,
                        format!("no service `{}` to extend", base.value),
                        help,
                    );
                    continue;
                }
            },
        };
        if service.extends.is_some() && !p.operations.is_empty() {
            let file = p.operations[0].file;
            cx.at(file).error_help(
                p.operations[0].name.pos,
                "a service that `extends` another cannot add endpoints of its own",
                "describe the endpoint in the service it extends",
            );
        }
        let mut type_specs: Vec<&ast::TypeSpec> = Vec::new();
        if let Some(base) = ops_from
            .service
            .as_ref()
            .filter(|_| service.extends.is_some())
        {
            type_specs.extend(base.types.iter());
        }
        type_specs.extend(service.types.iter());
        type_specs.extend(ops_from.operations.iter().flat_map(|o| o.types.iter()));
        let deprecated_files: BTreeMap<usize, &ast::Deprecation> = ops_from
            .operations
            .iter()
            .filter_map(|o| o.deprecated.as_ref().map(|d| (o.file, d)))
            .collect();
        let language = service
            .language
            .as_ref()
            .map(|l| l.value.clone())
            .unwrap_or_else(|| "en".into());
        let mut table = types::build(&mut cx, &type_specs, &deprecated_files, &language);
        // Another vendor of the same API authenticates the same way unless it says otherwise.
        let inherited;
        let own = match (
            &service.auth,
            ops_from
                .service
                .as_ref()
                .filter(|_| service.extends.is_some()),
        ) {
            (None, Some(base)) => {
                inherited = ast::ServiceSpec {
                    auth: base.auth.clone(),
                    ..service.clone()
                };
                &inherited
            }
            _ => service,
        };
        let header = header(&mut cx, own, &language);
        let operations = operations::build(
            &mut cx,
            &ops_from.operations,
            &mut table,
            &header,
            &language,
        );
        if cx.diags.len() > cx.errors_before {
            continue;
        }
        let mut sources: Vec<usize> = p.files.clone();
        sources.extend(extra_files);
        services.push(ir::Service {
            name: service.name.value.clone(),
            title: header.title,
            language,
            description: header.description,
            servers: header.servers,
            auth: header.auth,
            types: table.types,
            operations,
            sources: sources.iter().map(|&i| files[i].name.clone()).collect(),
            source_paths: sources.iter().map(|&i| files[i].path.clone()).collect(),
        });
    }
    ir::Api { services }
}

fn folder_display(folder: &ServiceFolder) -> String {
    folder
        .endpoint_files
        .first()
        .and_then(|f| f.name.rsplit_once('/').map(|(dir, _)| dir.to_string()))
        .unwrap_or_else(|| folder.folder.clone())
}

/// Shared state of one service's check: the files (for messages) and the problems found.
pub(crate) struct Cx<'a> {
    files: &'a [&'a SourceFile],
    diags: &'a mut Diagnostics,
    errors_before: usize,
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
    auth: Option<ir::Auth>,
}

fn header(cx: &mut Cx<'_>, service: &ast::ServiceSpec, language: &str) -> Header {
    let mut servers = Vec::new();
    for server in &service.servers {
        let declared: Vec<&str> = server
            .variables
            .iter()
            .map(|v| v.name.value.as_str())
            .collect();
        let used = placeholders(&server.url.value);
        for (name, offset) in &used {
            if !declared.contains(&name.as_str()) {
                cx.at(service.file).error_help(
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
                cx.at(service.file).error_help(
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
        servers.push(ir::Server {
            url: server.url.value.clone(),
            description: text(&server.description, language),
            variables: server
                .variables
                .iter()
                .map(|v| ir::ServerVariable {
                    name: v.name.value.clone(),
                    default: v.default.clone(),
                    description: text(&v.description, language),
                    allowed: v.allowed.clone(),
                })
                .collect(),
        });
    }
    let auth = service.auth.as_ref().map(|a| {
        let prefix = a.prefix.clone().unwrap_or_else(|| "Bearer".to_string());
        if a.scheme != ast::AuthScheme::OAuth2
            && let Some((name, _)) = a.scopes.first()
        {
            cx.at(service.file).error_help(
                name.pos,
                "only `scheme: oauth2` has scopes",
                "use `scheme: oauth2`, or remove `scopes`",
            );
        }
        if a.scheme == ast::AuthScheme::ApiKey && a.prefix.is_some() {
            cx.at(service.file).error_help(
                a.pos,
                "`scheme: api_key` sends the bare token and takes no `prefix`",
                "use `scheme: bearer` with this prefix",
            );
        }
        let urls = [&a.authorization_url, &a.token_url];
        for url in urls.into_iter().flatten() {
            if a.scheme != ast::AuthScheme::OAuth2 {
                cx.at(service.file).error_help(
                    url.pos,
                    "only `scheme: oauth2` has OAuth2 endpoints",
                    "use `scheme: oauth2`, or remove `authorization_url` and `token_url`",
                );
            } else if !url.value.starts_with("https://") {
                cx.at(service.file).error_help(
                    url.pos,
                    format!("`{}` is not an https URL", url.value),
                    "write the endpoint's full address, starting with `https://`",
                );
            }
        }
        if a.scheme == ast::AuthScheme::OAuth2 && a.token_url.is_none() {
            cx.at(service.file).error_help(
                a.pos,
                "`scheme: oauth2` needs `token_url`",
                "add `token_url: https://…`, where the service issues access tokens \
                 (and `authorization_url` for the authorization-code flow)",
            );
        }
        ir::Auth {
            kind: match a.scheme {
                ast::AuthScheme::Bearer => ir::AuthKind::Bearer { prefix },
                ast::AuthScheme::OAuth2 => ir::AuthKind::OAuth2 {
                    prefix,
                    scopes: a
                        .scopes
                        .iter()
                        .map(|(n, t)| (n.value.clone(), text(t, language)))
                        .collect(),
                    authorization_url: a.authorization_url.as_ref().map(|u| u.value.clone()),
                    token_url: a
                        .token_url
                        .as_ref()
                        .map(|u| u.value.clone())
                        .unwrap_or_default(),
                },
                ast::AuthScheme::ApiKey => ir::AuthKind::ApiKey,
            },
            header: a
                .header
                .clone()
                .unwrap_or_else(|| "Authorization".to_string()),
            description: text(&a.description, language),
        }
    });
    Header {
        title: text(&service.title, language),
        description: text(&service.description, language),
        servers,
        auth,
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
