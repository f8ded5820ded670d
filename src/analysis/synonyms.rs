//! Synonyms from WordNet, for queries that say in other words what a paragraph says: "the
//! modification activates when threatened" finds "a trigger mechanism … conditional on being
//! threatened". The dictionary (WordNet 3, via the `thesaurus-wordnet` crate's compressed copy)
//! is read once, on first use, into one string and a sorted index of its lines.

use std::sync::OnceLock;

/// A word's synonyms: lines of `word|synonym|synonym…`, sorted by word for binary search.
pub struct Thesaurus {
    text: String,
    /// (start, end) of each line, ordered by the line's headword.
    lines: Vec<(u32, u32)>,
}

static THESAURUS: OnceLock<Thesaurus> = OnceLock::new();

/// The thesaurus, read on first use (about 0.1 s); later calls are free.
pub fn thesaurus() -> &'static Thesaurus {
    THESAURUS.get_or_init(Thesaurus::load)
}

impl Thesaurus {
    fn load() -> Self {
        let text = thesaurus_wordnet::uncompress();
        let mut lines: Vec<(u32, u32)> = Vec::with_capacity(130_000);
        let mut start = 0usize;
        for line in text.split_inclusive('\n') {
            let end = start + line.trim_end_matches('\n').len();
            if let (Ok(s), Ok(e)) = (u32::try_from(start), u32::try_from(end)) {
                lines.push((s, e));
            }
            start += line.len();
        }
        let head = |&(s, e): &(u32, u32)| -> &str {
            let line = text.get(s as usize..e as usize).unwrap_or("");
            line.split('|').next().unwrap_or("")
        };
        lines.sort_by(|a, b| head(a).cmp(head(b)));
        // `head` borrows `text`; the sort is done before `text` moves into the struct.
        let lines = lines;
        Thesaurus { text, lines }
    }

    fn line(&self, word: &str) -> Option<&str> {
        let head = |&(s, e): &(u32, u32)| -> &str {
            self.text
                .get(s as usize..e as usize)
                .and_then(|l| l.split('|').next())
                .unwrap_or("")
        };
        let i = self.lines.binary_search_by(|l| head(l).cmp(word)).ok()?;
        let (s, e) = self.lines[i];
        self.text.get(s as usize..e as usize)
    }

    /// One-word synonyms of `word` (lowercase): of the word as typed and of its likely
    /// dictionary forms ("activates" → "activate"; "changed" is an adjective and a form of
    /// "change").
    pub fn synonyms(&self, word: &str) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for lemma in lemmas(word) {
            let Some(line) = self.line(&lemma) else {
                continue;
            };
            for synonym in line.split('|').skip(1) {
                if synonym != lemma
                    && !synonym.is_empty()
                    && synonym.chars().all(|c| c.is_ascii_lowercase())
                    && !out.contains(&synonym)
                {
                    out.push(synonym);
                }
            }
        }
        out
    }
}

/// The word and the dictionary forms an English inflection may have come from.
fn lemmas(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    let mut push = |w: String| {
        if w.len() >= 3 && !out.contains(&w) {
            out.push(w);
        }
    };
    if let Some(stem) = word.strip_suffix("ies") {
        push(format!("{stem}y"));
    }
    for suffix in ["es", "s", "ed", "d", "ing"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            push(stem.to_string());
            if matches!(suffix, "ed" | "ing") {
                push(format!("{stem}e"));
                // "stopped" → "stop". Compared by character: two equal last bytes can be the
                // middle of one multi-byte character ("俿" is E4 BF BF).
                let mut last = stem.chars().rev();
                if let (Some(a), Some(b)) = (last.next(), last.next())
                    && a == b
                {
                    push(stem[..stem.len() - a.len_utf8()].to_string());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_of_inflected_words() {
        let t = thesaurus();
        assert!(t.synonyms("activates").contains(&"trigger"));
        assert!(t.synonyms("believe").contains(&"think"));
        assert!(t.synonyms("changed").contains(&"modify"));
        assert!(t.synonyms("qwertyuiop").is_empty());
    }

    #[test]
    fn inflections_of_any_script_never_split_a_character() {
        assert!(lemmas("stopped").contains(&"stop".to_string()));
        for word in ["a\u{4FFF}ed", "\u{4FFF}\u{4FFF}ing", "ßßed", "\u{4FFF}ed"] {
            let forms = lemmas(word);
            assert!(
                forms
                    .iter()
                    .all(|f| word.starts_with(f.trim_end_matches('e'))),
                "{forms:?}"
            );
        }
        assert!(lemmas("\u{4FFF}\u{4FFF}ing").contains(&"\u{4FFF}".to_string()));
    }
}
