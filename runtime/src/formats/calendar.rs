//! [`Rfc3339`]: a `time` value that travels as RFC 3339 text.

use std::ops::{Deref, DerefMut};

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use specgen_rules::Format;
use specgen_rules::format::{
    parse_date, parse_date_time, parse_time, write_date, write_date_time, write_time,
};

/// A `time` value that travels as RFC 3339 text: what generated code holds a `date`
/// (`Rfc3339<time::Date>`), `time` (`Rfc3339<time::Time>`) or `date-time`
/// (`Rfc3339<time::OffsetDateTime>`) in when generated with date types
/// (`specgen::DateTypes::Time`), in place of its text.
///
/// A `time` is a time of day in UTC: the offset a text gives is applied when it is read, and
/// it is written with `Z`. A `date-time` keeps its offset (written `Z` when it is zero). A
/// leap second (`23:59:60`) reads as the last instant before the next second, as the `time`
/// crate reads one. A text that is not in the format fails to read as a `format` violation at
/// its JSON pointer, so a server answers it with 400. A value RFC 3339 cannot write (a year
/// before 0 or after 9999, an offset with seconds) fails to serialize.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rfc3339<T>(pub T);

/// A `time` value with an RFC 3339 text form, held in [`Rfc3339`].
pub trait Calendar: Sized {
    /// The format its text is in.
    const FORMAT: Format;
    /// The value a text in the format names; `None` for any other text.
    fn read(text: &str) -> Option<Self>;
    /// Its text; `None` where RFC 3339 cannot write it.
    fn write(&self) -> Option<String>;
}

impl Calendar for time::Date {
    const FORMAT: Format = Format::Date;

    fn read(text: &str) -> Option<Self> {
        parse_date(text)
    }

    fn write(&self) -> Option<String> {
        write_date(*self)
    }
}

impl Calendar for time::Time {
    const FORMAT: Format = Format::Time;

    fn read(text: &str) -> Option<Self> {
        parse_time(text)
    }

    fn write(&self) -> Option<String> {
        Some(write_time(*self))
    }
}

impl Calendar for time::OffsetDateTime {
    const FORMAT: Format = Format::DateTime;

    fn read(text: &str) -> Option<Self> {
        parse_date_time(text)
    }

    fn write(&self) -> Option<String> {
        write_date_time(*self)
    }
}

impl<T> Rfc3339<T> {
    /// The `time` value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> From<T> for Rfc3339<T> {
    fn from(value: T) -> Self {
        Rfc3339(value)
    }
}

impl<T> Deref for Rfc3339<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> DerefMut for Rfc3339<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

impl<T: Calendar> Serialize for Rfc3339<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.write() {
            Some(text) => serializer.serialize_str(&text),
            None => Err(serde::ser::Error::custom(format!(
                "has no RFC 3339 {} form (a year outside 0000-9999, or an offset with seconds)",
                T::FORMAT.as_str()
            ))),
        }
    }
}

impl<'de, T: Calendar> Deserialize<'de> for Rfc3339<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::read(deserializer, T::FORMAT, T::read).map(Rfc3339)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::{Date, Month, OffsetDateTime, Time, UtcOffset};

    fn round_trip<T: Calendar>(json: &str, written: &str) -> T {
        let value: Rfc3339<T> = serde_json::from_str(json).expect("reads");
        assert_eq!(serde_json::to_string(&value).expect("writes"), written);
        value.into_inner()
    }

    #[test]
    fn each_calendar_format_reads_and_writes_its_text() {
        let date: Date = round_trip(r#""2024-02-29""#, r#""2024-02-29""#);
        assert_eq!(
            date,
            Date::from_calendar_date(2024, Month::February, 29).unwrap()
        );
        let time: Time = round_trip(r#""12:30:00.250+02:00""#, r#""10:30:00.25Z""#);
        assert_eq!(time, Time::from_hms_milli(10, 30, 0, 250).unwrap());
        let at: OffsetDateTime = round_trip(
            r#""2021-11-26T04:36:28+09:00""#,
            r#""2021-11-26T04:36:28+09:00""#,
        );
        assert_eq!(at.offset(), UtcOffset::from_hms(9, 0, 0).unwrap());
    }

    #[test]
    fn a_text_out_of_format_is_the_format_message() {
        let error = serde_json::from_str::<Rfc3339<Date>>(r#""2023-02-29""#).expect_err("no day");
        assert_eq!(error.to_string(), "must be a valid RFC 3339 date");
        let error = serde_json::from_str::<Rfc3339<Time>>(r#""12:30:00""#).expect_err("offset");
        assert!(
            error
                .to_string()
                .starts_with("must be a valid RFC 3339 time with an offset")
        );
    }

    #[test]
    fn what_rfc_3339_cannot_write_fails_to_serialize() {
        let before = Date::from_calendar_date(-1, Month::January, 1).unwrap();
        assert!(serde_json::to_string(&Rfc3339(before)).is_err());
    }
}
