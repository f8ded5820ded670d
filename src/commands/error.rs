//! What goes wrong with a command, said so the user knows what to type instead.

use serde::Serialize;

/// Every way a command can fail. The message is the whole answer a user sees: what is wrong
/// and what to type instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommandError {
    #[error("There is no command /{name}.{hint} Commands: {list}. Type /help for examples.")]
    UnknownCommand {
        name: String,
        list: String,
        hint: String,
    },
    #[error("{message}")]
    BadOption { option: String, message: String },
    #[error("/{command} needs {option}: for example `{example}`.")]
    MissingOption {
        command: String,
        option: String,
        example: String,
    },
    #[error(
        "¶{number} does not exist: {} has ¶1–¶{last}. Type /cite followed by a number in that range, or /sections to see where each section starts.",
        crate::text::quoted(.title)
    )]
    UnknownParagraph {
        title: String,
        number: u64,
        last: usize,
    },
    #[error(
        "No section of {} matches “{typed}”. Type a number or part of a title: {sections}.",
        crate::text::quoted(.title)
    )]
    UnknownSection {
        title: String,
        typed: String,
        sections: String,
    },
    #[error("No document matches “{typed}”. Documents: {documents}.")]
    UnknownDocument { typed: String, documents: String },
    #[error("“{typed}” could mean several documents: {documents}. Type more of its name.")]
    AmbiguousDocument { typed: String, documents: String },
    #[error("Which document? Add doc: with one of {documents}.")]
    DocumentRequired { documents: String },
    /// A change to the library that cannot be made: the message says why and what to do.
    #[error("{0}")]
    Refused(String),
    #[error("Something went wrong on our side ({0}). Please try again.")]
    Internal(String),
}

impl CommandError {
    /// A stable name for scripts (`{"error": …, "kind": …}`).
    pub fn kind(&self) -> &'static str {
        match self {
            CommandError::UnknownCommand { .. } => "unknown_command",
            CommandError::BadOption { .. } => "bad_option",
            CommandError::MissingOption { .. } => "missing_option",
            CommandError::UnknownParagraph { .. } => "unknown_paragraph",
            CommandError::UnknownSection { .. } => "unknown_section",
            CommandError::UnknownDocument { .. } => "unknown_document",
            CommandError::AmbiguousDocument { .. } => "ambiguous_document",
            CommandError::DocumentRequired { .. } => "document_required",
            CommandError::Refused(_) => "refused",
            CommandError::Internal(_) => "internal",
        }
    }

    pub fn bad_option(option: &str, message: impl Into<String>) -> Self {
        CommandError::BadOption {
            option: option.to_string(),
            message: message.into(),
        }
    }
}

/// The JSON shape of an error: `{"error": "<message>", "kind": "<kind>"}`.
#[derive(Debug, Serialize)]
pub struct ErrorBody {
    pub error: String,
    pub kind: &'static str,
}

impl From<&CommandError> for ErrorBody {
    fn from(e: &CommandError) -> Self {
        ErrorBody {
            error: e.to_string(),
            kind: e.kind(),
        }
    }
}
