//! A sign-up form validated with `#[derive(Validate)]`, wire names from serde.

use serde::{Deserialize, Serialize};
use specgen_runtime::{Code, Path, Validate, ValidationErrors};

/// What a user sends to sign up.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
#[serde(rename_all = "camelCase")]
pub struct SignUp {
    /// Shown to others; 20 characters in any script.
    #[validate(min_length = 1, max_length = 20)]
    pub display_name: String,
    #[validate(email)]
    pub email: String,
    /// A login name that is not reserved.
    #[serde(rename = "login")]
    #[validate(pattern = "^[a-z][a-z0-9_]*$", custom = not_reserved)]
    pub user_name: String,
    #[validate(range(min = 13, max = 130))]
    pub age: i32,
    #[validate(uuid)]
    pub invite: Option<String>,
    #[validate(date_time)]
    pub accepted_terms_at: String,
    #[validate(min_items = 1, max_items = 3, unique_items = true, nested)]
    pub interests: Vec<Interest>,
}

/// One interest.
#[derive(Debug, Clone, Serialize, Deserialize, Validate)]
pub struct Interest {
    #[validate(min_length = 2)]
    pub topic: String,
}

fn not_reserved(value: &str, path: &Path<'_>, errors: &mut ValidationErrors) {
    if matches!(value, "admin" | "root") {
        errors.add(path, Code::Custom("reserved"), None, "is a reserved name");
    }
}
