//! The Porter stemmer exactly as NLTK implements it (`PorterStemmer()`, NLTK_EXTENSIONS mode),
//! which is what Google's `rouge-score` stems with. ROUGE figures are only comparable with
//! published ones if the stems are the same, so this is a port, rule for rule, not another
//! English stemmer (tantivy's Snowball stemmer differs on many words).

#![allow(dead_code)]

/// Stems one lowercase ASCII word.
pub fn stem(word: &str) -> String {
    let word = word.to_lowercase();
    if let Some(irregular) = irregular(&word) {
        return irregular.to_string();
    }
    if word.chars().count() <= 2 {
        return word;
    }
    let mut w: Vec<char> = word.chars().collect();
    w = step1a(w);
    w = step1b(w);
    w = step1c(w);
    w = step2(w);
    w = step3(w);
    w = step4(w);
    w = step5a(w);
    w = step5b(w);
    w.into_iter().collect()
}

fn irregular(word: &str) -> Option<&'static str> {
    Some(match word {
        "sky" | "skies" => "sky",
        "dying" => "die",
        "lying" => "lie",
        "tying" => "tie",
        "news" => "news",
        "innings" | "inning" => "inning",
        "outings" | "outing" => "outing",
        "cannings" | "canning" => "canning",
        "howe" => "howe",
        "proceed" => "proceed",
        "exceed" => "exceed",
        "succeed" => "succeed",
        _ => return None,
    })
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Consonant flags in one pass: a 'y' is a consonant unless it follows one.
fn consonants(w: &[char]) -> Vec<bool> {
    let mut flags: Vec<bool> = Vec::with_capacity(w.len());
    for (i, &c) in w.iter().enumerate() {
        let flag = if is_vowel(c) {
            false
        } else if c == 'y' {
            i == 0 || !flags[i - 1]
        } else {
            true
        };
        flags.push(flag);
    }
    flags
}

fn is_consonant(w: &[char], i: usize) -> bool {
    consonants(&w[..=i])[i]
}

fn measure(stem: &[char]) -> usize {
    let flags = consonants(stem);
    flags.windows(2).filter(|p| !p[0] && p[1]).count()
}

fn contains_vowel(stem: &[char]) -> bool {
    consonants(stem).iter().any(|c| !c)
}

fn ends_double_consonant(w: &[char]) -> bool {
    let n = w.len();
    n >= 2 && w[n - 1] == w[n - 2] && is_consonant(w, n - 1)
}

fn ends_cvc(w: &[char]) -> bool {
    let n = w.len();
    (n >= 3
        && is_consonant(w, n - 3)
        && !is_consonant(w, n - 2)
        && is_consonant(w, n - 1)
        && !matches!(w[n - 1], 'w' | 'x' | 'y'))
        || (n == 2 && !is_consonant(w, 0) && is_consonant(w, 1))
}

fn ends_with(w: &[char], suffix: &str) -> bool {
    let s: Vec<char> = suffix.chars().collect();
    w.len() >= s.len() && w[w.len() - s.len()..] == s[..]
}

fn without(w: &[char], suffix: &str) -> Vec<char> {
    w[..w.len() - suffix.chars().count()].to_vec()
}

fn with(mut stem: Vec<char>, tail: &str) -> Vec<char> {
    stem.extend(tail.chars());
    stem
}

/// A condition on the stem left once a suffix is removed.
type Condition<'a> = Option<&'a dyn Fn(&[char]) -> bool>;

/// The first rule whose suffix matches decides: applied if its condition holds, otherwise the
/// word is returned unchanged (NLTK's `_apply_rule_list`). The suffix `*d` stands for a double
/// consonant.
fn apply(w: Vec<char>, rules: &[(&str, &str, Condition<'_>)]) -> Vec<char> {
    for (suffix, replacement, condition) in rules {
        if *suffix == "*d" && ends_double_consonant(&w) {
            let stem = w[..w.len() - 2].to_vec();
            return if condition.is_none_or(|c| c(&stem)) {
                with(stem, replacement)
            } else {
                w
            };
        }
        if ends_with(&w, suffix) {
            let stem = without(&w, suffix);
            return if condition.is_none_or(|c| c(&stem)) {
                with(stem, replacement)
            } else {
                w
            };
        }
    }
    w
}

fn positive(stem: &[char]) -> bool {
    measure(stem) > 0
}

fn step1a(w: Vec<char>) -> Vec<char> {
    if ends_with(&w, "ies") && w.len() == 4 {
        return with(without(&w, "ies"), "ie");
    }
    apply(
        w,
        &[
            ("sses", "ss", None),
            ("ies", "i", None),
            ("ss", "ss", None),
            ("s", "", None),
        ],
    )
}

fn step1b(w: Vec<char>) -> Vec<char> {
    if ends_with(&w, "ied") {
        return if w.len() == 4 {
            with(without(&w, "ied"), "ie")
        } else {
            with(without(&w, "ied"), "i")
        };
    }
    if ends_with(&w, "eed") {
        let stem = without(&w, "eed");
        return if measure(&stem) > 0 {
            with(stem, "ee")
        } else {
            w
        };
    }
    let mut intermediate = None;
    for suffix in ["ed", "ing"] {
        if ends_with(&w, suffix) {
            let stem = without(&w, suffix);
            if contains_vowel(&stem) {
                intermediate = Some(stem);
                break;
            }
        }
    }
    let Some(stem) = intermediate else {
        return w;
    };
    let last = stem.last().copied().unwrap_or(' ');
    let last_string = last.to_string();
    let keep_double = move |_: &[char]| !matches!(last, 'l' | 's' | 'z');
    let add_e = |s: &[char]| measure(s) == 1 && ends_cvc(s);
    apply(
        stem,
        &[
            ("at", "ate", None),
            ("bl", "ble", None),
            ("iz", "ize", None),
            ("*d", &last_string, Some(&keep_double)),
            ("", "e", Some(&add_e)),
        ],
    )
}

fn step1c(w: Vec<char>) -> Vec<char> {
    let condition = |stem: &[char]| stem.len() > 1 && is_consonant(stem, stem.len() - 1);
    apply(w, &[("y", "i", Some(&condition))])
}

fn step2(w: Vec<char>) -> Vec<char> {
    if ends_with(&w, "alli") && positive(&without(&w, "alli")) {
        return step2(with(without(&w, "alli"), "al"));
    }
    let word = w.clone();
    let logi = move |_: &[char]| positive(&word[..word.len().saturating_sub(3)]);
    let p: Condition<'_> = Some(&positive);
    apply(
        w,
        &[
            ("ational", "ate", p),
            ("tional", "tion", p),
            ("enci", "ence", p),
            ("anci", "ance", p),
            ("izer", "ize", p),
            ("bli", "ble", p),
            ("alli", "al", p),
            ("entli", "ent", p),
            ("eli", "e", p),
            ("ousli", "ous", p),
            ("ization", "ize", p),
            ("ation", "ate", p),
            ("ator", "ate", p),
            ("alism", "al", p),
            ("iveness", "ive", p),
            ("fulness", "ful", p),
            ("ousness", "ous", p),
            ("aliti", "al", p),
            ("iviti", "ive", p),
            ("biliti", "ble", p),
            ("fulli", "ful", p),
            ("logi", "log", Some(&logi)),
        ],
    )
}

fn step3(w: Vec<char>) -> Vec<char> {
    let p: Condition<'_> = Some(&positive);
    apply(
        w,
        &[
            ("icate", "ic", p),
            ("ative", "", p),
            ("alize", "al", p),
            ("iciti", "ic", p),
            ("ical", "ic", p),
            ("ful", "", p),
            ("ness", "", p),
        ],
    )
}

fn step4(w: Vec<char>) -> Vec<char> {
    let gt1 = |stem: &[char]| measure(stem) > 1;
    let ion = |stem: &[char]| measure(stem) > 1 && matches!(stem.last(), Some('s' | 't'));
    let m: Condition<'_> = Some(&gt1);
    apply(
        w,
        &[
            ("al", "", m),
            ("ance", "", m),
            ("ence", "", m),
            ("er", "", m),
            ("ic", "", m),
            ("able", "", m),
            ("ible", "", m),
            ("ant", "", m),
            ("ement", "", m),
            ("ment", "", m),
            ("ent", "", m),
            ("ion", "", Some(&ion)),
            ("ou", "", m),
            ("ism", "", m),
            ("ate", "", m),
            ("iti", "", m),
            ("ous", "", m),
            ("ive", "", m),
            ("ize", "", m),
        ],
    )
}

fn step5a(w: Vec<char>) -> Vec<char> {
    if ends_with(&w, "e") {
        let stem = without(&w, "e");
        let m = measure(&stem);
        if m > 1 || (m == 1 && !ends_cvc(&stem)) {
            return stem;
        }
    }
    w
}

fn step5b(w: Vec<char>) -> Vec<char> {
    let word = w.clone();
    let condition = move |_: &[char]| measure(&word[..word.len() - 1]) > 1;
    apply(w, &[("ll", "l", Some(&condition))])
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn the_papers_examples() {
        for (word, stemmed) in [
            ("caresses", "caress"),
            ("ponies", "poni"),
            ("ties", "tie"),
            ("cats", "cat"),
            ("agreed", "agre"),
            ("plastered", "plaster"),
            ("motoring", "motor"),
            ("hopping", "hop"),
            ("falling", "fall"),
            ("filing", "file"),
            ("happy", "happi"),
            ("relational", "relat"),
            ("generalization", "gener"),
            ("hopeful", "hope"),
            ("adoption", "adopt"),
            ("controlling", "control"),
            ("dying", "die"),
        ] {
            assert_eq!(stem(word), stemmed, "{word}");
        }
    }
}
