//! Shared by the benchmarks: the generated library, and latency percentiles of single calls
//! (criterion's estimates are of the mean per iteration; a p99 needs each call timed alone).

#![allow(dead_code)]

#[path = "../../tests/common/synth.rs"]
pub mod synth;

#[path = "../../tests/common/signing.rs"]
pub mod signing;

use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Paragraphs in the large generated library: 100 documents of 1,000.
pub const LARGE_DOCS: usize = 100;
pub const LARGE_PARAGRAPHS_EACH: usize = 1000;

/// The large library, generated once per machine into target/ and reused across runs.
pub fn large_library_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-library-100k");
    let marker = dir.join(".complete");
    if !marker.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        synth::write_library(&dir, LARGE_DOCS, LARGE_PARAGRAPHS_EACH, 42);
        std::fs::write(&marker, b"").unwrap_or_else(|e| panic!("{e}"));
    }
    dir
}

/// The scale library: 1,000 servers × 10 documents × 100 paragraphs, and the bundled article
/// as the host's document. Generated once per machine into target/ (about 450 MB).
pub const SCALE_SERVERS: usize = 1000;
pub const SCALE_DOCS: usize = 10;
pub const SCALE_PARAGRAPHS_EACH: usize = 100;

pub fn scale_library_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-library-1m");
    let marker = dir.join(".complete");
    if !marker.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        synth::write_servers(&dir, SCALE_SERVERS, SCALE_DOCS, SCALE_PARAGRAPHS_EACH, 7);
        std::fs::write(&marker, b"").unwrap_or_else(|e| panic!("{e}"));
    }
    dir
}

/// Runs `citebot --library <library> <args…>` once, with the default configuration, and
/// returns its peak resident set size in KiB. Panics if it fails.
#[expect(
    clippy::zombie_processes,
    reason = "reaped by wait4 below, which also reports its rusage"
)]
pub fn run_citebot(library: &std::path::Path, args: &[&str]) -> u64 {
    use std::process::{Command, Stdio};
    let child = Command::new(env!("CARGO_BIN_EXE_citebot"))
        .arg("--library")
        .arg(library)
        .args(args)
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
        "citebot {args:?} failed"
    );
    // Linux reports ru_maxrss in KiB.
    usage.ru_maxrss as u64
}

pub fn bundled_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("index")
}

/// Times `f` alone `runs` times (after `runs / 10` warm-up calls) and prints the median and
/// the 99th percentile, one line, for the README.
pub fn percentiles(name: &str, runs: usize, mut f: impl FnMut()) -> (Duration, Duration) {
    for _ in 0..runs / 10 {
        f();
    }
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    let p99 = times[(times.len() * 99 / 100).min(times.len() - 1)];
    println!(
        "{name:<44} median {:>10}  p99 {:>10}  ({runs} runs)",
        fmt(median),
        fmt(p99)
    );
    (median, p99)
}

pub fn fmt(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us < 1000.0 {
        format!("{us:.1} µs")
    } else if us < 1e6 {
        format!("{:.2} ms", us / 1000.0)
    } else {
        format!("{:.2} s", us / 1e6)
    }
}
