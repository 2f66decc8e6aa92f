//! Numbers as rules compare them.

/// A number as rules compare it: integers exactly, floats as `f64`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NumberValue {
    /// Any Rust integer up to 64 bits fits without loss.
    Int(i128),
    /// A floating-point number.
    Float(f64),
}

impl NumberValue {
    /// A JSON number, exactly where it is an integer.
    pub fn from_json(number: &serde_json::Number) -> NumberValue {
        match (number.as_i64(), number.as_u64()) {
            (Some(value), _) => NumberValue::Int(value.into()),
            (None, Some(value)) => NumberValue::Int(value.into()),
            // serde_json numbers are finite; NaN never comes from JSON.
            (None, None) => NumberValue::Float(number.as_f64().unwrap_or(f64::NAN)),
        }
    }

    /// The value as JSON would carry it.
    pub fn to_json(self) -> Option<serde_json::Number> {
        match self {
            NumberValue::Int(value) => i64::try_from(value)
                .map(serde_json::Number::from)
                .or_else(|_| u64::try_from(value).map(serde_json::Number::from))
                .ok()
                // Beyond 64 bits JSON numbers are approximate anyway.
                .or_else(|| serde_json::Number::from_f64(value as f64)),
            NumberValue::Float(value) => serde_json::Number::from_f64(value),
        }
    }

    /// The integer this number is, when it has no fraction: `3.0` is the integer 3, as JSON
    /// Schema reads it.
    pub fn integral(self) -> Option<i128> {
        match self {
            NumberValue::Int(value) => Some(value),
            // 2^127 is exact as an f64; every whole float below it in magnitude fits an i128.
            NumberValue::Float(value) if value.fract() == 0.0 && value.abs() < 2f64.powi(127) => {
                Some(value as i128)
            }
            NumberValue::Float(_) => None,
        }
    }

    fn as_f64(self) -> f64 {
        match self {
            NumberValue::Int(value) => value as f64,
            NumberValue::Float(value) => value,
        }
    }

    /// `self >= other`; NaN compares as out of every range.
    pub fn at_least(self, other: NumberValue) -> bool {
        match (self, other) {
            (NumberValue::Int(a), NumberValue::Int(b)) => a >= b,
            (a, b) => a.as_f64() >= b.as_f64(),
        }
    }

    /// `self <= other`; NaN compares as out of every range.
    pub fn at_most(self, other: NumberValue) -> bool {
        match (self, other) {
            (NumberValue::Int(a), NumberValue::Int(b)) => a <= b,
            (a, b) => a.as_f64() <= b.as_f64(),
        }
    }
}

impl std::fmt::Display for NumberValue {
    /// As written in a spec: a float far from 1 in exponent form (`1e39`, not 40 digits).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NumberValue::Int(value) => value.fmt(f),
            NumberValue::Float(value) if *value != 0.0 && !(1e-5..1e16).contains(&value.abs()) => {
                write!(f, "{value:e}")
            }
            NumberValue::Float(value) => value.fmt(f),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparisons_are_exact_for_integers() {
        let big = NumberValue::Int(i64::MAX as i128);
        let just_below = NumberValue::Int(i64::MAX as i128 - 1);
        assert!(!just_below.at_least(big));
        assert!(NumberValue::Float(1.5).at_least(NumberValue::Int(1)));
        assert!(!NumberValue::Float(f64::NAN).at_least(NumberValue::Int(0)));
        assert!(!NumberValue::Float(f64::NAN).at_most(NumberValue::Int(0)));
    }

    #[test]
    fn floats_far_from_one_show_their_exponent() {
        let shown = |v: f64| NumberValue::Float(v).to_string();
        assert_eq!(shown(1e39), "1e39");
        assert_eq!(shown(-3.4028235e38), "-3.4028235e38");
        assert_eq!(shown(1.5e-7), "1.5e-7");
        assert_eq!(shown(0.25), "0.25");
        assert_eq!(shown(-1000.5), "-1000.5");
        assert_eq!(shown(0.0), "0");
        assert_eq!(
            NumberValue::Int(u64::MAX.into()).to_string(),
            "18446744073709551615"
        );
    }

    #[test]
    fn whole_floats_are_integers() {
        assert_eq!(NumberValue::Float(-3.0).integral(), Some(-3));
        assert_eq!(
            NumberValue::Float(1e19).integral(),
            Some(10_000_000_000_000_000_000)
        );
        assert_eq!(NumberValue::Float(1.5).integral(), None);
        assert_eq!(NumberValue::Float(f64::INFINITY).integral(), None);
        assert_eq!(NumberValue::Float(1e300).integral(), None);
        assert_eq!(NumberValue::Int(7).integral(), Some(7));
    }

    #[test]
    fn json_numbers_round_trip() {
        assert_eq!(NumberValue::Int(-5).to_json(), Some((-5).into()));
        assert_eq!(
            NumberValue::Int(u64::MAX.into()).to_json(),
            Some(u64::MAX.into())
        );
        assert_eq!(
            NumberValue::Float(0.5).to_json(),
            serde_json::Number::from_f64(0.5)
        );
        let max: serde_json::Number = u64::MAX.into();
        assert_eq!(
            NumberValue::from_json(&max),
            NumberValue::Int(u64::MAX.into())
        );
        let half = serde_json::Number::from_f64(2.5).expect("finite");
        assert_eq!(NumberValue::from_json(&half), NumberValue::Float(2.5));
    }
}
