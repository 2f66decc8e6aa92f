//! `ipv6`: an IPv6 address in one of RFC 4291's text forms (section 2.2): eight groups of one
//! to four hex digits in either case, `::` once for one or more zero groups, and the last two
//! groups as a dotted quad (`::ffff:192.0.2.1`). A zone (`fe80::1%eth0`, RFC 4007) and
//! brackets are not part of the address and are refused.

use std::net::Ipv6Addr;

use super::{Definition, Held};

pub(super) const FORMAT: Definition = Definition {
    name: "ipv6",
    derive: "ipv6",
    description: "a valid IPv6 address",
    sample: "2001:db8::1",
    matches: is_ipv6,
    held: Held::Text,
};

/// Whether `text` is an IPv6 address: the standard library reads exactly RFC 4291's text
/// forms, and no zone.
pub(super) fn is_ipv6(text: &str) -> bool {
    text.parse::<Ipv6Addr>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_forms() {
        for text in [
            "2001:db8::1",
            "2001:0DB8:0000:0000:0000:0000:0000:0001",
            "::",
            "::1",
            "1::",
            "1:2:3:4:5:6:7::",
            "::ffff:192.0.2.1",
            "1:2:3:4:5:6:192.0.2.1",
            "fe80::abcd",
        ] {
            assert!(is_ipv6(text), "{text}");
        }
    }

    #[test]
    fn not_addresses() {
        for text in [
            "fe80::1%eth0",
            "[::1]",
            "1:2:3:4:5:6:7:8:9",
            "1::2::3",
            "12345::",
            "1:2:3:4:5:6:7",
            ":1::",
            "::ffff:01.2.3.4",
            "1:2:3:4:5:6:7:1.2.3.4",
            "g::1",
            "192.0.2.1",
            "",
        ] {
            assert!(!is_ipv6(text), "{text}");
        }
    }
}
