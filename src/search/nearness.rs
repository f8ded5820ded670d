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

/// Words this long get, when nothing of the library is within [`allowed_edits`] of them, a second
/// chance: two of their vowels written as other vowels ("Beshier" for "Beshear"). A name heard
/// aloud is spelt with the wrong vowels far more often than with the wrong consonants, and
/// keeping the consonants in place is what keeps "medieval" from becoming "medical".
const MISHEARD: std::ops::RangeInclusive<usize> = 6..=9;

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// The words of a term dictionary that may be `typed` misheard: its letters with up to two
/// vowels changed. Searching with this instead of a two-edit Levenshtein automaton keeps a
/// failed search cheap: building that automaton took as long as the rest of the search.
#[derive(Clone, Debug)]
pub struct Misheard<'a> {
    typed: &'a [u8],
}

impl<'a> Misheard<'a> {
    /// `None` for a word too short or too long for [`MISHEARD`]'s second chance.
    pub fn new(typed: &'a str) -> Option<Self> {
        MISHEARD
            .contains(&typed.chars().count())
            .then_some(Misheard {
                typed: typed.as_bytes(),
            })
    }
}

impl tantivy_fst::Automaton for Misheard<'_> {
    /// Bytes read, vowels changed; `None` once the word can no longer match.
    type State = Option<(usize, u8)>;

    fn start(&self) -> Self::State {
        Some((0, 0))
    }

    fn is_match(&self, state: &Self::State) -> bool {
        matches!(state, Some((read, _)) if *read == self.typed.len())
    }

    fn can_match(&self, state: &Self::State) -> bool {
        state.is_some()
    }

    fn accept(&self, state: &Self::State, byte: u8) -> Self::State {
        let (read, changed) = (*state)?;
        let want = *self.typed.get(read)?;
        if byte == want {
            Some((read + 1, changed))
        } else if changed < 2 && is_vowel(char::from(want)) && is_vowel(char::from(byte)) {
            Some((read + 1, changed + 1))
        } else {
            None
        }
    }
}

/// Is `word` `typed` with at most two vowels in place of other vowels, and nothing else changed?
/// Asked of [`Misheard`] itself, so what the term dictionary is searched for and what is kept
/// are one rule.
fn vowels_misheard(typed: &str, word: &str) -> bool {
    use tantivy_fst::Automaton;
    Misheard::new(typed).is_some_and(|misheard| {
        let end = word.bytes().fold(misheard.start(), |state, byte| {
            misheard.accept(&state, byte)
        });
        misheard.is_match(&end)
    })
}

/// At most this many spellings stand in for one misspelt word.
pub const MAX_SPELLINGS: usize = 16;

/// Words of the library near `typed` (both folded), nearest first and then most frequent, as
/// (word, edits). Words two vowels off (see [`Misheard`]) count only when nothing is nearer.
pub fn rank(typed: &str, candidates: Vec<(String, u64)>) -> Vec<(String, usize)> {
    let letters: Vec<char> = typed.chars().collect();
    let limit = usize::from(allowed_edits(letters.len()));
    let mut scored: Vec<(usize, u64, String)> = Vec::new();
    let mut misheard: Vec<(usize, u64, String)> = Vec::new();
    for (word, freq) in candidates {
        let chars: Vec<char> = word.chars().collect();
        if chars == letters || (letters.len() <= SHORT && !restores_a_double(&letters, &chars)) {
            continue;
        }
        let d = edit_distance(&letters, &chars, limit);
        if d <= limit {
            scored.push((d, freq, word));
        } else if vowels_misheard(typed, &word) {
            misheard.push((2, freq, word));
        }
    }
    if scored.is_empty() {
        scored = misheard;
    }
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
    fn misheard_vowels_are_a_last_resort() {
        // Two vowels off, consonants in place: found, but only when nothing is one edit away.
        assert_eq!(
            rank("beshier", vec![("beshear".into(), 2)]),
            vec![("beshear".to_string(), 2)]
        );
        assert_eq!(
            rank(
                "beshier",
                vec![("beshear".into(), 2), ("bashier".into(), 1)]
            ),
            vec![("bashier".to_string(), 1)]
        );
        // A consonant changed, a letter dropped, three vowels off, or a short word: not found.
        assert!(rank("medieval", vec![("medical".into(), 9)]).is_empty());
        assert!(rank("beshier", vec![("beshekr".into(), 1)]).is_empty());
        assert!(rank("abocadu", vec![("avocado".into(), 1)]).is_empty());
        assert!(rank("beaoty", vec![("bauuty".into(), 1)]).is_empty());
        assert!(rank("boter", vec![("bitar".into(), 1)]).is_empty());
    }

    #[test]
    fn the_misheard_automaton_finds_what_rank_keeps() {
        use tantivy_fst::{IntoStreamer, Map, Streamer};
        let words = [
            "bashier", "beshear", "beshier", "boshaar", "bushear", "besheer", "beshiep",
        ];
        let mut sorted = words.to_vec();
        sorted.sort_unstable();
        let set =
            Map::from_iter(sorted.into_iter().map(|w| (w, 0))).expect("sorted words make a map");
        let Some(misheard) = Misheard::new("beshier") else {
            panic!("seven letters get a second chance");
        };
        let mut stream = set.search(misheard).into_stream();
        let mut found = Vec::new();
        while let Some((key, _)) = stream.next() {
            found.push(String::from_utf8_lossy(key).into_owned());
        }
        // Every word within two vowels, and nothing else: "boshaar" and "bushear" are three
        // off, "beshiep" has another consonant.
        assert_eq!(found, ["bashier", "beshear", "besheer", "beshier"]);
        assert!(Misheard::new("later").is_none());
        assert!(Misheard::new("international").is_none());
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
