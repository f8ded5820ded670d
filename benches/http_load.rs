//! Load on the HTTP interactions endpoint: signed `/quote` requests over loopback to the real
//! `citebot serve-http`, at a few concurrency levels, each bounded in count and time. Reports
//! requests per second and p50/p99 latency. Run with `cargo bench --bench http_load`.
//!
//! The client runs on the same machine as the server, so the figures include its share of the
//! CPU: they are a floor for what the endpoint does on its own.

mod support;

use support::signing;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;

/// Concurrency levels, and the bounds of each run.
const LEVELS: [usize; 4] = [1, 4, 16, 64];
const MAX_REQUESTS: usize = 20_000;
const MAX_TIME: Duration = Duration::from_secs(10);

const QUERIES: [&str; 6] = [
    "nato",
    "what did Putin offer Trump",
    "\"hot peace\"",
    "china AND sanctions",
    "Zelenksy",
    "detente",
];

struct Signed {
    body: Vec<u8>,
    signature: String,
    timestamp: String,
}

fn main() {
    // `cargo bench` passes --bench; a plain `cargo test --benches` must not start a load run.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let mut server = Command::new(env!("CARGO_BIN_EXE_citebot"))
        .arg("--library")
        .arg(support::bundled_dir())
        .args(["serve-http", "--bind", "127.0.0.1:0"])
        .env("DISCORD_PUBLIC_KEY", signing::public_key_hex())
        .env("DISCORD_TOKEN", "load-test")
        .env("DISCORD_API_BASE", "http://127.0.0.1:9")
        .env("CITEBOT_CONFIG", "/dev/null")
        .env("RUST_LOG", "off")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let mut line = String::new();
    let mut stdout = BufReader::new(server.stdout.take().unwrap_or_else(|| panic!("no stdout")));
    stdout
        .read_line(&mut line)
        .unwrap_or_else(|e| panic!("{e}"));
    let url = line
        .trim()
        .trim_start_matches("citebot: listening on ")
        .to_string();

    let timestamp = signing::now().to_string();
    // Signed once each: the endpoint checks the timestamp's age, not its uniqueness, so a run
    // measures the server's verification, not the client's signing.
    let requests: Arc<Vec<Signed>> = Arc::new(
        QUERIES
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let body = json!({
                    "id": format!("{}", 1_000 + i), "application_id": "2", "type": 2, "token": format!("t{i}"), "version": 1,
                    "channel_id": "3", "guild_id": "4", "locale": "en-US", "entitlements": [], "attachment_size_limit": 1,
                    "member": {"permissions": "0", "user": {"id": "5", "username": "u"}},
                    "data": {"id": "6", "name": "quote", "type": 1, "options": [{"name": "query", "type": 3, "value": q}]}
                })
                .to_string()
                .into_bytes();
                let signature = signing::sign_with(&signing::key(), &timestamp, &body);
                Signed { body, signature, timestamp: timestamp.clone() }
            })
            .collect(),
    );

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap_or_else(|e| panic!("{e}"));
    runtime.block_on(async {
        let client = reqwest::Client::builder().pool_max_idle_per_host(128).build().unwrap_or_else(|e| panic!("{e}"));
        let health = url.replace("/interactions", "/healthz");
        while client.get(&health).send().await.map(|r| r.status().as_u16()).unwrap_or(0) != 200 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        println!("signed /quote over loopback to citebot serve-http ({} queries, bounded to {MAX_REQUESTS} requests or {} s per level)", QUERIES.len(), MAX_TIME.as_secs());
        for concurrency in LEVELS {
            let started = Instant::now();
            let issued = Arc::new(std::sync::atomic::AtomicUsize::new(0));
            let mut workers = Vec::new();
            for _ in 0..concurrency {
                let (client, url, requests, issued) = (client.clone(), url.clone(), Arc::clone(&requests), Arc::clone(&issued));
                workers.push(tokio::spawn(async move {
                    let mut latencies = Vec::new();
                    let mut failures = 0usize;
                    loop {
                        let n = issued.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if n >= MAX_REQUESTS || started.elapsed() > MAX_TIME {
                            break;
                        }
                        let r = &requests[n % requests.len()];
                        let sent = Instant::now();
                        let ok = client
                            .post(&url)
                            .header("Content-Type", "application/json")
                            .header("X-Signature-Ed25519", &r.signature)
                            .header("X-Signature-Timestamp", &r.timestamp)
                            .body(r.body.clone())
                            .send()
                            .await
                            .map(|resp| resp.status().is_success())
                            .unwrap_or(false);
                        latencies.push(sent.elapsed());
                        failures += usize::from(!ok);
                    }
                    (latencies, failures)
                }));
            }
            let mut latencies = Vec::new();
            let mut failures = 0;
            for w in workers {
                if let Ok((l, f)) = w.await {
                    latencies.extend(l);
                    failures += f;
                }
            }
            let elapsed = started.elapsed();
            latencies.sort();
            let pick = |q: f64| latencies.get(((latencies.len() as f64 * q) as usize).min(latencies.len().saturating_sub(1))).copied().unwrap_or_default();
            println!(
                "concurrency {concurrency:>3}: {:>6} requests in {:.2} s = {:>7.0} req/s   p50 {:>9}   p99 {:>9}   failures {failures}",
                latencies.len(),
                elapsed.as_secs_f64(),
                latencies.len() as f64 / elapsed.as_secs_f64(),
                support::fmt(pick(0.50)),
                support::fmt(pick(0.99)),
            );
        }
    });
    let _ = server.kill();
    let _ = server.wait();
}
