//! The HTTP interactions endpoint, through real HTTP on loopback with requests signed by a test
//! Ed25519 key, as Discord signs them. Pinning goes to the fake Discord's REST API.

mod common;
mod fake_discord;

use std::io::Write;
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

use common::signing::{headers as signed_headers, key, now, public_key_hex, sign_with};
use ed25519_dalek::SigningKey;
use fake_discord::*;
use serde_json::json;

use common::endpoint::{Server, TOKEN, exchange, http_get, post, post_raw, read_response};

#[tokio::test(flavor = "multi_thread")]
async fn ping_is_answered_with_pong() {
    let fake = Fake::start(TOKEN).await;
    let server = Server::start(&fake.rest_base);
    let (status, answer) = post(
        &server,
        &json!({"id": "1", "type": 1, "token": "t", "application_id": "2", "version": 1}),
    );
    assert_eq!(status, 200);
    assert_eq!(answer, json!({"type": 1}));
}

#[tokio::test(flavor = "multi_thread")]
async fn quote_is_answered_in_the_body_with_cited_embeds() {
    let fake = Fake::start(TOKEN).await;
    let server = Server::start(&fake.rest_base);
    let (status, answer) = post(
        &server,
        &fake.command("quote", &[("query", json!("nato"))], 0),
    );
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["type"], 4);
    assert_eq!(check_message(&answer["data"]), Vec::<String>::new());
    let embed = &answer["data"]["embeds"][0];
    assert!(
        embed["title"]
            .as_str()
            .is_some_and(|t| t.starts_with("¶23 · Europe’s Call for Action"))
    );
    assert!(
        embed["footer"]["text"]
            .as_str()
            .is_some_and(|f| f.contains("Oleksandra Zadesenets"))
    );
    assert!(
        embed["url"]
            .as_str()
            .is_some_and(|u| u.contains("#:~:text="))
    );
    assert_eq!(answer["data"]["allowed_mentions"], json!({"parse": []}));
}

#[tokio::test(flavor = "multi_thread")]
async fn check_quote_is_answered_in_the_body_like_the_gateway() {
    let fake = Fake::start(TOKEN).await;
    let server = Server::start(&fake.rest_base);
    let (status, answer) = post(&server, &fake.message_command("Check quote", MISQUOTE, 0));
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["type"], 4);
    let data = &answer["data"];
    assert_eq!(check_message(data), Vec::<String>::new());
    assert_eq!(data["flags"], 64);
    assert_eq!(data["allowed_mentions"], json!({"parse": []}));
    let embed = &data["embeds"][0];
    assert!(
        embed["title"]
            .as_str()
            .is_some_and(|t| t.contains("Altered · ¶6")),
        "{embed}"
    );
    let description = embed["description"].as_str().unwrap_or_default();
    assert!(
        description.contains("~~recognises~~ **does not recognise**"),
        "{description}"
    );
    assert!(description.contains("changes a negation"), "{description}");
    assert!(
        embed["url"]
            .as_str()
            .is_some_and(|u| u.contains("#:~:text=")),
        "{embed}"
    );
}

/// A configuration that lets fetches reach the loopback page server as `pages.test`.
fn pages_config(dir: &std::path::Path) -> String {
    let path = dir.join("citebot.toml");
    std::fs::write(
        &path,
        "[fetch]\ntest_hosts = { \"pages.test\" = \"127.0.0.1\" }\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    path.to_string_lossy().to_string()
}

/// `/quote query` through `server`, as a member of `guild`: the passages shown.
fn quote_in(fake: &Fake, server: &Server, guild: u64, query: &str) -> usize {
    let mut interaction = fake.command("quote", &[("query", json!(query))], 0);
    interaction["guild_id"] = json!(guild.to_string());
    let (_, answer) = post(server, &interaction);
    answer["data"]["embeds"].as_array().map_or(0, |e| e.len())
}

#[tokio::test(flavor = "multi_thread")]
async fn library_add_is_deferred_then_live_on_every_replica_of_a_shared_folder() {
    let pages = common::pages::start().await;
    let fake = Fake::start(TOKEN).await;
    let library = common::library_dir_with(&[]);
    let config_dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let config = pages_config(config_dir.path());
    let env = [("CITEBOT_CONFIG", config.as_str())];
    let start = || {
        Server::start_with(common::endpoint::Options {
            api_base: &fake.rest_base,
            library: Some(library.path()),
            env: &env,
            ..common::endpoint::Options::default()
        })
    };
    let (first, second) = (start(), start());

    let add = fake.subcommand_in(
        GUILD_ID,
        "library",
        "add",
        &[
            ("url", json!(pages.url("/notes.md"))),
            ("author", json!("A. Reader")),
        ],
        &[],
        MANAGE_GUILD,
    );
    let token = format!("token-{}", add["id"].as_str().unwrap_or_default());
    let (status, ack) = post(&first, &add);
    assert_eq!(status, 200, "{ack}");
    assert_eq!(ack["type"], 4, "Importing…, then edited: {ack}");
    assert_eq!(ack["data"]["flags"], 64);
    assert!(
        ack["data"]["content"]
            .as_str()
            .is_some_and(|c| c.starts_with("Importing <http") && c.contains("/notes.md>")),
        "{ack}"
    );
    let edit = fake
        .wait_for("the edited answer", |c| {
            c.method == "PATCH" && c.path.contains(&token)
        })
        .await;
    assert_eq!(check_message(&edit.body), Vec::<String>::new());
    let embed = &edit.body["embeds"][0];
    assert!(
        embed["title"]
            .as_str()
            .is_some_and(|t| t.contains("Reading Notes")),
        "{}",
        edit.body
    );
    assert!(
        embed["fields"]
            .as_array()
            .is_some_and(|f| f.iter().any(|f| f["value"] == "A. Reader")),
        "the author given overrides the page's: {embed}"
    );
    // Live at once on the replica that added it, within 5 s on the other; never in another
    // server.
    assert_eq!(quote_in(&fake, &first, GUILD_ID, "moraines"), 1);
    let started = Instant::now();
    while quote_in(&fake, &second, GUILD_ID, "moraines") == 0 {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the other replica never saw it"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(quote_in(&fake, &second, OTHER_GUILD_ID, "moraines"), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn forged_and_stale_requests_are_refused_with_401() {
    let fake = Fake::start(TOKEN).await;
    let server = Server::start(&fake.rest_base);
    let body = fake
        .command("quote", &[("query", json!("nato"))], 0)
        .to_string()
        .into_bytes();
    let timestamp = now().to_string();
    let good = sign_with(&key(), &timestamp, &body);

    // A tampered body under the original signature.
    let mut tampered = body.clone();
    let last = tampered.len() - 2;
    tampered[last] = b' ';
    type Headers = Vec<(&'static str, String)>;
    let cases: Vec<(&str, Headers, Vec<u8>)> = vec![
        (
            "tampered body",
            vec![
                ("X-Signature-Ed25519", good.clone()),
                ("X-Signature-Timestamp", timestamp.clone()),
            ],
            tampered,
        ),
        (
            "another key",
            vec![
                (
                    "X-Signature-Ed25519",
                    sign_with(&SigningKey::from_bytes(&[9u8; 32]), &timestamp, &body),
                ),
                ("X-Signature-Timestamp", timestamp.clone()),
            ],
            body.clone(),
        ),
        ("no headers", vec![], body.clone()),
        (
            "no signature",
            vec![("X-Signature-Timestamp", timestamp.clone())],
            body.clone(),
        ),
        (
            "no timestamp",
            vec![("X-Signature-Ed25519", good.clone())],
            body.clone(),
        ),
        (
            "signature not hex",
            vec![
                ("X-Signature-Ed25519", "zz".repeat(64)),
                ("X-Signature-Timestamp", timestamp.clone()),
            ],
            body.clone(),
        ),
        (
            "signed for another time",
            vec![
                ("X-Signature-Ed25519", good.clone()),
                ("X-Signature-Timestamp", (now() - 1).to_string()),
            ],
            body.clone(),
        ),
    ];
    for (what, headers, body) in cases {
        assert_eq!(post_raw(&server, &headers, &body).0, 401, "{what}");
    }
    for (what, when) in [("stale", now() - 400), ("from the future", now() + 400)] {
        let ts = when.to_string();
        let headers = vec![
            ("X-Signature-Ed25519", sign_with(&key(), &ts, &body)),
            ("X-Signature-Timestamp", ts),
        ];
        assert_eq!(post_raw(&server, &headers, &body).0, 401, "{what}");
    }
    // The same request, properly signed, goes through.
    assert_eq!(
        post_raw(
            &server,
            &[
                ("X-Signature-Ed25519", good),
                ("X-Signature-Timestamp", timestamp)
            ],
            &body
        )
        .0,
        200
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_oversized_body_is_refused_with_413() {
    let fake = Fake::start(TOKEN).await;
    let server = Server::start(&fake.rest_base);
    let big = vec![b'x'; 70 * 1024];
    let (status, _) = post_raw(&server, &signed_headers(&big), &big);
    assert_eq!(status, 413);

    // Without a declared length (chunked), refused once the cap is passed.
    let addr = server.addr();
    let timestamp = now().to_string();
    let mut request = format!(
        "POST /interactions HTTP/1.1\r\nHost: {addr}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\nX-Signature-Ed25519: {}\r\nX-Signature-Timestamp: {timestamp}\r\n\r\n",
        "00".repeat(64)
    )
    .into_bytes();
    for _ in 0..70 {
        request.extend_from_slice(format!("{:x}\r\n", 1024).as_bytes());
        request.extend_from_slice(&[b'y'; 1024]);
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(b"0\r\n\r\n");
    assert_eq!(exchange(&addr, &request).0, 413);
}

#[tokio::test(flavor = "multi_thread")]
async fn junk_json_under_a_valid_signature_is_400() {
    let fake = Fake::start(TOKEN).await;
    let server = Server::start(&fake.rest_base);
    for junk in [&b"not json at all"[..], b"{\"type\": \"ping\"}", b"[]", b""] {
        assert_eq!(
            post_raw(&server, &signed_headers(junk), junk).0,
            400,
            "{}",
            String::from_utf8_lossy(junk)
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn section_autocomplete_offers_choices() {
    let fake = Fake::start(TOKEN).await;
    let server = Server::start(&fake.rest_base);
    for (typed, expect) in [("", 5), ("eu", 1), ("2", 1), ("tr", 2)] {
        let (status, answer) = post(&server, &fake.autocomplete("summary", "section", typed));
        assert_eq!(status, 200);
        assert_eq!(answer["type"], 8);
        let choices = answer["data"]["choices"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert_eq!(choices.len(), expect, "{typed:?}: {choices:?}");
        assert!((1..=25).contains(&choices.len()));
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_next_page_button_updates_the_message() {
    let fake = Fake::start(TOKEN).await;
    let server = Server::start(&fake.rest_base);
    let (_, first) = post(
        &server,
        &fake.command(
            "quote",
            &[("query", json!("russia")), ("count", json!(3))],
            0,
        ),
    );
    let sent = first["data"].clone();
    let next = sent["components"][0]["components"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|b| b["label"] == "Next ▶")
        .and_then(|b| b["custom_id"].as_str())
        .unwrap_or_else(|| panic!("no next button: {sent}"))
        .to_string();
    let (status, answer) = post(&server, &fake.click(&next, &sent, 0, CHANNEL_ID));
    assert_eq!(status, 200);
    assert_eq!(answer["type"], 7);
    assert!(
        answer["data"]["content"]
            .as_str()
            .is_some_and(|c| c.contains(": 4–6 of")),
        "{}",
        answer["data"]["content"]
    );
    assert_ne!(
        answer["data"]["embeds"][0]["title"],
        sent["embeds"][0]["title"]
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn pin_defers_then_pins_over_rest() {
    let fake = Fake::start(TOKEN).await;
    let server = Server::start(&fake.rest_base);
    let interaction = fake.command("pin", &[("paragraph", json!(12))], PIN_MESSAGES);
    let token = interaction["token"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let (status, answer) = post(&server, &interaction);
    assert_eq!(status, 200);
    assert_eq!(answer, json!({"type": 5, "data": {"flags": 64}}));
    let done = fake
        .wait_for("the edited answer", |c| {
            c.method == "PATCH" && c.path.contains(&token)
        })
        .await;
    assert!(
        done.body["content"]
            .as_str()
            .is_some_and(|c| c.contains("Pinned ¶12")),
        "{}",
        done.body
    );
    assert_eq!(fake.pins().len(), 1);

    let (_, refused) = post(
        &server,
        &fake.command("pin", &[("paragraph", json!(12))], MANAGE_MESSAGES),
    );
    assert_eq!(refused["type"], 4);
    assert_eq!(refused["data"]["flags"], 64);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_trace_log_holds_neither_the_bot_token_nor_an_interaction_token() {
    let fake = Fake::start(TOKEN).await;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let log = dir.path().join("trace.log");
    let server = Server::start_logging(&fake.rest_base, Some(&log));
    let quote = fake.command("quote", &[("query", json!("nato"))], 0);
    let pin = fake.command("pin", &[("paragraph", json!(12))], PIN_MESSAGES);
    let tokens: Vec<String> = [&quote, &pin]
        .iter()
        .map(|i| i["token"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(post(&server, &quote).0, 200);
    assert_eq!(post(&server, &pin).0, 200);
    // The deferred /pin edits its answer over REST: its URL carries the interaction token.
    fake.wait_for("the edited answer", |c| {
        c.method == "PATCH" && c.path.contains(&tokens[1])
    })
    .await;
    drop(server);
    let text = std::fs::read_to_string(&log).unwrap_or_default();
    assert!(
        text.lines().count() > 20 && text.contains("TRACE"),
        "the trace log is too thin to prove anything:\n{text}"
    );
    assert!(!text.contains(TOKEN), "the bot token is in the log");
    for token in &tokens {
        assert!(
            !token.is_empty() && !text.contains(token.as_str()),
            "{token} is in the log"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn health_and_metrics() {
    let fake = Fake::start(TOKEN).await;
    let server = Server::start(&fake.rest_base);
    assert_eq!(
        http_get(&server.base, "/healthz"),
        (200, "ok\n".to_string())
    );
    let _ = post(
        &server,
        &fake.command("cite", &[("paragraph", json!(3))], 0),
    );
    let _ = post_raw(&server, &[], b"{}");
    let (status, text) = http_get(&server.base, "/metrics");
    assert_eq!(status, 200);
    assert!(
        text.contains("citebot_interactions_total{command=\"cite\",outcome=\"ok\"} 1"),
        "{text}"
    );
    assert!(
        text.contains("citebot_interactions_total{command=\"none\",outcome=\"unsigned\"} 1"),
        "{text}"
    );
    assert!(
        text.contains("citebot_interaction_duration_seconds_count 2"),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn sigterm_finishes_requests_in_flight_and_exits_within_five_seconds() {
    let fake = Fake::start(TOKEN).await;
    let mut server = Server::start(&fake.rest_base);
    let body = json!({"id": "1", "type": 1, "token": "t", "application_id": "2", "version": 1})
        .to_string()
        .into_bytes();
    let headers = signed_headers(&body);
    let addr = server.addr();
    let mut stream = TcpStream::connect(&addr).unwrap_or_else(|e| panic!("{e}"));
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap_or_default();
    let head = format!(
        "POST /interactions HTTP/1.1\r\nHost: {addr}\r\nContent-Length: {}\r\nConnection: close\r\n{}: {}\r\n{}: {}\r\n\r\n",
        body.len(),
        headers[0].0,
        headers[0].1,
        headers[1].0,
        headers[1].1
    );
    // Half a request is in flight when the signal arrives.
    stream
        .write_all(head.as_bytes())
        .unwrap_or_else(|e| panic!("{e}"));
    stream
        .write_all(&body[..body.len() / 2])
        .unwrap_or_else(|e| panic!("{e}"));
    std::thread::sleep(Duration::from_millis(200));
    let started = Instant::now();
    // SAFETY: kill(2) on our own child.
    unsafe {
        libc::kill(server.child.id() as libc::pid_t, libc::SIGTERM);
    }
    std::thread::sleep(Duration::from_millis(300));
    stream
        .write_all(&body[body.len() / 2..])
        .unwrap_or_else(|e| panic!("{e}"));
    let (status, answer) = read_response(&mut stream);
    assert_eq!(status, 200, "the request in flight was finished");
    assert_eq!(answer.trim(), "{\"type\":1}");
    loop {
        if let Ok(Some(status)) = server.child.try_wait() {
            assert_eq!(status.code(), Some(0));
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "still running 5 s after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    // No longer accepting.
    assert!(TcpStream::connect(&addr).is_err());
}

#[test]
fn a_missing_key_or_token_is_one_line_and_status_2() {
    let library = common::library_dir_with(&[]);
    let run = |env: &[(&str, &str)]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_citebot"));
        command
            .arg("--library")
            .arg(library.path())
            .args(["serve-http", "--bind", "127.0.0.1:0"])
            .env_remove("DISCORD_PUBLIC_KEY")
            .env_remove("DISCORD_TOKEN")
            .env("CITEBOT_CONFIG", "/dev/null")
            .current_dir(library.path());
        for (k, v) in env {
            command.env(k, v);
        }
        let out = command.output().unwrap_or_else(|e| panic!("{e}"));
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let key = public_key_hex();
    for (env, expect) in [
        (
            vec![("DISCORD_TOKEN", TOKEN)],
            "DISCORD_PUBLIC_KEY is not set",
        ),
        (
            vec![
                ("DISCORD_TOKEN", TOKEN),
                ("DISCORD_PUBLIC_KEY", "not-a-key"),
            ],
            "64 hexadecimal digits",
        ),
        (
            vec![("DISCORD_PUBLIC_KEY", key.as_str())],
            "DISCORD_TOKEN is not set",
        ),
    ] {
        let (code, stderr) = run(&env);
        assert_eq!(code, Some(2), "{stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
        assert!(stderr.contains(expect), "{stderr}");
    }
}
