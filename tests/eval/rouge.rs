//! ROUGE-1, ROUGE-2 and ROUGE-L as Google's `rouge-score` computes them with
//! `use_stemmer=True`: lowercase, every run of characters other than `a-z0-9` read as a space,
//! words longer than three letters Porter-stemmed (NLTK's stemmer), then n-gram overlap (or the
//! longest common subsequence) as precision, recall and F1.

use std::collections::HashMap;

use super::porter;

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Score {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Score {
    fn new(overlap: usize, predicted: usize, target: usize) -> Self {
        let precision = if predicted == 0 {
            0.0
        } else {
            overlap as f64 / predicted as f64
        };
        let recall = if target == 0 {
            0.0
        } else {
            overlap as f64 / target as f64
        };
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        Score {
            precision,
            recall,
            f1,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Rouge {
    pub r1: Score,
    pub r2: Score,
    pub rl: Score,
}

/// `rouge_score.tokenize.tokenize(text, PorterStemmer())`.
pub fn tokenize(text: &str) -> Vec<String> {
    let lowered: String = text
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                c
            } else {
                ' '
            }
        })
        .collect();
    lowered
        .split_whitespace()
        .map(|t| {
            if t.len() > 3 {
                porter::stem(t)
            } else {
                t.to_string()
            }
        })
        .filter(|t| {
            !t.is_empty()
                && t.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
        .collect()
}

fn ngrams(tokens: &[String], n: usize) -> HashMap<&[String], usize> {
    let mut counts = HashMap::new();
    if tokens.len() >= n {
        for gram in tokens.windows(n) {
            *counts.entry(gram).or_insert(0) += 1;
        }
    }
    counts
}

fn rouge_n(target: &[String], prediction: &[String], n: usize) -> Score {
    let t = ngrams(target, n);
    let p = ngrams(prediction, n);
    let overlap: usize = t
        .iter()
        .map(|(gram, &count)| count.min(p.get(gram).copied().unwrap_or(0)))
        .sum();
    Score::new(overlap, p.values().sum(), t.values().sum())
}

fn lcs(a: &[String], b: &[String]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// `RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True).score(target, prediction)`.
pub fn score(target: &str, prediction: &str) -> Rouge {
    let t = tokenize(target);
    let p = tokenize(prediction);
    Rouge {
        r1: rouge_n(&t, &p, 1),
        r2: rouge_n(&t, &p, 2),
        rl: Score::new(lcs(&t, &p), p.len(), t.len()),
    }
}
