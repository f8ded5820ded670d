//! Words that carry no content in a query: dropped from plain-word queries and questions
//! ("what did Putin offer Trump" ranks by putin, offer, trump), never from "phrases".

use tantivy::tokenizer::TextAnalyzer;

/// Lowercase surface forms. A query term is a stop word when its analysed form equals the
/// analysed form of one of these, so "Did" and "does" are caught after stemming too.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "after",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "describe",
    "describes",
    "did",
    "do",
    "does",
    "doing",
    "during",
    "each",
    "explain",
    "for",
    "from",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "me",
    "mean",
    "means",
    "more",
    "most",
    "my",
    "no",
    "nor",
    "not",
    "of",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "own",
    "said",
    "same",
    "say",
    "says",
    "she",
    "should",
    "so",
    "some",
    "such",
    "tell",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "then",
    "there",
    "these",
    "they",
    "think",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
];

/// Modal verbs that only frame a question ("how long must providers keep metadata"): a query
/// drops them as it drops "will" and "should". A summary keeps them: in a sentence, "must" says
/// what is required, and lists of a document's content words count it.
const QUERY_AUXILIARIES: &[&str] = &["must", "might", "shall", "ought"];

/// The analysed forms of [`STOPWORDS`], computed once per analyzer.
pub struct Stopwords {
    terms: Vec<String>,
}

impl Stopwords {
    /// The stop words of a document's text, as summaries weigh it.
    pub fn new(analyzer: &mut TextAnalyzer) -> Self {
        Self::of(analyzer, STOPWORDS.iter())
    }

    /// The stop words of a query: those of text, and the modals that frame a question.
    pub fn for_queries(analyzer: &mut TextAnalyzer) -> Self {
        Self::of(analyzer, STOPWORDS.iter().chain(QUERY_AUXILIARIES))
    }

    fn of<'w>(analyzer: &mut TextAnalyzer, words: impl Iterator<Item = &'w &'w str>) -> Self {
        let mut terms: Vec<String> = words
            .flat_map(|w| super::tokens(analyzer, w))
            .map(|t| t.term)
            .collect();
        terms.sort();
        terms.dedup();
        Stopwords { terms }
    }

    /// Is this analysed term a stop word? Single letters (the "s" of "Trump’s") count as one.
    pub fn contains(&self, term: &str) -> bool {
        term.chars().count() < 2
            || self
                .terms
                .binary_search_by(|t| t.as_str().cmp(term))
                .is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_s_modal_is_dropped_only_from_queries() {
        let mut analyzer = crate::analysis::analyzer();
        let text = Stopwords::new(&mut analyzer);
        let queries = Stopwords::for_queries(&mut analyzer);
        for modal in ["must", "shall"] {
            assert!(queries.contains(modal));
            assert!(!text.contains(modal));
        }
        assert!(text.contains("will") && queries.contains("will"));
        // "May" is a month as often as a modal.
        assert!(!queries.contains("may"));
    }
}
