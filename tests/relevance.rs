//! Ranking quality on a labelled set of queries: the mean reciprocal rank is printed and must
//! stay above a floor. Run with `cargo test --test relevance -- --nocapture` to see the table.

mod common;

use std::collections::BTreeMap;

use citebot::search::Request;
use serde::Deserialize;

#[derive(Deserialize)]
struct Set {
    query: Vec<Labelled>,
}

#[derive(Deserialize)]
struct Labelled {
    q: String,
    kind: String,
    expect: Vec<usize>,
}

/// Hits looked at per query.
const DEPTH: usize = 10;

/// Set just under what the ranking measured when the set was written (see the README), so a
/// change that makes ranking worse fails here.
const MRR_FLOOR: f64 = 0.95;

#[test]
fn mean_reciprocal_rank_stays_above_the_floor() {
    let set: Set =
        toml::from_str(include_str!("data/relevance.toml")).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        set.query.len() >= 40,
        "the set must hold at least 40 queries"
    );
    let engine = common::engine();

    let mut by_kind: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    let mut misses = Vec::new();
    for labelled in &set.query {
        let results = engine
            .search(Request {
                query: &labelled.q,
                doc: None,
                offset: 0,
                limit: DEPTH,
                owners: None,
            })
            .unwrap_or_else(|e| panic!("{}: {e}", labelled.q));
        let ranks: Vec<usize> = results.hits.iter().map(|h| h.paragraph).collect();
        let rr = if labelled.expect.is_empty() {
            if ranks.is_empty() { 1.0 } else { 0.0 }
        } else {
            ranks
                .iter()
                .position(|p| labelled.expect.contains(p))
                .map_or(0.0, |i| 1.0 / (i + 1) as f64)
        };
        if rr < 1.0 {
            misses.push(format!(
                "  {:<48} expected {:?}, got {:?} (RR {rr:.2})",
                labelled.q, labelled.expect, ranks
            ));
        }
        by_kind.entry(labelled.kind.as_str()).or_default().push(rr);
    }

    let all: Vec<f64> = by_kind.values().flatten().copied().collect();
    let mrr = all.iter().sum::<f64>() / all.len() as f64;
    println!(
        "relevance: {} queries, MRR {mrr:.3} (floor {MRR_FLOOR})",
        all.len()
    );
    for (kind, rrs) in &by_kind {
        println!(
            "  {kind:<10} {:>2} queries  MRR {:.3}",
            rrs.len(),
            rrs.iter().sum::<f64>() / rrs.len() as f64
        );
    }
    if !misses.is_empty() {
        println!("not ranked first:\n{}", misses.join("\n"));
    }
    assert!(mrr >= MRR_FLOOR, "MRR {mrr:.3} fell below {MRR_FLOOR}");
}
