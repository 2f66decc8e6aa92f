//! Bodies sent as multipart/form-data.

use reqwest::multipart::{self, Part};
use serde::Serialize;

use super::Error;
use crate::file::FilePart;
use crate::wire::{FormField, Kind};

mod members;

/// A multipart/form-data body: one part per member of the body, one per element of a list,
/// text for strings, numbers and booleans, JSON for objects.
pub struct Form(multipart::Form);

impl Form {
    /// The parts for every member of `body` except its files, which the caller takes out of
    /// the body first and adds with [`Form::files`].
    pub fn new<T: Serialize>(body: &T, fields: &[FormField]) -> Result<Self, Error> {
        let files: Vec<&str> = fields
            .iter()
            .filter(|f| matches!(f.kind, Kind::File))
            .map(|f| f.name)
            .collect();
        let members = body
            .serialize(members::Members { skip: &files })
            .map_err(|e| Error::Encode(e.to_string()))?;
        let mut form = multipart::Form::new();
        for field in fields {
            let Some(value) = members.get(field.name) else {
                continue;
            };
            let values = match (field.many, value) {
                (true, serde_json::Value::Array(items)) => items.iter().collect(),
                _ => vec![value],
            };
            for value in values {
                if let Some(part) = part(value)? {
                    form = form.part(field.name, part);
                }
            }
        }
        Ok(Form(form))
    }

    /// Adds one part per file, with its file name and media type.
    pub fn files(
        mut self,
        name: &'static str,
        files: impl IntoIterator<Item = FilePart>,
    ) -> Result<Self, Error> {
        for file in files {
            // A part without a file name is a text field (RFC 7578, 4.2), so every file has
            // one: its own, or the member's name.
            let file_name = file.file_name.unwrap_or_else(|| name.to_owned());
            let mut part = Part::bytes(file.bytes).file_name(file_name);
            if let Some(media_type) = file.media_type {
                part = part
                    .mime_str(&media_type)
                    .map_err(|_| Error::Encode(format!("`{media_type}` is not a media type")))?;
            }
            self.0 = self.0.part(name, part);
        }
        Ok(self)
    }

    /// The form, for `RequestBuilder::multipart`.
    pub fn into_inner(self) -> multipart::Form {
        self.0
    }
}

fn part(value: &serde_json::Value) -> Result<Option<Part>, Error> {
    use serde_json::Value;
    Ok(match value {
        Value::Null => None,
        Value::String(s) => Some(Part::text(s.clone())),
        Value::Number(n) => Some(Part::text(n.to_string())),
        Value::Bool(b) => Some(Part::text(b.to_string())),
        Value::Array(_) | Value::Object(_) => Some(
            Part::text(value.to_string())
                .mime_str("application/json")
                .map_err(|e| Error::Encode(e.to_string()))?,
        ),
    })
}

/// Whether a body member holds any file: a file, a non-empty list of them, or such an option.
pub trait HasFiles {
    /// Whether there is at least one file.
    fn has_files(&self) -> bool;
}

impl HasFiles for FilePart {
    fn has_files(&self) -> bool {
        true
    }
}

impl<T: HasFiles> HasFiles for Vec<T> {
    fn has_files(&self) -> bool {
        self.iter().any(HasFiles::has_files)
    }
}

impl<T: HasFiles> HasFiles for Option<T> {
    fn has_files(&self) -> bool {
        self.as_ref().is_some_and(HasFiles::has_files)
    }
}
