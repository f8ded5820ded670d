//! The gateway bot: serenity keeps the websocket session (identify, heartbeats, resume,
//! reconnect, shards); interactions come in through the [`tap`] as raw JSON and are answered by
//! [`interaction::answer`](super::interaction::answer) over REST.

pub mod tap;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serenity::all::ClientBuilder;
use serenity::all::{Context, EventHandler, GatewayIntents, Ready, ResumedEvent};
use serenity::async_trait;
use serenity::http::{Http, HttpBuilder};
use serenity::model::id::ApplicationId;
use tokio::sync::{mpsc, watch};

use super::definitions::definitions;
use super::interaction;
use super::model::Interaction;
use super::rest::{Rest, RestError};
use crate::secret::Secret;
use crate::service::Service;

/// What the gateway bot needs beyond the engine.
#[derive(Debug)]
pub struct Settings {
    pub token: Secret,
    /// Another REST base (tests); `None` is Discord.
    pub api_base: Option<String>,
    pub application_id: Option<u64>,
    /// Register commands in this server instead of globally.
    pub guild_id: Option<u64>,
    /// Give up if no session is ready this long after start.
    pub connect_timeout: Duration,
}

#[derive(Debug, thiserror::Error)]
pub enum GatewayError {
    #[error(
        "Discord rejected the bot token (401 Unauthorized): check DISCORD_TOKEN (Developer Portal → your application → Bot → Reset Token)"
    )]
    TokenRejected,
    #[error("cannot reach Discord's API at {base}: {error}")]
    ApiUnreachable { base: String, error: String },
    #[error(
        "cannot reach the Discord gateway at {url}: {attempts} attempt(s) in {secs} s failed{last}"
    )]
    GatewayUnreachable {
        url: String,
        attempts: u32,
        secs: u64,
        last: String,
    },
    #[error(
        "no Discord session became ready within {secs} s (the gateway at {url} accepted {connected} connection(s) but never sent READY)"
    )]
    NeverReady {
        url: String,
        secs: u64,
        connected: u32,
    },
    #[error("the Discord gateway session ended: {0}")]
    Ended(String),
    #[error("cannot start the gateway relay: {0}")]
    Relay(std::io::Error),
}

/// The REST client: Discord's, or with `api_base` another server's. serenity sends every call
/// to `{base}/api/v10/...` only with its rate limiter disabled (a test double has no limits).
pub fn http(token: &Secret, api_base: Option<&str>, application_id: Option<u64>) -> Http {
    let mut builder = HttpBuilder::new(token.expose());
    if let Some(base) = api_base {
        builder = builder
            .proxy(base.trim_end_matches('/'))
            .ratelimiter_disabled(true);
    }
    if let Some(id) = application_id.filter(|&id| id != 0) {
        builder = builder.application_id(ApplicationId::new(id));
    }
    builder.build()
}

struct Handler {
    guild_id: Option<u64>,
    registered: AtomicBool,
    ready: watch::Sender<bool>,
}

#[async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        tracing::info!(
            user = %ready.user.name,
            servers = ready.guilds.len(),
            shard = ?ready.shard.map(|s| (s.id.0, s.total)),
            "connected to Discord; answering slash commands"
        );
        // READY comes again after every re-identify; the commands need uploading once.
        if !self.registered.swap(true, Ordering::SeqCst) {
            match Rest::new(Arc::clone(&ctx.http))
                .register(&definitions(), self.guild_id)
                .await
            {
                Ok(n) => tracing::info!(
                    commands = n,
                    scope = %self.guild_id.map_or("global".to_string(), |g| format!("server {g}")),
                    "slash commands registered"
                ),
                Err(e) => {
                    self.registered.store(false, Ordering::SeqCst);
                    tracing::error!(error = %e, "registering the slash commands failed; they may be missing or outdated");
                }
            }
        }
        let _ = self.ready.send(true);
    }

    async fn resume(&self, _ctx: Context, _: ResumedEvent) {
        tracing::info!("Discord session resumed");
    }
}

/// Runs the bot until SIGINT or SIGTERM (then shuts the shards down and returns `Ok`), or until
/// it cannot connect.
pub async fn run(service: Arc<Service>, settings: Settings) -> Result<(), GatewayError> {
    let base = settings
        .api_base
        .clone()
        .unwrap_or_else(|| "https://discord.com".to_string());
    let (ready_tx, mut ready_rx) = watch::channel(false);
    let handler = Handler {
        guild_id: settings.guild_id,
        registered: AtomicBool::new(false),
        ready: ready_tx,
    };
    let http = http(
        &settings.token,
        settings.api_base.as_deref(),
        settings.application_id,
    );
    // Slash commands need no gateway intents, and none of ours is privileged.
    let mut client = ClientBuilder::new_with_http(http, GatewayIntents::empty())
        .event_handler(handler)
        .await
        .map_err(|e| GatewayError::ApiUnreachable {
            base: base.clone(),
            error: e.to_string(),
        })?;
    let rest = Rest::new(Arc::clone(&client.http));

    // Checks the token before anything else, and learns where the gateway is.
    let upstream = match rest.gateway_url().await {
        Ok(url) => url,
        Err(RestError::Unauthorized) => return Err(GatewayError::TokenRejected),
        Err(e) => {
            return Err(GatewayError::ApiUnreachable {
                base,
                error: e.to_string(),
            });
        }
    };
    let (interactions_tx, mut interactions_rx) = mpsc::unbounded_channel();
    let tap = tap::Tap::start(upstream, interactions_tx)
        .await
        .map_err(GatewayError::Relay)?;
    // serenity connects to the tap, which relays to Discord's gateway.
    *client.ws_url.lock().await = tap.url();

    // Interactions, answered concurrently; a replayed one (after a resume) only once.
    let dispatcher = {
        let rest = rest.clone();
        tokio::spawn(async move {
            let mut seen = tap::Seen::new();
            while let Some(raw) = interactions_rx.recv().await {
                let interaction: Interaction = match serde_json::from_value(raw) {
                    Ok(i) => i,
                    Err(e) => {
                        tracing::warn!(error = %e, "unreadable interaction payload");
                        continue;
                    }
                };
                if !seen.first_time(&interaction.id) {
                    continue;
                }
                let (service, rest) = (Arc::clone(&service), rest.clone());
                tokio::spawn(async move {
                    let (id, token) = (interaction.id.clone(), interaction.token.clone());
                    let started = Instant::now();
                    let callback_rest = rest.clone();
                    let result =
                        interaction::answer(service, interaction, rest, |response| async move {
                            callback_rest.respond(&id, &token, &response).await
                        })
                        .await;
                    match result {
                        Ok(()) => tracing::debug!(
                            ms = started.elapsed().as_millis() as u64,
                            "interaction answered"
                        ),
                        Err(e) => tracing::warn!(error = %e, "answering an interaction failed"),
                    }
                });
            }
        })
    };

    let shards = client.shard_manager.clone();
    let stop = async {
        shutdown_signal().await;
        tracing::info!("shutting down");
    };
    let timeout = settings.connect_timeout;
    let watchdog = async {
        let became_ready = tokio::time::timeout(timeout, ready_rx.wait_for(|r| *r)).await;
        if became_ready.is_ok() {
            // Connected: from now on serenity keeps reconnecting by itself, for as long as it takes.
            std::future::pending::<()>().await;
        }
    };

    let started = Instant::now();
    let outcome = tokio::select! {
        result = client.start_autosharded() => match result {
            Ok(()) => Ok(()),
            Err(serenity::Error::Http(e)) if e.status_code().map(|s| s.as_u16()) == Some(401) => Err(GatewayError::TokenRejected),
            Err(e) => Err(GatewayError::Ended(e.to_string())),
        },
        () = stop => {
            shards.shutdown_all().await;
            Ok(())
        }
        () = watchdog => {
            shards.shutdown_all().await;
            let stats = tap.stats();
            if stats.connected == 0 {
                Err(GatewayError::GatewayUnreachable {
                    url: tap.upstream().to_string(),
                    attempts: stats.attempts,
                    secs: started.elapsed().as_secs(),
                    last: stats.last_error.map(|e| format!(" (last error: {e})")).unwrap_or_default(),
                })
            } else {
                Err(GatewayError::NeverReady {
                    url: tap.upstream().to_string(),
                    secs: timeout.as_secs(),
                    connected: stats.connected,
                })
            }
        }
    };
    dispatcher.abort();
    outcome
}

/// Ctrl-C or SIGTERM (what `docker stop`, systemd and Kubernetes send).
pub async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
