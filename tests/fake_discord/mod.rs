//! A fake Discord on loopback: enough REST and gateway to drive the real bot (the real serenity
//! client inside the real binary), checking what the bot sends against Discord's rules the way
//! Discord would (a 400 with code 50035), and recording everything for assertions.
//!
//! REST (under `/api/v10`): `GET /gateway`, `GET /gateway/bot`, `GET /oauth2/applications/@me`,
//! command registration (global and guild), interaction callbacks, webhook edits of the original
//! response and follow-ups, channel messages, pins and deletes.
//! Gateway: HELLO, IDENTIFY → READY, heartbeats → ACK, RESUME → RESUMED, INTERACTION_CREATE
//! dispatches with every field serenity requires, and dropping connections on demand.
//!
//! The checks here are written from Discord's documentation, independently of the bot's own
//! limits code, so they can catch its mistakes.

#![allow(dead_code)]

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::{Notify, mpsc};
use tokio_tungstenite::tungstenite::Message;

pub const APPLICATION_ID: u64 = 900_000_000_000_000_001;
pub const BOT_USER_ID: u64 = 900_000_000_000_000_002;
pub const GUILD_ID: u64 = 900_000_000_000_000_003;
pub const CHANNEL_ID: u64 = 900_000_000_000_000_004;
/// A classmate's message with a misquote of the bundled article in it: a "not" the author
/// never wrote, among a mention and an emoji.
pub const MISQUOTE: &str = "<@700000000000000003> no — the article says “Unlike the Biden and Obama administrations that sought to reform and liberalise Russia, Trump does not recognise Russian historical exceptionalism” 🙄";
/// A channel where the bot may post but not pin.
pub const NO_PIN_CHANNEL: u64 = 900_000_000_000_000_005;
/// A channel whose pins are full.
pub const FULL_PINS_CHANNEL: u64 = 900_000_000_000_000_006;

/// Permission bits.
pub const PIN_MESSAGES: u64 = 1 << 51;
pub const MANAGE_MESSAGES: u64 = 1 << 13;
/// What `/library` changes need.
pub const MANAGE_GUILD: u64 = 1 << 5;
/// Another server, whose members must never see the first one's readings.
pub const OTHER_GUILD_ID: u64 = 900_000_000_000_000_009;
pub const SEND_MESSAGES: u64 = 1 << 11;
pub const VIEW_CHANNEL: u64 = 1 << 10;

/// Discord's deadline for the first response to an interaction.
pub const DEADLINE: Duration = Duration::from_secs(3);

/// One REST request the bot made, and what the fake answered.
#[derive(Debug, Clone)]
pub struct Call {
    pub method: String,
    pub path: String,
    pub body: Value,
    pub status: u16,
    pub answer: Value,
    pub at: Instant,
}

enum Control {
    Send(String),
    Drop,
}

#[derive(Default)]
struct Gateway {
    identifies: u32,
    resumes: u32,
    heartbeats: u32,
    sessions: HashSet<String>,
    seq: u64,
    connections: Vec<mpsc::UnboundedSender<Control>>,
    /// Connections that have identified or resumed and can take dispatches.
    live: Vec<mpsc::UnboundedSender<Control>>,
}

pub struct Shared {
    token: String,
    gateway_url: String,
    heartbeat_ms: u64,
    calls: Mutex<Vec<Call>>,
    changed: Notify,
    gateway: Mutex<Gateway>,
    dispatched: Mutex<HashMap<String, (Instant, u8)>>,
    acknowledged: Mutex<HashSet<String>>,
    pins: Mutex<Vec<(String, String)>>,
    next_id: AtomicU64,
}

pub struct Fake {
    pub rest_base: String,
    pub gateway_url: String,
    shared: Arc<Shared>,
}

impl Fake {
    /// Starts the fake; the bot must present `token`.
    pub async fn start(token: &str) -> Fake {
        Self::start_with(token, None).await
    }

    /// With `gateway_override`, `/gateway` points somewhere else (an unreachable address, say).
    pub async fn start_with(token: &str, gateway_override: Option<String>) -> Fake {
        let ws_listener = TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let gateway_url = gateway_override.unwrap_or_else(|| {
            format!(
                "ws://{}",
                ws_listener
                    .local_addr()
                    .map(|a| a.to_string())
                    .unwrap_or_default()
            )
        });
        let shared = Arc::new(Shared {
            token: token.to_string(),
            gateway_url: gateway_url.clone(),
            heartbeat_ms: 2_000,
            calls: Mutex::new(Vec::new()),
            changed: Notify::new(),
            gateway: Mutex::new(Gateway::default()),
            dispatched: Mutex::new(HashMap::new()),
            acknowledged: Mutex::new(HashSet::new()),
            pins: Mutex::new(Vec::new()),
            next_id: AtomicU64::new(1_000_000_000_000_000_000),
        });

        let gw = Arc::clone(&shared);
        tokio::spawn(async move {
            while let Ok((stream, _)) = ws_listener.accept().await {
                tokio::spawn(gateway_connection(stream, Arc::clone(&gw)));
            }
        });

        let rest_listener = TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let rest_base = format!(
            "http://{}",
            rest_listener
                .local_addr()
                .map(|a| a.to_string())
                .unwrap_or_default()
        );
        let app = Router::new().fallback(rest).with_state(Arc::clone(&shared));
        tokio::spawn(async move {
            let _ = axum::serve(rest_listener, app).await;
        });
        Fake {
            rest_base,
            gateway_url,
            shared,
        }
    }

    pub fn calls(&self) -> Vec<Call> {
        self.shared
            .calls
            .lock()
            .map(|c| c.clone())
            .unwrap_or_default()
    }

    pub fn pins(&self) -> Vec<(String, String)> {
        self.shared
            .pins
            .lock()
            .map(|p| p.clone())
            .unwrap_or_default()
    }

    pub fn identifies(&self) -> u32 {
        self.shared
            .gateway
            .lock()
            .map(|g| g.identifies)
            .unwrap_or(0)
    }

    pub fn resumes(&self) -> u32 {
        self.shared.gateway.lock().map(|g| g.resumes).unwrap_or(0)
    }

    pub fn heartbeats(&self) -> u32 {
        self.shared
            .gateway
            .lock()
            .map(|g| g.heartbeats)
            .unwrap_or(0)
    }

    /// Waits until a recorded call satisfies `pred`, and returns it.
    pub async fn wait_for(&self, what: &str, pred: impl Fn(&Call) -> bool) -> Call {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let notified = self.shared.changed.notified();
            if let Some(call) = self.calls().into_iter().find(|c| pred(c)) {
                return call;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "timed out waiting for {what}; calls so far: {:#?}",
                summary(&self.calls())
            );
            let _ = tokio::time::timeout(left, notified).await;
        }
    }

    /// Waits until the gateway has a session ready for dispatches.
    pub async fn wait_live(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let live = self
                .shared
                .gateway
                .lock()
                .map(|g| g.live.iter().any(|c| !c.is_closed()))
                .unwrap_or(false);
            if live {
                return;
            }
            assert!(Instant::now() < deadline, "no live gateway session");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// The first response the bot gave to interaction `id`.
    pub async fn callback(&self, id: &str) -> Call {
        let path = format!("/interactions/{id}/");
        self.wait_for(&format!("the callback of interaction {id}"), |c| {
            c.path.starts_with(&path)
        })
        .await
    }

    /// Sends an INTERACTION_CREATE over the live gateway session; returns the interaction id.
    pub async fn dispatch(&self, interaction: Value) -> String {
        self.wait_live().await;
        let id = interaction["id"].as_str().unwrap_or_default().to_string();
        let kind = interaction["type"].as_u64().unwrap_or(0) as u8;
        let frame = {
            let mut gw = self
                .shared
                .gateway
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            gw.seq += 1;
            json!({"op": 0, "t": "INTERACTION_CREATE", "s": gw.seq, "d": interaction}).to_string()
        };
        if let Ok(mut d) = self.shared.dispatched.lock() {
            d.insert(id.clone(), (Instant::now(), kind));
        }
        let sent = self
            .shared
            .gateway
            .lock()
            .map(|g| {
                g.live
                    .iter()
                    .rev()
                    .find(|c| !c.is_closed())
                    .map(|c| c.send(Control::Send(frame.clone())).is_ok())
            })
            .ok()
            .flatten()
            .unwrap_or(false);
        assert!(sent, "no gateway connection to dispatch on");
        id
    }

    /// Sends op 7 RECONNECT on the live session: Discord asking the client to reconnect and resume.
    pub fn request_reconnect(&self) {
        if let Ok(gw) = self.shared.gateway.lock() {
            for c in gw.live.iter().filter(|c| !c.is_closed()) {
                let _ = c.send(Control::Send(json!({"op": 7, "d": null}).to_string()));
            }
        }
    }

    /// Drops every gateway connection without a close frame, as a network failure would.
    pub fn drop_connections(&self) {
        if let Ok(mut gw) = self.shared.gateway.lock() {
            for c in gw.connections.drain(..) {
                let _ = c.send(Control::Drop);
            }
            gw.live.clear();
        }
    }

    fn id(&self) -> String {
        self.shared
            .next_id
            .fetch_add(1, Ordering::SeqCst)
            .to_string()
    }

    fn base_interaction(&self, kind: u8, permissions: u64, channel: u64) -> Value {
        self.base_interaction_in(kind, permissions, channel, GUILD_ID)
    }

    fn base_interaction_in(&self, kind: u8, permissions: u64, channel: u64, guild: u64) -> Value {
        let id = self.id();
        let mut interaction = json!({
            "id": id,
            "application_id": APPLICATION_ID.to_string(),
            "type": kind,
            "token": format!("token-{id}"),
            "version": 1,
            "guild_id": GUILD_ID.to_string(),
            "channel_id": channel.to_string(),
            "channel": {"id": channel.to_string(), "type": 0, "guild_id": GUILD_ID.to_string(), "name": "study-group"},
            "member": {
                "user": user(700_000_000_000_000_001, "student"),
                "roles": [],
                "joined_at": "2025-01-01T00:00:00.000000+00:00",
                "deaf": false,
                "mute": false,
                "flags": 0,
                "pending": false,
                "permissions": permissions.to_string(),
                "nick": null,
                "avatar": null,
                "premium_since": null,
                "communication_disabled_until": null
            },
            "app_permissions": (VIEW_CHANNEL | SEND_MESSAGES | PIN_MESSAGES).to_string(),
            "locale": "en-GB",
            "guild_locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": GUILD_ID.to_string()},
            "context": 0,
            "attachment_size_limit": 8_388_608
        });
        if guild != GUILD_ID {
            interaction["guild_id"] = json!(guild.to_string());
            interaction["channel"]["guild_id"] = json!(guild.to_string());
            interaction["authorizing_integration_owners"] = json!({"0": guild.to_string()});
        }
        interaction
    }

    /// `/group sub` with options, by a member with `permissions` in server `guild`. Each of
    /// `files` — (option, file name, URL, content type, size) — is an upload: Discord sends its
    /// id as the option's value and describes it in `resolved.attachments`.
    pub fn subcommand_in(
        &self,
        guild: u64,
        group: &str,
        sub: &str,
        options: &[(&str, Value)],
        files: &[(&str, &str, &str, &str, u64)],
        permissions: u64,
    ) -> Value {
        let mut i = self.base_interaction_in(2, permissions, CHANNEL_ID, guild);
        let mut nested: Vec<Value> = options
            .iter()
            .map(|(n, v)| json!({"name": n, "type": option_type(v), "value": v}))
            .collect();
        let mut attachments = serde_json::Map::new();
        for (option, filename, url, content_type, size) in files {
            let id = self.id();
            nested.push(json!({"name": option, "type": 11, "value": id}));
            attachments.insert(
                id.clone(),
                json!({
                    "id": id,
                    "filename": filename,
                    "size": size,
                    "url": url,
                    "proxy_url": url,
                    "content_type": content_type,
                    "ephemeral": true
                }),
            );
        }
        i["data"] = json!({
            "id": "800000000000000004",
            "name": group,
            "type": 1,
            "guild_id": guild.to_string(),
            "options": [{"name": sub, "type": 1, "options": nested}],
            "resolved": {"attachments": attachments}
        });
        i
    }

    /// A slash command, as a member with `permissions` in `CHANNEL_ID` would send it.
    pub fn command(&self, name: &str, options: &[(&str, Value)], permissions: u64) -> Value {
        self.command_in(name, options, permissions, CHANNEL_ID)
    }

    pub fn command_in(
        &self,
        name: &str,
        options: &[(&str, Value)],
        permissions: u64,
        channel: u64,
    ) -> Value {
        let mut i = self.base_interaction(2, permissions, channel);
        i["data"] = json!({
            "id": "800000000000000001",
            "name": name,
            "type": 1,
            "guild_id": GUILD_ID.to_string(),
            "options": options.iter().map(|(n, v)| json!({"name": n, "type": option_type(v), "value": v})).collect::<Vec<_>>()
        });
        i
    }

    /// An autocomplete request while the user types `typed` into `focused`.
    pub fn autocomplete(&self, name: &str, focused: &str, typed: &str) -> Value {
        let mut i = self.base_interaction(4, 0, CHANNEL_ID);
        i["data"] = json!({
            "id": "800000000000000002",
            "name": name,
            "type": 1,
            "options": [{"name": focused, "type": 3, "value": typed, "focused": true}]
        });
        i
    }

    /// "Check quote" (or another message command) used on a member's message saying `content`.
    /// Discord puts the target in `resolved.messages`, its content included: the Message
    /// Content intent's exceptions cover the message a context-menu command is used on.
    pub fn message_command(&self, name: &str, content: &str, permissions: u64) -> Value {
        let mut i = self.base_interaction(2, permissions, CHANNEL_ID);
        let target = self.id();
        let mut message = message_object(
            &target,
            &CHANNEL_ID.to_string(),
            &json!({"content": content}),
        );
        message["author"] = user(700_000_000_000_000_002, "classmate");
        message["application_id"] = Value::Null;
        i["data"] = json!({
            "id": "800000000000000003",
            "name": name,
            "type": 3,
            "guild_id": GUILD_ID.to_string(),
            "target_id": target,
            "resolved": {"messages": {target.clone(): message}}
        });
        i
    }

    /// A button click on `message` (as the bot sent it: its embeds and components).
    pub fn click(&self, custom_id: &str, message: &Value, permissions: u64, channel: u64) -> Value {
        let mut i = self.base_interaction(3, permissions, channel);
        i["data"] = json!({"custom_id": custom_id, "component_type": 2});
        let mut m = message_object(&self.id(), &channel.to_string(), message);
        m["interaction_metadata"] = Value::Null;
        i["message"] = m;
        i
    }
}

fn option_type(v: &Value) -> u8 {
    if v.is_i64() || v.is_u64() { 4 } else { 3 }
}

fn user(id: u64, name: &str) -> Value {
    json!({"id": id.to_string(), "username": name, "discriminator": "0", "global_name": name, "avatar": null, "bot": false})
}

pub fn summary(calls: &[Call]) -> Vec<String> {
    calls
        .iter()
        .map(|c| format!("{} {} → {}", c.method, c.path, c.status))
        .collect()
}

/// A message object with every field serenity's `Message` requires.
fn message_object(id: &str, channel: &str, body: &Value) -> Value {
    json!({
        "id": id,
        "channel_id": channel,
        "author": {"id": BOT_USER_ID.to_string(), "username": "citebot", "discriminator": "0", "avatar": null, "bot": true, "global_name": null},
        "content": body.get("content").cloned().unwrap_or(json!("")),
        "timestamp": "2026-11-24T12:00:00.000000+00:00",
        "edited_timestamp": null,
        "tts": false,
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": body.get("embeds").cloned().unwrap_or(json!([])),
        "components": body.get("components").cloned().unwrap_or(json!([])),
        "pinned": false,
        "type": 0,
        "flags": body.get("flags").cloned().unwrap_or(json!(0)),
        "application_id": APPLICATION_ID.to_string(),
        "webhook_id": null
    })
}

fn error(status: u16, code: u64, message: &str, errors: Vec<String>) -> (u16, Value) {
    (
        status,
        json!({"code": code, "message": message, "errors": errors}),
    )
}

async fn rest(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri
        .path()
        .strip_prefix("/api/v10")
        .unwrap_or(uri.path())
        .to_string();
    let json: Value = if body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&body).unwrap_or_else(|_| Value::String("<not JSON>".into()))
    };
    let authorised = headers
        .get("authorization")
        .and_then(|h| h.to_str().ok())
        .is_some_and(|h| h == format!("Bot {}", shared.token));
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    let unauthorised = || error(401, 0, "401: Unauthorized", Vec::new());

    let (status, answer) = match (method.as_str(), segments.as_slice()) {
        ("GET", ["gateway"]) => (200, json!({"url": shared.gateway_url})),
        ("GET", ["gateway", "bot"]) if !authorised => unauthorised(),
        ("GET", ["gateway", "bot"]) => (
            200,
            json!({"url": shared.gateway_url, "shards": 1,
                   "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}}),
        ),
        ("GET", ["oauth2", "applications", "@me"]) if !authorised => unauthorised(),
        ("GET", ["oauth2", "applications", "@me"]) => (
            200,
            json!({"id": APPLICATION_ID.to_string(), "name": "citebot", "icon": null, "description": "",
                   "bot_public": true, "bot_require_code_grant": false, "verify_key": "00", "team": null,
                   "owner": user(1, "owner"), "flags": 0}),
        ),
        ("PUT", ["applications", app, "commands"])
        | ("PUT", ["applications", app, "guilds", _, "commands"]) => {
            if !authorised {
                unauthorised()
            } else if *app != APPLICATION_ID.to_string() {
                error(
                    403,
                    50001,
                    "Missing Access",
                    vec![format!("unknown application {app}")],
                )
            } else {
                let problems = check_commands(&json);
                if problems.is_empty() {
                    let guild = segments.get(3).map(|g| g.to_string());
                    (200, registered(&json, guild))
                } else {
                    error(400, 50035, "Invalid Form Body", problems)
                }
            }
        }
        ("POST", ["interactions", id, _token, "callback"]) => callback(&shared, id, &json),
        // The original response's edit, or a follow-up: both answer with the message.
        ("PATCH", ["webhooks", _, _, "messages", "@original"]) | ("POST", ["webhooks", _, _]) => {
            echo(&shared, &CHANNEL_ID.to_string(), &json)
        }
        ("POST", ["channels", _, "messages"]) if !authorised => unauthorised(),
        ("POST", ["channels", channel, "messages"]) => echo(&shared, channel, &json),
        ("PUT", ["channels", channel, "pins", message]) => {
            if !authorised {
                unauthorised()
            } else if *channel == NO_PIN_CHANNEL.to_string() {
                error(403, 50013, "Missing Permissions", Vec::new())
            } else if *channel == FULL_PINS_CHANNEL.to_string() {
                error(
                    400,
                    30003,
                    "Maximum number of pins reached (50)",
                    Vec::new(),
                )
            } else {
                if let Ok(mut pins) = shared.pins.lock() {
                    pins.push((channel.to_string(), message.to_string()));
                }
                (204, Value::Null)
            }
        }
        ("DELETE", ["channels", _, "messages", _]) if authorised => (204, Value::Null),
        _ => error(404, 0, "404: Not Found", Vec::new()),
    };

    if let Ok(mut calls) = shared.calls.lock() {
        calls.push(Call {
            method: method.to_string(),
            path: path.clone(),
            body: json,
            status,
            answer: answer.clone(),
            at: Instant::now(),
        });
    }
    shared.changed.notify_waiters();
    let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if status == 204 {
        code.into_response()
    } else {
        (code, axum::Json(answer)).into_response()
    }
}

/// A message the bot sent, checked as Discord would, answered with the message object.
fn echo(shared: &Shared, channel: &str, body: &Value) -> (u16, Value) {
    let problems = check_message(body);
    if problems.is_empty() {
        let id = shared.next_id.fetch_add(1, Ordering::SeqCst).to_string();
        (200, message_object(&id, channel, body))
    } else {
        error(400, 50035, "Invalid Form Body", problems)
    }
}

/// An interaction response: known interaction, answered once, in time, with a type that fits.
fn callback(shared: &Shared, id: &str, body: &Value) -> (u16, Value) {
    let Some((dispatched, kind)) = shared
        .dispatched
        .lock()
        .ok()
        .and_then(|d| d.get(id).copied())
    else {
        return error(404, 10062, "Unknown interaction", Vec::new());
    };
    if dispatched.elapsed() > DEADLINE {
        return error(
            404,
            10062,
            "Unknown interaction",
            vec!["answered after the 3 s deadline".into()],
        );
    }
    if !shared
        .acknowledged
        .lock()
        .map(|mut a| a.insert(id.to_string()))
        .unwrap_or(false)
    {
        return error(
            400,
            40060,
            "Interaction has already been acknowledged.",
            Vec::new(),
        );
    }
    let response_type = body["type"].as_u64().unwrap_or(0);
    let allowed: &[u64] = match kind {
        1 => &[1],
        2 => &[4, 5],
        3 => &[4, 5, 6, 7],
        4 => &[8],
        _ => &[],
    };
    if !allowed.contains(&response_type) {
        return error(
            400,
            50035,
            "Invalid Form Body",
            vec![format!(
                "response type {response_type} for interaction type {kind}"
            )],
        );
    }
    let problems = match response_type {
        4 | 7 => check_message(&body["data"]),
        8 => check_choices(&body["data"]["choices"]),
        _ => Vec::new(),
    };
    if problems.is_empty() {
        (204, Value::Null)
    } else {
        error(400, 50035, "Invalid Form Body", problems)
    }
}

/// Length as Discord counts it (UTF-16 code units).
fn len(v: &Value) -> usize {
    v.as_str().map_or(0, |s| s.encode_utf16().count())
}

/// Discord's message rules: content, embeds (each and together), components, custom ids.
pub fn check_message(m: &Value) -> Vec<String> {
    let mut p = Vec::new();
    if len(&m["content"]) > 2000 {
        p.push("content over 2000".into());
    }
    let embeds = m["embeds"].as_array().cloned().unwrap_or_default();
    if embeds.len() > 10 {
        p.push("more than 10 embeds".into());
    }
    let mut total = 0;
    for (i, e) in embeds.iter().enumerate() {
        let (title, description) = (len(&e["title"]), len(&e["description"]));
        let (author, footer) = (len(&e["author"]["name"]), len(&e["footer"]["text"]));
        if title > 256 {
            p.push(format!("embed {i} title {title} > 256"));
        }
        if description > 4096 {
            p.push(format!("embed {i} description {description} > 4096"));
        }
        if author > 256 {
            p.push(format!("embed {i} author {author} > 256"));
        }
        if footer > 2048 {
            p.push(format!("embed {i} footer {footer} > 2048"));
        }
        if let Some(url) = e["url"].as_str()
            && !(url.starts_with("http://") || url.starts_with("https://"))
        {
            p.push(format!("embed {i} url is not http(s)"));
        }
        let fields = e["fields"].as_array().cloned().unwrap_or_default();
        if fields.len() > 25 {
            p.push(format!("embed {i} has {} fields", fields.len()));
        }
        let mut field_total = 0;
        for f in &fields {
            let (name, value) = (len(&f["name"]), len(&f["value"]));
            if name == 0 || name > 256 || value == 0 || value > 1024 {
                p.push(format!("embed {i} field sizes {name}/{value}"));
            }
            field_total += name + value;
        }
        total += title + description + author + footer + field_total;
    }
    if total > 6000 {
        p.push(format!("embeds total {total} > 6000"));
    }
    let rows = m["components"].as_array().cloned().unwrap_or_default();
    if rows.len() > 5 {
        p.push("more than 5 rows".into());
    }
    let mut ids = HashSet::new();
    for row in &rows {
        let buttons = row["components"].as_array().cloned().unwrap_or_default();
        if row["type"] != 1 || buttons.is_empty() || buttons.len() > 5 {
            p.push("a row must hold 1 to 5 components".into());
        }
        for b in &buttons {
            let id = b["custom_id"].as_str().unwrap_or_default();
            if b["type"] != 2 || !(1..=4).contains(&b["style"].as_u64().unwrap_or(0)) {
                p.push("not a button with a custom_id style".into());
            }
            if id.is_empty() || len(&b["custom_id"]) > 100 {
                p.push(format!("custom_id {id:?} must be 1-100 characters"));
            }
            if !ids.insert(id.to_string()) {
                p.push(format!("custom_id {id:?} repeated"));
            }
            if len(&b["label"]) > 80 {
                p.push("button label over 80".into());
            }
        }
    }
    p
}

fn check_choices(choices: &Value) -> Vec<String> {
    let Some(list) = choices.as_array() else {
        return vec!["choices missing".into()];
    };
    let mut p = Vec::new();
    if list.len() > 25 {
        p.push("more than 25 choices".into());
    }
    for c in list {
        if !(1..=100).contains(&len(&c["name"])) || len(&c["value"]) > 100 || c["value"].is_null() {
            p.push(format!("choice {c} out of bounds"));
        }
    }
    p
}

fn valid_name(v: &Value) -> bool {
    let Some(name) = v.as_str() else { return false };
    let n = name.chars().count();
    (1..=32).contains(&n)
        && name
            .chars()
            .all(|c| c == '-' || c == '_' || c.is_alphanumeric())
        && name.to_lowercase() == name
}

/// Discord's rules for a command's (or subcommand's) value options.
fn check_options(name: &str, options: &[Value], p: &mut Vec<String>) {
    if options.len() > 25 {
        p.push(format!("{name}: more than 25 options"));
    }
    let mut seen_optional = false;
    let mut option_names = HashSet::new();
    for o in options {
        let oname = o["name"].as_str().unwrap_or_default();
        if !valid_name(&o["name"]) || !option_names.insert(oname.to_string()) {
            p.push(format!("{name}: option name {oname:?}"));
        }
        if !(1..=100).contains(&len(&o["description"])) {
            p.push(format!("{name}.{oname}: description length"));
        }
        let kind = o["type"].as_u64().unwrap_or(0);
        if !(3..=11).contains(&kind) {
            p.push(format!("{name}.{oname}: type {kind}"));
        }
        let required = o["required"].as_bool().unwrap_or(false);
        if required && seen_optional {
            p.push(format!("{name}.{oname}: required after optional"));
        }
        seen_optional |= !required;
        if let Some(max) = o.get("max_length").and_then(Value::as_u64)
            && (kind != 3 || !(1..=6000).contains(&max))
        {
            p.push(format!("{name}.{oname}: max_length"));
        }
        if let (Some(lo), Some(hi)) = (o["min_value"].as_i64(), o["max_value"].as_i64())
            && lo > hi
        {
            p.push(format!("{name}.{oname}: min_value > max_value"));
        }
        if o["autocomplete"].as_bool() == Some(true)
            && (o.get("choices").is_some() || !matches!(kind, 3 | 4 | 10))
        {
            p.push(format!("{name}.{oname}: autocomplete"));
        }
    }
}

/// Discord's command registration rules.
pub fn check_commands(body: &Value) -> Vec<String> {
    let Some(commands) = body.as_array() else {
        return vec!["body must be an array of commands".into()];
    };
    let mut p = Vec::new();
    let mut names = HashSet::new();
    for c in commands {
        let name = c["name"].as_str().unwrap_or_default();
        // 1 slash command (the default), 2 user menu, 3 message menu.
        let kind = c.get("type").map_or(Some(1), Value::as_u64);
        let menu = matches!(kind, Some(2 | 3));
        if !matches!(kind, Some(1..=3)) {
            p.push(format!("{name}: command type {kind:?}"));
        }
        let name_ok = if menu {
            // Context-menu names may have capitals and spaces.
            (1..=32).contains(&name.chars().count()) && name.trim() == name
        } else {
            valid_name(&c["name"])
        };
        if !name_ok {
            p.push(format!("command name {name:?}"));
        }
        // Names are unique per type.
        if !names.insert(format!("{kind:?}/{name}")) {
            p.push(format!("command {name} twice"));
        }
        if menu {
            if len(&c["description"]) != 0 {
                p.push(format!(
                    "{name}: a context-menu command's description must be empty"
                ));
            }
            if c.get("options").is_some_and(|o| !o.is_null()) {
                p.push(format!("{name}: a context-menu command takes no options"));
            }
        } else if !(1..=100).contains(&len(&c["description"])) {
            p.push(format!("{name}: description length"));
        }
        if let Some(perms) = c.get("default_member_permissions")
            && !perms.is_null()
            && !perms
                .as_str()
                .is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        {
            p.push(format!(
                "{name}: default_member_permissions must be a string of digits"
            ));
        }
        let options = c["options"].as_array().cloned().unwrap_or_default();
        let subcommands = options
            .iter()
            .filter(|o| matches!(o["type"].as_u64(), Some(1 | 2)))
            .count();
        if subcommands > 0 && subcommands != options.len() {
            p.push(format!("{name}: subcommands mixed with other options"));
        }
        if subcommands > 0 {
            for sub in &options {
                let sname = sub["name"].as_str().unwrap_or_default();
                if !valid_name(&sub["name"]) || !(1..=100).contains(&len(&sub["description"])) {
                    p.push(format!("{name}.{sname}: subcommand name or description"));
                }
                if sub
                    .get("required")
                    .is_some_and(|r| r.as_bool() == Some(true))
                {
                    p.push(format!("{name}.{sname}: a subcommand cannot be required"));
                }
                let nested = sub["options"].as_array().cloned().unwrap_or_default();
                check_options(&format!("{name}.{sname}"), &nested, &mut p);
            }
        } else {
            check_options(name, &options, &mut p);
        }
    }
    p
}

/// What Discord answers a registration with: the commands, with ids and versions.
fn registered(body: &Value, guild: Option<String>) -> Value {
    let commands = body.as_array().cloned().unwrap_or_default();
    Value::Array(
        commands
            .into_iter()
            .enumerate()
            .map(|(i, mut c)| {
                c["id"] = json!(format!("81000000000000000{i}"));
                c["application_id"] = json!(APPLICATION_ID.to_string());
                c["version"] = json!("1");
                c["type"] = c.get("type").cloned().unwrap_or(json!(1));
                c["guild_id"] = guild.clone().map_or(Value::Null, Value::String);
                if c.get("default_member_permissions").is_none() {
                    c["default_member_permissions"] = Value::Null;
                }
                c
            })
            .collect(),
    )
}

async fn gateway_connection(stream: tokio::net::TcpStream, shared: Arc<Shared>) {
    let Ok(ws) = tokio_tungstenite::accept_async(stream).await else {
        return;
    };
    let (mut tx, mut rx) = ws.split();
    let (control_tx, mut control_rx) = mpsc::unbounded_channel();
    if let Ok(mut gw) = shared.gateway.lock() {
        gw.connections.push(control_tx.clone());
    }
    let hello = json!({"op": 10, "d": {"heartbeat_interval": shared.heartbeat_ms}}).to_string();
    if tx.send(Message::Text(hello)).await.is_err() {
        return;
    }
    loop {
        tokio::select! {
            incoming = rx.next() => {
                let Some(Ok(Message::Text(text))) = incoming else {
                    match incoming {
                        Some(Ok(_)) => continue,
                        _ => break,
                    }
                };
                let Ok(frame) = serde_json::from_str::<Value>(&text) else { continue };
                let reply = match frame["op"].as_u64() {
                    Some(1) => {
                        if let Ok(mut gw) = shared.gateway.lock() {
                            gw.heartbeats += 1;
                        }
                        Some(json!({"op": 11}))
                    }
                    Some(2) => {
                        let token = frame["d"]["token"].as_str().unwrap_or_default();
                        if token.trim_start_matches("Bot ") != shared.token {
                            let _ = tx.send(Message::Close(Some(tokio_tungstenite::tungstenite::protocol::CloseFrame {
                                code: 4004u16.into(),
                                reason: "Authentication failed.".into(),
                            }))).await;
                            break;
                        }
                        let mut gw = shared.gateway.lock().unwrap_or_else(|e| e.into_inner());
                        gw.identifies += 1;
                        let session = format!("session-{}", gw.identifies);
                        gw.sessions.insert(session.clone());
                        gw.seq += 1;
                        gw.live.push(control_tx.clone());
                        Some(json!({"op": 0, "t": "READY", "s": gw.seq, "d": {
                            "v": 10,
                            "user": {"id": BOT_USER_ID.to_string(), "username": "citebot", "discriminator": "0", "avatar": null, "bot": true, "global_name": null},
                            "guilds": [{"id": GUILD_ID.to_string(), "unavailable": true}],
                            "session_id": session,
                            "resume_gateway_url": shared.gateway_url,
                            "shard": [0, 1],
                            "application": {"id": APPLICATION_ID.to_string(), "flags": 0}
                        }}))
                    }
                    Some(6) => {
                        let mut gw = shared.gateway.lock().unwrap_or_else(|e| e.into_inner());
                        let known = frame["d"]["session_id"].as_str().is_some_and(|s| gw.sessions.contains(s));
                        if known {
                            gw.resumes += 1;
                            gw.seq += 1;
                            gw.live.push(control_tx.clone());
                            Some(json!({"op": 0, "t": "RESUMED", "s": gw.seq, "d": {}}))
                        } else {
                            Some(json!({"op": 9, "d": false}))
                        }
                    }
                    _ => None,
                };
                if let Some(reply) = reply
                    && tx.send(Message::Text(reply.to_string())).await.is_err()
                {
                    break;
                }
            }
            control = control_rx.recv() => match control {
                Some(Control::Send(frame)) => {
                    if tx.send(Message::Text(frame)).await.is_err() {
                        break;
                    }
                }
                // No close frame: the socket just goes, as when a network fails.
                Some(Control::Drop) | None => return,
            }
        }
    }
}
