//! The local console: commands typed (or piped) in, answers written out.

use std::io::{self, BufRead, Write};

use std::sync::Arc;

use crate::library::Audience;
use crate::render::{json, terminal};
use crate::service::Service;

/// How the console talks.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Show a banner and a prompt (stdin is a terminal).
    pub interactive: bool,
    pub format: Format,
    /// Answer as this server sees the library (`--server`); the host's library otherwise.
    pub audience: Audience,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text(terminal::Style),
    Json,
}

/// Answers each line until end of input (Ctrl-D) or `/quit`. Lines that are not UTF-8 are read
/// with replacement characters rather than ending the session.
pub fn run(
    service: &Arc<Service>,
    mut input: impl BufRead,
    mut output: impl Write,
    options: Options,
) -> io::Result<()> {
    if options.interactive {
        let engine = service.engine();
        writeln!(
            output,
            "citebot — {} document(s), {} paragraphs. Type /help for commands, Ctrl-D to quit.",
            engine.catalog().len(),
            engine.catalog().paragraph_count()
        )?;
    }
    let mut buffer = Vec::new();
    loop {
        if options.interactive {
            write!(output, "> ")?;
            output.flush()?;
        }
        buffer.clear();
        if input.read_until(b'\n', &mut buffer)? == 0 {
            if options.interactive {
                writeln!(output)?;
            }
            return Ok(());
        }
        let line = String::from_utf8_lossy(&buffer);
        let trimmed = line.trim();
        if matches!(trimmed, "/quit" | "/exit" | "quit" | "exit") {
            return Ok(());
        }
        let outcome = match service.answer_local(trimmed, options.audience) {
            Ok(None) => continue,
            Ok(Some(reply)) => Ok(reply),
            Err(e) => Err(e),
        };
        let text = render(&outcome, options.format);
        writeln!(output, "{text}")?;
        if options.interactive || matches!(options.format, Format::Text(_)) {
            writeln!(output)?;
        }
        output.flush()?;
    }
}

/// One outcome in the chosen format.
pub fn render(outcome: &crate::render::Outcome, format: Format) -> String {
    match format {
        Format::Text(style) => terminal::render(outcome, style),
        Format::Json => json::render(outcome),
    }
}
