//! The REST calls citebot makes, over serenity's `Http` with raw JSON bodies (our own
//! [`model`](super::model) types), shared by the gateway bot and the HTTP endpoint.

use std::sync::Arc;

use serenity::http::{Http, HttpError};
use serenity::model::id::{ApplicationId, ChannelId, GuildId, InteractionId};

use super::definitions::CommandDefinition;
use super::model::{InteractionResponse, MessageData};

/// Discord's JSON error codes that citebot explains to users.
mod code {
    pub const MISSING_ACCESS: isize = 50001;
    pub const MISSING_PERMISSIONS: isize = 50013;
    pub const MAX_PINS: isize = 30003;
    pub const UNKNOWN_CHANNEL: isize = 10003;
}

#[derive(Debug, thiserror::Error)]
pub enum RestError {
    #[error("Discord rejected the bot token (401 Unauthorized)")]
    Unauthorized,
    #[error("Discord answered {status} ({code}): {message}")]
    Discord {
        status: u16,
        code: isize,
        message: String,
    },
    #[error("{0}")]
    Other(String),
}

impl From<serenity::Error> for RestError {
    fn from(error: serenity::Error) -> Self {
        match error {
            serenity::Error::Http(HttpError::UnsuccessfulRequest(response)) => {
                if response.status_code.as_u16() == 401 {
                    RestError::Unauthorized
                } else {
                    RestError::Discord {
                        status: response.status_code.as_u16(),
                        code: response.error.code,
                        message: response.error.message,
                    }
                }
            }
            other => RestError::Other(other.to_string()),
        }
    }
}

/// Why a paragraph could not be pinned, said so a moderator can fix it.
#[derive(Debug, thiserror::Error)]
pub enum PinError {
    #[error(
        "I can’t post in this channel: I need View Channel, Send Messages and Embed Links here."
    )]
    CannotPost,
    #[error(
        "I posted the paragraph but can’t pin it: I need the Pin Messages permission in this channel."
    )]
    CannotPin,
    #[error(
        "This channel has reached Discord’s limit of pinned messages. Unpin one and try again."
    )]
    PinLimit,
    #[error("Pinning failed: {0}")]
    Other(RestError),
}

#[derive(Clone)]
pub struct Rest {
    http: Arc<Http>,
}

fn snowflake<T: From<std::num::NonZeroU64>>(text: &str) -> Result<T, RestError> {
    text.parse::<std::num::NonZeroU64>()
        .map(T::from)
        .map_err(|_| {
            RestError::Other(format!(
                "not a Discord id: {:?}",
                text.chars().take(30).collect::<String>()
            ))
        })
}

impl Rest {
    pub fn new(http: Arc<Http>) -> Self {
        Rest { http }
    }

    pub fn http(&self) -> &Arc<Http> {
        &self.http
    }

    /// Answers an interaction (the callback endpoint).
    pub async fn respond(
        &self,
        id: &str,
        token: &str,
        response: &InteractionResponse,
    ) -> Result<(), RestError> {
        let id: InteractionId = snowflake(id)?;
        self.http
            .create_interaction_response(id, token, response, Vec::new())
            .await?;
        Ok(())
    }

    /// Replaces the original response of an interaction (after a deferral).
    pub async fn edit_original(
        &self,
        application_id: Option<&str>,
        token: &str,
        message: &MessageData,
    ) -> Result<(), RestError> {
        if let Some(id) = application_id {
            self.http
                .set_application_id(snowflake::<ApplicationId>(id)?);
        }
        self.http
            .edit_original_interaction_response(token, message, Vec::new())
            .await?;
        Ok(())
    }

    /// Posts `message` in `channel` and pins it. If the pin fails the post is removed again,
    /// so a failed pin leaves nothing behind.
    pub async fn post_and_pin(&self, channel: &str, message: &MessageData) -> Result<(), PinError> {
        let channel: ChannelId = snowflake(channel).map_err(PinError::Other)?;
        let posted = match self.http.send_message(channel, Vec::new(), message).await {
            Ok(posted) => posted,
            Err(e) => {
                return Err(match RestError::from(e) {
                    RestError::Discord { code, .. }
                        if code == code::MISSING_PERMISSIONS
                            || code == code::MISSING_ACCESS
                            || code == code::UNKNOWN_CHANNEL =>
                    {
                        PinError::CannotPost
                    }
                    other => PinError::Other(other),
                });
            }
        };
        let pinned = self
            .http
            .pin_message(
                channel,
                posted.id,
                Some("citebot: pinned a cited paragraph"),
            )
            .await;
        match pinned {
            Ok(()) => Ok(()),
            Err(e) => {
                let _ = self.http.delete_message(channel, posted.id, None).await;
                Err(match RestError::from(e) {
                    RestError::Discord { code, .. } if code == code::MAX_PINS => PinError::PinLimit,
                    RestError::Discord { code, .. }
                        if code == code::MISSING_PERMISSIONS || code == code::MISSING_ACCESS =>
                    {
                        PinError::CannotPin
                    }
                    other => PinError::Other(other),
                })
            }
        }
    }

    /// Uploads the command definitions, replacing what was there: to one server (instant) or
    /// globally (Discord may take a while to show them everywhere).
    pub async fn register(
        &self,
        definitions: &[CommandDefinition],
        guild: Option<u64>,
    ) -> Result<usize, RestError> {
        let registered = match guild {
            Some(guild) => {
                let guild: GuildId = snowflake(&guild.to_string())?;
                self.http.create_guild_commands(guild, &definitions).await?
            }
            None => self.http.create_global_commands(&definitions).await?,
        };
        Ok(registered.len())
    }

    /// The application id, as Discord knows it for this token.
    pub async fn application_id(&self) -> Result<u64, RestError> {
        Ok(self.http.get_current_application_info().await?.id.get())
    }

    /// Checks the token and learns where the gateway is (and how many shards to run).
    pub async fn gateway_url(&self) -> Result<String, RestError> {
        Ok(self.http.get_bot_gateway().await?.url)
    }
}
