//! The seed request bodies as a user would write them by hand: serde for the shape, garde for
//! the constraints the docs state. Each carries the same constraints as the generated model.

/// Kaiten: every value is checked by its type alone (uuid keys, a value or a list of values),
/// so garde has nothing to check; the generated model still walks the map.
pub mod kaiten {
    use std::collections::BTreeMap;

    use serde::Deserialize;

    #[derive(Debug, Deserialize, garde::Validate)]
    pub struct CreateRecordRequest {
        #[garde(skip)]
        pub values: BTreeMap<uuid::Uuid, FieldValue>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(untagged)]
    pub enum FieldValue {
        Single(FieldValueItem),
        Multiple(Vec<FieldValueItem>),
    }

    #[derive(Debug, Deserialize)]
    pub struct FieldValueItem {
        #[serde(default)]
        pub value_text: Option<String>,
        #[serde(flatten)]
        pub extra: serde_json::Map<String, serde_json::Value>,
    }
}

/// LINE WORKS: a name of at most 20 characters, a key of at most 100 matching a pattern.
pub mod lineworks {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, Deserialize, garde::Validate)]
    #[serde(rename_all = "camelCase")]
    pub struct CustomFieldRequest {
        #[garde(skip)]
        pub domain_id: i32,
        #[serde(default)]
        #[garde(length(chars, max = 100), pattern(r"^[A-Za-z][A-Za-z0-9]*$"))]
        pub custom_field_external_key: Option<String>,
        #[garde(length(chars, max = 20))]
        pub custom_field_name: String,
        #[garde(skip)]
        pub custom_field_type: CustomFieldType,
        #[serde(default)]
        #[garde(skip)]
        pub display_order: Option<i32>,
    }

    #[derive(Debug, Clone, Copy, Serialize, Deserialize)]
    #[serde(rename_all = "UPPERCASE")]
    pub enum CustomFieldType {
        String,
        Link,
    }

    /// The created field, as the answer carries it.
    #[derive(Debug, Serialize)]
    #[serde(rename_all = "camelCase")]
    pub struct CustomField {
        pub domain_id: i32,
        pub custom_field_id: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub custom_field_external_key: Option<String>,
        pub custom_field_name: String,
        pub custom_field_type: CustomFieldType,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub display_order: Option<i32>,
    }
}

/// Yandex 360: at least one email, each a valid address.
pub mod yandex360 {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, Deserialize, garde::Validate)]
    #[serde(rename_all = "camelCase")]
    pub struct ExternalContact {
        #[serde(default)]
        #[garde(skip)]
        pub first_name: Option<String>,
        #[serde(default)]
        #[garde(skip)]
        pub last_name: Option<String>,
        #[serde(default)]
        #[garde(skip)]
        pub middle_name: Option<String>,
        #[serde(default)]
        #[garde(skip)]
        pub title: Option<String>,
        #[serde(default)]
        #[garde(skip)]
        pub company: Option<String>,
        #[serde(default)]
        #[garde(skip)]
        pub department: Option<String>,
        #[serde(default)]
        #[garde(skip)]
        pub address: Option<String>,
        #[serde(default)]
        #[garde(skip)]
        pub external_id: Option<String>,
        #[garde(length(min = 1), dive)]
        pub emails: Vec<Email>,
        #[serde(default)]
        #[garde(skip)]
        pub phones: Option<Vec<Phone>>,
    }

    #[derive(Debug, Deserialize, garde::Validate)]
    pub struct Email {
        #[serde(default)]
        #[garde(email)]
        pub email: Option<String>,
        #[serde(default, rename = "type")]
        #[garde(skip)]
        pub kind: Option<String>,
        #[serde(default)]
        #[garde(skip)]
        pub main: Option<bool>,
    }

    #[derive(Debug, Deserialize)]
    pub struct Phone {
        #[serde(default)]
        pub phone: Option<String>,
        #[serde(default, rename = "type")]
        pub kind: Option<String>,
        #[serde(default)]
        pub main: Option<bool>,
    }

    /// The answer: the new contact's id.
    #[derive(Debug, Serialize)]
    pub struct Created {
        pub id: String,
    }
}

/// ONLYOFFICE and R7-Office: one API, so one hand-written model serves both.
pub mod crm {
    use serde::Deserialize;

    #[derive(Debug, Deserialize, garde::Validate)]
    #[serde(rename_all = "camelCase")]
    pub struct CreatePersonRequest {
        #[garde(skip)]
        pub first_name: String,
        #[garde(skip)]
        pub last_name: String,
        #[serde(default)]
        #[garde(skip)]
        pub job_title: Option<String>,
        #[serde(default)]
        #[garde(skip)]
        pub company_id: Option<i32>,
        #[serde(default)]
        #[garde(skip)]
        pub about: Option<String>,
        #[garde(skip)]
        pub share_type: ShareType,
        #[serde(default)]
        #[garde(skip)]
        pub manager_list: Option<Vec<uuid::Uuid>>,
        #[serde(default)]
        #[garde(skip)]
        pub custom_field_list: Option<Vec<CustomFieldValue>>,
        /// Files come in multipart bodies; in JSON the list is empty.
        #[serde(default)]
        #[garde(skip)]
        pub photo: Option<Vec<serde::de::IgnoredAny>>,
    }

    /// Sent as the number, or as its name in any letter case.
    #[derive(Debug, Clone, Copy, Deserialize)]
    #[serde(try_from = "NumberOrName")]
    pub enum ShareType {
        None,
        ReadWrite,
        Read,
    }

    #[derive(Deserialize)]
    #[serde(untagged)]
    enum NumberOrName {
        Number(i64),
        Name(String),
    }

    impl TryFrom<NumberOrName> for ShareType {
        type Error = String;

        fn try_from(value: NumberOrName) -> Result<Self, String> {
            let found = match &value {
                NumberOrName::Number(0) => Some(ShareType::None),
                NumberOrName::Number(1) => Some(ShareType::ReadWrite),
                NumberOrName::Number(2) => Some(ShareType::Read),
                NumberOrName::Number(_) => None,
                NumberOrName::Name(name) => [
                    ("none", ShareType::None),
                    ("readwrite", ShareType::ReadWrite),
                    ("read", ShareType::Read),
                ]
                .into_iter()
                .find(|(known, _)| name.eq_ignore_ascii_case(known))
                .map(|(_, share)| share),
            };
            found.ok_or_else(|| "expected 0, 1, 2, None, ReadWrite or Read".to_owned())
        }
    }

    #[derive(Debug, Deserialize)]
    pub struct CustomFieldValue {
        #[serde(rename = "Key")]
        pub key: i32,
        #[serde(rename = "Value", default)]
        pub value: Option<String>,
    }
}
