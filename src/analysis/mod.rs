//! The one text analyzer every part of citebot shares.
//!
//! The index, the query builder, the excerpt highlighter and the summariser all tokenise through
//! [`analyzer`], so a word that matches in the index is the word that is bolded in the excerpt.

mod spelling;
mod stopwords;
pub mod synonyms;
mod words;

pub use spelling::normalize_token;
pub use stopwords::Stopwords;

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, Stemmer, TextAnalyzer,
};

/// The name under which the analyzer is registered with tantivy.
///
/// Custom tokenizers are not stored in the index, so every open must register it again.
pub const ANALYZER_NAME: &str = "citebot_en";

/// The name of [`surface_analyzer`] in tantivy: words as written, folded but not stemmed.
pub const SURFACE_ANALYZER_NAME: &str = "citebot_words";

/// Bumped whenever a rule below changes what tokens a text yields: it is part of the index
/// fingerprint, so an index built by older rules is rebuilt rather than silently mismatched.
pub const ANALYZER_VERSION: u32 = 3;

/// Words longer than this are noise (URLs, hashes); tantivy drops them.
const MAX_TOKEN_BYTES: usize = 40;

/// Words (a dotted acronym one word), case folding, accent folding, British/US spelling,
/// mixed-script look-alikes, English stemming.
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(words::WordTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(spelling::SpellingFilter)
        .filter(Stemmer::new(Language::English))
        .build()
}

/// The same words as [`analyzer`] without stemming: "sanctions" stays "sanctions". Misspellings
/// are corrected against these forms, so a suggestion is a word the library really holds, and
/// an exact word form can rank above its relatives.
pub fn surface_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(words::WordTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(spelling::SpellingFilter)
        .build()
}

/// A token of a text: its normalised term and where it stands in the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub term: String,
    pub start: usize,
    pub end: usize,
    pub position: usize,
}

/// Every token of `text`, in order, with byte offsets into `text`.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let t = stream.token();
        out.push(Token {
            term: t.text.clone(),
            start: t.offset_from,
            end: t.offset_to,
            position: t.position,
        });
    }
    out
}

/// Lowercase, accent-free words separated by single spaces, apostrophes dropped and other
/// punctuation read as a space: how section titles, document names and option values are
/// compared when a user types them loosely ("europes call" finds "Europe’s Call for Action").
pub fn fold(text: &str) -> String {
    // tantivy's ASCII folding table is thorough (accents, curly quotes, dashes); run the whole
    // string through it as a single raw token rather than keeping a second table here. The
    // analyzer is built once per thread: reading a page folds every short block, and building
    // it each time was a tenth of the time.
    thread_local! {
        static FOLDER: std::cell::RefCell<TextAnalyzer> = std::cell::RefCell::new(
            TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
        );
    }
    let ascii = FOLDER.with(|folder| {
        let mut folder = folder.borrow_mut();
        let mut stream = folder.token_stream(text);
        if stream.advance() {
            stream.token().text.clone()
        } else {
            String::new()
        }
    });
    let spaced: String = ascii
        .chars()
        .filter(|&c| c != '\'')
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Optimal string alignment distance (a swap of neighbours is one edit), giving up early once
/// every alignment exceeds `limit`.
pub fn edit_distance(a: &[char], b: &[char], limit: usize) -> usize {
    let mut prev2: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(prev2[j - 2] + 1);
            }
            cur[j] = best;
            row_min = row_min.min(best);
        }
        if row_min > limit {
            return limit + 1;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        tokens(&mut analyzer(), text)
            .into_iter()
            .map(|t| t.term)
            .collect()
    }

    #[test]
    fn accents_fold_both_ways() {
        assert_eq!(terms("Deténte"), terms("detente"));
        assert_eq!(terms("detenté"), terms("DETENTE"));
    }

    #[test]
    fn word_forms_share_a_stem() {
        assert_eq!(terms("sanction"), terms("sanctions"));
        assert_eq!(terms("offer"), terms("offering"));
    }

    #[test]
    fn british_and_american_spellings_meet() {
        assert_eq!(terms("defence"), terms("defense"));
        assert_eq!(terms("civilisation"), terms("civilization"));
        assert_eq!(terms("manoeuvres"), terms("maneuvers"));
        assert_eq!(terms("endeavours"), terms("endeavors"));
        assert_eq!(terms("labelling"), terms("labeling"));
        assert_eq!(terms("aluminium"), terms("aluminum"));
        assert_eq!(terms("normalisation"), terms("normalization"));
        assert_eq!(terms("centre"), terms("center"));
    }

    #[test]
    fn cyrillic_look_alikes_inside_latin_words_are_folded() {
        // The bundled article spells "calling" with a Cyrillic "с".
        assert_eq!(terms("\u{0441}alling"), terms("calling"));
        // A genuinely Cyrillic word is left alone.
        assert_eq!(terms("сало"), vec!["сало".to_string()]);
    }

    #[test]
    fn offsets_point_into_the_original_text() {
        let text = "Trump’s detenté";
        for t in tokens(&mut analyzer(), text) {
            assert!(text.get(t.start..t.end).is_some());
        }
    }

    #[test]
    fn fold_is_loose() {
        assert_eq!(fold("  Trump’s  New\u{a0}Deal "), "trumps new deal");
        assert_eq!(fold("Hawkish Threats: Russia"), "hawkish threats russia");
        assert_eq!(fold("DETÉNTE"), "detente");
    }

    fn d(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        edit_distance(&a, &b, 10)
    }

    #[test]
    fn edit_distances() {
        assert_eq!(d("zelenksy", "zelensky"), 1);
        assert_eq!(d("kissenger", "kissinger"), 1);
        assert_eq!(d("nato", "nato"), 0);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("abc", ""), 3);
    }
}
