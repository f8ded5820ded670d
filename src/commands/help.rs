//! `/help [command]`: what each command does, with examples — read from the command table.

use super::error::CommandError;
use super::input::unknown_command;
use super::reply::{HelpEntry, HelpReply};
use super::spec::{self, COMMANDS, CommandSpec};

pub fn run(command: Option<&str>) -> Result<HelpReply, CommandError> {
    let specs: Vec<&CommandSpec> =
        match command.map(|c| c.trim().trim_start_matches('/').to_lowercase()) {
            Some(name) if !name.is_empty() => {
                vec![spec::find(&name).ok_or_else(|| unknown_command(&name))?]
            }
            _ => COMMANDS.iter().collect(),
        };
    Ok(HelpReply {
        commands: specs
            .into_iter()
            .map(|c| HelpEntry {
                name: c.name.to_string(),
                usage: c.usage(),
                description: c.description.to_string(),
                examples: c.examples.iter().map(|e| e.to_string()).collect(),
                moderators_only: c.permission.is_restricted(),
            })
            .collect(),
    })
}
