//! "Did you mean": for a search that found nothing, the library's words nearest to what was
//! typed — by the same measure the fuzzy fallback searches with ([`super::nearness`]), so a
//! word offered here is a word that search would also have tried. Suggestions are shown as the
//! documents spell them ("Azovstal"), never as stems.

use std::collections::HashMap;

use crate::analysis::{self, Stopwords, fold};
use crate::library::Library;

/// Words of the library for "did you mean", and whether they are near what was typed or, when
/// nothing is, simply frequent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suggestions {
    pub words: Vec<String>,
    pub near: bool,
}

/// A folded word of the `words` field as it is written in the text: the first spelling of it
/// found in a paragraph that holds it.
pub fn shown(word: &str, text: &str) -> Option<String> {
    analysis::tokens(&mut analysis::surface_analyzer(), text)
        .into_iter()
        .find(|t| t.term == word)
        .and_then(|t| text.get(t.start..t.end).map(str::to_string))
}

/// The most frequent words of the library worth offering, from `(word, paragraphs)` pairs of
/// the `words` field: four letters or more, not a number, not a stop word.
pub fn frequent(
    words: impl Iterator<Item = (String, u64)>,
    stopwords: &Stopwords,
    max: usize,
) -> Vec<String> {
    let mut analyzer = analysis::analyzer();
    let mut counts: HashMap<String, u64> = HashMap::new();
    for (word, freq) in words {
        if word.chars().count() < 4 || word.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        *counts.entry(word).or_insert(0) += freq;
    }
    let mut ranked: Vec<(String, u64)> = counts
        .into_iter()
        .filter(|(w, _)| {
            analysis::tokens(&mut analyzer, w)
                .first()
                .is_none_or(|t| !stopwords.contains(&t.term))
        })
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.into_iter().take(max).map(|(w, _)| w).collect()
}

/// Typed words as the `words` field has them (folded, one token each).
pub fn typed_words(typed: &[String]) -> Vec<String> {
    let mut surface = analysis::surface_analyzer();
    let mut out: Vec<String> = Vec::new();
    for t in typed {
        for token in analysis::tokens(&mut surface, t) {
            if !out.contains(&token.term) {
                out.push(token.term);
            }
        }
    }
    out
}

/// Library ids and paragraphs where a folded word can be shown from.
pub fn display(library: &Library, doc: &str, paragraph: usize, word: &str) -> String {
    library
        .get(doc)
        .and_then(|d| d.paragraph(paragraph))
        .and_then(|p| shown(word, &p.text))
        .unwrap_or_else(|| fold(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_shown_as_written() {
        assert_eq!(
            shown("azovstal", "the Siege of Azovstal.").as_deref(),
            Some("Azovstal")
        );
        assert_eq!(shown("nato", "nothing here"), None);
    }
}
