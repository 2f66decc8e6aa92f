//! `date`: an RFC 3339 `full-date` (`2024-02-29`), a day that exists, years 0000 to 9999.

use ::time::Date;

use super::rfc3339::full_date;
use super::{Definition, Held};

pub(super) const FORMAT: Definition = Definition {
    name: "date",
    derive: "date",
    description: "a valid RFC 3339 date",
    sample: "1970-01-01",
    matches: |text| parse(text).is_some(),
    held: Held::Calendar {
        written: |text| write(parse(text)?),
    },
};

/// The day `text` names, when it is a `full-date` and nothing else.
pub fn parse(text: &str) -> Option<Date> {
    match full_date(text)? {
        (date, "") => Some(date),
        _ => None,
    }
}

/// `date` as a `full-date`; `None` for a year RFC 3339 cannot write (before 0 or after 9999).
pub fn write(date: Date) -> Option<String> {
    let year = date.year();
    (0..=9999)
        .contains(&year)
        .then(|| format!("{year:04}-{:02}-{:02}", u8::from(date.month()), date.day()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid(text: &str) -> bool {
        (FORMAT.matches)(text)
    }

    #[test]
    fn days_that_exist() {
        for text in [
            "2024-02-29",
            "2000-02-29",
            "0000-01-01",
            "9999-12-31",
            "1970-01-01",
        ] {
            assert!(valid(text), "{text}");
            assert_eq!(write(parse(text).expect("parses")).as_deref(), Some(text));
        }
    }

    #[test]
    fn days_that_do_not() {
        for text in [
            "2023-02-29",
            "1900-02-29",
            "2024-04-31",
            "2024-13-01",
            "2024-00-10",
            "2024-01-00",
            "2024-1-05",
            "24-01-05",
            "+2024-01-05",
            "2024-01-05T00:00:00Z",
            "2024/01/05",
            "2024-01-05 ",
            "２０２４-01-05",
            "",
        ] {
            assert!(!valid(text), "{text}");
        }
    }

    #[test]
    fn years_outside_rfc_3339_are_not_written() {
        let before = Date::from_calendar_date(-1, ::time::Month::January, 1).expect("date");
        assert_eq!(write(before), None);
    }
}
