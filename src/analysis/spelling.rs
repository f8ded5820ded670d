//! British and American spellings, and Cyrillic look-alikes inside Latin words, brought to one form.
//!
//! Both the indexed text and the query pass through the same rules, so a rule only has to be
//! *consistent*, not linguistically right: over-eager rewriting ("promise" → "promize") is
//! harmless because it happens on both sides. What matters is that the two spellings of a word
//! meet, and that two different words are not merged.

use std::mem;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Spellings no suffix rule can reach. Keys are British (or variant) forms, lowercased and
/// accent-free; values are the American forms both sides are rewritten to.
const IRREGULAR: &[(&str, &str)] = &[
    ("aeroplane", "airplane"),
    ("aeroplanes", "airplanes"),
    ("ageing", "aging"),
    ("aluminium", "aluminum"),
    ("amongst", "among"),
    ("anaemia", "anemia"),
    ("cheque", "check"),
    ("cheques", "checks"),
    ("cosy", "cozy"),
    ("defence", "defense"),
    ("defences", "defenses"),
    ("draught", "draft"),
    ("encyclopaedia", "encyclopedia"),
    ("enrol", "enroll"),
    ("enrolment", "enrollment"),
    ("foetus", "fetus"),
    ("fulfil", "fulfill"),
    ("fulfilment", "fulfillment"),
    ("grey", "gray"),
    ("haemorrhage", "hemorrhage"),
    ("instil", "instill"),
    ("judgement", "judgment"),
    ("licence", "license"),
    ("licences", "licenses"),
    ("manoeuvre", "maneuver"),
    ("manoeuvred", "maneuvered"),
    ("manoeuvres", "maneuvers"),
    ("manoeuvring", "maneuvering"),
    ("mould", "mold"),
    ("moustache", "mustache"),
    ("oestrogen", "estrogen"),
    ("offence", "offense"),
    ("offences", "offenses"),
    ("paediatric", "pediatric"),
    ("plough", "plow"),
    ("practise", "practice"),
    ("pretence", "pretense"),
    ("programme", "program"),
    ("programmes", "programs"),
    ("sceptic", "skeptic"),
    ("sceptical", "skeptical"),
    ("scepticism", "skepticism"),
    ("signalled", "signaled"),
    ("signalling", "signaling"),
    ("storey", "story"),
    ("towards", "toward"),
    ("tyre", "tire"),
    ("tyres", "tires"),
    ("whilst", "while"),
];

/// Words ending in "-our" that are not British "-or" words.
const OUR_KEEP: &[&str] = &["contour", "detour", "devour", "paramour", "troubadour"];

/// Words ending in "-tre"/"-bre" whose "-re" is not the British ending.
const RE_KEEP: &[&str] = &["genre", "macabre", "timbre"];

#[derive(Clone)]
pub struct SpellingFilter;

impl TokenFilter for SpellingFilter {
    type Tokenizer<T: Tokenizer> = SpellingFilterWrapper<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> SpellingFilterWrapper<T> {
        SpellingFilterWrapper { inner: tokenizer }
    }
}

#[derive(Clone)]
pub struct SpellingFilterWrapper<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for SpellingFilterWrapper<T> {
    type TokenStream<'a> = SpellingTokenStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        SpellingTokenStream {
            tail: self.inner.token_stream(text),
        }
    }
}

pub struct SpellingTokenStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for SpellingTokenStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        if let Some(mut normal) = normalize_token(&self.tail.token().text) {
            mem::swap(&mut self.tail.token_mut().text, &mut normal);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// The normal form of a lowercased, accent-folded word, or `None` when it is already normal.
pub fn normalize_token(word: &str) -> Option<String> {
    let unmixed = fold_look_alikes(word);
    let word_ref = unmixed.as_deref().unwrap_or(word);
    match american(word_ref) {
        Some(american) => Some(american),
        None => unmixed,
    }
}

/// A word mixing Latin letters with Cyrillic ones that look the same ("сalling" typed with a
/// Cyrillic "с") is a Latin word: fold the look-alikes. Wholly Cyrillic words are left alone.
fn fold_look_alikes(word: &str) -> Option<String> {
    if word.is_ascii() || !word.chars().any(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut changed = false;
    let folded: String = word
        .chars()
        .map(|c| match look_alike(c) {
            Some(latin) => {
                changed = true;
                latin
            }
            None => c,
        })
        .collect();
    changed.then_some(folded)
}

fn look_alike(c: char) -> Option<char> {
    Some(match c {
        'а' => 'a',
        'с' => 'c',
        'е' => 'e',
        'һ' => 'h',
        'і' => 'i',
        'ј' => 'j',
        'о' => 'o',
        'р' => 'p',
        'ѕ' => 's',
        'х' => 'x',
        'у' => 'y',
        _ => return None,
    })
}

fn american(word: &str) -> Option<String> {
    if let Ok(i) = IRREGULAR.binary_search_by(|(british, _)| british.cmp(&word)) {
        return Some(IRREGULAR[i].1.to_string());
    }
    suffix_rule(word)
}

/// (British ending, American ending, letters that must precede the ending).
const SUFFIXES: &[(&str, &str, usize)] = &[
    ("isations", "izations", 2),
    ("isation", "ization", 2),
    ("ising", "izing", 3),
    ("ised", "ized", 3),
    ("iser", "izer", 3),
    ("isers", "izers", 3),
    ("ises", "izes", 3),
    ("ise", "ize", 3),
    ("ysing", "yzing", 3),
    ("ysed", "yzed", 3),
    ("yses", "yzes", 3),
    ("yse", "yze", 3),
    ("ourable", "orable", 3),
    ("ourite", "orite", 3),
    ("ouring", "oring", 3),
    ("oured", "ored", 3),
    ("ours", "ors", 3),
    ("our", "or", 3),
    ("elling", "eling", 2),
    ("elled", "eled", 2),
    ("eller", "eler", 2),
    ("ellers", "elers", 2),
    ("ogues", "ogs", 3),
    ("ogue", "og", 3),
    ("tres", "ters", 2),
    ("tre", "ter", 2),
    ("bres", "bers", 2),
    ("bre", "ber", 2),
];

fn suffix_rule(word: &str) -> Option<String> {
    if OUR_KEEP.iter().any(|k| word.starts_with(k)) || RE_KEEP.contains(&word) {
        return None;
    }
    // Longest ending first, so "isations" is not read as "s".
    let mut best: Option<(&str, &str)> = None;
    for &(british, american, stem_len) in SUFFIXES {
        if let Some(stem) = word.strip_suffix(british)
            && stem.chars().count() >= stem_len
            && best.is_none_or(|(b, _)| british.len() > b.len())
        {
            best = Some((british, american));
        }
    }
    let (british, american) = best?;
    let stem = &word[..word.len() - british.len()];
    Some(format!("{stem}{american}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn irregular_table_is_sorted_for_binary_search() {
        assert!(IRREGULAR.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn suffix_rules() {
        assert_eq!(
            normalize_token("civilisation").as_deref(),
            Some("civilization")
        );
        assert_eq!(normalize_token("recognises").as_deref(), Some("recognizes"));
        assert_eq!(normalize_token("analysed").as_deref(), Some("analyzed"));
        assert_eq!(normalize_token("endeavour").as_deref(), Some("endeavor"));
        assert_eq!(normalize_token("travelled").as_deref(), Some("traveled"));
        assert_eq!(normalize_token("dialogue").as_deref(), Some("dialog"));
        assert_eq!(normalize_token("centres").as_deref(), Some("centers"));
        // Short words and look-alike endings stay.
        assert_eq!(normalize_token("four"), None);
        assert_eq!(normalize_token("hour"), None);
        assert_eq!(normalize_token("rise"), None);
        assert_eq!(normalize_token("detour"), None);
        assert_eq!(normalize_token("genre"), None);
    }
}
