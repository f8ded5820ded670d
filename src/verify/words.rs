//! Words as a quotation is compared: case, accents, quote marks and dashes do not matter;
//! spelling, numbers and every word do. Each word keeps where it stands in its text, so the
//! exact source words can be shown.

use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, SimpleTokenizer, TextAnalyzer};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Lowercase, accent-free.
    pub norm: String,
    /// Byte range in the text it came from.
    pub start: usize,
    pub end: usize,
}

/// The comparer: tantivy's tokenizer, lowercased and ASCII-folded, but neither stemmed nor
/// respelled (a quote that writes "defense" for "defence" has changed a word).
pub struct Words {
    analyzer: TextAnalyzer,
}

impl Default for Words {
    fn default() -> Self {
        Words {
            analyzer: TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
        }
    }
}

impl Words {
    pub fn of(&mut self, text: &str) -> Vec<Word> {
        crate::analysis::tokens(&mut self.analyzer, text)
            .into_iter()
            .map(|t| Word {
                norm: t.term,
                start: t.start,
                end: t.end,
            })
            .collect()
    }
}

/// Words that turn a claim into its opposite. ("t" is the tail of "don't", "can’t".)
const NEGATIONS: &[&str] = &[
    "cannot", "neither", "never", "no", "nobody", "none", "nor", "not", "nothing", "nowhere", "t",
    "without",
];

pub fn is_negation(norm: &str) -> bool {
    NEGATIONS.contains(&norm)
}

pub fn is_number(norm: &str) -> bool {
    norm.chars().any(|c| c.is_ascii_digit())
        || matches!(
            norm,
            "one"
                | "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "eleven"
                | "twelve"
                | "twenty"
                | "thirty"
                | "forty"
                | "fifty"
                | "hundred"
                | "thousand"
                | "million"
                | "billion"
                | "trillion"
                | "half"
                | "dozen"
                | "first"
                | "second"
                | "third"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_case_and_accents_and_keep_offsets() {
        let text = "Deténte and “HOT peace” — 2025";
        let words = Words::default().of(text);
        let norms: Vec<&str> = words.iter().map(|w| w.norm.as_str()).collect();
        assert_eq!(norms, vec!["detente", "and", "hot", "peace", "2025"]);
        assert_eq!(&text[words[0].start..words[0].end], "Deténte");
    }
}
