//! The slash-command definitions uploaded to Discord, the permission bits citebot cares about,
//! and the invite link — all derived from the one command table in `commands::spec`.

use serde::Serialize;
use serenity::model::Permissions;

use crate::commands::spec::{
    self, COMMANDS, CommandSpec, Kind, MESSAGE_COMMANDS, OptionSpec, Permission,
};

/// Manage Server: what `/library` changes need.
pub fn manage_server() -> Permissions {
    Permissions::MANAGE_GUILD
}

/// The permission bits a command needs, as Discord's `default_member_permissions` takes them.
pub fn bits(permission: Permission) -> Option<u64> {
    match permission {
        Permission::Everyone => None,
        Permission::PinMessages => Some(pin_messages().bits()),
        Permission::ManageServer => Some(manage_server().bits()),
    }
}

/// Does a member with these raw permission bits (from the interaction payload) have
/// `permission`? Administrators have every one.
pub fn allowed(permission: Permission, raw_bits: u64) -> bool {
    match bits(permission) {
        None => true,
        Some(needed) => {
            raw_bits & needed == needed || raw_bits & Permissions::ADMINISTRATOR.bits() != 0
        }
    }
}

/// Pin Messages. Since 2026-02-23 Discord requires it to pin; Manage Messages alone no longer
/// does. serenity 0.12.5 has no constant for it and `from_bits_truncate` would drop it, so it is
/// built with `from_bits_retain`.
pub fn pin_messages() -> Permissions {
    Permissions::from_bits_retain(1 << 51)
}

/// What the bot needs in a channel: to see it, post the message it pins, embed links, and pin.
/// (`/library add` reads uploads from the interaction itself and needs nothing more.)
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
    allowed(Permission::PinMessages, raw_bits)
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
    /// A subcommand's own options.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<OptionDefinition>,
}

/// Option types.
const SUB_COMMAND: u8 = 1;
const STRING: u8 = 3;
const INTEGER: u8 = 4;
const ATTACHMENT: u8 = 11;
/// Command types: a slash command, and one on a message's context menu.
const CHAT_INPUT: u8 = 1;
const MESSAGE: u8 = 3;

/// Every slash command (a group's subcommands as one command), then every message command.
pub fn definitions() -> Vec<CommandDefinition> {
    let mut out: Vec<CommandDefinition> = Vec::new();
    for spec in COMMANDS {
        match spec.name.split_once(' ') {
            None => out.push(definition(spec)),
            Some((group, _)) if !out.iter().any(|d| d.name == group) => {
                out.push(group_definition(group));
            }
            Some(_) => {}
        }
    }
    out.into_iter()
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
        options: options(spec),
        default_member_permissions: bits(spec.permission).map(|b| b.to_string()),
        // Moderators' commands act on a server; everything else also works in DMs.
        contexts: if spec.permission.is_restricted() {
            vec![0]
        } else {
            vec![0, 1, 2]
        },
    }
}

fn options(spec: &CommandSpec) -> Vec<OptionDefinition> {
    spec.options
        .iter()
        .filter(|o| !o.console_only)
        .map(option)
        .collect()
}

/// `/library add|remove|…`: one command whose options are its subcommands. Who may use it is
/// the strictest any subcommand asks.
fn group_definition(group: &'static str) -> CommandDefinition {
    let subcommands: Vec<&CommandSpec> = spec::groups()
        .into_iter()
        .find(|(g, _)| *g == group)
        .map(|(_, subs)| subs)
        .unwrap_or_default();
    let permission = subcommands
        .iter()
        .map(|s| s.permission)
        .find(|p| p.is_restricted())
        .unwrap_or(Permission::Everyone);
    CommandDefinition {
        name: group,
        description: GROUP_DESCRIPTIONS
            .iter()
            .find(|(g, _)| *g == group)
            .map_or(group, |(_, d)| d),
        kind: CHAT_INPUT,
        options: subcommands
            .iter()
            .map(|s| OptionDefinition {
                kind: SUB_COMMAND,
                name: s.name.split_once(' ').map_or(s.name, |(_, sub)| sub),
                description: s.description,
                required: false,
                autocomplete: false,
                max_length: None,
                min_value: None,
                max_value: None,
                options: options(s),
            })
            .collect(),
        default_member_permissions: bits(permission).map(|b| b.to_string()),
        contexts: if permission.is_restricted() {
            vec![0]
        } else {
            vec![0, 1, 2]
        },
    }
}

const GROUP_DESCRIPTIONS: &[(&str, &str)] = &[(
    "library",
    "This server's reading list: add, remove, list, and show or hide the shared readings",
)];

fn option(spec: &OptionSpec) -> OptionDefinition {
    let (kind, max_length, min_value, max_value) = match spec.kind {
        Kind::Text { max_chars } | Kind::Lines { max_chars } => {
            (STRING, Some(max_chars), None, None)
        }
        Kind::Attachment => (ATTACHMENT, None, None, None),
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
        options: Vec::new(),
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
        let library = defs
            .iter()
            .find(|d| d.name == "library")
            .map(|d| d.default_member_permissions.clone());
        assert_eq!(library, Some(Some("32".to_string())), "Manage Server");
        assert!(
            defs.iter()
                .filter(|d| d.name != "pin" && d.name != "library")
                .all(|d| d.default_member_permissions.is_none())
        );
        assert!(allowed(Permission::ManageServer, 1 << 5));
        assert!(allowed(Permission::ManageServer, 1 << 3), "administrators");
        assert!(!allowed(Permission::ManageServer, 1 << 51));
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
