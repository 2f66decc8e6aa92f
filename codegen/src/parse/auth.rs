//! `auth:` in `service.yaml` (one scheme, or several by name with a default requirement)
//! and in an endpoint file (what that endpoint needs).

use super::ast::{AuthScheme, AuthSpec, CarrierSpec, FlowSpec, RequirementSpec, SchemeSpec, Text};
use super::reader::{Entries, opt_text, string, text};
use crate::diagnostics::{Reporter, did_you_mean};
use crate::load::{Node, Value};
use crate::parse::ast::At;

/// The keys of one scheme.
const SCHEME_KEYS: &[&str] = &[
    "scheme",
    "prefix",
    "header",
    "query",
    "cookie",
    "scopes",
    "authorization_url",
    "token_url",
    "flows",
    "url",
    "description",
];

/// The scheme names, as the spec writes them.
const SCHEMES: &[(&str, AuthScheme)] = &[
    ("bearer", AuthScheme::Bearer),
    ("oauth2", AuthScheme::OAuth2),
    ("api_key", AuthScheme::ApiKey),
    ("basic", AuthScheme::Basic),
    ("openid_connect", AuthScheme::OpenIdConnect),
];

/// The OAuth2 flows, as the spec writes them.
pub const FLOWS: &[&str] = &[
    "authorization_code",
    "implicit",
    "client_credentials",
    "password",
    "device",
];

/// The name endpoints give the scheme of a service's `auth:` that describes one scheme alone.
pub const LONE_SCHEME: &str = "auth";

/// A service's `auth:`: `{ scheme: … }` for one scheme, or `{ schemes: { name: … }, default }`.
pub fn auth(node: &Node, report: &mut Reporter<'_>) -> Option<AuthSpec> {
    let named = matches!(&node.value, Value::Map(entries)
        if entries.iter().any(|(k, _)| k.as_str() == Some("schemes")));
    if !named {
        let name = At {
            pos: node.pos,
            value: LONE_SCHEME.to_string(),
        };
        let scheme = scheme(node, name, report)?;
        return Some(AuthSpec {
            pos: node.pos,
            schemes: vec![scheme],
            default: None,
            single: true,
        });
    }
    let mut e = Entries::of(node, "`auth`", report)?;
    let mut schemes = Vec::new();
    if let Some(map) = e.take("schemes")
        && let Some(mut se) = Entries::of(map, "`schemes`", report)
    {
        for (name, key_node, value) in se.rest() {
            let name = At {
                pos: key_node.pos,
                value: name,
            };
            schemes.extend(scheme(value, name, report));
        }
    }
    let default = e.take("default").and_then(|n| requirement(n, report));
    e.finish("`auth`", &["schemes", "default"], report);
    Some(AuthSpec {
        pos: node.pos,
        schemes,
        default,
        single: false,
    })
}

fn scheme(node: &Node, name: At<String>, report: &mut Reporter<'_>) -> Option<SchemeSpec> {
    let what = "an auth scheme";
    let mut e = Entries::of(node, what, report)?;
    let kind = e
        .require("scheme", what, report)
        .and_then(|n| string(n, "`scheme`", report))
        .and_then(|s| scheme_kind(&s, report));
    let url = |e: &mut Entries<'_>, key: &str, report: &mut Reporter<'_>| {
        e.take(key).and_then(|n| string(n, key, report))
    };
    let prefix = url(&mut e, "prefix", report).map(|s| s.value);
    let mut carriers = Vec::new();
    for (key, make) in [
        ("header", CarrierSpec::Header as fn(String) -> CarrierSpec),
        ("query", CarrierSpec::Query),
        ("cookie", CarrierSpec::Cookie),
    ] {
        if let Some(s) = url(&mut e, key, report) {
            carriers.push(At {
                pos: s.pos,
                value: make(s.value),
            });
        }
    }
    let scopes = e
        .take("scopes")
        .map(|n| scopes(n, report))
        .unwrap_or_default();
    let authorization_url = url(&mut e, "authorization_url", report);
    let token_url = url(&mut e, "token_url", report);
    let flows = e
        .take("flows")
        .map(|n| flows(n, report))
        .unwrap_or_default();
    let discovery = url(&mut e, "url", report);
    let description = opt_text(&mut e, "description", "`description`", report);
    e.finish(what, SCHEME_KEYS, report);
    Some(SchemeSpec {
        name,
        pos: node.pos,
        scheme: kind?,
        prefix,
        carriers,
        scopes,
        authorization_url,
        token_url,
        flows,
        url: discovery,
        description,
    })
}

fn scheme_kind(s: &At<String>, report: &mut Reporter<'_>) -> Option<AuthScheme> {
    if let Some((_, kind)) = SCHEMES.iter().find(|(n, _)| *n == s.value) {
        return Some(*kind);
    }
    let names = SCHEMES.iter().map(|(n, _)| *n);
    let help = match did_you_mean(&s.value, names.clone()) {
        Some(close) => format!("did you mean `{close}`?"),
        None => format!("use one of {}", names.collect::<Vec<_>>().join(", ")),
    };
    report.error_help(s.pos, format!("unknown auth scheme `{}`", s.value), help);
    None
}

fn scopes(node: &Node, report: &mut Reporter<'_>) -> Vec<(At<String>, Text)> {
    let Some(mut se) = Entries::of(node, "`scopes`", report) else {
        return Vec::new();
    };
    se.rest()
        .into_iter()
        .map(|(name, key_node, value)| {
            let name = At {
                pos: key_node.pos,
                value: name,
            };
            (name, text(value, "a scope", report))
        })
        .collect()
}

fn flows(node: &Node, report: &mut Reporter<'_>) -> Vec<FlowSpec> {
    let Some(mut fe) = Entries::of(node, "`flows`", report) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (name, key_node, value) in fe.rest() {
        let name = At {
            pos: key_node.pos,
            value: name,
        };
        if !FLOWS.contains(&name.value.as_str()) {
            let help = match did_you_mean(&name.value, FLOWS.iter().copied()) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("use one of {}", FLOWS.join(", ")),
            };
            report.error_help(
                name.pos,
                format!("unknown OAuth2 flow `{}`", name.value),
                help,
            );
            continue;
        }
        let Some(mut e) = Entries::of(value, "a flow", report) else {
            continue;
        };
        let mut url = |key: &str| e.take(key).and_then(|n| string(n, key, report));
        let flow = FlowSpec {
            authorization_url: url("authorization_url"),
            token_url: url("token_url"),
            refresh_url: url("refresh_url"),
            device_authorization_url: url("device_authorization_url"),
            name,
        };
        let known = [
            "authorization_url",
            "token_url",
            "refresh_url",
            "device_authorization_url",
        ];
        e.finish("a flow", &known, report);
        out.push(flow);
    }
    out
}

/// What an endpoint needs: `none`, a scheme's name, or a list of alternatives, each a name,
/// a list of names sent together, or `none` (nothing: the credentials may be left out).
pub fn requirement(node: &Node, report: &mut Reporter<'_>) -> Option<RequirementSpec> {
    let name = |node: &Node, report: &mut Reporter<'_>| string(node, "a scheme name", report);
    match &node.value {
        Value::Str(s) if s == "none" => Some(RequirementSpec::None(node.pos)),
        Value::Str(_) => Some(RequirementSpec::AnyOf(vec![vec![name(node, report)?]])),
        Value::Seq(items) => {
            let mut alternatives = Vec::new();
            for item in items {
                let all: Vec<At<String>> = match &item.value {
                    // `none` among the alternatives: the credentials may be left out.
                    Value::Str(s) if s == "none" => Vec::new(),
                    Value::Seq(names) => names.iter().filter_map(|n| name(n, report)).collect(),
                    _ => name(item, report).into_iter().collect(),
                };
                alternatives.push(all);
            }
            Some(RequirementSpec::AnyOf(alternatives))
        }
        _ => {
            report.error_help(
                node.pos,
                format!(
                    "`auth` must be `none`, a scheme's name or a list, found {}",
                    node.kind()
                ),
                "write `auth: none`, `auth: token`, or `auth: [token, [key, session]]`",
            );
            None
        }
    }
}
