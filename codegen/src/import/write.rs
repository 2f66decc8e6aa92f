//! Writing an import's files into a spec folder. The folder keeps a manifest of what the last
//! import wrote (each file's hash), so a re-import replaces only files nobody has edited since:
//! an edited file, or one the import did not write, is refused unless forced.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The manifest's file name: not `.yaml`, so the folder's specs never include it.
pub const MANIFEST: &str = ".specgen-import";

/// What writing did.
#[derive(Debug, Default)]
pub struct Written {
    /// Files written (new or changed).
    pub written: Vec<PathBuf>,
    /// Files of the last import that this one no longer produces, removed.
    pub removed: Vec<PathBuf>,
    /// Files left as they were (the same bytes).
    pub unchanged: usize,
}

/// Why nothing was written.
#[derive(Debug)]
pub enum WriteError {
    /// Files that were edited since the last import, or not written by one.
    Edited(Vec<PathBuf>),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Edited(paths) => {
                writeln!(
                    f,
                    "these files were edited since they were imported, or not imported at all:"
                )?;
                for path in paths {
                    writeln!(f, "  {}", path.display())?;
                }
                write!(
                    f,
                    "nothing was written; import into another folder, or pass --force to replace them"
                )
            }
            WriteError::Io(path, error) => write!(f, "{}: {error}", path.display()),
        }
    }
}

/// Writes `files` (name → text) into `dir`. Unless `force`, refuses when a file it would
/// replace or remove is not as the last import wrote it.
pub fn write(
    dir: &Path,
    files: &BTreeMap<String, String>,
    force: bool,
) -> Result<Written, WriteError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |e| WriteError::Io(path, e)
    };
    let manifest_path = dir.join(MANIFEST);
    let manifest = read_manifest(&manifest_path);
    let stale: Vec<String> = manifest
        .keys()
        .filter(|name| !files.contains_key(*name))
        .cloned()
        .collect();
    if !force {
        let edited: Vec<PathBuf> = files
            .keys()
            .chain(&stale)
            .filter(|name| is_edited(&dir.join(name), manifest.get(*name)))
            .map(|name| dir.join(name))
            .collect();
        if !edited.is_empty() {
            return Err(WriteError::Edited(edited));
        }
    }
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let mut done = Written::default();
    for (name, text) in files {
        let path = dir.join(name);
        if std::fs::read_to_string(&path).is_ok_and(|old| old == *text) {
            done.unchanged += 1;
            continue;
        }
        std::fs::write(&path, text).map_err(io(&path))?;
        done.written.push(path);
    }
    for name in &stale {
        let path = dir.join(name);
        if path.exists() {
            std::fs::remove_file(&path).map_err(io(&path))?;
            done.removed.push(path);
        }
    }
    std::fs::write(&manifest_path, manifest_text(files)).map_err(io(&manifest_path))?;
    Ok(done)
}

/// Whether the file at `path` exists and is not the text the manifest recorded.
fn is_edited(path: &Path, recorded: Option<&u64>) -> bool {
    match std::fs::read(path) {
        Ok(bytes) => recorded != Some(&hash(&bytes)),
        Err(_) => false,
    }
}

/// `hash  name` lines, as checksum tools write them.
fn manifest_text(files: &BTreeMap<String, String>) -> String {
    let mut text = String::from(
        "# The files `specgen import` wrote, with their FNV-1a hashes: a re-import replaces only these.\n",
    );
    for (name, content) in files {
        text.push_str(&format!("{:016x}  {name}\n", hash(content.as_bytes())));
    }
    text
}

fn read_manifest(path: &Path) -> BTreeMap<String, u64> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (hash, name) = l.split_once("  ")?;
            // Only plain file names: a manifest never makes the import touch another folder.
            let plain = !name.contains(['/', '\\']) && name != ".." && name.ends_with(".yaml");
            plain
                .then(|| Some((name.to_owned(), u64::from_str_radix(hash, 16).ok()?)))
                .flatten()
        })
        .collect()
}

/// FNV-1a, 64 bits: enough to tell an edited file from the one written.
fn hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect()
    }

    #[test]
    fn a_reimport_replaces_only_unedited_files() {
        let dir = std::env::temp_dir().join(format!("specgen-import-write-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let first = files(&[
            ("service.yaml", "service: a\n"),
            ("get.yaml", "operation: get\n"),
        ]);
        let done = write(&dir, &first, false).unwrap();
        assert_eq!(done.written.len(), 2);
        // The same import again changes nothing.
        assert_eq!(write(&dir, &first, false).unwrap().unchanged, 2);
        // A new import replaces unedited files and removes the ones it no longer makes.
        let second = files(&[("service.yaml", "service: a\ntitle: A\n")]);
        let done = write(&dir, &second, false).unwrap();
        assert_eq!((done.written.len(), done.removed.len()), (1, 1));
        // An edited file is refused, and nothing is written, unless forced.
        std::fs::write(dir.join("service.yaml"), "service: a\ntitle: Mine\n").unwrap();
        let third = files(&[("service.yaml", "service: a\ntitle: B\n")]);
        assert!(matches!(write(&dir, &third, false), Err(WriteError::Edited(p)) if p.len() == 1));
        assert_eq!(
            std::fs::read_to_string(dir.join("service.yaml")).unwrap(),
            "service: a\ntitle: Mine\n"
        );
        write(&dir, &third, true).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.join("service.yaml")).unwrap(),
            "service: a\ntitle: B\n"
        );
        // A file the import never wrote is the user's: refused too.
        std::fs::write(dir.join("extra.yaml"), "operation: extra\n").unwrap();
        let fourth = files(&[
            ("service.yaml", "service: a\ntitle: B\n"),
            ("extra.yaml", "x\n"),
        ]);
        assert!(write(&dir, &fourth, false).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
