//! The OpenAPI document being imported, and the files its `$ref`s name: read once, as JSON
//! values, so every reference resolves to a value and a place (`file#/pointer`) that messages
//! can name.

use std::path::{Path, PathBuf};

use super::json::Value;

/// The largest document read: the largest in the APIs.guru directory is about 14 MB.
const MAX_DOCUMENT_BYTES: u64 = 64 << 20;
/// The most files references may reach, and the most references followed in a chain.
const MAX_FILES: usize = 64;
const MAX_CHAIN: usize = 32;

/// A place in the documents: which file, and the JSON pointer in it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct At {
    pub file: usize,
    pub pointer: String,
}

impl At {
    /// The document imported, whole.
    pub fn root() -> At {
        At {
            file: 0,
            pointer: String::new(),
        }
    }

    /// The place of `key` inside this one.
    pub fn child(&self, key: &str) -> At {
        At {
            file: self.file,
            pointer: format!("{}/{}", self.pointer, escape(key)),
        }
    }

    /// The place of element `index` inside this one.
    pub fn index(&self, index: usize) -> At {
        At {
            file: self.file,
            pointer: format!("{}/{index}", self.pointer),
        }
    }

    /// The pointer's last step, unescaped: a component's name.
    pub fn last(&self) -> String {
        let last = self.pointer.rsplit('/').next().unwrap_or("");
        unescape(last)
    }
}

/// One file: where it is and what it holds.
#[derive(Debug)]
pub struct Document {
    pub path: PathBuf,
    pub value: Value,
}

/// The document imported (file 0) and every file its references reach.
#[derive(Debug)]
pub struct Sources {
    pub documents: Vec<Document>,
}

/// Why a file or a reference could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable(pub String);

impl Sources {
    /// Reads `path` (JSON or YAML) and every file its relative `$ref`s name, transitively.
    pub fn read(path: &Path) -> Result<Sources, Unreadable> {
        let mut sources = Sources {
            documents: vec![read_document(path)?],
        };
        let mut next = 0;
        while next < sources.documents.len() {
            let refs = external_refs(&sources.documents[next].value);
            let dir = sources.documents[next]
                .path
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default();
            for file in refs {
                let path = dir.join(&file);
                if sources.documents.iter().any(|d| d.path == path) {
                    continue;
                }
                if sources.documents.len() >= MAX_FILES {
                    return Err(Unreadable(format!(
                        "references reach more than {MAX_FILES} files"
                    )));
                }
                sources.documents.push(read_document(&path)?);
            }
            next += 1;
        }
        Ok(sources)
    }

    /// The value at `at`.
    pub fn get(&self, at: &At) -> Option<&Value> {
        self.documents.get(at.file)?.value.pointer(&at.pointer)
    }

    /// `value` (found at `at`), or what its `$ref` names, followed to the end of the chain:
    /// the value and its place. A reference that leads nowhere, or in a circle, is an error.
    pub fn resolve<'s>(&'s self, value: &'s Value, at: &At) -> Result<(&'s Value, At), Unreadable> {
        let (mut value, mut at) = (value, at.clone());
        for _ in 0..MAX_CHAIN {
            let Some(reference) = value.get("$ref").and_then(Value::as_str) else {
                return Ok((value, at));
            };
            at = self.target(reference, at.file)?;
            value = self
                .get(&at)
                .ok_or_else(|| Unreadable(format!("`{reference}` names nothing")))?;
        }
        Err(Unreadable(format!(
            "references chain more than {MAX_CHAIN} times"
        )))
    }

    /// The place a `$ref` written in `file` names.
    pub fn target(&self, reference: &str, file: usize) -> Result<At, Unreadable> {
        let (path, pointer) = reference.split_once('#').unwrap_or((reference, ""));
        let file = if path.is_empty() {
            file
        } else {
            let dir = self.documents[file].path.parent().unwrap_or(Path::new(""));
            let wanted = dir.join(path);
            self.documents
                .iter()
                .position(|d| d.path == wanted)
                .ok_or_else(|| Unreadable(format!("`{reference}`: only local files are read")))?
        };
        Ok(At {
            file,
            pointer: pointer.to_owned(),
        })
    }

    /// How a place is shown in messages: `#/paths/~1pets/get`, or `other.yaml#/…`.
    pub fn show(&self, at: &At) -> String {
        if at.file == 0 {
            return format!("#{}", at.pointer);
        }
        let name = self.documents[at.file]
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        format!("{name}#{}", at.pointer)
    }
}

/// One file, as JSON when it reads as JSON, else as YAML.
fn read_document(path: &Path) -> Result<Document, Unreadable> {
    let shown = path.display();
    let size = std::fs::metadata(path)
        .map_err(|e| Unreadable(format!("{shown}: {e}")))?
        .len();
    if size > MAX_DOCUMENT_BYTES {
        return Err(Unreadable(format!(
            "{shown} is {size} bytes; the most read is {MAX_DOCUMENT_BYTES}"
        )));
    }
    let text = std::fs::read_to_string(path).map_err(|e| Unreadable(format!("{shown}: {e}")))?;
    let value = match serde_json::from_str::<Value>(&text) {
        Ok(value) => value,
        Err(_) => serde_saphyr::from_str::<Value>(&text)
            .map_err(|e| Unreadable(format!("{shown} is neither JSON nor YAML: {e}")))?,
    };
    Ok(Document {
        path: path.to_path_buf(),
        value,
    })
}

/// The files named by the `$ref`s in `value` (not web addresses, which are never fetched).
fn external_refs(value: &Value) -> Vec<String> {
    let mut files = Vec::new();
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(members) => {
                if let Some(Value::String(reference)) = members.get("$ref") {
                    let file = reference.split('#').next().unwrap_or("");
                    if !file.is_empty() && !file.contains("://") && !files.iter().any(|f| f == file)
                    {
                        files.push(file.to_owned());
                    }
                }
                stack.extend(members.values());
            }
            Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    files
}

/// A JSON pointer step (RFC 6901).
pub fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

pub fn unescape(step: &str) -> String {
    step.replace("~1", "/").replace("~0", "~")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sources(value: serde_json::Value) -> Sources {
        Sources {
            documents: vec![Document {
                path: PathBuf::from("api.json"),
                value: value.into(),
            }],
        }
    }

    #[test]
    fn references_resolve_through_chains_and_stop_at_circles() {
        let s = sources(json!({
            "components": {"schemas": {
                "A": {"$ref": "#/components/schemas/B"},
                "B": {"type": "string"},
                "C": {"$ref": "#/components/schemas/C"}
            }}
        }));
        let root = At::root();
        let reference = |r: &str| Value::from(json!({ "$ref": r }));
        let to_a = reference("#/components/schemas/A");
        let (value, at) = s.resolve(&to_a, &root).unwrap();
        assert_eq!(value, &Value::from(json!({"type": "string"})));
        assert_eq!(at.last(), "B");
        assert!(
            s.resolve(&reference("#/components/schemas/C"), &root)
                .is_err()
        );
        assert!(s.resolve(&reference("#/nowhere"), &root).is_err());
        assert!(
            s.resolve(&reference("https://example.com/x.json#/a"), &root)
                .is_err()
        );
    }

    #[test]
    fn places_show_as_pointers() {
        let s = sources(json!({}));
        let at = At::root().child("paths").child("/pets/{id}").child("get");
        assert_eq!(s.show(&at), "#/paths/~1pets~1{id}/get");
        assert_eq!(at.child("a~b").last(), "a~b");
    }
}
