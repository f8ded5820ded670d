//! Extractive summaries: sentences taken verbatim from a section (or the whole document), chosen
//! by LexRank centrality with a redundancy check, and shown in document order.
//!
//! LexRank (Erkan & Radev, 2004): sentences are TF-IDF vectors over analysed content terms; a
//! sentence is central when it is similar to many sentences that are themselves central — the
//! stationary distribution of a random walk on the cosine-similarity graph. Everything here is
//! deterministic: the same text always yields the same summary.

use std::collections::HashMap;

use crate::analysis::{self, Stopwords};
use crate::library::{Document, Section};

/// A sentence of the summary: which paragraph, and its byte range there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    pub paragraph: usize,
    pub range: std::ops::Range<usize>,
}

/// What to summarise.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    Section(&'a Section),
    /// Every section but an "About the author" one.
    Document,
}

/// Damping of the random walk (the probability of following a similarity edge).
const DAMPING: f64 = 0.85;
const MAX_ITERATIONS: usize = 200;
const TOLERANCE: f64 = 1e-7;
/// A candidate this similar to a sentence already chosen says the same thing again.
const REDUNDANCY: f64 = 0.5;
/// Sentences with fewer content terms are fragments, not summaries.
const MIN_TERMS: usize = 5;
/// Centrality is quadratic in sentences; beyond this many, the ones nearest the scope's
/// centroid are ranked and the rest cannot be chosen. Keeps a whole-book summary in
/// milliseconds.
const MAX_CANDIDATES: usize = 300;

/// A sentence's term counts, before weighting.
struct Counted {
    paragraph: usize,
    range: std::ops::Range<usize>,
    tf: HashMap<usize, f64>,
    question: bool,
}

struct Candidate {
    paragraph: usize,
    range: std::ops::Range<usize>,
    /// Sparse TF-IDF vector, sorted by term id, unit length.
    vector: Vec<(usize, f64)>,
    terms: usize,
    question: bool,
}

/// Chooses up to `count` sentences of `scope`.
pub fn summarize(
    doc: &Document,
    scope: Scope<'_>,
    count: usize,
    stopwords: &Stopwords,
) -> Vec<Pick> {
    let mut analyzer = analysis::analyzer();
    let in_scope = |section: usize| match scope {
        Scope::Section(s) => doc
            .sections
            .get(section)
            .is_some_and(|x| x.number == s.number),
        Scope::Document => {
            let about = doc.sections.get(section).is_some_and(|x| x.is_about);
            // A document that is all "About" still gets a summary.
            !about || doc.sections.iter().all(|s| s.is_about)
        }
    };

    // Term ids and sentence term counts.
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut raw: Vec<Counted> = Vec::new();
    for p in doc.paragraphs.iter().filter(|p| in_scope(p.section)) {
        for range in &p.sentences {
            let Some(text) = p.text.get(range.clone()) else {
                continue;
            };
            let mut tf: HashMap<usize, f64> = HashMap::new();
            for token in analysis::tokens(&mut analyzer, text) {
                if stopwords.contains(&token.term) || token.term.chars().all(|c| c.is_numeric()) {
                    continue;
                }
                let next = ids.len();
                let id = *ids.entry(token.term).or_insert(next);
                *tf.entry(id).or_insert(0.0) += 1.0;
            }
            let question = text
                .trim_end_matches(['"', '”', '’', '\'', ')'])
                .ends_with('?');
            raw.push(Counted {
                paragraph: p.number,
                range: range.clone(),
                tf,
                question,
            });
        }
    }
    if raw.is_empty() || count == 0 {
        return Vec::new();
    }

    // Inverse sentence frequency.
    let n = raw.len() as f64;
    let mut df = vec![0usize; ids.len()];
    for sentence in &raw {
        for &id in sentence.tf.keys() {
            df[id] += 1;
        }
    }
    let idf: Vec<f64> = df.iter().map(|&d| (n / d as f64).ln() + 1.0).collect();
    let candidates: Vec<Candidate> = raw
        .into_iter()
        .map(
            |Counted {
                 paragraph,
                 range,
                 tf,
                 question,
             }| {
                let terms = tf.values().sum::<f64>() as usize;
                let mut vector: Vec<(usize, f64)> =
                    tf.into_iter().map(|(id, f)| (id, f * idf[id])).collect();
                vector.sort_by_key(|&(id, _)| id);
                let norm = vector.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
                if norm > 0.0 {
                    vector.iter_mut().for_each(|(_, w)| *w /= norm);
                }
                Candidate {
                    paragraph,
                    range,
                    vector,
                    terms,
                    question,
                }
            },
        )
        .collect();

    let all = candidates.len();
    let order = if all > MAX_CANDIDATES {
        nearest_centroid(&candidates, MAX_CANDIDATES)
    } else {
        (0..all).collect()
    };
    let chosen: Vec<&Candidate> = order.iter().map(|&i| &candidates[i]).collect();
    let scores = lexrank(&chosen);

    // Rank: centrality, discounted for fragments and questions (a summary states, it does not ask).
    let mut ranked: Vec<(f64, usize)> = chosen
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut s = scores[i];
            if c.terms < MIN_TERMS {
                s *= 0.3;
            }
            if c.question {
                s *= 0.5;
            }
            (s, i)
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));

    let mut picked: Vec<usize> = Vec::new();
    for &(_, i) in &ranked {
        if picked.len() == count {
            break;
        }
        if picked
            .iter()
            .all(|&j| cosine(&chosen[i].vector, &chosen[j].vector) < REDUNDANCY)
        {
            picked.push(i);
        }
    }
    // Too few distinct sentences: fill with the next most central rather than return fewer.
    for &(_, i) in &ranked {
        if picked.len() == count {
            break;
        }
        if !picked.contains(&i) {
            picked.push(i);
        }
    }
    // Document order.
    let mut picks: Vec<Pick> = picked
        .into_iter()
        .map(|i| Pick {
            paragraph: chosen[i].paragraph,
            range: chosen[i].range.clone(),
        })
        .collect();
    picks.sort_by_key(|p| (p.paragraph, p.range.start));
    picks
}

fn cosine(a: &[(usize, f64)], b: &[(usize, f64)]) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// Continuous LexRank: power iteration on the row-normalised cosine-similarity matrix.
fn lexrank(candidates: &[&Candidate]) -> Vec<f64> {
    let n = candidates.len();
    let mut sim = vec![0.0f64; n * n];
    for i in 0..n {
        for j in i..n {
            let s = if i == j {
                0.0
            } else {
                cosine(&candidates[i].vector, &candidates[j].vector)
            };
            sim[i * n + j] = s;
            sim[j * n + i] = s;
        }
    }
    let row_sums: Vec<f64> = (0..n)
        .map(|i| sim[i * n..(i + 1) * n].iter().sum())
        .collect();
    let mut p = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    for _ in 0..MAX_ITERATIONS {
        let teleport = (1.0 - DAMPING) / n as f64;
        // A sentence sharing nothing with any other spreads its weight evenly.
        let dangling: f64 = (0..n)
            .filter(|&i| row_sums[i] == 0.0)
            .map(|i| p[i])
            .sum::<f64>()
            / n as f64;
        for (j, slot) in next.iter_mut().enumerate() {
            let mut incoming = 0.0;
            for i in 0..n {
                if row_sums[i] > 0.0 {
                    incoming += p[i] * sim[i * n + j] / row_sums[i];
                }
            }
            *slot = teleport + DAMPING * (incoming + dangling);
        }
        let delta: f64 = p.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut p, &mut next);
        if delta < TOLERANCE {
            break;
        }
    }
    p
}

/// Indexes of the `keep` candidates closest to the centroid of all, in document order.
fn nearest_centroid(candidates: &[Candidate], keep: usize) -> Vec<usize> {
    let mut centroid: HashMap<usize, f64> = HashMap::new();
    for c in candidates {
        for &(id, w) in &c.vector {
            *centroid.entry(id).or_insert(0.0) += w;
        }
    }
    let mut centroid: Vec<(usize, f64)> = centroid.into_iter().collect();
    centroid.sort_by_key(|&(id, _)| id);
    let mut scored: Vec<(f64, usize)> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| (cosine(&c.vector, &centroid), i))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut kept: Vec<usize> = scored.into_iter().take(keep).map(|(_, i)| i).collect();
    kept.sort_unstable();
    kept
}
