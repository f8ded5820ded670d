//! `/verify` under every shape of message, and the promises it keeps whatever the text: spans
//! at most five; every source it names is verbatim in the paragraph it cites; a quote cut from
//! a paragraph is found verbatim there, however its case and punctuation are changed; a "not"
//! slipped in is never called verbatim and is always called out.

mod common;

use std::sync::OnceLock;

use citebot::commands::reply::VerifyReply;
use citebot::commands::{Command, Reply};
use citebot::verify::{Verdict, spans::MAX_SPANS};
use citebot::{Engine, library::Paragraph};
use proptest::prelude::*;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(common::engine)
}

fn verify(text: &str) -> VerifyReply {
    match engine().run(&Command::Verify {
        text: text.to_string(),
        doc: None,
    }) {
        Ok(Reply::Verify(r)) => r,
        other => panic!("{other:?}"),
    }
}

fn paragraph(number: usize) -> &'static Paragraph {
    engine().library().documents()[0]
        .paragraph(number)
        .unwrap_or_else(|| panic!("no ¶{number}"))
}

fn paragraphs() -> usize {
    engine().library().documents()[0].paragraphs.len()
}

/// Every source a check names is verbatim in the paragraph its citation names.
fn sources_are_verbatim(reply: &VerifyReply) -> Result<(), TestCaseError> {
    for span in &reply.spans {
        let mut sources: Vec<(&str, &citebot::citation::Citation)> = Vec::new();
        if let (Some(text), Some(c)) = (&span.source_text, &span.citation)
            && span.verdict != Verdict::Spliced
        {
            sources.push((text, c));
        }
        for (_, s) in &span.parts {
            sources.push((&s.source_text, &s.citation));
        }
        for s in &span.nearest {
            sources.push((&s.source_text, &s.citation));
        }
        for (text, c) in sources {
            let doc = engine().library().get(&c.doc);
            let held = doc
                .and_then(|d| d.paragraph(c.paragraph))
                .is_some_and(|p| p.text.contains(text));
            prop_assert!(held, "“{text}” is not in {} ¶{}", c.doc, c.paragraph);
            prop_assert!(c.link.as_deref().is_none_or(|l| l.contains("#:~:text=")));
        }
    }
    Ok(())
}

/// Messages of every shape: words of the article, quotation marks of every kind (balanced or
/// not), block quotes, mentions, links, emoji, omission marks, right-to-left and other scripts.
fn message() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(vec![
            "Trump", "Putin", "NATO", "Russia", "the", "security", "not", "2019", "of", "and",
            "sees", "threat", "national", "détente", "Europe’s", "never", "deterrence", "China",
        ])
        .prop_map(str::to_string),
        3 => prop::sample::select(vec![
            "\"", "“", "”", "'", "‘", "’", "«", "»", "„", "> ", ">>> ", "\n", "\n> ", "…", "...",
            "[…]", "[sic]", "[", "]", "<@123456789>", "<@&42>", "<#7>", "<:pog:12345>",
            "<t:1700000000:R>", "@everyone", "@here", "🔥", "👍🏽", "👨‍👩‍👧", "https://example.org/a?b=c",
            "שלום עולם", "\u{200F}مرحبا بالعالم", "\u{202E}", "Привет мир", "日本語のテキスト",
            "e\u{301}", "\u{0}", "\t", "   ",
        ])
        .prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|p| p.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_message_gets_a_clear_answer(text in message()) {
        let reply = verify(&text);
        prop_assert!(reply.spans.len() <= MAX_SPANS);
        if reply.spans.is_empty() {
            prop_assert!(reply.note.as_deref().is_some_and(|n| n.contains("nothing to check")));
        }
        for span in &reply.spans {
            prop_assert!(!span.quoted.trim().is_empty());
            let placed = matches!(span.verdict, Verdict::Verbatim | Verdict::Omissions | Verdict::Altered | Verdict::Spliced);
            prop_assert_eq!(placed, span.citation.is_some(), "{:?}", span);
        }
        sources_are_verbatim(&reply)?;
        let json = serde_json::to_value(Reply::Verify(reply)).unwrap_or_default();
        prop_assert_eq!(&json["command"], "verify");
        for span in json["spans"].as_array().cloned().unwrap_or_default() {
            for field in ["quoted", "verdict", "doc", "paragraph", "source_text", "differences", "similarity", "citation"] {
                prop_assert!(span.get(field).is_some(), "no {field} in {span}");
            }
        }
    }

    #[test]
    fn a_cut_from_a_paragraph_is_verbatim_there(at in any::<prop::sample::Index>(), from in any::<prop::sample::Index>(), len in 6usize..40, shout in any::<bool>(), marks in any::<bool>()) {
        let number = at.index(paragraphs()) + 1;
        let text = &paragraph(number).text;
        let words: Vec<&str> = text.split_whitespace().collect();
        prop_assume!(words.len() >= 6);
        let start = from.index(words.len() - 5);
        let cut = words[start..(start + len).min(words.len())].join(" ");
        // Case, quote and dash styles do not matter.
        let mut quoted = if shout { cut.to_uppercase() } else { cut.clone() };
        if marks {
            quoted = quoted.replace('’', "'").replace('–', "-").replace('—', "--");
        }
        // A block quote: the cut may hold quotation marks of its own, even unbalanced ones.
        let reply = verify(&format!("As the article says:\n> {quoted}"));
        prop_assert_eq!(reply.spans.len(), 1);
        let span = &reply.spans[0];
        prop_assert_eq!(span.verdict, Verdict::Verbatim, "{:?}", span);
        // The words may stand in another paragraph too; the one cited must hold them.
        sources_are_verbatim(&reply)?;
        let cited = span.paragraph.unwrap_or(0);
        if cited != number {
            let lower = |s: &str| s.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert!(lower(&paragraph(cited).text).contains(&lower(&cut)), "¶{cited} for a cut of ¶{number}");
        }
    }

    #[test]
    fn an_inserted_not_is_never_verbatim(at in any::<prop::sample::Index>(), from in any::<prop::sample::Index>(), insert in 1usize..8) {
        let number = at.index(paragraphs()) + 1;
        let words: Vec<&str> = paragraph(number).text.split_whitespace().collect();
        prop_assume!(words.len() >= 12);
        let start = from.index(words.len() - 11);
        let mut cut: Vec<&str> = words[start..start + 12].to_vec();
        prop_assume!(!cut.iter().any(|w| w.eq_ignore_ascii_case("not")));
        cut.insert(insert, "not");
        let reply = verify(&format!("\"{}\"", cut.join(" ")));
        let span = &reply.spans[0];
        prop_assert!(!matches!(span.verdict, Verdict::Verbatim | Verdict::Omissions), "{:?}", span);
        if span.verdict == Verdict::Altered {
            prop_assert!(span.alerts().contains(&"changes a negation"), "{:?}", span);
        }
    }
}

#[test]
fn nothing_to_check_says_so() {
    for text in [
        "",
        "   ",
        "<@123> 🔥🔥 <a:dance:1>",
        "https://example.org/x",
        "@everyone",
    ] {
        let reply = verify(text);
        assert!(reply.spans.is_empty(), "{text:?}: {reply:?}");
        assert!(reply.note.is_some_and(|n| n.contains("at least 4 words")));
    }
}

#[test]
fn a_few_words_are_too_short() {
    let reply = verify("He called it “hot peace” and moved on.");
    assert_eq!(reply.spans.len(), 1);
    assert_eq!(reply.spans[0].verdict, Verdict::TooShort);
}

#[test]
fn more_than_five_quotations_are_counted_not_dropped() {
    let quotes: Vec<String> = (1..=7)
        .map(|n| {
            format!(
                "“{}”",
                paragraph(n)
                    .text
                    .split_whitespace()
                    .take(8)
                    .collect::<Vec<_>>()
                    .join(" ")
            )
        })
        .collect();
    let reply = verify(&quotes.join(" and "));
    assert_eq!(reply.spans.len(), MAX_SPANS);
    assert_eq!(reply.more, 2);
    assert!(reply.note.is_some_and(|n| n.contains("2 more were not")));
}

#[test]
fn a_four_thousand_character_message_is_checked() {
    let mut text = String::new();
    let mut n = 1;
    while text.chars().count() < 3900 {
        text.push_str(&paragraph(n).text);
        text.push(' ');
        n = n % paragraphs() + 1;
    }
    // Without its quotation marks, the whole message is the one quote.
    let text: String = text
        .chars()
        .filter(|c| !"\"“”‘’'«»".contains(*c))
        .take(4000)
        .collect();
    let reply = verify(&text);
    assert_eq!(reply.spans.len(), 1);
    // Several paragraphs run together: not one place, but nothing is invented either.
    assert_ne!(reply.spans[0].verdict, Verdict::TooShort);
    sources_are_verbatim(&reply).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_changed_number_is_called_out() {
    let reply = verify(
        "“The year 2019 became a turning point, leading to the cessation of the Russia-NATO mission”",
    );
    let span = &reply.spans[0];
    assert_eq!(span.verdict, Verdict::Altered, "{span:?}");
    assert!(span.alerts().contains(&"changes a number"), "{span:?}");
    assert!(
        span.differences
            .iter()
            .any(|d| d.quoted == "2019" && d.source == "2021")
    );
}
