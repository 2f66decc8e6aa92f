//! Credentials that never show up in logs.

use std::fmt;

/// A token or key. Its `Debug` output is redacted, so a client or a request context can be
/// logged with `{:?}` without leaking it, and `==` compares two in constant time
/// ([`Secret::matches`]).
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    /// Wraps a token.
    pub fn new(token: impl Into<String>) -> Self {
        Secret(token.into())
    }

    /// The token itself, for sending it. Compare it with [`Secret::matches`], not `==` on
    /// the text.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether `presented` is this secret, in a time that depends on `presented`'s length
    /// alone: not on where the two first differ, nor on this secret's length. Every byte
    /// presented is compared, against this secret's bytes in turn, and the lengths are
    /// compared alongside, so no early exit tells an attacker how much of a guess was right.
    pub fn matches(&self, presented: &Secret) -> bool {
        let expected = self.0.as_bytes();
        let presented = presented.0.as_bytes();
        let mut same = (expected.len() as u64).ct_eq(&(presented.len() as u64));
        let cycle = expected.len().max(1);
        for (at, byte) in presented.iter().enumerate() {
            let against = expected.get(at % cycle).copied().unwrap_or(0);
            same &= byte.ct_eq(&against);
        }
        same.into()
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        self.matches(other)
    }
}

impl Eq for Secret {}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl From<String> for Secret {
    fn from(token: String) -> Self {
        Secret(token)
    }
}

impl From<&str> for Secret {
    fn from(token: &str) -> Self {
        Secret(token.to_owned())
    }
}

/// Where a credential travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carrier {
    /// In a header (`Authorization`, `X-API-Key`).
    Header(&'static str),
    /// In a query parameter.
    Query(&'static str),
    /// In a cookie.
    Cookie(&'static str),
}

/// How a service expects one credential: its scheme's name, where it travels, and the word
/// before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuthScheme {
    /// The scheme's name in the spec (`auth` for a service's one scheme).
    pub name: &'static str,
    /// Where it travels.
    pub carrier: Carrier,
    /// The word before the token (`Bearer`, `OAuth`, `Basic`), or `None` for the bare key.
    pub prefix: Option<&'static str>,
    /// HTTP Basic: the secret is `user:password`, sent base64-encoded.
    pub basic: bool,
}

impl AuthScheme {
    /// The value that carries `token`: the prefix, a space and the token (base64 for Basic).
    pub fn value(&self, token: &Secret) -> String {
        let token = if self.basic {
            base64::engine::general_purpose::STANDARD.encode(token.expose())
        } else {
            token.expose().to_owned()
        };
        match self.prefix {
            Some(prefix) => format!("{prefix} {token}"),
            None => token,
        }
    }

    /// The token in a received value, if the value has the expected form: the scheme word in
    /// any letter case, one or more spaces, and a token without whitespace (for Basic, base64
    /// of UTF-8 `user:password`).
    pub fn token_in(&self, value: &str) -> Option<Secret> {
        let token = match self.prefix {
            Some(prefix) => {
                let (word, rest) = value.split_once(' ')?;
                if !word.eq_ignore_ascii_case(prefix) {
                    return None;
                }
                rest.trim_start_matches(' ')
            }
            None => value,
        };
        if token.is_empty() || token.chars().any(char::is_whitespace) {
            return None;
        }
        if !self.basic {
            return Some(Secret::new(token));
        }
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(token)
            .ok()?;
        let pair = String::from_utf8(bytes).ok()?;
        pair.contains(':').then(|| Secret::new(pair))
    }
}

use base64::Engine as _;
use subtle::ConstantTimeEq as _;

#[cfg(test)]
mod tests {
    use super::*;

    const OAUTH: AuthScheme = AuthScheme {
        name: "auth",
        carrier: Carrier::Header("Authorization"),
        prefix: Some("OAuth"),
        basic: false,
    };

    #[test]
    fn debug_is_redacted() {
        let shown = format!("{:?}", Secret::new("hunter2"));
        assert!(!shown.contains("hunter2"), "{shown}");
    }

    #[test]
    fn matches_only_the_same_secret() {
        let secret = Secret::new("t0ken");
        assert!(secret.matches(&"t0ken".into()));
        assert_eq!(secret, Secret::new("t0ken"));
        const OTHERS: [&str; 8] = [
            "",
            "t",
            "t0ke",
            "t0kem",
            "x0ken",
            "t0kent",
            "t0kent0ken",
            "T0KEN",
        ];
        for other in OTHERS {
            assert!(!secret.matches(&other.into()), "{other:?}");
            assert!(!Secret::new(other).matches(&secret), "{other:?}");
            assert_ne!(secret, Secret::new(other));
        }
        assert!(Secret::new("").matches(&"".into()));
        assert!(!Secret::new("").matches(&"\0".into()));
    }

    #[test]
    fn reads_the_scheme_word_in_any_case() {
        assert_eq!(OAUTH.value(&"t0k".into()), "OAuth t0k");
        assert_eq!(OAUTH.token_in("oauth  t0k"), Some(Secret::new("t0k")));
        assert_eq!(OAUTH.token_in("Bearer t0k"), None);
        assert_eq!(OAUTH.token_in("OAuth "), None);
        assert_eq!(OAUTH.token_in("OAuth a b"), None);
        let bare = AuthScheme {
            prefix: None,
            ..OAUTH
        };
        assert_eq!(bare.token_in("abc"), Some(Secret::new("abc")));
        assert_eq!(bare.token_in(""), None);
    }

    #[test]
    fn basic_sends_the_pair_base64_encoded() {
        let basic = AuthScheme {
            prefix: Some("Basic"),
            basic: true,
            ..OAUTH
        };
        assert_eq!(
            basic.value(&"aladdin:opensesame".into()),
            "Basic YWxhZGRpbjpvcGVuc2VzYW1l"
        );
        assert_eq!(
            basic.token_in("basic YWxhZGRpbjpvcGVuc2VzYW1l"),
            Some(Secret::new("aladdin:opensesame"))
        );
        // Not base64, or no `user:password` inside.
        assert_eq!(basic.token_in("Basic !!!"), None);
        assert_eq!(basic.token_in("Basic YWxhZGRpbg=="), None);
    }
}
