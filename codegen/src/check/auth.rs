//! Auth: each scheme takes only the keys that fit it and has what it needs; the service's
//! default requirement and each endpoint's name only declared schemes.

use super::names::snake;
use super::{Cx, Header, text};
use crate::diagnostics::{Pos, did_you_mean};
use crate::ir::{self, AuthKind, Carrier};
use crate::parse::ast::{self, AuthScheme, CarrierSpec, RequirementSpec, SchemeSpec};

/// The service's schemes and the requirement an endpoint has by default.
pub(super) fn service(
    cx: &mut Cx<'_>,
    file: usize,
    spec: &ast::AuthSpec,
    language: &str,
) -> (Vec<ir::Auth>, Vec<Vec<usize>>) {
    let schemes: Vec<ir::Auth> = spec
        .schemes
        .iter()
        .map(|s| scheme(cx, file, s, language))
        .collect();
    let default = match (&spec.default, schemes.len()) {
        (Some(requirement), _) => resolve(cx, file, requirement, &schemes),
        (None, 1) => vec![vec![0]],
        (None, 0) => Vec::new(),
        (None, _) => {
            cx.at(file).error_help(
                spec.pos,
                "with several auth schemes, say what an endpoint needs by default",
                "add `default:` with a scheme's name, a list of alternatives, or `none`",
            );
            Vec::new()
        }
    };
    (schemes, default)
}

/// What an endpoint needs: its own `auth:`, else the service's default.
pub(super) fn requirement(
    cx: &mut Cx<'_>,
    spec: &ast::OperationSpec,
    header: &Header,
) -> Vec<Vec<usize>> {
    match &spec.auth {
        Some(written) => resolve(cx, spec.file, written, &header.auth),
        None => header.default_auth.clone(),
    }
}

/// A requirement with each scheme's name resolved to its index.
fn resolve(
    cx: &mut Cx<'_>,
    file: usize,
    requirement: &RequirementSpec,
    schemes: &[ir::Auth],
) -> Vec<Vec<usize>> {
    let RequirementSpec::AnyOf(alternatives) = requirement else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for all in alternatives {
        let mut resolved: Vec<usize> = Vec::new();
        for name in all {
            match schemes.iter().position(|s| s.name == name.value) {
                Some(index) if !resolved.contains(&index) => resolved.push(index),
                Some(_) => {}
                None => unknown_scheme(cx, file, name, schemes),
            }
        }
        if !resolved.is_empty() && !out.contains(&resolved) {
            out.push(resolved);
        }
    }
    // `none` among them goes last, so credentials that are sent are still checked; alone,
    // it needs nothing.
    if alternatives.iter().any(Vec::is_empty) && !out.is_empty() {
        out.push(Vec::new());
    }
    out
}

fn unknown_scheme(cx: &mut Cx<'_>, file: usize, name: &ast::At<String>, schemes: &[ir::Auth]) {
    let help = if schemes.is_empty() {
        "declare it under `auth:` in service.yaml".to_string()
    } else {
        match did_you_mean(&name.value, schemes.iter().map(|s| s.name.as_str())) {
            Some(close) => format!("did you mean `{close}`?"),
            None => {
                let names: Vec<&str> = schemes.iter().map(|s| s.name.as_str()).collect();
                format!("use one of: {}, or `none`", names.join(", "))
            }
        }
    };
    cx.at(file).error_help(
        name.pos,
        format!("auth scheme `{}` is not declared", name.value),
        help,
    );
}

/// One scheme, checked and resolved.
fn scheme(cx: &mut Cx<'_>, file: usize, s: &SchemeSpec, language: &str) -> ir::Auth {
    check_keys(cx, file, s);
    let carrier = carrier(cx, file, s);
    let prefix = s.prefix.clone().unwrap_or_else(|| "Bearer".to_string());
    let kind = match s.scheme {
        AuthScheme::Bearer => AuthKind::Bearer { prefix },
        AuthScheme::Basic => AuthKind::Basic,
        AuthScheme::ApiKey => AuthKind::ApiKey,
        AuthScheme::OAuth2 => AuthKind::OAuth2 {
            prefix,
            scopes: s
                .scopes
                .iter()
                .map(|(n, t)| (n.value.clone(), text(t, language)))
                .collect(),
            flows: flows(cx, file, s),
        },
        AuthScheme::OpenIdConnect => AuthKind::OpenIdConnect {
            prefix,
            url: discovery_url(cx, file, s),
        },
    };
    if snake(&s.name.value) != s.name.value {
        cx.at(file).error_help(
            s.name.pos,
            format!("auth scheme name `{}` is not snake_case", s.name.value),
            format!("use `{}`", snake(&s.name.value)),
        );
    }
    ir::Auth {
        name: s.name.value.clone(),
        rust: snake(&s.name.value),
        kind,
        carrier,
        description: text(&s.description, language),
    }
}

/// Keys that only some schemes take.
fn check_keys(cx: &mut Cx<'_>, file: usize, s: &SchemeSpec) {
    let oauth2 = s.scheme == AuthScheme::OAuth2;
    if !oauth2 && let Some((name, _)) = s.scopes.first() {
        cx.at(file).error_help(
            name.pos,
            "only `scheme: oauth2` has scopes",
            "use `scheme: oauth2`, or remove `scopes`",
        );
    }
    if matches!(s.scheme, AuthScheme::ApiKey | AuthScheme::Basic) && s.prefix.is_some() {
        cx.at(file).error_help(
            s.pos,
            "`api_key` sends the bare key and `basic` the word `Basic`: neither takes a `prefix`",
            "use `scheme: bearer` with this prefix",
        );
    }
    let endpoints = [&s.authorization_url, &s.token_url]
        .into_iter()
        .flatten()
        .chain(s.flows.iter().map(|f| &f.name));
    if !oauth2 && let Some(first) = endpoints.clone().next() {
        cx.at(file).error_help(
            first.pos,
            "only `scheme: oauth2` has OAuth2 endpoints and flows",
            "use `scheme: oauth2`, or remove `authorization_url`, `token_url` and `flows`",
        );
    }
    if s.scheme != AuthScheme::OpenIdConnect
        && let Some(url) = &s.url
    {
        cx.at(file).error_help(
            url.pos,
            "only `scheme: openid_connect` has a discovery `url`",
            "use `scheme: openid_connect`, or remove `url`",
        );
    }
}

/// Where the credential travels: the `Authorization` header unless the scheme says
/// otherwise; a query parameter or a cookie only for an API key.
fn carrier(cx: &mut Cx<'_>, file: usize, s: &SchemeSpec) -> Carrier {
    if let [_, second, ..] = s.carriers.as_slice() {
        cx.at(file).error_help(
            second.pos,
            "a credential travels in one place",
            "keep one of `header`, `query` and `cookie`",
        );
    }
    let Some(first) = s.carriers.first() else {
        return Carrier::Header("Authorization".to_string());
    };
    let (name, carrier) = match &first.value {
        CarrierSpec::Header(n) => (n, Carrier::Header(n.clone())),
        CarrierSpec::Query(n) => (n, Carrier::Query(n.clone())),
        CarrierSpec::Cookie(n) => (n, Carrier::Cookie(n.clone())),
    };
    if !ir::media::is_token(name) {
        cx.at(file).error_help(
            first.pos,
            format!("`{name}` is not a header, parameter or cookie name"),
            "use letters, digits, `-` and `_`",
        );
    }
    if !matches!(carrier, Carrier::Header(_)) && s.scheme != AuthScheme::ApiKey {
        cx.at(file).error_help(
            first.pos,
            "only an `api_key` travels in a query parameter or a cookie",
            "use `scheme: api_key`, or `header:`",
        );
    }
    carrier
}

/// The OAuth2 flows: `flows:`, or the short form (`authorization_url` and `token_url` for the
/// authorization-code flow, one of them for the implicit or client-credentials flow); each
/// with the endpoints it needs, all https.
fn flows(cx: &mut Cx<'_>, file: usize, s: &SchemeSpec) -> Vec<ir::Flow> {
    let url = |u: &Option<ast::At<String>>| u.as_ref().map(|u| u.value.clone());
    let short = s.authorization_url.is_some() || s.token_url.is_some();
    if short && !s.flows.is_empty() {
        cx.at(file).error_help(
            s.flows[0].name.pos,
            "`flows` and the short form (`authorization_url`, `token_url`) say the same twice",
            "keep `flows`, with each flow's endpoints",
        );
    }
    if s.flows.is_empty() {
        let name = match (&s.authorization_url, &s.token_url) {
            (Some(_), Some(_)) => "authorization_code",
            (Some(_), None) => "implicit",
            _ => "client_credentials",
        };
        check_urls(cx, file, [&s.authorization_url, &s.token_url]);
        if !short {
            cx.at(file).error_help(
                s.pos,
                "`scheme: oauth2` needs its flows",
                "add `flows:` (authorization_code, implicit, client_credentials, password, device) \
                 with their endpoints, or `token_url: https://…`",
            );
            return Vec::new();
        }
        vec![ir::Flow {
            name: name.to_string(),
            authorization_url: url(&s.authorization_url),
            token_url: url(&s.token_url),
            refresh_url: None,
            device_authorization_url: None,
        }]
    } else {
        s.flows.iter().map(|f| flow(cx, file, f)).collect()
    }
}

fn flow(cx: &mut Cx<'_>, file: usize, f: &ast::FlowSpec) -> ir::Flow {
    let urls = [
        &f.authorization_url,
        &f.token_url,
        &f.refresh_url,
        &f.device_authorization_url,
    ];
    check_urls(cx, file, urls);
    let needs: &[(&str, bool)] = match f.name.value.as_str() {
        "authorization_code" => &[
            ("authorization_url", f.authorization_url.is_some()),
            ("token_url", f.token_url.is_some()),
        ],
        "implicit" => &[("authorization_url", f.authorization_url.is_some())],
        "device" => &[
            (
                "device_authorization_url",
                f.device_authorization_url.is_some(),
            ),
            ("token_url", f.token_url.is_some()),
        ],
        _ => &[("token_url", f.token_url.is_some())],
    };
    for (key, given) in needs {
        if !given {
            cx.at(file).error_help(
                f.name.pos,
                format!("the `{}` flow needs `{key}`", f.name.value),
                format!("add `{key}: https://…`"),
            );
        }
    }
    let url = |u: &Option<ast::At<String>>| u.as_ref().map(|u| u.value.clone());
    ir::Flow {
        name: f.name.value.clone(),
        authorization_url: url(&f.authorization_url),
        token_url: url(&f.token_url),
        refresh_url: url(&f.refresh_url),
        device_authorization_url: url(&f.device_authorization_url),
    }
}

fn check_urls<'a>(
    cx: &mut Cx<'_>,
    file: usize,
    urls: impl IntoIterator<Item = &'a Option<ast::At<String>>>,
) {
    for url in urls.into_iter().flatten() {
        https(cx, file, &url.value, url.pos);
    }
}

fn https(cx: &mut Cx<'_>, file: usize, url: &str, pos: Pos) {
    if !url.starts_with("https://") {
        cx.at(file).error_help(
            pos,
            format!("`{url}` is not an https URL"),
            "write the endpoint's full address, starting with `https://`",
        );
    }
}

/// OpenID Connect's discovery document, required and https.
fn discovery_url(cx: &mut Cx<'_>, file: usize, s: &SchemeSpec) -> String {
    match &s.url {
        Some(url) => {
            https(cx, file, &url.value, url.pos);
            url.value.clone()
        }
        None => {
            cx.at(file).error_help(
                s.pos,
                "`scheme: openid_connect` needs the provider's discovery `url`",
                "add `url: https://…/.well-known/openid-configuration`",
            );
            String::new()
        }
    }
}
