//! A loopback websocket relay between serenity and Discord's gateway that hands us every
//! `INTERACTION_CREATE` payload as raw JSON.
//!
//! Why: serenity 0.12.5 deserialises a member's permissions with `from_bits_truncate`, which
//! drops Pin Messages (bit 51) — the very bit `/pin` must check since 2026-02-23 — and its event
//! handlers never see the raw payload. So serenity connects to this relay (we point its
//! `ws_url` here), the relay connects to the real gateway, and frames pass through unchanged in
//! both directions; on the way in, interaction payloads are copied out. serenity still does all
//! the gateway work: identify, heartbeats, resume, reconnect, sharding.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::io::Read;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use futures_util::{SinkExt, StreamExt};
use serde_json::Value;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::handshake::server::{Request, Response};
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;

/// How the relay's upstream connections have gone: for the start-up error when the gateway
/// cannot be reached.
#[derive(Debug, Default, Clone)]
pub struct Stats {
    pub attempts: u32,
    pub connected: u32,
    pub last_error: Option<String>,
}

pub struct Tap {
    addr: SocketAddr,
    upstream: String,
    stats: Arc<Mutex<Stats>>,
}

impl Tap {
    /// Starts relaying connections made to the returned tap's [`url`](Tap::url) to `upstream`
    /// (the gateway URL Discord gave), sending each interaction payload to `interactions`.
    pub async fn start(
        upstream: String,
        interactions: mpsc::UnboundedSender<Value>,
    ) -> std::io::Result<Tap> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let stats = Arc::new(Mutex::new(Stats::default()));
        let (up, st) = (upstream.clone(), Arc::clone(&stats));
        tokio::spawn(async move {
            loop {
                match listener.accept().await {
                    Ok((stream, _)) => {
                        tokio::spawn(relay(
                            stream,
                            up.clone(),
                            interactions.clone(),
                            Arc::clone(&st),
                        ));
                    }
                    Err(e) => tracing::warn!(error = %e, "gateway tap: accept failed"),
                }
            }
        });
        Ok(Tap {
            addr,
            upstream,
            stats,
        })
    }

    /// Where serenity should connect.
    pub fn url(&self) -> String {
        format!("ws://{}", self.addr)
    }

    pub fn upstream(&self) -> &str {
        &self.upstream
    }

    pub fn stats(&self) -> Stats {
        self.stats.lock().map(|s| s.clone()).unwrap_or_default()
    }
}

fn config() -> WebSocketConfig {
    // Gateway payloads (READY with many guilds) can be large; serenity sets no limit either.
    WebSocketConfig {
        max_message_size: None,
        max_frame_size: None,
        ..WebSocketConfig::default()
    }
}

async fn relay(
    stream: TcpStream,
    upstream: String,
    interactions: mpsc::UnboundedSender<Value>,
    stats: Arc<Mutex<Stats>>,
) {
    // serenity asks for `<tap>?v=10`; the same query goes upstream.
    let mut query = None;
    #[expect(
        clippy::result_large_err,
        reason = "tungstenite's handshake callback fixes the error type"
    )]
    let callback = |request: &Request, response: Response| {
        query = request.uri().query().map(str::to_string);
        Ok(response)
    };
    let downstream =
        match tokio_tungstenite::accept_hdr_async_with_config(stream, callback, Some(config()))
            .await
        {
            Ok(ws) => ws,
            Err(e) => {
                tracing::warn!(error = %e, "gateway tap: handshake with serenity failed");
                return;
            }
        };
    let url = upstream_url(&upstream, query.as_deref());
    if let Ok(mut s) = stats.lock() {
        s.attempts += 1;
    }
    let upstream_ws =
        match tokio_tungstenite::connect_async_with_config(url.as_str(), Some(config()), false)
            .await
        {
            Ok((ws, _)) => ws,
            Err(e) => {
                tracing::warn!(gateway = %upstream, error = %e, "cannot reach the Discord gateway");
                if let Ok(mut s) = stats.lock() {
                    s.last_error = Some(e.to_string());
                }
                // Dropping serenity's side makes it retry, as it would for a failed connect.
                return;
            }
        };
    if let Ok(mut s) = stats.lock() {
        s.connected += 1;
    }
    tracing::debug!(gateway = %upstream, "gateway tap: relaying");

    let (mut down_tx, mut down_rx) = downstream.split();
    let (mut up_tx, mut up_rx) = upstream_ws.split();
    loop {
        tokio::select! {
            from_discord = up_rx.next() => match from_discord {
                Some(Ok(message)) => {
                    let closing = matches!(message, Message::Close(_));
                    if matches!(message, Message::Text(_) | Message::Binary(_) | Message::Close(_)) {
                        if let Some(payload) = interaction_payload(&message) {
                            let _ = interactions.send(payload);
                        }
                        if down_tx.send(message).await.is_err() {
                            break;
                        }
                    }
                    if closing {
                        // Sends the close reply tungstenite queued for Discord.
                        let _ = up_tx.flush().await;
                        break;
                    }
                }
                // Discord dropped the connection: drop serenity's too, so it reconnects.
                _ => break,
            },
            from_serenity = down_rx.next() => match from_serenity {
                Some(Ok(message)) => {
                    let closing = matches!(message, Message::Close(_));
                    if matches!(message, Message::Text(_) | Message::Binary(_) | Message::Close(_))
                        && up_tx.send(message).await.is_err()
                    {
                        break;
                    }
                    if closing {
                        // Sends the close reply tungstenite queued for serenity, which waits for it.
                        let _ = down_tx.flush().await;
                        break;
                    }
                }
                _ => break,
            },
        }
    }
    // Dropping both halves ends both sockets the way the other side ended: a close frame was
    // forwarded above if there was one; a connection that just died dies on the other side too,
    // so serenity sees what Discord did and reacts as it would without us.
    drop((up_tx, down_tx));
}

/// `wss://gateway.discord.gg` + `v=10` → `wss://gateway.discord.gg/?v=10`. The request line
/// needs a path; serenity's `Url` adds the "/" itself, an `http::Uri` does not.
fn upstream_url(base: &str, query: Option<&str>) -> String {
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let mut url = base.to_string();
    if !base[authority_start..].contains('/') {
        url.push('/');
    }
    if let Some(q) = query {
        url.push(if url.contains('?') { '&' } else { '?' });
        url.push_str(q);
    }
    url
}

/// The `d` of an `INTERACTION_CREATE` dispatch, from a text frame or a zlib-compressed binary
/// one (serenity identifies with `compress: true`).
pub fn interaction_payload(message: &Message) -> Option<Value> {
    let text: Cow<'_, str> = match message {
        Message::Text(text) => Cow::Borrowed(text.as_str()),
        Message::Binary(bytes) => {
            let mut inflated = String::new();
            flate2::read::ZlibDecoder::new(bytes.as_slice())
                .read_to_string(&mut inflated)
                .ok()?;
            Cow::Owned(inflated)
        }
        _ => return None,
    };
    // Most frames are heartbeat ACKs; skip parsing those.
    if !text.contains("INTERACTION_CREATE") {
        return None;
    }
    let mut frame: Value = serde_json::from_str(&text).ok()?;
    (frame["op"] == 0 && frame["t"] == "INTERACTION_CREATE").then(|| frame["d"].take())
}

/// Remembers recent interaction ids, so an event replayed after a resume is answered once.
pub struct Seen {
    ids: VecDeque<String>,
}

impl Seen {
    const CAPACITY: usize = 4096;

    pub fn new() -> Self {
        Seen {
            ids: VecDeque::with_capacity(Self::CAPACITY),
        }
    }

    /// `true` the first time an id is seen.
    pub fn first_time(&mut self, id: &str) -> bool {
        if self.ids.iter().any(|seen| seen == id) {
            return false;
        }
        if self.ids.len() == Self::CAPACITY {
            self.ids.pop_front();
        }
        self.ids.push_back(id.to_string());
        true
    }
}

impl Default for Seen {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn finds_interactions_in_text_and_compressed_frames() {
        let frame = r#"{"op":0,"t":"INTERACTION_CREATE","s":3,"d":{"id":"1","member":{"permissions":"2251799813685248"}}}"#;
        let text = interaction_payload(&Message::Text(frame.to_string()));
        assert_eq!(
            text.as_ref().map(|d| d["member"]["permissions"].clone()),
            Some(Value::from("2251799813685248"))
        );

        let mut encoder =
            flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        let _ = encoder.write_all(frame.as_bytes());
        let compressed = encoder.finish().unwrap_or_default();
        assert_eq!(interaction_payload(&Message::Binary(compressed)), text);

        assert_eq!(
            interaction_payload(&Message::Text(r#"{"op":11}"#.into())),
            None
        );
        assert_eq!(interaction_payload(&Message::Binary(vec![1, 2, 3])), None);
    }

    #[test]
    fn upstream_urls_have_a_path() {
        assert_eq!(
            upstream_url("wss://gateway.discord.gg", Some("v=10")),
            "wss://gateway.discord.gg/?v=10"
        );
        assert_eq!(
            upstream_url("ws://127.0.0.1:9/", Some("v=10")),
            "ws://127.0.0.1:9/?v=10"
        );
        assert_eq!(
            upstream_url("wss://x.gg/gw?encoding=json", Some("v=10")),
            "wss://x.gg/gw?encoding=json&v=10"
        );
        assert_eq!(upstream_url("wss://x.gg", None), "wss://x.gg/");
    }

    #[test]
    fn replays_are_seen_once() {
        let mut seen = Seen::new();
        assert!(seen.first_time("1"));
        assert!(!seen.first_time("1"));
        assert!(seen.first_time("2"));
    }
}
