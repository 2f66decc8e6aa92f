//! `formats`: every string format on the wire, in body fields, query parameters and response
//! headers. Valid values go from the generated client to a generated server and back
//! unchanged (`byte` as the bytes themselves, bytes that are no UTF-8 included); each value
//! out of its format, sent raw, is a 400 naming where it travels, its JSON pointer and its
//! format. `date_types` (generated with date types): dates and times travel the same way held
//! as `time` values.

use serde_json::{Value, json};
use specgen_runtime::{Base64, Rfc3339};
use time::{Date, Month, OffsetDateTime, Time};
use workspace_tests::http::{Reply, exchange, request};

use feature_bindings::{date_types, formats};
use formats::client::Client;
use formats::models::Contact;
use formats::operations::{CreateContactResponse, FindContactParams, FindContactResponse};

use super::{base, send, serve, serve_recording};

/// Bytes that are no UTF-8 text, so they can only travel encoded.
const NOT_UTF8: [u8; 6] = [0xde, 0xad, 0xbe, 0xef, 0xff, 0xfe];
/// [`NOT_UTF8`] as standard base64, padded.
const NOT_UTF8_BASE64: &str = "3q2+7//+";

/// Answers with what it is sent: a contact as it came, and each query parameter in the
/// header of its name.
struct Echo;

impl formats::server::Api for Echo {
    async fn create_contact(&self, body: Contact) -> CreateContactResponse {
        CreateContactResponse::Created(body)
    }

    async fn find_contact(&self, params: FindContactParams) -> FindContactResponse {
        let FindContactParams {
            email,
            r#ref,
            seen,
            born,
            wakes,
            stay,
            site,
            host,
            v4,
            v6,
            key,
        } = params;
        let body = Contact {
            email: email.clone().unwrap_or_default(),
            avatar: Some(key.clone()),
            ..contact_of("nobody@example.com")
        };
        FindContactResponse::Ok {
            body,
            x_email: email,
            x_ref: r#ref,
            x_seen: seen,
            x_born: born,
            x_wakes: wakes,
            x_stay: stay,
            x_site: site,
            x_host: host,
            x_v4: v4,
            x_v6: v6,
            x_key: key,
        }
    }
}

/// A contact with `email` and nothing else (no signature).
fn contact_of(email: &str) -> Contact {
    Contact {
        email: email.into(),
        r#ref: None,
        seen: None,
        born: None,
        wakes: None,
        stay: None,
        site: None,
        host: None,
        v4: None,
        v6: None,
        avatar: None,
        thumbnail: None,
        signature: None,
    }
}

/// A contact with a valid value in every format.
fn every_format() -> Contact {
    Contact {
        r#ref: Some("67e55044-10b1-426f-9247-bb680e5fe0c8".into()),
        seen: Some("2021-11-26T04:36:28.5400491Z".into()),
        born: Some("1990-05-17".into()),
        wakes: Some("06:30:00+02:00".into()),
        stay: Some("P1Y2M3DT4H".into()),
        site: Some("https://example.com/ann?tab=1#top".into()),
        host: Some("ann.example.com".into()),
        v4: Some("192.0.2.10".into()),
        v6: Some("2001:db8::10".into()),
        avatar: Some(Base64(NOT_UTF8.to_vec())),
        thumbnail: Some(None),
        signature: Some(Base64(vec![0, 1, 2])),
        ..contact_of("ann@example.com")
    }
}

/// The pointer of each member and parameter in a format held as text, and its format.
const TEXT_FORMATS: [(&str, &str); 10] = [
    ("/email", "email"),
    ("/ref", "uuid"),
    ("/seen", "date-time"),
    ("/born", "date"),
    ("/wakes", "time"),
    ("/stay", "duration"),
    ("/site", "uri"),
    ("/host", "hostname"),
    ("/v4", "ipv4"),
    ("/v6", "ipv6"),
];

/// `(in, pointer, code, limit)` of every failing input a 400 problem document lists.
fn failures(reply: &Reply) -> Vec<(String, String, String, String)> {
    reply.problem(400);
    let text = |entry: &Value, key: &str| entry[key].as_str().unwrap_or("").to_owned();
    let body = reply.json();
    let errors = body["errors"].as_array().cloned().unwrap_or_default();
    errors
        .iter()
        .map(|e| {
            (
                text(e, "in"),
                text(e, "pointer"),
                text(e, "code"),
                text(e, "limit"),
            )
        })
        .collect()
}

/// Asserts that `reply` is a 400 naming, for each `(pointer, format)`, a `format` violation
/// of the input at `location`.
fn assert_format_failures(reply: &Reply, location: &str, expected: &[(&str, &str)]) {
    let found = failures(reply);
    for (pointer, format) in expected {
        let wanted = (
            location.to_owned(),
            (*pointer).to_owned(),
            "format".to_owned(),
            (*format).to_owned(),
        );
        assert!(found.contains(&wanted), "{wanted:?} not among {found:?}");
    }
    assert_eq!(found.len(), expected.len(), "{found:?}");
}

#[tokio::test]
async fn every_format_round_trips_in_a_body_with_bytes_as_base64() {
    let (addr, seen) = serve_recording(formats::server::router(Echo)).await;
    let client = Client::new(&base(addr)).expect("client");
    let sent = every_format();
    let answer = client.create_contact(sent.clone()).await.expect("answer");
    assert_eq!(answer, CreateContactResponse::Created(sent));
    let requests = seen.lock().expect("requests").clone();
    let body: Value = serde_json::from_slice(&requests[0].body).expect("JSON");
    assert_eq!(body["avatar"], NOT_UTF8_BASE64);
    assert_eq!(body["thumbnail"], Value::Null);
    assert_eq!(body["signature"], "AAEC");
    assert_eq!(
        body["wakes"], "06:30:00+02:00",
        "text formats travel as written"
    );
}

#[tokio::test]
async fn every_format_round_trips_in_a_query_and_a_header() {
    let (addr, seen) = serve_recording(formats::server::router(Echo)).await;
    let client = Client::new(&base(addr)).expect("client");
    let c = every_format();
    let call = client
        .find_contact(Base64(NOT_UTF8.to_vec()))
        .email(c.email.clone())
        .r#ref(c.r#ref.clone().expect("set"))
        .seen(c.seen.clone().expect("set"))
        .born(c.born.clone().expect("set"))
        .wakes(c.wakes.clone().expect("set"))
        .stay(c.stay.clone().expect("set"))
        .site(c.site.clone().expect("set"))
        .host(c.host.clone().expect("set"))
        .v4(c.v4.clone().expect("set"))
        .v6(c.v6.clone().expect("set"));
    let FindContactResponse::Ok {
        body,
        x_email,
        x_ref,
        x_seen,
        x_born,
        x_wakes,
        x_stay,
        x_site,
        x_host,
        x_v4,
        x_v6,
        x_key,
    } = call.await.expect("answer")
    else {
        panic!("not the documented success");
    };
    assert_eq!(
        x_key.0, NOT_UTF8,
        "bytes that are no text, in a query and a header"
    );
    assert_eq!(body.avatar, Some(Base64(NOT_UTF8.to_vec())));
    let texts = [
        x_email, x_ref, x_seen, x_born, x_wakes, x_stay, x_site, x_host, x_v4, x_v6,
    ];
    let sent = [c.email.clone()].into_iter().chain(
        [
            c.r#ref, c.seen, c.born, c.wakes, c.stay, c.site, c.host, c.v4, c.v6,
        ]
        .map(Option::unwrap),
    );
    assert_eq!(texts.to_vec(), sent.map(Some).collect::<Vec<_>>());
    // `+` and `/` of the base64 are percent-encoded in the query, not read as a space.
    let target = seen.lock().expect("requests")[0].target.clone();
    assert!(target.contains("key=3q2%2B7%2F%2F%2B"), "{target}");
}

#[tokio::test]
async fn each_body_field_out_of_its_format_is_a_400_naming_it() {
    let addr = serve(formats::server::router(Echo)).await;
    let bad = json!({
        "email": "ann",
        "ref": "67e55044-10b1-426f-9247",
        "seen": "2021-11-26T04:36:28",
        "born": "2023-02-29",
        "wakes": "06:30:00",
        "stay": "P1.5D",
        "site": "/relative/path",
        "host": "-ann.example.com",
        "v4": "192.0.2.010",
        "v6": "fe80::1%eth0",
        "avatar": "not base64!",
        "thumbnail": "aGk=x",
        "signature": "AAEC",
    });
    let reply = send(addr, "POST", "/contacts", &[], &bad).await;
    let bytes = [("/avatar", "byte"), ("/thumbnail", "byte")];
    assert_format_failures(&reply, "body", &[&TEXT_FORMATS[..], &bytes].concat());
    // The message says what the format is, and never repeats the value.
    let problem = reply.json();
    let messages = problem["errors"].as_array().expect("errors");
    let born = messages
        .iter()
        .find(|e| e["pointer"] == "/born")
        .expect("born");
    assert_eq!(born["message"], "must be a valid RFC 3339 date");
    assert!(!reply.text().contains("not base64!"), "{reply}");
}

#[tokio::test]
async fn base64_garbage_is_a_400_wherever_it_travels() {
    let addr = serve(formats::server::router(Echo)).await;
    for garbage in ["====", "aGk", "a", "aG k=", "+_8="] {
        let body = json!({"email": "ann@example.com", "signature": garbage});
        let reply = send(addr, "POST", "/contacts", &[], &body).await;
        // `aGk` is base64 without its padding, which is read.
        if garbage == "aGk" {
            assert_eq!(reply.status, 201, "{reply}");
            assert_eq!(reply.json()["signature"], "aGk=");
            continue;
        }
        assert_format_failures(&reply, "body", &[("/signature", "byte")]);
    }
    let reply = exchange(addr, request("GET", "/contacts?key=%E2%82%AC", &[], b"")).await;
    assert_format_failures(&reply, "query", &[("/key", "byte")]);
}

#[tokio::test]
async fn each_query_parameter_out_of_its_format_is_a_400_naming_it() {
    let addr = serve(formats::server::router(Echo)).await;
    let target = "/contacts?key=aGk%3D&email=ann&seen=2021-11-26&born=1990-02-30\
                  &wakes=25:00:00Z&stay=PT&site=example.com&host=ann_1.example.com\
                  &v4=1.2.3&v6=1::2::3&ref=nope";
    let reply = exchange(addr, request("GET", target, &[], b"")).await;
    assert_format_failures(&reply, "query", &TEXT_FORMATS);
}

/// Books a slot: the answer is the slot as it came, confirmed for noon UTC of the day in the
/// path, which also sets `Expires-At`; a start given in the query replaces the body's.
struct Slots;

impl date_types::server::Api for Slots {
    async fn book_slot(
        &self,
        params: date_types::operations::BookSlotParams,
        body: date_types::models::Slot,
    ) -> date_types::operations::BookSlotResponse {
        let noon: OffsetDateTime = params.day.with_hms(12, 0, 0).expect("noon").assume_utc();
        let slot = date_types::models::Slot {
            starts: params.after.unwrap_or(body.starts),
            confirmed: Some(Rfc3339(noon)),
            ..body
        };
        date_types::operations::BookSlotResponse::Created {
            body: slot,
            expires_at: Rfc3339(noon),
        }
    }
}

#[tokio::test]
async fn dates_and_times_round_trip_as_time_values() {
    use date_types::models::Slot;
    use date_types::operations::BookSlotResponse;
    let (addr, seen) = serve_recording(date_types::server::router(Slots)).await;
    let client = date_types::client::Client::new(&base(addr)).expect("client");
    let day = Date::from_calendar_date(2024, Month::February, 29).expect("a leap day");
    let starts = Time::from_hms_milli(9, 30, 0, 500).expect("a time");
    let booked = day
        .with_hms(10, 0, 0)
        .expect("a time")
        .assume_offset(time::UtcOffset::from_hms(-5, 0, 0).expect("an offset"));
    let slot = Slot {
        day: Rfc3339(day),
        starts: Rfc3339(starts),
        booked: Some(Rfc3339(booked)),
        cancelled: Some(None),
        confirmed: None,
        note: Some("window seat".into()),
    };
    let answer = client.book_slot(Rfc3339(day), slot.clone()).await;
    let Ok(BookSlotResponse::Created { body, expires_at }) = answer else {
        panic!("{answer:?}");
    };
    let noon = day.with_hms(12, 0, 0).expect("noon").assume_utc();
    assert_eq!(body.day.into_inner(), day);
    assert_eq!(body.starts.into_inner(), starts);
    assert_eq!(body.booked.map(Rfc3339::into_inner), Some(booked));
    assert_eq!(
        body.booked.expect("booked").offset(),
        booked.offset(),
        "the offset is kept"
    );
    assert_eq!(body.cancelled, Some(None));
    assert_eq!(expires_at.into_inner(), noon);
    assert_eq!(body.confirmed.map(Rfc3339::into_inner), Some(noon));
    // On the wire: RFC 3339 text, the day in the path, the query's default as a `time`
    // value writes it.
    let requests = seen.lock().expect("requests").clone();
    assert_eq!(
        requests[0].target,
        "/days/2024-02-29/slots?since=1970-01-01T00%3A00%3A00Z"
    );
    let sent: Value = serde_json::from_slice(&requests[0].body).expect("JSON");
    let expected = json!({
        "day": "2024-02-29",
        "starts": "09:30:00.5Z",
        "booked": "2024-02-29T10:00:00-05:00",
        "cancelled": null,
        "confirmed": null,
        "note": "window seat",
    });
    assert_eq!(sent, expected);

    // A time with an offset in the query is held in UTC.
    let after = date_types::client::Client::new(&base(addr))
        .expect("client")
        .book_slot(Rfc3339(day), slot)
        .after(Rfc3339(Time::from_hms(7, 0, 0).expect("a time")))
        .await;
    let Ok(BookSlotResponse::Created { body, .. }) = after else {
        panic!("{after:?}");
    };
    assert_eq!(
        body.starts.into_inner(),
        Time::from_hms(7, 0, 0).expect("a time")
    );
}

/// `slot` posted raw to `target` of the `date_types` server at `addr`.
async fn book(addr: std::net::SocketAddr, target: &str, slot: &Value) -> Reply {
    send(addr, "POST", target, &[], slot).await
}

#[tokio::test]
async fn a_date_or_time_out_of_its_format_is_a_400_naming_it() {
    let addr = serve(date_types::server::router(Slots)).await;
    let after = "/days/2024-02-29/slots?after=08:00:00%2B01:00";
    let bad =
        json!({"day": "2024-02-29", "starts": "09:30:00", "confirmed": "2024-02-30T00:00:00Z"});
    let expected = [("/starts", "time"), ("/confirmed", "date-time")];
    assert_format_failures(&book(addr, after, &bad).await, "body", &expected);
    let slot = json!({"day": "2024-02-29", "starts": "09:30:00Z", "confirmed": null});
    let reply = book(addr, "/days/2023-02-29/slots", &slot).await;
    assert_format_failures(&reply, "path", &[("/day", "date")]);
    let reply = book(addr, "/days/2024-02-29/slots?after=24:00:00Z", &slot).await;
    assert_format_failures(&reply, "query", &[("/after", "time")]);
    // A time with an offset, read into UTC: the server answers the time it held.
    let reply = book(addr, after, &slot).await;
    assert_eq!(reply.status, 201, "{reply}");
    assert_eq!(reply.json()["starts"], "07:00:00Z");
}

#[tokio::test]
async fn the_mocks_answer_in_every_format() {
    let addr = serve(formats::mock::router()).await;
    let client = Client::new(&base(addr)).expect("client");
    // The documented example: its unpadded, URL-safe base64 header is the same bytes.
    let answer = client
        .find_contact(Base64(vec![0xde, 0xad, 0xbe, 0xef]))
        .await;
    let Ok(FindContactResponse::Ok { x_key, x_born, .. }) = answer else {
        panic!("{answer:?}");
    };
    assert_eq!(x_key.0, [0xde, 0xad, 0xbe, 0xef]);
    assert_eq!(x_born.as_deref(), Some("1990-05-17"));
    let addr = serve(date_types::mock::router()).await;
    let client = date_types::client::Client::new(&base(addr)).expect("client");
    let slot = date_types::models::Slot {
        day: Rfc3339(Date::from_calendar_date(2024, Month::March, 1).expect("a day")),
        starts: Rfc3339(Time::MIDNIGHT),
        booked: None,
        cancelled: None,
        confirmed: None,
        note: None,
    };
    let answer = client.book_slot(slot.day, slot).await;
    let Ok(date_types::operations::BookSlotResponse::Created { body, expires_at }) = answer else {
        panic!("{answer:?}");
    };
    let starts = Time::from_hms_milli(8, 30, 0, 500).expect("a time");
    assert_eq!(body.starts.into_inner(), starts);
    assert_eq!(expires_at.unix_timestamp(), 1_709_208_000);
}
