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

/// A file cannot travel in JSON; this fails, but for the place a multipart body holds for a
/// file sent as a part (see [`with_file_places`]). An empty list (`"photo": []`) still
/// deserializes, because no element is ever read; a missing required file is a missing field.
impl<'de> Deserialize<'de> for FilePart {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FilePlace)
    }
}

std::thread_local! {
    /// Whether a `null` is the place of a file sent as a multipart part.
    static FILE_PLACES: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `decode` (a synchronous decoding of a multipart body's members) reading each `null`
/// where a file is expected as the place of a file sent as its own part: an empty
/// [`FilePart`], which the generated server then fills from the part. Anywhere else, JSON
/// cannot carry a file.
pub(crate) fn with_file_places<T>(decode: impl FnOnce() -> T) -> T {
    crate::scoped::with(&FILE_PLACES, decode)
}

/// Reads a file's place, and nothing else.
struct FilePlace;

impl<'de> de::Visitor<'de> for FilePlace {
    type Value = FilePart;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a file, sent as a multipart/form-data part")
    }

    fn visit_unit<E: de::Error>(self) -> Result<FilePart, E> {
        if crate::scoped::is_set(&FILE_PLACES) {
            Ok(FilePart::default())
        } else {
            Err(E::custom(FILE_NOT_JSON))
        }
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<FilePart, E> {
        Err(E::custom(FILE_NOT_JSON))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<FilePart, E> {
        Err(E::custom(FILE_NOT_JSON))
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<FilePart, E> {
        Err(E::custom(FILE_NOT_JSON))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<FilePart, E> {
        Err(E::custom(FILE_NOT_JSON))
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<FilePart, E> {
        Err(E::custom(FILE_NOT_JSON))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<FilePart, A::Error> {
        Err(de::Error::custom(FILE_NOT_JSON))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, _: A) -> Result<FilePart, A::Error> {
        Err(de::Error::custom(FILE_NOT_JSON))
    }
}

// Files are checked by the multipart layer (size, media type), not by field rules.
impl Validate for FilePart {
    fn validate_at(&self, _path: &Path<'_>, _errors: &mut ValidationErrors) {}
}
