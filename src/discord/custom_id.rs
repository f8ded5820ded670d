//! What a button remembers, in its `custom_id` (at most 100 characters).
//!
//! Nothing is kept in memory between a reply and a click: a click must work after a restart and
//! on another replica. So the page, the count, the document and the query travel in the button
//! itself; a query too long to fit travels in the message instead (the first embed's author line,
//! `/quote <query>`), and [`QUERY_IN_MESSAGE`] marks that.
//!
//! Format, versioned so an old button can be told apart from a malformed one:
//! `c1:page:<page>:<count>:<doc key or ->:<query or ~>`, `c1:full:<¶>:<doc key>`,
//! `c1:pin:<¶>:<doc key>`. A document key is 8 hex digits of the SHA-256 of its id: short,
//! and the same on every replica.

use sha2::{Digest, Sha256};

use super::limits;
use crate::library::{Document, Library};

const VERSION: &str = "c1";
/// Stands for "the query is in the message" in a page button.
pub const QUERY_IN_MESSAGE: &str = "~";
/// Prefix of the first embed's author line of a quote message, followed by the query.
pub const QUOTE_AUTHOR_PREFIX: &str = "/quote ";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ButtonState {
    /// Show page `page` of the results of a query.
    Page {
        page: usize,
        count: usize,
        doc: Option<String>,
        /// `None`: read it from the message.
        query: Option<String>,
    },
    /// Show one paragraph whole (to the clicker only).
    Full { paragraph: usize, doc: String },
    /// Post the paragraph in the channel and pin it.
    Pin { paragraph: usize, doc: String },
}

/// Why a `custom_id` cannot be acted on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ButtonError {
    #[error(
        "This button comes from an older version of citebot. Run the command again for fresh buttons."
    )]
    Stale,
    #[error("This button is not one citebot understands. Run the command again.")]
    Malformed,
    #[error(
        "The document this button points to is no longer in the library. Run /sections to see what is."
    )]
    UnknownDocument,
}

/// The short key of a document id.
pub fn doc_key(id: &str) -> String {
    Sha256::digest(id.as_bytes())
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl ButtonState {
    pub fn encode(&self) -> String {
        match self {
            ButtonState::Page {
                page,
                count,
                doc,
                query,
            } => {
                let doc = doc.as_deref().map_or_else(|| "-".to_string(), doc_key);
                let head = format!("{VERSION}:page:{page}:{count}:{doc}:");
                match query {
                    Some(q) if limits::len(&head) + limits::len(q) <= limits::CUSTOM_ID => {
                        format!("{head}{q}")
                    }
                    _ => format!("{head}{QUERY_IN_MESSAGE}"),
                }
            }
            ButtonState::Full { paragraph, doc } => {
                format!("{VERSION}:full:{paragraph}:{}", doc_key(doc))
            }
            ButtonState::Pin { paragraph, doc } => {
                format!("{VERSION}:pin:{paragraph}:{}", doc_key(doc))
            }
        }
    }

    /// Reads a `custom_id`, resolving document keys against the library.
    pub fn decode(custom_id: &str, library: &Library) -> Result<ButtonState, ButtonError> {
        if limits::len(custom_id) > limits::CUSTOM_ID {
            return Err(ButtonError::Malformed);
        }
        let Some(rest) = custom_id
            .strip_prefix(VERSION)
            .and_then(|r| r.strip_prefix(':'))
        else {
            // Another version's prefix ("c0:", "c2:") is stale; anything else is malformed.
            let looks_versioned = custom_id.len() > 3
                && custom_id.starts_with('c')
                && custom_id[1..]
                    .split(':')
                    .next()
                    .is_some_and(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()));
            return Err(if looks_versioned {
                ButtonError::Stale
            } else {
                ButtonError::Malformed
            });
        };
        let number = |s: &str| -> Result<usize, ButtonError> {
            if s.is_empty() || s.len() > 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ButtonError::Malformed);
            }
            s.parse().map_err(|_| ButtonError::Malformed)
        };
        let document = |key: &str| -> Result<&Document, ButtonError> {
            if key.len() != 8 || !key.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(ButtonError::Malformed);
            }
            library
                .documents()
                .iter()
                .find(|d| doc_key(&d.id) == key)
                .map(|d| &**d)
                .ok_or(ButtonError::UnknownDocument)
        };
        let mut parts = rest.splitn(5, ':');
        match parts.next() {
            Some("page") => {
                let (Some(page), Some(count), Some(doc), Some(query)) =
                    (parts.next(), parts.next(), parts.next(), parts.next())
                else {
                    return Err(ButtonError::Malformed);
                };
                let page = number(page)?;
                let count = number(count)?;
                if page == 0 || !(1..=5).contains(&count) {
                    return Err(ButtonError::Malformed);
                }
                let doc = match doc {
                    "-" => None,
                    key => Some(document(key)?.id.clone()),
                };
                let query = (query != QUERY_IN_MESSAGE).then(|| query.to_string());
                if query.as_deref().is_some_and(|q| q.trim().is_empty()) {
                    return Err(ButtonError::Malformed);
                }
                Ok(ButtonState::Page {
                    page,
                    count,
                    doc,
                    query,
                })
            }
            Some(kind @ ("full" | "pin")) => {
                let (Some(paragraph), Some(key), None) = (parts.next(), parts.next(), parts.next())
                else {
                    return Err(ButtonError::Malformed);
                };
                let paragraph = number(paragraph)?;
                let doc = document(key)?.id.clone();
                Ok(if kind == "full" {
                    ButtonState::Full { paragraph, doc }
                } else {
                    ButtonState::Pin { paragraph, doc }
                })
            }
            _ => Err(ButtonError::Malformed),
        }
    }
}
