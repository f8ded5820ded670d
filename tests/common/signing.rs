//! Signing requests as Discord does, with a fixed test key: Ed25519 over `timestamp ++ body`,
//! hex-encoded. The public half goes to the server as `DISCORD_PUBLIC_KEY`.

#![allow(dead_code)]

use std::time::{SystemTime, UNIX_EPOCH};

use ed25519_dalek::{Signer, SigningKey};

/// The test key (never a real application's).
pub fn key() -> SigningKey {
    SigningKey::from_bytes(&[7u8; 32])
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What `DISCORD_PUBLIC_KEY` is set to.
pub fn public_key_hex() -> String {
    hex(key().verifying_key().as_bytes())
}

pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// The `X-Signature-Ed25519` value for `body` sent at `timestamp`, signed by `key`.
pub fn sign_with(key: &SigningKey, timestamp: &str, body: &[u8]) -> String {
    hex(&key.sign(&[timestamp.as_bytes(), body].concat()).to_bytes())
}

/// Both signature headers for `body`, signed now with the test key.
pub fn headers(body: &[u8]) -> Vec<(&'static str, String)> {
    let timestamp = now().to_string();
    vec![
        ("X-Signature-Ed25519", sign_with(&key(), &timestamp, body)),
        ("X-Signature-Timestamp", timestamp),
    ]
}
