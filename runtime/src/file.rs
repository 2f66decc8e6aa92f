//! Files uploaded as parts of a multipart/form-data body.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer, de, ser};

use crate::error::ValidationErrors;
use crate::path::Path;
use crate::validate::Validate;

/// Why a [`FilePart`] cannot be (de)serialized.
pub(crate) const FILE_NOT_JSON: &str = "a file is sent as a multipart/form-data part, not as JSON";

/// A file sent as one part of a multipart/form-data body.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct FilePart {
    /// The `filename` of the part's `Content-Disposition`, if any.
    pub file_name: Option<String>,
    /// The part's `Content-Type`, if any.
    pub media_type: Option<String>,
    /// The file's content.
    pub bytes: Vec<u8>,
}

impl fmt::Debug for FilePart {
    /// Shows the length, not the content: files can be large or private.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("file_name", &self.file_name)
            .field("media_type", &self.media_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// A file cannot travel in JSON; this always fails, so a model holding files is never
/// silently sent as JSON.
impl Serialize for FilePart {
    fn serialize<S: Serializer>(&self, _serializer: S) -> Result<S::Ok, S::Error> {
        Err(ser::Error::custom(FILE_NOT_JSON))
    }
}

/// A file cannot travel in JSON; this always fails. An empty list (`"photo": []`) still
/// deserializes, because no element is ever read.
impl<'de> Deserialize<'de> for FilePart {
    fn deserialize<D: Deserializer<'de>>(_deserializer: D) -> Result<Self, D::Error> {
        Err(de::Error::custom(FILE_NOT_JSON))
    }
}

// Files are checked by the multipart layer (size, media type), not by field rules.
impl Validate for FilePart {
    fn validate_at(&self, _path: &Path<'_>, _errors: &mut ValidationErrors) {}
}
