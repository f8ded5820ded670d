//! JSON for scripts: the [`Reply`](crate::commands::Reply) as serde writes it, or
//! `{"error": "<message>", "kind": "<kind>"}`.

use super::Outcome;
use crate::commands::error::ErrorBody;

/// One line of JSON.
pub fn render(outcome: &Outcome) -> String {
    let rendered = match outcome {
        Ok(reply) => serde_json::to_string(reply),
        Err(error) => serde_json::to_string(&ErrorBody::from(error)),
    };
    // Serialising plain structs of strings and numbers cannot fail; if it ever did, say so in
    // the same shape rather than print nothing.
    rendered.unwrap_or_else(|e| {
        format!("{{\"error\":\"cannot write JSON: {e}\",\"kind\":\"internal\"}}")
    })
}
