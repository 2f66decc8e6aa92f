//! A feature folder's generation options, for a construct only some options produce:
//! `features/<feature>/options.yaml`, lines of `key: value` (`date_types: time`,
//! `language: en`). The `feature-bindings` build script and the snapshot test both read them
//! here, so both generate the same code.

use std::path::Path;

/// The options the feature folder `dir` asks for: the defaults without `options.yaml`.
pub fn feature_options(dir: &Path) -> Result<specgen::Options, String> {
    let path = dir.join("options.yaml");
    let mut options = specgen::Options::default();
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(options);
    };
    let lines = text.lines().map(str::trim);
    for line in lines.filter(|l| !l.is_empty() && !l.starts_with('#')) {
        match line.split_once(':').map(|(k, v)| (k.trim(), v.trim())) {
            Some(("date_types", value)) => options.date_types = value.parse()?,
            Some(("language", value)) => options.language = Some(value.to_owned()),
            _ => return Err(format!("{}: unknown option `{line}`", path.display())),
        }
    }
    Ok(options)
}
