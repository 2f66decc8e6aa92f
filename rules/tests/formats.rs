//! Every format held other than as its text writes each value as a text in its format that
//! reads back as the same value, and the address formats accept what the standard library
//! writes: for random values, not only the examples in each format's own tests.

use proptest::prelude::*;
use specgen_rules::Format;
use specgen_rules::format::{
    decode_base64, encode_base64, parse_date, parse_date_time, parse_time, write_date,
    write_date_time, write_time,
};
use time::{Date, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

fn date() -> impl Strategy<Value = Date> {
    // Years RFC 3339 writes; every day of each.
    (0..=9999_i32, 1..=365_u16).prop_map(|(year, day)| {
        Date::from_ordinal_date(year, day).expect("every year has 365 days")
    })
}

fn time_of_day() -> impl Strategy<Value = Time> {
    (0..24_u8, 0..60_u8, 0..60_u8, 0..1_000_000_000_u32)
        .prop_map(|(h, m, s, n)| Time::from_hms_nano(h, m, s, n).expect("in range"))
}

fn offset() -> impl Strategy<Value = UtcOffset> {
    (-(24 * 60 - 1)..24 * 60_i32)
        .prop_map(|minutes| UtcOffset::from_whole_seconds(minutes * 60).expect("under a day"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn dates_read_back_as_written(date in date()) {
        let text = write_date(date).expect("years 0-9999 are written");
        prop_assert!(Format::Date.matches(&text), "{text}");
        prop_assert_eq!(parse_date(&text), Some(date));
    }

    #[test]
    fn times_read_back_as_written(time in time_of_day()) {
        let text = write_time(time);
        prop_assert!(Format::Time.matches(&text), "{text}");
        prop_assert_eq!(parse_time(&text), Some(time));
    }

    #[test]
    fn date_times_read_back_as_written(
        date in date(), time in time_of_day(), offset in offset()
    ) {
        let value: OffsetDateTime = PrimitiveDateTime::new(date, time).assume_offset(offset);
        let text = write_date_time(value).expect("whole-minute offsets are written");
        prop_assert!(Format::DateTime.matches(&text), "{text}");
        let read = parse_date_time(&text).expect("reads");
        prop_assert_eq!((read, read.offset()), (value, value.offset()));
    }

    #[test]
    fn bytes_read_back_as_written(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        let text = encode_base64(&bytes);
        prop_assert!(Format::Byte.matches(&text), "{text}");
        prop_assert_eq!(decode_base64(&text), Some(bytes.clone()));
        // The URL-safe alphabet without padding reads as the same bytes.
        let url_safe = text.trim_end_matches('=').replace('+', "-").replace('/', "_");
        prop_assert_eq!(decode_base64(&url_safe), Some(bytes));
    }

    #[test]
    fn addresses_as_the_standard_library_writes_them(v4 in any::<u32>(), v6 in any::<u128>()) {
        let v4 = std::net::Ipv4Addr::from(v4).to_string();
        let v6 = std::net::Ipv6Addr::from(v6).to_string();
        prop_assert!(Format::Ipv4.matches(&v4), "{v4}");
        prop_assert!(Format::Ipv6.matches(&v6), "{v6}");
        prop_assert!(!Format::Ipv4.matches(&v6) && !Format::Ipv6.matches(&v4));
    }

    #[test]
    fn host_names_of_valid_labels(labels in prop::collection::vec("[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?", 1..5)) {
        let name = labels.join(".");
        prop_assert!(Format::Hostname.matches(&name), "{name}");
        let uri = format!("https://{name}:8443/a%20b?q=1#top");
        prop_assert!(Format::Uri.matches(&uri), "{uri}");
    }
}
