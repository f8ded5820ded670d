//! Start-up: `citebot ask "/quote nato"` end to end on an index already built, on the bundled
//! article and on the 100,000-paragraph library, with the peak resident memory of the process.
//! Run with `cargo bench --bench startup`.

mod support;

use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};

/// Runs `citebot ask "/quote nato"` once; returns its peak RSS in KiB.
fn ask(library: &Path) -> u64 {
    support::run_citebot(library, &["ask", "--json", "/quote nato"])
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
