//! "Did you mean": the words of the library nearest to what a user typed, for a search that
//! found nothing. Suggestions are words as the documents spell them, never stems.

use std::collections::HashMap;

use crate::analysis::{self, Stopwords, edit_distance, fold};
use crate::library::Library;

/// Shortest word worth suggesting.
const MIN_CHARS: usize = 3;

/// Every word of the library, folded, with the spelling to show and how often it occurs.
pub struct Vocabulary {
    words: Vec<Word>,
}

struct Word {
    folded: Vec<char>,
    shown: String,
    count: usize,
}

impl Vocabulary {
    pub fn new(library: &Library, stopwords: &Stopwords) -> Self {
        let mut analyzer = analysis::analyzer();
        let mut seen: HashMap<String, (String, usize)> = HashMap::new();
        for doc in library.documents() {
            for p in &doc.paragraphs {
                for word in p.text.split(|c: char| !c.is_alphanumeric()) {
                    if word.chars().count() < MIN_CHARS || word.chars().all(|c| c.is_numeric()) {
                        continue;
                    }
                    let entry = seen
                        .entry(fold(word))
                        .or_insert_with(|| (word.to_string(), 0));
                    entry.1 += 1;
                }
            }
        }
        let mut words: Vec<Word> = seen
            .into_iter()
            .filter(|(folded, _)| {
                analysis::tokens(&mut analyzer, folded)
                    .first()
                    .is_none_or(|t| !stopwords.contains(&t.term))
            })
            .map(|(folded, (shown, count))| Word {
                folded: folded.chars().collect(),
                shown,
                count,
            })
            .collect();
        // Most frequent first, then alphabetical: the order ties are broken in.
        words.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.shown.cmp(&b.shown)));
        Vocabulary { words }
    }

    /// Up to `max` library words nearest to the typed words. When nothing is near, the most
    /// frequent words of the library, so the user still learns what it holds.
    pub fn nearest(&self, typed: &[String], max: usize) -> Vec<String> {
        let mut scored: Vec<(usize, usize, &Word)> = Vec::new();
        for (rank, typed) in typed.iter().enumerate() {
            let typed: Vec<char> = fold(typed).chars().collect();
            if typed.is_empty() {
                continue;
            }
            let allowed = (typed.len() / 2).max(2);
            for word in &self.words {
                if word.folded.len().abs_diff(typed.len()) > allowed || word.folded == typed {
                    continue;
                }
                let d = edit_distance(&typed, &word.folded, allowed);
                if d <= allowed {
                    scored.push((d, rank, word));
                }
            }
        }
        // Nearest first; frequency order (the vocabulary's) breaks ties since the sort is stable.
        scored.sort_by_key(|(d, rank, _)| (*d, *rank));
        let mut out: Vec<String> = Vec::new();
        for (_, _, word) in scored {
            if out.len() == max {
                break;
            }
            if !out.contains(&word.shown) {
                out.push(word.shown.clone());
            }
        }
        if out.is_empty() {
            out = self
                .words
                .iter()
                .filter(|w| w.folded.len() >= 4)
                .take(max)
                .map(|w| w.shown.clone())
                .collect();
        }
        out
    }
}
