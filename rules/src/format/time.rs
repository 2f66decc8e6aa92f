//! `time`: an RFC 3339 `full-time`, a time of day with its offset (`13:45:00Z`,
//! `09:30:00.5+02:00`), as JSON Schema's `time` format means; a leap second only at 23:59:60
//! UTC. Held as a `time::Time` in UTC: the offset is applied when read, and `Z` written.

use ::time::{Duration, Time};

use super::rfc3339::{full_time, write_clock};
use super::{Definition, Held};

pub(super) const FORMAT: Definition = Definition {
    name: "time",
    derive: "time",
    description: "a valid RFC 3339 time with an offset",
    sample: "00:00:00Z",
    matches: |text| parse(text).is_some(),
    held: Held::Calendar {
        written: |text| Some(write(parse(text)?)),
    },
};

/// The time of day in UTC that `text` names, when it is a `full-time` and nothing else.
pub fn parse(text: &str) -> Option<Time> {
    let (clock, offset, "") = full_time(text)? else {
        return None;
    };
    // A time of day wraps around midnight.
    Some(clock.time()? - Duration::seconds(i64::from(offset.whole_seconds())))
}

/// `time`, a time of day in UTC, as a `full-time`: `13:45:00.5Z`.
pub fn write(time: Time) -> String {
    format!("{}Z", write_clock(time))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid(text: &str) -> bool {
        (FORMAT.matches)(text)
    }

    #[test]
    fn times_with_an_offset() {
        for text in [
            "13:45:00Z",
            "13:45:00z",
            "00:00:00+00:00",
            "23:59:59.999999999-23:59",
            "08:30:06.283185Z",
            "23:59:60Z",
            "01:29:60+01:30",
            "15:59:60-08:00",
        ] {
            assert!(valid(text), "{text}");
        }
    }

    #[test]
    fn times_without_or_with_a_broken_offset() {
        for text in [
            "13:45:00",
            "13:45Z",
            "24:00:00Z",
            "13:60:00Z",
            "13:45:61Z",
            "22:59:60Z",
            "23:58:60Z",
            "13:45:00.Z",
            "13:45:00+2:00",
            "13:45:00+02",
            "13:45:00 Z",
            "1:45:00Z",
            "T13:45:00Z",
            "",
        ] {
            assert!(!valid(text), "{text}");
        }
    }

    #[test]
    fn held_in_utc() {
        assert_eq!(
            crate::Format::Time.written("13:45:00Z"),
            Some("13:45:00Z".into())
        );
        assert_eq!(
            crate::Format::Time.written("12:00:00.500+02:00"),
            Some("10:00:00.5Z".into())
        );
        assert_eq!(
            crate::Format::Time.written("01:00:00+02:00"),
            Some("23:00:00Z".into())
        );
        assert_eq!(
            crate::Format::Time.written("22:00:00-03:00"),
            Some("01:00:00Z".into())
        );
        assert_eq!(
            crate::Format::Time.written("23:59:60Z"),
            Some("23:59:59.999999999Z".into())
        );
    }
}
