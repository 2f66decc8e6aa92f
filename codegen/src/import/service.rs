//! `service.yaml`: the service's name, title and description from `info`, its servers with
//! their variables, and its auth.

use super::Importer;
use super::auth::Schemes;
use super::json::Value;
use super::schema::text;
use super::source::At;
use super::yaml::{Map, Yaml};

impl Importer<'_> {
    /// `service.yaml` without its types: `service` is the folder's name.
    pub(super) fn service(&mut self, name: &str, schemes: &mut Schemes) -> Map {
        let document = self.sources.documents[0].value.clone();
        let info_at = At::root().child("info");
        let info = document.get("info").cloned().unwrap_or_default();
        let mut yaml = Map::new();
        yaml.insert("service", name);
        yaml.insert(
            "title",
            text(&info, "title").unwrap_or_else(|| name.to_owned()),
        );
        if let Some(description) = text(&info, "description") {
            yaml.insert("description", description);
        }
        for key in ["version", "termsOfService", "contact", "license"] {
            if info.get(key).is_some() {
                self.gaps.note(
                    &info_at.child(key),
                    "documentation",
                    format!("`info.{key}`"),
                );
            }
        }
        let servers = self.servers(&document);
        if !servers.is_empty() {
            yaml.insert("servers", Yaml::Seq(servers));
        }
        if let Some(auth) = self.service_auth(schemes) {
            yaml.insert("auth", auth);
        }
        for key in ["webhooks", "callbacks"] {
            if document.get(key).is_some() {
                self.gaps.gap(
                    &At::root().child(key),
                    "webhooks",
                    format!("`{key}`: requests the API sends"),
                );
            }
        }
        if document.get("externalDocs").is_some() {
            self.gaps.note(
                &At::root().child("externalDocs"),
                "documentation",
                "`externalDocs`",
            );
        }
        yaml
    }

    /// The document's servers; a relative URL is resolved against where the document was
    /// published (APIs.guru's `x-origin`), or kept with a gap.
    fn servers(&mut self, document: &Value) -> Vec<Yaml> {
        let servers_at = At::root().child("servers");
        let origin = document
            .get("info")
            .and_then(|i| i.get("x-origin"))
            .and_then(Value::as_array)
            .and_then(|o| o.first())
            .and_then(|o| o.get("url"))
            .and_then(Value::as_str)
            .map(str::to_owned);
        let mut out = Vec::new();
        let mut seen = Vec::new();
        for (i, server) in document
            .get("servers")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .enumerate()
        {
            let at = servers_at.index(i);
            let Some(url) = server.get("url").and_then(Value::as_str) else {
                continue;
            };
            let url = match absolute(url, origin.as_deref()) {
                Some(url) => url,
                None => {
                    self.gaps
                        .gap(&at, "server", format!("the relative server URL `{url}`"));
                    url.to_owned()
                }
            };
            if seen.contains(&url) {
                continue;
            }
            seen.push(url.clone());
            out.push(self.server(server, &url, &at));
        }
        out
    }

    fn server(&mut self, server: &Value, url: &str, at: &At) -> Yaml {
        let mut yaml = Map::new();
        yaml.insert("url", url);
        if let Some(description) = text(server, "description") {
            yaml.insert("description", description);
        }
        let placeholders = super::operations::placeholders(url);
        let mut variables = Map::new();
        for (name, variable) in server
            .get("variables")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            if !placeholders.contains(&name.as_str()) {
                self.gaps.note(
                    &at.child("variables").child(name),
                    "server",
                    format!("the variable `{name}`, which the URL does not use"),
                );
                continue;
            }
            let mut entry = Map::new();
            let default = variable
                .get("default")
                .and_then(Value::as_str)
                .unwrap_or_default();
            entry.insert("default", default);
            if let Some(allowed) = variable.get("enum").and_then(Value::as_array) {
                let allowed = allowed
                    .iter()
                    .filter_map(Value::as_str)
                    .map(|a| Yaml::Str(a.to_owned()));
                entry.insert("enum", Yaml::Seq(allowed.collect()));
            }
            if let Some(description) = text(variable, "description") {
                entry.insert("description", description);
            }
            variables.insert(name.as_str(), entry);
        }
        for placeholder in placeholders {
            if variables.get(placeholder).is_none() {
                self.gaps.gap(at, "server", format!("`{{{placeholder}}}` in the URL without a variable; declared with no default"));
                let mut entry = Map::new();
                entry.insert("default", "");
                variables.insert(placeholder, entry);
            }
        }
        if !variables.is_empty() {
            yaml.insert("variables", variables);
        }
        if yaml.0.len() == 1 {
            return Yaml::Str(url.to_owned());
        }
        Yaml::Map(yaml)
    }
}

/// `url` as an absolute URL: itself, or resolved against `origin`'s scheme and host.
fn absolute(url: &str, origin: Option<&str>) -> Option<String> {
    if url.contains("://") {
        return Some(url.trim_end_matches('/').to_owned())
            .filter(|u| !u.ends_with(':'))
            .or(Some(url.to_owned()));
    }
    let origin = origin?;
    let (scheme, rest) = origin.split_once("://")?;
    let host = rest.split('/').next()?;
    let path = if url.starts_with('/') {
        url.to_owned()
    } else {
        format!("/{url}")
    };
    Some(format!("{scheme}://{host}{}", path.trim_end_matches('/')))
}
