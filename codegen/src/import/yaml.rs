//! The spec files an import writes, as a small YAML tree rendered the way a person writes
//! specs: block maps for the structure, one-line flow maps for a field or parameter that fits
//! on a line, comments before the entries they are about, and scalars quoted only where YAML
//! would read them as something else.

use super::json::Value;

/// A YAML value.
#[derive(Debug, Clone, PartialEq)]
pub enum Yaml {
    /// A text, quoted where a plain scalar would read otherwise.
    Str(String),
    /// A number, written as JSON writes it.
    Number(serde_json::Number),
    Bool(bool),
    /// `~`: nothing (an alternative that is only its tag).
    Null,
    Seq(Vec<Yaml>),
    Map(Map),
}

/// An ordered map whose entries may carry a comment.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Map(pub Vec<Entry>);

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub value: Yaml,
    /// Written as `# …` lines before the entry.
    pub comment: Option<String>,
}

impl Map {
    pub fn new() -> Self {
        Map::default()
    }

    /// Adds `key: value`.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<Yaml>) {
        self.0.push(Entry {
            key: key.into(),
            value: value.into(),
            comment: None,
        });
    }

    /// Adds `key: value`, after a comment.
    pub fn insert_commented(
        &mut self,
        key: impl Into<String>,
        value: impl Into<Yaml>,
        comment: String,
    ) {
        self.0.push(Entry {
            key: key.into(),
            value: value.into(),
            comment: Some(comment),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, key: &str) -> Option<&Yaml> {
        self.0.iter().find(|e| e.key == key).map(|e| &e.value)
    }
}

impl From<&str> for Yaml {
    fn from(text: &str) -> Self {
        Yaml::Str(text.to_owned())
    }
}

impl From<String> for Yaml {
    fn from(text: String) -> Self {
        Yaml::Str(text)
    }
}

impl From<bool> for Yaml {
    fn from(b: bool) -> Self {
        Yaml::Bool(b)
    }
}

impl From<Map> for Yaml {
    fn from(map: Map) -> Self {
        Yaml::Map(map)
    }
}

impl From<u64> for Yaml {
    fn from(n: u64) -> Self {
        Yaml::Number(n.into())
    }
}

impl Yaml {
    /// A JSON value as YAML (an example, a default): maps and lists alike, members in the
    /// order written.
    pub fn from_json(value: &Value) -> Yaml {
        match value {
            Value::Null => Yaml::Null,
            Value::Bool(b) => Yaml::Bool(*b),
            Value::Number(n) => Yaml::Number(n.clone()),
            Value::String(s) => Yaml::Str(s.clone()),
            Value::Array(items) => Yaml::Seq(items.iter().map(Yaml::from_json).collect()),
            Value::Object(members) => Yaml::Map(Map(members
                .iter()
                .map(|(k, v)| Entry {
                    key: k.clone(),
                    value: Yaml::from_json(v),
                    comment: None,
                })
                .collect())),
        }
    }
}

/// The longest line a flow map or list may take before it is written as a block.
const FLOW_WIDTH: usize = 96;
/// The keys whose values are JSON values rather than spec structure.
const VALUE_KEYS: &[&str] = &["examples", "default", "const", "reject_body"];

/// A step from a map to an entry, or from a list to an item.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// The lines (from 1, inclusive) an entry or item takes, and the path to it.
#[derive(Debug, Clone)]
pub struct Span {
    pub first: usize,
    pub last: usize,
    pub path: Vec<Step>,
}

/// The whole document: a map at the top, with a header comment.
pub fn render(header: &str, document: &Map) -> String {
    render_with_spans(header, document).0
}

/// The document and where each entry and item of it is written.
pub fn render_with_spans(header: &str, document: &Map) -> (String, Vec<Span>) {
    let mut writer = Writer::default();
    for line in header.lines() {
        writer.line(&format!("# {line}"));
    }
    writer.block_map(document, 0);
    (writer.out, writer.spans)
}

#[derive(Default)]
struct Writer {
    out: String,
    lines: usize,
    path: Vec<Step>,
    spans: Vec<Span>,
}

impl Writer {
    fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
        self.lines += 1;
    }

    /// Whether the writer is inside a value (an example, a default), which any depth of flow
    /// maps may write; the structure of a spec nests only one level on a line.
    fn in_values(&self) -> bool {
        self.path
            .iter()
            .any(|s| matches!(s, Step::Key(k) if VALUE_KEYS.contains(&k.as_str())))
    }

    /// Runs `write` for the entry or item at `step`, recording the lines it takes.
    fn spanned(&mut self, step: Step, write: impl FnOnce(&mut Self)) {
        self.path.push(step);
        let first = self.lines + 1;
        write(self);
        self.spans.push(Span {
            first,
            last: self.lines,
            path: self.path.clone(),
        });
        self.path.pop();
    }

    fn block_map(&mut self, map: &Map, indent: usize) {
        let pad = " ".repeat(indent);
        for entry in &map.0 {
            if let Some(comment) = &entry.comment {
                for line in comment.lines() {
                    self.line(&format!("{pad}# {line}"));
                }
            }
            let key = key(&entry.key);
            self.spanned(Step::Key(entry.key.clone()), |w| {
                w.entry(&pad, &key, &entry.value, indent)
            });
        }
    }

    /// `key: value` at `indent`, the value on the line where it fits.
    fn entry(&mut self, pad: &str, key: &str, value: &Yaml, indent: usize) {
        let room = FLOW_WIDTH.saturating_sub(key.len() + indent + 2);
        if let Yaml::Str(text) = value
            && !literal(text)
        {
            self.line(&format!("{pad}{key}: {}", block_scalar(text)));
            return;
        }
        if let Some(text) = flow(value, room, self.in_values()) {
            self.line(&format!("{pad}{key}: {text}"));
            return;
        }
        match value {
            Yaml::Map(inner) if !inner.is_empty() => {
                self.line(&format!("{pad}{key}:"));
                self.block_map(inner, indent + 2);
            }
            Yaml::Seq(items) if !items.is_empty() => {
                self.line(&format!("{pad}{key}:"));
                self.block_seq(items, indent + 2);
            }
            Yaml::Str(text) if literal(text) => {
                self.line(&format!("{pad}{key}: |{}", chomping(text)));
                self.literal_lines(text, indent + 2);
            }
            // A long text: written as one quoted line, which YAML reads back exactly.
            other => self.line(&format!("{pad}{key}: {}", inline(other))),
        }
    }

    fn block_seq(&mut self, items: &[Yaml], indent: usize) {
        let pad = " ".repeat(indent);
        for (i, item) in items.iter().enumerate() {
            self.spanned(Step::Index(i), |w| w.item(&pad, item, indent));
        }
    }

    fn item(&mut self, pad: &str, item: &Yaml, indent: usize) {
        let room = FLOW_WIDTH.saturating_sub(indent + 2);
        if let Yaml::Str(text) = item
            && !literal(text)
        {
            self.line(&format!("{pad}- {}", block_scalar(text)));
            return;
        }
        if let Some(text) = flow(item, room, self.in_values()) {
            self.line(&format!("{pad}- {text}"));
            return;
        }
        match item {
            Yaml::Map(map) if !map.is_empty() => {
                // The first entry on the dash's line, the rest under it.
                let start = self.out.len();
                self.block_map(map, indent + 2);
                let first = &self.out[start..];
                let trimmed = first.trim_start().to_owned();
                self.out.truncate(start);
                self.out.push_str(&format!("{pad}- {trimmed}"));
            }
            Yaml::Seq(inner) if !inner.is_empty() => {
                self.line(&format!("{pad}-"));
                self.block_seq(inner, indent + 2);
            }
            Yaml::Str(text) if literal(text) => {
                self.line(&format!("{pad}- |{}", chomping(text)));
                self.literal_lines(text, indent + 2);
            }
            other => self.line(&format!("{pad}- {}", inline(other))),
        }
    }

    /// The lines of a literal block scalar, indented.
    fn literal_lines(&mut self, text: &str, indent: usize) {
        let pad = " ".repeat(indent);
        for line in text.trim_end_matches('\n').split('\n') {
            if line.is_empty() {
                self.line("");
            } else {
                self.line(&format!("{pad}{line}"));
            }
        }
    }
}

/// Whether a text of several lines is written as a literal block (`|`), which YAML reads
/// back exactly: printable, not starting with a space (which would need an indentation
/// indicator), no line of only spaces.
fn literal(text: &str) -> bool {
    text.contains('\n')
        && !text.starts_with([' ', '\t', '\n'])
        && text
            .chars()
            .all(|c| c == '\n' || !c.is_control() || c == '\t')
        && !text
            .split('\n')
            .any(|l| !l.is_empty() && l.trim().is_empty())
        && !text.contains("\t")
}

/// The chomping indicator that keeps a text's final line breaks: none for one, `-` for
/// none, `+` for more.
fn chomping(text: &str) -> &'static str {
    let breaks = text.len() - text.trim_end_matches('\n').len();
    match breaks {
        0 => "-",
        1 => "",
        _ => "+",
    }
}

/// The value on one line of at most `room` characters, where it has no comments inside: a
/// scalar, or a flow map or list of such values; outside values (`deep` false), a map on a
/// line holds no map.
fn flow(value: &Yaml, room: usize, deep: bool) -> Option<String> {
    let text = match value {
        Yaml::Map(map) => {
            let nested = |v: &Yaml| matches!(v, Yaml::Map(m) if !m.is_empty());
            if map
                .0
                .iter()
                .any(|e| e.comment.is_some() || !deep && nested(&e.value))
            {
                return None;
            }
            let mut entries = Vec::new();
            let mut used = 4;
            for e in &map.0 {
                let text = format!(
                    "{}: {}",
                    key(&e.key),
                    flow(&e.value, room.checked_sub(used)?, deep)?
                );
                used += text.len() + 2;
                entries.push(text);
            }
            if entries.is_empty() {
                "{}".to_owned()
            } else {
                format!("{{ {} }}", entries.join(", "))
            }
        }
        Yaml::Seq(items) => {
            let mut texts = Vec::new();
            let mut used = 2;
            for item in items {
                let text = flow(item, room.checked_sub(used)?, deep)?;
                used += text.len() + 2;
                texts.push(text);
            }
            format!("[{}]", texts.join(", "))
        }
        Yaml::Str(text) if text.contains('\n') => return None,
        other => inline(other),
    };
    (text.len() <= room).then_some(text)
}

/// A scalar, or an empty map or list, on one line.
fn inline(value: &Yaml) -> String {
    match value {
        Yaml::Str(text) => scalar(text),
        Yaml::Number(n) => n.to_string(),
        Yaml::Bool(b) => b.to_string(),
        Yaml::Null => "~".to_owned(),
        Yaml::Map(_) => "{}".to_owned(),
        Yaml::Seq(_) => "[]".to_owned(),
    }
}

/// A map key: as a scalar, but an HTTP status plain (`200:`), which the specs read as its
/// text.
fn key(text: &str) -> String {
    let status = text.len() == 3
        && text.starts_with(['1', '2', '3', '4', '5'])
        && text.bytes().all(|b| b.is_ascii_digit());
    if status {
        text.to_owned()
    } else {
        scalar(text)
    }
}

/// A text as a YAML scalar: plain where YAML reads it back as the same text, in a flow context
/// too; else double-quoted as JSON writes it (JSON strings are YAML double-quoted scalars).
pub fn scalar(text: &str) -> String {
    if is_plain(text) {
        text.to_owned()
    } else {
        serde_json::to_string(text).unwrap_or_else(|_| format!("{text:?}"))
    }
}

/// A text as a YAML scalar outside flow maps and lists, where `,[]{}` inside it mean nothing.
fn block_scalar(text: &str) -> String {
    let flow_only = text.chars().skip(1).any(|c| ",[]{}".contains(c));
    if flow_only
        && is_plain(&text.replace([',', '[', ']', '{', '}'], "x"))
        && !text.starts_with(['[', '{'])
    {
        text.to_owned()
    } else {
        scalar(text)
    }
}

/// Whether `text` can be written unquoted: no character YAML gives a meaning to (in block and
/// flow context), not read as another type, no leading or trailing space.
fn is_plain(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let special_start = "-?:,[]{}#&*!|>'\"%@`~".contains(first);
    let special_inside = text.contains(": ")
        || text.contains(" #")
        || text.ends_with(':')
        || text.chars().any(|c| ",[]{}".contains(c) || c.is_control());
    let other_type = is_reserved_word(text)
        || text.parse::<f64>().is_ok()
        || text.starts_with('.')
        || text.starts_with('+')
        || text.chars().next().is_some_and(|c| c.is_ascii_digit());
    !special_start && !special_inside && !other_type && text.trim() == text
}

/// Words some YAML reader takes for a boolean or null (YAML 1.1 included, to be safe).
fn is_reserved_word(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", "nan", "inf",
    ];
    WORDS.contains(&text.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_where_yaml_reads_the_same_text() {
        for plain in ["string", "list<Pet>", "Pet", "a b", "x-rate", "é"] {
            assert_eq!(scalar(plain), plain);
        }
        for quoted in [
            "",
            "true",
            "No",
            "null",
            "1",
            "1.5",
            "0x1F",
            "-1",
            "a: b",
            "a #b",
            "#x",
            "*x",
            "[x]",
            "a,b",
            "/pets/{petId}",
            " x",
            "x ",
            "{x}",
            "line\nbreak",
            "map<string, int32>",
            "~",
            "@x",
            "`x",
            "'x'",
            "%x",
        ] {
            assert!(scalar(quoted).starts_with('"'), "{quoted:?}");
        }
    }

    #[test]
    fn fields_fit_on_a_line_and_structure_is_block() {
        let mut field = Map::new();
        field.insert("type", "string");
        field.insert("required", true);
        let mut fields = Map::new();
        fields.insert("name", field);
        let mut pet = Map::new();
        pet.insert_commented(
            "fields",
            fields,
            "not imported: `xml` (at /components/schemas/Pet/xml)".into(),
        );
        let mut doc = Map::new();
        doc.insert("Pet", pet);
        let text = render("imported", &doc);
        assert_eq!(
            text,
            "# imported\nPet:\n  # not imported: `xml` (at /components/schemas/Pet/xml)\n  fields:\n    name: { type: string, required: true }\n"
        );
    }

    #[test]
    fn lists_of_maps_take_the_dash_line() {
        let mut server = Map::new();
        server.insert("url", "https://api.example.com/v1");
        let mut long = Map::new();
        long.insert("description", "x".repeat(120));
        let doc = Map(vec![Entry {
            key: "servers".into(),
            value: Yaml::Seq(vec![Yaml::Map(server), Yaml::Map(long)]),
            comment: None,
        }]);
        let text = render("", &doc);
        assert!(
            text.contains("servers:\n  - { url: https://api.example.com/v1 }\n  - description: "),
            "{text}"
        );
    }
}
