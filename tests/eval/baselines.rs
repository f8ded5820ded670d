//! The two summaries any summariser has to beat: the first k sentences (lead-k), and LexRank
//! as `sumy` implements it (Erkan & Radev 2004: a graph of sentences joined where their
//! idf-modified cosine exceeds 0.1, ranked by the power method). Both read the same sentences
//! as citebot, so only the choice of sentences differs. LexRank reads words as sumy does: its
//! own English stop list (580 words), no numbers, Snowball-stemmed.

use std::collections::HashMap;

use std::collections::HashSet;
use std::sync::OnceLock;

use citebot::analysis;
use citebot::library::{Document, Section};

/// The sentences a summary of `section` (or the whole document, its "About" section aside) may
/// choose from, as (paragraph number, text), in document order.
pub fn sentences<'a>(doc: &'a Document, section: Option<&Section>) -> Vec<(usize, &'a str)> {
    let all_about = doc.sections.iter().all(|s| s.is_about);
    doc.paragraphs
        .iter()
        .filter(|p| {
            let s = &doc.sections[p.section];
            match section {
                Some(wanted) => s.number == wanted.number,
                None => !s.is_about || all_about,
            }
        })
        .flat_map(|p| {
            p.sentences
                .iter()
                .filter_map(move |r| p.text.get(r.clone()).map(|t| (p.number, t)))
        })
        .collect()
}

/// The first `k` sentences.
pub fn lead(candidates: &[(usize, &str)], k: usize) -> Vec<String> {
    candidates
        .iter()
        .take(k)
        .map(|(_, t)| t.to_string())
        .collect()
}

/// sumy 0.13.0's English stop words (`tests/data/quality/sumy-stopwords-english.txt`).
fn sumy_stop_words() -> &'static HashSet<String> {
    static WORDS: OnceLock<HashSet<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        include_str!("../data/quality/sumy-stopwords-english.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| l.trim().to_string())
            .collect()
    })
}

/// A sentence's words as sumy's LexRank counts them: lower-cased, stop words and numbers left
/// out, then stemmed.
fn sumy_words(
    text: &str,
    surface: &mut tantivy::tokenizer::TextAnalyzer,
    stem: &mut tantivy::tokenizer::TextAnalyzer,
) -> Vec<String> {
    let stop = sumy_stop_words();
    analysis::tokens(surface, text)
        .into_iter()
        .map(|t| t.term)
        .filter(|w| !stop.contains(w) && !w.chars().any(|c| c.is_ascii_digit()))
        .filter_map(|w| analysis::tokens(stem, &w).into_iter().next())
        .map(|t| t.term)
        .collect()
}

/// sumy's LexRank: threshold 0.1, power method to ε = 0.1, the `k` best in document order.
pub fn lexrank(candidates: &[(usize, &str)], k: usize) -> Vec<String> {
    let (mut surface, mut stem) = (analysis::surface_analyzer(), analysis::analyzer());
    let words: Vec<Vec<String>> = candidates
        .iter()
        .map(|(_, t)| sumy_words(t, &mut surface, &mut stem))
        .collect();
    let n = words.len();
    if n == 0 {
        return Vec::new();
    }
    let tf: Vec<HashMap<&str, f64>> = words
        .iter()
        .map(|w| {
            let mut counts: HashMap<&str, f64> = HashMap::new();
            for t in w {
                *counts.entry(t.as_str()).or_insert(0.0) += 1.0;
            }
            let max = counts.values().copied().fold(0.0, f64::max).max(1.0);
            counts.values_mut().for_each(|v| *v /= max);
            counts
        })
        .collect();
    let mut idf: HashMap<&str, f64> = HashMap::new();
    for w in &words {
        for t in w {
            idf.entry(t.as_str()).or_insert_with(|| {
                let df = words.iter().filter(|s| s.iter().any(|x| x == t)).count();
                (n as f64 / (1.0 + df as f64)).ln()
            });
        }
    }
    let cosine = |a: usize, b: usize| {
        let (ta, tb) = (&tf[a], &tf[b]);
        let num: f64 = ta
            .iter()
            .filter_map(|(t, x)| tb.get(t).map(|y| x * y * idf[t].powi(2)))
            .sum();
        let da: f64 = ta.iter().map(|(t, x)| (x * idf[t]).powi(2)).sum();
        let db: f64 = tb.iter().map(|(t, y)| (y * idf[t]).powi(2)).sum();
        if da > 0.0 && db > 0.0 {
            num / (da.sqrt() * db.sqrt())
        } else {
            0.0
        }
    };
    let mut matrix = vec![0.0f64; n * n];
    for row in 0..n {
        let mut degree = 0.0;
        for col in 0..n {
            if cosine(row, col) > 0.1 {
                matrix[row * n + col] = 1.0;
                degree += 1.0;
            }
        }
        let degree = if degree == 0.0 { 1.0 } else { degree };
        for col in 0..n {
            matrix[row * n + col] /= degree;
        }
    }
    let mut p = vec![1.0 / n as f64; n];
    let mut lambda = 1.0;
    let mut rounds = 0;
    while lambda > 0.1 && rounds < 1000 {
        let mut next = vec![0.0; n];
        for (j, slot) in next.iter_mut().enumerate() {
            *slot = (0..n).map(|i| matrix[i * n + j] * p[i]).sum();
        }
        let norm = next.iter().map(|x| x * x).sum::<f64>().sqrt();
        if norm > 0.0 {
            next.iter_mut().for_each(|x| *x /= norm);
        }
        lambda = next
            .iter()
            .zip(&p)
            .map(|(a, b)| (a - b).powi(2))
            .sum::<f64>()
            .sqrt();
        p = next;
        rounds += 1;
    }
    let mut order: Vec<usize> = (0..n).collect();
    // Best first; a stable sort keeps the earlier of equals, as sumy's does.
    order.sort_by(|&a, &b| p[b].total_cmp(&p[a]));
    let mut best: Vec<usize> = order.into_iter().take(k).collect();
    best.sort_unstable();
    best.into_iter()
        .map(|i| candidates[i].1.to_string())
        .collect()
}
