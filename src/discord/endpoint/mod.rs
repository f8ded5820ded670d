//! The HTTP interactions endpoint: Discord POSTs each interaction, signed with the
//! application's Ed25519 key; the answer goes back in the response body. Nothing is held
//! between requests, so replicas behind a load balancer need no coordination.
//!
//! Every POST is checked in this order, cheapest first: signature headers present (401),
//! declared size (413, before reading), body read with a cap (413), timestamp within the
//! allowed skew (401, against replays), signature over `timestamp ++ body` (401), JSON (400).
//! Discord probes endpoints with bad signatures and disables those that accept them.

mod metrics;

use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serenity::interactions_endpoint::Verifier;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use super::interaction;
use super::model::{Interaction, InteractionResponse, kind};
use super::rest::Rest;
use crate::commands::spec::COMMANDS;
use crate::service::Service;
pub use metrics::Metrics;

/// What the endpoint needs besides the library.
pub struct Settings {
    pub verifier: Verifier,
    pub rest: Rest,
    /// A request whose timestamp is further than this from now is refused (replays).
    pub max_skew: Duration,
    /// Bodies over this many bytes are refused unread.
    pub max_body: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error(
        "DISCORD_PUBLIC_KEY must be the application's public key: 64 hexadecimal digits (Developer Portal → General Information)"
    )]
    NotHex,
    #[error("DISCORD_PUBLIC_KEY is not a valid Ed25519 public key")]
    Invalid,
}

/// The verifier for a public key as the Developer Portal shows it (64 hex digits).
pub fn verifier(public_key_hex: &str) -> Result<Verifier, KeyError> {
    let hex = public_key_hex.trim();
    if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(KeyError::NotHex);
    }
    let mut key = [0u8; 32];
    for (i, byte) in key.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).map_err(|_| KeyError::NotHex)?;
    }
    Verifier::try_new(key).map_err(|_| KeyError::Invalid)
}

struct AppState {
    /// Set once the library is loaded and its index open; until then, 503.
    service: OnceLock<Arc<Service>>,
    settings: Settings,
    metrics: Metrics,
}

/// The endpoint's shared state; [`Endpoint::ready`] hands it the library when loaded.
#[derive(Clone)]
pub struct Endpoint {
    state: Arc<AppState>,
}

impl Endpoint {
    pub fn new(settings: Settings) -> Self {
        Endpoint {
            state: Arc::new(AppState {
                service: OnceLock::new(),
                settings,
                metrics: Metrics::default(),
            }),
        }
    }

    /// From now on, interactions are answered and `/healthz` says 200.
    pub fn ready(&self, service: Arc<Service>) {
        let _ = self.state.service.set(service);
    }

    pub fn router(&self) -> Router {
        Router::new()
            .route("/interactions", post(interactions))
            .route("/healthz", get(healthz))
            .route("/metrics", get(metrics))
            .with_state(Arc::clone(&self.state))
    }

    /// Serves on `listener` until `shutdown` resolves; then stops accepting, lets requests in
    /// flight finish, and returns within `grace`.
    pub async fn serve(
        self,
        listener: TcpListener,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
        grace: Duration,
    ) -> std::io::Result<()> {
        let (stopping_tx, stopping_rx) = oneshot::channel::<()>();
        let server = axum::serve(listener, self.router()).with_graceful_shutdown(async move {
            shutdown.await;
            let _ = stopping_tx.send(());
        });
        let mut server = std::pin::pin!(server.into_future());
        tokio::select! {
            result = &mut server => result,
            () = async {
                let _ = stopping_rx.await;
                tokio::time::sleep(grace).await;
            } => {
                tracing::warn!("requests still in flight after the grace period; stopping anyway");
                Ok(())
            }
        }
    }
}

/// Binds the address first, so "address in use" is a start-up error, not a late surprise.
pub async fn bind(addr: SocketAddr) -> std::io::Result<TcpListener> {
    TcpListener::bind(addr).await
}

async fn healthz(State(state): State<Arc<AppState>>) -> Response {
    if state.service.get().is_some() {
        (StatusCode::OK, "ok\n").into_response()
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            "starting: loading the library\n",
        )
            .into_response()
    }
}

async fn metrics(State(state): State<Arc<AppState>>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render(),
    )
        .into_response()
}

fn refuse(status: StatusCode, why: &'static str) -> Response {
    (status, why).into_response()
}

/// A bounded label for the metrics: the command's name, or what kind of request it was.
fn label(interaction: &Interaction) -> &'static str {
    let known = |name: Option<&str>| {
        COMMANDS
            .iter()
            .find(|c| Some(c.name) == name)
            .map_or("unknown_command", |c| c.name)
    };
    let name = interaction.data.as_ref().and_then(|d| d.name.as_deref());
    match interaction.kind {
        kind::PING => "ping",
        kind::APPLICATION_COMMAND => known(name),
        kind::AUTOCOMPLETE => "autocomplete",
        kind::MESSAGE_COMPONENT => "button",
        _ => "other",
    }
}

async fn interactions(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let started = Instant::now();
    let (response, command, outcome) = handle(&state, &headers, body).await;
    state.metrics.record(command, outcome, started.elapsed());
    response
}

async fn handle(
    state: &AppState,
    headers: &HeaderMap,
    body: Body,
) -> (Response, &'static str, &'static str) {
    let settings = &state.settings;
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let (Some(signature), Some(timestamp)) =
        (text("x-signature-ed25519"), text("x-signature-timestamp"))
    else {
        return (
            refuse(StatusCode::UNAUTHORIZED, "missing signature\n"),
            "none",
            "unsigned",
        );
    };
    let declared = text(header::CONTENT_LENGTH.as_str()).and_then(|l| l.parse::<usize>().ok());
    if declared.is_some_and(|l| l > settings.max_body) {
        return (
            refuse(StatusCode::PAYLOAD_TOO_LARGE, "body too large\n"),
            "none",
            "too_large",
        );
    }
    let Ok(bytes) = axum::body::to_bytes(body, settings.max_body).await else {
        return (
            refuse(StatusCode::PAYLOAD_TOO_LARGE, "body too large\n"),
            "none",
            "too_large",
        );
    };
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let fresh = timestamp
        .parse::<u64>()
        .is_ok_and(|t| t.abs_diff(now) <= settings.max_skew.as_secs());
    if !fresh {
        return (
            refuse(StatusCode::UNAUTHORIZED, "stale or invalid timestamp\n"),
            "none",
            "stale",
        );
    }
    if settings
        .verifier
        .verify(signature, timestamp, &bytes)
        .is_err()
    {
        return (
            refuse(StatusCode::UNAUTHORIZED, "invalid request signature\n"),
            "none",
            "bad_signature",
        );
    }
    let interaction: Interaction = match serde_json::from_slice(&bytes) {
        Ok(i) => i,
        Err(_) => {
            return (
                refuse(StatusCode::BAD_REQUEST, "body is not an interaction\n"),
                "none",
                "bad_json",
            );
        }
    };
    let command = label(&interaction);
    if interaction.kind == kind::PING {
        return (
            axum::Json(InteractionResponse::pong()).into_response(),
            command,
            "ok",
        );
    }
    let Some(service) = state.service.get().cloned() else {
        return (
            refuse(StatusCode::SERVICE_UNAVAILABLE, "starting\n"),
            command,
            "unavailable",
        );
    };

    // The first response goes back in this HTTP response; anything after it (pinning, a slow
    // answer's edit) continues over REST once this request is done.
    let (first_tx, first_rx) = oneshot::channel::<InteractionResponse>();
    let rest = settings.rest.clone();
    tokio::spawn(async move {
        let result = interaction::answer(service, interaction, rest, |response| async move {
            let _ = first_tx.send(response);
            Ok(())
        })
        .await;
        if let Err(e) = result {
            tracing::warn!(error = %e, "finishing an interaction over REST failed");
        }
    });
    match first_rx.await {
        Ok(response) => (axum::Json(response).into_response(), command, "ok"),
        Err(_) => (
            refuse(StatusCode::INTERNAL_SERVER_ERROR, "no answer\n"),
            command,
            "error",
        ),
    }
}
