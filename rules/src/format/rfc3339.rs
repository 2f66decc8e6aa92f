//! The pieces of the RFC 3339 grammar (section 5.6) the calendar formats share, each read
//! from the start of a text and returning the rest, and the way `time` values are written
//! back. Letters may be lower case (`t`, `z`), as the RFC's note allows.

use ::time::{Date, Month, Time, UtcOffset};

/// A time of day as `partial-time` writes it; `second` is 60 at a leap second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Clock {
    hour: u8,
    minute: u8,
    second: u8,
    nanosecond: u32,
}

impl Clock {
    /// The time of day; a leap second is the last instant before the next second, as the
    /// `time` crate reads one.
    pub(super) fn time(self) -> Option<Time> {
        let (second, nanosecond) = match self.second {
            60 => (59, 999_999_999),
            second => (second, self.nanosecond),
        };
        Time::from_hms_nano(self.hour, self.minute, second, nanosecond).ok()
    }
}

/// `count` ASCII digits at the start of `text`, as a number, and the rest.
fn digits(text: &str, count: usize) -> Option<(u32, &str)> {
    let head = text.get(..count)?;
    if !head.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((head.parse().ok()?, &text[count..]))
}

/// Two digits, at most `max`.
fn two_digits(text: &str, max: u32) -> Option<(u8, &str)> {
    let (value, rest) = digits(text, 2)?;
    let value = u8::try_from(value).ok().filter(|_| value <= max)?;
    Some((value, rest))
}

/// `full-date` (`2024-02-29`): a day of the proleptic Gregorian calendar, years 0000 to 9999.
pub(super) fn full_date(text: &str) -> Option<(Date, &str)> {
    let (year, rest) = digits(text, 4)?;
    let (month, rest) = two_digits(rest.strip_prefix('-')?, 12)?;
    let (day, rest) = two_digits(rest.strip_prefix('-')?, 31)?;
    let month = Month::try_from(month).ok()?;
    let date = Date::from_calendar_date(i32::try_from(year).ok()?, month, day).ok()?;
    Some((date, rest))
}

/// `partial-time` (`13:45:00`, `13:45:00.123`): any number of fractional digits, of which the
/// first nine count.
fn partial_time(text: &str) -> Option<(Clock, &str)> {
    let (hour, rest) = two_digits(text, 23)?;
    let (minute, rest) = two_digits(rest.strip_prefix(':')?, 59)?;
    let (second, rest) = two_digits(rest.strip_prefix(':')?, 60)?;
    let (nanosecond, rest) = match rest.strip_prefix('.') {
        Some(fraction) => secfrac(fraction)?,
        None => (0, rest),
    };
    let clock = Clock {
        hour,
        minute,
        second,
        nanosecond,
    };
    Some((clock, rest))
}

/// The digits of `time-secfrac` after its dot (at least one), as nanoseconds.
fn secfrac(text: &str) -> Option<(u32, &str)> {
    let count = text.bytes().take_while(u8::is_ascii_digit).count();
    if count == 0 {
        return None;
    }
    let nanosecond = text[..count]
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(9)
        .fold(0, |n, digit| n * 10 + u32::from(digit - b'0'));
    Some((nanosecond, &text[count..]))
}

/// `time-offset`: `Z` or `±hh:mm` (hours 00–23).
fn time_offset(text: &str) -> Option<(UtcOffset, &str)> {
    if let Some(rest) = text.strip_prefix(['Z', 'z']) {
        return Some((UtcOffset::UTC, rest));
    }
    let sign: i8 = match text.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let (hours, rest) = two_digits(&text[1..], 23)?;
    let (minutes, rest) = two_digits(rest.strip_prefix(':')?, 59)?;
    let (hours, minutes) = (i8::try_from(hours).ok()?, i8::try_from(minutes).ok()?);
    let offset = UtcOffset::from_hms(sign * hours, sign * minutes, 0).ok()?;
    Some((offset, rest))
}

/// `full-time` (`partial-time` and its `time-offset`); a leap second only where it is
/// 23:59:60 in UTC (RFC 3339, section 5.7).
pub(super) fn full_time(text: &str) -> Option<(Clock, UtcOffset, &str)> {
    let (clock, rest) = partial_time(text)?;
    let (offset, rest) = time_offset(rest)?;
    if clock.second == 60 {
        let minutes = i32::from(clock.hour) * 60 + i32::from(clock.minute);
        let utc = (minutes - i32::from(offset.whole_minutes())).rem_euclid(24 * 60);
        if utc != 23 * 60 + 59 {
            return None;
        }
    }
    Some((clock, offset, rest))
}

/// `time` as `partial-time`: `hh:mm:ss`, then its fraction without trailing zeros.
pub(super) fn write_clock(time: Time) -> String {
    let mut text = format!(
        "{:02}:{:02}:{:02}",
        time.hour(),
        time.minute(),
        time.second()
    );
    let nanosecond = time.nanosecond();
    if nanosecond != 0 {
        let fraction = format!("{nanosecond:09}");
        text.push('.');
        text.push_str(fraction.trim_end_matches('0'));
    }
    text
}

/// `offset` as `time-offset`: `Z` for UTC, else `±hh:mm`; `None` for an offset with seconds,
/// which RFC 3339 cannot write.
pub(super) fn write_offset(offset: UtcOffset) -> Option<String> {
    let (hours, minutes, seconds) = offset.as_hms();
    if seconds != 0 {
        return None;
    }
    if offset.is_utc() {
        return Some("Z".to_owned());
    }
    let sign = if offset.is_negative() { '-' } else { '+' };
    Some(format!(
        "{sign}{:02}:{:02}",
        hours.unsigned_abs(),
        minutes.unsigned_abs()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractions_count_to_nine_digits() {
        assert_eq!(secfrac("5Z"), Some((500_000_000, "Z")));
        assert_eq!(secfrac("5400491Z"), Some((540_049_100, "Z")));
        assert_eq!(secfrac("1234567891234"), Some((123_456_789, "")));
        assert_eq!(secfrac("Z"), None);
    }

    #[test]
    fn offsets() {
        assert_eq!(time_offset("z"), Some((UtcOffset::UTC, "")));
        let (offset, _) = time_offset("-05:30").expect("offset");
        assert_eq!(offset.whole_minutes(), -330);
        assert_eq!(write_offset(offset).as_deref(), Some("-05:30"));
        assert_eq!(time_offset("+24:00"), None);
        assert_eq!(time_offset("+05:60"), None);
        assert_eq!(time_offset("+0530"), None);
        let odd = UtcOffset::from_hms(1, 0, 30).expect("offset");
        assert_eq!(write_offset(odd), None);
    }

    #[test]
    fn clocks_write_without_trailing_zeros() {
        let time = Time::from_hms_nano(9, 5, 7, 500_000_000).expect("time");
        assert_eq!(write_clock(time), "09:05:07.5");
        assert_eq!(write_clock(Time::MIDNIGHT), "00:00:00");
    }
}
