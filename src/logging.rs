//! Logs to stderr with every secret replaced by `[redacted]`, whatever `RUST_LOG` asks for.
//!
//! Redaction is a property of the writer, not a promise about each crate: at `trace`,
//! tungstenite prints every gateway frame (IDENTIFY and RESUME carry the bot token,
//! INTERACTION_CREATE an interaction token that can post as the bot for 15 minutes) and HTTP
//! crates print request lines and headers. Every formatted line passes through [`Redactor`]
//! before it reaches stderr, so an operator who asks for `trace` still gets the frames, without
//! what would give a stranger the bot.

use std::borrow::Cow;
use std::io::{self, Write};
use std::sync::Arc;

use regex::Regex;
use tracing_subscriber::fmt::MakeWriter;

/// What replaces a secret.
pub const REDACTED: &str = "[redacted]";

/// Finds secrets in a log line: the values it is told about, and whatever has the shape of a
/// token (JSON `token` fields, webhook and interaction callback paths, authorization headers,
/// Discord bot tokens).
pub struct Redactor {
    secrets: Vec<String>,
    patterns: Vec<Regex>,
}

/// Each pattern's first group is kept and its second is the secret.
const PATTERNS: &[&str] = &[
    // "token":"…" in JSON, also inside a Debug-escaped string (\"token\":\"…\").
    r#"(?i)(\\?"(?:token|access_token|refresh_token|client_secret|private_key)\\?"\s*:\s*\\?")([^"\\]+)"#,
    // token: "…" in a Debug-printed struct.
    r#"(?i)(\b(?:token|access_token|private_key)\s*:\s*\\?")([^"\\]+)"#,
    // Webhook and interaction-callback URLs carry the interaction token in their path.
    r"(/webhooks/\d+/)([A-Za-z0-9_\-.]+)",
    r"(/interactions/\d+/)([A-Za-z0-9_\-.]+)",
    // Authorization headers, however a crate prints them.
    r#"(?i)(authorization\\?"?\s*[:=]\s*\\?"?\s*(?:bot |bearer )?)([^\s"\\,}]+)"#,
    // A Discord bot token's shape: three base64url parts.
    r"()([A-Za-z0-9_\-]{23,28}\.[A-Za-z0-9_\-]{6,7}\.[A-Za-z0-9_\-]{27,})",
];

impl Redactor {
    /// A redactor for these secret values (empty or very short values are ignored: they would
    /// redact ordinary words) and every token-shaped string.
    pub fn new(secrets: impl IntoIterator<Item = String>) -> Self {
        let mut secrets: Vec<String> = secrets.into_iter().filter(|s| s.len() >= 8).collect();
        // Longest first, so a secret containing another is replaced whole.
        secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
        let patterns = PATTERNS.iter().filter_map(|p| Regex::new(p).ok()).collect();
        Redactor { secrets, patterns }
    }

    /// `line` with every secret replaced by [`REDACTED`].
    pub fn redact<'a>(&self, line: &'a str) -> Cow<'a, str> {
        let mut out = Cow::Borrowed(line);
        for secret in &self.secrets {
            if out.contains(secret.as_str()) {
                out = Cow::Owned(out.replace(secret.as_str(), REDACTED));
            }
        }
        for pattern in &self.patterns {
            if pattern.is_match(&out) {
                let replaced = pattern
                    .replace_all(&out, |c: &regex::Captures<'_>| {
                        format!("{}{REDACTED}", c.get(1).map_or("", |m| m.as_str()))
                    })
                    .into_owned();
                out = Cow::Owned(replaced);
            }
        }
        out
    }
}

/// A `MakeWriter` for tracing-subscriber: each event is gathered whole, redacted, and written
/// to stderr in one write.
#[derive(Clone)]
pub struct RedactingStderr {
    redactor: Arc<Redactor>,
}

impl RedactingStderr {
    pub fn new(redactor: Redactor) -> Self {
        RedactingStderr {
            redactor: Arc::new(redactor),
        }
    }
}

impl<'a> MakeWriter<'a> for RedactingStderr {
    type Writer = Event;

    fn make_writer(&'a self) -> Event {
        Event {
            buffer: Vec::with_capacity(256),
            redactor: Arc::clone(&self.redactor),
        }
    }
}

/// One log event on its way to stderr.
pub struct Event {
    buffer: Vec<u8>,
    redactor: Arc<Redactor>,
}

impl Write for Event {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Drop for Event {
    fn drop(&mut self) {
        if self.buffer.is_empty() {
            return;
        }
        let text = String::from_utf8_lossy(&self.buffer);
        let clean = self.redactor.redact(&text);
        // A log line that cannot be written has nowhere else to go.
        let _ = io::stderr().lock().write_all(clean.as_bytes());
    }
}

/// Sets up logging to stderr: `RUST_LOG` if set, otherwise `default`; every line redacted of
/// `secrets` and of anything shaped like a token.
pub fn init(default: &str, secrets: impl IntoIterator<Item = String>) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(RedactingStderr::new(Redactor::new(secrets)))
        .try_init();
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOT: &str = "MTE5NjQ0NTY3ODkwMTIzNDU2Nw.GabCdE.aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789";

    #[test]
    fn secrets_and_token_shapes_are_redacted() {
        let r = Redactor::new(["test-token.abc.def".to_string(), String::new()]);
        let cases = [
            (
                r#"Received message {"op":2,"d":{"token":"Bot test-token.abc.def","intents":0}}"#,
                r#"{"op":2,"d":{"token":"[redacted]","intents":0}}"#,
            ),
            (
                r#"Text("{\"op\":0,\"t\":\"INTERACTION_CREATE\",\"d\":{\"token\":\"aW50ZXJhY3Rpb24\"}}")"#,
                r#"\"token\":\"[redacted]\""#,
            ),
            (
                "PATCH /webhooks/1234/aW50ZXJhY3Rpb24.x-y_z/messages/@original",
                "/webhooks/1234/[redacted]/messages/@original",
            ),
            (
                "POST http://127.0.0.1:9/api/v10/interactions/99/token-99/callback",
                "/interactions/99/[redacted]/callback",
            ),
            (
                r#"headers: {"authorization": "Bot abcdefghijk.lmn"}"#,
                r#""authorization": "Bot [redacted]"#,
            ),
            (
                "Interaction { id: 5, token: \"secret-interaction-token\" }",
                "token: \"[redacted]\"",
            ),
        ];
        for (line, expect) in cases {
            let out = r.redact(line);
            assert!(out.contains(expect), "{line} → {out}");
            assert!(!out.contains("test-token.abc.def"), "{out}");
        }
        let line = format!("resuming with Bot {BOT} now");
        let out = r.redact(&line);
        assert!(!out.contains(BOT), "{out}");
    }

    #[test]
    fn ordinary_lines_are_left_alone() {
        let r = Redactor::new(["test-token.abc.def".to_string()]);
        for line in [
            "connected to Discord; answering slash commands user=citebot",
            "search index built paragraphs=29 ms=8",
            "the token bucket refilled",
        ] {
            assert_eq!(r.redact(line), line);
        }
    }
}
