//! Commands as plain data: parse (name + options) → run against the library → [`Reply`].

pub mod autocomplete;
mod cite;
mod docs;
pub mod error;
mod help;
pub mod input;
mod library;
pub mod line;
mod quote;
pub mod reply;
mod sections;
pub mod spec;
mod summary;
mod verify;

pub use error::CommandError;
pub use input::{Command, CommandInput, OptionValue};
pub use line::parse_line;
pub use reply::Reply;
pub use sections::{entries as section_entries, range as sections_range};

use crate::engine::View;

/// Runs a checked command.
pub fn run(engine: &View, command: &Command) -> Result<Reply, CommandError> {
    match command {
        Command::Quote(args) => quote::run(engine, args),
        Command::Summary(args) => summary::run(engine, args).map(Reply::Summary),
        Command::Cite(args) => cite::run(engine, args).map(Reply::Cite),
        Command::Pin(args) => cite::run(engine, args).map(Reply::Pin),
        Command::Sections { doc } => sections::run(engine, doc.as_deref()).map(Reply::Sections),
        Command::Help { command } => help::run(command.as_deref()).map(Reply::Help),
        Command::Verify { text, doc } => {
            verify::run(engine, text, doc.as_deref()).map(Reply::Verify)
        }
        Command::Library(input::Library::List) => library::list(engine).map(Reply::LibraryList),
        // Changes to the library are the live service's to make.
        Command::Library(_) => Err(CommandError::Internal(
            "library changes are made by the running bot".to_string(),
        )),
    }
}
