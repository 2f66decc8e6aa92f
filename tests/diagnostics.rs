//! Every kind of spec mistake gets every problem reported at once, each with
//! `file:line:col`, what is wrong and how to fix it — and never a panic.

use std::path::Path;

/// Check the fixture `name` and return its rendered diagnostics.
fn diagnostics(name: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name);
    match specgen::load_api(&dir, &format!("fixtures/{name}")) {
        Ok(_) => panic!("fixture {name} should have problems"),
        Err(specgen::Error::Spec(diagnostics)) => diagnostics.to_string(),
        Err(other) => panic!("fixture {name}: unexpected error {other}"),
    }
}

/// Check the fixture `name`, which has no error, and return its rendered warnings.
fn warnings(name: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name);
    match specgen::load_api(&dir, &format!("fixtures/{name}")) {
        Ok(api) => api.warnings.to_string(),
        Err(problems) => panic!("fixture {name} should check: {problems}"),
    }
}

/// An untagged union whose earlier alternative takes every value of a later one is a warning
/// that suggests a tag; the spec still generates.
#[test]
fn ambiguous_unions() {
    let rendered = warnings("ambiguous_unions");
    for must in [
        "warning: alternative `exact` of `Size` is never chosen: each of its values also reads as `number`, which comes first",
        "give the union a `tag:`",
        "warning: 1 warning in the specs",
    ] {
        assert!(rendered.contains(must), "missing {must:?} in:\n{rendered}");
    }
    // A list is never a string; an earlier alternative whose rules refuse a value (here the
    // one-value enum of `Creating`) lets it go on to a later one.
    assert!(!rendered.contains("`many`"), "{rendered}");
    assert!(!rendered.contains("`attached`"), "{rendered}");
    // A member both objects have, of item types that differ, sends the values with it apart.
    assert!(!rendered.contains("`simple`"), "{rendered}");
    insta::assert_snapshot!(rendered);
}

macro_rules! case {
    ($name:ident, $($must_contain:literal),+) => {
        #[test]
        fn $name() {
            let rendered = diagnostics(stringify!($name));
            $(assert!(rendered.contains($must_contain), "missing {:?} in:\n{rendered}", $must_contain);)+
            insta::assert_snapshot!(rendered);
        }
    };
}

case!(
    yaml_syntax,
    "fixtures/yaml_syntax/shop/create_order.yaml:5:",
    "invalid YAML"
);
case!(
    unknown_key,
    "unknown key `requierd`",
    "did you mean `required`?",
    "unknown key `max_lenght`",
    "did you mean `max_length`?"
);
case!(
    unknown_type,
    "create_order.yaml:10:25: error: unknown type `int33`",
    "no type of that width: the numbers are int8, int16, int32, int64, uint8",
    "unknown type `strin`",
    "did you mean `string`?"
);
case!(
    numeric_type_names,
    "unknown type `uint128`",
    "no type of that width",
    "unknown type `unit32`",
    "did you mean `uint32`?",
    "unknown type `u64`",
    "did you mean `uint64`?",
    "unknown type `int`",
    "did you mean `float32`?",
    "a map's keys must be `string`, `uuid` or an integer type"
);
case!(
    uint_negative_minimum,
    "`minimum: -1` is outside the range of `uint32`, an integer from 0 to 4294967295",
    "a `uint32` is never negative: use `int64` for negative values, or a `minimum` of 0 or more",
    "`minimum: -10` is outside the range of `uint64`",
    "a `uint64` is never negative: use a `minimum` of 0 or more"
);
case!(
    number_bounds,
    "`maximum: 70000` is outside the range of `uint16`, an integer from 0 to 65535",
    "use `uint32`, which holds it",
    "`maximum: 128` is outside the range of `int8`",
    "`maximum: 300` is outside the range of `uint8`",
    "`minimum: -40000` is outside the range of `int16`",
    "`maximum: 1e39` is outside the range of `float32`, a number from -3.4028235e38 to 3.4028235e38",
    "use `number`, which holds it",
    "`maximum: 9223372036854775808` is outside the range of `int64`",
    "`minimum: 256` is outside the range of `uint8`"
);
case!(
    example_number_range,
    "the default of `limit` does not match its schema: expected `uint8`, an integer from 0 to 255",
    "does not match its schema at `parameter limit`: expected `uint8`, an integer from 0 to 255",
    "at `/level`: expected `uint8`, an integer from 0 to 255",
    "at `/count`: expected `uint32`, an integer from 0 to 4294967295",
    "at `/delta`: expected `int8`, an integer from -128 to 127",
    "at `/ratio`: expected `float32`, a number from -3.4028235e38 to 3.4028235e38",
    "map key `256` is not `uint8`, an integer from 0 to 255",
    "at `/bins/256`: expected `int16`",
    "example `Whole numbers` does not match its schema at `/level`: expected `uint8`"
);
case!(
    undefined_type,
    "type `Receipt` is not defined",
    "type `Customer` is not defined",
    "type `OrderLine` is not defined"
);
case!(
    duplicate_operation,
    "operation `create_order` is defined twice",
    "first defined at fixtures/duplicate_operation/shop/create_order.yaml:1:12"
);
case!(
    name_collision,
    "fields `orderId` and `order_id` both become the Rust field `order_id`",
    "fields `@type` and `type` both become the Rust field `r#type`",
    "rust_name",
    "parameters `dryRun` and `dry_run` both become the Rust name `dry_run`",
    "give one of them a `rust_name:`, e.g. `rust_name: dry_run_2`",
    "`dry-run` is not a Rust identifier"
);
case!(
    invalid_pattern,
    "invalid regular expression in `pattern`",
    "`max_length` does not apply to type `int32`"
);
case!(
    oauth_endpoints,
    "`scheme: oauth2` needs its flows",
    "`http://auth.example.com/authorize` is not an https URL",
    "only `scheme: oauth2` has OAuth2 endpoints",
    "with several auth schemes, say what an endpoint needs by default",
    "the `device` flow needs `device_authorization_url`",
    "unknown OAuth2 flow `hybrid`",
    "only an `api_key` travels in a query parameter or a cookie",
    "`scheme: openid_connect` needs the provider's discovery `url`"
);
case!(
    path_parameters,
    "path parameter `{shopId}` is not declared",
    "path parameter `customer_id` does not appear in the path"
);
case!(
    example_mismatch,
    "example `documented example` does not match its schema at `/id`: `id` is read-only",
    "at `/name`: must be at most 5 characters",
    "at `/emails`: must have at least 1 item",
    "at `/kind`: expected one of retail, wholesale",
    "at `/quantity`: `quantity` is not a field of `Order`"
);
case!(
    formats,
    "unknown format `dat`",
    "did you mean `date`?",
    "unknown format `ipv5`",
    "did you mean `ipv4`?",
    "`format` does not apply to type `int32`",
    "`format: binary` is raw bytes, which a string cannot hold",
    "`max_length` does not apply to `format: byte`",
    "`pattern` does not apply to `format: date`",
    "at `/born`: must be a valid RFC 3339 date",
    "at `/avatar`: must be valid base64",
    "at `/site`: must be a valid absolute URI"
);
case!(
    extends_path,
    "fixtures/extends_path/vendor/service.yaml:4:10: error: `extends` names a folder beside this one, not a path: `../crm`",
    "no service `crn` to extend",
    "did you mean `crm`?"
);

/// `extends: ../x` never makes the build-script and `include_spec!` loader read a folder
/// outside the specs folder: the folder here is broken, and reading it would report that.
#[test]
fn extends_with_a_path_reads_nothing_outside_the_specs() {
    let root = std::env::temp_dir().join(format!("specgen-extends-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let outside = root.join("outside");
    let vendor = root.join("specs/vendor");
    std::fs::create_dir_all(&outside).expect("dir");
    std::fs::create_dir_all(&vendor).expect("dir");
    std::fs::write(outside.join("service.yaml"), "secret: [unclosed\n").expect("write");
    let service = "service: vendor\ntitle: V\nlanguage: en\nextends: ../../outside\n";
    std::fs::write(vendor.join("service.yaml"), service).expect("write");
    let result = specgen::builder::load_service(&vendor);
    let _ = std::fs::remove_dir_all(&root);
    let Err(specgen::Error::Spec(problems)) = result else {
        panic!("expected problems");
    };
    let rendered = problems.to_string();
    assert!(
        rendered.contains("not a path: `../../outside`"),
        "{rendered}"
    );
    assert!(
        !rendered.contains("outside/service.yaml") && !rendered.contains("secret"),
        "{rendered}"
    );
}

/// A keyword or a symbol as a wire name is given a legal Rust name, not rejected.
#[test]
fn keywords_and_symbols_become_legal_names() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/keywords");
    let api = specgen::load_api(&dir, "fixtures/keywords").expect("keywords are handled");
    let models = specgen::layout::service_files(&api.services[0], &specgen::Options::default())
        .expect("renders")
        .remove("shop/models.rs")
        .expect("models file");
    for expected in [
        "pub r#type: String",
        "#[serde(rename = \"@type\")]",
        "pub type_url: Option<String>",
        "pub self_: Option<bool>",
        "pub r#match: Option<Match>",
        "Self_,",
        "V1st,",
        "pub extra: serde_json::Map<String, serde_json::Value>",
    ] {
        assert!(
            models.contains(expected),
            "missing {expected:?} in:\n{models}"
        );
    }
}

/// Every problem in a folder of several broken files is reported in one run, in file order.
#[test]
fn all_problems_are_reported_together() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let Err(specgen::Error::Spec(all)) = specgen::load_api(&dir.join("example_mismatch"), "x")
    else {
        panic!("expected problems");
    };
    assert!(
        all.len() >= 5,
        "expected every example problem, got {}",
        all.len()
    );
}
case!(
    nullable_items,
    "`nullable<…>` is a list's item or a map's value that may be null",
    "a query parameter cannot be of type `list<nullable<string>>`",
    "a header cannot be of type `list<nullable<string>>`",
    "cannot read type `list<nullable>`: expected `<`"
);
case!(
    response_forms,
    "`body` says what a single body is, but `content` gives the bodies by media type",
    "a body in `text/csv` is a string, not `Report`",
    "status 200 has an XML form but no root element",
    "`Application/JSON` is in `content` twice",
    "`application/x-ndjson` cannot be one of a response's bodies by media type",
    "`image/*` cannot be one of a response's bodies by media type",
    "`csv` is not a media type",
    "type `Missing` is not defined"
);
case!(
    body_media,
    "a form-urlencoded body holds plain values, lists of them, and objects and maps of those; \
     `stops` is a list of `Address`",
    "a body in `text/plain` is a string, not `Order`",
    "a body in `application/octet-stream` is raw bytes, not `Order`",
    "the request has an XML form but no root element",
    "`json` is not a media type",
    "a response body in `multipart/form-data` is not supported",
    "`image/*` is a range, so it does not say what to send",
    "a `bytes` body is sent as it is, not as JSON (`application/json`)",
    "`bytes` is a whole raw body, not a value inside one",
    "example 1 shows a raw body, which has no JSON form to check",
    "a response cannot come as both JSON (`application/json`) and text (`text/plain`)",
    "`max_bytes: 0` is outside 1 to 1073741824 (1 GiB)"
);
case!(
    xml_bodies,
    "place_order.yaml:6:13: error: `xml_root` needs an XML media type",
    "add `text/xml` to the request's `media`, or remove `xml_root`",
    "place_order.yaml:12:15: error: `xml_root` needs an XML media type",
    "status 201 has an XML form but no root element",
    "a `bytes` body is sent as it is, not as XML (`application/xml`)",
    "put_tags.yaml:8:13: error: `xml_item` names the element of each item of a list body in XML",
    "`xml_attribute` is for a plain value (a text, a number, a boolean, an enum), not `list<string>`",
    "an XML attribute cannot be `null`: it is there with a value, or left out",
    "`xml_item` names the element of each item of a list, but this field is `string`",
    "`a line` is not an XML element name",
    "`1total` is not an XML element name",
    "a body in `application/xml` cannot hold `Counts`, open to members of type `int32`"
);
case!(
    streams,
    "`stream: true` is for a raw body (`body: bytes`)",
    "a request body of server-sent events (`text/event-stream`) is not supported",
    "`max_bytes: 2000000000000` is outside 1 to 1099511627776 (1 TiB)",
    "a paged endpoint answers with one page at a time, not a stream",
    "a body in `application/x-ndjson` is a stream of items",
    "`items:` needs a media type that streams items",
    "a response has a `body` or `items`, not both",
    "`items:` always streams; `stream:` is for a raw body",
    "an item of a stream cannot be a `file`",
    "expected `list<Line>`, found a map"
);
case!(
    statuses,
    "status 4XX is documented twice",
    "`4YY` is not an HTTP status",
    "`600` is not an HTTP status",
    "`101` is not an HTTP status",
    "an informational status (1xx) is no answer an operation gives",
    "`Default` is not an HTTP status",
    "use a documented status (200, 4XX), or add it"
);
case!(
    response_headers,
    "`Bad Name` is not a header name",
    "the server sets `Content-Type` itself",
    "header `etag` is documented twice",
    "header `Status` becomes the Rust name `status`, taken by the answer's own field",
    "a header cannot be of type `Order`",
    "unknown key `requird` in a header",
    "at `header ETag`: expected `string`, found a number",
    "status 200 documents no header `X-Unknown`",
    "`minimum` does not apply to type `string`",
    "at `header Expires-At`: must be a valid RFC 3339 date-time"
);
case!(
    auth_requirements,
    "auth scheme `key` is not declared",
    "`auth` must be `none`, a scheme's name or a list, found a map",
    "auth scheme `tokn` is not declared",
    "did you mean `token`?",
    "this endpoint lists scopes, but none of its auth schemes is oauth2",
    "a credential travels in one place",
    "auth scheme name `Session` is not snake_case",
    "auth scheme `missing` is not declared"
);
case!(
    server_names,
    "`Europe` cannot name a server's constructor",
    "use `europe`",
    "`server` and `server_<n>` name the first and the unnamed servers",
    "give each server a name of its own"
);
case!(
    parameter_styles,
    "`style` and `explode` say how a list or an object travels in a query",
    "unknown style `comma_delimited`",
    "a cookie parameter cannot be of type `list<string>`",
    "`body` is not a parameter location",
    "`page` is always sent, so it has no default",
    "the default of `size` does not match its schema",
    "the default of `limit` does not match its schema"
);
case!(
    query_objects,
    "`deep_object` spells objects and maps, not lists",
    "`deep_object` sends a pair per member, so it is always exploded",
    "a map travels in a query only as `style: deep_object`",
    "`space_delimited` and `pipe_delimited` join the elements of a list, not an object",
    "`sort` travels as query parameters of its own, but its member `by` is `Color`",
    "`range` travels as one joined value, but its member `tags` is `list<string>`",
    "`tree` travels in brackets, but its member `child` is `Node`, which contains itself",
    "`keys` travels in brackets, but its member `all` is a list of `Color`",
    "member `state` of `filter` travels as query parameter `state`, as `state` does",
    "`q` is always sent, so it is never null",
    "a header parameter cannot be of type `Color`",
    "in a `{ … }` map, quote a type holding a comma"
);
case!(
    own_answers,
    "`X-Request-Id` is required on 400, but the generated server answers 400 itself (invalid input) without it",
    "`X-Trace` is required on 4XX, but the generated server answers 413 itself (a body over the limit) without it",
    "make it `required: false`"
);
case!(
    endless_types,
    "every `Node` must hold another `Node` by required fields, so no value of it can end",
    "`Chicken`, `Egg` must hold one another by required fields",
    "make one field of the cycle optional or nullable"
);
case!(
    named_scalars,
    "`minimum` does not apply to type `string`",
    "a named scalar wraps a plain type, a list or a map, not `Item`",
    "a named scalar wraps a plain type, a list or a map, not `any`",
    "unknown key `requird` in type `Count`",
    "example 1 does not match its schema at `/count`"
);
case!(
    field_defaults,
    "field `name` is always sent, so it has no default",
    "the default of `per_page` does not match its schema",
    "the default of `note` does not match its schema",
    "the default of `visibility` does not match its schema",
    "the default of `size` does not match its schema"
);
case!(
    composition,
    "`Pet` gets the field `name` from both `Named` and `Tagged`",
    "`all_of` takes the fields of objects; `Kind` is not one",
    "type `Missing` is not defined in this service",
    "`Other` is made of itself through `all_of`"
);
case!(
    tagged_unions,
    "an alternative of a union tagged in its own members is an object, not `string`",
    "`content` names where a tagged alternative's value is, and this union has no `tag`",
    "alternative `b` has no type, which only a tagged union allows",
    "`tag` tells a union's alternatives apart, and type `Tagless` is no union",
    "expected one of the tags on, off, 1",
    "the tag `kind` is missing"
);
case!(
    constants,
    "`const: 7` is no value of type `string`",
    "`const: 300` is no value of type `uint8`",
    "`const` does not apply to type `list<string>`",
    "`const` is one text, number or boolean, not a map",
    "example 1 does not match its schema at `/ok`: must be true"
);
case!(
    pagination,
    "`after` is not an optional string or integer query parameter of this endpoint",
    "`always` is always there, so no page would be the last",
    "without `next`, `page` counts pages, so it is an integer",
    "`total` holds the page's items, so it is a list, not `int32`",
    "a paged endpoint answers its success with a page: an object holding the items, or the list of them"
);
case!(
    link_pagination,
    "the client follows the link with `rel=\"next\"`, not `last`",
    "`parameter` has no part where the next page comes from the `Link` header",
    "the next page comes from the `Link` header, but response 200 does not declare it",
    "add `Link: { type: list<string> }` under the `headers:` of response 200",
    "the `link` header of response 200 is `int32`, but links are text",
    "the answer is a list, the page itself, so it has no member `orders`",
    "without `items`, the answer is the page's list of items, but it is an object",
    "`maybe` holds the page's items, so every page has it",
    "a paged endpoint says how to ask for the next page",
    "`next_cursor` would be a member of the answer, but the answer is a list"
);
case!(
    server_answers,
    "status 200 has an XML form but no root element",
    "`xml_root` needs an XML media type",
    "the XML example's root element is `result`, but `xml_root` is `order`",
    "the 400 reject body does not match its schema at `/count`",
    "`{errors}` for a list of `{in, pointer, code, limit, message}` objects",
    "a `text/plain` reject body is a string",
    "status 404 is never sent by the server itself",
    "`1order` is not an XML element name",
    "create_order.yaml:34:15: error: `xml_item` names the element of each item of a list body in XML",
    "create_order.yaml:37:15: error: `xml_item` names the element",
    "`a b` is not an XML element name"
);
