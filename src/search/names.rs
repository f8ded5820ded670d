//! A name typed whole ("Kim Jong Un", "Internet Explorer") asks about one person or thing. Its
//! last word, the surname or the thing named, is what tells whether the passages searched
//! mention it: a reading that says only "Abbas" answers "Mahmoud Abbas", but one that names
//! Kim Yong-hyun does not answer "Kim Jong Un" because it holds "Kim".

/// A name this long may be found run into the next word ("Alexis Madrigalreports", "The
/// Ubysseynext school year"): a page's missing space. A shorter one begins too many words ("Un":
/// "under"), and no name is longer than the upper bound.
const GLUED_MIN_CHARS: usize = 5;
const GLUED_MAX_CHARS: usize = 40;
/// A name begins at most this many other words of the library; a word that begins more is a
/// common stem ("Trans…"), not a name with a missing space.
pub const GLUED_MAX_WORDS: usize = 3;

/// May `word` (folded) be found as the start of a longer word?
pub fn may_be_glued(word: &str) -> bool {
    (GLUED_MIN_CHARS..=GLUED_MAX_CHARS).contains(&word.chars().count())
}

/// Is `word` written as a name: capitalised, letters after?
pub fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
}

/// Words in a name typed whole: "Jong Un" to "Pamela Colman Smith Jr".
const MIN_WORDS: usize = 2;
const MAX_WORDS: usize = 4;

/// The last word of `query` when the whole query reads as a name: two to four words, each
/// capitalised and made of letters, inner hyphens and apostrophes ("Yong-hyun", "O’Neill").
/// Anything else — a question, a phrase in quotes, a query in lower case — is not one.
pub fn typed_head(query: &str) -> Option<&str> {
    let words: Vec<&str> = query.split_whitespace().collect();
    if !(MIN_WORDS..=MAX_WORDS).contains(&words.len()) {
        return None;
    }
    words
        .iter()
        .all(|w| is_name_word(w))
        .then(|| words[words.len() - 1])
}

fn is_name_word(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && word.chars().last().is_some_and(char::is_alphabetic)
        && chars.all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_typed_whole_give_their_last_word() {
        assert_eq!(typed_head("Kim Jong Un"), Some("Un"));
        assert_eq!(typed_head("Internet Explorer"), Some("Explorer"));
        assert_eq!(typed_head("Kim Yong-hyun"), Some("Yong-hyun"));
        assert_eq!(typed_head("Conan O’Brien"), Some("O’Brien"));
        assert_eq!(typed_head("IAB Tech Lab"), Some("Lab"));
    }

    #[test]
    fn other_queries_are_no_name() {
        for query in [
            "",
            "Putin",
            "kim jong un",
            "Kim jong un",
            "who is Kim Jong Un",
            "Kim Jong Un?",
            "\"Kim Jong Un\"",
            "Kim Jong Un -nuclear",
            "The Five Big Names Here",
            "Page 12",
            "Trump's- Deal",
        ] {
            assert_eq!(typed_head(query), None, "{query:?}");
        }
    }
}
