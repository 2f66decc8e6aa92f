//! Mutations of a spec's YAML tree, and the strategies that pick them. Each one names its
//! target by a number taken modulo the eligible sites, so every generated mutation applies.

use proptest::prelude::*;
use specgen::diagnostics::Pos;
use specgen::load::{Node, Value};

/// A value of another kind, to put where a node was.
#[derive(Debug, Clone)]
pub enum Kind {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
    /// The old value, inside a list.
    List,
    /// The old value, inside a map.
    Map,
}

/// How to send a reference (a type name, or the service an `extends` names) astray.
#[derive(Debug, Clone)]
pub enum Reference {
    /// One character fewer: close enough for a did-you-mean.
    Typo,
    /// A name nothing defines.
    Unknown(String),
    /// Another reference of the same file: may make a type contain itself.
    Other(usize),
    /// `depth` times `list<…>` or `map<string, …>` around it.
    Wrapped { map: bool, depth: usize },
}

#[derive(Debug, Clone)]
pub enum Mutation {
    DropKey {
        map: usize,
        entry: usize,
    },
    SwapType {
        node: usize,
        to: Kind,
    },
    UnknownKey {
        map: usize,
        key: String,
    },
    DuplicateKey {
        map: usize,
        entry: usize,
    },
    BreakReference {
        reference: usize,
        to: Reference,
    },
    /// The value inside `depth` lists (or maps).
    Nest {
        node: usize,
        depth: usize,
        maps: bool,
    },
    HugeString {
        string: usize,
        len: usize,
    },
    OddUnicode {
        string: usize,
        at: usize,
        text: String,
    },
}

/// Characters that trip up text handling: bidi controls, zero-width and combining marks,
/// NUL and other controls, a BOM, a line separator, case changes that change length, and
/// astral-plane characters.
const ODD: &[char] = &[
    '\u{200F}',
    '\u{202E}',
    '\u{200B}',
    '\u{200D}',
    '\u{0301}',
    '\u{FEFF}',
    '\0',
    '\u{7F}',
    '\u{85}',
    '\u{2028}',
    'İ',
    'ß',
    'ﬁ',
    'ع',
    '\u{1F600}',
    '\u{1D400}',
    '\u{10FFFF}',
    '\t',
];

pub fn odd_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ODD), 1..4).prop_map(|c| c.into_iter().collect())
}

fn kind() -> impl Strategy<Value = Kind> {
    prop_oneof![
        Just(Kind::Null),
        any::<bool>().prop_map(Kind::Bool),
        prop_oneof![any::<i64>(), -2..1_000i64].prop_map(Kind::Int),
        (-1e300..1e300f64).prop_map(Kind::Float),
        "[a-zA-Z0-9 _<>,]{0,12}".prop_map(Kind::Text),
        Just(Kind::List),
        Just(Kind::Map),
    ]
}

fn reference() -> impl Strategy<Value = Reference> {
    prop_oneof![
        Just(Reference::Typo),
        "[A-Za-z][A-Za-z0-9_]{0,10}".prop_map(Reference::Unknown),
        any::<usize>().prop_map(Reference::Other),
        (any::<bool>(), prop_oneof![1..4usize, 1..5_000usize])
            .prop_map(|(map, depth)| Reference::Wrapped { map, depth }),
    ]
}

pub fn mutation() -> impl Strategy<Value = Mutation> {
    let key = prop_oneof!["[a-z_][a-z0-9_]{0,12}", odd_text()];
    prop_oneof![
        (any::<usize>(), any::<usize>()).prop_map(|(map, entry)| Mutation::DropKey { map, entry }),
        (any::<usize>(), kind()).prop_map(|(node, to)| Mutation::SwapType { node, to }),
        (any::<usize>(), key).prop_map(|(map, key)| Mutation::UnknownKey { map, key }),
        (any::<usize>(), any::<usize>())
            .prop_map(|(map, entry)| Mutation::DuplicateKey { map, entry }),
        (any::<usize>(), reference())
            .prop_map(|(reference, to)| Mutation::BreakReference { reference, to }),
        (any::<usize>(), 1..48usize, any::<bool>())
            .prop_map(|(node, depth, maps)| Mutation::Nest { node, depth, maps }),
        (any::<usize>(), 1_000..200_000usize)
            .prop_map(|(string, len)| Mutation::HugeString { string, len }),
        (any::<usize>(), any::<usize>(), odd_text())
            .prop_map(|(string, at, text)| Mutation::OddUnicode { string, at, text }),
    ]
}

/// Where a node sits: child indexes from the root (a map entry `i` has its key at `2i` and its
/// value at `2i + 1`), and the key it is the value of.
struct Site {
    path: Vec<usize>,
    key: Option<String>,
    /// Entries, if the node is a map.
    map_len: Option<usize>,
    /// The text, if the node is a string.
    string: Option<String>,
}

/// Keys whose string values (or list items) name a type, a service or a scope.
const REFERENCE_KEYS: &[&str] = &["type", "body", "extends", "one_of", "scopes"];

impl Mutation {
    /// Applies the mutation to `root`; `false` when the tree has no site for it.
    pub fn apply(&self, root: &mut Node) -> bool {
        let mut sites = Vec::new();
        collect(root, &mut Vec::new(), None, &mut sites);
        let pick = |n: usize, eligible: &dyn Fn(&Site) -> bool| {
            let found: Vec<&Site> = sites.iter().filter(|s| eligible(s)).collect();
            (!found.is_empty()).then(|| found[n % found.len()].path.clone())
        };
        let is_map = |s: &Site| s.map_len.is_some_and(|len| len > 0);
        let is_string = |s: &Site| s.string.is_some();
        let is_reference = |s: &Site| {
            is_string(s)
                && s.key
                    .as_deref()
                    .is_some_and(|k| REFERENCE_KEYS.contains(&k))
        };
        let target = match self {
            Mutation::DropKey { map: n, .. } | Mutation::DuplicateKey { map: n, .. } => {
                pick(*n, &is_map)
            }
            Mutation::UnknownKey { map: n, .. } => pick(*n, &|s: &Site| s.map_len.is_some()),
            Mutation::SwapType { node: n, .. } | Mutation::Nest { node: n, .. } => {
                pick(*n, &|_: &Site| true)
            }
            Mutation::HugeString { string: n, .. } | Mutation::OddUnicode { string: n, .. } => {
                pick(*n, &is_string)
            }
            Mutation::BreakReference { reference: n, .. } => pick(*n, &is_reference),
        };
        let Some(path) = target else { return false };
        let references: Vec<String> = sites
            .iter()
            .filter(|s| is_reference(s))
            .filter_map(|s| s.string.clone())
            .collect();
        let node = at_path(root, &path);
        match self {
            Mutation::DropKey { entry, .. } => {
                if let Value::Map(entries) = &mut node.value {
                    entries.remove(entry % entries.len());
                }
            }
            Mutation::DuplicateKey { entry, .. } => {
                if let Value::Map(entries) = &mut node.value {
                    let copy = entries[entry % entries.len()].clone();
                    entries.push(copy);
                }
            }
            Mutation::UnknownKey { key, .. } => {
                if let Value::Map(entries) = &mut node.value {
                    entries.push((text(key), text("surprise")));
                }
            }
            Mutation::SwapType { to, .. } => swap(node, to),
            Mutation::Nest { depth, maps, .. } => {
                for _ in 0..*depth {
                    let inner = std::mem::replace(node, text(""));
                    *node = if *maps {
                        bare(Value::Map(vec![(text("nested"), inner)]))
                    } else {
                        bare(Value::Seq(vec![inner]))
                    };
                }
            }
            Mutation::HugeString { len, .. } => {
                let pattern = "long text ∑ ";
                node.value = Value::Str(pattern.chars().cycle().take(*len).collect());
            }
            Mutation::OddUnicode { at, text: odd, .. } => {
                if let Value::Str(s) = &mut node.value {
                    let mut chars: Vec<char> = s.chars().collect();
                    let at = at % (chars.len() + 1);
                    chars.splice(at..at, odd.chars());
                    *s = chars.into_iter().collect();
                }
            }
            Mutation::BreakReference { to, .. } => {
                if let Value::Str(name) = &mut node.value {
                    *name = match to {
                        Reference::Typo => {
                            let mut typo = name.clone();
                            typo.pop();
                            typo
                        }
                        Reference::Unknown(other) => other.clone(),
                        Reference::Other(n) => references[n % references.len()].clone(),
                        Reference::Wrapped { map, depth } => {
                            let open = if *map { "map<string, " } else { "list<" };
                            format!("{}{name}{}", open.repeat(*depth), ">".repeat(*depth))
                        }
                    };
                }
            }
        }
        true
    }
}

fn collect(node: &Node, path: &mut Vec<usize>, key: Option<String>, out: &mut Vec<Site>) {
    out.push(Site {
        path: path.clone(),
        key: key.clone(),
        map_len: match &node.value {
            Value::Map(entries) => Some(entries.len()),
            _ => None,
        },
        string: node.as_str().map(str::to_owned),
    });
    let children: Vec<(&Node, Option<String>)> = match &node.value {
        Value::Map(entries) => entries
            .iter()
            .flat_map(|(k, v)| [(k, None), (v, k.as_str().map(str::to_owned))])
            .collect(),
        // Items of a `one_of` list are references too.
        Value::Seq(items) => items.iter().map(|item| (item, key.clone())).collect(),
        _ => Vec::new(),
    };
    for (i, (child, child_key)) in children.into_iter().enumerate() {
        path.push(i);
        collect(child, path, child_key, out);
        path.pop();
    }
}

fn at_path<'n>(mut node: &'n mut Node, path: &[usize]) -> &'n mut Node {
    for &i in path {
        node = match &mut node.value {
            Value::Map(entries) => {
                let (k, v) = &mut entries[i / 2];
                if i % 2 == 0 { k } else { v }
            }
            Value::Seq(items) => &mut items[i],
            _ => unreachable!("paths lead through collections"),
        };
    }
    node
}

fn swap(node: &mut Node, to: &Kind) {
    let old = std::mem::replace(node, bare(Value::Null));
    node.value = match to {
        Kind::Null => Value::Null,
        Kind::Bool(b) => Value::Bool(*b),
        Kind::Int(n) => Value::Number((*n).into()),
        Kind::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
        Kind::Text(s) => Value::Str(s.clone()),
        Kind::List => Value::Seq(vec![old]),
        Kind::Map => Value::Map(vec![(text("value"), old)]),
    };
}

fn bare(value: Value) -> Node {
    Node {
        pos: Pos::default(),
        value,
    }
}

fn text(s: &str) -> Node {
    bare(Value::Str(s.to_string()))
}
