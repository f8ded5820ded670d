//! Discord's JSON, as much of it as citebot sends and reads.
//!
//! Both transports (gateway and HTTP endpoint) read interactions with these types from the raw
//! payload, and answer with these types serialised as-is: one shape, one source of truth. Raw
//! JSON rather than serenity's models because serenity 0.12.5 drops permission bit 51 (Pin
//! Messages) when it deserialises `Permissions`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::commands::autocomplete::Choice;

/// Interaction types (what arrives).
pub mod kind {
    pub const PING: u8 = 1;
    pub const APPLICATION_COMMAND: u8 = 2;
    pub const MESSAGE_COMPONENT: u8 = 3;
    pub const AUTOCOMPLETE: u8 = 4;
}

/// Interaction callback types (what we answer).
pub mod callback {
    pub const PONG: u8 = 1;
    pub const CHANNEL_MESSAGE: u8 = 4;
    pub const DEFERRED_CHANNEL_MESSAGE: u8 = 5;
    pub const DEFERRED_UPDATE_MESSAGE: u8 = 6;
    pub const UPDATE_MESSAGE: u8 = 7;
    pub const AUTOCOMPLETE_RESULT: u8 = 8;
}

/// Message flag: only the invoking user sees the message.
pub const EPHEMERAL: u64 = 1 << 6;

/// An interaction as Discord delivers it. Unknown fields are ignored; fields a kind of
/// interaction lacks are `None`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Interaction {
    pub id: String,
    #[serde(default)]
    pub application_id: Option<String>,
    #[serde(rename = "type")]
    pub kind: u8,
    #[serde(default)]
    pub token: String,
    #[serde(default)]
    pub data: Option<InteractionData>,
    #[serde(default)]
    pub guild_id: Option<String>,
    #[serde(default)]
    pub channel_id: Option<String>,
    #[serde(default)]
    pub member: Option<Member>,
    #[serde(default)]
    pub user: Option<User>,
    /// The bot's own permissions in the channel, as a decimal string of bits.
    #[serde(default)]
    pub app_permissions: Option<String>,
    /// The message a component belongs to.
    #[serde(default)]
    pub message: Option<IncomingMessage>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct InteractionData {
    #[serde(default)]
    pub name: Option<String>,
    /// The command's type: 1 slash, 2 user menu, 3 message menu ([`command_kind`]).
    #[serde(default, rename = "type")]
    pub kind: Option<u8>,
    #[serde(default)]
    pub options: Vec<CommandOption>,
    #[serde(default)]
    pub custom_id: Option<String>,
    /// The message (or user) a context-menu command was used on.
    #[serde(default)]
    pub target_id: Option<String>,
    #[serde(default)]
    pub resolved: Option<Resolved>,
}

/// Application command types.
pub mod command_kind {
    pub const CHAT_INPUT: u8 = 1;
    pub const MESSAGE: u8 = 3;
}

/// Objects an interaction refers to, by id.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Resolved {
    #[serde(default)]
    pub messages: std::collections::HashMap<String, IncomingMessage>,
    #[serde(default)]
    pub attachments: std::collections::HashMap<String, IncomingAttachment>,
}

/// A file uploaded with a command, as Discord describes it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct IncomingAttachment {
    #[serde(default)]
    pub filename: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub size: Option<u64>,
    #[serde(default)]
    pub content_type: Option<String>,
}

/// Option types that need reading specially.
pub mod option_kind {
    pub const SUB_COMMAND: u8 = 1;
    pub const ATTACHMENT: u8 = 11;
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct CommandOption {
    pub name: String,
    /// The option's type ([`option_kind`]); a subcommand's options are nested in it.
    #[serde(default, rename = "type")]
    pub kind: Option<u8>,
    #[serde(default)]
    pub value: Option<Value>,
    /// Set on the option being typed, in an autocomplete interaction.
    #[serde(default)]
    pub focused: bool,
    #[serde(default)]
    pub options: Vec<CommandOption>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Member {
    /// The member's permissions in the channel, overwrites included: a decimal string of bits.
    #[serde(default)]
    pub permissions: Option<String>,
    #[serde(default)]
    pub user: Option<User>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct User {
    pub id: String,
    #[serde(default)]
    pub username: Option<String>,
    #[serde(default)]
    pub global_name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct IncomingMessage {
    pub id: String,
    /// Empty when Discord withholds it (no Message Content intent), or the message has no text.
    #[serde(default)]
    pub content: String,
    #[serde(default)]
    pub embeds: Vec<IncomingEmbed>,
    #[serde(default)]
    pub attachments: Vec<Value>,
    /// A forwarded message's copy of the original.
    #[serde(default)]
    pub message_snapshots: Vec<Snapshot>,
}

impl IncomingMessage {
    /// The words a reader sees: the text, or a forwarded message's, or else its embeds'.
    pub fn text(&self) -> String {
        if !self.content.trim().is_empty() {
            return self.content.clone();
        }
        let forwarded: Vec<&str> = self
            .message_snapshots
            .iter()
            .map(|s| s.message.content.as_str())
            .filter(|c| !c.trim().is_empty())
            .collect();
        if !forwarded.is_empty() {
            return forwarded.join("\n");
        }
        self.embeds
            .iter()
            .filter_map(|e| e.description.as_deref())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Snapshot {
    #[serde(default)]
    pub message: SnapshotMessage,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct SnapshotMessage {
    #[serde(default)]
    pub content: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct IncomingEmbed {
    #[serde(default)]
    pub author: Option<IncomingAuthor>,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct IncomingAuthor {
    #[serde(default)]
    pub name: String,
}

/// A message citebot sends: an interaction reply, an edit of one, or a channel message.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MessageData {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// Always sent, empty included: an update must clear what the old message had.
    pub embeds: Vec<Embed>,
    pub components: Vec<ActionRow>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flags: Option<u64>,
    /// Quoted text must never ping anyone: every message allows no mentions.
    pub allowed_mentions: AllowedMentions,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AllowedMentions {
    pub parse: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Embed {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<EmbedAuthor>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<EmbedField>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub footer: Option<EmbedFooter>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EmbedAuthor {
    pub name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EmbedField {
    pub name: String,
    pub value: String,
    pub inline: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EmbedFooter {
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionRow {
    #[serde(rename = "type")]
    pub kind: u8,
    pub components: Vec<Button>,
}

impl ActionRow {
    pub fn new(buttons: Vec<Button>) -> Self {
        ActionRow {
            kind: 1,
            components: buttons,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Button {
    #[serde(rename = "type")]
    pub kind: u8,
    pub style: u8,
    pub label: String,
    pub custom_id: String,
}

/// Button styles.
pub mod style {
    pub const PRIMARY: u8 = 1;
    pub const SECONDARY: u8 = 2;
}

impl Button {
    pub fn new(style: u8, label: impl Into<String>, custom_id: impl Into<String>) -> Self {
        Button {
            kind: 2,
            style,
            label: label.into(),
            custom_id: custom_id.into(),
        }
    }
}

/// The answer to an interaction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InteractionResponse {
    #[serde(rename = "type")]
    pub kind: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<ResponseData>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ResponseData {
    Message(MessageData),
    Choices {
        choices: Vec<Choice>,
    },
    /// A deferral's only data: whether the eventual answer is ephemeral.
    Flags {
        flags: u64,
    },
}

impl InteractionResponse {
    pub fn pong() -> Self {
        InteractionResponse {
            kind: callback::PONG,
            data: None,
        }
    }

    pub fn message(data: MessageData) -> Self {
        InteractionResponse {
            kind: callback::CHANNEL_MESSAGE,
            data: Some(ResponseData::Message(data)),
        }
    }

    pub fn update(data: MessageData) -> Self {
        InteractionResponse {
            kind: callback::UPDATE_MESSAGE,
            data: Some(ResponseData::Message(data)),
        }
    }

    pub fn choices(choices: Vec<Choice>) -> Self {
        InteractionResponse {
            kind: callback::AUTOCOMPLETE_RESULT,
            data: Some(ResponseData::Choices { choices }),
        }
    }

    /// "Thinking…": the answer follows as an edit of the original response.
    pub fn deferred(ephemeral: bool) -> Self {
        InteractionResponse {
            kind: callback::DEFERRED_CHANNEL_MESSAGE,
            data: ephemeral.then_some(ResponseData::Flags { flags: EPHEMERAL }),
        }
    }

    /// The message this response carries, if any.
    pub fn message_data(&self) -> Option<&MessageData> {
        match &self.data {
            Some(ResponseData::Message(m)) => Some(m),
            _ => None,
        }
    }
}
