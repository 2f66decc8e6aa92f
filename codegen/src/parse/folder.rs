//! A service folder, parsed: its `service.yaml` and its endpoint files.

use super::ast::{OperationSpec, ServiceSpec};
use crate::diagnostics::{Diagnostic, Diagnostics, Pos, Reporter};
use crate::load::ServiceFolder;

/// One service folder, parsed. File indexes count across every folder of one run, in order,
/// `service.yaml` first in each; `check` names files by them.
pub struct ParsedFolder {
    pub folder: ServiceFolder,
    pub service: Option<ServiceSpec>,
    pub operations: Vec<OperationSpec>,
    /// The indexes of this folder's files.
    pub files: Vec<usize>,
}

impl ParsedFolder {
    /// The folder whose endpoints this service's `extends` names, as written.
    pub fn extends(&self) -> Option<&str> {
        let service = self.service.as_ref()?;
        service.extends.as_ref().map(|base| base.value.as_str())
    }
}

/// Parse `folder`, whose first file gets index `first_file`.
pub fn folder(
    mut folder: ServiceFolder,
    first_file: usize,
    diags: &mut Diagnostics,
) -> ParsedFolder {
    let mut next = first_file;
    let mut files = Vec::new();
    let mut service = None;
    // Each file's YAML tree is dropped once read into the AST: for a service of thousands of
    // operations the trees are larger than the AST.
    if let Some(file) = &mut folder.service_file {
        let root = file.root.take();
        let mut report = Reporter::new(&file.name, &file.text, &file.lines, diags);
        service = root
            .as_ref()
            .and_then(|root| super::service(root, next, &mut report));
        files.push(next);
        next += 1;
    } else {
        diags.push(missing_service_file(&folder));
    }
    let mut operations = Vec::new();
    for file in &mut folder.endpoint_files {
        let root = file.root.take();
        let mut report = Reporter::new(&file.name, &file.text, &file.lines, diags);
        operations.extend(
            root.as_ref()
                .and_then(|root| super::operation(root, next, &mut report)),
        );
        files.push(next);
        next += 1;
    }
    ParsedFolder {
        folder,
        service,
        operations,
        files,
    }
}

/// Parse every folder, numbering their files in order.
pub fn folders(folders: Vec<ServiceFolder>, diags: &mut Diagnostics) -> Vec<ParsedFolder> {
    let mut next = 0;
    let mut out = Vec::new();
    for f in folders {
        let parsed = folder(f, next, diags);
        next += parsed.files.len();
        out.push(parsed);
    }
    out
}

fn missing_service_file(folder: &ServiceFolder) -> Diagnostic {
    let shown = folder
        .endpoint_files
        .first()
        .and_then(|f| f.name.rsplit_once('/').map(|(dir, _)| dir.to_string()))
        .unwrap_or_else(|| folder.folder.clone());
    Diagnostic {
        file: format!("{shown}/service.yaml"),
        pos: Pos::FILE_START,
        warning: false,
        message: format!("service folder `{}` has no service.yaml", folder.folder),
        help: Some("add a service.yaml with at least `service:` and `title:`".to_string()),
        snippet: None,
    }
}
