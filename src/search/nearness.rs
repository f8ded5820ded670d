//! One notion of "near" for misspellings: the fuzzy fallback searches exactly the words the
//! "did you mean" suggester would offer, so a suggestion is never a word the search ignored.

use crate::analysis::edit_distance;

/// Edits (insert, delete, substitute, swap neighbours) a typed word may be from a word of the
/// library to count as a misspelling of it. Short words are not corrected: too many words are
/// one edit from "nato", and two edits turn "medieval" into "medical".
pub fn allowed_edits(chars: usize) -> u8 {
    match chars {
        0..=4 => 0,
        5..=9 => 1,
        _ => 2,
    }
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
}
