//! Start-up: `citebot ask "/quote nato"` end to end on an index already built, on the bundled
//! article and on the 100,000-paragraph library, with the peak resident memory of the process.
//! Run with `cargo bench --bench startup`.

mod support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

const BIN: &str = env!("CARGO_BIN_EXE_citebot");

/// Runs `citebot ask` once; returns its peak resident set size in KiB.
#[expect(
    clippy::zombie_processes,
    reason = "reaped by wait4 below, which also reports its rusage"
)]
fn ask(library: &Path) -> u64 {
    let child = Command::new(BIN)
        .arg("--library")
        .arg(library)
        .args(["ask", "--json", "/quote nato"])
        .env("CITEBOT_CONFIG", "/dev/null")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it for our own child, which we reap here.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(reaped, pid, "wait4 failed");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "citebot ask failed"
    );
    // Linux reports ru_maxrss in KiB.
    usage.ru_maxrss as u64
}

fn startup(c: &mut Criterion) {
    for (label, dir, runs) in [
        ("bundled", support::bundled_dir(), 50),
        ("100k", support::large_library_dir(), 10),
    ] {
        ask(&dir); // builds the index once, so the runs below measure a warm start
        let mut peak = 0;
        support::percentiles(
            &format!("{label}/citebot ask (start-up to answer)"),
            runs,
            || {
                peak = peak.max(ask(&dir));
            },
        );
        println!(
            "{:<44} peak RSS {:.1} MiB",
            format!("{label}/citebot ask"),
            peak as f64 / 1024.0
        );
        let mut group = c.benchmark_group(label);
        group
            .sample_size(10)
            .measurement_time(Duration::from_secs(if label == "100k" { 20 } else { 5 }));
        group.bench_function("citebot ask (start-up to answer)", |b| b.iter(|| ask(&dir)));
        group.finish();
    }
}

criterion_group!(benches, startup);
criterion_main!(benches);
