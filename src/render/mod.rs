//! Turning a command's outcome into bytes for one medium. Every adapter calls exactly one of
//! these; none builds answers of its own.

pub mod json;
pub mod terminal;

use crate::commands::{CommandError, Reply};

/// What a command produced: an answer, or an error to show the user.
pub type Outcome = Result<Reply, CommandError>;
