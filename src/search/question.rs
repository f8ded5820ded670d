//! Questions typed as queries ("when did Trump call Putin") and the kind of answer they want:
//! a *when* question is answered by a sentence with a date, a *who* question by a name, a *why*
//! question by a reason.

use crate::analysis::fold;
use crate::library::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    When,
    Who,
    Why,
    /// How many, how much, how old, how long.
    Quantity,
    /// What is X, what does X mean, define X.
    Definition,
    Other,
}

/// The kind of question `query` asks, if it is one.
pub fn parse(query: &str) -> Option<Kind> {
    let folded = fold(query);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let first = *words.first()?;
    let second = words.get(1).copied().unwrap_or("");
    let asks = query.trim_end().ends_with('?');
    let kind = match first {
        "when" => Kind::When,
        "who" | "whom" | "whose" => Kind::Who,
        "why" => Kind::Why,
        "how" if matches!(second, "many" | "much" | "old" | "long" | "far" | "often") => {
            Kind::Quantity
        }
        "what" | "which" if matches!(second, "year" | "date" | "day" | "month" | "time") => {
            Kind::When
        }
        "define" | "definition" => Kind::Definition,
        "what" if matches!(second, "is" | "are" | "was" | "were" | "s") && words.len() <= 6 => {
            Kind::Definition
        }
        "what" if words.last() == Some(&"mean") => Kind::Definition,
        "what" | "how" | "where" | "which" => Kind::Other,
        "is" | "are" | "does" | "do" | "did" | "can" | "could" | "should" | "will" | "would"
        | "was" | "were" | "has" | "have"
            if words.len() >= 3 =>
        {
            Kind::Other
        }
        _ if asks => Kind::Other,
        _ => return None,
    };
    Some(kind)
}

/// The word a *how many* question counts: "people" in "how many people took part".
pub fn counted_word(query: &str) -> Option<String> {
    let folded = fold(query);
    let mut words = folded.split(' ').filter(|w| !w.is_empty());
    (words.next()? == "how" && words.next()? == "many")
        .then(|| words.next().map(str::to_string))
        .flatten()
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const TIME_UNITS: &[&str] = &[
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
    "century",
    "centuries",
];

const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "twenty",
    "thirty",
    "fifty",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "half",
    "dozen",
    "percent",
];

/// Words that open a clause saying when something happens: a *when* question is answered by an
/// event as often as by a date ("it takes place when the brain has reached that threshold").
/// "If" states a condition, not a time, and is left out.
const TEMPORAL: &[&str] = &["when", "whenever", "once", "until"];

const REASONS: &[&str] = &[
    "because",
    "since",
    "due to",
    "as a result",
    "in order to",
    "so that",
    "owing to",
    "reason",
    "reasons",
    "therefore",
    "thus",
    "hence",
    // Causal connectives and verbs: a reason is as often given by what causes or drives a thing
    // ("the full illustrations are the key to the deck's popularity").
    "consequently",
    "accordingly",
    "given that",
    "thanks to",
    "the key to",
    "caused",
    "causes",
    "cause",
    "leads to",
    "led to",
    "result of",
    "results in",
    "stems from",
    "driven by",
    "explains",
];

fn is_year(word: &str) -> bool {
    word.len() == 4 && word.chars().all(|c| c.is_ascii_digit()) && word.starts_with(['1', '2'])
}

pub fn is_number(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_digit()) || NUMBER_WORDS.contains(&word)
}

/// Does `sentence` ask rather than say? Quotation marks and brackets after the question mark
/// still end a question (“Could it be tied to the 'a-ha!' moment?”).
pub fn asks(sentence: &str) -> bool {
    sentence
        .trim_end()
        .trim_end_matches(['"', '”', '’', '\'', ')', ']'])
        .ends_with('?')
}

/// Does `sentence` hold the kind of thing the question asks for?
pub fn answers(kind: Kind, sentence: &str) -> bool {
    let folded = fold(sentence);
    let words: Vec<&str> = folded.split(' ').collect();
    match kind {
        Kind::When => {
            words
                .iter()
                .any(|w| is_year(w) || MONTHS.contains(w) || TEMPORAL.contains(w))
                || words
                    .windows(2)
                    .any(|p| is_number(p[0]) && TIME_UNITS.contains(&p[1]))
                || words
                    .windows(3)
                    .any(|p| p.join(" ").parse::<Date>().is_ok())
        }
        Kind::Quantity => words.iter().any(|w| is_number(w)),
        Kind::Why => REASONS.iter().any(|r| {
            folded.match_indices(r).any(|(i, _)| {
                let end = i + r.len();
                (i == 0 || folded.as_bytes()[i - 1] == b' ')
                    && (end == folded.len() || folded.as_bytes()[end] == b' ')
                    // "since 1840", "since December": a time, not a reason.
                    && !(*r == "since" && folded[end..].split(' ').nth(1).is_some_and(|w| {
                        is_number(w) || MONTHS.contains(&w)
                    }))
            })
        }),
        Kind::Who => names_someone(sentence),
        Kind::Definition | Kind::Other => false,
    }
}

/// Two capitalised words in a row, not where every sentence starts: a name.
fn names_someone(sentence: &str) -> bool {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    words.windows(2).enumerate().any(|(i, p)| {
        i > 0
            && p.iter().all(|w| {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars().skip(1).any(char::is_lowercase)
            })
    })
}

/// Does `sentence` define `subject` (its folded words): "X is …" opening the sentence, or
/// "… called X", "… known as X"? ("The ideal X is cheap" describes X; it does not define it.)
pub fn defines(sentence: &str, subject: &[String]) -> bool {
    if subject.is_empty() {
        return false;
    }
    let folded = fold(sentence);
    let words: Vec<&str> = folded.split(' ').collect();
    let n = subject.len();
    words.windows(n).enumerate().any(|(i, window)| {
        if !window
            .iter()
            .zip(subject)
            .all(|(w, s)| w.starts_with(s.as_str()))
        {
            return false;
        }
        // "The four golden signals of monitoring are …": a short "of" phrase may name what
        // the subject belongs to before the verb that defines it.
        let mut next = i + n;
        if words.get(next) == Some(&"of") {
            next = (next + 1..(next + 4).min(words.len()))
                .find(|&k| matches!(words[k], "is" | "are"))
                .unwrap_or(next);
        }
        let after = words.get(next).copied().unwrap_or("");
        // "called a Gödel number": look past an article.
        let before: Vec<&str> = words[..i]
            .iter()
            .rev()
            .skip_while(|w| matches!(**w, "a" | "an" | "the"))
            .take(2)
            .copied()
            .collect();
        let opens = words[..i].iter().all(|w| matches!(*w, "a" | "an" | "the"));
        (opens && matches!(after, "is" | "are" | "refers" | "means" | "describes"))
            || matches!(before.first(), Some(&"called" | &"termed" | &"named"))
            || before.get(..2) == Some(&["as", "known"][..])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_of_questions() {
        assert_eq!(parse("when did Trump call Putin"), Some(Kind::When));
        assert_eq!(parse("Who brought up the idea?"), Some(Kind::Who));
        assert_eq!(parse("why is claim 1 wrong"), Some(Kind::Why));
        assert_eq!(parse("how many people work there"), Some(Kind::Quantity));
        assert_eq!(parse("what is research debt"), Some(Kind::Definition));
        assert_eq!(parse("what did Putin offer Trump"), Some(Kind::Other));
        assert_eq!(parse("nato"), None);
        assert_eq!(parse("hot peace"), None);
    }

    #[test]
    fn a_quoted_question_still_asks() {
        assert!(asks("Could it be tied to that 'a-ha!' moment?\""));
        assert!(asks("“Could it be tied to the moment?”"));
        assert!(asks("(Or is it?)"));
        assert!(!asks("It is tied to the moment."));
        assert!(!asks("He asked “why?” and left."));
    }

    #[test]
    fn what_how_many_counts() {
        assert_eq!(
            counted_word("How many people took part?").as_deref(),
            Some("people")
        );
        assert_eq!(counted_word("how many"), None);
        assert_eq!(counted_word("how much is it"), None);
        assert_eq!(counted_word("many people"), None);
    }

    #[test]
    fn a_cause_is_a_reason() {
        assert!(answers(
            Kind::Why,
            "The full illustrations are the key to the deck's popularity."
        ));
        assert!(answers(Kind::Why, "Salt leads to fires under the street."));
        assert!(answers(Kind::Why, "Growth was driven by exports."));
        assert!(!answers(
            Kind::Why,
            "The deck has stayed popular for decades."
        ));
        assert!(!answers(Kind::Why, "Becauses and causeways are words."));
    }

    #[test]
    fn since_a_time_is_not_a_reason() {
        assert!(!answers(
            Kind::Why,
            "More than 5,000 incidents have been recorded since 1840."
        ));
        assert!(!answers(Kind::Why, "Rates have risen since December."));
        assert!(answers(
            Kind::Why,
            "It stopped, since nobody had time to run it."
        ));
    }

    #[test]
    fn answers_by_kind() {
        assert!(answers(
            Kind::When,
            "In the aftermath of the call on 18 February 2025, they met."
        ));
        assert!(answers(
            Kind::When,
            "Three days from now, I shall lay down the office."
        ));
        assert!(!answers(
            Kind::When,
            "This evening I come to you with a message."
        ));
        assert!(answers(
            Kind::When,
            "Awareness takes place precisely when the brain has reached that threshold."
        ));
        assert!(answers(
            Kind::When,
            "The promise waits until the body arrives."
        ));
        assert!(!answers(Kind::When, "If it fails, the promise rejects."));
        assert!(answers(
            Kind::Why,
            "It is false because they admit exceptions."
        ));
        assert!(!answers(Kind::Why, "Becausewhy is not a word."));
        assert!(answers(
            Kind::Who,
            "The idea came from Caspar Oesterheld in a talk."
        ));
        assert!(!answers(Kind::Who, "The idea came from a talk."));
    }

    #[test]
    fn definitions() {
        let subject = vec!["research".to_string(), "debt".to_string()];
        assert!(defines(
            "Research debt is the accumulation of missing labor.",
            &subject
        ));
        assert!(!defines("Research can also have debt.", &subject));
        assert!(!defines("So the ideal research debt is small.", &subject));
        let subject = vec!["godel".to_string(), "number".to_string()];
        assert!(defines(
            "map it to a unique number called a Gödel number.",
            &subject
        ));
        assert!(!defines(
            "Like all formulas, it has a Gödel number.",
            &subject
        ));
        let subject: Vec<String> = ["four", "golden", "signal"].map(String::from).to_vec();
        assert!(defines(
            "The four golden signals of monitoring are latency, traffic, errors, and saturation.",
            &subject
        ));
        assert!(!defines(
            "Dashboards include some form of the four golden signals of monitoring.",
            &subject
        ));
    }
}
