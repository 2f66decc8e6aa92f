//! `ipv4`: an IPv4 address in dotted-quad form (RFC 2673's `dotted-quad`, as JSON Schema
//! means it): four decimal numbers 0 to 255, without leading zeros, which some readers take
//! for octal.

use std::net::Ipv4Addr;

use super::{Definition, Held};

pub(super) const FORMAT: Definition = Definition {
    name: "ipv4",
    derive: "ipv4",
    description: "a valid IPv4 address",
    sample: "192.0.2.1",
    // The standard library's reader is exactly this form: no leading zeros, no other bases,
    // no fewer parts.
    matches: |text| text.parse::<Ipv4Addr>().is_ok(),
    held: Held::Text,
};

#[cfg(test)]
mod tests {
    use super::*;

    fn valid(text: &str) -> bool {
        (FORMAT.matches)(text)
    }

    #[test]
    fn dotted_quads() {
        for text in ["192.0.2.1", "0.0.0.0", "255.255.255.255", "10.0.0.10"] {
            assert!(valid(text), "{text}");
        }
        for text in [
            "256.0.0.1",
            "01.2.3.4",
            "1.2.3.04",
            "1.2.3",
            "1.2.3.4.5",
            "0x7f.0.0.1",
            "1.2.3.4/24",
            " 1.2.3.4",
            "١.2.3.4",
            "",
        ] {
            assert!(!valid(text), "{text}");
        }
    }
}
