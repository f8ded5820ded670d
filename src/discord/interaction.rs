//! What to do with an interaction, whichever transport brought it: answer at once, or — when the
//! answer needs Discord's REST API (pinning) or may be slow — acknowledge within the 3-second
//! deadline and edit the acknowledgement when done.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;

use super::custom_id::{ButtonError, ButtonState, QUOTE_AUTHOR_PREFIX};
use super::definitions::{allowed, may_pin};
use super::model::{
    CommandOption, EPHEMERAL, Interaction, InteractionData, InteractionResponse, MessageData,
    command_kind, kind, option_kind,
};
use super::render;
use super::rest::{Rest, RestError};
use crate::Engine;
use crate::commands::autocomplete;
use crate::commands::input::{Cite, Quote, Upload};
use crate::commands::spec::{self, MAX_VERIFY_CHARS, Permission};
use crate::commands::{Command, CommandInput, OptionValue, Reply};
use crate::engine::View;
use crate::library::Audience;
use crate::service::Service;

/// Past this, an answer is acknowledged first and delivered as an edit: well inside Discord's
/// 3 seconds, with room for the network.
const ANSWER_WITHIN: Duration = Duration::from_millis(1500);

/// What an interaction calls for.
#[derive(Debug, Clone, PartialEq)]
pub enum Reaction {
    /// This response, now.
    Now(InteractionResponse),
    /// Post `post` in `channel` and pin it; the user sees an ephemeral "thinking…" that is then
    /// edited to say how it went.
    Pin {
        channel: String,
        post: MessageData,
        paragraph: usize,
    },
    /// A change to the library (`/library add`): acknowledged at once, shown to the moderator
    /// only, and answered when the service has made it live.
    Change {
        command: Command,
        audience: Audience,
        /// Who asked, as the reading list will show it.
        actor: String,
    },
}

/// Decides the reaction. Pure computation over the library: no I/O.
pub fn react(engine: &Engine, interaction: &Interaction) -> Reaction {
    let data = interaction.data.clone().unwrap_or_default();
    // A server sees its own documents and the host's; a direct message, the host's.
    let view = engine.view(audience(interaction));
    let engine = &view;
    match interaction.kind {
        kind::PING => Reaction::Now(InteractionResponse::pong()),
        kind::APPLICATION_COMMAND if data.kind == Some(command_kind::MESSAGE) => {
            Reaction::Now(InteractionResponse::message(message_command(engine, &data)))
        }
        kind::APPLICATION_COMMAND => {
            let input = command_input(&data);
            if let Some(refusal) = refusal(interaction, &input.name) {
                return Reaction::Now(InteractionResponse::message(render::notice(&refusal)));
            }
            match Command::from_input(&input) {
                Ok(Command::Pin(cite)) => pin(engine, interaction, &cite),
                Ok(command) if command.changes_library() => Reaction::Change {
                    command,
                    audience: engine.audience(),
                    actor: actor(interaction),
                },
                Ok(command) => Reaction::Now(InteractionResponse::message(render::reply(
                    &engine.run(&command),
                ))),
                Err(e) => {
                    Reaction::Now(InteractionResponse::message(render::notice(&e.to_string())))
                }
            }
        }
        kind::AUTOCOMPLETE => {
            let (name, options) = flatten(&data);
            let focused = options.iter().find(|o| o.focused);
            let doc = options
                .iter()
                .find(|o| o.name == "doc" && !o.focused)
                .and_then(|o| o.value.as_ref()?.as_str().map(str::to_string));
            let choices = focused.map_or_else(Vec::new, |o| {
                let typed = o.value.as_ref().map(value_text).unwrap_or_default();
                autocomplete::choices(engine, &name, &o.name, &typed, doc.as_deref())
            });
            Reaction::Now(InteractionResponse::choices(choices))
        }
        kind::MESSAGE_COMPONENT => component(
            engine,
            interaction,
            data.custom_id.as_deref().unwrap_or_default(),
        ),
        _ => Reaction::Now(InteractionResponse::message(render::notice(
            "citebot does not handle this kind of interaction.",
        ))),
    }
}

/// A command on a message's context menu: the command it stands for, run on the message's text.
///
/// Discord sends the target message in `resolved.messages`, its content included even to an app
/// without the Message Content intent (the intent's documented exceptions cover "the message a
/// message context menu command is used on"). An empty text is a message of only pictures or
/// stickers — or a Discord that withheld it; either way the user is told what to do instead.
fn message_command(engine: &View<'_>, data: &InteractionData) -> MessageData {
    let name = data.name.as_deref().unwrap_or_default();
    let Some(command) = spec::find_message_command(name) else {
        return render::notice(&format!(
            "citebot has no message command “{}”. Type /help to see what it does.",
            name.chars().take(32).collect::<String>()
        ));
    };
    let text = data
        .target_id
        .as_ref()
        .and_then(|id| data.resolved.as_ref()?.messages.get(id))
        .map(|m| m.text())
        .unwrap_or_default();
    if text.trim().is_empty() {
        return render::notice(&format!(
            "That message has no text citebot can read: it may hold only pictures, files or stickers, or Discord withheld its words. Copy the quotation into `/{} text:` instead. (Whoever runs this citebot can also turn on the Message Content intent under Bot → Privileged Gateway Intents in the Discord Developer Portal.)",
            command.runs
        ));
    }
    // A Nitro message holds at most 4,000 characters, as /verify takes; embeds could hold more.
    let text: String = text.chars().take(MAX_VERIFY_CHARS).collect();
    let input = CommandInput::new(command.runs).with(command.option, OptionValue::Text(text));
    render::reply(&Command::from_input(&input).and_then(|command| engine.run(&command)))
}

/// Who asks: the server an interaction comes from, if any.
pub fn audience(interaction: &Interaction) -> Audience {
    Audience {
        server: interaction
            .guild_id
            .as_deref()
            .and_then(|g| g.parse::<u64>().ok()),
    }
}

/// A command's name and options, a subcommand's joined to its group's (`library add`).
fn flatten(data: &InteractionData) -> (String, &[CommandOption]) {
    let name = data.name.clone().unwrap_or_default();
    match data.options.first() {
        Some(sub) if sub.kind == Some(option_kind::SUB_COMMAND) => {
            (format!("{name} {}", sub.name), &sub.options)
        }
        _ => (name, &data.options),
    }
}

/// A slash command as typed: its options' values, an uploaded file's from `resolved`.
fn command_input(data: &InteractionData) -> CommandInput {
    let (name, options) = flatten(data);
    let options = options
        .iter()
        .filter_map(|o| {
            let value = o.value.as_ref()?;
            let value = if o.kind == Some(option_kind::ATTACHMENT) {
                let id = value_text(value);
                let file = data.resolved.as_ref()?.attachments.get(&id)?;
                OptionValue::Upload(Upload {
                    name: file.filename.clone(),
                    url: file.url.clone(),
                    size: file.size,
                    media_type: file.content_type.clone(),
                })
            } else {
                option_value(value)?
            };
            Some((o.name.clone(), value))
        })
        .collect();
    CommandInput {
        name,
        options,
        // Nothing Discord sends may name a file on this machine.
        local: false,
    }
}

/// Why this member may not run `command` here, if they may not: moderators' commands need a
/// server and the permission, checked again here whatever Discord's defaults let through.
fn refusal(interaction: &Interaction, command: &str) -> Option<String> {
    let spec = spec::find(command)?;
    if !spec.permission.is_restricted() {
        return None;
    }
    let (Some(member), Some(_)) = (&interaction.member, &interaction.guild_id) else {
        return Some(format!(
            "/{command} works in a server, where moderators keep its reading list."
        ));
    };
    let bits = member
        .permissions
        .as_deref()
        .and_then(|p| p.parse::<u64>().ok())
        .unwrap_or(0);
    if allowed(spec.permission, bits) {
        return None;
    }
    Some(match spec.permission {
        Permission::ManageServer => format!(
            "/{command} needs the Manage Server permission. Ask a moderator to add or remove readings."
        ),
        _ => "Pinning needs the Pin Messages permission in this channel. Ask a moderator, or use /cite to quote the paragraph here.".to_string(),
    })
}

/// "Jane (123456)": who asked, for the reading list.
fn actor(interaction: &Interaction) -> String {
    let user = interaction
        .member
        .as_ref()
        .and_then(|m| m.user.as_ref())
        .or(interaction.user.as_ref());
    match user {
        Some(u) => {
            let name = u
                .global_name
                .as_deref()
                .or(u.username.as_deref())
                .unwrap_or("someone");
            format!("{name} ({})", u.id)
        }
        None => "someone".to_string(),
    }
}

fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn option_value(value: &Value) -> Option<OptionValue> {
    match value {
        Value::String(s) => Some(OptionValue::Text(s.clone())),
        Value::Number(n) => Some(
            n.as_i64()
                .map_or_else(|| OptionValue::Text(n.to_string()), OptionValue::Integer),
        ),
        Value::Bool(b) => Some(OptionValue::Text(b.to_string())),
        _ => None,
    }
}

fn component(engine: &View<'_>, interaction: &Interaction, custom_id: &str) -> Reaction {
    let notice = |text: &str| Reaction::Now(InteractionResponse::message(render::notice(text)));
    let state = match ButtonState::decode(custom_id, engine.library()) {
        Ok(state) => state,
        Err(e) => return notice(&e.to_string()),
    };
    match state {
        ButtonState::Page {
            page,
            count,
            doc,
            query,
        } => {
            let query = query.or_else(|| {
                interaction
                    .message
                    .as_ref()?
                    .embeds
                    .first()?
                    .author
                    .as_ref()?
                    .name
                    .strip_prefix(QUOTE_AUTHOR_PREFIX)
                    .map(str::to_string)
            });
            let Some(query) = query else {
                return notice(&ButtonError::Malformed.to_string());
            };
            let outcome = engine.run(&Command::Quote(Quote {
                query,
                doc,
                count: Some(count),
                page,
            }));
            match &outcome {
                // The results moved on (the library changed): say so rather than blank the message.
                Ok(Reply::Quote(r)) if r.hits.is_empty() => notice(
                    "That page of results no longer exists (the library has changed). Run /quote again.",
                ),
                Ok(_) => Reaction::Now(InteractionResponse::update(render::reply(&outcome))),
                Err(e) => notice(&e.to_string()),
            }
        }
        ButtonState::Full { paragraph, doc } => {
            let mut message = render::reply(&engine.run(&Command::Cite(Cite {
                paragraph: paragraph as u64,
                doc: Some(doc),
            })));
            message.flags = Some(EPHEMERAL);
            Reaction::Now(InteractionResponse::message(message))
        }
        ButtonState::Pin { paragraph, doc } => pin(
            engine,
            interaction,
            &Cite {
                paragraph: paragraph as u64,
                doc: Some(doc),
            },
        ),
    }
}

/// Pinning is for members who may pin, in a server channel. The member's permission bits are
/// read from the raw payload: serenity's `Permissions` would have dropped Pin Messages (bit 51).
fn pin(engine: &View<'_>, interaction: &Interaction, cite: &Cite) -> Reaction {
    let refuse = |text: &str| Reaction::Now(InteractionResponse::message(render::notice(text)));
    let (Some(member), Some(channel)) = (&interaction.member, &interaction.channel_id) else {
        return refuse("Pinning works in a server channel, not in direct messages.");
    };
    let bits = member
        .permissions
        .as_deref()
        .and_then(|p| p.parse::<u64>().ok())
        .unwrap_or(0);
    if !may_pin(bits) {
        return refuse(
            "Pinning needs the Pin Messages permission in this channel. Ask a moderator, or use /cite to quote the paragraph here.",
        );
    }
    match engine.run(&Command::Pin(cite.clone())) {
        Ok(Reply::Pin(reply)) => Reaction::Pin {
            channel: channel.clone(),
            paragraph: reply.paragraph,
            post: render::pinned(&reply),
        },
        Ok(other) => Reaction::Now(InteractionResponse::message(render::reply(&Ok(other)))),
        Err(e) => refuse(&e.to_string()),
    }
}

/// Answers an interaction end to end. `initial` delivers the first response the way the
/// transport does (a REST callback for the gateway, the HTTP response body for the endpoint);
/// anything after it goes through `rest`.
pub async fn answer<F, Fut>(
    service: Arc<Service>,
    interaction: Interaction,
    rest: Rest,
    initial: F,
) -> Result<(), RestError>
where
    F: FnOnce(InteractionResponse) -> Fut,
    Fut: Future<Output = Result<(), RestError>>,
{
    let is_autocomplete = interaction.kind == kind::AUTOCOMPLETE;
    let shared = interaction.clone();
    // One snapshot of the library for the whole answer.
    let engine = service.engine();
    let work = tokio::task::spawn_blocking(move || react(&engine, &shared));
    tokio::pin!(work);
    let reaction = match tokio::time::timeout(ANSWER_WITHIN, &mut work).await {
        Ok(joined) => joined.unwrap_or_else(|_| crashed()),
        Err(_) if is_autocomplete => {
            // Autocomplete cannot be deferred: offer nothing rather than miss the deadline.
            return initial(InteractionResponse::choices(Vec::new())).await;
        }
        Err(_) => {
            tracing::warn!(id = %interaction.id, "slow answer; acknowledging first");
            initial(InteractionResponse::deferred(false)).await?;
            let late = work.await.unwrap_or_else(|_| crashed());
            return deliver_late(&service, late, &interaction, &rest).await;
        }
    };
    match reaction {
        Reaction::Now(response) => initial(response).await,
        Reaction::Pin {
            channel,
            post,
            paragraph,
        } => {
            initial(InteractionResponse::deferred(true)).await?;
            let report = pin_and_report(&rest, &channel, &post, paragraph).await;
            rest.edit_original(
                interaction.application_id.as_deref(),
                &interaction.token,
                &report,
            )
            .await
        }
        Reaction::Change {
            command,
            audience,
            actor,
        } => {
            // "Importing …", to the moderator only, while the page is fetched and read.
            initial(InteractionResponse::message(render::working(&command))).await?;
            let outcome = service.change(&command, audience, &actor).await;
            if let Err(e) = &outcome {
                tracing::info!(error = %e, "library change refused");
            }
            rest.edit_original(
                interaction.application_id.as_deref(),
                &interaction.token,
                &render::reply(&outcome),
            )
            .await
        }
    }
}

/// The answer to an interaction that was acknowledged before its answer was ready.
async fn deliver_late(
    service: &Arc<Service>,
    reaction: Reaction,
    interaction: &Interaction,
    rest: &Rest,
) -> Result<(), RestError> {
    let message = match reaction {
        Reaction::Now(response) => response
            .message_data()
            .cloned()
            .unwrap_or_else(|| render::notice("Done.")),
        Reaction::Pin {
            channel,
            post,
            paragraph,
        } => pin_and_report(rest, &channel, &post, paragraph).await,
        Reaction::Change {
            command,
            audience,
            actor,
        } => render::reply(&service.change(&command, audience, &actor).await),
    };
    rest.edit_original(
        interaction.application_id.as_deref(),
        &interaction.token,
        &message,
    )
    .await
}

/// Posts and pins, and says how it went (to the moderator only).
async fn pin_and_report(
    rest: &Rest,
    channel: &str,
    post: &MessageData,
    paragraph: usize,
) -> MessageData {
    let text = match rest.post_and_pin(channel, post).await {
        Ok(()) => format!("📌 Pinned ¶{paragraph} in this channel."),
        Err(e) => e.to_string(),
    };
    render::notice(&text)
}

fn crashed() -> Reaction {
    Reaction::Now(InteractionResponse::message(render::notice(
        "Something went wrong on our side while answering. Please try again.",
    )))
}
