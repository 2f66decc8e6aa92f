//! `date-time`: an RFC 3339 `date-time`, a `full-date`, `T` and a `full-time`
//! (`2021-11-26T04:36:28.5400491Z`): any number of fractional digits (.NET writes seven), a
//! leap second only at 23:59:60 UTC. Held as a `time::OffsetDateTime`, keeping its offset.

use ::time::{OffsetDateTime, PrimitiveDateTime};

use super::rfc3339::{full_date, full_time, write_clock, write_offset};
use super::{Definition, Held, date};

pub(super) const FORMAT: Definition = Definition {
    name: "date-time",
    derive: "date_time",
    description: "a valid RFC 3339 date-time",
    sample: "1970-01-01T00:00:00Z",
    matches: is_date_time,
    held: Held::Calendar {
        written: |text| write(parse(text)?),
    },
};

/// Whether `text` is an RFC 3339 date-time, with its offset.
pub fn is_date_time(text: &str) -> bool {
    parse(text).is_some()
}

/// The instant `text` names, with its offset, when it is a `date-time` and nothing else.
pub fn parse(text: &str) -> Option<OffsetDateTime> {
    let (day, rest) = full_date(text)?;
    let rest = rest.strip_prefix(['T', 't'])?;
    let (clock, offset, "") = full_time(rest)? else {
        return None;
    };
    Some(PrimitiveDateTime::new(day, clock.time()?).assume_offset(offset))
}

/// `value` as a `date-time` (`Z` for a zero offset); `None` where RFC 3339 cannot write it:
/// a year before 0 or after 9999, an offset with seconds.
pub fn write(value: OffsetDateTime) -> Option<String> {
    let day = date::write(value.date())?;
    let offset = write_offset(value.offset())?;
    Some(format!("{day}T{}{offset}", write_clock(value.time())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_times_with_an_offset() {
        for text in [
            "2021-11-26T04:36:28.5400491Z",
            "2021-11-26T04:36:28+09:00",
            "2021-11-26T04:36:28.123456789-05:30",
            "2021-11-26t04:36:28z",
            "1998-12-31T23:59:60Z",
            "1998-12-31T15:59:60.123-08:00",
            "0001-01-01T00:00:00-23:59",
            "9999-12-31T23:59:59+23:59",
        ] {
            assert!(is_date_time(text), "{text}");
        }
    }

    #[test]
    fn date_times_that_are_not() {
        for text in [
            "2021-13-01T00:00:00Z",
            "2021-02-29T00:00:00Z",
            "2021-11-26",
            "2021-11-26T04:36:28",
            "2021-11-26 04:36:28Z",
            "2021-11-26T04:36Z",
            "1998-12-31T23:59:61Z",
            "1998-12-31T23:58:60Z",
            "1998-12-31T22:59:60Z",
            "2021-11-26T04:36:28Z ",
            "",
        ] {
            assert!(!is_date_time(text), "{text}");
        }
    }

    #[test]
    fn held_with_its_offset() {
        let written = |text| crate::Format::DateTime.written(text);
        assert_eq!(
            written("2021-11-26T04:36:28.5400491Z").as_deref(),
            Some("2021-11-26T04:36:28.5400491Z")
        );
        assert_eq!(
            written("2021-11-26t04:36:28.500+09:00").as_deref(),
            Some("2021-11-26T04:36:28.5+09:00")
        );
        assert_eq!(
            written("2021-11-26T04:36:28-00:00").as_deref(),
            Some("2021-11-26T04:36:28Z")
        );
        assert_eq!(
            written("1998-12-31T23:59:60Z").as_deref(),
            Some("1998-12-31T23:59:59.999999999Z")
        );
    }
}
