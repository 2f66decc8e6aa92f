//! `duration`: an ISO 8601 duration, as RFC 3339 Appendix A and JSON Schema write it: `P`,
//! then whole numbers each followed by its unit, years, months and days (`P1Y2M3D`), then `T`
//! and hours, minutes and seconds (`PT1H30M`), each unit at most once and in that order; or
//! weeks alone (`P2W`). Units may be left out between others (`P1Y3D`, `PT1H5S`), as ISO 8601
//! allows; fractions (`PT0.5S`) and lower-case letters are not accepted.

use super::{Definition, Held};

pub(super) const FORMAT: Definition = Definition {
    name: "duration",
    derive: "duration",
    description: "a valid ISO 8601 duration",
    sample: "P1D",
    matches: is_duration,
    held: Held::Text,
};

/// Whether `text` is a duration: see the module's documentation.
fn is_duration(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('P') else {
        return false;
    };
    if let Some(weeks) = rest.strip_suffix('W') {
        return is_number(weeks);
    }
    let (date, time) = match rest.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (rest, None),
    };
    let time_ok = time.is_none_or(|time| !time.is_empty() && in_order(time, b"HMS"));
    !rest.is_empty() && in_order(date, b"YMD") && time_ok
}

/// Whether `text` is numbers each followed by one of `units`, each unit at most once and in
/// the order given.
fn in_order(mut text: &str, mut units: &[u8]) -> bool {
    while !text.is_empty() {
        let count = text.bytes().take_while(u8::is_ascii_digit).count();
        let Some(&unit) = text.as_bytes().get(count) else {
            return false;
        };
        let Some(at) = units.iter().position(|&u| u == unit) else {
            return false;
        };
        if count == 0 {
            return false;
        }
        units = &units[at + 1..];
        text = &text[count + 1..];
    }
    true
}

fn is_number(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_8601_durations() {
        for text in [
            "P3D",
            "PT1H30M",
            "P1Y2M",
            "P2W",
            "P4DT12H30M5S",
            "P1Y2M3DT4H5M6S",
            "PT0S",
            "P0D",
            "PT36H",
            "P1M",
            "PT1M",
            "P1Y3D",
            "PT1H5S",
            "P10000Y10000M10000D",
        ] {
            assert!(is_duration(text), "{text}");
        }
    }

    #[test]
    fn not_durations() {
        for text in [
            "", "P", "PT", "P1YT", "P1", "1D", "P2D1Y", "P1D2H", "PT1D", "P2S", "P1Y2W", "PW",
            "P1W2D", "PT0.5S", "P1.5D", "p1d", "P1d", "P-1D", "P1DT", "P1M1M", "PT1S1M", "P١Y",
            "P 1D", "P1D ",
        ] {
            assert!(!is_duration(text), "{text}");
        }
    }
}
