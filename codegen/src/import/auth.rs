//! Security schemes and requirements as `auth:`: the schemes the language has (bearer and
//! other token words, basic, API keys in a header, query or cookie, OAuth2 with its flows,
//! OpenID Connect), the document's requirement as the service's default, and each
//! operation's own where it differs.

use std::collections::BTreeSet;

use super::Importer;
use super::json::Value;
use super::schema::text;
use super::source::At;
use super::yaml::{Map, Yaml};
use crate::check::snake;

/// HTTP schemes whose credential is no token after a word (RFC 7235 challenges with
/// parameters, or handshakes).
const HANDSHAKES: &[&str] = &[
    "digest",
    "hoba",
    "mutual",
    "negotiate",
    "ntlm",
    "scram-sha-1",
    "scram-sha-256",
    "vapid",
];

/// The OpenAPI flows, and the language's names for them.
const FLOWS: &[(&str, &str)] = &[
    ("authorizationCode", "authorization_code"),
    ("implicit", "implicit"),
    ("clientCredentials", "client_credentials"),
    ("password", "password"),
    ("deviceAuthorization", "device"),
    ("x-deviceAuthorization", "device"),
];

/// The flows' URL members, and the language's names for them.
const FLOW_URLS: &[(&str, &str)] = &[
    ("authorizationUrl", "authorization_url"),
    ("tokenUrl", "token_url"),
    ("refreshUrl", "refresh_url"),
    ("deviceAuthorizationUrl", "device_authorization_url"),
];

/// The document's schemes, as the language names them.
#[derive(Debug, Default)]
pub struct Schemes {
    /// OpenAPI name → (spec name, entry, whether it is oauth2).
    by_name: Vec<(String, String, Map, bool)>,
    /// What an operation needs unless it says otherwise.
    default: Requirement,
    /// Every scope a requirement asks of an OAuth2 scheme: (spec name, scope).
    used: Vec<(String, String)>,
}

/// Alternatives, each the spec names of schemes sent together, with the scopes they ask.
#[derive(Debug, Default, Clone, PartialEq)]
struct Requirement {
    alternatives: Vec<Vec<String>>,
    /// `{}` among them: the credentials may be left out.
    optional: bool,
    /// (scheme's spec name, scope), each scope once.
    scopes: Vec<(String, String)>,
}

impl Importer<'_> {
    /// The document's security schemes, and its default requirement.
    pub(super) fn schemes(&mut self) -> Schemes {
        let at = At::root().child("components").child("securitySchemes");
        let mut schemes = Schemes::default();
        let mut names = BTreeSet::new();
        let declared = self
            .sources
            .get(&at)
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        for (name, scheme) in &declared {
            let scheme_at = at.child(name);
            let Some((scheme, scheme_at)) = self.resolved(scheme, &scheme_at, "security scheme")
            else {
                continue;
            };
            if let Some(yaml) = self.scheme(&scheme, &scheme_at) {
                let spec = unique(
                    &mut names,
                    &snake(name)
                        .trim_start_matches("r#")
                        .replace("none", "none_scheme"),
                );
                let oauth2 = yaml.get("scheme") == Some(&Yaml::Str("oauth2".into()));
                schemes.by_name.push((name.clone(), spec, yaml, oauth2));
            }
        }
        let root = At::root();
        let document = self.sources.documents[0].value.clone();
        schemes.default = self.requirement(&mut schemes, &document, &root);
        schemes
    }

    /// One scheme as the language writes it; `None` where it has no such scheme (reported).
    fn scheme(&mut self, scheme: &Value, at: &At) -> Option<Map> {
        let mut yaml = Map::new();
        match scheme.get("type").and_then(Value::as_str) {
            Some("http") => self.http(scheme, at, &mut yaml)?,
            Some("apiKey") => self.api_key(scheme, at, &mut yaml)?,
            Some("oauth2") => self.oauth2(scheme, at, &mut yaml),
            Some("openIdConnect") => {
                yaml.insert("scheme", "openid_connect");
                let url = scheme
                    .get("openIdConnectUrl")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                if !url.starts_with("https://") {
                    self.gaps.gap(
                        at,
                        "auth",
                        format!("an OpenID Connect discovery URL that is not https (`{url}`)"),
                    );
                    return None;
                }
                yaml.insert("url", url);
            }
            other => {
                let other = other.unwrap_or("(none)");
                self.gaps
                    .gap(at, "auth", format!("a security scheme of type `{other}`"));
                return None;
            }
        }
        if let Some(description) = text(scheme, "description") {
            yaml.insert("description", description);
        }
        Some(yaml)
    }

    fn http(&mut self, scheme: &Value, at: &At, yaml: &mut Map) -> Option<()> {
        let word = scheme
            .get("scheme")
            .and_then(Value::as_str)
            .unwrap_or("bearer");
        let prefix = scheme.get("x-specgen-prefix").and_then(Value::as_str);
        match word.to_ascii_lowercase().as_str() {
            "basic" => yaml.insert("scheme", "basic"),
            "bearer" => {
                yaml.insert("scheme", "bearer");
                if let Some(prefix) = prefix.filter(|p| *p != "Bearer") {
                    yaml.insert("prefix", prefix);
                }
            }
            lower if HANDSHAKES.contains(&lower) => {
                self.gaps
                    .gap(at, "auth", format!("the HTTP `{word}` scheme"));
                return None;
            }
            // Another word before a token (`Token`, `OAuth`): a bearer token with that prefix.
            _ => {
                yaml.insert("scheme", "bearer");
                yaml.insert("prefix", prefix.unwrap_or(word));
            }
        }
        if let Some(header) = scheme.get("x-specgen-header").and_then(Value::as_str) {
            yaml.insert("header", header);
        }
        Some(())
    }

    fn api_key(&mut self, scheme: &Value, at: &At, yaml: &mut Map) -> Option<()> {
        let name = scheme
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let place = match scheme.get("in").and_then(Value::as_str) {
            Some(place @ ("header" | "query" | "cookie")) => place,
            other => {
                self.gaps.gap(
                    at,
                    "auth",
                    format!("an API key `in: {}`", other.unwrap_or("(none)")),
                );
                return None;
            }
        };
        let token = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !token {
            self.gaps.gap(
                at,
                "auth",
                format!(
                    "an API key named `{name}`, which is not a header, parameter or cookie name"
                ),
            );
            return None;
        }
        yaml.insert("scheme", "api_key");
        yaml.insert(place, name);
        Some(())
    }

    /// OAuth2: its flows whose endpoints are https URLs, and every scope they declare; with
    /// no such flow, a bearer token.
    fn oauth2(&mut self, scheme: &Value, at: &At, yaml: &mut Map) {
        let flows_at = at.child("flows");
        let mut flows = Map::new();
        let mut scopes = Map::new();
        for (openapi, spec) in FLOWS {
            let Some(flow) = scheme.get("flows").and_then(|f| f.get(openapi)) else {
                continue;
            };
            let flow_at = flows_at.child(openapi);
            let mut urls = Map::new();
            for (key, name) in FLOW_URLS {
                let Some(url) = flow.get(key).and_then(Value::as_str) else {
                    continue;
                };
                if url.starts_with("https://") {
                    urls.insert(*name, url);
                } else {
                    self.gaps.gap(
                        &flow_at.child(key),
                        "auth",
                        format!("the endpoint `{url}`, which is not an https URL"),
                    );
                }
            }
            for (scope, description) in flow
                .get("scopes")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
            {
                if scopes.get(scope).is_none() {
                    scopes.insert(scope.as_str(), description.as_str().unwrap_or_default());
                }
            }
            let missing = required_urls(spec)
                .iter()
                .find(|key| urls.get(key).is_none());
            if let Some(missing) = missing {
                self.gaps.gap(
                    &flow_at,
                    "auth",
                    format!("the `{openapi}` flow without an https `{missing}`"),
                );
            } else if !flows.0.iter().any(|e| e.key == *spec) {
                flows.insert(*spec, urls);
            }
        }
        if flows.is_empty() {
            self.gaps.gap(
                at,
                "auth",
                "OAuth2 without a flow the language can say; read as a bearer token",
            );
            yaml.insert("scheme", "bearer");
            return;
        }
        yaml.insert("scheme", "oauth2");
        if !scopes.is_empty() {
            yaml.insert("scopes", scopes);
        }
        if !flows.is_empty() {
            yaml.insert("flows", flows);
        }
    }

    /// The requirement `owner` (the document or an operation) states in `security`.
    fn requirement(&mut self, schemes: &mut Schemes, owner: &Value, at: &At) -> Requirement {
        let mut requirement = Requirement::default();
        let Some(alternatives) = owner.get("security").and_then(Value::as_array) else {
            return requirement;
        };
        let security_at = at.child("security");
        for (i, alternative) in alternatives.iter().enumerate() {
            let Some(members) = alternative.as_object() else {
                continue;
            };
            if members.is_empty() {
                requirement.optional = true;
                continue;
            }
            let mut together = Vec::new();
            for (name, scopes) in members {
                let Some((_, spec, _, oauth2)) =
                    schemes.by_name.iter().find(|(n, ..)| n == name).cloned()
                else {
                    self.gaps.gap(
                        &security_at.index(i),
                        "auth",
                        format!("the scheme `{name}`, which is not declared or not read"),
                    );
                    together.clear();
                    break;
                };
                together.push(spec.clone());
                for scope in scopes
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                {
                    if !oauth2 {
                        self.gaps.note(
                            &security_at.index(i),
                            "auth",
                            format!("the role `{scope}` of a scheme that is not OAuth2"),
                        );
                    } else if !requirement.scopes.iter().any(|(_, s)| s == scope) {
                        requirement.scopes.push((spec.clone(), scope.to_owned()));
                        schemes.used.push((spec.clone(), scope.to_owned()));
                    }
                }
            }
            if !together.is_empty() && !requirement.alternatives.contains(&together) {
                requirement.alternatives.push(together);
            }
        }
        requirement
    }

    /// The service's `auth:`: one scheme alone where the document has one and requires it
    /// by default, else the schemes by name with the default.
    pub(super) fn service_auth(&mut self, schemes: &mut Schemes) -> Option<Yaml> {
        declare_scopes(schemes);
        match schemes.by_name.as_slice() {
            [] => None,
            [(_, _, yaml, _)] if lone_scheme(schemes).is_some() => Some(Yaml::Map(yaml.clone())),
            _ => {
                let mut named = Map::new();
                for (_, spec, yaml, _) in &schemes.by_name {
                    named.insert(spec.as_str(), yaml.clone());
                }
                let mut auth = Map::new();
                auth.insert("schemes", named);
                auth.insert("default", requirement_yaml(&schemes.default));
                Some(Yaml::Map(auth))
            }
        }
    }

    /// An operation's `auth:` and `scopes:`, where they differ from the service's default.
    pub(super) fn operation_auth(
        &mut self,
        schemes: &mut Schemes,
        operation: &Value,
        at: &At,
        yaml: &mut Map,
    ) {
        let requirement = match operation.get("security") {
            Some(_) => self.requirement(schemes, operation, at),
            None => schemes.default.clone(),
        };
        let differs = (&requirement.alternatives, requirement.optional)
            != (&schemes.default.alternatives, schemes.default.optional);
        if differs {
            let mut written = requirement.clone();
            if let Some(lone) = lone_scheme(schemes) {
                // Endpoints name the service's one scheme, written alone, by the language's name.
                for name in written.alternatives.iter_mut().flatten() {
                    if *name == lone {
                        *name = crate::parse::auth::LONE_SCHEME.to_owned();
                    }
                }
            }
            yaml.insert("auth", requirement_yaml(&written));
        }
        if !requirement.scopes.is_empty() {
            let scopes = requirement
                .scopes
                .iter()
                .map(|(_, scope)| Yaml::Str(scope.clone()));
            yaml.insert("scopes", Yaml::Seq(scopes.collect()));
        }
    }
}

/// The document's one scheme, where the service's `auth:` describes it alone: it is the only
/// one, and required by default.
fn lone_scheme(schemes: &Schemes) -> Option<String> {
    match schemes.by_name.as_slice() {
        [(_, spec, _, _)]
            if schemes.default.alternatives == [vec![spec.clone()]]
                && !schemes.default.optional =>
        {
            Some(spec.clone())
        }
        _ => None,
    }
}

/// Adds to each OAuth2 scheme the scopes requirements ask of it that its flows do not list
/// (with no text: the document gives none).
fn declare_scopes(schemes: &mut Schemes) {
    for (scheme, scope) in &schemes.used {
        let Some((_, _, yaml, _)) = schemes
            .by_name
            .iter_mut()
            .find(|(_, spec, ..)| spec == scheme)
        else {
            continue;
        };
        if yaml.get("scopes").is_none() {
            let at = yaml
                .0
                .iter()
                .position(|e| e.key == "description")
                .unwrap_or(yaml.0.len());
            yaml.0.insert(
                at,
                super::yaml::Entry {
                    key: "scopes".into(),
                    value: Yaml::Map(Map::new()),
                    comment: None,
                },
            );
        }
        if let Some(super::yaml::Entry {
            value: Yaml::Map(declared),
            ..
        }) = yaml.0.iter_mut().find(|e| e.key == "scopes")
            && declared.get(scope).is_none()
        {
            declared.insert(scope.as_str(), "");
        }
    }
}

/// The endpoints a flow must name.
fn required_urls(flow: &str) -> &'static [&'static str] {
    match flow {
        "authorization_code" => &["authorization_url", "token_url"],
        "implicit" => &["authorization_url"],
        "device" => &["device_authorization_url", "token_url"],
        _ => &["token_url"],
    }
}

/// A requirement as the language writes it: `none`, a name, or a list of alternatives.
fn requirement_yaml(requirement: &Requirement) -> Yaml {
    let none = || Yaml::Str("none".to_owned());
    match requirement.alternatives.as_slice() {
        [] => none(),
        [one] if one.len() == 1 && !requirement.optional => Yaml::Str(one[0].clone()),
        alternatives => {
            let written = alternatives
                .iter()
                .map(|together| match together.as_slice() {
                    [one] => Yaml::Str(one.clone()),
                    all => Yaml::Seq(all.iter().cloned().map(Yaml::Str).collect()),
                });
            let optional = requirement.optional.then(none);
            Yaml::Seq(written.chain(optional).collect())
        }
    }
}

/// `wanted`, or `wanted_2`…, not in `taken` (which it joins).
fn unique(taken: &mut BTreeSet<String>, wanted: &str) -> String {
    let mut name = wanted.to_owned();
    let mut n = 2;
    while !taken.insert(name.clone()) {
        name = format!("{wanted}_{n}");
        n += 1;
    }
    name
}
