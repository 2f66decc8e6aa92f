//! Security schemes (`components.securitySchemes`, one per auth scheme by its name) and each
//! operation's `security` (its alternatives, with the scopes of the OAuth2 ones).

use super::model::{Extensions, OAuthFlow, Ordered, SecurityScheme};
use super::translations::Translations;
use crate::ir::{Auth, AuthKind, Carrier, Flow, Operation, Service, Text};

/// Every scheme of the service, by name.
pub fn schemes(service: &Service, lang: &str) -> Ordered<SecurityScheme> {
    let mut out = Ordered::default();
    for auth in &service.auth {
        out.insert(auth.name.clone(), scheme(auth, lang));
    }
    out
}

/// The operation's alternatives; OAuth2 and OpenID Connect schemes carry its scopes.
pub fn requirement(service: &Service, op: &Operation) -> Vec<Ordered<Vec<String>>> {
    op.auth
        .iter()
        .map(|all| {
            let mut requirement = Ordered::default();
            for &i in all {
                let auth = &service.auth[i];
                let scoped = matches!(
                    auth.kind,
                    AuthKind::OAuth2 { .. } | AuthKind::OpenIdConnect { .. }
                );
                let scopes = if scoped {
                    op.scopes.clone()
                } else {
                    Vec::new()
                };
                requirement.insert(auth.name.clone(), scopes);
            }
            requirement
        })
        .collect()
}

fn scheme(auth: &Auth, lang: &str) -> SecurityScheme {
    let mut translations = Translations::new(lang);
    let description = translations.text("description", &auth.description);
    let mut scheme = SecurityScheme {
        kind: "apiKey",
        description,
        scheme: None,
        name: None,
        location: None,
        open_id_connect_url: None,
        flows: None,
        extensions: Extensions::new(),
    };
    let (header, in_authorization) = match &auth.carrier {
        Carrier::Header(h) => (h.clone(), h.eq_ignore_ascii_case("authorization")),
        Carrier::Query(_) | Carrier::Cookie(_) => (String::new(), false),
    };
    let mut extensions = Extensions::new();
    match &auth.kind {
        AuthKind::Bearer { prefix } if in_authorization => {
            scheme.kind = "http";
            // `OAuth` (Yandex) is a registered HTTP auth scheme name too.
            scheme.scheme = Some(if prefix.eq_ignore_ascii_case("bearer") {
                "bearer".into()
            } else {
                prefix.clone()
            });
        }
        AuthKind::Basic if in_authorization => {
            scheme.kind = "http";
            scheme.scheme = Some("basic".into());
        }
        AuthKind::Bearer { prefix } => {
            scheme.name = Some(header);
            scheme.location = Some("header");
            extensions.insert("x-specgen-prefix".into(), prefix.clone().into());
        }
        AuthKind::ApiKey => {
            let (name, location) = match &auth.carrier {
                Carrier::Header(h) => (h.clone(), "header"),
                Carrier::Query(q) => (q.clone(), "query"),
                Carrier::Cookie(c) => (c.clone(), "cookie"),
            };
            scheme.name = Some(name);
            scheme.location = Some(location);
        }
        AuthKind::OpenIdConnect { prefix, url } => {
            scheme.kind = "openIdConnect";
            scheme.open_id_connect_url = Some(url.clone());
            carrier_extensions(&mut extensions, prefix, &header, in_authorization);
        }
        AuthKind::OAuth2 {
            prefix,
            scopes,
            flows,
        } => {
            scheme.kind = "oauth2";
            scheme.flows = Some(oauth_flows(flows, scopes, &mut translations));
            carrier_extensions(&mut extensions, prefix, &header, in_authorization);
        }
        AuthKind::Basic => {
            scheme.name = Some(header);
            scheme.location = Some("header");
            extensions.insert("x-specgen-prefix".into(), "Basic".into());
        }
    }
    extensions.extend(translations.into_extensions());
    scheme.extensions = extensions;
    scheme
}

/// Where a bearer token of OAuth2 or OpenID Connect goes, when not `Authorization: Bearer`.
fn carrier_extensions(
    extensions: &mut Extensions,
    prefix: &str,
    header: &str,
    in_authorization: bool,
) {
    if !prefix.eq_ignore_ascii_case("bearer") || !in_authorization {
        extensions.insert("x-specgen-prefix".into(), prefix.into());
        extensions.insert("x-specgen-header".into(), header.into());
    }
}

/// The flows by their OpenAPI names (the device flow as 3.2 names it, an extension before).
fn oauth_flows(
    flows: &[Flow],
    scopes: &[(String, Text)],
    translations: &mut Translations,
) -> Ordered<OAuthFlow> {
    let mut described = Ordered::default();
    for (name, text) in scopes {
        let key = format!("scopes/{name}");
        described.insert(
            name.clone(),
            translations.text(&key, text).unwrap_or_default(),
        );
    }
    let mut out = Ordered::default();
    for flow in flows {
        let name = match flow.name.as_str() {
            "authorization_code" => "authorizationCode",
            "client_credentials" => "clientCredentials",
            "device" => "x-deviceAuthorization",
            other => other,
        };
        out.insert(
            name,
            OAuthFlow {
                authorization_url: flow.authorization_url.clone(),
                token_url: flow.token_url.clone(),
                refresh_url: flow.refresh_url.clone(),
                device_authorization_url: flow.device_authorization_url.clone(),
                scopes: described.clone(),
            },
        );
    }
    out
}
