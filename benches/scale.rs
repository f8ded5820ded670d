//! Scale: a library that grows with the servers using the bot. 1,000 servers × 10 documents ×
//! 100 paragraphs (1,000,000 paragraphs) and the bundled article as the host's document:
//!
//! - start-up to ready, as a process (`citebot ask --server …`, index already built), with its
//!   peak resident memory, and in-process (`Service::open`);
//! - `/quote` within one server: the same server again (its documents recently used) and a
//!   different server each time (its documents read from disk first);
//! - `/library add` of a 5,000-word page, from the command to searchable;
//! - the watcher's look at the folder when nothing changed (it looks every second).
//!
//! Run with `cargo bench --bench scale`. The first run generates the library into target/ and
//! builds its index, which takes minutes; later runs reuse both.

mod support;

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use citebot::library::Audience;
use citebot::service::{Options, Service};
use criterion::{Criterion, criterion_group, criterion_main};

use support::synth::FIRST_SERVER;

/// Runs `citebot ask "/quote nato"` once; returns its peak RSS in KiB.
fn ask(library: &Path, server: u64) -> u64 {
    support::run_citebot(
        library,
        &[
            "ask",
            "--server",
            &server.to_string(),
            "--json",
            "/quote nato",
        ],
    )
}

fn open(dir: &Path) -> Arc<Service> {
    Service::open(dir, Options::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .service
}

fn quote(service: &Arc<Service>, server: u64, query: &str) {
    let reply = service
        .answer_local(&format!("/quote {query}"), Audience::server(server))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(reply.is_some());
}

fn scale(c: &mut Criterion) {
    let dir = support::scale_library_dir();
    let started = Instant::now();
    ask(&dir, FIRST_SERVER); // builds the index once; later runs find it built
    println!(
        "{:<44} {}",
        "1m/first start (index built if missing)",
        support::fmt(started.elapsed())
    );

    let mut peak = 0;
    let mut server = FIRST_SERVER;
    support::percentiles("1m/citebot ask (start-up to answer)", 10, || {
        server += 1;
        peak = peak.max(ask(&dir, server));
    });
    println!(
        "{:<44} peak RSS {:.1} MiB",
        "1m/citebot ask",
        peak as f64 / 1024.0
    );

    let mut service = None;
    support::percentiles("1m/Service::open (start-up to ready)", 5, || {
        service = Some(open(&dir));
    });
    let Some(service) = service else {
        return;
    };

    // What the watcher costs each second when nothing changed.
    support::percentiles("1m/watcher's look, nothing changed", 50, || {
        service.refresh().unwrap_or_else(|e| panic!("{e}"));
    });

    let queries = ["nato", "nuclear deterrence", "Putin", "arms control treaty"];
    let mut i = 0;
    support::percentiles("1m/quote, the same server", 400, || {
        i += 1;
        quote(&service, FIRST_SERVER, queries[i % queries.len()]);
    });
    let mut s = 0;
    support::percentiles("1m/quote, another server each time", 400, || {
        s += 1;
        let server = FIRST_SERVER + 100 + (s * 7919) % (support::SCALE_SERVERS as u64 - 100);
        quote(&service, server, queries[s as usize % queries.len()]);
    });

    // SAFETY: rusage is plain data, filled in by the kernel for this process.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } == 0 {
        println!(
            "{:<44} peak RSS {:.1} MiB",
            "1m/in-process, after 800 queries in 400 servers",
            usage.ru_maxrss as f64 / 1024.0
        );
    }

    let page = tempfile::Builder::new()
        .suffix(".md")
        .tempfile()
        .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(page.path(), support::synth::page(5000, 11)).unwrap_or_else(|e| panic!("{e}"));
    let adder = FIRST_SERVER + 3;
    let mut n = 0;
    support::percentiles("1m/library add of 5,000 words, to searchable", 10, || {
        n += 1;
        let title = format!("Added live {n}");
        service
            .answer_local(
                &format!(
                    "/library add file:{} title:\"{title}\"",
                    page.path().display()
                ),
                Audience::server(adder),
            )
            .unwrap_or_else(|e| panic!("{e}"));
        let reply = service
            .answer_local(
                &format!("/quote doc:added-live-{n} nato"),
                Audience::server(adder),
            )
            .unwrap_or_else(|e| panic!("{e}"));
        let Some(citebot::commands::Reply::Quote(found)) = reply else {
            panic!("not a quote: {reply:?}");
        };
        assert!(!found.hits.is_empty(), "the added page is not searchable");
    });
    for k in 1..=n {
        let _ = service.answer_local(
            &format!("/library remove doc:added-live-{k}"),
            Audience::server(adder),
        );
    }

    let mut group = c.benchmark_group("1m");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(5));
    group.bench_function("quote, the same server", |b| {
        b.iter(|| quote(&service, FIRST_SERVER, "nato"))
    });
    group.finish();
}

criterion_group!(benches, scale);
criterion_main!(benches);
