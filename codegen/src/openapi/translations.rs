//! Texts in the chosen language, with every other language kept in `x-translations`.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::model::Extensions;
use crate::ir::Text;

/// The member holding the other languages: `{"x-translations": {"en": {"summary": …}}}`.
pub const TRANSLATIONS: &str = "x-translations";

/// Collects the other languages of the texts of one object.
pub struct Translations<'a> {
    lang: &'a str,
    by_language: BTreeMap<String, Map<String, Value>>,
}

impl<'a> Translations<'a> {
    pub fn new(lang: &'a str) -> Self {
        Translations {
            lang,
            by_language: BTreeMap::new(),
        }
    }

    /// The text in the chosen language (else English, else the first written); each other
    /// language's version is kept under `key`.
    pub fn text(&mut self, key: &str, text: &Text) -> Option<String> {
        let picked = text.pick(self.lang)?;
        for (code, other) in &text.0 {
            if other != picked {
                self.keep(code, key, other.clone().into());
            }
        }
        Some(picked.to_owned())
    }

    /// `x-enum-descriptions`: one description per enum value, in order (`""` for none).
    pub fn enum_descriptions(&mut self, extensions: &mut Extensions, descriptions: &[&Text]) {
        const KEY: &str = "x-enum-descriptions";
        if descriptions.iter().all(|d| d.is_empty()) {
            return;
        }
        let picked: Vec<&str> = descriptions
            .iter()
            .map(|d| d.pick(self.lang).unwrap_or(""))
            .collect();
        let mut codes: Vec<&String> = descriptions
            .iter()
            .flat_map(|d| d.0.iter().map(|(code, _)| code))
            .collect();
        codes.sort();
        codes.dedup();
        for code in codes {
            let list: Vec<&str> = descriptions
                .iter()
                .zip(&picked)
                .map(|(d, picked)| {
                    d.0.iter()
                        .find(|(c, _)| c == code)
                        .map_or(*picked, |(_, t)| t.as_str())
                })
                .collect();
            if list != picked {
                self.keep(code, KEY, list.into());
            }
        }
        extensions.insert(KEY.into(), picked.into());
    }

    fn keep(&mut self, code: &str, key: &str, text: Value) {
        self.by_language
            .entry(code.to_owned())
            .or_default()
            .insert(key.to_owned(), text);
    }

    /// `x-translations`, when some text has another language.
    pub fn into_extensions(self) -> Extensions {
        let mut extensions = Extensions::new();
        if !self.by_language.is_empty() {
            let all: Map<String, Value> = self
                .by_language
                .into_iter()
                .map(|(code, texts)| (code, Value::Object(texts)))
                .collect();
            extensions.insert(TRANSLATIONS.into(), Value::Object(all));
        }
        extensions
    }
}

/// Two texts joined by a blank line, language by language (each falling back as `pick` does).
pub fn joined(first: &Text, second: &Text) -> Text {
    let mut codes: Vec<&String> = Vec::new();
    for (code, _) in first.0.iter().chain(&second.0) {
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    let texts = codes.into_iter().map(|code| {
        let parts: Vec<&str> = [first.pick(code), second.pick(code)]
            .into_iter()
            .flatten()
            .collect();
        (code.clone(), parts.join("\n\n"))
    });
    Text(texts.collect())
}
