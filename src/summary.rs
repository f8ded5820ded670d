//! Extractive summaries: sentences taken verbatim from a section (or the whole document), chosen
//! by LexRank centrality with a redundancy check, and shown in document order.
//!
//! LexRank (Erkan & Radev, 2004): sentences are TF-IDF vectors over analysed content terms; a
//! sentence is central when it is similar to many sentences that are themselves central — the
//! stationary distribution of a random walk on the cosine-similarity graph. Everything here is
//! deterministic: the same text always yields the same summary.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

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

/// Documents whose sentence counts are kept (the most recently summarised).
const CACHED_DOCUMENTS: usize = 16;

/// One sentence's analysed content terms: the costly part of a summary, since it means
/// tokenising and stemming every sentence of the scope.
struct Counted {
    paragraph: usize,
    section: usize,
    range: std::ops::Range<usize>,
    /// (term id, count), sorted by term id.
    tf: Vec<(usize, f64)>,
    terms: usize,
    question: bool,
}

/// The counted sentences of one document, made once and kept by the [`Summarizer`].
struct Counts {
    sentences: Vec<Counted>,
    vocabulary: usize,
}

/// Summaries, with each document's sentences analysed once rather than on every request.
#[derive(Default)]
pub struct Summarizer {
    /// Least recently used first.
    cache: Mutex<Vec<(String, Arc<Counts>)>>,
}

impl Summarizer {
    pub fn new() -> Self {
        Self::default()
    }

    /// Chooses up to `count` sentences of `scope`.
    pub fn summarize(
        &self,
        doc: &Document,
        scope: Scope<'_>,
        count: usize,
        stopwords: &Stopwords,
    ) -> Vec<Pick> {
        let counts = self.counts(doc, stopwords);
        pick(doc, &counts, scope, count)
    }

    fn counts(&self, doc: &Document, stopwords: &Stopwords) -> Arc<Counts> {
        if let Ok(mut cache) = self.cache.lock()
            && let Some(i) = cache.iter().position(|(id, _)| *id == doc.id)
        {
            let entry = cache.remove(i);
            let counts = Arc::clone(&entry.1);
            cache.push(entry);
            return counts;
        }
        // Counted outside the lock: another request may count the same document meanwhile,
        // which costs time once but never blocks answers on each other.
        let counts = Arc::new(count(doc, stopwords));
        if let Ok(mut cache) = self.cache.lock() {
            cache.retain(|(id, _)| *id != doc.id);
            if cache.len() == CACHED_DOCUMENTS {
                cache.remove(0);
            }
            cache.push((doc.id.clone(), Arc::clone(&counts)));
        }
        counts
    }
}

fn count(doc: &Document, stopwords: &Stopwords) -> Counts {
    let mut analyzer = analysis::analyzer();
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut sentences = Vec::new();
    for p in &doc.paragraphs {
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
            let mut tf: Vec<(usize, f64)> = tf.into_iter().collect();
            tf.sort_by_key(|&(id, _)| id);
            sentences.push(Counted {
                paragraph: p.number,
                section: p.section,
                range: range.clone(),
                terms: tf.iter().map(|(_, n)| n).sum::<f64>() as usize,
                tf,
                question: text
                    .trim_end_matches(['"', '”', '’', '\'', ')'])
                    .ends_with('?'),
            });
        }
    }
    Counts {
        sentences,
        vocabulary: ids.len(),
    }
}

struct Candidate<'a> {
    sentence: &'a Counted,
    /// Sparse TF-IDF vector, sorted by term id, unit length.
    vector: Vec<(usize, f64)>,
}

/// Chooses up to `count` sentences of `scope` from a document's counted sentences.
fn pick(doc: &Document, counts: &Counts, scope: Scope<'_>, count: usize) -> Vec<Pick> {
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
    let scoped: Vec<&Counted> = counts
        .sentences
        .iter()
        .filter(|c| in_scope(c.section))
        .collect();
    if scoped.is_empty() || count == 0 {
        return Vec::new();
    }

    // Inverse sentence frequency, within the scope.
    let n = scoped.len() as f64;
    let mut df = vec![0usize; counts.vocabulary];
    for sentence in &scoped {
        for &(id, _) in &sentence.tf {
            df[id] += 1;
        }
    }
    let candidates: Vec<Candidate<'_>> = scoped
        .iter()
        .map(|sentence| {
            let mut vector: Vec<(usize, f64)> = sentence
                .tf
                .iter()
                .map(|&(id, f)| (id, f * ((n / df[id] as f64).ln() + 1.0)))
                .collect();
            let norm = vector.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
            if norm > 0.0 {
                vector.iter_mut().for_each(|(_, w)| *w /= norm);
            }
            Candidate { sentence, vector }
        })
        .collect();

    let order = if candidates.len() > MAX_CANDIDATES {
        nearest_centroid(&candidates, MAX_CANDIDATES)
    } else {
        (0..candidates.len()).collect()
    };
    let chosen: Vec<&Candidate<'_>> = order.iter().map(|&i| &candidates[i]).collect();
    let scores = lexrank(&chosen);

    // Rank: centrality, discounted for fragments and questions (a summary states, it does not ask).
    let mut ranked: Vec<(f64, usize)> = chosen
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut s = scores[i];
            if c.sentence.terms < MIN_TERMS {
                s *= 0.3;
            }
            if c.sentence.question {
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
            paragraph: chosen[i].sentence.paragraph,
            range: chosen[i].sentence.range.clone(),
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
fn lexrank(candidates: &[&Candidate<'_>]) -> Vec<f64> {
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
fn nearest_centroid(candidates: &[Candidate<'_>], keep: usize) -> Vec<usize> {
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
