//! The gateway bot end to end: the real binary, with the real serenity client, against the
//! fake Discord in `tests/fake_discord` on loopback.

mod common;
mod fake_discord;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fake_discord::*;
use serde_json::{Value, json};

const TOKEN: &str = "test-token.abc.def";

struct Bot {
    child: Child,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Bot {
    fn start(fake: &Fake, library: &Path, token: &str, extra: &[(&str, &str)]) -> Bot {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let log = dir.path().join("bot.log");
        let file = std::fs::File::create(&log).unwrap_or_else(|e| panic!("{e}"));
        let mut command = Command::new(env!("CARGO_BIN_EXE_citebot"));
        command
            .arg("--library")
            .arg(library)
            .arg("run")
            .env("DISCORD_TOKEN", token)
            .env("DISCORD_API_BASE", &fake.rest_base)
            .env("CITEBOT_DISCORD__GUILD_ID", GUILD_ID.to_string())
            .env("CITEBOT_CONFIG", "/dev/null")
            .env("RUST_LOG", "citebot=debug,serenity=info")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(file);
        for (k, v) in extra {
            command.env(k, v);
        }
        let child = command.spawn().unwrap_or_else(|e| panic!("{e}"));
        Bot {
            child,
            log,
            _dir: dir,
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// SIGTERM, then waits; returns how long the bot took to exit and its status.
    fn terminate(&mut self) -> (Duration, Option<i32>) {
        let started = Instant::now();
        // SAFETY: kill(2) on our own child's pid.
        unsafe {
            libc::kill(self.child.id() as libc::pid_t, libc::SIGTERM);
        }
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return (started.elapsed(), status.code());
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "the bot ignored SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits for the bot to exit by itself; returns its status and its log.
    fn wait(mut self, limit: Duration) -> (Option<i32>, String) {
        let started = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return (status.code(), self.log());
            }
            assert!(
                started.elapsed() < limit,
                "the bot did not exit in {limit:?}: {}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Bot {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A fake Discord and a bot connected to it, commands registered.
async fn connected() -> (Fake, Bot, tempfile::TempDir) {
    let fake = Fake::start(TOKEN).await;
    let library = common::library_dir_with(&[]);
    let bot = Bot::start(&fake, library.path(), TOKEN, &[]);
    fake.wait_for("command registration", |c| {
        c.method == "PUT" && c.path.ends_with("/commands")
    })
    .await;
    fake.wait_live().await;
    (fake, bot, library)
}

fn message(call: &Call) -> &Value {
    &call.body["data"]
}

/// The message an interaction was answered with: in the callback (of type `now`), or, when
/// citebot deferred it (types 5 and 6), in the edit that followed.
async fn answered(fake: &Fake, id: &str, now: u64) -> Value {
    let call = fake.callback(id).await;
    match call.body["type"].as_u64() {
        Some(5 | 6) => edited(fake, id).await,
        kind => {
            assert_eq!(kind, Some(now), "{}", call.body);
            call.body["data"].clone()
        }
    }
}

fn assert_no_mentions(calls: &[Call]) {
    for c in calls {
        let body = if c.path.contains("/callback") {
            &c.body["data"]
        } else {
            &c.body
        };
        if body.get("content").is_some() || body.get("embeds").is_some() {
            assert_eq!(
                body["allowed_mentions"],
                json!({"parse": []}),
                "{} {} allows mentions",
                c.method,
                c.path
            );
        }
    }
}

fn assert_no_rejections(fake: &Fake, bot: &Bot) {
    let rejected: Vec<String> = fake
        .calls()
        .iter()
        .filter(|c| c.status >= 400)
        .map(|c| format!("{} {} → {} {}", c.method, c.path, c.status, c.answer))
        .collect();
    assert!(
        rejected.is_empty(),
        "Discord would have rejected: {rejected:#?}\n{}",
        bot.log()
    );
}

fn buttons(message: &Value) -> Vec<(String, String)> {
    message["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .map(|b| {
            (
                b["label"].as_str().unwrap_or_default().to_string(),
                b["custom_id"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn button(message: &Value, label_starts: &str) -> String {
    buttons(message)
        .into_iter()
        .find(|(label, _)| label.starts_with(label_starts))
        .map(|(_, id)| id)
        .unwrap_or_else(|| panic!("no {label_starts:?} button in {message}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn registers_valid_commands_and_quotes_within_the_deadline() {
    let (fake, bot, _library) = connected().await;
    let registration = fake
        .wait_for("registration", |c| {
            c.method == "PUT" && c.path.ends_with("/commands")
        })
        .await;
    assert_eq!(registration.status, 200, "{}", registration.answer);
    assert_eq!(
        registration.path,
        format!("/applications/{APPLICATION_ID}/guilds/{GUILD_ID}/commands")
    );
    let names: Vec<&str> = registration
        .body
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert_eq!(
        names,
        vec![
            "quote",
            "summary",
            "cite",
            "sections",
            "pin",
            "verify",
            "library",
            "help",
            "Check quote"
        ]
    );
    let pin = registration
        .body
        .as_array()
        .into_iter()
        .flatten()
        .find(|c| c["name"] == "pin")
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        pin["default_member_permissions"], "2251799813685248",
        "Pin Messages, bit 51"
    );

    let id = fake
        .dispatch(fake.command("quote", &[("query", json!("nato"))], 0))
        .await;
    let reply = fake.callback(&id).await;
    assert_eq!(reply.status, 204, "{} — {}", reply.answer, bot.log());
    assert_eq!(reply.body["type"], 4);
    let data = message(&reply);
    assert!(data["flags"].is_null(), "results are public");
    let embeds = data["embeds"].as_array().cloned().unwrap_or_default();
    assert_eq!(embeds.len(), 3);
    assert!(
        embeds[0]["title"]
            .as_str()
            .is_some_and(|t| t.starts_with("¶23 · Europe’s Call for Action")),
        "{}",
        embeds[0]
    );
    assert!(
        embeds[0]["description"]
            .as_str()
            .is_some_and(|d| d.contains("**NATO**"))
    );
    assert!(
        embeds[0]["footer"]["text"]
            .as_str()
            .is_some_and(|f| f.contains("Human Security Centre, 1 April 2025"))
    );
    let urls: Vec<&str> = embeds.iter().filter_map(|e| e["url"].as_str()).collect();
    assert_eq!(urls.len(), 3);
    assert!(urls.iter().all(|u| u.contains("#:~:text=")));
    assert_eq!(
        urls.iter().collect::<std::collections::HashSet<_>>().len(),
        3,
        "each embed has its own URL"
    );
    assert!(buttons(data).iter().any(|(l, _)| l == "Next ▶"));
    assert_no_mentions(&fake.calls());
    assert_no_rejections(&fake, &bot);
}

#[tokio::test(flavor = "multi_thread")]
async fn check_quote_on_a_message_shows_the_verdict_the_difference_and_the_citation() {
    let (fake, bot, _library) = connected().await;
    let id = fake
        .dispatch(fake.message_command("Check quote", MISQUOTE, 0))
        .await;
    let reply = fake.callback(&id).await;
    assert_eq!(reply.status, 204, "{} — {}", reply.answer, bot.log());
    assert_eq!(reply.body["type"], 4);
    let data = message(&reply);
    assert_eq!(data["flags"], 64, "a check is shown to the one who asked");
    assert!(
        data["content"]
            .as_str()
            .is_some_and(|c| c.contains("1 altered")),
        "{data}"
    );
    let embed = &data["embeds"][0];
    let title = embed["title"].as_str().unwrap_or_default();
    assert!(title.contains("Altered · ¶6 · Trump’s New Deal"), "{title}");
    let description = embed["description"].as_str().unwrap_or_default();
    assert!(
        description.contains("The quote changes a negation"),
        "{description}"
    );
    assert!(description.contains("~~recognises~~"), "{description}");
    assert!(
        description.contains("**does not recognise**"),
        "{description}"
    );
    assert!(
        description.contains("Trump recognises Russian historical exceptionalism"),
        "the source's own words: {description}"
    );
    assert!(
        embed["url"]
            .as_str()
            .is_some_and(|u| u.contains("#:~:text=Unlike%20the%20Biden")),
        "{embed}"
    );
    assert!(
        embed["footer"]["text"]
            .as_str()
            .is_some_and(|f| f.contains("Human Security Centre, 1 April 2025")),
        "{embed}"
    );

    // The same check typed as /verify.
    let id = fake
        .dispatch(fake.command(
            "verify",
            &[(
                "text",
                json!("Both Trump and Putin see NATO as a threat to national security."),
            )],
            0,
        ))
        .await;
    let reply = fake.callback(&id).await;
    let embed = &message(&reply)["embeds"][0];
    assert!(
        embed["title"]
            .as_str()
            .is_some_and(|t| t.contains("Verbatim · ¶23")),
        "{embed}"
    );

    // A message with no words to check gets told what to do instead.
    let id = fake
        .dispatch(fake.message_command("Check quote", "", 0))
        .await;
    let reply = fake.callback(&id).await;
    let data = message(&reply);
    assert_eq!(data["flags"], 64);
    assert!(
        data["content"]
            .as_str()
            .is_some_and(|c| c.contains("/verify text:") && c.contains("Message Content intent")),
        "{data}"
    );
    assert_no_mentions(&fake.calls());
    assert_no_rejections(&fake, &bot);
}

#[tokio::test(flavor = "multi_thread")]
async fn every_command_answers_within_discords_limits() {
    let (fake, bot, _library) = connected().await;
    let commands = [
        fake.command("summary", &[], 0),
        fake.command(
            "summary",
            &[("section", json!("3")), ("sentences", json!(8))],
            0,
        ),
        fake.command("cite", &[("paragraph", json!(29))], 0),
        fake.command("sections", &[], 0),
        fake.command("help", &[], 0),
        fake.command(
            "quote",
            &[
                ("query", json!("\"hot peace\" OR *bold* <@123> @everyone")),
                ("count", json!(5)),
            ],
            0,
        ),
        fake.command("cite", &[("paragraph", json!(99))], 0),
        fake.command("summary", &[("section", json!("nowhere"))], 0),
    ];
    for interaction in commands {
        let id = fake.dispatch(interaction).await;
        let reply = fake.callback(&id).await;
        assert_eq!(reply.status, 204, "{}", reply.answer);
    }
    // Errors are ephemeral.
    let errors: Vec<Call> = fake
        .calls()
        .into_iter()
        .filter(|c| c.body["data"]["flags"] == 64)
        .collect();
    assert!(errors.len() >= 3, "help and the two errors are ephemeral");
    assert_no_mentions(&fake.calls());
    assert_no_rejections(&fake, &bot);
}

#[tokio::test(flavor = "multi_thread")]
async fn nothing_found_is_ephemeral() {
    let (fake, bot, _library) = connected().await;
    let id = fake
        .dispatch(fake.command("quote", &[("query", json!("quantum"))], 0))
        .await;
    let reply = fake.callback(&id).await;
    assert_eq!(reply.status, 204);
    assert_eq!(reply.body["type"], 4);
    assert_eq!(message(&reply)["flags"], 64, "only the asker sees it");
    let content = message(&reply)["content"].as_str().unwrap_or_default();
    assert!(
        content.contains("Nothing in the library matches"),
        "{content}"
    );
    assert!(content.contains("near"), "suggests words: {content}");
    assert_no_rejections(&fake, &bot);
}

#[tokio::test(flavor = "multi_thread")]
async fn section_autocomplete_is_filtered_by_what_is_typed() {
    let (fake, bot, _library) = connected().await;
    let choices = |reply: &Call| -> Vec<(String, String)> {
        reply.body["data"]["choices"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|c| {
                (
                    c["name"].as_str().unwrap_or_default().to_string(),
                    c["value"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect()
    };
    let id = fake
        .dispatch(fake.autocomplete("summary", "section", "eu"))
        .await;
    let reply = fake.callback(&id).await;
    assert_eq!(reply.status, 204);
    assert_eq!(reply.body["type"], 8);
    assert_eq!(
        choices(&reply),
        vec![(
            "4 · Europe’s Call for Action (¶23–¶28)".to_string(),
            "4".to_string()
        )]
    );

    let id = fake
        .dispatch(fake.autocomplete("summary", "section", ""))
        .await;
    assert_eq!(choices(&fake.callback(&id).await).len(), 5);

    let id = fake
        .dispatch(fake.autocomplete("summary", "section", "trump"))
        .await;
    let names: Vec<String> = choices(&fake.callback(&id).await)
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(names.len(), 2);
    assert!(
        names[0].starts_with("2 · Trump’s New Deal"),
        "a title starting with the text comes first: {names:?}"
    );

    let id = fake
        .dispatch(fake.autocomplete("quote", "doc", "deter"))
        .await;
    assert_eq!(
        choices(&fake.callback(&id).await)[0].1,
        "deterrence-or-detente"
    );
    assert_no_rejections(&fake, &bot);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_next_page_button_works_after_a_restart() {
    let fake = Fake::start(TOKEN).await;
    let library = common::library_dir_with(&[]);
    let mut bot = Bot::start(&fake, library.path(), TOKEN, &[]);
    fake.wait_live().await;
    let id = fake
        .dispatch(fake.command("quote", &[("query", json!("nato")), ("count", json!(2))], 0))
        .await;
    let first = fake.callback(&id).await;
    let sent = message(&first).clone();
    assert!(
        sent["content"]
            .as_str()
            .is_some_and(|c| c.contains("1–2 of 11")),
        "{}",
        sent["content"]
    );
    let next = button(&sent, "Next");

    // A new process: nothing of the first one's memory survives.
    let (took, _) = bot.terminate();
    assert!(took < Duration::from_secs(5));
    let identifies = fake.identifies();
    let bot = Bot::start(&fake, library.path(), TOKEN, &[]);
    let deadline = Instant::now() + Duration::from_secs(20);
    while fake.identifies() == identifies {
        assert!(
            Instant::now() < deadline,
            "the restarted bot never identified"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    let id = fake.dispatch(fake.click(&next, &sent, 0, CHANNEL_ID)).await;
    let reply = fake.callback(&id).await;
    assert_eq!(reply.status, 204, "{}", reply.answer);
    assert_eq!(reply.body["type"], 7, "the message is updated in place");
    let page2 = message(&reply);
    assert!(
        page2["content"]
            .as_str()
            .is_some_and(|c| c.contains("3–4 of 11")),
        "{}",
        page2["content"]
    );
    assert_ne!(page2["embeds"], sent["embeds"]);
    assert!(buttons(page2).iter().any(|(l, _)| l == "◀ Previous"));

    // A long query whose page button cannot hold it reads it back from the message.
    let long = "what did the essence of us russia tensions lie in and why does the fundamental discrepancy between putin and nato matter";
    let id = fake
        .dispatch(fake.command("quote", &[("query", json!(long)), ("count", json!(1))], 0))
        .await;
    // A long question can take longer than the 1.5 s citebot waits before deferring when the
    // machine is busy (a debug build, tests in parallel): either way the answer must come.
    let sent = answered(&fake, &id, 4).await;
    let next = button(&sent, "Next");
    assert!(next.ends_with(":~"), "{next}");
    let id = fake.dispatch(fake.click(&next, &sent, 0, CHANNEL_ID)).await;
    let page2 = answered(&fake, &id, 7).await;
    assert!(
        page2["content"]
            .as_str()
            .is_some_and(|c| c.contains(": 2–2 of")),
        "{page2}"
    );

    // A stale or malformed button is explained, to the clicker only.
    for bad in [
        "c0:page:2:3:-:nato",
        "garbage",
        "c1:page:0:3:-:nato",
        "c1:full:3:ffffffff",
    ] {
        let id = fake.dispatch(fake.click(bad, &sent, 0, CHANNEL_ID)).await;
        let reply = fake.callback(&id).await;
        assert_eq!(reply.body["type"], 4);
        assert_eq!(message(&reply)["flags"], 64, "{bad}");
    }
    assert_no_rejections(&fake, &bot);
}

#[tokio::test(flavor = "multi_thread")]
async fn pin_is_refused_without_the_permission_and_done_for_a_moderator() {
    let (fake, bot, _library) = connected().await;
    let id = fake
        .dispatch(fake.command("quote", &[("query", json!("hot peace"))], 0))
        .await;
    let sent = message(&fake.callback(&id).await).clone();
    let pin = button(&sent, "📌 Pin ¶1");

    // Manage Messages alone no longer pins (since 2026-02-23).
    let id = fake
        .dispatch(fake.click(&pin, &sent, MANAGE_MESSAGES | SEND_MESSAGES, CHANNEL_ID))
        .await;
    let refusal = fake.callback(&id).await;
    assert_eq!(refusal.body["type"], 4);
    assert_eq!(message(&refusal)["flags"], 64);
    assert!(
        message(&refusal)["content"]
            .as_str()
            .is_some_and(|c| c.contains("Pin Messages"))
    );
    assert!(fake.pins().is_empty());

    // A moderator with Pin Messages: acknowledged, posted, pinned, told.
    let id = fake
        .dispatch(fake.click(&pin, &sent, PIN_MESSAGES, CHANNEL_ID))
        .await;
    let ack = fake.callback(&id).await;
    assert_eq!(ack.body["type"], 5);
    assert_eq!(ack.body["data"]["flags"], 64);
    let done = fake
        .wait_for("the edited acknowledgement", |c| {
            c.method == "PATCH" && c.path.contains(&format!("token-{id}"))
        })
        .await;
    assert!(
        done.body["content"]
            .as_str()
            .is_some_and(|c| c.contains("Pinned ¶1")),
        "{}\n{}",
        done.body,
        bot.log()
    );
    let posted = fake
        .wait_for("the posted paragraph", |c| {
            c.method == "POST" && c.path == format!("/channels/{CHANNEL_ID}/messages")
        })
        .await;
    assert!(
        posted.body["embeds"][0]["description"]
            .as_str()
            .is_some_and(|d| d.starts_with("In February 2025"))
    );
    assert!(
        posted.body["flags"].is_null(),
        "a pinned message is a normal message"
    );
    assert_eq!(fake.pins().len(), 1);
    assert_eq!(fake.pins()[0].0, CHANNEL_ID.to_string());

    // /pin, where the bot cannot pin, or the pins are full: said exactly.
    for (channel, expect) in [
        (NO_PIN_CHANNEL, "can’t pin it"),
        (FULL_PINS_CHANNEL, "limit of pinned messages"),
    ] {
        let id = fake
            .dispatch(fake.command_in("pin", &[("paragraph", json!(8))], PIN_MESSAGES, channel))
            .await;
        assert_eq!(fake.callback(&id).await.body["type"], 5);
        let edit = fake
            .wait_for("the explanation", |c| {
                c.method == "PATCH" && c.path.contains(&format!("token-{id}"))
            })
            .await;
        assert!(
            edit.body["content"]
                .as_str()
                .is_some_and(|c| c.contains(expect)),
            "{}",
            edit.body
        );
    }
    assert_eq!(fake.pins().len(), 1);
    assert_no_mentions(&fake.calls());
}

#[tokio::test(flavor = "multi_thread")]
async fn the_trace_log_holds_neither_the_bot_token_nor_an_interaction_token() {
    let fake = Fake::start(TOKEN).await;
    let library = common::library_dir_with(&[]);
    let mut bot = Bot::start(&fake, library.path(), TOKEN, &[("RUST_LOG", "trace")]);
    fake.wait_for("command registration", |c| {
        c.method == "PUT" && c.path.ends_with("/commands")
    })
    .await;
    fake.wait_live().await;
    // IDENTIFY carried the bot token; each INTERACTION_CREATE carries an interaction token,
    // which the callback URL and the follow-up edit of a deferred /pin carry too.
    let quote = fake
        .dispatch(fake.command("quote", &[("query", json!("nato"))], 0))
        .await;
    assert_eq!(fake.callback(&quote).await.status, 204);
    let pin = fake
        .dispatch(fake.command("pin", &[("paragraph", json!(8))], PIN_MESSAGES))
        .await;
    fake.wait_for("the edited /pin answer", |c| {
        c.method == "PATCH" && c.path.contains(&format!("token-{pin}"))
    })
    .await;
    bot.terminate();
    let log = bot.log();
    assert!(
        log.contains("TRACE") && log.contains("INTERACTION_CREATE"),
        "the trace log should show the gateway frames:\n{}",
        &log[..log.len().min(2000)]
    );
    assert!(!log.contains(TOKEN), "the bot token is in the log");
    for id in [&quote, &pin] {
        let token = format!("token-{id}");
        assert!(!log.contains(&token), "{token} is in the log");
    }
    assert!(log.contains("[redacted]"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dropped_gateway_is_resumed_and_the_next_command_answered() {
    let (fake, bot, _library) = connected().await;
    // serenity keeps the session alive with heartbeats, which the fake acknowledges.
    let deadline = Instant::now() + Duration::from_secs(15);
    while fake.heartbeats() == 0 {
        assert!(Instant::now() < deadline, "no heartbeat: {}", bot.log());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let before = (fake.identifies(), fake.resumes());
    fake.drop_connections();
    let deadline = Instant::now() + Duration::from_secs(30);
    while (fake.identifies(), fake.resumes()) == before {
        assert!(
            Instant::now() < deadline,
            "serenity never reconnected: {}",
            bot.log()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let id = fake
        .dispatch(fake.command("cite", &[("paragraph", json!(12))], 0))
        .await;
    let reply = fake.callback(&id).await;
    assert_eq!(reply.status, 204);
    assert!(
        message(&reply)["embeds"][0]["title"]
            .as_str()
            .is_some_and(|t| t.starts_with("¶12"))
    );
    // serenity decides between resuming and identifying anew (after a failed heartbeat it
    // restarts the shard); either way the session is back.
    let (identifies, resumes) = (fake.identifies(), fake.resumes());
    assert!(
        identifies + resumes > before.0 + before.1,
        "{identifies} identifies, {resumes} resumes"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reconnect_request_is_resumed_through_the_tap() {
    let (fake, bot, _library) = connected().await;
    let identifies = fake.identifies();
    fake.request_reconnect();
    let deadline = Instant::now() + Duration::from_secs(30);
    while fake.resumes() == 0 {
        assert!(
            Instant::now() < deadline,
            "serenity did not resume: {}",
            bot.log()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(
        fake.identifies(),
        identifies,
        "resumed, not identified anew"
    );
    let id = fake
        .dispatch(fake.command("quote", &[("query", json!("Zelenksy"))], 0))
        .await;
    let reply = fake.callback(&id).await;
    assert!(
        message(&reply)["embeds"][0]["title"]
            .as_str()
            .is_some_and(|t| t.starts_with("¶10"))
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn sigterm_stops_the_bot_within_five_seconds() {
    let (_fake, mut bot, _library) = connected().await;
    let (took, status) = bot.terminate();
    assert!(took < Duration::from_secs(5), "took {took:?}");
    assert_eq!(status, Some(0), "{}", bot.log());
    // A clean close: serenity got its close frame answered through the tap.
    assert!(
        !bot.log().contains("error awaiting close frame"),
        "{}",
        bot.log()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_missing_or_rejected_token_is_one_line_and_status_2() {
    let library = common::library_dir_with(&[]);
    let out = Command::new(env!("CARGO_BIN_EXE_citebot"))
        .arg("--library")
        .arg(library.path())
        .arg("run")
        .env_remove("DISCORD_TOKEN")
        .env("CITEBOT_CONFIG", "/dev/null")
        .current_dir(library.path())
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("DISCORD_TOKEN is not set") && stderr.contains("citebot console"),
        "{stderr}"
    );

    let fake = Fake::start(TOKEN).await;
    let bot = Bot::start(
        &fake,
        library.path(),
        "a-wrong-token",
        &[("RUST_LOG", "off")],
    );
    let (status, log) = bot.wait(Duration::from_secs(20));
    assert_eq!(status, Some(2));
    assert_eq!(log.trim().lines().count(), 1, "{log}");
    assert!(log.contains("rejected the bot token"), "{log}");
    assert!(
        !log.contains("a-wrong-token"),
        "the token never appears in output"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unreachable_gateway_gives_up_with_a_clear_error() {
    // A port nothing listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.to_string())
        .unwrap_or_default();
    let fake = Fake::start_with(TOKEN, Some(format!("ws://{closed}"))).await;
    let library = common::library_dir_with(&[]);
    let bot = Bot::start(
        &fake,
        library.path(),
        TOKEN,
        &[
            ("CITEBOT_DISCORD__CONNECT_TIMEOUT_SECS", "3"),
            ("RUST_LOG", "off"),
        ],
    );
    let (status, log) = bot.wait(Duration::from_secs(30));
    assert_eq!(status, Some(2));
    assert_eq!(log.trim().lines().count(), 1, "{log}");
    assert!(log.contains("cannot reach the Discord gateway"), "{log}");
}

/// A configuration for the bot: pages from the loopback page server under `pages.test` (the
/// test-only host map), and room for one reading per server.
fn library_config(dir: &Path) -> PathBuf {
    let path = dir.join("citebot.toml");
    std::fs::write(
        &path,
        "[library]\nmax_documents_per_server = 1\n\n[fetch]\ntest_hosts = { \"pages.test\" = \"127.0.0.1\" }\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    path
}

/// The answer that replaced a deferred acknowledgement of interaction `id`.
async fn edited(fake: &Fake, id: &str) -> Value {
    let token = format!("token-{id}");
    fake.wait_for("the acknowledgement's edit", |c| {
        c.method == "PATCH" && c.path.contains(&token) && c.path.ends_with("/messages/@original")
    })
    .await
    .body
}

/// `/quote` in `guild`: how many passages it shows.
async fn quoted(fake: &Fake, guild: u64, query: &str) -> usize {
    let mut interaction = fake.command("quote", &[("query", json!(query))], 0);
    if guild != GUILD_ID {
        interaction["guild_id"] = json!(guild.to_string());
    }
    let id = fake.dispatch(interaction).await;
    let reply = fake.callback(&id).await;
    message(&reply)["embeds"].as_array().map_or(0, |e| e.len())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_moderator_adds_a_reading_that_only_their_server_sees() {
    let pages = common::pages::start().await;
    let fake = Fake::start(TOKEN).await;
    let library = common::library_dir_with(&[]);
    let config_dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let config = library_config(config_dir.path());
    let config = config.to_string_lossy().to_string();
    let bot = Bot::start(&fake, library.path(), TOKEN, &[("CITEBOT_CONFIG", &config)]);
    fake.wait_for("command registration", |c| {
        c.method == "PUT" && c.path.ends_with("/commands")
    })
    .await;
    let registration = fake
        .calls()
        .into_iter()
        .find(|c| c.method == "PUT" && c.path.ends_with("/commands"))
        .map(|c| c.body)
        .unwrap_or_default();
    let group = registration
        .as_array()
        .and_then(|d| d.iter().find(|c| c["name"] == "library"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(group["default_member_permissions"], "32", "Manage Server");
    assert_eq!(
        group["options"][0]["options"][0]["type"], 11,
        "file is an attachment"
    );
    assert_eq!(quoted(&fake, GUILD_ID, "emscripten").await, 0);

    // Added from an upload the fake Discord's CDN (the page server) serves.
    let upload = [(
        "file",
        "standalone-wasm.html",
        &*pages.url("/article.html"),
        "text/html; charset=utf-8",
        33_095_u64,
    )];
    let id = fake
        .dispatch(fake.subcommand_in(GUILD_ID, "library", "add", &[], &upload, MANAGE_GUILD))
        .await;
    let ack = fake.callback(&id).await;
    assert_eq!(
        ack.body["type"],
        4,
        "acknowledged: {} — {}",
        ack.body,
        bot.log()
    );
    assert_eq!(ack.body["data"]["flags"], 64, "shown to the moderator only");
    assert!(
        ack.body["data"]["content"]
            .as_str()
            .is_some_and(|c| c.starts_with("Importing ") && c.contains(".html")),
        "{}",
        ack.body
    );
    let added = edited(&fake, &id).await;
    let embed = &added["embeds"][0];
    assert!(
        embed["title"]
            .as_str()
            .is_some_and(|t| t.contains("Outside the web: standalone WebAssembly binaries")),
        "{added}\n{}",
        bot.log()
    );
    assert!(
        embed["description"]
            .as_str()
            .is_some_and(|d| d.contains("45 paragraphs")),
        "{embed}"
    );
    let cite_as = embed["fields"][0]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(cite_as.contains("doc:outside-the-web"), "{cite_as}");

    // Searchable at once in that server, never in another, whose members get no hint of it.
    assert!(quoted(&fake, GUILD_ID, "emscripten").await > 0);
    assert_eq!(quoted(&fake, OTHER_GUILD_ID, "emscripten").await, 0);
    let mut elsewhere = fake.command("quote", &[("query", json!("emscriptem"))], 0);
    elsewhere["guild_id"] = json!(OTHER_GUILD_ID.to_string());
    let id = fake.dispatch(elsewhere).await;
    let reply = fake.callback(&id).await;
    let said = message(&reply)["content"]
        .as_str()
        .unwrap_or_default()
        .to_lowercase();
    assert!(
        !said.contains("emscripten"),
        "another server's word suggested: {said}"
    );

    // Members without Manage Server are refused, whatever Discord's defaults let through.
    let id = fake
        .dispatch(fake.subcommand_in(GUILD_ID, "library", "list", &[], &[], 0))
        .await;
    let refused = fake.callback(&id).await;
    assert!(
        message(&refused)["content"]
            .as_str()
            .is_some_and(|c| c.contains("Manage Server")),
        "{}",
        refused.body
    );

    // The quota (one reading here) is reached: a clear refusal, nothing stored.
    let id = fake
        .dispatch(fake.subcommand_in(
            GUILD_ID,
            "library",
            "add",
            &[("url", json!(pages.url("/notes.md")))],
            &[],
            MANAGE_GUILD,
        ))
        .await;
    let full = edited(&fake, &id).await;
    assert!(
        full["content"]
            .as_str()
            .is_some_and(|c| c.contains("library is full: 1 of 1")),
        "{full}"
    );
    assert_eq!(quoted(&fake, GUILD_ID, "moraines").await, 0);

    // A fetch to a private address is refused the same way.
    let id = fake
        .dispatch(fake.subcommand_in(
            GUILD_ID,
            "library",
            "add",
            &[("url", json!("http://169.254.169.254/latest/meta-data/"))],
            &[],
            MANAGE_GUILD,
        ))
        .await;
    let private = edited(&fake, &id).await;
    assert!(
        private["content"]
            .as_str()
            .is_some_and(|c| c.contains("private or local address")),
        "{private}"
    );

    // Removed: gone from answers at once.
    let doc = cite_as
        .trim_matches('`')
        .trim_start_matches("doc:")
        .to_string();
    let id = fake
        .dispatch(fake.subcommand_in(
            GUILD_ID,
            "library",
            "remove",
            &[("doc", json!(doc))],
            &[],
            MANAGE_GUILD,
        ))
        .await;
    let removed = edited(&fake, &id).await;
    assert!(
        removed["content"]
            .as_str()
            .is_some_and(|c| c.contains("Removed")),
        "{removed}"
    );
    assert_eq!(quoted(&fake, GUILD_ID, "emscripten").await, 0);
    assert_no_mentions(&fake.calls());
    assert_no_rejections(&fake, &bot);
}
