//! The slash-command definitions uploaded to Discord, the permission bits citebot cares about,
//! and the invite link — all derived from the one command table in `commands::spec`.

use serde::Serialize;
use serenity::model::Permissions;

use crate::commands::spec::{COMMANDS, CommandSpec, Kind, MESSAGE_COMMANDS, OptionSpec};

/// Pin Messages. Since 2026-02-23 Discord requires it to pin; Manage Messages alone no longer
/// does. serenity 0.12.5 has no constant for it and `from_bits_truncate` would drop it, so it is
/// built with `from_bits_retain`.
pub fn pin_messages() -> Permissions {
    Permissions::from_bits_retain(1 << 51)
}

/// What the bot needs in a channel: to see it, post the message it pins, embed links, and pin.
pub fn bot_permissions() -> Permissions {
    Permissions::VIEW_CHANNEL
        | Permissions::SEND_MESSAGES
        | Permissions::EMBED_LINKS
        | Permissions::READ_MESSAGE_HISTORY
        | pin_messages()
}

/// Does a member with these raw permission bits (from the interaction payload, never through
/// serenity's `Permissions`, which drops bit 51) may pin? Administrators may do everything.
pub fn may_pin(raw_bits: u64) -> bool {
    raw_bits & pin_messages().bits() != 0 || raw_bits & Permissions::ADMINISTRATOR.bits() != 0
}

/// A command as Discord's "bulk overwrite application commands" endpoint takes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommandDefinition {
    pub name: &'static str,
    pub description: &'static str,
    #[serde(rename = "type")]
    pub kind: u8,
    /// Message commands take none (and Discord refuses any).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<OptionDefinition>,
    /// Who sees the command by default; server admins can change it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_member_permissions: Option<String>,
    /// Interaction contexts: 0 = servers, 1 = the bot's DMs, 2 = private channels.
    pub contexts: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionDefinition {
    #[serde(rename = "type")]
    pub kind: u8,
    pub name: &'static str,
    pub description: &'static str,
    pub required: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub autocomplete: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_value: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_value: Option<i64>,
}

/// Option types.
const STRING: u8 = 3;
const INTEGER: u8 = 4;
/// Command types: a slash command, and one on a message's context menu.
const CHAT_INPUT: u8 = 1;
const MESSAGE: u8 = 3;

/// Every slash command, then every message command.
pub fn definitions() -> Vec<CommandDefinition> {
    COMMANDS
        .iter()
        .map(definition)
        .chain(MESSAGE_COMMANDS.iter().map(|m| CommandDefinition {
            name: m.name,
            // Discord requires an empty description for context-menu commands.
            description: "",
            kind: MESSAGE,
            options: Vec::new(),
            default_member_permissions: None,
            contexts: vec![0, 1, 2],
        }))
        .collect()
}

fn definition(spec: &CommandSpec) -> CommandDefinition {
    CommandDefinition {
        name: spec.name,
        description: spec.description,
        kind: CHAT_INPUT,
        options: spec
            .options
            .iter()
            .filter(|o| !o.console_only)
            .map(option)
            .collect(),
        default_member_permissions: spec
            .moderators_only
            .then(|| pin_messages().bits().to_string()),
        // Pinning needs a server channel; everything else also works in DMs with the bot.
        contexts: if spec.moderators_only {
            vec![0]
        } else {
            vec![0, 1, 2]
        },
    }
}

fn option(spec: &OptionSpec) -> OptionDefinition {
    let (kind, max_length, min_value, max_value) = match spec.kind {
        Kind::Text { max_chars } | Kind::Lines { max_chars } => {
            (STRING, Some(max_chars), None, None)
        }
        Kind::Integer { min, max } => (INTEGER, None, Some(min), max),
    };
    OptionDefinition {
        kind,
        name: spec.name,
        description: spec.description,
        required: spec.required,
        autocomplete: spec.autocomplete,
        max_length,
        min_value,
        max_value,
    }
}

/// The link that adds the bot to a server with the commands and the permissions it needs.
pub fn invite_url(application_id: u64) -> String {
    format!(
        "https://discord.com/oauth2/authorize?client_id={application_id}&scope=bot%20applications.commands&permissions={}",
        bot_permissions().bits()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pin_is_for_members_who_may_pin() {
        let defs = definitions();
        let pin = defs
            .iter()
            .find(|d| d.name == "pin")
            .map(|d| d.default_member_permissions.clone());
        assert_eq!(pin, Some(Some("2251799813685248".to_string())));
        assert!(
            defs.iter()
                .filter(|d| d.name != "pin")
                .all(|d| d.default_member_permissions.is_none())
        );
        assert!(may_pin(1 << 51));
        assert!(may_pin(1 << 3));
        assert!(!may_pin(1 << 13), "Manage Messages alone no longer pins");
    }

    #[test]
    fn options_carry_discords_bounds() {
        let defs = serde_json::to_value(definitions()).unwrap_or_default();
        let quote = &defs[0];
        assert_eq!(quote["name"], "quote");
        assert_eq!(quote["options"][0]["max_length"], 200);
        assert_eq!(quote["options"][2]["min_value"], 1);
        assert_eq!(quote["options"][2]["max_value"], 5);
        assert!(
            quote["options"]
                .as_array()
                .is_some_and(|o| o.iter().all(|o| o["name"] != "page"))
        );
    }

    #[test]
    fn check_quote_is_on_the_message_menu() {
        let defs = serde_json::to_value(definitions()).unwrap_or_default();
        let check = defs
            .as_array()
            .and_then(|d| d.iter().find(|c| c["name"] == "Check quote"))
            .cloned()
            .unwrap_or_default();
        assert_eq!(check["type"], 3);
        assert_eq!(check["description"], "");
        assert!(check.get("options").is_none());
        let verify = defs
            .as_array()
            .and_then(|d| d.iter().find(|c| c["name"] == "verify"))
            .cloned()
            .unwrap_or_default();
        assert_eq!(verify["options"][0]["max_length"], 4000);
    }

    #[test]
    fn invite_asks_for_pin_messages() {
        let url = invite_url(42);
        let bits: u64 = url
            .rsplit('=')
            .next()
            .and_then(|b| b.parse().ok())
            .unwrap_or(0);
        assert!(bits & (1 << 51) != 0);
        assert!(url.contains("scope=bot%20applications.commands"));
    }
}
