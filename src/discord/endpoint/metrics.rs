//! Request counters and a latency histogram, written in the Prometheus text format for
//! `GET /metrics`. Small enough to keep here rather than pull in a metrics framework.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

/// Histogram bucket bounds, in seconds: from a fast cached answer to Discord's deadline.
const BUCKETS: [f64; 12] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
];

#[derive(Default)]
pub struct Metrics {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    /// (command, outcome) → count. Labels come from a fixed set, so this stays small.
    requests: BTreeMap<(&'static str, &'static str), u64>,
    buckets: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

impl Metrics {
    pub fn record(&self, command: &'static str, outcome: &'static str, took: Duration) {
        let Ok(mut m) = self.inner.lock() else { return };
        *m.requests.entry((command, outcome)).or_insert(0) += 1;
        let seconds = took.as_secs_f64();
        for (i, bound) in BUCKETS.iter().enumerate() {
            if seconds <= *bound {
                m.buckets[i] += 1;
            }
        }
        m.count += 1;
        m.sum += seconds;
    }

    pub fn render(&self) -> String {
        let Ok(m) = self.inner.lock() else {
            return String::new();
        };
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# HELP citebot_interactions_total Interaction requests by command and outcome."
        );
        let _ = writeln!(out, "# TYPE citebot_interactions_total counter");
        for ((command, outcome), n) in &m.requests {
            let _ = writeln!(
                out,
                "citebot_interactions_total{{command=\"{command}\",outcome=\"{outcome}\"}} {n}"
            );
        }
        let _ = writeln!(
            out,
            "# HELP citebot_interaction_duration_seconds Time from request to response."
        );
        let _ = writeln!(out, "# TYPE citebot_interaction_duration_seconds histogram");
        for (bound, n) in BUCKETS.iter().zip(m.buckets) {
            let _ = writeln!(
                out,
                "citebot_interaction_duration_seconds_bucket{{le=\"{bound}\"}} {n}"
            );
        }
        let _ = writeln!(
            out,
            "citebot_interaction_duration_seconds_bucket{{le=\"+Inf\"}} {}",
            m.count
        );
        let _ = writeln!(out, "citebot_interaction_duration_seconds_sum {}", m.sum);
        let _ = writeln!(
            out,
            "citebot_interaction_duration_seconds_count {}",
            m.count
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_buckets() {
        let m = Metrics::default();
        m.record("quote", "ok", Duration::from_micros(800));
        m.record("quote", "ok", Duration::from_millis(30));
        m.record("other", "bad_signature", Duration::from_micros(10));
        let text = m.render();
        assert!(text.contains("citebot_interactions_total{command=\"quote\",outcome=\"ok\"} 2"));
        assert!(text.contains("citebot_interaction_duration_seconds_bucket{le=\"0.001\"} 2"));
        assert!(text.contains("citebot_interaction_duration_seconds_bucket{le=\"+Inf\"} 3"));
    }
}
