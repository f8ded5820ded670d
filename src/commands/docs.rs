//! The `doc` option: which document a command is about.

use super::error::CommandError;
use crate::library::{Document, Library};

/// Most documents listed in an error before "and N more".
const LISTED: usize = 10;

/// The document a command is about. With one document it is the default; with several, the
/// user must name one.
pub fn one<'a>(library: &'a Library, typed: Option<&str>) -> Result<&'a Document, CommandError> {
    match some(library, typed)? {
        Some(doc) => Ok(doc),
        None => match library.documents() {
            [only] => Ok(only),
            _ => Err(CommandError::DocumentRequired {
                documents: list(library.documents().iter().map(|d| &**d)),
            }),
        },
    }
}

/// The document named, or `None` (all documents) when none is.
pub fn some<'a>(
    library: &'a Library,
    typed: Option<&str>,
) -> Result<Option<&'a Document>, CommandError> {
    let Some(typed) = typed.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let shown: String = typed.chars().take(100).collect();
    match library.find(typed).as_slice() {
        [doc] => Ok(Some(doc)),
        [] => Err(CommandError::UnknownDocument {
            typed: shown,
            documents: list(library.documents().iter().map(|d| &**d)),
        }),
        several => Err(CommandError::AmbiguousDocument {
            typed: shown,
            documents: list(several.iter().copied()),
        }),
    }
}

fn list<'a>(docs: impl ExactSizeIterator<Item = &'a Document>) -> String {
    let total = docs.len();
    let mut shown: Vec<String> = docs
        .take(LISTED)
        .map(|d| format!("{} (“{}”)", d.id, d.meta.short_title()))
        .collect();
    if total > LISTED {
        shown.push(format!("and {} more", total - LISTED));
    }
    shown.join(", ")
}
