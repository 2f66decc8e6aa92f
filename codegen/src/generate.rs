//! Writing generated files, only where their bytes change, and comparing them with what is on
//! disk.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use crate::Error;
use crate::layout::Files;

/// A generated file that differs from what is on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drift {
    Missing(PathBuf),
    Stale(PathBuf),
    /// A file specgen generated earlier that no spec produces any more.
    Orphaned(PathBuf),
}

impl std::fmt::Display for Drift {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Drift::Missing(p) => write!(f, "missing: {}", p.display()),
            Drift::Stale(p) => write!(f, "stale:   {}", p.display()),
            Drift::Orphaned(p) => write!(f, "orphan:  {}", p.display()),
        }
    }
}

/// Compare `files` with the contents of `dir`.
pub fn drift(dir: &Path, files: &Files) -> Result<Vec<Drift>, Error> {
    let folder = Folder::new(dir, false);
    for (relative, contents) in files {
        folder.file(relative, contents);
    }
    folder.finish()
}

/// Write `files` under `dir`, touching only files whose bytes change, and remove files specgen
/// generated earlier that no spec produces now. Returns what changed.
pub fn write(dir: &Path, files: &Files) -> Result<Vec<Drift>, Error> {
    let folder = Folder::new(dir, true);
    for (relative, contents) in files {
        folder.file(relative, contents);
    }
    folder.finish()
}

/// A folder of generated files compared (and, when writing, brought up to date) a file at a
/// time, from any thread, so files can be handed over as they are rendered and none kept.
pub struct Folder<'d> {
    dir: &'d Path,
    write: bool,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    seen: BTreeSet<String>,
    changes: Vec<Drift>,
    error: Option<Error>,
}

impl<'d> Folder<'d> {
    /// A folder to compare with what it is given; with `write`, also to write it.
    pub fn new(dir: &'d Path, write: bool) -> Folder<'d> {
        Folder {
            dir,
            write,
            state: Mutex::default(),
        }
    }

    /// One generated file, at `relative` under the folder: compared, and written if it
    /// differs and the folder is written.
    pub fn file(&self, relative: &str, contents: &str) {
        let path = self.dir.join(relative);
        let change = match std::fs::read(&path) {
            Ok(existing) if existing == contents.as_bytes() => Ok(None),
            Ok(_) => Ok(Some(Drift::Stale(path))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Some(Drift::Missing(path))),
            Err(source) => Err(io(&path, source)),
        };
        let change = change.and_then(|change| match (&change, self.write) {
            (Some(Drift::Stale(path) | Drift::Missing(path)), true) => {
                write_file(path, contents).map(|_| change)
            }
            _ => Ok(change),
        });
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.seen.insert(relative.to_owned());
        match change {
            Ok(change) => state.changes.extend(change),
            Err(error) => {
                state.error.get_or_insert(error);
            }
        }
    }

    /// How many files it was given.
    pub fn count(&self) -> usize {
        self.state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .seen
            .len()
    }

    /// What differed or changed, with the files specgen generated earlier that it was not
    /// given (removed, when the folder is written); the first error met, if any.
    pub fn finish(self) -> Result<Vec<Drift>, Error> {
        let state = self
            .state
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(error) = state.error {
            return Err(error);
        }
        let mut changes = state.changes;
        changes.sort_by(|a, b| path_of(a).cmp(path_of(b)));
        for path in generated_files(self.dir)? {
            let relative = path
                .strip_prefix(self.dir)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            if state.seen.contains(&relative) {
                continue;
            }
            if self.write {
                std::fs::remove_file(&path).map_err(|source| io(&path, source))?;
            }
            changes.push(Drift::Orphaned(path));
        }
        Ok(changes)
    }
}

fn path_of(drift: &Drift) -> &Path {
    match drift {
        Drift::Missing(path) | Drift::Stale(path) | Drift::Orphaned(path) => path,
    }
}

/// Writes `contents` to `path` (creating its folder) unless the file already holds exactly
/// those bytes; whether it wrote.
pub fn write_file(path: &Path, contents: &str) -> Result<bool, Error> {
    if std::fs::read(path).ok().as_deref() == Some(contents.as_bytes()) {
        return Ok(false);
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|source| io(parent, source))?;
    }
    std::fs::write(path, contents).map_err(|source| io(path, source))?;
    Ok(true)
}

fn io(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Every `.rs` file under `dir` whose first line marks it as generated by specgen.
fn generated_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        let entries = match std::fs::read_dir(&current) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(source) => return Err(io(&current, source)),
        };
        for entry in entries {
            let path = entry.map_err(|source| io(&current, source))?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && std::fs::read_to_string(&path)
                    .is_ok_and(|t| t.starts_with("// @generated by specgen"))
            {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}
