//! Files received in a multipart/form-data body.

use crate::file::FilePart;

/// The file parts of a multipart body, by part name, in the order received.
#[derive(Debug, Default)]
pub struct Files(Vec<(String, FilePart)>);

impl Files {
    pub(crate) fn push(&mut self, name: String, file: FilePart) {
        self.0.push((name, file));
    }

    /// Every file sent as `name`, or `None` when there was none.
    pub fn take_list(&mut self, name: &str) -> Option<Vec<FilePart>> {
        let (taken, kept) = std::mem::take(&mut self.0)
            .into_iter()
            .partition::<Vec<_>, _>(|(n, _)| n == name);
        self.0 = kept;
        (!taken.is_empty()).then(|| taken.into_iter().map(|(_, f)| f).collect())
    }

    /// The first file sent as `name`.
    pub fn take_one(&mut self, name: &str) -> Option<FilePart> {
        let index = self.0.iter().position(|(n, _)| n == name)?;
        Some(self.0.remove(index).1)
    }
}
