//! Bad input is a feature: arbitrary text fed to every parser and command gets an answer or a
//! clear error — never a panic, never a stack overflow.

mod common;

use std::sync::OnceLock;

use citebot::Engine;
use citebot::commands::{Command, CommandError, CommandInput, OptionValue, parse_line, spec};
use citebot::search::{Request, query};
use proptest::prelude::*;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(common::engine)
}

/// tokio's worker threads have 2 MiB stacks; run hostile input on one of that size so a
/// recursion that would overflow in production overflows here too.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(f)
        .unwrap_or_else(|e| panic!("{e}"))
        .join()
        .unwrap_or_else(|_| panic!("panicked on a 2 MiB stack"))
}

/// An error must say something a user can act on.
fn assert_clear(error: &CommandError) {
    let message = error.to_string();
    assert!(message.len() > 10, "unclear error: {message:?}");
    assert!(
        message.len() < 2000,
        "error too long for Discord: {} bytes",
        message.len()
    );
}

fn answer(line: &str) {
    match engine().answer_line(line) {
        Ok(_) => {}
        Err(e) => assert_clear(&e),
    }
}

/// Text with the characters that break naive code: controls, right-to-left marks, combining
/// accents, quotes of every kind, query syntax, emoji, and the NUL character.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        any::<char>().prop_map(|c| c.to_string()),
        Just("\u{202E}".to_string()),
        Just("\u{200F}שלום".to_string()),
        Just("e\u{301}".to_string()),
        Just("\"".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just(" AND ".to_string()),
        Just(" OR ".to_string()),
        Just(" NOT ".to_string()),
        Just("-".to_string()),
        Just("+".to_string()),
        Just("*".to_string()),
        Just(":".to_string()),
        Just("count:".to_string()),
        Just("doc:".to_string()),
        Just("\0".to_string()),
        Just("\n".to_string()),
        Just("🦀".to_string()),
        Just("nato".to_string()),
        Just(" ".to_string()),
        Just("¶".to_string()),
    ];
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

fn command_name() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(
            spec::COMMANDS
                .iter()
                .map(|c| c.name.to_string())
                .collect::<Vec<_>>()
        ),
        any::<String>(),
    ]
}

fn option_value() -> impl Strategy<Value = OptionValue> {
    prop_oneof![
        any::<i64>().prop_map(OptionValue::Integer),
        hostile_text().prop_map(OptionValue::Text),
        any::<String>().prop_map(OptionValue::Text),
    ]
}

fn option_name() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "query",
            "doc",
            "count",
            "page",
            "section",
            "sentences",
            "paragraph",
            "command",
            "text",
            "url",
            "file",
            "title",
            "author",
            "published",
            "show"
        ])
        .prop_map(str::to_string),
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn console_lines_never_panic(text in hostile_text()) {
        let _ = parse_line(&text);
        answer(&text);
        answer(&format!("/quote {text}"));
        answer(&format!("/summary {text}"));
        answer(&format!("/cite {text}"));
        answer(&format!("/sections {text}"));
        answer(&format!("/pin {text}"));
        answer(&format!("/help {text}"));
    }

    #[test]
    fn any_string_never_panics(text in any::<String>()) {
        answer(&text);
        answer(&format!("/quote {text}"));
    }

    #[test]
    fn every_command_with_any_options(
        name in command_name(),
        options in prop::collection::vec((option_name(), option_value()), 0..5),
    ) {
        let input = CommandInput { name, options, local: false };
        match Command::from_input(&input) {
            Ok(command) => {
                if let Err(e) = engine().run(&command) {
                    assert_clear(&e);
                }
            }
            Err(e) => assert_clear(&e),
        }
    }

    #[test]
    fn the_query_parser_takes_anything(text in hostile_text()) {
        let _ = query::parse(&text);
        let _ = query::parse_strict(&text);
        let results = engine().search(Request { query: &text, doc: None, offset: 0, limit: 5, owners: None });
        prop_assert!(results.is_ok());
    }

    #[test]
    fn documents_of_any_bytes_load_or_are_reported(bytes in prop::collection::vec(any::<u8>(), 0..2000), text in hostile_text()) {
        use citebot::library::{Format, parse_document};
        let path = std::path::Path::new("doc.md");
        let html = format!("<html><head><title>{text}</title><meta charset=\"{text}\"></head><body><article><h1>{text}</h1><p>{text}</p><ul><li>{text}</ul><blockquote>{text}<table><tr><td>{text}</table></article>");
        // A headline with the site after it in <title>, and a byline in capitals beside an
        // author tag: what the citation is read from.
        let upper = text.to_uppercase();
        let cited = format!("<html><head><title>{text} - {text} | {upper}</title><meta name=\"author\" content=\"{text}\"></head><body><article><h1>{text}</h1><p>By {upper} {upper}</p><p>{text}</p></article>");
        // A book chapter's shapes: classed headings and terms, a definition list with a term
        // nothing defines, a note's mark and the note, a byline crediting an editor, a date.
        let chapter = format!("<html><body><h1 class=\"subheaders\"><a href=\"/\">{text}</a></h1><p>By {text} Edited by {text}</p><span>{text} 8:00am</span><article><dl><dt class=\"subheaders\">{text}</dt><dd><p>{text}<sup><a data-type=\"noteref\">1</a></sup></p><ul><li>{text}</li></ul></dd><dt>{text}</dt><dt>{text}</dt></dl><p data-type=\"footnote\">{text}</p><aside role=\"doc-endnotes\"><p>{text}</p></aside><p>{text}</p><dt>{text}</dt><a rel=\"author\">{text}</a><footer><p>Posted by {text}.</p><div>By {text}</div></footer></article>");
        // A wiki article's shapes: a short headline named by <title>, an "[edit]" link, a
        // heading's text in a span with an id, reference marks, a quoted list, a footer date;
        // and a news story's closing notes (a reporters' note, an author card, contributors).
        let wiki = format!("<html><head><title>{text} - {text}</title></head><body><h1 id=\"firstHeading\">{text}</h1><p>{text}<sup class=\"reference\">[{text}]</sup></p><h2><span id=\"Community\">{text}</span><span>[<a>edit</a>]</span></h2><blockquote><p>{text}</p><ul><li>{text}</li><li>[{text}]</li></ul>{text}</blockquote><p>{text} reported from {text}.</p><p>{text}</p><p>{text} is {text}.</p><p>{text} and {text} contributed.</p><div id=\"footer\"><ul><li>This page was last modified on {text}, at {text}.</li></ul></div></body></html>");
        // A Medium story's shapes: a standfirst heading its description repeats (or begins),
        // a picture credit naming its picture, a follow line.
        let medium = format!("<html><head><title>{text} — {text} — Medium</title><meta name=\"description\" content=\"{text}…\"></head><body><article><h2>{text}</h2><h4>{text} {text}</h4><figure><img src=\"a.png\"><figcaption>{text}</figcaption></figure><p>{text}</p><p>Top photo by {text}</p><p>Follow {text}: Twitter | Facebook</p></article></body></html>");
        // Stop 19's shapes: a standfirst under a time line, a bold subheading, short lines
        // between paragraphs (which Readability may leave out), a newsletter box and its form
        // label, a note that the piece appeared elsewhere, a blog's closing posted-on line.
        let blog = format!("<html><head><title>{text} - {text}</title><meta name=\"description\" content=\"{text}\"><meta name=\"author\" content=\"{text}\"></head><body><div><h1>{text}</h1><p><time>{text}</time></p><h2 itemprop=\"description\">{text}</h2><p>{text} {text} {text}.</p><p><strong>{text}</strong></p><p>{text}.</p><p>{text}:</p><p><em>{text}</em></p><p>{text} {text}.</p><section><h2>{text} newsletter.</h2><label>{text}</label><form><input></form></section><p><b>{text}</b></p><p><em>This article originally appeared on {text}.</em></p><p>Posted on {text} by {text}.</p><p>{text}</p></div></body></html>");
        // And a news page's: a byline with a day but no year, a link in brackets, a map's
        // label, a picture alone between paragraphs, an address with a date in it.
        let news = format!("<html><head><title>{text}</title><link rel=\"canonical\" href=\"https://example.org/{text}/2015/03/18/{text}\"></head><body><article><h1>{text}</h1><p>By {text} March 18 at {text} Follow</p><p>{text} {text}.</p><p><i>[<a href=\"/x\">{text}</a>]</i></p><p>Map: {text}</p><p><img src=\"m.jpg\"></p><p>{text}.</p><div><p><a><img src=\"t.jpg\"></a></p><div><div></div>{text}</div></div><p>Story continues below advertisement</p><p>{text}</p></article></body></html>");
        for format in [Format::Markdown, Format::Text, Format::Html] {
            for input in [bytes.as_slice(), text.as_bytes(), html.as_bytes(), cited.as_bytes(), chapter.as_bytes(), wiki.as_bytes(), medium.as_bytes(), blog.as_bytes(), news.as_bytes()] {
                match parse_document(path, format, input, None) {
                    Ok(doc) => {
                        prop_assert!(!doc.paragraphs.is_empty());
                        for p in &doc.paragraphs {
                            for r in &p.sentences {
                                prop_assert!(p.text.get(r.clone()).is_some());
                            }
                        }
                    }
                    Err(e) => prop_assert!(e.to_string().starts_with("doc.md")),
                }
            }
            let sidecar = std::path::Path::new("doc.toml");
            let _ = parse_document(path, format, b"Some text.\n", Some((sidecar, text.as_bytes())));
        }
    }

    #[test]
    fn front_matter_of_any_shape(body in hostile_text()) {
        use citebot::library::{Format, parse_document};
        let doc = format!("---\n{body}\n---\n\nA paragraph.\n");
        let _ = parse_document(std::path::Path::new("x.md"), Format::Markdown, doc.as_bytes(), None);
    }

    #[test]
    fn configuration_of_any_text(text in hostile_text()) {
        let _ = citebot::config::Config::from_toml(&text);
    }

    #[test]
    fn command_line_arguments(args in prop::collection::vec(hostile_text(), 0..6)) {
        use clap::Parser;
        let argv = std::iter::once("citebot".to_string()).chain(args);
        let _ = citebot::cli::Cli::try_parse_from(argv);
    }
}

#[test]
fn five_thousand_nested_parentheses() {
    for hostile in [
        "(".repeat(5000),
        ")".repeat(5000),
        format!("{}nato{}", "(".repeat(5000), ")".repeat(5000)),
        "\"(".repeat(2500),
        "-".repeat(5000) + "nato",
        "NOT ".repeat(2000) + "nato",
        "a AND ".repeat(2000) + "b",
    ] {
        let line = format!("/quote {hostile}");
        let query = hostile.clone();
        on_small_stack(move || {
            let engine = engine();
            // Through the command: rejected for length, clearly.
            let error = engine
                .answer_line(&line)
                .err()
                .unwrap_or_else(|| panic!("accepted {} chars", line.len()));
            assert!(error.to_string().contains("limit is 200"), "{error}");
            // Straight into the search layer: read as plain words, no overflow.
            let results = engine
                .search(Request {
                    query: &query,
                    doc: None,
                    offset: 0,
                    limit: 5,
                    owners: None,
                })
                .unwrap_or_else(|e| panic!("{e}"));
            let _ = results.total;
        });
    }
}

#[test]
fn deep_nesting_within_the_length_limit() {
    // 99 "(" and 99 ")" around a word: within 200 characters, deeper than the nesting cap.
    let line = format!("/quote {}nato{}", "(".repeat(96), ")".repeat(96));
    on_small_stack(move || {
        let reply = engine()
            .answer_line(&line)
            .unwrap_or_else(|e| panic!("{e}"));
        let Some(citebot::commands::Reply::Quote(quote)) = reply else {
            panic!("not a quote")
        };
        assert!(quote.total > 0, "read as plain words, nato still matches");
    });
}

#[test]
fn a_lone_star_matches_nothing() {
    for q in ["*", "* *", "(*)", "\"*\""] {
        let results = engine()
            .search(Request {
                query: q,
                doc: None,
                offset: 0,
                limit: 5,
                owners: None,
            })
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(results.total, 0, "{q} matched {}", results.total);
    }
}

#[test]
fn ten_thousand_characters() {
    let long = "détente ".repeat(1250);
    let error = engine().answer_line(&format!("/quote {long}")).err();
    assert!(
        error.is_some_and(|e| e.to_string().contains("10000 characters")
            || e.to_string().contains("limit is 200"))
    );
    let error = engine().answer_line(&format!("/summary {long}")).err();
    assert!(error.is_some_and(|e| e.to_string().contains("limit is 100")));
}

/// Paragraphs (all of them, not a page) that `query` finds.
fn found(query: &str) -> std::collections::BTreeSet<usize> {
    engine()
        .search(Request {
            query,
            doc: None,
            offset: 0,
            limit: 100,
            owners: None,
        })
        .unwrap_or_else(|e| panic!("{query}: {e}"))
        .hits
        .iter()
        .map(|h| h.paragraph)
        .collect()
}

/// tantivy 0.27 seeks an excluded phrase backwards (quickwit-oss/tantivy#2811): a panic in debug
/// builds, first found by `the_query_parser_takes_anything` as `""nato"""" NOT nato-nato`.
/// Excluding a phrase must remove exactly the paragraphs holding it, wherever they fall.
#[test]
fn excluding_a_phrase_removes_exactly_its_paragraphs() {
    for (word, phrase) in [
        ("nato", "hot peace"),
        ("war", "cold war"),
        ("russia", "cold war"),
        ("\"cold war\"", "hot peace"),
        ("zelensky", "white house"),
        ("nato", "nato nato"),
        ("trump", "rare earth"),
    ] {
        let expected: std::collections::BTreeSet<usize> = found(word)
            .difference(&found(&format!("\"{phrase}\"")))
            .copied()
            .collect();
        for query in [
            format!("{word} -\"{phrase}\""),
            format!("{word} NOT \"{phrase}\""),
            format!("{word} AND NOT \"{phrase}\""),
            format!("(x OR {word}) -\"{phrase}\""),
        ] {
            assert_eq!(found(&query), expected, "{query}");
        }
    }
    assert_eq!(found("\"\"nato\"\"\"\" NOT nato-nato"), found("nato"));
}

/// Words of the article, and word pairs that stand side by side in it (so phrases often match).
const WORDS: &[&str] = &[
    "nato",
    "russia",
    "china",
    "trump",
    "putin",
    "war",
    "cold",
    "peace",
    "hot",
    "europe",
    "sanctions",
    "deal",
    "ukraine",
    "security",
    "white",
    "house",
    "zelensky",
    "power",
];
const PAIRS: &[&str] = &[
    "cold war",
    "hot peace",
    "white house",
    "national security",
    "rare earth",
    "new deal",
    "russian political",
    "united states",
    "peace talks",
    "war in",
    "china and",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// `A -"P"` finds what `A` finds, less what `"P"` finds; also with several exclusions, under
    /// `NOT`, and inside a group.
    #[test]
    fn exclusions_remove_exactly_what_they_name(
        positive in prop::collection::vec(prop::sample::select(WORDS), 1..3),
        excluded in prop::collection::vec(
            prop_oneof![
                prop::sample::select(PAIRS).prop_map(|p| format!("\"{p}\"")),
                prop::sample::select(WORDS).prop_map(str::to_string),
            ],
            1..3,
        ),
        grouped in any::<bool>(),
    ) {
        let positive = positive.join(" ");
        let mut expected = found(&positive);
        for e in &excluded {
            let gone = found(e);
            expected.retain(|p| !gone.contains(p));
        }
        let minus: Vec<String> = excluded.iter().map(|e| format!("-{e}")).collect();
        let query = if grouped {
            format!("({positive}) {}", minus.join(" "))
        } else {
            format!("{positive} {}", minus.join(" "))
        };
        prop_assert_eq!(found(&query), expected, "{}", query);
    }
}
