//! Reading spec folders from disk into positioned trees.

pub mod limits;
mod node;
mod yaml;

use std::path::{Path, PathBuf};

pub use node::{Node, Value};

use crate::diagnostics::{Diagnostics, LineStarts, Pos, Reporter};
use crate::parallel::{self, Job};

/// One spec file: its name for messages, its text, and its parsed tree (if it parsed).
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as shown in messages: relative to the specs root's parent, `/`-separated.
    pub name: String,
    /// The path on disk (for `rerun-if-changed`).
    pub path: PathBuf,
    pub text: String,
    /// Where each line of `text` starts, for diagnostics.
    pub lines: LineStarts,
    pub root: Option<Node>,
}

/// The files of one service folder: `service.yaml` first, then endpoint files by name.
#[derive(Debug, Clone)]
pub struct ServiceFolder {
    /// The folder name (`specs/<folder>`).
    pub folder: String,
    pub service_file: Option<SourceFile>,
    pub endpoint_files: Vec<SourceFile>,
}

/// Read every service folder under `specs_dir` (sorted by name).
pub fn load_dir(
    specs_dir: &Path,
    display_root: &str,
    diags: &mut Diagnostics,
) -> Vec<ServiceFolder> {
    let mut folders = Vec::new();
    let entries = match sorted_entries(specs_dir) {
        Ok(entries) => entries,
        Err(error) => {
            diags.push(io_problem(
                display_root,
                &format!("cannot read the specs folder: {error}"),
            ));
            return folders;
        }
    };
    for dir in entries.into_iter().filter(|p| p.is_dir()) {
        let folder = file_name(&dir);
        folders.push(load_service(
            &dir,
            &format!("{display_root}/{folder}"),
            diags,
        ));
    }
    folders
}

/// Read one service folder.
pub fn load_service(dir: &Path, display_dir: &str, diags: &mut Diagnostics) -> ServiceFolder {
    let folder = file_name(dir);
    let mut service = ServiceFolder {
        folder,
        service_file: None,
        endpoint_files: Vec::new(),
    };
    let entries = match sorted_entries(dir) {
        Ok(entries) => entries,
        Err(error) => {
            diags.push(io_problem(
                display_dir,
                &format!("cannot read the service folder: {error}"),
            ));
            return service;
        }
    };
    let files: Vec<(PathBuf, String)> = entries
        .into_iter()
        .map(|path| {
            let name = file_name(&path);
            (path, name)
        })
        .filter(|(path, name)| {
            path.is_file() && (name.ends_with(".yaml") || name.ends_with(".yml"))
        })
        .collect();
    // Files parse on every core, each into its own problems, merged back in file order.
    let jobs = files
        .iter()
        .map(|(path, name)| {
            Box::new(move || {
                let mut problems = Diagnostics::default();
                let file = load_file(path, format!("{display_dir}/{name}"), &mut problems);
                (file, problems)
            }) as Job<'_, _>
        })
        .collect();
    for ((_, name), (file, problems)) in files.iter().zip(parallel::run(jobs)) {
        diags.extend(problems);
        let Some(file) = file else {
            continue;
        };
        if name == "service.yaml" || name == "service.yml" {
            service.service_file = Some(file);
        } else {
            service.endpoint_files.push(file);
        }
    }
    service
}

fn load_file(path: &Path, name: String, diags: &mut Diagnostics) -> Option<SourceFile> {
    // Refused before reading, so a huge file is never held in memory.
    if let Ok(meta) = std::fs::metadata(path)
        && meta.len() > limits::MAX_FILE_BYTES as u64
    {
        let lines = LineStarts::default();
        yaml::too_large(meta.len(), &mut Reporter::new(&name, "", &lines, diags));
        return Some(SourceFile {
            name,
            path: path.to_path_buf(),
            text: String::new(),
            lines,
            root: None,
        });
    }
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::InvalidData => {
            let mut problem = io_problem(&name, "the file is not UTF-8 text");
            problem.help = Some("save the spec as UTF-8".to_string());
            diags.push(problem);
            return None;
        }
        Err(error) => {
            diags.push(io_problem(&name, &format!("cannot read the file: {error}")));
            return None;
        }
    };
    Some(parse_source(name, path.to_path_buf(), text, diags))
}

/// Parse spec text that did not come from disk (tests, `include_spec!`).
pub fn parse_source(
    name: String,
    path: PathBuf,
    text: String,
    diags: &mut Diagnostics,
) -> SourceFile {
    let lines = LineStarts::of(&text);
    let root = yaml::parse(&text, &mut Reporter::new(&name, &text, &lines, diags));
    SourceFile {
        name,
        path,
        text,
        lines,
        root,
    }
}

/// Whether `name` names a folder beside the service's own (what `extends:` may name): one path
/// component, so a spec never makes specgen read outside the specs folder.
pub fn is_sibling_name(name: &str) -> bool {
    let mut components = Path::new(name).components();
    matches!(
        (components.next(), components.next()),
        (Some(std::path::Component::Normal(_)), None)
    ) && !name.contains(['/', '\\'])
}

fn sorted_entries(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut entries = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<Vec<_>>>()?;
    entries.sort();
    Ok(entries)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn io_problem(file: &str, message: &str) -> crate::diagnostics::Diagnostic {
    crate::diagnostics::Diagnostic {
        file: file.to_string(),
        pos: Pos::FILE_START,
        warning: false,
        message: message.to_string(),
        help: Some("check the path and its permissions".to_string()),
        snippet: None,
    }
}
