//! One notion of "near" for misspellings: the fuzzy fallback searches exactly the words the
//! "did you mean" suggester would offer, so a suggestion is never a word the search ignored.

use crate::analysis::edit_distance;

/// Edits (insert, delete, substitute, swap neighbours) a typed word may be from a word of the
/// library to count as a misspelling of it. Short words are hardly corrected: too many words
/// are one edit from "nato", and two edits turn "medieval" into "medical". A four-letter word
/// gets one edit of one kind only (see [`SHORT`]).
pub fn allowed_edits(chars: usize) -> u8 {
    match chars {
        0..=3 => 0,
        4..=9 => 1,
        _ => 2,
    }
}

/// Words this long or shorter are corrected only by restoring a doubled letter ("Abas" for
/// "Abbas", "Asad" for "Assad"): the slip people make most in short names, since a double
/// letter is heard as one, and one that few other words are near.
const SHORT: usize = 4;

/// Is `word` `typed` with one of its letters doubled?
fn restores_a_double(typed: &[char], word: &[char]) -> bool {
    word.len() == typed.len() + 1
        && (0..typed.len()).any(|i| {
            typed[i] == word[i]
                && word[i + 1] == word[i]
                && typed[i + 1..] == word[i + 2..]
                && typed[..i] == word[..i]
        })
}

/// At most this many spellings stand in for one misspelt word.
pub const MAX_SPELLINGS: usize = 16;

/// Words of the library near `typed` (both folded), nearest first and then most frequent, as
/// (word, edits).
pub fn rank(typed: &str, candidates: Vec<(String, u64)>) -> Vec<(String, usize)> {
    let typed: Vec<char> = typed.chars().collect();
    let limit = usize::from(allowed_edits(typed.len()));
    let mut scored: Vec<(usize, u64, String)> = candidates
        .into_iter()
        .filter_map(|(word, freq)| {
            let chars: Vec<char> = word.chars().collect();
            if typed.len() <= SHORT && !restores_a_double(&typed, &chars) {
                return None;
            }
            let d = edit_distance(&typed, &chars, limit);
            (d <= limit && chars != typed).then_some((d, freq, word))
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    scored
        .into_iter()
        .take(MAX_SPELLINGS)
        .map(|(d, _, w)| (w, d))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_first_then_most_frequent() {
        let got = rank(
            "azovstahl",
            vec![
                ("azovstal".into(), 1),
                ("azov".into(), 9),
                ("austal".into(), 5),
            ],
        );
        assert_eq!(got, vec![("azovstal".to_string(), 1)]);
        assert!(rank("nato", vec![("nata".into(), 3)]).is_empty());
    }

    #[test]
    fn a_short_word_only_gets_its_double_letter_back() {
        let library = || {
            vec![
                ("abbas".into(), 2),
                ("abs".into(), 9),
                ("alas".into(), 9),
                ("abase".into(), 1),
            ]
        };
        assert_eq!(rank("abas", library()), vec![("abbas".to_string(), 1)]);
        assert!(rank("abs", library()).is_empty());
        assert!(rank("nato", vec![("natto".into(), 1), ("nation".into(), 9)]).len() == 1);
        assert!(restores_a_double(
            &"asad".chars().collect::<Vec<_>>(),
            &"assad".chars().collect::<Vec<_>>()
        ));
        assert!(!restores_a_double(
            &"asad".chars().collect::<Vec<_>>(),
            &"asads".chars().collect::<Vec<_>>()
        ));
    }
}
