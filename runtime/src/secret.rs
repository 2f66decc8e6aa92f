//! Credentials that never show up in logs.

use std::fmt;

/// A token or key. Its `Debug` output is redacted, so a client or a request context can be
/// logged with `{:?}` without leaking it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a token.
    pub fn new(token: impl Into<String>) -> Self {
        Secret(token.into())
    }

    /// The token itself, for sending it or comparing it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

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

/// How a service expects its token: which header, and which scheme word before the token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuthScheme {
    /// The header carrying the token (`Authorization`).
    pub header: &'static str,
    /// The word before the token (`Bearer`, `OAuth`), or `None` for the bare token.
    pub prefix: Option<&'static str>,
}

impl AuthScheme {
    /// The header value that carries `token`.
    pub fn header_value(&self, token: &Secret) -> String {
        match self.prefix {
            Some(prefix) => format!("{prefix} {}", token.expose()),
            None => token.expose().to_owned(),
        }
    }

    /// The token in a received header value, if the value has the expected form: the scheme
    /// word in any letter case, one or more spaces, and a token without whitespace.
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
        let well_formed = !token.is_empty() && !token.chars().any(char::is_whitespace);
        well_formed.then(|| Secret::new(token))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OAUTH: AuthScheme = AuthScheme {
        header: "Authorization",
        prefix: Some("OAuth"),
    };

    #[test]
    fn debug_is_redacted() {
        let shown = format!("{:?}", Secret::new("hunter2"));
        assert!(!shown.contains("hunter2"), "{shown}");
    }

    #[test]
    fn reads_the_scheme_word_in_any_case() {
        assert_eq!(OAUTH.header_value(&"t0k".into()), "OAuth t0k");
        assert_eq!(OAUTH.token_in("oauth  t0k"), Some(Secret::new("t0k")));
        assert_eq!(OAUTH.token_in("Bearer t0k"), None);
        assert_eq!(OAUTH.token_in("OAuth "), None);
        assert_eq!(OAUTH.token_in("OAuth a b"), None);
        let bare = AuthScheme {
            header: "Authorization",
            prefix: None,
        };
        assert_eq!(bare.token_in("abc"), Some(Secret::new("abc")));
        assert_eq!(bare.token_in(""), None);
    }
}
