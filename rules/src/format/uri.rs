//! `uri`: an absolute URI as RFC 3986 (section 3) writes one: a scheme (a letter, then
//! letters, digits, `+`, `-`, `.`), `:`, then an authority after `//` (user information, a host
//! as a registered name, an IPv4 address or an IPv6 address in brackets, a port) and a path,
//! or a path alone (`mailto:a@example.com`, `urn:isbn:0451450523`), then an optional `?query`
//! and `#fragment`. Only the characters RFC 3986 allows in each part are accepted, anything
//! else percent-encoded (`%20`): no spaces, no non-ASCII letters (that is an IRI), no
//! backslashes. A relative reference (`/path`, `//host/path`) has no scheme and is refused.

use super::{Definition, Held, ipv6};

pub(super) const FORMAT: Definition = Definition {
    name: "uri",
    derive: "uri",
    description: "a valid absolute URI",
    sample: "https://example.com/",
    matches: is_uri,
    held: Held::Text,
};

/// RFC 3986's `sub-delims`.
const SUB_DELIMS: &[u8] = b"!$&'()*+,;=";

/// Whether `text` is an absolute URI: see the module's documentation.
fn is_uri(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let (rest, fragment) = split_first(rest, '#');
    let (hier, query) = split_first(rest, '?');
    is_scheme(scheme)
        && is_hier_part(hier)
        && query.is_none_or(|q| only(q, b":@/?"))
        && fragment.is_none_or(|f| only(f, b":@/?"))
}

/// `text` before and after the first `at`, if there is one.
fn split_first(text: &str, at: char) -> (&str, Option<&str>) {
    match text.split_once(at) {
        Some((before, after)) => (before, Some(after)),
        None => (text, None),
    }
}

fn is_scheme(scheme: &str) -> bool {
    let mut bytes = scheme.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
}

/// `hier-part`: `//` an authority and a path that is empty or begins with `/`; or a path.
fn is_hier_part(hier: &str) -> bool {
    match hier.strip_prefix("//") {
        Some(rest) => {
            let at = rest.find('/').unwrap_or(rest.len());
            is_authority(&rest[..at]) && is_path(&rest[at..])
        }
        None => is_path(hier),
    }
}

/// Segments of `pchar`s between slashes.
fn is_path(path: &str) -> bool {
    path.split('/').all(|segment| only(segment, b":@"))
}

/// `[ userinfo "@" ] host [ ":" port ]`.
fn is_authority(authority: &str) -> bool {
    let (userinfo, host_port) = match authority.rsplit_once('@') {
        Some((userinfo, host_port)) => (Some(userinfo), host_port),
        None => (None, authority),
    };
    // What follows the host: nothing, or `:` and the port's digits (maybe none).
    let (host_ok, port) = match host_port.strip_prefix('[') {
        Some(bracketed) => match bracketed.split_once(']') {
            Some((literal, port)) => (is_ip_literal(literal), port),
            None => (false, ""),
        },
        // A registered name or an IPv4 address holds no `:`.
        None => {
            let end = host_port.find(':').unwrap_or(host_port.len());
            (only(&host_port[..end], b""), &host_port[end..])
        }
    };
    let port_ok = port.is_empty()
        || port
            .strip_prefix(':')
            .is_some_and(|digits| digits.bytes().all(|b| b.is_ascii_digit()));
    host_ok && port_ok && userinfo.is_none_or(|u| only(u, b":"))
}

/// The inside of `[…]`: an IPv6 address, or `v` a version in hex, `.`, and its text.
fn is_ip_literal(literal: &str) -> bool {
    if let Some(future) = literal.strip_prefix(['v', 'V']) {
        return future.split_once('.').is_some_and(|(version, text)| {
            !version.is_empty()
                && version.bytes().all(|b| b.is_ascii_hexdigit())
                && !text.is_empty()
                && only(text, b":")
                && !text.contains('%')
        });
    }
    ipv6::is_ipv6(literal)
}

/// Whether `text` holds only unreserved characters, sub-delims, the `extra` ones and
/// percent-encoded bytes (`%` and two hex digits).
fn only(text: &str, extra: &[u8]) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let hex = bytes.get(i + 1..i + 3);
            if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                return false;
            }
            i += 3;
            continue;
        }
        let unreserved = b.is_ascii_alphanumeric() || b"-._~".contains(&b);
        if !(unreserved || SUB_DELIMS.contains(&b) || extra.contains(&b)) {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_uris() {
        for text in [
            "https://example.com/",
            "http://foo.bar/?baz=qux#quux",
            "http://example.com:8080/a/b;c=d?e=f&g=h#i/j?k",
            "ftp://ftp.is.co.za/rfc/rfc1808.txt",
            "ldap://[2001:db8::7]/c=GB?objectClass?one",
            "http://[2001:db8::7]:80/",
            "http://[v7.fe80::a+en1]/",
            "mailto:John.Doe@example.com",
            "news:comp.infosystems.www.servers.unix",
            "tel:+1-816-555-1212",
            "telnet://192.0.2.16:80/",
            "urn:oasis:names:specification:docbook:dtd:xml:4.1.2",
            "http://-.~_!$&'()*+,;=:%40:80%2f::::::@example.com",
            "file:///etc/hosts",
            "http://example.com/%E2%82%AC",
            "about:",
            "https://example.com:/",
        ] {
            assert!(is_uri(text), "{text}");
        }
    }

    #[test]
    fn not_absolute_uris() {
        for text in [
            "",
            "example.com",
            "//foo.bar/?baz=qux#quux",
            "/abc",
            "abc",
            "http:// shouldfail.com",
            ":// should fail",
            "bar,baz:foo",
            "1http://example.com",
            "http://example.com/a b",
            "http://example.com/€",
            "\\\\WINDOWS\\fileshare",
            "http://example.com/%zz",
            "http://example.com/%4",
            "http://[2001:db8::7/",
            "http://[::1%25eth0]/",
            "http://[example.com]/",
            "http://example.com:8o/",
            "http://user@name@example.com/",
            "http://example.com/a#b#c",
            "http://exa<mple.com/",
        ] {
            assert!(!is_uri(text), "{text}");
        }
    }
}
