//! The numeric types a spec can name, in one table: each one's spec name, Rust type, OpenAPI
//! format and range. The checker resolves type names and checks bounds and examples against
//! it, the emitters write its Rust types, the export its formats and bounds, the mock makes up
//! values in its ranges, and the runtime names its ranges in messages.

use crate::NumberValue;

/// A numeric type of the spec language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Numeric {
    /// `int8`: `i8`.
    Int8,
    /// `int16`: `i16`.
    Int16,
    /// `int32`: `i32`.
    Int32,
    /// `int64`: `i64`.
    Int64,
    /// `uint8`: `u8`.
    Uint8,
    /// `uint16`: `u16`.
    Uint16,
    /// `uint32`: `u32`.
    Uint32,
    /// `uint64`: `u64`.
    Uint64,
    /// `float32`: `f32`.
    Float32,
    /// `number`, also written `float64`: `f64`. One type under two names, not two types: they
    /// are the same Rust type with the same range and the same wire form, so a second
    /// variant would only make every reader treat both alike.
    Number,
}

/// What one numeric type is, in every place it shows.
#[derive(Debug)]
pub struct NumericType {
    /// The names specs write, the one messages use first (`number`, `float64`).
    pub names: &'static [&'static str],
    /// The Rust type (`u8`).
    pub rust: &'static str,
    /// Whether its values are integers (JSON Schema `integer`), not any number.
    pub integer: bool,
    /// Its width in bits, as the names that end in a width state it.
    pub bits: u32,
    /// The OpenAPI `format`.
    pub format: &'static str,
    /// The least value it holds.
    pub min: NumberValue,
    /// The greatest value it holds.
    pub max: NumberValue,
    /// Whether tools know the range from `format` alone (OpenAPI defines `int32`, `int64` and
    /// `double`); every other range is exported as `minimum` and `maximum`.
    pub known_from_format: bool,
}

/// The greatest `f32`, as its shortest decimal writes it (and as JSON carries it): every
/// number up to it reads as a finite `f32`, and every finite `f32` writes as at most it.
const F32_MAX: f64 = 3.402_823_5e38;

/// A row of integers from `min` to `max`.
const fn integers(
    names: &'static [&'static str],
    rust: &'static str,
    bits: u32,
    (min, max): (i128, i128),
    known_from_format: bool,
) -> NumericType {
    NumericType {
        names,
        rust,
        integer: true,
        bits,
        format: names[0],
        min: NumberValue::Int(min),
        max: NumberValue::Int(max),
        known_from_format,
    }
}

/// A row of two's-complement integers of `bits` bits; OpenAPI's own formats (`int32`,
/// `int64`) tell tools their range.
const fn signed(names: &'static [&'static str], rust: &'static str, bits: u32) -> NumericType {
    let half = 1_i128 << (bits - 1);
    integers(names, rust, bits, (-half, half - 1), bits >= 32)
}

/// A row of unsigned integers of `bits` bits.
const fn unsigned(names: &'static [&'static str], rust: &'static str, bits: u32) -> NumericType {
    integers(names, rust, bits, (0, (1_i128 << bits) - 1), false)
}

const INT8: NumericType = signed(&["int8"], "i8", 8);
const INT16: NumericType = signed(&["int16"], "i16", 16);
const INT32: NumericType = signed(&["int32"], "i32", 32);
const INT64: NumericType = signed(&["int64"], "i64", 64);
const UINT8: NumericType = unsigned(&["uint8"], "u8", 8);
const UINT16: NumericType = unsigned(&["uint16"], "u16", 16);
const UINT32: NumericType = unsigned(&["uint32"], "u32", 32);
const UINT64: NumericType = unsigned(&["uint64"], "u64", 64);
const FLOAT32: NumericType = NumericType {
    names: &["float32"],
    rust: "f32",
    integer: false,
    bits: 32,
    format: "float",
    min: NumberValue::Float(-F32_MAX),
    max: NumberValue::Float(F32_MAX),
    known_from_format: false,
};
const NUMBER: NumericType = NumericType {
    names: &["number", "float64"],
    rust: "f64",
    integer: false,
    bits: 64,
    format: "double",
    min: NumberValue::Float(f64::MIN),
    max: NumberValue::Float(f64::MAX),
    known_from_format: true,
};

impl Numeric {
    /// Every numeric type: the signed integers, the unsigned ones, then the floats, each
    /// family from narrow to wide.
    pub const ALL: [Numeric; 10] = [
        Numeric::Int8,
        Numeric::Int16,
        Numeric::Int32,
        Numeric::Int64,
        Numeric::Uint8,
        Numeric::Uint16,
        Numeric::Uint32,
        Numeric::Uint64,
        Numeric::Float32,
        Numeric::Number,
    ];

    /// The table's row for this type.
    pub const fn definition(self) -> &'static NumericType {
        match self {
            Numeric::Int8 => &INT8,
            Numeric::Int16 => &INT16,
            Numeric::Int32 => &INT32,
            Numeric::Int64 => &INT64,
            Numeric::Uint8 => &UINT8,
            Numeric::Uint16 => &UINT16,
            Numeric::Uint32 => &UINT32,
            Numeric::Uint64 => &UINT64,
            Numeric::Float32 => &FLOAT32,
            Numeric::Number => &NUMBER,
        }
    }

    /// The type a spec names (`uint8`, `float64`), if there is one.
    pub fn from_name(name: &str) -> Option<Numeric> {
        Numeric::ALL
            .into_iter()
            .find(|n| n.definition().names.contains(&name))
    }

    /// The type whose Rust type is `rust` (`u8`), as serde's messages name it.
    pub fn from_rust(rust: &str) -> Option<Numeric> {
        Numeric::ALL
            .into_iter()
            .find(|n| n.definition().rust == rust)
    }

    /// The name messages use (`uint8`; `number` for `float64`).
    pub const fn name(self) -> &'static str {
        self.definition().names[0]
    }

    /// Whether its values are integers.
    pub const fn is_integer(self) -> bool {
        self.definition().integer
    }

    /// Whether it holds no negative value.
    pub fn is_unsigned(self) -> bool {
        self.definition().min == NumberValue::Int(0)
    }

    /// Whether `value` is one of its values: in range, and whole for an integer type (`3.0`
    /// is the integer 3, as JSON Schema reads it).
    pub fn holds(self, value: NumberValue) -> bool {
        let whole = !self.is_integer() || value.integral().is_some();
        whole && self.within(value)
    }

    /// Whether `value` lies within its range, whole or not (a bound on an integer type may
    /// have a fraction).
    pub fn within(self, value: NumberValue) -> bool {
        let row = self.definition();
        value.at_least(row.min) && value.at_most(row.max)
    }

    /// Whether it holds every value of `other`.
    pub fn holds_all_of(self, other: Numeric) -> bool {
        let theirs = other.definition();
        (self.is_integer() || !other.is_integer())
            && self.within(theirs.min)
            && self.within(theirs.max)
    }

    /// What its values are, for messages: "an integer from 0 to 255", "a number from
    /// -3.4028235e38 to 3.4028235e38"; `number` is "a number" (JSON carries no other).
    pub fn values(self) -> String {
        let row = self.definition();
        match (row.min, row.max) {
            (NumberValue::Int(min), NumberValue::Int(max)) => {
                format!("an integer from {min} to {max}")
            }
            _ if row.known_from_format => "a number".to_owned(),
            (NumberValue::Float(min), NumberValue::Float(max)) => {
                format!("a number from {min:e} to {max:e}")
            }
            (min, max) => format!("a number from {min} to {max}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_finds_its_type_and_every_rust_type_is_one() {
        for numeric in Numeric::ALL {
            for name in numeric.definition().names {
                assert_eq!(Numeric::from_name(name), Some(numeric));
            }
            assert_eq!(Numeric::from_rust(numeric.definition().rust), Some(numeric));
            assert!(numeric.within(numeric.definition().min));
            assert!(numeric.within(numeric.definition().max));
        }
        assert_eq!(Numeric::from_name("float64"), Some(Numeric::Number));
        assert_eq!(Numeric::from_name("uint128"), None);
    }

    #[test]
    fn integer_ranges_are_the_rust_types_own() {
        let rust: [(Numeric, i128, i128); 8] = [
            (Numeric::Int8, i8::MIN.into(), i8::MAX.into()),
            (Numeric::Int16, i16::MIN.into(), i16::MAX.into()),
            (Numeric::Int32, i32::MIN.into(), i32::MAX.into()),
            (Numeric::Int64, i64::MIN.into(), i64::MAX.into()),
            (Numeric::Uint8, 0, u8::MAX.into()),
            (Numeric::Uint16, 0, u16::MAX.into()),
            (Numeric::Uint32, 0, u32::MAX.into()),
            (Numeric::Uint64, 0, u64::MAX.into()),
        ];
        for (numeric, min, max) in rust {
            let row = numeric.definition();
            assert_eq!(
                (row.min, row.max),
                (NumberValue::Int(min), NumberValue::Int(max))
            );
            assert_eq!(row.format, row.names[0]);
        }
    }

    #[test]
    fn ranges_are_the_rust_types_own() {
        assert!(Numeric::Uint8.holds(NumberValue::Int(255)));
        assert!(!Numeric::Uint8.holds(NumberValue::Int(256)));
        assert!(!Numeric::Uint32.holds(NumberValue::Int(-1)));
        assert!(Numeric::Uint64.holds(NumberValue::Int(u64::MAX.into())));
        assert!(!Numeric::Int64.holds(NumberValue::Int(i128::from(i64::MAX) + 1)));
        assert!(Numeric::Int8.holds(NumberValue::Float(-128.0)));
        assert!(!Numeric::Int8.holds(NumberValue::Float(1.5)));
        assert!(Numeric::Int8.within(NumberValue::Float(1.5)));
        assert!(Numeric::Float32.holds(NumberValue::Float(f64::from(f32::MAX))));
        assert!(!Numeric::Float32.holds(NumberValue::Float(1e39)));
        assert!(Numeric::Number.holds(NumberValue::Float(1e300)));
        assert!(Numeric::Int64.holds_all_of(Numeric::Uint32));
        assert!(!Numeric::Int64.holds_all_of(Numeric::Uint64));
        assert!(!Numeric::Int64.holds_all_of(Numeric::Float32));
    }

    #[test]
    fn messages_state_the_range() {
        assert_eq!(Numeric::Uint8.values(), "an integer from 0 to 255");
        assert_eq!(
            Numeric::Int64.values(),
            "an integer from -9223372036854775808 to 9223372036854775807"
        );
        assert_eq!(
            Numeric::Float32.values(),
            "a number from -3.4028235e38 to 3.4028235e38"
        );
        assert_eq!(Numeric::Number.values(), "a number");
    }
}
