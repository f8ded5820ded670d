//! Secrets (the bot token, the application's public key): read from the environment or `.env`,
//! never printed — `Debug` and `Display` show a placeholder, so a secret cannot leak into a log
//! line or an error message by accident.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};

pub struct Secret(SecretString);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(SecretString::new(value.into()))
    }

    /// The secret's value, from the environment variable `name`; `None` if unset or blank.
    pub fn from_env(name: &str) -> Option<Secret> {
        std::env::var(name)
            .ok()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .map(Secret::new)
    }

    /// For the one place that needs the value (handing it to the HTTP client or a verifier).
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_shows_its_value() {
        let s = Secret::new("MTIz.abc.def");
        assert!(!format!("{s:?} {s}").contains("MTIz"));
        assert_eq!(s.expose(), "MTIz.abc.def");
    }
}
