//! Where words begin and end: runs of letters and digits, as tantivy's `SimpleTokenizer` cuts
//! them, except that an acronym written with dots is one word. "L.E.A.N." is the word "LEAN"
//! (so `/quote LEAN` finds the op-ed that spells it so), and "U.K." is "UK". Cut into letters
//! instead, each letter was too short to search and the acronym could not be found at all.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

#[derive(Clone, Default)]
pub struct WordTokenizer {
    token: Token,
}

pub struct WordTokenStream<'a> {
    text: &'a str,
    /// Byte offset where the next word is looked for.
    at: usize,
    token: &'a mut Token,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordTokenStream<'a> {
        self.token.reset();
        WordTokenStream {
            text,
            at: 0,
            token: &mut self.token,
        }
    }
}

/// The end of the run of letters and digits starting at `from`.
fn word_end(text: &str, from: usize) -> usize {
    text[from..]
        .char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(text.len(), |(i, _)| from + i)
}

/// A word of one letter followed by ".letter" once or more ("L.E.A.N", "U.K"): where the
/// acronym ends and its letters, or `None` when the word is not such a run.
fn dotted(text: &str, start: usize, end: usize) -> Option<(usize, String)> {
    let first = &text[start..end];
    let mut letters = first.chars();
    let only = letters.next().filter(|c| c.is_alphabetic())?;
    if letters.next().is_some() {
        return None;
    }
    let mut acronym = String::from(only);
    let mut last = end;
    while let Some(rest) = text[last..].strip_prefix('.') {
        let mut chars = rest.char_indices();
        let Some((_, letter)) = chars.next().filter(|(_, c)| c.is_alphabetic()) else {
            break;
        };
        // One letter, then no more letters or digits: "U.Kingdom" is not an acronym.
        if chars.next().is_some_and(|(_, c)| c.is_alphanumeric()) {
            break;
        }
        acronym.push(letter);
        last += 1 + letter.len_utf8();
    }
    (acronym.chars().count() >= 2).then_some((last, acronym))
}

impl TokenStream for WordTokenStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        self.token.position = self.token.position.wrapping_add(1);
        let Some(start) = self.text[self.at..]
            .char_indices()
            .find(|(_, c)| c.is_alphanumeric())
            .map(|(i, _)| self.at + i)
        else {
            self.at = self.text.len();
            return false;
        };
        let mut end = word_end(self.text, start);
        // Most words are not acronyms: their text is copied once, straight from the input.
        match dotted(self.text, start, end) {
            Some((acronym_end, acronym)) => {
                end = acronym_end;
                self.token.text.push_str(&acronym);
            }
            None => self.token.text.push_str(&self.text[start..end]),
        }
        self.token.offset_from = start;
        self.token.offset_to = end;
        self.at = end;
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut tokenizer = WordTokenizer::default();
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    #[test]
    fn dotted_acronyms_are_one_word() {
        let found = words("The L.E.A.N. Ads program, from the U.K. and N.Y.C.");
        let texts: Vec<&str> = found.iter().map(|w| w.0.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "The", "LEAN", "Ads", "program", "from", "the", "UK", "and", "NYC"
            ]
        );
        // Offsets cover the letters and their dots; positions stay consecutive for phrases.
        assert_eq!(found[1].1..found[1].2, 4..11);
        assert_eq!(
            found.iter().map(|w| w.3).collect::<Vec<_>>(),
            (0..9).collect::<Vec<_>>()
        );
    }

    #[test]
    fn everything_else_is_cut_as_before() {
        let texts = |t: &str| words(t).into_iter().map(|w| w.0).collect::<Vec<_>>();
        assert_eq!(texts("end. A new one"), vec!["end", "A", "new", "one"]);
        assert_eq!(texts("U.Kingdom"), vec!["U", "Kingdom"]);
        assert_eq!(texts("e.g. 4.8 billion"), vec!["eg", "4", "8", "billion"]);
        assert_eq!(texts("Dr. J. Smith"), vec!["Dr", "J", "Smith"]);
        assert_eq!(texts("Ünïcödé. é.ü."), vec!["Ünïcödé", "éü"]);
        assert_eq!(texts(""), Vec::<String>::new());
        assert_eq!(texts("..."), Vec::<String>::new());
    }
}
