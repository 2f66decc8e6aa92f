//! The serde helpers generated models use: int-or-name enums, nullable members, files.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use specgen_runtime::decode::from_json_slice;
use specgen_runtime::{Code, DecodeError, FilePart, Rule, Validate};

/// ONLYOFFICE `shareType`: documented as 0/1/2, but the docs' own example sends `"none"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ShareType {
    None,
    ReadWrite,
    Read,
    Unknown(i64),
}

impl ShareType {
    const EXPECTED: &str = "0, 1, 2 or one of None, ReadWrite, Read";

    fn from_value(value: i64) -> Self {
        match value {
            0 => ShareType::None,
            1 => ShareType::ReadWrite,
            2 => ShareType::Read,
            other => ShareType::Unknown(other),
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        [
            ("None", ShareType::None),
            ("ReadWrite", ShareType::ReadWrite),
            ("Read", ShareType::Read),
        ]
        .into_iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(name))
        .map(|(_, value)| value)
    }

    fn value(self) -> i64 {
        match self {
            ShareType::None => 0,
            ShareType::ReadWrite => 1,
            ShareType::Read => 2,
            ShareType::Unknown(other) => other,
        }
    }
}

impl Serialize for ShareType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.value())
    }
}

impl<'de> Deserialize<'de> for ShareType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        specgen_runtime::enums::deserialize_int_or_name(
            deserializer,
            ShareType::from_value,
            ShareType::from_name,
            ShareType::EXPECTED,
        )
    }
}

#[derive(Debug, Deserialize, Validate)]
#[serde(rename_all = "camelCase")]
struct Share {
    share_type: ShareType,
}

fn share(json: &str) -> Result<ShareType, serde_json::Error> {
    serde_json::from_str(json)
}

#[test]
fn int_enum_accepts_numbers_and_names_in_any_case() {
    assert_eq!(share("0").ok(), Some(ShareType::None));
    assert_eq!(share("2").ok(), Some(ShareType::Read));
    assert_eq!(share("7").ok(), Some(ShareType::Unknown(7)));
    assert_eq!(share("\"none\"").ok(), Some(ShareType::None));
    assert_eq!(share("\"ReadWrite\"").ok(), Some(ShareType::ReadWrite));
    assert_eq!(share("\"READ\"").ok(), Some(ShareType::Read));
    let decoded = from_json_slice::<Share>(br#"{"shareType": "none"}"#).expect("a name");
    assert_eq!(decoded.share_type, ShareType::None);
}

#[test]
fn int_enum_rejects_other_names_without_echoing_them() {
    let error = share("\"nope\"").expect_err("not a name");
    let message = error.to_string();
    assert!(
        message.starts_with("expected 0, 1, 2 or one of None, ReadWrite, Read"),
        "{message}"
    );
    assert!(!message.contains("nope"), "{message}");
    assert!(share("18446744073709551615").is_err());
    assert!(share("1.5").is_err());

    let result = from_json_slice::<Share>(br#"{"shareType": "nope"}"#);
    let Err(DecodeError::Invalid(errors)) = result else {
        panic!("expected an invalid document, got {result:?}");
    };
    let v = &errors.violations()[0];
    assert_eq!((v.pointer.as_str(), v.code), ("/shareType", Code::Type));
    assert_eq!(
        v.message,
        "expected 0, 1, 2 or one of None, ReadWrite, Read"
    );
}

#[test]
fn int_enum_serializes_as_its_number() {
    let from_name = share("\"ReadWrite\"").expect("a name");
    assert_eq!(
        serde_json::to_string(&from_name).expect("serializable"),
        "1"
    );
    assert_eq!(
        serde_json::to_string(&ShareType::Unknown(9)).expect("serializable"),
        "9"
    );
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Patch {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "::specgen_runtime::nullable"
    )]
    note: Option<Option<String>>,
}

#[test]
fn nullable_keeps_absent_null_and_value_apart() {
    for (json, expected) in [
        ("{}", None),
        (r#"{"note":null}"#, Some(None)),
        (r#"{"note":"hi"}"#, Some(Some("hi".to_owned()))),
    ] {
        let patch: Patch = serde_json::from_str(json).expect("parses");
        assert_eq!(patch.note, expected, "{json}");
        assert_eq!(serde_json::to_string(&patch).expect("serializable"), json);
    }
    assert!(serde_json::from_str::<Patch>(r#"{"note":5}"#).is_err());
}

#[derive(Debug, Serialize, Deserialize, Validate)]
struct Upload {
    #[validate(max_items = 1, nested)]
    photo: Vec<FilePart>,
}

#[test]
fn files_do_not_travel_in_json() {
    let empty: Upload = serde_json::from_str(r#"{"photo": []}"#).expect("an empty list parses");
    assert!(empty.photo.is_empty());
    assert_eq!(
        serde_json::to_string(&empty).expect("no file to write"),
        r#"{"photo":[]}"#
    );

    let result = from_json_slice::<Upload>(br#"{"photo": [{"bytes": "c2VjcmV0"}]}"#);
    let Err(DecodeError::Invalid(errors)) = result else {
        panic!("expected an invalid document, got {result:?}");
    };
    let v = &errors.violations()[0];
    assert_eq!((v.pointer.as_str(), v.code), ("/photo/0", Code::Type));
    assert_eq!(
        v.message,
        "a file is sent as a multipart/form-data part, not as JSON"
    );

    let file = FilePart {
        file_name: Some("me.png".to_owned()),
        media_type: Some("image/png".to_owned()),
        bytes: b"secret pixels".to_vec(),
    };
    let error = serde_json::to_string(&file).expect_err("a file is not JSON");
    assert!(error.to_string().contains("multipart/form-data"));
    let debug = format!("{file:?}");
    assert!(debug.contains("me.png") && debug.contains("13"), "{debug}");
    assert!(!debug.contains("112"), "bytes leaked: {debug}");

    let two = Upload {
        photo: vec![file.clone(), file],
    };
    let errors = two.validate().expect_err("too many files");
    assert_eq!(errors.violations()[0].code, Code::Rule(Rule::MaxItems));
}
