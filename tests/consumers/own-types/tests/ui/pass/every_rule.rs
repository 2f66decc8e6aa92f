use specgen_runtime::Validate;

#[derive(Validate)]
struct Form {
    #[validate(max_length = 20)]
    name: String,
    #[validate(min_length = 1)]
    note: Option<String>,
    #[validate(pattern = "^[A-Z]+$")]
    code: String,
    #[validate(min_items = 1, max_items = 5, unique_items = true)]
    tags: Vec<String>,
    #[validate(range(min = 0, max = 10))]
    score: i32,
    #[validate(range(min = 0.5))]
    ratio: f64,
    #[validate(email)]
    email: String,
    #[validate(uuid)]
    id: String,
    #[validate(date_time)]
    at: String,
    #[validate(date)]
    day: String,
    #[validate(time)]
    clock: Option<String>,
    #[validate(duration)]
    lasts: String,
    #[validate(uri)]
    site: String,
    #[validate(hostname)]
    host: String,
    #[validate(ipv4)]
    v4: String,
    #[validate(ipv6)]
    v6: String,
    #[validate(byte)]
    avatar: String,
    #[validate(const = "v2")]
    version: String,
    #[validate(const = 2)]
    major: Option<u8>,
    #[validate(const = true)]
    enabled: bool,
    #[validate(nested)]
    inner: Vec<Inner>,
    #[validate(custom = even)]
    count: u32,
}

#[derive(Validate)]
struct Inner {
    #[validate(max_length = 3)]
    label: String,
}

fn even(value: &u32, path: &specgen_runtime::Path<'_>, errors: &mut specgen_runtime::ValidationErrors) {
    if value % 2 == 1 {
        errors.add(path, specgen_runtime::Code::Custom("even"), None, "must be even");
    }
}

fn main() {
    let form = Form {
        name: "a".into(),
        note: None,
        code: "AB".into(),
        tags: vec!["x".into()],
        score: 3,
        ratio: 1.0,
        email: "a@example.com".into(),
        id: "5e0c7a52-3f1b-4c2d-9a6e-0b1c2d3e4f50".into(),
        at: "2021-11-26T04:36:28Z".into(),
        day: "2024-02-29".into(),
        clock: Some("13:45:00+02:00".into()),
        lasts: "PT1H30M".into(),
        site: "https://example.com/a?b#c".into(),
        host: "api.example.com".into(),
        v4: "192.0.2.1".into(),
        v6: "2001:db8::1".into(),
        avatar: "aGk=".into(),
        version: "v2".into(),
        major: Some(2),
        enabled: true,
        inner: vec![Inner { label: "abc".into() }],
        count: 2,
    };
    assert!(form.validate().is_ok());
}
